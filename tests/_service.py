"""A live ``netralitas serve`` for the service tests: started on a free port (``--port 0``;
the port read from the server's first line), bounded in time, stopped and waited for; and
the register databases it serves, SQLite and PostgreSQL.

A test module parametrizes its database fixture with :data:`DATABASES` and makes each
with :func:`fresh_database` (on the worker's ``postgres_server``, a conftest fixture).
"""

from __future__ import annotations

import json
import re
import selectors
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from netralitas_rules import examples
from netralitas_rules.yamlpos import read_yaml

START_BOUND_S = 120.0
"""Longest wait for the first line (a bound against a hang, not a speed expectation)."""
STOP_BOUND_S = 60.0


@contextmanager
def serving(db: str | Path, *extra: str) -> Iterator[str]:
    """The base URL of a ``netralitas serve --db db --port 0`` running for the block
    (``db``: a SQLite file or a database URL)."""
    cmd = [sys.executable, "-m", "netralitas_rules.cli", "serve", "--db", str(db), "--port", "0"]
    proc = subprocess.Popen([*cmd, *extra], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    try:
        line = _first_line(proc)
        found = re.search(rb"http://\S+", line)
        assert found, f"no address in the server's first line: {line!r}"
        yield found.group(0).decode()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=STOP_BOUND_S)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=STOP_BOUND_S)
        assert proc.stderr is not None
        proc.stderr.close()


def _first_line(proc: subprocess.Popen[bytes]) -> bytes:
    assert proc.stderr is not None
    sel = selectors.DefaultSelector()
    sel.register(proc.stderr, selectors.EVENT_READ)
    deadline = time.monotonic() + START_BOUND_S
    data = b""
    while b"\n" not in data:
        left = deadline - time.monotonic()
        if left <= 0 or (proc.poll() is not None and not sel.select(0)):
            raise RuntimeError(f"netralitas serve did not start: {data!r}")
        if sel.select(left):
            chunk = proc.stderr.read1(4096)  # type: ignore[attr-defined]
            if not chunk:
                raise RuntimeError(f"netralitas serve ended: {data!r}")
            data += chunk
    sel.close()
    return data.split(b"\n", 1)[0]


def seed_json(**changes: Any) -> str:
    """The seed case (``examples/muaro-jambi-2019.yaml``) as a JSON request body, as a
    client writes it: the file's own data (the election by name)."""
    path = examples.path("muaro-jambi-2019")
    data = read_yaml(path.read_bytes(), str(path), core_schema=True).data
    data.update(changes)
    return json.dumps(data, default=str)


def bearer(token: str) -> dict[str, str]:
    """The Authorization header of ``token``."""
    return {"Authorization": f"Bearer {token}"}


DATABASES = ["sqlite", "postgresql"]
"""The register databases every service test runs on (the fixture's ``params``)."""


def fresh_database(request: pytest.FixtureRequest, folder: Path) -> str:
    """A fresh register database of the kind ``request.param`` names: a SQLite file in
    ``folder``, or a new database on the session's PostgreSQL server (the conftest's
    ``postgres_server`` fixture), by the ``postgresql://`` URL a user gives
    ``netralitas serve --db``."""
    if request.param == "sqlite":
        return str(folder / "register.sqlite")
    server = request.getfixturevalue("postgres_server")
    url: str = server.create_database()
    return url.replace("postgresql+psycopg://", "postgresql://", 1)
