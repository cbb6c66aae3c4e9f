"""POST /v1/check over HTTP: requests per second and p50/p99 latency at 8 concurrent
clients against one ``netralitas serve`` worker, beside the library's own rate on the same
case measured in the same run, as ratios (the machine is shared: absolute figures move
with its load, the ratios much less).

Three figures, each on the seed case as a client sends it (``examples/muaro-jambi-2019``,
the election by name):

* the library: the case judged and assessed (``answer``), in this process, one thread,
  the yardstick (the service also reads the body and serializes the report);
* the service in process: the same request through the ASGI application (routing, token,
  problem handling, response) without a socket, which separates the framework's cost from
  the library's;
* the service over HTTP: ``netralitas serve`` in its own process, ``--clients``
  keep-alive connections each with one request in flight. The clients are a lean asyncio
  loop on raw sockets, in one process (httpx cost more CPU per request than the server,
  on the same two cores).

And the register's throughput over HTTP, on SQLite and on PostgreSQL (a server started as
the tests start theirs, ``tests/_postgres.py``; skipped without its binaries): distinct
cases registered (``POST /v1/cases``), then an imposed sanction recorded on each
(``POST /v1/cases/{id}/events``), from the same clients.

    .venv/bin/python bench/service.py [--requests 8000] [--clients 8] [--register 1000]
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
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from _service import seed_json, serving
from netralitas_rules.assessed import answer
from netralitas_rules.register import Register
from netralitas_rules.service import Role, TokenStore, create_app

DAY = dt.date(2024, 6, 1)
PATH = "/v1/check?as_of=2024-06-01"


def library_rate(body: bytes, seconds: float) -> float:
    """Cases judged and assessed per second by the library, in this process."""
    once = _library(body)
    once()
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        once()
        n += 1
    return n / (time.perf_counter() - start)


def _library(body: bytes) -> Callable[[], object]:
    """The library's own answer on the case (``answer``: judged and assessed), the
    yardstick: the service also reads the body and serializes the report."""
    from netralitas_rules.caseio import parse_case
    from netralitas_rules.engine import get_engine

    engine = get_engine()
    case = parse_case(body, "request.json")
    return lambda: answer(case, as_of=DAY, engine=engine)


def in_process(db: str, token: str, body: bytes, seconds: float) -> tuple[float, float]:
    """(library per second, ASGI requests per second), measured in turns in this process:
    one library answer, then one request through the ASGI application (no socket), and so
    on, so that both see the same load."""
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
    library = _library(body)

    async def run() -> tuple[float, float]:
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
                library()
            lib = asgi = 0.0
            n, begin = 0, time.perf_counter()
            while time.perf_counter() - begin < 2 * seconds:
                t0 = time.perf_counter()
                library()
                t1 = time.perf_counter()
                await once()
                lib, asgi = lib + t1 - t0, asgi + time.perf_counter() - t1
                n += 1
            return n / lib, n / asgi

    return asyncio.run(run())


def _request(where: Any, token: str, path: str, body: bytes) -> bytes:
    """The bytes of one POST request."""
    return (
        f"POST {path} HTTP/1.1\r\nHost: {where.netloc}\r\nAuthorization: Bearer {token}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode() + body


async def _client(
    host: str, port: int, requests: list[bytes], out: list[float], status: bytes = b"200"
) -> None:
    """One keep-alive connection sending ``requests``, one at a time."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        for request in requests:
            start = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            await reader.readexactly(length)
            out.append((time.perf_counter() - start) * 1000)
            assert head[9:12] == status, head
    finally:
        writer.close()


def http_run(
    url: str, token: str, body: bytes, requests: int, clients: int
) -> tuple[float, list[float]]:
    """(requests/s, latencies in ms) of ``requests`` POST /v1/check over ``clients``
    keep-alive connections, each with one request in flight."""
    where = urlsplit(url)
    host, port = where.hostname or "127.0.0.1", where.port or 80
    request = _request(where, token, PATH, body)

    async def run() -> tuple[float, list[float]]:
        await _client(host, port, [request] * 50, [])
        latencies: list[float] = []
        per = [request] * (requests // clients)
        start = time.perf_counter()
        await asyncio.gather(*(_client(host, port, per, latencies) for _ in range(clients)))
        return len(latencies) / (time.perf_counter() - start), latencies

    return asyncio.run(run())


def register_run(url: str, token: str, cases: int, clients: int) -> tuple[float, float]:
    """(cases registered per second, events recorded per second) over ``clients``
    connections: ``cases`` distinct cases, then a sanction on each."""
    where = urlsplit(url)
    host, port = where.hostname or "127.0.0.1", where.port or 80
    ids = [f"bench-{i}" for i in range(cases)]
    event = json.dumps(
        {"kind": "sanction_imposed", "date": "2019-07-01", "track": "DISIPLIN", "tier": "BERAT"}
    ).encode()
    adds = [_request(where, token, "/v1/cases", seed_json(id=i).encode()) for i in ids]
    events = [_request(where, token, f"/v1/cases/{i}/events", event) for i in ids]

    async def timed(requests: list[bytes]) -> float:
        shares = [requests[k::clients] for k in range(clients)]
        start = time.perf_counter()
        await asyncio.gather(*(_client(host, port, sh, [], b"201") for sh in shares))
        return len(requests) / (time.perf_counter() - start)

    async def run() -> tuple[float, float]:
        return await timed(adds), await timed(events)

    return asyncio.run(run())


def register_figures(cases: int, clients: int) -> dict[str, Any]:
    """Register throughput on SQLite and on PostgreSQL (when its binaries are found)."""
    import _postgres

    out: dict[str, Any] = {}
    server = None
    with tempfile.TemporaryDirectory() as tmp:
        kinds: list[tuple[str, str]] = [("sqlite", str(Path(tmp) / "register.sqlite"))]
        try:
            server = _postgres.start_server()
            url = server.create_database().replace("postgresql+psycopg://", "postgresql://")
            kinds.append(("postgresql", url))
        except BaseException as exc:  # pytest.skip outside pytest: no binaries
            if not type(exc).__name__ == "Skipped":
                raise
            print(f"PostgreSQL: skipped ({exc})", file=sys.stderr)
        try:
            for name, db in kinds:
                with TokenStore(db) as store:
                    token = store.add(Role.SUPERVISOR)[0]
                with serving(db) as served:
                    out[name] = [round(r) for r in register_run(served, token, cases, clients)]
        finally:
            if server is not None:
                server.stop()
    return out


def main() -> None:
    """Measure and print one line per figure, then the ratios."""
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--requests", type=int, default=8000)
    p.add_argument("--clients", type=int, default=8)
    p.add_argument("--seconds", type=float, default=4.0, help="for each in-process rate")
    p.add_argument(
        "--register", type=int, default=1000, metavar="N", help="cases to register (0: skip)"
    )
    p.add_argument("--json", action="store_true", help="print the figures as one JSON line")
    args = p.parse_args()
    body = seed_json().encode()
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "register.sqlite")
        with TokenStore(db) as store:
            token = store.add(Role.SUPERVISOR)[0]
        lib_turns, asgi = in_process(db, token, body, args.seconds)
        lib = library_rate(body, args.seconds)
        with serving(db) as url:
            rate, lat = http_run(url, token, body, args.requests, args.clients)
        lib_after = library_rate(body, args.seconds)
    registered = register_figures(args.register, args.clients) if args.register else {}
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
        "library_in_turns_per_s": round(lib_turns),
        "asgi_over_library": round(asgi / lib_turns, 2),
        "http_over_library": round(rate / lib_mean, 2),
        "register_cases_events_per_s": registered,
    }
    if args.json:
        print(json.dumps(figures))
        return
    print(
        f"library answer(): {lib_mean:,.0f} cases/s "
        f"(before {lib:,.0f}, after {lib_after:,.0f}; seed case, one thread)"
    )
    print(
        f"service in process (ASGI, no socket): {asgi:,.0f} req/s, "
        f"in turns with the library at {lib_turns:,.0f}/s"
    )
    print(
        f"POST /v1/check over HTTP: {rate:,.0f} req/s at {args.clients} clients, one worker; "
        f"p50 {q[49]:.1f} ms, p99 {q[98]:.1f} ms ({len(lat)} requests)"
    )
    print(
        f"in process / library: {asgi / lib_turns:.2f}; over HTTP / library: {rate / lib_mean:.2f}"
    )
    for name, (cases, events) in registered.items():
        print(
            f"register on {name}: {cases:,} cases/s registered, {events:,} events/s recorded "
            f"({args.register} cases, {args.clients} clients)"
        )


if __name__ == "__main__":
    main()
