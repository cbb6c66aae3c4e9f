"""Facts added for real cases: ties that are not kinship, the candidate who is the case's ASN,
and per-office penetapan days (the DCT of Pemilu 2024 set before the presidential pairs)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from pydantic import ValidationError

from conftest import CASE_YAML, replaced
from netralitas_rules import Election, evaluate, get_engine, parse_case, shipped_election
from netralitas_rules.facts import standing
from netralitas_rules.vocabulary import CandidateStanding

CaseError = Callable[..., str]

PEMILU_2024 = """\
id: dct
election: pemilu-2024
asn: {id: asn-1, status: PNS, position_kind: PELAKSANA}
candidates:
  - {id: caleg, office: DPR, party: Partai X}
  - {id: capres, office: PRESIDEN, party: Koalisi Y}
activities:
  - {id: a1, date: 2023-11-05, kind: social_media_like, candidate_ids: [caleg, capres]}
"""


def test_a_dpr_candidate_is_a_calon_from_the_dct_day_and_a_presidential_one_is_not() -> None:
    """On 5 Nov 2023 the DPR list (set 3 Nov) is determined, the presidential pairs (13 Nov)
    are not: the calendar's per-office day decides the standing."""
    election = shipped_election("pemilu-2024")
    case = parse_case(PEMILU_2024, "dct.yaml")
    caleg, capres = case.candidates
    day = dt.date(2023, 11, 5)
    assert standing(election, caleg, day) is CandidateStanding.CALON
    assert standing(election, capres, day) is CandidateStanding.BAKAL_CALON
    assert standing(election, caleg, dt.date(2023, 11, 2)) is CandidateStanding.BAKAL_CALON


def test_the_per_office_day_reaches_both_evaluation_paths() -> None:
    """A like on 5 Nov 2023 is discipline (SKB 2022 B6) toward the DPR candidate and ethics
    (A4) toward the presidential hopeful, in evaluate and in the object matchers alike."""
    case = parse_case(PEMILU_2024, "dct.yaml")
    found = {(f.provision_id, f.candidate_id) for f in evaluate(case).findings}
    assert ("skb22-b6", "caleg") in found
    assert ("skb22-a4", "capres") in found
    assert ("skb22-b6", "capres") not in found
    hits = {
        (rule.id, candidate.id if candidate else None)
        for _, candidate, rule in get_engine().hits(case)
    }
    assert hits == found


def test_an_office_named_twice_in_penetapan_by_office_is_refused() -> None:
    """One office, one penetapan day."""
    data = shipped_election("pemilu-2024").model_dump()
    data["penetapan_by_office"] = [
        *data["penetapan_by_office"],
        {"offices": ["DPR"], "date": "2023-11-04"},
    ]
    with pytest.raises(ValidationError, match="penetapan_by_office names DPR twice"):
        Election.model_validate(data)


def test_a_tie_to_an_unknown_person_is_named_with_its_place(case_error: CaseError) -> None:
    """A tie names persons of the case; an unknown one is reported where it stands."""
    text = CASE_YAML + "ties:\n  - {person: asn-1, other: bupati, tie: superior}\n"
    assert case_error(text) == (
        "case.yaml:12:21: ties[0].other: unknown person 'bupati'; known: asn-1, c1"
    )


def test_a_tie_to_oneself_is_refused(case_error: CaseError) -> None:
    """A person has no tie to himself."""
    text = CASE_YAML + "ties:\n  - {person: asn-1, other: asn-1, tie: superior}\n"
    assert case_error(text) == (
        "case.yaml:12:21: ties[0].other: a person cannot have a tie to himself"
    )


def test_a_candidate_who_is_another_asn_is_refused(case_error: CaseError) -> None:
    """asn_id marks the candidate who is the case's own ASN; any other id is an error."""
    text = replaced(CASE_YAML, "party: Partai X}", "party: Partai X, asn_id: asn-9}")
    assert case_error(text) == (
        "case.yaml:5:49: candidates[0].asn_id: 'asn-9' is not the case's ASN 'asn-1'; asn_id "
        "marks the candidate who is the case's ASN himself"
    )
