"""The problems of batch records and inputs, the register, the service and the commands that
read outputs and decided cases follow the output language: Indonesian by default with no
English left, ``--lang en`` (or ``Accept-Language: en``) the library's English, each problem
with its code in both (the case files through ``check``: ``test_case_file_language.py``)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml
from fastapi import FastAPI

from _problem_language import english_left, written
from _service import bearer, seed_json
from conftest import CASE_YAML, replaced
from netralitas_rules.batch import run_batch
from netralitas_rules.cli import main
from netralitas_rules.register import Register
from netralitas_rules.service import Role, TokenStore, create_app


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
    # A kind outside the vocabulary is a usage error at the option (argparse's choices), in
    # the language asked, naming --kind (it named the model's field 'kind').
    with pytest.raises(SystemExit) as exited:
        main(event)
    assert exited.value.code == 2
    err = capsys.readouterr().err.splitlines()[-1]
    assert err.startswith(
        "netralitas register event: kesalahan: argumen --kind: pilihan tidak valid: 'reportd' "
        "(pilih salah satu: 'reported', "
    )
    assert english_left(err) == [], err
    # A problem the event model finds names the option too, in either language.
    reported = [
        "register",
        "event",
        "--db",
        db,
        "c-1",
        "--kind",
        "reported",
        "--date",
        "2019-03-11",
    ]
    assert main(reported) == 2
    err = capsys.readouterr().err
    assert err.startswith("netralitas: peristiwa tidak valid: --source: peristiwa 'dilaporkan' ")
    assert english_left(err) == [], err
    assert main([*reported, "--lang", "en"]) == 2
    assert capsys.readouterr().err.startswith(
        "netralitas: invalid event: --source: Value error, a 'reported' event needs its source"
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
    path = written(tmp_path, "many.json", json.dumps(data, default=str))
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
    findings = written(tmp_path, "f.jsonl", "{\n")
    assert main(["report", str(findings)]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"netralitas: {findings}:1: bukan rekaman keluaran batch: teksnya tidak dapat dibaca "
        "sebagai JSON\n"
    )
    case = written(tmp_path, "c.yaml", CASE_YAML)
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
