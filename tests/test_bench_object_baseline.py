"""The yardstick of ``make bench``: the hand-written object evaluator (bench/object_baseline.py)
agrees with the library on every case of its own corpus, for its 25 provisions, and that
corpus meets every one of them and both spouse exceptions."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from bench import object_baseline
from bench.object_corpus import generate_cases

from netralitas_rules.caseio import parse_case
from netralitas_rules.engine import get_engine
from netralitas_rules.models import Case

ENGINE = get_engine("python")
SUBSET = set(object_baseline.PROVISIONS)


@pytest.fixture(scope="module")
def cases() -> list[Case]:
    """The bench corpus, parsed once for the module (not at import: collection, which every
    pytest run and every xdist worker does, would pay for it)."""
    return [parse_case(json.dumps(c)) for c in generate_cases(3000, 20240214)]


def test_the_baseline_covers_real_provisions_of_the_shipped_corpus() -> None:
    """Every provision the baseline names is a provision the library ships."""
    assert {r.id for r in ENGINE.rules.rules} >= SUBSET
    assert len(SUBSET) == len(object_baseline.PROVISIONS) == 25


def test_the_baseline_agrees_with_the_library_on_every_corpus_case(cases: list[Case]) -> None:
    """For each case, the baseline names the acts, candidates and provisions that the
    library's hits and evaluate() findings name for those provisions."""
    for case in cases:
        want = sorted(object_baseline.evaluate(case))
        hits = sorted(
            (a.id, c.id if c else None, r.id) for a, c, r in ENGINE.hits(case) if r.id in SUBSET
        )
        found = sorted(
            (f.activity_id, f.candidate_id, f.provision_id)
            for f in ENGINE.evaluate(case).findings
            if f.provision_id in SUBSET
        )
        assert hits == want, case.id
        assert found == want, case.id


def test_the_corpus_meets_every_provision_and_exception(cases: list[Case]) -> None:
    """The corpus is varied enough to exercise each provision and the spouse exceptions."""
    met = Counter(pid for case in cases for _, _, pid in object_baseline.evaluate(case))
    assert set(met) == SUBSET
    withdrawn = Counter(
        e.provision_id for case in cases for e in ENGINE.evaluate(case).exceptions_applied
    )
    assert withdrawn["pp53-4-15-a"] > 0
    assert withdrawn["pp94-5-n-1"] > 0
