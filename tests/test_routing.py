"""Routing on the date of the act, the KASN-to-BKN switch, conflicts of interest in
enforcement, and advisory risks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from importlib import resources
from typing import Any

import pytest

from _sanctions_cases import berat_act, judged, make_case
from netralitas_rules import RuleFileError, evaluate, load_case
from netralitas_rules.sanctions import Conflict, ConflictKind, RiskKind, assess, shipped_routing
from netralitas_rules.sanctions.data import RoutingData, load_data
from netralitas_rules.vocabulary import Certainty, Kinship

PILKADA_CANDIDATE = {"id": "bupati-1", "office": "BUPATI", "party": "Partai Y"}


def _etik_act(day: str) -> dict[str, Any]:
    """Sharing a prospective regent candidate's post (Pilkada 2024, before penetapan)."""
    return {
        "id": f"e-{day}",
        "date": day,
        "kind": "social_media_share",
        "candidate_ids": ["bupati-1"],
    }


def _route_ids(day: str, as_of: dt.date | None = None) -> list[str]:
    case = make_case([_etik_act(day)], election="pilkada-2024", candidates=[PILKADA_CANDIDATE])
    a = judged(case, as_of=as_of or dt.date.fromisoformat(day))
    return [s.id for s in a.routing.steps]


# --------------------------------------------------------------------------- the chain


def test_seed_case_goes_from_bawaslu_to_kasn_to_the_ppk() -> None:
    """2019 Pemilu: Bawaslu (Pasal 454/455), KASN, the PPK (discipline and ethics)."""
    case = load_case("examples/muaro-jambi-2019.yaml")
    a = assess(evaluate(case), case, as_of=dt.date(2019, 7, 1))
    assert [s.id for s in a.routing.steps] == [
        "bawaslu-pemilu",
        "supervisor:kasn",
        "ppk-disiplin",
        "ppk-etik",
        "ppk-non-compliance",
    ]
    assert [b.text for b in a.routing.steps[0].basis] == [
        "Pasal 454 UU 7/2017",
        "Pasal 455 UU 7/2017",
    ]
    assert a.routing.steps[0].basis[1].note_en == (
        "Breaches of other laws are forwarded to the competent agency; the huruf of Pasal 455 is "
        "unverified."
    )


def test_the_direct_superior_must_examine_acts_from_31_august_2021() -> None:
    """PP 94/2021 Pasal 26 ayat (1) and Pasal 28 appear for a 2024 discipline case."""
    a = judged(make_case([berat_act()]))
    step = next(s for s in a.routing.steps if s.id == "atasan-langsung")
    assert [(b.text, b.certainty) for b in step.basis] == [
        ("Pasal 26 ayat (1) PP 94/2021", Certainty.VERIFIED),
        ("Pasal 28 PP 94/2021", Certainty.SINGLE_SOURCE),
    ]


def test_no_superior_duty_step_before_pp94() -> None:
    """The 2019 seed case has no PP 94 superior-duty step."""
    case = load_case("examples/muaro-jambi-2019.yaml")
    a = assess(evaluate(case), case, as_of=dt.date(2019, 7, 1))
    assert "atasan-langsung" not in [s.id for s in a.routing.steps]


def test_election_crimes_go_to_sentra_gakkumdu() -> None:
    """A campaign-team ASN in Pemilu 2024 is routed to Gakkumdu under Pasal 476."""
    act = {"id": "k1", "date": "2024-01-10", "kind": "campaign_organiser", "candidate_ids": ["c1"]}
    a = judged(make_case([act]))
    step = next(s for s in a.routing.steps if s.id == "gakkumdu-pemilu")
    assert (step.actor, [b.text for b in step.basis]) == (
        "Sentra Gakkumdu (Bawaslu, Polri, Kejaksaan)",
        ["Pasal 476 UU 7/2017"],
    )


def test_no_findings_no_route() -> None:
    """Without findings nobody has anything to handle."""
    act = {"id": "n1", "date": "2024-01-10", "kind": "social_media_follow"}
    assert judged(make_case([act])).routing.steps == ()


# --------------------------------------------------------------------------- KASN -> BKN


def test_an_act_the_day_before_the_switch_goes_to_kasn() -> None:
    """An act on 23 August 2024 is routed to KASN."""
    assert "supervisor:kasn" in _route_ids("2024-08-23")


def test_an_act_on_the_switch_date_goes_to_bkn() -> None:
    """An act on 24 August 2024 is routed to BKN."""
    assert "supervisor:bkn" in _route_ids("2024-08-24")
    assert "supervisor:kasn" not in _route_ids("2024-08-24")


def test_the_switch_date_is_data_with_its_certainty_and_the_other_readings() -> None:
    """24 August 2024, inferred, with 23 August and 4 September as the other readings."""
    sw = shipped_routing().switch
    assert (sw.date, sw.certainty, [a.date for a in sw.alternatives]) == (
        dt.date(2024, 8, 24),
        Certainty.INFERRED,
        [dt.date(2024, 8, 23), dt.date(2024, 9, 4)],
    )


def test_acts_near_the_switch_carry_the_switch_note_and_its_alternatives() -> None:
    """An act between 23 August and 4 September 2024 shows why the date was chosen."""
    case = make_case(
        [_etik_act("2024-08-30")], election="pilkada-2024", candidates=[PILKADA_CANDIDATE]
    )
    notes = [n.id for n in judged(case, as_of=dt.date(2024, 9, 1)).routing.notes]
    assert notes == ["switch", "switch-alternative:2024-08-23", "switch-alternative:2024-09-04"]


def test_a_kasn_era_act_handled_after_the_switch_notes_that_bkn_takes_it_over() -> None:
    """A 2019 act handled in 2025 names BKN as KASN's successor (an inference)."""
    case = load_case("examples/muaro-jambi-2019.yaml")
    notes = assess(evaluate(case), case, as_of=dt.date(2025, 1, 1)).routing.notes
    assert [(n.id, n.certainty) for n in notes] == [("successor:kasn", Certainty.INFERRED)]


def test_after_mk_121_the_independent_body_requirement_is_noted() -> None:
    """From 16 October 2025: the MK ruling, and BKN in the interim as an inference."""
    notes = judged(make_case([berat_act()]), as_of=dt.date(2025, 10, 16)).routing.notes
    assert [(n.id, n.certainty) for n in notes] == [
        ("successor:kasn", Certainty.INFERRED),
        ("independent-body", Certainty.VERIFIED),
        ("independent-body-interim", Certainty.INFERRED),
    ]
    earlier = judged(make_case([berat_act()]), as_of=dt.date(2025, 10, 15)).routing.notes
    assert [n.id for n in earlier] == ["successor:kasn"]


def test_routing_data_whose_supervisor_windows_do_not_meet_is_rejected() -> None:
    """A gap between KASN and BKN in the routing data is an error naming both dates."""
    import yaml

    data = yaml.safe_load(
        resources.files("netralitas_rules.data").joinpath("routing.yaml").read_text()
    )
    data["supervisors"][1]["from"] = "2024-09-04"
    with pytest.raises(RuleFileError) as exc:
        load_data(yaml.safe_dump(data).encode(), "r.yaml", RoutingData)
    assert str(exc.value) == (
        "r.yaml:1:1: (document): supervisor 'kasn' ends on 2024-08-24 but 'bkn' starts on "
        "2024-09-04; the windows must meet"
    )


# --------------------------------------------------------------------------- conflicts


def _conflicts(
    officials: list[dict[str, Any]],
    relationships: Sequence[dict[str, Any]] = (),
    candidates: list[dict[str, Any]] | None = None,
) -> tuple[Conflict, ...]:
    cands = candidates or [PILKADA_CANDIDATE]
    case = make_case(
        [_etik_act("2024-08-01")],
        election="pilkada-2024",
        candidates=cands,
        officials=officials,
        relationships=list(relationships),
    )
    return judged(case, as_of=dt.date(2024, 9, 10)).conflicts


def test_a_ppk_who_is_the_regent_candidate_is_flagged_with_the_governor_to_take_over() -> None:
    """The PPK is the regent candidate: the governor, the Mendagri and BKN should supervise."""
    (c,) = _conflicts([{"id": "ppk", "role": "PPK", "candidate_id": "bupati-1"}])
    assert (c.kind, c.official_id, c.candidate_id, c.beneficiary, c.policy_advice) == (
        ConflictKind.OFFICIAL_IS_CANDIDATE,
        "ppk",
        "bupati-1",
        True,
        True,
    )
    assert [t.actor for t in c.takeover] == [
        "Gubernur sebagai wakil Pemerintah Pusat",
        "Menteri Dalam Negeri",
        "Badan Kepegawaian Negara (BKN)",
    ]


def test_a_ppk_who_is_the_governor_candidate_goes_to_the_minister() -> None:
    """A provincial PPK running for governor: the Mendagri and the supervisor."""
    gov = {"id": "gub-1", "office": "GUBERNUR", "party": "Partai Z"}
    (c,) = _conflicts(
        [{"id": "ppk", "role": "PPK", "candidate_id": "gub-1"}], candidates=[PILKADA_CANDIDATE, gov]
    )
    assert [t.actor for t in c.takeover] == [
        "Menteri Dalam Negeri",
        "Badan Kepegawaian Negara (BKN)",
    ]


def test_a_direct_superior_who_is_a_candidate_is_flagged() -> None:
    """The atasan langsung as candidate: his own superior or the inspectorate should examine."""
    (c,) = _conflicts([{"id": "camat", "role": "ATASAN_LANGSUNG", "candidate_id": "bupati-1"}])
    assert (c.kind, c.takeover[0].actor) == (
        ConflictKind.OFFICIAL_IS_CANDIDATE,
        "Atasan dari atasan langsung atau inspektorat",
    )


@pytest.mark.parametrize("kinship", ["spouse", "parent", "child", "sibling", "in_law"])
def test_a_ppk_related_to_the_candidate_is_flagged(kinship: str) -> None:
    """Each close kinship between the PPK and a candidate is a conflict."""
    (c,) = _conflicts(
        [{"id": "ppk", "role": "PPK"}],
        [{"person": "ppk", "relative": "bupati-1", "kinship": kinship}],
    )
    assert (c.kind, c.kinship) == (ConflictKind.OFFICIAL_RELATED_TO_CANDIDATE, Kinship(kinship))


def test_other_kin_counts_up_to_the_policy_degree_only() -> None:
    """Other kin of degree 3 is a conflict; of degree 4 it is not (policy: up to 3)."""
    near = _conflicts(
        [{"id": "ppk", "role": "PPK"}],
        [{"person": "bupati-1", "relative": "ppk", "kinship": "other_kin", "degree": 3}],
    )
    far = _conflicts(
        [{"id": "ppk", "role": "PPK"}],
        [{"person": "bupati-1", "relative": "ppk", "kinship": "other_kin", "degree": 4}],
    )
    assert ([c.degree for c in near], far) == ([3], ())


def test_an_incumbent_candidate_is_flagged_once() -> None:
    """The incumbent regent as candidate is a conflict; not again when the PPK is flagged."""
    inc = {**PILKADA_CANDIDATE, "is_incumbent": True}
    (c,) = _conflicts([], candidates=[inc])
    assert (c.kind, c.official_id, c.takeover[0].actor) == (
        ConflictKind.INCUMBENT_CANDIDATE,
        None,
        "Gubernur sebagai wakil Pemerintah Pusat",
    )
    both = _conflicts([{"id": "ppk", "role": "PPK", "candidate_id": "bupati-1"}], candidates=[inc])
    assert [x.kind for x in both] == [ConflictKind.OFFICIAL_IS_CANDIDATE]


def test_takeover_names_kasn_when_handled_before_the_switch() -> None:
    """The supervisor to take over is the one in office on the day of handling."""
    case = make_case(
        [_etik_act("2024-08-01")],
        election="pilkada-2024",
        candidates=[PILKADA_CANDIDATE],
        officials=[{"id": "ppk", "role": "PPK", "candidate_id": "bupati-1"}],
    )
    (c,) = judged(case, as_of=dt.date(2024, 8, 10)).conflicts
    assert c.takeover[-1].actor == "Komisi Aparatur Sipil Negara (KASN)"


# --------------------------------------------------------------------------- risks


def test_the_seed_asns_kinship_is_an_advisory_risk_not_a_violation() -> None:
    """The seed ASN is the sibling of a DPRD candidate: one advisory risk, no finding from it."""
    case = load_case("examples/muaro-jambi-2019.yaml")
    report = evaluate(case)
    (risk,) = assess(report, case, as_of=dt.date(2019, 7, 1)).risks
    assert (risk.kind, risk.candidate_id, risk.kinship, risk.beneficiary, risk.advisory) == (
        RiskKind.ASN_KIN_OF_CANDIDATE,
        "caleg-dprd-01",
        Kinship.SIBLING,
        False,
        True,
    )
    unrelated = case.model_copy(update={"relationships": ()})
    assert evaluate(unrelated).findings == report.findings


def test_no_kinship_no_risk_and_no_conflict() -> None:
    """A case with no ties and no conflicted officials has neither."""
    a = judged(make_case([berat_act()], officials=[{"id": "ppk", "role": "PPK"}]))
    assert (a.conflicts, a.risks) == ((), ())


def test_conflict_texts_name_the_role_as_written_in_each_language() -> None:
    """The role opens the sentence as the law writes it ("PPK", never "Ppk"), in each
    language, with the tie and its degree in that language's words."""
    (c,) = _conflicts([{"id": "ppk", "role": "PPK", "candidate_id": "bupati-1"}])
    assert c.text == (
        "PPK ppk sendiri adalah calon bupati-1; ia tidak dapat mengawasi atau menghukum "
        "perkara yang menguntungkan dirinya."
    )
    assert c.text_en.startswith("The PPK ppk is himself candidate bupati-1; ")
    (k,) = _conflicts(
        [{"id": "camat", "role": "ATASAN_LANGSUNG"}],
        [{"person": "camat", "relative": "bupati-1", "kinship": "other_kin", "degree": 2}],
    )
    assert k.text == "Atasan langsung camat berkerabat dengan calon bupati-1: kerabat (derajat 2)."
    assert (
        k.text_en == "The direct superior camat is related to candidate bupati-1: kin (degree 2)."
    )
