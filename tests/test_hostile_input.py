"""Hostile input: alias bombs, deep nesting, huge files, tags, bad bytes, NaN, dates out of
range. Each ends in a NetralitasError that names the place; nothing else escapes."""

from __future__ import annotations

import resource
from collections.abc import Callable

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from _profiles import examples
from conftest import CASE_YAML, RULE_YAML, replaced
from netralitas_rules import (
    CaseFileError,
    NetralitasError,
    RuleFileError,
    load_rule_file,
    parse_case,
)
from netralitas_rules.yamlpos import MAX_ALIAS_NODES, MAX_DEPTH, MAX_FILE_BYTES

CaseError = Callable[..., str]

ALIAS_BOMB = "\n".join(
    ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
)


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_alias_bomb(case_error: CaseError) -> None:
    """A billion-laughs document is refused before it is expanded."""
    before = _peak_rss_mib()
    assert case_error(ALIAS_BOMB) == (
        f"case.yaml:1:1: (document): aliases expand the document by more than "
        f"{MAX_ALIAS_NODES} nodes (an alias bomb?); remove the anchors and aliases that "
        "multiply it"
    )
    # Refused on the node graph: the peak memory of the process barely moves.
    assert _peak_rss_mib() - before < 64


def test_alias_bomb_in_a_rule_file() -> None:
    """Rule files get the same protection."""
    with pytest.raises(RuleFileError) as info:
        load_rule_file(ALIAS_BOMB, "2000-01-01.yaml")
    assert "(an alias bomb?)" in str(info.value)


def test_modest_aliases_are_fine() -> None:
    """An anchor reused a few times is ordinary YAML and loads."""
    text = replaced(CASE_YAML, "    candidate_ids: [c1]\n", "    candidate_ids: &who [c1]\n")
    text += "  - {id: a2, date: 2019-01-11, kind: goods_giving, candidate_ids: *who}\n"
    case = parse_case(text, "case.yaml")
    assert [a.candidate_ids for a in case.activities] == [("c1",), ("c1",)]


def test_recursive_alias(case_error: CaseError) -> None:
    """An alias inside its own anchored block is refused, pointing at the block."""
    assert case_error("a: &x [1, *x]\n") == (
        "case.yaml:1:4: (document): an alias refers to the block that contains it "
        "(a recursive alias); remove it"
    )


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000 + "]" * 100_000,
        "{a: " * 10_000 + "1" + "}" * 10_000,
        "".join(" " * i + "k:\n" for i in range(2_000)),
        "- " * 5_000 + "x\n",
    ],
    ids=["flow-seq", "flow-map", "block-map", "block-seq"],
)
def test_deep_nesting(case_error: CaseError, text: str) -> None:
    """Deep nesting is refused at the level that is too deep, without a RecursionError."""
    message = case_error(text)
    assert message.startswith("case.yaml:")
    assert message.endswith(
        f": (document): the document nests deeper than {MAX_DEPTH} levels; flatten it"
    )


def test_file_over_the_size_limit(case_error: CaseError) -> None:
    """A file over the limit is refused before parsing, naming its size and the limit."""
    big = b"# " + b"x" * MAX_FILE_BYTES + b"\n"
    assert case_error(big) == (
        f"case.yaml:1:1: (document): file is {len(big)} bytes; the limit is {MAX_FILE_BYTES} "
        "bytes, split it"
    )


def test_sixteen_mib_string(case_error: CaseError) -> None:
    """A 16 MiB string value is refused by size, as text or as bytes."""
    text = CASE_YAML + "notes: " + "x" * (16 * 1024 * 1024) + "\n"
    assert "the limit is 8388608 bytes, split it" in case_error(text)
    assert "the limit is 8388608 bytes, split it" in case_error(text.encode())


def test_long_string_under_the_file_limit(case_error: CaseError) -> None:
    """A 1 MiB note passes the file limit but not the field's own limit."""
    text = CASE_YAML + "notes: " + "x" * (1024 * 1024) + "\n"
    assert case_error(text) == (
        "case.yaml:11:1: notes: String should have at most 10000 characters"
    )


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        (
            "!!python/object/apply:os.system ['true']",
            "tag:yaml.org,2002:python/object/apply:os.system",
        ),
        ("!!python/name:builtins.eval ''", "tag:yaml.org,2002:python/name:builtins.eval"),
        ("!custom x", "!custom"),
        ("!!binary aGVsbG8=", "tag:yaml.org,2002:binary"),
        ("!!set {a}", "tag:yaml.org,2002:set"),
    ],
)
def test_unknown_tags(case_error: CaseError, value: str, tag: str) -> None:
    """Tags beyond plain YAML are refused at their place and never constructed."""
    text = replaced(CASE_YAML, "id: case-1", f"id: {value}")
    assert case_error(text) == (
        f"case.yaml:1:1: id: unknown YAML tag {tag!r}; remove it (only plain YAML values are "
        "allowed)"
    )


@pytest.mark.parametrize(
    ("raw", "where", "offset"),
    [
        (b"id: \xff\n", "1:5", 4),
        (b"\xfe\xff", "1:1", 0),
        (b"id: ok\nnotes: \xc3\x28\n", "2:8", 14),
    ],
)
def test_invalid_utf8(case_error: CaseError, raw: bytes, where: str, offset: int) -> None:
    """Bytes that are not UTF-8 name the line, column and offset of the first bad byte."""
    assert case_error(raw) == (
        f"case.yaml:{where}: (document): not valid UTF-8 at byte {offset}; save the file as UTF-8"
    )


def test_control_characters(case_error: CaseError) -> None:
    """Control characters YAML forbids are refused at their line and column."""
    assert case_error("id: a\nnotes: x\x07y\n") == (
        "case.yaml:2:9: (document): YAML syntax: #x0007 is not allowed in YAML text"
    )


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", ".NaN"])
def test_nan_and_infinities(case_error: CaseError, value: str) -> None:
    """NaN and infinities are not numbers a case may carry: the count is a strict integer."""
    text = replaced(CASE_YAML, "    candidate_ids: [c1]\n", f"    asn_mobilised: {value}\n")
    assert case_error(text) == (
        "case.yaml:10:5: activities[0].asn_mobilised: Input should be a valid integer"
    )


@pytest.mark.parametrize("value", [".nan", ".inf"])
def test_nan_in_a_rule_condition(value: str) -> None:
    """A NaN where a condition expects an int is a type error, not a silent never-true."""
    text = replaced(RULE_YAML, "candidate.office: DPD", f"activity.asn_mobilised: {{gte: {value}}}")
    with pytest.raises(RuleFileError) as info:
        load_rule_file(text, "2000-01-01.yaml")
    assert "activity.asn_mobilised is an int fact; float" in str(info.value)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2019-02-30", "cannot read value '2019-02-30': day is out of range for month"),
        ("0000-01-01", "cannot read value '0000-01-01': year 0 is out of range"),
        (
            "10000-01-01",
            "a date is written YYYY-MM-DD (for example 2019-03-10), not as the text '10000-01-01'",
        ),
        (
            "'2019-13-01'",
            "Input should be a valid date or datetime, month value is outside "
            "expected range of 1-12",
        ),
    ],
)
def test_dates_out_of_range(case_error: CaseError, value: str, message: str) -> None:
    """Impossible dates are refused at the date."""
    text = replaced(CASE_YAML, "date: 2019-01-10", f"date: {value}")
    assert case_error(text) == f"case.yaml:8:5: activities[0].date: {message}"


def test_invalid_timestamp_as_key(case_error: CaseError) -> None:
    """An impossible date used as a key is a problem, not a crash."""
    assert case_error("2019-02-30: 1\n") == (
        "case.yaml:1:1: (document): cannot read key '2019-02-30': day is out of range for month"
    )


def test_activity_names_unknown_candidate(case_error: CaseError) -> None:
    """An act toward a candidate the case does not list is refused at that item."""
    text = replaced(CASE_YAML, "candidate_ids: [c1]", "candidate_ids: [c1, ghost]")
    assert case_error(text) == (
        "case.yaml:10:25: activities[0].candidate_ids[1]: unknown candidate 'ghost'; "
        "known candidates: c1"
    )


# --------------------------------------------------------------------------- fuzzing

_FUZZ = settings(max_examples=examples(200))


def _only_netralitas_errors(call: Callable[[], object]) -> None:
    error: NetralitasError | None = None
    try:
        call()
    except NetralitasError as exc:
        error = exc
    if error is None:
        return
    assert str(error)
    problems = getattr(error, "problems", None)
    if problems is not None:
        assert problems
        for p in problems:
            assert p.line >= 1
            assert p.column >= 1
            assert "\n" not in p.message


@_FUZZ
@given(st.text(max_size=300) | st.binary(max_size=300))
def test_fuzz_arbitrary_input(data: str | bytes) -> None:
    """Arbitrary text or bytes give a rule file, a case, or a NetralitasError, nothing else."""
    _only_netralitas_errors(lambda: load_rule_file(data, "2000-01-01.yaml"))
    _only_netralitas_errors(lambda: parse_case(data, "case.yaml"))


_YAML_BITS = st.sampled_from(
    [
        ":",
        "-",
        "- ",
        "[",
        "]",
        "{",
        "}",
        ",",
        "&a ",
        "*a",
        "!!",
        "!x ",
        "<<: ",
        "? ",
        "|",
        ">",
        "'",
        '"',
        "#",
        "\n",
        "  ",
        "\t",
        "null",
        "~",
        "true",
        ".nan",
        "1e999",
        "0x1F",
        "2019-02-30",
        "2021-08-31",
        "all: []",
        "not:",
        "any:",
        "\x00",
        "\ufeff",
        "é",
        "🗳",
    ]
)


@st.composite
def _mutated(draw: st.DrawFn, base: str) -> str:
    text = base
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        bit = draw(_YAML_BITS | st.text(max_size=5))
        size = draw(st.integers(1, 12))
        if action == "insert":
            text = text[:where] + bit + text[where:]
        elif action == "delete":
            text = text[:where] + text[where + size :]
        else:
            text = text[:where] + bit + text[where + size :]
    return text


@_FUZZ
@given(_mutated(RULE_YAML))
def test_fuzz_mutated_rule_file(text: str) -> None:
    """A valid rule file with random edits loads or raises a NetralitasError."""
    _only_netralitas_errors(lambda: load_rule_file(text, "2000-01-01.yaml"))


@_FUZZ
@given(_mutated(CASE_YAML))
def test_fuzz_mutated_case_file(text: str) -> None:
    """A valid case with random edits parses or raises a NetralitasError."""
    _only_netralitas_errors(lambda: parse_case(text, "case.yaml"))


@_FUZZ
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(
                st.sampled_from(
                    [
                        "id",
                        "election",
                        "asn",
                        "candidates",
                        "activities",
                        "status",
                        "kind",
                        "date",
                        "candidate_ids",
                        "relationships",
                        "person",
                        "relative",
                        "all",
                        "not",
                        "activity.kind",
                        "when",
                        "instrument",
                        "version",
                        "provisions",
                    ]
                )
                | st.text(max_size=8),
                inner,
                max_size=5,
            )
        ),
        max_leaves=30,
    )
)
def test_fuzz_structured_documents(data: object) -> None:
    """Arbitrary YAML structures dumped to text never escape as anything but our errors."""
    text = yaml.safe_dump(data)
    _only_netralitas_errors(lambda: parse_case(text, "case.yaml"))
    _only_netralitas_errors(lambda: load_rule_file(text, "2000-01-01.yaml"))


def test_case_file_error_for_fuzzed_case_is_a_value_error() -> None:
    """The errors the fuzzers allow are the library's, and ValueErrors for bad files."""
    with pytest.raises(CaseFileError) as info:
        parse_case(ALIAS_BOMB)
    assert isinstance(info.value, ValueError)
