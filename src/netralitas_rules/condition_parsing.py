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
from .hints import suggestion
from .problemtext import Text

_MISSING = MISSING

_SCALAR_OPS = {Op.EQ, Op.NE, Op.IN, Op.NOT_IN, Op.EXISTS}
_ORDER_OPS = {Op.GT, Op.GTE, Op.LT, Op.LTE}
_LIST_OPS = {Op.CONTAINS, Op.CONTAINS_ANY}
_MULTI_VALUE_OPS = {Op.IN, Op.NOT_IN, Op.CONTAINS_ANY}
_OPS = ", ".join(o.value for o in Op)
_FACTS = ", ".join(FACTS)


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
    problems: list[tuple[Path, Text]] = []
    result = _parse(data, (), problems, depth=0)
    if problems or result is None:
        raise ConditionError(problems or [((), Text("condition.empty"))])
    return result


_MAX_DEPTH = 32


def _join(path: Path, key: str | int) -> Path:
    return (*path, key)


def _parse(
    data: Any, path: Path, problems: list[tuple[Path, Text]], depth: int
) -> Condition | None:
    if depth > _MAX_DEPTH:
        problems.append((path, Text("condition.too_deep", depth=_MAX_DEPTH)))
        return None
    if isinstance(data, Compare | All | AnyOf | Not):
        return data
    if not isinstance(data, Mapping) or len(data) != 1:
        got = Text("condition.keys", n=len(data)) if isinstance(data, Mapping) else _kind(data)
        problems.append((path, Text("condition.one_key", got=got)))
        return None
    ((key, value),) = data.items()
    key = str(key)
    here = _join(path, key)
    if key in ("all", "any"):
        if not isinstance(value, list) or not value:
            problems.append((here, Text("condition.list_needed", key=key)))
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


# Python's type names of the values a YAML or JSON file gives, said in the output language.
_TYPE_WORDS = frozenset({"str", "int", "float", "bool", "date", "datetime", "dict"})


def _kind(value: Any) -> Text:
    """What a value is, said for a problem: ``nothing``, ``a list``, ``int 5``."""
    if value is None:
        return Text("condition.kind.nothing")
    if isinstance(value, list):
        return Text("condition.kind.list")
    name = type(value).__name__
    kind = Text(f"condition.type.{name}") if name in _TYPE_WORDS else name
    return Text("condition.kind.value", type=kind, value=value)


def _parse_compare(
    fact: str, value: Any, here: Path, problems: list[tuple[Path, Text]]
) -> Condition | None:
    spec = FACTS.get(fact)
    if spec is None:
        hint = suggestion(fact, list(FACTS))
        problems.append((here, Text("condition.unknown_fact", fact=fact, hint=hint, facts=_FACTS)))
        return None
    if isinstance(value, Mapping):
        if len(value) != 1:
            problems.append((here, Text("condition.operator_keys", operators=_OPS)))
            return None
        ((op_name, operand),) = value.items()
        try:
            op = Op(str(op_name))
        except ValueError:
            hint = suggestion(str(op_name), [o.value for o in Op])
            unknown = Text("condition.unknown_operator", op=op_name, hint=hint, operators=_OPS)
            problems.append((_join(here, str(op_name)), unknown))
            return None
        where = _join(here, op.value)
    else:
        op, operand, where = (Op.CONTAINS if spec.many else Op.EQ), value, here
    ordered = spec.value_type in (FactType.INT, FactType.DATE)
    allowed_ops = _LIST_OPS if spec.many else _SCALAR_OPS | (_ORDER_OPS if ordered else set())
    if spec.presence_only:
        allowed_ops = {Op.EXISTS}
    if op not in allowed_ops:
        code = "condition.operator_not_for_list" if spec.many else "condition.operator_not_for"
        problems.append(
            (
                where,
                Text(
                    code,
                    op=op.value,
                    type=Text(f"condition.fact_type.{spec.value_type.value}"),
                    fact=fact,
                    operators=", ".join(sorted(o.value for o in allowed_ops)),
                ),
            )
        )
        return None
    if op is Op.EXISTS:
        if not isinstance(operand, bool):
            problems.append((where, Text("condition.exists_bool")))
            return None
        return Compare(fact, op, operand)
    if op in _MULTI_VALUE_OPS:
        if not isinstance(operand, list | tuple) or not operand:
            problems.append((where, Text("condition.values_needed", op=op.value)))
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


def _check_value(spec: FactSpec, value: Any, where: Path, problems: list[tuple[Path, Text]]) -> Any:
    """The value as the fact record holds it, or MISSING after recording a problem."""
    t = spec.value_type
    if t is FactType.ENUM:
        allowed = spec.allowed
        if isinstance(value, str) and value in allowed:
            return value
        hint = suggestion(str(value), allowed)
        given = _kind(value)
        problems.append(
            (
                where,
                Text(
                    "condition.not_a_value",
                    given=given,
                    fact=spec.path,
                    hint=hint,
                    allowed=", ".join(allowed),
                ),
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
    kind = Text(f"condition.fact_type.a.{t.value}")
    problems.append(
        (where, Text("condition.wrong_type", fact=spec.path, type=kind, given=_kind(value)))
    )
    return _MISSING
