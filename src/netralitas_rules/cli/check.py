"""``netralitas check CASE``: evaluate one case file and print the findings.

Facts that do not fit the election are warned about on stderr (:mod:`..plausibility`) and
carried in the report. The report is written as it is rendered, a line (or a JSON piece) at
a time, with every text from the case escaped for the terminal.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from ..assessed import assessed
from ..caseio import load_case_located
from ..engine import get_engine
from ..loader import load_regulations
from ..plausibility import attach_warnings, plausibility_warnings, warning_line
from ..render import DETAILS, json_chunks, report_lines
from ..sanctions import load_policy
from . import EXIT_FINDINGS, EXIT_OK
from ._common import add_judging, iso_date
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
    p.add_argument(
        "--at",
        type=iso_date,
        metavar="DATE",
        help="judge every act under the law in force on DATE",
    )
    p.add_argument("--strict", action="store_true", help="fail when no version covers a date")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument(
        "--detail",
        choices=DETAILS,
        default="summary",
        help="text report: summary (for people, default) or full (with rule ids, versions, "
        "verification notes and the elements met)",
    )
    add_judging(p)
    p.set_defaults(run=run, exits=EXITS)


def run(args: argparse.Namespace) -> int:
    """Evaluate and print; the exit code says whether anything was found."""
    case, located = load_case_located(args.case)
    warnings = plausibility_warnings(case)
    for warning in warnings:
        print(warning_line(warning, args.lang, located), file=sys.stderr)
    del located  # its positions and raw data are as large as the case: free them early
    regs = load_regulations(args.rules) if args.rules else None
    engine = get_engine(args.backend, regs)
    report = engine.evaluate(case, at=args.at, strict=args.strict)
    policy = load_policy(args.policy) if args.policy else None
    as_of = args.as_of or dt.date.today()
    report = attach_warnings(
        assessed(report, case, engine=engine, as_of=as_of, policy=policy), warnings
    )
    out = sys.stdout
    if args.format == "json":
        out.writelines(json_chunks(report))
        out.write("\n")
    else:
        out.writelines(f"{line}\n" for line in report_lines(report, args.lang, args.detail))
    return EXIT_FINDINGS if report.findings else EXIT_OK
