"""The handling deadlines of a case, as law: ``data/deadlines.yaml`` read, checked and applied.

A case's handling is a chain of steps (Bawaslu's follow-up, the supervisor's recommendation,
the PPK's follow-up, BKN's blocking ...). Each step starts and stops on events of the register
(:class:`~netralitas_rules.register.events.EventKind`); the version of a step in force on the
day its clock starts gives the period, how days are counted, the citation and its certainty.
The clock is always passed in, never read here, so the same events and clock give the same
answer and tests can move time.

Stable API (the register and the service call it)::

    next_deadline(events, *, election_kind, clock, deadlines=None) -> Deadline | None
    overdue(events, *, election_kind, clock, deadlines=None) -> Deadline | None
    shipped_deadlines() -> DeadlineSet
    parse_deadlines(text, label) -> DeadlineSet      # raises RuleFileError, located
    step_name(step_id, lang) -> str                  # a step's label, for people
    load_deadlines(path) -> DeadlineSet

Working days are Monday to Friday; national holidays are not modelled (see the data file).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .citation import PinpointText
from .errors import NestedProblemsError, RuleFileError, unreadable
from .messages import msg
from .problemtext import Text
from .register.events import Event, EventKind, ReportSource
from .vocabulary import Certainty, ElectionKind

__all__ = [
    "Actor",
    "DayCounting",
    "Deadline",
    "DeadlineSet",
    "add_days",
    "load_deadlines",
    "next_deadline",
    "overdue",
    "parse_deadlines",
    "shipped_deadlines",
    "step_name",
]


class Actor(StrEnum):
    """Who must act in a step; ``supervisor`` is KASN or BKN by the day the clock starts."""

    BAWASLU = "bawaslu"
    SUPERVISOR = "supervisor"
    PPK = "ppk"
    BKN = "bkn"


class DayCounting(StrEnum):
    """How a period's days are counted."""

    CALENDAR = "calendar"
    """Every day (the statute's "hari")."""
    WORKING = "working"
    """Monday to Friday (the statute's "hari kerja"); national holidays not modelled."""


class CountedFrom(StrEnum):
    """Where an extension's days are counted from."""

    START = "start"
    """The event that started the step (the extension replaces the period)."""
    DUE = "due"
    """The unextended due date (the extension is added to the period)."""


def add_days(start: dt.date, days: int, counting: DayCounting) -> dt.date:
    """The day ``days`` days after ``start``; ``start`` itself is not counted.

    >>> add_days(dt.date(2024, 1, 5), 1, DayCounting.WORKING)  # a Friday
    datetime.date(2024, 1, 8)
    """
    if counting is DayCounting.CALENDAR:
        return start + dt.timedelta(days=days)
    day, counted = start, 0
    while counted < days:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            counted += 1
    return day


# --------------------------------------------------------------------------- the data file


class _Data(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _not_empty(value: tuple[Any, ...]) -> tuple[Any, ...]:
    if not value:
        raise ValueError(Text("deadlines.empty"))
    return value


class Extension(_Data):
    """A longer limit the law allows in a named situation."""

    days: int = Field(ge=1, le=366)
    counting: DayCounting
    counted_from: CountedFrom
    when: str = Field(min_length=1)
    when_en: str = Field(min_length=1)


class StepVersion(_Data):
    """One step as the law in force on ``[effective_from, superseded_on)`` sets it."""

    effective_from: dt.date
    superseded_on: dt.date | None = None
    days: int | None = Field(ge=1, le=366)
    counting: DayCounting | None = None
    extension: Extension | None = None
    instrument: str = Field(min_length=1)
    pinpoint: PinpointText = None
    certainty: Certainty
    summary: str = Field(min_length=1)
    summary_en: str = Field(min_length=1)
    doubts: str | None = None
    sources: tuple[str, ...]

    @model_validator(mode="after")
    def _consistent(self) -> StepVersion:
        problems: list[tuple[tuple[str | int, ...], Text]] = []
        if self.superseded_on is not None and self.superseded_on <= self.effective_from:
            problems.append((("superseded_on",), Text("deadlines.superseded_on")))
        if self.days is None:
            if self.counting is not None or self.extension is not None:
                problems.append((("days",), Text("deadlines.no_days")))
        elif self.counting is None:
            problems.append((("counting",), Text("deadlines.counting")))
        if self.certainty in (Certainty.VERIFIED, Certainty.SINGLE_SOURCE) and not self.sources:
            problems.append((("sources",), Text("deadlines.sources", level=self.certainty.value)))
        if problems:
            raise NestedProblemsError(problems)
        return self

    def covers(self, day: dt.date) -> bool:
        """True when the version is in force on that day."""
        return self.effective_from <= day and (
            self.superseded_on is None or day < self.superseded_on
        )


class Step(_Data):
    """One step of the handling chain and its versions."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    label: str | None = Field(default=None, min_length=1)
    """What the step is, in Indonesian, for people ('Bawaslu menindaklanjuti temuan atau
    laporan ...'): a deadline is shown by it, never by the id."""
    label_en: str | None = Field(default=None, min_length=1)
    """The same in English."""
    actor: Actor
    elections: tuple[ElectionKind, ...]
    sources: tuple[ReportSource, ...] = ()
    starts_on: tuple[EventKind, ...]
    stops_on: tuple[EventKind, ...]
    versions: tuple[StepVersion, ...]

    # Emptiness is checked after the items (not with min_length), so one bad item does not
    # also report its list as empty.
    _filled = field_validator("elections", "starts_on", "stops_on", "versions")(_not_empty)

    @model_validator(mode="after")
    def _versions_in_order(self) -> Step:
        problems: list[tuple[tuple[str | int, ...], Text]] = []
        for i, (before, after) in enumerate(itertools.pairwise(self.versions)):
            if before.superseded_on is None or before.superseded_on > after.effective_from:
                problems.append(
                    (
                        ("versions", i + 1, "effective_from"),
                        Text(
                            "deadlines.overlap",
                            start=before.effective_from,
                            until=before.superseded_on or Text("deadlines.today"),
                            latest=after.effective_from,
                        ),
                    )
                )
        if problems:
            raise NestedProblemsError(problems)
        return self

    def name(self, lang: str) -> str:
        """The step's label in ``lang`` (its id only where the file gives no label)."""
        return (self.label_en if lang == "en" else self.label) or self.id

    def applies(self, election_kind: ElectionKind, source: ReportSource | None) -> bool:
        """True when the step concerns this kind of election and the case's source."""
        return election_kind in self.elections and (not self.sources or source in self.sources)

    def version_on(self, day: dt.date) -> StepVersion | None:
        """The version in force on that day, if any."""
        return next((v for v in self.versions if v.covers(day)), None)


class DeadlineSet(_Data):
    """The whole deadlines file: the steps in chain order."""

    steps: tuple[Step, ...]

    _filled = field_validator("steps")(_not_empty)

    @model_validator(mode="after")
    def _unique_ids(self) -> DeadlineSet:
        seen: set[str] = set()
        problems: list[tuple[tuple[str | int, ...], Text]] = []
        for i, step in enumerate(self.steps):
            if step.id in seen:
                problems.append((("steps", i, "id"), Text("deadlines.step_twice", id=step.id)))
            seen.add(step.id)
        if problems:
            raise NestedProblemsError(problems)
        return self


def parse_deadlines(text: str | bytes, label: str = "<deadlines>") -> DeadlineSet:
    """A deadlines file from YAML text; raises :class:`RuleFileError` with every problem."""
    from .loader import validate_located  # positioned validation, shared with the rule files
    from .yamlpos import read_yaml

    raw = text.encode() if isinstance(text, str) else text
    obj, problems = validate_located(read_yaml(raw, label, core_schema=True), DeadlineSet)
    if problems:
        raise RuleFileError(problems)
    result: DeadlineSet = obj
    return result


def load_deadlines(path: str | Path) -> DeadlineSet:
    """A deadlines file in the shape of the shipped one."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise RuleFileError([unreadable(str(path), exc, "file.cannot_read")]) from None
    return parse_deadlines(raw, str(path))


def step_name(step_id: str, lang: str, deadlines: DeadlineSet | None = None) -> str:
    """What the step ``step_id`` is, in ``lang`` (a register keeps a deadline's step by its
    id); an id no step has, as it is.

    >>> step_name("bkn-blocking", "id")
    'BKN memblokir data kepegawaian'
    """
    steps = (deadlines or shipped_deadlines()).steps
    return next((s.name(lang) for s in steps if s.id == step_id), step_id)


@cache
def shipped_deadlines() -> DeadlineSet:
    """The shipped deadlines (``data/deadlines.yaml``), read once per process: the register
    asks for them on every change it evaluates."""
    raw = resources.files("netralitas_rules.data").joinpath("deadlines.yaml").read_bytes()
    return parse_deadlines(raw, "deadlines.yaml")


# --------------------------------------------------------------------------- applying them


@dataclass(frozen=True)
class Deadline:
    """The open step of a case on the clock's day: who must act, by when, on what basis.

    ``due`` is the last day the law allows (with its extension, if any; ``due_unextended``
    without it); ``None`` when no period was found (``certainty`` then says so).
    ``days_overdue`` counts calendar days after ``due``; 0 when in time.
    """

    step: str
    actor: Actor
    acting: str
    """The office that must act: ``bawaslu``, ``kasn``/``bkn`` (by the routing data), ``ppk``."""
    started_on: dt.date
    started_by: EventKind
    days: int | None
    counting: DayCounting | None
    due: dt.date | None
    due_unextended: dt.date | None
    overdue: bool
    days_overdue: int
    instrument: str | None
    pinpoint: str | None
    certainty: Certainty
    summary: str
    summary_en: str
    sources: tuple[str, ...]

    @property
    def citation(self) -> str:
        """``UU 7/2017 Pasal 454 ayat (7)``, or the instrument alone, or empty."""
        return " ".join(p for p in (self.instrument, self.pinpoint) if p)


_NO_VERSION = (msg("deadlines.no_version", "id"), msg("deadlines.no_version", "en"))


def _report_source(events: Sequence[Event]) -> ReportSource | None:
    return next((e.source for e in events if e.kind is EventKind.REPORTED), None)


def _chain(
    events: Sequence[Event], election_kind: ElectionKind, steps: Sequence[Step]
) -> Iterator[tuple[Step, Event, Event | None]]:
    """Each started step with its starting and stopping event, in chain order. A step starts
    at or after the event that stopped the one before, so a stopping event may start the next."""
    source = _report_source(events)
    cursor = 0
    for step in steps:
        if not step.applies(election_kind, source):
            continue
        start = next(
            (i for i in range(cursor, len(events)) if events[i].kind in step.starts_on), None
        )
        if start is None:
            return
        stop = next(
            (i for i in range(start + 1, len(events)) if events[i].kind in step.stops_on), None
        )
        yield step, events[start], None if stop is None else events[stop]
        if stop is None:
            return
        cursor = stop


def _acting(actor: Actor, day: dt.date) -> str:
    if actor is Actor.SUPERVISOR:
        from .sanctions.data import shipped_routing  # the one place the switch date lives

        return shipped_routing().supervisor_on(day).id
    return actor.value


def _deadline(step: Step, start: Event, clock: dt.date) -> Deadline:
    version = step.version_on(start.date)
    due = unextended = None
    if version is not None and version.days is not None and version.counting is not None:
        unextended = due = add_days(start.date, version.days, version.counting)
        ext = version.extension
        if ext is not None:
            base = start.date if ext.counted_from is CountedFrom.START else unextended
            due = max(unextended, add_days(base, ext.days, ext.counting))
    late = 0 if due is None else max(0, (clock - due).days)
    return Deadline(
        step=step.id,
        actor=step.actor,
        acting=_acting(step.actor, start.date),
        started_on=start.date,
        started_by=start.kind,
        days=None if version is None else version.days,
        counting=None if version is None else version.counting,
        due=due,
        due_unextended=unextended if version is not None and version.extension else None,
        overdue=late > 0,
        days_overdue=late,
        instrument=None if version is None else version.instrument,
        pinpoint=None if version is None else version.pinpoint,
        certainty=Certainty.UNVERIFIED if version is None else version.certainty,
        summary=_NO_VERSION[0] if version is None else version.summary,
        summary_en=_NO_VERSION[1] if version is None else version.summary_en,
        sources=() if version is None else version.sources,
    )


def next_deadline(
    events: Sequence[Event],
    *,
    election_kind: ElectionKind,
    clock: dt.date,
    deadlines: DeadlineSet | None = None,
) -> Deadline | None:
    """The open step of a case on ``clock``'s day, or ``None`` when nothing is pending (the
    case is closed, not yet reported, or its chain has run to its end).

    ``events`` may come in any order: they are ordered by date, keeping the given order within
    a day (the register's append order). Events after ``clock`` are ignored, so a clock moved
    back replays the case as it stood. ``deadlines`` defaults to the shipped file.
    """
    known = sorted((e for e in events if e.date <= clock), key=lambda e: e.date)
    if any(e.kind is EventKind.CLOSED for e in known):
        return None
    steps = (deadlines or shipped_deadlines()).steps
    open_step = None
    for step, start, stop in _chain(known, election_kind, steps):
        if stop is None:
            open_step = (step, start)
    return None if open_step is None else _deadline(*open_step, clock)


def overdue(
    events: Sequence[Event],
    *,
    election_kind: ElectionKind,
    clock: dt.date,
    deadlines: DeadlineSet | None = None,
) -> Deadline | None:
    """The case's open deadline when it has passed on ``clock``'s day, else ``None``."""
    found = next_deadline(events, election_kind=election_kind, clock=clock, deadlines=deadlines)
    return found if found is not None and found.overdue else None


def schema() -> dict[str, Any]:
    """The JSON Schema of the deadlines file (``schemas/deadlines.schema.json``)."""
    return DeadlineSet.model_json_schema()
