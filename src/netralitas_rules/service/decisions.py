"""``GET /v1/cases/{case_id}/log``: a case's decision log as the register keeps it, oldest
first: each evaluation with what it read (the case's input, the regulations, the library
version and backend, the day of handling), what it concluded and who asked. The case page
shows it as the case's history of decisions; nothing is evaluated again here."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request, Response
from pydantic import Field

from ..register import LogEntry
from ..sanctions import Verdict
from ..vocabulary import Track
from .auth import Caller, State
from .cases import CaseId, visible_case
from .problems import responses
from .views import View, WarningView

router = APIRouter(prefix="/v1")


class LogEntryView(View):
    """One evaluation of the case (the register's ``LogEntry``)."""

    seq: int = Field(description="the case's last event when it was evaluated (0: as registered)")
    input_hash: str
    regulations_hash: str
    library_version: str
    backend: str
    as_of: dt.date = Field(description="the day of handling the evaluation read")
    verdict: Verdict
    verdicts: dict[Track, Verdict]
    due_on: dt.date | None
    evaluated_at: dt.datetime
    actor: str = Field(description="who asked: the token's id and role, nothing personal")
    warnings: list[WarningView] = Field(
        description="what the order of the event it followed deserved a look for, as "
        "said when the event was recorded"
    )

    @classmethod
    def of(cls, entry: LogEntry) -> LogEntryView:
        """The view of a log entry."""
        fields = {name: getattr(entry, name) for name in cls.model_fields if name != "warnings"}
        warned = [WarningView.of(entry.seq, note) for note in entry.warnings]
        return cls.model_validate({**fields, "warnings": warned})


@router.get(
    "/cases/{case_id:case_id}/log",
    summary="A case's decision log: every evaluation, oldest first",
    response_model=list[LogEntryView],
    responses=responses(401, 404, 503),
)
def decision_log(request: Request, case_id: CaseId, who: Caller, state: State) -> Response:
    """The register's log of the case; a case outside the token's scope is a 404."""
    visible_case(request, state, who, case_id)
    entries = state.register.history(case_id)
    body = "[" + ",".join(LogEntryView.of(e).model_dump_json() for e in entries) + "]"
    return Response(body, media_type="application/json")
