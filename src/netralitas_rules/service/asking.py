"""``POST /v1/questions``: the unknown facts of a case whose value changes the outcome,
most decisive first (:func:`netralitas_rules.questions`). It judges what is sent and keeps
nothing; every role may call it. The intake page asks it before registering a case."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from pydantic import Field, RootModel
from starlette.concurrency import run_in_threadpool

from ..deciding import Question, questions
from .auth import Caller, State
from .body import body_schema, read_case
from .problems import responses

router = APIRouter(prefix="/v1")


class QuestionsAnswer(RootModel[tuple[Question, ...]]):
    """The questions, most decisive first; empty when no unknown fact matters."""

    root: tuple[Question, ...] = Field(description="most decisive first")


@router.post(
    "/questions",
    summary="The unknown facts of a case that change its outcome, most decisive first",
    response_model=QuestionsAnswer,
    responses=responses(400, 401),
    openapi_extra=body_schema("CaseInput"),
)
async def ask(request: Request, who: Caller, state: State) -> Response:
    """Each question names the fact's place in the case (``path``), the answers allowed
    and the question in Indonesian and English; a fact that changes nothing is not asked."""
    del who  # every role may ask
    case = await read_case(request)
    found = await run_in_threadpool(questions, case, engine=state.engine)
    return Response(QuestionsAnswer(found).model_dump_json(), media_type="application/json")
