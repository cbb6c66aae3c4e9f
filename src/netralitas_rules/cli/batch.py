"""``netralitas batch INPUT --out OUTPUT``: evaluate many cases, streaming.

Exit codes: 0 every record reported; 1 some records rejected (see the errors file; a record
the library failed on is rejected too, with the code ``batch.internal_error``); 2
invalid invocation, unreadable input, an output that is an input or the other output, or an
output that cannot be written (disk full, I/O error); 3 the counts do not reconcile; 130
interrupted. The output and the errors file are replaced only when the run completes
(``docs/reliability.md``, "Outputs").
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..batch.output import DETAILS
from ..batch.progress import Progress
from ..batch.readers import size_hint
from ..batch.records import FORMATS
from ..batch.rejection import INTERNAL
from ..batch.runner import run_batch
from ..batch.workers import tune_malloc
from ..messages import counted, msg
from ..supervision.labels import number
from . import EXIT_FINDINGS, EXIT_OK
from ._common import add_backend, add_rules, iso_date

EXIT_UNRECONCILED, EXIT_INTERRUPTED = 3, 130


def register(sub: Any) -> None:
    """Add the ``batch`` subcommand."""
    p: argparse.ArgumentParser = sub.add_parser(
        "batch",
        help="evaluate a batch of cases (JSON Lines, CSV or Parquet)",
        description=(
            "Evaluate every case of INPUT, streaming. Each record gives one output record or "
            "one error record; the run ends by reconciling the counts. OUTPUT and ERRORS are "
            "replaced only when the run completes: a failed or interrupted run leaves them as "
            "they were."
        ),
    )
    p.add_argument("input", metavar="INPUT", help="cases: .jsonl, .csv or .parquet")
    p.add_argument("--out", required=True, metavar="OUTPUT", help="output records")
    p.add_argument(
        "--errors", metavar="ERRORS", help="error records, JSON Lines (default OUTPUT.errors.jsonl)"
    )
    p.add_argument("--jobs", type=int, default=1, metavar="N", help="worker processes (default 1)")
    p.add_argument("--format", choices=FORMATS, help="input format (default: by extension)")
    p.add_argument("--out-format", choices=FORMATS, help="output format (default: by extension)")
    p.add_argument(
        "--detail",
        choices=DETAILS,
        default="summary",
        help="summary records (default) or the full report of each case as well",
    )
    p.add_argument(
        "--as-of",
        metavar="DATE",
        type=iso_date,
        help="day of handling every case is assessed on (days elapsed; default today)",
    )
    add_backend(p)
    add_rules(p)
    p.set_defaults(run=run, exits="batch")


def _count(key: str, n: int, lang: str) -> str:
    """``n`` things in words ('1 case', '2 cases'; '1.234 kasus' in Indonesian)."""
    return counted(key, lang, n, n=number(n, lang))


def run(args: argparse.Namespace) -> int:
    """Run the batch and print the reconciliation."""
    errors = args.errors or f"{args.out}.errors.jsonl"
    lang = args.lang
    progress = Progress(size_hint(args.input, args.format), lang=lang)
    tune_malloc()  # this process is ours: see its docstring
    summary = run_batch(
        args.input,
        args.out,
        errors,
        in_format=args.format,
        out_format=args.out_format,
        jobs=args.jobs,
        backend=args.backend,
        rules=args.rules,
        detail=args.detail,
        progress=progress,
        as_of=args.as_of,
        lang=args.lang,
    )
    progress.finish()
    if summary.interrupted:
        print(
            counted(
                "batch.interrupted",
                lang,
                summary.read,
                read=number(summary.read, lang),
                out=args.out,
                errors=errors,
            ),
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    print(
        msg(
            "batch.done",
            lang,
            read=_count("batch.cases", summary.read, lang),
            reported=number(summary.reported, lang),
            rejected=number(summary.rejected, lang),
            errors=errors,
            findings=_count("batch.findings", summary.findings, lang),
            rate=_count("batch.rate", round(summary.rate), lang),
        ),
        file=sys.stderr,
    )
    if summary.internal:
        print(
            counted(
                "batch.internal",
                lang,
                summary.internal,
                n=number(summary.internal, lang),
                code=INTERNAL,
                errors=errors,
            ),
            file=sys.stderr,
        )
    if not summary.reconciled:
        print(
            msg(
                "batch.unreconciled",
                lang,
                read=summary.read,
                reported=summary.reported,
                rejected=summary.rejected,
            ),
            file=sys.stderr,
        )
        return EXIT_UNRECONCILED
    return EXIT_FINDINGS if summary.rejected else EXIT_OK
