"""``netralitas check CASE``: evaluate one case file and print the findings."""

from __future__ import annotations

import argparse
import json
from typing import Any

from ..caseio import load_case
from ..engine import get_engine
from ..loader import load_regulations
from ..render import as_json, render_report
from ..sanctions import assess, attach, load_policy
from . import EXIT_FINDINGS, EXIT_OK
from ._common import add_backend, add_lang, add_rules, iso_date
from ._exits import ExitTexts

EXITS: ExitTexts = {
    0: {"id": "tidak ada temuan", "en": "no findings"},
    1: {"id": "ada temuan", "en": "findings"},
}


def register(sub: Any) -> None:
    """Add the ``check`` subcommand."""
    p: argparse.ArgumentParser = sub.add_parser(
        "check",
        help="evaluate a case file",
        description="Evaluate a case.",
    )
    p.add_argument("case", metavar="CASE", help="case file (YAML or JSON)")
    p.add_argument("--at", type=iso_date, help="judge every act under the law in force on DATE")
    p.add_argument("--strict", action="store_true", help="fail when no version covers a date")
    p.add_argument("--format", choices=("text", "json"), default="text")
    add_lang(p)
    add_backend(p)
    add_rules(p)
    p.add_argument(
        "--as-of", type=iso_date, help="day of handling for the sanction audit (default today)"
    )
    p.add_argument("--policy", metavar="PATH", help="sanction policy file (default: shipped)")
    p.set_defaults(run=run, exits=EXITS)


def run(args: argparse.Namespace) -> int:
    """Evaluate and print; the exit code says whether anything was found."""
    case = load_case(args.case)
    regs = load_regulations(args.rules) if args.rules else None
    report = get_engine(args.backend, regs).evaluate(case, at=args.at, strict=args.strict)
    policy = load_policy(args.policy) if args.policy else None
    report = attach(report, assess(report, case, regs=regs, policy=policy, as_of=args.as_of))
    if args.format == "json":
        print(json.dumps(as_json(report), indent=2, ensure_ascii=False))
    else:
        print(render_report(report, args.lang), end="")
    return EXIT_FINDINGS if report.findings else EXIT_OK
