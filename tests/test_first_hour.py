"""The first hour (#15 item 3): the example ships as package data and the CLI names its
version."""

from __future__ import annotations

import pytest

from netralitas_rules import __version__, examples, load_case
from netralitas_rules.cli import main


def test_the_seed_example_is_package_data() -> None:
    """`examples.path` finds the seed case wherever the package is, and it loads."""
    assert "muaro-jambi-2019" in examples.names()
    assert load_case(examples.path("muaro-jambi-2019")).id == "muaro-jambi-2019"
    assert examples.path("muaro-jambi-2019.yaml") == examples.path("muaro-jambi-2019")


def test_an_unknown_example_lists_the_shipped_ones() -> None:
    with pytest.raises(LookupError, match="no shipped example 'x'; shipped: muaro-jambi-2019"):
        examples.path("x")


def test_version_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out == f"netralitas-rules {__version__}\n"


def test_check_is_the_whole_answer_in_one_call() -> None:
    """`check(case)` gives the findings and the assessment (recommendation, routing,
    conflicts, audit) as one typed result; the seed case is under-sanctioned."""
    import datetime as dt

    from netralitas_rules import AssessedReport, Verdict, check, evaluate

    case = load_case(examples.path("muaro-jambi-2019"))
    answer = check(case, as_of=dt.date(2019, 7, 1))
    assert isinstance(answer, AssessedReport)
    assert answer.findings == evaluate(case).findings
    assert answer.assessment.audit.overall is Verdict.UNDER_SANCTIONED
    assert answer.assessment.recommendations


def test_recommend_and_audit_need_only_their_documented_arguments() -> None:
    """The top-level `recommend` and `audit` default the regulations, policy and routing to
    the shipped ones (they needed three internal arguments before)."""
    import datetime as dt

    from netralitas_rules import audit, evaluate, recommend

    case = load_case(examples.path("muaro-jambi-2019"))
    recs = recommend(evaluate(case), case)
    assert {r.track.value for r in recs} >= {"DISIPLIN", "ETIK"}
    assert audit(recs, case, as_of=dt.date(2019, 7, 1)).overall.value == "under_sanctioned"
