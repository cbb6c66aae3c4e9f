"""Batch outputs under faults: an output is complete or clearly absent, never torn.

Fault injection for `netralitas batch` (issue #12, items 1-3 and 16): the same file given as
input and output, writes that fail (a patched writer, /dev/full, a file-size limit, a small
file system), runs that fail early, concurrent runs on one output, and SIGKILL at random
points. ``docs/reliability.md`` ("Outputs") states what these tests hold.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import json
import os
import random
import re
import signal
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _profiles import examples
from netralitas_rules.batch import read_output, run_batch
from netralitas_rules.batch.outfile import (
    OutputFile,
    OutputPathError,
    OutputWriteError,
    parts_folder,
    remove_stale_parts,
)
from netralitas_rules.batch.output import FORMULA_STARTS, csv_cell, csv_row, csv_text
from netralitas_rules.batch.tables import COLUMNS, case_rows
from netralitas_rules.batch.writers import open_writer
from netralitas_rules.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.corpus import generate_cases

CASES = list(generate_cases(400, seed=23))
FORMATS = ("jsonl", "csv", "parquet")
TIMEOUT = 180  # seconds any child may take on a busy machine; none should come near it


def _write_input(folder: Path, fmt: str, cases: list[dict[str, Any]], name: str = "in") -> Path:
    path = folder / f"{name}.{fmt}"
    if fmt == "jsonl":
        path.write_text("".join(json.dumps(c) + "\n" for c in cases), encoding="utf-8")
        return path
    rows = [row for c in cases for row in case_rows(c)]
    columns = [c for c in COLUMNS if any(c in r for r in rows)]
    if fmt == "csv":
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows)
    else:
        pq.write_table(pa.Table.from_pylist([{c: r.get(c) for c in columns} for r in rows]), path)
    return path


def _leftovers(folder: Path) -> list[str]:
    """Partial files in ``folder``."""
    return sorted(p.name for p in folder.iterdir() if ".partial-" in p.name)


def _part_folders(pid: int) -> list[Path]:
    roots = [Path("/dev/shm"), Path(tempfile.gettempdir())]
    return [p for root in roots if root.is_dir() for p in root.glob(f"netralitas-batch-{pid}-*")]


def _reference(folder: Path, fmt: str, cases: list[dict[str, Any]], name: str) -> bytes:
    """The bytes a complete run over ``cases`` writes as ``fmt``."""
    src = _write_input(folder, "jsonl", cases, f"{name}-src")
    out = folder / f"{name}.{fmt}"
    run_batch(src, out, folder / f"{name}.errors.jsonl")
    return out.read_bytes()


# --- the same file as input and output --------------------------------------------------


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("flag", ["--out", "--errors"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_an_output_that_is_the_input_is_refused_and_the_input_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str, flag: str, jobs: int
) -> None:
    """`batch X --out X` (or `--errors X`) exits 2 with a located message, for every input
    format and with --jobs, and leaves X byte-identical."""
    src = _write_input(tmp_path, fmt, CASES[:20])
    before = src.read_bytes()
    other = ["--errors", str(tmp_path / "e.jsonl")] if flag == "--out" else []
    out = [] if flag == "--out" else ["--out", str(tmp_path / "o.jsonl")]
    code = main(["batch", str(src), flag, str(src), *other, *out, "--jobs", str(jobs)])
    err = capsys.readouterr().err
    assert code == 2
    assert err == (
        f"netralitas: {src}: {flag} adalah berkas yang sama dengan INPUT {src}; menulisnya "
        "akan merusak masukan sebelum masukan itu dibaca. Beri "
        f"{flag} jalur lain (tidak ada yang dibaca atau ditulis)\n"
    )
    assert src.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [src.name]


@pytest.mark.parametrize("link", ["symlink", "hardlink"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_link_to_the_input_is_the_input(tmp_path: Path, fmt: str, link: str) -> None:
    """A symlink or a hard link to the input, given as the output, is the input."""
    src = _write_input(tmp_path, fmt, CASES[:20])
    before = src.read_bytes()
    alias = tmp_path / f"alias.{fmt}"
    if link == "symlink":
        alias.symlink_to(src.name)
    else:
        alias.hardlink_to(src)
    for out, source in ((alias, src), (src, alias)):
        with pytest.raises(OutputPathError, match="adalah berkas yang sama dengan INPUT"):
            run_batch(source, out, tmp_path / "e.jsonl", jobs=2)
    assert src.read_bytes() == before


def test_errors_on_the_output_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--errors` equal to `--out` would interleave two writers: exit 2, nothing written; said
    in Indonesian by default, in English with --lang en."""
    src = _write_input(tmp_path, "jsonl", CASES[:20])
    out = tmp_path / "o.jsonl"
    assert main(["batch", str(src), "--out", str(out), "--errors", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"netralitas: {out}: --errors adalah berkas yang sama dengan --out {out}; dua penulis "
        "akan mencampur rekamannya dalam satu berkas. Beri --errors jalur lain (tidak ada yang "
        "dibaca atau ditulis)\n"
    )
    assert main(["--lang", "en", "batch", str(src), "--out", str(out), "--errors", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"netralitas: {out}: --errors is the same file as --out {out}; two writers would mix "
        "their records in one file. Give --errors another path (nothing was read or written)\n"
    )
    assert not out.exists()


def test_a_folder_as_output_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An output path that is a folder: exit 2, one line, the folder untouched."""
    src = _write_input(tmp_path, "jsonl", CASES[:5])
    folder = tmp_path / "out.jsonl"
    folder.mkdir()
    assert main(["batch", str(src), "--out", str(folder)]) == 2
    assert capsys.readouterr().err == (
        f"netralitas: {folder}: keluaran adalah folder; sebutkan sebuah berkas di dalamnya\n"
    )
    assert main(["--lang", "en", "batch", str(src), "--out", str(folder)]) == 2
    assert capsys.readouterr().err == (
        f"netralitas: {folder}: the output is a folder; name a file in it\n"
    )
    assert list(folder.iterdir()) == []


def test_a_rules_file_as_output_is_refused(tmp_path: Path) -> None:
    """A rule file given as --rules is an input too."""
    src = _write_input(tmp_path, "jsonl", CASES[:5])
    rules = tmp_path / "rules.yaml"
    rules.write_text("instrument: x\n", encoding="utf-8")
    with pytest.raises(OutputPathError, match="adalah berkas yang sama dengan --rules"):
        run_batch(src, rules, tmp_path / "e.jsonl", out_format="jsonl", rules=[str(rules)])
    assert rules.read_text(encoding="utf-8") == "instrument: x\n"


# --- a run that fails keeps the previous outputs ----------------------------------------


def _previous(tmp_path: Path) -> tuple[Path, Path, bytes, bytes]:
    out, errors = tmp_path / "o.jsonl", tmp_path / "o.jsonl.errors.jsonl"
    out.write_bytes(b'{"case_id":"earlier"}\n')
    errors.write_bytes(b'{"file":"earlier","line":1}\n')
    return out, errors, out.read_bytes(), errors.read_bytes()


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_rerun_with_broken_rules_keeps_the_previous_outputs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], jobs: int
) -> None:
    """A rerun that fails on a broken --rules folder leaves the previous output and errors
    file byte-identical (they were emptied before)."""
    src = _write_input(tmp_path, "jsonl", CASES[:20])
    out, errors, out_before, errors_before = _previous(tmp_path)
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "broken.yaml").write_text("instrument: [\n", encoding="utf-8")
    code = main(["batch", str(src), "--out", str(out), "--rules", str(rules), "--jobs", str(jobs)])
    assert code == 2, capsys.readouterr().err
    assert out.read_bytes() == out_before
    assert errors.read_bytes() == errors_before
    assert _leftovers(tmp_path) == []


def test_a_rerun_with_an_unknown_csv_column_keeps_the_previous_outputs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown CSV column stops the rerun; the previous outputs stay as they were."""
    src = tmp_path / "in.csv"
    src.write_text("asn.id,activity.kindd\nx,y\n", encoding="utf-8")
    out, errors, out_before, errors_before = _previous(tmp_path)
    assert main(["batch", str(src), "--out", str(out)]) == 2
    assert "kolom tidak dikenal 'activity.kindd'" in capsys.readouterr().err
    assert (out.read_bytes(), errors.read_bytes()) == (out_before, errors_before)
    assert _leftovers(tmp_path) == []


def test_an_exception_mid_run_keeps_the_previous_outputs(tmp_path: Path) -> None:
    """Whatever stops a run after some records were written, the targets keep their
    previous content and the partial files are removed."""
    src = _write_input(tmp_path, "jsonl", CASES)
    out, errors, out_before, errors_before = _previous(tmp_path)

    def explode(summary: Any) -> None:
        if summary.read >= 100:
            raise RuntimeError("stop")

    with pytest.raises(RuntimeError, match="stop"):
        run_batch(src, out, errors, chunk_size=50, progress=explode)
    assert (out.read_bytes(), errors.read_bytes()) == (out_before, errors_before)
    assert _leftovers(tmp_path) == []


# --- writes that fail ---------------------------------------------------------------------


_NO_SPACE = {
    "id": "{out}: keluaran tidak dapat ditulis: ruang penyimpanan habis; isinya yang lama tetap "
    "utuh; kosongkan ruang pada sistem berkasnya atau tulis keluaran di tempat lain",
    "en": "{out}: cannot write the output: No space left on device; its previous content is "
    "kept; free space on its file system or write the output elsewhere",
}


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_failing_writer_keeps_the_previous_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, lang: str
) -> None:
    """A write that fails with ENOSPC part way through gives one OutputWriteError naming the
    file, in the run's language; the previous output and errors file are kept and no
    partial file is left."""
    src = _write_input(tmp_path, "jsonl", CASES)
    out = tmp_path / f"o.{fmt}"
    errors = tmp_path / "e.jsonl"
    out.write_bytes(b"previous output")
    errors.write_bytes(b"previous errors\n")
    writes = {"n": 0}
    real_write = OutputFile.write

    def fill_up(self: OutputFile, data: Any) -> int:
        if self.role == "output":
            writes["n"] += 1
            if writes["n"] > 2:
                raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(self, data)

    monkeypatch.setattr(OutputFile, "write", fill_up)
    with pytest.raises(OutputWriteError) as info:
        run_batch(src, out, errors, chunk_size=40, lang=lang)
    assert str(info.value) == _NO_SPACE[lang].format(out=out)
    assert isinstance(info.value, OSError)
    assert writes["n"] == 3  # it failed part way, after whole writes
    assert out.read_bytes() == b"previous output"
    assert errors.read_bytes() == b"previous errors\n"
    assert _leftovers(tmp_path) == []


def test_a_failing_copy_of_the_workers_parts_keeps_the_previous_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With --jobs 2 the parent copies the workers' parts into the output; a copy that fails
    with ENOSPC is exit 2 and one line, the previous output kept, the part folder removed."""
    import netralitas_rules.batch.writers as writers

    def full(src: int, out: int, offset: int, length: int) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(writers, "_copy_file_range", full)
    src = _write_input(tmp_path, "jsonl", CASES)
    out, errors, out_before, errors_before = _previous(tmp_path)
    assert main(["batch", str(src), "--out", str(out), "--jobs", "2"]) == 2
    assert capsys.readouterr().err == f"netralitas: {_NO_SPACE['id'].format(out=out)}\n"
    assert (out.read_bytes(), errors.read_bytes()) == (out_before, errors_before)
    assert _leftovers(tmp_path) == []
    assert _part_folders(os.getpid()) == []


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("fmt", FORMATS)
def test_out_dev_full_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str, jobs: int
) -> None:
    """`--out /dev/full`: exit 2, one line naming /dev/full and the cause, no traceback;
    the errors file keeps what it held."""
    src = _write_input(tmp_path, "jsonl", CASES[:200])
    errors = tmp_path / "e.jsonl"
    errors.write_bytes(b"previous errors\n")
    argv = ["batch", str(src), "--out", "/dev/full", "--out-format", fmt, "--errors", str(errors)]
    assert main([*argv, "--jobs", str(jobs)]) == 2
    assert capsys.readouterr().err == (
        "netralitas: /dev/full: keluaran tidak dapat ditulis: ruang penyimpanan habis; "
        "kosongkan ruang pada sistem berkasnya atau tulis keluaran di tempat lain\n"
    )
    assert errors.read_bytes() == b"previous errors\n"
    assert _leftovers(tmp_path) == []


# The child runs the CLI under a file-size limit: every write past it fails with EFBIG (the
# signal the kernel would send first is ignored), a real failure of a real write on a
# regular file, part way through the output.
_LIMITED_BATCH = """
import resource, signal, sys
from netralitas_rules.cli import main
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="no file-size limit here")
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_file_size_limit_mid_run_keeps_the_previous_output(tmp_path: Path, fmt: str) -> None:
    """A write refused by the kernel part way through (EFBIG under `ulimit -f`): exit 2, one
    line, the previous output untouched, no partial file."""
    src = _write_input(tmp_path, "jsonl", CASES)
    out = tmp_path / f"o.{fmt}"
    errors = tmp_path / "e.jsonl"
    out.write_bytes(b"previous output")
    argv = ["batch", str(src), "--out", str(out), "--errors", str(errors)]
    proc = subprocess.run(
        [sys.executable, "-c", _LIMITED_BATCH, "20000", *argv],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr == (
        f"netralitas: {out}: keluaran tidak dapat ditulis: berkas terlalu besar; isinya yang "
        "lama tetap utuh; berkas melampaui ukuran yang diizinkan sistem ini (ulimit -f): "
        "naikkan batasnya atau tulis keluaran di tempat lain\n"
    )
    assert out.read_bytes() == b"previous output"
    assert not errors.exists()
    assert _leftovers(tmp_path) == []


@contextlib.contextmanager
def _small_filesystem(folder: Path, size: str) -> Iterator[Path]:
    folder.mkdir()
    try:
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
            capture_output=True,
            timeout=30,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        pytest.skip("mounting a small tmpfs is not allowed here (needs root or CAP_SYS_ADMIN)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], capture_output=True, timeout=30, check=False)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_full_small_filesystem_keeps_the_previous_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    """On a 16 KiB file system the output runs out of space: exit 2, one line, the
    previous output (and the room it takes) left as it was."""
    src = _write_input(tmp_path, "jsonl", CASES)
    with _small_filesystem(tmp_path / "small", "16k") as small:
        out = small / f"o.{fmt}"
        out.write_bytes(b"previous output")
        assert main(["batch", str(src), "--out", str(out), "--out-format", fmt]) == 2
        assert capsys.readouterr().err == f"netralitas: {_NO_SPACE['id'].format(out=out)}\n"
        assert sorted(p.name for p in small.iterdir()) == [out.name]
        assert out.read_bytes() == b"previous output"


# --- the supervision report's file ---------------------------------------------------------


def test_report_out_on_its_findings_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`report F --out F` exits 2 before reading and leaves the batch output as it was."""
    findings = tmp_path / "o.jsonl"
    run_batch(_write_input(tmp_path, "jsonl", CASES[:10]), findings, tmp_path / "e.jsonl")
    before = findings.read_bytes()
    assert main(["report", str(findings), "--out", str(findings)]) == 2
    assert capsys.readouterr().err == (
        f"netralitas: {findings}: --out adalah berkas yang sama dengan FINDINGS {findings}; "
        "menulisnya akan merusak masukan sebelum masukan itu dibaca. Beri --out jalur lain "
        "(tidak ada yang dibaca atau ditulis)\n"
    )
    assert main(["report", str(findings), "--out", str(findings), "--lang", "en"]) == 2
    assert capsys.readouterr().err == (
        f"netralitas: {findings}: --out is the same file as FINDINGS {findings}; writing it "
        "would destroy the input before it is read. Give --out another path (nothing was "
        "read or written)\n"
    )
    assert findings.read_bytes() == before


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_report_out_dev_full_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A report that cannot be written: exit 2 and one line naming the file."""
    findings = tmp_path / "o.jsonl"
    run_batch(_write_input(tmp_path, "jsonl", CASES[:10]), findings, tmp_path / "e.jsonl")
    assert main(["report", str(findings), "--out", "/dev/full"]) == 2
    assert capsys.readouterr().err == (
        "netralitas: /dev/full: laporan tidak dapat ditulis: ruang penyimpanan habis; "
        "kosongkan ruang pada sistem berkasnya atau tulis keluaran di tempat lain\n"
    )
    assert main(["report", str(findings), "--out", "/dev/full", "--lang", "en"]) == 2
    assert capsys.readouterr().err == (
        "netralitas: /dev/full: cannot write the report: No space left on device; free space "
        "on its file system or write the output elsewhere\n"
    )


def test_report_out_is_replaced_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The report file is written beside its target and renamed: a failed write keeps the
    previous report, a good one replaces it."""
    findings = tmp_path / "o.jsonl"
    run_batch(_write_input(tmp_path, "jsonl", CASES[:10]), findings, tmp_path / "e.jsonl")
    report = tmp_path / "r.md"
    report.write_text("previous report\n", encoding="utf-8")

    def full(self: OutputFile, data: Any) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(OutputFile, "write", full)
        assert main(["report", str(findings), "--out", str(report)]) == 2
    assert report.read_text(encoding="utf-8") == "previous report\n"
    assert main(["report", str(findings), "--out", str(report)]) == 0
    assert report.read_text(encoding="utf-8").startswith("#")
    assert _leftovers(tmp_path) == []


# --- what a completed output looks like -----------------------------------------------------


def test_a_private_output_stays_private(tmp_path: Path) -> None:
    """The new output takes the permissions of the file it replaces."""
    src = _write_input(tmp_path, "jsonl", CASES[:10])
    out = tmp_path / "o.jsonl"
    out.write_bytes(b"")
    out.chmod(0o600)
    run_batch(src, out, tmp_path / "e.jsonl")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert len(out.read_bytes().splitlines()) == 10


def test_a_symlinked_output_is_written_through(tmp_path: Path) -> None:
    """An output path that is a symlink keeps the link; the file it points to is replaced."""
    src = _write_input(tmp_path, "jsonl", CASES[:10])
    real = tmp_path / "real.jsonl"
    real.write_bytes(b"old\n")
    link = tmp_path / "link.jsonl"
    link.symlink_to(real.name)
    run_batch(src, link, tmp_path / "e.jsonl")
    assert link.is_symlink()
    assert len(real.read_bytes().splitlines()) == 10


def test_a_writer_left_by_an_exception_is_discarded(tmp_path: Path) -> None:
    """A writer used as a context manager commits on success and discards on an exception."""
    target = tmp_path / "o.jsonl"
    target.write_bytes(b"kept\n")

    def write_then_fail() -> None:
        with open_writer(target) as writer:
            writer.write([b'{"a":1}\n'])
            raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        write_then_fail()
    assert target.read_bytes() == b"kept\n"
    with open_writer(target) as writer:
        writer.write([b'{"a":1}\n'])
    assert target.read_bytes() == b'{"a":1}\n'
    assert _leftovers(tmp_path) == []


def _dead_pid() -> int:
    proc = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=True,
    )
    return int(proc.stdout)


def test_the_next_run_removes_what_a_killed_run_left(tmp_path: Path) -> None:
    """Partial files and part folders of a process that is gone are removed by the next run;
    those of a live process, of another target, and symlinks under such names stay."""
    dead = _dead_pid()
    stale = tmp_path / f".o.jsonl.partial-{dead}-0123abcd"
    live = tmp_path / f".o.jsonl.partial-{os.getpid()}-89abcdef"
    other = tmp_path / f".x.jsonl.partial-{dead}-0123abcd"  # another target's: not ours
    for path in (stale, live, other):
        path.write_bytes(b"torn")
    keep = tmp_path / "keep"
    keep.mkdir()
    (keep / "data").write_bytes(b"precious")
    link = tmp_path / f".o.jsonl.partial-{dead}-fedcba98"
    link.symlink_to(keep / "data")
    stale_parts = Path(tempfile.mkdtemp(prefix=f"netralitas-batch-{dead}-"))
    (stale_parts / "1-0").write_bytes(b"part")
    linked_parts = Path(tempfile.gettempdir()) / f"netralitas-batch-{dead}-link{os.getpid()}"
    linked_parts.symlink_to(keep)
    live_parts = Path(parts_folder())
    try:
        src = _write_input(tmp_path, "jsonl", CASES[:5])
        run_batch(src, tmp_path / "o.jsonl", tmp_path / "e.jsonl")
        assert _leftovers(tmp_path) == sorted([link.name, live.name, other.name])
        assert not stale_parts.exists()
        assert linked_parts.is_symlink()
        assert (keep / "data").read_bytes() == b"precious"
        assert live_parts.exists()
        assert live_parts not in remove_stale_parts()
        assert live_parts.exists()
    finally:
        live_parts.rmdir()
        linked_parts.unlink()


# --- concurrent runs and SIGKILL -------------------------------------------------------------

# `netralitas batch` as the CLI runs it, with blocks of 32 KiB so that progress comes often,
# and one hook in the progress report: with "gate" the child says "ready" after its first
# report (its partial output open and written to) and waits for a line on stdin; with
# "report" it says "progress" after every report. The parent acts on what the child says,
# never on time.
_CHILD = """
import functools, sys
import netralitas_rules.cli.batch as command
from netralitas_rules.batch import runner
from netralitas_rules.cli import main

mode = sys.argv[1]
command.run_batch = functools.partial(runner.run_batch, block_bytes=32 * 1024)

class Hook(command.Progress):
    gated = False
    def __call__(self, summary):
        super().__call__(summary)
        if mode == "report":
            print("progress", summary.read, flush=True)
        elif not Hook.gated and summary.reported:
            Hook.gated = True
            print("ready", flush=True)
            sys.stdin.readline()

command.Progress = Hook
sys.exit(main(sys.argv[2:]))
"""


def _child(mode: str, *argv: str) -> subprocess.Popen[str]:
    """The child, started in its own process group; a watchdog ends the group after
    :data:`TIMEOUT` seconds, so a hung child cannot hang a read of its output."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _CHILD, mode, "batch", *argv],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its workers share its group, so all can be ended at once
    )
    watchdog = threading.Timer(TIMEOUT, _kill_group, (proc,))
    watchdog.daemon = True
    watchdog.start()
    _WATCHDOGS[proc.pid] = watchdog
    return proc


_WATCHDOGS: dict[int, threading.Timer] = {}


def _kill_group(proc: subprocess.Popen[str]) -> None:
    if proc.returncode is None:  # not yet reaped, so its pid is still its own
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)


def _end(proc: subprocess.Popen[str]) -> None:
    """End the child and any worker it left (its own process group)."""
    _WATCHDOGS.pop(proc.pid).cancel()
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=TIMEOUT)


def test_two_concurrent_runs_on_one_output_leave_one_complete_output(tmp_path: Path) -> None:
    """Two runs writing the same output at the same time (both hold their partial file
    open and written to before either finishes) end with the complete output of one of
    them, never a mix, and no partial file."""
    a_cases, b_cases = CASES[:300], CASES[100:400]
    (tmp_path / "ref").mkdir()
    refs = {
        _reference(tmp_path / "ref", "jsonl", c, n) for c, n in ((a_cases, "a"), (b_cases, "b"))
    }
    assert len(refs) == 2
    work = tmp_path / "work"
    work.mkdir()
    sources = [_write_input(work, "jsonl", c, n) for c, n in ((a_cases, "a"), (b_cases, "b"))]
    out = work / "o.jsonl"
    procs = [_child("gate", str(s), "--out", str(out), "--jobs", "2") for s in sources]
    try:
        for proc in procs:
            assert proc.stdout is not None
            assert proc.stdout.readline() == "ready\n"
        # both are writing, neither has finished
        for proc in procs:
            assert [n for n in _leftovers(work) if n.startswith(f".o.jsonl.partial-{proc.pid}-")]
        outcomes = [proc.communicate(input="go\n", timeout=TIMEOUT) for proc in procs]
    finally:
        for proc in procs:
            _end(proc)
    assert [p.returncode for p in procs] == [0, 0], outcomes
    assert out.read_bytes() in refs
    assert _leftovers(work) == []


KILLS = 10


def test_sigkill_at_random_points_leaves_the_previous_or_a_complete_output(
    tmp_path: Path,
) -> None:
    """A batch killed with SIGKILL at a random point, ten times over (formats and --jobs
    taking turns), leaves at the target either the previous output untouched or the
    complete new one, readable; what it left is named as partial, and the next run removes
    it and the killed run's part folder."""
    rng = random.Random(12)
    ref = tmp_path / "ref"
    ref.mkdir()
    new_cases, old_cases = CASES * 3, CASES[:7]
    work = tmp_path / "work"
    work.mkdir()
    src = _write_input(work, "jsonl", new_cases)
    killed: list[int] = []
    olds = {fmt: _reference(ref, fmt, old_cases, f"old-{fmt}") for fmt in FORMATS}
    _reference(ref, "jsonl", new_cases, "new")
    new = list(read_output(ref / "new.jsonl"))
    for turn in range(KILLS):
        fmt, jobs = FORMATS[turn % 3], 1 + turn % 2
        old = olds[fmt]
        out = work / f"o.{fmt}"
        out.write_bytes(old)
        reports = rng.randint(1, 40)  # of about 40 (blocks of 32 KiB)
        proc = _child("report", str(src), "--out", str(out), "--jobs", str(jobs))
        try:
            assert proc.stdout is not None
            for _ in range(reports):
                if not proc.stdout.readline():
                    break  # finished before this report
            # A further random delay moves the kill off the report itself; the assertions
            # hold wherever it lands.
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=rng.uniform(0, 0.02))
            with contextlib.suppress(ProcessLookupError):
                os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=TIMEOUT)
        finally:
            _end(proc)
        killed.append(proc.pid)
        if out.read_bytes() != old:  # then the whole new output, readable
            assert list(read_output(out)) == new, (turn, fmt, jobs)
        # Whatever the killed runs left is named as partial, with the pid of its run.
        for name in _leftovers(work):
            hit = re.fullmatch(r"\.o\.\w+(\.errors\.jsonl)?\.partial-(\d+)-[0-9a-f]{8}", name)
            assert hit is not None, name
            assert int(hit.group(2)) in killed, name
        (work / f"o.{fmt}").unlink()
    # The next run of each target removes what the killed runs left.
    for fmt in FORMATS:
        run_batch(src, work / f"o.{fmt}", work / f"o.{fmt}.errors.jsonl", jobs=2)
    assert _leftovers(work) == []
    assert [p for pid in killed for p in _part_folders(pid)] == []


# --- CSV cells a spreadsheet would run ---------------------------------------------------------


HOSTILE = {
    "agency": '=HYPERLINK("http://evil.example","klik")',
    "unit": "+1+1",
    "region": "@SUM(A1:A9)",
    "id": "-2+3",
}


def _hostile_case() -> dict[str, Any]:
    case: dict[str, Any] = json.loads(json.dumps(CASES[0]))
    case["id"] = HOSTILE["id"]
    case["asn"] = {**case["asn"], "agency": HOSTILE["agency"], "unit": HOSTILE["unit"]}
    case["asn"]["region"] = HOSTILE["region"]
    return case


def test_csv_output_neutralises_formulas_and_reads_them_back(tmp_path: Path) -> None:
    """In CSV output a cell starting with = + - @ is written behind a quote, so a
    spreadsheet shows it as text; read_output gives the original text back, and JSON Lines
    and Parquet keep it as it is."""
    src = _write_input(tmp_path, "jsonl", [_hostile_case()])
    for fmt in FORMATS:
        run_batch(src, tmp_path / f"o.{fmt}", tmp_path / "e.jsonl")
        (record,) = read_output(tmp_path / f"o.{fmt}")
        assert (record["case_id"], record["agency"], record["unit"], record["region"]) == (
            HOSTILE["id"],
            HOSTILE["agency"],
            HOSTILE["unit"],
            HOSTILE["region"],
        )
    with (tmp_path / "o.csv").open(encoding="utf-8", newline="") as fh:
        (row,) = csv.DictReader(fh)
    assert row["case_id"] == "'-2+3"
    assert row["agency"] == "'" + HOSTILE["agency"]
    assert row["unit"] == "'+1+1"
    assert row["region"] == "'@SUM(A1:A9)"
    cells = [v for v in row.values() if v]
    assert not [v for v in cells if v.startswith(FORMULA_STARTS)]


@settings(max_examples=examples(300))
@given(st.text())
def test_csv_cells_never_start_a_formula_and_read_back_exactly(text: str) -> None:
    """Any text: the written cell never starts with a formula character, reading it back
    gives the text, and the row writer writes each cell as csv_cell does."""
    cell = csv_cell(text)
    assert not cell.startswith(FORMULA_STARTS)
    assert csv_text(cell) == text
    assert csv_row({"agency": text, "activities": 1}) == {"agency": cell, "activities": 1}


def test_csv_cell_leaves_other_values_alone() -> None:
    """Numbers, None and text without a formula start are written as they are."""
    assert [csv_cell(v) for v in (5, None, "PNS", "2024-01-02", "[]")] == [
        5,
        None,
        "PNS",
        "2024-01-02",
        "[]",
    ]
    assert csv_cell("\tx") == "'\tx"
    assert csv_cell("\rx") == "'\rx"
