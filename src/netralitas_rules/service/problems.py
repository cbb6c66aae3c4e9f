"""Errors as RFC 9457 problem documents (``application/problem+json``).

Every refusal the service makes is a :class:`ProblemDocument`: ``type`` (a URN naming the
kind of problem), ``title``, ``status``, ``detail`` and, for invalid data, ``problems``:
the library's located messages (``path:line:col: key.path: message``), exactly as the
command line prints them, in the language of ``Accept-Language`` (Indonesian unless it
asks for English), each with its ``code``, the same in every language. An internal error
is a 500 document with a reference to the log line, never a traceback.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import CaseFileError, NetralitasError, Problem
from ..problemtext import render_value
from ..pydantic_texts import pydantic_text
from ..register.errors import (
    ClosedCaseError,
    DuplicateCaseError,
    RegisterDatabaseError,
    UnknownCaseError,
)
from .texts import language, text

MEDIA_TYPE = "application/problem+json"
TYPE_PREFIX = "urn:netralitas-rules:problem:"

log = logging.getLogger("netralitas.service")


class ProblemItem(BaseModel):
    """One problem at one place of the data sent (the library's located message)."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="path:line:col: key.path: message")
    file: str
    line: int
    column: int
    key_path: str
    message: str
    code: str | None = Field(
        default=None,
        description="the kind of problem, the same in every language (key.missing, "
        "pydantic.less_than_equal ...); null for one without a code",
    )

    @classmethod
    def of(cls, p: Problem, lang: str = "en") -> ProblemItem:
        """The item of a library problem, its words in ``lang``."""
        return cls(
            text=p.located(lang),
            file=p.file,
            line=p.line,
            column=p.column,
            key_path=p.key_path,
            message=p.words(lang),
            code=p.code,
        )


class ProblemDocument(BaseModel):
    """An RFC 9457 problem document."""

    model_config = ConfigDict(extra="forbid")

    type: str = Field(description="URN of the kind of problem")
    title: str
    status: int
    detail: str
    problems: list[ProblemItem] = Field(default_factory=list)


class RefusalError(NetralitasError):
    """A refusal raised by a route, turned into a problem document."""

    def __init__(
        self,
        status: int,
        kind: str,
        detail: str,
        problems: Sequence[Problem] = (),
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.kind = kind
        self.detail = detail
        self.problems = tuple(problems)
        self.headers = headers


def problem_response(
    request: Request,
    status: int,
    kind: str,
    detail: str,
    problems: Sequence[Problem] = (),
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """The problem document response of ``kind`` (a key of the title catalogue)."""
    lang = language(request.headers.get("accept-language"))
    doc = ProblemDocument(
        type=TYPE_PREFIX + kind.replace("_", "-"),
        title=text(f"title.{kind}", lang),
        status=status,
        detail=detail,
        problems=[ProblemItem.of(p, lang) for p in problems],
    )
    return JSONResponse(
        doc.model_dump(mode="json"), status_code=status, media_type=MEDIA_TYPE, headers=headers
    )


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI ``responses`` entries of the problem statuses a route may answer."""
    return {
        s: {"model": ProblemDocument, "content": {MEDIA_TYPE: {}}, "description": _WHY[s]}
        for s in statuses
    }


_WHY = {
    400: "invalid data or parameters",
    401: "no valid token",
    403: "the token's role may not do this",
    404: "no such case (or not in the token's scope)",
    409: "conflicts with the register (duplicate case, closed case)",
    503: "the register's database is unavailable",
}


def install(app: FastAPI) -> None:
    """Turn every error the service can meet into a problem document."""

    @app.exception_handler(RefusalError)
    async def _service(request: Request, exc: RefusalError) -> JSONResponse:
        return problem_response(
            request, exc.status, exc.kind, exc.detail, exc.problems, exc.headers
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        lang = language(request.headers.get("accept-language"))
        found = [
            Problem.of(
                "request", 0, 0, ".".join(str(p) for p in e.get("loc", ())), pydantic_text(e)
            )
            for e in exc.errors()
        ]
        detail = text("invalid_request", lang, n=len(found))
        return problem_response(request, 400, "invalid_request", detail, found)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        lang = language(request.headers.get("accept-language"))
        path = request.url.path
        if exc.status_code == 405:
            detail = text("method", lang, method=request.method, path=path)
            return problem_response(request, 405, "method", detail)
        if exc.status_code == 404:
            return problem_response(request, 404, "not_found", text("not_found", lang, path=path))
        return problem_response(request, exc.status_code, "invalid_request", str(exc.detail))

    @app.exception_handler(NetralitasError)
    async def _library(request: Request, exc: NetralitasError) -> JSONResponse:
        return library_error(request, exc)

    # Anything else: Starlette's outermost middleware sends this answer, then lets the
    # exception reach the server, which logs it (never the client).
    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception) -> JSONResponse:
        return library_error(request, exc)


def conflict_detail(exc: DuplicateCaseError | ClosedCaseError, lang: str, place: str) -> str:
    """What a client of the API is told of a case registered already or closed: the
    register's words name the command line's way (`netralitas register event`), a client's
    is the API's, ``POST /v1/cases/{id}/events`` (the id percent-encoded, as it must be
    sent)."""
    if exc.key is None:  # raised without its key: its own words
        return exc.said(lang, place)
    case = str(exc.values["case"])
    events = f"/v1/cases/{quote(case, safe='')}/events"
    if isinstance(exc, DuplicateCaseError):
        return text("duplicate_case", lang, place=place, case=case, events=events)
    day = render_value(exc.values["date"], lang)
    return text("closed_case", lang, place=place, case=case, date=day, case_path=events[:-7])


def library_error(request: Request, exc: BaseException) -> JSONResponse:
    """The problem document of an exception a route let through: the library's own errors
    by their kind, anything else a 500 logged with a reference (the traceback stays in the
    log)."""
    lang = language(request.headers.get("accept-language"))
    if isinstance(exc, CaseFileError):
        detail = text("invalid_case", lang, n=len(exc.problems))
        return problem_response(request, 400, "invalid_case", detail, exc.problems)
    # The register's messages name the database (a file's path on the server, a PostgreSQL
    # URL with its user and host) for the people who run it: a client is told the same in
    # its own language, with the request's path as the place.
    place = request.url.path
    if isinstance(exc, UnknownCaseError):
        return problem_response(request, 404, "not_found", exc.said(lang, place))
    if isinstance(exc, DuplicateCaseError | ClosedCaseError):
        return problem_response(request, 409, "conflict", conflict_detail(exc, lang, place))
    if isinstance(exc, RegisterDatabaseError):
        # The reason (the driver's words, the database's address) is for the server's log,
        # under a reference the client is given.
        ref = secrets.token_hex(6)
        log.error("register unavailable %s: %s", ref, exc)
        busy = exc.key == "busy"
        detail = exc.said(lang, place) if busy else text("unavailable", lang, ref=ref)
        return problem_response(request, 503, "unavailable", detail)
    if isinstance(exc, NetralitasError):
        return problem_response(request, 422, "cannot_answer", exc.render(lang))
    ref = secrets.token_hex(6)
    log.error("internal error %s on %s %s", ref, request.method, request.url.path, exc_info=exc)
    return problem_response(request, 500, "internal", text("internal", lang, ref=ref))
