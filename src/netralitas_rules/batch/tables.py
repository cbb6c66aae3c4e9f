"""CSV and Parquet layouts: one row per activity, grouped into a case's raw record, and
the cells of a row read back into the case-file shape (and a case written out as rows)."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..errors import Problem
from ..models import ASN, Activity
from ..models.unknown import UNKNOWN_TEXT, is_partial_field, known_type
from ..problemtext import Foreign, Text, text_of
from ..strictjson import MAX_NUMBER_CHARS, read_json
from .records import BatchInputError, RawRecord, open_input

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


def pyarrow_parquet(path: str | Path) -> Any:
    """The ``pyarrow.parquet`` module, or a :class:`BatchInputError` saying which optional
    dependencies to install to read or write ``path``."""
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:
        failed = Foreign("import", str(exc))
        raise BatchInputError(
            Text("batch.input.parquet_extra", path=str(path), extra="batch", error=failed)
        ) from None
    return pq


_Row = tuple[int, dict[str, Any] | str | Text, int]  # (row number, cells or a problem, weight)


def _csv_rows(path: Path) -> Iterator[_Row]:
    with open_input(path) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", errors="strict", newline="")
        reader = csv.reader(text)
        try:
            header = next(reader)
        except StopIteration:
            return
        except (UnicodeDecodeError, csv.Error) as exc:
            error = Foreign("csv", str(exc))
            raise BatchInputError(Text("batch.input.header", path=str(path), error=error)) from None
        _check_header(str(path), header)
        row_number = 1
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as exc:
                # The decoder cannot resynchronise inside a buffer: everything after is lost.
                error = Foreign("utf8", str(exc))
                raise BatchInputError(
                    Text("batch.input.utf8_after", path=str(path), row=row_number, error=error)
                ) from None
            except csv.Error as exc:
                row_number += 1
                yield row_number, Text("batch.csv_unreadable", reason=Foreign("csv", str(exc))), 1
                continue
            row_number += 1
            weight = sum(len(c) for c in cells) + len(cells)
            if not any(cells):
                continue
            if len(cells) != len(header):
                yield (
                    row_number,
                    Text(
                        "batch.csv_cells_one" if len(cells) == 1 else "batch.csv_cells",
                        cells=len(cells),
                        header=len(header),
                    ),
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
        error = Foreign("parquet", str(exc))
        raise BatchInputError(Text("batch.input.parquet", path=str(path), error=error)) from None
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
            Text(
                "batch.input.columns",
                file=file,
                unknown=", ".join(map(repr, unknown)),
                allowed=", ".join(COLUMNS),
            )
        )
    if "asn.id" not in header and "case_id" not in header:
        raise BatchInputError(
            Text("batch.input.id_column", file=file, asn="asn.id", case="case_id")
        )


def _table_records(file: str, rows: Iterator[_Row]) -> Iterator[RawRecord]:
    group: list[tuple[int, dict[str, Any]]] = []
    weight = 0
    key: object = None
    for number, row, size in rows:
        if isinstance(row, str | Text):
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
                    Problem.of(
                        raw.file,
                        int(row["#"]),
                        1,
                        column,
                        Text("batch.csv_disagree", row=first["#"], value=repr(value)),
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
                problems.append(Problem.of(raw.file, int(first["#"]), 1, column, _said(exc)))
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
                problems.append(Problem.of(raw.file, int(row["#"]), 1, column, _said(exc)))
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
            raise ValueError(Text("json.number_long", length=len(text), limit=MAX_NUMBER_CHARS))
        return int(text)
    return value


def _plain(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # refused by the model, with its usual message
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _said(exc: ValueError) -> str | Text:
    """The words of a cell's ValueError: its Text, else its plain words."""
    return text_of(exc) or str(exc)


def _json_cell(file: str, row: int, column: str, value: Any, problems: list[Problem]) -> Any:
    if not isinstance(value, str):
        return value
    located = read_json(value, file, first_line=row, positions=False)
    for p in located.problems:
        where = f"{column}{'.' if p.key_path[:1].isalpha() else ''}{p.key_path}"
        # A cell's own line and column mean little inside a CSV row: name the row and cell.
        said = Text("batch.cell_json", message=p.text or p.message)
        problems.append(Problem.of(file, row, 1, where, said))
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
