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
from collections.abc import Sequence

from ..findings import Report
from ..loader import RegulationSet
from ..models import Case
from ..regulation import penalty_text
from .audit import audit as _audit
from .audit import form_tier, imposed_tier
from .conflicts import find_conflicts, find_risks
from .data import (
    CombinationRule,
    Policy,
    RoutingData,
    load_policy,
    parse_policy,
    shipped_policy,
    shipped_routing,
)
from .models import (
    Assessment,
    Audit,
    Basis,
    Conflict,
    ConflictKind,
    Risk,
    RiskKind,
    Routing,
    TrackAudit,
    TrackRecommendation,
    Verdict,
)
from .recommendation import escalate
from .recommendation import recommend as _recommend
from .routing import route
from .text import render_assessment


def _shipped_regulations() -> RegulationSet:
    # The engine compiles the shipped corpus once; reuse its regulation set.
    from ..engine import get_engine

    return get_engine().rules.regulations


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
    regs = regs if regs is not None else _shipped_regulations()
    policy = policy or shipped_policy()
    routing = routing or shipped_routing()
    day = as_of or dt.date.today()
    recs = _recommend(report, case, regs=regs, policy=policy, routing=routing)
    return Assessment(
        recommendations=recs,
        routing=route(report, case, routing=routing, as_of=day),
        conflicts=find_conflicts(report, case, policy=policy, routing=routing, as_of=day),
        risks=find_risks(report, case, policy=policy),
        audit=_audit(recs, case, regs=regs, as_of=day),
    )


def recommend(
    report: Report,
    case: Case,
    *,
    regs: RegulationSet | None = None,
    policy: Policy | None = None,
    routing: RoutingData | None = None,
) -> tuple[TrackRecommendation, ...]:
    """One recommendation per track the report's findings open (shipped regulations, policy
    and routing by default; ``regs`` must be the ones the report was evaluated with)."""
    return _recommend(
        report,
        case,
        regs=regs if regs is not None else _shipped_regulations(),
        policy=policy or shipped_policy(),
        routing=routing or shipped_routing(),
    )


def audit(
    recs: Sequence[TrackRecommendation],
    case: Case,
    *,
    regs: RegulationSet | None = None,
    as_of: dt.date | None = None,
) -> Audit:
    """Whether the sanctions the case records as imposed match ``recs`` (shipped regulations
    by default; ``as_of`` the day of handling, today by default)."""
    return _audit(
        recs,
        case,
        regs=regs if regs is not None else _shipped_regulations(),
        as_of=as_of or dt.date.today(),
    )


__all__ = [
    "Assessment",
    "Audit",
    "Basis",
    "CombinationRule",
    "Conflict",
    "ConflictKind",
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
    "parse_policy",
    "penalty_text",
    "recommend",
    "render_assessment",
    "route",
    "shipped_policy",
    "shipped_routing",
]
