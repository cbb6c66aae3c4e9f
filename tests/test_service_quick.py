"""The usual ``POST /v1/check`` answered before the routes (``service.quick``): the same
status, headers and bytes as the route gives, the report's own JSON; and every request it
cannot answer exactly so handed to the route, which answers as it always did.

Each request goes in process through two applications over one register: the service as
made (the shortcut in place) and the same service without the shortcut (the routes alone).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import re
from collections.abc import Iterator, MutableMapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.security import HTTPBearer
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError
from starlette.requests import Request

from _profiles import examples
from _service import seed_json
from netralitas_rules.assessed import answer
from netralitas_rules.caseio import case_to_data, parse_case
from netralitas_rules.errors import NetralitasError
from netralitas_rules.models import Case
from netralitas_rules.register import Register
from netralitas_rules.register.errors import RegisterDatabaseError
from netralitas_rules.service import Role, TokenStore, create_app, stateless
from netralitas_rules.service.quick import QuickCheck, bearer_token, day_asked
from netralitas_rules.testing.strategies import cases
from netralitas_rules.yamlpos import MAX_FILE_BYTES

DAY = dt.date(2024, 6, 1)
SEED = seed_json().encode()


@dataclass
class Sent:
    """What an application sent for one request, and what it left in the scope."""

    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes
    scope: dict[str, Any]
    raised: str | None = None

    @property
    def routed(self) -> bool:
        """The routes answered (the router marks the scope as it takes a request)."""
        return "router" in self.scope

    def same(self) -> tuple[Any, ...]:
        """What must be equal between the two applications (a 500's and a 503's reference
        is drawn at random: its document is compared without the detail that carries it)."""
        body: Any = self.body
        if self.status in (500, 503):
            body = {k: v for k, v in json.loads(self.body).items() if k != "detail"}
            headers = [(k, v) for k, v in self.headers if k != b"content-length"]
            return self.status, headers, body, self.raised
        return self.status, self.headers, body, self.raised


@dataclass
class Apps:
    """The service as made and the same service without the shortcut, over one register."""

    quick: FastAPI
    routes: FastAPI
    register: Register
    tokens: dict[str, str] = field(default_factory=dict)


def _without_shortcut(app: FastAPI) -> FastAPI:
    app.user_middleware = [m for m in app.user_middleware if m.cls is not QuickCheck]  # type: ignore[comparison-overlap]
    return app


@pytest.fixture(scope="module")
def apps(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Apps]:
    db = str(tmp_path_factory.mktemp("quick") / "register.sqlite")
    with TokenStore(db) as store:
        made = {
            "supervisor": store.add(Role.SUPERVISOR)[0],
            "auditor": store.add(Role.AUDITOR)[0],
            "ppk": store.add(Role.PPK, agency="Pemerintah Kota Jambi")[0],
        }
        revoked, info = store.add(Role.SUPERVISOR)
        store.revoke(info.id)
        made["revoked"] = revoked
    with Register(db) as reg, TokenStore(db, remember_s=60) as tokens:
        yield Apps(create_app(reg, tokens), _without_shortcut(create_app(reg, tokens)), reg, made)


def send(
    app: FastAPI,
    target: str,
    headers: Sequence[tuple[bytes, bytes]] = (),
    chunks: Sequence[bytes] = (SEED,),
    *,
    method: str = "POST",
    disconnect: bool = False,
    root_path: str = "",
) -> Sent:
    """One request through ``app`` in process: the body in ``chunks`` (then a disconnect
    instead of its end when asked)."""
    path, _, query = target.partition("?")
    messages: list[dict[str, Any]] = [
        {"type": "http.request", "body": c, "more_body": i < len(chunks) - 1 or disconnect}
        for i, c in enumerate(chunks)
    ]
    if disconnect:
        messages.append({"type": "http.disconnect"})
    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode("latin-1"),
        "root_path": root_path,
        "headers": [(b"host", b"test"), *headers],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 2),
        "state": {},
    }
    out: list[MutableMapping[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def sending(message: MutableMapping[str, Any]) -> None:
        out.append(message)

    raised = None
    try:
        asyncio.run(app(scope, receive, sending))
    except Exception as exc:  # a 500 goes on to the server once answered
        raised = type(exc).__name__
    start = next(m for m in out if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in out if m["type"] == "http.response.body")
    return Sent(start["status"], list(start["headers"]), body, scope, raised)


def auth(token: str) -> tuple[bytes, bytes]:
    return (b"authorization", f"Bearer {token}".encode())


def both(apps: Apps, target: str, *args: Any, **kwargs: Any) -> tuple[Sent, Sent]:
    """The request through the service as made and through the routes alone."""
    return send(apps.quick, target, *args, **kwargs), send(apps.routes, target, *args, **kwargs)


@pytest.mark.parametrize("role", ["supervisor", "auditor", "ppk"])
def test_the_usual_check_is_answered_before_the_routes_with_the_reports_own_json(
    apps: Apps, role: str
) -> None:
    """Every role: the answer is the report's ``model_dump_json`` byte for byte, with the
    route's headers, and the routes never see the request."""
    quick, routes = both(apps, "/v1/check?as_of=2024-06-01", [auth(apps.tokens[role])])
    report = answer(parse_case(SEED, "request.json"), as_of=DAY, engine=apps.register.engine)
    assert quick.status == 200
    assert quick.body == report.model_dump_json().encode()
    assert quick.headers == [
        (b"content-length", str(len(quick.body)).encode()),
        (b"content-type", b"application/json"),
    ]
    assert quick.same() == routes.same()
    assert not quick.routed
    assert routes.routed
    assert quick.scope["state"]["token_id"] == routes.scope["state"]["token_id"]


def test_without_a_day_the_check_is_as_of_today(apps: Apps) -> None:
    token = [auth(apps.tokens["auditor"])]
    chunks = [SEED[:100], b"", SEED[100:]]  # a body in pieces, one of them empty
    quick, routes = both(apps, "/v1/check", token, chunks)
    assert quick.status == 200
    assert not quick.routed
    assert quick.same() == routes.same()


def _case_body(case: Case) -> bytes:
    data = case_to_data(case)
    data["election"] = case.election.id
    return json.dumps(data, ensure_ascii=False).encode()


@settings(max_examples=examples(60))
@given(cases(), st.booleans())
def test_a_generated_case_gets_the_routes_bytes(apps: Apps, case: Case, by_name: bool) -> None:
    """A generated case, its election by name (the wire path) or written out (the strict
    reading): the shortcut answers it, with the route's bytes."""
    body = _case_body(case) if by_name else json.dumps(case_to_data(case)).encode()
    quick, routes = both(apps, "/v1/check?as_of=2024-06-01", [auth(apps.tokens["ppk"])], [body])
    assert quick.same() == routes.same()
    assert quick.routed == (quick.status != 200)


OVERSIZE = [SEED, b" " * (MAX_FILE_BYTES + 1 - len(SEED))]

HANDED_OVER: list[tuple[str, list[tuple[bytes, bytes]] | None, list[bytes] | None]] = [
    # the day asked: malformed, another form, not a date, another parameter
    ("/v1/check?as_of=nope", None, None),
    ("/v1/check?as_of=", None, None),
    ("/v1/check?as_of=2024-6-1", None, None),
    ("/v1/check?as_of=20240601", None, None),
    ("/v1/check?as_of=2024-W23-6", None, None),
    ("/v1/check?as_of=2023-02-29", None, None),
    ("/v1/check?as_of=2024%2D06%2D01", None, None),
    ("/v1/check?as_of=2024-06-01&x=1", None, None),
    ("/v1/check?as_of=2024-06-01&as_of=2019-01-01", None, None),
    ("/v1/check?AS_OF=2024-06-01", None, None),
    ("/v1/check?x", None, None),
    # the token: none, another scheme, empty, unknown, revoked, not a token
    ("/v1/check?as_of=2024-06-01", [], None),
    ("/v1/check?as_of=2024-06-01", [(b"authorization", b"Basic dXNlcjpwdw==")], None),
    ("/v1/check?as_of=2024-06-01", [(b"authorization", b"Bearer")], None),
    ("/v1/check?as_of=2024-06-01", [(b"authorization", b"Bearer    ")], None),
    ("/v1/check?as_of=2024-06-01", [(b"authorization", b"Bearer ntr_x.y")], None),
    ("/v1/check?as_of=nope", [], None),
    # the body: not a case, not JSON, empty, longer than a case file may be
    ("/v1/check?as_of=2024-06-01", None, [b'{"id": "a", "id": "b"}']),
    ("/v1/check?as_of=2024-06-01", None, [b"[1, 2]"]),
    ("/v1/check?as_of=2024-06-01", None, [b""]),
    ("/v1/check?as_of=2024-06-01", None, [b"\xff\xfe"]),
    ("/v1/check?as_of=2024-06-01", None, [SEED.replace(b"pemilu-2019", b"pemilu-1899")]),
    ("/v1/check?as_of=2024-06-01", None, OVERSIZE),
    # other routes and methods
    ("/v1/check/?as_of=2024-06-01", None, None),
    ("/v1/audit?as_of=2024-06-01", None, None),
]


@pytest.mark.parametrize(("target", "headers", "chunks"), HANDED_OVER)
@pytest.mark.parametrize("lang", [b"id", b"en"])
def test_what_the_shortcut_cannot_answer_the_routes_answer_as_before(
    apps: Apps,
    target: str,
    headers: list[tuple[bytes, bytes]] | None,
    chunks: list[bytes] | None,
    lang: bytes,
) -> None:
    """A malformed day, no or a refused token, a body that is not a case or is too long,
    another path: the routes answer it (the same problem document, word for word)."""
    sent = [
        *(headers if headers is not None else [auth(apps.tokens["auditor"])]),
        (b"accept-language", lang),
    ]
    quick, routes = both(apps, target, sent, chunks if chunks is not None else [SEED])
    assert quick.routed
    assert quick.same() == routes.same()


@pytest.mark.parametrize(
    "headers",
    [
        [(b"authorization", b"bearer {sup}")],
        [(b"authorization", b"BEARER   {sup}  ")],
        [(b"authorization", b"Bearer {sup}"), (b"authorization", b"Bearer ntr_x.y")],
        [(b"authorization", b"Bearer ntr_x.y"), (b"authorization", b"Bearer {sup}")],
        [(b"authorization", b" Bearer {sup}")],
        [(b"authorization", b"Bearer\t{sup}")],
        [(b"authorization", b"Bearer {revoked}")],
        [(b"authorization", b"{sup}")],
        [(b"authorization", b"Basic {sup}")],
        [(b"authorization", b"Bearer: {sup}")],
    ],
)
def test_the_token_is_read_from_the_header_as_the_routes_read_it(
    apps: Apps, headers: list[tuple[bytes, bytes]]
) -> None:
    """Scheme in any case, spaces around the token, the first header of two: what the
    routes accept the shortcut answers, what they refuse it hands over."""
    sup, revoked = apps.tokens["supervisor"].encode(), apps.tokens["revoked"].encode()
    sent = [(k, v.replace(b"{sup}", sup).replace(b"{revoked}", revoked)) for k, v in headers]
    quick, routes = both(apps, "/v1/check?as_of=2024-06-01", sent)
    assert quick.same() == routes.same()
    assert quick.routed == (routes.status != 200)


def test_a_client_gone_mid_body_or_another_mount_goes_to_the_routes(apps: Apps) -> None:
    token = [auth(apps.tokens["supervisor"])]
    quick, routes = both(apps, "/v1/check", token, [SEED[:50]], disconnect=True)
    assert quick.routed
    assert quick.same() == routes.same()
    quick, routes = both(apps, "/v1/check", token, root_path="/api")
    assert quick.routed
    assert quick.same() == routes.same()
    quick, routes = both(apps, "/v1/check", token, method="PUT")
    assert quick.routed
    assert quick.same() == routes.same()


@pytest.mark.parametrize(
    ("error", "status"), [(NetralitasError("no answer"), 422), (RuntimeError("boom"), 500)]
)
def test_an_error_while_answering_is_the_routes_to_answer_and_log(
    apps: Apps,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    error: Exception,
    status: int,
) -> None:
    """The library fails on the case: the routes meet it again and answer it (a 422
    document, or a 500 logged once with its reference)."""

    def failing(*args: Any, **kwargs: Any) -> Any:
        raise error

    monkeypatch.setattr(stateless, "answer", failing)
    token = [auth(apps.tokens["supervisor"])]
    for app in (apps.quick, apps.routes):
        caplog.clear()
        with caplog.at_level(logging.ERROR, logger="netralitas.service"):
            sent = send(app, "/v1/check?as_of=2024-06-01", token)
        assert sent.status == status
        assert sent.routed
        assert len([r for r in caplog.records if "internal error" in r.message]) == (status == 500)
    quick, routes = both(apps, "/v1/check?as_of=2024-06-01", token)
    assert quick.same() == routes.same()


def test_an_unreachable_register_on_the_token_check_is_the_routes_to_answer(
    apps: Apps, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(token: str) -> None:
        raise RegisterDatabaseError("the register cannot be reached")

    tokens = apps.quick.state.service.tokens
    monkeypatch.setattr(tokens, "check", failing)
    quick, routes = both(apps, "/v1/check?as_of=2024-06-01", [auth(apps.tokens["supervisor"])])
    assert quick.status == 503
    assert quick.routed
    assert quick.same() == routes.same()


def test_the_access_log_reads_the_same_line(apps: Apps, caplog: pytest.LogCaptureFixture) -> None:
    """The access log sees the shortcut's answer as any other: method, path, status,
    token id (only the time taken differs)."""
    lines = []
    for app in (apps.quick, apps.routes):
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="netralitas.service.access"):
            send(app, "/v1/check?as_of=2024-06-01", [auth(apps.tokens["auditor"])])
        (line,) = [r.getMessage() for r in caplog.records if r.name.endswith("access")]
        lines.append(re.sub(r" [0-9.]+ms$", "", line))
    assert lines[0] == lines[1]
    assert lines[0].startswith("POST /v1/check 200 token=")


_DATES = TypeAdapter(dt.date)


@settings(max_examples=examples(500))
@given(
    st.one_of(
        st.dates().map(lambda d: f"as_of={d.isoformat()}"),
        st.from_regex(r"as_of=[0-9]{4}-[0-9]{2}-[0-9]{2}", fullmatch=True),
        st.text(max_size=30),
    )
)
def test_a_day_the_shortcut_reads_is_the_day_the_route_reads(query: str) -> None:
    """Whatever query string the shortcut takes a day from, the route's parameter reads
    the same day from it."""
    day = day_asked(query.encode("utf-8", "surrogatepass"))
    if day is None or not query:
        return
    try:
        read = _DATES.validate_python(query.removeprefix("as_of="))
    except ValidationError:
        pytest.fail(f"the shortcut read {day} from {query!r}, the route refuses it")
    assert query.startswith("as_of=")
    assert read == day


@settings(max_examples=examples(500))
@given(
    st.one_of(
        st.builds(
            "{}{}{}".format,
            st.sampled_from(["Bearer", "bearer", "BEARER", "Basic", "", "Bearer:"]),
            st.sampled_from([" ", "  ", "\t", "", " \t "]),
            st.text(alphabet=st.characters(max_codepoint=255), max_size=12),
        ),
        st.text(alphabet=st.characters(max_codepoint=255), max_size=20),
    )
)
def test_a_token_the_shortcut_reads_is_the_token_the_routes_read(header: str) -> None:
    """``bearer_token`` against FastAPI's HTTPBearer and the routes' own scheme check."""
    scope = {"type": "http", "headers": [(b"authorization", header.encode("latin-1"))]}
    credentials = asyncio.run(HTTPBearer(auto_error=False)(Request(scope)))
    routes = (
        credentials.credentials
        if credentials is not None and credentials.scheme.lower() == "bearer"
        else None
    )
    assert bearer_token(header) == routes


def test_the_shortcut_sits_inside_the_access_log(apps: Apps) -> None:
    """The middleware order: the access log wraps the shortcut (which sees every request
    first among the service's own)."""
    names = [m.cls.__name__ for m in apps.quick.user_middleware]  # type: ignore[attr-defined]
    assert names == ["AccessLog", "QuickCheck"]
