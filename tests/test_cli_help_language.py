"""The help of `netralitas` and of every command under it is Indonesian by default and English
with `--lang en`: the command modules' texts, argparse's own words (`usage:`, the section
titles, the help of `-h` and `--version`), and a text without a translation is a failure,
never English in an Indonesian help."""

from __future__ import annotations

import argparse
import contextlib
import functools
import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _profiles import examples
from netralitas_rules.cli import build_parser, main
from netralitas_rules.cli._exits import debug_help
from netralitas_rules.cli._help import ARGPARSE_TEXTS, catalogue, translate

ARGPARSE_TITLES = ("usage:", "positional arguments:", "options:")
"""argparse's English words as its help shows them."""


def _parsers(
    parser: argparse.ArgumentParser, name: str = "netralitas"
) -> dict[str, argparse.ArgumentParser]:
    """Every parser under ``parser`` (itself included), by its command words."""
    found = {name: parser}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for word, child in action.choices.items():
                found |= _parsers(child, f"{name} {word}")
    return found


@functools.cache
def _built(lang: str) -> dict[str, argparse.ArgumentParser]:
    return _parsers(build_parser(["--lang", lang]))


NAMES = sorted(_built("en"))


def _texts(parser: argparse.ArgumentParser) -> list[str]:
    """Every text of ``parser``'s own help: description, section titles, each argument's help
    and each subcommand's line in its list (metavars, option names and choices aside)."""
    texts = [parser.description or ""]
    texts += [group.title or "" for group in parser._action_groups if group._group_actions]
    for action in parser._actions:
        texts.append(action.help or "")
        if isinstance(action, argparse._SubParsersAction):
            texts += [choice.help or "" for choice in action._choices_actions]
    return [t for t in texts if t and t != argparse.SUPPRESS]


def _as_shown(parser: argparse.ArgumentParser, text: str) -> str:
    """``text`` as the help shows it: argparse fills an argument's ``%(choices)s`` (the
    vocabulary's values) and the like from the argument."""
    for action in parser._actions:
        if action.help == text and "%(" in text:
            return parser._get_formatter()._expand_help(action)
    return text


def _english_texts() -> set[str]:
    """The English of every parser's help that the catalogue translates (``--debug``'s help is
    written per language beside the exit codes, in the message catalogues)."""
    every = {text for parser in _built("en").values() for text in _texts(parser)}
    return every - {debug_help("en")}


def _squeezed(text: str) -> str:
    """``text`` without whitespace (argparse wraps at any space or hyphen) and with argparse's
    ``%%`` as the ``%`` it prints."""
    return re.sub(r"\s+", "", text.replace("%%", "%"))


def _help_via_main(argv: list[str]) -> str:
    """What ``netralitas ARGV`` prints for a help request (exit 0)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 0
    return out.getvalue()


def test_every_parser_is_walked() -> None:
    """The walk reaches the commands, the nested actions and the token verbs."""
    assert len(NAMES) >= 28
    for name in ("netralitas", "netralitas rules lint", "netralitas register token add"):
        assert name in NAMES


@pytest.mark.parametrize("name", NAMES)
def test_each_help_is_indonesian_by_default_and_english_with_lang_en(name: str) -> None:
    """Each parser's help shows every one of its English texts with --lang en and none of them,
    nor argparse's English section titles, by default."""
    english = _squeezed(_built("en")[name].format_help())
    indonesian = _built("id")[name].format_help()
    assert indonesian.startswith(f"penggunaan: {name} ")
    assert "opsi:" in indonesian
    for title in ARGPARSE_TITLES:
        assert title not in indonesian, (name, title)
    texts = [_as_shown(_built("en")[name], text) for text in _texts(_built("en")[name])]
    assert texts
    for text in texts:
        assert _squeezed(text) in english, (name, text)
        assert _squeezed(text) not in _squeezed(indonesian), (name, text)


@pytest.mark.parametrize("name", NAMES)
def test_each_english_help_keeps_argparse_words(name: str) -> None:
    """With --lang en, the help keeps argparse's `usage:` and section titles."""
    english = _built("en")[name].format_help()
    assert english.startswith(f"usage: {name} ")
    assert "options:" in english
    positionals = any(not a.option_strings for a in _built("en")[name]._actions)
    assert ("positional arguments:" in english) == positionals


def test_netralitas_help_is_indonesian_by_default() -> None:
    """`netralitas --help` prints the Indonesian help: usage, titles, the -h, --version and
    --lang lines (--lang saying where it may stand), the commands' lines."""
    out = _help_via_main(["--help"])
    assert out.startswith(
        "penggunaan: netralitas [-h] [--version] [--lang {id,en}] [--debug] COMMAND ...\n"
    )
    squeezed = _squeezed(out)
    for text in (
        "Menilai kasus netralitas ASN menurut hukum Indonesia, lengkap dengan rujukan pasalnya.",
        "argumen posisi:",
        "opsi:",
        "-h, --help tampilkan bantuan ini lalu keluar",
        "--version tampilkan nomor versi program lalu keluar",
        "--lang {id,en} bahasa bantuan, pesan, dan keluaran (bawaan: id); boleh ditulis sebelum "
        "kata perintah (`netralitas --lang en check CASE`) atau, bila perintahnya punya --lang "
        "sendiri, sesudahnya; yang terakhir ditulis yang berlaku",
        "check nilai sebuah berkas kasus",
        "register register pengawasan: kasus diikuti sejak laporan hingga sanksi",
    ):
        assert _squeezed(text) in squeezed, text


@pytest.mark.parametrize(
    ("argv", "usage", "line"),
    [
        (["rules", "lint", "--help"], "penggunaan:", "PATH berkas atau folder aturan"),
        (["rules", "lint", "--help", "--lang", "en"], "usage:", "PATH rule files or folders"),
        (
            ["register", "token", "add", "--help"],
            "penggunaan:",
            "--label LABEL keperluan token ini (tanpa data pribadi)",
        ),
        (
            ["register", "token", "add", "--lang=en", "--help"],
            "usage:",
            "--label LABEL what the token is for (no personal data)",
        ),
        (["--help", "--lang", "en"], "usage:", "check evaluate a case file"),
        (["--lang", "en", "--help"], "usage:", "check evaluate a case file"),
        (["--lang", "en", "rules", "lint", "--help"], "usage:", "PATH rule files or folders"),
        (["rules", "--lang", "en", "lint", "--help"], "usage:", "PATH rule files or folders"),
    ],
    ids=[
        "lint-id",
        "lint-en",
        "token-add-id",
        "token-add-en",
        "top-en",
        "lang-before-help",
        "lang-before-command",
        "lang-inside-group",
    ],
)
def test_nested_help_follows_lang(argv: list[str], usage: str, line: str) -> None:
    """A nested command's help through main(): Indonesian unless --lang en stands anywhere."""
    out = _help_via_main(argv)
    assert out.startswith(f"{usage} netralitas ")
    assert _squeezed(line) in _squeezed(out)


def _takes_lang(name: str) -> bool:
    return any("--lang" in a.option_strings for a in _built("en")[name]._actions)


@settings(max_examples=examples(60))
@given(
    name=st.sampled_from(NAMES),
    spelled=st.sampled_from([["--lang", "en"], ["--lang=en"]]),
    at=st.integers(min_value=0, max_value=4),
)
def test_lang_en_anywhere_makes_the_help_english(name: str, spelled: list[str], at: int) -> None:
    """Wherever `--lang=en` stands among the words of a help request, and `--lang en` before
    the command words, between them (each group takes it) and after them where the command
    takes it (elsewhere after `--help`), the help is English; without it, Indonesian."""
    words = [*name.split()[1:], "--help"]
    position = min(at, len(words))
    if position == len(words) - 1 and len(spelled) == 2 and not _takes_lang(name):
        position += 1  # the command has no --lang of its own: `en` would be its word
    english = _help_via_main([*words[:position], *spelled, *words[position:]])
    indonesian = _help_via_main(words)
    assert english.startswith(f"usage: {name} ")
    assert indonesian.startswith(f"penggunaan: {name} ")


def test_a_usage_error_shows_the_usage_in_the_language_of_lang() -> None:
    """A usage error's usage line follows --lang (its message too: see
    tests/test_cli_errors_language.py)."""
    for argv, prefix in ((["rules"], "penggunaan:"), (["rules", "--lang", "en"], "usage:")):
        err = io.StringIO()
        with contextlib.redirect_stderr(err), pytest.raises(SystemExit) as exited:
            main(argv)
        assert exited.value.code == 2
        assert err.getvalue().startswith(
            f"{prefix} netralitas rules [-h] [--lang {{id,en}}] [--debug] ACTION ...\n"
        )


# ------------------------------------------------------------------------------- the catalogue


def test_every_english_text_has_an_indonesian_translation() -> None:
    """Every English text of every parser's help is a key of the Indonesian catalogue."""
    assert sorted(_english_texts() - set(catalogue("id"))) == []


def test_every_catalogue_entry_is_used() -> None:
    """No key of the catalogue is left over from an English text no parser shows any more."""
    used = _english_texts() | set(ARGPARSE_TEXTS)
    assert sorted(set(catalogue("id")) - used) == []


def test_argparse_words_are_in_the_catalogue() -> None:
    """argparse's own words are translated: usage prefix, section titles, -h, --version."""
    assert translate("usage: ", "id") == "penggunaan: "
    assert [translate(t, "id") for t in ARGPARSE_TEXTS[1:3]] == ["argumen posisi", "opsi"]
    assert set(ARGPARSE_TEXTS) <= set(catalogue("id"))


def _specifiers(text: str) -> list[str]:
    return sorted(re.findall(r"%(?:\([a-z_]+\))?[a-z%]", text))


@pytest.mark.parametrize("english", sorted(catalogue("id")))
def test_every_entry_has_both_languages(english: str) -> None:
    """Each entry pairs an English text with an Indonesian one of its own: not empty, not the
    English again, with the same argparse placeholders and trailing space."""
    indonesian = catalogue("id")[english]
    assert indonesian.strip()
    assert indonesian != english
    assert _specifiers(indonesian) == _specifiers(english)
    assert indonesian.endswith(" ") == english.endswith(" ")


ENGLISH_WORDS = re.compile(
    r"\b(?:the|and|of|with|or|for|to|from|by|on|in|at|is|are|its|it|each|every|default|file|"
    r"files|folder of|case|cases|rule|rules|list|print|write|show|exit|check|run|when|only|"
    r"output|input|report|day|date)\b",
    re.IGNORECASE,
)
"""English words no Indonesian help text should carry."""

CODE = re.compile(r"`[^`]*`|'[^']*'|--[\w-]+|\S*/\S*|\b[A-Z_]{2,}\b|\S+\.\w+")
"""What a help text may quote as the command takes it: commands, quoted names, options,
paths, metavars, file names."""


def test_the_indonesian_texts_carry_no_english_word() -> None:
    """No Indonesian help text carries a common English word outside what it quotes."""
    slips = {
        english: hits
        for english, indonesian in catalogue("id").items()
        if (hits := ENGLISH_WORDS.findall(CODE.sub(" ", indonesian)))
    }
    assert slips == {}


def test_the_english_word_check_catches_an_untranslated_text() -> None:
    """The word check sees an English help left untranslated."""
    assert ENGLISH_WORDS.findall(CODE.sub(" ", "rule files or folders (default: shipped)"))


def test_a_missing_translation_fails_instead_of_falling_back() -> None:
    """A text the catalogue lacks raises, naming the catalogue and how to fix it; English
    needs no catalogue."""
    with pytest.raises(LookupError, match=r"cli_help\.id\.yaml: no translation of 'new text'"):
        translate("new text", "id")
    assert translate("new text", "en") == "new text"
