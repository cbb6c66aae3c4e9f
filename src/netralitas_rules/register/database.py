"""Opening the register's database: the URL, the connection settings that make concurrent
writers safe, the migrations on open, and the retry of transient conflicts.

* SQLite (a path or ``sqlite:///...``): WAL journal, a busy timeout, foreign keys on, and
  every writing transaction begun ``BEGIN IMMEDIATE``, so two writers queue for the lock
  instead of failing half-way; reads begin deferred.
* PostgreSQL (``postgresql://`` or ``postgresql+psycopg://``, psycopg 3): READ COMMITTED
  with row locks taken by the register (``SELECT ... FOR UPDATE`` on the case), and an
  advisory lock around the migrations, so several processes may open a fresh database at
  once.

A transaction that loses to another (SQLite busy, PostgreSQL serialization failure or
deadlock) is run again, a bounded number of times, with a growing random pause.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
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
from .texts import text

T = TypeVar("T")

BUSY_TIMEOUT_S = 30.0
"""How long a SQLite connection waits for another writer's lock before giving up."""
RETRIES = 8
"""How often a transaction that lost to another is tried again."""
READ_ONLY = "netralitas_read_only"
"""Execution option of a transaction that only reads (SQLite: a deferred BEGIN)."""

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
    """The URL without its password, for messages."""
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
    config = Config()
    config.set_main_option("script_location", "netralitas_rules.register:migrations")
    head = ScriptDirectory.from_config(config).get_current_head()
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
        raise RegisterDatabaseError(
            text("newer_schema", lang, db=display(str(engine.url)), found=found)
        ) from None
    except DBAPIError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        raise RegisterDatabaseError(
            text("open_failed", lang, db=display(str(engine.url)), reason=reason)
        ) from None


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
    """``work`` in one transaction, committed; run again when it lost to another one."""
    bind = engine.execution_options(**{READ_ONLY: True}) if read_only else engine
    for attempt in range(retries + 1):
        try:
            with Session(bind, expire_on_commit=False) as session, session.begin():
                return work(session)
        except DBAPIError as exc:
            if not transient(exc) or attempt == retries:
                if transient(exc):
                    db = display(str(engine.url))
                    raise RegisterDatabaseError(
                        text("busy", lang, db=db, tries=retries + 1)
                    ) from exc
                raise
            # Back off: a random pause, growing, so the losers do not collide again.
            time.sleep(random.uniform(0, min(0.02 * 2**attempt, 1.0)))
    raise AssertionError("unreachable")  # pragma: no cover
