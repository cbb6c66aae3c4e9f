"""Reading a request's data the way the command line reads a file: bounded, through the
library's strict JSON reader and the models, so a problem is worded and placed exactly as
``netralitas check`` words and places it.

A case body in the common shape (a shipped election by name) takes the batch's fast path
first: the wire structs (:mod:`netralitas_rules.batch.wire`, decoded in C by msgspec) accept
only what the strict reading and the models accept, and read it to the same case; anything
else goes through the positioned reader, which also words the problems."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, TypeVar

from fastapi import Request

from ..batch.wire import wire_case
from ..caseio import parse_case
from ..errors import CaseFileError, Problem
from ..loader import validate_located
from ..models import Case
from ..problemtext import Text
from ..strictjson import read_json
from ..yamlpos import MAX_FILE_BYTES, Located
from .problems import RefusalError
from .texts import language, text

T = TypeVar("T")

CASE_FILE = "request.json"
"""The name a request's body goes by in located messages."""


async def read_body(request: Request, limit: int = MAX_FILE_BYTES) -> bytes:
    """The body, at most ``limit`` bytes of it; a longer one is a :class:`CaseFileError`
    saying its size: the ``Content-Length`` the client declared (refused before reading
    any of it), or, for a body sent without one (chunked), that it is more than the limit
    (read no further than ``limit + 1`` bytes: nothing longer is held in memory)."""
    declared = declared_length(request.headers.get("content-length"))
    if declared is not None and declared > limit:
        raise CaseFileError([_too_large(Text("json.too_large", size=declared, limit=limit))])
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise CaseFileError([_too_large(Text("json.more_than", limit=limit))])
    return b"".join(chunks)


def declared_length(value: str | None) -> int | None:
    """The body's length a ``Content-Length`` header value declares (None without one, or
    for one that is not a number: the server refuses such a request before it is ours)."""
    if value is None or not (value.isascii() and value.isdigit()):
        return None
    return int(value)


def _too_large(message: Text) -> Problem:
    return Problem.of(CASE_FILE, 1, 1, "", message)


async def read_case(request: Request) -> Case:
    """The case in the request's JSON body (a :class:`CaseFileError` when it is invalid)."""
    return case_of(await read_body(request))


def case_of(body: bytes, limit: int = MAX_FILE_BYTES) -> Case:
    """The case of a JSON body: the wire decoder's fast path when it accepts the body (the
    same case the strict reading gives), the strict reading otherwise."""
    case = wire_case(body) if len(body) <= limit else None
    return case if case is not None else parse_case(body, CASE_FILE)


async def read_model(request: Request, model: type[T], kind: str) -> T:
    """The ``model`` in the request's JSON body, read strictly; a 400 problem of ``kind``
    (``invalid_event`` ...) listing every problem otherwise."""
    found, _ = await read_located_model(request, model, kind)
    return found


async def read_located_model(request: Request, model: type[T], kind: str) -> tuple[T, Located]:
    """:func:`read_model`, and the body as read, which places a key's later problem (the
    register's refusal of an event's ``date``) at its line and column."""
    lang = language(request.headers.get("accept-language"))
    try:
        body = await read_body(request)
    except CaseFileError as exc:
        raise RefusalError(400, kind, text(kind, lang, n=len(exc.problems)), exc.problems) from None
    located = read_json(body, CASE_FILE)
    found, problems = validate_located(located, model)
    if problems:
        raise RefusalError(400, kind, text(kind, lang, n=len(problems)), problems)
    assert isinstance(found, model)
    return found, located


def body_schema(ref: str, media: str = "application/json") -> dict[str, Any]:
    """``openapi_extra`` of a route whose body is read here rather than by FastAPI."""
    return {
        "requestBody": {
            "required": True,
            "content": {media: {"schema": {"$ref": f"#/components/schemas/{ref}"}}},
        }
    }


async def lines(stream: AsyncIterator[bytes], limit: int) -> AsyncIterator[bytes | None]:
    """The lines of a streamed body, without their newline; None stands for a line longer
    than ``limit`` bytes (dropped as it arrives, never held whole)."""
    buffer = b""
    overlong = False
    async for chunk in stream:
        buffer += chunk
        while True:
            cut = buffer.find(b"\n")
            if cut < 0:
                break
            line, buffer = buffer[:cut], buffer[cut + 1 :]
            yield None if overlong or len(line) > limit else line
            overlong = False
        if len(buffer) > limit:
            overlong, buffer = True, b""
    if overlong:
        yield None
    elif buffer:
        yield buffer
