"""Flat fact records and condition trees over the FACTS catalogue."""

from __future__ import annotations

from collections.abc import Collection
from functools import lru_cache
from typing import Any

from hypothesis import strategies as st

from ...conditions import All, AnyOf, Compare, Condition, Not, Op
from ...facts import FACTS, FactSpec, FactType
from .dates import regulation_edges
from .pools import BOOLS, MOBILISED, TEXTS, subset


@lru_cache(maxsize=256)
def _fact_values(spec: FactSpec) -> st.SearchStrategy[Any]:
    """Values of one (scalar) fact, biased toward those conditions test."""
    if spec.value_type is FactType.ENUM:
        return st.sampled_from(spec.allowed)
    if spec.value_type is FactType.BOOL:
        return st.booleans()
    if spec.value_type is FactType.INT:
        return st.sampled_from(MOBILISED) | st.integers(0, 10_000_000)
    if spec.value_type is FactType.DATE:
        return st.sampled_from(regulation_edges())
    return st.sampled_from(TEXTS)


def fact_records(
    facts: Collection[str] | None = None,
) -> st.SearchStrategy[dict[str, Any]]:
    """Flat fact records as :func:`netralitas_rules.fact_record` builds them: any subset of
    the catalogue's facts present (absent facts are missing keys), list facts as sorted
    tuples of unique values."""
    return _fact_records(tuple(sorted(facts)) if facts is not None else tuple(FACTS))


# Built once per set of facts (and the condition strategies below once per size): a
# composite defined per call is validated, and its source read, on every new object.
@lru_cache(maxsize=64)
def _fact_records(names: tuple[str, ...]) -> st.SearchStrategy[dict[str, Any]]:
    return _records(names)


@st.composite
def _records(draw: st.DrawFn, names: tuple[str, ...]) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for name in names:
        spec = FACTS[name]
        if not draw(BOOLS):
            continue
        if spec.many:
            record[name] = tuple(sorted(draw(subset(spec.allowed))))
        else:
            record[name] = draw(_fact_values(spec))
    return record


_FACT_NAMES = st.sampled_from(list(FACTS))
_MANY_OPS = st.sampled_from([Op.CONTAINS, Op.CONTAINS_ANY])
_SCALAR_OPS = st.sampled_from([Op.EQ, Op.NE, Op.IN, Op.NOT_IN, Op.EXISTS])
_ORDERED_OPS = st.sampled_from(
    [Op.EQ, Op.NE, Op.IN, Op.NOT_IN, Op.EXISTS, Op.GT, Op.GTE, Op.LT, Op.LTE]
)


@st.composite
def _compare(draw: st.DrawFn) -> Compare:
    spec = FACTS[draw(_FACT_NAMES)]
    values = _fact_values(spec)
    if spec.presence_only:
        op = Op.EXISTS
    elif spec.many:
        op = draw(_MANY_OPS)
    elif spec.value_type in (FactType.INT, FactType.DATE):
        op = draw(_ORDERED_OPS)
    else:
        op = draw(_SCALAR_OPS)
    if op is Op.EXISTS:
        return Compare(spec.path, op, draw(BOOLS))
    if op in (Op.IN, Op.NOT_IN, Op.CONTAINS_ANY):
        many = draw(_some_values(values))
        return Compare(spec.path, op, tuple(many))
    return Compare(spec.path, op, draw(values))


@lru_cache(maxsize=256)
def _some_values(values: st.SearchStrategy[Any]) -> st.SearchStrategy[list[Any]]:
    return st.lists(values, min_size=1, max_size=4, unique=True)


_COMPARES = _compare()


def conditions(max_leaves: int = 8) -> st.SearchStrategy[Condition]:
    """Condition trees over the FACTS catalogue with every operator each fact allows, and
    ``all``/``any``/``not`` nested at random."""
    return _conditions(max_leaves)


@lru_cache(maxsize=64)
def _conditions(max_leaves: int) -> st.SearchStrategy[Condition]:
    return st.recursive(
        _COMPARES,
        lambda inner: st.one_of(
            st.lists(inner, min_size=1, max_size=3).map(lambda xs: All(tuple(xs))),
            st.lists(inner, min_size=1, max_size=3).map(lambda xs: AnyOf(tuple(xs))),
            inner.map(Not),
        ),
        max_leaves=max_leaves,
    )
