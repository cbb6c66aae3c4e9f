"""Coverage of rule files by policy-writer cases: provisions both ways, condition elements."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _policy_files import DEFAULTS, PASSING_CASES, write_rules
from _profiles import examples
from netralitas_rules import Case, compile_rules, load_regulations, parse_condition
from netralitas_rules.engine import CompiledRuleSet, get_engine
from netralitas_rules.testing.cases import (
    Absent,
    CaseResult,
    ExpectedFinding,
    PolicyCase,
    parse_test_file,
    run_case,
)
from netralitas_rules.testing.coverage import condition_elements, measure
from netralitas_rules.testing.strategies import cases

BANNERS = DEFAULTS + (
    "cases:\n"
    "  - name: A PNS who puts up a candidate's banner in the Pilkada breaches angka 1\n"
    "    activities:\n"
    "      - {id: a1, date: 2024-10-01, kind: banner_display, candidate_ids: [c1]}\n"
    "    expect:\n"
    "      findings: [{provision: se-contoh-1}]\n"
    "  - name: A PNS who puts up a banner in the Pemilu breaches nothing here\n"
    "    election: pemilu-2024\n"
    "    activities:\n"
    "      - {id: a1, date: 2024-03-02, kind: banner_display}\n"
    "    expect:\n"
    "      findings: []\n"
    "      absent: [se-contoh-1]\n"
    "  - name: A PNS who shares a post during the campaign breaches angka 2\n"
    "    activities:\n"
    "      - {id: a1, date: 2024-10-01, kind: social_media_share, candidate_ids: [c1]}\n"
    "    expect:\n"
    "      findings: [{provision: se-contoh-2}]\n"
)


def _rules(tmp: Path) -> CompiledRuleSet:
    return compile_rules(load_regulations([write_rules(tmp)]))


@pytest.fixture(scope="module")
def rules(tmp_path_factory: pytest.TempPathFactory) -> CompiledRuleSet:
    """The hypothetical circular, compiled."""
    return _rules(tmp_path_factory.mktemp("rules"))


def _results(text: str, rules: CompiledRuleSet) -> list[CaseResult]:
    engine = get_engine("python", rules)
    return [run_case(c, engine) for c in parse_test_file(text, "t.yaml").cases]


def test_elements_are_named_by_their_path_in_the_tree() -> None:
    """Each comparison leaf gets its path: all/any indexes and not."""
    cond = parse_condition(
        {
            "all": [
                {"activity.kind": "banner_display"},
                {"any": [{"asn.status": "PNS"}, {"not": {"activity.public": True}}]},
            ]
        }
    )
    assert [p for p, _ in condition_elements(cond)] == [
        "when.all[0]",
        "when.all[1].any[0]",
        "when.all[1].any[1].not",
    ]


def test_firing_and_boundary_cases_cover_a_provision_both_ways(rules: CompiledRuleSet) -> None:
    """se-contoh-1 fires in one case and is proven absent in another; its elements were
    seen true and false (the kind test false on the share)."""
    report = measure(_results(BANNERS, rules), rules)
    first, second = report.provisions
    assert (first.provision_id, first.fired, first.proven_absent, first.covered) == (
        "se-contoh-1",
        True,
        True,
        True,
    )
    assert [(e.path, e.seen_true, e.seen_false) for e in first.elements] == [
        ("when.all[0]", True, True),
        ("when.all[1]", True, True),
    ]
    assert (second.fired, second.proven_absent) == (True, False)
    assert report.never_fired == []
    assert report.provision_percent == 50.0


def test_both_files_together_cover_everything(rules: CompiledRuleSet) -> None:
    """The banner cases and the like cases together reach 100% both ways."""
    report = measure(_results(BANNERS, rules) + _results(PASSING_CASES, rules), rules)
    assert (report.provision_percent, report.element_percent) == (100.0, 100.0)
    assert report.summary("en") == (
        "coverage: provisions 2/2 (100.0%) fired and proven absent; condition elements 4/4 "
        "(100.0%) seen true and false"
    )


def test_a_version_not_in_force_is_not_evaluated(rules: CompiledRuleSet) -> None:
    """Judged as of a day before the circular, no element of it is evaluated."""
    text = DEFAULTS + (
        "cases:\n"
        "  - name: before\n"
        "    as_of: 2024-02-01\n"
        "    activities:\n"
        "      - {id: a1, date: 2024-10-01, kind: banner_display, candidate_ids: [c1]}\n"
        "    expect: {findings: []}\n"
    )
    report = measure(_results(text, rules), rules)
    assert report.render(details=True, lang="en").splitlines() == [
        "provision    fired  absent  elements",
        "se-contoh-1  no     no      0/2",
        "    when.all[0]: activity.kind = banner_display: never evaluated",
        "    when.all[1]: election.kind = PILKADA: never evaluated",
        "se-contoh-2  no     no      0/2",
        "    when.all[0]: activity.kind in [social_media_like, social_media_share]: never "
        "evaluated",
        "    when.all[1]: activity.campaign_phase = during_campaign: never evaluated",
        "never fired: se-contoh-1, se-contoh-2",
        "coverage: provisions 0/2 (0.0%) fired and proven absent; condition elements 0/4 "
        "(0.0%) seen true and false",
    ]


def _policy(case: Case, rules: CompiledRuleSet) -> PolicyCase:
    """A case expecting exactly what it finds and the absence of everything else."""
    report = get_engine("python", rules).evaluate(case)
    fired = {f.provision_id for f in report.findings}
    expected = tuple(ExpectedFinding(1, {"provision": f.provision_id}) for f in report.findings)
    absent = tuple(Absent(1, r.id) for r in rules.rules if r.id not in fired)
    return PolicyCase("t.yaml", 1, case.id, case, None, expected, False, absent)


@settings(max_examples=examples(100))
@given(st.lists(cases(election="pilkada-2024", max_activities=3), min_size=1, max_size=4))
def test_more_cases_never_lower_coverage(drawn: list[Case]) -> None:
    """Coverage of a prefix of the cases never exceeds coverage of all of them."""
    rules = _HYP_RULES
    engine = get_engine("python", rules)
    results = [run_case(_policy(c, rules), engine) for c in drawn]
    assert all(r.passed for r in results)
    whole = measure(results, rules)
    part = measure(results[:-1], rules)
    assert 0.0 <= part.provision_percent <= whole.provision_percent <= 100.0
    assert 0.0 <= part.element_percent <= whole.element_percent <= 100.0
    assert set(whole.never_fired) <= set(part.never_fired)


def _hyp_rules() -> CompiledRuleSet:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        return _rules(Path(tmp))


_HYP_RULES = _hyp_rules()
