"""``netralitas prove [PATHS]``: check that rule files have the properties every rule set
should have (see :mod:`netralitas_rules.testing.properties`). Needs hypothesis (the
``test`` extra).

Exit 0: every property holds; 1: a property is violated; 2: invalid input.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..loader import load_regulations
from . import EXIT_FINDINGS, EXIT_INVALID, EXIT_OK


def register(sub: Any) -> None:
    """Add the ``prove`` subcommand."""
    p: argparse.ArgumentParser = sub.add_parser(
        "prove",
        help="check properties of rule files (determinism, monotone tiers, no gaps ...)",
        description="Check properties of rule files with generated cases. Exit 0: all hold; "
        "1: a property is violated; 2: invalid input.",
    )
    p.add_argument(
        "paths", nargs="*", metavar="PATH", help="rule files or folders (default: shipped)"
    )
    p.add_argument(
        "--examples",
        type=int,
        default=100,
        metavar="N",
        help="generated cases per property (default 100)",
    )
    p.add_argument(
        "--only", action="append", metavar="NAME", help="check only this property (repeatable)"
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run each property and print one line per property, then the summary."""
    try:
        from hypothesis import settings

        from ..testing.properties import PROPERTIES, PropertyViolation
    except ImportError:
        print(
            "netralitas: prove needs hypothesis: pip install 'netralitas-rules[test]'",
            file=sys.stderr,
        )
        return EXIT_INVALID
    unknown = [n for n in args.only or () if n not in PROPERTIES]
    if unknown:
        print(
            f"netralitas: unknown property {unknown[0]!r}; properties: {', '.join(PROPERTIES)}",
            file=sys.stderr,
        )
        return EXIT_INVALID
    regs = load_regulations(args.paths or None)
    chosen = settings(max_examples=max(1, args.examples), derandomize=True, database=None)
    failed = 0
    for name, check in PROPERTIES.items():
        if args.only and name not in args.only:
            continue
        try:
            check(regs, chosen)
        except PropertyViolation as exc:
            failed += 1
            print(f"FAIL {name}: {exc}")
        else:
            print(f"ok   {name}")
    ran = len(args.only) if args.only else len(PROPERTIES)
    print(f"{ran - failed} held, {failed} violated")
    return EXIT_FINDINGS if failed else EXIT_OK
