"""Streaming readers of case batches: JSON Lines, CSV and Parquet.

Reading is split in two so the expensive half can run in worker processes:

* :func:`raw_records` walks the file and yields :class:`RawRecord` objects (the text of a
  JSON line, or the rows of one case), cheap to read and to send to another process;
* :func:`parse_raw` turns one raw record into a validated :class:`Case`, or raises
  :class:`CaseFileError` naming the file, the line or row, and every problem.

Layouts:

* **JSON Lines**: one case per line, in the case-file shape (``election`` may name a shipped
  calendar). ``NaN`` and infinities are refused; a line over :data:`MAX_LINE_BYTES` is
  rejected without being held in memory.
* **CSV and Parquet**: one row per activity. Consecutive rows with the same ``case_id`` (or,
  without that column, the same ``asn.id``) form one case, so a file must be grouped by
  ASN. Columns are ``case_id``, ``election``, ``notes``, ``asn.<field>``,
  ``activity.<field>`` and the JSON-valued ``candidates``, ``relationships``,
  ``officials``, ``imposed_sanctions`` and ``asn.prior_sanctions`` (``election`` is a shipped
  calendar id or an inline calendar as JSON). Case columns are read
  from the first row of a case; later rows may leave them empty or repeat them. List-valued
  activity fields (``activity.candidate_ids``, ``activity.attributes_worn``,
  ``activity.audience``) are ``;``-separated in CSV and lists or strings in Parquet.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..caseio import case_from_located
from ..elections import shipped_elections
from ..errors import CaseFileError, NetralitasError, Problem
from ..models import ASN, Activity, Case
from ..models.unknown import UNKNOWN_TEXT, is_partial_field, known_type
from ..strictjson import MAX_NUMBER_CHARS, read_json
from ..yamlpos import Located

FORMATS = ("jsonl", "csv", "parquet")
MAX_LINE_BYTES = 1024 * 1024
"""The longest JSON line (or CSV case) accepted; one case is far smaller."""

_LIST_FIELDS = {"candidate_ids", "attributes_worn", "audience"}
_JSON_COLUMNS = (
    "candidates",
    "relationships",
    "ties",
    "officials",
    "imposed_sanctions",
)
_CASE_COLUMNS = (
    "case_id",
    "election",
    "notes",
    *(f"asn.{f}" for f in ASN.model_fields),
    *_JSON_COLUMNS,
)
COLUMNS = (*_CASE_COLUMNS, *(f"activity.{f}" for f in Activity.model_fields))
"""Every column the CSV and Parquet readers know, in their canonical order."""


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
    problem: str | None = None
    unit: str = "line"
    weight: int = 1


def detect_format(path: str | Path, given: str | None = None) -> str:
    """The format named by ``given`` or by the file's extension."""
    if given:
        if given not in FORMATS:
            raise BatchInputError(f"unknown format {given!r}; choose one of {', '.join(FORMATS)}")
        return given
    suffix = Path(path).suffix.lower().lstrip(".")
    aliases = {"jsonl": "jsonl", "ndjson": "jsonl", "json": "jsonl", "csv": "csv"}
    aliases |= {"parquet": "parquet", "pq": "parquet"}
    if suffix in aliases:
        return aliases[suffix]
    raise BatchInputError(
        f"{path}: cannot tell the format from the extension {suffix or '(none)'!r}; "
        f"give --format {'|'.join(FORMATS)}"
    )


def raw_records(path: str | Path, fmt: str | None = None) -> Iterator[RawRecord]:
    """Every case of the file, lazily, as raw records in file order."""
    kind = detect_format(path, fmt)
    if kind == "jsonl":
        return _jsonl_records(Path(path))
    if kind == "csv":
        return _table_records(str(path), _csv_rows(Path(path)))
    return _table_records(str(path), _parquet_rows(Path(path)))


def pyarrow_parquet(path: str | Path) -> Any:
    """The ``pyarrow.parquet`` module, or a :class:`BatchInputError` saying which optional
    dependencies to install to read or write ``path``."""
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise BatchInputError(
            f"{path}: Parquet files need the optional batch dependencies: "
            f"pip install 'netralitas-rules[batch]' (import failed: {exc})"
        ) from None
    return pq


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


def _open(path: Path) -> io.BufferedReader:
    try:
        return path.open("rb")
    except OSError as exc:
        raise BatchInputError(f"{path}: cannot read the file: {exc.strerror or exc}") from None


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
    with _open(Path(path)) as fh:
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
    with _open(file) as fh:
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


def line_record(file: str, number: int, line: bytes | None) -> RawRecord:
    """The raw record of one JSON line (see :func:`block_lines`)."""
    if line is None:
        return RawRecord(
            file,
            number,
            number,
            problem=f"the line is longer than {MAX_LINE_BYTES} bytes",
            weight=MAX_LINE_BYTES,
        )
    weight = len(line) + 1
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        return RawRecord(
            file, number, number, problem=f"invalid UTF-8 at byte {exc.start + 1}", weight=weight
        )
    return RawRecord(file, number, number, text=text, weight=weight)


def _jsonl_records(path: Path) -> Iterator[RawRecord]:
    for block in jsonl_blocks(path):
        for number, line in block_lines(block):
            yield line_record(block.file, number, line)


_Row = tuple[int, dict[str, Any] | str, int]  # (row number, cells or a problem, weight)


def _csv_rows(path: Path) -> Iterator[_Row]:
    with _open(path) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", errors="strict", newline="")
        reader = csv.reader(text)
        try:
            header = next(reader)
        except StopIteration:
            return
        except (UnicodeDecodeError, csv.Error) as exc:
            raise BatchInputError(f"{path}:1: cannot read the header: {exc}") from None
        _check_header(str(path), header)
        row_number = 1
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as exc:
                # The decoder cannot resynchronise inside a buffer: everything after is lost.
                raise BatchInputError(
                    f"{path}: invalid UTF-8 after row {row_number}: {exc}"
                ) from None
            except csv.Error as exc:
                row_number += 1
                yield row_number, f"unreadable CSV row: {exc}", 1
                continue
            row_number += 1
            weight = sum(len(c) for c in cells) + len(cells)
            if not any(cells):
                continue
            if len(cells) != len(header):
                yield (
                    row_number,
                    f"the row has {len(cells)} cells; the header has {len(header)}",
                    weight,
                )
                continue
            row = {k: v for k, v in zip(header, cells, strict=True) if v != ""}
            yield row_number, row, weight


def _parquet_rows(path: Path) -> Iterator[_Row]:
    pq = pyarrow_parquet(path)
    import pyarrow as pa

    try:
        pfile = pq.ParquetFile(str(path))
    except (OSError, pa.ArrowException) as exc:
        raise BatchInputError(f"{path}: cannot read the Parquet file: {exc}") from None
    _check_header(str(path), list(pfile.schema_arrow.names))
    row_number = 1
    for batch in pfile.iter_batches(batch_size=4096):
        for row in batch.to_pylist():
            row_number += 1
            yield row_number, {k: v for k, v in row.items() if v is not None and v != ""}, 1


def _check_header(file: str, header: list[str]) -> None:
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        raise BatchInputError(
            f"{file}:1: unknown column(s) {', '.join(map(repr, unknown))}; allowed: "
            f"{', '.join(COLUMNS)}"
        )
    if "asn.id" not in header and "case_id" not in header:
        raise BatchInputError(f"{file}:1: a table needs an 'asn.id' or 'case_id' column")


def _table_records(file: str, rows: Iterator[_Row]) -> Iterator[RawRecord]:
    group: list[tuple[int, dict[str, Any]]] = []
    weight = 0
    key: object = None
    for number, row, size in rows:
        if isinstance(row, str):
            # An unreadable row belongs to no case we can name; it is its own rejection.
            if group:
                yield _group_record(file, group, weight)
                group, key, weight = [], None, 0
            yield RawRecord(file, number, number, problem=row, unit="row", weight=size)
            continue
        row_key = row.get("case_id") or row.get("asn.id")
        if group and row_key != key:
            yield _group_record(file, group, weight)
            group, weight = [], 0
        key = row_key
        group.append((number, row))
        weight += size
    if group:
        yield _group_record(file, group, weight)


def _group_record(file: str, group: list[tuple[int, dict[str, Any]]], weight: int) -> RawRecord:
    rows = tuple({"#": n, **r} for n, r in group)
    return RawRecord(file, group[0][0], group[-1][0], rows=rows, unit="row", weight=weight)


def parse_raw(raw: RawRecord) -> Case:
    """Validate one raw record; :class:`CaseFileError` names the place of every problem."""
    if raw.problem is not None:
        raise CaseFileError([Problem(raw.file, raw.line, 1, "", raw.problem)])
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
        raise CaseFileError(
            [Problem(raw.file, raw.line, 1, "", "a line must hold one JSON object (a case)")]
        )
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
                Problem(p.file, _row_of(p.key_path, line, activity_rows), 1, p.key_path, p.message)
                for p in exc.problems
            ]
        ) from None
    raise CaseFileError([Problem(raw.file, line, 1, "", "the case is invalid")])  # pragma: no cover


def _row_of(key_path: str, line: int, activity_rows: list[int] | None) -> int:
    match = _ACTIVITY.match(key_path) if activity_rows else None
    if match is None or activity_rows is None or int(match[1]) >= len(activity_rows):
        return line
    return activity_rows[int(match[1])]


def _table_data(raw: RawRecord) -> tuple[dict[str, Any], list[Problem]]:
    """The case data of a table's rows (``#rows``: the row of each activity), and the
    problems found in its cells."""
    problems: list[Problem] = []
    first = raw.rows[0]
    data: dict[str, Any] = {}
    asn: dict[str, Any] = {}
    for column in _CASE_COLUMNS:
        value = first.get(column)
        for row in raw.rows[1:]:
            other = row.get(column)
            if other is not None and other != value:
                problems.append(
                    Problem(
                        raw.file,
                        int(row["#"]),
                        1,
                        column,
                        f"differs from row {first['#']} of the same case ({value!r}); case "
                        "columns must agree across the rows of a case",
                    )
                )
        if value is None:
            continue
        inline_election = column == "election" and str(value).lstrip().startswith("{")
        if column in _JSON_COLUMNS or column == "asn.prior_sanctions" or inline_election:
            value = _json_cell(raw.file, int(first["#"]), column, value, problems)
        if column.startswith("asn."):
            try:
                asn[column[4:]] = _typed_cell(ASN, column[4:], value)
            except ValueError as exc:
                problems.append(Problem(raw.file, int(first["#"]), 1, column, str(exc)))
        elif column == "case_id":
            data["id"] = value
        else:
            data[column] = value
    if asn:
        data["asn"] = asn
    if "id" not in data and "id" in asn:
        data["id"] = asn["id"]
    activities = []
    activity_rows = []
    for row in raw.rows:
        act: dict[str, Any] = {}
        for column, value in row.items():
            if not column.startswith("activity."):
                continue
            name = column[9:]
            if (
                name in _LIST_FIELDS
                and isinstance(value, str)
                and value.strip().lower() != "unknown"
            ):
                value = [v.strip() for v in value.split(";") if v.strip()]
            try:
                act[name] = _typed_cell(Activity, name, _plain(value))
            except ValueError as exc:
                problems.append(Problem(raw.file, int(row["#"]), 1, column, str(exc)))
        if act:
            activities.append(act)
            activity_rows.append(int(row["#"]))
    data["activities"] = activities
    data["#rows"] = activity_rows
    return data, problems


_TRUE, _FALSE = frozenset({"true", "1"}), frozenset({"false", "0"})
# An integer as JSON writes it (ASCII digits: str.isdigit would take '²' and other digits).
_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")


def _typed_cell(model: type[BaseModel], name: str, value: Any) -> Any:
    """A CSV cell is text; the case models take booleans and integers strictly, so turn the
    text of a bool or int field into its value here (anything else is left for the model to
    refuse with its usual message). Parquet and JSON cells arrive typed and pass through.
    A number longer than the strict JSON reading accepts is a ValueError."""
    if not isinstance(value, str):
        return value
    field = model.model_fields.get(name)
    if field is None:
        return value
    text = value.strip().lower()
    if text == UNKNOWN_TEXT and any(map(is_partial_field, field.metadata)):
        return UNKNOWN_TEXT  # a fact not stated (models._base.Unknown), in any case of letters
    annotation = known_type(field.annotation)
    if annotation is bool:
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    elif annotation is int and _INTEGER.fullmatch(text):
        if len(text) > MAX_NUMBER_CHARS:
            raise ValueError(
                f"a number of {len(text)} characters; numbers have at most {MAX_NUMBER_CHARS}"
            )
        return int(text)
    return value


def _plain(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # refused by the model, with its usual message
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _json_cell(file: str, row: int, column: str, value: Any, problems: list[Problem]) -> Any:
    if not isinstance(value, str):
        return value
    located = read_json(value, file, first_line=row, positions=False)
    for p in located.problems:
        where = f"{column}{'.' if p.key_path[:1].isalpha() else ''}{p.key_path}"
        # A cell's own line and column mean little inside a CSV row: name the row and cell.
        problems.append(Problem(file, row, 1, where, f"in the cell's JSON: {p.message}"))
    return located.data


def case_rows(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Case-file data as tabular rows (one per activity; a case without activities gives one
    row), the inverse of the CSV and Parquet readers. Cells are strings, as in a CSV."""
    case: dict[str, Any] = {}
    if "id" in data:
        case["case_id"] = data["id"]
    if "election" in data:
        election = data["election"]
        case["election"] = election if isinstance(election, str) else json.dumps(election)
    if data.get("notes") is not None:
        case["notes"] = data["notes"]
    for key, value in (data.get("asn") or {}).items():
        case[f"asn.{key}"] = json.dumps(value) if key == "prior_sanctions" else _cell(value)
    for column in _JSON_COLUMNS:
        if data.get(column):
            case[column] = json.dumps(data[column], ensure_ascii=False)
    rows = []
    for act in data.get("activities") or [{}]:
        row = dict(case)
        for key, value in act.items():
            row[f"activity.{key}"] = (
                ";".join(value) if isinstance(value, list | tuple) else _cell(value)
            )
        rows.append(row)
    return rows


def _cell(value: Any) -> str:
    if isinstance(value, Mapping) and set(value) == {"from", "to"}:
        return f"{value['from']}/{value['to']}"  # an act's date range, as the readers take it
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
