"""The help of ``netralitas`` in the language of ``--lang``, and its layout.

A command module writes its help in English, beside the option it explains: English is the
source language. ``data/cli_help.<lang>.yaml`` maps each English text to its translation,
argparse's own words included (``usage:``, the section titles, the help of ``-h`` and
``--version``). The catalogue is keyed by the English text, gettext's way, so the English is
written once and a changed English text has no translation until one is written:
:func:`translate` then raises and the test over every parser's help fails, where a
translation keyed by name would silently go on saying what the old English said.

>>> translate("show this help message and exit", "id")
'tampilkan bantuan ini lalu keluar'
"""

from __future__ import annotations

import argparse
import functools
import textwrap
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import Any

import yaml

SOURCE_LANG = "en"
"""The language the command modules write their help in."""

ARGPARSE_TEXTS = (
    "usage: ",
    "positional arguments",
    "options",
    "show this help message and exit",
    "show program's version number and exit",
)
"""argparse's own English words that appear in a help (Python 3.10 and later)."""

# The C loader when PyYAML has it: the catalogue is read on every start of the command.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def catalogue_file(lang: str, name: str = "cli_help") -> str:
    """Where the translations of catalogue ``name`` into ``lang`` live, inside the package."""
    return f"netralitas_rules/data/{name}.{lang}.yaml"


@functools.cache
def catalogue(lang: str, name: str = "cli_help") -> Mapping[str, str]:
    """The translation into ``lang`` of every English text of catalogue ``name`` (the help's,
    or ``cli_errors``: the usage errors'), by the English text (empty for English itself)."""
    if lang == SOURCE_LANG:
        return {}
    raw = (
        resources.files("netralitas_rules.data")
        .joinpath(f"{name}.{lang}.yaml")
        .read_text(encoding="utf-8")
    )
    data = yaml.load(raw, Loader=_LOADER)  # a safe loader, C or Python
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise TypeError(
            f"{catalogue_file(lang, name)}: expected a mapping of English texts to texts"
        )
    return data


def translate(text: str, lang: str, name: str = "cli_help") -> str:
    """``text``, written in English, in ``lang``; never the English again for another
    language (a missing translation is a defect, not a fallback)."""
    if lang == SOURCE_LANG:
        return text
    try:
        return catalogue(lang, name)[text]
    except KeyError:
        raise LookupError(
            f"{catalogue_file(lang, name)}: no translation of {text!r}; add it, keyed by the "
            "English text exactly as the command module writes it"
        ) from None


def localise(parser: argparse.ArgumentParser, lang: str) -> None:
    """Put the texts ``parser`` itself shows in ``lang``: its description, its section
    titles, the help of each of its arguments and each subcommand's line in its list (the
    subcommands' own parsers are walked by the caller, :func:`.._exits.declare`)."""
    if lang == SOURCE_LANG:
        return
    if parser.description:
        parser.description = translate(parser.description, lang)
    for group in parser._action_groups:  # argparse's titles are attributes, not settings
        if group.title:
            group.title = translate(group.title, lang)
        if group.description:
            group.description = translate(group.description, lang)
    for action in _helped(parser._actions):
        action.help = translate(action.help or "", lang)


def _helped(actions: Iterable[argparse.Action]) -> list[argparse.Action]:
    """Each action with a help of its own, and each subcommand's line in the list of a
    subcommand action (the line is an action of its own, not the subcommand's parser)."""
    found: list[argparse.Action] = []
    for action in actions:
        if action.help and action.help != argparse.SUPPRESS:
            found.append(action)
        if isinstance(action, argparse._SubParsersAction):
            found += _helped(action._choices_actions)
    return found


class LineFormatter(argparse.HelpFormatter):
    """Fills each line of a text on its own, so an epilog keeps one line per exit code; an
    indented line keeps its indent and continues under its text. Its usage line opens with
    :attr:`usage_prefix` (argparse's ``usage: `` unless a language says otherwise)."""

    usage_prefix = "usage: "

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, self.usage_prefix if prefix is None else prefix)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        out = []
        for line in text.splitlines():
            body = line.lstrip()
            lead = indent + line[: len(line) - len(body)]
            hang = lead + " " * (body.find("  ") + 2 if line != body and "  " in body else 0)
            out.append(textwrap.fill(body, width, initial_indent=lead, subsequent_indent=hang))
        return "\n".join(out)


@functools.cache
def formatter(lang: str) -> type[LineFormatter]:
    """The help formatter of ``lang``: a class per language rather than a change to
    argparse's own ``usage: ``, which every other parser in the process shares."""

    class Localised(LineFormatter):
        usage_prefix = translate("usage: ", lang)

    return Localised
