"""Text from a case cannot act on the terminal (#12 item 16): ids and free text with escape
sequences, carriage returns, newlines or bidi overrides are shown, never sent raw, by every
text output of `check` and `audit`; the JSON output keeps the same data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _profiles import examples
from conftest import CASE_YAML, replaced
from netralitas_rules import evaluate, parse_case
from netralitas_rules.cli import main
from netralitas_rules.escape import escape_json, escape_lines, escape_text
from netralitas_rules.render import as_json, json_chunks, render_report

# What a terminal acts on: C0 but tab (and newline where lines are meant), DEL, C1, bidi
# controls, line and paragraph separators.
UNSAFE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)
UNSAFE_BUT_NEWLINE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)
HOSTILE = "x\x1b[2K\rFAKE\nLINE\u2028\u202eevil\x9b31m"

# Text rich in the characters that matter, and in everything else.
texts = st.text(
    alphabet=st.one_of(
        st.sampled_from("\x00\x07\t\n\r\x1b\x7f\x85\x9b\u061c\u200e\u202e\u2066\u2028\\[]"),
        st.characters(),
    ),
    max_size=60,
)


@settings(max_examples=examples(500))
@given(texts)
def test_escaped_text_never_holds_a_control_character(text: str) -> None:
    """escape_text leaves no control character but tab, escape_lines none but tab and
    newline, and both leave text without controls unchanged."""
    assert not UNSAFE.search(escape_text(text))
    assert not UNSAFE_BUT_NEWLINE.search(escape_lines(text))
    assert escape_lines(text).count("\n") == text.count("\n")
    if not UNSAFE_BUT_NEWLINE.search(text):
        assert escape_lines(text) == text


@settings(max_examples=examples(300))
@given(st.recursive(st.none() | texts, lambda kids: st.lists(kids) | st.dictionaries(texts, kids)))
def test_escaped_json_is_the_same_data_without_control_characters(value: object) -> None:
    """JSON text after escape_json decodes to the same value and holds no raw control."""
    text = escape_json(json.dumps(value, indent=2, ensure_ascii=False))
    assert json.loads(text) == value
    assert not UNSAFE_BUT_NEWLINE.search(text)


def test_escapes_are_visible() -> None:
    """Each control character becomes its escape, readable by a person."""
    assert escape_text(HOSTILE) == "x\\x1b[2K\\x0dFAKE\\x0aLINE\\u2028\\u202eevil\\x9b31m"


def _hostile_case() -> str:
    text = replaced(CASE_YAML, "id: case-1", f"id: {json.dumps(HOSTILE)}")
    text = replaced(text, "id: a1", f"id: {json.dumps('a1' + HOSTILE)}")
    return replaced(text, "{id: c1,", f"{{id: {json.dumps('c1' + HOSTILE)},").replace(
        "candidate_ids: [c1]", f"candidate_ids: [{json.dumps('c1' + HOSTILE)}]"
    )


def test_report_text_shows_hostile_ids_and_keeps_its_lines() -> None:
    """A case, activity and candidate id with ESC, CR, newline and bidi controls: the text
    report has exactly the lines it has for a plain id, and no control character."""
    hostile = evaluate(parse_case(_hostile_case(), "case.yaml"))
    plain = evaluate(parse_case(CASE_YAML, "case.yaml"))
    text = render_report(hostile, "en")
    assert not UNSAFE_BUT_NEWLINE.search(text)
    assert text.count("\n") == render_report(plain, "en").count("\n")
    assert text.startswith("Case x\\x1b[2K\\x0dFAKE\\x0aLINE\\u2028\\u202eevil\\x9b31m — ASN")


def test_report_json_keeps_the_data_and_escapes_what_json_leaves_raw() -> None:
    """The streamed JSON is json.dumps' text with C1 and bidi controls escaped: same data."""
    report = evaluate(parse_case(_hostile_case(), "case.yaml"))
    text = "".join(json_chunks(report))
    assert json.loads(text) == as_json(report)
    assert text == escape_json(json.dumps(as_json(report), indent=2, ensure_ascii=False))
    assert not UNSAFE_BUT_NEWLINE.search(text)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_check_prints_no_control_character(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    """`check` in both formats writes nothing a terminal would act on."""
    path = tmp_path / "case.yaml"
    path.write_text(_hostile_case(), encoding="utf-8")
    assert main(["check", "--format", fmt, str(path)]) == 1
    out, err = capsys.readouterr()
    assert not UNSAFE_BUT_NEWLINE.search(out + err)


def test_audit_prints_no_control_character(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`audit` escapes the case id of its line and the key paths of an invalid case."""
    (tmp_path / "a.yaml").write_text(_hostile_case(), encoding="utf-8")
    bad = replaced(CASE_YAML, "    kind: partisan_gathering\n", "    kind: partisan_gathering\n")
    bad = bad.replace("    candidate_ids: [c1]\n", f"    {json.dumps(HOSTILE)}: 1\n")
    (tmp_path / "b.yaml").write_text(bad, encoding="utf-8")
    assert main(["audit", "--lang", "en", str(tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert out.startswith("x\\x1b[2K\\x0dFAKE\\x0aLINE\\u2028\\u202eevil\\x9b31m: ")
    assert "activities[0].x\\x1b[2K" in err
    assert not UNSAFE_BUT_NEWLINE.search(out + err)
