"""Agreement between the library's answer and the authority's on decided cases.

The library's answer is read from the sanctions stage (its recommendations per track, the
discipline tier after any repeat escalation), never judged again here. A case is compared in
the forum that decided it: an administrative body decides ETIK, DISIPLIN or
STATUS_KEPEGAWAIAN, a criminal court PIDANA, and the two tracks run independently (PP 53/2010
Pasal 6; legal-basis "Ten facts" 10), so the library's case-level track is its heaviest track
in that forum (ETIK < DISIPLIN < STATUS_KEPEGAWAIAN; PIDANA alone in the criminal forum).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from ..completion import TooManyUnknownsError
from ..engine import Engine, get_engine
from ..findings import Report
from ..loader import RegulationSet
from ..models import Case, ImposedSanction
from ..models.unknown import day_of, known
from ..sanctions import Assessment, Verdict, assess
from ..sanctions.verdicts import ADMINISTRATIVE_RANK
from ..vocabulary import ActivityKind, Tier, Track
from .models import Cause, DecidedCase, Forum
from .unstated import with_unstated_unknown

DISCIPLINE_LINEAGE = "pp-94-2021"
"""An instrument of the PNS discipline lineage (PP 53/2010, then PP 94/2021): a case's period
is the one of its instruments the report applied to the case's first act."""

CONDUCT: dict[ActivityKind, str] = {
    **dict.fromkeys(
        (
            ActivityKind.SOCIAL_MEDIA_POST,
            ActivityKind.SOCIAL_MEDIA_LIKE,
            ActivityKind.SOCIAL_MEDIA_COMMENT,
            ActivityKind.SOCIAL_MEDIA_SHARE,
            ActivityKind.SOCIAL_MEDIA_FOLLOW,
            ActivityKind.PARTISAN_PHOTO,
            ActivityKind.BANNER_DISPLAY,
        ),
        "media",
    ),
    **dict.fromkeys(
        (
            ActivityKind.CAMPAIGN_ATTENDANCE,
            ActivityKind.DECLARATION_ATTENDANCE,
            ActivityKind.PARTY_EVENT_ATTENDANCE,
            ActivityKind.PARTY_EVENT_SPEAKER,
        ),
        "attendance",
    ),
    **dict.fromkeys(
        (
            ActivityKind.PARTISAN_GATHERING,
            ActivityKind.GOODS_GIVING,
            ActivityKind.FAVOURING_DECISION,
            ActivityKind.STATE_FACILITY_USE,
            ActivityKind.ASN_MOBILISATION,
            ActivityKind.FUND_RAISING,
            ActivityKind.KTP_SUPPORT_COLLECTION,
            ActivityKind.KTP_SUPPORT_LETTER,
            ActivityKind.CAMPAIGN_ORGANISER,
        ),
        "partisan_act",
    ),
    **dict.fromkeys(
        (
            ActivityKind.PARTY_MEMBERSHIP,
            ActivityKind.CANDIDACY,
            ActivityKind.SELF_DECLARATION,
            ActivityKind.PARTY_APPROACH,
        ),
        "status",
    ),
}
"""The conduct family a case is grouped under, by the kind of its first act."""


@dataclass(frozen=True)
class CaseResult:
    """One decided case against the library's answer."""

    id: str
    file: str
    period: str
    election_kind: str
    conduct: str
    forum: Forum
    authority_track: Track | None
    authority_tier: Tier | None
    library_tracks: tuple[Track, ...]
    library_track: Track | None
    library_tier: Tier | None
    cause: Cause | None = None
    law_supports: str | None = None
    note: str | None = None
    """The reviewer's note in Indonesian; ``note_en`` is the same in English."""
    note_en: str | None = None
    unstated: tuple[str, ...] = ()
    """The facts left ``unknown`` in the second judgement (``decided.not_stated`` paths)."""
    open_tracks: tuple[Track, ...] = ()
    """With those facts unknown: the tracks the library finds met or possible."""
    open_met: bool = False
    """With those facts unknown: the library still finds a met track in the forum."""
    too_many: tuple[str, ...] = ()
    """Unstated facts that together make too many combinations to judge (more than
    :data:`~netralitas_rules.completion.MAX_COMPLETIONS`): the second judgement of such a case
    is its first, and the figures say how many cases that is."""

    @property
    def track_agrees(self) -> bool:
        """The library's case-level track in the forum is the authority's."""
        return self.library_track is self.authority_track

    @property
    def track_among(self) -> bool:
        """The authority's track is among the library's (no violation: none in the forum)."""
        if self.authority_track is None:
            return self.library_track is None
        return self.authority_track in self.library_tracks

    @property
    def open_among(self) -> bool:
        """With the unstated facts unknown, the library names the authority's track as met
        or possible (no violation: it finds no met track in the forum)."""
        if self.authority_track is None:
            return not self.open_met
        return self.authority_track in self.open_tracks

    @property
    def tier_compared(self) -> bool:
        """The authority stated a discipline tier."""
        return self.authority_track is Track.DISIPLIN and self.authority_tier is not None

    @property
    def tier_agrees(self) -> bool:
        """Both say DISIPLIN with the same tier (only where the authority stated one)."""
        return self.tier_compared and self.library_tier is self.authority_tier

    @property
    def agrees(self) -> bool:
        """Track, and tier where stated, agree."""
        return self.track_agrees and (not self.tier_compared or self.tier_agrees)


@dataclass(frozen=True)
class Rates:
    """Agreement counts over a group of cases."""

    cases: int
    track_agree: int
    track_among_count: int
    tiers: int
    tier_agree: int
    open_among_count: int = 0
    """Cases whose :attr:`CaseResult.open_among` holds."""
    unstated_cases: int = 0
    """Cases with at least one fact left unknown in the second judgement."""
    too_many_cases: int = 0
    """Cases whose unstated facts make too many combinations: judged as written twice."""

    @property
    def track(self) -> float:
        """Share of cases whose case-level track agrees."""
        return self.track_agree / self.cases if self.cases else 0.0

    @property
    def track_among(self) -> float:
        """Share of cases whose authority track is among the library's tracks."""
        return self.track_among_count / self.cases if self.cases else 0.0

    @property
    def open_among(self) -> float:
        """Share of cases whose authority track the library names as met or possible once
        the unstated facts are unknown."""
        return self.open_among_count / self.cases if self.cases else 0.0

    @property
    def tier(self) -> float:
        """Share of stated discipline tiers the library gives too."""
        return self.tier_agree / self.tiers if self.tiers else 0.0

    @classmethod
    def of(cls, results: Sequence[CaseResult]) -> Rates:
        """The counts over ``results``."""
        return cls(
            cases=len(results),
            track_agree=sum(r.track_agrees for r in results),
            track_among_count=sum(r.track_among for r in results),
            tiers=sum(r.tier_compared for r in results),
            tier_agree=sum(r.tier_agrees for r in results),
            open_among_count=sum(r.open_among for r in results),
            unstated_cases=sum(bool(r.unstated) for r in results),
            too_many_cases=sum(bool(r.too_many) for r in results),
        )


@dataclass(frozen=True)
class AgreementReport:
    """Every case's result, the overall rates and the rates per group."""

    results: tuple[CaseResult, ...]
    overall: Rates
    groups: dict[str, dict[str, Rates]] = field(default_factory=dict)

    @property
    def disagreements(self) -> tuple[CaseResult, ...]:
        """The cases whose track (or stated tier) differs, each with its cause."""
        return tuple(r for r in self.results if not r.agrees)


def _library_answer(
    assessment: Assessment, forum: Forum
) -> tuple[tuple[Track, ...], Track | None, Tier | None]:
    tracks = tuple(r.track for r in assessment.recommendations)
    if forum is Forum.CRIMINAL:
        level = Track.PIDANA if Track.PIDANA in tracks else None
    else:
        level = assessment.heaviest_administrative()
    discipline = assessment.recommendation(Track.DISIPLIN)
    return tracks, level, discipline.tier if discipline else None


def _in_forum(tracks: Iterable[Track], forum: Forum) -> tuple[Track, ...]:
    criminal = forum is Forum.CRIMINAL
    return tuple(t for t in tracks if (t is Track.PIDANA) is criminal)


def _open_answer(
    engine: Engine, decided: DecidedCase, day: dt.date, result: CaseResult
) -> CaseResult:
    """``result`` with the second judgement: the case with its unstated facts unknown, its
    turned paths, the tracks met or possible, and whether a met track remains in the forum.
    Unchanged when no unstated fact can be left unknown (the first judgement stands); with
    the paths under ``too_many`` when they make too many combinations to judge together."""
    case, turned = with_unstated_unknown(decided.case, decided.decided.not_stated)
    if not turned:
        return result
    try:
        report = engine.evaluate(case)
    except TooManyUnknownsError:
        return replace(result, too_many=turned)
    assessment = assess(report, case, regs=engine.rules.regulations, as_of=day)
    met = tuple(r.track for r in assessment.recommendations)
    possible = tuple(i.track for i in assessment.possible.if_met) if assessment.possible else ()
    forum = decided.decided.outcome.forum
    return replace(
        result,
        unstated=turned,
        open_tracks=tuple(dict.fromkeys(met + possible)),
        open_met=bool(_in_forum(met, forum)),
    )


def _heavier(library: Track | None, library_tier: Tier | None, result: CaseResult) -> bool:
    if result.forum is Forum.CRIMINAL or library is None:
        return False
    authority = result.authority_track
    mine = ADMINISTRATIVE_RANK.get(library, 0)
    theirs = ADMINISTRATIVE_RANK.get(authority, 0) if authority is not None else 0
    if mine != theirs:
        return mine > theirs
    return (
        library is Track.DISIPLIN
        and library_tier is not None
        and result.authority_tier is not None
        and library_tier.rank > result.authority_tier.rank
    )


def _lenient(decided: DecidedCase, assess_case: Callable[[Case], Assessment]) -> bool:
    """The sanctions audit, given the authority's outcome as the imposed sanction, finds it
    under-sanctioned, on a lighter track, or leaves a heavier track the library prescribes
    unimposed (the outcome is the authority's whole answer, so "not yet imposed" there means
    "not imposed"). A finding of no violation is not leniency in sanctioning: it disagrees on
    the facts or the law, and needs a reviewer's cause."""
    outcome = decided.decided.outcome
    if outcome.track is None:
        return False
    imposed = (ImposedSanction(track=outcome.track, tier=outcome.tier, form=outcome.form),)
    case = decided.case.model_copy(update={"imposed_sanctions": imposed})
    theirs = ADMINISTRATIVE_RANK.get(outcome.track, 0)
    for track in assess_case(case).audit.tracks:
        if track.verdict in (Verdict.UNDER_SANCTIONED, Verdict.WRONG_TRACK):
            return True
        heavier = ADMINISTRATIVE_RANK.get(track.track, 0) > theirs
        if heavier and track.verdict is Verdict.NOT_YET_IMPOSED:
            return True
    return False


def _as_of(decided: DecidedCase) -> dt.date:
    # The day of handling: the decision's, else the last act's, else the election's last
    # campaign day (a fixed day keeps the measure reproducible; it only moves the successor
    # authority and the days elapsed).
    case = decided.case
    last = max((day_of(a.date) for a in case.activities), default=case.election.campaign.end)
    return decided.decided.outcome.date or last


def _period(regs: RegulationSet, first: dt.date | None) -> str:
    """The PNS discipline instrument in force on the first act's date ('none' when no
    version of the lineage was, or the case has no act). Read from the law, not from the
    report: an act recorded as not established is judged by nobody but still has a date."""
    if first is None:
        return "none"
    lineage = set(regs.lineage(DISCIPLINE_LINEAGE))
    for reg in regs.in_force(first):
        if reg.instrument.id in lineage:
            return reg.instrument.short_name
    return "none"


def measure(cases: Iterable[DecidedCase], engine: Engine | None = None) -> AgreementReport:
    """Evaluate each decided case and compare the library's answer with the authority's."""
    engine = engine or get_engine()
    regs = engine.rules.regulations
    results: list[CaseResult] = []
    for decided in cases:
        case = decided.case
        # The findings do not depend on what was imposed: one evaluation serves the answer
        # and the audit of the authority's outcome.
        report = engine.evaluate(case)

        day = _as_of(decided)

        def assess_case(c: Case, report: Report = report, day: dt.date = day) -> Assessment:
            return assess(report, c, regs=regs, as_of=day)

        outcome = decided.decided.outcome
        tracks, level, tier = _library_answer(assess_case(case), outcome.forum)
        first = min(case.activities, key=lambda a: day_of(a.date)) if case.activities else None
        result = CaseResult(
            id=case.id,
            file=decided.file,
            period=_period(regs, day_of(first.date) if first else None),
            election_kind=case.election.kind.value,
            conduct=CONDUCT.get(known(first.kind), "other") if first else "other",
            forum=outcome.forum,
            authority_track=outcome.track,
            authority_tier=outcome.tier,
            library_tracks=tracks,
            library_track=level,
            library_tier=tier,
            open_tracks=tracks,
            open_met=bool(_in_forum(tracks, outcome.forum)),
        )
        result = _open_answer(engine, decided, day, result)
        if not result.agrees:
            # A reviewer's recorded cause comes first: where the library's heavier track rests
            # on a contested reading, calling the authority lenient would overstate the law.
            recorded = decided.decided.disagreement
            if recorded is not None:
                result = replace(
                    result,
                    cause=recorded.cause,
                    law_supports=recorded.law_supports,
                    note=recorded.note,
                    note_en=recorded.note_en,
                )
            elif _heavier(level, tier, result) and _lenient(decided, assess_case):
                result = replace(result, cause=Cause.LENIENT)
            else:
                result = replace(result, cause=Cause.DEFECT)
        results.append(result)
    return AgreementReport(
        results=tuple(results),
        overall=Rates.of(results),
        groups={
            "period": _grouped(results, lambda r: r.period),
            "election": _grouped(results, lambda r: r.election_kind),
            "conduct": _grouped(results, lambda r: r.conduct),
            "forum": _grouped(results, lambda r: r.forum.value),
        },
    )


def _grouped(results: Sequence[CaseResult], key: Callable[[CaseResult], str]) -> dict[str, Rates]:
    groups: dict[str, list[CaseResult]] = {}
    for r in results:
        groups.setdefault(key(r), []).append(r)
    return {name: Rates.of(items) for name, items in sorted(groups.items())}
