"""Whole, valid cases: an election, the ASN, candidates, officials, acts, ties and the
sanctions already imposed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from hypothesis import strategies as st

from ...models import Case, ImposedSanction, Official, Relationship
from ...vocabulary import ActivityKind, AsnStatus, OfficialRole, Tier, Track
from .acts import activity, activity_facts
from .calendars import ElectionArg, elections
from .dates import activity_dates
from .people import asn, draw_candidates, draw_relationship
from .pools import BOOLS, maybe, subset

_UP_TO_2 = st.integers(0, 2)
_UP_TO_3 = st.integers(0, 3)
_TRACKS = st.sampled_from(Track)
_TIERS = st.none() | st.sampled_from(Tier)
_FORM = st.none() | st.just("teguran lisan")
_IMPOSER = st.none() | st.just("PPK")


def _draw_sanction(draw: st.DrawFn, dates: st.SearchStrategy[dt.date]) -> ImposedSanction:
    return ImposedSanction(
        track=draw(_TRACKS),
        tier=draw(_TIERS),
        form=draw(_FORM),
        date=None if draw(BOOLS) else draw(dates),
        imposed_by=draw(_IMPOSER),
    )


@st.composite
def _case(
    draw: st.DrawFn,
    election: ElectionArg,
    activity_kinds: Collection[ActivityKind | str] | None,
    status: AsnStatus | str | None,
    min_activities: int,
    max_activities: int,
    max_candidates: int,
    with_penetapan: bool | None,
    with_relationships: bool,
) -> Case:
    chosen = draw(elections(election))
    person = draw(asn(id="asn-1", status=status))
    cands = draw_candidates(draw, chosen, 0, max_candidates, with_penetapan)
    cand_ids = tuple(c.id for c in cands)
    officials = tuple(
        Official(
            id=f"official-{i + 1}",
            role=role,
            candidate_id=draw(maybe(cand_ids)) if cand_ids else None,
        )
        for i, role in enumerate(draw(subset(list(OfficialRole))))
    )
    dates = activity_dates(chosen, cands)
    kinds = tuple(sorted(ActivityKind(k) for k in activity_kinds or ActivityKind))
    facts = activity_facts(kinds, cand_ids, person.id)
    n = draw(st.integers(min_activities, max_activities))
    acts = tuple(activity(f"a{i + 1}", draw(dates), draw(facts)) for i in range(n))
    rels: tuple[Relationship, ...] = ()
    people = tuple(sorted({person.id, *cand_ids, *(o.id for o in officials)}))
    if with_relationships and len(people) > 1:
        rels = tuple(draw_relationship(draw, people) for _ in range(draw(_UP_TO_3)))
    sanctions = tuple(_draw_sanction(draw, dates) for _ in range(draw(_UP_TO_2)))
    return Case(
        id=f"case-{chosen.id}",
        asn=person,
        election=chosen,
        candidates=cands,
        activities=acts,
        relationships=rels,
        officials=officials,
        imposed_sanctions=sanctions,
    )


def cases(
    *,
    election: ElectionArg = None,
    activity_kinds: Collection[ActivityKind | str] | None = None,
    status: AsnStatus | str | None = None,
    min_activities: int = 1,
    max_activities: int = 5,
    max_candidates: int = 3,
    with_penetapan: bool | None = None,
    with_relationships: bool = True,
) -> st.SearchStrategy[Case]:
    """Whole, valid cases.

    ``election``: a shipped calendar id, an :class:`Election`, a strategy (e.g.
    :func:`inline_elections`), or None for any shipped calendar. ``activity_kinds`` limits
    the kinds of act, ``status`` pins the ASN's status, ``min_activities``/``max_activities``
    bound the number of acts, ``max_candidates`` the candidates, ``with_penetapan`` is passed
    to :func:`candidates`, and ``with_relationships=False`` leaves out kinship.
    """
    if not 0 <= min_activities <= max_activities:
        raise ValueError(
            f"need 0 <= min_activities <= max_activities, got {min_activities} and {max_activities}"
        )
    if status is not None:
        AsnStatus(status)
    if activity_kinds is not None:
        if not activity_kinds:
            raise ValueError("activity_kinds must name at least one ActivityKind")
        for kind in activity_kinds:
            ActivityKind(kind)
    return _case(
        elections(election),
        activity_kinds,
        status,
        min_activities,
        max_activities,
        max_candidates,
        with_penetapan,
        with_relationships,
    )
