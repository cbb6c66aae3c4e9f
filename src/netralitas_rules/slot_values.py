"""The representative values of an unknown fact, by the kind of fact: one per stretch of
values over which nothing the rule set, the calendar or the case compares against changes
(see :mod:`.completion`)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Hashable, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from .conditions import Compare, leaves
from .fact_catalogue import FactSpec
from .models import Case

if TYPE_CHECKING:
    from .engine.compiler import CompiledRuleSet

_OTHER_TEXT = "(lain)"  # a text no rule compares with (the completion's "any other text")
SHOWN_ABSENT = "(absent)"
"""How a deciding fact's value shows a fact left out (``None``); outputs put it in words."""
SHOWN_OTHER = "(other)"
"""How a deciding fact's value shows any text no rule compares with."""
DAY = dt.timedelta(days=1)


def _tested(rules: CompiledRuleSet, fact: str) -> list[Compare]:
    return [leaf for r in rules.rules for leaf in leaves(r.provision.when) if leaf.fact == fact]


def constants(rules: CompiledRuleSet, fact: str) -> list[Any]:
    """The values the rule set compares ``fact`` with (an ``exists`` test's flag left out)."""
    out: list[Any] = []
    for leaf in _tested(rules, fact):
        out += [v for v in _values(leaf) if not isinstance(v, bool) or leaf.op.value != "exists"]
    return out


def count_values(rules: CompiledRuleSet, fact: str) -> tuple[tuple[Any, ...], Spans]:
    """A count's values: 0 and each number the rule set compares it with and the next, each
    with its stretch."""
    points = {0}
    for c in constants(rules, fact):
        if isinstance(c, int) and not isinstance(c, bool):
            points |= {max(c, 0), max(c + 1, 0)}
    ordered = sorted(points)
    spans = [(str(v), str(nxt - 1)) for v, nxt in pairwise(ordered)]
    return tuple(ordered), (*spans, (str(ordered[-1]), ""))


Spans = tuple[tuple[str, str], ...]


Classes = tuple[tuple[str, ...], ...]
"""The members an enum or list fact's representatives stand for, each class led by its
representative; empty when each member stands for itself."""


def enum_values(
    spec: FactSpec,
    optional: bool,
    rules: CompiledRuleSet | None = None,
    beside: Callable[[Any], Hashable] | None = None,
) -> tuple[tuple[Any, ...], tuple[str, ...], Classes]:
    """An enum fact's values: one member for each class of members that every test of the
    rule set (and ``beside``, for what else reads the fact) tells apart, and absent first
    when the fact may be absent; with the classes when a member stands for others.

    Sound because a rule reads an enum fact only through its tests (``eq``, ``ne``, ``in``,
    ``not_in``, ``exists``): two members that are in exactly the same tests' values give
    every rule the same answer. ``beside`` adds what a member means outside the rules (a
    candidate's office decides his penetapan day). Without ``rules`` every member is its own
    class."""
    assert spec.enum is not None
    groups: list[list[Any]]
    if rules is None:
        groups = [[m] for m in spec.enum]
    else:
        named = [{str(v) for v in _values(leaf)} for leaf in _tested(rules, spec.path)]
        by_tests: dict[tuple[Hashable, ...], list[Any]] = {}
        for member in spec.enum:
            key: tuple[Hashable, ...] = tuple(member.value in names for names in named)
            if beside is not None:
                key += (beside(member),)
            by_tests.setdefault(key, []).append(member)
        groups = list(by_tests.values())
    members: list[Any] = [group[0] for group in groups]
    shown = [m.value for m in members]
    if optional:
        members.insert(0, None)
        shown.insert(0, SHOWN_ABSENT)
    classes = (
        tuple(tuple(m.value for m in g) for g in groups) if any(len(g) > 1 for g in groups) else ()
    )
    return tuple(members), tuple(shown), classes


_MEMBERSHIP = frozenset({"contains", "contains_any"})


def list_values(
    rules: CompiledRuleSet, spec: FactSpec
) -> tuple[tuple[Any, ...], tuple[str, ...], Classes]:
    """A list fact's values: every subset of the members the rule set tests, and the classes
    of members they stand for.

    When every test of the fact asks whether the list holds one of some members, two members
    that the same tests name are interchangeable: one of them stands for both, so the audience
    of an act tested for ``subordinates`` and for any of ``colleagues, subordinates, family,
    public`` has 4 values, not 16."""
    assert spec.enum is not None
    tests = _tested(rules, spec.path)
    tested = sorted({str(c) for c in constants(rules, spec.path)})
    if all(leaf.op.value in _MEMBERSHIP for leaf in tests):
        named = [{str(v) for v in _values(leaf)} for leaf in tests]
        by_tests: dict[frozenset[int], list[str]] = {}
        for member in tested:
            key = frozenset(i for i, names in enumerate(named) if member in names)
            by_tests.setdefault(key, []).append(member)
        groups = list(by_tests.values())
    else:
        groups = [[member] for member in tested]
    members = [spec.enum(group[0]) for group in groups]
    values = [
        tuple(combo)
        for n in range(len(members) + 1)
        for combo in itertools.combinations(members, n)
    ]
    shown = ["[" + ", ".join(m.value for m in v) + "]" for v in values]
    classes = tuple(tuple(g) for g in groups) if any(len(g) > 1 for g in groups) else ()
    return tuple(values), tuple(shown), classes


def _values(leaf: Compare) -> tuple[Any, ...]:
    return leaf.value if isinstance(leaf.value, tuple) else (leaf.value,)


def text_values(rules: CompiledRuleSet, fact: str) -> tuple[tuple[Any, ...], tuple[str, ...]]:
    """A text fact's values: absent, each text the rule set compares with, any other text."""
    texts = sorted({c for c in constants(rules, fact) if isinstance(c, str)})
    values = (None, *texts, _OTHER_TEXT)
    return values, (SHOWN_ABSENT, *texts, SHOWN_OTHER)


def day_values(points: set[dt.date], low: dt.date, high: dt.date) -> tuple[Any, ...]:
    """The first day and every boundary inside ``[low, high]``, each with its stretch."""
    starts = sorted({low} | {p for p in points if low < p <= high})
    out = []
    for i, day in enumerate(starts):
        last = starts[i + 1] - DAY if i + 1 < len(starts) else high
        out.append((day, (day.isoformat(), last.isoformat())))
    return tuple(out)


def stretches(days: Sequence[dt.date]) -> Spans:
    """Each day of a sorted list as the stretch of penetapan days it stands for: up to the
    second (all acts from the first on see a calon), between each and the next, from the
    last on."""
    if not days:
        return ()
    spans = [(a.isoformat(), (b - DAY).isoformat()) for a, b in pairwise(days)]
    spans.append((days[-1].isoformat(), ""))
    spans[0] = ("", spans[0][1])  # a lone day stands for every day
    return tuple(spans)


def changing_days(rules: CompiledRuleSet, case: Case) -> set[dt.date]:
    """Every day on which something the rule set, the calendar or the case compares against
    changes: versions of the law, stages, penetapan days, rule thresholds, prior sanctions."""
    points: set[dt.date] = set()
    for reg in rules.regulations.versions:
        points.add(reg.version.effective_from)
        if reg.version.superseded_on is not None:
            points.add(reg.version.superseded_on)
    election = case.election
    for stage in election.stages:
        points |= {stage.start, stage.end + DAY}
    points |= {e.date for e in election.penetapan_by_office}
    for cand in case.candidates:
        if isinstance(cand.penetapan_date, dt.date):
            points.add(cand.penetapan_date)
    for c in constants(rules, "activity.date"):
        if isinstance(c, dt.date):
            points |= {c, c + DAY}
    points |= {p.date + DAY for p in case.asn.prior_sanctions}
    return points
