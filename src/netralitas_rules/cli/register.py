"""``netralitas register import|event|overdue|stats|export|report``: the supervision register
for people without the service. Every subcommand takes ``--db`` (a SQLite file, by default
``register.sqlite`` here, or a PostgreSQL URL).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..errors import NetralitasError
from ..escape import escape_text
from ..messages import counted, date_text, msg
from ..supervision.labels import number, percent
from . import EXIT_FINDINGS, EXIT_OK
from ._common import add_lang, iso_date

# The register needs its extra: imported when a subcommand runs, so --help works without.
if TYPE_CHECKING:
    from ..register import CaseRecord, Register

DEFAULT_DB = "register.sqlite"


AGENCY_HELP = "only the cases of this agency (as the case's asn.agency states it)"


def register(sub: Any) -> None:
    """Add the ``register`` command and its subcommands."""
    p: argparse.ArgumentParser = sub.add_parser(
        "register",
        help="the supervision register: cases followed from report to sanction",
        description="Cases, the events of their handling and an append-only decision log, "
        "in SQLite or PostgreSQL.",
    )
    p.set_defaults(exits="register")
    cmds = p.add_subparsers(dest="register_command", required=True, metavar="SUBCOMMAND")

    def command(name: str, helptext: str, run: Callable[[argparse.Namespace], int]) -> Any:
        c: argparse.ArgumentParser = cmds.add_parser(name, help=helptext, description=helptext)
        c.add_argument(
            "--db", default=DEFAULT_DB, help=f"SQLite file or PostgreSQL URL (default {DEFAULT_DB})"
        )
        c.add_argument(
            "--as-of", metavar="DATE", type=iso_date, help="day of handling (default today)"
        )
        c.add_argument("--actor", default=None, help="who asks (default: the login name)")
        add_lang(c)
        c.set_defaults(run=run, exits="register")
        return c

    imp = command("import", "register case files or batch input files (JSON Lines, CSV)", _import)
    imp.add_argument("paths", nargs="+", metavar="PATH", help="case files, folders, batch inputs")
    ev = command("event", "record an event of a case's handling", _event)
    from .register_event import add_arguments

    add_arguments(ev)
    ov = command("overdue", "list the open cases whose next deadline has passed", _overdue)
    ov.add_argument("--agency", help=AGENCY_HELP)
    st = command("stats", "counts over the register", _stats)
    st.add_argument("--agency", help=AGENCY_HELP)
    st.add_argument("--format", choices=("text", "json"), default="text")
    ex = command("export", "every case with its verdicts and events", _export)
    ex.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    ex.add_argument("--out", metavar="FILE", help="write here instead of standard output")
    rp = command("report", "the supervision report over the register", _report)
    from ..supervision import DIMENSIONS

    rp.add_argument("--by", choices=DIMENSIONS, default="agency")
    rp.add_argument("--format", choices=("md", "html"), default="md")
    rp.add_argument("--out", metavar="FILE", help="write here instead of standard output")
    from .token import add_token_command  # the service's tokens live in the register

    add_token_command(cmds, DEFAULT_DB)


def _open(args: argparse.Namespace) -> Register:
    try:
        from ..register import Register, system_clock
    except ImportError:  # the extra is not installed
        raise NetralitasError(msg("register.no_extra", args.lang)) from None
    if args.as_of is not None:
        noon = dt.datetime.combine(args.as_of, dt.time(12), tzinfo=dt.UTC)
        return Register(args.db, clock=lambda: noon, lang=args.lang)
    return Register(args.db, clock=system_clock, lang=args.lang)


def _actor(args: argparse.Namespace) -> str:
    return str(args.actor or os.environ.get("USER") or os.environ.get("USERNAME") or "cli")


def _import(args: argparse.Namespace) -> int:
    from .register_import import Tally, finish, run

    tally = Tally()
    prog = "netralitas register import"
    try:
        with _open(args) as reg:
            run(args, reg, _actor(args), tally)
    except KeyboardInterrupt:  # what was registered is kept: say how much, and how to go on
        return finish(tally, args.lang, prog, interrupted=True)
    return finish(tally, args.lang, prog, interrupted=False)


def _line(record: Any, lang: str) -> str:
    """A case in one line: its verdict, its events and its next deadline, the step in words
    and the day as people write it."""
    from ..deadlines import step_name
    from ..sanctions.text import VERDICT_TEXT

    due = ""
    if record.due is not None:
        what = step_name(record.due.what, lang)
        due = msg("register.due", lang, what=what, on=date_text(record.due.on, lang))
        due += msg("register.late", lang) if record.overdue else ""
    verdict = VERDICT_TEXT[record.verdict][lang]
    line = counted(
        "register.case_line",
        lang,
        record.events,
        case=record.id,
        verdict=verdict,
        events=record.events,
        due=due,
    )
    return escape_text(line)


def _event(args: argparse.Namespace) -> int:
    from .register_event import event_of, said_at_date, warnings_of

    event = event_of(args)
    with _open(args) as reg, said_at_date(args.lang):
        record = reg.add_event(args.case_id, event, actor=_actor(args))
    print(_line(record, args.lang))
    warned = warnings_of(record, args.lang)
    for line in warned:
        print(escape_text(line), file=sys.stderr)
    # Recorded, but worth a look: exit 1, as import's warnings are (docs/register.md).
    return EXIT_FINDINGS if warned else EXIT_OK


def _overdue(args: argparse.Namespace) -> int:
    with _open(args) as reg:
        late = reg.list(overdue=True, agency=args.agency, refuse_unknown_agency=True)
    for case in late:
        print(_line(case, args.lang))
    if not late:
        print(msg("register.no_overdue", args.lang))
    return EXIT_FINDINGS if late else EXIT_OK


def _stats(args: argparse.Namespace) -> int:
    with _open(args) as reg:
        s = reg.stats(agency=args.agency)
    rate = "-" if s.follow_up_rate is None else percent(s.follow_up_rate, args.lang)
    if args.format == "json":
        data = {
            "cases": s.cases,
            "open": s.open,
            "closed": s.closed,
            "by_verdict": {v.value: n for v, n in s.by_verdict.items()},
            "overdue": s.overdue,
            "overdue_by_agency": s.overdue_by_agency,
            "followed_up": s.followed_up,
            "awaiting": s.awaiting,
            "follow_up_rate": s.follow_up_rate,
            "under_sanctioned_by_election": {
                e: {"under_sanctioned": u, "compared": c}
                for e, (u, c) in s.under_sanctioned_by_election.items()
            },
        }
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return EXIT_OK
    print(
        counted(
            "register.stats",
            args.lang,
            s.cases,
            cases=number(s.cases, args.lang),
            open=number(s.open, args.lang),
            closed=number(s.closed, args.lang),
            overdue=number(s.overdue, args.lang),
            rate=rate,
        )
    )
    from ..sanctions.text import VERDICT_TEXT

    for verdict, n in s.by_verdict.items():
        if n:
            print(f"  {VERDICT_TEXT[verdict][args.lang]}: {number(n, args.lang)}")
    return EXIT_OK


EXPORT_COLUMNS = (
    "case_id",
    "agency",
    "region",
    "election",
    "verdict",
    "verdicts",
    "events",
    "due_on",
    "due_what",
    "overdue",
    "closed_on",
    "event_list",
)


def export_row(record: CaseRecord) -> dict[str, Any]:
    """One case of ``register export``: its place, verdicts, deadline and events."""
    return {
        "case_id": record.id,
        "agency": record.agency,
        "region": record.region,
        "election": record.election,
        "verdict": record.verdict.value,
        "verdicts": {t.value: v.value for t, v in record.verdicts.items()},
        "events": record.events,
        "due_on": record.due.on.isoformat() if record.due else None,
        "due_what": record.due.what if record.due else None,
        "overdue": record.overdue,
        "closed_on": record.closed_on.isoformat() if record.closed_on else None,
        "event_list": [e.model_dump(mode="json", exclude_none=True) for e in record.event_list],
    }


def _write(args: argparse.Namespace, chunks: Iterable[str]) -> None:
    """To ``--out`` through the batch's output discipline (replaced only when complete), or
    to standard output."""
    from ..batch.outfile import OutputFile, refuse_clashes

    if not args.out:
        for chunk in chunks:
            sys.stdout.write(chunk)
        return
    if not args.db.startswith(("postgres", "sqlite:")) and "://" not in args.db:
        refuse_clashes([("--db", args.db)], [("--out", args.out)], args.lang)
    out = OutputFile(args.out, args.register_command, args.lang)
    try:
        with out.guard():
            for chunk in chunks:
                out.write_all(chunk.encode("utf-8"))
        out.commit()
    finally:
        out.close()


def _export(args: argparse.Namespace) -> int:
    from ..batch.output import csv_row

    def lines(reg: Register) -> Iterator[str]:
        if args.format == "jsonl":
            for record in reg.iter_records():
                yield json.dumps(export_row(record), ensure_ascii=False) + "\n"
            return
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=EXPORT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for record in reg.iter_records():
            row = export_row(record)
            for key in ("verdicts", "event_list"):
                row[key] = json.dumps(row[key], ensure_ascii=False)
            writer.writerow(csv_row(row))
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue()

    with _open(args) as reg:
        _write(args, lines(reg))
    return EXIT_OK


def _report(args: argparse.Namespace) -> int:
    from ..register.report import output_records
    from ..supervision import summarise, to_html, to_markdown

    with _open(args) as reg:
        summary = summarise(output_records(reg), args.by)
    render = to_html if args.format == "html" else to_markdown
    text = render(summary, args.lang)
    _write(args, [text])
    return EXIT_OK
