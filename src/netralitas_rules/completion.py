"""The completions of a case with unknown facts: every way of filling its unknowns that can
change what a rule, a calendar or the law in force says about it.

Each unknown fact of a case (``unknown`` in the file, or an act's date given as a range) is a
:class:`Slot` with a few representative values, one per stretch of values over which nothing
the rule set, the calendar or the case compares against changes:

* yes/no facts: false and true;
* enum facts: one member for each class of members the rule set's tests tell apart (a
  candidate's office also by its penetapan day; an act's kind every member, as it picks the
  rules), and absent where the fact may be absent; a possible finding names every member;
* lists of enum values: every subset of the values the rule set tests, members that the same
  membership tests name sharing one value;
* an act fact that no rule for the act's (known) kind reads: one value, as none decides;
* counts: 0 and, for each number ``c`` the rule set compares the fact with, ``c`` and ``c+1``;
* texts: absent, each text the rule set compares with, and any other text;
* a candidate's penetapan date: each day an act of the case may fall on and the day after;
* an act's date range: its first day and every day inside it on which a version of the law
  starts or ends, a stage of the calendar starts or ends, a candidate becomes a calon, or a
  rule's date threshold falls.

So judging each completion judges every stretch, and a provision met in every completion is
met whatever the unknowns are (:mod:`netralitas_rules.partial`).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from .errors import NetralitasError
from .facts import FACTS, FactType
from .models import ASN, Activity, Candidate, Case
from .models.unknown import UNKNOWN, DateRange, known_type
from .problemtext import Joined, Text
from .slot_values import (
    DAY,
    SHOWN_ABSENT,
    SHOWN_OTHER,
    Classes,
    Spans,
    changing_days,
    constants,
    count_values,
    day_values,
    enum_values,
    list_values,
    stretches,
    text_values,
)
from .unknown_facts import PARTIAL_FIELDS, act_days, has_unknowns, stated_texts

if TYPE_CHECKING:
    from .engine.compiler import CompiledRuleSet

MAX_COMPLETIONS = 4096
"""The most completions a case may have; more is a :class:`TooManyUnknownsError`."""


class TooManyUnknownsError(NetralitasError, ValueError):
    """A case leaves so many facts unknown that judging every completion would not end."""


@dataclass(frozen=True)
class Slot:
    """One unknown fact of a case and the values that represent every stretch of it."""

    path: tuple[str | int, ...]
    """Where the fact sits in the case, e.g. ``("activities", 0, "used_position")``."""
    fact: str
    """The fact path of the catalogue (``activity.used_position``)."""
    values: tuple[Any, ...]
    """Representative values, as the case models hold them."""
    shown: tuple[str, ...]
    """Each value as a reader sees it: the value, or the stretch of values it stands for."""
    spans: tuple[tuple[str, str], ...] = ()
    """For counts and dates, the first and last value of each stretch ("" for no bound)."""
    classes: Classes = ()
    """The members each representative stands for: of an enum fact, a member for its class
    (:func:`~netralitas_rules.slot_values.enum_values`); of a list, the members in a subset
    of representatives (:func:`~netralitas_rules.slot_values.list_values`)."""

    def met_text(self, indices: Sequence[int]) -> tuple[str, ...]:
        """The values at ``indices`` as text, neighbouring stretches joined into one; a
        subset of representatives as every list of the members they stand for."""
        ordered = sorted(indices)
        if self.classes and not FACTS[self.fact].many:
            stands_for = {group[0]: group for group in self.classes}
            members = (
                member
                for i in ordered
                for member in (
                    (SHOWN_ABSENT,)
                    if self.values[i] is None
                    else stands_for.get(self.shown[i], (self.shown[i],))
                )
            )
            return tuple(dict.fromkeys(members))
        if self.classes:
            stands_for = {group[0]: group for group in self.classes}
            lists = (
                "[" + ", ".join(combo) + "]"
                for i in ordered
                for combo in itertools.product(
                    *(stands_for.get(str(m), (str(m),)) for m in self.values[i])
                )
            )
            return tuple(dict.fromkeys(lists))
        if not self.spans:
            return tuple(self.shown[i] for i in ordered)
        runs: list[list[int]] = []
        for i in ordered:
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
        return tuple(_span_text(self.spans[r[0]][0], self.spans[r[-1]][1]) for r in runs)

    @property
    def where(self) -> str:
        """The path as text: ``activities[0].used_position``."""
        out = ""
        for part in self.path:
            out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
        return out


def _span_text(low: str, high: str) -> str:
    if low == high:
        return low
    if not low:
        return f"≤ {high}"
    return f"≥ {low}" if not high else f"{low} – {high}"


# --------------------------------------------------------------------------- slots


def slots(case: Case, rules: CompiledRuleSet) -> list[Slot]:
    """The unknown facts of a case, each with its representative values; empty when every
    fact is known."""
    found: list[Slot] = []
    for name in PARTIAL_FIELDS["asn"]:
        if getattr(case.asn, name) is UNKNOWN:
            found.append(_slot(rules, case, ("asn", name), "asn", ASN, name))
    date_points: set[dt.date] | None = None
    act_days: set[dt.date] = set()
    for i, act in enumerate(case.activities):
        if isinstance(act.date, DateRange):
            date_points = date_points if date_points is not None else changing_days(rules, case)
            pairs = day_values(date_points, act.date.start, act.date.end)
            act_days |= {d for d, _ in pairs}
            found.append(
                _ordered_slot(
                    ("activities", i, "date"),
                    "activity.date",
                    tuple(d for d, _ in pairs),
                    tuple(s for _, s in pairs),
                )
            )
        else:
            act_days.add(act.date)
        # An act of a known kind is judged only by the rules for that kind: a fact none of
        # them reads decides nothing, so it takes one value (any would do) and multiplies
        # the completions by one.
        kind = act.kind
        read = None if kind is UNKNOWN else rules.facts_read(kind.value)
        for name in PARTIAL_FIELDS["activity"]:
            if name != "date" and getattr(act, name) is UNKNOWN:
                slot = _slot(rules, case, ("activities", i, name), "activity", Activity, name)
                if read is not None and slot.fact not in read:
                    slot = _single(slot)
                found.append(slot)
    for i, cand in enumerate(case.candidates):
        for name in PARTIAL_FIELDS["candidate"]:
            if getattr(cand, name) is not UNKNOWN:
                continue
            if name == "penetapan_date":
                points = {d for day in act_days for d in (day, day + DAY)}
                for c in constants(rules, "candidate.penetapan_date"):
                    if isinstance(c, dt.date):
                        points |= {c, c + DAY}
                if not points:
                    # No act is judged and no rule reads the day: any day decides the same,
                    # and one is needed to complete the case (a case with no acts, or none
                    # established). A validated election has its campaign stage at least.
                    points = {min(s.start for s in case.election.stages)}
                ordered = sorted(points)
                found.append(
                    _ordered_slot(
                        ("candidates", i, name),
                        "candidate.penetapan_date",
                        tuple(ordered),
                        stretches(ordered),
                    )
                )
            else:
                where = ("candidates", i, name)
                found.append(_slot(rules, case, where, "candidate", Candidate, name))
    return found


def _slot(
    rules: CompiledRuleSet,
    case: Case,
    path: tuple[str | int, ...],
    prefix: str,
    model: Any,
    name: str,
) -> Slot:
    fact = f"{prefix}.{name}"
    spec = FACTS[fact]
    annotation = known_type(model.model_fields[name].annotation)
    optional = type(None) in getattr(annotation, "__args__", ())
    if spec.many:
        values, shown, classes = list_values(rules, spec)
        return Slot(path, fact, values, shown, classes=classes)
    if spec.value_type is FactType.BOOL:
        values, shown = (False, True), ("false", "true")
    elif spec.value_type is FactType.ENUM:
        if fact == "activity.kind":  # the kind picks the rules that judge the act: each its own
            values, shown, classes = enum_values(spec, optional)
        else:
            beside = case.election.penetapan_for if fact == "candidate.office" else None
            values, shown, classes = enum_values(spec, optional, rules, beside)
        return Slot(path, fact, values, shown, classes=classes)
    elif spec.value_type is FactType.INT:
        return _ordered_slot(path, fact, *count_values(rules, fact))
    else:
        values, shown = text_values(rules, fact)
    return Slot(path, fact, values, shown)


def _single(slot: Slot) -> Slot:
    """``slot`` with its first value only."""
    return Slot(slot.path, slot.fact, slot.values[:1], slot.shown[:1], slot.spans[:1], slot.classes)


def _ordered_slot(
    path: tuple[str | int, ...], fact: str, values: tuple[Any, ...], spans: Spans
) -> Slot:
    return Slot(path, fact, values, tuple(_span_text(lo, hi) for lo, hi in spans), spans)


# --------------------------------------------------------------------------- completions


def count(found: Sequence[Slot]) -> int:
    """How many completions the slots make."""
    n = 1
    for slot in found:
        n *= len(slot.values)
    return n


def check_size(case: Case, found: Sequence[Slot], limit: int = MAX_COMPLETIONS) -> None:
    """Raise :class:`TooManyUnknownsError` when the case has more than ``limit`` completions."""
    n = count(found)
    if n > limit:
        listed = Joined([_slot_text(s) for s in found])
        raise TooManyUnknownsError(
            Text("unknowns.too_many", case=case.id, n=n, limit=limit, listed=listed)
        )


def _slot_text(slot: Slot) -> Text:
    """A slot in the list of a case with too many completions: where, and how many values
    ('1 value' in English, not '1 values')."""
    n = len(slot.values)
    return Text("unknowns.slot_one" if n == 1 else "unknowns.slot", where=slot.where, n=n)


def completions(case: Case, found: Sequence[Slot]) -> Iterator[tuple[tuple[int, ...], Case]]:
    """Every completion of the case: the index of each slot's value, and the completed case
    (built without validating again: every value is one the models hold)."""
    for choice in itertools.product(*(range(len(s.values)) for s in found)):
        yield choice, fill(case, found, choice)


def fill(case: Case, found: Sequence[Slot], choice: Sequence[int]) -> Case:
    """The case with each slot set to its chosen value."""
    asn: dict[str, Any] = {}
    acts: dict[int, dict[str, Any]] = {}
    cands: dict[int, dict[str, Any]] = {}
    for slot, i in zip(found, choice, strict=True):
        value = slot.values[i]
        if slot.path[0] == "asn":
            asn[str(slot.path[1])] = value
        else:
            where = acts if slot.path[0] == "activities" else cands
            index = slot.path[1]
            assert isinstance(index, int)
            where.setdefault(index, {})[str(slot.path[2])] = value
    update: dict[str, Any] = {}
    if asn:
        update["asn"] = case.asn.model_copy(update=asn)
    if acts:
        update["activities"] = tuple(
            a.model_copy(update=acts[i]) if i in acts else a for i, a in enumerate(case.activities)
        )
    if cands:
        update["candidates"] = tuple(
            c.model_copy(update=cands[i]) if i in cands else c
            for i, c in enumerate(case.candidates)
        )
    return case.model_copy(update=update)


def shown_value(value: Any) -> str:
    """A model value as text (enum members by their value)."""
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


__all__ = [
    "MAX_COMPLETIONS",
    "SHOWN_ABSENT",
    "SHOWN_OTHER",
    "Slot",
    "TooManyUnknownsError",
    "act_days",
    "check_size",
    "completions",
    "count",
    "fill",
    "has_unknowns",
    "slots",
    "stated_texts",
]
