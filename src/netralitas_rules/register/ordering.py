"""What the order of a case's events may be: the register's check of a new event's date
against the register's clock and the events already recorded (docs/register.md, "The
order of events").

A case's handling runs from a report to its closure: a report (``reported``) reaches a
supervisor; Bawaslu forwards it, or KASN/BKN recommends on it (``recommendation_issued``);
the PPK imposes a sanction or lets the period pass (``not_followed_up``); BKN blocks the
staff record (``record_blocked``); the case is closed. Events are often recorded late and
out of their order, which is no fault: the deadlines read them by date. What is refused is
an order that cannot have happened:

* an event dated after the register's day of handling (it has not happened yet; a
  ``sanction_imposed`` dated in 2030 made a case "adequate" in 2026);
* a step dated before every recorded event it answers: a recommendation before the first
  report, a record of non-follow-up before the first recommendation, a block before both;
* a closure dated before an event already recorded (a case closes after all that
  happened in it; an event after the closure is refused as it always was).

What may have happened but deserves a look is recorded with a warning: an examination or
a sanction dated before the first report (a Bawaslu finding is set after its study; a PPK
may sanction before anyone reports), a step with nothing it answers recorded yet, a
report dated after a step recorded without an earlier one. The warnings of an event are
kept in the decision log entry its recording made, and every record lists them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass

from ..problemtext import Text
from .events import Event, EventKind
from .texts import Day, KindName

_K = EventKind

REFUSED_BEFORE: Mapping[EventKind, tuple[EventKind, ...]] = {
    _K.RECOMMENDATION_ISSUED: (_K.REPORTED,),
    _K.NOT_FOLLOWED_UP: (_K.RECOMMENDATION_ISSUED,),
    _K.RECORD_BLOCKED: (_K.RECOMMENDATION_ISSUED, _K.NOT_FOLLOWED_UP),
}
"""A step and the events it answers: dated before the earliest of them recorded, it is
refused (it cannot answer what came after it)."""

WARNED_BEFORE: Mapping[EventKind, tuple[EventKind, ...]] = {
    _K.EXAMINED: (_K.REPORTED,),
    _K.SANCTION_IMPOSED: (_K.REPORTED,),
}
"""Events that usually follow a report but may come before it: dated before the first
report recorded, they are recorded with a warning."""

NEEDS_ANSWERED = (_K.EXAMINED, *REFUSED_BEFORE)
"""The kinds whose recording with none of the events they answer recorded is warned of."""


@dataclass(frozen=True)
class OrderNote:
    """Why a date does not fit (a refusal) or deserves a look (a warning): the problem text
    ``event_order.<code>`` about the event of ``kind`` dated ``date``, and the other event
    it is measured against (or the register's day, for ``after_clock``)."""

    code: str
    kind: EventKind
    date: dt.date
    other_kind: EventKind | None = None
    other_date: dt.date | None = None
    other_seq: int | None = None

    def text(self) -> Text:
        """The note's words, rendered in any language."""
        values: dict[str, object] = {"kind": KindName(self.kind.value), "date": Day(self.date)}
        if self.other_kind is not None:
            values["other"] = KindName(self.other_kind.value)
        if self.other_date is not None:
            values["other_date"] = Day(self.other_date)
        if self.other_seq is not None:
            values["other_seq"] = self.other_seq
        return Text(f"event_order.{self.code}", **values)

    def data(self) -> dict[str, object]:
        """The note as JSON data (what the decision log keeps)."""
        data = asdict(self)
        return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in data.items()}

    @classmethod
    def of_data(cls, data: Mapping[str, object]) -> OrderNote:
        """The note of :meth:`data`."""

        def day(key: str) -> dt.date | None:
            value = data.get(key)
            return dt.date.fromisoformat(str(value)) if value is not None else None

        other_kind, other_seq = data.get("other_kind"), data.get("other_seq")
        return cls(
            code=str(data["code"]),
            kind=EventKind(str(data["kind"])),
            date=dt.date.fromisoformat(str(data["date"])),
            other_kind=EventKind(str(other_kind)) if other_kind is not None else None,
            other_date=day("other_date"),
            other_seq=int(str(other_seq)) if other_seq is not None else None,
        )


@dataclass(frozen=True)
class EventWarning:
    """A warning about the case's event ``seq`` (1, 2, ...)."""

    seq: int
    note: OrderNote


class OrderRefusedError(Exception):
    """The order a new event would make is impossible: :attr:`note` says why (the register
    raises its :class:`~.errors.EventOrderError` with it)."""

    def __init__(self, note: OrderNote) -> None:
        super().__init__(str(note.text()))
        self.note = note


def check(event: Event, earlier: Sequence[Event], today: dt.date) -> tuple[OrderNote, ...]:
    """The warnings of recording ``event`` after ``earlier`` (the case's events, in their
    order) on the register's day ``today``; :class:`OrderRefusedError` when the order is
    impossible."""
    if event.date > today:
        raise OrderRefusedError(OrderNote("after_clock", event.kind, event.date, other_date=today))
    numbered = list(enumerate(earlier, start=1))
    if event.kind is _K.CLOSED:
        later = [(seq, e) for seq, e in numbered if e.date > event.date]
        if later:
            seq, last = max(later, key=lambda pair: (pair[1].date, pair[0]))
            raise OrderRefusedError(_against("closed_before", event, seq, last))
    answered = REFUSED_BEFORE.get(event.kind, ())
    first = _earliest(numbered, answered)
    if first is not None and event.date < first[1].date:
        raise OrderRefusedError(_against("before_answered", event, *first))
    warnings: list[OrderNote] = []
    if event.kind in NEEDS_ANSWERED and first is None:
        needed = (answered or WARNED_BEFORE[event.kind])[0]
        if _earliest(numbered, (needed,)) is None:
            warnings.append(OrderNote("nothing_answered", event.kind, event.date, needed))
    report = _earliest(numbered, WARNED_BEFORE.get(event.kind, ()))
    if report is not None and event.date < report[1].date:
        warnings.append(_against("before_report", event, *report))
    warnings.extend(_answered_later(event, numbered))
    return tuple(warnings)


def warnings(events: Sequence[Event]) -> tuple[EventWarning, ...]:
    """The warnings of each of a case's events as the register gave them when it was
    recorded (the day of handling does not enter a warning)."""
    found: list[EventWarning] = []
    for i, event in enumerate(events):
        try:
            notes = check(event, events[:i], dt.date.max)
        except OrderRefusedError:  # recorded before the register refused such an order
            continue
        found.extend(EventWarning(i + 1, note) for note in notes)
    return tuple(found)


def log_note(notes: Sequence[OrderNote]) -> str | None:
    """What the decision log keeps of an event's warnings (None: none)."""
    if not notes:
        return None
    return json.dumps({"warnings": [n.data() for n in notes]}, sort_keys=True)


def notes_of_log(note: str | None) -> tuple[OrderNote, ...]:
    """The warnings a decision log entry keeps (:func:`log_note`); a note of another shape
    holds none."""
    if not note:
        return ()
    try:
        data = json.loads(note)
    except ValueError:
        return ()
    items = data.get("warnings", []) if isinstance(data, dict) else []
    return tuple(OrderNote.of_data(item) for item in items)


def _earliest(
    numbered: Sequence[tuple[int, Event]], kinds: Sequence[EventKind]
) -> tuple[int, Event] | None:
    found = [(seq, e) for seq, e in numbered if e.kind in kinds]
    return min(found, key=lambda pair: (pair[1].date, pair[0])) if found else None


def _against(code: str, event: Event, seq: int, other: Event) -> OrderNote:
    return OrderNote(code, event.kind, event.date, other.kind, other.date, seq)


def _answered_later(event: Event, numbered: Sequence[tuple[int, Event]]) -> list[OrderNote]:
    """A step recorded before ``event`` that answers its kind, dated before it, with no
    event it answers recorded on or before its day: ``event`` may be a later report (a
    complaint after Bawaslu's forwarding), or the one the step answered, misdated."""
    for seq, step in numbered:
        answers = REFUSED_BEFORE.get(step.kind, ())
        if event.kind not in answers or step.date >= event.date:
            continue
        if not any(e.kind in answers and e.date <= step.date for _, e in numbered):
            return [OrderNote("answered_later", event.kind, event.date, step.kind, step.date, seq)]
    return []
