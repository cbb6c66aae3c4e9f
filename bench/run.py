"""``make bench``: the batch figures of docs/performance.md, in one run.

(a) evaluation core on validated cases: the python and durable backends beside the
    hand-written baseline (bench/baseline.py, PP 94/2021) on the same fact records;
(b) end to end, JSON Lines in -> output records out, one process and --jobs 2;
(c) peak RSS of a child streaming N cases (200,000; ``--full``: 1,000,000) generated lazily
    into a pipe;
(d) import plus loading and compiling the whole corpus, in a fresh child process.

Each figure is the median of ``--repeat`` runs. Nothing here is a test: the only assertion
is that the baseline and the engine agree on which provisions match every generated record.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import baseline  # noqa: E402
from bench.corpus import generate_cases, generate_jsonl  # noqa: E402
from netralitas_rules.caseio import parse_case  # noqa: E402
from netralitas_rules.engine import CompiledRuleSet, get_engine  # noqa: E402
from netralitas_rules.facts import record_maker  # noqa: E402
from netralitas_rules.models import Case  # noqa: E402

SEED = 20240214


def _records(case: Case, activity: Any) -> list[tuple[Any, dict[str, Any]]]:
    """The fact records of one act, one per target candidate (or one without)."""
    make = record_maker(case)
    if not activity.candidate_ids:
        return [(None, make(activity, None))]
    return [(cand, make(activity, cand)) for cand in map(case.candidate, activity.candidate_ids)]


def _median_rate(fn: Callable[[], int], repeat: int) -> tuple[float, list[float]]:
    rates = []
    for _ in range(repeat):
        start = time.perf_counter()
        n = fn()
        rates.append(n / (time.perf_counter() - start))
    return statistics.median(rates), rates


def _fmt(rates: list[float]) -> str:
    return ", ".join(f"{r:,.0f}" for r in rates)


def _restricted(rules: CompiledRuleSet, ids: set[str]) -> CompiledRuleSet:
    """The compiled rule set cut down to the provisions the baseline covers."""
    return CompiledRuleSet(
        regulations=rules.regulations,
        rules=tuple(r for r in rules.rules if r.id in ids),
        by_kind={k: tuple(r for r in v if r.id in ids) for k, v in rules.by_kind.items()},
        any_kind=tuple(r for r in rules.any_kind if r.id in ids),
        coverage=rules.coverage,
    )


def core(n: int, n_durable: int, repeat: int) -> dict[str, float]:
    """(a) the evaluation core on validated cases."""
    cases: list[Case] = [parse_case(json.dumps(c)) for c in generate_cases(n, SEED)]
    records = [
        (rec, (a.date).toordinal())
        for c in cases
        for a in c.activities
        for _, rec in _records(c, a)
    ]
    full = get_engine("python")
    subset = set(baseline.PROVISIONS)
    pp94 = get_engine("python", _restricted(full.rules, subset))
    # Correctness first: the baseline and the engine agree on every record.
    for rec, day in records:
        want = sorted(baseline.match(rec, day))
        got = sorted(r.id for r in full.match(rec, day) if r.id in subset)
        assert got == want, (rec, got, want)
        assert sorted(r.id for r in pp94.match(rec, day)) == want
    print(
        f"(a) {n:,} validated cases, {len(records):,} fact records; baseline and engine agree "
        f"on {', '.join(baseline.PROVISIONS)} for every record"
    )

    def run_baseline() -> int:
        for rec, day in records:
            baseline.match(rec, day)
        return len(records)

    def run_match(engine: Any) -> Callable[[], int]:
        def go() -> int:
            for rec, day in records:
                engine.match(rec, day)
            return len(records)

        return go

    def run_cases(call: Callable[[Case], object], subset_cases: list[Case]) -> Callable[[], int]:
        def go() -> int:
            for case in subset_cases:
                call(case)
            return len(subset_cases)

        return go

    def run_evaluate(engine: Any, subset_cases: list[Case]) -> Callable[[], int]:
        return run_cases(engine.evaluate, subset_cases)

    def run_hits(engine: Any, subset_cases: list[Case]) -> Callable[[], int]:
        return run_cases(engine.hits, subset_cases)

    def run_baseline_cases() -> int:
        for c in cases:
            for a in c.activities:
                for _, rec in _records(c, a):
                    baseline.match(rec, a.date.toordinal())
        return len(cases)

    # The python engine's hits read the case objects (no fact records); check they name
    # the baseline's provisions for every act before timing them.
    for c in cases[:2000]:
        found = sorted((a.id, cand.id if cand else "", r.id) for a, cand, r in pp94.hits(c))
        expected = sorted(
            (a.id, cand.id if cand else "", pid)
            for a in c.activities
            for cand, rec in _records(c, a)
            for pid in baseline.match(rec, a.date.toordinal())
        )
        assert found == expected, (c.id, found, expected)

    out: dict[str, float] = {}
    rows = [
        ("match: hand-written baseline (PP 94/2021), records/s", "base_match", run_baseline),
        ("match: python engine, PP 94/2021 only, records/s", "py94_match", run_match(pp94)),
        ("match: python engine, whole corpus, records/s", "py_match", run_match(full)),
        ("cases: baseline incl. fact records, cases/s", "base_cases", run_baseline_cases),
        (
            "cases: python evaluate (PP 94/2021 only), cases/s",
            "py94_eval",
            run_evaluate(pp94, cases),
        ),
        ("cases: python evaluate (whole corpus), cases/s", "py_eval", run_evaluate(full, cases)),
        ("cases: python hits (PP 94/2021 only), cases/s", "py94_hits", run_hits(pp94, cases)),
        ("cases: python hits (whole corpus), cases/s", "py_hits", run_hits(full, cases)),
    ]
    try:
        durable = get_engine("durable")
        dcases = cases[:n_durable]
        assert [durable.evaluate(c).model_dump() for c in dcases[:200]] == [
            full.evaluate(c).model_dump() | {"stamp": durable.evaluate(c).stamp.model_dump()}
            for c in dcases[:200]
        ]
        drecords = records[: max(1, len(records) * n_durable // max(n, 1))]
        for rec, day in drecords[:2000]:
            numbers = sorted(r.number for r in durable.match(rec, day))
            assert numbers == sorted(r.number for r in full.match(rec, day)), rec

        def run_durable_match() -> int:
            for rec, day in drecords:
                durable.match(rec, day)
            return len(drecords)

        rows.append(
            ("match: durable engine, whole corpus, records/s", "durable_match", run_durable_match)
        )
        rows.append(
            (
                "cases: durable evaluate (whole corpus), cases/s",
                "durable_eval",
                run_evaluate(durable, dcases),
            )
        )
        rows.append(
            (
                "cases: durable hits (whole corpus), cases/s",
                "durable_hits",
                run_hits(durable, dcases),
            )
        )
    except Exception as exc:  # the durable backend is optional
        print(f"    durable backend unavailable: {exc}")
    for label, key, fn in rows:
        med, rates = _median_rate(fn, repeat)
        out[key] = med
        print(f"    {label:<58} {med:>12,.0f}   ({_fmt(rates)})")
    print(
        "    python/baseline, same rules, matching core: "
        f"{out['py94_match'] / out['base_match']:.2f}"
        " (target >= 0.8)"
    )
    print(
        f"    python/baseline, same rules, per case with reports: "
        f"{out['py94_eval'] / out['base_cases']:.2f}"
    )
    print(
        "    python/baseline, same rules, per case, which provisions each act meets "
        f"(engine hits vs baseline with its records): {out['py94_hits'] / out['base_cases']:.2f}"
        " (target >= 0.8)"
    )
    if "durable_eval" in out:
        print(
            "    python/durable, whole corpus, matching core: "
            f"{out['py_match'] / out['durable_match']:.1f}"
            " (target >= 10)"
        )
        print(
            "    python/durable, whole corpus, per case with reports: "
            f"{out['py_eval'] / out['durable_eval']:.1f}"
        )
        print(
            "    python/durable, whole corpus, per case, hits: "
            f"{out['py_hits'] / out['durable_hits']:.1f} (target >= 10)"
        )
    return out


def end_to_end(sizes: list[int], repeat: int) -> None:
    """(b) JSON Lines in -> output records out, through the command, 1 and 2 processes, for
    each batch size (the smaller batches are the first lines of the largest).

    Runs alternate (1, 2, 1, 2, ...) so a drift in the machine's speed hits both alike. The
    wall time includes the command's start-up (interpreter, imports, loading and compiling
    the rules), measured on its own on a one-case file and printed beside it: it is a fixed
    cost, so its share, and with it the rates, depend on the size of the batch.
    """
    with tempfile.TemporaryDirectory() as tmp:
        biggest = Path(tmp) / f"cases-{max(sizes)}.jsonl"
        with biggest.open("w", encoding="utf-8") as fh:
            fh.writelines(generate_jsonl(max(sizes), SEED))
        one = Path(tmp) / "one.jsonl"
        one.write_text(next(iter(generate_jsonl(1, SEED))), encoding="utf-8")

        def run(path: Path, jobs: int) -> float:
            start = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "netralitas_rules.cli",
                    "batch",
                    str(path),
                    "--out",
                    str(Path(tmp) / "out.jsonl"),
                    "--jobs",
                    str(jobs),
                ],
                check=True,
                stderr=subprocess.DEVNULL,
            )
            return time.perf_counter() - start

        startup = statistics.median(run(one, 1) for _ in range(repeat))
        print(f"(b) start-up of the command (a one-case file): {startup:.3f} s")
        for n in sorted(sizes):
            src = biggest
            if n != max(sizes):
                src = Path(tmp) / f"cases-{n}.jsonl"
                with biggest.open("rb") as whole, src.open("wb") as part:
                    part.writelines(itertools.islice(whole, n))
            walls: dict[int, list[float]] = {1: [], 2: []}
            for _ in range(repeat):
                for jobs in (1, 2):
                    walls[jobs].append(run(src, jobs))
            results = {}
            for jobs in (1, 2):
                rates = [n / w for w in walls[jobs]]
                results[jobs] = statistics.median(rates)
                print(
                    f"(b) end to end, {n:,} cases, --jobs {jobs}: {results[jobs]:>10,.0f} "
                    f"cases/s   ({_fmt(rates)}; wall time incl. start-up)"
                )
            print(
                f"    {n:,} cases: --jobs 2 / --jobs 1 = {results[2] / results[1]:.2f} "
                "(target >= 1.7; >= 50,000 cases/s in one process); without the start-up: "
                f"{n / (statistics.median(walls[1]) - startup):,.0f} and "
                f"{n / (statistics.median(walls[2]) - startup):,.0f} cases/s"
            )


_RSS_CHILD = r"""
import os, resource, sys, threading, time
sys.path.insert(0, sys.argv[1])
from bench.corpus import generate_jsonl
from netralitas_rules.batch import run_batch
n, fifo = int(sys.argv[2]), sys.argv[3]
def feed():
    with open(fifo, "w", encoding="utf-8") as fh:
        for line in generate_jsonl(n, 7):
            fh.write(line)
def peak_kib():
    # ru_maxrss survives execve on Linux (it would report the bench parent's peak);
    # VmHWM belongs to this process image only.
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
samples = []
def sample():
    while True:
        samples.append(peak_kib())
        time.sleep(1.0)
threading.Thread(target=feed, daemon=True).start()
threading.Thread(target=sample, daemon=True).start()
start = time.perf_counter()
s = run_batch(fifo, "/dev/null", "/dev/null", in_format="jsonl", out_format="jsonl")
took = time.perf_counter() - start
peak = peak_kib()
early = samples[min(len(samples) - 1, 10)] if samples else peak
print(s.read, s.reported, peak, early, took)
"""


def peak_rss(n: int) -> None:
    """(c) peak RSS of a child streaming ``n`` lazily generated cases."""
    with tempfile.TemporaryDirectory() as tmp:
        fifo = Path(tmp) / "cases.jsonl"
        os.mkfifo(fifo)
        proc = subprocess.run(
            [sys.executable, "-c", _RSS_CHILD, str(ROOT), str(n), str(fifo)],
            check=True,
            capture_output=True,
            text=True,
        )
    read, reported, peak, early, took = proc.stdout.split()
    print(
        f"(c) streamed {int(read):,} cases ({int(reported):,} reported) in {float(took):,.0f} s: "
        f"peak RSS {int(peak) / 1024:,.0f} MiB (after ~10 s: {int(early) / 1024:,.0f} MiB); "
        "target < 200 MiB, flat"
    )


_STARTUP_CHILD = r"""
import time
t0 = time.perf_counter()
import netralitas_rules
from netralitas_rules.engine import compile_rules
from netralitas_rules.loader import load_regulations
t1 = time.perf_counter()
rules = compile_rules(load_regulations())
rules.object_matchers  # the generated matchers the python engine uses, built on first use
t2 = time.perf_counter()
print(t1 - t0, t2 - t1, len(rules.rules))
"""


def startup(repeat: int) -> None:
    """(d) import plus loading and compiling the whole corpus (closures and generated
    matchers), in fresh children."""
    runs = []
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, "-c", _STARTUP_CHILD], check=True, capture_output=True, text=True
        ).stdout.split()
        runs.append((float(out[0]), float(out[1]), int(out[2])))
    total = statistics.median(i + c for i, c, _ in runs)
    print(
        f"(d) import + load + compile {runs[0][2]} provisions: {total:.3f} s median "
        f"(import {statistics.median(i for i, _, _ in runs):.3f} s, load+compile "
        f"{statistics.median(c for _, c, _ in runs):.3f} s; runs "
        f"{', '.join(f'{i + c:.3f}' for i, c, _ in runs)}); target < 0.5 s"
    )


def main() -> None:
    """Run every section (or those named) and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--cases", type=int, default=20_000, help="cases for (a)")
    parser.add_argument("--durable-cases", type=int, default=2_000)
    parser.add_argument(
        "--e2e-cases",
        type=int,
        nargs="+",
        default=[200_000, 1_000_000],
        help="batch sizes for (b)",
    )
    parser.add_argument(
        "--rss-cases", type=int, default=200_000, help="cases for (c) (--full: 1,000,000)"
    )
    parser.add_argument(
        "--full", action="store_true", help="stream 1,000,000 cases for (c) (several minutes)"
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", choices=("a", "b", "c", "d"), action="append")
    args = parser.parse_args()
    sections = args.only or ["a", "b", "c", "d"]
    if args.full:
        args.rss_cases = 1_000_000
    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, seed {SEED}, "
        f"median of {args.repeat}"
    )
    if "a" in sections:
        core(args.cases, args.durable_cases, args.repeat)
    if "b" in sections:
        end_to_end(args.e2e_cases, args.repeat)
    if "c" in sections:
        peak_rss(args.rss_cases)
    if "d" in sections:
        startup(args.repeat)


if __name__ == "__main__":
    main()
