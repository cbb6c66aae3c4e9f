"""An error record: one per rejected input record of a batch (``netralitas batch``, the
service's ``POST /v1/batch``)::

    {"file", "line"|"row", "last_row", "reason", "problems", "codes"}

``reason`` and ``problems`` are words for people in the run's language; ``codes`` names
each problem's kind, the same in every language (see :mod:`netralitas_rules.problemtext`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from ..errors import CaseFileError, NetralitasError, Problem
from ..problemtext import Text, text_of, words
from .records import RawRecord


@dataclass(frozen=True)
class Rejection:
    """A rejected input record before it is written: where it is, its problems (or the one
    message of an error without places). Plain data, so a worker can send it and the parent
    can move its line numbers (:meth:`shifted`) when the worker numbered lines from the
    start of its own part of the file."""

    file: str
    unit: str
    line: int
    last: int
    problems: tuple[Problem, ...]
    message: str

    text: Text | None = None

    @classmethod
    def of(cls, raw: RawRecord, exc: CaseFileError | NetralitasError) -> Rejection:
        """The rejection of ``raw`` for ``exc``."""
        problems = tuple(getattr(exc, "problems", None) or ())
        return cls(raw.file, raw.unit, raw.line, raw.last, problems, str(exc), text_of(exc))

    def shifted(self, lines: int) -> Rejection:
        """The same rejection ``lines`` further down the file."""
        if not lines:
            return self
        moved = tuple(dataclasses.replace(p, line=p.line + lines) for p in self.problems)
        return dataclasses.replace(
            self, line=self.line + lines, last=self.last + lines, problems=moved
        )

    def record(self, lang: str = "id") -> dict[str, Any]:
        """The error record written for it, its words in ``lang`` (Indonesian by default)."""
        if self.problems:
            lines = [p.located(lang) for p in self.problems]
            reason = "; ".join(f"{p.where(lang)}: {p.words(lang)}" for p in self.problems)
            codes = [p.code or "" for p in self.problems]
        else:
            message = words(self.text, lang) if self.text is not None else self.message
            case = words(Text("where.case"), lang)
            lines = [f"{self.file}:{self.line}:1: {case}: {message}"]
            reason = message
            codes = [self.text.code if self.text is not None else ""]
        record: dict[str, Any] = {"file": self.file, self.unit: self.line}
        if self.unit == "row":
            record["last_row"] = self.last
        record["reason"] = reason
        record["problems"] = lines
        record["codes"] = codes
        return record


def error_record(
    raw: RawRecord, exc: CaseFileError | NetralitasError, lang: str = "id"
) -> dict[str, Any]:
    """The error record of a rejected input record, its words in ``lang`` (Indonesian by
    default)."""
    return Rejection.of(raw, exc).record(lang)


__all__ = ["Rejection", "error_record"]
