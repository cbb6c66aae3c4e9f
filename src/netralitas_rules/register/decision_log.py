"""The decision log: one append-only entry per evaluation of a case, what it read and what
it answered, and its replay (every entry evaluated again with the events it had, on its
day)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import bindparam, insert, select
from sqlalchemy.engine import Connection

from ..engine import Engine
from ..sanctions import Verdict
from .evaluation import Evaluation, evaluate, tracks_of
from .ordering import notes_of_log
from .records import CaseRecord, LogEntry, ReplayStep
from .schema import LogRow

INSERT = insert(LogRow)
"""A new entry (the values of :func:`values`)."""

_HISTORY = (
    select(
        LogRow.seq,
        LogRow.input_hash,
        LogRow.regulations_hash,
        LogRow.library_version,
        LogRow.backend,
        LogRow.as_of,
        LogRow.verdict,
        LogRow.verdicts,
        LogRow.due_on,
        LogRow.evaluated_at,
        LogRow.actor,
        LogRow.note,
    )
    .where(LogRow.case_id == bindparam("case_id"))
    .order_by(LogRow.seq, LogRow.id)
)


def values(
    case_id: str,
    seq: int,
    answer: Evaluation,
    now: dt.datetime,
    actor: str,
    *,
    note: str | None = None,
) -> dict[str, Any]:
    """The log entry of ``answer``, the case's evaluation after its event ``seq``
    (``note``: the warnings of that event's order, :func:`.ordering.log_note`)."""
    return {
        "case_id": case_id,
        "seq": seq,
        "input_hash": answer.input_hash,
        "regulations_hash": answer.stamp.regulations_hash,
        "library_version": answer.stamp.library_version,
        "backend": answer.stamp.backend,
        "as_of": answer.as_of,
        "verdict": answer.verdict.value,
        "verdicts": answer.verdicts,
        "due_on": answer.due.on if answer.due else None,
        "evaluated_at": now,
        "actor": actor,
        "note": note,
    }


def entries(conn: Connection, case_id: str) -> tuple[LogEntry, ...]:
    """The case's log, oldest first (empty: no such case, which every registered case has
    at least its first entry)."""
    return tuple(_entry(r._mapping) for r in conn.execute(_HISTORY, {"case_id": case_id}))


def _entry(r: Mapping[Any, Any]) -> LogEntry:
    return LogEntry(
        seq=r["seq"],
        input_hash=r["input_hash"],
        regulations_hash=r["regulations_hash"],
        library_version=r["library_version"],
        backend=r["backend"],
        as_of=r["as_of"],
        verdict=Verdict(r["verdict"]),
        verdicts=tracks_of(r["verdicts"]),
        due_on=r["due_on"],
        evaluated_at=r["evaluated_at"],
        actor=r["actor"],
        warnings=notes_of_log(r["note"]),
    )


def replay(
    record: CaseRecord, logged: Sequence[LogEntry], engine: Engine
) -> tuple[ReplayStep, ...]:
    """Each logged evaluation of ``record`` evaluated again, with the events it had and the
    day it was evaluated on, by ``engine``."""
    stamp = engine.stamp
    steps = []
    for entry in logged:
        answer = evaluate(
            record.case, record.event_list[: entry.seq], engine=engine, as_of=entry.as_of
        )
        steps.append(
            ReplayStep(
                logged=entry,
                verdict=answer.verdict,
                verdicts=tracks_of(answer.verdicts),
                input_hash=answer.input_hash,
                same_rules=(stamp.regulations_hash, stamp.library_version, stamp.backend)
                == (entry.regulations_hash, entry.library_version, entry.backend),
            )
        )
    return tuple(steps)
