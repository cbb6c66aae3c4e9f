"""The adequacy audit: one test per verdict, the seed case, the CLI, the JSON output, and the
property that a case without violations makes every imposed sanction over-sanctioned."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings

from _profiles import examples
from _sanctions_cases import AS_OF, berat_act, judged, make_case, open_tier_act, sedang_act
from netralitas_rules import Case, evaluate, load_case
from netralitas_rules.assessed import AssessedReport, with_assessment
from netralitas_rules.cli import main
from netralitas_rules.engine import get_engine
from netralitas_rules.sanctions import GroundKind, Verdict, assess, form_tier
from netralitas_rules.testing import strategies
from netralitas_rules.vocabulary import AsnStatus, Certainty, Tier, Track

SEED = "examples/muaro-jambi-2019.yaml"


def _verdicts(
    imposed: list[dict[str, Any]], acts: list[dict[str, Any]] | None = None
) -> list[tuple[Track, Verdict]]:
    a = judged(make_case(acts if acts is not None else [sedang_act()], imposed=imposed))
    return [(t.track, t.verdict) for t in a.audit.tracks]


def test_seed_case_is_under_sanctioned() -> None:
    """Muaro Jambi 2019: a teguran lisan (ringan) where the law prescribes at least berat."""
    case = load_case(SEED)
    a = assess(evaluate(case), case, as_of=dt.date(2019, 7, 1))
    disiplin = a.audit.tracks[0]
    assert (disiplin.track, disiplin.verdict, disiplin.imposed_tier, disiplin.recommended_tier) == (
        Track.DISIPLIN,
        Verdict.UNDER_SANCTIONED,
        Tier.RINGAN,
        Tier.BERAT,
    )
    assert disiplin.text_en == (
        "Imposed: light, where the law prescribes at least the heavy tier "
        "(PP 53/2010 Pasal 13 angka 12)."
    )
    assert (disiplin.ground, disiplin.certainty) == (GroundKind.LAW, Certainty.SINGLE_SOURCE)
    assert "Pasal 13 angka 12 Peraturan Pemerintah Nomor 53 Tahun 2010" in disiplin.citations
    assert a.audit.overall is Verdict.UNDER_SANCTIONED


def test_the_required_tier_is_adequate() -> None:
    """A SEDANG sanction for a SEDANG violation is adequate."""
    assert _verdicts([{"track": "DISIPLIN", "tier": "SEDANG"}]) == [
        (Track.DISIPLIN, Verdict.ADEQUATE)
    ]


def test_a_lighter_tier_is_under_sanctioned() -> None:
    """A RINGAN sanction for a BERAT violation is under-sanctioned."""
    got = _verdicts([{"track": "DISIPLIN", "tier": "RINGAN"}], [berat_act()])
    assert got == [(Track.DISIPLIN, Verdict.UNDER_SANCTIONED)]


def test_a_heavier_tier_is_over_sanctioned() -> None:
    """A BERAT sanction for a SEDANG violation is over-sanctioned."""
    assert _verdicts([{"track": "DISIPLIN", "tier": "BERAT"}]) == [
        (Track.DISIPLIN, Verdict.OVER_SANCTIONED)
    ]


def test_a_sanction_on_the_wrong_track_is_wrong_track() -> None:
    """A moral sanction where discipline is due is the wrong track."""
    a = judged(
        make_case([sedang_act()], imposed=[{"track": "ETIK", "form": "pernyataan tertutup"}])
    )
    (t,) = a.audit.tracks
    assert (t.track, t.verdict, t.text_en) == (
        Track.DISIPLIN,
        Verdict.WRONG_TRACK,
        "The law prescribes a sanction on the discipline track, but what was imposed is: "
        "ethics (pernyataan tertutup).",
    )


def test_nothing_imposed_is_not_yet_imposed_with_the_days_elapsed() -> None:
    """No sanction yet: days since the latest act on the track (10 Jan 2024 to 1 Mar 2024)."""
    (t,) = judged(make_case([sedang_act()])).audit.tracks
    assert (t.verdict, t.recommendation_date, t.days_elapsed) == (
        Verdict.NOT_YET_IMPOSED,
        dt.date(2024, 1, 10),
        51,
    )
    assert (
        t.text_en
        == "No discipline sanction yet; 51 days since 10 January 2024 (as of 1 March 2024)."
    )
    assert "Pasal 24 ayat (2) PP 94/2021" in t.citations


def test_an_open_tier_with_a_reading_left_to_the_ppk_is_undetermined() -> None:
    """Angka 1 (tier not fixed; one reading leaves it to the PPK): the audit does not guess."""
    got = _verdicts([{"track": "DISIPLIN", "tier": "RINGAN"}], [open_tier_act()])
    assert got == [(Track.DISIPLIN, Verdict.UNDETERMINED)]


def test_an_unrecognised_form_without_a_tier_is_undetermined() -> None:
    """A sanction whose tier cannot be told from its form is undetermined."""
    assert _verdicts([{"track": "DISIPLIN", "form": "hukuman lain"}]) == [
        (Track.DISIPLIN, Verdict.UNDETERMINED)
    ]


def test_the_form_decides_the_tier_when_the_stated_tier_disagrees() -> None:
    """'teguran lisan' labelled SEDANG is judged as RINGAN, and the mismatch is said."""
    a = judged(
        make_case(
            [sedang_act()],
            imposed=[{"track": "DISIPLIN", "tier": "SEDANG", "form": "teguran lisan"}],
        )
    )
    (t,) = a.audit.tracks
    assert (t.verdict, t.imposed_tier) == (Verdict.UNDER_SANCTIONED, Tier.RINGAN)
    assert t.text_en == (
        "Imposed: light, where the law prescribes at least the moderate tier "
        "(PP 94/2021 Pasal 13 huruf g) (the form 'teguran lisan' is of the light tier, not "
        "moderate)."
    )
    # Each language's text carries its own remark (the Indonesian one once went into both).
    assert t.text == (
        "Dijatuhkan ringan, padahal hukum menetapkan sekurang-kurangnya tingkat sedang "
        "(PP 94/2021 Pasal 13 huruf g) (bentuk 'teguran lisan' termasuk tingkat ringan, bukan "
        "sedang)."
    )


def test_form_tier_reads_ids_texts_and_unique_prefixes() -> None:
    """Forms are recognised by id, by text, or by a prefix that only one tier shares."""
    day, pns = dt.date(2024, 1, 10), AsnStatus.PNS
    regs = get_engine().rules.regulations
    assert [
        form_tier(f, regs, day, pns)
        for f in ("pdh_tidak_aps", "Teguran Lisan", "pemotongan tunjangan kinerja", "teguran")
    ] == [Tier.BERAT, Tier.RINGAN, Tier.SEDANG, Tier.RINGAN]


def test_a_sanction_with_no_violation_is_over_sanctioned() -> None:
    """Any sanction in a case without violations is over-sanctioned."""
    act = {"id": "n1", "date": "2024-01-10", "kind": "social_media_follow"}
    assert _verdicts([{"track": "DISIPLIN", "tier": "RINGAN"}], [act]) == [
        (Track.DISIPLIN, Verdict.OVER_SANCTIONED)
    ]


def test_nothing_due_and_nothing_imposed_is_none_due() -> None:
    """No violation and no sanction: the overall verdict is none due."""
    act = {"id": "n1", "date": "2024-01-10", "kind": "social_media_follow"}
    a = judged(make_case([act]))
    assert (a.audit.tracks, a.audit.overall) == ((), Verdict.NONE_DUE)


def test_ethics_sanction_imposed_is_adequate() -> None:
    """A moral sanction for an ethics breach is adequate."""
    act = {"id": "e1", "date": "2023-10-10", "kind": "social_media_share", "candidate_ids": ["c1"]}
    got = _verdicts([{"track": "ETIK", "form": "pernyataan terbuka"}], [act])
    assert got == [(Track.ETIK, Verdict.ADEQUATE)]


@settings(max_examples=examples(40))
@given(case=strategies.cases(max_activities=3))
def test_removing_all_violations_leaves_only_over_sanctioned_verdicts(case: Case) -> None:
    """Without acts there is no recommendation and every imposed sanction is over-sanctioned."""
    bare = case.model_copy(update={"activities": ()})
    a = assess(evaluate(bare), bare, as_of=AS_OF)
    assert a.recommendations == ()
    assert [t.verdict for t in a.audit.tracks] == [Verdict.OVER_SANCTIONED] * len(
        case.imposed_sanctions
    )


# --------------------------------------------------------------------------- output


def test_check_json_carries_the_assessment_and_stays_valid_against_the_schema(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`check --format json` carries the assessment as a typed field and validates against
    report.schema.json."""
    code = main(["check", SEED, "--format", "json", "--as-of", "2019-07-01"])
    data = json.loads(capsys.readouterr().out)
    schema_path = Path("src/netralitas_rules/schemas/report.schema.json")
    jsonschema.validate(data, json.loads(schema_path.read_text()))
    assert (code, data["assessment"]["audit"]["overall"]) == (1, "under_sanctioned")
    assert "sanctions" not in data["extensions"]


def test_the_assessed_report_round_trips_through_json() -> None:
    """An assessed report read back from its JSON equals it, assessment included."""
    case = load_case(SEED)
    report = evaluate(case)
    answer = with_assessment(report, assess(report, case, as_of=AS_OF))
    assert AssessedReport.model_validate_json(answer.model_dump_json()) == answer


def test_check_text_shows_recommendation_routing_risks_and_audit_in_english(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The English text names each part of the assessment."""
    main(["check", SEED, "--lang", "en", "--as-of", "2019-07-01"])
    out = capsys.readouterr().out
    for line in (
        "Sanction recommendation:",
        "  Discipline · Tier: heavy",
        "Handling chain:",
        "Supervision risks (advisory, not violations):",
        "Sanction adequacy audit (as of 1 July 2019):",
        "  Discipline: under-sanctioned — imposed: teguran lisan (light) on 14 June 2019 by PPK "
        "Kabupaten Muaro Jambi, where the law prescribes at least the heavy tier "
        "(PP 53/2010 Pasal 13 angka 12)",
        "    Weakest ground: law, single source",
        "  Ethics: not yet imposed — 113 days since 10 March 2019",
        "  Overall: under-sanctioned",
    ):
        assert line in out.splitlines()


def test_audit_command_prints_one_line_per_case_and_a_summary(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Two cases, one under-sanctioned: exit 1, a line each and the counts. The ETIK track's
    clock runs from its last finding (the 10 March 2019 meeting, ethics floor toward a calon)."""
    fine = tmp_path / "fine.yaml"
    fine.write_text(
        "id: fine\nelection: pemilu-2024\nasn: {id: asn-1, status: PNS, position_kind: PELAKSANA}\n"
        "activities: [{id: n1, date: 2024-01-10, kind: social_media_follow}]\n"
    )
    code = main(["audit", SEED, str(fine), "--lang", "en", "--as-of", "2019-07-01"])
    assert (code, capsys.readouterr().out.splitlines()) == (
        1,
        [
            "muaro-jambi-2019: under-sanctioned — discipline under-sanctioned (light vs heavy); "
            "ethics not yet imposed (113 days)",
            "fine: none due — -",
            "2 cases: 0 adequate, 1 under-sanctioned, 0 over-sanctioned, 0 wrong track, "
            "0 not yet imposed, 0 undetermined, 1 none due",
        ],
    )


def test_audit_command_exits_0_when_nothing_is_under_sanctioned(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """No under-sanctioned case: exit 0."""
    fine = tmp_path / "fine.yaml"
    fine.write_text(
        "id: fine\nelection: pemilu-2024\nasn: {id: asn-1, status: PNS, position_kind: PELAKSANA}\n"
        "activities: [{id: n1, date: 2024-01-10, kind: social_media_follow}]\n"
    )
    assert main(["audit", str(fine), "--as-of", "2024-03-01"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "1 kasus: 0 memadai, 0 sanksi terlalu ringan, 0 sanksi berlebih, 0 jalur keliru, "
        "0 belum dijatuhkan, 0 tidak dapat ditentukan, 1 tidak ada yang wajib"
    )


def test_audit_command_reports_an_invalid_file_and_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """An unreadable case is reported on stderr, the others are audited, exit 2."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\n")
    code = main(["audit", SEED, str(bad), "--as-of", "2019-07-01", "--format", "json"])
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert (code, data["summary"]["under_sanctioned"], data["summary"]["invalid"]) == (2, 1, 1)
    assert captured.err.startswith("netralitas: ")
