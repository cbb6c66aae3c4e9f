"""A case's answer as the sanctions stage gives it, and when one answer is lighter than
another: what the case-level properties of :mod:`.monotonicity` compare."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..engine import get_engine
from ..models import Case
from ..models.unknown import day_of
from ..sanctions import Assessment, TrackRecommendation, assess
from ..sanctions.verdicts import ADMINISTRATIVE_RANK
from ..vocabulary import Tier, Track
from ._base import Rules, compiled


def _grounds(rec: TrackRecommendation | None) -> str:
    if rec is None:
        return ""
    named = dict.fromkeys(f"{g.provision_id} on {g.activity_id}" for g in rec.grounds)
    return f" ({', '.join(named)})"


@dataclass(frozen=True)
class CaseAnswer:
    """A case's answer as the sanctions stage gives it: whether PIDANA is recommended, the
    heaviest administrative track, and the DISIPLIN tier (None when none is recommended or
    every discipline finding is referred to the PPK)."""

    pidana: bool
    track: Track | None
    tier: Tier | None
    text: str

    @classmethod
    def of(cls, assessment: Assessment) -> CaseAnswer:
        """The answer read from an assessment's recommendations."""
        track = assessment.heaviest_administrative()
        discipline = assessment.recommendation(Track.DISIPLIN)
        criminal = assessment.recommendation(Track.PIDANA)
        tier = discipline.tier if discipline else None
        parts = []
        if track is not None:
            shown = (
                f"{track.value} {tier.value}" if track is Track.DISIPLIN and tier else track.value
            )
            parts.append(f"{shown}{_grounds(assessment.recommendation(track))}")
        if criminal is not None:
            parts.append(f"PIDANA{_grounds(criminal)}")
        return cls(criminal is not None, track, tier, " and ".join(parts) or "no violation")


def lowered(before: CaseAnswer, after: CaseAnswer) -> str | None:
    """How ``after`` is lighter than ``before``, or None when it is not: the PIDANA track
    disappeared, the heaviest administrative track fell, or DISIPLIN stayed the heaviest
    with a tier on both sides and the tier fell. A DISIPLIN answer without a tier (referred
    to the PPK) is compared by track only."""
    if before.pidana and not after.pidana:
        return "the PIDANA track disappeared"
    rank, new_rank = (
        ADMINISTRATIVE_RANK.get(a.track, 0) if a.track else 0 for a in (before, after)
    )
    if new_rank < rank:
        was = before.track.value if before.track else "none"
        now = after.track.value if after.track else "none"
        return f"the heaviest administrative track fell from {was} to {now}"
    if (
        before.track is Track.DISIPLIN
        and after.track is Track.DISIPLIN
        and before.tier is not None
        and after.tier is not None
        and after.tier.rank < before.tier.rank
    ):
        return f"the DISIPLIN tier fell from {before.tier.value} to {after.tier.value}"
    return None


def case_answerer(rules: Rules) -> Callable[[Case], CaseAnswer]:
    """A function judging a case with the rules and reading its answer from the sanctions
    stage (the day of handling is fixed: the answer does not depend on it)."""
    rule_set = compiled(rules)
    engine = get_engine("python", rule_set)
    regs = rule_set.regulations

    def answer(case: Case) -> CaseAnswer:
        handled = max((day_of(a.date) for a in case.activities), default=case.election.campaign.end)
        return CaseAnswer.of(assess(engine.evaluate(case), case, regs=regs, as_of=handled))

    return answer
