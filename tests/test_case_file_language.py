"""The problems of a case file follow the output language through ``netralitas check``:
Indonesian by default with no English left, ``--lang en`` the library's English word for word
(the catalogues' own tests: ``test_problem_language.py``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from _problem_language import english_left, written
from conftest import CASE_YAML, replaced
from netralitas_rules.caseio import load_case
from netralitas_rules.cli import main
from netralitas_rules.errors import CaseFileError

Run = Callable[..., tuple[int, str]]


@pytest.fixture
def check(capsys: pytest.CaptureFixture[str]) -> Run:
    """``netralitas [--lang en] check PATH``: the exit code and stderr."""

    def run(path: Path | str, *lang: str) -> tuple[int, str]:
        code = main([*lang, "check", str(path)])
        return code, capsys.readouterr().err

    return run


def _act(extra: str) -> str:
    """The case with its first act's date line replaced by ``extra``."""
    return replaced(CASE_YAML, "    date: 2019-01-10\n", extra)


# Each class of error the QA report named: how to make the file, and one word of the
# Indonesian that says it is that error.
ERRORS: dict[str, tuple[Callable[[Path], Path | str], str]] = {
    "misspelt key": (
        lambda d: written(d, "typo.yaml", replaced(CASE_YAML, "status: PNS", "statsu: PNS")),
        "kunci tidak dikenal 'statsu'; maksudnya 'status'?",
    ),
    "reversed range": (
        lambda d: written(d, "range.yaml", _act("    date: {from: 2019-03-10, to: 2019-03-01}\n")),
        "rentang berakhir (2019-03-01) sebelum dimulai (2019-03-10)",
    ),
    "huge count": (
        lambda d: written(
            d,
            "count.yaml",
            _act("    date: 2019-01-10\n    asn_mobilised: 99999999999999999999999999\n"),
        ),
        "nilainya harus paling besar 10000000",
    ),
    "missing file": (lambda d: d / "missing.yaml", "berkas tidak dapat dibaca"),
    "empty file": (lambda d: written(d, "empty.yaml", ""), "berkas kosong"),
    "folder": (lambda d: d, "ini sebuah folder, bukan berkas kasus"),
    "unknown election": (
        lambda d: written(d, "e.yaml", replaced(CASE_YAML, "pemilu-2019", "pemilu-2029")),
        "pemilihan tidak dikenal 'pemilu-2029'",
    ),
    "bad date": (lambda d: written(d, "d.yaml", _act('    date: "2019-02-30"\n')), "tanggal"),
    "yaml syntax": (lambda d: written(d, "s.yaml", "id: [x\n"), "sintaks YAML"),
    "json syntax": (lambda d: written(d, "s.json", '{"id": 1,}'), "sintaks JSON"),
    "duplicate key": (lambda d: written(d, "k.yaml", "id: a\nid: b\n"), "ditulis dua kali"),
    "not a mapping": (lambda d: written(d, "m.yaml", "- a\n"), "pemetaan"),
    "wrong type": (
        lambda d: written(d, "t.yaml", _act("    date: 2019-01-10\n    public: maybe\n")),
        "benar atau salah",
    ),
}


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_each_case_file_error_is_indonesian_by_default(
    name: str, check: Run, tmp_path: Path
) -> None:
    """Exit 2; the located line in Indonesian, with no English word left."""
    make, words = ERRORS[name]
    code, err = check(make(tmp_path))
    assert code == 2
    assert words in err
    assert english_left(err) == [], err


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_each_case_file_error_is_the_librarys_english_with_lang_en(
    name: str, check: Run, tmp_path: Path
) -> None:
    """``--lang en``: the English the library's error carries, word for word."""
    make, _ = ERRORS[name]
    path = make(tmp_path)
    code, err = check(path, "--lang", "en")
    assert code == 2
    with pytest.raises(CaseFileError) as info:
        load_case(path)
    assert err == f"{info.value}\n"


def test_exact_messages_in_each_language(check: Run, tmp_path: Path) -> None:
    typo = ERRORS["misspelt key"][0](tmp_path)
    asn = "agency, id, is_pejabat_asn, is_pejabat_negara, name, on_unpaid_leave, " + (
        "position_kind, prior_sanctions, region, status, unit"
    )
    assert check(typo)[1] == (
        f"{typo}:3:1: asn.status: kunci wajib tidak ada; tambahkan\n"
        f"{typo}:3:18: asn.statsu: kunci tidak dikenal 'statsu'; maksudnya 'status'?; "
        f"yang diperbolehkan: {asn}\n"
    )
    assert check(typo, "--lang", "en")[1] == (
        f"{typo}:3:1: asn.status: required key is missing; add it\n"
        f"{typo}:3:18: asn.statsu: unknown key 'statsu'; did you mean 'status'?; allowed: {asn}\n"
    )
    empty = written(tmp_path, "empty.yaml", "")
    assert check(empty)[1] == f"{empty}:1:1: (dokumen): berkas kosong\n"
    assert check(empty, "--lang", "en")[1] == f"{empty}:1:1: (document): the file is empty\n"
    count = ERRORS["huge count"][0](tmp_path)
    assert check(count)[1].endswith(
        ": activities[0].asn_mobilised: nilainya harus paling besar 10000000\n"
    )
    assert check(count, "--lang", "en")[1].endswith(
        ": activities[0].asn_mobilised: Input should be less than or equal to 10000000\n"
    )
    missing = tmp_path / "missing.yaml"
    assert check(missing)[1] == (
        f"{missing}:1:1: (dokumen): berkas tidak dapat dibaca: tidak ada berkas atau folder itu\n"
    )
    assert check(missing, "--lang", "en")[1] == (
        f"{missing}:1:1: (document): cannot read the file: No such file or directory\n"
    )
