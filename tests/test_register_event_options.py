"""``netralitas register event``: each problem is said at the option the user typed, never at
the model's field name nor at the whole event; every option has a help, and the help of an
option with a vocabulary lists its values from the vocabulary. The event model refuses a
field that does not fit the kind at that field, in the kind's name."""

from __future__ import annotations

import argparse
import contextlib
import io
from pathlib import Path

import pytest
from pydantic import ValidationError

from netralitas_rules.cli import build_parser, main
from netralitas_rules.pydantic_texts import pydantic_text
from netralitas_rules.register import Event, EventKind, ReportSource
from netralitas_rules.vocabulary import Tier, Track

SEED = Path(__file__).resolve().parent.parent / "examples" / "muaro-jambi-2019.yaml"
CASE = "muaro-jambi-2019"


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "r.sqlite")
    assert main(["register", "import", "--db", path, "--as-of", "2019-03-20", str(SEED)]) == 0
    return path


def _event(db: str, *options: str) -> tuple[int, str]:
    args = ["register", "event", "--db", db, "--as-of", "2019-07-01", CASE, *options]
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        try:
            code = main(args)
        except SystemExit as exited:  # argparse's usage errors
            code = int(str(exited.code))
    return code, err.getvalue()


# ------------------------------------------------------------------- problems by option


def test_a_missing_source_names_its_option_and_its_values(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """It read 'peristiwa: peristiwa 'reported' memerlukan sumbernya (misalnya
    bawaslu_finding)'."""
    code, err = _event(db, "--kind", "reported", "--date", "2019-03-11")
    assert code == 2
    assert err == (
        "netralitas: peristiwa tidak valid: --source: peristiwa 'dilaporkan' memerlukan "
        "sumbernya: dari mana laporan atau temuan itu datang; berikan --source dengan salah "
        "satu nilai ini: bawaslu_finding, bawaslu_report, public_complaint, inspectorate\n"
    )
    code, err = _event(db, "--kind", "reported", "--date", "2019-03-11", "--lang", "en")
    assert err == (
        "netralitas: invalid event: --source: Value error, a 'reported' event needs its "
        "source: where the report or finding came from; give --source one of: "
        "bawaslu_finding, bawaslu_report, public_complaint, inspectorate\n"
    )


def test_a_source_on_another_kind_and_a_blank_note_name_their_options(db: str) -> None:
    code, err = _event(
        db, "--kind", "examined", "--date", "2019-03-12", "--source", "inspectorate", "--note", ""
    )
    assert code == 2
    assert err.startswith(
        "netralitas: peristiwa tidak valid: --source: hanya peristiwa 'dilaporkan' yang "
        "memiliki sumber; kosongkan sumbernya; --note: "
    )


def test_a_sanction_without_its_track_names_track(db: str) -> None:
    code, err = _event(db, "--kind", "sanction_imposed", "--date", "2019-06-01")
    assert code == 2
    assert err.startswith(
        "netralitas: peristiwa tidak valid: --track: peristiwa 'sanksi dijatuhkan' memerlukan "
        "jalur tempat sanksi itu dijatuhkan; berikan --track dengan salah satu nilai ini: ETIK, "
        "DISIPLIN, PIDANA, STATUS_KEPEGAWAIAN\n"
    )


@pytest.mark.parametrize(
    ("option", "value"),
    [("--kind", "reportd"), ("--source", "bawaslu"), ("--track", "disiplin"), ("--tier", "x")],
)
def test_a_value_outside_the_vocabulary_names_its_option(db: str, option: str, value: str) -> None:
    """It read 'kind: nilainya harus ...': now the option, in Indonesian, its values as
    typed."""
    options = {"--kind": "reported", "--date": "2019-03-11", "--source": "bawaslu_finding"}
    options[option] = value
    code, err = _event(db, *(w for pair in options.items() for w in pair))
    assert code == 2
    line = err.splitlines()[-1]
    assert line.startswith(f"netralitas register event: kesalahan: argumen {option}: pilihan ")
    assert f"tidak valid: '{value}' (pilih salah satu: " in line
    assert "EventKind" not in line


# --------------------------------------------------------------------------- the help


def _event_parser(lang: str) -> argparse.ArgumentParser:
    parser = build_parser(["--lang", lang, "register", "event"])
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            register = action.choices["register"]
            for sub in register._actions:
                if isinstance(sub, argparse._SubParsersAction):
                    found: argparse.ArgumentParser = sub.choices["event"]
                    return found
    raise AssertionError("no register event parser")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_option_has_a_help_and_lists_the_vocabulary(lang: str) -> None:
    """--source, --by, --track, --tier, --form, --decree and --note had none; --kind listed
    3 of the 7 kinds."""
    parser = _event_parser(lang)
    helps = {
        a.option_strings[-1] if a.option_strings else a.dest: a.help or "" for a in parser._actions
    }
    for name in ("CASE", "--kind", "--date", "--source", "--by", "--track", "--tier"):
        key = "case_id" if name == "CASE" else name
        assert helps[key].strip(), name
    for name in ("--form", "--decree", "--note"):
        assert helps[name].strip(), name
    shown = " ".join(parser.format_help().split())
    for vocabulary in (EventKind, ReportSource, Track, Tier):
        assert ", ".join(v.value for v in vocabulary) in shown, vocabulary


# ------------------------------------------------------------------- the model's fields


@pytest.mark.parametrize(
    ("data", "field", "indonesian"),
    [
        (
            {"kind": "reported", "date": "2019-03-11"},
            "source",
            "peristiwa 'dilaporkan' memerlukan sumbernya: dari mana laporan atau temuan itu datang",
        ),
        (
            {"kind": "closed", "date": "2019-03-11", "source": "inspectorate"},
            "source",
            "hanya peristiwa 'dilaporkan' yang memiliki sumber; kosongkan sumbernya",
        ),
        (
            {"kind": "sanction_imposed", "date": "2019-03-11"},
            "track",
            "peristiwa 'sanksi dijatuhkan' memerlukan jalur tempat sanksi itu dijatuhkan",
        ),
    ],
)
def test_the_model_refuses_at_the_field(data: dict[str, str], field: str, indonesian: str) -> None:
    """They were refused for the whole event (loc ()), with the kind's code."""
    with pytest.raises(ValidationError) as raised:
        Event.model_validate(data)
    (error,) = raised.value.errors()
    assert error["loc"] == (field,)
    assert pydantic_text(error).render("id") == indonesian


def test_an_unknown_kind_is_refused_at_kind_alone() -> None:
    """The fields a kind governs are not judged against a kind that is not one."""
    with pytest.raises(ValidationError) as raised:
        Event.model_validate({"kind": "reportd", "date": "2019-03-11"})
    assert [e["loc"] for e in raised.value.errors()] == [("kind",)]


def test_a_date_the_register_refuses_names_date(db: str) -> None:
    """The register's refusal of a date named the field ('tanggal peristiwa (`date`)'); the
    command line names the option the date was typed at."""
    options = ("--kind", "sanction_imposed", "--track", "DISIPLIN", "--date", "2030-01-01")
    code, err = _event(db, *options)
    assert code == 2
    assert err == (
        f"netralitas: {Path(db).resolve()}: kasus '{CASE}': --date: peristiwa 'sanksi dijatuhkan' "
        "bertanggal 1 Januari 2030, sesudah hari penanganan register (1 Juli 2019); peristiwa "
        "yang belum terjadi tidak dapat dicatat: perbaiki tanggalnya, atau catat peristiwa itu "
        "setelah terjadi\n"
    )
    code, err = _event(db, *options, "--lang", "en")
    assert err.startswith(f"netralitas: {Path(db).resolve()}: case '{CASE}': --date: the ")
