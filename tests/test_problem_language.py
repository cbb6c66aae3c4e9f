"""The problems of a case file, a request's data and batch records follow the output
language: Indonesian by default with no English left, ``--lang en`` (or ``Accept-Language:
en``) the library's English word for word; each problem keeps its code in every language
(``data/problems.<lang>.yaml``, :mod:`netralitas_rules.problemtext`)."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
import yaml
from fastapi import FastAPI
from pydantic_core import PydanticKnownError

from _service import bearer, seed_json
from conftest import CASE_YAML, replaced
from netralitas_rules.batch import run_batch
from netralitas_rules.caseio import load_case
from netralitas_rules.cli import main
from netralitas_rules.errors import CaseFileError
from netralitas_rules.problemtext import catalogue
from netralitas_rules.pydantic_texts import MAPPED, pydantic_text
from netralitas_rules.register import Register
from netralitas_rules.service import Role, TokenStore, create_app
from test_cli_help_language import CODE, ENGLISH_WORDS
from test_messages import denied

PLACEHOLDER = re.compile(r"\{[^{}]*\}")
WORD = re.compile(r"(?<!\w)[A-Za-z]{2,}(?!\w)")
"""A word of text: letters alone, so that a key name (``superseded_on``) is none."""
KEY_NAME = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")
"""A key or field name as a rule author writes it (``tier_basis``, ``effective_from``):
code, kept as it is in every language."""
SOURCES = Path(__file__).resolve().parent.parent / "src" / "netralitas_rules"
USED_CODE = re.compile(r"\bText\(\s*\"([\w.]+)\"")


def _english_fragments() -> set[str]:
    """The English words of every problem text, without what is filled in: each piece
    between placeholders with at least two words in it."""
    pieces = PLACEHOLDER.split("\n".join(catalogue("en").values()))
    found = {p.strip(" ;:,()\n") for part in pieces for p in part.split("\n")}
    return {p for p in found if len(WORD.findall(p)) >= 2}


FRAGMENTS = _english_fragments()


def english_left(text: str) -> list[str]:
    """The English in ``text``: common English words outside what it quotes (names,
    values, paths), and any English fragment of a problem text."""
    bare = CODE.sub(" ", text)
    return ENGLISH_WORDS.findall(bare) + [f for f in FRAGMENTS if f in text]


# ------------------------------------------------------------------------ the catalogue


def test_every_problem_key_is_in_both_languages() -> None:
    assert set(catalogue("id")) == set(catalogue("en"))


def test_every_code_the_library_uses_has_its_text_in_both_languages() -> None:
    """Each ``Text("code")`` written in the sources (rule files, case files, batch, ...) has
    its ``problem.code`` in both catalogues, so no problem fails to render."""
    used = {
        code
        for path in SOURCES.rglob("*.py")
        for code in USED_CODE.findall(path.read_text(encoding="utf-8"))
    }
    assert len(used) > 100
    for lang in ("en", "id"):
        assert sorted(c for c in used if f"problem.{c}" not in catalogue(lang)) == [], lang


def test_each_text_has_the_same_placeholders_in_both_languages() -> None:
    """Every value is shown in both languages (pydantic's English plural ending and type
    name aside)."""
    for key, english in catalogue("en").items():
        names = set(PLACEHOLDER.findall(english)) - {"{expected_plural}", "{field_type}"}
        assert set(PLACEHOLDER.findall(catalogue("id")[key])) == names, key


def test_the_indonesian_catalogue_carries_no_english_word() -> None:
    """No Indonesian problem text carries a common English word or a denied piece of the
    report's check, placeholders aside, and the key names a rule author writes (the report's
    check denies such code names in text for people)."""
    for key, text in catalogue("id").items():
        bare = PLACEHOLDER.sub("…", text)
        assert ENGLISH_WORDS.findall(CODE.sub(" ", bare)) == [], key
        assert denied(KEY_NAME.sub("…", bare)) == [], key


def test_the_english_check_catches_the_old_messages() -> None:
    assert english_left("x.yaml:1:1: asn.status: required key is missing; add it")
    assert english_left("x.yaml:1:1: (document): the file is empty")


_CTX = {
    "less_than_equal": {"le": 10000000},
    "greater_than_equal": {"ge": 0},
    "less_than": {"lt": 5},
    "greater_than": {"gt": 0},
    "multiple_of": {"multiple_of": 2},
    "string_too_long": {"max_length": 200},
    "string_too_short": {"min_length": 1},
    "too_long": {"field_type": "Tuple", "max_length": 1, "actual_length": 3},
    "too_short": {"field_type": "List", "min_length": 2, "actual_length": 0},
    "string_pattern_mismatch": {"pattern": "^x$"},
    "enum": {"expected": "'PNS', 'PPPK' or 'CPNS'"},
    "literal_error": {"expected": "'a' or 'b'"},
    "date_parsing": {"error": "input is too short"},
    "date_from_datetime_parsing": {"error": "month value is outside expected range of 1-12"},
    "datetime_parsing": {"error": "input is too short"},
    "model_type": {"class_name": "ASN"},
    "union_tag_invalid": {"discriminator": "'kind'", "tag": "x", "expected_tags": "'a', 'b'"},
    "union_tag_not_found": {"discriminator": "'kind'"},
    "json_invalid": {"error": "EOF while parsing a value at line 1 column 0"},
    "value_error": {"error": "the range ends"},
}


@pytest.mark.parametrize("kind", sorted(MAPPED))
def test_each_pydantic_kind_is_pydantics_english_and_indonesian_without_english(
    kind: str,
) -> None:
    """The English of each mapped kind is pydantic's own message; the Indonesian has no
    English."""
    ctx = _CTX.get(kind)
    text = pydantic_text({"type": kind, "ctx": ctx or {}, "msg": "", "loc": (), "input": 1})
    assert text.render("en") == PydanticKnownError(kind, ctx).message()  # type: ignore[arg-type]
    assert english_left(text.render("id")) == [], text.render("id")


def test_a_kind_not_mapped_keeps_pydantics_english_and_says_invalid_in_indonesian() -> None:
    err = {"type": "url_parsing", "msg": "Input should be a valid URL", "loc": (), "input": 1}
    assert pydantic_text(err).render("en") == "Input should be a valid URL"
    assert pydantic_text(err).render("id") == "nilainya tidak sah"


# ------------------------------------------------------------------ netralitas check


Run = Callable[..., tuple[int, str]]


@pytest.fixture
def check(capsys: pytest.CaptureFixture[str]) -> Run:
    """``netralitas [--lang en] check PATH``: the exit code and stderr."""

    def run(path: Path | str, *lang: str) -> tuple[int, str]:
        code = main([*lang, "check", str(path)])
        return code, capsys.readouterr().err

    return run


def _case(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _act(extra: str) -> str:
    """The case with its first act's date line replaced by ``extra``."""
    return replaced(CASE_YAML, "    date: 2019-01-10\n", extra)


# Each class of error the QA report named: how to make the file, and one word of the
# Indonesian that says it is that error.
ERRORS: dict[str, tuple[Callable[[Path], Path | str], str]] = {
    "misspelt key": (
        lambda d: _case(d, "typo.yaml", replaced(CASE_YAML, "status: PNS", "statsu: PNS")),
        "kunci tidak dikenal 'statsu'; maksudnya 'status'?",
    ),
    "reversed range": (
        lambda d: _case(d, "range.yaml", _act("    date: {from: 2019-03-10, to: 2019-03-01}\n")),
        "rentang berakhir (2019-03-01) sebelum dimulai (2019-03-10)",
    ),
    "huge count": (
        lambda d: _case(
            d,
            "count.yaml",
            _act("    date: 2019-01-10\n    asn_mobilised: 99999999999999999999999999\n"),
        ),
        "nilainya harus paling besar 10000000",
    ),
    "missing file": (lambda d: d / "missing.yaml", "berkas tidak dapat dibaca"),
    "empty file": (lambda d: _case(d, "empty.yaml", ""), "berkas kosong"),
    "folder": (lambda d: d, "ini sebuah folder, bukan berkas kasus"),
    "unknown election": (
        lambda d: _case(d, "e.yaml", replaced(CASE_YAML, "pemilu-2019", "pemilu-2029")),
        "pemilihan tidak dikenal 'pemilu-2029'",
    ),
    "bad date": (lambda d: _case(d, "d.yaml", _act('    date: "2019-02-30"\n')), "tanggal"),
    "yaml syntax": (lambda d: _case(d, "s.yaml", "id: [x\n"), "sintaks YAML"),
    "json syntax": (lambda d: _case(d, "s.json", '{"id": 1,}'), "sintaks JSON"),
    "duplicate key": (lambda d: _case(d, "k.yaml", "id: a\nid: b\n"), "ditulis dua kali"),
    "not a mapping": (lambda d: _case(d, "m.yaml", "- a\n"), "pemetaan"),
    "wrong type": (
        lambda d: _case(d, "t.yaml", _act("    date: 2019-01-10\n    public: maybe\n")),
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
    empty = _case(tmp_path, "empty.yaml", "")
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


# ------------------------------------------------------------------ batch, register, service


def _batch(tmp_path: Path, lang: str | None) -> list[dict[str, object]]:
    src = tmp_path / "in.jsonl"
    good = json.loads(seed_json())
    bad = dict(good, id="b", election="pemilu-2029")
    src.write_text(
        "\n".join(
            [json.dumps(dict(good, asn={**good["asn"], "statsu": "x"})), "{", json.dumps(bad)]
        )
        + "\n",
        encoding="utf-8",
    )
    out, errors = tmp_path / "o.jsonl", tmp_path / "e.jsonl"
    if lang is None:
        assert main(["batch", str(src), "--out", str(out), "--errors", str(errors)]) == 1
    else:
        run_batch(src, out, errors, lang=lang)
    return [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]


def test_batch_error_records_follow_the_runs_language(tmp_path: Path) -> None:
    """``netralitas batch``: reason and problems in Indonesian, no English; the same codes
    as the English run of the library."""
    records = _batch(tmp_path, None)
    english = _batch(tmp_path, "en")
    assert [r["codes"] for r in records] == [r["codes"] for r in english]
    assert records[0]["codes"] == ["key.unknown"]
    assert records[2]["codes"] == ["election.unknown_inline"]
    for record in records:
        text = "\n".join([str(record["reason"]), *map(str, record["problems"])])  # type: ignore[call-overload]
        assert english_left(text) == [], text
    assert str(english[1]["reason"]).startswith("(document): JSON syntax: ")
    assert str(records[1]["reason"]).startswith("(dokumen): sintaks JSON: ")


def test_register_event_refusal_is_in_the_output_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "r.sqlite")
    event = ["register", "event", "--db", db, "c-1", "--kind", "reportd", "--date", "2019-03-11"]
    assert main(event) == 2
    err = capsys.readouterr().err
    assert err.startswith("netralitas: peristiwa tidak valid: kind: nilainya harus 'reported', ")
    assert english_left(err) == [], err
    assert main([*event, "--lang", "en"]) == 2
    assert capsys.readouterr().err.startswith(
        "netralitas: invalid event: kind: Input should be 'reported', "
    )


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FastAPI, str]]:
    db = str(tmp_path_factory.mktemp("service") / "register.sqlite")
    with TokenStore(db) as store:
        token = store.add(Role.SUPERVISOR)[0]
    with Register(db) as reg, TokenStore(db) as tokens:
        yield create_app(reg, tokens), token


def _post(app: FastAPI, target: str, body: str, headers: dict[str, str]) -> httpx.Response:
    """One POST through ``app`` in process."""

    async def send() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            return await http.post(target, content=body, headers=headers)

    return asyncio.run(send())


@pytest.mark.parametrize(
    ("target", "body", "code"),
    [
        ("/v1/check", replaced(seed_json(), '"PNS"', '"pns"'), "value.not_allowed"),
        (
            "/v1/check",
            seed_json().replace('"pemilu-2019"', '"pemilu-2029"'),
            "election.unknown_inline",
        ),
        ("/v1/check", "", "json.syntax"),
        ("/v1/check?as_of=2024-13-01", seed_json(), "pydantic.date_from_datetime_parsing"),
        ("/v1/cases/x/events", '{"kind": "reportd", "date": "2019-03-11"}', "value.not_allowed"),
    ],
)
def test_service_problems_follow_accept_language(
    client: tuple[FastAPI, str], target: str, body: str, code: str
) -> None:
    """Each problem's text and message in the language asked (Indonesian without an
    Accept-Language), with its code in both."""
    app, token = client
    answers = {
        lang: _post(app, target, body, {**bearer(token), "Accept-Language": lang})
        for lang in ("id", "en")
    }
    docs = {lang: r.json() for lang, r in answers.items()}
    assert {r.status_code for r in answers.values()} == {400}
    assert [p["code"] for p in docs["id"]["problems"]] == [
        p["code"] for p in docs["en"]["problems"]
    ]
    assert code in [p["code"] for p in docs["id"]["problems"]]
    for problem in docs["id"]["problems"]:
        assert english_left(problem["text"] + "\n" + problem["message"]) == [], problem
    assert english_left(json.dumps(docs["en"]["problems"]))  # the English is still English


@pytest.mark.parametrize(
    ("name", "text", "indonesian", "english"),
    [
        (
            "missing.jsonl",
            None,
            "berkas tidak dapat dibaca: tidak ada berkas",
            "cannot read the file",
        ),
        ("cases.txt", "", "format tidak dapat diketahui", "cannot tell the format"),
        (
            "cases.csv",
            "asn.idd\nx\n",
            "kolom tidak dikenal 'asn.idd'",
            "unknown column(s) 'asn.idd'",
        ),
    ],
)
def test_a_batch_input_that_cannot_be_read_is_said_in_the_output_language(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    text: str | None,
    indonesian: str,
    english: str,
) -> None:
    src = tmp_path / name
    if text is not None:
        src.write_text(text, encoding="utf-8")
    out = str(tmp_path / "o.jsonl")
    assert main(["batch", str(src), "--out", out]) == 2
    err = capsys.readouterr().err
    assert indonesian in err
    assert english_left(err) == [], err
    assert main(["--lang", "en", "batch", str(src), "--out", out]) == 2
    assert english in capsys.readouterr().err


def test_a_case_the_library_cannot_judge_is_said_in_the_output_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Strict mode without a version in force, and a case with too many unknowns."""
    seed = Path(__file__).resolve().parent.parent / "examples" / "muaro-jambi-2019.yaml"
    assert main(["check", str(seed), "--at", "2009-01-01", "--strict"]) == 2
    err = capsys.readouterr().err
    assert "tidak ada versi pp-53-2010 -> pp-94-2021 yang berlaku" in err
    assert "[2021-08-31, terbuka))" in err
    assert english_left(err) == [], err
    data = yaml.safe_load(seed.read_text(encoding="utf-8"))
    for act in data["activities"]:
        act.update(kind="unknown", used_position="unknown")
    path = _case(tmp_path, "many.json", json.dumps(data, default=str))
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("netralitas: kasus 'muaro-jambi-2019': fakta yang belum diketahui ")
    assert "activities[0].kind (24 nilai)" in err
    assert english_left(err) == [], err
    assert main(["--lang", "en", "check", str(path)]) == 2
    assert "its unknown facts make 110592 combinations" in capsys.readouterr().err


def test_reading_findings_and_decided_cases_is_said_in_the_output_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``netralitas report`` on a file that is no batch output, ``netralitas agreement`` on
    a case without its decision."""
    findings = _case(tmp_path, "f.jsonl", "{\n")
    assert main(["report", str(findings)]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"netralitas: {findings}:1: bukan rekaman keluaran batch: teksnya tidak dapat dibaca "
        "sebagai JSON\n"
    )
    case = _case(tmp_path, "c.yaml", CASE_YAML)
    assert main(["agreement", str(case)]) == 2
    err = capsys.readouterr().err
    assert "kasus yang sudah diputus memerlukan blok decided:" in err
    assert english_left(err) == [], err
    assert main(["--lang", "en", "agreement", str(case)]) == 2
    assert "a decided case needs its decided: block" in capsys.readouterr().err


def test_an_output_unreadable_without_an_errno_is_an_io_failure_not_utf8(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An OSError without an errno (pyarrow raises such) while reading a batch output is
    said as an I/O failure in Indonesian; only a decoding error speaks of UTF-8."""
    from netralitas_rules.batch.output import read_output
    from netralitas_rules.errors import NetralitasError

    out = tmp_path / "o.jsonl"
    out.write_text("{}\n", encoding="utf-8")

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("IOError: failed to read")

    with monkeypatch.context() as patched:
        patched.setattr(Path, "open", refuse)
        with pytest.raises(NetralitasError) as caught:
            list(read_output(out))
    # Rendered with Path.open back: the catalogues are read lazily.
    assert (
        caught.value.render("id")
        == f"{out}: temuan tidak dapat dibaca: kesalahan baca-tulis berkas"
    )
    assert caught.value.render("en") == f"{out}: cannot read the findings: IOError: failed to read"
