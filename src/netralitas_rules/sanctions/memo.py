"""Answers remembered per routing data (routings, takeovers, imposing authorities that many
cases share) and per regulation set (what a schedule in force says for a status).

A routing (:func:`.routing.route`) reads the date of an act only by comparing it with dates
written in the routing data (windows, the switch and its readings, the independent body),
so two days between the same two of those dates (each taken with the day after it, which
closes the ``<=`` comparisons) give the same answer: :meth:`RoutingMemo.period` names that
stretch, and a remembered answer is keyed on it instead of on the day. The day of handling
also appears in texts, so it stays a day. ``tests/test_sanctions.py`` holds every remembered
answer equal to one worked out afresh.

A regulation set's answers (:class:`RegsMemo`) depend on the day only through the versions
in force on it, which :meth:`RegsMemo.in_force` remembers per day as the engine does; an
answer is keyed on their keys.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Hashable, Iterator
from typing import Any, TypeVar, TypeVarTuple

from pydantic import BaseModel

from ..loader import RegulationSet
from ..regulation import RegulationFile
from .data import RoutingData

T = TypeVar("T")
Args = TypeVarTuple("Args")

# A routing answer names the case's acts, so most batch cases add one: 65,536 answers held
# about 120 MiB and made a 100,000-case stream grow to 293 MiB before the first clear.
_MAX_ANSWERS = 8_192


def _dates(value: Any) -> Iterator[dt.date]:
    if isinstance(value, dt.date):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _dates(getattr(value, name))
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _dates(item)


class _Answers:
    """Answers remembered by key, at most :data:`_MAX_ANSWERS` of them (all dropped at once
    when full)."""

    __slots__ = ("answers",)

    def __init__(self) -> None:
        self.answers: dict[Hashable, Any] = {}

    def get(self, key: Hashable, make: Callable[[*Args], T], *args: *Args) -> T:
        """The answer remembered for ``key``, worked out by ``make(*args)`` the first time
        (the arguments given apart, so that a hit builds no closure)."""
        answers = self.answers
        # One lookup (a key is a tuple, hashed afresh each time); an answer may be None.
        answer: T = answers.get(key, _ABSENT)
        if answer is _ABSENT:
            if len(answers) >= _MAX_ANSWERS:
                answers.clear()
            answer = answers[key] = make(*args)
        return answer


_ABSENT: Any = object()


class RoutingMemo(_Answers):
    """The answers remembered for one routing data, which it holds."""

    __slots__ = ("boundaries", "routing")

    def __init__(self, routing: RoutingData) -> None:
        super().__init__()
        self.routing = routing
        written = set(_dates(routing))
        self.boundaries = tuple(sorted(written | {d + dt.timedelta(days=1) for d in written}))

    def period(self, day: dt.date) -> int:
        """The stretch of days, between two dates of the data, that ``day`` falls in."""
        return bisect.bisect_right(self.boundaries, day)


_MEMOS: list[RoutingMemo] = []


def memo_for(routing: RoutingData) -> RoutingMemo:
    """The memo of that routing data; equal data share one (no object id is kept)."""
    for memo in _MEMOS:
        if memo.routing is routing:
            return memo
    for memo in _MEMOS:
        if memo.routing == routing:
            return memo
    memo = RoutingMemo(routing)
    _MEMOS.insert(0, memo)
    del _MEMOS[4:]
    return memo


class RegsMemo(_Answers):
    """The versions in force per day, and answers read from them, for one regulation set,
    which it holds."""

    __slots__ = ("days", "regs")

    def __init__(self, regs: RegulationSet) -> None:
        super().__init__()
        self.regs = regs
        self.days: dict[dt.date, tuple[list[RegulationFile], tuple[str, ...]]] = {}

    def in_force(self, day: dt.date) -> tuple[list[RegulationFile], tuple[str, ...]]:
        """The versions in force on ``day`` and their keys."""
        hit = self.days.get(day)
        if hit is None:
            if len(self.days) >= _MAX_DAYS:
                self.days.clear()
            in_force = self.regs.in_force(day)
            hit = self.days[day] = (in_force, tuple([r.key for r in in_force]))
        return hit


# A day holds a list of a few versions: 100,000 days (every day of 270 years) stay small.
_MAX_DAYS = 100_000

_REGS_MEMOS: list[RegsMemo] = []


def regs_memo(regs: RegulationSet) -> RegsMemo:
    """The memo of that regulation set; sets of equal content share one (no object id is
    kept)."""
    for memo in _REGS_MEMOS:
        if memo.regs is regs:
            return memo
    for memo in _REGS_MEMOS:
        if memo.regs.content_hash == regs.content_hash:
            return memo
    memo = RegsMemo(regs)
    _REGS_MEMOS.insert(0, memo)
    del _REGS_MEMOS[4:]
    return memo


def forget() -> None:
    """Drop every remembered answer (for tests)."""
    _MEMOS.clear()
    _REGS_MEMOS.clear()
