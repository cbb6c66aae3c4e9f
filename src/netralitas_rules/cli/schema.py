"""``netralitas schema rules|case|report|test``: print a JSON Schema."""

from __future__ import annotations

import argparse
from typing import Any

from ..schemas import SCHEMA_NAMES, dumps, generate
from . import EXIT_OK


def register(sub: Any) -> None:
    """Add the ``schema`` subcommand."""
    p: argparse.ArgumentParser = sub.add_parser("schema", help="print a JSON Schema")
    p.add_argument("name", choices=SCHEMA_NAMES)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the schema."""
    print(dumps(generate(args.name)), end="")
    return EXIT_OK
