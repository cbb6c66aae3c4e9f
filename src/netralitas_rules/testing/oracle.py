"""The reference interpreter: the condition semantics read slowly and obviously, to test
the generated matchers (:mod:`netralitas_rules.engine.codegen`) and the durable backend
against. Nothing outside the tests evaluates conditions with it.

>>> from netralitas_rules.conditions import parse_condition
>>> c = parse_condition({"all": [{"activity.kind": {"in": ["favouring_decision"]}},
...                              {"asn.is_pejabat_asn": True}]})
>>> holds(c, {"activity.kind": "favouring_decision", "asn.is_pejabat_asn": True})
True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ..conditions import MISSING, All, AnyOf, Compare, Condition, Op
from ..engine.compiler import CompiledRule, CompiledRuleSet
from ..facts import record_maker
from ..models import Activity, Candidate, Case, Election
from ..models.unknown import day_of


def compare(op: Op, actual: Any, expected: Any) -> bool:
    """The meaning of one comparison. ``actual`` is ``MISSING`` for an absent fact."""
    if op is Op.EXISTS:
        return (actual is not MISSING) is expected
    if actual is MISSING:
        return False
    if op is Op.EQ:
        return bool(actual == expected)
    if op is Op.NE:
        return bool(actual != expected)
    if op is Op.IN:
        return actual in expected
    if op is Op.NOT_IN:
        return actual not in expected
    if op is Op.GT:
        return bool(actual > expected)
    if op is Op.GTE:
        return bool(actual >= expected)
    if op is Op.LT:
        return bool(actual < expected)
    if op is Op.LTE:
        return bool(actual <= expected)
    if op is Op.CONTAINS:
        return expected in actual
    if op is Op.CONTAINS_ANY:
        return any(v in actual for v in expected)
    raise AssertionError(op)  # pragma: no cover - Op is closed


def holds(condition: Condition, record: Mapping[str, Any]) -> bool:
    """Evaluate a condition on a fact record; the reference semantics."""
    if isinstance(condition, Compare):
        return compare(condition.op, record.get(condition.fact, MISSING), condition.value)
    if isinstance(condition, All):
        return all(holds(c, record) for c in condition.items)
    if isinstance(condition, AnyOf):
        return any(holds(c, record) for c in condition.items)
    return not holds(condition.item, record)


def match(rules: CompiledRuleSet, record: Mapping[str, Any], day: int) -> list[CompiledRule]:
    """The rules for the record's activity kind in force on the day ordinal whose condition
    holds, in the order the engines answer (``Engine.match``)."""
    return [
        rule
        for rule in rules.candidates_for(record.get("activity.kind", ""))
        if rule.valid_from <= day < rule.valid_until and holds(rule.provision.when, record)
    ]


def hits(
    rules: CompiledRuleSet, case: Case, election: Election | None = None, at: dt.date | None = None
) -> list[tuple[Activity, Candidate | None, CompiledRule]]:
    """``Engine.hits`` read slowly: one fact record per act and candidate, every rule
    tested with :func:`holds`, sorted as a report's findings are."""
    make = record_maker(case, election)
    by_id = {c.id: c for c in case.candidates}
    found: list[tuple[tuple[Any, ...], tuple[Activity, Candidate | None, CompiledRule]]] = []
    for activity in case.activities:
        day = (at or day_of(activity.date)).toordinal()
        ids = activity.candidate_ids
        for candidate in [by_id[i] for i in ids] if ids else [None]:
            matched = match(rules, make(activity, candidate), day)
            # An exception met withdraws what it excepts and makes no finding itself.
            excepted = {pid for rule in matched for pid in rule.excepts}
            for rule in matched:
                if rule.excepts or rule.provision.id in excepted:
                    continue
                key = (activity.date, activity.id, candidate.id if candidate else "", *rule.order)
                found.append((key, (activity, candidate, rule)))
    found.sort(key=lambda item: item[0])
    return [hit for _, hit in found]
