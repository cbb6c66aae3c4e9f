"""Usage errors of ``netralitas`` in the language of ``--lang``.

argparse writes its messages in English with its module-level gettext and hands each one,
formatted, to ``parser.error``. Every parser of the command is a :class:`Parser`, whose
``error`` reads the message back against the English patterns of
``data/cli_errors.<lang>.yaml`` (argparse's own, as Python 3.11 words them, and those of the
command's argparse types) and writes the pattern's translation with the same values. argparse
itself is left alone: other programs import this library, and nothing here may change
argparse for the whole process.

A message no pattern matches, say a newer Python's new wording, is shown as argparse wrote it:
English, but not lost.

>>> translate_message("the following arguments are required: ACTION", "id")
'argumen berikut wajib diberikan: ACTION'
>>> translate_message("a wording this catalogue does not know", "id")
'a wording this catalogue does not know'
"""

from __future__ import annotations

import argparse
import functools
import re
import sys
from collections.abc import Mapping
from typing import NoReturn

from ._help import SOURCE_LANG, catalogue, translate

CATALOGUE = "cli_errors"
"""The name of the usage errors' catalogue: ``data/cli_errors.<lang>.yaml``."""

ERROR_LINE = "%(prog)s: error: %(message)s\n"
"""argparse's line around every usage error (its key in the catalogue)."""

NESTED = "message"
"""The placeholder whose value is a message in its turn (``argument X: <message>``),
translated like the whole; every other value is the user's words or argparse's names
(options, metavars, choices, type names) and is kept as it is."""

# A %-placeholder: %s, %r, %(name)s, %(name)r, and the literal %%.
_SPEC = re.compile(r"%(?:\((?P<name>\w+)\))?(?P<conversion>[sr%])")

# What %r wrote: the repr of a text, else a number or a name (a choice converted by its type).
_REPR = r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|[\w.+-]+"


@functools.cache
def _patterns(lang: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each English pattern of the catalogue as a regular expression, with its translation;
    the most literal text first, so a pattern that says more wins over one that says less."""
    entries = [pair for pair in catalogue(lang, CATALOGUE).items() if pair[0] != ERROR_LINE]
    entries.sort(key=lambda pair: -len(_SPEC.sub("", pair[0])))
    return tuple((_compile(english), text) for english, text in entries)


def _compile(pattern: str) -> re.Pattern[str]:
    """The regular expression of the messages ``pattern % values`` writes."""
    parts, start, index = [], 0, 0
    for spec in _SPEC.finditer(pattern):
        parts.append(re.escape(pattern[start : spec.start()]))
        start = spec.end()
        if spec["conversion"] == "%":
            parts.append("%")
            continue
        name = spec["name"] or f"_{index}"
        index += spec["name"] is None
        parts.append(f"(?P<{name}>{_REPR if spec['conversion'] == 'r' else '.+?'})")
    parts.append(re.escape(pattern[start:]))
    return re.compile("".join(parts), re.DOTALL)


def _fill(pattern: str, values: Mapping[str, str]) -> str:
    """``pattern`` with each placeholder replaced by the text its value was written as."""
    positional = iter(sorted((k for k in values if k.startswith("_")), key=lambda k: int(k[1:])))

    def value(spec: re.Match[str]) -> str:
        if spec["conversion"] == "%":
            return "%"
        return values[spec["name"] or next(positional)]

    return _SPEC.sub(value, pattern)


def translate_message(message: str, lang: str) -> str:
    """argparse's English ``message`` in ``lang``; the message unchanged when no pattern of
    the catalogue matches it (a wording this catalogue does not know yet)."""
    if lang == SOURCE_LANG:
        return message
    for regex, translation in _patterns(lang):
        found = regex.fullmatch(message)
        if found is None:
            continue
        values = found.groupdict()
        if NESTED in values:
            values[NESTED] = translate_message(values[NESTED], lang)
        return _fill(translation, values)
    return message


class Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are written in :attr:`lang`. argparse makes
    each subcommand's parser of its parent's class, so the whole tree under one is one."""

    lang: str = SOURCE_LANG
    """The language of this parser's errors; :func:`._exits.declare` sets it."""

    def error(self, message: str) -> NoReturn:
        """Print the usage and ``PROG: error: MESSAGE`` in :attr:`lang`; exit 2."""
        self.print_usage(sys.stderr)
        line = translate(ERROR_LINE, self.lang, CATALOGUE)
        self.exit(2, line % {"prog": self.prog, "message": translate_message(message, self.lang)})
