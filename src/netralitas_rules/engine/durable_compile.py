"""Compile conditions into durable-rules expressions (no durable import needed).

The expression language of durable-rules 2.0.28 has no ``$in``, treats dotted keys as
ambiguous and loops on a bare ``$nex``; so ``in`` becomes an ``$or`` of equalities, facts
are flattened to dot-free keys (``activity__kind``), list facts to one boolean per member
(``activity__audience__public``), dates to day ordinals, ``not`` is pushed down to the
comparisons (De Morgan) with absence made explicit (``$nex``), and every rule is an ``$and``
led by a marker every fact carries. An ``$or`` of more than :data:`CHUNK` branches is split
under guards (see :func:`chunked`): durable keeps the branches of one node in a table of
512 slots and loops forever once it is full.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any, Final

from ..conditions import All, AnyOf, Compare, Condition, Not, Op
from ..facts import FACTS
from .compiler import CompiledRule

Expr = dict[str, Any] | bool
"""A durable expression, or a constant: True holds always, False never."""

MARKER: Final = "nr__record"
"""Key every asserted fact carries; every rule tests it first."""
DAY: Final = "nr__day"
"""Key holding the day ordinal the act is judged on."""
_MARKER_VALUE: Final = "fact"
_OPEN_END = dt.date.max.toordinal() + 1

_NEGATED_ORDER = {Op.GT: Op.LTE, Op.GTE: Op.LT, Op.LT: Op.GTE, Op.LTE: Op.GT}


def fact_key(fact: str) -> str:
    """The dot-free key of a fact path: ``activity.kind`` -> ``activity__kind``."""
    return fact.replace(".", "__")


def member_key(fact: str, member: str) -> str:
    """The boolean key of one member of a list fact: ``activity__audience__public``."""
    return f"{fact_key(fact)}__{member}"


def _encode(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.toordinal()
    return value


def flatten(record: Mapping[str, Any], day: int) -> dict[str, Any]:
    """The durable fact for a fact record judged on a day ordinal.

    Keys lose their dots; dates become ordinals; a list fact becomes one boolean per allowed
    member, all false when the fact is absent (``contains`` cannot tell the two apart);
    facts outside the catalogue, and None values, are left out.
    """
    fact: dict[str, Any] = {MARKER: _MARKER_VALUE, DAY: day}
    for path, spec in FACTS.items():
        value = record.get(path)
        if spec.many:
            members = set(value) if value is not None else set()
            for member in spec.allowed:
                fact[member_key(path, member)] = member in members
        elif value is not None:
            fact[fact_key(path)] = _encode(value)
    return fact


def _junction(op: str, parts: Iterable[Expr]) -> Expr:
    """``$and``/``$or`` of the parts with constants folded and nested same-op lists merged."""
    absorbing = op == "$or"  # True absorbs an $or, False absorbs an $and
    kept: list[dict[str, Any]] = []
    for part in parts:
        if part is absorbing:
            return absorbing
        if isinstance(part, dict):
            kept.extend(part.get(op, [part]))
    if not kept:
        return not absorbing
    return kept[0] if len(kept) == 1 else {op: kept}


def _all(parts: Iterable[Expr]) -> Expr:
    return _junction("$and", parts)


def _any(parts: Iterable[Expr]) -> Expr:
    return _junction("$or", parts)


def _list_compare(c: Compare, negated: bool) -> Expr:
    allowed = FACTS[c.fact].allowed
    members = (c.value,) if c.op is Op.CONTAINS else tuple(c.value)
    # A member outside the vocabulary is never in the list; every allowed member has a key.
    tests = [{member_key(c.fact, m): not negated} for m in members if m in allowed]
    return _all(tests) if negated else _any(tests)


def _compare(c: Compare, negated: bool) -> Expr:
    spec = FACTS.get(c.fact)
    if spec is None:
        raise ValueError(f"unknown fact {c.fact!r}; the durable backend compiles catalogue facts")
    if spec.many:
        return _list_compare(c, negated)
    key = fact_key(c.fact)
    if c.op is Op.EXISTS:
        return {"$ex" if c.value is not negated else "$nex": {key: 1}}
    values = [_encode(v) for v in c.value] if isinstance(c.value, tuple) else []
    value = _encode(c.value)
    eqs = [{key: v} for v in values]
    neqs = [{"$neq": {key: v}} for v in values]
    if not negated:
        # Every positive comparison is false on an absent key, as in conditions.compare.
        if c.op is Op.EQ:
            return {key: value}
        if c.op is Op.NE:
            return {"$neq": {key: value}}
        if c.op is Op.IN:
            return _any(eqs)
        if c.op is Op.NOT_IN:
            return _all([{"$ex": {key: 1}}, *neqs])
        return {f"${c.op.value}": {key: value}}
    # not(comparison): the fact is absent, or present and the comparison fails.
    if c.op is Op.EQ:
        present: Expr = {"$neq": {key: value}}
    elif c.op is Op.NE:
        present = {key: value}
    elif c.op is Op.IN:
        present = _all(neqs)
    elif c.op is Op.NOT_IN:
        present = _any(eqs)
    else:
        present = {f"${_NEGATED_ORDER[c.op].value}": {key: value}}
    return _any([{"$nex": {key: 1}}, present])


def to_durable(condition: Condition, negated: bool = False) -> Expr:
    """A condition as a durable expression over :func:`flatten` keys, with ``not`` pushed
    down to the comparisons; True/False when it holds always/never.

    >>> from netralitas_rules.conditions import parse_condition
    >>> to_durable(parse_condition({"activity.kind": {"in": ["goods_giving", "candidacy"]}}))
    {'$or': [{'activity__kind': 'goods_giving'}, {'activity__kind': 'candidacy'}]}
    >>> to_durable(parse_condition({"not": {"asn.status": "PNS"}}))
    {'$or': [{'$nex': {'asn__status': 1}}, {'$neq': {'asn__status': 'PNS'}}]}
    """
    if isinstance(condition, Compare):
        return _compare(condition, negated)
    if isinstance(condition, Not):
        return to_durable(condition.item, not negated)
    parts = [to_durable(c, negated) for c in condition.items]
    conjunction = isinstance(condition, All) is not negated
    assert isinstance(condition, All | AnyOf)
    return _all(parts) if conjunction else _any(parts)


CHUNK: Final = 255
"""Most branches an ``$or`` keeps under one node; longer ones are split under guards."""


def chunked(expr: Expr) -> Expr:
    """The expression with every ``$or`` of more than :data:`CHUNK` branches split into an
    ``$or`` of guarded chunks: ``{"$and": [guard, {"$or": chunk}]}``.

    durable-rules hangs each branch's first test on the node before the ``$or``, in a hash
    table of 512 slots whose probe loops forever once every slot is taken (an ``in`` list of
    512 values hangs ``assert_fact``; 511 works). A guard is a test that always holds
    (``nr__record`` is never the guard's text) and differs per chunk content, so each chunk's
    branches hang on their own node; equal chunks of two rules share a guard and its
    branches.
    """
    if isinstance(expr, bool):
        return expr
    ((op, value),) = expr.items()
    if op == "$and":
        return {op: [chunked(item) for item in value]}
    if op != "$or":
        return expr
    items = [chunked(item) for item in value]
    if len(items) <= CHUNK:
        return {op: items}
    groups = []
    for i in range(0, len(items), CHUNK):
        chunk = items[i : i + CHUNK]
        tag = hashlib.sha256(json.dumps(chunk, sort_keys=True).encode()).hexdigest()[:12]
        groups.append({"$and": [{"$neq": {MARKER: f"chunk-{tag}"}}, {"$or": chunk}]})
    return chunked({"$or": groups})


def rule_expression(rule: CompiledRule) -> Expr:
    """The whole test of one rule: the marker first (so no rule can match durable's state
    document), then the validity of its version on the ``nr__day`` key, then its condition.
    False when the rule can never match."""
    validity: list[Expr] = [{"$gte": {DAY: rule.valid_from}}]
    if rule.valid_until < _OPEN_END:
        validity.append({"$lt": {DAY: rule.valid_until}})
    body = _all([*validity, to_durable(rule.provision.when)])
    if body is False:
        return False
    # Kept as an explicit $and even when the body is a single test: the marker must come first.
    guard = {MARKER: _MARKER_VALUE}
    if body is True:
        return guard
    assert isinstance(body, dict)
    return chunked({"$and": [guard, *body.get("$and", [body])]})


def ruleset_definition(rules: Iterable[CompiledRule]) -> dict[str, dict[str, Any]]:
    """The durable ruleset (without actions) for compiled rules: one rule named
    ``r<number>`` per rule that can match."""
    definition: dict[str, dict[str, Any]] = {}
    for rule in rules:
        expr = rule_expression(rule)
        if expr is not False:
            definition[f"r{rule.number}"] = {"all": [{"m": expr}]}
    return definition


__all__ = [
    "CHUNK",
    "DAY",
    "MARKER",
    "Expr",
    "chunked",
    "fact_key",
    "flatten",
    "member_key",
    "rule_expression",
    "ruleset_definition",
    "to_durable",
]
