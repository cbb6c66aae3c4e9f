"""The register's tables (SQLAlchemy 2 typed ORM). Alembic migrations
(:mod:`netralitas_rules.register.migrations`) create and change them; this module is the
shape the code reads and writes, and ``tests/test_register_migrations.py`` keeps the two
equal.

* ``cases``: one row per case, its facts as JSON and the current answer (overall verdict,
  next deadline), kept in step with its events in the same transaction.
* ``events``: what happened to a case, numbered 1, 2, ... per case; append-only.
* ``decision_log``: every evaluation, with what it read (input hash, regulations hash,
  library version, backend, day of handling) and who asked; append-only (triggers refuse
  UPDATE and DELETE on both databases).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


class UtcDateTime(TypeDecorator[dt.datetime]):
    """A moment, stored in UTC and always read back aware. SQLite keeps no time zone, so a
    plain ``DateTime(timezone=True)`` came back naive there and the service wrote it without
    an offset (not an RFC 3339 date-time); the DDL is the same ``DateTime(timezone=True)``."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("the register stores aware datetimes only (the clock gives UTC)")
        return value.astimezone(dt.UTC)

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is None or value.tzinfo is not None:
            return value
        return value.replace(tzinfo=dt.UTC)


class Base(DeclarativeBase):
    """The register's declarative base."""


class CaseRow(Base):
    """A registered case and its current answer."""

    __tablename__ = "cases"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    facts: Mapped[dict[str, object]] = mapped_column(JSON)
    asn_id: Mapped[str] = mapped_column(String(200))
    agency: Mapped[str | None] = mapped_column(String(500))
    region: Mapped[str | None] = mapped_column(String(500))
    election: Mapped[str] = mapped_column(String(200))
    election_kind: Mapped[str | None] = mapped_column(String(50))
    verdict: Mapped[str] = mapped_column(String(40))
    """The audit's overall verdict after the last event (``sanctions.Verdict``)."""
    events: Mapped[int] = mapped_column(Integer, default=0)
    """How many events the case has: the number of the last one."""
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    """The next handling deadline (``netralitas_rules.deadlines``), if any."""
    due_what: Mapped[str | None] = mapped_column(String(100))
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    registered_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())

    __table_args__ = (
        Index("ix_cases_verdict", "verdict"),
        Index("ix_cases_agency", "agency"),
        Index("ix_cases_due_on", "due_on"),
    )


class EventRow(Base):
    """One event of a case's handling (``register.events.Event`` as JSON)."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"))
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(40))
    date: Mapped[dt.date] = mapped_column(Date)
    data: Mapped[dict[str, object]] = mapped_column(JSON)
    actor: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())

    __table_args__ = (UniqueConstraint("case_id", "seq", name="uq_events_case_seq"),)


class LogRow(Base):
    """One evaluation in the decision log."""

    __tablename__ = "decision_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"))
    seq: Mapped[int] = mapped_column(Integer)
    """The case's last event when evaluated (0: as registered)."""
    input_hash: Mapped[str] = mapped_column(String(64))
    regulations_hash: Mapped[str] = mapped_column(String(128))
    library_version: Mapped[str] = mapped_column(String(100))
    backend: Mapped[str] = mapped_column(String(50))
    as_of: Mapped[dt.date] = mapped_column(Date)
    verdict: Mapped[str] = mapped_column(String(40))
    verdicts: Mapped[list[dict[str, object]]] = mapped_column(JSON)
    """Per track: ``{"track", "verdict"}``."""
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    evaluated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    actor: Mapped[str] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_decision_log_case", "case_id", "seq"),)


class TokenRow(Base):
    """An access token of the service (``netralitas_rules.service.tokens``): its role and
    scope, and the salted hash of its secret; never the secret itself."""

    __tablename__ = "tokens"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    """The token's public id (the part before the dot), logged in place of the token."""
    role: Mapped[str] = mapped_column(String(20))
    agency: Mapped[str | None] = mapped_column(String(500))
    """The one agency whose cases the token may see (None: every agency)."""
    label: Mapped[str | None] = mapped_column(String(200))
    salt: Mapped[str] = mapped_column(String(64))
    digest: Mapped[str] = mapped_column(String(128))
    """sha256 (hex) of the salt and the secret."""
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
