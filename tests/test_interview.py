"""The interview of `netralitas ask` (#14 item 3), driven by scripted answers: only the
questions whose answers change the outcome, the most decisive first, asked again after each
answer; "tidak tahu" keeps a fact unknown; `--answers` files checked with located errors."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from _ask_case import CASE_TEXT, DATE, PEJABAT_ASN, PEJABAT_NEGARA, case_data, open_questions
from _cli import Run, run_fixture  # noqa: F401  (fixture used by name)
from _profiles import examples
from conftest import RULE_YAML
from netralitas_rules import Question, load_case, parse_case, questions
from netralitas_rules.answering import (
    DONT_KNOW,
    AnswerError,
    AnswerSpec,
    answer_spec,
    choice_lines,
    parse_date,
    read_answer,
)
from netralitas_rules.facts import FACTS, FactType
from netralitas_rules.interview import (
    AnswerFileError,
    case_of,
    read_answers,
    run_interview,
    set_answer,
)
from netralitas_rules.testing import strategies
from test_messages import denied


@pytest.fixture
def case_file(tmp_path: Path) -> Path:
    path = tmp_path / "kasus.yaml"
    path.write_text(CASE_TEXT, encoding="utf-8")
    return path


class Script:
    """An answer source that replies from a list per question path and records each
    question with the open questions of the case at that moment."""

    def __init__(self, replies: dict[str, list[object]]) -> None:
        self.replies = replies
        self.asked: list[str] = []

    def __call__(self, q: Question, spec: AnswerSpec) -> object:
        self.asked.append(q.path)
        return self.replies[q.path].pop(0)


def _interview(replies: dict[str, list[object]], lang: str = "id") -> tuple[Any, Script, str]:
    script = Script(replies)
    lines: list[str] = []
    done = run_interview(case_data(), "kasus.yaml", script, lines.append, lang)
    return done, script, "\n".join(lines)


# ------------------------------------------------------------------ the loop


def test_each_question_asked_is_the_most_decisive_open_one() -> None:
    """At every step the question asked is the first of questions() on the case as answered
    so far; a fact that changes nothing (the platform) is never asked."""
    done, _, _ = _interview(
        {DATE: ["15 Maret 2019"], PEJABAT_ASN: ["ya"], PEJABAT_NEGARA: ["tidak"]}
    )
    answers: dict[str, Any] = {}
    for q, value in done.asked:
        assert q == open_questions(answers)[0]
        answers[q.path] = value
    assert [q.path for q, _ in done.asked] == [DATE, PEJABAT_ASN, PEJABAT_NEGARA]
    assert open_questions(answers) == []
    assert done.data["asn"]["is_pejabat_asn"] is True
    assert done.data["asn"]["is_pejabat_negara"] is False
    assert done.data["activities"][0]["date"] == dt.date(2019, 3, 15)
    assert done.data["activities"][0]["platform"] == "unknown"


def test_an_answer_that_settles_the_rest_ends_the_interview() -> None:
    """An act dated after the campaign makes both pejabat questions moot: neither is asked."""
    done, script, _ = _interview({DATE: ["20 April 2019"]})
    assert script.asked == [DATE]
    assert questions(case_of(done.data, "kasus.yaml")) == ()


def test_dont_know_keeps_the_fact_unknown_and_is_not_asked_again() -> None:
    """'tidak tahu' leaves the fact unknown in the written case and moves to the next
    question; the interview ends with only that question open."""
    done, script, _ = _interview(
        {DATE: ["15 Maret 2019"], PEJABAT_ASN: ["tidak tahu"], PEJABAT_NEGARA: ["tidak"]}
    )
    assert script.asked == [DATE, PEJABAT_ASN, PEJABAT_NEGARA]
    assert done.kept_unknown == [PEJABAT_ASN]
    assert done.data["asn"]["is_pejabat_asn"] == "unknown"
    assert [q.path for q in questions(done.case)] == [PEJABAT_ASN]


def test_a_bad_answer_says_what_is_allowed_and_asks_again() -> None:
    """A reply that is no answer is refused with the choices, and the question put again."""
    done, script, said = _interview({DATE: ["kemarin", "1 Mei 2019", "2019-03-15"],
                                     PEJABAT_ASN: ["mungkin", "Ya"],
                                     PEJABAT_NEGARA: ["tidak"]})  # fmt: skip
    assert script.asked == [DATE, DATE, DATE, PEJABAT_ASN, PEJABAT_ASN, PEJABAT_NEGARA]
    assert "„kemarin“ bukan tanggal; tulis misalnya 1 Februari 2019." in said
    assert "1 Mei 2019 di luar rentang 1 Februari 2019 sampai 30 April 2019." in said
    assert "„mungkin“ bukan jawaban yang dikenal. Pilihan: ya, tidak, tidak tahu" in said
    assert done.data["asn"]["is_pejabat_asn"] is True


def test_the_indonesian_interview_has_no_denied_word() -> None:
    """The interview's own Indonesian lines (hints, choices, refusals) pass the report's
    deny-list; the questions' texts are questions()'s own, checked with its catalogue."""
    _, _, said = _interview({DATE: ["kemarin", "15 Maret 2019"], PEJABAT_ASN: ["mungkin", "ya"],
                             PEJABAT_NEGARA: ["tidak tahu"]})  # fmt: skip
    own = [line for line in said.splitlines() if not re.match(r"\[\d+\] ", line)]
    assert len(own) > 8
    assert denied("\n".join(own)) == []


def test_every_choice_list_reads_in_plain_indonesian() -> None:
    """The choices of every fact a question may ask are listed by their Indonesian terms,
    never a code name."""
    lines = [
        line
        for fact, spec in FACTS.items()
        if not spec.derived
        for line in choice_lines(answer_spec(fact), "id")
    ]
    assert "    2. jabatan administrator" in lines
    assert denied("\n".join(lines)) == []


def test_the_interview_speaks_english_when_asked() -> None:
    """With lang en the questions, the choices and the refusals are English."""
    _, _, said = _interview({DATE: ["someday", "10 March 2019"], PEJABAT_ASN: ["no"],
                             PEJABAT_NEGARA: ["don't know"]}, "en")  # fmt: skip
    assert "[1] On what day was the act keputusan-dinas done" in said
    assert "'someday' is not a date; write for example 1 February 2019." in said
    assert "    Choices: yes, no, don't know" in said


# ------------------------------------------------------------------ one answer


@pytest.mark.parametrize(
    ("fact", "raw", "value"),
    [
        ("activity.used_position", "YA", True),
        ("activity.used_position", "no", False),
        ("activity.used_position", False, False),
        ("asn.position_kind", "jabatan pelaksana", "PELAKSANA"),
        ("asn.position_kind", "pelaksana", "PELAKSANA"),
        ("asn.position_kind", "2", "ADMINISTRATOR"),
        ("activity.asn_mobilised", "3", 3),
        ("activity.asn_mobilised", 0, 0),
        ("activity.party", " Partai X ", "Partai X"),
        ("activity.attributes_worn", "tidak ada", []),
        ("candidate.penetapan_date", "20/09/2018", dt.date(2018, 9, 20)),
        ("candidate.penetapan_date", dt.date(2018, 9, 20), dt.date(2018, 9, 20)),
        ("asn.is_pejabat_asn", "Tidak Tahu", DONT_KNOW),
        ("asn.is_pejabat_asn", "don't know", DONT_KNOW),
    ],
)
def test_answers_read_as_the_value_the_case_holds(fact: str, raw: object, value: Any) -> None:
    """Values, Indonesian and English words, glossary terms, choice numbers and dates in the
    ways people write them read as the fact's value; 'tidak tahu' as DONT_KNOW."""
    assert read_answer(answer_spec(fact), raw, "id") == value


def test_a_list_answer_takes_several_choices_in_vocabulary_order() -> None:
    """A fact holding several values takes them comma-separated, by number or by name."""
    spec = answer_spec("activity.audience")
    values = spec.values
    assert read_answer(spec, f"2, {values[0]}", "id") == [values[0], values[1]]


@pytest.mark.parametrize(
    ("fact", "raw", "message"),
    [
        ("activity.asn_mobilised", "-1", "„-1“ bukan bilangan bulat 0 atau lebih."),
        ("asn.is_pejabat_asn", "", "Jawaban kosong. Pilihan: ya, tidak, tidak tahu"),
        (
            "asn.position_kind",
            "administrater",
            "„administrater (maksud Anda „jabatan administrator“?)“ bukan jawaban yang "
            "dikenal. Pilihan: jabatan pimpinan tinggi, jabatan administrator, jabatan "
            "pengawas, jabatan fungsional, jabatan pelaksana, tidak tahu",
        ),
    ],
)
def test_a_bad_answer_names_what_is_allowed(fact: str, raw: str, message: str) -> None:
    """A value the fact cannot take is an AnswerError saying what is allowed."""
    with pytest.raises(AnswerError) as caught:
        read_answer(answer_spec(fact), raw, "id")
    assert caught.value.text("id") == message


def test_dates_are_read_as_people_write_them() -> None:
    """ISO, day first with slashes, dashes or dots, and month names in both languages."""
    day = dt.date(2019, 3, 10)
    for text in ("2019-03-10", "10/03/2019", "10-3-2019", "10.03.2019", "10 Maret 2019",
                 "10 march 2019"):  # fmt: skip
        assert parse_date(text) == day, text
    assert [parse_date(t) for t in ("31/02/2019", "10 Marz 2019", "besok")] == [None] * 3


# ------------------------------------------------------------------ property


@settings(
    max_examples=examples(60),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.data())
def test_any_answers_give_a_case_whose_only_open_questions_were_not_known(
    data: st.DataObject,
) -> None:
    """For any answers (each a value the question allows or 'tidak tahu'), the interview
    ends, the written case parses, and its open questions are only those answered
    'tidak tahu'."""

    def source(q: Question, spec: AnswerSpec) -> object:
        if spec.start is not None and spec.end is not None:
            days = (spec.end - spec.start).days
            offset = data.draw(st.integers(0, days), label=q.path)
            known: st.SearchStrategy[object] = st.just(spec.start + dt.timedelta(days=offset))
        else:
            known = st.sampled_from(["ya", "tidak", "yes", "no", True, False])
        return data.draw(st.one_of(known, st.just("tidak tahu")), label=q.path)

    done = run_interview(case_data(), "kasus.yaml", source, lambda _: None)
    text = yaml.safe_dump(done.data, sort_keys=False, allow_unicode=True)
    reread = parse_case(text, "kasus.yaml")
    assert reread == done.case
    assert {q.path for q in questions(reread)} <= set(done.kept_unknown)


def _answers_to(spec: AnswerSpec) -> st.SearchStrategy[object]:
    """Replies a person may give to a question of ``spec``: a value it takes, in one of the
    ways people write it, or 'tidak tahu'."""
    known: st.SearchStrategy[object]
    if spec.kind is FactType.BOOL:
        known = st.sampled_from(["ya", "tidak", "yes", "no", True, False])
    elif spec.kind is FactType.ENUM and spec.many:
        known = st.lists(st.sampled_from(spec.values), unique=True).map(", ".join)
    elif spec.kind is FactType.ENUM:
        numbers = st.integers(1, len(spec.values)).map(str)
        known = st.sampled_from(spec.values) | numbers
    elif spec.kind is FactType.INT:
        known = st.integers(0, 30) | st.integers(0, 30).map(str)
    elif spec.kind is FactType.DATE and spec.start is not None and spec.end is not None:
        known = st.dates(spec.start, spec.end)
    elif spec.kind is FactType.DATE:
        known = st.dates(dt.date(2017, 1, 1), dt.date(2025, 12, 31)).map(dt.date.isoformat)
    else:
        known = st.sampled_from(["Partai A", "lain"])
    return known | st.just("tidak tahu")


@settings(
    max_examples=examples(40),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(strategies.partial_cases(max_unknowns=3), st.data())
def test_any_partial_case_ends_with_only_the_facts_not_known_open(
    case: Any, data: st.DataObject
) -> None:
    """For generated partial cases and any answers, every question asked is the first open
    one at its step, the completed case parses, and it leaves open only the facts answered
    'tidak tahu'."""

    def source(q: Question, spec: AnswerSpec) -> object:
        return data.draw(_answers_to(spec), label=q.path)

    raw = case.model_dump(mode="json", exclude_none=True)
    done = run_interview(raw, "kasus.yaml", source, lambda _: None)
    event(f"questions asked: {min(len(done.asked), 3)}")
    replay, kept = copy.deepcopy(raw), []
    for q, value in done.asked:
        open_now = [x for x in questions(case_of(replay, "kasus.yaml")) if x.path not in kept]
        assert open_now[0] == q
        if value is DONT_KNOW:
            kept.append(q.path)
        else:
            set_answer(replay, q.path, value)
    reread = parse_case(yaml.safe_dump(done.data, sort_keys=False, allow_unicode=True))
    assert reread == done.case
    assert {q.path for q in questions(reread)} <= set(done.kept_unknown)


# ------------------------------------------------------------------ the command, scripted


def _answers(tmp_path: Path, text: str, name: str = "jawaban.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_answers_file_completes_the_case_and_prints_the_verdict(
    run: Run, case_file: Path, tmp_path: Path
) -> None:
    """--answers answers every question; the case is written beside the input (which stays
    as it was), keeping its opening comment, keys and order, and the verdict is printed."""
    answers = _answers(
        tmp_path, f"{DATE}: 2019-03-15\n{PEJABAT_ASN}: ya\n{PEJABAT_NEGARA}: false\n"
    )
    code, out, err = run("ask", str(case_file), "--answers", str(answers), "--as-of", "2024-06-01")
    written = tmp_path / "kasus.answered.yaml"
    assert (code, err) == (1, "")
    assert out.splitlines()[:2] == [
        f"Kasus yang sudah dilengkapi ditulis ke {written}",
        "Kasus kasus-tanya — ASN asn-01 (PNS)",
    ]
    assert case_file.read_text(encoding="utf-8") == CASE_TEXT
    expected = (
        CASE_TEXT.replace("is_pejabat_asn: unknown", "is_pejabat_asn: true")
        .replace("is_pejabat_negara: unknown", "is_pejabat_negara: false")
        .replace("{from: 2019-02-01, to: 2019-04-30}", "2019-03-15")
    )
    assert written.read_text(encoding="utf-8") == expected
    assert questions(load_case(written)) == ()
    check_code, check_out, _ = run("check", str(written), "--as-of", "2024-06-01")
    assert check_code == code
    assert check_out.splitlines()[:3] == out.splitlines()[1:4]


def test_answers_for_questions_never_asked_are_reported_and_written(
    run: Run, case_file: Path, tmp_path: Path
) -> None:
    """An answer whose question an earlier answer made moot is said, and written all the
    same; nothing is asked on the terminal."""
    answers = _answers(tmp_path, f"{DATE}: 20 April 2019\n{PEJABAT_ASN}: tidak\n")
    out_file = tmp_path / "selesai.json"
    code, out, err = run(
        "ask", str(case_file), "--answers", str(answers), "--output", str(out_file),
        "--lang", "en", "--as-of", "2024-06-01",
    )  # fmt: skip
    assert (code, err) == (1, "")
    assert (
        "Not asked, since the answer changes nothing, but written all the same: asn.is_pejabat_asn"
    ) in out.splitlines()
    data = json.loads(out_file.read_text(encoding="utf-8"))
    assert data["asn"]["is_pejabat_asn"] is False
    assert data["activities"][0]["date"] == "2019-04-20"


def test_an_unknown_path_and_a_bad_value_are_located_with_what_is_allowed(
    run: Run, case_file: Path, tmp_path: Path
) -> None:
    """Every problem of an answers file is reported at once, at its line, with the allowed
    values or the unknown facts of the case and a did-you-mean; nothing is written."""
    answers = _answers(
        tmp_path, f"{DATE}: 1 Mei 2019\nasn.is_pejabat_asm: ya\n{PEJABAT_NEGARA}: mungkin\n"
    )
    code, out, err = run("ask", str(case_file), "--answers", str(answers))
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"{answers}:1:1: activities[0].date: 1 Mei 2019 di luar rentang 1 Februari 2019 "
        "sampai 30 April 2019.",
        f"{answers}:2:1: asn.is_pejabat_asm: bukan fakta yang belum diketahui dalam kasus "
        "ini (maksud Anda „asn.is_pejabat_asn“?); yang belum diketahui: asn.is_pejabat_asn, "
        "asn.is_pejabat_negara, activities[0].date, activities[0].platform",
        f"{answers}:3:1: asn.is_pejabat_negara: „mungkin“ bukan jawaban yang dikenal. "
        "Pilihan: ya, tidak, tidak tahu",
    ]
    assert not (tmp_path / "kasus.answered.yaml").exists()


def test_read_answers_raises_one_error_listing_every_problem() -> None:
    """The library reader raises AnswerFileError, a NetralitasError and ValueError."""
    case = case_of(case_data(), "kasus.yaml")
    with pytest.raises(AnswerFileError) as caught:
        read_answers(b"- a list\n", "j.yaml", case, "en")
    assert str(caught.value) == (
        "j.yaml:1:1: (document): an answers file must be a mapping of fact paths to answers, "
        "for example activities[0].used_position: yes"
    )
    assert isinstance(caught.value, ValueError)


def test_end_of_input_writes_nothing_unless_asked(
    run: Run, case_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Input that ends mid-interview exits 2 with a clear message and writes nothing; with
    --keep-partial the answers so far are written."""
    replies: Iterator[str] = iter(["15 Maret 2019"])

    def fake_input(prompt: str = "") -> str:
        try:
            return next(replies)
        except StopIteration:
            raise EOFError from None

    monkeypatch.setattr("builtins.input", fake_input)
    code, _, err = run("ask", str(case_file))
    assert code == 2
    assert err == (
        "netralitas: masukan berakhir sebelum wawancara selesai; tidak ada yang ditulis "
        "(dengan --keep-partial jawaban sejauh ini ditulis)\n"
    )
    written = tmp_path / "kasus.answered.yaml"
    assert not written.exists()
    replies = iter(["15 Maret 2019"])
    code, out, _ = run("ask", str(case_file), "--keep-partial")
    assert code == 2
    assert f"Jawaban sejauh ini ditulis ke {written}" in out.splitlines()
    assert load_case(written).activities[0].date == dt.date(2019, 3, 15)


def test_the_input_is_never_overwritten_without_in_place(
    run: Run, case_file: Path, tmp_path: Path
) -> None:
    """--output naming the input is refused; --in-place overwrites it."""
    answers = _answers(tmp_path, f"{DATE}: 2019-04-20\n")
    code, _, err = run("ask", str(case_file), "--answers", str(answers), "--output", str(case_file))
    assert code == 2
    assert err == (
        f"netralitas: {case_file}: ini berkas kasus masukan; pakai --in-place untuk "
        "menimpanya, atau --output BERKAS untuk berkas lain\n"
    )
    assert case_file.read_text(encoding="utf-8") == CASE_TEXT
    code, _, _ = run("ask", str(case_file), "--answers", str(answers), "--in-place")
    assert code == 1
    assert load_case(case_file).activities[0].date == dt.date(2019, 4, 20)


def test_a_case_with_nothing_to_ask_says_so(run: Run, tmp_path: Path) -> None:
    """A case whose unknown facts change nothing asks nothing and is written as it was."""
    path = tmp_path / "tenang.yaml"
    path.write_text(CASE_TEXT.replace("{from: 2019-02-01, to: 2019-04-30}", "2019-04-20"))
    code, out, _ = run("ask", str(path), "--as-of", "2024-06-01")
    assert code == 1
    assert out.splitlines()[0] == (
        "Tidak ada fakta belum diketahui yang dapat mengubah hasil; tidak ada yang ditanyakan."
    )


def test_the_package_questions_stays_the_function_after_the_interview_loads() -> None:
    """Loading the command or the service first (each loads the module that holds
    questions()) leaves netralitas_rules.questions the function: no submodule is named like a
    public function, since importing a submodule binds its name on the package (a fresh
    interpreter, since this one may have loaded them already)."""
    code = (
        "import netralitas_rules.cli.ask, netralitas_rules.service.asking\n"
        "from netralitas_rules import Question, questions\n"
        "print(callable(questions), Question.__name__)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "True Question\n"


def test_the_rules_given_decide_what_is_asked(run: Run, case_file: Path, tmp_path: Path) -> None:
    """With --rules, the questions are those of that rule set: one that tests none of the
    case's unknown facts asks nothing, and the case is written as it was."""
    rules = tmp_path / "aturan.yaml"
    rules.write_text(RULE_YAML, encoding="utf-8")
    code, out, _ = run("ask", str(case_file), "--rules", str(rules), "--as-of", "2024-06-01")
    assert code == 0
    assert out.splitlines()[0] == (
        "Tidak ada fakta belum diketahui yang dapat mengubah hasil; tidak ada yang ditanyakan."
    )
    assert load_case(tmp_path / "kasus.answered.yaml") == load_case(case_file)
