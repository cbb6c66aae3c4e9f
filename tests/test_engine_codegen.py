"""Differential tests: the generated matchers answer exactly as the reference interpreter
(the test oracle, :mod:`netralitas_rules.testing.oracle`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from _profiles import examples
from _synthetic_rules import DAYS, OPEN, rule_set, windows
from netralitas_rules import Case
from netralitas_rules.conditions import MISSING, All, AnyOf, Compare, Condition, Not, Op, leaves
from netralitas_rules.engine import PythonEngine, get_engine
from netralitas_rules.engine.codegen import fold_kind, leaf_test, matcher_source
from netralitas_rules.testing import oracle
from netralitas_rules.testing.strategies import (
    cases,
    conditions,
    fact_records,
    inline_elections,
)
from netralitas_rules.vocabulary import ActivityKind

SHIPPED = get_engine("python").rules
GENERATED = PythonEngine(SHIPPED)
_KINDS = [k.value for k in ActivityKind]


_KIND_LISTS = st.lists(st.sampled_from(_KINDS), min_size=1, max_size=3, unique=True)
_KIND_TESTS = st.one_of(
    st.builds(
        Compare, st.just("activity.kind"), st.sampled_from([Op.EQ, Op.NE]), st.sampled_from(_KINDS)
    ),
    st.builds(
        lambda op, kinds: Compare("activity.kind", op, tuple(kinds)),
        st.sampled_from([Op.IN, Op.NOT_IN]),
        _KIND_LISTS,
    ),
    st.builds(Compare, st.just("activity.kind"), st.just(Op.EXISTS), st.booleans()),
)
# Trees with tests of the act's kind at any depth, beside tests of other facts: what a
# matcher for one kind folds away (see fold_kind).
_KIND_HEAVY: st.SearchStrategy[Condition] = st.recursive(
    st.one_of(_KIND_TESTS, conditions(max_leaves=1)),
    lambda inner: st.one_of(
        st.lists(inner, min_size=1, max_size=3).map(lambda xs: All(tuple(xs))),
        st.lists(inner, min_size=1, max_size=3).map(lambda xs: AnyOf(tuple(xs))),
        inner.map(Not),
    ),
    max_leaves=8,
)


@st.composite
def _indexed_conditions(draw: st.DrawFn) -> Condition:
    """A condition, often behind a top-level kind test the index uses."""
    inner = draw(st.one_of(conditions(), _KIND_HEAVY))
    shape = draw(st.sampled_from(["bare", "eq", "in", "eq-last", "two"]))
    if shape == "bare":
        return inner
    if shape in ("in", "two"):
        kinds = draw(st.lists(st.sampled_from(_KINDS), min_size=1, max_size=3, unique=True))
        test = Compare("activity.kind", Op.IN, tuple(kinds))
        if shape == "in":
            return All((test, inner))
        # Indexed by the first kind test; the second still decides within the index.
        second = Compare("activity.kind", Op.EQ, draw(st.sampled_from(kinds)))
        return All((test, inner, second))
    test = Compare("activity.kind", Op.EQ, draw(st.sampled_from(_KINDS)))
    return All((inner, test) if shape == "eq-last" else (test, inner))


@st.composite
def _records_with_kind(draw: st.DrawFn) -> dict[str, Any]:
    record = draw(fact_records())
    if draw(st.booleans()):
        record["activity.kind"] = draw(st.sampled_from(_KINDS))
    return record


@settings(max_examples=examples(400))
@given(
    st.lists(st.tuples(_indexed_conditions(), windows()), min_size=1, max_size=8),
    st.lists(st.tuples(_records_with_kind(), DAYS), min_size=1, max_size=12),
)
def test_generated_matchers_agree_with_the_oracle(
    rules: list[tuple[Condition, tuple[int, int]]], records: list[tuple[dict[str, Any], int]]
) -> None:
    """Random indexed condition trees match through generated code exactly as the oracle
    interprets them, rule by rule and leaf by leaf."""
    compiled = rule_set([c for c, _ in rules], [w for _, w in rules], indexed=True)
    generated = PythonEngine(compiled)
    for record, day in records:
        want = [r.number for r in oracle.match(compiled, record, day)]
        assert [r.number for r in generated.match(record, day)] == want
        for condition, _ in rules:
            for leaf in leaves(condition):
                actual = record.get(leaf.fact, MISSING)
                assert leaf_test(leaf)(actual) == oracle.compare(leaf.op, actual, leaf.value)


@settings(max_examples=examples(400))
@given(_KIND_HEAVY, fact_records(), st.sampled_from(_KINDS))
def test_a_condition_folded_for_a_kind_decides_every_act_of_that_kind_as_before(
    condition: Condition, record: dict[str, Any], kind: str
) -> None:
    """On an act of ``kind``, the folded condition (or the truth value it folds to) holds
    exactly when the condition does, and it tests the act's kind no more."""
    record = {**record, "activity.kind": kind}
    folded = fold_kind(condition, kind)
    want = oracle.holds(condition, record)
    if isinstance(folded, bool):
        assert folded is want
    else:
        assert oracle.holds(folded, record) is want
        assert all(leaf.fact != "activity.kind" for leaf in leaves(folded))


def test_a_matcher_for_one_kind_reads_no_fact_only_other_kinds_need() -> None:
    """The shipped matcher for posts reads neither the act's kind nor the facts the shared
    expression rule tests only for photos and declarations (gesture, attributes, official
    duty): folded away for that kind."""
    rules = SHIPPED.candidates_for("social_media_post")
    source, _ = matcher_source(rules, "social_media_post")
    for name in ("a.kind", "a.partisan_gesture", "a.in_official_duty"):
        assert name not in source
    photo, _ = matcher_source(SHIPPED.candidates_for("partisan_photo"), "partisan_photo")
    assert "a.partisan_gesture" in photo


@settings(max_examples=examples(300))
@given(cases(max_activities=6))
def test_generated_hits_equal_the_oracle(case: Case) -> None:
    """On generated cases over the shipped corpus the generated matchers find exactly the
    hits the oracle finds, in the same order, and the report's findings are those hits."""
    want = _ids(oracle.hits(SHIPPED, case))
    assert _ids(GENERATED.hits(case)) == want
    report = GENERATED.evaluate(case)
    assert [(f.activity_id, f.candidate_id, f.provision_id) for f in report.findings] == [
        (a, c, SHIPPED.rules[n].id) for a, c, n in want
    ]


@settings(max_examples=examples(100))
@given(cases(election=inline_elections(), max_activities=4), st.none() | DAYS)
def test_generated_hits_equal_the_oracle_on_any_day(case: Case, at: int | None) -> None:
    """Judged on the act's date or on a fixed day, the generated matchers and the oracle
    find the same hits."""
    day = dt.date.fromordinal(at) if at is not None else None
    assert _ids(GENERATED.hits(case, at=day)) == _ids(oracle.hits(SHIPPED, case, at=day))


def _ids(hits: list[tuple[Any, Any, Any]]) -> list[tuple[str, str | None, int]]:
    return [(a.id, c.id if c is not None else None, r.number) for a, c, r in hits]


def test_constants_are_literals_or_bound_names() -> None:
    """A text constant that looks like code is a repr literal and matches only itself."""
    hostile = "'); import os; ('"
    cond = All(
        (
            Compare("activity.kind", Op.EQ, "banner_display"),
            Compare("activity.platform", Op.EQ, hostile),
        )
    )
    compiled = rule_set([cond], [(0, OPEN)], indexed=True)
    source, _ = matcher_source(compiled.rules, "banner_display")
    assert repr(hostile) in source
    assert "import os" not in source.replace(repr(hostile), "")
    match = PythonEngine(compiled).match
    record = {"activity.kind": "banner_display", "activity.platform": hostile}
    assert [r.number for r in match(record, 1)] == [0]
    assert match({**record, "activity.platform": "x"}, 1) == []


def test_dates_are_bound_names() -> None:
    """A date constant is bound in the namespace and compared by value."""
    start = dt.date(2024, 2, 14)
    cond = Compare("candidate.penetapan_date", Op.GTE, start)
    compiled = rule_set([cond], [(0, OPEN)], indexed=True)
    source, namespace = matcher_source(compiled.rules, None)
    assert "_c0" in source
    assert namespace["_c0"] == start
    match = PythonEngine(compiled).match
    assert [r.number for r in match({"candidate.penetapan_date": start}, 1)] == [0]
    assert match({"candidate.penetapan_date": dt.date(2024, 2, 13)}, 1) == []
    assert match({}, 1) == []


def test_long_conjunctions_compile_past_the_nesting_limit() -> None:
    """A rule with more conjuncts than Python can nest blocks still compiles and matches."""
    items = tuple(Compare("activity.asn_mobilised", Op.GTE, n) for n in range(30))
    compiled = rule_set([All(items)], [(0, OPEN)], indexed=True)
    match = PythonEngine(compiled).match
    assert [r.number for r in match({"activity.asn_mobilised": 29}, 1)] == [0]
    assert match({"activity.asn_mobilised": 28}, 1) == []


def test_shipped_matchers_are_shared() -> None:
    """Engines over one rule set share its generated matchers, built once."""
    assert PythonEngine(SHIPPED).match is GENERATED.match
    assert SHIPPED.object_matchers is SHIPPED.object_matchers
