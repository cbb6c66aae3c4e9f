"""``netralitas report FINDINGS --by DIMENSION``: a supervision report over batch output."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..batch.outfile import OutputFile, refuse_clashes
from ..batch.records import FORMATS
from ..loader import load_regulations
from ..supervision import DIMENSIONS, provision_citations, summarise, to_html, to_markdown
from ..supervision.reading import read_findings
from . import EXIT_OK
from ._common import add_lang


def register(sub: Any) -> None:
    """Add the ``report`` subcommand."""
    p: argparse.ArgumentParser = sub.add_parser(
        "report",
        help="supervision report over the output of `netralitas batch`",
        description=(
            "Summarise batch output records: findings by track and tier, sanctions below the "
            "recommendation, cases awaiting the PPK, conflicts of interest, monthly trends."
        ),
    )
    p.add_argument("findings", metavar="FINDINGS", help="output of `netralitas batch`")
    p.add_argument("--by", choices=DIMENSIONS, default="agency", help="grouping (default agency)")
    p.add_argument("--format", choices=("md", "html"), default="md", help="default md")
    p.add_argument("--input-format", choices=FORMATS, help="FINDINGS format (default: extension)")
    p.add_argument("--out", metavar="FILE", help="write here instead of standard output")
    add_lang(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Read the records, summarise, render. ``--out`` is replaced only once the report is
    complete (``docs/reliability.md``, "Outputs")."""
    if args.out:
        refuse_clashes([("FINDINGS", args.findings)], [("--out", args.out)], args.lang)
    # Grouped by provision, the groups are the shipped rule set's citations, not its ids.
    cites = provision_citations(load_regulations()) if args.by == "provision" else None
    summary = summarise(read_findings(args.findings, args.input_format), args.by, citations=cites)
    render = to_html if args.format == "html" else to_markdown
    text = render(summary, args.lang)
    if args.out:
        out = OutputFile(args.out, "report", args.lang)
        try:
            with out.guard():
                out.write_all(text.encode("utf-8"))
            out.commit()
        finally:
            out.close()  # after a commit, nothing; else the partial file goes
    else:
        sys.stdout.write(text)
    return EXIT_OK
