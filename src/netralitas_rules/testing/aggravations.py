"""Aggravations: changes that make one act more serious, never less, which the monotonicity
properties (:mod:`.monotonicity`) apply to drawn cases. :data:`AGGRAVATIONS` change an act
(the act-level property compares its discipline tier), :data:`CASE_AGGRAVATIONS` change a
case through one of its acts (the case-level property compares the case's answer)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..facts import standing
from ..models import Activity, Case
from ..models.unknown import day_of, known
from ..problemtext import Text
from ..vocabulary import Attribute, Audience, CandidateStanding
from .words import Term


@dataclass(frozen=True)
class Aggravation:
    """A change to an act that makes it more serious, never less.

    ``apply`` returns the aggravated act, or None when the act already has the fact.
    ``description`` says what the change did, as a plain string (said as it is in every
    language) or a problem :class:`~..problemtext.Text` (the shipped ones: English and
    Indonesian).
    """

    fact: str
    description: str | Text
    apply: Callable[[Activity], Activity | None]


def _set(field: str, value: Any) -> Callable[[Activity], Activity | None]:
    def apply(activity: Activity) -> Activity | None:
        if getattr(activity, field) == value:
            return None
        return activity.model_copy(update={field: value})

    return apply


def _wore(attribute: Attribute) -> Text:
    return Text(
        "property.aggravation.wore", attribute=Term("activity.attributes_worn", attribute.value)
    )


def _more_mobilised(activity: Activity) -> Activity | None:
    return activity.model_copy(update={"asn_mobilised": known(activity.asn_mobilised) + 10})


def _facility(activity: Activity) -> Activity | None:
    if activity.state_facility is not None:
        return None
    return activity.model_copy(update={"state_facility": "kendaraan dinas"})


def _wear(attribute: Attribute) -> Callable[[Activity], Activity | None]:
    def apply(activity: Activity) -> Activity | None:
        already = known(activity.attributes_worn)
        if attribute in already:
            return None
        worn = tuple(sorted({*already, attribute}))
        return activity.model_copy(update={"attributes_worn": worn})

    return apply


def _addressed_asn(activity: Activity) -> Activity | None:
    wanted = {Audience.SUBORDINATES, Audience.COLLEAGUES}
    audience = known(activity.audience)
    if wanted <= set(audience):
        return None
    return activity.model_copy(update={"audience": tuple(sorted({*audience, *wanted}))})


def _mobilised_some(activity: Activity) -> Activity | None:
    if known(activity.asn_mobilised) >= 1:
        return None
    return activity.model_copy(update={"asn_mobilised": 1})


AGGRAVATIONS: tuple[Aggravation, ...] = (
    Aggravation(
        "activity.used_position",
        Text("property.aggravation.used_position"),
        _set("used_position", True),
    ),
    Aggravation(
        "activity.asn_mobilised", Text("property.aggravation.more_mobilised"), _more_mobilised
    ),
    Aggravation("activity.state_facility", Text("property.aggravation.facility"), _facility),
    Aggravation(
        "activity.partisan_backdrop",
        Text("property.aggravation.partisan_backdrop"),
        _set("partisan_backdrop", True),
    ),
    *(Aggravation("activity.attributes_worn", _wore(a), _wear(a)) for a in Attribute),
)
"""Facts that aggravate an act. Pass your own list to :func:`check_monotonicity`."""


def with_act(case: Case, act: Activity, new: Activity) -> Case:
    """``case`` with ``act`` replaced by ``new``."""
    acts = tuple(new if a.id == act.id else a for a in case.activities)
    return case.model_copy(update={"activities": acts})


@dataclass(frozen=True)
class CaseAggravation:
    """A change that makes one act of a case more serious, never less.

    ``apply(case, act)`` returns the case with that act aggravated, or None when the act
    already has the fact (or the change does not apply to it). ``description`` as
    :class:`Aggravation`'s.
    """

    fact: str
    description: str | Text
    apply: Callable[[Case, Activity], Case | None]


def _on_act(
    change: Callable[[Activity], Activity | None],
) -> Callable[[Case, Activity], Case | None]:
    def apply(case: Case, act: Activity) -> Case | None:
        worse = change(act)
        return None if worse is None else with_act(case, act, worse)

    return apply


def _into_campaign(case: Case, act: Activity) -> Case | None:
    start = case.election.campaign.start
    if day_of(act.date) >= start:
        return None
    return with_act(case, act, act.model_copy(update={"date": start}))


def _determined(case: Case, act: Activity) -> Case | None:
    for cid in act.candidate_ids:
        cand = case.candidate(cid)
        if standing(case.election, cand, day_of(act.date)) is CandidateStanding.BAKAL_CALON:
            fixed = cand.model_copy(update={"penetapan_date": act.date})
            cands = tuple(fixed if c.id == cid else c for c in case.candidates)
            return case.model_copy(update={"candidates": cands})
    return None


CASE_AGGRAVATIONS: tuple[CaseAggravation, ...] = (
    CaseAggravation(
        "activity.state_facility", Text("property.aggravation.facility"), _on_act(_facility)
    ),
    *(CaseAggravation("activity.attributes_worn", _wore(a), _on_act(_wear(a))) for a in Attribute),
    CaseAggravation(
        "activity.audience",
        Text("property.aggravation.addressed_asn"),
        _on_act(_addressed_asn),
    ),
    CaseAggravation(
        "activity.asn_mobilised", Text("property.aggravation.mobilised"), _on_act(_mobilised_some)
    ),
    CaseAggravation(
        "activity.campaign_phase", Text("property.aggravation.into_campaign"), _into_campaign
    ),
    CaseAggravation("candidate.standing", Text("property.aggravation.determined"), _determined),
)
"""Changes that aggravate one act of a case: a state facility used, party, ASN or candidate
attributes worn, subordinates and colleagues addressed, ASN mobilised, the act moved from
before the campaign to its first day, its (first) bakal calon determined a calon on the
day of the act (his ``penetapan_date`` set to it, so nothing else about the act changes).
A change of kind (e.g. to asn_mobilisation) is not an added fact; the partisan kinds are
compared with attendance by ``partisan act not lighter``."""
