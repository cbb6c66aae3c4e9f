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

import contextlib
import dataclasses
import datetime as dt
import gc
import itertools
import multiprocessing
import os
import shutil
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.pool import AsyncResult
from pathlib import Path
from types import FrameType
from typing import Any

from ..assessed import assessed
from ..engine import Engine, get_engine
from ..errors import CaseFileError, NetralitasError
from ..loader import load_regulations
from ..models import Case
from .blocks import (
    BLOCK_BYTES,
    JsonlBlock,
    block_line_count,
    block_lines,
    jsonl_blocks,
    jsonl_spans,
    split_block,
)
from .outfile import (
    OutputWriteError,
    parts_folder,
    refuse_clashes,
    remove_stale_parts,
    signals_deferred,
    write_error,
)
from .output import (
    DETAILS,
    ENCODER,
    Rejection,
    encode_line,
    output_record,
    prepare,
)
from .readers import parse_raw, raw_records
from .records import MAX_LINE_BYTES, RawRecord, detect_format, line_record
from .wire import wire_case
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
    """What one chunk produced: prepared output items (for JSON Lines, blocks of whole
    lines), error lines and counts."""

    outputs: list[Any]
    errors: list[Rejection]
    read: int
    findings: int
    weight: int
    reported: int
    spilled: tuple[str, int, int] | None = None
    """Where a worker wrote the JSON Lines output instead: (part file, offset, length)."""
    lines: int | None = None
    """For a task that numbered its lines from 1 (a span of the file): the lines it
    covered, so the parent can move its rejections to their place in the file."""


_WORKER_ENGINE: Engine | None = None
_FORK_LOCK = threading.Lock()


def _engine(backend: str, rules: Sequence[str] | None) -> Engine:
    regs = load_regulations(list(rules)) if rules else None
    return get_engine(backend, regs)


_WORKER_PARTS: str | None = None
_WORKER_SPILLS = itertools.count()


def tune_malloc() -> bool:
    """Keep the C allocator from handing large buffers back to the system and asking for
    them again (glibc on Linux only; True when applied).

    A batch allocates and frees blocks and output buffers of megabytes many times; glibc
    serves them with fresh mappings or trims the heap after each, and every reuse then
    faults its pages in again (about 200,000 page faults for 200,000 cases with
    ``--jobs 2``, against 22,000 with this). Process-wide, so only the ``netralitas batch``
    command and its own worker processes call it, never a library call.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
        m_trim_threshold, m_mmap_threshold = -1, -3
        return bool(
            libc.mallopt(m_mmap_threshold, 256 * 1024 * 1024)
            and libc.mallopt(m_trim_threshold, 1024 * 1024 * 1024)
        )
    except (OSError, AttributeError):  # not glibc
        return False


def _init_worker(backend: str, rules: Sequence[str] | None, parts: str | None = None) -> None:
    # The parent handles Ctrl-C and SIGTERM and then stops the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    tune_malloc()
    global _WORKER_ENGINE, _WORKER_PARTS
    if _WORKER_ENGINE is None:  # a forked worker inherits the parent's engine
        _WORKER_ENGINE = _engine(backend, rules)
    _WORKER_PARTS = parts


def _spill(result: ChunkResult) -> ChunkResult:
    """Write a worker's JSON Lines output to a part file of its own and return where it is,
    so the output bytes do not travel back through the pipe; the parent copies them into
    place and deletes the part."""
    if _WORKER_PARTS is None or not result.outputs:
        return result
    path = str(Path(_WORKER_PARTS) / f"{os.getpid()}-{next(_WORKER_SPILLS)}")
    data = b"".join(result.outputs)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
    except OSError as exc:
        error = write_error(_WORKER_PARTS, "workers' part folder", exc, kept=False)
        raise OutputWriteError(f"{error} (or run with --jobs 1)") from None
    return dataclasses.replace(result, outputs=[], spilled=(path, 0, len(data)))


def evaluate_chunk(
    engine: Engine,
    chunk: Sequence[RawRecord],
    out_kind: str,
    detail: str = "summary",
    *,
    as_of: dt.date | None = None,
) -> ChunkResult:
    """Parse, evaluate and assess a chunk (as of ``as_of``, today by default); each raw
    record gives one output item or one error line."""
    outputs: list[Any] = []
    errors: list[Rejection] = []
    findings = 0
    day = as_of or dt.date.today()
    for raw in chunk:
        findings += _evaluate_raw(engine, raw, out_kind, detail, day, outputs, errors)
    weight = sum(r.weight for r in chunk)
    return ChunkResult(outputs, errors, len(chunk), findings, weight, len(outputs))


def evaluate_block(
    engine: Engine,
    block: JsonlBlock,
    out_kind: str,
    detail: str = "summary",
    *,
    as_of: dt.date | None = None,
) -> ChunkResult:
    """Evaluate and assess the lines of a JSON Lines block (as of ``as_of``, today by
    default); each line gives one output item or one error line.

    A line in the common shape (a shipped calendar named by id, see
    :mod:`netralitas_rules.batch.wire`) is read by :func:`~.wire.wire_case`, the wire
    decoder's fast path into the case models (the wire check guarantees the models accept
    it); every other line, valid or not, goes through :func:`parse_raw`, which also
    writes the error message. Both are then evaluated and assessed the same way
    (:func:`_answer`), so they give the same output bytes (``tests/test_wire.py``).
    """
    outputs: list[Any] = []
    errors: list[Rejection] = []
    findings = read = reported = 0
    day = as_of or dt.date.today()
    jsonl = out_kind == "jsonl"
    # JSON Lines output is encoded straight into one buffer per block.
    buffer = bytearray()
    encode_into = ENCODER.encode_into
    # The fast path tries to decode a line before it looks for blanks (nearly every line is
    # a case); enumerate numbers the lines in C.
    lines: Iterable[tuple[int, bytes | None]] = (
        enumerate(block.data.split(b"\n"), block.first_line)
        if not block.overlong
        else block_lines(block)
    )
    for number, line in lines:
        if line is not None and len(line) > MAX_LINE_BYTES:
            line = None
        elif line is not None:
            case = wire_case(line)
            record = None
            if case is not None:
                # On an error the general path below rejects the line with its message.
                with contextlib.suppress(NetralitasError):
                    record = _answer(engine, case, detail, day)
            if record is not None:
                read += 1
                findings += len(record["findings"])
                reported += 1
                if jsonl:
                    encode_into(record, buffer, -1)
                    buffer += b"\n"
                else:
                    outputs.append(prepare(record, out_kind))
                continue
            if not line.strip():  # a blank line carries no record
                continue
        read += 1
        produced: list[Any] = []
        raw = line_record(block.file, number, line)
        findings += _evaluate_raw(engine, raw, out_kind, detail, day, produced, errors)
        reported += len(produced)
        if jsonl:
            for item in produced:
                buffer += item
        else:
            outputs.extend(produced)
    if buffer:
        outputs.append(bytes(buffer))
    weight = MAX_LINE_BYTES if block.overlong else len(block.data)
    return ChunkResult(outputs, errors, read, findings, weight, reported)


def _answer(engine: Engine, case: Case, detail: str, as_of: dt.date) -> dict[str, Any]:
    """The output record of a case: evaluated once, assessed once (the record's
    recommendations, conflicts and verdicts are read from that assessment)."""
    report = assessed(engine.evaluate(case), case, engine=engine, as_of=as_of)
    return output_record(case, report, detail)


def _evaluate_raw(
    engine: Engine,
    raw: RawRecord,
    out_kind: str,
    detail: str,
    as_of: dt.date,
    outputs: list[Any],
    errors: list[Rejection],
) -> int:
    """Validate, evaluate and assess one raw record into ``outputs`` or ``errors``; its
    findings."""
    try:
        case = parse_raw(raw)
    except CaseFileError as exc:
        errors.append(Rejection.of(raw, exc))
        return 0
    try:
        record = _answer(engine, case, detail, as_of)
    except NetralitasError as exc:
        errors.append(Rejection.of(raw, exc))
        return 0
    outputs.append(prepare(record, out_kind))
    return len(record["findings"])


_Packed = tuple[Any, ...]


def _pack(chunk: Sequence[RawRecord]) -> list[_Packed]:
    """A chunk as plain tuples: pickled in a third of the time of the dataclasses, which
    matters because the parent does it for every record while the workers evaluate."""
    return [(r.file, r.line, r.last, r.text, r.rows, r.problem, r.unit, r.weight) for r in chunk]


def _work(args: tuple[list[_Packed], str, str, dt.date]) -> ChunkResult:
    assert _WORKER_ENGINE is not None
    packed, out_kind, detail, as_of = args
    chunk = [RawRecord(*r) for r in packed]
    return evaluate_chunk(_WORKER_ENGINE, chunk, out_kind, detail, as_of=as_of)


def _work_block(args: tuple[tuple[str, int, bytes, bool], str, str, dt.date]) -> ChunkResult:
    assert _WORKER_ENGINE is not None
    (file, first_line, data, overlong), out_kind, detail, as_of = args
    block = JsonlBlock(file, first_line, data, overlong)
    result = evaluate_block(_WORKER_ENGINE, block, out_kind, detail, as_of=as_of)
    return _spill(result) if out_kind == "jsonl" else result


def _pack_block(block: JsonlBlock) -> tuple[str, int, bytes, bool]:
    """A block whose bytes travel to the worker (input from a pipe)."""
    return (block.file, block.first_line, block.data, block.overlong)


def _work_span(args: tuple[tuple[str, int, int, int], str, str, dt.date]) -> ChunkResult:
    """Read and evaluate one span of a regular file, numbering its lines from 1."""
    assert _WORKER_ENGINE is not None
    (file, start, stop, size), out_kind, detail, as_of = args
    parts = []
    lines = 0
    for block in jsonl_blocks(file, size, start=start, stop=stop):
        parts.append(evaluate_block(_WORKER_ENGINE, block, out_kind, detail, as_of=as_of))
        lines += block_line_count(block)
    result = ChunkResult(
        [item for p in parts for item in p.outputs],
        [e for p in parts for e in p.errors],
        sum(p.read for p in parts),
        sum(p.findings for p in parts),
        sum(p.weight for p in parts),
        sum(p.reported for p in parts),
        lines=lines,
    )
    return _spill(result) if out_kind == "jsonl" else result


def _pack_span(span: tuple[int, int], file: str, size: int) -> tuple[str, int, int, int]:
    return (file, *span, size)


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
    handling every case is assessed on (today, fixed once at the start, by default)."""
    if detail not in DETAILS:
        raise NetralitasError(f"unknown detail {detail!r}; choose one of {', '.join(DETAILS)}")
    if jobs < 1:
        raise NetralitasError(f"--jobs must be at least 1, not {jobs}")
    in_kind = detect_format(source, in_format)
    out_kind = detect_format(out, out_format)
    refuse_clashes(
        [("INPUT", source), *(("--rules", r) for r in rules or ())],
        [("--out", out), ("--errors", errors)],
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
            _work_block,
            _pack_block,
        )
        if jobs > 1 and chunk_size is None and Path(source).is_file():
            # Workers read their own spans of a regular file: the parent only plans them
            # and puts the results in order, so it takes almost no CPU from the workers.
            tasks = jsonl_spans(source, block_bytes)
            file = str(source)
            remote = (_work_span, lambda span: _pack_span(span, file, block_bytes))
    else:
        tasks = _chunks(raw_records(source, in_kind), chunk_size or CHUNK_SIZE)
        local = lambda e, c: evaluate_chunk(e, c, out_kind, detail, as_of=day)  # noqa: E731
        remote = (_work, _pack)
    # Closed at the end whatever happens, so an input file is never left open behind a
    # failed run (a kept traceback would hold the suspended readers).
    readers = [tasks, blocks] if in_kind == "jsonl" else [tasks]
    summary = BatchSummary()
    started = time.perf_counter()
    writer = open_writer(out, out_kind, role="output")
    try:
        err_writer = open_writer(errors, "jsonl", role="errors file")
    except BaseException:
        writer.discard()
        raise
    old_term = signal.signal(signal.SIGTERM, _on_sigterm) if _main_thread() else None
    committed = False
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
                day,
                writer,
                err_writer,
                summary,
                started,
                progress,
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
        err_writer.write([encode_line(e.record()) for e in errors])
        summary.read += res.read
        summary.reported += res.reported
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
    as_of: dt.date,
    writer: Writer,
    err_writer: Writer,
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
    # JSON Lines output comes back as the workers' part files (see _spill).
    parts = parts_folder() if out_kind == "jsonl" else None
    try:
        with _FORK_LOCK:
            _WORKER_ENGINE = parent_engine
            try:
                # Frozen, the objects alive now (modules, the compiled rules) are never
                # walked by the workers' collector, so their pages stay shared instead of
                # being copied into each worker; the parent unfreezes once the workers exist.
                gc.freeze()
                pool = ctx.Pool(jobs, initializer=_init_worker, initargs=(backend, rules, parts))
            finally:
                gc.unfreeze()
                _WORKER_ENGINE = None
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

            _drain(results(), writer, err_writer, summary, started, progress)
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
