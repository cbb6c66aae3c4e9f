"""The stateless routes: ``POST /v1/check``, ``POST /v1/audit`` and ``POST /v1/batch``.

They judge what is sent and keep nothing; every role may call them. ``check`` and
``audit`` take the library's one path (:func:`netralitas_rules.assessed.answer`); the batch
streams JSON Lines through the batch engine (:func:`netralitas_rules.batch.evaluate_chunk`),
one output or error line per input line, in order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool
from starlette.types import Receive, Scope, Send

from ..assessed import AssessedReport, answer
from ..batch import evaluate_chunk
from ..batch.output import encode_line
from ..batch.records import MAX_LINE_BYTES, line_record
from ..models import Case
from .auth import Caller, Service, State
from .body import body_schema, lines, read_case
from .problems import responses
from .texts import language
from .views import AuditAnswer, json_response

router = APIRouter(prefix="/v1")

AsOf = Annotated[
    dt.date | None,
    Query(description="day of handling (days elapsed, successor authorities); default today"),
]
JSONL = "application/jsonl"
BATCH_FILE = "upload.jsonl"


@router.post(
    "/check",
    summary="Judge one case: its findings and what the sanctions stage says",
    response_model=AssessedReport,
    responses=responses(400, 401),
    openapi_extra=body_schema("CaseInput"),
)
async def check(request: Request, who: Caller, state: State, as_of: AsOf = None) -> Response:
    """The case's findings with their citations, recommendations, routing, conflicts and
    the audit of any sanction it records."""
    del who  # every role may judge
    return check_response(state, await read_case(request), as_of or dt.date.today())


def check_response(state: Service, case: Case, day: dt.date) -> Response:
    """The answer of ``POST /v1/check`` on ``case`` (the route's, and the shortcut's in
    :mod:`.quick`): the assessed report, serialized once."""
    return json_response(answer(case, as_of=day, engine=state.engine))


@router.post(
    "/audit",
    summary="Audit the sanctions a case records against what the law prescribes",
    response_model=AuditAnswer,
    responses=responses(400, 401),
    openapi_extra=body_schema("CaseInput"),
)
async def audit(request: Request, who: Caller, state: State, as_of: AsOf = None) -> Response:
    """Per track: adequate, under- or over-sanctioned, wrong track, not yet imposed."""
    del who  # every role may judge
    case = await read_case(request)
    report = answer(case, as_of=as_of or dt.date.today(), engine=state.engine)
    return json_response(AuditAnswer(case_id=case.id, audit=report.assessment.audit))


class LinesResponse(StreamingResponse):
    """A streamed answer that reads its request while it answers: Starlette's own
    StreamingResponse listens for a disconnect by reading the request, which would take
    the upload's chunks from under the generator."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send(
            {"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers}
        )
        async for chunk in self.body_iterator:
            data = chunk.encode(self.charset) if isinstance(chunk, str) else bytes(chunk)
            await send({"type": "http.response.body", "body": data, "more_body": True})
        await send({"type": "http.response.body", "body": b"", "more_body": False})


@router.post(
    "/batch",
    summary="Judge a JSON Lines upload, streaming one output line per case",
    response_class=LinesResponse,
    responses={
        200: {
            "description": "one line per input line: the batch output record of a case "
            "(as `netralitas batch --format jsonl` writes it) or its error record",
            "content": {JSONL: {"schema": {"type": "string"}}},
        },
        **responses(401),
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {JSONL: {"schema": {"type": "string"}}},
        }
    },
)
async def batch(request: Request, who: Caller, state: State, as_of: AsOf = None) -> LinesResponse:
    """Each non-blank line a case in JSON; a line that is not a valid case gives an error
    record naming its line, the other lines are still judged."""
    del who
    day = as_of or dt.date.today()
    lang = language(request.headers.get("accept-language"))

    async def out() -> AsyncIterator[bytes]:
        number = 0
        async for line in lines(request.stream(), MAX_LINE_BYTES):
            number += 1
            if line is not None and not line.strip():
                continue
            raw = line_record(BATCH_FILE, number, line)
            result = await run_in_threadpool(
                evaluate_chunk, state.engine, [raw], "jsonl", as_of=day
            )
            for item in result.outputs:
                yield item
            for rejection in result.errors:
                yield encode_line(rejection.record(lang))

    return LinesResponse(out(), media_type=JSONL)
