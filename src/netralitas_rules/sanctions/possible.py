"""Possible findings in the sanctions stage: the recommendation rests on met findings only;
the possible ones (met for some values of the case's unknown facts) are named beside it,
with the heaviest tier each track would reach if they were met.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..findings import Finding, FindingStatus, Report
from .models import TrackRecommendation
from .verdicts import IfMet, PossibleFinding, PossibleOutcome


def split_possible(report: Report) -> tuple[Report, tuple[Finding, ...]]:
    """The report with its met findings only, and its possible findings."""
    findings = report.findings
    # Most reports hold no possible finding: a plain loop finds that without a generator.
    for f in findings:
        if f.status is _POSSIBLE:
            break
    else:
        return report, ()
    possible = tuple(f for f in findings if f.status is FindingStatus.POSSIBLE)
    met = tuple(f for f in report.findings if f.status is not FindingStatus.POSSIBLE)
    return report.model_copy(update={"findings": met}), possible


_POSSIBLE = FindingStatus.POSSIBLE


def possible_outcome(
    report: Report,
    possible: Sequence[Finding],
    recommend_all: Callable[[Report], tuple[TrackRecommendation, ...]],
) -> PossibleOutcome | None:
    """The possible findings and, per track they touch, the recommendation's tier if all of
    them were met (``recommend_all`` recommends on a report: the stage's own
    :func:`~netralitas_rules.sanctions.recommend`, so the answer is the one it would give)."""
    if not possible:
        return None
    as_met = tuple(f.model_copy(update={"status": FindingStatus.MET}) for f in report.findings)
    recs = {r.track: r for r in recommend_all(report.model_copy(update={"findings": as_met}))}
    tracks = dict.fromkeys(f.track for f in possible)
    return PossibleOutcome.model_construct(
        findings=tuple(
            PossibleFinding.model_construct(
                provision_id=f.provision_id,
                version=f.version,
                activity_id=f.activity_id,
                candidate_id=f.candidate_id,
                track=f.track,
                tier=f.tier,
                deciding_facts=f.deciding_facts,
            )
            for f in possible
        ),
        if_met=tuple(
            IfMet.model_construct(
                track=track,
                tier=recs[track].tier if track in recs else None,
                provision_ids=tuple(
                    dict.fromkeys(f.provision_id for f in possible if f.track is track)
                ),
            )
            for track in tracks
        ),
    )


__all__ = ["possible_outcome", "split_possible"]
