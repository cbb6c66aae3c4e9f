"""A real PostgreSQL server for the tests, started by them: ``initdb`` into a temporary
folder, ``pg_ctl start`` on a free port of 127.0.0.1 with its socket in that folder, ready
when ``pg_ctl -w`` and a connection say so (bounded waits, no fixed sleeps), stopped and
removed at the end of the session.

The binaries are looked up on PATH, then in ``/usr/lib/postgresql/<version>/bin`` (where
Debian's ``postgresql`` package puts them; ``.ci/run`` installs it under CI). ``initdb``
refuses to run as root, so as root the server runs as the ``postgres`` user (or
``nobody``) and owns its folder. Without binaries the tests that need the server are
skipped, saying why; under CI (CI=true) they fail instead.

``tests/conftest.py`` registers the fixtures (``postgres_server``, ``pg_url``) for every test
module: one server a worker. A module must not import them itself, which would give it a
server of its own.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

START_TIMEOUT_S = 120
"""Bound on the server's start (a busy 2-core CI machine can be slow): pg_ctl -w's limit
and the connection poll's."""
SUPERUSER = "netralitas"


def find_binary(name: str) -> Path | None:
    """``name`` on PATH, else in the newest ``/usr/lib/postgresql/<version>/bin``."""
    found = shutil.which(name)
    if found:
        return Path(found)
    versions = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    return versions[-1] if versions else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _run_as() -> dict[str, Any]:
    """subprocess arguments that drop root (initdb and postgres refuse to run as root)."""
    if os.geteuid() != 0:
        return {}
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            entry = pwd.getpwnam(name)
            return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}
    pytest.skip("running as root and no 'postgres' or 'nobody' user to run PostgreSQL as")


@dataclass
class PostgresServer:
    """A running server: connect as :data:`SUPERUSER` (trust) on 127.0.0.1:``port``."""

    folder: Path
    port: int
    bin: Path
    as_user: dict[str, Any]

    def url(self, database: str = "postgres") -> str:
        """The SQLAlchemy URL of ``database`` (psycopg 3)."""
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        """A new, empty database; its URL."""
        import psycopg

        name = f"t_{secrets.token_hex(6)}"
        dsn = f"host=127.0.0.1 port={self.port} user={SUPERUSER} dbname=postgres"
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        """Stop the server (immediate shutdown, waited for) and remove its folder: its data
        is thrown away, so the shutdown checkpoint a fast stop writes (tens of seconds on a
        busy machine after the 2,000-case tests) is skipped."""
        data = str(self.folder / "data")
        subprocess.run(
            [str(self.bin / "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop"],
            capture_output=True,
            check=False,
            **self.as_user,
        )
        shutil.rmtree(self.folder, ignore_errors=True)


def start_server() -> PostgresServer:
    """initdb, then start on a free port (another one if the port was taken meanwhile)."""
    initdb = find_binary("initdb")
    if initdb is None or find_binary("pg_ctl") is None:
        # CI must test PostgreSQL (.ci/run installs it): a skip there would pass unseen.
        (pytest.fail if os.environ.get("CI") == "true" else pytest.skip)(
            "PostgreSQL binaries (initdb, pg_ctl) not found on PATH or in "
            "/usr/lib/postgresql/*/bin: install Debian's postgresql package "
            "(.ci/run does under CI) to run the register tests against PostgreSQL"
        )
    bindir = initdb.resolve().parent
    as_user = _run_as()
    # Not under pytest's tmp folder: that one is private to root, and the server's user
    # must reach its own folder.
    folder = Path(tempfile.mkdtemp(prefix="netralitas-pg-"))
    if as_user:
        os.chown(folder, as_user["user"], as_user["group"])
    data = folder / "data"
    subprocess.run(
        [
            str(bindir / "initdb"),
            "-D",
            str(data),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-sync",
            "--locale=C",
        ],
        capture_output=True,
        check=True,
        **as_user,
    )
    for _attempt in range(5):
        port = _free_port()
        options = f"-h 127.0.0.1 -p {port} -k {folder} -F -c max_connections=100"
        done = subprocess.run(
            [
                str(bindir / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(folder / "log"),
                "-o",
                options,
                "-w",
                "-t",
                str(START_TIMEOUT_S),
                "start",
            ],
            capture_output=True,
            check=False,
            **as_user,
        )
        if done.returncode == 0:
            server = PostgresServer(folder, port, bindir, as_user)
            _wait_for_connection(server)
            return server
        log = (folder / "log").read_text(errors="replace") if (folder / "log").exists() else ""
        if "could not bind" not in log and "in use" not in log:
            shutil.rmtree(folder, ignore_errors=True)
            raise RuntimeError(f"PostgreSQL did not start: {done.stderr.decode()}\n{log}")
    raise RuntimeError("PostgreSQL found no free port in 5 attempts")


def _wait_for_connection(server: PostgresServer) -> None:
    import psycopg

    deadline = time.monotonic() + START_TIMEOUT_S
    dsn = f"host=127.0.0.1 port={server.port} user={SUPERUSER} dbname=postgres connect_timeout=5"
    while True:
        try:
            with psycopg.connect(dsn):
                return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            # pg_ctl -w returned: the server accepts connections within moments; poll again.
            time.sleep(0.05)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One PostgreSQL server for the session."""
    server = start_server()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(postgres_server: PostgresServer) -> str:
    """A fresh database on the session's server."""
    return postgres_server.create_database()
