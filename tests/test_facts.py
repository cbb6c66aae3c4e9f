"""The fact catalogue and the flat fact record both engine backends evaluate."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings

from _profiles import examples
from netralitas_rules import FACTS, Case, fact_record, parse_case, shipped_election
from netralitas_rules.facts import FactSpec, FactType, campaign_phase, standing
from netralitas_rules.testing.strategies import cases
from netralitas_rules.vocabulary import CampaignPhase, CandidateStanding

SIBLING_CASE = """\
id: x
election: pemilu-2019
asn: {id: a, status: PNS, position_kind: PELAKSANA}
candidates:
  - {id: c1, office: DPRD_KABUPATEN_KOTA, party: P, penetapan_date: 2018-09-20}
  - {id: c2, office: DPD}
relationships:
  - {person: a, relative: c1, kinship: sibling}
  - {person: c1, relative: a, kinship: in_law}
activities:
  - {id: m, date: 2018-09-19, kind: partisan_gathering, candidate_ids: [c1, c2]}
"""


def test_catalogue_is_sorted_and_closed() -> None:
    """Fact paths are sorted, prefixed by their model, and identifiers are not facts."""
    paths = list(FACTS)
    assert paths == sorted(paths)
    assert {p.split(".")[0] for p in paths} == {"activity", "asn", "candidate", "election"}
    for excluded in (
        "asn.id",
        "asn.name",
        "activity.id",
        "activity.candidate_ids",
        "asn.prior_sanctions",
    ):
        assert excluded not in FACTS
    assert [p for p in paths if p.startswith("election.")] == ["election.kind"]
    # The one identifier that is a fact: whether a candidate is the case's ASN himself.
    assert "activity.asn_id" not in FACTS
    assert [p for p, s in FACTS.items() if s.presence_only] == ["candidate.asn_id"]


def test_derived_facts() -> None:
    """The facts that need the calendar or the relationships are derived."""
    derived = {p for p, s in FACTS.items() if s.derived}
    assert derived == {
        "activity.campaign_phase",
        "candidate.standing",
        "candidate.is_independent",
        "candidate.kinship_with_asn",
    }


def test_fact_types_follow_the_models() -> None:
    """Types come from the model annotations: enums list their values, tuples are lists."""
    kind = FACTS["activity.kind"]
    assert (kind.value_type, kind.many) == (FactType.ENUM, False)
    assert "ktp_support_letter" in kind.allowed
    assert (FACTS["activity.audience"].value_type, FACTS["activity.audience"].many) == (
        FactType.ENUM,
        True,
    )
    assert FACTS["activity.asn_mobilised"].value_type is FactType.INT
    assert FACTS["candidate.penetapan_date"].value_type is FactType.DATE
    assert FACTS["asn.is_pejabat_asn"].value_type is FactType.BOOL
    assert FACTS["asn.agency"].value_type is FactType.TEXT


def test_campaign_phase_bounds_are_inclusive() -> None:
    """The first and last day of the masa kampanye are during the campaign."""
    e = shipped_election("pemilu-2019")
    assert campaign_phase(e, dt.date(2018, 9, 22)) is CampaignPhase.BEFORE_CAMPAIGN
    assert campaign_phase(e, dt.date(2018, 9, 23)) is CampaignPhase.DURING_CAMPAIGN
    assert campaign_phase(e, dt.date(2019, 4, 13)) is CampaignPhase.DURING_CAMPAIGN
    assert campaign_phase(e, dt.date(2019, 4, 14)) is CampaignPhase.AFTER_CAMPAIGN


def test_record_for_one_act_and_candidate() -> None:
    """The record of an act toward a candidate: standing, independence and kinship derived,
    absent (None) facts left out."""
    case = parse_case(SIBLING_CASE)
    act = case.activities[0]
    record = fact_record(case, act, case.candidate("c1"))
    assert record["candidate.standing"] == "BAKAL_CALON"  # the day before his penetapan
    assert record["candidate.is_independent"] is False
    assert record["candidate.kinship_with_asn"] == ("in_law", "sibling")
    assert record["activity.campaign_phase"] == "before_campaign"
    assert record["election.kind"] == "PEMILU"
    assert "asn.agency" not in record
    assert "activity.channel" not in record
    other = fact_record(case, act, case.candidate("c2"))
    assert other["candidate.kinship_with_asn"] == ()
    assert other["candidate.is_independent"] is True
    assert "candidate.party" not in other
    assert not any(k.startswith("candidate.") for k in fact_record(case, act, None))


def test_standing_from_the_election_when_no_own_date() -> None:
    """Without his own penetapan date, a candidate becomes calon on the election's stage."""
    case = parse_case(SIBLING_CASE)
    c2 = case.candidate("c2")
    assert standing(case.election, c2, dt.date(2018, 9, 19)) is CandidateStanding.BAKAL_CALON
    assert standing(case.election, c2, dt.date(2018, 9, 20)) is CandidateStanding.CALON


def _has_type(spec: FactSpec, value: Any) -> bool:
    if spec.value_type is FactType.ENUM:
        return isinstance(value, str) and value in spec.allowed
    if spec.value_type is FactType.BOOL:
        return isinstance(value, bool)
    if spec.value_type is FactType.INT:
        return isinstance(value, int) and not isinstance(value, bool)
    if spec.value_type is FactType.DATE:
        return isinstance(value, dt.date)
    return isinstance(value, str)


@settings(max_examples=examples(80))
@given(cases(max_activities=3))
def test_records_hold_only_catalogued_facts_of_the_right_type(case: Case) -> None:
    """Every key of a record is in the catalogue and every value has the fact's type, so
    conditions checked at load time meet the values they were checked for."""
    for act in case.activities:
        for cid in act.candidate_ids or (None,):
            cand = case.candidate(cid) if cid else None
            for path, value in fact_record(case, act, cand).items():
                spec = FACTS[path]
                if spec.many:
                    assert isinstance(value, tuple)
                    assert all(_has_type(spec, v) for v in value), (path, value)
                else:
                    assert _has_type(spec, value), (path, value)
