"""The completions of a case with unknown facts: every way of filling its unknowns that can
change what a rule, a calendar or the law in force says about it.

Each unknown fact of a case (``unknown`` in the file, or an act's date given as a range) is a
:class:`Slot` with a few representative values, one per stretch of values over which nothing
the rule set, the calendar or the case compares against changes:

* yes/no facts: false and true;
* enum facts: every value (and absent, where the fact may be absent);
* lists of enum values: every subset of the values the rule set tests;
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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from .conditions import Compare, leaves
from .errors import NetralitasError
from .facts import FACTS, FactSpec, FactType
from .models import ASN, Activity, Candidate, Case
from .models.unknown import UNKNOWN, DateRange, is_partial_field, known_type
from .problemtext import Joined, Text

if TYPE_CHECKING:
    from .engine.compiler import CompiledRuleSet

MAX_COMPLETIONS = 4096
"""The most completions a case may have; more is a :class:`TooManyUnknownsError`."""

_OTHER_TEXT = "(lain)"  # a text no rule compares with (the completion's "any other text")
SHOWN_ABSENT = "(absent)"
"""How a deciding fact's value shows a fact left out (``None``); outputs put it in words."""
SHOWN_OTHER = "(other)"
"""How a deciding fact's value shows any text no rule compares with."""
_DAY = dt.timedelta(days=1)


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

    def met_text(self, indices: Sequence[int]) -> tuple[str, ...]:
        """The values at ``indices`` as text, neighbouring stretches joined into one."""
        ordered = sorted(indices)
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


def _partial_fields(model: type[Any]) -> tuple[str, ...]:
    return tuple(
        name
        for name, info in model.model_fields.items()
        if any(map(is_partial_field, info.metadata))
    )


_FIELDS = {"asn": _partial_fields(ASN), "activity": _partial_fields(Activity)}
_FIELDS["candidate"] = _partial_fields(Candidate)


def _unknown_checker() -> Callable[[Any], bool]:
    """``has_unknowns``, generated from the models: one identity test per field that may be
    unknown, each read from the model's ``__dict__`` (a dict item is cheaper to read than a
    pydantic attribute, and an identity test cheaper than scanning every value of the model
    for something equal to the text "unknown", which is what this replaced)."""

    def tests(fields: tuple[str, ...], extra: str = "") -> str:
        return " or ".join([*([extra] if extra else []), *(f"x[{n!r}] is U" for n in fields)])

    acts = tuple(n for n in _FIELDS["activity"] if n != "date")
    lines = [
        "def has_unknowns(case, U=UNKNOWN, DR=DateRange, Case=Case):",
        "    if not isinstance(case, Case):",
        "        return False",
        "    x = case.asn.__dict__",
        f"    if {tests(_FIELDS['asn'])}:",
        "        return True",
        "    for a in case.activities:",
        "        x = a.__dict__",
        f"        if {tests(acts, 'x[' + repr('date') + '].__class__ is DR')}:",
        "            return True",
        "    for a in case.candidates:",
        "        x = a.__dict__",
        f"        if {tests(_FIELDS['candidate'])}:",
        "            return True",
        "    return False",
    ]
    namespace: dict[str, Any] = {"UNKNOWN": UNKNOWN, "DateRange": DateRange, "Case": Case}
    # Our own source: field names come from the case models.
    exec(compile("\n".join(lines), "<netralitas unknowns>", "exec"), namespace)
    checker: Callable[[Any], bool] = namespace["has_unknowns"]
    return checker


has_unknowns: Callable[[Any], bool] = _unknown_checker()
has_unknowns.__doc__ = """True when a case leaves a fact unknown or gives an act's date as a range
(a batch wire case never does). Run on every case evaluated that validation did not mark
plain (:func:`netralitas_rules.models.case.is_plain`)."""


def act_days(date: dt.date | DateRange) -> tuple[dt.date, ...]:
    """An act's date, or the two ends of its range."""
    return (date.start, date.end) if isinstance(date, DateRange) else (date,)


def stated_texts(asn: ASN) -> ASN:
    """The ASN with its unknown text facts (agency, unit, region) as the text ``unknown``,
    for outputs that print them."""
    update = {k: "unknown" for k in ("agency", "unit", "region") if getattr(asn, k) is UNKNOWN}
    return asn.model_copy(update=update) if update else asn


# --------------------------------------------------------------------------- values


def _tested(rules: CompiledRuleSet, fact: str) -> list[Compare]:
    return [leaf for r in rules.rules for leaf in leaves(r.provision.when) if leaf.fact == fact]


def _constants(rules: CompiledRuleSet, fact: str) -> list[Any]:
    out: list[Any] = []
    for leaf in _tested(rules, fact):
        values = leaf.value if isinstance(leaf.value, tuple) else (leaf.value,)
        out += [v for v in values if not isinstance(v, bool) or leaf.op.value != "exists"]
    return out


def _count_slot(rules: CompiledRuleSet, fact: str) -> tuple[tuple[Any, ...], Spans]:
    points = {0}
    for c in _constants(rules, fact):
        if isinstance(c, int) and not isinstance(c, bool):
            points |= {max(c, 0), max(c + 1, 0)}
    ordered = sorted(points)
    spans = [(str(v), str(nxt - 1)) for v, nxt in pairwise(ordered)]
    return tuple(ordered), (*spans, (str(ordered[-1]), ""))


Spans = tuple[tuple[str, str], ...]


def _enum_slot(spec: FactSpec, optional: bool) -> tuple[tuple[Any, ...], tuple[str, ...]]:
    assert spec.enum is not None
    members: list[Any] = list(spec.enum)
    shown = [m.value for m in members]
    if optional:
        members.insert(0, None)
        shown.insert(0, SHOWN_ABSENT)
    return tuple(members), tuple(shown)


def _list_slot(rules: CompiledRuleSet, spec: FactSpec) -> tuple[tuple[Any, ...], tuple[str, ...]]:
    assert spec.enum is not None
    tested = sorted({str(c) for c in _constants(rules, spec.path)})
    members = [spec.enum(v) for v in tested]
    values = [
        tuple(combo)
        for n in range(len(members) + 1)
        for combo in itertools.combinations(members, n)
    ]
    shown = ["[" + ", ".join(m.value for m in v) + "]" for v in values]
    return tuple(values), tuple(shown)


def _text_slot(rules: CompiledRuleSet, fact: str) -> tuple[tuple[Any, ...], tuple[str, ...]]:
    texts = sorted({c for c in _constants(rules, fact) if isinstance(c, str)})
    values = (None, *texts, _OTHER_TEXT)
    return values, (SHOWN_ABSENT, *texts, SHOWN_OTHER)


def _day_slot(points: set[dt.date], low: dt.date, high: dt.date) -> tuple[Any, ...]:
    """The first day and every boundary inside ``[low, high]``, each with its stretch."""
    starts = sorted({low} | {p for p in points if low < p <= high})
    out = []
    for i, day in enumerate(starts):
        last = starts[i + 1] - _DAY if i + 1 < len(starts) else high
        out.append((day, (day.isoformat(), last.isoformat())))
    return tuple(out)


def _stretches(days: Sequence[dt.date]) -> Spans:
    """Each day of a sorted list as the stretch of penetapan days it stands for: up to the
    second (all acts from the first on see a calon), between each and the next, from the
    last on."""
    spans = [(a.isoformat(), (b - _DAY).isoformat()) for a, b in pairwise(days)]
    if spans:
        spans[0] = ("", spans[0][1])
    return (*spans, (days[-1].isoformat(), ""))


def _date_points(rules: CompiledRuleSet, case: Case) -> set[dt.date]:
    """Every day on which something the rule set, the calendar or the case compares against
    changes: versions of the law, stages, penetapan days, rule thresholds, prior sanctions."""
    points: set[dt.date] = set()
    for reg in rules.regulations.versions:
        points.add(reg.version.effective_from)
        if reg.version.superseded_on is not None:
            points.add(reg.version.superseded_on)
    election = case.election
    for stage in election.stages:
        points |= {stage.start, stage.end + _DAY}
    points |= {e.date for e in election.penetapan_by_office}
    for cand in case.candidates:
        if isinstance(cand.penetapan_date, dt.date):
            points.add(cand.penetapan_date)
    for c in _constants(rules, "activity.date"):
        if isinstance(c, dt.date):
            points |= {c, c + _DAY}
    points |= {p.date + _DAY for p in case.asn.prior_sanctions}
    return points


# --------------------------------------------------------------------------- slots


def slots(case: Case, rules: CompiledRuleSet) -> list[Slot]:
    """The unknown facts of a case, each with its representative values; empty when every
    fact is known."""
    found: list[Slot] = []
    for name in _FIELDS["asn"]:
        if getattr(case.asn, name) is UNKNOWN:
            found.append(_slot(rules, ("asn", name), "asn", ASN, name))
    date_points: set[dt.date] | None = None
    act_days: set[dt.date] = set()
    for i, act in enumerate(case.activities):
        if isinstance(act.date, DateRange):
            date_points = date_points if date_points is not None else _date_points(rules, case)
            pairs = _day_slot(date_points, act.date.start, act.date.end)
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
        for name in _FIELDS["activity"]:
            if name != "date" and getattr(act, name) is UNKNOWN:
                found.append(_slot(rules, ("activities", i, name), "activity", Activity, name))
    for i, cand in enumerate(case.candidates):
        for name in _FIELDS["candidate"]:
            if getattr(cand, name) is not UNKNOWN:
                continue
            if name == "penetapan_date":
                points = {d for day in act_days for d in (day, day + _DAY)}
                for c in _constants(rules, "candidate.penetapan_date"):
                    if isinstance(c, dt.date):
                        points |= {c, c + _DAY}
                ordered = sorted(points)
                found.append(
                    _ordered_slot(
                        ("candidates", i, name),
                        "candidate.penetapan_date",
                        tuple(ordered),
                        _stretches(ordered),
                    )
                )
            else:
                found.append(_slot(rules, ("candidates", i, name), "candidate", Candidate, name))
    return found


def _slot(
    rules: CompiledRuleSet, path: tuple[str | int, ...], prefix: str, model: Any, name: str
) -> Slot:
    fact = f"{prefix}.{name}"
    spec = FACTS[fact]
    annotation = known_type(model.model_fields[name].annotation)
    optional = type(None) in getattr(annotation, "__args__", ())
    if spec.many:
        values, shown = _list_slot(rules, spec)
    elif spec.value_type is FactType.BOOL:
        values, shown = (False, True), ("false", "true")
    elif spec.value_type is FactType.ENUM:
        values, shown = _enum_slot(spec, optional)
    elif spec.value_type is FactType.INT:
        return _ordered_slot(path, fact, *_count_slot(rules, fact))
    else:
        values, shown = _text_slot(rules, fact)
    return Slot(path, fact, values, shown)


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
        listed = Joined([Text("unknowns.slot", where=s.where, n=len(s.values)) for s in found])
        raise TooManyUnknownsError(
            Text("unknowns.too_many", case=case.id, n=n, limit=limit, listed=listed)
        )


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
    "check_size",
    "completions",
    "count",
    "fill",
    "has_unknowns",
    "slots",
]
