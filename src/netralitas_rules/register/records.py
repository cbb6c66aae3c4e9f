"""What the register answers with: a case's summary and record, its decision log entries,
a replay of them, and the counts over the register. Plain frozen data; nothing here reads
the database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from ..models import Case
from ..sanctions import Verdict
from ..vocabulary import Track
from .evaluation import Due
from .events import Event
from .ordering import EventWarning, OrderNote
from .ordering import warnings as order_warnings

Clock = Callable[[], dt.datetime]
"""What the register asks for the time: an aware datetime (its date is the day of
handling)."""


def system_clock() -> dt.datetime:
    """The computer's clock, in UTC (the default of callers that do not move time)."""
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class CaseSummary:
    """A case as the register lists it."""

    id: str
    agency: str | None
    region: str | None
    election: str
    verdict: Verdict
    events: int
    due: Due | None
    closed_on: dt.date | None
    overdue: bool
    """The next deadline has passed (as of the register's clock) and the case is open."""


@dataclass(frozen=True)
class CaseRecord(CaseSummary):
    """A registered case: its facts as registered, its events, its current verdicts."""

    case: Case
    event_list: tuple[Event, ...]
    verdicts: dict[Track, Verdict]
    registered_at: dt.datetime
    updated_at: dt.datetime

    @property
    def warnings(self) -> tuple[EventWarning, ...]:
        """The warnings the order of its events gives, by event (:mod:`.ordering`: an
        examination or a sanction before the first report, a step with nothing it answers
        recorded ...), as given when each was recorded."""
        return order_warnings(self.event_list)


@dataclass(frozen=True)
class LogEntry:
    """One evaluation in the decision log."""

    seq: int
    """The case's last event when it was evaluated (0: as registered)."""
    input_hash: str
    regulations_hash: str
    library_version: str
    backend: str
    as_of: dt.date
    verdict: Verdict
    verdicts: dict[Track, Verdict]
    due_on: dt.date | None
    evaluated_at: dt.datetime
    actor: str
    warnings: tuple[OrderNote, ...] = ()
    """The warnings the order of the event it followed gave (:mod:`.ordering`), kept in
    the entry's note."""


@dataclass(frozen=True)
class ReplayStep:
    """One logged evaluation evaluated again."""

    logged: LogEntry
    verdict: Verdict
    verdicts: dict[Track, Verdict]
    input_hash: str
    same_rules: bool
    """The rules and library of the replay are those the log names."""

    @property
    def agrees(self) -> bool:
        """Same input and same verdicts as logged."""
        return (
            self.input_hash == self.logged.input_hash
            and self.verdict is self.logged.verdict
            and self.verdicts == self.logged.verdicts
        )


@dataclass(frozen=True)
class Replay:
    """A case's history evaluated again."""

    case_id: str
    steps: tuple[ReplayStep, ...]

    @property
    def agrees(self) -> bool:
        """Every step gives the verdicts it logged."""
        return all(s.agrees for s in self.steps)


@dataclass(frozen=True)
class Stats:
    """What a supervisor counts over the register (as of the register's clock)."""

    cases: int
    open: int
    closed: int
    by_verdict: dict[Verdict, int]
    overdue: int
    overdue_by_agency: dict[str, int]
    followed_up: int
    """Cases on which something was imposed (adequate, under-, over-sanctioned, wrong
    track), on their overall verdict."""
    awaiting: int
    """Cases on which something is due and nothing is imposed yet (not yet imposed)."""
    under_sanctioned_by_election: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Per election: (under-sanctioned, cases whose sanction could be compared)."""
    under_sanctioned_by_agency: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Per agency ('' when not stated): (under-sanctioned, compared)."""
    overdue_by_step: dict[str, int] = field(default_factory=dict)
    """Overdue open cases per step that is due (the deadline's id)."""
    follow_up_by_month: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict)
    """Per election, per month of registration (``YYYY-MM``, UTC): (followed up, awaiting)."""
    by_track_and_tier: dict[str, dict[str, int]] = field(default_factory=dict)
    """Per track, per recommended tier ('-': none), the cases whose last evaluation names
    it (evaluations logged before the log kept the tier are not counted)."""

    @property
    def follow_up_rate(self) -> float | None:
        """followed_up / (followed_up + awaiting), None when nothing is due."""
        due = self.followed_up + self.awaiting
        return self.followed_up / due if due else None


CaseList = list[CaseSummary]
"""What :meth:`Register.list` returns (named here: inside the class, ``list`` is the method)."""
