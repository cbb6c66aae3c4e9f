"""Malformed case files: every problem as `path:line:col: key.path: message`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import CASE_YAML, replaced
from netralitas_rules import (
    CaseFileError,
    NetralitasError,
    UnknownElectionError,
    load_case,
    parse_case,
    shipped_election,
)
from netralitas_rules.models.unknown import day_of

CaseError = Callable[..., str]


def test_the_base_case_is_valid() -> None:
    """The fixture every test breaks parses, with the named calendar resolved."""
    case = parse_case(CASE_YAML, "case.yaml")
    assert case.election.id == "pemilu-2019"
    assert [a.id for a in case.activities] == ["a1"]


def test_unknown_election_lists_shipped(case_error: CaseError) -> None:
    """An election id we do not ship lists the shipped calendars."""
    text = replaced(CASE_YAML, "pemilu-2019", "pemilu-2099")
    assert case_error(text) == (
        "case.yaml:2:1: election: unknown election 'pemilu-2099'; shipped calendars: "
        "pemilu-2019, pemilu-2024, pilkada-2015, pilkada-2017, pilkada-2018, pilkada-2020, "
        "pilkada-2024, or give the calendar inline"
    )


def test_shipped_election_lookup_error() -> None:
    """shipped_election raises UnknownElectionError (a LookupError) naming the known ids."""
    with pytest.raises(UnknownElectionError) as info:
        shipped_election("pemilu-2099")
    assert str(info.value) == (
        "unknown election 'pemilu-2099'; shipped calendars: pemilu-2019, pemilu-2024, "
        "pilkada-2015, pilkada-2017, pilkada-2018, pilkada-2020, pilkada-2024"
    )
    assert isinstance(info.value, LookupError)


def test_unknown_candidate_points_at_the_item(case_error: CaseError) -> None:
    """An activity naming an unknown candidate points at that candidate_ids item's line."""
    text = replaced(CASE_YAML, "candidate_ids: [c1]", "candidate_ids:\n      - c1\n      - c9")
    assert case_error(text) == (
        "case.yaml:12:9: activities[0].candidate_ids[1]: unknown candidate 'c9'; "
        "known candidates: c1"
    )


def test_activity_by_another_asn(case_error: CaseError) -> None:
    """One case is about one ASN: an act by another ASN is refused."""
    text = replaced(
        CASE_YAML, "    candidate_ids: [c1]\n", "    candidate_ids: [c1]\n    asn_id: x\n"
    )
    assert case_error(text) == (
        "case.yaml:11:5: activities[0].asn_id: 'x' is not the case's ASN 'asn-1'; one case is "
        "about one ASN"
    )


def test_unknown_person_in_relationship(case_error: CaseError) -> None:
    """A relationship must join persons of the case; the unknown one is pointed at."""
    text = CASE_YAML + "relationships:\n  - {person: asn-1, relative: c7, kinship: sibling}\n"
    assert case_error(text) == (
        "case.yaml:12:21: relationships[0].relative: unknown person 'c7'; known: asn-1, c1"
    )


def test_other_kin_without_degree(case_error: CaseError) -> None:
    """other_kin needs its degree."""
    text = CASE_YAML + "relationships:\n  - {person: asn-1, relative: c1, kinship: other_kin}\n"
    assert case_error(text) == (
        "case.yaml:12:5: relationships[0]: kinship 'other_kin' needs its degree (1-10)"
    )


def test_stage_end_before_start(case_error: CaseError) -> None:
    """An inline calendar stage that ends before it starts is refused."""
    text = replaced(
        CASE_YAML,
        "election: pemilu-2019",
        "election:\n  id: e\n  kind: PEMILU\n  name: E\n  stages:\n"
        "    - {kind: MASA_KAMPANYE, start: 2019-01-02, end: 2019-01-01}",
    )
    assert case_error(text) == (
        "case.yaml:7:7: election.stages[0]: stage MASA_KAMPANYE ends (2019-01-01) before it "
        "starts (2019-01-02)"
    )


def test_duplicate_activity_ids(case_error: CaseError) -> None:
    """Two activities with one id: the second is pointed at."""
    text = CASE_YAML + "  - {id: a1, date: 2019-01-11, kind: goods_giving}\n"
    assert case_error(text) == (
        "case.yaml:11:6: activities[1].id: id 'a1' is used twice; ids must be unique"
    )


def test_duplicate_candidate_ids(case_error: CaseError) -> None:
    """Two candidates with one id: the second is pointed at."""
    text = replaced(
        CASE_YAML,
        "  - {id: c1, office: PRESIDEN, party: Partai X}\n",
        "  - {id: c1, office: PRESIDEN, party: Partai X}\n  - {id: c1, office: DPR}\n",
    )
    assert case_error(text) == (
        "case.yaml:6:6: candidates[1].id: id 'c1' is used twice; ids must be unique"
    )


def test_unknown_key_in_activity(case_error: CaseError) -> None:
    """A misspelt activity key suggests the right one and lists the allowed keys."""
    text = replaced(
        CASE_YAML, "    kind: partisan_gathering\n", "    kind: partisan_gathering\n    knd: x\n"
    )
    assert case_error(text) == (
        "case.yaml:10:5: activities[0].knd: unknown key 'knd'; did you mean 'kind'?; allowed: "
        "active_support, asn_id, asn_mobilised, attributes_worn, audience, candidate_ids, "
        "channel, date, description, established, government_programme, id, impact, "
        "in_official_duty, kind, partisan_backdrop, partisan_gesture, party, platform, public, "
        "resigned, state_facility, used_position"
    )


def test_wrong_activity_kind_lists_allowed(case_error: CaseError) -> None:
    """An activity kind outside the vocabulary lists the allowed kinds."""
    text = replaced(CASE_YAML, "kind: partisan_gathering", "kind: rally")
    message = case_error(text)
    assert message.startswith(
        "case.yaml:9:5: activities[0].kind: 'rally' is not allowed; allowed: "
        "'campaign_attendance', 'campaign_organiser',"
    )
    assert message.endswith(
        "'party_membership', 'candidacy', 'party_approach', 'fund_raising' or "
        "'ktp_support_collection'"
    )


def test_non_mapping_document(case_error: CaseError) -> None:
    """A list at the top of the file is not a case."""
    assert case_error("- 1\n- 2\n") == (
        "case.yaml:1:1: (document): the document must be a mapping of keys"
    )


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file(case_error: CaseError, text: str) -> None:
    """An empty file (or one with only comments) says so."""
    assert case_error(text) == "case.yaml:1:1: (document): the file is empty"


def test_invalid_utf8(case_error: CaseError) -> None:
    """Bytes that are not UTF-8 name the offending byte."""
    assert case_error(b"id: \xc3\x28\n") == (
        "case.yaml:1:5: (document): not valid UTF-8 at byte 4; save the file as UTF-8"
    )


def test_several_problems_at_once(case_error: CaseError) -> None:
    """Independent problems of one case come together, in file order."""
    text = replaced(CASE_YAML, "status: PNS", "status: PNZ")
    text = replaced(text, "candidate_ids: [c1]", "candidate_ids: [c1]\n    colour: red")
    lines = case_error(text).splitlines()
    assert [line.split(": ")[1] for line in lines] == ["asn.status", "activities[0].colour"]


def test_case_file_error_hierarchy(case_error: CaseError) -> None:
    """CaseFileError is a NetralitasError and a ValueError carrying its problems."""
    with pytest.raises(CaseFileError) as info:
        parse_case("- 1\n", "case.yaml")
    assert isinstance(info.value, NetralitasError)
    assert isinstance(info.value, ValueError)
    assert [(p.file, p.line, p.column) for p in info.value.problems] == [("case.yaml", 1, 1)]


def test_load_case_missing_file(tmp_path: Path) -> None:
    """A case path that cannot be read is a CaseFileError naming it."""
    missing = tmp_path / "missing.yaml"
    with pytest.raises(CaseFileError) as info:
        load_case(missing)
    assert str(info.value) == (
        f"{missing}:1:1: (document): cannot read the file: No such file or directory"
    )


def test_json_case_is_read(tmp_path: Path) -> None:
    """JSON is YAML too: a JSON case file loads."""
    path = tmp_path / "case.json"
    path.write_text(
        '{"id": "j", "election": "pemilu-2024", '
        '"asn": {"id": "a", "status": "PPPK", "position_kind": "FUNGSIONAL"}}',
        encoding="utf-8",
    )
    case = load_case(path)
    assert (case.id, case.asn.status.value, case.election.id) == ("j", "PPPK", "pemilu-2024")


def test_booleans_and_integers_are_not_coerced_from_text(case_error: CaseError) -> None:
    """`public: 'yes'` and `asn_mobilised: '5'` are refused at their places, not read as
    True and 5; dates and enum values written as text still read."""
    text = replaced(
        CASE_YAML, "    candidate_ids: [c1]\n", "    public: 'yes'\n    asn_mobilised: '5'\n"
    )
    assert case_error(text) == (
        "case.yaml:10:5: activities[0].public: Input should be a valid boolean\n"
        "case.yaml:11:5: activities[0].asn_mobilised: Input should be a valid integer"
    )


def test_json_booleans_and_integers_are_not_coerced_from_text(case_error: CaseError) -> None:
    """In JSON too, "yes" is not a boolean and "5" is not an integer."""
    text = (
        '{"id": "c", "election": "pemilu-2024",\n'
        ' "asn": {"id": "a", "status": "PNS", "position_kind": "PELAKSANA"},\n'
        ' "activities": [{"id": "a1", "date": "2024-01-10", "kind": "campaign_attendance",\n'
        '   "public": "yes", "asn_mobilised": "5"}]}\n'
    )
    assert case_error(text, "case.json") == (
        "case.json:4:4: activities[0].public: Input should be a valid boolean\n"
        "case.json:4:21: activities[0].asn_mobilised: Input should be a valid integer"
    )
    fixed = text.replace('"yes"', "true").replace('"5"', "5")
    act = parse_case(fixed, "case.json").activities[0]
    assert (act.public, act.asn_mobilised, day_of(act.date).isoformat()) == (True, 5, "2024-01-10")
