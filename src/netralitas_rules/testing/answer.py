"""A case's answer as the sanctions stage gives it, and when one answer is lighter than
another: what the case-level properties of :mod:`.monotonicity` compare."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..engine import get_engine
from ..models import Case
from ..models.unknown import day_of
from ..problemtext import Joined, Text
from ..sanctions import Assessment, TrackRecommendation, assess
from ..sanctions.verdicts import ADMINISTRATIVE_RANK
from ..vocabulary import Tier, Track
from ._base import Rules, compiled
from .words import Named


def _grounds(rec: TrackRecommendation | None) -> Text | str:
    if rec is None:
        return ""
    named = dict.fromkeys(
        Text("property.ground", provision=g.provision_id, activity=g.activity_id)
        for g in rec.grounds
    )
    return Text("property.grounds", grounds=Joined(list(named)))


@dataclass(frozen=True)
class CaseAnswer:
    """A case's answer as the sanctions stage gives it: whether PIDANA is recommended, the
    heaviest administrative track, and the DISIPLIN tier (None when none is recommended or
    every discipline finding is referred to the PPK); ``text`` says it in words, in the
    language it is rendered in (``str()`` the English: 'DISIPLIN SEDANG (pp94-5-n-2 on
    a1)')."""

    pidana: bool
    track: Track | None
    tier: Tier | None
    text: Text | str

    @classmethod
    def of(cls, assessment: Assessment) -> CaseAnswer:
        """The answer read from an assessment's recommendations."""
        track = assessment.heaviest_administrative()
        discipline = assessment.recommendation(Track.DISIPLIN)
        criminal = assessment.recommendation(Track.PIDANA)
        tier = discipline.tier if discipline else None
        parts = []
        if track is not None:
            named = Named("track", track.value)
            shown: Text | Named = (
                Text("property.answer.tiered", track=named, tier=Named("tier", tier.value))
                if track is Track.DISIPLIN and tier
                else named
            )
            grounds = _grounds(assessment.recommendation(track))
            parts.append(Text("property.answer.part", what=shown, grounds=grounds))
        if criminal is not None:
            pidana = Named("track", Track.PIDANA.value)
            parts.append(Text("property.answer.part", what=pidana, grounds=_grounds(criminal)))
        text = (
            Text("property.answer.and", first=parts[0], second=parts[1])
            if len(parts) == 2
            else parts[0]
            if parts
            else Text("property.answer.none")
        )
        return cls(criminal is not None, track, tier, text)


def lowered(before: CaseAnswer, after: CaseAnswer) -> Text | None:
    """How ``after`` is lighter than ``before``, or None when it is not: the PIDANA track
    disappeared, the heaviest administrative track fell, or DISIPLIN stayed the heaviest
    with a tier on both sides and the tier fell. A DISIPLIN answer without a tier (referred
    to the PPK) is compared by track only. The words render in the language asked
    (``str()``: 'the PIDANA track disappeared')."""
    if before.pidana and not after.pidana:
        return Text("property.lowered.pidana")
    rank, new_rank = (
        ADMINISTRATIVE_RANK.get(a.track, 0) if a.track else 0 for a in (before, after)
    )
    if new_rank < rank:
        was, now = (
            Named("track", a.track.value) if a.track else Text("property.no_track")
            for a in (before, after)
        )
        return Text("property.lowered.track", was=was, now=now)
    if (
        before.track is Track.DISIPLIN
        and after.track is Track.DISIPLIN
        and before.tier is not None
        and after.tier is not None
        and after.tier.rank < before.tier.rank
    ):
        return Text(
            "property.lowered.tier",
            was=Named("tier", before.tier.value),
            now=Named("tier", after.tier.value),
        )
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
