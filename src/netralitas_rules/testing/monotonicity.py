"""Monotonicity: a more serious act is never judged lighter.

Three properties, each a check on the generated examples of :mod:`._base`:

* ``monotonicity`` (act level): an aggravating fact (:data:`AGGRAVATIONS`) added to one act
  never lowers the highest DISIPLIN tier found for that act, toward each candidate.
* ``case monotonicity``: an aggravating fact (:data:`CASE_AGGRAVATIONS`) added to one act
  never lowers the case-level answer (:class:`CaseAnswer`).
* ``partisan act not lighter``: a partisan act (:data:`PARTISAN_KINDS`) toward a bakal calon
  is never judged lighter than attending a campaign toward the same bakal calon on the same
  day, the act otherwise unchanged.

The case-level answer (:class:`.answer.CaseAnswer`) is read from the sanctions stage
(``sanctions.assess``), never judged again here: whether a PIDANA track is recommended, the
heaviest administrative track (ETIK < DISIPLIN < STATUS_KEPEGAWAIAN), and the DISIPLIN
recommendation's tier.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable, Sequence

from hypothesis import settings

from ..conditions import as_date, leaves
from ..engine import get_engine
from ..facts import standing
from ..findings import Finding
from ..loader import RegulationSet
from ..models import Activity, Case
from ..models.unknown import day_of
from ..problemtext import Text
from ..vocabulary import ActivityKind, CandidateStanding, Track
from ._base import (
    Checker,
    Drawn,
    PropertyViolationError,
    Rules,
    case_text,
    compiled,
    examples,
    for_all,
    regulations,
)
from .aggravations import (
    AGGRAVATIONS,
    CASE_AGGRAVATIONS,
    Aggravation,
    CaseAggravation,
    with_act,
)
from .answer import case_answerer, lowered
from .differences import toward
from .words import Named, day_or_value, kind_name

__all__ = [
    "AGGRAVATIONS",
    "CASE_AGGRAVATIONS",
    "PARTISAN_KINDS",
    "Aggravation",
    "CaseAggravation",
    "act_monotonicity",
    "case_monotonicity",
    "check_case_monotonicity",
    "check_monotonicity",
    "check_partisan_act_not_lighter",
    "law_edges",
    "partisan_act_not_lighter",
]

# --------------------------------------------------------------------------- act level


def _highest(findings: Iterable[Finding]) -> dict[tuple[str, str | None], tuple[int, Text]]:
    top: dict[tuple[str, str | None], tuple[int, Text]] = {}
    for f in findings:
        if f.track is not Track.DISIPLIN:
            continue
        rank = f.tier.rank if f.tier else 0
        key = (f.activity_id, f.candidate_id)
        tier = (
            Text("property.discipline_tier", tier=Named("tier", f.tier.value))
            if f.tier
            else Text("property.no_tier")
        )
        label = Text("property.tier_label", tier=tier, provision=f.provision_id)
        if key not in top or rank > top[key][0]:
            top[key] = (rank, label)
    return top


def act_monotonicity(rules: Rules, aggravations: Sequence[Aggravation] = AGGRAVATIONS) -> Checker:
    """An aggravating fact added to one act never lowers the highest discipline tier found
    for that act (toward each candidate), nor removes the discipline finding."""
    engine = get_engine("python", compiled(rules))

    def check(drawn: Drawn) -> None:
        case = drawn.case
        before = _highest(engine.evaluate(case).findings)
        for act in case.activities:
            for agg in aggravations:
                worse = agg.apply(act)
                if worse is None:
                    continue
                after = _highest(engine.evaluate(with_act(case, act, worse)).findings)
                for key, (rank, label) in before.items():
                    if key[0] != act.id:
                        continue
                    new_rank, new_label = after.get(key, (-1, Text("property.no_discipline")))
                    if new_rank < rank:
                        raise PropertyViolationError(
                            Text(
                                "property.monotonicity",
                                case=case.id,
                                activity=act.id,
                                kind=kind_name(act.kind.value),
                                toward=toward(key[1]),
                                before=label,
                                aggravation=agg.description,
                                fact=agg.fact,
                                after=new_label,
                                data=case_text(case),
                            )
                        )

    return check


def check_monotonicity(
    rules: Rules,
    chosen: settings | None = None,
    aggravations: Sequence[Aggravation] = AGGRAVATIONS,
) -> None:
    """An aggravating fact added to one act never lowers the highest discipline tier found
    for that act (toward each candidate), nor removes the discipline finding."""
    for_all(examples(rules), act_monotonicity(rules, aggravations), chosen)


# --------------------------------------------------------------------------- case level


def law_edges(regs: RegulationSet) -> tuple[dt.date, ...]:
    """Days on which the law an act is judged under may change: each version's first day and
    end, and each day a provision compares ``activity.date`` with (and the day after)."""
    days: set[dt.date] = set()
    for reg in regs.versions:
        days.add(reg.version.effective_from)
        if reg.version.superseded_on is not None:
            days.add(reg.version.superseded_on)
    for _reg, prov in regs.provisions():
        for leaf in leaves(prov.when):
            if leaf.fact != "activity.date":
                continue
            values = leaf.value if isinstance(leaf.value, tuple) else (leaf.value,)
            for value in values:
                day = as_date(value)
                if day is not None:
                    days.update((day, day + dt.timedelta(days=1)))
    return tuple(sorted(days))


def _same_law(edges: Sequence[dt.date], case: Case, other: Case) -> bool:
    dates = {a.id: day_of(a.date) for a in case.activities}
    return all(
        bisect_right(edges, dates[a.id]) == bisect_right(edges, day_of(a.date))
        for a in other.activities
        if a.id in dates
    )


def _describe_act(act: Activity) -> Text:
    return Text(
        "property.act",
        activity=act.id,
        kind=kind_name(act.kind.value),
        toward=toward(", ".join(act.candidate_ids)),
        date=day_or_value(act.date),
    )


def case_monotonicity(
    rules: Rules, aggravations: Sequence[CaseAggravation] = CASE_AGGRAVATIONS
) -> Checker:
    """An aggravating fact added to one act never makes the case's answer lighter: the
    PIDANA track never disappears, the heaviest administrative track never falls, and while
    DISIPLIN is the heaviest with a tier on both sides the tier never falls.

    An aggravation that moves an act's date is checked only when no version begins or ends
    and no provision's date threshold lies between the two days: the law in force then
    differs (PP 53/2010 before 31 August 2021, PP 94/2021 from it), and a later law may
    legitimately judge the same conduct lighter. The date moves only forward, so an earlier
    sanction of the same nature (repeat escalation) is never lost.
    """
    answer = case_answerer(rules)
    edges = law_edges(regulations(rules))

    def check(drawn: Drawn) -> None:
        case = drawn.case
        before = answer(case)
        for act in case.activities:
            for agg in aggravations:
                worse = agg.apply(case, act)
                if worse is None or not _same_law(edges, case, worse):
                    continue
                after = answer(worse)
                how = lowered(before, after)
                if how is not None:
                    raise PropertyViolationError(
                        Text(
                            "property.case_monotonicity",
                            case=case.id,
                            before=before.text,
                            act=_describe_act(act),
                            aggravation=agg.description,
                            fact=agg.fact,
                            after=after.text,
                            how=how,
                            data=case_text(case),
                        )
                    )

    return check


# --------------------------------------------------------------------------- partisan act


PARTISAN_KINDS: tuple[ActivityKind, ...] = (
    ActivityKind.PARTISAN_GATHERING,
    ActivityKind.GOODS_GIVING,
    ActivityKind.FAVOURING_DECISION,
    ActivityKind.ASN_MOBILISATION,
    ActivityKind.STATE_FACILITY_USE,
    ActivityKind.FUND_RAISING,
    ActivityKind.KTP_SUPPORT_COLLECTION,
    ActivityKind.CAMPAIGN_ORGANISER,
)
"""Acts of partisanship beyond attendance (the kinds of PP 42/2004 Pasal 11 huruf c toward a
bakal calon, pp42-11-c-bakal-calon)."""


def partisan_act_not_lighter(
    rules: Rules, kinds: Sequence[ActivityKind] = PARTISAN_KINDS
) -> Checker:
    """A partisan act toward a bakal calon is never judged lighter than campaign attendance
    toward the same bakal calon on the same day: for each act of the case with a target who
    is a bakal calon on its date, the case with that act made a campaign_attendance toward
    him alone is judged no heavier than the case with it made each partisan kind instead,
    every other fact of the act (and every other act) unchanged.

    Skipped when the ASN was sanctioned for attendance before that day: a repeat of the same
    nature escalates the attendance (sanction policy), and the partisan act is no repeat.
    """
    answer = case_answerer(rules)

    def check(drawn: Drawn) -> None:
        case = drawn.case
        for act in case.activities:
            cid = next(
                (
                    c
                    for c in act.candidate_ids
                    if standing(case.election, case.candidate(c), day_of(act.date))
                    is CandidateStanding.BAKAL_CALON
                ),
                None,
            )
            if cid is None or any(
                p.nature is ActivityKind.CAMPAIGN_ATTENDANCE and p.date < day_of(act.date)
                for p in case.asn.prior_sanctions
            ):
                continue
            toward = {"candidate_ids": (cid,)}
            attending = act.model_copy(update={**toward, "kind": ActivityKind.CAMPAIGN_ATTENDANCE})
            base = answer(with_act(case, act, attending))
            for kind in kinds:
                partisan = act.model_copy(update={**toward, "kind": kind})
                other = answer(with_act(case, act, partisan))
                how = lowered(base, other)
                if how is not None:
                    raise PropertyViolationError(
                        Text(
                            "property.partisan_act",
                            case=case.id,
                            act=_describe_act(attending),
                            before=base.text,
                            kind=kind_name(kind.value),
                            after=other.text,
                            how=how,
                            data=case_text(with_act(case, act, attending)),
                        )
                    )

    return check


def check_case_monotonicity(
    rules: Rules,
    chosen: settings | None = None,
    aggravations: Sequence[CaseAggravation] = CASE_AGGRAVATIONS,
) -> None:
    """An aggravating fact added to one act never makes the case's answer lighter (see
    :func:`case_monotonicity`)."""
    for_all(examples(rules), case_monotonicity(rules, aggravations), chosen)


def check_partisan_act_not_lighter(
    rules: Rules,
    chosen: settings | None = None,
    kinds: Sequence[ActivityKind] = PARTISAN_KINDS,
) -> None:
    """A partisan act toward a bakal calon is never lighter than attendance toward him on the
    same day (see :func:`partisan_act_not_lighter`)."""
    for_all(examples(rules), partisan_act_not_lighter(rules, kinds), chosen)
