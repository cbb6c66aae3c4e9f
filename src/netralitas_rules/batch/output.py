"""What a batch writes: one output record per case, one error record per rejected input.

An output record carries what a supervisor's report needs and no more (the full report with
its explanations and its assessment is opt-in, ``detail="full"``)::

    {"case_id", "asn_id", "asn_status", "position_kind", "agency", "unit", "region",
     "election", "election_kind", "activities", "not_established", "first_activity",
     "last_activity",
     "findings": [{"provision", "version", "activity", "date", "candidate", "track", "tier"}],
     "imposed_sanctions": [{"track", "tier", "form", "date", "imposed_by"}],
     "recommendations": [{"track", "tier"}],
     "conflicts": [{"kind", "official", "role", "candidate", "relation"}],
     "verdicts": [{"track", "verdict", "recommended_tier", "imposed_tier", "days_elapsed"}],
     "overall", "as_of",
     "stamp": {"library_version", "regulations_hash", "backend"},
     "report": {...}}                               # only with detail="full"

Recommendations, conflicts and verdicts are read from the case's one assessment
(:func:`netralitas_rules.sanctions.assess`, as of the run's ``as_of``), never recomputed
here: the tier recommended is the tier after repeat escalation, as ``netralitas check``
gives it. A conflict's ``relation`` is ``"is_candidate"`` (the official is the candidate),
the kinship (the official is related to the candidate) or ``"incumbent"`` (the candidate is
the incumbent regional head; ``official`` and ``role`` are null). An error record is
``{"file", "line"|"row", "reason", "problems"}``; for a tabular case ``last_row`` closes
the span of its rows. An error record's ``reason`` and ``problems`` are in the run's
language (``netralitas batch --lang``; the ``lang`` of
:func:`~netralitas_rules.batch.runner.run_batch` and of the Dask functions: Indonesian by
default, ``"en"`` for English), and ``codes`` names each problem's kind in every language
(``key.missing``, ``pydantic.less_than_equal`` ...; ``""`` for words without a code), so a
program reads the codes, not the words.

CSV and Parquet outputs hold the same records flattened: scalar columns as they are, the
list columns (``not_established``, ``findings``, ``imposed_sanctions``, ``recommendations``,
``conflicts``, ``verdicts``) and ``report`` as JSON text.
In CSV a text cell that a spreadsheet would run as a formula (one starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) is written with a ``'`` before it, and so is a cell
that starts with ``'`` itself, so :func:`read_output` gives back the exact text.
The writers are in :mod:`netralitas_rules.batch.writers`.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import msgspec

from ..assessed import AssessedReport
from ..completion import act_days, has_unknowns, stated_texts
from ..errors import NetralitasError
from ..facts import election_parts, enum_value
from ..models import Case, Election
from ..models.case import is_plain
from ..problemtext import Foreign, Text
from ..sanctions import Assessment, Conflict, ConflictKind
from .records import detect_format
from .rejection import Rejection as Rejection  # its old home, still imported from here
from .rejection import error_record as error_record

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
    "not_established",
    "first_activity",
    "last_activity",
    "findings",
    "imposed_sanctions",
    "recommendations",
    "conflicts",
    "verdicts",
    "overall",
    "as_of",
    "library_version",
    "regulations_hash",
    "backend",
    "report",
)
_JSON_OUT = (
    "not_established",
    "findings",
    "imposed_sanctions",
    "recommendations",
    "conflicts",
    "verdicts",
    "report",
)
_STAMP = ("library_version", "regulations_hash", "backend")


def _relation(c: Conflict) -> str:
    if c.kind is ConflictKind.OFFICIAL_IS_CANDIDATE:
        return "is_candidate"
    if c.kind is ConflictKind.INCUMBENT_CANDIDATE:
        return "incumbent"
    return c.kinship.value if c.kinship is not None else "related"


def sanctions_fields(assessment: Assessment) -> dict[str, Any]:
    """The record's recommendations, conflicts and verdicts, read from the assessment."""
    audit = assessment.audit
    return {
        "recommendations": [
            {"track": r.track.value, "tier": r.tier.value if r.tier is not None else None}
            for r in assessment.recommendations
        ],
        "conflicts": [
            {
                "kind": c.kind.value,
                "official": c.official_id,
                "role": c.official_role.value if c.official_role is not None else None,
                "candidate": c.candidate_id,
                "relation": _relation(c),
            }
            for c in assessment.conflicts
        ],
        "verdicts": [
            {
                "track": t.track.value,
                "verdict": t.verdict.value,
                "recommended_tier": t.recommended_tier.value if t.recommended_tier else None,
                "imposed_tier": t.imposed_tier.value if t.imposed_tier else None,
                "days_elapsed": t.days_elapsed,
            }
            for t in audit.tracks
        ],
        "overall": audit.overall.value,
        "as_of": audit.as_of.isoformat(),
    }


def output_record(case: Case, report: AssessedReport, detail: str = "summary") -> dict[str, Any]:
    """The output record of one evaluated and assessed case."""
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
    record = _record(case, case.election, findings, _stamp(report))
    record.update(sanctions_fields(report.assessment))
    if detail == "full":
        record["report"] = report.model_dump(mode="json")
    return record


_STAMPS: dict[tuple[str, str, str], dict[str, str]] = {}


def _stamp(report: AssessedReport) -> dict[str, str]:
    # Keyed by the stamp's content: equal stamps share one dict, and no object id is kept.
    stamp = report.stamp
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
    case: Case, election: Election, findings: list[dict[str, Any]], stamp: dict[str, str]
) -> dict[str, Any]:
    asn = case.asn
    activities = case.activities
    first: str | None = None
    last: str | None = None
    # Partial facts: unknown texts as "unknown", a date range by its ends (a case validated
    # plain has none, and is not scanned).
    if not is_plain(case) and has_unknowns(case):
        asn = stated_texts(asn)
        dates = [day for a in activities for day in act_days(a.date)]
        first = min(dates).isoformat() if dates else None
        last = max(dates).isoformat() if dates else None
    elif len(activities) == 1:  # known dates from here on (has_unknowns above)
        first = last = activities[0].date.isoformat()  # type: ignore[union-attr]
    elif activities:
        dates = [a.date for a in activities]  # type: ignore[misc]
        low, high = min(dates), max(dates)
        first = low.isoformat()
        last = first if high == low else high.isoformat()
    sanctions = case.imposed_sanctions
    election_kind = election_parts(election)[0]
    return {
        "case_id": case.id,
        "asn_id": asn.id,
        "asn_status": asn.status.value,
        "position_kind": asn.position_kind.value,
        "agency": asn.agency,
        "unit": asn.unit,
        "region": asn.region,
        "election": election.id,
        "election_kind": election_kind,
        "activities": len(activities),
        # Counted above and named here: acts recorded as found not proven, judged by nobody.
        "not_established": list(case.not_established()),
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
        "stamp": stamp,
    }


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
        # Only a decoding error is about UTF-8; any OSError (pyarrow's have no errno) is I/O.
        errno = exc.errno if isinstance(exc, OSError) else None
        source = "utf8" if isinstance(exc, UnicodeDecodeError) else "os"
        reason = Foreign(source, str(exc), errno)
        raise NetralitasError(Text("report.unreadable", path=str(path), reason=reason)) from None


def _output_line(file: str, number: int, line: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except ValueError as exc:
        error = Foreign("json", str(exc))
        raise NetralitasError(
            Text("report.not_record", file=file, number=number, error=error)
        ) from None
    if not isinstance(record, dict) or "case_id" not in record:
        raise NetralitasError(Text("report.no_case_id", file=file, number=number, key="case_id"))
    return record
