"""``netralitas register import PATH...``: register case files (real decided cases among
them: their case part), folders of them, and batch inputs (one case per record).

Every file is read on its own: a file that cannot be read at all (a CSV whose header is not
CSV, a batch input that is not UTF-8) is counted invalid with its reason, and the rest are
registered. A file or folder that holds no case is warned of, naming it. The cases already
registered are skipped and said in one line; Ctrl-C keeps what was registered, says how many,
and a second run goes on where the first stopped (the cases it registered are skipped).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import NetralitasError
from ..escape import escape_text
from ..messages import counted, msg
from . import EXIT_FINDINGS, EXIT_INTERRUPTED, EXIT_INVALID, EXIT_OK
from ._common import decided_note, first_few

if TYPE_CHECKING:
    from ..models import Case
    from ..register import Register

CASE_SUFFIXES = (".yaml", ".yml", ".json")
BATCH_SUFFIXES = (".jsonl", ".csv", ".parquet")


@dataclass
class Tally:
    """What an import did so far: counted as it goes, so an interrupted run can say it."""

    new: int = 0
    skipped: list[str] = field(default_factory=list)
    """The ids of the cases already registered, in the order met."""
    bad: int = 0
    empty: int = 0
    """Files and folders that held no case."""
    decided: list[Path] = field(default_factory=list)
    """The real decided cases read (their case part registered)."""


def run(args: argparse.Namespace, reg: Register, actor: str, tally: Tally) -> None:
    """Register every case of ``args.paths`` in ``reg``, counting in ``tally``; each invalid
    case or file is said on stderr as it is met."""
    from ..register import DuplicateCaseError

    for item in cases(args.paths, tally, args.lang):
        if isinstance(item, NetralitasError):
            tally.bad += 1
            _say_invalid(item, args.lang)
            continue
        try:
            reg.add_case(item, actor=actor)
        except DuplicateCaseError:
            tally.skipped.append(item.id)
            continue
        tally.new += 1


def finish(tally: Tally, lang: str, prog: str, interrupted: bool) -> int:
    """Say what was skipped, which files were decided cases, and the counts; the exit code
    (an interrupted run: 130, after saying how many were registered and that running again
    goes on)."""
    from ..supervision.labels import number

    if len(tally.skipped) == 1:
        _err(msg("register.already", lang, case=tally.skipped[0]))
    elif tally.skipped:
        count = number(len(tally.skipped), lang)
        _err(msg("register.already_many", lang, count=count, cases=first_few(tally.skipped, lang)))
    note = decided_note(tally.decided, "register", lang)
    if note is not None:
        _err(note)
    skipped = len(tally.skipped)
    print(counted("register.imported", lang, tally.new, new=tally.new, old=skipped, bad=tally.bad))
    if interrupted:
        _err(msg("register.interrupted", lang, prog=prog, new=number(tally.new, lang)))
        return EXIT_INTERRUPTED
    if tally.bad:
        return EXIT_INVALID
    return EXIT_FINDINGS if tally.skipped or tally.empty else EXIT_OK


def cases(paths: Iterable[str], tally: Tally, lang: str) -> Iterator[Case | NetralitasError]:
    """Each case of the files named (folders expanded), or the error of a case or a file
    that is not one; a file or folder with no case is warned of (``tally.empty``)."""
    from ..fidelity import load_case_or_decided

    wanted = CASE_SUFFIXES + BATCH_SUFFIXES
    for name in paths:
        path = Path(name)
        files = [path]
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.suffix in wanted)
            if not files:
                tally.empty += 1
                _err(msg("register.empty_folder", lang, path=name, suffixes=", ".join(wanted)))
        for file in files:
            if file.suffix in BATCH_SUFFIXES:
                yield from _batch_cases(file, tally, lang)
                continue
            try:
                read = load_case_or_decided(file)
            except NetralitasError as exc:
                yield exc
                continue
            if read.decided:
                tally.decided.append(file)
            yield read.case


def _batch_cases(file: Path, tally: Tally, lang: str) -> Iterator[Case | NetralitasError]:
    """The cases of one batch input, or their errors; a file that cannot be read (further)
    is one error and the import goes on with the next file."""
    from ..batch.readers import parse_raw, raw_records
    from ..batch.records import BatchInputError

    read = 0
    try:
        for raw in raw_records(file):
            read += 1
            try:
                yield parse_raw(raw)
            except NetralitasError as exc:
                yield exc
    except BatchInputError as exc:
        yield exc
        return
    if read == 0:
        tally.empty += 1
        _err(msg("register.empty_file", lang, path=str(file)))


def _say_invalid(error: NetralitasError, lang: str) -> None:
    # A file's problems one per line, bare (`path:line:col: key: message`), as the other
    # commands print them; each line escaped on its own.
    problems = getattr(error, "problems", None)
    if not problems:
        _err(f"netralitas: {error.render(lang)}")
    for problem in problems or ():
        _err(problem.located(lang))


def _err(line: str) -> None:
    print(escape_text(line), file=sys.stderr)
