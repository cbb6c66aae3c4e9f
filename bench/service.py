"""POST /v1/check over HTTP: requests per second and p50/p99 latency at 8 concurrent
clients against one ``netralitas serve`` worker, beside the library's own rate on the same
case measured in the same run, as ratios (the machine is shared: absolute figures move
with its load, the ratios much less).

Three figures, each on the seed case as a client sends it (``examples/muaro-jambi-2019``,
the election by name):

* the library: the body read (the service's own reader), judged and assessed
  (``answer``) and serialized, in this process, one thread;
* the service in process: the same request through the ASGI application (routing, token,
  problem handling, response) without a socket, which separates the framework's cost from
  the library's;
* the service over HTTP: ``netralitas serve`` in its own process, ``--clients``
  keep-alive connections each with one request in flight. The clients are a lean asyncio
  loop on raw sockets, in one process (httpx cost more CPU per request than the server,
  on the same two cores).

    .venv/bin/python bench/service.py [--requests 8000] [--clients 8] [--db URL]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from _service import seed_json, serving
from netralitas_rules.assessed import answer
from netralitas_rules.register import Register
from netralitas_rules.service import Role, TokenStore, create_app
from netralitas_rules.service.body import case_of

DAY = dt.date(2024, 6, 1)
PATH = "/v1/check?as_of=2024-06-01"


def library_rate(body: bytes, seconds: float) -> float:
    """Bodies read, judged, assessed and serialized per second, in this process."""
    from netralitas_rules.engine import get_engine

    engine = get_engine()

    def once() -> None:
        answer(case_of(body), as_of=DAY, engine=engine).model_dump_json()

    once()
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        once()
        n += 1
    return n / (time.perf_counter() - start)


def asgi_rate(db: str, token: str, body: bytes, seconds: float) -> float:
    """Requests per second through the ASGI application, in this process, no socket."""
    path, _, query = PATH.partition("?")
    headers = [
        (b"host", b"bench"),
        (b"authorization", f"Bearer {token}".encode()),
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
    ]
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 2),
    }

    async def run() -> float:
        with Register(db) as reg, TokenStore(db, remember_s=60) as tokens:
            app = create_app(reg, tokens)

            async def once() -> None:
                messages = [{"type": "http.request", "body": body, "more_body": False}]

                async def receive() -> dict[str, Any]:
                    return messages.pop() if messages else {"type": "http.disconnect"}

                status: list[int] = []

                async def send(message: Any) -> None:
                    if message["type"] == "http.response.start":
                        status.append(message["status"])

                await app({**scope, "state": {}}, receive, send)
                assert status == [200], status

            for _ in range(20):
                await once()
            n, start = 0, time.perf_counter()
            while time.perf_counter() - start < seconds:
                await once()
                n += 1
            return n / (time.perf_counter() - start)

    return asyncio.run(run())


async def _client(host: str, port: int, request: bytes, count: int, out: list[float]) -> None:
    """One keep-alive connection sending ``count`` requests, one at a time."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        for _ in range(count):
            start = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            status = head[9:12]
            length = 0
            for line in head.split(b"\r\n"):
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            await reader.readexactly(length)
            out.append((time.perf_counter() - start) * 1000)
            assert status == b"200", head
    finally:
        writer.close()


def http_run(
    url: str, token: str, body: bytes, requests: int, clients: int
) -> tuple[float, list[float]]:
    """(requests/s, latencies in ms) of ``requests`` POST /v1/check over ``clients``
    keep-alive connections, each with one request in flight."""
    where = urlsplit(url)
    host, port = where.hostname or "127.0.0.1", where.port or 80
    request = (
        f"POST {PATH} HTTP/1.1\r\nHost: {where.netloc}\r\nAuthorization: Bearer {token}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode() + body

    async def run() -> tuple[float, list[float]]:
        warm: list[float] = []
        await _client(host, port, request, 50, warm)
        latencies: list[float] = []
        per = requests // clients
        start = time.perf_counter()
        await asyncio.gather(
            *(_client(host, port, request, per, latencies) for _ in range(clients))
        )
        return len(latencies) / (time.perf_counter() - start), latencies

    return asyncio.run(run())


def main() -> None:
    """Measure and print one line per figure, then the ratios."""
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--requests", type=int, default=8000)
    p.add_argument("--clients", type=int, default=8)
    p.add_argument("--seconds", type=float, default=4.0, help="for each in-process rate")
    p.add_argument("--db", help="register URL (postgresql://...); default a SQLite file")
    p.add_argument("--json", action="store_true", help="print the figures as one JSON line")
    args = p.parse_args()
    body = seed_json().encode()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "register.sqlite")
        with TokenStore(db) as store:
            token = store.add(Role.SUPERVISOR)[0]
        lib = library_rate(body, args.seconds)
        asgi = asgi_rate(db, token, body, args.seconds)
        with serving(db) as url:
            rate, lat = http_run(url, token, body, args.requests, args.clients)
        lib_after = library_rate(body, args.seconds)
    q = statistics.quantiles(lat, n=100)
    lib_mean = (lib + lib_after) / 2
    figures = {
        "library_per_s": round(lib_mean),
        "library_before_after": [round(lib), round(lib_after)],
        "asgi_per_s": round(asgi),
        "http_per_s": round(rate),
        "p50_ms": round(q[49], 2),
        "p99_ms": round(q[98], 2),
        "clients": args.clients,
        "requests": len(lat),
        "asgi_over_library": round(asgi / lib_mean, 2),
        "http_over_library": round(rate / lib_mean, 2),
    }
    if args.json:
        print(json.dumps(figures))
        return
    print(
        f"library (read, answer, serialize): {lib_mean:,.0f} cases/s "
        f"(before {lib:,.0f}, after {lib_after:,.0f}; seed case, one thread)"
    )
    print(f"service in process (ASGI, no socket): {asgi:,.0f} req/s")
    print(
        f"POST /v1/check over HTTP: {rate:,.0f} req/s at {args.clients} clients, one worker; "
        f"p50 {q[49]:.1f} ms, p99 {q[98]:.1f} ms ({len(lat)} requests)"
    )
    print(
        f"in process / library: {asgi / lib_mean:.2f}; over HTTP / library: {rate / lib_mean:.2f}"
    )


if __name__ == "__main__":
    main()
