"""The batch runner: read, evaluate (in this process or in ``jobs`` worker processes),
write, and reconcile the counts.

Work travels in blocks of whole JSON lines (or, for CSV and Parquet, chunks of raw
records); the workers inherit the rule set compiled in the parent, cut blocks into lines,
and return prepared output items and error lines, so the parent only reads and writes. At
most ``2 * jobs`` tasks are in flight, which keeps memory flat however long the input is.
Results are written in input order.

Every file the run writes goes through :mod:`netralitas_rules.batch.outfile`: an output that
is an input or another output is refused before anything is opened; the output and the
errors file are written as partial files and renamed into place only when the run completes,
so a run that fails, is interrupted or is killed leaves the previous outputs as they were.
"""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.pool import AsyncResult
from pathlib import Path
from types import FrameType
from typing import Any

from ..engine import Engine
from ..errors import NetralitasError
from ..messages import msg
from .blocks import (
    BLOCK_BYTES,
    jsonl_blocks,
    jsonl_spans,
    split_block,
)
from .chunks import ChunkResult, evaluate_block, evaluate_chunk
from .outfile import (
    parts_folder,
    refuse_clashes,
    remove_stale_parts,
    signals_deferred,
)
from .output import (
    DETAILS,
    encode_line,
)
from .readers import raw_records
from .records import RawRecord, detect_format
from .workers import (
    engine_for,
    pack_block,
    pack_chunk,
    pack_span,
    start_pool,
    work_block,
    work_chunk,
    work_span,
)
from .writers import Writer, open_writer

CHUNK_SIZE = 500


@dataclass
class BatchSummary:
    """The counts a run ends with; ``read == reported + rejected`` when nothing was lost."""

    read: int = 0
    reported: int = 0
    rejected: int = 0
    findings: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    weight: int = field(default=0, repr=False)
    internal: int = 0
    """Of the rejected, those the library failed on (:data:`.rejection.INTERNAL`)."""

    @property
    def reconciled(self) -> bool:
        """Every record read was either reported or rejected."""
        return self.read == self.reported + self.rejected

    @property
    def rate(self) -> float:
        """Records per second."""
        return self.read / self.seconds if self.seconds > 0 else 0.0


def _chunks(records: Iterable[RawRecord], size: int) -> Iterator[list[RawRecord]]:
    it = iter(records)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


class _Terminated(KeyboardInterrupt):
    """SIGTERM, handled like Ctrl-C."""


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise _Terminated


def run_batch(
    source: str | Path,
    out: str | Path,
    errors: str | Path,
    *,
    in_format: str | None = None,
    out_format: str | None = None,
    jobs: int = 1,
    backend: str = "python",
    rules: Sequence[str] | None = None,
    detail: str = "summary",
    chunk_size: int | None = None,
    progress: Callable[[BatchSummary], None] | None = None,
    block_bytes: int = BLOCK_BYTES,
    as_of: dt.date | None = None,
    lang: str = "id",
) -> BatchSummary:
    """Evaluate every case of ``source`` into ``out``; rejected records go to ``errors``
    (JSON Lines). Both are written in full or not at all: they replace the files at those
    paths only when the run completes; a run that fails, or is interrupted (Ctrl-C, SIGTERM:
    the summary has ``interrupted`` set), leaves them as they were. An output that is the
    input (``source`` or a ``rules`` file) or the other output is refused
    (:class:`~netralitas_rules.batch.outfile.OutputPathError`) before anything is opened; a
    failed write raises :class:`~netralitas_rules.batch.outfile.OutputWriteError`.

    ``chunk_size`` bounds the records of one task (by default a JSON Lines task is a block
    of about :data:`~netralitas_rules.batch.blocks.BLOCK_BYTES`, a table task
    :data:`CHUNK_SIZE` cases). ``block_bytes`` sets the size of JSON Lines blocks and of
    the spans of a regular file that workers read themselves. ``as_of`` is the day of
    handling every case is assessed on (today, fixed once at the start, by default). ``lang``
    is the language of the error records' words (their ``codes`` are the same in all) and of
    the errors about these arguments: Indonesian by default, ``"en"`` for English."""
    if detail not in DETAILS:
        raise NetralitasError(
            msg("batch.unknown_detail", lang, detail=detail, details=", ".join(DETAILS))
        )
    if jobs < 1:
        raise NetralitasError(msg("batch.jobs_too_few", lang, jobs=jobs))
    in_kind = detect_format(source, in_format)
    out_kind = detect_format(out, out_format)
    refuse_clashes(
        [("INPUT", source), *(("--rules", r) for r in rules or ())],
        [("--out", out), ("--errors", errors)],
        lang,
    )
    remove_stale_parts()
    day = as_of or dt.date.today()  # one day for the whole run, even across midnight
    # JSON Lines travel as blocks of whole lines (the workers cut them into records);
    # tables as chunks of raw records, grouped into cases by the reader.
    tasks: Iterator[Any]
    if in_kind == "jsonl":
        blocks = jsonl_blocks(source, block_bytes)
        if chunk_size is None:
            tasks = blocks
        else:
            limit = chunk_size
            tasks = (part for block in blocks for part in split_block(block, limit))
        local: Callable[[Engine, Any], ChunkResult] = lambda e, b: evaluate_block(  # noqa: E731
            e, b, out_kind, detail, as_of=day
        )
        remote: tuple[Callable[[Any], ChunkResult], Callable[[Any], Any]] = (
            work_block,
            pack_block,
        )
        if jobs > 1 and chunk_size is None and Path(source).is_file():
            # Workers read their own spans of a regular file: the parent only plans them
            # and puts the results in order, so it takes almost no CPU from the workers.
            tasks = jsonl_spans(source, block_bytes)
            file = str(source)
            remote = (work_span, lambda span: pack_span(span, file, block_bytes))
    else:
        tasks = _chunks(raw_records(source, in_kind), chunk_size or CHUNK_SIZE)
        local = lambda e, c: evaluate_chunk(e, c, out_kind, detail, as_of=day)  # noqa: E731
        remote = (work_chunk, pack_chunk)
    # Closed at the end whatever happens, so an input file is never left open behind a
    # failed run (a kept traceback would hold the suspended readers).
    readers = [tasks, blocks] if in_kind == "jsonl" else [tasks]
    summary = BatchSummary()
    started = time.perf_counter()
    writer = open_writer(out, out_kind, role="output", lang=lang)
    try:
        err_writer = open_writer(errors, "jsonl", role="errors", lang=lang)
    except BaseException:
        writer.discard()
        raise
    old_term = signal.signal(signal.SIGTERM, _on_sigterm) if _main_thread() else None
    committed = False
    try:
        if jobs == 1:
            engine = engine_for(backend, rules)
            results: Iterator[ChunkResult] = (local(engine, t) for t in tasks)
            _drain(results, writer, err_writer, summary, started, progress, lang)
        else:
            _run_pool(
                tasks,
                remote,
                jobs,
                backend,
                rules,
                out_kind,
                detail,
                day,
                writer,
                err_writer,
                summary,
                started,
                progress,
                lang,
            )
        with signals_deferred():
            # The errors file first: an output in place means its errors file is too.
            err_writer.commit()
            writer.commit()
            committed = True
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        summary.seconds = time.perf_counter() - started
        for reader in readers:
            if isinstance(reader, Generator):
                reader.close()
        if not committed:
            with signals_deferred():
                err_writer.discard()
                writer.discard()
        if old_term is not None:
            signal.signal(signal.SIGTERM, old_term)
    return summary


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def _drain(
    results: Iterable[ChunkResult],
    writer: Writer,
    err_writer: Writer,
    summary: BatchSummary,
    started: float,
    progress: Callable[[BatchSummary], None] | None,
    lang: str,
) -> None:
    shift = 0  # lines before the current span task (its rejections count from 1)
    for res in results:
        if res.spilled is not None:
            writer.copy_from(*res.spilled)
            Path(res.spilled[0]).unlink()
        else:
            writer.write(res.outputs)
        errors = res.errors
        if res.lines is not None:
            errors = [e.shifted(shift) for e in errors]
            shift += res.lines
        err_writer.write([encode_line(e.record(lang)) for e in errors])
        summary.read += res.read
        summary.reported += res.reported
        summary.rejected += len(res.errors)
        summary.internal += sum(e.is_internal for e in res.errors)
        summary.findings += res.findings
        summary.weight += res.weight
        if progress is not None:
            summary.seconds = time.perf_counter() - started
            progress(summary)


def _run_pool(
    tasks: Iterator[Any],
    remote: tuple[Callable[[Any], ChunkResult], Callable[[Any], Any]],
    jobs: int,
    backend: str,
    rules: Sequence[str] | None,
    out_kind: str,
    detail: str,
    as_of: dt.date,
    writer: Writer,
    err_writer: Writer,
    summary: BatchSummary,
    started: float,
    progress: Callable[[BatchSummary], None] | None,
    lang: str,
) -> None:
    # JSON Lines output comes back as the workers' part files (see workers._spill).
    parts = parts_folder() if out_kind == "jsonl" else None
    try:
        pool = start_pool(jobs, backend, rules, parts, lang)
        try:
            pending: deque[AsyncResult[ChunkResult]] = deque()

            work, pack = remote

            def results() -> Iterator[ChunkResult]:
                for task in tasks:
                    pending.append(pool.apply_async(work, ((pack(task), out_kind, detail, as_of),)))
                    if len(pending) >= 2 * jobs:
                        yield pending.popleft().get()
                while pending:
                    yield pending.popleft().get()

            _drain(results(), writer, err_writer, summary, started, progress, lang)
            pool.close()
        except BaseException:
            pool.terminate()
            raise
        finally:
            pool.join()
    finally:
        if parts is not None:
            with signals_deferred():
                shutil.rmtree(parts, ignore_errors=True)
