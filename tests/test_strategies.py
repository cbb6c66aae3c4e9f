"""Properties of the public hypothesis strategies: what they draw is valid and constrained."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _profiles import examples
from netralitas_rules import (
    ASN,
    Activity,
    Candidate,
    Case,
    Election,
    load_regulations,
    shipped_election,
)
from netralitas_rules.conditions import Condition, leaves, parse_condition, to_data
from netralitas_rules.elections import shipped_elections
from netralitas_rules.facts import FACTS, fact_record
from netralitas_rules.testing.strategies import (
    activities,
    asn,
    candidates,
    cases,
    conditions,
    edge_dates,
    edge_days,
    elections,
    fact_records,
    inline_elections,
    regulation_edges,
    relationships,
)
from netralitas_rules.vocabulary import ActivityKind, AsnStatus, ElectionKind, Office, StageKind


def _revalidated(case: Case) -> Case:
    return Case.model_validate(case.model_dump())


@given(cases())
def test_generated_cases_validate_again_from_their_data(case: Case) -> None:
    """A generated case survives a dump and re-validation unchanged."""
    assert _revalidated(case) == case


@given(cases(max_activities=6))
def test_generated_cases_have_unique_ids_and_known_targets(case: Case) -> None:
    """Activity and candidate ids are unique and every target is a candidate of the case."""
    act_ids = [a.id for a in case.activities]
    cand_ids = [c.id for c in case.candidates]
    assert len(set(act_ids)) == len(act_ids)
    assert len(set(cand_ids)) == len(cand_ids)
    for act in case.activities:
        assert set(act.candidate_ids) <= set(cand_ids)
        assert len(set(act.candidate_ids)) == len(act.candidate_ids)
        assert act.asn_id in (None, case.asn.id)


@given(
    cases(
        election="pemilu-2024",
        activity_kinds=["goods_giving", ActivityKind.CANDIDACY],
        status="PPPK",
        min_activities=2,
        max_activities=4,
    )
)
def test_cases_respect_their_constraints(case: Case) -> None:
    """Election, activity kinds, ASN status and the number of acts follow the arguments."""
    assert case.election.id == "pemilu-2024"
    assert case.asn.status is AsnStatus.PPPK
    assert 2 <= len(case.activities) <= 4
    assert {a.kind for a in case.activities} <= {
        ActivityKind.GOODS_GIVING,
        ActivityKind.CANDIDACY,
    }


@given(cases(election="pilkada-2020", with_penetapan=True, max_candidates=2))
def test_candidates_with_penetapan_all_carry_a_date_and_a_pilkada_office(case: Case) -> None:
    """with_penetapan=True gives every candidate his own date and offices fit the election."""
    assert len(case.candidates) <= 2
    for cand in case.candidates:
        assert cand.penetapan_date is not None
        assert cand.office in {
            Office.GUBERNUR,
            Office.WAKIL_GUBERNUR,
            Office.BUPATI,
            Office.WAKIL_BUPATI,
            Office.WALI_KOTA,
            Office.WAKIL_WALI_KOTA,
        }


@given(cases(with_penetapan=False, with_relationships=False))
def test_candidates_without_penetapan_and_no_relationships(case: Case) -> None:
    """with_penetapan=False leaves the date to the calendar; with_relationships=False none."""
    assert all(c.penetapan_date is None for c in case.candidates)
    assert case.relationships == ()


@given(cases(election=inline_elections(), max_activities=2))
def test_cases_over_inline_calendars_validate(case: Case) -> None:
    """Cases built on generated calendars are valid and keep their calendar."""
    assert case.election.id.startswith("inline-")
    assert _revalidated(case) == case


@given(inline_elections())
def test_inline_calendars_are_consistent(election: Election) -> None:
    """Generated calendars have a masa kampanye and stages in legal order."""
    assert election.stage(StageKind.MASA_KAMPANYE) is not None
    order = list(StageKind)
    present = sorted(election.stages, key=lambda s: order.index(s.kind))
    for before, after in itertools.pairwise(present):
        assert before.end <= after.start
    assert Election.model_validate(election.model_dump()) == election


@given(elections())
def test_default_elections_are_the_shipped_calendars(election: Election) -> None:
    """Without arguments elections() draws one of the four shipped calendars."""
    assert election.id in set(shipped_elections())


def test_unknown_election_id_is_refused() -> None:
    """Naming a calendar that is not shipped raises with the shipped ids."""
    with pytest.raises(ValueError, match="unknown election 'pemilu-1999'; shipped: pemilu-2019"):
        elections("pemilu-1999")


def test_empty_activity_kinds_are_refused() -> None:
    """An empty activity_kinds list cannot draw any act and is refused."""
    with pytest.raises(ValueError, match="activity_kinds must name at least one ActivityKind"):
        cases(activity_kinds=[])


def test_inverted_activity_bounds_are_refused() -> None:
    """min_activities above max_activities is refused with both numbers."""
    with pytest.raises(ValueError, match="need 0 <= min_activities <= max_activities, got 3 and 1"):
        cases(min_activities=3, max_activities=1)


def test_a_relationship_needs_two_persons() -> None:
    """relationships() without another person cannot draw anything and is refused."""
    with pytest.raises(ValueError, match="a relationship needs two persons"):
        relationships("asn-1", [])


@given(asn(status="CPNS", position_kind="PELAKSANA"))
def test_asn_pins_status_and_position(person: ASN) -> None:
    """asn() pins the status and position kind it is given."""
    assert person.status is AsnStatus.CPNS
    assert person.position_kind.value == "PELAKSANA"


@given(activities(kinds=["banner_display"], candidate_ids=["c1", "c2", "c3"]))
def test_activities_respect_kinds_and_target_at_most_two(act: Activity) -> None:
    """activities() keeps to the given kinds and draws a unique subset of targets."""
    assert act.kind is ActivityKind.BANNER_DISPLAY
    targets = act.candidate_ids
    assert set(targets) <= {"c1", "c2", "c3"}
    assert len(targets) <= 2


def test_regulation_edges_straddle_every_version_boundary() -> None:
    """Every effective_from and superseded_on of the shipped versions is an edge, +-1 day."""
    edges = set(regulation_edges())
    one = dt.timedelta(days=1)
    for reg in load_regulations().versions:
        for day in (reg.version.effective_from, reg.version.superseded_on):
            if day is not None:
                assert {day - one, day, day + one} <= edges


def test_edge_days_include_campaign_bounds_and_penetapan() -> None:
    """With an election and candidates, the edges add campaign bounds and penetapan, +-1."""
    election = shipped_election("pemilu-2019")
    own = Candidate(id="c1", office=Office.DPR, penetapan_date=dt.date(2018, 9, 1))
    days = set(edge_days(election, [own]))
    campaign = election.campaign
    one = dt.timedelta(days=1)
    for day in (campaign.start, campaign.end, dt.date(2018, 9, 1), dt.date(2018, 9, 20)):
        assert {day - one, day, day + one} <= days
    assert set(regulation_edges()) <= days
    assert dt.date(2018, 10, 1) not in days


@given(edge_dates(shipped_election("pilkada-2024")))
def test_edge_dates_draw_edge_days(day: dt.date) -> None:
    """edge_dates() only draws days that edge_days() lists."""
    assert day in edge_days(shipped_election("pilkada-2024"))


@settings(max_examples=examples(50))
@given(st.data())
def test_candidates_follow_the_election_kind(data: st.DataObject) -> None:
    """Candidates of a Pemilu contest Pemilu offices, with ids c1, c2, ... in order."""
    election = data.draw(elections("pemilu-2019"))
    drawn = data.draw(candidates(election, min_size=1, max_size=3))
    assert [c.id for c in drawn] == [f"c{i + 1}" for i in range(len(drawn))]
    assert election.kind is ElectionKind.PEMILU
    assert all(c.office not in {Office.BUPATI, Office.GUBERNUR} for c in drawn)


@given(conditions())
def test_generated_conditions_round_trip_through_the_parser(condition: Condition) -> None:
    """Every generated condition is one a rule file could hold: it parses back unchanged."""
    assert parse_condition(to_data(condition)) == condition
    assert all(leaf.fact in FACTS for leaf in leaves(condition))


@given(fact_records())
def test_fact_records_use_catalogue_facts_and_tuple_lists(record: dict[str, object]) -> None:
    """Generated records name catalogue facts only, and list facts are sorted tuples."""
    for name, value in record.items():
        spec = FACTS[name]
        if spec.many:
            assert isinstance(value, tuple)
            assert list(value) == sorted(set(value))


@given(cases(max_activities=3))
def test_generated_cases_yield_fact_records(case: Case) -> None:
    """Every act of a generated case turns into fact records naming catalogue facts only."""
    for act in case.activities:
        targets: list[Candidate | None] = [case.candidate(c) for c in act.candidate_ids]
        if not targets:
            targets = [None]
        for cand in targets:
            assert set(fact_record(case, act, cand)) <= set(FACTS)
