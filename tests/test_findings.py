"""Findings: one shape, forms chosen by tier and status from the rule files, explanations
that show each condition element with the fact value it saw."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import given, settings
from pydantic import BaseModel, ValidationError

from _profiles import examples
from netralitas_rules import Case, Report, evaluate, parse_case
from netralitas_rules.conditions import parse_condition
from netralitas_rules.engine import get_engine
from netralitas_rules.facts import election_parts
from netralitas_rules.finding_parts import build_finding, explain
from netralitas_rules.findings import Finding, assemble
from netralitas_rules.render import as_json
from netralitas_rules.testing.strategies import cases

DECISION_CASE = """\
id: x
election: pemilu-2019
asn: {id: a, status: STATUS, position_kind: PELAKSANA}
candidates: [{id: c1, office: PRESIDEN, party: P, penetapan_date: 2018-09-20}]
activities:
  - {id: d, date: 2019-02-20, kind: favouring_decision, candidate_ids: [c1]}
"""


FACILITY_CASE = """\
id: x
election: pemilu-2024
asn: {id: asn-1, status: PNS, position_kind: ADMINISTRATOR, is_pejabat_asn: true}
candidates: [{id: c1, office: PRESIDEN, party: Koalisi X}]
activities:
  - {id: a1, date: 2024-01-10, kind: state_facility_use, candidate_ids: [c1],
     used_position: true, state_facility: mobil dinas}
"""


def _decision(status: str) -> Any:
    report = evaluate(parse_case(DECISION_CASE.replace("STATUS", status)))
    return next(f for f in report.findings if f.provision_id == "pp53-4-13-a")


@pytest.mark.parametrize("status", ["PNS", "CPNS"])
def test_forms_follow_tier_and_status(status: str) -> None:
    """A BERAT finding under PP 53/2010 carries the Pasal 7 ayat (4) forms for PNS and CPNS."""
    finding = _decision(status)
    assert finding.tier is not None
    assert finding.tier.value == "BERAT"
    assert [f.id for f in finding.forms] == [
        "turun_pangkat_3_tahun",
        "pindah_turun_jabatan",
        "bebas_jabatan",
        "pdh_tidak_aps",
        "ptdh",
    ]
    assert [c.text for c in finding.citations if c.role == "forms"] == [
        "Pasal 7 ayat (4) Peraturan Pemerintah Nomor 53 Tahun 2010"
    ]


def test_forms_for_another_status_come_from_its_schedule() -> None:
    """A PPPK's forms come from a schedule in force for PPPK, not from the PNS schedule."""
    finding = _decision("PPPK")
    forms = [c for c in finding.citations if c.role == "forms"]
    assert len(forms) == 1
    assert forms[0].instrument != "pp-53-2010"
    assert "ptdh" not in [f.id for f in finding.forms]


def test_no_tier_means_no_forms() -> None:
    """A disciplinary finding whose tier the text leaves open carries no forms."""
    case = parse_case(
        "id: x\nelection: pemilu-2024\nasn: {id: a, status: PNS, position_kind: PELAKSANA}\n"
        "candidates: [{id: c1, office: PRESIDEN, party: P, penetapan_date: 2023-11-13}]\n"
        "activities:\n"
        "  - {id: k, date: 2024-01-10, kind: campaign_attendance, candidate_ids: [c1]}\n"
    )
    finding = next(f for f in evaluate(case).findings if f.provision_id == "pp94-5-n-1")
    assert finding.tier is None
    assert finding.forms == ()
    assert finding.certainty.level.value == "unresolved"
    assert finding.certainty.alternatives


def test_explain_not_and_any() -> None:
    """`not` elements read 'not …' and held when the inner fails; for `any` only the
    branches that held are shown."""
    cond = parse_condition(
        {
            "all": [
                {"activity.kind": "campaign_attendance"},
                {"not": {"activity.attributes_worn": {"contains_any": ["party", "asn"]}}},
                {"any": [{"candidate.office": "DPD"}, {"candidate.is_independent": True}]},
            ]
        }
    )
    record = {
        "activity.kind": "campaign_attendance",
        "activity.attributes_worn": (),
        "candidate.office": "BUPATI",
        "candidate.is_independent": True,
    }
    assert [(e.element, e.value, e.held) for e in explain(cond, record)] == [
        ("activity.kind = campaign_attendance", "campaign_attendance", True),
        ("not activity.attributes_worn contains any of [party, asn]", "[]", True),
        ("candidate.is_independent = true", "true", True),
    ]


def test_explain_absent_fact() -> None:
    """An absent fact shows as '(absent)'."""
    cond = parse_condition({"candidate.penetapan_date": {"exists": False}})
    assert [(e.value, e.held) for e in explain(cond, {})] == [("(absent)", True)]


@settings(max_examples=examples(60))
@given(cases(max_activities=3))
def test_every_finding_is_explained_by_elements_that_held(case: Case) -> None:
    """Every finding cites its prohibition first, and every element of its explanation held."""
    for f in evaluate(case).findings:
        assert f.citations[0].role == "prohibition"
        assert f.citations[0].instrument == f.instrument
        assert f.explanation
        assert all(e.held for e in f.explanation)
        assert f.version.startswith(f"{f.instrument}@")
        if f.track.value != "DISIPLIN":
            assert f.tier is None


@settings(max_examples=examples(40))
@given(cases(max_activities=3))
def test_report_json_round_trip(case: Case) -> None:
    """A report's JSON form reads back into an equal report."""
    report = evaluate(case)
    data = json.loads(json.dumps(as_json(report)))
    assert Report.model_validate(data) == report


def test_a_finding_tiered_by_other_provisions_says_which_in_both_languages() -> None:
    """The seed's UU 7/2017 Pasal 283 finding carries tier_from and the text names them."""
    from netralitas_rules import load_case
    from netralitas_rules.render import render_report

    report = evaluate(load_case("examples/muaro-jambi-2019.yaml"))
    (f,) = [f for f in report.findings if f.provision_id == "uu7-283"]
    assert (f.tier, f.tier_from) == (None, ("pp53-4-13-b", "pp94-5-n-6"))
    assert "Tingkat: mengikuti tingkat PP 53/2010 Pasal 4 angka 13 huruf b" in render_report(
        report, "id"
    )
    assert "Tier: tiered as PP 53/2010 Pasal 4 angka 13 huruf b" in render_report(report, "en")
    full = render_report(report, "id", "full")
    assert "huruf b (pp53-4-13-b, pp94-5-n-6)" in full


def test_explain_a_negated_all_shows_only_the_elements_that_failed() -> None:
    """not(all(a, b)) holds through whichever of a, b failed: only that one is evidence."""
    cond = parse_condition(
        {"not": {"all": [{"activity.kind": "campaign_attendance"}, {"asn.on_unpaid_leave": True}]}}
    )
    record = {"activity.kind": "campaign_attendance", "asn.on_unpaid_leave": False}
    assert [(e.element, e.value, e.held) for e in explain(cond, record)] == [
        ("not asn.on_unpaid_leave = true", "false", True)
    ]


def test_abuse_of_authority_names_the_exercise_of_authority_that_met_it() -> None:
    """Pasal 5 huruf a needs an exercise of the office's authority; the finding's evidence
    shows which fact supplied it (here the state facility), and not the ones that did not."""
    case = parse_case(FACILITY_CASE, "x.yaml")
    (finding,) = [f for f in evaluate(case).findings if f.provision_id == "pp94-5-a"]
    facts = {e.fact for e in finding.explanation}
    assert "activity.state_facility" in facts
    assert "activity.government_programme" not in facts
    assert all(e.held for e in finding.explanation)


def test_the_evidence_of_an_unvalidated_copy_shows_its_own_values() -> None:
    """The evidence of a validated case is remembered by the fact values alone (there each
    fact has its declared type); a copy made without validation may hold 1 where true is
    meant, and its evidence says 1, even after the validated case was judged."""
    case = parse_case(FACILITY_CASE, "x.yaml")

    def used_position(judged: Case) -> str:
        (finding,) = [f for f in evaluate(judged).findings if f.provision_id == "pp94-5-a"]
        return next(e.value for e in finding.explanation if e.fact == "activity.used_position")

    assert used_position(case) == "true"
    act = case.activities[0].model_copy(update={"used_position": 1})
    assert used_position(case.model_copy(update={"activities": (act,)})) == "1"
    assert used_position(case) == "true"


def test_a_copy_with_changes_leaves_the_fields_set_of_every_other_report_alone() -> None:
    """Assembled reports share one fields set per model; a copy with changes (as the engine
    makes for acts not established) gets its own, and what model_fields_set hands out is a
    copy a caller may change without reaching any other report."""
    first = evaluate(parse_case(FACILITY_CASE, "x.yaml"))
    second = evaluate(parse_case(FACILITY_CASE, "x.yaml"))
    before = second.model_dump(exclude_unset=True)
    assert "extensions" not in before
    assert "not_established" not in before
    changed = first.model_copy(update={"not_established": ("a1",)})
    assert "not_established" in changed.model_fields_set
    first.model_fields_set.add("extensions")
    first.findings[0].model_fields_set.discard("explanation")
    assert second.model_dump(exclude_unset=True) == before
    assert first.model_fields_set == second.model_fields_set
    with pytest.raises(ValidationError):
        first.findings[0].activity_id = "other"  # type: ignore[misc]
    assert second.model_dump(exclude_unset=True) == before


def test_assemble_builds_frozen_models_only() -> None:
    """A model that can be assigned to would add to the shared fields set."""

    class Open(BaseModel):
        x: int

    with pytest.raises(TypeError, match="frozen"):
        assemble(Open, {"x": 1})


def test_a_finding_from_unchecked_values_is_validated() -> None:
    """build_finding lays out checked values as they are and validates any others: a date
    written as text becomes a date; an id that is not text is refused. The engine checks
    the findings of a case copied without validation the same way."""
    case = parse_case(FACILITY_CASE, "x.yaml")
    engine = get_engine()
    (hit,) = [h for h in engine._known_found(case, None, None, None) if h[2].id == "pp94-5-a"]
    activity, candidate, rule, derived = hit
    election_kind = election_parts(case.election)[0]
    schedules, keys = engine._in_force(activity.date)  # type: ignore[arg-type]

    def built(activity_id: Any, activity_date: Any) -> Finding:
        return build_finding(
            engine.rules.regulations,
            rule.regulation,
            rule.prohibition,
            activity_id=activity_id,
            activity_date=activity_date,
            candidate_id=candidate.id if candidate else None,
            status=case.asn.status,
            schedules=schedules,
            parts=rule.parts,
            versions=keys,
            values=rule.reader(case.asn, activity, candidate, election_kind, derived),
        )

    assert built("a1", "2024-01-10").activity_date == dt.date(2024, 1, 10)
    assert built("a1", dt.date(2024, 1, 10)) == built("a1", "2024-01-10")
    with pytest.raises(ValidationError):
        built(7, dt.date(2024, 1, 10))
    act = case.activities[0].model_copy(update={"id": 7})
    with pytest.raises(ValidationError):
        evaluate(case.model_copy(update={"activities": (act,)}))
