"""The texts that lived in Python dicts (``{"id": ..., "en": ...}``) live in the message
catalogues (``data/messages.<lang>.yaml``): the exit codes of every command's help and the
dispatcher's lines (``exit.*``, ``cli.*``), ``netralitas register`` and its tokens
(``register.*``, ``token.*``), the register's and the service's messages
(``register.error.*``, ``service.*``), ``rules lint``'s warnings and the durable backend's
limits (``lint.*``, ``durable.*``), ``run_batch``'s errors about its arguments. Every key is
in both languages with the same placeholders; the Indonesian output of each group carries
none of their English, and ``--lang en`` gives the English word for word."""

from __future__ import annotations

import ast
import asyncio
import errno
import re
import string
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from netralitas_rules.batch import run_batch
from netralitas_rules.batch.dask import evaluate_items
from netralitas_rules.cli import main
from netralitas_rules.cli._exits import file_error
from netralitas_rules.engine import _shipped_rules
from netralitas_rules.engine.durable_limits import DurableLimit
from netralitas_rules.errors import NetralitasError
from netralitas_rules.messages import CATALOGUES, LANGS
from netralitas_rules.register import Register
from netralitas_rules.service import TokenStore, create_app
from test_cli_help_language import CODE, ENGLISH_WORDS, _built
from test_messages import denied

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "muaro-jambi-2019.yaml"
SOURCE = ROOT / "src" / "netralitas_rules"

MOVED = ("exit.", "cli.", "register.", "token.", "service.", "lint.", "durable.")
"""The key groups whose texts were dicts in the code (``batch.*`` has two more: BATCH)."""
BATCH = ("batch.unknown_detail", "batch.jobs_too_few")
COMMANDS = ("check", "ask", "test", "prove", "batch", "audit", "agreement", "register", "token")


def _moved(lang: str) -> dict[str, str]:
    return {k: t for k, t in CATALOGUES[lang].items() if k.startswith(MOVED) or k in BATCH}


PLACEHOLDER = re.compile(r"\{[^{}]*\}")
PACKAGES = re.compile(r"\b(?:netralitas|durable)-rules\b")
"""Names of packages, said as they are in every language."""


def _fragments() -> set[str]:
    """The English of the moved texts, without what is filled in: each piece between
    placeholders with at least two words in it."""
    pieces = PLACEHOLDER.split("\n".join(_moved("en").values()))
    found = {p.strip(" ;:,()\n") for part in pieces for p in part.split("\n")}
    return {p for p in found if len(re.findall(r"[A-Za-z]{2,}", p)) >= 2}


FRAGMENTS = _fragments()


def english_left(text: str) -> list[str]:
    """The English of the moved texts in ``text``, and common English words outside what
    it quotes (names, options, paths)."""
    return [f for f in FRAGMENTS if f in text] + ENGLISH_WORDS.findall(CODE.sub(" ", text))


def _fields(text: str) -> list[tuple[str, str, str]]:
    """The placeholders of ``text``: name, conversion and format, in order of name."""
    parsed = string.Formatter().parse(text)
    return sorted({(name, conv or "", spec or "") for _, name, spec, conv in parsed if name})


# ------------------------------------------------------------------------ the catalogues


def test_every_text_has_the_same_placeholders_in_both_languages() -> None:
    """Each key of the message catalogues fills the same values, the same way, in both."""
    english = CATALOGUES["en"]
    differ = [k for k, t in CATALOGUES["id"].items() if _fields(t) != _fields(english[k])]
    assert differ == []


@pytest.mark.parametrize("lang", LANGS)
def test_each_moved_group_is_in_the_catalogue(lang: str) -> None:
    """Every group has its keys in both languages (the keys themselves: missing_keys()),
    every command its exit codes, the shared codes and the scheme included."""
    keys = set(_moved(lang))
    for prefix in (*MOVED, *BATCH):
        assert any(k.startswith(prefix) for k in keys), prefix
    for group in (*COMMANDS, "serve", "common", "overview", "default"):
        assert any(k.startswith(f"exit.{group}.") for k in keys), group


def test_the_indonesian_texts_moved_carry_no_english() -> None:
    """No moved Indonesian text carries a common English word outside what it quotes, nor a
    denied piece of the report's check (placeholders aside)."""
    slips = {
        key: found
        for key, text in _moved("id").items()
        if (bare := PACKAGES.sub("…", PLACEHOLDER.sub("…", text)))
        and (found := ENGLISH_WORDS.findall(CODE.sub(" ", bare)) + denied(bare))
    }
    assert slips == {}


def _bilingual_dicts(path: Path) -> Iterator[int]:
    """The lines of dict literals in ``path`` keyed by both "id" and "en"."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Dict):
            keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
            if {"id", "en"} <= keys:
                yield node.lineno


def test_no_bilingual_dict_is_left_in_the_code() -> None:
    """Words live in the catalogues: no module outside testing/ keeps a dict of texts by
    language."""
    found = [
        f"{path.relative_to(SOURCE)}:{line}"
        for path in sorted(SOURCE.rglob("*.py"))
        if "testing" not in path.parts
        for line in _bilingual_dicts(path)
    ]
    assert found == []


# ------------------------------------------------------------------------ the outputs


@pytest.mark.parametrize("lang", LANGS)
def test_every_help_lists_its_exit_codes_in_its_language(lang: str) -> None:
    """The exit codes of every command's help: Indonesian without English by default, the
    English word for word with --lang en."""
    heading = {"id": "Kode keluar:", "en": "Exit codes:"}[lang]
    helps = {name: parser.format_help() for name, parser in _built(lang).items()}
    lists = {name: text.partition(heading)[2] for name, text in helps.items()}
    assert lists["netralitas check"]
    if lang == "id":
        assert {
            name: english_left(text) for name, text in lists.items() if english_left(text)
        } == {}
    else:
        assert "0  no findings" in lists["netralitas check"]
        assert "3  the counts do not reconcile" in lists["netralitas batch"]
        assert "141  standard output closed by its reader" in lists["netralitas"]


def test_register_lines_in_each_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``netralitas register`` and ``register token``: Indonesian without English by default,
    the English word for word with --lang en."""
    said: dict[str, str] = {}
    for lang in LANGS:
        db = str(tmp_path / f"{lang}.sqlite")
        base = ["--db", db, "--as-of", "2019-03-20"]
        event = ["--kind", "closed", "--date", "2019-05-01"]
        reported = ["--kind", "reported", "--date", "2019-05-01"]  # without its --source
        runs = [
            (["register", "import", *base, str(SEED)], 0),
            (["register", "import", *base, str(SEED)], 1),
            (["register", "overdue", *base], 0),
            (["register", "stats", *base], 0),
            (["register", "event", *base, "nope", *event], 2),
            (["register", "event", *base, "muaro-jambi-2019", *reported], 2),
            (["register", "token", "add", "--db", db, "--role", "supervisor"], 0),
            (["register", "token", "revoke", "--db", db, "tok-nope"], 1),
        ]
        words = []
        for args, code in runs:
            assert main([*args, "--lang", lang]) == code, args
            out, err = capsys.readouterr()
            # token add prints the secret alone on stdout: only its stderr line is words
            words.append(err if args[1] == "token" else out + err)
        said[lang] = "".join(words)
    assert english_left(said["id"]) == [], said["id"]
    assert "1 kasus didaftarkan, 0 sudah terdaftar (dilewati), 0 tidak valid" in said["id"]
    assert "0 cases registered, 1 already registered (skipped), 0 invalid" in said["en"]
    assert "muaro-jambi-2019: already registered, skipped" in said["en"]
    assert "no case overdue" in said["en"]
    assert "1 case (1 open, 0 closed); overdue: 0; follow-up: " in said["en"]
    assert "case 'nope' is not in the register; register it first with " in said["en"]
    assert "netralitas: invalid event: --source: " in said["en"]
    assert "(supervisor) made; keep it now, it is not shown again" in said["en"]
    assert "no token tok-nope" in said["en"]


@pytest.fixture
def app(tmp_path: Path) -> Iterator[FastAPI]:
    db = str(tmp_path / "register.sqlite")
    with Register(db) as reg, TokenStore(db) as tokens:
        yield create_app(reg, tokens)


def _get(app: FastAPI, target: str, headers: dict[str, str]) -> httpx.Response:
    async def send() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            return await http.get(target, headers=headers)

    return asyncio.run(send())


@pytest.mark.parametrize("target", ["/v1/cases/x", "/nowhere"])
def test_service_messages_follow_accept_language(app: FastAPI, target: str) -> None:
    """A problem's title and detail: Indonesian without an Accept-Language, the English
    with ``Accept-Language: en``."""
    indonesian = _get(app, target, {}).json()
    english = _get(app, target, {"Accept-Language": "en"}).json()
    assert english_left(f"{indonesian['title']}\n{indonesian['detail']}") == [], indonesian
    assert english["title"] in {"Not authenticated", "Not found"}
    assert english["detail"].startswith(("send a token in the header", "there is nothing at"))


def test_run_batch_argument_errors_follow_lang(tmp_path: Path) -> None:
    """``run_batch`` refuses a bad detail or job count in Indonesian by default, in the
    English word for word with ``lang="en"``; ``netralitas batch`` in the language given."""
    paths = (tmp_path / "in.jsonl", tmp_path / "o.jsonl", tmp_path / "e.jsonl")
    with pytest.raises(NetralitasError) as indonesian:
        run_batch(*paths, detail="nope")
    assert str(indonesian.value) == (
        "tingkat rincian tidak dikenal 'nope'; pilih salah satu dari summary, full"
    )
    with pytest.raises(NetralitasError, match=r"^unknown detail 'nope'; choose one of summary"):
        run_batch(*paths, detail="nope", lang="en")
    with pytest.raises(NetralitasError, match=r"^--jobs must be at least 1, not 0$"):
        run_batch(*paths, jobs=0, lang="en")
    with pytest.raises(NetralitasError) as jobs:
        run_batch(*paths, jobs=0)
    assert english_left(str(jobs.value)) == [], jobs.value


def test_the_cli_batch_says_a_bad_job_count_in_indonesian(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["batch", str(tmp_path / "in.jsonl"), "--out", str(tmp_path / "o.jsonl"), "--jobs", "0"]
    assert main(args) == 2
    assert capsys.readouterr().err == "netralitas: --jobs sekurang-kurangnya 1, bukan 0\n"


def test_dask_records_follow_lang() -> None:
    """A Dask error record: Indonesian by default, the English with ``lang="en"``."""
    (indonesian,) = evaluate_items([42], _shipped_rules())
    (english,) = evaluate_items([42], _shipped_rules(), lang="en")
    assert indonesian["codes"] == english["codes"] == ["batch.not_a_case"]
    assert indonesian["reason"].startswith("(dokumen): ")
    assert english["reason"] == "(document): not a case: a int"


def test_durable_limits_and_file_errors_in_each_language() -> None:
    """What a durable table counts, and a file error the user can fix."""
    limit = DurableLimit("junctions", 42)
    assert limit.describe("id") == (
        "memerlukan 42 kelompok all/any dalam satu aturan (setelah daftar panjang dipecah); "
        "durable-rules 2.0.28 mengizinkan 15"
    )
    assert str(limit) == (
        "needs 42 all/any groups in one rule (after long lists are split); "
        "durable-rules 2.0.28 allows 15"
    )
    missing = OSError(errno.ENOENT, "No such file or directory", "x.yaml")
    assert file_error(missing, "id") == "x.yaml: tidak ada berkas atau folder itu"
    assert file_error(missing, "en") == "x.yaml: no such file or folder"
    assert file_error(OSError(errno.EBADF, "Bad file descriptor"), "id") is None
