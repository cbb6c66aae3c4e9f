"""The condition tree: its node types, the absent-fact sentinel, and the readings of a tree
that need no fact table (one-line rendering, its leaves, its YAML/JSON form).

Separate from parsing (:mod:`netralitas_rules.condition_parsing`) so the engine, the oracle
and the renderers can hold conditions without the checks that build them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeAlias


class Op(StrEnum):
    """Comparison operators of the condition language."""

    EQ = "eq"
    NE = "ne"
    IN = "in"
    NOT_IN = "not_in"
    GT = "gt"
    GTE = "gte"
    LT = "lt"
    LTE = "lte"
    EXISTS = "exists"
    CONTAINS = "contains"
    CONTAINS_ANY = "contains_any"


_SYMBOL = {
    Op.EQ: "=",
    Op.NE: "≠",
    Op.IN: "in",
    Op.NOT_IN: "not in",
    Op.GT: ">",
    Op.GTE: "≥",
    Op.LT: "<",
    Op.LTE: "≤",
    Op.EXISTS: "exists",
    Op.CONTAINS: "contains",
    Op.CONTAINS_ANY: "contains any of",
}


@dataclass(frozen=True)
class Compare:
    """``fact op value``; ``value`` is a tuple for in / not_in / contains_any."""

    fact: str
    op: Op
    value: Any


@dataclass(frozen=True)
class All:
    """Every item holds."""

    items: tuple[Condition, ...]


@dataclass(frozen=True)
class AnyOf:
    """At least one item holds."""

    items: tuple[Condition, ...]


@dataclass(frozen=True)
class Not:
    """The item does not hold."""

    item: Condition


Condition: TypeAlias = Compare | All | AnyOf | Not


Path: TypeAlias = tuple[str | int, ...]

# --------------------------------------------------------------------------- absence

_MISSING = object()

MISSING: Any = _MISSING
"""The value a fact has when it is absent from the record (the case leaves it unknown).

The meaning of each operator is written once, as the source the engine generates
(:mod:`netralitas_rules.engine.codegen`); the slow, obvious reading of the same semantics
is the test oracle :mod:`netralitas_rules.testing.oracle`."""


# --------------------------------------------------------------------------- rendering


def _render_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return "[" + ", ".join(_render_value(v) for v in value) + "]"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def render(condition: Condition) -> str:
    """A one-line human reading of a condition."""
    if isinstance(condition, Compare):
        if condition.op is Op.EXISTS:
            return f"{condition.fact} {'exists' if condition.value else 'is absent'}"
        return f"{condition.fact} {_SYMBOL[condition.op]} {_render_value(condition.value)}"
    if isinstance(condition, All):
        return "all(" + ", ".join(render(c) for c in condition.items) + ")"
    if isinstance(condition, AnyOf):
        return "any(" + ", ".join(render(c) for c in condition.items) + ")"
    return f"not {render(condition.item)}"


def render_value(value: Any) -> str:
    """Render a fact value the way conditions are rendered (``true``, ``[a, b]``)."""
    return "(absent)" if value is _MISSING else _render_value(value)


def leaves(condition: Condition) -> Iterator[Compare]:
    """Every comparison in the tree, depth first."""
    if isinstance(condition, Compare):
        yield condition
    elif isinstance(condition, All | AnyOf):
        for item in condition.items:
            yield from leaves(item)
    else:
        yield from leaves(condition.item)


def to_data(condition: Condition) -> Any:
    """The YAML/JSON form of a condition; ``parse_condition(to_data(c)) == c``."""
    if isinstance(condition, Compare):
        value = condition.value
        data = list(value) if isinstance(value, tuple) else value
        if isinstance(data, dt.date):
            data = data.isoformat()
        if isinstance(data, list):
            data = [v.isoformat() if isinstance(v, dt.date) else v for v in data]
        return {condition.fact: {condition.op.value: data}}
    if isinstance(condition, All):
        return {"all": [to_data(c) for c in condition.items]}
    if isinstance(condition, AnyOf):
        return {"any": [to_data(c) for c in condition.items]}
    return {"not": to_data(condition.item)}
