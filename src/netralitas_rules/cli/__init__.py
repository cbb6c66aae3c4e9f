"""The ``netralitas`` command. Each subcommand lives in its own module and registers itself;
add a module to ``COMMANDS`` to add a command.

Exit codes: 0 success (for ``check``: no findings), 1 findings or failures, 2 invalid input.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from ..errors import NetralitasError

COMMANDS = (
    "netralitas_rules.cli.check",
    "netralitas_rules.cli.rules",
    "netralitas_rules.cli.schema",
    "netralitas_rules.cli.test",
    "netralitas_rules.cli.prove",
    "netralitas_rules.cli.batch",
    "netralitas_rules.cli.report",
    "netralitas_rules.cli.audit",
    "netralitas_rules.cli.agreement",
)

EXIT_OK, EXIT_FINDINGS, EXIT_INVALID = 0, 1, 2


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser with every registered subcommand; given the arguments, with only
    the command they name when they name one (its module alone is imported, which keeps
    the start-up of, say, ``netralitas batch`` free of the other commands' imports)."""
    parser = argparse.ArgumentParser(
        prog="netralitas",
        description="Judge ASN neutrality cases against Indonesian law, with citations.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    named = next((a for a in argv or () if not a.startswith("-")), None)
    wanted = f"{__name__}.{named}"
    for name in (wanted,) if wanted in COMMANDS else COMMANDS:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``netralitas`` script; returns the exit code."""
    if argv is None:
        argv = sys.argv[1:]
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    try:
        code: int = args.run(args)
    except NetralitasError as exc:
        # Problem lines stay bare `path:line:col: key.path: message` so editors can jump to them.
        text = str(exc) if getattr(exc, "problems", None) else f"netralitas: {exc}"
        print(text, file=sys.stderr)
        return EXIT_INVALID
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return EXIT_OK
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
