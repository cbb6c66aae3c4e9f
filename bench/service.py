"""POST /v1/check over HTTP: requests per second and p50/p99 latency at 8 concurrent
clients against one ``netralitas serve`` worker, beside the library's own rate on the same
case measured in the same run (``answer`` in this process), as a ratio.

    .venv/bin/python bench/service.py [--requests 4000] [--clients 8]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from _service import bearer, seed_json, serving
from netralitas_rules import examples, load_case
from netralitas_rules.assessed import answer
from netralitas_rules.engine import get_engine
from netralitas_rules.service import Role, TokenStore


def library_rate(seconds: float = 3.0) -> float:
    """Cases judged and assessed per second by the library on the seed case."""
    case = load_case(examples.path("muaro-jambi-2019"))
    engine = get_engine()
    day = dt.date(2024, 6, 1)
    answer(case, as_of=day, engine=engine)
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        answer(case, as_of=day, engine=engine)
        n += 1
    return n / (time.perf_counter() - start)


def http_run(url: str, token: str, requests: int, clients: int) -> tuple[float, list[float]]:
    """(requests/s, latencies in ms) of ``requests`` POST /v1/check from ``clients`` threads."""
    body = seed_json().encode()
    headers = {**bearer(token), "content-type": "application/json"}
    latencies: list[float] = []
    lock = threading.Lock()
    per = requests // clients

    def client() -> None:
        mine = []
        with httpx.Client(base_url=url, headers=headers, timeout=60) as c:
            for _ in range(per):
                t = time.perf_counter()
                r = c.post("/v1/check?as_of=2024-06-01", content=body)
                mine.append((time.perf_counter() - t) * 1000)
                assert r.status_code == 200, r.text
        with lock:
            latencies.extend(mine)

    with httpx.Client(base_url=url, headers=headers, timeout=60) as warm:
        for _ in range(20):
            warm.post("/v1/check?as_of=2024-06-01", content=body)
    threads = [threading.Thread(target=client) for _ in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(latencies) / (time.perf_counter() - start), latencies


def main() -> None:
    """Measure and print one line per figure."""
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--requests", type=int, default=4000)
    p.add_argument("--clients", type=int, default=8)
    args = p.parse_args()
    lib = library_rate()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "register.sqlite"
        with TokenStore(db) as store:
            token = store.add(Role.SUPERVISOR)[0]
        with serving(db) as url:
            rate, lat = http_run(url, token, args.requests, args.clients)
    q = statistics.quantiles(lat, n=100)
    print(f"library answer(): {lib:,.0f} cases/s (seed case, one thread)")
    print(
        f"POST /v1/check: {rate:,.0f} req/s at {args.clients} clients, one worker; "
        f"p50 {q[49]:.1f} ms, p99 {q[98]:.1f} ms ({len(lat)} requests)"
    )
    print(f"service / library: {rate / lib:.2f}")


if __name__ == "__main__":
    main()
