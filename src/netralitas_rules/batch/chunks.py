"""One chunk of a batch evaluated: each raw record (or each line of a JSON Lines block)
validated, judged, assessed and prepared for its writer, or rejected with its error line.
The same in this process, in a worker and in the service's ``/v1/batch``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..assessed import assessed
from ..engine import Engine
from ..errors import NetralitasError
from ..models import Case
from .blocks import (
    JsonlBlock,
    block_lines,
)
from .output import (
    ENCODER,
    output_record,
    prepare,
)
from .readers import parse_raw
from .records import MAX_LINE_BYTES, RawRecord, line_record
from .rejection import Rejection
from .wire import wire_case


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
            mark = len(buffer)
            try:
                case = wire_case(line)
                record = None if case is None else _answer(engine, case, detail, day)
                if record is not None:
                    if jsonl:
                        encode_into(record, buffer, -1)
                        buffer += b"\n"
                    else:
                        outputs.append(prepare(record, out_kind))
            except MemoryError:
                raise
            except Exception:
                # The general path below answers the line again: it words a
                # NetralitasError, and rejects any other error as the library's own.
                del buffer[mark:]
                record = None
            if record is not None:
                read += 1
                findings += len(record["findings"])
                reported += 1
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
    findings. An unexpected error on the record (a defect of the library) rejects it
    alone (:meth:`Rejection.internal`); a MemoryError is the run's, not the record's."""
    case: Case | None = None
    try:
        case = parse_raw(raw)
        record = _answer(engine, case, detail, as_of)
        item = prepare(record, out_kind)
    except NetralitasError as exc:
        errors.append(Rejection.of(raw, exc))
        return 0
    except MemoryError:
        raise
    except Exception as exc:
        # One record the library fails on must not cost the supervisor the whole run.
        errors.append(Rejection.internal(raw, exc, None if case is None else case.id))
        return 0
    outputs.append(item)
    return len(record["findings"])
