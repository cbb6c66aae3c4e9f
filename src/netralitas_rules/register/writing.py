"""Writing: a case registered, an event recorded. Each runs inside the caller's one
transaction, writes the case's row, the event and the decision log entry, and builds the
case's record from what it wrote (reading it back cost a second transaction and
re-parsing every event).

Numbering: an event's number is the case's count plus one, read with the case's row
locked (SQLite: the transaction began IMMEDIATE, holding the database's write lock;
PostgreSQL: ``SELECT ... FOR UPDATE``), so concurrent clients never skip or repeat a
number; the unique (case, number) constraint is the database's own guard.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.engine import Connection

from ..completion import stated_texts
from ..engine import Engine
from ..models import Case
from . import decision_log, ordering
from .errors import ClosedCaseError, EventOrderError, UnknownCaseError
from .evaluation import Evaluation, election_kind, evaluate
from .events import Event, EventKind
from .queries import SUMMARY, case_of, events_from, events_of, record_of
from .records import CaseRecord
from .schema import CaseRow, EventRow
from .texts import Day

_INSERT_CASE = insert(CaseRow)
_INSERT_EVENT = insert(EventRow)
_LOCK_CASE = (
    select(*SUMMARY, CaseRow.facts, CaseRow.registered_at)
    .where(CaseRow.id == bindparam("case_id"))
    .with_for_update()
)
_UPDATE_CASE = update(CaseRow).where(CaseRow.id == bindparam("case_id"))


def add_case(
    conn: Connection, case: Case, answer: Evaluation, *, now: dt.datetime, actor: str
) -> CaseRecord:
    """Insert ``case``, evaluated as ``answer``, and its first log entry; the record.
    A case already registered fails the insert (``IntegrityError``: the caller's
    :class:`DuplicateCaseError`), so there is no separate look first."""
    texts = stated_texts(case.asn)
    row: dict[str, Any] = {
        "id": case.id,
        "facts": case.model_dump(mode="json", exclude_defaults=True),
        "asn_id": case.asn.id,
        # An unknown agency or region is filed as the text "unknown".
        "agency": texts.agency,
        "region": texts.region,
        "election": case.election.id,
        "election_kind": election_kind(case),
        "verdict": answer.verdict.value,
        "events": 0,
        "due_on": answer.due.on if answer.due else None,
        "due_what": answer.due.what if answer.due else None,
        "closed_on": None,
        "registered_at": now,
        "updated_at": now,
    }
    conn.execute(_INSERT_CASE, row)
    # The case row before its log entry (foreign key).
    conn.execute(decision_log.INSERT, decision_log.values(case.id, 0, answer, now, actor))
    # The case as given: its stored facts read back give it again (case_to_data's round
    # trip), and validating them once more cost as much as the two inserts.
    read = {**row, "registered_at": _utc(now), "updated_at": _utc(now)}
    return record_of(read, case, (), answer.verdicts, now.date())


def add_event(
    conn: Connection,
    case_id: str,
    event: Event,
    *,
    engine: Engine,
    clock: Callable[[], dt.datetime],
    actor: str,
    where: str,
    lang: str,
) -> CaseRecord:
    """Record ``event`` as the case's next, re-evaluate the case with it (as of the
    clock, read once the case is locked) and log the evaluation, with the warnings its
    order gives (:mod:`.ordering`); the record after it. :class:`EventOrderError` when
    its date cannot be (after the clock's day, before what it answers)."""
    found = conn.execute(_LOCK_CASE, {"case_id": case_id}).one_or_none()
    if found is None:
        raise UnknownCaseError.of("unknown_case", lang, db=where, case=case_id)
    row = dict(found._mapping)
    if row["closed_on"] is not None:
        closed = Day(row["closed_on"])
        raise ClosedCaseError.of("closed_case", lang, db=where, case=case_id, date=closed)
    earlier = events_of(conn, case_id)
    now = clock()
    try:
        warned = ordering.check(event, earlier, now.date())
    except ordering.OrderRefusedError as refused:
        reason = refused.note.text()
        error = EventOrderError.of("event_order", lang, db=where, case=case_id, reason=reason)
        error.reason = reason
        raise error from None
    case = case_of(row["facts"])
    answer = evaluate(case, (*earlier, event), engine=engine, as_of=now.date())
    seq = row["events"] + 1
    data = event.model_dump(mode="json", exclude_none=True)
    conn.execute(
        _INSERT_EVENT,
        {
            "case_id": case_id,
            "seq": seq,
            "kind": event.kind.value,
            "date": event.date,
            "data": data,
            "actor": actor,
            "recorded_at": now,
        },
    )
    changes = {
        "events": seq,
        "verdict": answer.verdict.value,
        "due_on": answer.due.on if answer.due else None,
        "due_what": answer.due.what if answer.due else None,
        "closed_on": event.date if event.kind is EventKind.CLOSED else None,
        "updated_at": now,
    }
    conn.execute(_UPDATE_CASE, {"case_id": case_id, **changes})
    note = ordering.log_note(warned)
    conn.execute(
        decision_log.INSERT, decision_log.values(case_id, seq, answer, now, actor, note=note)
    )
    # The event as a later read gives it back: from the JSON stored.
    recorded = (*earlier, *events_from([data]))
    read = {**row, **changes, "updated_at": _utc(now)}
    return record_of(read, case, recorded, answer.verdicts, now.date())


def _utc(moment: dt.datetime) -> dt.datetime:
    # A moment as the database gives it back (schema.UtcDateTime stores it in UTC).
    return moment.astimezone(dt.UTC)
