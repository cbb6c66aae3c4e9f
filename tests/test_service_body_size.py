"""A request body over the limit (``yamlpos.MAX_FILE_BYTES``) is refused with its real size:
the ``Content-Length`` the client declared, before any of the body is read, or, for a body
sent without one (chunked), as more than the limit. The service used to cut the body at
the limit plus one byte and report that cut: 'teks berukuran 8388609 bita' for a 31 MB
body. In process, through the application as ``netralitas serve`` makes it."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI

from _service import seed_json
from netralitas_rules.register import Register
from netralitas_rules.service import Role, TokenStore, create_app
from netralitas_rules.yamlpos import MAX_FILE_BYTES

SEED = seed_json().encode()
DECLARED = 31 * 1024 * 1024


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FastAPI, str]]:
    db = str(tmp_path_factory.mktemp("size") / "register.sqlite")
    with TokenStore(db) as store:
        token = store.add(Role.SUPERVISOR)[0]
    with Register(db) as reg, TokenStore(db) as tokens:
        reg_app = create_app(reg, tokens)
        yield reg_app, token


def _post(
    app: FastAPI, path: str, headers: list[tuple[bytes, bytes]], chunks: list[bytes]
) -> tuple[int, dict[str, Any], int]:
    """The status and problem document of one POST, and how many body messages the
    application read."""
    messages = [
        {"type": "http.request", "body": c, "more_body": i < len(chunks) - 1}
        for i, c in enumerate(chunks)
    ]
    read = 0

    async def receive() -> dict[str, Any]:
        nonlocal read
        read += 1
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    out: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        out.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"test"), *headers],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 2),
        "state": {},
    }
    asyncio.run(app(scope, receive, send))  # type: ignore[arg-type]
    status = next(m["status"] for m in out if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in out if m["type"] == "http.response.body")
    return status, json.loads(body), read


ROUTES = [
    ("/v1/check", "invalid_case"),
    ("/v1/cases", "invalid_case"),
    ("/v1/questions", "invalid_case"),
    ("/v1/cases/muaro-jambi-2019/events", "invalid_event"),
]


@pytest.mark.parametrize(("path", "kind"), ROUTES)
@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("id", f"teks berukuran {DECLARED} bita; batasnya {MAX_FILE_BYTES} bita, pecah teksnya"),
        ("en", f"the text is {DECLARED} bytes; the limit is {MAX_FILE_BYTES} bytes, split it"),
    ],
)
def test_a_declared_length_over_the_limit_is_the_size_said(
    served: tuple[FastAPI, str], path: str, kind: str, lang: str, words: str
) -> None:
    """A 31 MB body by its Content-Length: refused with that size, having read none of it
    (only its first piece is ever sent here)."""
    app, token = served
    headers = [
        (b"authorization", f"Bearer {token}".encode()),
        (b"accept-language", lang.encode()),
        (b"content-length", str(DECLARED).encode()),
    ]
    status, doc, read = _post(app, path, headers, [SEED[:100], SEED[100:200]])
    assert status == 400, doc
    assert doc["type"] == "urn:netralitas-rules:problem:" + kind.replace("_", "-")
    (problem,) = doc["problems"]
    assert problem["message"] == words
    whole = "(dokumen)" if lang == "id" else "(document)"
    assert problem["text"] == f"request.json:1:1: {whole}: {words}"
    assert problem["code"] == "json.too_large"
    assert read <= 1  # the shortcut of /v1/check reads no further than the first piece


@pytest.mark.parametrize(("path", "kind"), ROUTES)
@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("id", f"teks lebih panjang dari batasnya, {MAX_FILE_BYTES} bita; pecah teksnya"),
        ("en", f"the text is longer than the limit of {MAX_FILE_BYTES} bytes; split it"),
    ],
)
def test_a_body_without_a_length_over_the_limit_is_more_than_the_limit(
    served: tuple[FastAPI, str], path: str, kind: str, lang: str, words: str
) -> None:
    """A body sent in pieces without a Content-Length, longer than the limit: said as more
    than the limit (its size is not known without reading it all), no number made up."""
    app, token = served
    headers = [
        (b"authorization", f"Bearer {token}".encode()),
        (b"accept-language", lang.encode()),
    ]
    piece = b" " * (1024 * 1024)
    chunks = [SEED, *([piece] * 9), b"}"]
    status, doc, _ = _post(app, path, headers, chunks)
    assert status == 400, doc
    assert doc["type"] == "urn:netralitas-rules:problem:" + kind.replace("_", "-")
    (problem,) = doc["problems"]
    assert problem["message"] == words
    assert problem["code"] == "json.more_than"


def test_a_body_at_the_limit_is_read(served: tuple[FastAPI, str]) -> None:
    """Exactly the limit is not over it: the case is read and answered."""
    app, token = served
    body = SEED + b" " * (MAX_FILE_BYTES - len(SEED))
    headers = [
        (b"authorization", f"Bearer {token}".encode()),
        (b"content-length", str(len(body)).encode()),
    ]
    status, doc, _ = _post(app, "/v1/check", headers, [body])
    assert status == 200, doc
