"""The durable_rules backend: its compiler, and the traps of durable-rules it must contain."""

from __future__ import annotations

import datetime as dt
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache
from typing import Any

import pytest

pytest.importorskip("durable")

from netralitas_rules import BackendUnavailableError, Case, load_case, load_regulations
from netralitas_rules.conditions import (
    All,
    AnyOf,
    Compare,
    Condition,
    Not,
    Op,
    parse_condition,
)
from netralitas_rules.engine import CompiledRuleSet, PythonEngine, compile_rules, get_engine
from netralitas_rules.engine import durable as durable_backend
from netralitas_rules.engine.durable import DurableEngine, flatten, rule_expression, to_durable
from netralitas_rules.findings import Report

SEED = "examples/muaro-jambi-2019.yaml"
OPEN = dt.date.max.toordinal() + 1


@cache
def shipped() -> CompiledRuleSet:
    """The shipped corpus, compiled once for this module."""
    return compile_rules(load_regulations())


def ruleset(conditions: Sequence[Condition], valid: tuple[int, int] = (0, OPEN)) -> CompiledRuleSet:
    """A rule set with one rule per condition (numbered in order), valid on ``valid``."""
    base = shipped().rules[0]
    rules = tuple(
        replace(
            base,
            number=i,
            provision=base.provision.model_copy(update={"when": c}),
            valid_from=valid[0],
            valid_until=valid[1],
            kinds=None,
        )
        for i, c in enumerate(conditions)
    )
    return CompiledRuleSet(
        regulations=shipped().regulations, rules=rules, by_kind={}, any_kind=rules, coverage={}
    )


def numbers(
    engine: PythonEngine | DurableEngine, record: dict[str, Any], day: int = 1
) -> list[int]:
    """The numbers of the rules an engine matches."""
    return [r.number for r in engine.match(record, day)]


def comparable(report: Report) -> dict[str, Any]:
    """A report as data, without the backend's name."""
    data = report.model_dump()
    del data["stamp"]["backend"]
    return data


# --------------------------------------------------------------------------- compiler


def test_in_compiles_to_an_or_of_equalities() -> None:
    """`in` becomes an $or of equalities on the dot-free key (durable has no $in)."""
    c = parse_condition({"activity.kind": {"in": ["goods_giving", "candidacy"]}})
    assert to_durable(c) == {
        "$or": [{"activity__kind": "goods_giving"}, {"activity__kind": "candidacy"}]
    }


def test_not_in_requires_presence_and_every_inequality() -> None:
    """`not_in` is false on an absent fact, so it tests presence and then each inequality."""
    c = parse_condition({"asn.status": {"not_in": ["PNS", "CPNS"]}})
    assert to_durable(c) == {
        "$and": [
            {"$ex": {"asn__status": 1}},
            {"$neq": {"asn__status": "PNS"}},
            {"$neq": {"asn__status": "CPNS"}},
        ]
    }


def test_not_is_pushed_down_with_explicit_absence() -> None:
    """not(eq) holds when the fact is absent or differs; De Morgan turns not(all) into $or."""
    c = parse_condition(
        {"not": {"all": [{"asn.status": "PNS"}, {"activity.asn_mobilised": {"gt": 4}}]}}
    )
    assert to_durable(c) == {
        "$or": [
            {"$nex": {"asn__status": 1}},
            {"$neq": {"asn__status": "PNS"}},
            {"$nex": {"activity__asn_mobilised": 1}},
            {"$lte": {"activity__asn_mobilised": 4}},
        ]
    }


def test_not_over_an_absent_fact_matches_in_durable() -> None:
    """A rule `not asn.status = PNS` fires for a record without asn.status, as holds says."""
    engine = DurableEngine(ruleset([parse_condition({"not": {"asn.status": "PNS"}})]))
    assert numbers(engine, {}) == [0]
    assert numbers(engine, {"asn.status": "PPPK"}) == [0]
    assert numbers(engine, {"asn.status": "PNS"}) == []


def test_every_rule_starts_with_the_marker_so_no_bare_nex_exists() -> None:
    """Even a rule that only asks for absence is an $and led by the record marker."""
    rules = ruleset([parse_condition({"activity.party": {"exists": False}})])
    assert rule_expression(rules.rules[0]) == {
        "$and": [
            {"nr__record": "fact"},
            {"$gte": {"nr__day": 0}},
            {"$nex": {"activity__party": 1}},
        ]
    }
    engine = DurableEngine(rules)
    assert numbers(engine, {"activity.kind": "goods_giving"}) == [0]
    assert numbers(engine, {"activity.party": "Partai A"}) == []


def test_list_facts_flatten_to_one_boolean_per_member() -> None:
    """A list fact becomes a boolean per allowed member; an absent one is all false."""
    fact = flatten({"activity.audience": ("public", "family")}, 7)
    audience = {k: v for k, v in fact.items() if k.startswith("activity__audience__")}
    assert audience == {
        "activity__audience__colleagues": False,
        "activity__audience__subordinates": False,
        "activity__audience__family": True,
        "activity__audience__public": True,
        "activity__audience__party": False,
    }
    assert fact["nr__day"] == 7
    assert fact["nr__record"] == "fact"
    assert not any("." in key for key in fact)
    assert flatten({}, 7)["candidate__kinship_with_asn__spouse"] is False


def test_contains_and_its_negation_on_list_facts() -> None:
    """contains tests the member's boolean; not contains tests it is false."""
    contains = parse_condition({"activity.audience": {"contains_any": ["public", "party"]}})
    assert to_durable(contains) == {
        "$or": [{"activity__audience__public": True}, {"activity__audience__party": True}]
    }
    assert to_durable(Not(contains)) == {
        "$and": [{"activity__audience__public": False}, {"activity__audience__party": False}]
    }
    engine = DurableEngine(ruleset([contains, Not(contains)]))
    assert numbers(engine, {"activity.audience": ("family", "public")}) == [0]
    assert numbers(engine, {"activity.audience": ("family",)}) == [1]
    assert numbers(engine, {}) == [1]


def test_dates_compile_and_flatten_to_day_ordinals() -> None:
    """Date values become ordinals on both sides, so durable compares numbers."""
    c = parse_condition({"candidate.penetapan_date": {"gte": "2018-09-20"}})
    assert to_durable(c) == {
        "$gte": {"candidate__penetapan_date": dt.date(2018, 9, 20).toordinal()}
    }
    fact = flatten({"candidate.penetapan_date": dt.date(2018, 9, 19)}, 1)
    assert fact["candidate__penetapan_date"] == 736956
    engine = DurableEngine(ruleset([c]))
    assert numbers(engine, {"candidate.penetapan_date": dt.date(2018, 9, 19)}) == []
    assert numbers(engine, {"candidate.penetapan_date": dt.date(2018, 9, 20)}) == [0]


def test_empty_any_never_holds_and_empty_all_always_does() -> None:
    """any() of nothing is False and is not registered; all() of nothing is True."""
    assert to_durable(AnyOf(())) is False
    assert to_durable(All(())) is True
    assert to_durable(Not(AnyOf(()))) is True
    engine = DurableEngine(ruleset([AnyOf(()), All(()), Not(AnyOf(()))]))
    assert sorted(engine.definition) == ["r1", "r2"]
    assert numbers(engine, {}) == [1, 2]


def test_a_rule_set_that_can_never_match_needs_no_ruleset() -> None:
    """With no rule able to match, nothing is registered and nothing matches."""
    engine = DurableEngine(ruleset([AnyOf(())]))
    assert engine.definition == {}
    assert numbers(engine, {"asn.status": "PNS"}) == []


def test_validity_is_part_of_the_durable_match() -> None:
    """A rule matches only on days in [valid_from, valid_until)."""
    engine = DurableEngine(ruleset([All(())], valid=(100, 200)))
    assert [numbers(engine, {}, day) for day in (99, 100, 199, 200)] == [[], [0], [0], []]


def test_unknown_fact_cannot_be_compiled() -> None:
    """A condition naming a fact outside the catalogue is refused with its name."""
    with pytest.raises(ValueError, match="unknown fact") as info:
        to_durable(Compare("asn.shoe_size", Op.EQ, 42))
    assert str(info.value) == (
        "unknown fact 'asn.shoe_size'; the durable backend compiles catalogue facts"
    )


# --------------------------------------------------------------------------- engine


def test_the_seed_case_gives_the_same_report_on_both_backends() -> None:
    """The durable backend reports the seed case exactly like the python backend."""
    case = load_case(SEED)
    durable = get_engine("durable").evaluate(case)
    assert durable.stamp.backend == "durable"
    assert comparable(durable) == comparable(get_engine("python").evaluate(case))


def test_two_thousand_sequential_evaluations_agree_with_python() -> None:
    """2,000 evaluations on one engine, one judgement day after another, match python."""
    case = load_case(SEED)
    durable, python = DurableEngine(shipped()), PythonEngine(shipped())
    start = dt.date(2017, 8, 1)
    differ = [
        day
        for day in (start + dt.timedelta(days=i) for i in range(2000))
        if comparable(durable.evaluate(case, at=day)) != comparable(python.evaluate(case, at=day))
    ]
    assert differ == []


def test_eight_threads_on_one_engine_agree_with_python() -> None:
    """Eight threads sharing one durable engine get python's reports, none lost."""
    case = load_case(SEED)
    durable, python = DurableEngine(shipped()), PythonEngine(shipped())
    days = [dt.date(2018, 1, 1) + dt.timedelta(days=i * 7) for i in range(300)]
    expected = [comparable(python.evaluate(case, at=day)) for day in days]
    results: dict[int, list[dict[str, Any]]] = {}
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            results[n] = [comparable(durable.evaluate(case, at=day)) for day in days]
        except BaseException as exc:  # pragma: no cover - reported by the assert below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert all(results[n] == expected for n in range(8))


def test_more_evaluations_than_durable_sessions_do_not_exhaust_them() -> None:
    """1,100 matches (durable allows 1,024 live sessions) run, and no fact is left behind."""
    engine = DurableEngine(ruleset([parse_condition({"asn.status": "PNS"})]))
    hits = sum(len(engine.match({"asn.status": "PNS"}, day)) for day in range(1100))
    assert hits == 1100
    assert engine._host.get_facts(engine.ruleset_name, "0") == []


def test_a_second_engine_with_the_same_rules_registers_its_own_ruleset() -> None:
    """Two engines over the same content get distinct names and both answer."""
    first, second = DurableEngine(shipped()), DurableEngine(shipped())
    assert first.ruleset_name != second.ruleset_name
    assert first.ruleset_name.startswith(f"netralitas@{shipped().content_hash}-")
    case = load_case(SEED)
    assert comparable(first.evaluate(case)) == comparable(second.evaluate(case))


def test_the_definition_given_to_durable_is_a_copy() -> None:
    """set_rulesets strips `run` from what it gets; the engine's own definition keeps its form."""
    engine = DurableEngine(ruleset([parse_condition({"asn.status": "PNS"})]))
    assert engine.definition == {"r0": {"all": [{"m": rule_expression(engine.rules.rules[0])}]}}


def test_a_closed_engine_refuses_to_match() -> None:
    """After close() the ruleset is freed and match raises instead of answering."""
    engine = DurableEngine(ruleset([All(())]))
    engine.close()
    with pytest.raises(
        BackendUnavailableError, match=r"durable engine netralitas@\w+-\d+ is closed"
    ):
        engine.match({}, 1)


class _FailingEngine(DurableEngine):
    """An engine whose actions raise, as a broken action would inside durable."""

    def _action(self, number: int) -> Callable[[Any], None]:
        def run(c: Any) -> None:
            raise ZeroDivisionError("broken action")

        return run


def test_an_exception_swallowed_by_durable_is_raised() -> None:
    """durable writes an action's exception into the state; the engine raises it."""
    engine = _FailingEngine(ruleset([All(())]))
    with pytest.raises(BackendUnavailableError, match="durable-rules failed inside an action: "):
        engine.match({}, 1)
    with pytest.raises(BackendUnavailableError, match="broken action"):
        engine.match({}, 1)


def test_missing_durable_raises_backend_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without durable-rules the backend cannot be built and says how to install it."""
    monkeypatch.setattr(durable_backend, "_IMPORT_ERROR", ImportError("No module named 'durable'"))
    with pytest.raises(BackendUnavailableError) as info:
        DurableEngine(shipped())
    assert str(info.value) == (
        "the durable backend needs durable-rules: pip install 'netralitas-rules[rete]' "
        "(Python < 3.13 and a C compiler); import failed: No module named 'durable'"
    )


def test_get_engine_reports_a_missing_durable(monkeypatch: pytest.MonkeyPatch) -> None:
    """get_engine('durable') raises BackendUnavailableError when durable cannot import."""
    monkeypatch.delitem(sys.modules, "netralitas_rules.engine.durable")
    monkeypatch.setitem(sys.modules, "durable.engine", None)
    monkeypatch.setitem(sys.modules, "durable_rules_engine", None)
    with pytest.raises(BackendUnavailableError, match="the durable backend needs durable-rules"):
        get_engine("durable")


def test_case_reports_with_targets_match_python_for_each_target() -> None:
    """An act toward two candidates is matched once per candidate, as in python."""
    case = load_case(SEED)
    act = case.activities[2].model_copy(update={"candidate_ids": ("paslon-01", "caleg-dprd-01")})
    twice = Case.model_validate(case.model_copy(update={"activities": (act,)}).model_dump())
    durable = get_engine("durable").evaluate(twice)
    assert comparable(durable) == comparable(get_engine("python").evaluate(twice))
    assert {f.candidate_id for f in durable.findings} == {"paslon-01", "caleg-dprd-01"}
