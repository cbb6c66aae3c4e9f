"""The evidence of a finding: which elements of a met provision's condition held for the
act's fact values, and so which of them the finding shows.

A condition is shaped once per provision (:func:`shape`): each comparison becomes a
:class:`Leaf` that renders its element once and keeps its evidence per fact value. What a
finding shows is then worked out by a function generated from that shape
(:func:`explainer`), straight-line code with no call per node: the walk over the tree that it
replaced cost about 7 us for a provision of 20 comparisons, and a provision that reads a
date (``activity.date``) walked its tree for nearly every finding, since its explanations
rarely repeat. This is the one place the rule of what is shown is written:

* an ``all`` (or, by De Morgan, a negated ``any``) holds through every part: all its parts
  are shown;
* an ``any`` (or a negated ``all``) holds through the parts that held: only those are shown;
* a part held exactly when every element of its own evidence held.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .conditions import (
    MISSING,
    All,
    AnyOf,
    Compare,
    Condition,
    Not,
    leaves,
    render,
    render_value,
)
from .findings import Evidence, assemble

LeafTest = Callable[[Compare], Callable[[Any], bool]]
"""Gives the test of one comparison on a fact value: the engine's generated code
(:func:`netralitas_rules.engine.codegen.leaf_test`), so evidence and matching share one
meaning of each operator."""

# Per condition element: an element keyed by a date or a count rarely repeats, and a
# streaming batch must stay flat well under 200 MiB over every provision.
MEMO_LIMIT = 4_096


class Leaf:
    """One comparison of a condition, rendered once, with its evidence per fact value."""

    __slots__ = ("element", "fact", "memo", "test")

    def __init__(self, condition: Compare, leaf_test: LeafTest) -> None:
        self.fact = condition.fact
        self.element = render(condition)
        self.test = leaf_test(condition)
        self.memo: dict[tuple[Any, type, bool], Evidence] = {}

    def evidence(self, actual: Any, negated: bool) -> Evidence:
        """The element, the value it saw and whether it held (shared per value and type)."""
        try:
            key = (actual, type(actual), negated)
            hit = self.memo.get(key)
        except TypeError:  # an unhashable value in a hand-made record
            return self._build(actual, negated)
        if hit is None:
            if len(self.memo) >= MEMO_LIMIT:
                self.memo.clear()
            hit = self.memo[key] = self._build(actual, negated)
        return hit

    def _build(self, actual: Any, negated: bool) -> Evidence:
        # Every value is a str or bool built here from validated rule and case data.
        return assemble(
            Evidence,
            {
                "element": f"not {self.element}" if negated else self.element,
                "fact": self.fact,
                "value": render_value(actual),
                "held": self.test(actual) != negated,
            },
        )


Node = Any
"""A condition shaped for explaining: a :class:`Leaf`, ``(None, node)`` for a negation, or
``(is_any, nodes)`` for an all / any."""


def shape(condition: Condition, leaf_test: LeafTest) -> Node:
    """The condition shaped for explaining."""
    if isinstance(condition, Compare):
        return Leaf(condition, leaf_test)
    if isinstance(condition, Not):
        return (None, shape(condition.item, leaf_test))
    assert isinstance(condition, All | AnyOf)
    return (
        isinstance(condition, AnyOf),
        tuple(shape(item, leaf_test) for item in condition.items),
    )


Explainer = Callable[[tuple[Any, ...]], tuple[Evidence, ...]]
"""``explain(values)``: the evidence a finding shows, from the values of the condition's
facts in the order given to :func:`explainer` (MISSING when absent)."""


def explainer(tree: Node, facts: tuple[str, ...], memo: bool = True) -> Explainer:
    """The generated :data:`Explainer` of a shaped condition. Every element's evidence is
    appended as it is worked out, and a part an ``any`` does not hold through is cut off
    again (``del out[mark:]``). With ``memo`` each element's evidence is looked up in its
    leaf's memo inline, which raises TypeError for an unhashable value; without, through
    :meth:`Leaf.evidence`, which takes any value."""
    index = {fact: i for i, fact in enumerate(facts)}
    # Names come from counters, and the leaves and their memos enter the namespace as
    # objects: no text from a rule file is in the source.
    namespace: dict[str, Any] = {}
    lines = [
        "def explain(values, _type=type):",
        "    out = []",
        "    append = out.append",
    ]
    if facts:
        lines.append("    " + "".join(f"f{i}, " for i in range(len(facts))) + "= values")
    count = 0

    def emit(node: Node, negated: bool) -> str:
        """Append the code of one node; the name of the local that says it held."""
        nonlocal count
        k = count
        count += 1
        if node.__class__ is Leaf:
            v = f"f{index[node.fact]}"
            namespace[f"L{k}"] = node
            if memo:
                namespace[f"M{k}"] = node.memo
                lines.append(f"    e = M{k}.get(({v}, _type({v}), {negated}))")
                lines.append(f"    if e is None: e = L{k}.evidence({v}, {negated})")
            else:
                lines.append(f"    e = L{k}.evidence({v}, {negated})")
            lines.append("    append(e)")
            lines.append(f"    h{k} = e.held")
            return f"h{k}"
        kind, inner = node
        if kind is None:
            return emit(inner, not negated)
        if kind != negated:  # held through the parts that held: show only those
            for item in inner:
                lines.append(f"    m{k} = len(out)")
                lines.append(f"    if not {emit(item, negated)}: del out[m{k}:]")
            lines.append(f"    h{k} = True")
        else:  # held through every part: show them all
            held = [emit(item, negated) for item in inner]
            lines.append(f"    h{k} = {' and '.join(held) or 'True'}")
        return f"h{k}"

    emit(tree, False)
    lines.append("    return tuple(out)")
    exec(compile("\n".join(lines) + "\n", "<netralitas explainer>", "exec"), namespace)
    made: Explainer = namespace["explain"]
    return made


def explain(condition: Condition, record: Mapping[str, Any]) -> tuple[Evidence, ...]:
    """The condition elements of a met provision with the fact values that met them."""
    # Imported here: the engine package imports this module, and its code generator is
    # what says whether each element held.
    from .engine.codegen import leaf_test

    facts = tuple({c.fact: None for c in leaves(condition)})
    values = tuple([record.get(fact, MISSING) for fact in facts])
    return explainer(shape(condition, leaf_test), facts, memo=False)(values)
