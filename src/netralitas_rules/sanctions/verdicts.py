"""Output shapes of the adequacy audit and of the whole assessment: the verdict per track,
what was consulted when nothing matched, the possible findings of partial facts, and the
:class:`Assessment` that holds every part the sanctions stage says about a case.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import StrEnum

from pydantic import Field

from ..findings import DecidingFact
from ..models import ImposedSanction
from ..vocabulary import Certainty, Tier, Track
from .construct import SanctionsOut
from .models import Conflict, GroundKind, Risk, Routing, TierGround, TrackRecommendation


class Verdict(StrEnum):
    """Outcome of the adequacy audit for one track."""

    ADEQUATE = "adequate"
    UNDER_SANCTIONED = "under_sanctioned"
    OVER_SANCTIONED = "over_sanctioned"
    WRONG_TRACK = "wrong_track"
    NOT_YET_IMPOSED = "not_yet_imposed"
    UNDETERMINED = "undetermined"
    NONE_DUE = "none_due"

    @property
    def severity(self) -> int:
        """Order for a case's overall verdict: the most serious shortfall first."""
        return _SEVERITY[self]


_SEVERITY = {
    Verdict.UNDER_SANCTIONED: 6,
    Verdict.WRONG_TRACK: 5,
    Verdict.NOT_YET_IMPOSED: 4,
    Verdict.OVER_SANCTIONED: 3,
    Verdict.UNDETERMINED: 2,
    Verdict.ADEQUATE: 1,
    Verdict.NONE_DUE: 0,
}


class TrackAudit(SanctionsOut):
    """The verdict on one track: what was due, what was imposed, and the bases."""

    track: Track
    verdict: Verdict
    recommended_tier: Tier | None = None
    imposed: tuple[ImposedSanction, ...] = ()
    imposed_tier: Tier | None = None
    recommendation_date: dt.date | None = None
    days_elapsed: int | None = None
    text: str
    text_en: str
    citations: tuple[str, ...] = ()
    ground: GroundKind | None = Field(
        default=None, description="The weakest kind of ground the verdict rests on."
    )
    certainty: Certainty | None = Field(
        default=None, description="The weakest certainty label among those grounds."
    )
    grounds: tuple[TierGround, ...] = Field(
        default=(), description="The chain of grounds the verdict rests on."
    )


class Audit(SanctionsOut):
    """The adequacy audit of a case."""

    as_of: dt.date
    tracks: tuple[TrackAudit, ...]
    overall: Verdict


ADMINISTRATIVE_RANK: Mapping[Track, int] = {
    Track.ETIK: 1,
    Track.DISIPLIN: 2,
    Track.STATUS_KEPEGAWAIAN: 3,
}
"""The administrative tracks, lightest first: a case's administrative answer is its heaviest.
PIDANA is not among them; the criminal track runs independently (PP 53/2010 Pasal 6)."""


class NoMatch(SanctionsOut):
    """No encoded provision matched the facts: what was consulted. Never 'all clear': the
    facts may breach law the library does not encode, or facts not stated may decide."""

    instruments: tuple[str, ...] = Field(
        description="Short names of the instruments in force on the act dates, e.g. 'PP 94/2021'."
    )
    versions: tuple[str, ...] = Field(description="<instrument>@<effective_from> consulted.")
    act_dates: tuple[dt.date, ...] = ()
    text: str
    text_en: str


class PossibleFinding(SanctionsOut):
    """A finding met for some values of the case's unknown facts only."""

    provision_id: str
    version: str
    activity_id: str
    candidate_id: str | None = None
    track: Track
    tier: Tier | None = None
    deciding_facts: tuple[DecidingFact, ...] = ()


class IfMet(SanctionsOut):
    """What one track's recommendation would be if every possible finding were met."""

    track: Track
    tier: Tier | None = Field(
        default=None, description="The case's tier on the track (None: no tier set)."
    )
    provision_ids: tuple[str, ...] = Field(description="The possible findings on the track.")


class PossibleOutcome(SanctionsOut):
    """The possible findings of a case, and the heaviest outcome if they were met."""

    findings: tuple[PossibleFinding, ...]
    if_met: tuple[IfMet, ...]


class Assessment(SanctionsOut):
    """Everything the sanctions stage says about one case."""

    recommendations: tuple[TrackRecommendation, ...]
    routing: Routing
    conflicts: tuple[Conflict, ...] = ()
    risks: tuple[Risk, ...] = ()
    audit: Audit
    no_match: NoMatch | None = Field(
        default=None,
        description="Set when the report has no finding: the instruments consulted.",
    )
    possible: PossibleOutcome | None = Field(
        default=None,
        description="Findings met only for some values of the case's unknown facts: the "
        "recommendation rests on met findings alone; these are named beside it.",
    )

    def recommendation(self, track: Track) -> TrackRecommendation | None:
        """The recommendation on that track, if any."""
        return next((r for r in self.recommendations if r.track is track), None)

    def heaviest_administrative(self) -> Track | None:
        """The heaviest administrative track recommended (:data:`ADMINISTRATIVE_RANK`), or
        None when no administrative track is."""
        admin = [r.track for r in self.recommendations if r.track in ADMINISTRATIVE_RANK]
        return max(admin, key=ADMINISTRATIVE_RANK.__getitem__, default=None)
