"""The supervision register: cases, their evaluations and the events of their handling.

:class:`Register` keeps cases in SQLite (a file, the embedded default) or PostgreSQL (by
URL), re-evaluates a case on every event so its verdict is always current, and logs every
evaluation in an append-only decision log that :meth:`Register.replay` checks. Needs the
``register`` extra (SQLAlchemy, Alembic, psycopg). See ``docs/register.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import (
    ClosedCaseError,
    DuplicateCaseError,
    EventOrderError,
    RegisterDatabaseError,
    RegisterError,
    UnknownAgencyError,
    UnknownCaseError,
)
from .events import Event, EventKind, ReportSource

if TYPE_CHECKING:
    from .evaluation import Due, Evaluation, case_as_judged, evaluate, input_hash
    from .records import (
        CaseRecord,
        CaseSummary,
        Clock,
        LogEntry,
        Replay,
        ReplayStep,
        Stats,
        system_clock,
    )
    from .store import Register

# The events and errors need nothing beyond the core library (the deadlines read the
# events); the store and its evaluation need the ``register`` extra, imported when asked
# (the records' shapes do not, but they are read with the store).
_LAZY = {
    **dict.fromkeys(
        ("Due", "Evaluation", "case_as_judged", "evaluate", "input_hash"), "evaluation"
    ),
    **dict.fromkeys(
        (
            "CaseRecord",
            "CaseSummary",
            "Clock",
            "LogEntry",
            "Replay",
            "ReplayStep",
            "Stats",
            "system_clock",
        ),
        "records",
    ),
    "Register": "store",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


__all__ = [
    "CaseRecord",
    "CaseSummary",
    "Clock",
    "ClosedCaseError",
    "Due",
    "DuplicateCaseError",
    "Evaluation",
    "Event",
    "EventKind",
    "EventOrderError",
    "LogEntry",
    "Register",
    "RegisterDatabaseError",
    "RegisterError",
    "Replay",
    "ReplayStep",
    "ReportSource",
    "Stats",
    "UnknownAgencyError",
    "UnknownCaseError",
    "case_as_judged",
    "evaluate",
    "input_hash",
    "system_clock",
]
