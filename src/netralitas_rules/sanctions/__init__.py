"""The sanctions stage: from a report and its case, what must be imposed, by whom, whether
the officials are conflicted, and whether what was imposed is enough.

Data flows one way: findings -> recommendation -> routing, conflicts, audit -> the
assessment, which :mod:`netralitas_rules.assessed` carries beside the report as a typed field
for every output to read. Choices the law found does not make are data
(``netralitas_rules/data``) and are labelled as policy in every output.

>>> from netralitas_rules import evaluate, load_case
>>> from netralitas_rules.sanctions import assess
>>> case = load_case("examples/muaro-jambi-2019.yaml")  # doctest: +SKIP
>>> assess(evaluate(case), case).audit.overall  # doctest: +SKIP
<Verdict.UNDER_SANCTIONED: 'under_sanctioned'>
"""

from __future__ import annotations

import datetime as dt

from ..findings import Report
from ..loader import RegulationSet
from ..models import Case
from ..regulation import penalty_text
from .audit import audit, form_tier, imposed_tier
from .conflicts import find_conflicts, find_risks
from .consulted import no_match
from .data import (
    CombinationRule,
    Policy,
    RoutingData,
    load_policy,
    parse_policy,
    shipped_policy,
    shipped_regulations,
    shipped_routing,
)
from .models import (
    Basis,
    Conflict,
    ConflictKind,
    GroundKind,
    LawChange,
    PenaltyChange,
    PenaltyChoice,
    Risk,
    RiskKind,
    Routing,
    TrackRecommendation,
)
from .possible import possible_outcome, split_possible
from .recommendation import escalate, recommend
from .routing import route
from .text import render_assessment
from .verdicts import Assessment, Audit, NoMatch, TrackAudit, Verdict


def assess(
    report: Report,
    case: Case,
    *,
    regs: RegulationSet | None = None,
    policy: Policy | None = None,
    routing: RoutingData | None = None,
    as_of: dt.date | None = None,
) -> Assessment:
    """Recommendation, routing, conflicts, risks and audit for a case and its report.

    ``regs`` must be the regulations the report was evaluated with (shipped by default);
    ``as_of`` is the day of handling, for days elapsed and successor authorities (today by
    default).
    """
    regs = regs if regs is not None else shipped_regulations()
    policy = policy or shipped_policy()
    routing = routing or shipped_routing()
    day = as_of or dt.date.today()
    full = report
    # The verdict rests on met findings; possible ones (unknown facts) are named beside it.
    report, possible = split_possible(full)
    recs = recommend(report, case, regs=regs, policy=policy, routing=routing, as_of=day)
    if_met = possible_outcome(
        full,
        possible,
        lambda r: recommend(r, case, regs=regs, policy=policy, routing=routing, as_of=day),
    )
    return Assessment.model_construct(
        recommendations=recs,
        routing=route(report, case, routing=routing, as_of=day),
        conflicts=find_conflicts(report, case, policy=policy, routing=routing, as_of=day),
        risks=find_risks(report, case, policy=policy),
        audit=audit(recs, case, regs=regs, as_of=day),
        no_match=no_match(full, regs),
        possible=if_met,
    )


__all__ = [
    "Assessment",
    "Audit",
    "Basis",
    "CombinationRule",
    "Conflict",
    "ConflictKind",
    "GroundKind",
    "LawChange",
    "NoMatch",
    "PenaltyChange",
    "PenaltyChoice",
    "Policy",
    "Risk",
    "RiskKind",
    "Routing",
    "RoutingData",
    "TrackAudit",
    "TrackRecommendation",
    "Verdict",
    "assess",
    "audit",
    "escalate",
    "find_conflicts",
    "find_risks",
    "form_tier",
    "imposed_tier",
    "load_policy",
    "no_match",
    "parse_policy",
    "penalty_text",
    "recommend",
    "render_assessment",
    "route",
    "shipped_policy",
    "shipped_routing",
]
