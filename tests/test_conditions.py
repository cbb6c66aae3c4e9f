"""The condition language: one meaning for the oracle's holds() and the generated matchers,
a lossless data form, absent-fact semantics, no coercion, and messages for malformed trees."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from _synthetic_rules import OPEN, rule_set
from netralitas_rules.conditions import (
    MISSING,
    All,
    AnyOf,
    Compare,
    Condition,
    ConditionError,
    Not,
    Op,
    json_schema,
    leaves,
    parse_condition,
    render,
    to_data,
)
from netralitas_rules.engine import PythonEngine
from netralitas_rules.facts import FACTS, FactType
from netralitas_rules.testing.oracle import compare, holds
from netralitas_rules.testing.strategies import conditions, fact_records
from netralitas_rules.yamlpos import read_yaml

CONDITION_VALIDATOR = Draft202012Validator(
    {"$defs": {"Condition": json_schema()}, "$ref": "#/$defs/Condition"}
)


def compile_condition(condition: Condition) -> Callable[[dict[str, Any]], bool]:
    """The condition as the engine runs it: generated code over a one-rule set."""
    match = PythonEngine(rule_set([condition], [(0, OPEN)], indexed=False)).match
    return lambda record: bool(match(record, 1))


@given(conditions(), fact_records())
def test_generated_code_agrees_with_holds(condition: Condition, record: dict[str, Any]) -> None:
    """The generated matcher has exactly the meaning of the oracle's holds()."""
    assert compile_condition(condition)(record) == holds(condition, record)


@given(conditions())
def test_to_data_round_trip(condition: Condition) -> None:
    """parse_condition(to_data(c)) == c for every well-typed tree."""
    assert parse_condition(to_data(condition)) == condition


@given(conditions())
def test_round_trip_through_yaml_and_json_text(condition: Condition) -> None:
    """The data form survives being written as YAML or JSON and read back."""
    data = to_data(condition)
    located = read_yaml(yaml.safe_dump(data), "c.yaml")
    assert located.problems == []
    assert parse_condition(located.data) == condition
    assert parse_condition(json.loads(json.dumps(data))) == condition


@given(conditions())
def test_json_schema_accepts_every_parseable_condition(condition: Condition) -> None:
    """The editor's JSON Schema accepts what the parser accepts."""
    errors = list(CONDITION_VALIDATOR.iter_errors(json.loads(json.dumps(to_data(condition)))))
    assert errors == []


@given(conditions(), fact_records())
def test_not_negates(condition: Condition, record: dict[str, Any]) -> None:
    """`not c` holds exactly when c does not, absent facts included."""
    assert holds(Not(condition), record) is (not holds(condition, record))


@given(st.lists(conditions(max_leaves=3), min_size=1, max_size=4), fact_records())
def test_all_and_any(items: list[Condition], record: dict[str, Any]) -> None:
    """`all` is the conjunction and `any` the disjunction of their items."""
    results = [holds(c, record) for c in items]
    assert holds(All(tuple(items)), record) is all(results)
    assert holds(AnyOf(tuple(items)), record) is any(results)


_NON_EXISTS = [op for op in Op if op is not Op.EXISTS]


@pytest.mark.parametrize("op", _NON_EXISTS)
def test_comparison_on_absent_fact_is_false(op: Op) -> None:
    """Every comparison on an absent fact is false, including ne and not_in."""
    value: Any = ("x",) if op in (Op.IN, Op.NOT_IN, Op.CONTAINS_ANY) else "x"
    assert compare(op, MISSING, value) is False
    assert holds(Compare("asn.agency", op, value), {}) is False
    assert compile_condition(Compare("asn.agency", op, value))({}) is False


def test_not_of_absent_comparison_is_true() -> None:
    """`not` turns a false comparison on an absent fact into true."""
    cond = parse_condition({"not": {"asn.agency": "Dinas X"}})
    assert holds(cond, {}) is True
    assert compile_condition(cond)({}) is True


def test_exists_semantics() -> None:
    """exists: true is false on an absent fact; exists: false is true on it."""
    present = parse_condition({"asn.agency": {"exists": True}})
    absent = parse_condition({"asn.agency": {"exists": False}})
    assert (holds(present, {}), holds(absent, {})) == (False, True)
    record = {"asn.agency": "Dinas X"}
    assert (holds(present, record), holds(absent, record)) == (True, False)


def test_no_coercion_at_evaluation() -> None:
    """A value of another type never equals the fact: 1 is not '1' and 'true' is not True."""
    mobilised = parse_condition({"activity.asn_mobilised": 1})
    assert holds(mobilised, {"activity.asn_mobilised": 1})
    assert not holds(mobilised, {"activity.asn_mobilised": "1"})
    assert not compile_condition(mobilised)({"activity.asn_mobilised": "1"})
    public = parse_condition({"activity.public": True})
    assert not holds(public, {"activity.public": "true"})
    assert not compile_condition(public)({"activity.public": "true"})


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"activity.asn_mobilised": "1"}, "activity.asn_mobilised is an int fact"),
        ({"activity.public": "yes"}, "activity.public is a bool fact"),
        ({"activity.public": 1}, "activity.public is a bool fact"),
        ({"asn.agency": 5}, "asn.agency is a text fact"),
        ({"activity.date": "30-08-2021"}, "activity.date is a date fact"),
        ({"activity.date": 20210830}, "activity.date is a date fact"),
    ],
)
def test_no_coercion_at_parse(data: dict[str, Any], problem: str) -> None:
    """A value that would need coercion is refused when the rule loads."""
    with pytest.raises(ConditionError) as info:
        parse_condition(data)
    assert problem in str(info.value)


@pytest.mark.parametrize(
    "data",
    [
        {"candidate.asn_id": "asn-1"},
        {"candidate.asn_id": {"eq": "asn-1"}},
        {"candidate.asn_id": {"in": ["asn-1"]}},
    ],
)
def test_a_presence_only_fact_is_tested_by_exists_alone(data: dict[str, Any]) -> None:
    """A candidate's asn_id is an id of one case: a rule may ask whether it is there (the
    candidacy is the ASN's own), never compare it; the refusal names the one operator, and
    the editors' schema refuses the same."""
    with pytest.raises(ConditionError) as info:
        parse_condition(data)
    assert "candidate.asn_id" in str(info.value)
    assert "exists" in str(info.value)
    assert not CONDITION_VALIDATOR.is_valid(data)
    ok = {"candidate.asn_id": {"exists": True}}
    assert CONDITION_VALIDATOR.is_valid(ok)
    assert holds(parse_condition(ok), {"candidate.asn_id": "asn-1"}) is True
    assert holds(parse_condition(ok), {}) is False


def test_shorthand_means_eq_or_contains() -> None:
    """`fact: value` is eq for a scalar fact and contains for a list fact."""
    assert parse_condition({"asn.status": "PNS"}) == Compare("asn.status", Op.EQ, "PNS")
    assert parse_condition({"activity.audience": "family"}) == Compare(
        "activity.audience", Op.CONTAINS, "family"
    )


def test_dates_compare_as_dates() -> None:
    """Date values are parsed from ISO text and ordered as dates."""
    cond = parse_condition({"activity.date": {"gte": "2021-08-31"}})
    assert cond == Compare("activity.date", Op.GTE, dt.date(2021, 8, 31))
    assert holds(cond, {"activity.date": dt.date(2021, 8, 31)})
    assert not holds(cond, {"activity.date": dt.date(2021, 8, 30)})


def test_render() -> None:
    """A one-line human reading of a tree."""
    cond = parse_condition(
        {
            "all": [
                {"activity.kind": {"in": ["campaign_attendance", "declaration_attendance"]}},
                {"not": {"activity.attributes_worn": {"contains_any": ["party", "asn"]}}},
                {"candidate.penetapan_date": {"exists": False}},
                {"activity.asn_mobilised": {"gte": 2}},
            ]
        }
    )
    assert render(cond) == (
        "all(activity.kind in [campaign_attendance, declaration_attendance], "
        "not activity.attributes_worn contains any of [party, asn], "
        "candidate.penetapan_date is absent, activity.asn_mobilised ≥ 2)"
    )
    assert [c.fact for c in leaves(cond)] == [
        "activity.kind",
        "activity.attributes_worn",
        "candidate.penetapan_date",
        "activity.asn_mobilised",
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"asn.status": {"eq": "PNS", "ne": "PPPK"}},
            "asn.status: an operator mapping has exactly one key; operators: eq, ne, in, "
            "not_in, gt, gte, lt, lte, exists, contains, contains_any",
        ),
        (
            {"asn.status": {"equals": "PNS"}},
            "asn.status.equals: unknown operator 'equals'; operators: eq, ne, in, not_in, gt, "
            "gte, lt, lte, exists, contains, contains_any",
        ),
        (
            {"asn.status": {"nin": ["PNS"]}},
            "asn.status.nin: unknown operator 'nin'; did you mean 'in'?; operators: eq, ne, in, "
            "not_in, gt, gte, lt, lte, exists, contains, contains_any",
        ),
        ({"asn.status": {"exists": "yes"}}, "asn.status.exists: 'exists' takes true or false"),
        ({"asn.status": {"in": []}}, "asn.status.in: 'in' takes a non-empty list of values"),
        ({"asn.status": {"in": "PNS"}}, "asn.status.in: 'in' takes a non-empty list of values"),
        (
            {"activity.audience": {"eq": "family"}},
            "activity.audience.eq: operator 'eq' does not apply to enum list fact "
            "activity.audience; use one of contains, contains_any",
        ),
        (
            {"asn.agency": {"lt": "b"}},
            "asn.agency.lt: operator 'lt' does not apply to text fact asn.agency; use one of "
            "eq, exists, in, ne, not_in",
        ),
        (
            {"not": []},
            "not: a condition is a mapping with exactly one key (all, any, not, or a "
            "fact path), got a list",
        ),
        (
            [],
            "a condition is a mapping with exactly one key (all, any, not, or a fact path), "
            "got a list",
        ),
        (
            None,
            "a condition is a mapping with exactly one key (all, any, not, or a fact path), "
            "got nothing",
        ),
        ({"any": {"asn.status": "PNS"}}, "any: 'any' takes a non-empty list of conditions"),
    ],
)
def test_condition_error_messages(data: Any, message: str) -> None:
    """Each malformed tree names the place inside the tree and what to write instead."""
    with pytest.raises(ConditionError) as info:
        parse_condition(data)
    assert str(info.value) == message


def test_every_problem_in_a_tree() -> None:
    """All problems of one tree are reported, each with its path."""
    with pytest.raises(ConditionError) as info:
        parse_condition({"all": [{"asn.statu": "PNS"}, {"asn.status": "PNZ"}, {"any": []}]})
    assert [p for p, _ in info.value.problems] == [
        ("all", 0, "asn.statu"),
        ("all", 1, "asn.status"),
        ("all", 2, "any"),
    ]


def test_nesting_limit() -> None:
    """A tree deeper than the limit is refused instead of recursing without bound."""
    data: Any = {"asn.status": "PNS"}
    for _ in range(40):
        data = {"not": data}
    with pytest.raises(ConditionError) as info:
        parse_condition(data)
    assert "conditions nest deeper than 32 levels; flatten them" in str(info.value)


def test_catalogue_covers_the_operators() -> None:
    """Ordering operators apply exactly to the int and date facts of the catalogue."""
    ordered = {p for p, s in FACTS.items() if s.value_type in (FactType.INT, FactType.DATE)}
    assert {"activity.asn_mobilised", "activity.date", "candidate.penetapan_date"} <= ordered
    for path, spec in FACTS.items():
        sample = 1 if spec.value_type is FactType.INT else "2020-01-01"
        if path in ordered and not spec.many:
            assert parse_condition({path: {"gt": sample}}).op is Op.GT  # type: ignore[union-attr]
        elif path not in ordered:
            with pytest.raises(ConditionError):
                parse_condition({path: {"gt": sample}})


def test_as_date_reads_dates_and_iso_text_only() -> None:
    """A date, or YYYY-MM-DD text, is a date; a datetime, other text or a number is not."""
    import datetime as _dt

    from netralitas_rules.conditions import as_date

    assert as_date(_dt.date(2021, 8, 31)) == _dt.date(2021, 8, 31)
    assert as_date("2021-08-31") == _dt.date(2021, 8, 31)
    assert [as_date(v) for v in ("31/08/2021", _dt.datetime(2021, 8, 31), 20210831)] == [
        None,
        None,
        None,
    ]
