"""``make bench``: the figures of docs/performance.md, in one run, each set against the
hand-written object baseline (bench/object_baseline.py: 25 provisions of PP 53/2010 and
PP 94/2021 written as plain if-statements over the case objects, building nothing first).

(a) per case, on validated cases of the baseline's own corpus (bench/object_corpus.py): the
    baseline, ``hits`` and ``evaluate()`` with full reports, on the same 25 provisions and on
    the whole corpus, ``evaluate()`` with the assessment (the sanctions stage, as ``check``
    and the batch give it), and the durable backend;
(b) end to end, JSON Lines in -> output records out, one process and --jobs 2, beside the
    baseline's rate on the same bench cases;
(c) peak RSS of a child streaming N cases (200,000; ``--full``: 1,000,000) generated lazily
    into a pipe;
(d) import plus loading and compiling the whole corpus, in a fresh child process;
(e) with ``--against REV``: ``evaluate()`` on the bench corpus, this checkout against REV
    checked out into a temporary worktree, in alternating child processes, each warmed up on
    other cases: a pass over cases not seen before, and a second pass over them.

Each figure is the median of ``--repeat`` runs. (a) and (e) count the CPU time of the
process that does the work (the machine is shared, so its wall clock also counts other
work); (b) is the wall time of the command. Nothing here is a test: the only assertion is
that the baseline and the library agree on every case of (a) before anything is timed.
"""

from __future__ import annotations

import argparse
import datetime as dt
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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import object_baseline, object_corpus  # noqa: E402
from bench.corpus import generate_cases, generate_jsonl  # noqa: E402
from bench.worktrees import OWN_PACKAGE, worktree  # noqa: E402
from netralitas_rules.assessed import assessed  # noqa: E402
from netralitas_rules.caseio import parse_case  # noqa: E402
from netralitas_rules.engine import CompiledRuleSet, get_engine  # noqa: E402
from netralitas_rules.models import Case  # noqa: E402

SEED = 20240214
AS_OF = dt.date(2026, 12, 3)  # the day of handling for the assessment row of (a)


def _median_rate(fn: Callable[[], int], repeat: int) -> tuple[float, list[float]]:
    """Cases per second of this process's CPU time (on a shared, busy machine the wall
    clock also counts the time other processes ran), the median of ``repeat`` runs."""
    rates = []
    for _ in range(repeat):
        start = time.process_time()
        n = fn()
        rates.append(n / (time.process_time() - start))
    return statistics.median(rates), rates


def _fmt(rates: list[float]) -> str:
    return ", ".join(f"{r:,.0f}" for r in rates)


def _restricted(rules: CompiledRuleSet, ids: set[str]) -> CompiledRuleSet:
    """The compiled rule set cut down to the baseline's provisions and the exceptions that
    withdraw them (so the engine does the baseline's work, no more and no less)."""
    keep = ids | {r.id for r in rules.rules if r.excepts & ids}
    return CompiledRuleSet(
        regulations=rules.regulations,
        rules=tuple(r for r in rules.rules if r.id in keep),
        by_kind={k: tuple(r for r in v if r.id in keep) for k, v in rules.by_kind.items()},
        any_kind=tuple(r for r in rules.any_kind if r.id in keep),
        coverage=rules.coverage,
    )


def _per_case(call: Callable[[Case], object], cases: list[Case]) -> Callable[[], int]:
    def go() -> int:
        for case in cases:
            call(case)
        return len(cases)

    return go


def _interleaved(
    rows: list[tuple[str, Callable[[Case], object], list[Case]]], repeat: int, chunk: int = 500
) -> dict[str, list[float]]:
    """Each row's cases/s of CPU time, ``repeat`` times: the rows take turns on chunks of
    their cases, so a change in the machine's speed (it is shared) hits every row alike and
    the ratios between rows hold even when the rates drift. Each chunk is warmed by an
    untimed pass of the first row, and the rows' order turns from chunk to chunk."""
    rates: dict[str, list[float]] = {key: [] for key, _, _ in rows}
    longest = max(len(cases) for _, _, cases in rows)
    for _ in range(repeat):
        spent = dict.fromkeys(rates, 0.0)
        for turn, start in enumerate(range(0, longest, chunk)):
            # The first row to meet a chunk met its cases cold (out of the CPU's caches):
            # about 15 us a case, which flattered every row after it. An untimed pass warms
            # the chunk, and the order turns so no row is always first.
            for _, call, cases in rows[:1]:
                for case in cases[start : start + chunk]:
                    call(case)
            shift = turn % len(rows)
            for key, call, cases in rows[shift:] + rows[:shift]:
                part = cases[start : start + chunk]
                began = time.process_time()
                for case in part:
                    call(case)
                spent[key] += time.process_time() - began
        for key, _, cases in rows:
            rates[key].append(len(cases) / spent[key])
    return rates


def baseline_rate(cases: list[Case], repeat: int) -> tuple[float, list[float]]:
    """The object baseline's cases/s on validated cases."""
    return _median_rate(_per_case(object_baseline.evaluate, cases), repeat)


def core(n: int, n_durable: int, repeat: int) -> dict[str, float]:
    """(a) per case on validated cases of the baseline's corpus, against the baseline."""
    cases: list[Case] = [parse_case(json.dumps(c)) for c in object_corpus.generate_cases(n, SEED)]
    full = get_engine("python")
    subset = set(object_baseline.PROVISIONS)
    same = get_engine("python", _restricted(full.rules, subset))
    # Correctness first: the baseline and both engines agree on every case.
    for c in cases:
        want = sorted(object_baseline.evaluate(c))
        got = sorted((a.id, d.id if d else None, r.id) for a, d, r in same.hits(c))
        assert got == want, (c.id, got, want)
        got = sorted(
            (a.id, d.id if d else None, r.id) for a, d, r in full.hits(c) if r.id in subset
        )
        assert got == want, (c.id, got, want)
    acts = sum(len(c.activities) for c in cases)
    print(
        f"(a) {n:,} validated cases of bench/object_corpus.py ({acts:,} acts); the object "
        f"baseline and the library agree on its {len(subset)} provisions for every case"
    )
    rows: list[tuple[str, str, Callable[[Case], object], list[Case]]] = [
        (
            "object baseline (25 provisions), cases/s",
            "base",
            object_baseline.evaluate,
            cases,
        ),
        ("python hits, same 25 provisions, cases/s", "hits_same", same.hits, cases),
        ("python hits, whole corpus, cases/s", "hits_full", full.hits, cases),
        (
            "python evaluate(), same 25 provisions, cases/s",
            "eval_same",
            same.evaluate,
            cases,
        ),
        ("python evaluate(), whole corpus, cases/s", "eval_full", full.evaluate, cases),
        (
            "python evaluate() + assessment, cases/s",
            "assessed",
            lambda c: assessed(full.evaluate(c), c, engine=full, as_of=AS_OF),
            cases,
        ),
    ]
    try:
        durable = get_engine("durable")
        dcases = cases[:n_durable]
        for c in dcases[:200]:
            report = durable.evaluate(c).model_dump()
            assert report == full.evaluate(c).model_dump() | {"stamp": report["stamp"]}, c.id
        rows.append(("durable hits, whole corpus, cases/s", "durable_hits", durable.hits, dcases))
        rows.append(
            (
                "durable evaluate(), whole corpus, cases/s",
                "durable_eval",
                durable.evaluate,
                dcases,
            )
        )
    except Exception as exc:  # the durable backend is optional
        print(f"    durable backend unavailable: {exc}")
    out: dict[str, float] = {}
    for _, _, call, some in rows:
        for case in some:  # the first pass fills the per-provision memos and builds code
            call(case)
    measured = _interleaved([(key, call, some) for _, key, call, some in rows], repeat)
    for label, key, _, _ in rows:
        rates = measured[key]
        med = out[key] = statistics.median(rates)
        ratio = "" if key == "base" else f"{med / out['base']:>6.2f} x baseline"
        print(f"    {label:<50} {med:>10,.0f}  {ratio}  ({_fmt(rates)})")
    print(
        "    hits / baseline, same provisions: "
        f"{out['hits_same'] / out['base']:.2f} (target >= 1.0); "
        f"whole corpus: {out['hits_full'] / out['base']:.2f}"
    )
    print(
        "    evaluate() with full reports / baseline, same provisions: "
        f"{out['eval_same'] / out['base']:.2f}; whole corpus: {out['eval_full'] / out['base']:.2f}"
    )
    print(
        "    evaluate() + assessment / evaluate(), whole corpus: "
        f"{out['assessed'] / out['eval_full']:.2f} (the sanctions stage's share of a checked "
        f"case: {1 - out['assessed'] / out['eval_full']:.0%})"
    )
    if "durable_hits" in out:
        print(
            "    python / durable, whole corpus: hits "
            f"{out['hits_full'] / out['durable_hits']:.1f} "
            f"(target >= 10), evaluate() {out['eval_full'] / out['durable_eval']:.1f}"
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
        # The yardstick on these very cases, in this process, already validated: it reads no
        # JSON, writes nothing and judges 25 provisions, so the ratios below cannot flatter.
        sample = [parse_case(json.dumps(c)) for c in generate_cases(min(20_000, max(sizes)), SEED)]
        base, base_rates = baseline_rate(sample, repeat)
        print(
            f"(b) object baseline on the first {len(sample):,} of these cases (validated, in "
            f"process): {base:,.0f} cases/s   ({_fmt(base_rates)})"
        )
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
                    f"cases/s = {results[jobs] / base:.2f} x baseline   ({_fmt(rates)}; wall "
                    "time incl. start-up)"
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
# The peak so far at each quarter of the run: flat when the last three are close.
quarters = [samples[len(samples) * q // 4 - 1] if samples else peak for q in (1, 2, 3)]
print(s.read, s.reported, peak, early, took, *quarters)
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
    read, reported, peak, early, took, *quarters = proc.stdout.split()
    marks = ", ".join(f"{int(q) / 1024:,.0f}" for q in quarters)
    print(
        f"(c) streamed {int(read):,} cases ({int(reported):,} reported) in {float(took):,.0f} s: "
        f"peak RSS {int(peak) / 1024:,.0f} MiB (after ~10 s: {int(early) / 1024:,.0f} MiB; "
        f"at a quarter, half and three quarters of the run: {marks} MiB); "
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


_EVAL_CHILD = (
    r"""
import json, sys, time
src, bench_root, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
sys.path[:0] = [bench_root]
"""
    + OWN_PACKAGE
    + r"""
from bench.corpus import generate_cases
from netralitas_rules.caseio import parse_case
from netralitas_rules.engine import get_engine
# 2n cases: the first n warm the per-provision memos; the other n are timed twice. The
# first pass ("fresh") sees cases no memo keyed by fact values has seen, as a batch does;
# the second ("seen") goes over them again, which flatters such memos (a value memo holds
# 4,096 entries a provision, so a pass over more distinct values also clears it).
cases = [parse_case(json.dumps(c)) for c in generate_cases(2 * n, 20240214)]
engine = get_engine("python")
for c in cases[:n]:
    engine.evaluate(c)
rates = []
for _ in range(2):
    start = time.process_time()  # CPU time: the machine is shared
    for c in cases[n:]:
        engine.evaluate(c)
    rates.append(n / (time.process_time() - start))
print(*rates)
"""
)


def against(rev: str, n: int, repeat: int) -> None:
    """(e) ``evaluate()`` on ``n`` bench cases: this checkout against ``rev`` (checked out
    into a temporary worktree), alternating child processes; both read the same corpus, warm
    up on n other cases, and time a fresh pass and a second pass (see ``_EVAL_CHILD``)."""
    rates: dict[tuple[str, str], list[float]] = {}
    with worktree(rev) as old:
        for _ in range(repeat):
            for name, src in (("old", old), ("new", ROOT)):
                out = subprocess.run(
                    [sys.executable, "-c", _EVAL_CHILD, str(src), str(ROOT), str(n)],
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout.split()
                for kind, rate in zip(("fresh", "seen"), out, strict=True):
                    rates.setdefault((name, kind), []).append(float(rate))
    for kind, what in (
        ("fresh", "cases not seen before, as a batch sees them"),
        ("seen", "a second pass over the same cases"),
    ):
        old_rates, new_rates = rates["old", kind], rates["new", kind]
        ratio = statistics.median(new_rates) / statistics.median(old_rates)
        print(
            f"(e) evaluate() with full reports, {n:,} bench cases, {what}: {rev} "
            f"{statistics.median(old_rates):,.0f} cases/s ({_fmt(old_rates)}), this checkout "
            f"{statistics.median(new_rates):,.0f} ({_fmt(new_rates)}): {ratio:.2f} x "
            "(target >= 2)"
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
    parser.add_argument("--only", choices=("a", "b", "c", "d", "e"), action="append")
    parser.add_argument(
        "--against",
        metavar="REV",
        help="(e): compare evaluate() with REV, e.g. 323fdf9 (before the one-path refactor)",
    )
    parser.add_argument("--against-cases", type=int, default=10_000)
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
    if args.against and ("e" in sections or not args.only):
        against(args.against, args.against_cases, args.repeat)


if __name__ == "__main__":
    main()
