"""Streaming batch evaluation: readers, writers, the runner, the CLI and hostile rows."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import itertools
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _profiles import examples
from netralitas_rules.assessed import answer
from netralitas_rules.batch import (
    BatchInputError,
    BatchSummary,
    output_record,
    parse_raw,
    raw_records,
    read_output,
    run_batch,
)
from netralitas_rules.batch.blocks import jsonl_spans
from netralitas_rules.batch.outfile import OutputFile
from netralitas_rules.batch.progress import Progress
from netralitas_rules.batch.records import MAX_LINE_BYTES
from netralitas_rules.batch.tables import COLUMNS, case_rows
from netralitas_rules.batch.writers import JsonlWriter
from netralitas_rules.caseio import parse_case
from netralitas_rules.cli import main
from netralitas_rules.engine import get_engine
from netralitas_rules.models import Case

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.corpus import generate_cases

CASES = list(generate_cases(300, seed=11))
AS_OF = dt.date(2024, 6, 1)
run_batch = functools.partial(run_batch, as_of=AS_OF)  # every run assessed on one fixed day


def _jsonl(path: Path, cases: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(c) + "\n" for c in cases), encoding="utf-8")
    return path


def _expected(cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    engine = get_engine()
    out = []
    for data in cases:
        case = parse_case(json.dumps(data))
        out.append(output_record(case, answer(case, engine=engine, as_of=AS_OF)))
    return out


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _table(cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [row for c in cases for row in case_rows(c)]


def _write_csv(path: Path, rows: list[dict[str, Any]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=[c for c in COLUMNS if any(c in r for r in rows)])
        writer.writeheader()
        writer.writerows(rows)
    return path


@functools.cache
def expected() -> list[dict[str, Any]]:
    """The output records of CASES, worked out once, when a test first asks (at import every
    worker paid for them while collecting, whether or not it ran a test of this file)."""
    return _expected(CASES)


def test_evaluate_many_is_lazy() -> None:
    """evaluate_many evaluates a case only when its report is asked for."""
    taken: list[str] = []

    def cases() -> Iterator[Case]:
        for data in CASES[:3]:
            taken.append(data["id"])
            yield parse_case(json.dumps(data))

    reports = get_engine().evaluate_many(cases())
    assert taken == []
    first = next(reports)
    assert taken == [CASES[0]["id"]]
    assert first.case_id == CASES[0]["id"]


def test_jsonl_batch_equals_case_by_case_evaluation(tmp_path: Path) -> None:
    """A JSON Lines batch writes, in order, the record of each case evaluated alone."""
    src = _jsonl(tmp_path / "in.jsonl", CASES)
    summary = run_batch(src, tmp_path / "out.jsonl", tmp_path / "err.jsonl", chunk_size=64)
    assert (summary.read, summary.reported, summary.rejected) == (300, 300, 0)
    assert summary.reconciled
    assert _lines(tmp_path / "out.jsonl") == expected()
    assert summary.findings == sum(len(r["findings"]) for r in expected())


def test_jobs_two_writes_the_same_file_as_one_process(tmp_path: Path) -> None:
    """--jobs 2 produces byte-identical output to a single process."""
    src = _jsonl(tmp_path / "in.jsonl", CASES)
    run_batch(src, tmp_path / "one.jsonl", tmp_path / "e1.jsonl", chunk_size=32)
    summary = run_batch(src, tmp_path / "two.jsonl", tmp_path / "e2.jsonl", jobs=2, chunk_size=32)
    assert summary.reconciled
    assert summary.reported == 300
    assert (tmp_path / "two.jsonl").read_bytes() == (tmp_path / "one.jsonl").read_bytes()


def test_csv_and_parquet_inputs_give_the_jsonl_records(tmp_path: Path) -> None:
    """One row per activity, grouped by ASN, reads back into the same cases."""
    rows = _table(CASES)
    src_csv = _write_csv(tmp_path / "in.csv", rows)
    columns = [c for c in COLUMNS if any(c in r for r in rows)]
    # from_pylist takes its columns from the first row only: give every row every column.
    table = pa.Table.from_pylist([{c: r.get(c) for c in columns} for r in rows])
    pq.write_table(table, tmp_path / "in.parquet")
    for src in (src_csv, tmp_path / "in.parquet"):
        out = tmp_path / f"out-{src.suffix[1:]}.jsonl"
        summary = run_batch(src, out, tmp_path / "err.jsonl")
        assert summary.rejected == 0, (tmp_path / "err.jsonl").read_text()
        assert _lines(out) == expected()


def test_csv_and_parquet_outputs_read_back_as_records(tmp_path: Path) -> None:
    """Flat CSV and Parquet outputs hold the same records as JSON Lines."""
    src = _jsonl(tmp_path / "in.jsonl", CASES[:50])
    for suffix in ("csv", "parquet"):
        out = tmp_path / f"out.{suffix}"
        run_batch(src, out, tmp_path / "err.jsonl")
        back = list(read_output(out))
        assert back == expected()[:50]


def test_a_reappearing_case_column_value_must_agree(tmp_path: Path) -> None:
    """Rows of one case that disagree on a case column reject that case, naming the row."""
    rows = _table(CASES[:1])
    assert len(rows) >= 1
    rows.append(dict(rows[0], **{"asn.status": "PPPK", "activity.id": "zz"}))
    src = _write_csv(tmp_path / "in.csv", rows)
    summary = run_batch(src, tmp_path / "o.jsonl", tmp_path / "e.jsonl", lang="en")
    assert (summary.reported, summary.rejected) == (0, 1)
    (err,) = _lines(tmp_path / "e.jsonl")
    last = len(rows) + 1
    assert err["row"] == 2
    assert err["last_row"] == last
    assert err["problems"] == [
        f"{src}:{last}:1: asn.status: differs from row 2 of the same case "
        f"({rows[0]['asn.status']!r}); case columns must agree across the rows of a case"
    ]


def test_unknown_csv_column_is_refused_up_front(tmp_path: Path) -> None:
    """A header with an unknown column stops the run before anything is written."""
    src = tmp_path / "in.csv"
    src.write_text("asn.id,activity.kindd\nx,y\n", encoding="utf-8")
    with pytest.raises(BatchInputError) as info:
        list(raw_records(src))
    assert str(info.value).startswith(f"{src}:1: unknown column(s) 'activity.kindd'; allowed: ")


def _corrupt(line: str, how: int) -> str:
    data = json.loads(line)
    variants = [
        line[: len(line) // 2],  # truncated JSON
        line.replace('"id"', '"id":NaN,"x"', 1),  # NaN
        json.dumps({**data, "election": "pemilu-2099"}),
        json.dumps({**data, "activities": [{**data["activities"][0], "candidate_ids": ["zz"]}]}),
        json.dumps({**data, "activities": [{**data["activities"][0], "date": "2024-13-45"}]}),
        json.dumps({**data, "asn": {**data["asn"], "status": "TNI"}}),
        json.dumps({**data, "surprise": 1}),
        "[1, 2, 3]",
    ]
    return variants[how % len(variants)]


def _hostile_file(path: Path, bad: set[int], n: int = 200) -> Path:
    lines = [json.dumps(c) for c in CASES[:n]]
    for i in bad:
        lines[i] = _corrupt(lines[i], i)
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    return _write_bytes(path, data)


def _write_bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_one_percent_corrupted_rows_reject_exactly_the_bad_ones(tmp_path: Path) -> None:
    """A 1% corrupted batch reports every good row and rejects exactly the bad ones."""
    n = 300
    bad = {9, 42, 99}  # NaN, an unknown election, an unknown candidate
    src = _hostile_file(tmp_path / "in.jsonl", bad, n)
    # One more kind of damage: bytes that are not UTF-8.
    raw = src.read_bytes().split(b"\n")
    raw[150] = raw[150][:20] + b"\xff\xfe" + raw[150][20:]
    src.write_bytes(b"\n".join(raw))
    bad.add(150)
    out, err = tmp_path / "o.jsonl", tmp_path / "e.jsonl"
    code = main(["batch", str(src), "--out", str(out), "--errors", str(err), "--as-of", str(AS_OF)])
    assert code == 1
    good = [r for i, r in enumerate(expected()[:n]) if i not in bad]
    assert _lines(tmp_path / "o.jsonl") == good
    errors = _lines(tmp_path / "e.jsonl")
    assert [e["line"] for e in errors] == sorted(i + 1 for i in bad)
    assert all(e["file"] == str(src) for e in errors)
    by_line = {e["line"]: e for e in errors}
    assert by_line[151]["reason"] == "(dokumen): bukan UTF-8 yang sah pada bita ke-21"
    assert by_line[10]["reason"] == "id: NaN bukan angka yang diterima pustaka ini"
    assert by_line[43]["reason"].startswith("election: pemilihan tidak dikenal 'pemilu-2099'; ")
    assert by_line[43]["codes"] == ["election.unknown_inline"]


def test_error_record_names_the_unknown_candidate_and_its_place(tmp_path: Path) -> None:
    """An activity naming an unknown candidate is rejected with the key path and the line."""
    data = CASES[3]
    act = {**data["activities"][0], "candidate_ids": ["nobody"]}
    src = _jsonl(tmp_path / "in.jsonl", [CASES[0], {**data, "activities": [act]}])
    summary = run_batch(src, tmp_path / "o.jsonl", tmp_path / "e.jsonl", lang="en")
    assert (summary.reported, summary.rejected) == (1, 1)
    (err,) = _lines(tmp_path / "e.jsonl")
    known = ", ".join(sorted(c["id"] for c in data["candidates"]))
    message = f"unknown candidate 'nobody'; known candidates: {known}"
    assert err == {
        "file": str(src),
        "line": 2,
        "reason": f"activities[0].candidate_ids[0]: {message}",
        "problems": [f"{src}:2:1: activities[0].candidate_ids[0]: {message}"],
        "codes": ["case.unknown_candidate"],
    }


def test_an_overlong_line_is_rejected_without_losing_the_next(tmp_path: Path) -> None:
    """A line over the limit is one rejection; the following line is still read."""
    from netralitas_rules.batch.records import MAX_LINE_BYTES

    long_line = '{"id": "' + "x" * (MAX_LINE_BYTES + 10) + '"}\n'
    data = long_line.encode() + (json.dumps(CASES[0]) + "\n").encode()
    src = _write_bytes(tmp_path / "in.jsonl", data)
    summary = run_batch(src, tmp_path / "o.jsonl", tmp_path / "e.jsonl", lang="en")
    assert (summary.read, summary.reported, summary.rejected) == (2, 1, 1)
    assert _lines(tmp_path / "e.jsonl")[0]["reason"] == (
        f"(document): the line is longer than {MAX_LINE_BYTES} bytes"
    )


@settings(max_examples=examples(15))
@given(st.sets(st.integers(min_value=0, max_value=39), max_size=8))
def test_counts_reconcile_for_any_set_of_bad_lines(bad: set[int]) -> None:
    """For any set of corrupted lines: read = reported + rejected, and rejected = the bad lines."""
    with tempfile.TemporaryDirectory() as tmp:
        src = _hostile_file(Path(tmp) / "in.jsonl", bad, 40)
        summary = run_batch(src, Path(tmp) / "o.jsonl", Path(tmp) / "e.jsonl", chunk_size=7)
        assert summary.reconciled
        assert summary.read == 40
        assert [e["line"] for e in _lines(Path(tmp) / "e.jsonl")] == sorted(i + 1 for i in bad)
        assert summary.reported == 40 - len(bad)


def test_interrupting_leaves_the_previous_output(tmp_path: Path) -> None:
    """A Ctrl-C between chunks stops the run; the output and the errors file keep what they
    held before, and no partial file is left beside them."""
    src = _jsonl(tmp_path / "in.jsonl", CASES)
    (tmp_path / "o.jsonl").write_bytes(b"previous\n")
    calls: list[int] = []

    def interrupt(summary: BatchSummary) -> None:
        calls.append(summary.read)
        if len(calls) == 2:
            raise KeyboardInterrupt

    summary = run_batch(
        src, tmp_path / "o.jsonl", tmp_path / "e.jsonl", chunk_size=50, progress=interrupt
    )
    assert summary.interrupted
    assert summary.read == 100
    assert (tmp_path / "o.jsonl").read_bytes() == b"previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "o.jsonl"]


# Runs `netralitas batch` as the CLI does, with one change: after the first progress report
# (a block already copied into the partial output) the child says "ready" on stdout and waits
# on stdin. The test sends SIGTERM only then, so the signal cannot race the end of the run and
# no sleep or poll is needed; the handler's KeyboardInterrupt ends the wait.
_GATED_BATCH = """
import sys
import netralitas_rules.cli.batch as command
from netralitas_rules.cli import main

class Gate(command.Progress):
    def __call__(self, summary):
        super().__call__(summary)
        if summary.reported:
            print("ready", flush=True)
            sys.stdin.readline()

command.Progress = Gate
sys.exit(main(sys.argv[1:]))
"""


def test_sigterm_stops_the_command_and_writes_nothing(tmp_path: Path) -> None:
    """SIGTERM ends `netralitas batch` with exit 130 and says nothing was written: no
    output, no errors file, no partial file and no part folder are left."""
    src = _jsonl(tmp_path / "in.jsonl", CASES * 100)
    out = tmp_path / "o.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-c", _GATED_BATCH, "batch", str(src), "--out", str(out), "--jobs", "2"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline() == "ready\n", proc.stderr.read() if proc.stderr else ""
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=120)
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == 130, err
    assert re.search(r"dihentikan setelah [\d.]+ kasus; tidak ada yang ditulis", err), err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]
    assert not list(Path(tempfile.gettempdir()).glob(f"netralitas-batch-{proc.pid}-*"))
    assert not list(Path("/dev/shm").glob(f"netralitas-batch-{proc.pid}-*"))


def test_unreconciled_counts_exit_three(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """When read != reported + rejected the command says so and exits 3."""
    import netralitas_rules.cli.batch as cli_batch

    monkeypatch.setattr(cli_batch, "run_batch", lambda *a, **k: BatchSummary(5, 3, 1))
    src = _jsonl(tmp_path / "in.jsonl", CASES[:1])
    assert main(["batch", str(src), "--out", str(tmp_path / "o.jsonl")]) == 3
    err = capsys.readouterr().err
    assert "hitungan tidak cocok: dibaca 5 != dilaporkan 3 + ditolak 1" in err


def test_clean_run_exits_zero_and_reports_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A batch without rejections exits 0 and prints the reconciliation on stderr."""
    src = _jsonl(tmp_path / "in.jsonl", CASES[:10])
    assert main(["batch", str(src), "--out", str(tmp_path / "o.jsonl")]) == 0
    err = capsys.readouterr().err
    assert "10 kasus dibaca: 10 dilaporkan, 0 ditolak" in err
    assert (tmp_path / "o.jsonl.errors.jsonl").read_text() == ""


def test_progress_line_has_rate_and_eta() -> None:
    """The live progress line shows the fraction, the count, the rate and the ETA."""
    stream = io.StringIO()
    bar = Progress(1000, stream, live=True)
    s = BatchSummary(read=200, reported=199, rejected=1, seconds=2.0, weight=250)
    assert bar.line(s) == (
        "[######..................]  25% 200 kasus, 100/detik, 1 ditolak, sisa waktu 0:06"
    )
    english = Progress(1000, io.StringIO(), live=True, lang="en")
    assert english.line(s) == (
        "[######..................]  25% 200 cases, 100/s, 1 rejected, ETA 0:06"
    )
    big = BatchSummary(read=12345, reported=12345, rejected=0, seconds=1.0, weight=250)
    assert bar.line(big).endswith("12.345 kasus, 12.345/detik, 0 ditolak, sisa waktu 0:03")
    assert english.line(big).endswith("12,345 cases, 12,345/s, 0 rejected, ETA 0:03")
    bar(s)
    bar.finish()
    assert stream.getvalue().startswith("\r[######")
    assert stream.getvalue().endswith("\n")


def test_quiet_progress_off_a_terminal() -> None:
    """Off a terminal, progress is a log line at most once per interval, never a bar."""
    stream = io.StringIO()
    bar = Progress(None, stream, live=False, every=3600)
    for _ in range(5):
        bar(BatchSummary(read=10, seconds=1.0))
    bar.finish()
    assert stream.getvalue() == ""


def test_parse_raw_accepts_an_inline_election() -> None:
    """A JSON line may carry its calendar inline instead of a shipped id."""
    from netralitas_rules.batch import RawRecord
    from netralitas_rules.elections import shipped_election

    data = {**CASES[0], "election": shipped_election(CASES[0]["election"]).model_dump(mode="json")}
    case = parse_raw(RawRecord("f", 1, 1, text=json.dumps(data)))
    assert case.election == shipped_election(CASES[0]["election"])


def test_output_record_carries_what_the_supervisor_needs() -> None:
    """An output record names agency, unit, region, findings, sanctions and conflicts."""
    rec = expected()[0]
    assert set(rec) == {
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
        "stamp",
    }
    # Conflicts come from the sanctions stage: an official who is (or is kin of) a
    # candidate, and a candidate who is the incumbent regional head.
    data, record = next(
        (d, r)
        for d, r in zip(CASES, expected(), strict=True)
        if any(c["official"] == "ppk" for c in r["conflicts"])
    )
    ppk = data["officials"][0]
    expected_relation = "is_candidate" if "candidate_id" in ppk else "spouse"
    (conflict,) = [c for c in record["conflicts"] if c["official"] == "ppk"]
    assert conflict == {
        "kind": "official_is_candidate"
        if "candidate_id" in ppk
        else "official_related_to_candidate",
        "official": "ppk",
        "role": "PPK",
        "candidate": data["candidates"][0]["id"],
        "relation": expected_relation,
    }
    assert any(c["kind"] == "incumbent_candidate" for r in expected() for c in r["conflicts"])


def test_worker_processes_do_not_leak(tmp_path: Path) -> None:
    """After a --jobs run no worker process of ours is left."""
    import multiprocessing

    src = _jsonl(tmp_path / "in.jsonl", CASES[:40])
    run_batch(src, tmp_path / "o.jsonl", tmp_path / "e.jsonl", jobs=2, chunk_size=5)
    assert multiprocessing.active_children() == []
    assert os.getpid() > 0


@pytest.mark.parametrize("block_bytes", [700, 5_000, 1 << 20])
def test_workers_reading_their_own_spans_write_what_one_process_writes(
    tmp_path: Path, block_bytes: int
) -> None:
    """--jobs 2 on a regular file: workers read spans themselves and number lines from the
    start of their span; the parent moves the rejections to their file lines, so output and
    errors are byte-identical to one process, blank, overlong and bad lines included."""
    bad = {0, 9, 42, 99, 150, 299}
    src = _hostile_file(tmp_path / "in.jsonl", bad, 300)
    raw = src.read_bytes().split(b"\n")
    raw[120:120] = [b"", b"   ", b"x" * (MAX_LINE_BYTES + 5)]  # blank lines, an overlong one
    raw[200] = raw[200][:20] + b"\xff\xfe" + raw[200][20:]
    src.write_bytes(b"\n".join(raw))  # and no newline at the end
    one = run_batch(src, tmp_path / "one.jsonl", tmp_path / "e1.jsonl", block_bytes=block_bytes)
    two = run_batch(
        src, tmp_path / "two.jsonl", tmp_path / "e2.jsonl", jobs=2, block_bytes=block_bytes
    )
    assert (one.read, one.reported, one.rejected) == (two.read, two.reported, two.rejected)
    assert two.reconciled
    assert two.rejected == len(bad) + 2  # the overlong line and the invalid UTF-8
    assert (tmp_path / "two.jsonl").read_bytes() == (tmp_path / "one.jsonl").read_bytes()
    assert (tmp_path / "e2.jsonl").read_bytes() == (tmp_path / "e1.jsonl").read_bytes()
    lines = [e["line"] for e in _lines(tmp_path / "e2.jsonl")]
    # three lines were inserted before original line 121; the overlong one is line 123
    assert lines == sorted({i + 1 if i < 120 else i + 4 for i in bad} | {123, 201})
    for record in _lines(tmp_path / "e2.jsonl"):
        # every error names its own file line, in the record and in each problem
        assert record["problems"][0].startswith(f"{src}:{record['line']}:")


def test_copy_from_falls_back_when_the_kernel_cannot_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """copy_file_range refused (another file system, a device): sendfile; refused too:
    read and write. Each continues from where the last stopped."""
    import netralitas_rules.batch.writers as writers

    data = b"".join(b'{"n":%d}\n' % i for i in range(5000))
    part = tmp_path / "part"
    part.write_bytes(data)
    calls: list[str] = []

    def half_then_refuse(src: int, out: int, offset: int, length: int) -> int:
        calls.append("cfr")
        if len(calls) == 1:
            return os.copy_file_range(src, out, length // 2, offset)
        raise OSError(18, "Invalid cross-device link")

    def refuse(src: int, out: int, offset: int, length: int) -> int:
        calls.append("sendfile")
        raise OSError(22, "Invalid argument")

    monkeypatch.setattr(writers, "_copy_file_range", half_then_refuse)
    monkeypatch.setattr(writers, "_sendfile", refuse)
    writer = JsonlWriter(OutputFile(tmp_path / "out.jsonl"))
    writer.copy_from(str(part), 0, len(data))
    writer.commit()
    assert (tmp_path / "out.jsonl").read_bytes() == data
    assert calls == ["cfr", "cfr", "sendfile"]


def test_spans_cover_the_file_and_cut_only_after_newlines(tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "in.jsonl", CASES[:50])
    data = src.read_bytes()
    for size in (1, 333, 4096, 10**9):
        spans = list(jsonl_spans(src, size))
        assert spans[0][0] == 0
        assert spans[-1][1] == len(data)
        assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))
        assert all(data[stop - 1 : stop] == b"\n" for _, stop in spans)


def test_tune_malloc_applies_on_glibc_linux_only(monkeypatch: pytest.MonkeyPatch) -> None:
    import ctypes

    import netralitas_rules.batch.workers as workers

    try:
        glibc = hasattr(ctypes.CDLL("libc.so.6"), "mallopt")
    except OSError:
        glibc = False
    assert workers.tune_malloc() is (sys.platform.startswith("linux") and glibc)
    monkeypatch.setattr(sys, "platform", "darwin")
    assert workers.tune_malloc() is False


def test_parts_go_to_the_temp_folder_without_a_writable_dev_shm(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from netralitas_rules.batch.outfile import parts_folder

    if Path("/dev/shm").is_dir() and os.access("/dev/shm", os.W_OK):
        shm = Path(parts_folder())
        shm.rmdir()
        assert shm.parent == Path("/dev/shm")
    monkeypatch.setattr(os, "access", lambda *_: False)
    elsewhere = Path(parts_folder())
    try:
        assert elsewhere.parent == Path(tempfile.gettempdir())
        assert elsewhere.name.startswith(f"netralitas-batch-{os.getpid()}-")
    finally:
        elsewhere.rmdir()
