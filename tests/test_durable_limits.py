"""durable-rules' fixed C tables (#12 item 7) and the durable engine's lifetime (item 6).

durable-rules 2.0.28 hangs once a node has 512 branches (an ``in`` list of 512 values) and
fails with error 303 when more than 64 tests are pending in one match (65 rules testing
``>=`` on one key, or about 1,100 rules of the shipped kind); the compiler splits long lists,
shards rule sets, and refuses what cannot fit. Every test that could meet the hang runs
durable in a child process with a timeout.
"""

from __future__ import annotations

import datetime as dt
import gc
import itertools
import json
import subprocess
import sys
import textwrap
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("durable")

from _profiles import examples
from conftest import RULE_YAML, SEED_CASE, replaced
from netralitas_rules import BackendUnavailableError, evaluate, load_case, load_regulations
from netralitas_rules import engine as engine_package
from netralitas_rules.cli import main
from netralitas_rules.conditions import parse_condition
from netralitas_rules.engine import (
    ENGINE_CACHE_SIZE,
    CompiledRuleSet,
    get_engine,
)
from netralitas_rules.engine import durable as durable_backend
from netralitas_rules.engine.durable import CHUNK, MARKER, DurableEngine, chunked, live_rulesets
from netralitas_rules.engine.durable_limits import MAX_BRANCHES, MAX_STACK, Network, over_limits

RulesDir = Callable[[dict[str, str]], Path]
HANG_GUARD_SECONDS = 300
OPEN = dt.date.max.toordinal() + 1

# Builds a rule set from conditions (JSON, one rule each, valid always), matches records on
# durable and on python, and prints both lists of matched rule numbers per record as JSON.
CHILD = textwrap.dedent(
    """
    import json, sys
    from dataclasses import replace
    from netralitas_rules import load_regulations
    from netralitas_rules.conditions import parse_condition
    from netralitas_rules.engine import CompiledRuleSet, PythonEngine, compile_rules
    from netralitas_rules.engine.durable import DurableEngine
    spec = json.load(sys.stdin)
    shipped = compile_rules(load_regulations())
    base = shipped.rules[0]
    rules = []
    for i, data in enumerate(spec["conditions"]):
        cond = parse_condition(data)
        prov = base.provision.model_copy(update={"when": cond, "id": f"syn-{i}"})
        rules.append(replace(base, number=i, provision=prov, valid_from=0,
                             valid_until=spec["open"], kinds=None))
    rules = tuple(rules)
    rule_set = CompiledRuleSet(regulations=shipped.regulations, rules=rules, by_kind={},
                               any_kind=rules, coverage={})
    durable, python = DurableEngine(rule_set), PythonEngine(rule_set)
    out = {"shards": len(durable.shards), "durable": [], "python": []}
    for record in spec["records"]:
        out["durable"].append([r.number for r in durable.match(record, 1000)])
        out["python"].append([r.number for r in python.match(record, 1000)])
    print(json.dumps(out))
    """
)


def run_child(conditions: list[Any], records: list[dict[str, Any]]) -> dict[str, Any]:
    """Match ``records`` against one rule per condition, on both backends, in a child."""
    result = subprocess.run(
        [sys.executable, "-c", CHILD],
        input=json.dumps({"conditions": conditions, "records": records, "open": OPEN}),
        capture_output=True,
        text=True,
        timeout=HANG_GUARD_SECONDS,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out: dict[str, Any] = json.loads(result.stdout)
    return out


REGIONS = [f"Kabupaten {n}" for n in range(600)]


# --------------------------------------------------------------------------- long lists


def test_an_in_list_of_512_values_agrees_between_backends() -> None:
    """`asn.region in` 512 regions (durable hung on 512, 511 worked) matches as python does."""
    records = [
        {"asn.region": REGIONS[0]},
        {"asn.region": REGIONS[300]},
        {"asn.region": REGIONS[511]},
        {"asn.region": REGIONS[512]},
        {},
    ]
    out = run_child(
        [
            {"asn.region": {"in": REGIONS[:512]}},
            {"not": {"asn.region": {"in": REGIONS[:512]}}},
            {"asn.region": {"not_in": REGIONS[:512]}},
        ],
        records,
    )
    assert out["durable"] == out["python"] == [[0], [0], [0], [1, 2], [1]]


def test_a_long_or_is_split_under_guards() -> None:
    """An `$or` of 600 branches becomes three guarded chunks of at most CHUNK branches, each
    guard a test that always holds and named by its chunk's content."""
    leaves = [{"asn__region": r} for r in REGIONS]
    split = chunked({"$or": leaves})
    assert isinstance(split, dict)
    groups = split["$or"]
    assert [len(g["$and"][1]["$or"]) for g in groups] == [CHUNK, CHUNK, 600 - 2 * CHUNK]
    guards = [g["$and"][0] for g in groups]
    assert all(set(guard) == {"$neq"} and MARKER in guard["$neq"] for guard in guards)
    assert len({json.dumps(g) for g in guards}) == 3
    assert [leaf for g in groups for leaf in g["$and"][1]["$or"]] == leaves
    assert chunked({"$or": leaves[:CHUNK]}) == {"$or": leaves[:CHUNK]}
    assert chunked({"$or": leaves}) == split  # equal chunks get equal guards


def test_the_network_counts_the_branches_durable_would_store() -> None:
    """511 values on one key fit a node's table; the 512th (where durable hangs) does not."""
    for n, fits in ((MAX_BRANCHES, True), (MAX_BRANCHES + 1, False)):
        exprs = [{"$and": [{MARKER: "fact"}, {"asn__region": r}]} for r in REGIONS[:n]]
        assert (over_limits(exprs) == []) is fits


# --------------------------------------------------------------------------- many rules


def test_65_pending_tests_are_sharded_and_agree() -> None:
    """65 rules `asn_mobilised >= i` all match a large value: 65 tests pending at once
    (durable's stack holds 64; error 303 before). The set is sharded and agrees."""
    assert MAX_STACK == 64
    out = run_child(
        [{"activity.asn_mobilised": {"gte": i}} for i in range(65)],
        [{"activity.asn_mobilised": 1000}, {"activity.asn_mobilised": 3}, {}],
    )
    assert out["shards"] == 2
    assert out["durable"] == out["python"] == [list(range(65)), [0, 1, 2, 3], []]


def test_a_1200_rule_set_works_on_durable_and_agrees_with_python() -> None:
    """1,200 rules mixing kinds, statuses, thresholds and negations (durable failed with
    error 107 or 303 on one ruleset) are sharded and give python's matches."""
    kinds = ["campaign_attendance", "social_media_post", "goods_giving", "banner_display"]
    conditions = [
        {
            "all": [
                {"activity.kind": {"in": [kinds[i % 4], kinds[(i + 1) % 4]]}},
                {"asn.status": "PNS" if i % 3 else "PPPK"},
                {"activity.asn_mobilised": {"gte": i % 50}},
                {"not": {"asn.region": f"Kabupaten {i}"}},
            ]
        }
        for i in range(1200)
    ]
    records: list[dict[str, Any]] = [
        {
            "activity.kind": "social_media_post",
            "asn.status": "PNS",
            "activity.asn_mobilised": 100,
            "asn.region": "Kabupaten 7",
        },
        {"activity.kind": "goods_giving", "asn.status": "PPPK", "activity.asn_mobilised": 10},
        {"activity.kind": "candidacy"},
    ]
    out = run_child(conditions, records)
    assert out["shards"] > 1
    assert out["durable"] == out["python"]
    assert [len(m) for m in out["python"]] == [400, 44, 0]


def _shipped() -> CompiledRuleSet:
    return get_engine().rules


def _one_rule(condition: Any) -> CompiledRuleSet:
    base = _shipped().rules[0]
    cond = parse_condition(condition)
    rule = replace(
        base,
        number=0,
        provision=base.provision.model_copy(update={"when": cond}),
        kinds=None,
    )
    return CompiledRuleSet(
        regulations=_shipped().regulations,
        rules=(rule,),
        by_kind={},
        any_kind=(rule,),
        coverage={},
    )


def test_a_rule_durable_cannot_hold_is_refused_up_front() -> None:
    """An `in` list of 5,000 values needs 42 all/any groups (two for each of its 20 chunks of
    255, one `any` and the rule's `all`; durable allows 15): the engine refuses it up front,
    naming the provision and the limit."""
    rules = _one_rule({"asn.region": {"in": [f"R{i}" for i in range(5000)]}})
    with pytest.raises(BackendUnavailableError) as info:
        DurableEngine(rules)
    rule = rules.rules[0]
    assert str(info.value) == (
        f"the durable backend cannot run provision {rule.provision.id} "
        f"({rule.provision.citation}, {rule.regulation.key}): its condition needs 42 all/any "
        "groups in one rule (after long lists are split); durable-rules 2.0.28 allows 15; use "
        "the python backend, or split the condition (an `in` list is split every 255 values, "
        "each part taking two groups)"
    )


@st.composite
def _expressions(draw: st.DrawFn) -> list[Any]:
    keys = ["a", "b", "c"]
    leaf = st.one_of(
        st.builds(lambda k, v: {k: v}, st.sampled_from(keys), st.integers(0, 40)),
        st.builds(lambda k, v: {"$gte": {k: v}}, st.sampled_from(keys), st.integers(0, 40)),
        st.builds(lambda k: {"$nex": {k: 1}}, st.sampled_from(keys)),
    )
    tree = st.recursive(
        leaf,
        lambda inner: st.one_of(
            st.builds(lambda xs: {"$and": xs}, st.lists(inner, min_size=2, max_size=4)),
            st.builds(lambda xs: {"$or": xs}, st.lists(inner, min_size=2, max_size=4)),
        ),
        max_leaves=8,
    )
    bodies = draw(st.lists(tree, min_size=1, max_size=200))
    return [{"$and": [{MARKER: "fact"}, body]} for body in bodies]


@settings(max_examples=examples(100))
@given(_expressions())
def test_every_shard_fits_and_the_shards_keep_every_rule_in_order(exprs: list[Any]) -> None:
    """pack cuts a rule list into consecutive runs, each within every durable table, and a
    run is not cut where the next rule would still have fitted."""
    from netralitas_rules.engine.durable_limits import pack

    def refuse(index: int, limits: Any) -> None:
        raise AssertionError(f"rule {index} alone: {limits}")

    starts = pack(exprs, refuse)
    bounds = [*starts, len(exprs)]
    assert starts[0] == 0
    assert bounds == sorted(set(bounds))
    for a, b in itertools.pairwise(bounds):
        assert over_limits(exprs[a:b]) == []
        if b < len(exprs):
            assert over_limits(exprs[a : b + 1]) != []


def test_the_network_shares_tests_as_durable_does() -> None:
    """Equal tests on one node are one node; an `$or` hangs its branches on the node before
    it and ends each branch on a node of its own."""
    net = Network()
    net.add({"$and": [{MARKER: "fact"}, {"$or": [{"a": 1}, {"a": 2}]}]})
    net.add({"$and": [{MARKER: "fact"}, {"$or": [{"a": 1}, {"a": 3}]}]})
    worst = net.worst()
    assert worst["branches"] == 3  # a=1, a=2, a=3 under the marker
    assert worst["or_ends"] == 2  # a=1 ends both rules' `$or`
    assert worst["rule_ends"] == 1


# --------------------------------------------------------------------------- lint


def test_lint_warns_about_a_rule_durable_cannot_hold(
    rules_dir: RulesDir, capsys: pytest.CaptureFixture[str]
) -> None:
    """`rules lint` exits 0 (python runs the rule) and warns at the provision's `when` line,
    in Indonesian by default and in English with --lang en."""
    values = ", ".join(f"R{i}" for i in range(5000))
    text = replaced(
        RULE_YAML,
        "        - candidate.office: DPD\n",
        f"        - candidate.office: DPD\n        - asn.region: {{in: [{values}]}}\n",
    )
    root = rules_dir({"pp-1-2000/2000-01-01.yaml": text})
    assert main(["rules", "lint", str(root)]) == 0
    out, err = capsys.readouterr()
    assert out == "tidak ada masalah: 1 versi dari 1 instrumen, 1 ketentuan\n"
    assert err.replace(str(root), "R") == (
        "R/pp-1-2000/2000-01-01.yaml:20:5: provisions[0].when: backend durable tidak dapat "
        "menjalankan ketentuan pp1-1: kondisinya memerlukan 42 kelompok all/any dalam satu "
        "aturan (setelah daftar panjang dipecah); durable-rules 2.0.28 mengizinkan 15; backend "
        "python (bawaan) tetap menjalankannya (peringatan)\n"
    )
    assert main(["rules", "lint", "--lang", "en", str(root)]) == 0
    assert capsys.readouterr().err.replace(str(root), "R") == (
        "R/pp-1-2000/2000-01-01.yaml:20:5: provisions[0].when: the durable backend cannot run "
        "provision pp1-1: its condition needs 42 all/any groups in one rule (after long lists "
        "are split); durable-rules 2.0.28 allows 15; the python backend (the default) runs it "
        "(warning)\n"
    )


def test_the_shipped_rules_fit_one_durable_ruleset(capsys: pytest.CaptureFixture[str]) -> None:
    """The shipped corpus lints without durable warnings and runs as one ruleset."""
    assert main(["rules", "lint"]) == 0
    assert capsys.readouterr().err == ""
    assert len(DurableEngine(_shipped()).shards) == 1


# --------------------------------------------------------------------------- engine lifetime


class _Counted(DurableEngine):
    built = 0

    def __init__(self, rules: CompiledRuleSet) -> None:
        type(self).built += 1
        super().__init__(rules)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> type[_Counted]:
    """Count durable engines built through get_engine, starting from an empty cache."""
    monkeypatch.setattr(engine_package, "_ENGINES", OrderedDict())
    monkeypatch.setattr(durable_backend, "DurableEngine", _Counted)
    _Counted.built = 0
    return _Counted


def test_evaluate_on_durable_builds_one_engine_for_many_calls(counted: type[_Counted]) -> None:
    """200 top-level evaluate(backend='durable') calls build one engine (one per call
    before, never freed: 9.3 GB after 4,000 calls) and answer as python does."""
    case = load_case(SEED_CASE)
    reports = [evaluate(case, backend="durable") for _ in range(200)]
    assert counted.built == 1
    expected = evaluate(case).model_dump(exclude={"stamp"})
    assert all(r.model_dump(exclude={"stamp"}) == expected for r in reports)


def _version_dir(rules_dir: RulesDir, n: int) -> Path:
    text = replaced(RULE_YAML, "id: pp1-1", f"id: pp1-{n}")
    return rules_dir({f"set-{n}/pp-1-2000/2000-01-01.yaml": text}) / f"set-{n}"


def test_engines_are_shared_by_content_and_bounded(
    counted: type[_Counted], rules_dir: RulesDir
) -> None:
    """Equal rule sets loaded twice share one engine (content hash, not id()); 20 distinct
    sets build 20 engines, of which the cache keeps ENGINE_CACHE_SIZE, and the dropped ones
    free their durable rulesets."""
    gc.collect()
    before = live_rulesets()
    first = get_engine("durable", load_regulations([_version_dir(rules_dir, 0)]))
    again = get_engine("durable", load_regulations([_version_dir(rules_dir, 0)]))
    assert again is first
    assert counted.built == 1
    del first, again
    for n in range(1, 20):
        get_engine("durable", load_regulations([_version_dir(rules_dir, n)]))
    assert counted.built == 20
    assert len(engine_package._ENGINES) == ENGINE_CACHE_SIZE
    gc.collect()
    assert live_rulesets() - before == ENGINE_CACHE_SIZE


def test_a_dropped_engine_frees_its_rulesets() -> None:
    """Dropping a durable engine deletes its rulesets from durable's C table, as close() does."""
    gc.collect()
    before = live_rulesets()
    engines = [DurableEngine(_shipped()) for _ in range(5)]
    assert live_rulesets() == before + 5
    engines[0].close()
    assert live_rulesets() == before + 4
    del engines
    gc.collect()
    assert live_rulesets() == before
