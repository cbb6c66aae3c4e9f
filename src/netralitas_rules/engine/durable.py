"""The durable_rules (Rete) backend: the same answers as the python backend, through
durable-rules 2.0.28.

Every rule's condition and validity is compiled once, at construction, into one durable
ruleset; :meth:`DurableEngine.match` asserts one flattened fact and collects the rules whose
actions ran. The adapter contains the traps measured in durable-rules 2.0.28
(``docs/engines.md`` lists them with the evidence):

* ``post`` fires only one rule, so facts are asserted (``assert_fact``) and retracted, each
  with an explicit unique ``id`` (content-derived ids collide); "no rule matched" is the
  ``MessageNotHandledException``;
* there is no ``$in`` and dotted keys are ambiguous, so ``in`` becomes an ``$or`` of
  equalities and the record is flattened to dot-free keys (``activity__kind``), list facts to
  one boolean per member (``activity__audience__public``), dates to day ordinals;
* ``not`` is pushed down to the comparisons (De Morgan), with absence made explicit
  (``$nex``), and every rule is an ``$and`` led by a marker every fact carries: a bare
  ``$nex`` matches durable's own state document and loops forever;
* actions only append the rule number to the list of the current call; the state returned
  by each call is checked for a swallowed ``exception``;
* one Host per engine whose background dispatch threads are never started (they can run a
  pending action of another thread's call), one session reused (1,024 sessions at most per
  ruleset), a ruleset name unique in the process (``netralitas@<hash>-<n>``: a name cannot
  be registered twice), definitions deep-copied (``set_rulesets`` mutates its input), and
  every call under one process-wide lock (a shared session loses matches across threads).
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import threading
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final

from ..conditions import All, AnyOf, Compare, Condition, Not, Op
from ..errors import BackendUnavailableError
from ..facts import FACTS
from .base import Engine
from .compiler import CompiledRule, CompiledRuleSet

try:
    from durable.engine import Host, MessageNotHandledException, durable_rules_engine
except ImportError as exc:  # pragma: no cover - exercised only without the rete extra
    _IMPORT_ERROR: ImportError | None = exc
else:
    _IMPORT_ERROR = None

Expr = dict[str, Any] | bool
"""A durable expression, or a constant: True holds always, False never."""

MARKER: Final = "nr__record"
"""Key every asserted fact carries; every rule tests it first."""
DAY: Final = "nr__day"
"""Key holding the day ordinal the act is judged on."""
_MARKER_VALUE: Final = "fact"
_SID: Final = "0"
_OPEN_END = dt.date.max.toordinal() + 1

# durable-rules keeps every ruleset in one process-global C table without locking, and a
# session's assert -> actions -> retract is several calls: one lock for all engines.
_LOCK = threading.Lock()
_NAMES = itertools.count()

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
    return {"$and": [guard, *body.get("$and", [body])]}


def ruleset_definition(rules: Iterable[CompiledRule]) -> dict[str, dict[str, Any]]:
    """The durable ruleset (without actions) for compiled rules: one rule named
    ``r<number>`` per rule that can match."""
    definition: dict[str, dict[str, Any]] = {}
    for rule in rules:
        expr = rule_expression(rule)
        if expr is not False:
            definition[f"r{rule.number}"] = {"all": [{"m": expr}]}
    return definition


def _quiet_host() -> Any:
    """A Host whose background dispatch threads never start: they pick up pending actions
    of other calls (and keep the Host alive forever); this backend has no timers."""

    class QuietHost(Host):  # type: ignore[misc]  # durable-rules ships no types
        def _run(self) -> None:
            """Start no dispatch threads."""

    return QuietHost()


class DurableEngine(Engine):
    """Matches through durable-rules; for experiments and differential checks.

    The python backend is the default and the reference; this one must give the same
    findings, and the tests hold it to that.
    """

    name = "durable"

    def __init__(self, rules: CompiledRuleSet) -> None:
        if _IMPORT_ERROR is not None:
            raise BackendUnavailableError(
                f"the durable backend needs durable-rules: pip install 'netralitas-rules[rete]' "
                f"(Python < 3.13 and a C compiler); import failed: {_IMPORT_ERROR}"
            )
        super().__init__(rules)
        self._by_number = {rule.number: rule for rule in rules.rules}
        self.definition = ruleset_definition(rules.rules)
        """The compiled ruleset, kept for inspection (durable is given a deep copy)."""
        self._closed = False
        self._hits: list[int] = []
        self._failures: list[BaseException] = []
        self._ids = itertools.count()
        with _LOCK:
            self.ruleset_name = f"netralitas@{rules.content_hash}-{next(_NAMES)}"
            self._host: Any = _quiet_host() if self.definition else None
            if self._host is not None:
                live = copy.deepcopy(self.definition)
                for rule_name, body in live.items():
                    body["run"] = self._action(int(rule_name[1:]))
                self._host.set_rulesets({self.ruleset_name: live})

    def _action(self, number: int) -> Callable[[Any], None]:
        def run(c: Any) -> None:
            try:
                self._hits.append(number)
            except BaseException as exc:  # pragma: no cover - appending cannot fail
                self._failures.append(exc)

        return run

    def close(self) -> None:
        """Free the ruleset in durable's process-wide table (durable has no public way;
        this uses its private directory). The engine cannot match afterwards."""
        with _LOCK:
            if self._host is not None:
                ruleset = self._host._ruleset_directory.pop(self.ruleset_name)
                self._host._ruleset_list.remove(ruleset)
                durable_rules_engine.delete_ruleset(ruleset._handle)
                self._host = None
            self._closed = True

    def match(self, record: Mapping[str, Any], day: int) -> list[CompiledRule]:
        """Assert the flattened record as one fact, collect the rules that fired, retract."""
        with _LOCK:
            if self._closed:
                raise BackendUnavailableError(f"durable engine {self.ruleset_name} is closed")
            if self._host is None:
                return []
            fact = flatten(record, day)
            fact["id"] = f"f{next(self._ids)}"
            fact["sid"] = _SID
            self._hits = []
            self._failures = []
            try:
                state = self._host.assert_fact(self.ruleset_name, fact)
            except MessageNotHandledException:
                return []
            try:
                # An action's error lands in the state after the call returned it, so the
                # live state is read too.
                self._check(state)
                self._check(self._host.get_state(self.ruleset_name, _SID))
            finally:
                self._host.retract_fact(self.ruleset_name, {"id": fact["id"], "sid": _SID})
            hits = sorted(set(self._hits))
        return [self._by_number[n] for n in hits]

    def _check(self, state: Any) -> None:
        swallowed = state.get("exception") if isinstance(state, dict) else None
        if self._failures or swallowed:
            # The error stays in the session state; drop it so later calls start clean.
            self._host.delete_state(self.ruleset_name, _SID)
            cause = self._failures[0] if self._failures else swallowed
            raise BackendUnavailableError(f"durable-rules failed inside an action: {cause}")
