"""Generated matchers: one Python function per activity kind, written from the validated
condition trees of the compiled rules. This is the one place the meaning of each condition
operator becomes code: :func:`build_object_matchers` for matching, :func:`leaf_test` for
the evidence of a finding, :func:`record_matcher` for a flat fact record (the durable
backend's input, read here through the same generated functions).

The rule language has no string expressions; this module writes source only from our own
condition nodes. Fact paths and constants enter the source only as the ``repr`` of a
validated str, int or bool (a literal of exactly that value) or, for any other value, as a
numbered name bound in the function's namespace (``_c7``), so a value from a rule file
cannot change what the code does. Each function tests the rules in the order
``candidates_for`` gives them, in one ``if`` per run of rules with the same validity; inside
it, every fact those rules test is read once into a local. A function for one kind of act
has every test of the act's kind, at any depth, replaced by its outcome
(:func:`fold_kind`): it answers only for acts of that kind, and leaves out the rules that no
such act can meet.

The test oracle :mod:`netralitas_rules.testing.oracle` reads the same semantics slowly; the
differential tests hold the generated code and the durable backend to its answers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from itertools import groupby
from typing import Any

from ..conditions import MISSING, All, AnyOf, Compare, Condition, Not, Op, leaves
from ..facts import FACTS
from .compiler import CompiledRule, CompiledRuleSet

Matcher = Callable[[Mapping[str, Any], int], list[CompiledRule]]
"""``matcher(record, day)``: the rules that hold on the record and are in force on the day."""

_LITERAL = (str, int, bool)
_ORDER = {Op.GT: ">", Op.GTE: ">=", Op.LT: "<", Op.LTE: "<="}


class _Writer:
    """Names for facts and constants, and the expression of a condition."""

    def __init__(self) -> None:
        self.namespace: dict[str, Any] = {"_M": MISSING}
        self.facts: dict[str, str] = {}
        self._constants: dict[tuple[type, Any], str] = {}

    def fact(self, path: str) -> str:
        local = self.facts.get(path)
        if local is None:
            local = self.facts[path] = f"v{len(self.facts)}"
        return local

    def constant(self, value: Any) -> str:
        if type(value) in _LITERAL:
            # The repr of a str, int or bool is a literal of that exact value.
            return repr(value)
        if type(value) is frozenset and all(type(v) in _LITERAL for v in value):
            # ``x in {...}`` with a literal set compiles to a frozenset constant; sorted so
            # the source is the same on every run.
            return "{" + ", ".join(sorted(map(repr, value))) + "}"
        key = (type(value), value)
        name = self._constants.get(key)
        if name is None:
            name = self._constants[key] = f"_c{len(self._constants)}"
            self.namespace[name] = value
        return name

    def expression(self, condition: Condition) -> str:
        """Python source testing the condition on the local fact variables."""
        if isinstance(condition, Compare):
            return self._compare(condition)
        if isinstance(condition, Not):
            return f"(not {self.expression(condition.item)})"
        if not condition.items:
            return "True" if isinstance(condition, All) else "False"
        joint = " and " if isinstance(condition, All) else " or "
        return "(" + joint.join(self.expression(i) for i in condition.items) + ")"

    def _compare(self, c: Compare) -> str:
        v = self.fact(c.fact)
        op = c.op
        if op is Op.EXISTS:
            return f"({v} is not _M)" if c.value is True else f"({v} is _M)"
        if op is Op.EQ:
            # MISSING equals nothing but itself, so an absent fact fails as it must.
            return f"({v} == {self.constant(c.value)})"
        if op is Op.IN:
            return f"({v} is not _M and {v} in {self.constant(frozenset(c.value))})"
        if op is Op.CONTAINS_ANY:
            tests = " or ".join(f"{self.constant(x)} in {v}" for x in c.value)
            return f"({v} is not _M and ({tests}))"
        value = self.constant(c.value)
        if op is Op.NE:
            return f"({v} is not _M and {v} != {value})"
        if op is Op.NOT_IN:
            return f"({v} is not _M and {v} not in {value})"
        if op is Op.CONTAINS:
            return f"({v} is not _M and {value} in {v})"
        return f"({v} is not _M and {v} {_ORDER[op]} {value})"


def _kind_test(item: Compare, kind: str) -> bool | None:
    """What a test of ``activity.kind`` gives on every act of ``kind``; None for any other
    test (or an operator that does not settle it)."""
    if item.fact != "activity.kind":
        return None
    op = item.op
    if op is Op.EQ:
        return bool(item.value == kind)
    if op is Op.IN:
        return kind in item.value
    if op is Op.NE:
        return bool(item.value != kind)
    if op is Op.NOT_IN:
        return kind not in item.value
    if op is Op.EXISTS:
        return item.value is True
    return None


def fold_kind(condition: Condition, kind: str) -> Condition | bool:
    """``condition`` as it reads on acts of ``kind``: every test of the act's kind replaced
    by its outcome and the tree simplified, or True / False when that settles it.

    A matcher sees one kind of act, so a rule written for several kinds tests, for each,
    only what can differ between its acts (``kind in [a, b] and (kind != a or x)`` on kind
    ``a`` is ``x``), and reads no fact the folded tests do not need.
    """
    if isinstance(condition, Compare):
        known = _kind_test(condition, kind)
        return condition if known is None else known
    if isinstance(condition, Not):
        item = fold_kind(condition.item, kind)
        return (not item) if isinstance(item, bool) else Not(item)
    every = isinstance(condition, All)
    items: list[Condition] = []
    for part in condition.items:
        folded = fold_kind(part, kind)
        if isinstance(folded, bool):
            if folded is not every:  # a false item of all, a true item of any decides
                return folded
            continue
        items.append(folded)
    if not items:
        return every
    if len(items) == 1:
        return items[0]
    return All(tuple(items)) if every else AnyOf(tuple(items))


# Python refuses more than 20 statically nested blocks; deeper conjunct chains are joined.
_MAX_NESTING = 12

_Entry = tuple[list[tuple[str, frozenset[str]]], str]
"""A rule still to place: its remaining conjuncts (source, facts read) and its name."""


def _conjuncts(
    w: _Writer, condition: Condition, kind: str | None
) -> list[tuple[str, frozenset[str]]] | None:
    """The top-level tests of ``condition`` on acts of ``kind`` (None: any kind), each with
    the facts it reads; None when no act of that kind can meet it."""
    if kind is not None:
        folded = fold_kind(condition, kind)
        if isinstance(folded, bool):
            return [] if folded else None
        condition = folded
    items = condition.items if isinstance(condition, All) else (condition,)
    return [(w.expression(i), frozenset(c.fact for c in leaves(i))) for i in items]


def _emit(w: _Writer, entries: list[_Entry], depth: int, read: set[str], lines: list[str]) -> None:
    """Append the tests of ``entries`` in order: consecutive rules that share their next
    conjunct share one ``if``; a fact is read just before the first test that needs it."""
    pad = "    " * depth

    def need(facts: frozenset[str]) -> None:
        _read(w, facts, read, pad, lines)

    i = 0
    while i < len(entries):
        conjuncts, name = entries[i]
        if not conjuncts:
            lines.append(f"{pad}out.append({name})")
            i += 1
            continue
        if depth >= _MAX_NESTING:
            need(frozenset().union(*(f for _, f in conjuncts)))
            lines.append(f"{pad}if {' and '.join(src for src, _ in conjuncts)}:")
            lines.append(f"{pad}    out.append({name})")
            i += 1
            continue
        first = conjuncts[0]
        j = i + 1
        while j < len(entries) and entries[j][0] and entries[j][0][0][0] == first[0]:
            j += 1
        need(first[1])
        lines.append(f"{pad}if {first[0]}:")
        # Facts read inside the branch are not known to be read after it.
        _emit(w, [(c[1:], n) for c, n in entries[i:j]], depth + 1, set(read), lines)
        i = j


def _read(w: _Writer, facts: frozenset[str], read: set[str], pad: str, lines: list[str]) -> None:
    """Append the reads of the facts not yet in ``read`` into their locals; the derived
    facts are arguments of the generated function (see :data:`ObjectMatcher`)."""
    for path in sorted(facts - read):
        derived = _DERIVED_ARGS.get(path)
        lines.extend(
            [f"{pad}{w.fact(path)} = {derived}"]
            if derived
            else _from_objects(w.fact(path), path, pad)
        )
        read.add(path)


def matcher_source(rules: Sequence[CompiledRule], kind: str | None) -> tuple[str, dict[str, Any]]:
    """The source of one :data:`ObjectMatcher` over ``rules`` (in that order) and its
    namespace; ``kind`` is the activity kind of every act it sees, or None when it may be
    any."""
    w = _Writer()
    body: list[str] = []
    for (start, end), group in groupby(
        enumerate(rules), key=lambda item: (item[1].valid_from, item[1].valid_until)
    ):
        entries: list[_Entry] = []
        for index, rule in group:
            conjuncts = _conjuncts(w, rule.provision.when, kind)
            if conjuncts is None:
                continue  # no act of this kind meets it
            name = f"_r{index}"
            w.namespace[name] = rule
            entries.append((conjuncts, name))
        if not entries:
            continue
        body.append(f"    if {start} <= day < {end}:")
        _emit(w, entries, 2, set(), body)
    # _M as a default argument is a fast local, not a global lookup.
    head = [f"def match({', '.join(_OBJECT_ARGS)}, day, _M=_M):", "    out = []"]
    return "\n".join([*head, *body, "    return out", ""]), w.namespace


ObjectMatcher = Callable[..., list[CompiledRule]]
"""``matcher(asn, activity, candidate, election_kind, phase, standing, independent,
kinship, day)``: what a :data:`Matcher` answers for the record those values make (see
:func:`netralitas_rules.facts.record_maker`), read from the case objects without building
the record; the derived facts are given, from :class:`~netralitas_rules.facts.CaseFacts`
(measured: working them out lazily inside the generated code cost more than it saved, as
the whole corpus reads them for nearly every act). ``candidate`` is None for an act without
one, and then the three candidate facts after ``phase`` are
:data:`~netralitas_rules.conditions.MISSING`."""

_OBJECT_ARGS = ("s", "a", "c", "ek", "phase", "standing", "indep", "kin")
_DERIVED_ARGS = {
    "election.kind": "ek",
    "activity.campaign_phase": "phase",
    "candidate.standing": "standing",
    "candidate.is_independent": "indep",
    "candidate.kinship_with_asn": "kin",
}
_OWNERS = {"asn": "s", "activity": "a", "candidate": "c"}


def _from_objects(local: str, path: str, pad: str) -> list[str]:
    """Read one fact from the objects. An absent value (None, or no candidate) reads as
    MISSING, as an absent record key does; enum members compare and hash as their values."""
    owner, _, name = path.partition(".")
    if owner not in _OWNERS or not name.isidentifier() or path not in FACTS:
        raise ValueError(f"fact {path!r} cannot be read from the case objects")
    obj = _OWNERS[owner]
    read = f"{obj}.{name}"
    if owner == "candidate":
        read = f"({read} if c is not None else None)"
    return [f"{pad}{local} = {read}", f"{pad}if {local} is None: {local} = _M"]


def build_matcher(rules: Sequence[CompiledRule], kind: str | None) -> ObjectMatcher:
    """The generated :data:`ObjectMatcher` over ``rules`` for acts of ``kind`` (None: any)."""
    if not rules:
        return _no_rules
    source, namespace = matcher_source(rules, kind)
    code = compile(source, f"<netralitas matcher {kind or '*'}>", "exec")
    exec(code, namespace)  # our own source from validated trees, see the module docstring
    match: ObjectMatcher = namespace["match"]
    return match


def _no_rules(*args: Any) -> list[CompiledRule]:
    return []


ObjectMatchers = tuple[dict[str, ObjectMatcher], ObjectMatcher, int, int]
"""The generated object matchers by activity kind, the one for kinds without rules of
their own, and the day ordinals ``[low, high)`` outside which no rule is in force."""


def build_object_matchers(rules: CompiledRuleSet) -> ObjectMatchers:
    """The :data:`ObjectMatcher` of every activity kind (a caller picks one per act)."""
    by_kind: dict[str, ObjectMatcher] = {
        kind: build_matcher(rules.candidates_for(kind), kind) for kind in rules.by_kind
    }
    any_kind = build_matcher(rules.any_kind, None)
    if not rules.rules:
        return by_kind, any_kind, 0, 0
    low = min(r.valid_from for r in rules.rules)
    high = max(r.valid_until for r in rules.rules)
    return by_kind, any_kind, low, high


class _Owner:
    """A fact record read as a case object: an attribute is the record's fact under the
    owner's prefix, None when absent (as an unknown field of a model is)."""

    __slots__ = ("_get", "_prefix")

    def __init__(self, record: Mapping[str, Any], prefix: str) -> None:
        self._get = record.get
        self._prefix = prefix

    def __getattr__(self, name: str) -> Any:
        return self._get(self._prefix + name)


def record_matcher(rules: CompiledRuleSet) -> Matcher:
    """A :data:`Matcher` over flat fact records (what ``Engine.match`` takes): the record
    goes through the generated object matchers, each owner's facts read from it."""
    by_kind, any_kind, low, high = rules.object_matchers
    for_kind = by_kind.get

    def match(record: Mapping[str, Any], day: int) -> list[CompiledRule]:
        if not low <= day < high:
            return []
        get = record.get
        return for_kind(get("activity.kind", ""), any_kind)(
            _Owner(record, "asn."),
            _Owner(record, "activity."),
            _Owner(record, "candidate."),
            get("election.kind", MISSING),
            get("activity.campaign_phase", MISSING),
            get("candidate.standing", MISSING),
            get("candidate.is_independent", MISSING),
            get("candidate.kinship_with_asn", MISSING),
            day,
        )

    return match


ValuesReader = Callable[..., tuple[Any, ...]]
"""``reader(asn, activity, candidate, election_kind, derived)``: the values of some facts
for one act toward one candidate (or None), read as the :data:`ObjectMatcher` reads them
(MISSING when absent; an enum fact as its member, equal to the value a record holds).
``derived`` is the act's :data:`~netralitas_rules.engine.base.Derived` facts as matching
worked them out, so a finding's evidence never works them out again."""


@lru_cache(maxsize=4096)
def values_reader(paths: tuple[str, ...]) -> ValuesReader:
    """The generated :data:`ValuesReader` of those facts, in that order: what a finding's
    evidence reads, without a fact record. Keyed by the paths."""
    w = _Writer()
    lines = ["def read(s, a, c, ek, d, _M=_M):"]
    if any(path in _DERIVED_ARGS and path != "election.kind" for path in paths):
        lines.append(f"    {', '.join(_OBJECT_ARGS[4:])} = d")
    _read(w, frozenset(paths), set(), "    ", lines)
    lines.append("    return (" + "".join(f"{w.fact(p)}, " for p in paths) + ")")
    namespace = w.namespace
    exec(compile("\n".join(lines) + "\n", "<netralitas reader>", "exec"), namespace)  # ours
    reader: ValuesReader = namespace["read"]
    return reader


@lru_cache(maxsize=4096)
def leaf_test(condition: Compare) -> Callable[[Any], bool]:
    """The generated test of one comparison on the fact's value (MISSING when absent): what
    a finding's evidence says held. Keyed by the comparison's content."""
    w = _Writer()
    local = w.fact(condition.fact)
    source = f"def test({local}, _M=_M):\n    return {w.expression(condition)}\n"
    namespace = w.namespace
    exec(compile(source, "<netralitas leaf test>", "exec"), namespace)  # see the docstring
    test: Callable[[Any], bool] = namespace["test"]
    return test
