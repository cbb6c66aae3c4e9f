"""The batch runner: read, evaluate (in this process or in ``jobs`` worker processes),
write, and reconcile the counts.

Work travels in chunks of raw records; each worker compiles the rule set once (in its
initializer) and returns prepared output items and error lines, so the parent only reads
and writes. At most ``2 * jobs`` chunks are in flight, which keeps memory flat however
long the input is. Chunks are written in input order.
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
from .output import DETAILS, dumps, error_record, open_writer, output_record, prepare
from .readers import RawRecord, detect_format, parse_raw, raw_records

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
    errors: list[str]
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
    errors: list[str] = []
    findings = 0
    for raw in chunk:
        try:
            case = parse_raw(raw)
        except CaseFileError as exc:
            errors.append(dumps(error_record(raw, exc)))
            continue
        try:
            report = engine.evaluate(case)
        except NetralitasError as exc:
            errors.append(dumps(error_record(raw, exc)))
            continue
        findings += len(report.findings)
        outputs.append(prepare(output_record(case, report, detail), out_kind))
    return ChunkResult(outputs, errors, len(chunk), findings, sum(r.weight for r in chunk))


_Packed = tuple[Any, ...]


def _pack(chunk: Sequence[RawRecord]) -> list[_Packed]:
    """A chunk as plain tuples: pickled in a third of the time of the dataclasses, which
    matters because the parent does it for every record while the workers evaluate."""
    return [(r.file, r.line, r.last, r.text, r.rows, r.problem, r.unit, r.weight) for r in chunk]


def _work(args: tuple[list[_Packed], str, str]) -> ChunkResult:
    assert _WORKER_ENGINE is not None
    packed, out_kind, detail = args
    return evaluate_chunk(_WORKER_ENGINE, [RawRecord(*r) for r in packed], out_kind, detail)


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
    summary with ``interrupted`` set."""
    if detail not in DETAILS:
        raise NetralitasError(f"unknown detail {detail!r}; choose one of {', '.join(DETAILS)}")
    if jobs < 1:
        raise NetralitasError(f"--jobs must be at least 1, not {jobs}")
    in_kind = detect_format(source, in_format)
    out_kind = detect_format(out, out_format)
    records = raw_records(source, in_kind)
    summary = BatchSummary()
    started = time.perf_counter()
    writer = open_writer(out, out_kind)
    err_writer = open_writer(errors, "jsonl")
    old_term = signal.signal(signal.SIGTERM, _on_sigterm) if _main_thread() else None
    try:
        chunks = _chunks(records, chunk_size)
        if jobs == 1:
            engine = _engine(backend, rules)
            results: Iterator[ChunkResult] = (
                evaluate_chunk(engine, c, out_kind, detail) for c in chunks
            )
            _drain(results, writer, err_writer, summary, started, progress)
        else:
            _run_pool(
                chunks,
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
    chunks: Iterator[list[RawRecord]],
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

        def results() -> Iterator[ChunkResult]:
            for chunk in chunks:
                pending.append(pool.apply_async(_work, ((_pack(chunk), out_kind, detail),)))
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
