"""The agreement measure's second judgement: a decided case with the facts its sources leave
unstated (``decided.not_stated``) as ``unknown``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _profiles import examples
from netralitas_rules.cli import main
from netralitas_rules.fidelity import load_decided_cases, measure, parse_decided_case
from netralitas_rules.fidelity.unstated import unknown_capable, with_unstated_unknown
from netralitas_rules.models.unknown import UNKNOWN
from netralitas_rules.vocabulary import Track

REPO = Path(__file__).resolve().parent.parent

# A school head at a Pilkada 2020 pair's campaign, convicted under UU Pilkada Pasal 71(1) jo.
# 188 (the Depok case's shape). The sources say nothing of a role at the campaign.
ATTENDANCE = """\
id: d
election: pilkada-2020
asn: {id: asn, status: PNS, position_kind: FUNGSIONAL, is_pejabat_asn: true}
candidates:
  - {id: paslon-1, office: WALI_KOTA, party: Partai X}
activities:
  - {id: a1, date: 2020-10-20, kind: campaign_attendance, candidate_ids: [paslon-1], public: true}
decided:
  sources:
    - {url: "https://example.org/putusan/1"}
  not_stated: [activities.0.active_support, activities.0.kind, activities.0.date,
               candidates.0.name, asn.status, activities.3.public]
  outcome: {forum: CRIMINAL, decided_by: Pengadilan Negeri X, decision: conviction, track: PIDANA}
"""


def test_only_facts_a_rule_may_leave_unknown_are_turned() -> None:
    """The act's kind (the reviewer's reading), its date (a range, not unknown), a name, the
    ASN's status (always on the record) and an act the case lacks stay as written."""
    decided = parse_decided_case(ATTENDANCE, "d.yaml")
    case, turned = with_unstated_unknown(decided.case, decided.decided.not_stated)
    assert turned == ("activities.0.active_support",)
    assert case.activities[0].active_support is UNKNOWN
    assert case.activities[0].kind == decided.case.activities[0].kind
    assert case.asn == decided.case.asn
    assert decided.case.activities[0].active_support is False  # the original is untouched


def test_a_case_with_nothing_to_turn_is_the_case_itself() -> None:
    """Nothing unstated, or only facts kept as written: the same object, nothing turned, and
    the measure's second judgement is the first."""
    decided = parse_decided_case(ATTENDANCE, "d.yaml")
    assert with_unstated_unknown(decided.case, ())[0] is decided.case
    assert with_unstated_unknown(decided.case, ("activities.0.kind", "asn.status")) == (
        decided.case,
        (),
    )
    kept = decided.decided.model_copy(update={"not_stated": ("activities.0.kind",)})
    (result,) = measure([type(decided)(decided.file, decided.case, kept)]).results
    assert result.unstated == ()
    assert result.open_tracks == result.library_tracks
    assert result.open_among == result.track_among


def test_an_unstated_role_makes_the_convicted_track_possible() -> None:
    """As written (no active support) the library finds no criminal exposure; with the role
    left unknown it names PIDANA as possible, so the authority's track is among its open
    ones while the first judgement's figures stay as they were."""
    (result,) = measure([parse_decided_case(ATTENDANCE, "d.yaml")]).results
    assert Track.PIDANA not in result.library_tracks
    assert not result.track_among
    assert result.unstated == ("activities.0.active_support",)
    assert Track.PIDANA in result.open_tracks
    assert result.open_among
    assert not result.open_met  # possible, not met: the library does not claim it


def test_no_violation_counts_as_open_agreement_only_without_a_met_track() -> None:
    """An authority that found no violation agrees with the second judgement only when the
    library finds nothing met in the forum; possible findings do not contradict it."""
    none = ATTENDANCE.replace("track: PIDANA}", "track: NONE}")
    (result,) = measure([parse_decided_case(none, "d.yaml")]).results
    assert result.open_among
    met = none.replace("public: true}", "public: true, active_support: true}").replace(
        "activities.0.active_support, ", ""
    )
    (result,) = measure([parse_decided_case(met, "d.yaml")]).results
    assert result.open_met
    assert not result.open_among


def test_too_many_unstated_facts_are_judged_as_written_and_counted() -> None:
    """Unstated facts whose combinations exceed what partial facts judge together leave the
    second judgement as the first; the case names them and the figures count it."""
    many = ATTENDANCE.replace(
        "asn.status, activities.3.public]",
        "asn.status, activities.3.public, asn.position_kind, asn.is_pejabat_asn,\n"
        "               activities.0.channel, activities.0.public, activities.0.impact,\n"
        "               activities.0.used_position, candidates.0.office, candidates.0.party,\n"
        "               activities.0.attributes_worn, activities.0.asn_mobilised]",
    )
    report = measure([parse_decided_case(many, "d.yaml")])
    (result,) = report.results
    assert result.unstated == ()
    assert "activities.0.impact" in result.too_many
    assert result.open_tracks == result.library_tracks
    assert (report.overall.too_many_cases, report.overall.unstated_cases) == (1, 0)


@pytest.fixture(scope="module")
def real_cases() -> list:  # type: ignore[type-arg]
    return load_decided_cases([REPO / "cases" / "real"])


@settings(max_examples=examples(30), deadline=None)
@given(data=st.data())
def test_leaving_facts_unknown_never_loses_a_track(real_cases: list, data: st.DataObject) -> None:  # type: ignore[type-arg]
    """Completion semantics: the case as written is one way of filling its unknowns, so every
    track the library finds for it is met or possible once any of its unstated facts are
    unknown."""
    decided = data.draw(st.sampled_from(real_cases))
    capable = [p for p in decided.decided.not_stated if unknown_capable(p)]
    chosen = data.draw(st.lists(st.sampled_from(capable), unique=True) if capable else st.just([]))
    trial = decided.decided.model_copy(update={"not_stated": tuple(chosen)})
    (result,) = measure([type(decided)(decided.file, decided.case, trial)]).results
    assert set(result.library_tracks) <= set(result.open_tracks)
    turned = result.unstated or result.too_many  # too many combinations: judged as written
    assert turned == tuple(dict.fromkeys(chosen))
    if result.too_many:
        assert result.open_tracks == result.library_tracks


def test_the_command_reports_the_second_judgement(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """JSON carries the turned facts and the open tracks per case and the count overall; the
    text names the figure in Indonesian by default. (Six real cases: the whole folder runs in
    tests/test_agreement.py and in `make lint`.)"""
    for source in sorted((REPO / "cases" / "real").glob("*.yaml"))[:6]:
        (tmp_path / source.name).write_bytes(source.read_bytes())
    assert main(["agreement", str(tmp_path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    turned = [c for c in data["cases"] if c["unstated"]["unknown"]]
    assert data["overall"]["unstated_cases"] == len(turned) > 0
    assert data["overall"]["open_among"] == sum(c["unstated"]["among"] for c in data["cases"])
    assert main(["agreement", str(tmp_path)]) == 0
    assert "dibiarkan tidak diketahui" in capsys.readouterr().out
