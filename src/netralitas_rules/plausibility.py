"""Warnings for facts that do not fit the case's election: valid data that is probably a slip.

A case can be valid and still be wrong: an act dated 9999 or years after the election, a
GUBERNUR candidate in a Pemilu, a penetapan in 2030. The engine judges such facts as given;
these checks say that they look wrong, without refusing the case (the law does not bound
the dates, and an unusual case can be right). Warnings are data: ``check`` prints them to
stderr and carries them in the report (``extensions["plausibility"]``).

The margins are policy, not law: an act up to two years before the election's first stage
(early campaigning for a bakal calon) or one year after its last (disputes, inaugurations)
is plausible; a candidate's penetapan more than a year from the calendar's is not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .escape import escape_text
from .findings import Report
from .messages import date_text, msg
from .models import Case, DateRange, Unknown
from .vocabulary import ELECTION_OFFICES, ElectionKind, Office
from .yamlpos import KeyPath, Located, render_path

EXTENSION = "plausibility"
"""The key of the warnings in ``Report.extensions``."""

BEFORE_ELECTION = dt.timedelta(days=730)
AFTER_ELECTION = dt.timedelta(days=365)
PENETAPAN_DRIFT = dt.timedelta(days=365)

OFFICES: dict[ElectionKind, frozenset[Office]] = {
    kind: frozenset(offices) for kind, offices in ELECTION_OFFICES.items()
}
"""The offices each kind of election fills (:data:`~.vocabulary.ELECTION_OFFICES`), as sets."""


# The values that are days: ISO in the warning's data, written as people write dates in its
# message; the election kind in words.
_DATES = frozenset({"date", "expected", "start", "end"})


@dataclass(frozen=True)
class PlausibilityWarning:
    """One fact that does not fit the election: its code, its key path in the case, and
    the values the message names."""

    code: str
    path: KeyPath
    values: dict[str, str]

    @property
    def key_path(self) -> str:
        """The path as written in messages (``activities[3].date``)."""
        return render_path(self.path)

    def message(self, lang: str = "id") -> str:
        """The warning in words (``id`` or ``en``)."""
        values = dict(self.values)
        for name in _DATES & values.keys():  # ISO in the data, as people write it here
            values[name] = date_text(dt.date.fromisoformat(values[name]), lang)
        if "kind" in values:
            values["kind"] = msg(f"election_kind.{values['kind']}", lang)
        return msg(f"plausibility.{self.code}", lang, **values)

    def as_data(self) -> dict[str, Any]:
        """The warning as JSON data, with its message in both languages."""
        return {
            "code": self.code,
            "key_path": self.key_path,
            "values": dict(self.values),
            "message": self.message("id"),
            "message_en": self.message("en"),
        }


def plausibility_warnings(case: Case) -> tuple[PlausibilityWarning, ...]:
    """Every fact of ``case`` that does not fit its election, in case order.

    >>> from netralitas_rules import load_case
    >>> plausibility_warnings(load_case("examples/muaro-jambi-2019.yaml"))  # doctest: +SKIP
    ()
    """
    return tuple(_warnings(case))


def _warnings(case: Case) -> Iterator[PlausibilityWarning]:
    election = case.election
    first = min(s.start for s in election.stages)
    last = max(s.end for s in election.stages)
    for i, cand in enumerate(case.candidates):
        if isinstance(cand.office, Unknown):
            continue  # nothing to compare an unknown office with
        if cand.office not in OFFICES[election.kind]:
            yield PlausibilityWarning(
                "office_not_in_election",
                ("candidates", i, "office"),
                {"office": cand.office.value, "kind": election.kind.value, "election": election.id},
            )
        expected = election.penetapan_for(cand.office) or election.campaign.start
        fixed = cand.penetapan_date
        if isinstance(fixed, dt.date) and abs(fixed - expected) > PENETAPAN_DRIFT:
            yield PlausibilityWarning(
                "penetapan_far",
                ("candidates", i, "penetapan_date"),
                {
                    "date": fixed.isoformat(),
                    "expected": expected.isoformat(),
                    "election": election.id,
                },
            )
    for i, act in enumerate(case.activities):
        # A date range is judged by both its ends.
        days = (act.date.start, act.date.end) if isinstance(act.date, DateRange) else (act.date,)
        outside = [d for d in days if not first - BEFORE_ELECTION <= d <= last + AFTER_ELECTION]
        if outside:
            yield PlausibilityWarning(
                "act_outside_election",
                ("activities", i, "date"),
                {
                    "date": outside[0].isoformat(),
                    "election": election.id,
                    "start": first.isoformat(),
                    "end": last.isoformat(),
                },
            )


def attach_warnings(report: Report, warnings: tuple[PlausibilityWarning, ...]) -> Report:
    """The report with the warnings in ``extensions["plausibility"]`` (unchanged when there
    are none, so a plausible case's report is as before)."""
    if not warnings:
        return report
    extensions = {**report.extensions, EXTENSION: [w.as_data() for w in warnings]}
    return report.model_copy(update={"extensions": extensions})


def warning_line(
    warning: PlausibilityWarning, lang: str = "id", located: Located | None = None
) -> str:
    """``file:line:col: key.path: peringatan: message``, escaped for a terminal (the place
    only when the case's positions are known)."""
    head = ""
    if located is not None:
        line, column = located.position(warning.path)
        head = f"{located.file}:{line}:{column}: "
    word = msg("plausibility.warning", lang)
    text = f"{head}{warning.key_path}: {word}: {warning.message(lang)}"
    return escape_text(text)


__all__ = [
    "EXTENSION",
    "OFFICES",
    "PlausibilityWarning",
    "attach_warnings",
    "plausibility_warnings",
    "warning_line",
]
