"""A usage error of `netralitas` is written in the language of `--lang`: the `error:` word,
argparse's own messages (as Python 3.11 words them) and those of the command's argparse types,
Indonesian by default with no English pattern left, English with `--lang en`; exit 2 either
way. A message no pattern knows is shown in English rather than lost. `--lang` may stand
before the command words as well as after them, and a command's --lang falls back to it."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import inspect
import io
import re
from collections.abc import Sequence

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from _profiles import examples
from netralitas_rules import messages
from netralitas_rules.cli import build_parser, main
from netralitas_rules.cli._common import iso_date
from netralitas_rules.cli._errors import CATALOGUE, ERROR_LINE, Parser, translate_message
from netralitas_rules.cli._exits import LANGS, declare
from netralitas_rules.cli._help import catalogue

PATTERNS = catalogue("id", CATALOGUE)

# (argv through main(), the catalogue's patterns it shows, the Indonesian line, the English).
VIA_MAIN: list[tuple[list[str], set[str], str, str]] = [
    (
        ["rules"],
        {"the following arguments are required: %s"},
        "netralitas rules: kesalahan: argumen berikut wajib diberikan: ACTION",
        "netralitas rules: error: the following arguments are required: ACTION",
    ),
    (
        ["check", "case.yaml", "extra"],
        {"unrecognized arguments: %s"},
        "netralitas: kesalahan: argumen tidak dikenal: extra",
        "netralitas: error: unrecognized arguments: extra",
    ),
    (
        ["check", "case.yaml", "--format", "xml"],
        {
            "argument %(argument_name)s: %(message)s",
            "invalid choice: %(value)r (choose from %(choices)s)",
        },
        "netralitas check: kesalahan: argumen --format: pilihan tidak valid: 'xml' "
        "(pilih salah satu: 'text', 'json')",
        "netralitas check: error: argument --format: invalid choice: 'xml' "
        "(choose from 'text', 'json')",
    ),
    (
        ["batch", "in.jsonl", "--jobs", "many"],
        {"argument %(argument_name)s: %(message)s", "invalid %(type)s value: %(value)r"},
        "netralitas batch: kesalahan: argumen --jobs: nilai int tidak valid: 'many'",
        "netralitas batch: error: argument --jobs: invalid int value: 'many'",
    ),
    (
        ["check", "case.yaml", "--at"],
        {"argument %(argument_name)s: %(message)s", "expected one argument"},
        "netralitas check: kesalahan: argumen --at: perlu satu nilai",
        "netralitas check: error: argument --at: expected one argument",
    ),
    (
        ["check", "case.yaml", "--a", "2024-01-01"],
        {"ambiguous option: %(option)s could match %(matches)s"},
        "netralitas check: kesalahan: opsi ambigu: --a bisa berarti --at, --as-of",
        "netralitas check: error: ambiguous option: --a could match --at, --as-of",
    ),
    (
        ["check", "case.yaml", "--strict=yes"],
        {"argument %(argument_name)s: %(message)s", "ignored explicit argument %r"},
        "netralitas check: kesalahan: argumen --strict: opsi ini tidak menerima nilai: 'yes'",
        "netralitas check: error: argument --strict: ignored explicit argument 'yes'",
    ),
    (
        ["check", "case.yaml", "--at", "2024-13-01"],
        {"argument %(argument_name)s: %(message)s", "%r is not a date; write YYYY-MM-DD"},
        "netralitas check: kesalahan: argumen --at: '2024-13-01' bukan tanggal; tulis dalam "
        "bentuk YYYY-MM-DD",
        "netralitas check: error: argument --at: '2024-13-01' is not a date; write YYYY-MM-DD",
    ),
    (
        ["test", "--threshold", "many"],
        {"argument %(argument_name)s: %(message)s", "%r is not a percentage (0-100)"},
        "netralitas test: kesalahan: argumen --threshold: 'many' bukan persentase (0-100)",
        "netralitas test: error: argument --threshold: 'many' is not a percentage (0-100)",
    ),
    (
        ["test", "--threshold", "101"],
        {"argument %(argument_name)s: %(message)s", "%r is not between 0 and 100"},
        "netralitas test: kesalahan: argumen --threshold: '101' tidak berada di antara 0 dan 100",
        "netralitas test: error: argument --threshold: '101' is not between 0 and 100",
    ),
    (
        # A port beyond 65535 reached the socket and ended as an internal error (exit 70).
        ["serve", "--db", "register.sqlite", "--port", "99999"],
        {
            "argument %(argument_name)s: %(message)s",
            "%r is not a port; write a number from 0 (any free port) to 65535",
        },
        "netralitas serve: kesalahan: argumen --port: '99999' bukan nomor port; tulis angka "
        "dari 0 (port bebas mana pun) sampai 65535",
        "netralitas serve: error: argument --port: '99999' is not a port; write a number from 0 "
        "(any free port) to 65535",
    ),
]

# argparse's messages no parser of the command can show: a parser of the test's own, of the
# command's class (a required mutually exclusive group, an option of one or more values).
VIA_DEMO: list[tuple[list[str], set[str], str, str]] = [
    (
        [],
        {"one of the arguments %s is required"},
        "demo: kesalahan: salah satu argumen --a --b wajib diberikan",
        "demo: error: one of the arguments --a --b is required",
    ),
    (
        ["--a", "1", "--b", "2"],
        {"argument %(argument_name)s: %(message)s", "not allowed with argument %s"},
        "demo: kesalahan: argumen --b: tidak boleh dipakai bersama argumen --a",
        "demo: error: argument --b: not allowed with argument --a",
    ),
    (
        ["--a", "1", "--many"],
        {"argument %(argument_name)s: %(message)s", "expected at least one argument"},
        "demo: kesalahan: argumen --many: perlu sedikitnya satu nilai",
        "demo: error: argument --many: expected at least one argument",
    ),
]


def _exit_2(run: object, argv: Sequence[str]) -> list[str]:
    """The lines ``run(argv)`` writes on stderr; it must exit 2 and write nothing else."""
    err, out = io.StringIO(), io.StringIO()
    with (
        contextlib.redirect_stderr(err),
        contextlib.redirect_stdout(out),
        pytest.raises(SystemExit) as exited,
    ):
        run(list(argv))  # type: ignore[operator]
    assert exited.value.code == 2
    assert out.getvalue() == ""
    return err.getvalue().splitlines()


def _demo(argv: list[str], lang: str = "id") -> None:
    parser = Parser(prog="demo")
    parser.lang = lang
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--a")
    group.add_argument("--b")
    parser.add_argument("--many", nargs="+")
    parser.parse_args(argv)


def _english_fragments() -> set[str]:
    """The English words of every pattern, without what argparse fills in."""
    pieces = re.split(r"%(?:\(\w+\))?[sr]", " ".join([*PATTERNS, ERROR_LINE]))
    return {p.strip() for p in pieces if re.search("[a-z]", p)}


def _no_english(lines: list[str]) -> None:
    text = "\n".join(lines)
    left = [fragment for fragment in _english_fragments() if fragment in text]
    assert left == [], text


@pytest.mark.parametrize(("argv", "keys", "indonesian", "english"), VIA_MAIN)
def test_each_usage_error_is_indonesian_by_default(
    argv: list[str], keys: set[str], indonesian: str, english: str
) -> None:
    """Through main(), without --lang: the Indonesian usage line and message, exit 2, and no
    English word of any pattern."""
    lines = _exit_2(main, argv)
    assert lines[0].startswith("penggunaan: ")
    assert lines[-1] == indonesian
    _no_english(lines)


@pytest.mark.parametrize("before", [True, False], ids=["lang-first", "lang-last"])
@pytest.mark.parametrize(("argv", "keys", "indonesian", "english"), VIA_MAIN)
def test_each_usage_error_is_english_with_lang_en(
    argv: list[str], keys: set[str], indonesian: str, english: str, before: bool
) -> None:
    """With --lang en, before the command words or after them: argparse's English, exit 2
    (so each English pattern is still Python's wording, word for word)."""
    lines = _exit_2(main, ["--lang", "en", *argv] if before else [*argv, "--lang", "en"])
    assert lines[0].startswith("usage: ")
    assert lines[-1] == english


@pytest.mark.parametrize(("argv", "keys", "indonesian", "english"), VIA_DEMO)
def test_argparse_messages_the_command_cannot_show_are_translated_too(
    argv: list[str], keys: set[str], indonesian: str, english: str
) -> None:
    """Mutually exclusive and one-or-more options, which no command has yet, on a parser of
    the command's class: Indonesian with no English pattern left, or Python's English."""
    lines = _exit_2(_demo, argv)
    assert lines[-1] == indonesian
    _no_english(lines)
    assert _exit_2(lambda a: _demo(a, "en"), argv)[-1] == english


def test_every_pattern_is_triggered() -> None:
    """Each pattern of the catalogue is shown by one of the cases above: none is dead, and
    each one is known to match Python's wording."""
    shown = {key for _, keys, _, _ in VIA_MAIN + VIA_DEMO for key in keys} | {ERROR_LINE}
    assert sorted(set(PATTERNS) ^ shown) == []


def test_argparse_patterns_are_argparse_s_own_words() -> None:
    """Every pattern not of the command's own types is a message this Python's argparse
    writes, as it writes it."""
    source = inspect.getsource(argparse)
    own = {key for key in PATTERNS if key.startswith("%r ")}
    assert len(own) == 4
    missing = [key for key in set(PATTERNS) - own if f"_({key!r})" not in source]
    assert missing == []


def test_the_command_s_own_type_errors_are_patterns() -> None:
    """iso_date writes its English as the pattern the catalogue translates."""
    with pytest.raises(argparse.ArgumentTypeError) as raised:
        iso_date("soon")
    assert (
        translate_message(str(raised.value), "id")
        == "'soon' bukan tanggal; tulis dalam bentuk YYYY-MM-DD"
    )
    assert iso_date("2024-02-29") == dt.date(2024, 2, 29)


@pytest.mark.parametrize("english", sorted(PATTERNS))
def test_each_pattern_keeps_its_placeholders(english: str) -> None:
    """Each translation differs from its English and has the same placeholders (the values
    argparse filled in are put back), and the same line end."""
    indonesian = PATTERNS[english]
    assert indonesian.strip()
    assert indonesian != english
    spec = r"%(?:\(\w+\))?[sr%]"
    assert sorted(re.findall(spec, indonesian)) == sorted(re.findall(spec, english))
    assert indonesian.endswith("\n") == english.endswith("\n")


# ------------------------------------------------------------------- what no pattern knows


@pytest.mark.parametrize(
    ("message", "shown"),
    [
        ("a wording of a newer Python", "a wording of a newer Python"),
        ("argument --x: a wording of a newer Python", "argumen --x: a wording of a newer Python"),
        ("", ""),
    ],
)
def test_a_message_no_pattern_knows_is_shown_as_argparse_wrote_it(message: str, shown: str) -> None:
    """An unknown message is kept in English (inside a known one, the known part is
    translated), never lost."""
    assert translate_message(message, "id") == shown
    lines = _exit_2(lambda _: Parser(prog="demo").error(message), [])
    assert lines == ["usage: demo [-h]", f"demo: error: {message}"]
    indonesian = Parser(prog="demo")
    indonesian.lang = "id"
    assert _exit_2(lambda _: indonesian.error(message), [])[-1] == f"demo: kesalahan: {shown}"


def test_a_user_s_words_are_kept_as_written() -> None:
    """What the user typed is put back as typed, even when it reads like a pattern."""
    message = "unrecognized arguments: expected one argument"
    assert translate_message(message, "id") == "argumen tidak dikenal: expected one argument"
    quoted = "invalid choice: 'it''s' (choose from 'a', 'b')"
    assert translate_message(quoted, "id") == quoted  # not a repr argparse writes: unknown


# --------------------------------------------------------------------- every parser, --lang


def _parsers(
    parser: argparse.ArgumentParser, words: tuple[str, ...] = ()
) -> dict[tuple[str, ...], argparse.ArgumentParser]:
    found = {words: parser}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for word, child in action.choices.items():
                found |= _parsers(child, (*words, word))
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_every_parser_writes_its_errors_in_the_language_of_lang(lang: str) -> None:
    """Every parser of the command, each subcommand's too, is a Parser in the language
    asked; each group and the top accept --lang."""
    parsers = _parsers(build_parser(["--lang", lang]))
    assert len(parsers) >= 28
    for words, parser in parsers.items():
        assert isinstance(parser, Parser), words
        assert parser.lang == lang, words
        groups = any(isinstance(a, argparse._SubParsersAction) for a in parser._actions)
        takes = any("--lang" in a.option_strings for a in parser._actions)
        assert takes or not groups, words


def test_a_parser_of_another_class_is_refused() -> None:
    """declare() refuses a plain ArgumentParser, whose errors would stay English."""
    with pytest.raises(TypeError, match=r"^demo: a ArgumentParser, whose usage errors"):
        declare(argparse.ArgumentParser(prog="demo"), "id")


def test_the_languages_of_lang_are_the_messages_ones() -> None:
    """--lang offers the languages the messages catalogue has."""
    assert LANGS == messages.LANGS


def test_lang_en_before_the_command_gives_the_english_help() -> None:
    """`netralitas --lang en --help`: the English help, exit 0."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit) as exited:
        main(["--lang", "en", "--help"])
    assert exited.value.code == 0
    assert out.getvalue().startswith("usage: netralitas [-h] [--version] [--lang {id,en}]")
    assert "the last one given wins" in " ".join(out.getvalue().split())


def test_check_at_and_rules_list_at_show_date() -> None:
    """`check --at` and `rules list --at` show the metavar their help names, DATE."""
    parsers = _parsers(build_parser(["--lang", "en"]))
    for words in (("check",), ("rules", "list")):
        text = " ".join(parsers[words].format_help().split())
        assert "--at DATE" in text, words
        assert "--at AT" not in text, words


LEAVES = sorted(
    words for words, p in _parsers(build_parser(["--lang", "en"])).items() if p.get_default("run")
)


def _needed(parser: argparse.ArgumentParser) -> list[str]:
    """Arguments enough for ``parser`` to parse: a value for each required one."""
    argv: list[str] = []
    for action in parser._actions:
        optional = action.option_strings and not action.required
        if optional or action.nargs in ("?", "*"):
            continue
        if action.choices and not isinstance(action, argparse._SubParsersAction):
            value = str(next(iter(action.choices)))
        elif action.type is iso_date:
            value = "2024-01-01"
        elif action.type in (int, float):
            value = "1"
        else:
            value = "x"
        argv += [*action.option_strings[:1], value]
    return argv


@settings(max_examples=examples(80))
@example(words=("check",), lang="en", placement="before")
@example(words=("rules", "list"), lang="en", placement="before")
@example(words=("register", "token", "add"), lang="en", placement="before")
@example(words=("schema",), lang="en", placement="after")
@given(
    words=st.sampled_from(LEAVES),
    lang=st.sampled_from(LANGS),
    placement=st.sampled_from(["before", "after", "none"]),
)
def test_lang_before_or_after_the_command_words(
    words: tuple[str, ...], lang: str, placement: str
) -> None:
    """For every command, `--lang L` before the command words, or after them where the
    command takes it, sets args.lang to L (a command's own --lang falls back to the one
    before it) and writes a usage error in L; without --lang, Indonesian."""
    parsers = _parsers(build_parser(list(words)))
    own = any("--lang" in a.option_strings for a in parsers[words]._actions)
    if placement == "after" and not own:
        placement = "before"
    given_lang = ["--lang", lang]
    argv = [
        *(given_lang if placement == "before" else []),
        *words,
        *_needed(parsers[words]),
        *(given_lang if placement == "after" else []),
    ]
    expected = lang if placement != "none" else "id"
    assert build_parser(argv).parse_args(argv).lang == expected
    last = _exit_2(main, [*argv, "--no-such-option"])[-1]
    assert (
        last
        == {
            "id": "netralitas: kesalahan: argumen tidak dikenal: --no-such-option",
            "en": "netralitas: error: unrecognized arguments: --no-such-option",
        }[expected]
    )


def test_the_last_lang_given_wins() -> None:
    """`--lang id` before the command and `--lang en` after it: English, as argparse takes
    the last value."""
    argv = ["--lang", "id", "rules", "list", "--lang", "en"]
    assert build_parser(argv).parse_args(argv).lang == "en"
    assert _exit_2(main, [*argv, "--no-such-option"])[0].startswith("usage: ")
