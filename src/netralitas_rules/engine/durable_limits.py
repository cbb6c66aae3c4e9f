"""The fixed-size tables of durable-rules 2.0.28's C core, and how rules are packed to fit.

durable-rules builds one alpha network per ruleset and shares a test between rules when it
hangs on the same node with the same key, operator and value. Its C core (``rules.h``,
``rete.c``, ``events.c`` of the 2.0.28 sdist) sizes each table once:

========================  =====  ==========================================================
table                     size   what happens when it is full
========================  =====  ==========================================================
branches of a node        512    open-addressing probe without an end: the 512th branch is
                                 stored, then ``assert_fact`` (or the next ruleset
                                 definition) loops forever; 511 work
``$nex`` and ``$or`` ends 128    error 107, or a read past the list
rules ending on a node    256    error 108, or a read past the list
match stack               64     error 303 (``MAX_STACK_SIZE``) during ``assert_fact``
``$and``/``$or`` per rule 15     error 113: each takes two of 31 expression slots
========================  =====  ==========================================================

:func:`Network` replays the C core's construction in Python to count those tables, and
:func:`pack` splits a rule set into as few rulesets (shards) as keep every count within
its table. A rule that does not fit even alone is a :class:`DurableLimit` naming the table.
The stack bound is conservative: every branch that could match is assumed to match, except
that equalities on one key can only match one value at a time.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from ..messages import msg
from .durable_compile import Expr

MAX_BRANCHES: Final = 511
"""Branches one node can hold (its table has 512 slots, and one must stay empty)."""
MAX_OR_ENDS: Final = 127
"""``$nex`` tests and ``$or`` ends one node can hold (a list of 128 needs a closing 0)."""
MAX_RULE_ENDS: Final = 255
"""Rules that can end on one node (a list of 256 needs a closing 0)."""
MAX_STACK: Final = 64
"""Nodes pending at once while one fact is matched."""
MAX_JUNCTIONS: Final = 15
"""``$and`` and ``$or`` per rule (two of 31 expression slots each)."""

LIMITS: Final = {
    "branches": MAX_BRANCHES,
    "or_ends": MAX_OR_ENDS,
    "rule_ends": MAX_RULE_ENDS,
    "stack": MAX_STACK,
    "junctions": MAX_JUNCTIONS,
}
"""The most each table of durable-rules 2.0.28 holds."""


@dataclass(frozen=True)
class DurableLimit:
    """A rule that needs more of a durable-rules table than the table has, even alone."""

    table: str
    needed: int

    @property
    def allowed(self) -> int:
        """The most the table holds."""
        return LIMITS[self.table]

    def describe(self, lang: str = "en") -> str:
        """``needs <n> <what>; durable-rules 2.0.28 allows <m>``, in Indonesian or English
        (the catalogue's ``durable.needs``; what the table counts: ``durable.table.<table>``)."""
        what = msg(f"durable.table.{self.table}", lang)
        return msg("durable.needs", lang, needed=self.needed, what=what, allowed=self.allowed)

    def __str__(self) -> str:
        return self.describe("en")


@dataclass
class _Node:
    branches: dict[tuple[str, str, str], int] = field(default_factory=dict)
    or_ends: list[int] = field(default_factory=list)
    nex: dict[tuple[str, str], int] = field(default_factory=dict)
    rule_ends: int = 0
    eq_values: dict[str, dict[str, int]] = field(default_factory=dict)


class Network:
    """The alpha network durable-rules builds for some rule expressions, as counts."""

    def __init__(self) -> None:
        self.nodes: list[_Node] = [_Node()]  # 0: durable's root for the pattern `m`

    def add(self, expr: Expr) -> None:
        """Add one rule (its expression ends on a rule node); False/True as durable would
        not see / see a bare marker."""
        if expr is False:
            return
        end = self._alpha({"$and": []} if expr is True else expr, 0)
        self.nodes[end].rule_ends += 1

    def _new(self) -> int:
        self.nodes.append(_Node())
        return len(self.nodes) - 1

    def _alpha(self, expr: dict[str, Any], parent: int) -> int:
        ((op, value),) = expr.items()
        if op == "$and":
            node = parent
            for item in value:
                node = self._alpha(item, node)
            return node
        if op == "$or":
            forward = self._new()
            for item in value:
                self.nodes[self._alpha(item, parent)].or_ends.append(forward)
            return forward
        if op.startswith("$"):
            ((key, operand),) = value.items()
        else:
            op, key, operand = "$eq", op, value
        canon = json.dumps(operand, sort_keys=True)
        here = self.nodes[parent]
        if op == "$nex":
            found = here.nex.get((key, canon))
            if found is None:
                found = here.nex[(key, canon)] = self._new()
                here.or_ends.append(found)
            return found
        found = here.branches.get((op, key, canon))
        if found is None:
            found = here.branches[(op, key, canon)] = self._new()
            if op == "$eq":
                # durable matches true with 1: those values are one, for the stack bound
                same = str(int(operand)) if isinstance(operand, bool) else canon
                counts = here.eq_values.setdefault(key, {})
                counts[same] = counts.get(same, 0) + 1
        return found

    def worst(self) -> dict[str, int]:
        """The largest count of each table over the network (``junctions`` excluded)."""
        return {
            "branches": max(len(n.branches) for n in self.nodes),
            "or_ends": max(len(n.or_ends) for n in self.nodes),
            "rule_ends": max(n.rule_ends for n in self.nodes),
            "stack": self._stack(),
        }

    def _stack(self) -> int:
        """An upper bound of the match stack: a node that matches pushes each branch that can
        match, then each is handled in turn, the others waiting below it."""
        bound: dict[int, int] = {}
        todo: list[tuple[int, bool]] = [(0, False)]
        while todo:
            node, ready = todo.pop()
            if node in bound:
                continue
            here = self.nodes[node]
            kids = [*here.branches.values(), *here.or_ends]
            if not ready:
                todo.append((node, True))
                todo.extend((k, False) for k in kids if k not in bound)
                continue
            eqs = sum(sum(v.values()) for v in here.eq_values.values())
            at_once = len(kids) - eqs + sum(max(v.values()) for v in here.eq_values.values() if v)
            deepest = max((bound[k] for k in kids), default=0)
            bound[node] = max(at_once, at_once - 1 + deepest) if kids else 0
        return bound[0]


def junctions(expr: Expr) -> int:
    """``$and`` and ``$or`` groups in one expression."""
    if isinstance(expr, bool):
        return 0
    ((op, value),) = expr.items()
    if op in ("$and", "$or"):
        return 1 + sum(junctions(item) for item in value)
    return 0


def rule_limits(expr: Expr) -> list[DurableLimit]:
    """The tables one rule would overfill even alone in its ruleset (durable refuses it)."""
    return over_limits([expr])


def over_limits(exprs: Sequence[Expr]) -> list[DurableLimit]:
    """The tables these rules, in one ruleset, would overfill."""
    network = Network()
    for expr in exprs:
        network.add(expr)
    found = [
        DurableLimit(table, needed)
        for table, needed in network.worst().items()
        if needed > LIMITS[table]
    ]
    most = max((junctions(e) for e in exprs), default=0)
    if most > MAX_JUNCTIONS:
        found.append(DurableLimit("junctions", most))
    return found


def pack(exprs: Sequence[Expr], refuse: Callable[[int, list[DurableLimit]], None]) -> list[int]:
    """Where each shard starts: consecutive runs of rules that fit one ruleset each.

    ``refuse(index, limits)`` is called (and must raise) for a rule that does not fit even
    alone. Adding a rule never shrinks a count, so the longest run that fits is found by
    halving.
    """
    for i, expr in enumerate(exprs):
        limits = rule_limits(expr)
        if limits:
            refuse(i, limits)
    starts: list[int] = []
    start = 0
    while start < len(exprs):
        starts.append(start)
        fits, fails = start + 1, len(exprs) + 1
        if not over_limits(exprs[start:]):
            break
        while fails - fits > 1:
            mid = (fits + fails) // 2
            if over_limits(exprs[start:mid]):
                fails = mid
            else:
                fits = mid
        start = fits
    return starts


__all__ = [
    "LIMITS",
    "MAX_BRANCHES",
    "MAX_JUNCTIONS",
    "MAX_OR_ENDS",
    "MAX_RULE_ENDS",
    "MAX_STACK",
    "DurableLimit",
    "Network",
    "junctions",
    "over_limits",
    "pack",
    "rule_limits",
]
