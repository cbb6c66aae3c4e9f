"""The condition language of rule files: a closed tree, no string expressions, no ``eval``.

A condition is a mapping with exactly one key::

    all: [ ...conditions ]          every one holds
    any: [ ...conditions ]          at least one holds
    not: condition                  the condition does not hold
    <fact path>: <value>            shorthand for {eq: value}
    <fact path>: {<operator>: <value>}

Operators: ``eq``, ``ne``, ``in``, ``not_in`` (scalar facts); ``gt``, ``gte``, ``lt``, ``lte``
(numbers and dates); ``exists`` (true/false); ``contains``, ``contains_any`` (list facts).

Semantics, stated here, generated as code once (:mod:`netralitas_rules.engine.codegen`),
compiled for the durable backend, and read slowly by the test oracle
(:mod:`netralitas_rules.testing.oracle`):

* a comparison on an absent fact is false (``exists: false`` is the way to ask for absence);
* no coercion: a value must have the fact's type, checked when the file loads;
* ``not`` negates whatever its operand evaluates to, absent facts included.

>>> c = parse_condition({"all": [{"activity.kind": {"in": ["favouring_decision"]}},
...                              {"asn.is_pejabat_asn": True}]})
>>> render(c)
'all(activity.kind in [favouring_decision], asn.is_pejabat_asn = true)'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeAlias

from .errors import NestedProblemsError
from .facts import FACTS, FactSpec, FactType
from .hints import suggest


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

_SCALAR_OPS = {Op.EQ, Op.NE, Op.IN, Op.NOT_IN, Op.EXISTS}
_ORDER_OPS = {Op.GT, Op.GTE, Op.LT, Op.LTE}
_LIST_OPS = {Op.CONTAINS, Op.CONTAINS_ANY}
_MULTI_VALUE_OPS = {Op.IN, Op.NOT_IN, Op.CONTAINS_ANY}


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


class ConditionError(NestedProblemsError):
    """Every problem found in one condition tree, each with its key path inside the tree."""

    def __str__(self) -> str:
        return "; ".join(f"{_show(p)}: {m}" if p else m for p, m in self.problems)


def _show(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


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


# --------------------------------------------------------------------------- parsing


def parse_condition(data: Any) -> Condition:
    """Parse and check a condition tree; raises :class:`ConditionError` with every problem."""
    problems: list[tuple[Path, str]] = []
    result = _parse(data, (), problems, depth=0)
    if problems or result is None:
        raise ConditionError(problems or [((), "empty condition")])
    return result


_MAX_DEPTH = 32


def _join(path: Path, key: str | int) -> Path:
    return (*path, key)


def _parse(data: Any, path: Path, problems: list[tuple[Path, str]], depth: int) -> Condition | None:
    if depth > _MAX_DEPTH:
        problems.append((path, f"conditions nest deeper than {_MAX_DEPTH} levels; flatten them"))
        return None
    if isinstance(data, Compare | All | AnyOf | Not):
        return data
    if not isinstance(data, Mapping) or len(data) != 1:
        got = f"a mapping with {len(data)} keys" if isinstance(data, Mapping) else _kind(data)
        problems.append(
            (
                path,
                f"a condition is a mapping with exactly one key (all, any, not, or a fact "
                f"path), got {got}",
            )
        )
        return None
    ((key, value),) = data.items()
    key = str(key)
    here = _join(path, key)
    if key in ("all", "any"):
        if not isinstance(value, list) or not value:
            problems.append((here, f"'{key}' takes a non-empty list of conditions"))
            return None
        items = [_parse(v, _join(here, i), problems, depth + 1) for i, v in enumerate(value)]
        if any(i is None for i in items):
            return None
        kept = tuple(i for i in items if i is not None)
        return All(kept) if key == "all" else AnyOf(kept)
    if key == "not":
        inner = _parse(value, here, problems, depth + 1)
        return Not(inner) if inner is not None else None
    return _parse_compare(key, value, here, problems)


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__} {value!r}"


def _parse_compare(
    fact: str, value: Any, here: Path, problems: list[tuple[Path, str]]
) -> Condition | None:
    spec = FACTS.get(fact)
    if spec is None:
        problems.append(
            (
                here,
                f"unknown fact {fact!r}{suggest(fact, list(FACTS))}; facts are: all, any, "
                f"not, or one of {', '.join(FACTS)}",
            )
        )
        return None
    if isinstance(value, Mapping):
        if len(value) != 1:
            problems.append(
                (
                    here,
                    f"an operator mapping has exactly one key; operators: "
                    f"{', '.join(o.value for o in Op)}",
                )
            )
            return None
        ((op_name, operand),) = value.items()
        try:
            op = Op(str(op_name))
        except ValueError:
            problems.append(
                (
                    _join(here, str(op_name)),
                    f"unknown operator {op_name!r}{suggest(str(op_name), [o.value for o in Op])}; "
                    f"operators: {', '.join(o.value for o in Op)}",
                )
            )
            return None
        where = _join(here, op.value)
    else:
        op, operand, where = (Op.CONTAINS if spec.many else Op.EQ), value, here
    ordered = spec.value_type in (FactType.INT, FactType.DATE)
    allowed_ops = _LIST_OPS if spec.many else _SCALAR_OPS | (_ORDER_OPS if ordered else set())
    if op not in allowed_ops:
        problems.append(
            (
                where,
                f"operator {op.value!r} does not apply to {spec.value_type.value}"
                f"{' list' if spec.many else ''} fact {fact}; use one of "
                f"{', '.join(sorted(o.value for o in allowed_ops))}",
            )
        )
        return None
    if op is Op.EXISTS:
        if not isinstance(operand, bool):
            problems.append((where, "'exists' takes true or false"))
            return None
        return Compare(fact, op, operand)
    if op in _MULTI_VALUE_OPS:
        if not isinstance(operand, list | tuple) or not operand:
            problems.append((where, f"'{op.value}' takes a non-empty list of values"))
            return None
        checked = [_check_value(spec, v, _join(where, i), problems) for i, v in enumerate(operand)]
        if any(c is _MISSING for c in checked):
            return None
        return Compare(fact, op, tuple(checked))
    checked_one = _check_value(spec, operand, where, problems)
    if checked_one is _MISSING:
        return None
    return Compare(fact, op, checked_one)


def as_date(value: Any) -> dt.date | None:
    """The date a YAML or JSON value stands for (a date, or ``YYYY-MM-DD`` text), else None.

    >>> as_date("2021-08-31"), as_date("31/08/2021")
    (datetime.date(2021, 8, 31), None)
    """
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _check_value(spec: FactSpec, value: Any, where: Path, problems: list[tuple[Path, str]]) -> Any:
    """The value as the fact record holds it, or MISSING after recording a problem."""
    t = spec.value_type
    if t is FactType.ENUM:
        allowed = spec.allowed
        if isinstance(value, str) and value in allowed:
            return value
        problems.append(
            (
                where,
                f"{_kind(value)} is not a value of {spec.path}"
                f"{suggest(str(value), allowed)}; allowed: {', '.join(allowed)}",
            )
        )
        return _MISSING
    if t is FactType.BOOL and isinstance(value, bool):
        return value
    if t is FactType.INT and isinstance(value, int) and not isinstance(value, bool):
        return value
    if t is FactType.TEXT and isinstance(value, str):
        return value
    if t is FactType.DATE:
        day = as_date(value)
        if day is not None:
            return day
    article = "an" if t.value[0] in "aeiou" else "a"
    problems.append(
        (
            where,
            f"{spec.path} is {article} {t.value} fact; {_kind(value)} is not {article} {t.value}",
        )
    )
    return _MISSING


# --------------------------------------------------------------------------- JSON Schema


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a condition, with every fact path and its allowed values, so an
    editor can complete and check rule files."""
    fact_props: dict[str, Any] = {}
    for path, spec in FACTS.items():
        scalar = _value_schema(spec)
        ops: dict[str, Any] = {}
        if spec.many:
            ops["contains"] = scalar
            ops["contains_any"] = {"type": "array", "items": scalar, "minItems": 1}
            shorthand = scalar
        else:
            ops.update(eq=scalar, ne=scalar, exists={"type": "boolean"})
            ops["in"] = {"type": "array", "items": scalar, "minItems": 1}
            ops["not_in"] = {"type": "array", "items": scalar, "minItems": 1}
            if spec.value_type in (FactType.INT, FactType.DATE):
                ops.update(gt=scalar, gte=scalar, lt=scalar, lte=scalar)
            shorthand = scalar
        fact_props[path] = {
            "description": spec.description or path,
            "anyOf": [
                shorthand,
                {
                    "type": "object",
                    "properties": ops,
                    "additionalProperties": False,
                    "minProperties": 1,
                    "maxProperties": 1,
                },
            ],
        }
    ref = {"$ref": "#/$defs/Condition"}
    return {
        "description": "A condition: exactly one of all, any, not, or a fact path.",
        "type": "object",
        "minProperties": 1,
        "maxProperties": 1,
        "properties": {
            "all": {"type": "array", "items": ref, "minItems": 1},
            "any": {"type": "array", "items": ref, "minItems": 1},
            "not": ref,
            **fact_props,
        },
        "additionalProperties": False,
    }


def _value_schema(spec: FactSpec) -> dict[str, Any]:
    if spec.value_type is FactType.ENUM:
        return {"type": "string", "enum": list(spec.allowed)}
    return {
        FactType.BOOL: {"type": "boolean"},
        FactType.INT: {"type": "integer"},
        FactType.TEXT: {"type": "string"},
        FactType.DATE: {"type": "string", "format": "date"},
    }[spec.value_type]
