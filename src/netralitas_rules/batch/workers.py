"""The batch's worker processes: the engine each holds, the tasks they run (a chunk of raw
records, a JSON Lines block, a span of a file), what travels to them, and the JSON Lines
parts they write instead of sending the output back."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import itertools
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..engine import Engine, get_engine
from ..loader import load_regulations
from ..messages import msg
from .blocks import (
    JsonlBlock,
    block_line_count,
    jsonl_blocks,
)
from .chunks import ChunkResult, evaluate_block, evaluate_chunk
from .outfile import (
    OutputWriteError,
    write_error,
)
from .records import RawRecord

_WORKER_ENGINE: Engine | None = None


_FORK_LOCK = threading.Lock()


def engine_for(backend: str, rules: Sequence[str] | None) -> Engine:
    regs = load_regulations(list(rules)) if rules else None
    return get_engine(backend, regs)


_WORKER_PARTS: str | None = None
_WORKER_LANG = "id"
"""The language of a worker's errors (the run's)."""


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


def _init_worker(
    backend: str, rules: Sequence[str] | None, parts: str | None = None, lang: str = "id"
) -> None:
    # The parent handles Ctrl-C and SIGTERM and then stops the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    tune_malloc()
    global _WORKER_ENGINE, _WORKER_PARTS, _WORKER_LANG
    if _WORKER_ENGINE is None:  # a forked worker inherits the parent's engine
        _WORKER_ENGINE = engine_for(backend, rules)
    _WORKER_PARTS = parts
    _WORKER_LANG = lang


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
        error = write_error(_WORKER_PARTS, "parts", exc, kept=False, lang=_WORKER_LANG)
        raise OutputWriteError(msg("outfile.jobs_one", _WORKER_LANG, error=error)) from None
    return dataclasses.replace(result, outputs=[], spilled=(path, 0, len(data)))


_Packed = tuple[Any, ...]


def pack_chunk(chunk: Sequence[RawRecord]) -> list[_Packed]:
    """A chunk as plain tuples: pickled in a third of the time of the dataclasses, which
    matters because the parent does it for every record while the workers evaluate."""
    return [(r.file, r.line, r.last, r.text, r.rows, r.problem, r.unit, r.weight) for r in chunk]


def work_chunk(args: tuple[list[_Packed], str, str, dt.date]) -> ChunkResult:
    assert _WORKER_ENGINE is not None
    packed, out_kind, detail, as_of = args
    chunk = [RawRecord(*r) for r in packed]
    return evaluate_chunk(_WORKER_ENGINE, chunk, out_kind, detail, as_of=as_of)


def work_block(args: tuple[tuple[str, int, bytes, bool], str, str, dt.date]) -> ChunkResult:
    assert _WORKER_ENGINE is not None
    (file, first_line, data, overlong), out_kind, detail, as_of = args
    block = JsonlBlock(file, first_line, data, overlong)
    result = evaluate_block(_WORKER_ENGINE, block, out_kind, detail, as_of=as_of)
    return _spill(result) if out_kind == "jsonl" else result


def pack_block(block: JsonlBlock) -> tuple[str, int, bytes, bool]:
    """A block whose bytes travel to the worker (input from a pipe)."""
    return (block.file, block.first_line, block.data, block.overlong)


def work_span(args: tuple[tuple[str, int, int, int], str, str, dt.date]) -> ChunkResult:
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


def pack_span(span: tuple[int, int], file: str, size: int) -> tuple[str, int, int, int]:
    return (file, *span, size)


def start_pool(
    jobs: int, backend: str, rules: Sequence[str] | None, parts: str | None, lang: str = "id"
) -> Any:
    """A pool of ``jobs`` worker processes, each holding an engine for ``rules`` (inherited
    from this process where workers are forked) and writing JSON Lines parts to ``parts``
    (their errors in ``lang``)."""
    method = "spawn" if sys.platform == "win32" else "fork"
    ctx = multiprocessing.get_context(method)
    global _WORKER_ENGINE
    # Compiled once here and inherited by every forked worker, instead of once per worker;
    # the lock keeps runs in other threads from forking with this run's engine.
    parent_engine = engine_for(backend, rules) if method == "fork" else None
    with _FORK_LOCK:
        _WORKER_ENGINE = parent_engine
        try:
            # Frozen, the objects alive now (modules, the compiled rules) are never
            # walked by the workers' collector, so their pages stay shared instead of
            # being copied into each worker; the parent unfreezes once the workers exist.
            gc.freeze()
            return ctx.Pool(jobs, initializer=_init_worker, initargs=(backend, rules, parts, lang))
        finally:
            gc.unfreeze()
            _WORKER_ENGINE = None
