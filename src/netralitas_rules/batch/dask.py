"""Evaluate cases on a Dask cluster, partition by partition.

When one machine is not enough, the same evaluation as ``netralitas batch`` runs on Dask::

    import dask.bag as db
    from distributed import Client
    from netralitas_rules.batch.dask import evaluate_bag

    client = Client("scheduler:8786")
    lines = db.read_text("s3://bucket/cases-*.jsonl")          # one JSON case per line
    records = evaluate_bag(lines)                              # bag of output records
    records.filter(lambda r: "reason" not in r).map(json.dumps).to_textfiles("out-*.jsonl")

The rule set enters the graph as a single ``dask.delayed`` value: the scheduler moves it to
each worker once, the worker compiles it once, and every partition on that worker reuses
the compiled rules (nothing is sent or compiled per task). What travels is the validated
regulation set, plain data; the generated matchers are not shipped, because pickling them by
value (cloudpickle) would copy the condition language's "missing fact" sentinel and change
what the conditions mean.

A bag may hold JSON text lines or case dicts (the case-file shape); a dataframe holds the
tabular layout of :mod:`netralitas_rules.batch.readers` (one row per activity; the rows of
one case must sit in one partition, e.g. after ``set_index("asn.id")`` or when read from
files grouped by ASN). Each input item gives one output record or one error record (an
error record has ``reason``), exactly as in a local batch run.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from typing import Any

from ..assessed import assessed
from ..engine import CompiledRuleSet, Engine, get_engine
from ..engine import _shipped_rules as shipped_rules
from ..errors import CaseFileError, NetralitasError
from ..loader import RegulationSet
from ..models import Case
from ..problemtext import Text
from .output import OUT_COLUMNS, flat_row, output_record
from .readers import parse_raw
from .records import RawRecord
from .rejection import Rejection, error_record
from .tables import _table_records

_ENGINES: dict[tuple[str, str], Engine] = {}


def _engine(rules: RegulationSet | CompiledRuleSet, backend: str) -> Engine:
    # One engine per worker process and rule set, keyed on the rules' content: every task
    # unpickles its own copy of the shipped rules, and equal copies must share one engine.
    key = (rules.content_hash, backend)
    engine = _ENGINES.get(key)
    if engine is None:
        engine = _ENGINES[key] = get_engine(backend, rules)
    return engine


def _shippable(regulations: RegulationSet | CompiledRuleSet | None) -> RegulationSet:
    if regulations is None:
        return shipped_rules().regulations
    if isinstance(regulations, CompiledRuleSet):
        return regulations.regulations
    return regulations


def evaluate_items(
    items: Iterable[Any],
    rules: RegulationSet | CompiledRuleSet,
    backend: str = "python",
    detail: str = "summary",
    source: str = "<dask>",
    as_of: dt.date | None = None,
    lang: str = "id",
) -> Iterator[dict[str, Any]]:
    """Evaluate and assess one partition of JSON lines or case dicts (as of ``as_of``,
    today by default) into output or error records.

    Items are numbered from 1 within the partition; error records name ``source`` and that
    number as their ``line``, and give their words in ``lang`` (Indonesian by default,
    ``"en"`` for English; their ``codes`` are the same in all).
    """
    engine = _engine(rules, backend)
    day = as_of or dt.date.today()
    for number, item in enumerate(items, 1):
        if isinstance(item, str):
            if not item.strip():
                continue
            raw = RawRecord(source, number, number, text=item)
        elif isinstance(item, dict):
            raw = RawRecord(source, number, number, text=json.dumps(item, default=str))
        else:
            not_case = Text("batch.not_a_case", kind=type(item).__name__)
            raw = RawRecord(source, number, number, problem=not_case)
        yield _evaluate_raw(engine, raw, detail, day, lang)


def _evaluate_raw(
    engine: Engine, raw: RawRecord, detail: str, as_of: dt.date, lang: str
) -> dict[str, Any]:
    case: Case | None = None
    try:
        case = parse_raw(raw)
        report = assessed(engine.evaluate(case), case, engine=engine, as_of=as_of)
        return output_record(case, report, detail)
    except (CaseFileError, NetralitasError) as exc:
        return error_record(raw, exc, lang)
    except MemoryError:
        raise
    except Exception as exc:
        # As in a local run: one record the library fails on must not fail the partition.
        return Rejection.internal(raw, exc, None if case is None else case.id).record(lang)


def evaluate_bag(
    bag: Any,
    regulations: RegulationSet | CompiledRuleSet | None = None,
    *,
    backend: str = "python",
    detail: str = "summary",
    as_of: dt.date | None = None,
    lang: str = "id",
) -> Any:
    """A Dask bag of output (or error) records from a bag of JSON lines or case dicts.

    ``regulations`` is a regulation set or compiled rule set (default: the shipped corpus);
    its regulations are shipped to each worker once and compiled there once. Every case is
    assessed as of ``as_of`` (today, fixed here once, by default). Error records give their
    words in ``lang`` (Indonesian by default, ``"en"`` for English).
    """
    from dask.delayed import delayed

    rules = delayed(_shippable(regulations), pure=True, traverse=False)
    day = as_of or dt.date.today()
    return bag.map_partitions(_bag_partition, rules, backend, detail, day, lang)


def _bag_partition(
    items: Iterable[Any],
    rules: RegulationSet,
    backend: str,
    detail: str,
    as_of: dt.date,
    lang: str,
) -> list[dict[str, Any]]:
    return list(evaluate_items(items, rules, backend, detail, as_of=as_of, lang=lang))


def evaluate_dataframe(
    frame: Any,
    regulations: RegulationSet | CompiledRuleSet | None = None,
    *,
    backend: str = "python",
    detail: str = "summary",
    as_of: dt.date | None = None,
    lang: str = "id",
) -> Any:
    """A Dask dataframe of flat output rows (the CSV/Parquet output columns plus
    ``reason`` for rejected cases) from a dataframe in the tabular input layout, every
    case assessed as of ``as_of`` (today by default); a ``reason`` is in ``lang``
    (Indonesian by default, ``"en"`` for English)."""
    import pandas as pd
    from dask.delayed import delayed

    rules = delayed(_shippable(regulations), pure=True, traverse=False)
    meta = pd.DataFrame({c: pd.Series(dtype="object") for c in (*OUT_COLUMNS, "reason")})
    day = as_of or dt.date.today()
    return frame.map_partitions(_frame_partition, rules, backend, detail, day, lang, meta=meta)


def _frame_partition(
    part: Any, rules: RegulationSet, backend: str, detail: str, as_of: dt.date, lang: str
) -> Any:
    import pandas as pd

    engine = _engine(rules, backend)
    rows = (
        (n, {k: v for k, v in row.items() if v is not None and v == v and v != ""}, 1)
        for n, row in enumerate(part.reset_index().to_dict("records"), 2)
        if not (len(row) == 1 and "index" in row)
    )
    out: list[dict[str, Any]] = []
    for raw in _table_records("<dask>", _known_columns(rows)):
        record = _evaluate_raw(engine, raw, detail, as_of, lang)
        if "reason" in record:
            out.append(dict.fromkeys(OUT_COLUMNS) | {"reason": record["reason"]})
        else:
            out.append(flat_row(record) | {"reason": None})
    frame = pd.DataFrame(out, columns=[*OUT_COLUMNS, "reason"])
    return frame.astype("object")


def _known_columns(
    rows: Iterator[tuple[int, dict[str, Any], int]],
) -> Iterator[tuple[int, dict[str, Any] | str, int]]:
    from .tables import COLUMNS

    known = set(COLUMNS)
    for n, row, w in rows:
        yield n, {k: _scalar(v) for k, v in row.items() if k in known}, w


def _scalar(value: Any) -> Any:
    # numpy scalars and pandas timestamps become plain Python values for pydantic.
    if hasattr(value, "item") and not isinstance(value, (list, tuple, str)):
        try:
            return value.item()
        except (ValueError, TypeError):
            return value
    if hasattr(value, "date") and hasattr(value, "to_pydatetime"):
        return value.date()
    return value
