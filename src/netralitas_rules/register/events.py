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

from pydantic import Field, ValidationInfo, field_validator

from ..models._base import Date, FactModel, FactText
from ..problemtext import Text
from ..vocabulary import Tier, Track
from .texts import KindName


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
    """One event of a case's handling. A field that does not fit the kind is refused at that
    field (``source``, ``track``), in the kind's name, so a form places the problem beside it
    and the command line names its option."""

    kind: EventKind
    date: Date
    by: FactText = Field(default=None, description="who acted (institution or office)")
    source: ReportSource | None = Field(
        default=None, validate_default=True, description="for 'reported'"
    )
    track: Track | None = Field(
        default=None, validate_default=True, description="recommended or imposed track"
    )
    tier: Tier | None = Field(default=None, description="recommended or imposed tier")
    form: FactText = Field(default=None, description="the sanction's form as imposed")
    decree: FactText = Field(default=None, description="decree (SK) number")
    note: FactText = Field(default=None, max_length=5000)

    # ``kind`` is validated first (the fields' order), so ``info.data`` holds it when valid;
    # an invalid kind is refused at ``kind`` and nothing is said of the fields it governs.
    @field_validator("source")
    @classmethod
    def _source_fits_the_kind(
        cls, source: ReportSource | None, info: ValidationInfo
    ) -> ReportSource | None:
        kind = info.data.get("kind")
        if kind is EventKind.REPORTED and source is None:
            raise ValueError(Text("event.needs_source", kind=KindName(kind.value)))
        if kind is not None and kind is not EventKind.REPORTED and source is not None:
            reported = KindName(EventKind.REPORTED.value)
            raise ValueError(Text("event.only_reported_source", kind=reported))
        return source

    @field_validator("track")
    @classmethod
    def _track_fits_the_kind(cls, track: Track | None, info: ValidationInfo) -> Track | None:
        kind = info.data.get("kind")
        if kind is EventKind.SANCTION_IMPOSED and track is None:
            raise ValueError(Text("event.needs_track", kind=KindName(kind.value)))
        return track
