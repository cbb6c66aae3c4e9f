"""The ``netralitas`` command. Each subcommand lives in its own module and registers itself;
add a module to ``COMMANDS`` to add a command.

Exit codes (:mod:`._exits`): 0 nothing to look at, 1 something to look at (each command's
help says what), 2 invalid input, 70 internal error, 130 interrupted, 141 output closed.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from ._errors import Parser
from ._exits import (
    EXIT_BROKEN_PIPE,
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_INVALID,
    EXIT_OK,
    declare,
    guarded,
    language,
)

COMMANDS = (
    "netralitas_rules.cli.check",
    "netralitas_rules.cli.ask",
    "netralitas_rules.cli.rules",
    "netralitas_rules.cli.schema",
    "netralitas_rules.cli.test",
    "netralitas_rules.cli.prove",
    "netralitas_rules.cli.batch",
    "netralitas_rules.cli.report",
    "netralitas_rules.cli.audit",
    "netralitas_rules.cli.agreement",
    "netralitas_rules.cli.register",
    "netralitas_rules.cli.serve",
)

__all__ = [
    "COMMANDS",
    "EXIT_BROKEN_PIPE",
    "EXIT_FINDINGS",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_INVALID",
    "EXIT_OK",
    "build_parser",
    "main",
]


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser with every registered subcommand; given the arguments, with only
    the command they name when they name one (its module alone is imported, which keeps
    the start-up of, say, ``netralitas batch`` free of the other commands' imports). Every
    parser gets ``--debug`` and an epilog with its exit codes, in the ``--lang`` given, and
    writes its usage errors in it (a :class:`._errors.Parser`)."""
    parser = Parser(
        prog="netralitas",
        description="Judge ASN neutrality cases against Indonesian law, with citations.",
    )
    parser.add_argument(
        "--version", action="version", version=f"netralitas-rules {_package_version()}"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    wanted = f"{__name__}.{_command_word(argv or ())}"
    for name in (wanted,) if wanted in COMMANDS else COMMANDS:
        importlib.import_module(name).register(sub)
    declare(parser, language(argv or ()))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``netralitas`` script; returns the exit code. Whatever escapes a
    command ends here as an exit code and at most a line (see :mod:`._exits`); argparse's
    own usage errors still exit 2 through ``SystemExit``."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    parsed: list[argparse.Namespace] = []

    def body() -> int:
        args = build_parser(args_list).parse_args(args_list)
        parsed.append(args)
        code: int = args.run(args)
        return code

    def prog() -> str:
        words = (
            [getattr(parsed[0], k, None) for k in ("command", "rules_command")] if parsed else []
        )
        return " ".join(["netralitas", *(w for w in words if isinstance(w, str))])

    return guarded(body, args_list, prog)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


def _command_word(argv: Sequence[str]) -> str | None:
    """The first word of ``argv`` that is not an option nor the value of ``--lang``, the only
    option with a value that may stand before the command."""
    words = iter(argv)
    for word in words:
        if word == "--lang":
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def _package_version() -> str:
    # Read lazily: importing the package root for its __version__ would not load anything
    # more, but this keeps the CLI's start-up free of it until asked.
    from .. import __version__

    return __version__
