"""Streaming readers of case batches: JSON Lines, CSV and Parquet.

Reading is split in two so the expensive half can run in worker processes:

* :func:`raw_records` walks the file and yields :class:`RawRecord` objects (the text of a
  JSON line, or the rows of one case), cheap to read and to send to another process;
* :func:`parse_raw` turns one raw record into a validated :class:`Case`, or raises
  :class:`CaseFileError` naming the file, the line or row, and every problem.

Layouts:

* **JSON Lines**: one case per line, in the case-file shape (``election`` may name a shipped
  calendar). ``NaN`` and infinities are refused; a line over
  :data:`.records.MAX_LINE_BYTES` is rejected without being held in memory (:mod:`.blocks`).
* **CSV and Parquet**: one row per activity. Consecutive rows with the same ``case_id`` (or,
  without that column, the same ``asn.id``) form one case, so a file must be grouped by
  ASN. Columns are ``case_id``, ``election``, ``notes``, ``asn.<field>``,
  ``activity.<field>`` and the JSON-valued ``candidates``, ``relationships``,
  ``officials``, ``imposed_sanctions`` and ``asn.prior_sanctions`` (``election`` is a shipped
  calendar id or an inline calendar as JSON). Case columns are read
  from the first row of a case; later rows may leave them empty or repeat them. List-valued
  activity fields (``activity.candidate_ids``, ``activity.attributes_worn``,
  ``activity.audience``) are ``;``-separated in CSV and lists or strings in Parquet
  (:mod:`.tables`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..caseio import case_from_located
from ..elections import shipped_elections
from ..errors import CaseFileError, Problem
from ..models import Case
from ..problemtext import Text
from ..strictjson import read_json
from ..yamlpos import Located
from .blocks import block_lines, jsonl_blocks
from .records import RawRecord, detect_format, line_record
from .tables import _csv_rows, _parquet_rows, _table_data, _table_records, pyarrow_parquet


def raw_records(path: str | Path, fmt: str | None = None) -> Iterator[RawRecord]:
    """Every case of the file, lazily, as raw records in file order."""
    kind = detect_format(path, fmt)
    if kind == "jsonl":
        return _jsonl_records(Path(path))
    if kind == "csv":
        return _table_records(str(path), _csv_rows(Path(path)))
    return _table_records(str(path), _parquet_rows(Path(path)))


def size_hint(path: str | Path, fmt: str | None = None) -> int | None:
    """How many units the progress bar counts to: bytes for text files, rows for Parquet."""
    kind = detect_format(path, fmt)
    try:
        if kind == "parquet":
            pq = pyarrow_parquet(path)
            return int(pq.ParquetFile(str(path)).metadata.num_rows)
        return Path(path).stat().st_size
    except (OSError, ValueError):
        return None


def _jsonl_records(path: Path) -> Iterator[RawRecord]:
    for block in jsonl_blocks(path):
        for number, line in block_lines(block):
            yield line_record(block.file, number, line)


def parse_raw(raw: RawRecord) -> Case:
    """Validate one raw record; :class:`CaseFileError` names the place of every problem."""
    if raw.problem is not None:
        raise CaseFileError([Problem.of(raw.file, raw.line, 1, "", raw.problem)])
    if raw.text is not None:
        data = _json_data(raw)
        return _validate(raw, data, raw.line)
    data, problems = _table_data(raw)
    if problems:
        raise CaseFileError(problems)
    return _validate(raw, data, raw.line, data.pop("#rows"))


def _json_data(raw: RawRecord) -> dict[str, Any]:
    assert raw.text is not None
    located = read_json(raw.text, raw.file, first_line=raw.line, positions=False)
    if located.problems:
        raise CaseFileError(located.problems)
    data = located.data
    if not isinstance(data, dict):
        raise CaseFileError([Problem.of(raw.file, raw.line, 1, "", Text("batch.not_object"))])
    return data


_ACTIVITY = re.compile(r"activities\[([0-9]+)\]")


def _validate(
    raw: RawRecord, data: dict[str, Any], line: int, activity_rows: list[int] | None = None
) -> Case:
    """The case of ``data``; a problem is placed on ``line``, or for a table on the row of
    the activity it is about (``activity_rows``: the row of each activity)."""
    election = data.get("election")
    fast = data
    if isinstance(election, str):
        known = shipped_elections().get(election)
        if known is not None:
            # The shipped calendar is already validated; hand pydantic the object itself.
            fast = {**data, "election": known}
    try:
        return Case.model_validate(fast)
    except ValidationError:
        pass
    except (ValueError, TypeError, RecursionError) as exc:
        raise CaseFileError([Problem(raw.file, line, 1, "", str(exc))]) from None
    # The slow path only for bad records: the case reader's own messages, placed on our line.
    try:
        case_from_located(Located(raw.file, data))
    except CaseFileError as exc:
        raise CaseFileError(
            [
                dataclasses.replace(p, line=_row_of(p.key_path, line, activity_rows), column=1)
                for p in exc.problems
            ]
        ) from None
    raise CaseFileError([Problem(raw.file, line, 1, "", "the case is invalid")])  # pragma: no cover


def _row_of(key_path: str, line: int, activity_rows: list[int] | None) -> int:
    match = _ACTIVITY.match(key_path) if activity_rows else None
    if match is None or activity_rows is None or int(match[1]) >= len(activity_rows):
        return line
    return activity_rows[int(match[1])]
