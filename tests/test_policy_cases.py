"""Policy-writer test files: reading, running, matching expectations, and `netralitas test`."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _policy_files import DEFAULTS, PASSING_CASES, RULE_FILE, write_rules, write_tests
from _profiles import examples
from netralitas_rules import CaseFileError, compile_rules, get_engine, load_regulations
from netralitas_rules.cli import main
from netralitas_rules.engine import Engine
from netralitas_rules.testing.cases import (
    ExpectedFinding,
    PolicyCase,
    case_id,
    discover,
    load_test_file,
    parse_test_file,
    run_case,
    run_cases,
)
from netralitas_rules.testing.strategies import cases


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """An engine over the hypothetical regional circular only."""
    root = write_rules(tmp_path_factory.mktemp("rules"))
    return get_engine("python", compile_rules(load_regulations([root])))


def _run(text: str, engine: Engine, lang: str = "en") -> list[str]:
    """Each case's result as ``describe`` says it, in English unless told (the Indonesian
    default is pinned in test_policy_test_language.py)."""
    test_file = parse_test_file(text, "t.yaml")
    return [run_case(c, engine).describe(lang) for c in test_file.cases]


def test_cases_carry_their_line_name_and_derived_id() -> None:
    """Each case knows its line, its name and the id derived from the name."""
    test_file = parse_test_file(PASSING_CASES, "t.yaml")
    first, second = test_file.cases
    assert (first.line, second.line) == (8, 15)
    assert first.id == "a-pns-who-likes-a-candidate-s-post-during-the-campaign-breaches-angka-2"
    assert first.where == (
        't.yaml:8: case "A PNS who likes a candidate\'s post during the campaign breaches angka 2"'
    )
    assert first.expected is not None
    assert first.expected[0].line == 13
    assert [(a.line, a.provision) for a in first.absent] == [(14, "se-contoh-1")]


def test_defaults_are_merged_key_by_key() -> None:
    """A case's key replaces the default of that key whole; other defaults stay."""
    text = DEFAULTS + (
        "cases:\n"
        "  - name: own candidates\n"
        "    candidates: [{id: c9, office: WALI_KOTA}]\n"
        "    expect: {absent: [se-contoh-1]}\n"
    )
    (case,) = parse_test_file(text, "t.yaml").cases
    assert [c.id for c in case.case.candidates] == ["c9"]
    assert case.case.asn.id == "asn-1"
    assert case.case.election.id == "pilkada-2024"


def test_passing_cases_pass(engine: Engine) -> None:
    """A firing case and its boundary case both pass against the circular."""
    assert _run(PASSING_CASES, engine) == [
        "t.yaml:8: case \"A PNS who likes a candidate's post during the campaign breaches "
        'angka 2": passed',
        "t.yaml:15: case 'A PNS who likes a post the day before the campaign breaches "
        "nothing': passed",
    ]


def test_an_unexpected_finding_fails_an_exact_case_side_by_side(engine: Engine) -> None:
    """Exact matching: an extra finding fails the case, shown beside the expectations."""
    text = DEFAULTS + (
        "cases:\n"
        "  - name: two likes\n"
        "    activities:\n"
        "      - {id: a1, date: 2024-10-01, kind: social_media_like, candidate_ids: [c1, c2]}\n"
        "    expect:\n"
        "      findings:\n"
        "        - {provision: se-contoh-2, candidate: c2}\n"
    )
    assert _run(text, engine) == [
        "t.yaml:8: case 'two likes': failed\n"
        "  judged on each act's own date\n"
        "     expected (exact)                  | actual\n"
        "  ok line 13: se-contoh-2 candidate=c2 | se-contoh-2 activity=a1 candidate=c2 "
        "track=ETIK tier=null version=se-bupati-contoh-2024@2024-03-01\n"
        "  ++ (none)                            | se-contoh-2 activity=a1 candidate=c1 "
        "track=ETIK tier=null version=se-bupati-contoh-2024@2024-03-01"
    ]


def test_partial_allows_extra_findings(engine: Engine) -> None:
    """With partial: true the same expectation passes despite the extra finding."""
    text = DEFAULTS + (
        "cases:\n"
        "  - name: two likes\n"
        "    activities:\n"
        "      - {id: a1, date: 2024-10-01, kind: social_media_like, candidate_ids: [c1, c2]}\n"
        "    expect:\n"
        "      partial: true\n"
        "      findings:\n"
        "        - {provision: se-contoh-2, candidate: c2}\n"
    )
    assert _run(text, engine) == ["t.yaml:8: case 'two likes': passed"]


def test_expectations_match_findings_one_to_one(engine: Engine) -> None:
    """Two findings satisfy two equal expectations, but not three."""
    base = DEFAULTS + (
        "cases:\n"
        "  - name: two likes\n"
        "    activities:\n"
        "      - {id: a1, date: 2024-10-01, kind: social_media_like, candidate_ids: [c1, c2]}\n"
        "    expect:\n"
        "      findings:\n"
    )
    two = base + "        - {provision: se-contoh-2}\n" * 2
    three = base + "        - {provision: se-contoh-2}\n" * 3
    assert _run(two, engine) == ["t.yaml:8: case 'two likes': passed"]
    (failed,) = _run(three, engine)
    assert failed.splitlines()[-1] == "  -- line 15: se-contoh-2 | (none)"


def test_matching_does_not_let_a_loose_expectation_steal_a_finding(engine: Engine) -> None:
    """A loose expectation listed first must not take the only finding a strict one fits."""
    text = DEFAULTS + (
        "cases:\n"
        "  - name: two likes\n"
        "    activities:\n"
        "      - {id: a1, date: 2024-10-01, kind: social_media_like, candidate_ids: [c1, c2]}\n"
        "    expect:\n"
        "      findings:\n"
        "        - {provision: se-contoh-2}\n"
        "        - {provision: se-contoh-2, candidate: c1}\n"
    )
    assert _run(text, engine) == ["t.yaml:8: case 'two likes': passed"]


def test_a_tier_given_as_null_means_no_tier(engine: Engine) -> None:
    """tier: null matches an ETIK finding; tier: RINGAN does not."""
    text = DEFAULTS + (
        "cases:\n"
        "  - name: like\n"
        "    activities:\n"
        "      - {id: a1, date: 2024-10-01, kind: social_media_like, candidate_ids: [c1]}\n"
        "    expect:\n"
        "      findings: [{provision: se-contoh-2, tier: RINGAN}]\n"
    )
    (failed,) = _run(text, engine)
    assert "  -- line 12: se-contoh-2 tier=RINGAN | (none)" in failed.splitlines()
    assert _run(text.replace("RINGAN", "null"), engine) == ["t.yaml:8: case 'like': passed"]


def test_a_provision_listed_absent_that_fires_fails(engine: Engine) -> None:
    """absent names provisions that must not fire; when one does, the case says where."""
    text = DEFAULTS + (
        "cases:\n"
        "  - name: like\n"
        "    activities:\n"
        "      - {id: a1, date: 2024-10-01, kind: social_media_like, candidate_ids: [c1]}\n"
        "    expect:\n"
        "      absent: [se-contoh-2]\n"
    )
    assert _run(text, engine) == [
        "t.yaml:8: case 'like': failed\n"
        "  judged on each act's own date\n"
        "  line 12: se-contoh-2 must be absent but fired: se-contoh-2 activity=a1 candidate=c1 "
        "track=ETIK tier=null version=se-bupati-contoh-2024@2024-03-01"
    ]


def test_as_of_judges_under_the_law_of_that_date(engine: Engine) -> None:
    """as_of before the circular took effect: the same like breaches nothing."""
    text = DEFAULTS + (
        "cases:\n"
        "  - name: like judged before the circular\n"
        "    as_of: 2024-02-29\n"
        "    activities:\n"
        "      - {id: a1, date: 2024-10-01, kind: social_media_like, candidate_ids: [c1]}\n"
        "    expect:\n"
        "      findings: [{provision: se-contoh-2}]\n"
    )
    (failed,) = _run(text, engine)
    assert failed.splitlines()[:2] == [
        "t.yaml:8: case 'like judged before the circular': failed",
        "  judged as of 2024-02-29",
    ]
    (case,) = parse_test_file(text, "t.yaml").cases
    assert case.as_of == dt.date(2024, 2, 29)


def test_an_unknown_provision_is_named_with_a_suggestion(engine: Engine) -> None:
    """A misspelt provision id fails the case with a did-you-mean."""
    text = DEFAULTS + (
        "cases:\n"
        "  - name: like\n"
        "    activities:\n"
        "      - {id: a1, date: 2024-09-01, kind: social_media_like, candidate_ids: [c1]}\n"
        "    expect:\n"
        "      absent: [se-contoh-3]\n"
    )
    (failed,) = _run(text, engine)
    assert (
        failed.splitlines()[2] == "  unknown provision 'se-contoh-3'; did you mean 'se-contoh-2'?"
    )


def test_a_bad_test_file_lists_every_problem_with_its_place() -> None:
    """Unknown keys, a bad tier, a missing expect, a bad fact: all at once, positioned."""
    text = (
        "defaults:\n"
        "  election: pilkada-2042\n"
        "cases:\n"
        "  - name: x\n"
        "    id: x\n"
        "    asn: {id: asn-1, status: PNX, position_kind: PELAKSANA}\n"
        "    expect:\n"
        "      findings: [{provison: a, tier: MEDIUM}]\n"
        "  - name: y\n"
        "    election: pilkada-2024\n"
        "    asn: {id: asn-1, status: PNS, position_kind: PELAKSANA}\n"
        "  - name: Y\n"
        "    election: pilkada-2024\n"
        "    asn: {id: asn-1, status: PNS, position_kind: PELAKSANA}\n"
        "    as_of: yesterday\n"
        "    expect: {}\n"
    )
    with pytest.raises(CaseFileError) as info:
        parse_test_file(text, "t.yaml")
    assert str(info.value).splitlines() == [
        "t.yaml:2:3: defaults.election: unknown election 'pilkada-2042'; did you mean "
        "'pilkada-2024'?; shipped calendars: pemilu-2019, pemilu-2024, pilkada-2015, "
        "pilkada-2017, pilkada-2018, pilkada-2020, pilkada-2024, or give the calendar inline",
        "t.yaml:5:5: cases[0].id: unknown key 'id' (the case id is derived from the name); "
        "allowed: activities, as_of, asn, candidates, election, expect, imposed_sanctions, "
        "name, notes, officials, relationships, ties",
        "t.yaml:8:18: cases[0].expect.findings[0]: an expected finding needs provision; add it",
        "t.yaml:8:19: cases[0].expect.findings[0].provison: unknown key 'provison'; did you "
        "mean 'provision'?; allowed: activity, candidate, provision, tier, track, version",
        "t.yaml:8:32: cases[0].expect.findings[0].tier: 'MEDIUM' is not a tier; allowed: "
        "RINGAN, SEDANG, BERAT, or null for no tier",
        "t.yaml:9:5: cases[1].expect: every case needs expect: a mapping with findings, partial "
        "and/or absent",
        "t.yaml:12:5: cases[2].name: the name gives case id 'y', as cases[1] does; give each "
        "case its own name",
        "t.yaml:15:5: cases[2].as_of: 'yesterday' is not a date; write YYYY-MM-DD",
        "t.yaml:16:5: cases[2].expect: expect checks nothing; give findings and/or absent",
    ]


def test_case_fact_problems_point_into_the_case_or_the_defaults() -> None:
    """A bad fact in the defaults is reported at the defaults, one in a case at the case."""
    text = (
        "defaults:\n"
        "  election: pilkada-2024\n"
        "  asn: {id: asn-1, status: PNX, position_kind: PELAKSANA}\n"
        "cases:\n"
        "  - name: x\n"
        "    activities:\n"
        "      - {id: a1, date: 2024-10-01, kind: social_media_like, candidate_ids: [c9]}\n"
        "    expect: {absent: [se-contoh-1]}\n"
    )
    with pytest.raises(CaseFileError) as info:
        parse_test_file(text, "t.yaml")
    assert str(info.value) == (
        "t.yaml:3:20: defaults.asn.status: 'PNX' is not allowed; did you mean 'PNS'?; "
        "allowed: 'PNS', 'PPPK' or 'CPNS'"
    )
    fixed = text.replace("PNX", "PNS")
    with pytest.raises(CaseFileError) as info:
        parse_test_file(fixed, "t.yaml")
    assert str(info.value) == (
        "t.yaml:7:77: cases[0].activities[0].candidate_ids[0]: unknown candidate 'c9'; "
        "known candidates: none"
    )


def test_yaml_syntax_and_shape_errors_are_positioned() -> None:
    """Broken YAML, a list document and a missing cases list each give one clear problem."""
    with pytest.raises(CaseFileError) as info:
        parse_test_file("cases: [\n", "t.yaml")
    assert str(info.value).startswith("t.yaml:2:1: (document): YAML syntax: ")
    with pytest.raises(CaseFileError) as info:
        parse_test_file("- a\n", "t.yaml")
    assert str(info.value) == (
        "t.yaml:1:1: (document): a test file is a mapping with 'cases' (and 'defaults')"
    )
    with pytest.raises(CaseFileError) as info:
        parse_test_file("defaults: {}\ncase: []\n", "t.yaml")
    assert str(info.value).splitlines() == [
        "t.yaml:1:1: cases: cases is a non-empty list of cases; add at least one",
        "t.yaml:2:1: case: unknown key 'case'; did you mean 'cases'?; allowed: cases, defaults",
    ]


def test_a_missing_file_is_a_case_file_error(tmp_path: Path) -> None:
    """An unreadable test file is a positioned problem, not an OSError."""
    with pytest.raises(CaseFileError) as info:
        load_test_file(tmp_path / "none.yaml")
    assert (
        str(info.value)
        == f"{tmp_path / 'none.yaml'}:1:1: (document): cannot read the file: No such file or "
        "directory"
    )


def test_discover_takes_yaml_files_in_tests_folders(tmp_path: Path) -> None:
    """A folder gives the YAML files inside its tests folders, not its rule files."""
    write_rules(tmp_path)
    path = write_tests(tmp_path, PASSING_CASES)
    (path.parent / "notes.txt").write_text("x")
    assert discover([tmp_path]) == [path]
    assert discover([path.parent]) == [path]
    with pytest.raises(CaseFileError) as info:
        discover([tmp_path / "nowhere"])
    assert str(info.value) == f"{tmp_path / 'nowhere'}:1:1: (document): no such file or folder"


@given(st.text(max_size=300))
def test_case_ids_are_slugs(name: str) -> None:
    """A derived id is a non-empty slug of at most 200 characters, stable under itself."""
    ident = case_id(name)
    assert 0 < len(ident) <= 200
    assert set(ident) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")
    assert case_id(ident) == ident


@settings(max_examples=examples(200))
@given(cases(election="pilkada-2024", max_activities=4))
def test_the_actual_findings_as_exact_expectations_pass(case: object) -> None:
    """Listing every actual finding with all its keys passes; dropping one fails."""
    from netralitas_rules import Case

    assert isinstance(case, Case)
    rules_engine = _ENGINE
    report = rules_engine.evaluate(case)
    expected = tuple(
        ExpectedFinding(
            1,
            {
                "provision": f.provision_id,
                "activity": f.activity_id,
                "candidate": f.candidate_id,
                "track": f.track.value,
                "tier": None,
                "version": f.version,
            },
        )
        for f in report.findings
    )
    policy = PolicyCase("t.yaml", 1, "n", case, None, expected, False, ())
    assert run_case(policy, rules_engine).passed
    if expected:
        fewer = PolicyCase("t.yaml", 1, "n", case, None, expected[1:], False, ())
        assert not run_case(fewer, rules_engine).passed
        assert run_case(
            PolicyCase("t.yaml", 1, "n", case, None, expected[1:], True, ()), rules_engine
        ).passed


def _circular_engine() -> Engine:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        return get_engine("python", compile_rules(load_regulations([write_rules(Path(tmp))])))


_ENGINE = _circular_engine()


def test_run_cases_runs_every_case_of_every_file(engine: Engine) -> None:
    """run_cases yields one result per case, in file order."""
    files = [parse_test_file(PASSING_CASES, "a.yaml"), parse_test_file(PASSING_CASES, "b.yaml")]
    results = list(run_cases(files, engine.rules))
    assert [(r.case.file, r.passed) for r in results] == [
        ("a.yaml", True),
        ("a.yaml", True),
        ("b.yaml", True),
        ("b.yaml", True),
    ]


def test_the_rule_file_used_here_lints_clean(tmp_path: Path) -> None:
    """The hypothetical circular is a valid rule file (guards the fixtures above)."""
    regs = load_regulations([write_rules(tmp_path)])
    assert [p.id for _, p in regs.provisions()] == ["se-contoh-1", "se-contoh-2"]
    assert RULE_FILE.startswith("instrument:")


# --------------------------------------------------------------------------- the CLI


def test_cli_prints_failures_and_the_summary_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`netralitas test` prints each failure, then `N passed, M failed`; exit 1."""
    write_rules(tmp_path)
    failing = PASSING_CASES.replace("absent: [se-contoh-2]", "absent: [se-contoh-1]").replace(
        "date: 2024-09-24", "date: 2024-09-25"
    )
    path = write_tests(tmp_path, failing)
    code = main(["test", str(tmp_path), "--rules", str(tmp_path), "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 1
    assert out.splitlines() == [
        f"{path}:15: case 'A PNS who likes a post the day before the campaign breaches "
        "nothing': failed",
        "  judged on each act's own date",
        "     expected (exact) | actual",
        "  ++ (none)           | se-contoh-2 activity=a1 candidate=c1 track=ETIK tier=null "
        "version=se-bupati-contoh-2024@2024-03-01",
        "",
        "1 passed, 1 failed",
    ]


def test_cli_reports_coverage_and_fails_under_the_threshold(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--coverage lists each provision, the never-fired ones, and fails below --threshold."""
    write_rules(tmp_path)
    write_tests(tmp_path, PASSING_CASES)
    code = main(["--lang", "en", "test", str(tmp_path), "--rules", str(tmp_path), "--coverage"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.splitlines() == [
        "provision    fired  absent  elements",
        "se-contoh-1  no     yes     0/2",
        "se-contoh-2  yes    yes     1/2",
        "never fired: se-contoh-1",
        "coverage: provisions 1/2 (50.0%) fired and proven absent; condition elements 1/4 "
        "(25.0%) seen true and false",
        "2 passed, 0 failed",
    ]
    code = main(
        [
            *("test", str(tmp_path), "--rules", str(tmp_path)),
            *("--coverage", "--threshold", "100", "--lang", "en"),
        ]
    )
    out = capsys.readouterr().out
    assert code == 1
    assert out.splitlines()[-2:] == [
        "provision coverage 50.0% is below the threshold 100%",
        "2 passed, 0 failed",
    ]


def test_cli_exits_2_on_a_bad_test_file_or_no_test_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Invalid input is exit 2 with the positioned problems, never a traceback."""
    write_rules(tmp_path)
    assert main(["test", str(tmp_path), "--rules", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"netralitas: tidak ada berkas uji di {tmp_path}; berkas uji adalah berkas YAML dalam "
        "folder 'tests', atau sebutkan berkasnya sendiri\n"
    )
    assert main(["--lang", "en", "test", str(tmp_path), "--rules", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"netralitas: no test files under {tmp_path}; test files are YAML files in a 'tests' "
        "folder, or name the files themselves\n"
    )
    path = write_tests(tmp_path, "cases: []\n")
    assert main(["test", str(path), "--rules", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"{path}:1:1: cases: cases adalah daftar kasus yang tidak kosong; tambahkan paling "
        "sedikit satu\n"
    )
    assert main(["--lang", "en", "test", str(path), "--rules", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"{path}:1:1: cases: cases is a non-empty list of cases; add at least one\n"
    )


def test_the_shipped_corpus_passes_its_cases_with_full_provision_coverage(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Every shipped case passes and every provision is covered both ways (threshold 100)."""
    code = main(["test", "--coverage", "--threshold", "100", "--lang", "en"])
    lines = capsys.readouterr().out.splitlines()
    assert lines[-3] == "never fired: (none)"
    assert re.fullmatch(
        r"coverage: provisions (\d+)/\1 \(100\.0%\) fired and proven absent; .*", lines[-2]
    ), lines[-2]
    assert re.fullmatch(r"\d+ passed, 0 failed", lines[-1]), lines[-1]
    assert code == 0
