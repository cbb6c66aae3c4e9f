"""``netralitas serve`` on an address it cannot use: a usage error (exit 2) that names the
address and says what to do, in the language asked; it was exit 70, 'kesalahan internal
(OSError); ini cacat program'."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("uvicorn")

RUN_BOUND_S = 120.0
"""Longest wait for the command to end (a bound against a hang: it must refuse at once)."""


def _serve(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "netralitas_rules.cli", "serve", "--db", str(db), *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=RUN_BOUND_S, check=False)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "id",
            "netralitas serve: alamat 127.0.0.1:{port} tidak dapat dipakai (sudah dipakai); "
            "pilih --port lain atau --port 0 (port bebas mana saja)",
        ),
        (
            "en",
            "netralitas serve: the address 127.0.0.1:{port} cannot be used (already in use); "
            "choose another --port, or --port 0 (any free port)",
        ),
    ],
)
def test_port_in_use_is_a_usage_error(tmp_path: Path, lang: str, expected: str) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = _serve(tmp_path / "register.sqlite", "--port", str(port), "--lang", lang)
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip() == expected.format(port=port)
    # Refused before the register was opened: no database made for nothing.
    assert not (tmp_path / "register.sqlite").exists()


def test_host_not_of_this_machine(tmp_path: Path) -> None:
    # 192.0.2.0/24 is TEST-NET-1 (RFC 5737): never an address of this machine.
    done = _serve(tmp_path / "register.sqlite", "--host", "192.0.2.1", "--port", "0")
    assert done.returncode == 2, done.stderr
    assert "alamat 192.0.2.1:0 tidak dapat dipakai (alamat itu bukan milik mesin ini)" in (
        done.stderr
    )
    assert "pilih --host milik mesin ini" in done.stderr
