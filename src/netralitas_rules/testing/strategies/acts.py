"""One act (an activity) of a case with every fact drawn."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from functools import lru_cache
from typing import Any

from hypothesis import strategies as st

from ...models import Activity
from ...vocabulary import ActivityKind, Attribute, Audience, Channel
from .dates import ANY_DATE
from .pools import MOBILISED, TEXTS, subset


def activities(
    *,
    id: str = "a1",
    kinds: Collection[ActivityKind | str] | None = None,
    dates: st.SearchStrategy[dt.date] | None = None,
    candidate_ids: Sequence[str] = (),
    asn_id: str | None = None,
) -> st.SearchStrategy[Activity]:
    """One activity of any (or one of ``kinds``) kind, with all its facts drawn.

    ``candidate_ids`` are the ids it may target (a unique subset is drawn); ``asn_id``, when
    given, is sometimes written out as the acting ASN.
    """
    kind_list = sorted(ActivityKind(k) for k in kinds) if kinds else list(ActivityKind)
    if not kind_list:
        raise ValueError("activity_kinds must name at least one ActivityKind")
    facts = activity_facts(tuple(kind_list), tuple(candidate_ids), asn_id)
    return st.builds(activity, st.just(id), dates if dates is not None else ANY_DATE, facts)


def activity(id: str, date: dt.date, facts: dict[str, Any]) -> Activity:
    """The activity of that id and date with those facts."""
    return Activity(id=id, date=date, **facts)


@lru_cache(maxsize=1024)
def activity_facts(
    kinds: tuple[ActivityKind, ...], candidate_ids: tuple[str, ...], asn_id: str | None
) -> st.SearchStrategy[dict[str, Any]]:
    """Every fact of an activity but its id and date."""
    return st.fixed_dictionaries(
        {
            "asn_id": st.none() | st.just(asn_id) if asn_id else st.none(),
            "kind": st.sampled_from(kinds),
            "candidate_ids": subset(candidate_ids, 2),
            "party": st.none() | st.sampled_from(TEXTS[:3]),
            "attributes_worn": subset(list(Attribute)),
            "state_facility": st.none() | st.sampled_from(TEXTS[3:5]),
            "asn_mobilised": st.sampled_from(MOBILISED) | st.integers(0, 10_000_000),
            "channel": st.none() | st.sampled_from(Channel),
            "platform": st.none() | st.sampled_from(TEXTS[5:]),
            "audience": subset(list(Audience)),
            "public": st.booleans(),
            "in_official_duty": st.booleans(),
            "used_position": st.booleans(),
            "partisan_gesture": st.booleans(),
            "partisan_backdrop": st.booleans(),
            "active_support": st.booleans(),
            "description": st.none() | st.just("Kegiatan (dibuat otomatis)."),
        }
    )
