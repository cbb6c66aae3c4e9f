"""Dask: a bag or dataframe of cases evaluated on a local two-worker cluster equals the
single-process results, with the compiled rule set shipped once per worker."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

dask_bag = pytest.importorskip("dask.bag")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")

from netralitas_rules.assessed import answer  # noqa: E402
from netralitas_rules.batch.dask import (  # noqa: E402
    evaluate_bag,
    evaluate_dataframe,
    evaluate_items,
)
from netralitas_rules.batch.output import OUT_COLUMNS, flat_row, output_record  # noqa: E402
from netralitas_rules.batch.tables import COLUMNS, case_rows  # noqa: E402
from netralitas_rules.caseio import parse_case  # noqa: E402
from netralitas_rules.engine import _shipped_rules, get_engine  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.corpus import generate_cases  # noqa: E402

CASES = list(generate_cases(240, seed=5))
AS_OF = dt.date(2024, 6, 1)


def _engine_count() -> int:
    # Imported on the worker: a reference to the module's dict, not a pickled copy of it.
    from netralitas_rules.batch import dask as on_worker

    return len(on_worker._ENGINES)


def _local() -> list[dict[str, Any]]:
    engine = get_engine()
    out = []
    for data in CASES:
        case = parse_case(json.dumps(data))
        out.append(output_record(case, answer(case, engine=engine, as_of=AS_OF)))
    return out


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """A local cluster of two worker processes with one thread each."""
    with (
        # Port 0 everywhere: the OS picks free ports, so a busy machine (or another run of
        # this suite) cannot make the cluster fail to start. ``dashboard_address=None``
        # still binds the default 8787.
        distributed.LocalCluster(
            n_workers=2,
            processes=True,
            threads_per_worker=1,
            host="127.0.0.1",
            scheduler_port=0,
            dashboard_address="127.0.0.1:0",
        ) as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c


def test_bag_results_equal_single_process_results(client: Any) -> None:
    """Evaluating a bag of JSON lines on two workers gives the single-process records."""
    lines = [json.dumps(c) for c in CASES] + ["not json"]
    bag = dask_bag.from_sequence(lines, npartitions=6)
    records = evaluate_bag(bag, as_of=AS_OF, lang="en").compute()
    assert records[:-1] == _local()
    assert records[-1]["reason"].startswith("(document): JSON syntax: expected a value")
    # Both workers took part, and each holds exactly one engine: one rule set per worker.
    counts = client.run(_engine_count)
    assert sorted(counts.values()) == [1, 1]


def test_bag_of_case_dicts_equals_bag_of_lines(client: Any) -> None:
    """Case dicts and their JSON lines give the same records."""
    bag = dask_bag.from_sequence(CASES, npartitions=4)
    assert evaluate_bag(bag, as_of=AS_OF).compute() == _local()


def test_dataframe_results_equal_single_process_results(client: Any) -> None:
    """A dataframe in the tabular layout, partitioned by case, gives the same rows."""
    rows = [row for c in CASES for row in case_rows(c)]
    columns = [c for c in COLUMNS if any(c in r for r in rows)]
    frame = pd.DataFrame([{c: r.get(c) for c in columns} for r in rows], dtype="object")
    # Whole cases per partition: split on case boundaries.
    starts = [0]
    for i in range(1, len(rows)):
        if rows[i]["case_id"] != rows[i - 1]["case_id"] and i - starts[-1] >= 150:
            starts.append(i)
    parts = [frame.iloc[a:b] for a, b in zip(starts, [*starts[1:], len(rows)], strict=True)]
    ddf = dd.from_pandas(parts[0], npartitions=1)
    ddf = dd.concat([dd.from_pandas(p, npartitions=1) for p in parts])
    assert ddf.npartitions >= 2
    got = evaluate_dataframe(ddf, as_of=AS_OF).compute()
    expected = [flat_row(r) for r in _local()]
    got_rows = [
        {c: (None if v is None or v != v else v) for c, v in row.items()}
        for row in got[[*OUT_COLUMNS, "reason"]].to_dict("records")
    ]
    assert [r["reason"] for r in got_rows] == [None] * len(CASES)
    assert [{c: r[c] for c in OUT_COLUMNS} for r in got_rows] == expected


def test_evaluate_items_reports_what_is_not_a_case() -> None:
    """An item that is neither text nor a dict becomes an error record, not a crash."""
    (record,) = evaluate_items([42], _shipped_rules(), lang="en")
    assert record == {
        "file": "<dask>",
        "line": 1,
        "reason": "(document): not a case: a int",
        "problems": ["<dask>:1:1: (document): not a case: a int"],
        "codes": ["batch.not_a_case"],
    }
