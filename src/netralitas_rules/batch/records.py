"""A batch record as read, before validation (:class:`RawRecord`), the formats a batch may
be in, and the raw record of one JSON line."""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import NetralitasError
from ..problemtext import Foreign, Text

FORMATS = ("jsonl", "csv", "parquet")


MAX_LINE_BYTES = 1024 * 1024
"""The longest JSON line (or CSV case) accepted; one case is far smaller."""


class BatchInputError(NetralitasError, ValueError):
    """A batch input cannot be read at all (unknown format, bad header, unreadable file)."""


@dataclass(frozen=True)
class RawRecord:
    """One case as read, not yet validated: a JSON line, or the rows of one case.

    ``line`` is the file line of a JSON record, or the first row of a tabular case (the
    header is row 1); ``last`` is the last row of that case. ``text`` holds a JSON line;
    ``rows`` the rows of a tabular case; ``problem`` a reason found while reading;
    ``weight`` what the record adds to the progress count (see :func:`size_hint`).
    """

    file: str
    line: int
    last: int
    text: str | None = None
    rows: tuple[Mapping[str, Any], ...] = ()
    problem: str | Text | None = None
    unit: str = "line"
    weight: int = 1


def detect_format(path: str | Path, given: str | None = None) -> str:
    """The format named by ``given`` or by the file's extension."""
    if given:
        if given not in FORMATS:
            raise BatchInputError(
                Text("batch.input.unknown_format", given=given, formats=", ".join(FORMATS))
            )
        return given
    suffix = Path(path).suffix.lower().lstrip(".")
    aliases = {"jsonl": "jsonl", "ndjson": "jsonl", "json": "jsonl", "csv": "csv"}
    aliases |= {"parquet": "parquet", "pq": "parquet"}
    if suffix in aliases:
        return aliases[suffix]
    shown = repr(suffix) if suffix else Text("batch.input.no_extension")
    raise BatchInputError(
        Text("batch.input.no_format", path=str(path), suffix=shown, formats="|".join(FORMATS))
    )


def line_record(file: str, number: int, line: bytes | None) -> RawRecord:
    """The raw record of one JSON line (see :func:`block_lines`)."""
    if line is None:
        return RawRecord(
            file,
            number,
            number,
            problem=Text("batch.line_too_long", limit=MAX_LINE_BYTES),
            weight=MAX_LINE_BYTES,
        )
    weight = len(line) + 1
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        return RawRecord(
            file,
            number,
            number,
            problem=Text("batch.line_not_utf8", byte=exc.start + 1),
            weight=weight,
        )
    return RawRecord(file, number, number, text=text, weight=weight)


def open_input(path: Path) -> io.BufferedReader:
    """The batch input file, opened for reading bytes; a :class:`BatchInputError` when it
    cannot be read."""
    try:
        return path.open("rb")
    except OSError as exc:
        reason = Foreign("os", str(exc.strerror or exc), exc.errno)
        raise BatchInputError(
            Text("batch.input.unreadable", path=str(path), reason=reason)
        ) from None
