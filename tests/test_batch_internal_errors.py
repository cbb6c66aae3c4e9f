"""Nothing lost: a record the library fails on (a defect: an IndexError in the sanctions
stage, a TypeError in evaluation, an output it cannot encode) is rejected alone, naming its
line, its case and the error, and every other record is written as in a run without the
fault; the run still exits 1. MemoryError and Ctrl-C are the run's, never a record's.

Workers are forked (``workers.start_pool``), so a fault patched in here before the run is
inherited by ``--jobs 2``'s workers too."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from _problem_language import english_left
from netralitas_rules.assessed import assessed
from netralitas_rules.batch import chunks, run_batch
from netralitas_rules.batch import dask as batch_dask
from netralitas_rules.batch.output import ENCODER, output_record
from netralitas_rules.batch.tables import COLUMNS, case_rows
from netralitas_rules.batch.wire import wire_case as real_wire_case
from netralitas_rules.cli import main
from netralitas_rules.engine import _shipped_rules, get_engine
from netralitas_rules.models import Case

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.corpus import generate_cases

CASES = list(generate_cases(40, seed=11))
BAD = 27  # the faulty case's index: past the first span of a small block_bytes
BAD_ID = CASES[BAD]["id"]
AS_OF = dt.date(2024, 6, 1)
run_batch = functools.partial(run_batch, as_of=AS_OF)
BUG = IndexError("list index out of range")
"""The defect the library raises for the bad case."""


def _raise_on_bad(
    function: Callable[..., Any],
    case_of: Callable[..., Case],
    error: BaseException | type[BaseException] = BUG,
) -> Any:
    def faulty(*args: Any, **kwargs: Any) -> Any:
        if case_of(*args, **kwargs).id == BAD_ID:
            raise error
        return function(*args, **kwargs)

    return faulty


def _sanctions_fault(
    monkeypatch: pytest.MonkeyPatch,
    error: BaseException | type[BaseException] = BUG,
    module: ModuleType = chunks,
) -> None:
    """The sanctions stage (as ``module`` calls it) raises ``error`` for the bad case."""
    faulty = _raise_on_bad(assessed, lambda report, case, **_: case, error)
    monkeypatch.setattr(module, "assessed", faulty)


def _evaluation_fault(monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine's evaluation raises for the bad case."""
    cls = type(get_engine())
    monkeypatch.setattr(cls, "evaluate", _raise_on_bad(cls.evaluate, lambda _, case, **k: case))


def _encoding_fault(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bad case's output record holds a value no writer can encode (a TypeError raised
    halfway through encoding it into the block's buffer)."""

    def record(case: Case, *args: Any) -> dict[str, Any]:
        out = output_record(case, *args)
        return {**out, "zzz": object()} if case.id == BAD_ID else out

    monkeypatch.setattr(chunks, "output_record", record)


FAULTS = {"sanctions": _sanctions_fault, "evaluation": _evaluation_fault}
FAULTS["encoding"] = _encoding_fault


def _jsonl(path: Path, cases: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(c) + "\n" for c in cases), encoding="utf-8")
    return path


def _csv(path: Path, cases: list[dict[str, Any]]) -> tuple[Path, int]:
    """The cases as a CSV table, and the first row of the bad case (the header is row 1)."""
    rows = [row for c in cases for row in case_rows(c)]
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=[c for c in COLUMNS if any(c in r for r in rows)])
        writer.writeheader()
        writer.writerows(rows)
    return path, 2 + sum(len(case_rows(c)) for c in cases[:BAD])


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _clean(tmp: Path, src: Path) -> list[str]:
    """The output lines of ``src`` without any fault."""
    out = tmp / f"clean-{src.name}.jsonl"
    summary = run_batch(src, out, tmp / f"clean-{src.name}.errors.jsonl")
    assert (summary.reported, summary.rejected) == (len(CASES), 0)
    return _lines(out)


def _without_bad(lines: list[str]) -> list[str]:
    kept = [line for line in lines if json.loads(line)["case_id"] != BAD_ID]
    assert len(kept) == len(lines) - 1
    return kept


def _internal_error(kind: str) -> str:
    return (
        f"internal error of the library on case {BAD_ID!r} ({kind}); a defect of the "
        "library, not of the case: please report it to its maintainers with this record"
    )


def _run_modes() -> Iterator[Any]:
    yield pytest.param({"jobs": 1}, id="one-process")
    yield pytest.param({"jobs": 1, "block_bytes": 5_000}, id="one-process-blocks")
    yield pytest.param({"jobs": 2, "block_bytes": 5_000}, id="workers-read-spans")
    yield pytest.param({"jobs": 2, "chunk_size": 8}, id="workers-get-blocks")


@pytest.mark.parametrize("fault", sorted(FAULTS))
@pytest.mark.parametrize("mode", list(_run_modes()))
def test_a_record_the_library_fails_on_is_rejected_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: str, mode: dict[str, Any]
) -> None:
    """JSON Lines in and out: the bad line is one rejection naming its line and case, the
    other 39 lines are byte for byte those of a run without the fault."""
    src = _jsonl(tmp_path / "in.jsonl", CASES)
    clean = _clean(tmp_path, src)
    FAULTS[fault](monkeypatch)
    out, err = tmp_path / "out.jsonl", tmp_path / "err.jsonl"
    summary = run_batch(src, out, err, lang="en", **mode)
    assert (summary.read, summary.reported, summary.rejected) == (40, 39, 1)
    assert summary.internal == 1
    assert summary.reconciled
    assert not summary.interrupted
    assert _lines(out) == _without_bad(clean)
    (record,) = (json.loads(line) for line in _lines(err))
    kind = "IndexError: list index out of range"
    if fault == "encoding":
        with pytest.raises(TypeError) as raised:
            ENCODER.encode(object())
        kind = f"TypeError: {raised.value}"
    reason = _internal_error(kind)
    assert record == {
        "file": str(src),
        "line": BAD + 1,
        "reason": reason,
        "problems": [f"{src}:{BAD + 1}:1: (case): {reason}"],
        "codes": ["batch.internal_error"],
    }


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_table_record_the_library_fails_on_is_rejected_by_its_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    """CSV in (every record through the general path), CSV out: the bad case is one
    rejection naming its rows; the other cases are the rows of a run without the fault."""
    src, row = _csv(tmp_path / "in.csv", CASES)
    clean_out = tmp_path / "clean.csv"
    run_batch(src, clean_out, tmp_path / "clean.errors.jsonl")
    _sanctions_fault(monkeypatch)
    out, err = tmp_path / "out.csv", tmp_path / "err.jsonl"
    summary = run_batch(src, out, err, jobs=jobs, chunk_size=8, lang="en")
    assert (summary.read, summary.reported, summary.rejected, summary.internal) == (40, 39, 1, 1)
    header, *rows = _lines(clean_out)
    bad_rows = [r for r in rows if BAD_ID in r]
    assert len(bad_rows) == 1
    assert _lines(out) == [header, *(r for r in rows if r not in bad_rows)]
    (record,) = (json.loads(line) for line in _lines(err))
    last = row + len(case_rows(CASES[BAD])) - 1
    assert (record["row"], record["last_row"], record["codes"]) == (
        row,
        last,
        ["batch.internal_error"],
    )
    assert record["reason"] == _internal_error("IndexError: list index out of range")


def test_a_fault_of_the_fast_path_alone_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When only the wire decoder fails on a line, the general path reads it: the output is
    that of a run without the fault, and nothing is rejected."""
    src = _jsonl(tmp_path / "in.jsonl", CASES)
    clean = _clean(tmp_path, src)
    needle = json.dumps(BAD_ID).encode()

    def wire_case(line: bytes) -> Case | None:
        if needle in line:
            raise ValueError("a defect of the wire")
        return real_wire_case(line)

    monkeypatch.setattr(chunks, "wire_case", wire_case)
    out, err = tmp_path / "out.jsonl", tmp_path / "err.jsonl"
    summary = run_batch(src, out, err)
    assert (summary.reported, summary.rejected) == (40, 0)
    assert _lines(out) == clean
    assert err.read_bytes() == b""


def test_the_command_exits_one_and_says_so_in_indonesian(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``netralitas batch``: exit 1 as for any rejection, a line on stderr counting the
    records to report, and the error record in Indonesian with no English (Python's English
    message said in general words; its type kept, as the command's own internal error)."""
    src = _jsonl(tmp_path / "in.jsonl", CASES)
    _sanctions_fault(monkeypatch)
    out, err = tmp_path / "out.jsonl", tmp_path / "err.jsonl"
    args = ["batch", str(src), "--out", str(out), "--errors", str(err), "--jobs", "2"]
    assert main([*args, "--as-of", str(AS_OF)]) == 1
    said = capsys.readouterr().err
    assert (
        f"netralitas batch: 1 rekaman ditolak karena kesalahan internal pustaka "
        f"(kode batch.internal_error di {err})"
    ) in said
    (record,) = (json.loads(line) for line in _lines(err))
    assert record["reason"].startswith(
        f"galat internal pustaka pada kasus {BAD_ID!r} (IndexError: pesan Python "
    )
    assert record["codes"] == ["batch.internal_error"]
    assert english_left(record["reason"]) == []
    assert english_left(record["problems"][0]) == []


def test_an_error_without_a_message_is_said_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error raised bare (``raise KeyError``) is said to have no message."""
    src = _jsonl(tmp_path / "in.jsonl", CASES[: BAD + 1])
    _sanctions_fault(monkeypatch, KeyError)
    for lang, words in (("en", "(KeyError: no message)"), ("id", "(KeyError: tanpa pesan)")):
        run_batch(src, tmp_path / "o.jsonl", tmp_path / "e.jsonl", lang=lang)
        (record,) = (json.loads(line) for line in _lines(tmp_path / "e.jsonl"))
        assert words in record["reason"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_memory_error_stops_the_run_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    """A MemoryError is the run's: it is raised, and the previous outputs stay."""
    src = _jsonl(tmp_path / "in.jsonl", CASES)
    out, err = tmp_path / "out.jsonl", tmp_path / "err.jsonl"
    out.write_text("previous\n")
    err.write_text("previous errors\n")
    _sanctions_fault(monkeypatch, MemoryError)
    with pytest.raises(MemoryError):
        run_batch(src, out, err, jobs=jobs, block_bytes=5_000)
    assert (out.read_text(), err.read_text()) == ("previous\n", "previous errors\n")


def test_ctrl_c_on_a_record_interrupts_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """KeyboardInterrupt while a record is judged interrupts the run; it is no rejection."""
    src = _jsonl(tmp_path / "in.jsonl", CASES)
    out, err = tmp_path / "out.jsonl", tmp_path / "err.jsonl"
    _sanctions_fault(monkeypatch, KeyboardInterrupt)
    summary = run_batch(src, out, err)
    assert summary.interrupted
    assert summary.rejected == 0
    assert not out.exists()
    assert not err.exists()


def test_dask_items_reject_a_record_the_library_fails_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The Dask functions' partitions do as a local run (in process: no cluster needed)."""
    rules = _shipped_rules()
    items = [json.dumps(c) for c in CASES[BAD - 2 : BAD + 2]]
    clean = list(batch_dask.evaluate_items(items, rules, source="part", as_of=AS_OF))
    _sanctions_fault(monkeypatch, module=batch_dask)
    faulty = list(batch_dask.evaluate_items(items, rules, source="part", as_of=AS_OF, lang="en"))
    assert [faulty[0], faulty[1], faulty[3]] == [clean[0], clean[1], clean[3]]
    assert faulty[2]["line"] == 3
    assert faulty[2]["codes"] == ["batch.internal_error"]
    assert faulty[2]["reason"] == _internal_error("IndexError: list index out of range")
