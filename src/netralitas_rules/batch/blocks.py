"""JSON Lines read in blocks of whole lines (:class:`JsonlBlock`): how the batch splits a
file for its worker processes without holding a line over :data:`.records.MAX_LINE_BYTES`."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .records import MAX_LINE_BYTES, open_input

BLOCK_BYTES = 2 * 1024 * 1024
"""About how much of a JSON Lines file one read takes (whole lines, so blocks vary)."""


@dataclass(frozen=True)
class JsonlBlock:
    """Whole lines of a JSON Lines file, cut where a line ends: the unit the batch reads,
    sends to a worker and evaluates. ``first_line`` is the file line ``data`` starts on.
    ``overlong`` marks one line longer than :data:`MAX_LINE_BYTES`, skipped unread (then
    ``data`` is empty)."""

    file: str
    first_line: int
    data: bytes
    overlong: bool = False


def jsonl_blocks(
    path: str | Path,
    size: int = BLOCK_BYTES,
    *,
    start: int = 0,
    stop: int | None = None,
    first_line: int = 1,
) -> Iterator[JsonlBlock]:
    """The file as blocks of whole lines, lazily; memory stays within ``size`` plus one
    line of at most :data:`MAX_LINE_BYTES`, however long a line is.

    ``start`` and ``stop`` read a byte range of the file instead (``start`` must begin a
    line, ``stop`` end one, as :func:`jsonl_spans` gives them), numbering its lines from
    ``first_line``."""
    file = str(path)
    with open_input(Path(path)) as fh:
        if start:
            fh.seek(start)
        left = -1 if stop is None else stop - start  # bytes of the range not read yet
        line = first_line
        carry = b""  # the start of a line whose end is not read yet (never holds a newline)
        pending = b""  # read, not yet cut into lines (after a skipped overlong line)
        while True:
            if pending:
                data, pending = pending, b""
            else:
                data = fh.read(size if left < 0 else min(size, left))
                if left > 0:
                    left -= len(data)
            if not data:
                if carry:
                    yield _tail(file, line, carry)
                return
            cut = data.rfind(b"\n")
            if cut < 0:
                carry += data
                if len(carry) > MAX_LINE_BYTES:
                    # Skip the rest of the overlong line without holding it.
                    carry = b""
                    while left and (data := fh.read(size if left < 0 else min(size, left))):
                        if left > 0:
                            left -= len(data)
                        cut = data.find(b"\n")
                        if cut >= 0:
                            pending = data[cut + 1 :]
                            break
                    yield JsonlBlock(file, line, b"", overlong=True)
                    line += 1
                continue
            block = carry + data[: cut + 1] if carry else data[: cut + 1]
            carry = data[cut + 1 :]
            yield JsonlBlock(file, line, block)
            line += block.count(b"\n")


SPAN_PROBE = 64 * 1024


def jsonl_spans(path: str | Path, size: int = BLOCK_BYTES) -> Iterator[tuple[int, int]]:
    """Byte ranges ``[start, stop)`` of about ``size`` that begin and end at line breaks,
    covering the file: the work of one batch task, which reads its range itself. Only a
    little around each cut is read here, so planning costs almost nothing."""
    file = Path(path)
    with open_input(file) as fh:
        end = os.fstat(fh.fileno()).st_size
        start = 0
        while start < end:
            stop = start + size
            if stop >= end:
                yield start, end
                return
            fh.seek(stop)
            while True:  # to the end of the line the cut falls in
                probe = fh.read(SPAN_PROBE)
                if not probe:
                    stop = end
                    break
                cut = probe.find(b"\n")
                if cut >= 0:
                    stop += cut + 1
                    break
                stop += len(probe)
            yield start, stop
            start = stop


def block_line_count(block: JsonlBlock) -> int:
    """How many file lines a block covers (blank ones included)."""
    if block.overlong:
        return 1
    data = block.data
    return data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)


def split_block(block: JsonlBlock, max_lines: int) -> Iterator[JsonlBlock]:
    """The block cut into blocks of at most ``max_lines`` lines."""
    data = block.data
    if block.overlong or data.count(b"\n") < max_lines:
        yield block
        return
    start, line = 0, block.first_line
    while start < len(data):
        end = start
        for _ in range(max_lines):
            end = data.find(b"\n", end) + 1
            if end == 0:
                end = len(data)
                break
        yield JsonlBlock(block.file, line, data[start:end])
        line += max_lines
        start = end


def _tail(file: str, line: int, data: bytes) -> JsonlBlock:
    """The last line of a file that does not end with a newline."""
    if len(data) > MAX_LINE_BYTES:
        return JsonlBlock(file, line, b"", overlong=True)
    return JsonlBlock(file, line, data)


def block_lines(block: JsonlBlock) -> Iterator[tuple[int, bytes | None]]:
    """The numbered non-blank lines of a block, without their newline; None stands for a
    line longer than :data:`MAX_LINE_BYTES`."""
    if block.overlong:
        yield block.first_line, None
        return
    number = block.first_line
    for line in block.data.split(b"\n"):
        if len(line) > MAX_LINE_BYTES:
            yield number, None
        elif line.strip():  # blank lines carry no record
            yield number, line
        number += 1
