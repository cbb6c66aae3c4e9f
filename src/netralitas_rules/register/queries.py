"""Reading cases: one case's record, the filtered list, the ids in pages. Each function
runs its statements on the connection it is given (the caller's transaction); the
statements are built once, here, and bound per call."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import ColumnElement, Executable, bindparam, select
from sqlalchemy.engine import Connection

from ..models import Case
from ..sanctions import Verdict
from .evaluation import Due, tracks_of
from .events import Event
from .records import CaseList, CaseRecord, CaseSummary
from .schema import CaseRow, EventRow, LogRow

SUMMARY = (
    CaseRow.id,
    CaseRow.agency,
    CaseRow.region,
    CaseRow.election,
    CaseRow.verdict,
    CaseRow.events,
    CaseRow.due_on,
    CaseRow.due_what,
    CaseRow.closed_on,
)
"""The columns a :class:`CaseSummary` is made of."""

_LAST_VERDICTS = (
    select(LogRow.verdicts)
    .where(LogRow.case_id == CaseRow.id)
    .order_by(LogRow.seq.desc(), LogRow.id.desc())
    .limit(1)
    .scalar_subquery()
    .label("last_verdicts")
)
_RECORD = select(
    *SUMMARY, CaseRow.facts, CaseRow.registered_at, CaseRow.updated_at, _LAST_VERDICTS
).where(CaseRow.id == bindparam("case_id"))
_EVENTS = (
    select(EventRow.data).where(EventRow.case_id == bindparam("case_id")).order_by(EventRow.seq)
)
_EXISTS = select(CaseRow.id).where(CaseRow.id == bindparam("case_id"))
_IDS_AFTER = (
    select(CaseRow.id)
    .where(CaseRow.id > bindparam("after"))
    .order_by(CaseRow.id)
    .limit(bindparam("batch"))
)


def summary_of(row: Mapping[Any, Any], today: dt.date) -> CaseSummary:
    """The summary of a case's columns (a row's mapping, or the values just written)."""
    due = Due(row["due_on"], row["due_what"] or "") if row["due_on"] is not None else None
    return CaseSummary(
        id=row["id"],
        agency=row["agency"],
        region=row["region"],
        election=row["election"],
        verdict=Verdict(row["verdict"]),
        events=row["events"],
        due=due,
        closed_on=row["closed_on"],
        overdue=row["closed_on"] is None and due is not None and due.on < today,
    )


def record_of(
    row: Mapping[Any, Any],
    case: Case,
    event_list: tuple[Event, ...],
    verdicts: list[dict[str, object]],
    today: dt.date,
) -> CaseRecord:
    """The record of a case's columns, its facts as registered, its events and its last
    logged verdicts."""
    return CaseRecord(
        **summary_of(row, today).__dict__,
        case=case,
        event_list=event_list,
        verdicts=tracks_of(verdicts),
        registered_at=row["registered_at"],
        updated_at=row["updated_at"],
    )


def case_of(facts: dict[str, object]) -> Case:
    """The case as registered, from its stored facts."""
    return Case.model_validate(facts)


def events_of(conn: Connection, case_id: str) -> tuple[Event, ...]:
    """The case's events, in their order."""
    return events_from(conn.execute(_EVENTS, {"case_id": case_id}).scalars())


def events_from(data: Iterable[dict[str, object]]) -> tuple[Event, ...]:
    """Events from their stored JSON."""
    return tuple(Event.model_validate(d) for d in data)


def record(conn: Connection, case_id: str, today: dt.date) -> CaseRecord | None:
    """The case's record, or None when it is not registered."""
    row = conn.execute(_RECORD, {"case_id": case_id}).one_or_none()
    if row is None:
        return None
    return record_of(
        row._mapping, case_of(row.facts), events_of(conn, case_id), row.last_verdicts, today
    )


def exists(conn: Connection, case_id: str) -> bool:
    """The case is registered."""
    return conn.execute(_EXISTS, {"case_id": case_id}).first() is not None


def records_after(conn: Connection, after: str, batch: int, today: dt.date) -> list[CaseRecord]:
    """The records of up to ``batch`` cases after the id ``after``, by id."""
    ids = conn.execute(_IDS_AFTER, {"after": after, "batch": batch}).scalars().all()
    return [r for r in (record(conn, i, today) for i in ids) if r is not None]


def listing(
    *,
    today: dt.date,
    status: Verdict | str | None = None,
    overdue: bool | None = None,
    open: bool | None = None,
    agency: str | None = None,
    region: str | None = None,
    election: str | None = None,
    registered_from: dt.date | None = None,
    registered_to: dt.date | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Executable:
    """The summaries' query for :meth:`Register.list`'s filters (its docstring says them)."""
    query = select(*SUMMARY).order_by(CaseRow.id)
    if status is not None:
        query = query.where(CaseRow.verdict == Verdict(status).value)
    if agency is not None:
        query = query.where(CaseRow.agency == agency)
    if region is not None:
        query = query.where(CaseRow.region == region)
    if election is not None:
        query = query.where(CaseRow.election == election)
    if registered_from is not None:
        start = dt.datetime.combine(registered_from, dt.time(), dt.UTC)
        query = query.where(CaseRow.registered_at >= start)
    if registered_to is not None:
        end = dt.datetime.combine(registered_to + dt.timedelta(days=1), dt.time(), dt.UTC)
        query = query.where(CaseRow.registered_at < end)
    if open is not None:
        query = query.where(CaseRow.closed_on.is_(None) if open else CaseRow.closed_on.is_not(None))
    late: ColumnElement[bool] = (
        CaseRow.closed_on.is_(None) & CaseRow.due_on.is_not(None) & (CaseRow.due_on < today)
    )
    if overdue is not None:
        query = query.where(late if overdue else ~late)
    query = query.offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return query


def summaries(conn: Connection, query: Executable, today: dt.date) -> CaseList:
    """The summaries ``query`` (from :func:`listing`) finds."""
    return [summary_of(row._mapping, today) for row in conn.execute(query)]
