"""What ``netralitas report`` reads: the records of a batch output file, checked to be one.

A report over a file that is not batch output (the batch's input, its errors file, another
table) would count its rows as cases without findings and look like a clean answer, so the
columns (CSV, Parquet) and each record's fields are checked first and anything else is a
:class:`~netralitas_rules.batch.records.BatchInputError` naming the file and the place,
and saying what was expected. A Parquet file that cannot be read is one too, never a
traceback.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from ..batch.output import OUT_COLUMNS, read_output
from ..batch.records import BatchInputError, detect_format
from ..batch.tables import pyarrow_parquet
from ..errors import NetralitasError

# "report" only with --detail full (empty otherwise); "not_established" is absent from the
# outputs of releases before it was added, which read the same otherwise.
_OPTIONAL = frozenset({"report", "not_established"})
_LISTS = ("findings", "imposed_sanctions", "conflicts", "verdicts")
RECORD_FIELDS = ("case_id", *_LISTS)
"""The fields a record must have to be summarised (a table must have every column)."""
_EXPECTED = (
    "`netralitas report` reads the file written by `netralitas batch --out` (columns "
    f"{', '.join(OUT_COLUMNS)}), not the batch's input or its errors file"
)


def read_findings(path: str | Path, fmt: str | None = None) -> Iterator[dict[str, Any]]:
    """The output records of a batch output file, lazily, each checked to be one."""
    kind = detect_format(path, fmt)
    file = str(path)
    if kind == "csv":
        _check_columns(file, _csv_header(file))
    elif kind == "parquet":
        _check_columns(file, _parquet_columns(file))
    unit = "record" if kind == "jsonl" else "row"
    failures: tuple[type[BaseException], ...] = (OSError, ValueError, TypeError)
    if kind == "parquet":
        failures += (_arrow_error(file),)
    # Records of a table start on row 2, after the header.
    number = 0 if kind == "jsonl" else 1
    records = read_output(path, kind)
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except NetralitasError:
            raise
        except failures as exc:  # a corrupt row group, a cell that is not JSON
            raise BatchInputError(
                f"{file}: {unit} {number + 1}: cannot read the batch output: "
                f"{type(exc).__name__}: {exc}"
            ) from None
        number += 1
        _check_record(file, unit, number, record)
        yield record


def _csv_header(file: str) -> list[str]:
    try:
        with Path(file).open(encoding="utf-8", newline="") as fh:
            header = next(csv.reader(fh), None)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise BatchInputError(f"{file}:1: cannot read the header: {exc}") from None
    if header is None:
        raise BatchInputError(f"{file}:1: the file is empty, with no header; {_EXPECTED}")
    return header


def _parquet_columns(file: str) -> list[str]:
    pq = pyarrow_parquet(file)
    try:
        return list(pq.read_schema(file).names)
    except (OSError, ValueError, _arrow_error(file)) as exc:
        raise BatchInputError(f"{file}: not a readable Parquet file: {exc}") from None


def _arrow_error(file: str) -> type[Exception]:
    pyarrow_parquet(file)  # a clear error when pyarrow is missing
    import pyarrow

    error: type[Exception] = pyarrow.ArrowException
    return error


def _check_columns(file: str, columns: list[str]) -> None:
    missing = [c for c in OUT_COLUMNS if c not in columns and c not in _OPTIONAL]
    extra = [c for c in columns if c not in OUT_COLUMNS]
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"missing column(s) {', '.join(missing)}")
        if extra:
            parts.append(f"unexpected column(s) {', '.join(extra)}")
        raise BatchInputError(f"{file}:1: not batch output: {'; '.join(parts)}. {_EXPECTED}")


def _check_record(file: str, unit: str, number: int, record: Mapping[str, Any]) -> None:
    missing = [f for f in RECORD_FIELDS if f not in record]
    if missing:
        raise BatchInputError(
            f"{file}: {unit} {number}: not a batch output record: missing "
            f"{', '.join(missing)}. {_EXPECTED}"
        )
    for name in _LISTS:
        value = record[name]
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise BatchInputError(
                f"{file}: {unit} {number}: {name}: expected a list of objects as "
                f"`netralitas batch` writes it, not {str(value)[:80]!r}"
            )


__all__ = ["RECORD_FIELDS", "read_findings"]
