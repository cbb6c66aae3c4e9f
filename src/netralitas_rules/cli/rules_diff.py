"""``netralitas rules diff DATE_A DATE_B``: how the law in force changed between two dates."""

from __future__ import annotations

import argparse
from typing import Any

from ..lawdiff import diff_law, render_diff
from ..loader import load_regulations
from . import EXIT_OK
from ._common import add_lang, iso_date


def register_action(rsub: Any) -> None:
    """Add the ``diff`` action to the ``rules`` group."""
    p: argparse.ArgumentParser = rsub.add_parser(
        "diff", help="provisions and tiers that changed between the law on two dates"
    )
    p.add_argument("date_a", type=iso_date, metavar="DATE_A", help="first date, YYYY-MM-DD")
    p.add_argument("date_b", type=iso_date, metavar="DATE_B", help="second date, YYYY-MM-DD")
    p.add_argument("paths", nargs="*", metavar="PATH", help="rule files or folders")
    add_lang(p)
    p.set_defaults(run=run_diff)


def run_diff(args: argparse.Namespace) -> int:
    """Print removed and added provisions and the tier changes by kind of conduct."""
    regs = load_regulations(args.paths or None)
    print(render_diff(diff_law(regs, args.date_a, args.date_b), args.lang), end="")
    return EXIT_OK
