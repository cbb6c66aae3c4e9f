"""Parsing and checking a condition tree from YAML/JSON data against the fact table.

Separate from the tree (:mod:`netralitas_rules.condition_tree`): every problem a rule-file
author can make is reported here, with its key path, and nothing else lives beside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from .condition_tree import MISSING, All, AnyOf, Compare, Condition, Not, Op, Path
from .errors import NestedProblemsError
from .facts import FACTS, FactSpec, FactType
from .hints import suggest

_MISSING = MISSING

_SCALAR_OPS = {Op.EQ, Op.NE, Op.IN, Op.NOT_IN, Op.EXISTS}
_ORDER_OPS = {Op.GT, Op.GTE, Op.LT, Op.LTE}
_LIST_OPS = {Op.CONTAINS, Op.CONTAINS_ANY}
_MULTI_VALUE_OPS = {Op.IN, Op.NOT_IN, Op.CONTAINS_ANY}


class ConditionError(NestedProblemsError):
    """Every problem found in one condition tree, each with its key path inside the tree."""

    def __str__(self) -> str:
        return "; ".join(f"{_show(p)}: {m}" if p else str(m) for p, m in self.problems)


def _show(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


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
