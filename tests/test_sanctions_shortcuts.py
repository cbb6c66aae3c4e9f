"""The sanctions stage's shortcuts give what the general path gives: a penal range's words
remembered per range equal the words rendered afresh, a single ground's chain read without
the walk equals the walk's, and a routing planned once per set of kinds of act names a
case's acts in its own order (session 10 of docs/performance.md)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from _profiles import examples
from _routing_oracle import routed_afresh
from netralitas_rules import Case, evaluate
from netralitas_rules.regulation import Combination, Penalty, PenaltyKind
from netralitas_rules.sanctions import route, shipped_routing
from netralitas_rules.sanctions.grounds import chain_reaching, chains_above, firmest
from netralitas_rules.sanctions.memo import forget, memo_for
from netralitas_rules.sanctions.models import GroundKind, TierGround
from netralitas_rules.sanctions.tracks import _DESCRIBED, described
from netralitas_rules.testing import strategies
from netralitas_rules.vocabulary import Certainty, Tier

DAYS = st.dates(min_value=dt.date(2014, 1, 1), max_value=dt.date(2030, 12, 31))

MONTHS = st.integers(0, 240)
RUPIAH = st.integers(0, 10_000_000_000)
PENALTIES = st.builds(
    Penalty,
    kind=st.sampled_from(PenaltyKind),
    min_months=st.none() | MONTHS,
    max_months=MONTHS,
    combination=st.sampled_from(Combination),
    fine_min_rupiah=st.none() | RUPIAH,
    fine_max_rupiah=RUPIAH,
)


@settings(max_examples=examples(200))
@given(penalty=PENALTIES, others=st.lists(PENALTIES, max_size=4))
def test_a_remembered_penal_range_reads_as_rendered_afresh(
    penalty: Penalty, others: list[Penalty]
) -> None:
    """After other ranges (and this one) were remembered, a range's words, and those of a
    copy equal in content, are the words rendered with nothing remembered."""
    afresh = (penalty.describe("id"), penalty.describe("en"))
    _DESCRIBED.clear()
    for other in others:
        assert described(other) == (other.describe("id"), other.describe("en"))
    assert described(penalty) == afresh
    assert described(penalty.model_copy()) == afresh


GROUNDS = st.builds(
    TierGround,
    kind=st.sampled_from(GroundKind),
    tier=st.sampled_from(Tier),
    activity_id=st.none() | st.sampled_from(["", "a1", "a2"]),
    source=st.sampled_from(["repeat", "combination:heaviest", "PP 94/2021 Pasal 14"]),
    provision_id=st.none() | st.just("p"),
    certainty=st.none() | st.sampled_from(Certainty),
)


def _walked(found: list[TierGround], tier: Tier) -> tuple[TierGround, ...] | None:
    # The general path of chain_reaching, which its shortcut for one ground must match.
    below = {t.rank: t for t in Tier}.get(tier.rank - 1)
    best = firmest([c for c in chains_above(found, below) if c[-1].tier is tier])
    return tuple(best) if best is not None else None


@settings(max_examples=examples(300))
@given(found=st.lists(GROUNDS, min_size=1, max_size=4), tier=st.sampled_from(Tier))
def test_the_chain_reaching_a_tier_is_the_walk_s(found: list[TierGround], tier: Tier) -> None:
    """One ground or several, the chain chain_reaching gives is the one the walk over every
    chain gives."""
    assert chain_reaching(found, tier) == _walked(found, tier)


@settings(max_examples=examples(60))
@given(case=strategies.cases(min_activities=2), day=DAYS, data=st.data())
def test_a_routing_planned_for_acts_in_another_order_follows_this_case_s_order(
    case: Case, day: dt.date, data: st.DataObject
) -> None:
    """A routing plan is made once per set of kinds of act (stretch of days and tracks): a
    case routed after a copy whose acts come in another order, or after a case with fewer
    acts of the same kinds, lists its acts and its supervisors' steps in its own order, as
    the routing worked out afresh does."""
    order = data.draw(st.permutations(range(len(case.activities))))
    shuffled = case.model_copy(update={"activities": tuple(case.activities[i] for i in order)})
    fewer = case.model_copy(update={"activities": case.activities[: len(case.activities) // 2]})
    routing = shipped_routing()
    forget()
    for other in (shuffled, fewer):
        route(evaluate(other), other, routing=routing, as_of=day)
    report = evaluate(case)
    remembered = route(report, case, routing=routing, as_of=day)
    assert remembered == routed_afresh(report, case, routing, day)


@settings(max_examples=examples(150))
@given(case=strategies.cases(min_activities=2), as_of=DAYS, data=st.data())
def test_acts_either_side_of_the_routing_s_dates_are_named_in_the_case_s_order(
    case: Case, as_of: dt.date, data: st.DataObject
) -> None:
    """Acts dated on either side of the dates the routing data writes (a supervisor's
    window, the switch, a basis in force) make several supervisor steps of one step: after
    other cases' plans, they come in the order of the first act each concerns, with the
    acts in the case's order, as the routing worked out afresh gives them."""
    routing = shipped_routing()
    edges = sorted(memo_for(routing).boundaries)
    report = evaluate(case)
    dated = {a.id: data.draw(st.sampled_from(edges) | DAYS, label=a.id) for a in case.activities}
    findings = tuple(
        f.model_copy(update={"activity_date": dated[f.activity_id]}) for f in report.findings
    )
    report = report.model_copy(update={"findings": findings})
    forget()
    for _ in range(data.draw(st.integers(0, 3), label="others")):
        others = data.draw(st.permutations(findings), label="other order")
        other = report.model_copy(update={"findings": tuple(others)})
        route(other, case, routing=routing, as_of=as_of)
    remembered = route(report, case, routing=routing, as_of=as_of)
    assert remembered == routed_afresh(report, case, routing, as_of)
