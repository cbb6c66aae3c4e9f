"""The derived facts' values (``activity.campaign_phase``, ``candidate.standing``,
``candidate.is_independent``, ``candidate.kinship_with_asn``) worked out from the election
calendar, the candidates and the relationships, and the parts of a case they are read from
once per case (:class:`CaseFacts`), which fact records and the python engine share."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .models import Activity, Candidate, Case, Election
from .models.unknown import Unknown
from .vocabulary import CampaignPhase, CandidateStanding


def phase_on(day: dt.date, start: dt.date, end: dt.date) -> str:
    """``activity.campaign_phase``: the day before, during or after the masa kampanye
    ``[start, end]`` (inclusive bounds), as the value records hold. The one meaning of the
    fact: every reader of it calls this."""
    return BEFORE if day < start else AFTER if day > end else DURING


def standing_on(day: dt.date, fixed: dt.date | None) -> str:
    """``candidate.standing``: BAKAL_CALON before the day ``fixed`` the candidate became a
    calon (or with none known), CALON from it on, as the value records hold."""
    return BAKAL if fixed is None or day < fixed else CALON


def campaign_phase(election: Election, day: dt.date) -> CampaignPhase:
    """Place a day before, during or after the masa kampanye (inclusive bounds).

    >>> from netralitas_rules.elections import shipped_election
    >>> campaign_phase(shipped_election("pemilu-2019"), dt.date(2019, 4, 13))
    <CampaignPhase.DURING_CAMPAIGN: 'during_campaign'>
    """
    campaign = election.campaign
    return CampaignPhase(phase_on(day, campaign.start, campaign.end))


def penetapan_date(election: Election, candidate: Candidate) -> dt.date | None:
    """The day the candidate became a calon: his own date, else the election's stage."""
    fixed, office = candidate.penetapan_date, candidate.office
    if isinstance(fixed, Unknown) or isinstance(office, Unknown):
        raise TypeError(f"candidate {candidate.id!r}: unknown facts; judge the completions")
    return fixed if fixed is not None else election.penetapan_for(office)


def standing(election: Election, candidate: Candidate, day: dt.date) -> CandidateStanding:
    """BAKAL_CALON before penetapan (or with no penetapan known), CALON from it on."""
    return CandidateStanding(standing_on(day, penetapan_date(election, candidate)))


def enum_value(value: Any) -> Any:
    """The value of an enum member; a plain string (a wire struct's enum field) as it is."""
    return value if value.__class__ is str else value._value_


# The derived facts' values as records hold them; PythonEngine.hits computes the same
# facts from these (tests/test_object_matchers.py holds the two to the same hits).
BEFORE = CampaignPhase.BEFORE_CAMPAIGN.value
DURING = CampaignPhase.DURING_CAMPAIGN.value
AFTER = CampaignPhase.AFTER_CAMPAIGN.value
BAKAL = CandidateStanding.BAKAL_CALON.value
CALON = CandidateStanding.CALON.value


ElectionParts = tuple[str, dt.date, dt.date, dict[str, dt.date | None]]
"""An election's kind, campaign bounds and, per office value, the calendar's penetapan day."""

# The calendars read last, most recent first, each held with its parts: a batch has a few
# shipped calendar objects, and an identity test on a held object cannot mistake another.
_ELECTIONS: list[tuple[Election, ElectionParts]] = []
_ELECTIONS_KEPT = 8


def kinship_between(relationships: Any, person: str, other: str) -> tuple[str, ...]:
    """The kinship values linking two persons, sorted (``candidate.kinship_with_asn``)."""
    pair = {person, other}
    return tuple(
        sorted({enum_value(r.kinship) for r in relationships if {r.person, r.relative} == pair})
    )


class _Penetapan(dict[str, "dt.date | None"]):
    """The calendar's penetapan day per office, looked up on first use: a case names one to
    three offices, and reading every office up front cost more than judging the case."""

    __slots__ = ("election",)

    def __init__(self, election: Election) -> None:
        super().__init__()
        self.election = election

    def __missing__(self, office: str) -> dt.date | None:
        # Keyed by the office's value (wire candidates carry plain strings); an enum member
        # finds its value's entry. A race between threads only computes one value twice.
        day = self[office] = self.election.penetapan_for(office)
        return day


def election_parts(election: Election) -> ElectionParts:
    """The election's kind, campaign bounds and, per office, the calendar's penetapan day
    (:meth:`Election.penetapan_for` for every office), read once per calendar object."""
    memo = _ELECTIONS
    for held, parts in memo:
        if held is election:
            return parts
    campaign = election.campaign
    parts = (election.kind.value, campaign.start, campaign.end, _Penetapan(election))
    # A new list, assigned whole: a reader in another thread sees the old or the new one.
    globals()["_ELECTIONS"] = [(election, parts), *memo[: _ELECTIONS_KEPT - 1]]
    return parts


# A candidate (held, compared by identity) and what of it does not depend on the act.
HeldCandidate = tuple[Candidate, "dt.date | None", bool, tuple[str, ...]]


def held_candidate(
    candidate: Candidate, penetapan: dict[str, dt.date | None], relationships: Any, asn_id: str
) -> HeldCandidate:
    """The candidate's penetapan day, independence and kinship with the case's ASN: what
    :meth:`CaseFacts.toward` and the python engine's loop keep per candidate."""
    fixed = candidate.penetapan_date
    if fixed is None:  # the calendar's day (see penetapan_date); an enum finds its value's
        fixed = penetapan[candidate.office]  # type: ignore[index]
    kin = kinship_between(relationships, asn_id, candidate.id) if relationships else ()
    return candidate, fixed, candidate.is_independent, kin  # type: ignore[return-value]


class CaseFacts:
    """The derived facts of one case's acts, from the parts read once per case (the
    calendar, each candidate's penetapan and independence, the relationships): the one
    derived-facts function, used by fact records and by the generated matchers alike.

    ``case`` may also be a batch wire case (same attribute names, enum values as plain
    strings); its ``election`` is then passed separately as the shipped calendar.
    """

    __slots__ = (
        "_candidates",
        "asn_id",
        "election_kind",
        "end",
        "penetapan",
        "relationships",
        "start",
    )

    def __init__(self, case: Case, election: Election | None = None) -> None:
        kind, start, end, penetapan = election_parts(
            case.election if election is None else election
        )
        self.election_kind = kind
        self.start = start
        self.end = end
        self.penetapan = penetapan
        self.asn_id = case.asn.id
        self.relationships = case.relationships
        # Per candidate id: held_candidate's facts.
        self._candidates: dict[str, HeldCandidate] = {}

    def phase(self, day: dt.date) -> str:
        """``activity.campaign_phase`` on that day."""
        return phase_on(day, self.start, self.end)

    def toward(self, activity: Activity, candidate: Candidate) -> tuple[str, bool, tuple[str, ...]]:
        """The derived facts of an act toward one of the case's candidates, on the act's
        date: ``candidate.standing``, ``candidate.is_independent`` and
        ``candidate.kinship_with_asn``."""
        held = self._candidates.get(candidate.id)
        if held is None or held[0] is not candidate:
            held = self._candidates[candidate.id] = held_candidate(
                candidate, self.penetapan, self.relationships, self.asn_id
            )
        _, fixed, independent, kin = held
        asn_id = activity.asn_id
        if asn_id and asn_id != self.asn_id and self.relationships:
            kin = kinship_between(self.relationships, asn_id, candidate.id)
        # Known facts here: a case with unknowns is judged by its completions (partial.py).
        return standing_on(activity.date, fixed), independent, kin  # type: ignore[arg-type]
