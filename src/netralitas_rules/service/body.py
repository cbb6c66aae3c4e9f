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
from ..loader import validate_located
from ..models import Case
from ..strictjson import read_json
from ..yamlpos import MAX_FILE_BYTES
from .problems import RefusalError
from .texts import language, text

T = TypeVar("T")

CASE_FILE = "request.json"
"""The name a request's body goes by in located messages."""


async def read_body(request: Request, limit: int = MAX_FILE_BYTES) -> bytes:
    """The body, read up to ``limit + 1`` bytes (the strict reader refuses what is longer
    with its own message, and nothing longer is held in memory)."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            break
    return b"".join(chunks)[: limit + 1]


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
    located = read_json(await read_body(request), CASE_FILE)
    found, problems = validate_located(located, model)
    if problems:
        lang = language(request.headers.get("accept-language"))
        raise RefusalError(400, kind, text(kind, lang, n=len(problems)), problems)
    assert isinstance(found, model)
    return found


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
