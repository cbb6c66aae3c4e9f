"""Options shared by several subcommands."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from ..engine import BACKENDS
from ..messages import msg
from ..render import LANGS

SHOWN = 3
"""How many names a one-line summary of many (skipped cases, decided files) shows."""


def iso_date(text: str) -> dt.date:
    """argparse type for YYYY-MM-DD dates."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write YYYY-MM-DD") from None


def add_lang(parser: argparse.ArgumentParser) -> None:
    """``--lang id|en``."""
    parser.add_argument("--lang", choices=LANGS, default="id", help="output language (default id)")


def add_backend(parser: argparse.ArgumentParser) -> None:
    """``--backend python|durable``."""
    parser.add_argument(
        "--backend", choices=BACKENDS, default="python", help="engine backend (default python)"
    )


def add_rules(parser: argparse.ArgumentParser) -> None:
    """``--rules PATH`` (repeatable): rule files or folders instead of the shipped corpus."""
    parser.add_argument(
        "--rules",
        action="append",
        metavar="PATH",
        help="rule file or folder to use instead of the shipped regulations (repeatable)",
    )


def add_judging(parser: argparse.ArgumentParser) -> None:
    """The options of a command that judges a case: language, backend, rules, the day of
    handling and the sanction policy (``check`` and ``ask`` take the same)."""
    add_lang(parser)
    add_backend(parser)
    add_rules(parser)
    parser.add_argument(
        "--as-of",
        metavar="DATE",
        type=iso_date,
        help="day of handling for the sanction audit (default today)",
    )
    parser.add_argument("--policy", metavar="PATH", help="sanction policy file (default: shipped)")


def first_few(names: Sequence[str], lang: str, shown: int = SHOWN) -> str:
    """``a, b, c`` or ``a, b, c dan 1.857 lainnya``: the first ``shown`` names and how many
    more, for a line that stands for many."""
    from ..supervision.labels import number

    head = ", ".join(names[:shown])
    if len(names) <= shown:
        return head
    return msg("cli.and_more", lang, shown=head, more=number(len(names) - shown, lang))


def decided_note(files: Sequence[Path], command: str, lang: str) -> str | None:
    """The line saying that ``files`` are real decided cases of which ``command`` (``audit``,
    ``register``) read the case part only, and how to compare their decisions (one file: by
    its name; more: how many, the first few, and their folders for ``netralitas
    agreement``). None when there are none."""
    if not files:
        return None
    if len(files) == 1:
        return msg(f"{command}.decided_one", lang, path=str(files[0]))
    from ..supervision.labels import number

    folders = " ".join(dict.fromkeys(str(f.parent) for f in files))
    return msg(
        f"{command}.decided_many",
        lang,
        count=number(len(files), lang),
        files=first_few([str(f) for f in files], lang),
        paths=folders,
    )
