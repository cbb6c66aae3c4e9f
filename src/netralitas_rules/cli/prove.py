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
from ..messages import msg
from . import EXIT_FINDINGS, EXIT_INVALID, EXIT_OK
from ._common import add_lang


def register(sub: Any) -> None:
    """Add the ``prove`` subcommand."""
    p: argparse.ArgumentParser = sub.add_parser(
        "prove",
        help="check properties of rule files (determinism, monotone tiers, no gaps ...)",
        description="Check properties of rule files with generated cases.",
    )
    p.add_argument(
        "paths", nargs="*", metavar="PATH", help="rule files or folders (default: shipped)"
    )
    p.add_argument(
        "--examples",
        type=int,
        default=None,
        metavar="N",
        help="generated cases per property (default 100; 2000 for case monotonicity and "
        "partisan act not lighter)",
    )
    p.add_argument(
        "--only", action="append", metavar="NAME", help="check only this property (repeatable)"
    )
    add_lang(p)
    p.set_defaults(run=run, exits="prove")


def run(args: argparse.Namespace) -> int:
    """Run each property and print one line per property, then the summary."""
    # Without hypothesis the import fails and the dispatcher names the extra to install
    # (cli._exits.missing_extra), in the output language, exit 2.
    from hypothesis import settings

    from ..testing.properties import (
        PROPERTY_NAMES,
        PropertyViolationError,
        check_all,
        default_examples,
    )
    from ..testing.words import count as counted
    from ..testing.words import property_label

    unknown = [n for n in args.only or () if n not in PROPERTY_NAMES]
    if unknown:
        known = ", ".join(PROPERTY_NAMES)
        print(msg("prove.unknown", args.lang, name=unknown[0], names=known), file=sys.stderr)
        return EXIT_INVALID
    regs = load_regulations(args.paths or None)
    ran = [n for n in PROPERTY_NAMES if not args.only or n in args.only]
    groups = default_examples(ran) if args.examples is None else [(args.examples, ran)]
    violations: dict[str, PropertyViolationError] = {}
    for count, names in groups:
        chosen = settings(max_examples=max(1, count), derandomize=True, database=None)
        remaining = list(names)
        # The properties of a group share their generated cases; after a violation the
        # others run again.
        while remaining:
            try:
                check_all(regs, chosen, remaining)
            except PropertyViolationError as exc:
                name = exc.property_name or remaining[0]
                violations[name] = exc
                remaining.remove(name)
            else:
                break
    lang = args.lang
    for name in ran:
        label = property_label(name, lang)
        print(
            msg("prove.violated", lang, property=label, reason=violations[name].render(lang))
            if name in violations
            else msg("prove.held", lang, property=label)
        )
    held, violated = counted(len(ran) - len(violations), lang), counted(len(violations), lang)
    print(msg("prove.tally", lang, held=held, violated=violated))
    return EXIT_FINDINGS if violations else EXIT_OK
