"""The yardstick of bench (a): the hand-written PP 94/2021 evaluator agrees with the engine
on any fact record, not only on the bench corpus (it once lacked the spouse exception the
rule file has, which the corpus never exercised)."""

from __future__ import annotations

from typing import Any

from bench import baseline
from hypothesis import given, settings
from hypothesis import strategies as st

from _profiles import examples
from netralitas_rules.engine import get_engine
from netralitas_rules.testing.strategies import fact_records
from netralitas_rules.vocabulary import ActivityKind

ENGINE = get_engine("python")
DAYS = st.integers(738033 - 400, 738033 + 2000)  # around PP 94/2021's first day


@st.composite
def _records(draw: st.DrawFn) -> dict[str, Any]:
    record = draw(fact_records())
    record["activity.kind"] = draw(st.sampled_from([k.value for k in ActivityKind]))
    if draw(st.booleans()):  # the spouse exception's facts, often together
        record["candidate.kinship_with_asn"] = ("spouse",)
        record["asn.on_unpaid_leave"] = draw(st.booleans())
        record["activity.active_support"] = draw(st.booleans())
        record["candidate.standing"] = "CALON"
        record["activity.campaign_phase"] = "during_campaign"
    return record


@settings(max_examples=examples(1000))
@given(_records(), DAYS)
def test_baseline_matches_what_the_engine_matches(record: dict[str, Any], day: int) -> None:
    subset = set(baseline.PROVISIONS)
    want = sorted(r.id for r in ENGINE.match(record, day) if r.id in subset)
    assert sorted(baseline.match(record, day)) == want
