"""The batch runner: read, evaluate (in this process or in ``jobs`` worker processes),
write, and reconcile the counts.

Work travels in blocks of whole JSON lines (or, for CSV and Parquet, chunks of raw
records); the workers inherit the rule set compiled in the parent, cut blocks into lines,
and return prepared output items and error lines, so the parent only reads and writes. At
most ``2 * jobs`` tasks are in flight, which keeps memory flat however long the input is.
Results are written in input order.
"""

from __future__ import annotations

import itertools
import multiprocessing
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.pool import AsyncResult
from pathlib import Path
from types import FrameType
from typing import Any

from ..engine import Engine, get_engine
from ..errors import CaseFileError, NetralitasError
from ..loader import load_regulations
from .output import (
    DETAILS,
    encode_line,
    error_record,
    open_writer,
    output_record,
    prepare,
    summary_record,
)
from .readers import (
    MAX_LINE_BYTES,
    JsonlBlock,
    RawRecord,
    block_lines,
    detect_format,
    jsonl_blocks,
    line_record,
    parse_raw,
    raw_records,
    split_block,
)
from .wire import decode

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

    @property
    def reconciled(self) -> bool:
        """Every record read was either reported or rejected."""
        return self.read == self.reported + self.rejected

    @property
    def rate(self) -> float:
        """Records per second."""
        return self.read / self.seconds if self.seconds > 0 else 0.0


@dataclass(frozen=True)
class ChunkResult:
    """What one chunk produced: prepared output items, error lines and counts."""

    outputs: list[Any]
    errors: list[bytes]
    read: int
    findings: int
    weight: int


_WORKER_ENGINE: Engine | None = None
_FORK_LOCK = threading.Lock()


def _engine(backend: str, rules: Sequence[str] | None) -> Engine:
    regs = load_regulations(list(rules)) if rules else None
    return get_engine(backend, regs)


def _init_worker(backend: str, rules: Sequence[str] | None) -> None:
    # The parent handles Ctrl-C and SIGTERM and then stops the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    global _WORKER_ENGINE
    if _WORKER_ENGINE is None:  # a forked worker inherits the parent's engine
        _WORKER_ENGINE = _engine(backend, rules)


def evaluate_chunk(
    engine: Engine, chunk: Sequence[RawRecord], out_kind: str, detail: str = "summary"
) -> ChunkResult:
    """Parse and evaluate a chunk; each raw record gives one output item or one error line."""
    outputs: list[Any] = []
    errors: list[bytes] = []
    findings = 0
    for raw in chunk:
        findings += _evaluate_raw(engine, raw, out_kind, detail, outputs, errors)
    return ChunkResult(outputs, errors, len(chunk), findings, sum(r.weight for r in chunk))


def evaluate_block(
    engine: Engine, block: JsonlBlock, out_kind: str, detail: str = "summary"
) -> ChunkResult:
    """Evaluate the lines of a JSON Lines block; each line gives one output item or one
    error line.

    For the summary output a line in the common shape (a shipped calendar named by id, see
    :mod:`netralitas_rules.batch.wire`) is decoded into wire structs and summarised from
    :meth:`Engine.hits`, without building a report; every other line, valid or not, goes
    through the case models and :meth:`Engine.evaluate`, exactly as :func:`evaluate_chunk`
    would take it. Both give the same output bytes (``tests/test_wire.py``).
    """
    outputs: list[Any] = []
    errors: list[bytes] = []
    findings = 0
    read = 0
    fast = detail == "summary"
    for number, line in block_lines(block):
        read += 1
        if fast and line is not None:
            hit = decode(line)
            if hit is not None:
                record = summary_record(hit[0], hit[1], engine)
                findings += len(record["findings"])
                outputs.append(prepare(record, out_kind))
                continue
        raw = line_record(block.file, number, line)
        findings += _evaluate_raw(engine, raw, out_kind, detail, outputs, errors)
    weight = MAX_LINE_BYTES if block.overlong else len(block.data)
    return ChunkResult(outputs, errors, read, findings, weight)


def _evaluate_raw(
    engine: Engine,
    raw: RawRecord,
    out_kind: str,
    detail: str,
    outputs: list[Any],
    errors: list[bytes],
) -> int:
    """Validate and evaluate one raw record into ``outputs`` or ``errors``; its findings."""
    try:
        case = parse_raw(raw)
    except CaseFileError as exc:
        errors.append(encode_line(error_record(raw, exc)))
        return 0
    try:
        report = engine.evaluate(case)
    except NetralitasError as exc:
        errors.append(encode_line(error_record(raw, exc)))
        return 0
    outputs.append(prepare(output_record(case, report, detail), out_kind))
    return len(report.findings)


_Packed = tuple[Any, ...]


def _pack(chunk: Sequence[RawRecord]) -> list[_Packed]:
    """A chunk as plain tuples: pickled in a third of the time of the dataclasses, which
    matters because the parent does it for every record while the workers evaluate."""
    return [(r.file, r.line, r.last, r.text, r.rows, r.problem, r.unit, r.weight) for r in chunk]


def _work(args: tuple[list[_Packed], str, str]) -> ChunkResult:
    assert _WORKER_ENGINE is not None
    packed, out_kind, detail = args
    return evaluate_chunk(_WORKER_ENGINE, [RawRecord(*r) for r in packed], out_kind, detail)


def _work_block(args: tuple[tuple[str, int, bytes, bool], str, str]) -> ChunkResult:
    assert _WORKER_ENGINE is not None
    packed, out_kind, detail = args
    return evaluate_block(_WORKER_ENGINE, JsonlBlock(*packed), out_kind, detail)


def _pack_block(block: JsonlBlock) -> tuple[str, int, bytes, bool]:
    return (block.file, block.first_line, block.data, block.overlong)


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
    chunk_size: int = CHUNK_SIZE,
    progress: Callable[[BatchSummary], None] | None = None,
) -> BatchSummary:
    """Evaluate every case of ``source`` into ``out``; rejected records go to ``errors``
    (JSON Lines). Interrupting (Ctrl-C, SIGTERM) stops after whole records and returns a
    summary with ``interrupted`` set. ``chunk_size`` bounds the records of one task (a
    JSON Lines task is also at most :data:`~netralitas_rules.batch.readers.BLOCK_BYTES`
    of lines)."""
    if detail not in DETAILS:
        raise NetralitasError(f"unknown detail {detail!r}; choose one of {', '.join(DETAILS)}")
    if jobs < 1:
        raise NetralitasError(f"--jobs must be at least 1, not {jobs}")
    in_kind = detect_format(source, in_format)
    out_kind = detect_format(out, out_format)
    # JSON Lines travel as blocks of whole lines (the workers cut them into records);
    # tables as chunks of raw records, grouped into cases by the reader.
    tasks: Iterator[Any]
    if in_kind == "jsonl":
        tasks = (part for block in jsonl_blocks(source) for part in split_block(block, chunk_size))
        local: Callable[[Engine, Any], ChunkResult] = lambda e, b: evaluate_block(  # noqa: E731
            e, b, out_kind, detail
        )
        remote: tuple[Callable[[Any], ChunkResult], Callable[[Any], Any]] = (
            _work_block,
            _pack_block,
        )
    else:
        tasks = _chunks(raw_records(source, in_kind), chunk_size)
        local = lambda e, c: evaluate_chunk(e, c, out_kind, detail)  # noqa: E731
        remote = (_work, _pack)
    summary = BatchSummary()
    started = time.perf_counter()
    writer = open_writer(out, out_kind)
    err_writer = open_writer(errors, "jsonl")
    old_term = signal.signal(signal.SIGTERM, _on_sigterm) if _main_thread() else None
    try:
        if jobs == 1:
            engine = _engine(backend, rules)
            results: Iterator[ChunkResult] = (local(engine, t) for t in tasks)
            _drain(results, writer, err_writer, summary, started, progress)
        else:
            _run_pool(
                tasks,
                remote,
                jobs,
                backend,
                rules,
                out_kind,
                detail,
                writer,
                err_writer,
                summary,
                started,
                progress,
            )
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        summary.seconds = time.perf_counter() - started
        writer.close()
        err_writer.close()
        if old_term is not None:
            signal.signal(signal.SIGTERM, old_term)
    return summary


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def _drain(
    results: Iterable[ChunkResult],
    writer: Any,
    err_writer: Any,
    summary: BatchSummary,
    started: float,
    progress: Callable[[BatchSummary], None] | None,
) -> None:
    for res in results:
        writer.write(res.outputs)
        err_writer.write(res.errors)
        summary.read += res.read
        summary.reported += len(res.outputs)
        summary.rejected += len(res.errors)
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
    writer: Any,
    err_writer: Any,
    summary: BatchSummary,
    started: float,
    progress: Callable[[BatchSummary], None] | None,
) -> None:
    method = "spawn" if sys.platform == "win32" else "fork"
    ctx = multiprocessing.get_context(method)
    global _WORKER_ENGINE
    # Compiled once here and inherited by every forked worker, instead of once per worker;
    # the lock keeps runs in other threads from forking with this run's engine.
    parent_engine = _engine(backend, rules) if method == "fork" else None
    with _FORK_LOCK:
        _WORKER_ENGINE = parent_engine
        try:
            pool = ctx.Pool(jobs, initializer=_init_worker, initargs=(backend, rules))
        finally:
            _WORKER_ENGINE = None
    try:
        pending: deque[AsyncResult[ChunkResult]] = deque()

        work, pack = remote

        def results() -> Iterator[ChunkResult]:
            for task in tasks:
                pending.append(pool.apply_async(work, ((pack(task), out_kind, detail),)))
                if len(pending) >= 2 * jobs:
                    yield pending.popleft().get()
            while pending:
                yield pending.popleft().get()

        _drain(results(), writer, err_writer, summary, started, progress)
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
