"""A register that cannot be opened is said in the catalogue's words, with what to do: the
database driver's English ('unable to open database file') only with --lang en, after the
reason, and as the cause --debug shows."""

from __future__ import annotations

import os
import socket
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.exc import OperationalError

from netralitas_rules.cli import main
from netralitas_rules.register.open_reasons import OpenReason, open_reason


def _overdue(db: str, lang: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["register", "overdue", "--db", db, "--lang", lang]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    return err


def test_a_folder_that_is_not_there(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "hilang" / "di" / "r.sqlite"
    assert _overdue(str(db), "id", capsys) == (
        f"netralitas: {db}: register tidak dapat dibuka: folder {tmp_path / 'hilang'} tidak "
        "ada; buat folder itu dulu, atau beri --db berkas di folder yang sudah ada\n"
    )
    assert _overdue(str(db), "en", capsys) == (
        f"netralitas: {db}: the register cannot be opened: the folder {tmp_path / 'hilang'} "
        "does not exist; create it first, or give --db a file in a folder that exists "
        "(unable to open database file)\n"
    )
    assert not (tmp_path / "hilang").exists()


def test_a_file_that_is_not_a_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "catatan.sqlite"
    db.write_text("bukan basis data\n" * 100, encoding="utf-8")
    assert _overdue(str(db), "id", capsys) == (
        f"netralitas: {db}: register tidak dapat dibuka: berkas itu bukan basis data register "
        "(SQLite); periksa --db, atau beri nama berkas baru untuk memulai register baru\n"
    )
    assert _overdue(str(db), "en", capsys).endswith(
        "to start a new register (file is not a database)\n"
    )


def test_a_folder_given_as_the_register(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _overdue(str(tmp_path), "id", capsys) == (
        f"netralitas: {tmp_path}: register tidak dapat dibuka: {tmp_path} adalah folder, bukan "
        f"berkas; beri --db nama berkas, misalnya {tmp_path}/register.sqlite\n"
    )


def test_debug_shows_the_drivers_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "catatan.sqlite"
    db.write_text("bukan basis data\n" * 100, encoding="utf-8")
    assert main(["register", "overdue", "--db", str(db), "--debug"]) == 2
    err = capsys.readouterr().err
    assert "file is not a database" in err
    assert err.endswith(
        "register tidak dapat dibuka: berkas itu bukan basis data register "
        "(SQLite); periksa --db, atau beri nama berkas baru untuk memulai "
        "register baru\n"
    )


def test_a_postgresql_server_that_refuses(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("psycopg")
    with socket.socket() as s:  # a port nobody listens on: bound, never listening
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        err = _overdue(f"postgresql://u:rahasia@127.0.0.1:{port}/x", "id", capsys)
    assert err == (
        f"netralitas: postgresql+psycopg://u@127.0.0.1:{port}/x: register tidak dapat dibuka: "
        "server basis data menolak sambungan; periksa host dan port pada --db, dan apakah "
        "servernya berjalan\n"
    )


def _sqlite_error(name: str, number: int, words: str) -> OperationalError:
    orig = sqlite3.OperationalError(words)
    orig.sqlite_errorname = name
    orig.sqlite_errorcode = number
    return OperationalError("PRAGMA journal_mode=WAL", {}, orig)


@pytest.mark.parametrize(
    ("name", "number", "words", "kind"),
    [
        ("SQLITE_BUSY", 5, "database is locked", "locked"),
        ("SQLITE_READONLY", 8, "attempt to write a readonly database", "read_only"),
        ("SQLITE_IOERR", 10, "disk I/O error", "other"),
    ],
)
def test_sqlite_reasons_by_their_error_name(
    name: str, number: int, words: str, kind: str, tmp_path: Path
) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'r.sqlite'}")
    reason = open_reason(engine, _sqlite_error(name, number, words))
    assert (reason.kind, reason.driver) == (kind, words)
    assert words not in reason.render("id")
    assert reason.render("en").endswith(f" ({words})")


def test_the_indonesian_of_every_reason_is_the_catalogues() -> None:
    assert OpenReason("locked", "database is locked").render("id") == (
        "basis datanya sedang dikunci program lain; coba lagi setelah program itu selesai"
    )
    assert OpenReason("other", "disk I/O error", code="SQLite 10").render("id") == (
        "basis data menolak membukanya (SQLite 10); periksa alamat --db dan izinnya (sebab "
        "lengkapnya ditampilkan dengan --debug)"
    )


def test_a_folder_without_permission(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Permission denied (root reads every folder, so the check is made to say no)."""
    monkeypatch.setattr(os, "access", lambda *_args: False)
    engine = create_engine(f"sqlite:///{tmp_path / 'r.sqlite'}")
    reason = open_reason(
        engine, _sqlite_error("SQLITE_CANTOPEN", 14, "unable to open database file")
    )
    assert reason.kind == "denied"
    assert reason.render("id") == (
        "izin ditolak; periksa izin baca dan tulis berkas itu dan foldernya, atau beri --db "
        "tempat yang dapat Anda tulisi"
    )
