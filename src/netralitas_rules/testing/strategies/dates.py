"""Dates where the law can change its answer (each rule version's start and end, each
election stage's, each candidate's penetapan, with the day before and after) and the
strategies that draw acts' dates at those edges and around the election."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cache, lru_cache

from hypothesis import strategies as st

from ...facts import penetapan_date
from ...loader import load_regulations
from ...models import Candidate, Election


def _plus_minus_one(day: dt.date) -> list[dt.date]:
    one = dt.timedelta(days=1)
    return [d for d in (day - one, day, day + one) if dt.date.min < d < dt.date.max]


@cache
def regulation_edges() -> tuple[dt.date, ...]:
    """Every ``effective_from`` and ``superseded_on`` of the shipped rule versions, each
    with the day before and after, sorted."""
    days: set[dt.date] = set()
    for reg in load_regulations().versions:
        days.update(_plus_minus_one(reg.version.effective_from))
        if reg.version.superseded_on is not None:
            days.update(_plus_minus_one(reg.version.superseded_on))
    return tuple(sorted(days))


def _election_edges(election: Election, candidates: Sequence[Candidate] = ()) -> set[dt.date]:
    days: set[dt.date] = set()
    for stage in election.stages:
        days.update(_plus_minus_one(stage.start))
        days.update(_plus_minus_one(stage.end))
    for cand in candidates:
        fixed = penetapan_date(election, cand)
        if fixed is not None:
            days.update(_plus_minus_one(fixed))
    return days


def edge_days(
    election: Election | None = None, candidates: Sequence[Candidate] = ()
) -> tuple[dt.date, ...]:
    """Days where an answer can flip, sorted: each version's ``effective_from`` and
    ``superseded_on``, and (given an election) each stage's start and end and each
    candidate's penetapan, every one of them also a day before and after."""
    days = set(regulation_edges())
    if election is not None:
        days |= _election_edges(election, candidates)
    return tuple(sorted(days))


def edge_dates(
    election: Election | None = None, candidates: Sequence[Candidate] = ()
) -> st.SearchStrategy[dt.date]:
    """One of the :func:`edge_days`."""
    return st.sampled_from(edge_days(election, candidates))


@cache
def _regulation_edge_dates() -> st.SearchStrategy[dt.date]:
    return st.sampled_from(regulation_edges())


@lru_cache(maxsize=256)
def _campaign_dates(election: Election) -> tuple[st.SearchStrategy[dt.date], ...]:
    campaign = election.campaign
    during = st.dates(min_value=campaign.start, max_value=campaign.end)
    around = st.dates(
        min_value=campaign.start - dt.timedelta(days=540),
        max_value=campaign.end + dt.timedelta(days=120),
    )
    return during, around


def activity_dates(
    election: Election, candidates: Sequence[Candidate]
) -> st.SearchStrategy[dt.date]:
    """An act's date: at an edge of the election (its stages, the candidates'
    penetapan) or of the law, during the campaign, or around it."""
    return _dates_around(election, tuple(sorted(_election_edges(election, candidates))))


@lru_cache(maxsize=1024)
def _dates_around(election: Election, near: tuple[dt.date, ...]) -> st.SearchStrategy[dt.date]:
    during, around = _campaign_dates(election)
    return st.one_of(st.sampled_from(near), _regulation_edge_dates(), during, around)


ANY_DATE = st.dates(dt.date(2004, 1, 1), dt.date(2035, 12, 31))
"""An act's date when no dates are given: any day of the years elections are shipped for."""
