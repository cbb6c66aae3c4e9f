"""The events of a case's handling, from report to closure: the shared vocabulary of the
register, the handling deadlines and the service.

An event says what happened to a case and when; it never says what the law requires (that
is the evaluation's and the deadlines' job). Events are append-only: a correction is a new
event, never an edit.

>>> Event(kind=EventKind.REPORTED, date="2019-03-11", source=ReportSource.BAWASLU_FINDING).kind
<EventKind.REPORTED: 'reported'>
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, model_validator

from ..models._base import Date, FactModel, FactText
from ..problemtext import Text
from ..vocabulary import Tier, Track


class EventKind(StrEnum):
    """What happened to a case."""

    REPORTED = "reported"
    """A report or finding reached a supervisor (``source`` says from where)."""
    EXAMINED = "examined"
    """The supervisor (Bawaslu, KASN/BKN) or the inspectorate examined the case."""
    RECOMMENDATION_ISSUED = "recommendation_issued"
    """A recommendation was issued (``by``; ``track`` and ``tier`` as recommended)."""
    SANCTION_IMPOSED = "sanction_imposed"
    """The PPK (or the official ``by``) imposed a sanction (``track``, ``tier``, ``form``,
    ``decree``)."""
    NOT_FOLLOWED_UP = "not_followed_up"
    """The deadline for following up a recommendation passed without a sanction."""
    RECORD_BLOCKED = "record_blocked"
    """BKN blocked the staff record (data kepegawaian) of the ASN or of the PPK's agency."""
    CLOSED = "closed"
    """The case was closed (``note`` says why: sanctioned, not proven, withdrawn ...)."""


class ReportSource(StrEnum):
    """Where a reported case came from."""

    BAWASLU_FINDING = "bawaslu_finding"
    """Bawaslu's own finding (temuan)."""
    BAWASLU_REPORT = "bawaslu_report"
    """A report (laporan) made to Bawaslu."""
    PUBLIC_COMPLAINT = "public_complaint"
    """A complaint from the public to KASN/BKN or the agency."""
    INSPECTORATE = "inspectorate"
    """The agency's own inspectorate."""


class Event(FactModel):
    """One event of a case's handling."""

    kind: EventKind
    date: Date
    by: FactText = Field(default=None, description="who acted (institution or office)")
    source: ReportSource | None = Field(default=None, description="for 'reported'")
    track: Track | None = Field(default=None, description="recommended or imposed track")
    tier: Tier | None = Field(default=None, description="recommended or imposed tier")
    form: FactText = Field(default=None, description="the sanction's form as imposed")
    decree: FactText = Field(default=None, description="decree (SK) number")
    note: FactText = Field(default=None, max_length=5000)

    @model_validator(mode="after")
    def _fields_fit_the_kind(self) -> Event:
        if self.kind is EventKind.REPORTED and self.source is None:
            raise ValueError(
                Text("event.needs_source", kind=self.kind.value, example="bawaslu_finding")
            )
        if self.kind is not EventKind.REPORTED and self.source is not None:
            raise ValueError(Text("event.only_reported_source", kind=EventKind.REPORTED.value))
        if self.kind is EventKind.SANCTION_IMPOSED and self.track is None:
            raise ValueError(Text("event.needs_track", kind=self.kind.value))
        return self
