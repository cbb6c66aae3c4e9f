"""Opening the register's database: the URL, the connection settings that make concurrent
writers safe, the migrations on open, and the retry of transient conflicts.

* SQLite (a path or ``sqlite:///...``): WAL journal, a busy timeout, foreign keys on, and
  every writing transaction begun ``BEGIN IMMEDIATE``, so two writers queue for the lock
  instead of failing half-way (the threads of one process queue first on a lock of the
  process's, which wakes them sooner than SQLite's polling); reads begin deferred.
* PostgreSQL (``postgresql://`` or ``postgresql+psycopg://``, psycopg 3): READ COMMITTED
  with row locks taken by the register (``SELECT ... FOR UPDATE`` on the case), and an
  advisory lock around the migrations, so several processes may open a fresh database at
  once.

A transaction that loses to another (SQLite busy, PostgreSQL serialization failure or
deadlock) is run again, a bounded number of times, with a growing random pause.
"""

from __future__ import annotations

import functools
import random
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from .errors import RegisterDatabaseError
from .open_reasons import open_reason

T = TypeVar("T")

BUSY_TIMEOUT_S = 30.0
"""How long a SQLite connection waits for another writer's lock before giving up."""
RETRIES = 8
"""How often a transaction that lost to another is tried again."""
READ_ONLY = "netralitas_read_only"
"""Execution option of a transaction that only reads (SQLite: a deferred BEGIN)."""

_WRITERS: dict[str, threading.Lock] = {}
"""SQLite: per database URL, the lock of this process's writers (:func:`_queued`)."""
_WRITERS_GUARD = threading.Lock()
_MIGRATION_LOCK = 0x6E657472  # PostgreSQL advisory lock key ('netr')
_TRANSIENT_SQLSTATES = frozenset({"40001", "40P01", "55P03"})


def database_url(db: str | Path) -> str:
    """The SQLAlchemy URL of ``db``: a URL as given (``postgresql://`` gets psycopg 3), a
    path as a SQLite file."""
    given = str(db)
    if given.startswith("postgresql://") or given.startswith("postgres://"):
        return "postgresql+psycopg://" + given.split("://", 1)[1]
    if "://" in given:
        return given
    return f"sqlite:///{Path(given).expanduser().resolve()}"


def display(url: str) -> str:
    """The database as messages name it: a SQLite file by its path (as people give
    ``--db``; ``sqlite:////tmp/r.sqlite`` read as a URL, not as their file), any other by
    its URL without the password."""
    if url.startswith("sqlite:///") and len(url) > len("sqlite:///"):
        return url.removeprefix("sqlite:///")
    head, sep, tail = url.partition("://")
    if "@" in tail:
        creds, host = tail.rsplit("@", 1)
        tail = f"{creds.split(':', 1)[0]}@{host}"
    return f"{head}{sep}{tail}"


def open_engine(url: str) -> Engine:
    """An engine for ``url`` with the register's connection settings."""
    if url.startswith("sqlite"):
        engine = create_engine(
            url, connect_args={"timeout": BUSY_TIMEOUT_S, "check_same_thread": False}
        )
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True, isolation_level="READ COMMITTED")


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # The driver's own transaction handling would begin deferred and late; the register
    # begins its transactions itself (_sqlite_begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    # IMMEDIATE takes the write lock at BEGIN: a writer that read first and then wanted to
    # write could otherwise fail with SQLITE_BUSY in the middle of its transaction.
    deferred = connection.get_execution_options().get(READ_ONLY, False)
    connection.exec_driver_sql("BEGIN" if deferred else "BEGIN IMMEDIATE")


def migrate(engine: Engine, lang: str) -> None:
    """Bring the database to the newest schema shipped (nothing to do when it is there)."""
    config = _config()
    head = _head()
    try:
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
            if _current(conn) == head:
                return
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
    except CommandError as exc:
        found = _revision_or(engine, str(exc))
        raise RegisterDatabaseError.of(
            "newer_schema", lang, db=display(str(engine.url)), found=found
        ) from None
    except DBAPIError as exc:
        raise unreachable(engine, exc, lang) from exc  # the driver's words: --debug shows them


def unreachable(engine: Engine, exc: DBAPIError, lang: str) -> RegisterDatabaseError:
    """The error of a database that cannot be opened or reached: its address (without the
    password) and the reason in the catalogue's words (:mod:`.open_reasons`; the driver's
    own words only in English, in the error's cause and in the debug log)."""
    reason = open_reason(engine, exc)
    return RegisterDatabaseError.of("open_failed", lang, db=display(str(engine.url)), reason=reason)


def lost_connection(exc: DBAPIError) -> bool:
    """The database could not be reached: the connection failed while being made (an
    operational error before any statement) or was lost under a statement. (Any other error
    of the database is a statement's, a defect to report, not the register unavailable.)"""
    return exc.connection_invalidated or (
        exc.statement is None and isinstance(exc, OperationalError)
    )


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", "netralitas_rules.register:migrations")
    return config


@functools.cache
def _head() -> str | None:
    # The shipped scripts do not change while the process runs: read them once, not on
    # every open (the service, the CLI and each client thread open registers).
    return ScriptDirectory.from_config(_config()).get_current_head()


def _current(conn: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def _revision_or(engine: Engine, fallback: str) -> str:
    try:
        with engine.connect() as conn:
            return _current(conn) or fallback
    except DBAPIError:
        return fallback


def transient(exc: DBAPIError) -> bool:
    """A conflict with another transaction that running again resolves."""
    state = getattr(exc.orig, "sqlstate", None)
    if state in _TRANSIENT_SQLSTATES:
        return True
    message = str(exc.orig).lower()
    return isinstance(exc, OperationalError) and ("locked" in message or "busy" in message)


def in_transaction(
    engine: Engine,
    work: Callable[[Session], T],
    *,
    lang: str,
    read_only: bool = False,
    retries: int = RETRIES,
) -> T:
    """``work`` in one ORM session's transaction, committed; run again when it lost to
    another one."""

    def attempt() -> T:
        bind = engine.execution_options(**{READ_ONLY: True}) if read_only else engine
        with (
            _queued(engine, read_only),
            Session(bind, expire_on_commit=False) as session,
            session.begin(),
        ):
            return work(session)

    return _retrying(engine, attempt, lang=lang, retries=retries)


def in_connection(
    engine: Engine,
    work: Callable[[Connection], T],
    *,
    lang: str,
    read_only: bool = False,
    retries: int = RETRIES,
) -> T:
    """``work`` on one connection in one transaction, committed; run again when it lost to
    another one. (The register's own calls: Core statements skip the ORM's unit of work,
    which cost more CPU than the database did.)"""

    def attempt() -> T:
        with _queued(engine, read_only), engine.connect() as conn:
            if read_only:
                conn.execution_options(**{READ_ONLY: True})
            with conn.begin():
                return work(conn)

    return _retrying(engine, attempt, lang=lang, retries=retries)


def _queued(engine: Engine, read_only: bool) -> AbstractContextManager[object]:
    """SQLite: the lock this process's writers of the database take before BEGIN
    IMMEDIATE. The database's own lock stays the guarantee (other processes); this one
    only makes the process's threads queue and wake as soon as the writer before them is
    done, where SQLite's busy handler polls, sleeping up to 100 ms a turn (8 writing
    threads spent more than half their wall time asleep so)."""
    if read_only or engine.dialect.name != "sqlite":
        return nullcontext()
    key = str(engine.url)
    with _WRITERS_GUARD:
        return _WRITERS.setdefault(key, threading.Lock())


def _retrying(engine: Engine, attempt: Callable[[], T], *, lang: str, retries: int) -> T:
    for n in range(retries + 1):
        try:
            return attempt()
        except DBAPIError as exc:
            if not transient(exc) or n == retries:
                if transient(exc):
                    db = display(str(engine.url))
                    raise RegisterDatabaseError.of("busy", lang, db=db, tries=retries + 1) from exc
                if lost_connection(exc):
                    raise unreachable(engine, exc, lang) from exc
                raise
            # Back off: a random pause, growing, so the losers do not collide again.
            time.sleep(random.uniform(0, min(0.02 * 2**n, 1.0)))
    raise AssertionError("unreachable")  # pragma: no cover
