"""The register's routes: cases registered, read, listed and followed by their events, and
the supervisor's counts. Every route checks the token's scope: a case outside it is
answered exactly as a case that does not exist (404), so a scoped token learns nothing of
other agencies' cases."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from ..assessed import AssessedReport, with_assessment
from ..models.unknown import Unknown
from ..register import CaseRecord, Event, EventOrderError, UnknownCaseError
from ..register.evaluation import evaluate
from ..sanctions import Verdict
from . import paths  # noqa: F401  (the {case_id:case_id} convertor, registered on import)
from .auth import Caller, Service, State, Writer
from .body import body_schema, read_case, read_located_model
from .problems import RefusalError, responses
from .texts import language, text
from .tokens import Principal
from .views import CaseSummaryView, CaseView, StatsView, json_response

router = APIRouter(prefix="/v1")

CaseId = Annotated[str, Path(min_length=1, max_length=200, description="the case's id")]
MAX_PAGE = 1000


def actor(who: Principal) -> str:
    """Who asked, as the decision log keeps it: the token's id and role, nothing personal."""
    return f"token:{who.token_id}:{who.role.value}"


def _unknown(request: Request, case_id: str) -> RefusalError:
    lang = language(request.headers.get("accept-language"))
    return RefusalError(404, "not_found", text("unknown_case", lang, case=case_id))


def visible_case(request: Request, state: Service, who: Principal, case_id: str) -> CaseRecord:
    """The registered case ``case_id``, if it exists and the token may see it (its agency is
    in the token's scope); otherwise the same 404 for both, so a scoped token learns nothing
    of other agencies' cases. Every route that reads one case goes through it."""
    try:
        record = state.register.get(case_id)
    except UnknownCaseError:
        raise _unknown(request, case_id) from None
    if not who.sees(record.agency):
        raise _unknown(request, case_id)
    return record


def _view(state: Service, record: CaseRecord, as_of: dt.date) -> CaseView:
    """The record with its findings and assessment: the register's own evaluation of its
    facts and events (:func:`netralitas_rules.register.evaluation.evaluate`)."""
    judged = evaluate(record.case, record.event_list, engine=state.engine, as_of=as_of)
    report: AssessedReport = with_assessment(judged.report, judged.assessment)
    return CaseView.of_record(record, report)


@router.post(
    "/cases",
    summary="Register a case",
    status_code=201,
    response_model=CaseView,
    responses=responses(400, 401, 403, 409, 503),
    openapi_extra=body_schema("CaseInput"),
)
async def add_case(request: Request, who: Writer, state: State) -> Response:
    """Register the case sent and judge it; 409 if its id is registered already."""
    case = await read_case(request)
    agency = case.asn.agency
    if not who.sees(None if isinstance(agency, Unknown) else agency):
        lang = language(request.headers.get("accept-language"))
        raise RefusalError(403, "forbidden", text("other_agency", lang, agency=who.agency))

    def work() -> CaseView:
        record = state.register.add_case(case, actor=actor(who))
        return _view(state, record, state.register.clock().date())

    return json_response(await run_in_threadpool(work), 201)


@router.get(
    "/cases/{case_id:case_id}",
    summary="A registered case: verdict, events, findings",
    response_model=CaseView,
    responses=responses(401, 404, 503),
)
def get_case(request: Request, case_id: CaseId, who: Caller, state: State) -> Response:
    """The case, its events, its current verdicts and its findings."""
    record = visible_case(request, state, who, case_id)
    return json_response(_view(state, record, state.register.clock().date()))


@router.post(
    "/cases/{case_id:case_id}/events",
    summary="Record an event of a case's handling",
    status_code=201,
    response_model=CaseView,
    responses=responses(400, 401, 403, 404, 409, 503),
    openapi_extra=body_schema("EventInput"),
)
async def add_event(request: Request, case_id: CaseId, who: Writer, state: State) -> Response:
    """Record the event sent; the case is judged again with it (a ``sanction_imposed``
    event is a sanction the audit compares). 409 once the case is closed; 400 with the
    problem at the event's ``date`` when the date cannot be (after the register's day,
    before what the event answers); ``warnings`` of the answer name an order that
    deserves a look."""
    event, located = await read_located_model(request, Event, "invalid_event")

    def work() -> CaseView:
        visible_case(request, state, who, case_id)
        try:
            record = state.register.add_event(case_id, event, actor=actor(who))
        except EventOrderError as refused:
            lang = language(request.headers.get("accept-language"))
            reason = refused.reason if refused.reason is not None else str(refused)
            problem = located.problem(("date",), reason)
            detail = text("invalid_event", lang, n=1)
            raise RefusalError(400, "invalid_event", detail, [problem]) from None
        return _view(state, record, state.register.clock().date())

    return json_response(await run_in_threadpool(work), 201)


@router.get(
    "/cases",
    summary="List registered cases",
    response_model=list[CaseSummaryView],
    responses=responses(400, 401, 503),
)
def list_cases(
    who: Caller,
    state: State,
    status: Annotated[Verdict | None, Query(description="overall verdict")] = None,
    overdue: Annotated[bool | None, Query(description="next deadline passed")] = None,
    agency: Annotated[str | None, Query(max_length=500)] = None,
    region: Annotated[str | None, Query(max_length=500)] = None,
    election: Annotated[str | None, Query(max_length=200, description="election id")] = None,
    registered_from: Annotated[
        dt.date | None, Query(description="registered on or after this day (UTC)")
    ] = None,
    registered_to: Annotated[
        dt.date | None, Query(description="registered on or before this day (UTC)")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
    offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
) -> Response:
    """The cases matching every filter, by id; a scoped token lists only its agency's."""
    if who.agency is not None:
        if agency is not None and agency != who.agency:
            return Response("[]", media_type="application/json")
        agency = who.agency
    found = state.register.list(
        status=status,
        overdue=overdue,
        agency=agency,
        region=region,
        election=election,
        registered_from=registered_from,
        registered_to=registered_to,
        limit=limit,
        offset=offset,
    )
    body = "[" + ",".join(CaseSummaryView.of(s).model_dump_json() for s in found) + "]"
    return Response(body, media_type="application/json")


@router.get(
    "/stats",
    summary="Follow-up rate, overdue by agency, under-sanctioned share by election",
    response_model=StatsView,
    responses=responses(401, 503),
)
def stats(who: Caller, state: State) -> Response:
    """Counts over every case; for a token scoped to one agency, over that agency's cases
    only."""
    # A token's agency with no case yet has counts of nothing (not the library's refusal
    # of an agency no case names, which is for a mistyped --agency).
    counted = state.register.stats(agency=who.agency, refuse_unknown_agency=False)
    return json_response(StatsView.of(counted))
