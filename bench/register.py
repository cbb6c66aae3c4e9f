"""The register's cost per call, in CPU milliseconds: ``add_case``, ``add_event``, ``get``,
``list`` (all cases), ``history`` and the consistency check ``all_verdicts_agree`` (per
case), one client, on SQLite (a temporary file) and, with ``--postgres``, on a
PostgreSQL server started as the tests start theirs (``tests/_postgres.py``).

The workload is that of ``tests/test_register.py::test_eight_clients_lose_no_event`` on
one thread: each of ``--cases`` seed cases registered, then an event (a teguran lisan
imposed, else a report) recorded on a registered case chosen at random; then the list,
every case's history, every case's record and the check. Each run is a child process on
a fresh database; the figure is the median of ``--repeat`` runs. With ``--against REV``
the same runs alternate with a checkout of REV (a temporary worktree), so both see the
same load. CPU time of the child (the machine is shared: its wall clock also counts
other work). Nothing here is a test and nothing is asserted.

    .venv/bin/python bench/register.py [--cases 300] [--repeat 3] [--against REV] [--postgres]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script: bench/ is a package of the checkout
from bench.worktrees import OWN_PACKAGE, worktree  # noqa: E402

KINDS = ("add_case", "add_event", "get", "list", "history", "all_verdicts_agree")

_CHILD = (
    r"""
import datetime as dt, json, random, sys, time
from collections import defaultdict
src, root, db, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
"""
    + OWN_PACKAGE
    + r"""
from netralitas_rules import load_case
from netralitas_rules.register import Event, EventKind, Register, ReportSource
from netralitas_rules.register.store import all_verdicts_agree
from netralitas_rules.vocabulary import Tier, Track

day = dt.datetime(2024, 6, 1, 9, 0, tzinfo=dt.UTC)
seed = load_case(root + "/examples/muaro-jambi-2019.yaml")
reported = Event(kind=EventKind.REPORTED, date=dt.date(2019, 3, 11),
                 source=ReportSource.BAWASLU_FINDING)
teguran = Event(kind=EventKind.SANCTION_IMPOSED, date=dt.date(2019, 6, 14),
                track=Track.DISIPLIN, tier=Tier.RINGAN, form="teguran lisan",
                by="PPK Kabupaten Muaro Jambi")
cpu, calls = defaultdict(float), defaultdict(int)

def timed(kind, fn, *args, per=1, **kwargs):
    start = time.process_time()
    out = fn(*args, **kwargs)
    cpu[kind] += time.process_time() - start
    calls[kind] += per
    return out

reg = Register(db, clock=lambda: day)
rng, ids = random.Random(1), []
for k in range(n):
    asn = seed.asn.model_copy(update={"agency": f"Kab {k % 5}"})
    case = seed.model_copy(update={"id": f"c-{k:04d}", "imposed_sanctions": (), "asn": asn})
    timed("add_case", reg.add_case, case, actor="bench")
    ids.append(case.id)
    event = teguran if rng.random() < 0.3 else reported
    timed("add_event", reg.add_event, rng.choice(ids), event, actor="bench")
listed = [s.id for s in timed("list", reg.list)]
for case_id in listed:
    timed("history", reg.history, case_id)
for case_id in listed:
    timed("get", reg.get, case_id)
timed("all_verdicts_agree", all_verdicts_agree, reg, listed, per=len(listed))
reg.close()
print(json.dumps({k: 1000 * cpu[k] / calls[k] for k in cpu}))
"""
)


def run_child(src: Path, db: str, cases: int) -> dict[str, float]:
    """One run of the workload on ``db`` with the library of the checkout ``src``."""
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(src), str(ROOT), db, str(cases)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    figures: dict[str, float] = json.loads(out.splitlines()[-1])
    return figures


def measure(
    trees: dict[str, Path], fresh_db: Callable[[], str], cases: int, repeat: int
) -> dict[str, dict[str, float]]:
    """Per tree, per kind of call: the median CPU ms, the trees' runs alternating."""
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    for _ in range(repeat):
        for name, src in trees.items():
            runs[name].append(run_child(src, fresh_db(), cases))
    return {
        name: {k: statistics.median(r[k] for r in rs) for k in KINDS} for name, rs in runs.items()
    }


def report(backend: str, medians: dict[str, dict[str, float]], cases: int) -> None:
    """One table: a row per kind of call, a column per tree (and the ratio of two)."""
    names = list(medians)
    print(f"\n{backend}, {cases:,} cases, CPU ms per call (median):")
    head = f"  {'call':<20}" + "".join(f"{n:>14}" for n in names)
    print(head + ("     old/new" if len(names) == 2 else ""))
    for kind in KINDS:
        row = f"  {kind:<20}" + "".join(f"{medians[n][kind]:>14.3f}" for n in names)
        if len(names) == 2:
            row += f"{medians[names[0]][kind] / medians[names[1]][kind]:>11.2f}x"
        print(row)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--against", metavar="REV", help="alternate with a checkout of REV")
    parser.add_argument("--postgres", action="store_true", help="also on PostgreSQL")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, _trees(args.against) as trees:
        counter = iter(range(1_000_000))
        sqlite = measure(
            trees, lambda: str(Path(tmp) / f"r{next(counter)}.sqlite"), args.cases, args.repeat
        )
        report("SQLite", sqlite, args.cases)
        if args.postgres:
            sys.path.insert(0, str(ROOT / "tests"))
            import _postgres

            server = _postgres.start_server()
            try:
                pg = measure(trees, server.create_database, args.cases, args.repeat)
            finally:
                server.stop()
            report("PostgreSQL", pg, args.cases)


@contextmanager
def _trees(against: str | None) -> Iterator[dict[str, Path]]:
    if against is None:
        yield {"this checkout": ROOT}
        return
    with worktree(against) as old:
        yield {against[:12]: old, "this checkout": ROOT}


if __name__ == "__main__":
    main()
