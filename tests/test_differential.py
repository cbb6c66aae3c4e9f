"""Differential tests: the oracle (the reference interpreter), the generated matchers of the
python backend and the durable backend answer alike."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _profiles import examples

pytest.importorskip("durable")

from _synthetic_rules import DAYS, rule_set, windows
from netralitas_rules import Case
from netralitas_rules.conditions import Condition
from netralitas_rules.engine import PythonEngine, get_engine
from netralitas_rules.engine.durable import DurableEngine
from netralitas_rules.findings import Report
from netralitas_rules.testing import oracle
from netralitas_rules.testing.strategies import (
    cases,
    conditions,
    fact_records,
    inline_elections,
)

PYTHON = get_engine("python")
DURABLE = get_engine("durable")


def comparable(report: Report) -> dict[str, Any]:
    """A report as data, without the backend's name."""
    data = report.model_dump()
    del data["stamp"]["backend"]
    return data


@pytest.mark.slow
@settings(max_examples=examples(1000))
@given(cases(max_activities=6))
def test_durable_reports_equal_python_reports(case: Case) -> None:
    """On generated cases over the shipped calendars both backends report the same."""
    assert comparable(DURABLE.evaluate(case)) == comparable(PYTHON.evaluate(case))


@settings(max_examples=examples(300))
@given(cases(election=inline_elections(), max_activities=4), st.none() | DAYS)
def test_oracle_generated_and_durable_find_the_same_hits(case: Case, at: int | None) -> None:
    """On generated cases and calendars, judged on the act's date or a fixed day, the
    oracle, the generated matchers and the durable backend find the same hits in order."""
    day = dt.date.fromordinal(at) if at is not None else None
    want = _ids(oracle.hits(PYTHON.rules, case, at=day))
    assert _ids(PYTHON.hits(case, at=day)) == want
    assert _ids(DURABLE.hits(case, at=day)) == want


def _ids(hits: list[tuple[Any, Any, Any]]) -> list[tuple[str, str | None, int]]:
    return [(a.id, c.id if c is not None else None, r.number) for a, c, r in hits]


@settings(max_examples=examples(200))
@given(cases(election=inline_elections(), max_activities=4), st.none() | DAYS)
def test_durable_reports_equal_python_on_inline_calendars(case: Case, at: int | None) -> None:
    """On generated calendars, judged on the act's date or a fixed day, both agree."""
    day = dt.date.fromordinal(at) if at is not None else None
    assert comparable(DURABLE.evaluate(case, at=day)) == comparable(PYTHON.evaluate(case, at=day))


@settings(max_examples=examples(400))
@given(
    st.lists(st.tuples(conditions(), windows()), min_size=1, max_size=6),
    st.lists(st.tuples(fact_records(), DAYS), min_size=1, max_size=12),
)
def test_durable_compilation_agrees_with_holds(
    rules: list[tuple[Condition, tuple[int, int]]], records: list[tuple[dict[str, Any], int]]
) -> None:
    """Random condition trees over the catalogue match in durable and in the generated
    matchers exactly when the oracle says they hold."""
    compiled = rule_set([c for c, _ in rules], [w for _, w in rules], indexed=False)
    engine = DurableEngine(compiled)
    try:
        for record, day in records:
            expected = [
                i
                for i, (c, (lo, hi)) in enumerate(rules)
                if lo <= day < hi and oracle.holds(c, record)
            ]
            assert [r.number for r in engine.match(record, day)] == expected
            assert [r.number for r in PythonEngine(compiled).match(record, day)] == expected
    finally:
        engine.close()
