"""The pytest plugin: policy-writer test files become one pytest item per case."""

from __future__ import annotations

import pytest

from _policy_files import PASSING_CASES, write_rules, write_tests

pytest_plugins = ["pytester"]

INI = """\
[pytest]
netralitas_case_paths = rules
netralitas_rule_paths = rules
"""


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    """A project folder with the hypothetical circular and its passing tests in rules/."""
    write_rules(pytester.path / "rules")
    write_tests(pytester.path / "rules", PASSING_CASES)
    return pytester


def test_each_case_is_an_item_and_passing_cases_pass(project: pytest.Pytester) -> None:
    """Two cases, two items named by the case ids; the rule file itself is not collected."""
    project.makeini(INI)
    result = project.runpytest("-v", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(
        [
            "rules/se-bupati-contoh-2024/tests/media-sosial.yaml::a-pns-who-likes-a-candidate-s-"
            "post-during-the-campaign-breaches-angka-2 PASSED*",
            "rules/se-bupati-contoh-2024/tests/media-sosial.yaml::a-pns-who-likes-a-post-the-day-"
            "before-the-campaign-breaches-nothing PASSED*",
        ]
    )


def test_a_failing_case_shows_file_line_name_and_findings_side_by_side(
    project: pytest.Pytester,
) -> None:
    """The failure names file:line and the case, then expected and actual side by side."""
    project.makeini(INI)
    write_tests(
        project.path / "rules",
        PASSING_CASES.replace("date: 2024-09-24", "date: 2024-09-25"),
    )
    result = project.runpytest("-p", "no:cacheprovider", "--netralitas-lang", "en")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "rules/se-bupati-contoh-2024/tests/media-sosial.yaml:15: case 'A PNS who likes a "
            "post the day before the campaign breaches nothing': failed",
            "  judged on each act's own date",
            "     expected (exact) | actual",
            "  ++ (none)           | se-contoh-2 activity=a1 candidate=c1 track=ETIK tier=null "
            "version=se-bupati-contoh-2024@2024-03-01",
            "  line 20: se-contoh-2 must be absent but fired: se-contoh-2 activity=a1 "
            "candidate=c1 track=ETIK tier=null version=se-bupati-contoh-2024@2024-03-01",
        ]
    )


def test_partial_and_as_of_work_under_pytest(project: pytest.Pytester) -> None:
    """partial: true tolerates extra findings; as_of judges under the law of that date."""
    project.makeini(INI)
    write_tests(
        project.path / "rules",
        PASSING_CASES.split("cases:")[0] + "cases:\n"
        "  - name: partial\n"
        "    activities:\n"
        "      - {id: a1, date: 2024-10-01, kind: social_media_like, candidate_ids: [c1, c2]}\n"
        "    expect:\n"
        "      partial: true\n"
        "      findings: [{provision: se-contoh-2, candidate: c1}]\n"
        "  - name: before the circular\n"
        "    as_of: 2024-02-29\n"
        "    activities:\n"
        "      - {id: a1, date: 2024-10-01, kind: social_media_like, candidate_ids: [c1]}\n"
        "    expect: {findings: []}\n",
        name="more.yaml",
    )
    result = project.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=4)


def test_a_bad_test_file_is_one_collection_error_with_positions(
    project: pytest.Pytester,
) -> None:
    """A malformed file is reported with path:line:col, not a traceback (and, as for any
    collection error, pytest stops before running tests)."""
    project.makeini(INI)
    write_tests(project.path / "rules", "cases:\n  - name: x\n    expect: {}\n", name="bad.yaml")
    result = project.runpytest("-p", "no:cacheprovider", "--netralitas-lang", "en")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        [
            "rules/se-bupati-contoh-2024/tests/bad.yaml:3:5: cases?0?.expect: expect checks "
            "nothing; give findings and/or absent",
        ]
    )
    result.stdout.no_fnmatch_line("*Traceback*")


def test_command_line_options_collect_cases_without_ini(project: pytest.Pytester) -> None:
    """--netralitas-cases and --netralitas-rules work without any ini option."""
    project.makepyfile(test_plain="def test_plain():\n    assert True\n")
    result = project.runpytest(
        "test_plain.py",
        "-p",
        "no:cacheprovider",
        "--netralitas-cases",
        "rules",
        "--netralitas-rules",
        "rules",
    )
    result.assert_outcomes(passed=3)


def test_nothing_is_collected_unless_configured(project: pytest.Pytester) -> None:
    """Without case paths the plugin leaves YAML files alone."""
    result = project.runpytest("-p", "no:cacheprovider", "rules")
    result.assert_outcomes()
    assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED


def test_a_bad_rule_file_fails_the_cases_with_its_problems(project: pytest.Pytester) -> None:
    """A rule-file problem is shown as its positioned message."""
    project.makeini(INI)
    rule = project.path / "rules" / "se-bupati-contoh-2024" / "2024-03-01.yaml"
    rule.write_text(rule.read_text().replace("track: ETIK", "track: ETHICS", 1))
    result = project.runpytest("-p", "no:cacheprovider", "--netralitas-lang", "en")
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(
        [
            "*/se-bupati-contoh-2024/2024-03-01.yaml:26:7: provisions?0?.consequence.track: "
            "'ETHICS' is not allowed; did you mean 'ETIK'?; allowed: *",
        ]
    )
