"""The problems of rule files and of the rule files together (``netralitas rules lint``,
``check --rules``), of the glossary, the deadlines, the sanction policy and routing data, and
of policy-writer test files follow the output language: Indonesian by default with no English
left, ``--lang en`` the library's English word for word. Every check words its problem with a
code of ``data/problems.<lang>.yaml``; key names, field names and provision ids stay as the
author wrote them."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import RULE_YAML, replaced
from netralitas_rules.cli import main
from netralitas_rules.condition_parsing import _TYPE_WORDS
from netralitas_rules.deadlines import parse_deadlines
from netralitas_rules.errors import NetralitasError, RegulationSetError, RuleFileError
from netralitas_rules.facts import FactType
from netralitas_rules.glossary import load_glossary
from netralitas_rules.loader import load_regulations
from netralitas_rules.problemtext import catalogue
from netralitas_rules.sanctions.data import parse_policy
from netralitas_rules.testing.case_reading import parse_test_file
from test_problem_language import english_left as english_words_left

OPERATOR_IN = re.compile(r"(?<=, )in(?=, )")
"""The operator ``in`` in a list of operators: code, not the English word."""


def english_left(text: str) -> list[str]:
    """The English left in ``text`` (see :mod:`test_problem_language`), the operator ``in``
    of a list of operators aside."""
    return english_words_left(OPERATOR_IN.sub("…", text))


SOURCES = Path(__file__).resolve().parent.parent / "src" / "netralitas_rules"
CHECKS = [
    "loader.py",
    "lineage.py",
    "excepting.py",
    "regulation.py",
    "citation.py",
    "condition_parsing.py",
    "validation.py",
    "glossary.py",
    "deadlines.py",
    "yamlpos.py",
    "sanctions/data.py",
    "testing/case_reading.py",
    "fidelity/models.py",
]
"""The modules whose checks word the problems of rule files and their kin (and of a decided
real case's notes)."""

# What words a problem: a located problem, an error raised in a validator, a problem of a
# condition or of a deadline step (a key path and its words).
_MAKERS = frozenset(
    {"problem", "Problem", "ValueError", "CitationError", "RuleFileError", "NestedProblemsError"}
)


def _plain_words(node: ast.AST) -> bool:
    """Words written in the code (a text or an f-string), not a Text."""
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value != ""
    )


def _plain_problems(path: Path) -> list[str]:
    """Each place in ``path`` that makes a problem of plain words."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name in _MAKERS and any(_plain_words(arg) for arg in node.args):
                found.append(f"{path.name}:{node.lineno}")
        # (key path, words) pairs collected for a NestedProblemsError or a ConditionError
        if isinstance(node, ast.Tuple) and len(node.elts) == 2:
            where, words = node.elts
            if isinstance(where, ast.Tuple | ast.Name) and _plain_words(words):
                found.append(f"{path.name}:{node.lineno}")
    return found


def test_every_check_words_its_problem_with_a_code() -> None:
    """No check of a rule file, the glossary, the deadlines, the sanction data or a test file
    makes a problem of plain words: each is a Text, with its words in both catalogues."""
    assert [p for name in CHECKS for p in _plain_problems(SOURCES / name)] == []


def test_the_plain_words_check_catches_plain_words(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        'located.problem(("a",), f"bad {x}")\nraise ValueError("bad")\n'
        'problems.append((("days",), "bad"))\nlocated.problem(("a",), Text("key.missing"))\n',
        encoding="utf-8",
    )
    assert _plain_problems(module) == ["m.py:1", "m.py:2", "m.py:3"]


def test_each_type_word_of_a_condition_problem_is_in_both_catalogues() -> None:
    """The codes made from a fact's type or a value's Python type."""
    codes = [f"condition.fact_type.{t.value}" for t in FactType]
    codes += [f"condition.fact_type.a.{t.value}" for t in FactType]
    codes += [f"condition.type.{name}" for name in _TYPE_WORDS]
    for lang in ("en", "id"):
        assert [c for c in codes if f"problem.{c}" not in catalogue(lang)] == [], lang


# --------------------------------------------------------------------- netralitas rules lint

Files = dict[str, str]
RULE = "pp-1-2000/2000-01-01.yaml"
OFFICE = "        - candidate.office: DPD\n"
CONSEQUENCE = "      track: DISIPLIN\n      tier: SEDANG\n      tier_basis: Pasal 2\n"


def _rule(old: str, new: str) -> Files:
    return {RULE: replaced(RULE_YAML, old, new)}


def _version(start: str, end: str | None, provision: str, inst: str = "pp-1-2000") -> str:
    validity = f"effective_from: {start}" + (f"\n  superseded_on: {end}" if end else "")
    text = replaced(RULE_YAML, "effective_from: 2000-01-01", validity)
    text = replaced(text, "  - id: pp1-1\n", f"  - id: {provision}\n")
    return replaced(text, "  id: pp-1-2000\n", f"  id: {inst}\n")


def _successor(inst: str, start: str, end: str | None, succeeds: str) -> str:
    """A version of ``inst`` that succeeds the instrument ``succeeds``."""
    text = _version(start, end, f"{inst}-a", inst)
    name = "  short_name: PP 1/2000\n"
    return replaced(text, name, f"{name}  succeeds: [{succeeds}]\n")


EXCEPTION = (
    "exceptions:\n  - id: pp1-x\n    citation: Pasal 3\n    title: Pengecualian\n"
    "    title_en: Exception\n    summary: Ringkasan.\n    summary_en: Summary.\n"
    "    when: {activity.kind: ktp_support_letter}\n    certainty: {level: verified}\n"
    "    exception_to: [%s]\n"
)

# Each kind of mistake: the files under the rules folder, and the Indonesian that says it.
BROKEN: dict[str, tuple[Files, str]] = {
    "unknown key": (_rule("  year: 2000\n", "  yaer: 2000\n"), "kunci tidak dikenal 'yaer'"),
    "unknown fact": (
        _rule("activity.kind: ktp", "activity.knd: ktp"),
        "fakta tidak dikenal 'activity.knd'; maksudnya 'activity.kind'?",
    ),
    "unknown operator": (
        _rule(OFFICE, "        - candidate.office: {eqq: DPD}\n"),
        "operator tidak dikenal 'eqq'; maksudnya 'eq'?",
    ),
    "operator for another type": (
        _rule(OFFICE, "        - candidate.office: {gt: DPD}\n"),
        "operator 'gt' tidak berlaku untuk fakta pilihan candidate.office",
    ),
    "value not allowed": (
        _rule(OFFICE, "        - candidate.office: DPDX\n"),
        "teks 'DPDX' bukan nilai candidate.office; maksudnya 'DPD'?",
    ),
    "text for a date": (
        _rule(OFFICE, "        - activity.date: {gte: '2021-13-01'}\n"),
        "activity.date adalah fakta tanggal; teks '2021-13-01' bukan tanggal",
    ),
    "impossible date": (
        _rule("effective_from: 2000-01-01", "effective_from: 2000-02-30"),
        "nilai '2000-02-30' tidak dapat dibaca",
    ),
    "condition with two keys": (
        _rule("      all:\n", "      any: []\n      all:\n"),
        "kondisi adalah pemetaan dengan tepat satu kunci",
    ),
    "empty list of conditions": (
        _rule(
            "      all:\n        - activity.kind: ktp_support_letter\n" + OFFICE,
            "      all: []\n",
        ),
        "'all' memerlukan daftar kondisi yang tidak kosong",
    ),
    "exists takes a boolean": (
        _rule(OFFICE, "        - candidate.office: {exists: 1}\n"),
        "'exists' menerima true atau false",
    ),
    "tier without its basis": (
        _rule("      tier_basis: Pasal 2\n", ""),
        "tingkat hukuman memerlukan tier_basis",
    ),
    "criminal without penalty": (
        _rule(CONSEQUENCE, "      track: PIDANA\n"),
        "konsekuensi PIDANA memerlukan penalty dan penalty_basis",
    ),
    "status without effect": (
        _rule(CONSEQUENCE, "      track: STATUS_KEPEGAWAIAN\n"),
        "konsekuensi STATUS_KEPEGAWAIAN memerlukan status_effect",
    ),
    "tier on ethics": (
        _rule("      track: DISIPLIN\n", "      track: ETIK\n"),
        "hanya konsekuensi DISIPLIN yang memiliki tingkat hukuman, bukan ETIK",
    ),
    "certainty without notes": (
        _rule("level: verified", "level: inferred"),
        "tingkat kepastian inferred memerlukan notes dan notes_en",
    ),
    "pasted statute": (
        _rule("    summary: Ringkasan.\n", "    summary: " + "kata " * 151 + "\n"),
        "ringkasan paling banyak 150 kata",
    ),
    "citation notation": (
        _rule("citation: Pasal 1 huruf a", "citation: Pasal satu"),
        "Pasal memerlukan nomor atau huruf seperti 'Pasal 5', bukan 'satu'",
    ),
    "ayat before pasal": (
        _rule("citation: Pasal 1 huruf a", "citation: ayat (1)"),
        "ayat harus mengikuti Pasal",
    ),
    "superseded before effective": (
        _rule(
            "effective_from: 2000-01-01", "effective_from: 2000-01-01\n  superseded_on: 1999-01-01"
        ),
        "superseded_on (1999-01-01) harus jatuh sesudah effective_from (2000-01-01)",
    ),
    "file named by another date": (
        {"pp-1-2000/2001-01-01.yaml": RULE_YAML},
        "berkas bernama '2001-01-01' tetapi effective_from-nya 2000-01-01",
    ),
    "folder of another instrument": (
        {"pp-2-2000/2000-01-01.yaml": RULE_YAML},
        "id instrumen 'pp-1-2000' berbeda dari nama foldernya 'pp-2-2000'",
    ),
    "overlapping versions": (
        {
            RULE: _version("2000-01-01", "2006-01-01", "a"),
            "pp-1-2000/2005-01-01.yaml": _version("2005-01-01", None, "b"),
        },
        "versi-versi pp-1-2000 tumpang tindih",
    ),
    "gap between versions": (
        {
            RULE: _version("2000-01-01", "2004-01-01", "a"),
            "pp-1-2000/2005-01-01.yaml": _version("2005-01-01", None, "b"),
        },
        "ada kekosongan dalam pp-1-2000",
    ),
    "open-ended version": (
        {
            RULE: _version("2000-01-01", None, "a"),
            "pp-1-2000/2005-01-01.yaml": _version("2005-01-01", None, "b"),
        },
        "versi pp-1-2000 yang mulai berlaku 2000-01-01 tidak memiliki batas akhir",
    ),
    "provision id of another instrument": (
        {
            RULE: _version("2000-01-01", None, "a"),
            "pp-2-2000/2000-01-01.yaml": _version("2000-01-01", None, "a", "pp-2-2000"),
        },
        "id ketentuan 'a' juga dipakai oleh instrumen 'pp-1-2000'",
    ),
    "unknown instrument": (
        _rule("tier_basis: Pasal 2", "tier_basis: {instrument: pp-9-2000, pinpoint: Pasal 2}"),
        "instrumen tidak dikenal 'pp-9-2000'; maksudnya 'pp-1-2000'?; yang dimuat: pp-1-2000",
    ),
    "unknown tier_from": (
        _rule("      tier: SEDANG\n      tier_basis: Pasal 2\n", "      tier_from: [pp1-2]\n"),
        "ketentuan tidak dikenal 'pp1-2'; maksudnya 'pp1-1'?",
    ),
    "exception of an unknown provision": (
        {RULE: RULE_YAML + EXCEPTION % "pp1-2"},
        "ketentuan tidak dikenal 'pp1-2'; maksudnya 'pp1-1'?; exception_to menyebut",
    ),
    "exception naming another instrument": (
        {RULE: RULE_YAML + EXCEPTION % "{instrument: pp-2-2000, provision: pp1-1}"},
        "ketentuan 'pp1-1' termasuk instrumen 'pp-1-2000', bukan 'pp-2-2000'",
    ),
    "succeeds itself": (
        {RULE: _successor("pp-1-2000", "2000-01-01", None, "pp-1-2000")},
        "pp-1-2000 menggantikan dirinya sendiri",
    ),
    "succession gap": (
        {
            RULE: _version("2000-01-01", "2004-01-01", "a"),
            "pp-2-2000/2005-01-01.yaml": _successor("pp-2-2000", "2005-01-01", None, "pp-1-2000"),
        },
        "ada kekosongan antara pp-1-2000 dan penggantinya pp-2-2000",
    ),
    "circular succession": (
        {
            RULE: _successor("pp-1-2000", "2000-01-01", "2005-01-01", "pp-2-2000"),
            "pp-2-2000/2005-01-01.yaml": _successor("pp-2-2000", "2005-01-01", None, "pp-1-2000"),
        },
        "penggantian melingkar pp-1-2000 -> pp-2-2000 -> pp-1-2000",
    ),
}


Lint = Callable[..., tuple[int, str]]


@pytest.fixture
def lint(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Lint:
    """``netralitas [--lang en] rules lint ROOT`` over ``files`` (in a fresh folder each
    time): the exit code and stderr, the root written as ``R``."""

    def run(files: Files, *lang: str) -> tuple[int, str]:
        root = tmp_path / f"regs{len(list(tmp_path.iterdir()))}"
        for name, text in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text, encoding="utf-8")
        code = main([*lang, "rules", "lint", str(root)])
        return code, capsys.readouterr().err.replace(str(root), "R")

    return run


def _error(files: Files, root: Path) -> NetralitasError:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    with pytest.raises((RuleFileError, RegulationSetError)) as info:
        load_regulations([root])
    return info.value


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_each_rule_file_mistake_is_indonesian_by_default(name: str, lint: Lint) -> None:
    """Exit 2; each located line in Indonesian, with no English word left."""
    files, words = BROKEN[name]
    code, err = lint(files)
    assert code == 2
    assert words in err, err
    assert english_left(err) == [], err


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_each_rule_file_mistake_is_the_librarys_english_with_lang_en(
    name: str, lint: Lint, tmp_path: Path
) -> None:
    """``--lang en``: the English the library's error carries, word for word; every problem
    has a code."""
    files, _ = BROKEN[name]
    code, err = lint(files, "--lang", "en")
    assert code == 2
    error = _error(files, tmp_path / "again")
    assert err == f"{error}\n".replace(str(tmp_path / "again"), "R")
    assert error.codes()
    assert "" not in error.codes()


def test_exact_indonesian_lines_of_representative_mistakes(lint: Lint) -> None:
    """An unknown key with a did-you-mean, a bad operator, a bad date, overlapping versions
    and a reference to an unknown instrument, each in full."""
    allowed = "citation_name, id, kind, number, short_name, succeeds, title, title_en, year"
    assert lint(BROKEN["unknown key"][0])[1] == (
        f"R/{RULE}:1:1: instrument.year: kunci wajib tidak ada; tambahkan\n"
        f"R/{RULE}:5:3: instrument.yaer: kunci tidak dikenal 'yaer'; maksudnya 'year'?; "
        f"yang diperbolehkan: {allowed}\n"
    )
    operators = "eq, ne, in, not_in, gt, gte, lt, lte, exists, contains, contains_any"
    assert lint(BROKEN["unknown operator"][0])[1] == (
        f"R/{RULE}:23:30: provisions[0].when.all[1].candidate.office.eqq: operator tidak "
        f"dikenal 'eqq'; maksudnya 'eq'?; operatornya: {operators}\n"
    )
    assert lint(BROKEN["text for a date"][0])[1] == (
        f"R/{RULE}:23:27: provisions[0].when.all[1].activity.date.gte: activity.date adalah "
        "fakta tanggal; teks '2021-13-01' bukan tanggal\n"
    )
    assert lint(BROKEN["impossible date"][0])[1] == (
        f"R/{RULE}:10:3: version.effective_from: nilai '2000-02-30' tidak dapat dibaca: "
        "tanggalnya melampaui jumlah hari bulan itu\n"
    )
    assert lint(BROKEN["overlapping versions"][0])[1] == (
        "R/pp-1-2000/2005-01-01.yaml:10:3: version.effective_from: versi-versi pp-1-2000 "
        f"tumpang tindih: R/{RULE} berlaku sampai 2006-01-01 (tanggal itu tidak termasuk), "
        "tetapi versi ini mulai berlaku 2005-01-01; ubah superseded_on versi sebelumnya "
        "menjadi 2005-01-01\n"
    )
    assert lint(BROKEN["unknown instrument"][0])[1] == (
        f"R/{RULE}:27:7: provisions[0].consequence.tier_basis: instrumen tidak dikenal "
        "'pp-9-2000'; maksudnya 'pp-1-2000'?; yang dimuat: pp-1-2000\n"
    )


def test_a_missing_rules_folder_is_said_in_the_output_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope"
    assert main(["rules", "lint", str(missing)]) == 2
    assert capsys.readouterr().err == (
        f"{missing}:1:1: (dokumen): tidak ada berkas atau folder itu\n"
    )
    assert main(["--lang", "en", "rules", "lint", str(missing)]) == 2
    assert capsys.readouterr().err == f"{missing}:1:1: (document): no such file or folder\n"


# ------------------------------------------------- glossary, deadlines, policy, test files

DEADLINES = """\
steps:
  - id: a
    actor: bawaslu
    elections: []
    starts_on: [reported]
    stops_on: [recommendation_issued]
    versions:
      - effective_from: 2020-01-01
        superseded_on: 2019-01-01
        days: 7
        instrument: UU 7/2017
        certainty: verified
        summary: Ringkasan.
        summary_en: Summary.
        sources: []
"""


def _said(make: Callable[[], object]) -> NetralitasError:
    with pytest.raises(NetralitasError) as info:
        make()
    return info.value


@pytest.mark.parametrize(
    ("name", "make", "indonesian", "english"),
    [
        (
            "deadlines",
            lambda: parse_deadlines(DEADLINES, "d.yaml"),
            [
                "d.yaml:4:5: steps[0].elections: memerlukan paling sedikit satu entri",
                "d.yaml:9:9: steps[0].versions[0].superseded_on: harus jatuh sesudah "
                "effective_from",
                "d.yaml:8:9: steps[0].versions[0].counting: jangka waktu memerlukan cara "
                "penghitungannya (counting): calendar atau working",
                "d.yaml:15:9: steps[0].versions[0].sources: tingkat kepastian verified "
                "memerlukan sumbernya",
            ],
            "d.yaml:4:5: steps[0].elections: needs at least one entry",
        ),
        (
            "glossary",
            lambda: load_glossary(
                b"vocabulary:\n  Tierr: {}\n  Tier:\n    SEDANGG: {term: x, gloss: y}\n"
                b"facts:\n  asn.statu: {term: x, gloss: y}\n"
            ),
            [
                "glossary.yaml:2:3: vocabulary.Tierr: kosakata tidak dikenal 'Tierr'; "
                "maksudnya 'Tier'?; yang diperbolehkan: ",
                "glossary.yaml:4:5: vocabulary.Tier.SEDANGG: 'SEDANGG' bukan nilai Tier; "
                "maksudnya 'SEDANG'?; yang diperbolehkan: RINGAN, SEDANG, BERAT",
                "glossary.yaml:6:3: facts.asn.statu: jalur fakta tidak dikenal 'asn.statu'; "
                "maksudnya 'asn.status'?; lihat FACTS",
            ],
            "glossary.yaml:6:3: facts.asn.statu: unknown fact path 'asn.statu'; did you mean "
            "'asn.status'?; see FACTS",
        ),
        (
            "sanction policy",
            lambda: parse_policy("combination: {}\n", "p.yaml"),
            ["p.yaml:1:1: combination.statement: kunci wajib tidak ada; tambahkan"],
            "p.yaml:1:1: combination.statement: required key is missing; add it",
        ),
        (
            "test file",
            lambda: parse_test_file(
                "cases:\n  - name: x\n    id: y\n    as_of: kemarin\n"
                "    expect: {findings: [{provision: a, tier: SEDANGG, version: v1}]}\n",
                "t.yaml",
            ),
            [
                "t.yaml:3:5: cases[0].id: kunci tidak dikenal 'id' (id kasus diturunkan dari "
                "name); yang diperbolehkan: ",
                "t.yaml:4:5: cases[0].as_of: 'kemarin' bukan tanggal; tulis YYYY-MM-DD",
                "t.yaml:5:40: cases[0].expect.findings[0].tier: 'SEDANGG' bukan tingkat hukuman; "
                "maksudnya 'SEDANG'?; yang diperbolehkan: RINGAN, SEDANG, BERAT, atau null bila "
                "tanpa tingkat hukuman",
                "t.yaml:5:55: cases[0].expect.findings[0].version: 'v1' bukan versi; tulis "
                "<instrument>@<effective_from>, misalnya pp-94-2021@2021-08-31",
            ],
            "t.yaml:4:5: cases[0].as_of: 'kemarin' is not a date; write YYYY-MM-DD",
        ),
    ],
)
def test_the_kin_of_rule_files_are_said_in_the_output_language(
    name: str, make: Callable[[], object], indonesian: list[str], english: str
) -> None:
    """The deadlines, the glossary, the sanction policy and a policy-writer test file: each
    problem in Indonesian with no English left, the English word for word with ``en``."""
    error = _said(make)
    text = error.render("id")
    for line in indonesian:
        assert line in text, text
    assert english_left(text) == [], text
    assert english in error.render("en")
    assert error.render("en") == str(error)


def test_a_broken_test_file_is_indonesian_in_netralitas_test(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "tests" / "t.yaml"
    path.parent.mkdir()
    path.write_text(
        "defaults:\n  election: pemilu-2019\n"
        "  asn: {id: a, status: PNS, position_kind: PELAKSANA}\n"
        "cases:\n  - name: x\n    expect: {}\n",
        encoding="utf-8",
    )
    assert main(["test", str(path)]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"{path}:6:5: cases[0].expect: expect tidak memeriksa apa pun; berikan findings "
        "dan/atau absent\n"
    )
    assert main(["--lang", "en", "test", str(path)]) == 2
    assert capsys.readouterr().err == (
        f"{path}:6:5: cases[0].expect: expect checks nothing; give findings and/or absent\n"
    )
