"""What the service answers, as pydantic models (the OpenAPI document is generated from
them): the register's records as JSON, and the stateless answers."""

from __future__ import annotations

import datetime as dt

from fastapi import Response
from pydantic import BaseModel, ConfigDict, Field

from ..assessed import AssessedReport
from ..register import CaseRecord, CaseSummary, Event, Stats
from ..register.evaluation import Due
from ..register.ordering import OrderNote
from ..sanctions import Audit, Verdict
from ..vocabulary import Track


class View(BaseModel):
    """A frozen answer model; ``of`` reads the register's record of the same field names, so
    a field is named once, in the register (from_attributes)."""

    model_config = ConfigDict(frozen=True, extra="forbid", from_attributes=True)


class AuditAnswer(View):
    """``POST /v1/audit``: the adequacy audit of one case."""

    case_id: str
    audit: Audit


class DueView(View):
    """A handling deadline: what must happen, by when."""

    on: dt.date
    what: str

    @classmethod
    def of(cls, due: Due | None) -> DueView | None:
        """The view of a register deadline."""
        return None if due is None else cls.model_validate(due)


class CaseSummaryView(View):
    """A case as the register lists it."""

    id: str
    agency: str | None
    region: str | None
    election: str
    verdict: Verdict = Field(description="the audit's overall verdict after the last event")
    events: int = Field(description="how many events the case has")
    due: DueView | None
    closed_on: dt.date | None
    overdue: bool

    @classmethod
    def of(cls, s: CaseSummary) -> CaseSummaryView:
        """The view of a register summary."""
        return cls.model_validate(s)


class WarningView(View):
    """A warning about the order of a case's events (``register.ordering``): recorded, but
    worth a look."""

    seq: int = Field(description="the event it is about (1, 2, ...)")
    code: str = Field(description="its kind, the same in every language (event_order.*)")
    text: str = Field(description="in Indonesian")
    text_en: str = Field(description="in English")

    @classmethod
    def of(cls, seq: int, note: OrderNote) -> WarningView:
        """The view of a note about the event ``seq``."""
        words = note.text()
        return cls(seq=seq, code=words.code, text=words.render("id"), text_en=words.render("en"))


class CaseView(CaseSummaryView):
    """A registered case: its verdicts, its events, and its findings and assessment."""

    verdicts: dict[Track, Verdict] = Field(description="per track, after the last event")
    event_list: list[Event]
    warnings: list[WarningView] = Field(
        description="what the order of its events deserves a look for, by event (an "
        "examination or a sanction before the first report, a step with nothing it "
        "answers recorded ...); the events were recorded"
    )
    registered_at: dt.datetime
    updated_at: dt.datetime
    report: AssessedReport = Field(
        description="the findings and assessment of the case as judged with its events' "
        "sanctions, as of the day asked"
    )

    @classmethod
    def of_record(cls, r: CaseRecord, report: AssessedReport) -> CaseView:
        """The view of a register record and its report."""
        made = {
            "report": report,
            "warnings": [WarningView.of(w.seq, w.note) for w in r.warnings],
        }
        fields = {name: getattr(r, name) for name in cls.model_fields if name not in made}
        return cls.model_validate({**fields, **made})


class ElectionShare(View):
    """Under-sanctioned cases of one election, of those whose sanction could be compared."""

    under_sanctioned: int
    compared: int


class MonthFollowUp(View):
    """Cases registered in one month: followed up (something imposed) and awaiting."""

    followed_up: int
    awaiting: int


class StatsView(View):
    """What a supervisor counts over the register."""

    cases: int
    open: int
    closed: int
    by_verdict: dict[Verdict, int]
    overdue: int
    overdue_by_agency: dict[str, int]
    followed_up: int
    awaiting: int
    follow_up_rate: float | None = Field(description="followed_up / (followed_up + awaiting)")
    under_sanctioned_by_election: dict[str, ElectionShare]
    under_sanctioned_by_agency: dict[str, ElectionShare] = Field(
        description="per agency ('' when not stated)"
    )
    overdue_by_step: dict[str, int] = Field(description="per step due (the deadline's id)")
    follow_up_by_month: dict[str, dict[str, MonthFollowUp]] = Field(
        description="per election, per month of registration (YYYY-MM, UTC)"
    )
    by_track_and_tier: dict[str, dict[str, int]] = Field(
        description="per track, per recommended tier ('-': none): cases, from each case's "
        "last evaluation"
    )

    @classmethod
    def of(cls, s: Stats) -> StatsView:
        """The view of the register's counts."""

        def shares(counts: dict[str, tuple[int, int]]) -> dict[str, ElectionShare]:
            return {
                k: ElectionShare(under_sanctioned=u, compared=c) for k, (u, c) in counts.items()
            }

        made = {
            "under_sanctioned_by_election": shares(s.under_sanctioned_by_election),
            "under_sanctioned_by_agency": shares(s.under_sanctioned_by_agency),
            "follow_up_by_month": {
                e: {m: MonthFollowUp(followed_up=f, awaiting=a) for m, (f, a) in months.items()}
                for e, months in s.follow_up_by_month.items()
            },
        }
        fields = {n: getattr(s, n) for n in cls.model_fields if n not in made}
        return cls.model_validate({**fields, **made})


def json_response(model: BaseModel, status: int = 200) -> Response:
    """``model`` as a JSON response, serialized once by the model itself (``response_model``
    only describes it in the OpenAPI document: FastAPI would validate the answer again).
    The bytes are ``model.model_dump_json()``'s, taken from the serializer as bytes (the
    method decodes them to a string, which the response would encode again)."""
    data = model.__pydantic_serializer__.to_json(model)
    return Response(data, status_code=status, media_type="application/json")
