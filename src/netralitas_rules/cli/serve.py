"""``netralitas serve --db FILE``: the HTTP/JSON service over a register (FastAPI on
uvicorn, one worker). The first line on standard error names the address actually bound
(``--port 0`` picks a free port). Needs the ``service`` and ``register`` extras.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import errno
import gc
import logging
import signal
import socket
import sys
from collections.abc import Callable, Iterator
from typing import Any

from . import EXIT_INVALID, EXIT_OK
from ._common import add_backend, add_lang, iso_date

MAX_PORT = 65535
REMEMBER_TOKENS_S = 5.0
"""A revoked token keeps working for at most this long; in exchange a request costs no
database read (it was a third of a /v1/check's time in the server)."""


def register(sub: Any) -> None:
    """Add the ``serve`` subcommand."""
    p: argparse.ArgumentParser = sub.add_parser(
        "serve",
        help="serve the library and the register over HTTP/JSON",
        description="Serve POST /v1/check, /v1/audit, /v1/batch and the register's "
        "/v1/cases and /v1/stats; every request needs a token (netralitas register "
        "token add).",
    )
    p.add_argument("--db", required=True, metavar="FILE|URL", help="register: SQLite file or URL")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument(
        "--port",
        type=port_number,
        default=8000,
        help="port to bind; 0 picks a free one (default 8000)",
    )
    p.add_argument(
        "--access-log", action="store_true", help="log each request (ids only) on stderr"
    )
    p.add_argument(
        "--remember-tokens",
        type=float,
        default=REMEMBER_TOKENS_S,
        metavar="SECONDS",
        help="take a verified token as valid for this long without reading the register "
        "again: a token revoked meanwhile is refused once it has passed; 0 reads it on "
        f"every request (default {REMEMBER_TOKENS_S:g})",
    )
    p.add_argument(
        "--clock",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="for tests and demonstrations: run the register's clock from this day instead "
        "of today (deadlines, overdue flags and the day of every evaluation read it)",
    )
    add_lang(p)
    add_backend(p)
    p.set_defaults(run=run, exits="serve")


def port_number(text: str) -> int:
    """argparse type of ``--port``: a TCP port, 0 to 65535 (a larger number reached the
    socket and ended as an internal error)."""
    value = int(text) if text.isascii() and text.isdigit() else -1
    if not 0 <= value <= MAX_PORT:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a port; write a number from 0 (any free port) to {MAX_PORT}"
        )
    return value


def _clock(day: dt.date | None) -> Callable[[], dt.datetime]:
    """The register's clock: the system's, or one that started on ``day`` at this moment's
    time of day and runs on from there (so records keep their order)."""
    from ..register import system_clock

    if day is None:
        return system_clock
    now = system_clock()
    shift = dt.datetime.combine(day, now.timetz()) - now
    return lambda: system_clock() + shift


BIND_REASONS = {
    errno.EADDRINUSE: "in_use",
    errno.EACCES: "denied",
    errno.EPERM: "denied",
    errno.EADDRNOTAVAIL: "not_here",
}
"""The bind errors the user can fix, by errno: the key of their reason and hint
(``service.bind.reason.<key>``, ``service.bind.hint.<key>``)."""


def bound_socket(host: str, port: int, lang: str) -> socket.socket | None:
    """A TCP socket bound to ``host:port`` and listening, or None after saying on standard error, in
    ``lang``, why the address cannot be used and what to do (a port already taken, one
    the user may not bind, an address that is not this machine's, a host name that does not
    resolve): a usage error (exit 2), not a defect of the program."""
    from ..problemtext import Foreign
    from ..service.texts import text

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        # Listening before the address is announced: a client that connects at once waits
        # in the backlog until uvicorn accepts, instead of being refused. (Listening can
        # fail as binding does: a port bound with SO_REUSEADDR beside a listening one.)
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        key = "no_host" if isinstance(exc, socket.gaierror) else BIND_REASONS.get(exc.errno or 0)
        reason = (
            text(f"bind.reason.{key}", lang)
            if key is not None
            else Foreign("os", str(exc.strerror or exc), exc.errno).render(lang)
        )
        where = f"[{host}]:{port}" if family == socket.AF_INET6 else f"{host}:{port}"
        hint = text(f"bind.hint.{key or 'other'}", lang)
        print(text("bind.failed", lang, address=where, reason=reason, hint=hint), file=sys.stderr)
        return None
    return sock


def _server(config: Any) -> Any:
    """A uvicorn server that stops cleanly on SIGINT or SIGTERM and returns (uvicorn's own
    raises the signal again once stopped, which would end the process before the register
    is closed and the exit code is ours)."""
    import uvicorn

    class Server(uvicorn.Server):
        @contextlib.contextmanager
        def capture_signals(self) -> Iterator[None]:
            stops = (signal.SIGINT, signal.SIGTERM)
            previous = {s: signal.signal(s, self.handle_exit) for s in stops}
            try:
                yield
            finally:
                for s, handler in previous.items():
                    signal.signal(s, handler)

    return Server(config)


def run(args: argparse.Namespace) -> int:
    """Bind the address, open the register, say where, serve until stopped."""
    import uvicorn

    from ..engine import get_engine
    from ..register import Register
    from ..service import TokenStore, create_app
    from ..service.texts import text

    logging.basicConfig(stream=sys.stderr, format="%(name)s: %(message)s")
    level = logging.INFO if args.access_log else logging.WARNING
    logging.getLogger("netralitas.service").setLevel(level)
    engine = get_engine(args.backend)
    # Bound first: an address that cannot be used is said before the register is opened
    # (and, for a new SQLite file, before it is made).
    sock = bound_socket(args.host, args.port, args.lang)
    if sock is None:
        return EXIT_INVALID
    with (
        contextlib.closing(sock),
        Register(args.db, engine=engine, lang=args.lang, clock=_clock(args.clock)) as reg,
        TokenStore(args.db, lang=args.lang, remember_s=args.remember_tokens) as tokens,
    ):
        port = sock.getsockname()[1]
        config = uvicorn.Config(
            create_app(reg, tokens),
            log_level="warning",
            access_log=False,
            lifespan="off",
            server_header=False,
        )
        # What the start made (rules, compiled engine, the models' schemas: some 136,000
        # objects) lives as long as the process: frozen, the collector's full passes no
        # longer walk it (each walk paused every request in flight for 40-150 ms here).
        gc.collect()
        gc.freeze()
        print(
            text("listening", args.lang, host=args.host, port=port, db=reg.where),
            file=sys.stderr,
            flush=True,
        )
        _server(config).run(sockets=[sock])
    # The register is closed and the process ends next: spare the collector its last pass
    # over what the requests left (frozen at start, the rest would still be walked).
    gc.freeze()
    return EXIT_OK
