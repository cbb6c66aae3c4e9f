"""Options shared by several subcommands."""

from __future__ import annotations

import argparse
import datetime as dt

from ..engine import BACKENDS
from ..render import LANGS


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
