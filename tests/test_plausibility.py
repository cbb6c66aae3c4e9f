"""Facts that do not fit the election are warned about, not refused (#12 item 15): acts
dated far from the election, an office the election does not fill, a penetapan years away.
The warnings go to stderr in the chosen language and into the report as data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import CASE_YAML, SEED_CASE, replaced
from netralitas_rules import load_case, parse_case
from netralitas_rules.cli import main
from netralitas_rules.plausibility import (
    EXTENSION,
    PlausibilityWarning,
    plausibility_warnings,
)

FAR_ACT = replaced(CASE_YAML, "date: 2019-01-10", "date: 9999-01-10")
GUBERNUR = replaced(CASE_YAML, "office: PRESIDEN", "office: GUBERNUR")
PENETAPAN = replaced(CASE_YAML, "party: Partai X}", "party: Partai X, penetapan_date: 2030-01-01}")


def test_a_plausible_case_has_no_warning() -> None:
    """The seed case and the minimal case fit their elections."""
    assert plausibility_warnings(load_case(SEED_CASE)) == ()
    assert plausibility_warnings(parse_case(CASE_YAML, "case.yaml")) == ()


@pytest.mark.parametrize(
    ("text", "code", "path"),
    [
        (FAR_ACT, "act_outside_election", "activities[0].date"),
        (
            replaced(CASE_YAML, "date: 2019-01-10", "date: 2022-01-10"),
            "act_outside_election",
            "activities[0].date",
        ),
        (
            replaced(CASE_YAML, "date: 2019-01-10", "date: 2015-01-10"),
            "act_outside_election",
            "activities[0].date",
        ),
        (GUBERNUR, "office_not_in_election", "candidates[0].office"),
        (PENETAPAN, "penetapan_far", "candidates[0].penetapan_date"),
    ],
    ids=["year-9999", "years-after", "years-before", "gubernur-in-pemilu", "penetapan-2030"],
)
def test_implausible_facts_are_warned_about(text: str, code: str, path: str) -> None:
    """Each implausible fact gives one warning naming its code and key path."""
    warnings = plausibility_warnings(parse_case(text, "case.yaml"))
    assert [(w.code, w.key_path) for w in warnings] == [(code, path)]


def test_a_dpr_candidate_in_a_pilkada_is_warned_about() -> None:
    """The other direction: an office of the Pemilu in a Pilkada."""
    text = replaced(CASE_YAML, "election: pemilu-2019", "election: pilkada-2018")
    text = replaced(text, "office: PRESIDEN", "office: DPR")
    text = replaced(text, "date: 2019-01-10", "date: 2018-03-10")
    (warning,) = plausibility_warnings(parse_case(text, "case.yaml"))
    assert warning.message("en") == (
        "DPR is not elected in a Pilkada (pilkada-2018); check the candidate's office or the "
        "election"
    )


def test_warning_messages_in_both_languages() -> None:
    """The message is Indonesian by default and English on request; data has both."""
    (warning,) = plausibility_warnings(parse_case(FAR_ACT, "case.yaml"))
    assert warning == PlausibilityWarning(
        "act_outside_election",
        ("activities", 0, "date"),
        {
            "date": "9999-01-10",
            "election": "pemilu-2019",
            "start": "2018-09-20",
            "end": "2019-04-17",
        },
    )
    # The data keeps ISO days; the messages write them as people do.
    assert warning.message() == (
        "tanggal perbuatan 10 Januari 9999 jauh di luar pemilihan pemilu-2019 (20 September "
        "2018 s.d. 17 April 2019); periksa tanggalnya"
    )
    assert warning.as_data()["message_en"] == (
        "the act's date 10 January 9999 is far outside the election pemilu-2019 (20 September "
        "2018 to 17 April 2019); check the date"
    )


@pytest.mark.parametrize(("lang", "word"), [("id", "peringatan"), ("en", "warning")])
def test_check_prints_warnings_to_stderr_and_still_judges(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, word: str
) -> None:
    """`check` warns on stderr with the place in the file, in --lang, and judges the case
    (the exit code is the findings', not an error)."""
    path = tmp_path / "case.yaml"
    path.write_text(GUBERNUR, encoding="utf-8")
    code = main(["check", "--lang", lang, str(path)])
    out, err = capsys.readouterr()
    assert code in (0, 1)
    assert err.startswith(f"{path}:5:14: candidates[0].office: {word}: ")
    assert out.splitlines()[0].startswith(("Kasus case-1", "Case case-1"))


def test_check_json_carries_the_warnings_as_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """In the JSON report the warnings are in extensions.plausibility, with both messages."""
    path = tmp_path / "case.yaml"
    path.write_text(PENETAPAN, encoding="utf-8")
    main(["check", "--format", "json", str(path)])
    data = json.loads(capsys.readouterr().out)
    (warning,) = data["extensions"][EXTENSION]
    assert (warning["code"], warning["key_path"]) == (
        "penetapan_far",
        "candidates[0].penetapan_date",
    )
    assert warning["message_en"].startswith("the penetapan date 1 January 2030 is more than a year")


def test_a_plausible_report_has_no_warning_extension(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No warnings, no extension: the report of a plausible case is as before."""
    main(["check", "--format", "json", str(SEED_CASE)])
    assert EXTENSION not in json.loads(capsys.readouterr().out)["extensions"]
