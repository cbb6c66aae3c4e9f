"""``netralitas audit CASES...``: was the sanction imposed enough? One line per case and a
summary. Exit 0: nothing under-sanctioned; 1: some case is under-sanctioned; 2: invalid input.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from ..assessed import assessed
from ..engine import get_engine
from ..errors import NetralitasError
from ..escape import escape_json, escape_lines, escape_text
from ..fidelity import load_case_or_decided
from ..loader import load_regulations
from ..messages import counted, msg, tier_name, track_name
from ..sanctions import Assessment, TrackAudit, Verdict, load_policy
from ..sanctions.text import VERDICT_TEXT
from . import EXIT_FINDINGS, EXIT_INVALID, EXIT_OK
from ._common import add_judging, decided_note

_CASE_SUFFIXES = (".yaml", ".yml", ".json")


def register(sub: Any) -> None:
    """Add the ``audit`` subcommand."""
    p: argparse.ArgumentParser = sub.add_parser(
        "audit",
        help="audit the sanctions imposed in case files",
        description="Audit imposed sanctions against what the law prescribes.",
    )
    p.add_argument("cases", nargs="+", metavar="CASE", help="case files or folders of them")
    p.add_argument("--format", choices=("text", "json"), default="text")
    add_judging(p)
    p.set_defaults(run=run, exits="audit")


def case_files(paths: list[str]) -> list[Path]:
    """The case files named, with folders expanded to their case files (sorted)."""
    out: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            out += sorted(p for p in path.iterdir() if p.suffix in _CASE_SUFFIXES)
        else:
            out.append(path)
    return out


def _track_text(t: TrackAudit, lang: str) -> str:
    text = f"{track_name(t.track, lang)} {VERDICT_TEXT[t.verdict][lang]}"
    if t.verdict is Verdict.UNDER_SANCTIONED or t.verdict is Verdict.OVER_SANCTIONED:
        imposed = tier_name(t.imposed_tier, lang) if t.imposed_tier else "?"
        if t.recommended_tier:
            due = tier_name(t.recommended_tier, lang)
            text += f" ({msg('audit.versus', lang, imposed=imposed, due=due)})"
        else:
            text += f" ({imposed})"
    if t.days_elapsed is not None:
        text += f" ({counted('audit.days', lang, t.days_elapsed, days=t.days_elapsed)})"
    return text


def case_line(case_id: str, a: Assessment, lang: str) -> str:
    """``<case>: <overall> — <track verdicts>``."""
    tracks = "; ".join(_track_text(t, lang) for t in a.audit.tracks) or "-"
    return escape_text(f"{case_id}: {VERDICT_TEXT[a.audit.overall][lang]} — {tracks}")


def summary_line(counts: Counter[Verdict], invalid: int, lang: str) -> str:
    """How many cases ended in each overall verdict."""
    total = sum(counts.values()) + invalid
    parts = [f"{counts[v]} {VERDICT_TEXT[v][lang]}" for v in Verdict]
    if invalid:
        parts.append(msg("audit.invalid", lang, count=invalid))
    head = msg("audit.one_case" if total == 1 else "audit.cases", lang, count=total)
    return f"{head}: {', '.join(parts)}"


def run(args: argparse.Namespace) -> int:
    """Audit each case; a file that cannot be read is reported and the rest go on. A real
    decided case is audited on its case part (the sanctions its case records), and one line
    on stderr says so."""
    regs = load_regulations(args.rules) if args.rules else None
    engine = get_engine(args.backend, regs)
    policy = load_policy(args.policy) if args.policy else None
    as_of = args.as_of or dt.date.today()  # one day of handling for every case of the run
    counts: Counter[Verdict] = Counter()
    invalid = 0
    under = False
    results: list[dict[str, Any]] = []
    decided: list[Path] = []  # real decided cases: their case part is audited
    for path in case_files(args.cases):
        try:
            read = load_case_or_decided(path)
        except NetralitasError as exc:
            invalid += 1
            print(escape_lines(f"netralitas: {exc.render(args.lang)}"), file=sys.stderr)
            continue
        case = read.case
        if read.decided:
            decided.append(path)
        report = assessed(engine.evaluate(case), case, engine=engine, as_of=as_of, policy=policy)
        a = report.assessment
        counts[a.audit.overall] += 1
        under = under or any(t.verdict is Verdict.UNDER_SANCTIONED for t in a.audit.tracks)
        if args.format == "json":
            results.append(
                {"case_id": case.id, "file": str(path), **a.audit.model_dump(mode="json")}
            )
        else:
            print(case_line(case.id, a, args.lang))
    note = decided_note(decided, "audit", args.lang)
    if note is not None:
        print(escape_text(note), file=sys.stderr)
    if args.format == "json":
        summary = {v.value: counts[v] for v in Verdict} | {"invalid": invalid}
        text = json.dumps({"cases": results, "summary": summary}, indent=2, ensure_ascii=False)
        print(escape_json(text))
    else:
        print(summary_line(counts, invalid, args.lang))
    if invalid:
        return EXIT_INVALID
    return EXIT_FINDINGS if under else EXIT_OK
