"""What a batch writes: one output record per case, one error record per rejected input.

An output record carries what a supervisor's report needs and no more (the full report with
its explanations is opt-in, ``detail="full"``)::

    {"case_id", "asn_id", "asn_status", "position_kind", "agency", "unit", "region",
     "election", "election_kind", "activities", "first_activity", "last_activity",
     "findings": [{"provision", "version", "activity", "date", "candidate", "track", "tier"}],
     "imposed_sanctions": [{"track", "tier", "form", "date", "imposed_by"}],
     "conflicts": [{"official", "role", "candidate", "relation"}],
     "stamp": {"library_version", "regulations_hash", "backend"},
     "report": {...}}                               # only with detail="full"

A conflict of interest is an official who must act on the case (the PPK, the direct
superior) and is himself a candidate (``relation: "is_candidate"``) or related to one
(``relation`` is the kinship). An error record is ``{"file", "line"|"row", "reason",
"problems"}``; for a tabular case ``last_row`` closes the span of its rows.

CSV and Parquet outputs hold the same records flattened: scalar columns as they are, the
list columns (``findings``, ``imposed_sanctions``, ``conflicts``) and ``report`` as JSON text.
In CSV a text cell that a spreadsheet would run as a formula (one starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) is written with a ``'`` before it, and so is a cell
that starts with ``'`` itself, so :func:`read_output` gives back the exact text.
The writers are in :mod:`netralitas_rules.batch.writers`.
"""

from __future__ import annotations

import csv
import dataclasses
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec

from ..engine import Engine
from ..errors import CaseFileError, NetralitasError, Problem
from ..facts import election_parts, enum_value
from ..findings import Report
from ..models import Case, Election
from .readers import RawRecord, detect_format

DETAILS = ("summary", "full")
OUT_COLUMNS = (
    "case_id",
    "asn_id",
    "asn_status",
    "position_kind",
    "agency",
    "unit",
    "region",
    "election",
    "election_kind",
    "activities",
    "first_activity",
    "last_activity",
    "findings",
    "imposed_sanctions",
    "conflicts",
    "library_version",
    "regulations_hash",
    "backend",
    "report",
)
_JSON_OUT = ("findings", "imposed_sanctions", "conflicts", "report")
_STAMP = ("library_version", "regulations_hash", "backend")


def conflicts(case: Case) -> list[dict[str, Any]]:
    """Officials of the case who are a candidate, or related to one."""
    officials = case.officials
    relationships = case.relationships
    if not relationships and all(off.candidate_id is None for off in officials):
        return []  # the common case, answered without building the id set
    candidate_ids = {c.id for c in case.candidates}
    found: list[dict[str, Any]] = []
    for off in officials:
        if off.candidate_id is not None:
            found.append(
                {
                    "official": off.id,
                    "role": enum_value(off.role),
                    "candidate": off.candidate_id,
                    "relation": "is_candidate",
                }
            )
        for rel in relationships:
            pair = {rel.person, rel.relative}
            if off.id in pair:
                other = rel.relative if rel.person == off.id else rel.person
                if other in candidate_ids:
                    found.append(
                        {
                            "official": off.id,
                            "role": enum_value(off.role),
                            "candidate": other,
                            "relation": enum_value(rel.kinship),
                        }
                    )
    return found


def output_record(case: Case, report: Report, detail: str = "summary") -> dict[str, Any]:
    """The output record of one evaluated case."""
    findings = [
        {
            "provision": f.provision_id,
            "version": f.version,
            "activity": f.activity_id,
            "date": f.activity_date.isoformat(),
            "candidate": f.candidate_id,
            "track": f.track.value,
            "tier": f.tier.value if f.tier is not None else None,
        }
        for f in report.findings
    ]
    stamp = report.stamp
    record = _record(
        case,
        case.election,
        findings,
        {
            "library_version": stamp.library_version,
            "regulations_hash": stamp.regulations_hash,
            "backend": stamp.backend,
        },
    )
    if detail == "full":
        record["report"] = report.model_dump(mode="json")
    return record


def summary_record(case: Any, election: Election, engine: Engine) -> dict[str, Any]:
    """The summary output record of a case, from the engine's hits instead of a report:
    equal to ``output_record(case, engine.evaluate(case))`` and several times cheaper.
    ``case`` may be a batch wire case (see :mod:`netralitas_rules.batch.wire`)."""
    findings = [
        {
            "provision": (labels := rule.labels)[0],
            "version": labels[1],
            "activity": activity.id,
            "date": activity.date.isoformat(),
            "candidate": candidate.id if candidate is not None else None,
            "track": labels[2],
            "tier": labels[3],
        }
        for activity, candidate, rule in engine.hits(case, election)
    ]
    return _record(case, election, findings, _stamp(engine))


_STAMPS: dict[tuple[str, str, str], dict[str, str]] = {}


def _stamp(engine: Engine) -> dict[str, str]:
    # Keyed by the stamp's content: equal engines share one dict, and no object id is kept.
    stamp = engine.stamp
    key = (stamp.library_version, stamp.regulations_hash, stamp.backend)
    hit = _STAMPS.get(key)
    if hit is None:
        if len(_STAMPS) >= 1_000:
            _STAMPS.clear()
        hit = _STAMPS[key] = {
            "library_version": key[0],
            "regulations_hash": key[1],
            "backend": key[2],
        }
    return hit


def _record(
    case: Any, election: Election, findings: list[dict[str, Any]], stamp: dict[str, str]
) -> dict[str, Any]:
    asn = case.asn
    activities = case.activities
    first: str | None = None
    last: str | None = None
    if len(activities) == 1:
        first = last = activities[0].date.isoformat()
    elif activities:
        dates = [a.date for a in activities]
        low, high = min(dates), max(dates)
        first = low.isoformat()
        last = first if high == low else high.isoformat()
    sanctions = case.imposed_sanctions
    status, position = asn.status, asn.position_kind
    election_kind = election_parts(election)[0]
    return {
        "case_id": case.id,
        "asn_id": asn.id,
        # enum members (models) or their values already (wire structs), as enum_value
        "asn_status": status if status.__class__ is str else status._value_,
        "position_kind": position if position.__class__ is str else position._value_,
        "agency": asn.agency,
        "unit": asn.unit,
        "region": asn.region,
        "election": election.id,
        "election_kind": election_kind,
        "activities": len(activities),
        "first_activity": first,
        "last_activity": last,
        "findings": findings,
        "imposed_sanctions": []
        if not sanctions
        else [
            {
                "track": enum_value(s.track),
                "tier": enum_value(s.tier) if s.tier is not None else None,
                "form": s.form,
                "date": s.date.isoformat() if s.date is not None else None,
                "imposed_by": s.imposed_by,
            }
            for s in sanctions
        ],
        "conflicts": conflicts(case),
        "stamp": stamp,
    }


@dataclass(frozen=True)
class Rejection:
    """A rejected input record before it is written: where it is, its problems (or the one
    message of an error without places). Plain data, so a worker can send it and the parent
    can move its line numbers (:meth:`shifted`) when the worker numbered lines from the
    start of its own part of the file."""

    file: str
    unit: str
    line: int
    last: int
    problems: tuple[Problem, ...]
    message: str

    @classmethod
    def of(cls, raw: RawRecord, exc: CaseFileError | NetralitasError) -> Rejection:
        """The rejection of ``raw`` for ``exc``."""
        problems = tuple(getattr(exc, "problems", None) or ())
        return cls(raw.file, raw.unit, raw.line, raw.last, problems, str(exc))

    def shifted(self, lines: int) -> Rejection:
        """The same rejection ``lines`` further down the file."""
        if not lines:
            return self
        moved = tuple(dataclasses.replace(p, line=p.line + lines) for p in self.problems)
        return dataclasses.replace(
            self, line=self.line + lines, last=self.last + lines, problems=moved
        )

    def record(self) -> dict[str, Any]:
        """The error record written for it."""
        if self.problems:
            lines = [str(p) for p in self.problems]
            reason = "; ".join(f"{p.key_path or '(document)'}: {p.message}" for p in self.problems)
        else:
            lines = [f"{self.file}:{self.line}:1: (case): {self.message}"]
            reason = self.message
        record: dict[str, Any] = {"file": self.file, self.unit: self.line}
        if self.unit == "row":
            record["last_row"] = self.last
        record["reason"] = reason
        record["problems"] = lines
        return record


def error_record(raw: RawRecord, exc: CaseFileError | NetralitasError) -> dict[str, Any]:
    """The error record of a rejected input record."""
    return Rejection.of(raw, exc).record()


ENCODER = msgspec.json.Encoder()
"""The one JSON encoder of batch output (see :func:`dumps`)."""


def dumps(record: Mapping[str, Any]) -> str:
    """One JSON line (with its newline): compact, non-ASCII kept as UTF-8; the same text as
    ``json.dumps(record, ensure_ascii=False, separators=(",", ":"))``."""
    return ENCODER.encode(record).decode("utf-8") + "\n"


def encode_line(record: Mapping[str, Any]) -> bytes:
    """:func:`dumps` as UTF-8 bytes, which is what the JSON Lines writer takes."""
    return ENCODER.encode(record) + b"\n"


def flat_row(record: Mapping[str, Any]) -> dict[str, Any]:
    """The record as one CSV or Parquet row (lists and the full report as JSON text)."""
    row: dict[str, Any] = {}
    stamp = record.get("stamp") or {}
    for column in OUT_COLUMNS:
        if column in _STAMP:
            row[column] = stamp.get(column)
        elif column in _JSON_OUT:
            value = record.get(column)
            row[column] = (
                None
                if value is None
                else json.dumps(value, ensure_ascii=False, separators=(",", ":"))
            )
        else:
            row[column] = record.get(column)
    return row


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a CSV cell as a formula (OWASP, "CSV injection")."""


def csv_cell(value: Any) -> Any:
    """A cell as written to CSV: text a spreadsheet would run as a formula, or text that
    starts with the quote itself, gets a ``'`` in front; anything else as it is."""
    if isinstance(value, str) and value.startswith((*FORMULA_STARTS, "'")):
        return "'" + value
    return value


def csv_text(cell: str) -> str:
    """The text of a CSV cell written by :func:`csv_cell`."""
    return cell[1:] if cell.startswith("'") else cell


_QUOTED_FIRST = frozenset((*FORMULA_STARTS, "'"))


def csv_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """A flat row (:func:`flat_row`) with every cell as :func:`csv_cell` writes it."""
    out = dict(row)
    for column, value in row.items():
        # csv_cell inlined: this runs for every cell of every row
        if isinstance(value, str) and value[:1] in _QUOTED_FIRST:
            out[column] = "'" + value
    return out


def unflatten(row: Mapping[str, Any]) -> dict[str, Any]:
    """A CSV or Parquet row back into the record shape (the inverse of :func:`flat_row`)."""
    record: dict[str, Any] = {}
    for column in OUT_COLUMNS:
        value = row.get(column)
        if value == "":
            value = None
        if column in _STAMP:
            record.setdefault("stamp", {})[column] = value
        elif column in _JSON_OUT:
            if value is not None:
                record[column] = json.loads(value)
            elif column != "report":
                record[column] = []
        elif column == "activities":
            record[column] = int(value) if value is not None else 0
        else:
            record[column] = value
    return record


def prepare(record: Mapping[str, Any], kind: str) -> Any:
    """The item a writer of that format takes: a JSON line (bytes), or a flat row."""
    return encode_line(record) if kind == "jsonl" else flat_row(record)


def read_output(path: str | Path, fmt: str | None = None) -> Iterator[dict[str, Any]]:
    """Read output records back from a batch output file of any format, lazily."""
    kind = detect_format(path, fmt)
    p = Path(path)
    try:
        if kind == "jsonl":
            with p.open(encoding="utf-8") as fh:
                for number, line in enumerate(fh, 1):
                    if line.strip():
                        yield _output_line(str(p), number, line)
        elif kind == "csv":
            with p.open(encoding="utf-8", newline="") as fh:
                for row in csv.DictReader(fh):
                    yield unflatten({k: csv_text(v) if v else v for k, v in row.items()})
        else:
            import pyarrow.parquet as pq

            for batch in pq.ParquetFile(str(p)).iter_batches(batch_size=4096):
                for row in batch.to_pylist():
                    yield unflatten(row)
    except (OSError, UnicodeDecodeError) as exc:
        raise NetralitasError(f"{path}: cannot read the findings: {exc}") from None


def _output_line(file: str, number: int, line: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except ValueError as exc:
        raise NetralitasError(f"{file}:{number}: not a batch output record: {exc}") from None
    if not isinstance(record, dict) or "case_id" not in record:
        raise NetralitasError(f"{file}:{number}: not a batch output record (no case_id)")
    return record
