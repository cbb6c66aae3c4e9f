"""`netralitas test`, `netralitas prove`, the pytest plugin and `netralitas rules
catalogue|glossary` say their results in the language asked: Indonesian by default, with
none of the English their texts were; ``--lang en`` (``netralitas_lang = en`` for the
plugin) the English word for word, which the English tests beside each module pin
(test_policy_cases.py, test_coverage.py, test_properties.py, test_monotonicity.py,
test_pytest_plugin.py, test_catalogue.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import Phase, settings

from _policy_files import DEFAULTS, PASSING_CASES, write_rules, write_tests
from _problem_language import PLACEHOLDER, english_left
from netralitas_rules import load_regulations
from netralitas_rules.catalogue import regulations_markdown
from netralitas_rules.cli import main
from netralitas_rules.glossary import glossary_markdown
from netralitas_rules.loader import LoadedFile, RegulationSet, load_rule_file
from netralitas_rules.messages import CATALOGUES
from netralitas_rules.problemtext import catalogue
from netralitas_rules.testing import properties
from netralitas_rules.testing.answer import CaseAnswer, lowered
from netralitas_rules.testing.properties import (
    PROPERTY_NAMES,
    PropertyViolationError,
    check_monotonicity,
    check_temporal_partition,
)
from netralitas_rules.vocabulary import Tier, Track
from netralitas_rules.yamlpos import read_yaml
from test_cli_help_language import CODE, ENGLISH_WORDS
from test_properties import LOWERED_TIER, _version

pytest_plugins = ["pytester"]

# --------------------------------------------------------------------------- the English moved

MESSAGE_GROUPS = ("test.", "coverage.", "prove.", "catalogue.", "glossary.")
PROBLEM_GROUPS = ("problem.property.", "problem.test.")


def _fragments() -> set[str]:
    """The English of every text moved into the catalogues by this change, without what is
    filled in: each piece between placeholders with at least two words in it. The
    properties' ids (``property.*``: 'activity order' ...) are names ``--only`` takes, shown
    in quotes in every language, and the glossary's column of English glosses is the
    glossary's content: neither is counted."""
    english = [t for k, t in CATALOGUES["en"].items() if k.startswith(MESSAGE_GROUPS)]
    english += [t for k, t in catalogue("en").items() if k.startswith(PROBLEM_GROUPS)]
    english.remove(CATALOGUES["en"]["glossary.header"])
    pieces = PLACEHOLDER.split("\n".join(english))
    found = {p.strip(" ;:,()|\n`") for part in pieces for p in part.split("\n")}
    return {p for p in found if len(re.findall(r"[A-Za-z]{2,}", p)) >= 2} - set(PROPERTY_NAMES)


FRAGMENTS = _fragments()


def moved_english(text: str) -> list[str]:
    """The pieces of the moved English texts found in ``text``."""
    return sorted(f for f in FRAGMENTS if f in text)


def english_words(text: str) -> list[str]:
    """Common English words outside what ``text`` quotes (names, paths, test-file keys) and
    outside the conditions of rule files, shown as the files write them (``when...:``)."""
    said = "\n".join(line for line in text.splitlines() if not line.startswith("    when."))
    return ENGLISH_WORDS.findall(CODE.sub(" ", said))


def test_the_fragments_catch_the_english_they_come_from() -> None:
    """The check sees the English results (so the checks below are real)."""
    assert moved_english("1 passed, 0 failed") == []  # one word a piece: by the words check
    assert english_words("1 passed, 0 failed") == []
    assert "judged on each act's own date" in FRAGMENTS
    assert moved_english("  judged on each act's own date") == ["judged on each act's own date"]
    assert moved_english("coverage: provisions 1/2 (50.0%) fired and proven absent")
    assert moved_english("FAIL x: x: the PIDANA track disappeared")


# --------------------------------------------------------------------------- netralitas test

CASES = DEFAULTS + (
    "cases:\n"
    "  - name: PNS menyukai unggahan calon selama kampanye melanggar angka 2\n"
    "    activities:\n"
    "      - {id: a1, date: 2024-10-01, kind: social_media_like, candidate_ids: [c1]}\n"
    "    expect:\n"
    "      findings:\n"
    "        - {provision: se-contoh-2, activity: a1, track: ETIK}\n"
    "      absent: [se-contoh-1]\n"
    "  - name: PNS menyukai unggahan sehari sebelum kampanye tidak melanggar\n"
    "    activities:\n"
    "      - {id: a1, date: 2024-09-24, kind: social_media_like, candidate_ids: [c1]}\n"
    "    expect:\n"
    "      findings: []\n"
    "      absent: [se-contoh-2]\n"
)
FAILING = CASES.replace("date: 2024-09-24", "date: 2024-09-25") + (
    "  - name: PNS menyukai unggahan sebelum surat edaran berlaku\n"
    "    as_of: 2024-02-29\n"
    "    activities:\n"
    "      - {id: a1, date: 2024-10-01, kind: social_media_like, candidate_ids: [c1]}\n"
    "    expect:\n"
    "      partial: true\n"
    "      findings: [{provision: se-contoh-3}]\n"
)
ROW = (
    "se-contoh-2 activity=a1 candidate=c1 track=ETIK tier=null "
    "version=se-bupati-contoh-2024@2024-03-01"
)


def test_a_passing_run_with_its_coverage_in_indonesian(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each case passed (-v), the coverage table with the uncovered elements, both
    thresholds missed and the tally: Indonesian words, numbers with a decimal comma."""
    path = write_tests(write_rules(tmp_path), CASES)
    args = ["--coverage", "--threshold", "100", "--element-threshold", "90", "-v"]
    code = main(["test", str(tmp_path), "--rules", str(tmp_path), *args])
    out = capsys.readouterr().out
    assert code == 1
    assert out.splitlines() == [
        f"{path}:8: kasus 'PNS menyukai unggahan calon selama kampanye melanggar angka 2': lulus",
        f"{path}:15: kasus 'PNS menyukai unggahan sehari sebelum kampanye tidak melanggar': lulus",
        "ketentuan    muncul  tidak muncul  unsur",
        "se-contoh-1  tidak   ya            0/2",
        "    when.all[0]: activity.kind = banner_display: tidak pernah benar",
        "    when.all[1]: election.kind = PILKADA: tidak pernah dinilai",
        "se-contoh-2  ya      ya            1/2",
        "    when.all[0]: activity.kind in [social_media_like, social_media_share]: "
        "tidak pernah salah",
        "tidak pernah muncul: se-contoh-1",
        "cakupan: ketentuan 1/2 (50,0%) terbukti muncul dan terbukti tidak muncul; unsur "
        "syarat 1/4 (25,0%) pernah benar dan pernah salah",
        "cakupan ketentuan 50,0% di bawah ambang 100%",
        "cakupan unsur syarat 25,0% di bawah ambang 90%",
        "2 lulus, 0 gagal",
    ]
    assert moved_english(out) == []
    assert english_words(out) == []
    assert main(["test", str(tmp_path), "--rules", str(tmp_path), *args, "--lang", "en"]) == 1
    english = capsys.readouterr().out
    assert english.splitlines()[2:4] == [
        "provision    fired  absent  elements",
        "se-contoh-1  no     yes     0/2",
    ]
    assert english.splitlines()[-3:] == [
        "provision coverage 50.0% is below the threshold 100%",
        "element coverage 25.0% is below the threshold 90%",
        "2 passed, 0 failed",
    ]


def test_failing_cases_in_indonesian(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An unexpected finding, a provision that must stay absent, an as_of day in words, a
    provision the rules lack with its did-you-mean, partial matching: all in Indonesian."""
    path = write_tests(write_rules(tmp_path), FAILING)
    assert main(["test", str(tmp_path), "--rules", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert out.splitlines() == [
        f"{path}:15: kasus 'PNS menyukai unggahan sehari sebelum kampanye tidak melanggar': gagal",
        "  tiap perbuatan dinilai menurut hukum yang berlaku pada tanggalnya sendiri",
        "     diharapkan (persis) | hasilnya",
        f"  ++ (tidak ada)         | {ROW}",
        f"  baris 20: se-contoh-2 seharusnya tidak muncul, tetapi muncul: {ROW}",
        "",
        f"{path}:21: kasus 'PNS menyukai unggahan sebelum surat edaran berlaku': gagal",
        "  dinilai menurut hukum yang berlaku pada 29 Februari 2024",
        "  ketentuan 'se-contoh-3' tidak dikenal; maksudnya 'se-contoh-2'?",
        "     diharapkan (sebagian) | hasilnya",
        "  -- baris 27: se-contoh-3 | (tidak ada)",
        "",
        "1 lulus, 2 gagal",
    ]
    assert moved_english(out) == []
    assert english_words(out) == []
    assert main(["--lang", "en", "test", str(tmp_path), "--rules", str(tmp_path)]) == 1
    english = capsys.readouterr().out.splitlines()
    assert english[7:11] == [
        "  judged as of 2024-02-29",
        "  unknown provision 'se-contoh-3'; did you mean 'se-contoh-2'?",
        "     expected (partial)   | actual",
        "  -- line 27: se-contoh-3 | (none)",
    ]
    assert english[-1] == "1 passed, 2 failed"


def test_a_case_with_no_findings_either_side_in_indonesian(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An exact case expecting nothing that fails only on an absent provision named wrongly
    shows the empty comparison row in words."""
    text = DEFAULTS + (
        "cases:\n"
        "  - name: tanpa temuan\n"
        "    activities:\n"
        "      - {id: a1, date: 2024-09-01, kind: social_media_like, candidate_ids: [c1]}\n"
        "    expect: {findings: [], absent: [se-contoh-9]}\n"
    )
    path = write_tests(write_rules(tmp_path), text)
    assert main(["test", str(tmp_path), "--rules", str(tmp_path)]) == 1
    assert capsys.readouterr().out.splitlines()[4] == "     (tanpa temuan)      | (tanpa temuan)"
    assert main(["test", str(path), "--rules", str(tmp_path), "--lang", "en"]) == 1
    assert capsys.readouterr().out.splitlines()[4] == "     (no findings)    | (no findings)"


def test_the_shipped_corpus_in_indonesian(capsys: pytest.CaptureFixture[str]) -> None:
    """`netralitas test --coverage` on the shipped regulations: its table and tally carry
    none of the English moved."""
    assert main(["test", "--coverage"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split() == ["ketentuan", "muncul", "tidak", "muncul", "unsur"]
    assert lines[-3] == "tidak pernah muncul: (tidak ada)"
    assert re.fullmatch(
        r"cakupan: ketentuan (\d+)/\1 \(100,0%\) terbukti muncul dan terbukti tidak muncul; "
        r"unsur syarat \d+/\d+ \(\d+,\d%\) pernah benar dan pernah salah",
        lines[-2],
    ), lines[-2]
    assert re.fullmatch(r"\d+ lulus, 0 gagal", lines[-1]), lines[-1]
    assert moved_english(out) == []


# --------------------------------------------------------------------------- netralitas prove


def test_prove_names_each_property_in_indonesian_with_its_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each property has a description with its id in quotes (the name --only takes); the
    English keeps the id alone."""
    for name in PROPERTY_NAMES:
        key = f"property.{name.replace(' ', '_')}"
        assert CATALOGUES["en"][key] == name
        assert CATALOGUES["id"][key].endswith(f" ({name!r})")
    write_rules(tmp_path)
    only = ["--only", "temporal partition", "--only", "citation round trip"]
    assert main(["prove", str(tmp_path), "--examples", "3", *only]) == 0
    out = capsys.readouterr().out
    assert out == (
        "terpenuhi  versi tiap instrumen bersambung tanpa celah dan tanpa tumpang tindih "
        "('temporal partition')\n"
        "terpenuhi  kutipan tetap sama setelah ditulis lalu dibaca kembali "
        "('citation round trip')\n"
        "2 terpenuhi, 0 dilanggar\n"
    )
    assert moved_english(out) == []


def test_prove_says_a_violation_in_indonesian(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A broken property is DILANGGAR with its description and the violation's own words in
    Indonesian (days in words); with --lang en, FAIL and the English as before."""
    folder = tmp_path / "pp-9-2030"
    folder.mkdir()
    old, new = folder / "2020-01-01.yaml", folder / "2021-02-01.yaml"
    old.write_text(_version("2020-01-01", "2021-01-01"), encoding="utf-8")
    new.write_text(_version("2021-02-01", None), encoding="utf-8")
    unchecked = RegulationSet([_loaded(old), _loaded(new)])
    with pytest.raises(PropertyViolationError) as gap:
        check_temporal_partition(unchecked)

    def check_all(_rules: object, _chosen: settings, names: list[str]) -> None:
        if "temporal partition" in names:
            gap.value.property_name = "temporal partition"
            raise gap.value

    monkeypatch.setattr(properties, "check_all", check_all)
    rules = str(write_rules(tmp_path / "rules"))
    only = ["--only", "temporal partition", "--only", "locality"]
    assert main(["prove", rules, *only]) == 1
    out = capsys.readouterr().out
    assert out == (
        "terpenuhi  perbuatan tambahan tidak mengubah temuan atas perbuatan lain "
        "('locality')\n"
        "DILANGGAR  versi tiap instrumen bersambung tanpa celah dan tanpa tumpang tindih "
        "('temporal partition'): tidak ada versi pp-9-2030 yang berlaku sejak 1 Januari 2021 "
        "sampai 31 Januari 2021: pp-9-2030@2020-01-01 berakhir pada 1 Januari 2021 (hari itu "
        "tidak termasuk), tetapi pp-9-2030@2021-02-01 baru mulai pada 1 Februari 2021\n"
        "1 terpenuhi, 1 dilanggar\n"
    )
    assert moved_english(out) == []
    assert english_words(out) == []
    assert main(["prove", rules, *only, "--lang", "en"]) == 1
    assert capsys.readouterr().out == (
        "ok   locality\n"
        "FAIL temporal partition: temporal partition: no version of pp-9-2030 is in force "
        "from 2021-01-01 to 2021-01-31: pp-9-2030@2020-01-01 ends 2021-01-01 (exclusive) but "
        "pp-9-2030@2021-02-01 starts 2021-02-01\n"
        "1 held, 1 violated\n"
    )


def _loaded(path: Path) -> LoadedFile:
    text = path.read_text(encoding="utf-8")
    return LoadedFile(str(path), load_rule_file(text, str(path)), read_yaml(text, str(path)))


def test_a_counterexample_in_indonesian(tmp_path: Path) -> None:
    """A lowered tier: the act's kind and the aggravation by their Indonesian names, the
    tiers as discipline sanctions; the case's data stays JSON ('kasus: {...}')."""
    folder = tmp_path / "pp-9-2030"
    folder.mkdir()
    (folder / "2010-01-01.yaml").write_text(LOWERED_TIER, encoding="utf-8")
    fast = settings(max_examples=300, derandomize=True, database=None, phases=[Phase.generate])
    with pytest.raises(PropertyViolationError) as info:
        check_monotonicity(load_regulations([tmp_path]), fast)
    said = info.value.render("id")
    first, data = said.split("\n")
    assert re.fullmatch(
        r"dalam kasus '[a-z0-9-]+', perbuatan 'a\d+' \(ikut kampanye \(peserta kampanye\)"
        r"( terhadap c[\w-]+)?\) dinilai hukuman disiplin sedang \(x-hadir\); setelah "
        r"diperberat \(activity\.used_position: memakai kewenangan jabatan\), perbuatan itu "
        r"dinilai hukuman disiplin ringan \(x-hadir-jabatan\): fakta pemberat menurunkan "
        r"tingkat hukumannya",
        first,
    ), first
    assert data.startswith("kasus: {")
    assert moved_english(said) == []
    assert english_words(first) == []
    assert str(info.value).startswith("monotonicity: in case '")


@pytest.mark.parametrize(
    ("before", "after", "indonesian"),
    [
        (
            CaseAnswer(True, None, None, ""),
            CaseAnswer(False, Track.ETIK, None, ""),
            "jalur pidana hilang",
        ),
        (
            CaseAnswer(False, Track.STATUS_KEPEGAWAIAN, None, ""),
            CaseAnswer(True, None, None, ""),
            "jalur administratif terberat turun dari status kepegawaian menjadi tidak ada",
        ),
        (
            CaseAnswer(False, Track.DISIPLIN, Tier.BERAT, ""),
            CaseAnswer(False, Track.DISIPLIN, Tier.SEDANG, ""),
            "tingkat hukuman disiplin turun dari berat menjadi sedang",
        ),
    ],
)
def test_a_lighter_answer_in_indonesian(
    before: CaseAnswer, after: CaseAnswer, indonesian: str
) -> None:
    """How an answer got lighter: tracks and tiers by their names, never their codes."""
    said = lowered(before, after)
    assert said is not None
    assert said.render("id") == indonesian


# --------------------------------------------------------------------------- the pytest plugin

INI = "[pytest]\nnetralitas_case_paths = rules\nnetralitas_rule_paths = rules\n"


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    """The hypothetical circular with a failing case (the day the campaign begins)."""
    write_rules(pytester.path / "rules")
    write_tests(
        pytester.path / "rules", PASSING_CASES.replace("date: 2024-09-24", "date: 2024-09-25")
    )
    return pytester


FAILED_ID = [
    "rules/se-bupati-contoh-2024/tests/media-sosial.yaml:15: kasus 'A PNS who likes a post "
    "the day before the campaign breaches nothing': gagal",
    "  tiap perbuatan dinilai menurut hukum yang berlaku pada tanggalnya sendiri",
    "     diharapkan (persis) | hasilnya",
    f"  ++ (tidak ada)         | {ROW}",
    f"  baris 20: se-contoh-2 seharusnya tidak muncul, tetapi muncul: {ROW}",
]
FAILED_EN = [
    "rules/se-bupati-contoh-2024/tests/media-sosial.yaml:15: case 'A PNS who likes a post "
    "the day before the campaign breaches nothing': failed",
    "  judged on each act's own date",
    "     expected (exact) | actual",
]


def test_the_plugin_reports_in_indonesian_by_default(project: pytest.Pytester) -> None:
    project.makeini(INI)
    result = project.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(FAILED_ID)
    assert moved_english(result.stdout.str().split("FAILURES")[1].split("short test")[0]) == []


def test_the_plugin_ini_option_and_its_command_line_override(project: pytest.Pytester) -> None:
    """``netralitas_lang = en`` gives the English; ``--netralitas-lang id`` wins over it."""
    project.makeini(INI + "netralitas_lang = en\n")
    english = project.runpytest("-p", "no:cacheprovider")
    english.assert_outcomes(passed=1, failed=1)
    english.stdout.fnmatch_lines(FAILED_EN)
    indonesian = project.runpytest("-p", "no:cacheprovider", "--netralitas-lang", "id")
    indonesian.stdout.fnmatch_lines(FAILED_ID)


def test_the_plugin_says_a_bad_test_file_in_indonesian(project: pytest.Pytester) -> None:
    project.makeini(INI)
    write_tests(project.path / "rules", "cases:\n  - name: x\n    expect: {}\n", name="bad.yaml")
    result = project.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        [
            "rules/se-bupati-contoh-2024/tests/bad.yaml:3:5: cases?0?.expect: expect tidak "
            "memeriksa apa pun; berikan findings dan/atau absent",
        ]
    )
    said = [line for line in result.stdout.lines if "bad.yaml:3:5:" in line]
    assert said
    assert [english_left(line) for line in said] == [[] for _ in said]


def test_the_plugin_refuses_an_unknown_language(project: pytest.Pytester) -> None:
    project.makeini(INI + "netralitas_lang = fr\n")
    result = project.runpytest("-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*netralitas_lang = 'fr': pilih salah satu dari id, en*"])


# --------------------------------------------------------------------------- rules docs


def test_the_catalogue_and_the_glossary_in_indonesian(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Headings, labels, periods, tracks, tiers, roles and certainty in Indonesian; none of
    the English headings; ``--lang en`` is the committed English (test_catalogue.py)."""
    assert main(["rules", "catalogue"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("# Katalog peraturan\n")
    assert "| Instrumen | Disebut sebagai | Berlaku | Jumlah ketentuan |" in text
    assert "| `pp-53-2010` | Peraturan Pemerintah Nomor 53 Tahun 2010 | 6 Juni 2010 – 30 " in text
    assert (
        "| 31 Agustus 2021 – | `pp94-5-n-2` Peserta kampanye dengan atribut | hukuman "
        "disiplin | sedang | Pasal 5 huruf n angka 2 Peraturan Pemerintah Nomor 94 Tahun "
        "2021<br>tingkat hukuman: Pasal 13 huruf g Peraturan Pemerintah Nomor 94 Tahun 2021 "
        "| terverifikasi |"
    ) in text
    assert "## Ketentuan yang sumbernya belum terverifikasi" in text
    assert moved_english(text) == []
    for code in ("DISIPLIN", "SEDANG", "single_source", "not fixed", "also:", "tier:"):
        assert f"| {code} |" not in text, code
        assert f"<br>{code}" not in text, code
    assert main(["rules", "glossary"]) == 0
    glossary = capsys.readouterr().out
    assert glossary == glossary_markdown()
    assert glossary.startswith("# Glosarium\n")
    assert "| Istilah | Kode | Padanan bahasa Inggris | Pasal |" in glossary
    assert "## Jalur fakta" in glossary
    assert moved_english(glossary) == []
    assert regulations_markdown(load_regulations(), "en").startswith("# Regulation catalogue")
