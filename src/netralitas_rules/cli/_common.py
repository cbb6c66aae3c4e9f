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
