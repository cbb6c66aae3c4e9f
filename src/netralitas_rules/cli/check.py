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
from ..engine import get_engine
from ..fidelity import load_case_or_decided
from ..loader import load_regulations
from ..messages import msg
from ..models import Case
from ..plausibility import attach_warnings, plausibility_warnings, warning_line
from ..render import DETAILS, json_chunks, report_lines
from ..sanctions import load_policy
from ..yamlpos import Located
from . import EXIT_FINDINGS, EXIT_OK
from ._common import add_judging, iso_date


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
    p.set_defaults(run=run, exits="check")


def run(args: argparse.Namespace) -> int:
    """Evaluate and print; the exit code says whether anything was found."""
    case, located = _load(args.case, args.lang)
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


def _load(path: str, lang: str) -> tuple[Case, Located]:
    """The case of the file and the positions of its keys. A decided real case
    (``cases/real/``: a case plus a ``decided:`` block) is judged on its case part, and
    stderr says that the decision is not compared here (``netralitas agreement`` does)."""
    read = load_case_or_decided(path)
    if read.decided:
        print(msg("check.decided_case", lang, path=path), file=sys.stderr)
    return read.case, read.located
