"""Differential tests for Engine.hits: the python engine's generated matchers that read the
case objects (no fact record) against the record path of the base engine and the oracle,
and against the findings of evaluate."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from _profiles import examples
from _synthetic_rules import OPEN, rule_set, windows
from netralitas_rules import Case, shipped_election
from netralitas_rules.batch.wire import decode
from netralitas_rules.caseio import case_to_data
from netralitas_rules.conditions import Compare, Condition, Op
from netralitas_rules.engine import PythonEngine, get_engine
from netralitas_rules.engine.codegen import matcher_source
from netralitas_rules.testing import oracle
from netralitas_rules.testing.strategies import cases, conditions

SHIPPED = get_engine("python")
SETTINGS = settings(max_examples=examples(200))


def _ids(hits: list[tuple]) -> list[tuple[str, str | None, int]]:  # type: ignore[type-arg]
    return [(a.id, c.id if c is not None else None, r.number) for a, c, r in hits]


def _wire(case: Case) -> object:
    data = case_to_data(case)
    data["election"] = case.election.id
    hit = decode(json.dumps(data).encode("utf-8"))
    assert hit is not None
    return hit[0]


@SETTINGS
@given(
    st.lists(st.tuples(conditions(), windows()), min_size=1, max_size=8),
    cases(max_activities=5),
)
def test_object_matchers_agree_with_records_on_random_rules(
    rules: list[tuple[Condition, tuple[int, int]]], case: Case
) -> None:
    """Random condition trees over every fact: the object matchers (on the model and on its
    wire struct) find the hits the record path and the oracle find, in the same order."""
    compiled = rule_set([c for c, _ in rules], [w for _, w in rules], indexed=True)
    generated = PythonEngine(compiled)
    want = _ids(oracle.hits(compiled, case))
    # The record path, with the derived facts each hit's evidence reads: the same.
    by_records = generated._record_found(case, None, None, None)
    assert _ids([f[:3] for f in by_records]) == want
    assert generated._known_found(case, None, None, None) == by_records
    assert _ids(generated.hits(case)) == want
    assert _ids(generated.hits(_wire(case), case.election)) == want  # type: ignore[arg-type]


@SETTINGS
@given(cases(max_activities=6))
def test_hits_are_the_findings_of_evaluate(case: Case) -> None:
    """On the shipped corpus, hits name exactly the findings of the full report, in order."""
    report = SHIPPED.evaluate(case)
    want = [(f.activity_id, f.candidate_id, f.provision_id) for f in report.findings]
    hits = SHIPPED.hits(case)
    assert [(a.id, c.id if c else None, r.id) for a, c, r in hits] == want
    assert _ids(hits) == _ids(oracle.hits(SHIPPED.rules, case))


def test_object_matcher_source_reads_attributes_not_records() -> None:
    """The generated source reads the case objects' attributes, never a record."""
    kind = next(iter(SHIPPED.rules.by_kind))
    source, _ = matcher_source(SHIPPED.rules.candidates_for(kind), kind)
    assert source.startswith("def match(s, a, c, ek, phase, standing, indep, kin, day, _M=_M):")
    assert "get(" not in source


def test_equal_sort_keys_keep_the_matching_order() -> None:
    """Rules sharing a provision id (as in synthetic rule sets) sort equal: hits keep them
    in matching order, as the oracle's stable sort does (found by the random-rules test)."""
    kind_rule = Compare("activity.kind", Op.EQ, "campaign_attendance")
    conds: list[Condition] = [Compare("activity.active_support", Op.EQ, False)] * 4
    compiled = rule_set([*conds, kind_rule], [(1, OPEN)] * 5, indexed=True)
    case = Case.model_validate(
        {
            "id": "c",
            "election": shipped_election("pemilu-2019"),
            "asn": {"id": "a", "status": "PNS", "position_kind": "JPT"},
            "activities": [{"id": "a1", "date": "2018-09-19", "kind": "campaign_attendance"}],
        }
    )
    want = _ids(oracle.hits(compiled, case))
    assert [n for _, _, n in want] == [4, 0, 1, 2, 3]  # the indexed rule first
    assert _ids(PythonEngine(compiled).hits(case)) == want
