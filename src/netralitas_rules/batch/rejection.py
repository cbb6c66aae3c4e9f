"""An error record: one per rejected input record of a batch (``netralitas batch``, the
service's ``POST /v1/batch``)::

    {"file", "line"|"row", "last_row", "reason", "problems", "codes"}

``reason`` and ``problems`` are words for people in the run's language; ``codes`` names
each problem's kind, the same in every language (see :mod:`netralitas_rules.problemtext`).
A record the library itself failed on (a defect, not the input's fault) is rejected with the
code :data:`INTERNAL`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from ..errors import CaseFileError, NetralitasError, Problem
from ..problemtext import Foreign, Text, text_of, words
from .records import RawRecord

INTERNAL = "batch.internal_error"
"""The code of a record rejected because the library failed on it."""


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

    @classmethod
    def internal(cls, raw: RawRecord, exc: Exception, case_id: str | None = None) -> Rejection:
        """The rejection of ``raw`` for an unexpected error the library raised on it (case
        ``case_id`` when it was read that far): its type and message, for the report to
        the maintainers."""
        said = str(exc)
        message = text_of(exc) or (
            Foreign("python", said) if said else Text("batch.internal_error.no_message")
        )
        case = "" if case_id is None else Text("batch.internal_error.case", case=case_id)
        text = Text(INTERNAL, case=case, kind=type(exc).__name__, message=message)
        return cls(raw.file, raw.unit, raw.line, raw.last, (), str(text), text)

    @property
    def is_internal(self) -> bool:
        """Rejected for the library's own failure, not for the record."""
        return self.text is not None and self.text.code == INTERNAL

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


__all__ = ["INTERNAL", "Rejection", "error_record"]
