"""The generated explainers (:mod:`netralitas_rules.evidence`) show what the rule of the
module says, checked against a plain recursive reading of it written here: an ``all`` (or a
negated ``any``) shows every part, an ``any`` (or a negated ``all``) only the parts that
held, and a part held when every element of its own evidence held."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings

from _profiles import examples
from netralitas_rules import get_engine
from netralitas_rules.conditions import MISSING, All, AnyOf, Compare, Condition, Not, Op, leaves
from netralitas_rules.engine.codegen import leaf_test
from netralitas_rules.evidence import Leaf, Node, explain, explainer, shape
from netralitas_rules.findings import Evidence
from netralitas_rules.testing.strategies import conditions, fact_records


def _walk(node: Node, record: dict[str, Any], negated: bool) -> tuple[list[Evidence], bool]:
    if isinstance(node, Leaf):
        evidence = node.evidence(record.get(node.fact, MISSING), negated)
        return [evidence], evidence.held
    kind, inner = node
    if kind is None:
        return _walk(inner, record, not negated)
    shown: list[Evidence] = []
    every = True
    for item in inner:
        part, held = _walk(item, record, negated)
        if not held:
            if kind != negated:
                continue
            every = False
        shown.extend(part)
    return shown, every


@settings(max_examples=examples(1000))
@given(conditions(max_leaves=12), fact_records())
def test_generated_explainers_show_what_the_walk_shows(
    condition: Condition, record: dict[str, Any]
) -> None:
    tree = shape(condition, leaf_test)
    facts = tuple({c.fact: None for c in leaves(condition)})
    values = tuple(record.get(f, MISSING) for f in facts)
    want = tuple(_walk(tree, record, False)[0])
    assert explainer(tree, facts)(values) == want
    assert explainer(tree, facts, memo=False)(values) == want
    assert explain(condition, record) == want


def test_an_unhashable_value_is_explained_too() -> None:
    """A hand-made record may hold a list where a tuple belongs: the inline memos cannot hash
    it (TypeError), so a finding's parts explain it without them."""
    condition = AnyOf(
        (
            Compare("activity.audience", Op.CONTAINS, "public"),
            Not(All((Compare("activity.public", Op.EQ, True),))),
        )
    )
    record = {"activity.audience": ["public", "subordinates"], "activity.public": True}
    assert [(e.fact, e.held) for e in explain(condition, record)] == [("activity.audience", True)]
    rule = next(r for r in get_engine().rules.rules if "activity.audience" in r.parts.facts)
    listed = rule.parts.explanation(record)
    tupled = rule.parts.explanation({**record, "activity.audience": ("public", "subordinates")})
    assert [(e.element, e.held) for e in listed] == [(e.element, e.held) for e in tupled]
