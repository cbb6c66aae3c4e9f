"""The durable_rules (Rete) backend: the same answers as the python backend, through
durable-rules 2.0.28.

Every rule's condition and validity is compiled once, at construction
(:mod:`.durable_compile`), and packed into as few durable rulesets as keep the C core's
fixed tables from overflowing (:mod:`.durable_limits`); :meth:`DurableEngine.match` asserts
one flattened fact in each and collects the rules whose actions ran. The adapter contains
the traps measured in durable-rules 2.0.28 (``docs/engines.md`` lists them with the
evidence):

* ``post`` fires only one rule, so facts are asserted (``assert_fact``) and retracted, each
  with an explicit unique ``id`` (content-derived ids collide); "no rule matched" is the
  ``MessageNotHandledException``;
* a node with 512 branches hangs ``assert_fact``, and more rules than the C tables hold fail
  with raw error codes (107, 108, 303): long ``$or`` lists are split under guards, rule sets
  are sharded, and a rule that cannot fit even alone is refused up front naming the
  provision and the limit;
* actions only append the rule number to the list of the current call; the state returned
  by each call is checked for a swallowed ``exception``;
* one Host per engine whose background dispatch threads are never started (they can run a
  pending action of another thread's call), one session reused (1,024 sessions at most per
  ruleset), ruleset names unique in the process (``netralitas@<hash>-<n>``: a name cannot
  be registered twice), definitions deep-copied (``set_rulesets`` mutates its input), and
  every call under one process-wide lock (a shared session loses matches across threads);
* durable has no public way to free a ruleset: :meth:`DurableEngine.close`, or dropping
  the engine, deletes its rulesets from the C table (nothing else refers to the engine, so
  it is freed as soon as the last reference goes); the session's match state stays
  allocated (~1 MB over the shipped rules: durable's ``delete_state`` can abort the
  process), so :func:`..get_engine` shares engines instead of building one per call.
"""

from __future__ import annotations

import copy
import itertools
import threading
import weakref
from collections.abc import Callable, Mapping
from typing import Any, Final

from ..errors import BackendUnavailableError
from .base import Engine
from .compiler import CompiledRule, CompiledRuleSet
from .durable_compile import (
    CHUNK,
    DAY,
    MARKER,
    Expr,
    chunked,
    fact_key,
    flatten,
    member_key,
    rule_expression,
    ruleset_definition,
    to_durable,
)
from .durable_limits import DurableLimit, pack

try:
    from durable.engine import Host, MessageNotHandledException, durable_rules_engine
except ImportError as exc:  # pragma: no cover - exercised only without the rete extra
    _IMPORT_ERROR: ImportError | None = exc
else:
    _IMPORT_ERROR = None

_SID: Final = "0"

# durable-rules keeps every ruleset in one process-global C table without locking, and a
# session's assert -> actions -> retract is several calls: one lock for all engines.
_LOCK = threading.RLock()
_NAMES = itertools.count()
_LIVE: set[str] = set()
"""Names of the durable rulesets registered by engines of this process and not yet freed."""
_DROPPED: list[tuple[Any, tuple[str, ...]]] = []
"""Rulesets of engines that were collected, freed at the next safe point (see _flush)."""


def require() -> None:
    """Raise :class:`BackendUnavailableError` when durable-rules cannot be imported."""
    if _IMPORT_ERROR is not None:
        raise BackendUnavailableError(
            f"the durable backend needs durable-rules: pip install 'netralitas-rules[rete]' "
            f"(Python < 3.13 and a C compiler); import failed: {_IMPORT_ERROR}"
        )


def live_rulesets() -> int:
    """How many durable rulesets engines of this process hold in durable's C table."""
    with _LOCK:
        _flush()
        return len(_LIVE)


def _quiet_host() -> Any:
    """A Host whose background dispatch threads never start: they pick up pending actions
    of other calls (and keep the Host alive forever); this backend has no timers."""

    class QuietHost(Host):  # type: ignore[misc]  # durable-rules ships no types
        def _run(self) -> None:
            """Start no dispatch threads."""

    return QuietHost()


def _free(host: Any, names: tuple[str, ...]) -> None:
    """Delete the rulesets from durable's C table (durable has no public way; this uses its
    private directory). Called with _LOCK held."""
    for name in names:
        ruleset = host._ruleset_directory.pop(name, None)
        if ruleset is not None:
            host._ruleset_list.remove(ruleset)
            # This frees the network, not the session's match state (~1 MB per engine over
            # the shipped rules): durable's delete_state aborts the process on some states
            # ("free(): invalid size", seen in the differential test), so engines are built
            # once and shared (get_engine) rather than freed often.
            durable_rules_engine.delete_ruleset(ruleset._handle)
        _LIVE.discard(name)


def _dropped(host: Any, names: tuple[str, ...]) -> None:
    """An engine was collected: queue its rulesets. The collector can run inside another
    engine's assert_fact (during an action), so the C table is changed only at _flush."""
    _DROPPED.append((host, names))


def _flush() -> None:
    """Free the rulesets of collected engines; called with _LOCK held, outside durable."""
    while _DROPPED:
        _free(*_DROPPED.pop())


class _Calls:
    """What the actions of the current call report: kept apart from the engine so that
    durable's rulesets (which hold the actions) do not keep the engine alive."""

    def __init__(self) -> None:
        self.hits: list[int] = []
        self.failures: list[BaseException] = []


def refuse(rule: CompiledRule, limits: list[DurableLimit]) -> BackendUnavailableError:
    """The error for a rule that durable-rules cannot hold, naming the provision."""
    where = f"{rule.provision.id} ({rule.provision.citation}, {rule.regulation.key})"
    return BackendUnavailableError(
        f"the durable backend cannot run provision {where}: its condition "
        f"{'; '.join(str(limit) for limit in limits)}; use the python backend, or split the "
        f"condition (an `in` list is split every {CHUNK} values, each part taking two groups)"
    )


class DurableEngine(Engine):
    """Matches through durable-rules; for experiments and differential checks.

    The python backend is the default and the reference; this one must give the same
    findings, and the tests hold it to that. Raises :class:`BackendUnavailableError` for a
    rule durable-rules cannot hold.
    """

    name = "durable"

    def __init__(self, rules: CompiledRuleSet) -> None:
        require()
        super().__init__(rules)
        self._by_number = {rule.number: rule for rule in rules.rules}
        self.definition = ruleset_definition(rules.rules)
        """The compiled rules, kept for inspection (durable is given deep copies)."""
        self.shards = self._shards(rules)
        """Rule names per durable ruleset, in ruleset order."""
        self._closed = False
        self._calls = _Calls()
        self._ids = itertools.count()
        with _LOCK:
            _flush()
            self.ruleset_name = f"netralitas@{rules.content_hash}-{next(_NAMES)}"
            self.ruleset_names: tuple[str, ...] = tuple(
                self.ruleset_name if i == 0 else f"{self.ruleset_name}.{i}"
                for i in range(len(self.shards))
            )
            """The durable rulesets of this engine; the first is named ``ruleset_name``."""
            self._host: Any = _quiet_host() if self.definition else None
            if self._host is not None:
                self._finalizer = weakref.finalize(self, _dropped, self._host, self.ruleset_names)
                for name, shard in zip(self.ruleset_names, self.shards, strict=True):
                    live = {rule: copy.deepcopy(self.definition[rule]) for rule in shard}
                    for rule_name, body in live.items():
                        body["run"] = self._action(int(rule_name[1:]))
                    self._host.set_rulesets({name: live})
                    _LIVE.add(name)

    def _shards(self, rules: CompiledRuleSet) -> list[list[str]]:
        names = list(self.definition)
        exprs: list[Expr] = [self.definition[n]["all"][0]["m"] for n in names]
        by_name = {f"r{rule.number}": rule for rule in rules.rules}

        def fail(index: int, limits: list[DurableLimit]) -> None:
            raise refuse(by_name[names[index]], limits)

        starts = pack(exprs, fail)
        return [names[a:b] for a, b in itertools.pairwise([*starts, len(names)])]

    def _action(self, number: int) -> Callable[[Any], None]:
        calls = self._calls

        def run(c: Any) -> None:
            try:
                calls.hits.append(number)
            except BaseException as exc:  # pragma: no cover - appending cannot fail
                calls.failures.append(exc)

        return run

    def close(self) -> None:
        """Free the rulesets in durable's process-wide table. The engine cannot match
        afterwards."""
        with _LOCK:
            if self._host is not None:
                self._finalizer.detach()
                _free(self._host, self.ruleset_names)
                self._host = None
            self._closed = True

    def match(self, record: Mapping[str, Any], day: int) -> list[CompiledRule]:
        """Assert the flattened record as one fact in each ruleset, collect the rules that
        fired, retract."""
        with _LOCK:
            if self._closed:
                raise BackendUnavailableError(f"durable engine {self.ruleset_name} is closed")
            if self._host is None:
                return []
            _flush()
            fact = flatten(record, day)
            fact["id"] = f"f{next(self._ids)}"
            fact["sid"] = _SID
            hits: set[int] = set()
            for name in self.ruleset_names:
                hits.update(self._match_one(name, fact))
        return [self._by_number[n] for n in sorted(hits)]

    def _match_one(self, name: str, fact: dict[str, Any]) -> list[int]:
        self._calls.hits.clear()
        self._calls.failures.clear()
        try:
            state = self._host.assert_fact(name, fact)
        except MessageNotHandledException:
            return []
        try:
            # An action's error lands in the state after the call returned it, so the live
            # state is read too.
            self._check(name, state)
            self._check(name, self._host.get_state(name, _SID))
        finally:
            self._host.retract_fact(name, {"id": fact["id"], "sid": _SID})
        return list(self._calls.hits)

    def _check(self, name: str, state: Any) -> None:
        swallowed = state.get("exception") if isinstance(state, dict) else None
        if self._calls.failures or swallowed:
            # The error stays in the session state; drop it so later calls start clean.
            self._host.delete_state(name, _SID)
            cause = self._calls.failures[0] if self._calls.failures else swallowed
            raise BackendUnavailableError(f"durable-rules failed inside an action: {cause}")


__all__ = [
    "CHUNK",
    "DAY",
    "MARKER",
    "DurableEngine",
    "chunked",
    "fact_key",
    "flatten",
    "live_rulesets",
    "member_key",
    "refuse",
    "require",
    "rule_expression",
    "ruleset_definition",
    "to_durable",
]
