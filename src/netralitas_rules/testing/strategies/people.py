"""The people of a case: the ASN, the candidates, and the family ties between them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import lru_cache

from hypothesis import strategies as st

from ...models import ASN, Candidate, Election, Relationship
from ...vocabulary import ELECTION_OFFICES, AsnStatus, Kinship, PositionKind, StageKind
from .pools import BOOLS, TEXTS, sampled


def asn(
    *,
    id: str = "asn-1",
    status: AsnStatus | str | None = None,
    position_kind: PositionKind | str | None = None,
) -> st.SearchStrategy[ASN]:
    """An ASN with every fact drawn; ``status``/``position_kind`` pin those fields."""
    return _asn(
        id,
        AsnStatus(status) if status else None,
        PositionKind(position_kind) if position_kind else None,
    )


@lru_cache(maxsize=64)
def _asn(
    id: str, status: AsnStatus | None, position_kind: PositionKind | None
) -> st.SearchStrategy[ASN]:
    return st.builds(
        ASN,
        id=st.just(id),
        name=st.none() | st.just("Pegawai (disamarkan)"),
        status=st.just(status) if status else st.sampled_from(AsnStatus),
        position_kind=st.just(position_kind) if position_kind else st.sampled_from(PositionKind),
        is_pejabat_asn=st.booleans(),
        is_pejabat_negara=st.booleans(),
        on_unpaid_leave=st.booleans(),
        agency=st.none() | st.sampled_from(TEXTS),
        unit=st.none() | st.sampled_from(TEXTS),
        region=st.none() | st.sampled_from(TEXTS),
    )


_OFFICES = {kind: st.sampled_from(offices) for kind, offices in ELECTION_OFFICES.items()}
_PENETAPAN_SHIFT = st.integers(-30, 5)
_CANDIDATE_NAME = st.none() | st.just("Calon (disamarkan)")
_PARTY = st.none() | st.sampled_from(TEXTS[:3])


def _draw_candidate(
    draw: st.DrawFn, cid: str, election: Election, with_penetapan: bool | None
) -> Candidate:
    has_date = draw(BOOLS) if with_penetapan is None else with_penetapan
    fixed: dt.date | None = None
    if has_date:
        stage = election.stage(StageKind.PENETAPAN_CALON)
        anchor = stage.start if stage else election.campaign.start
        fixed = anchor + dt.timedelta(days=draw(_PENETAPAN_SHIFT))
    return Candidate(
        id=cid,
        name=draw(_CANDIDATE_NAME),
        office=draw(_OFFICES[election.kind]),
        party=draw(_PARTY),
        penetapan_date=fixed,
        is_incumbent=draw(BOOLS),
    )


def draw_candidates(
    draw: st.DrawFn, election: Election, min_size: int, max_size: int, with_penetapan: bool | None
) -> tuple[Candidate, ...]:
    """Between ``min_size`` and ``max_size`` candidates ``c1``, ``c2`` ... (see
    :func:`candidates`)."""
    n = draw(st.integers(min_size, max_size))
    return tuple(_draw_candidate(draw, f"c{i + 1}", election, with_penetapan) for i in range(n))


def candidates(
    election: Election,
    *,
    min_size: int = 0,
    max_size: int = 3,
    with_penetapan: bool | None = None,
) -> st.SearchStrategy[tuple[Candidate, ...]]:
    """Candidates with unique ids ``c1``, ``c2`` ... and offices of the election's kind.

    ``with_penetapan``: True gives each candidate his own penetapan date near the election's
    PENETAPAN_CALON stage, False none (the stage's date applies), None draws it per candidate.
    """

    @st.composite
    def build(draw: st.DrawFn) -> tuple[Candidate, ...]:
        return draw_candidates(draw, election, min_size, max_size, with_penetapan)

    return build()


def relationships(asn_id: str, person_ids: Sequence[str]) -> st.SearchStrategy[Relationship]:
    """A family tie between the ASN (or one of ``person_ids``) and another person."""
    people = tuple(sorted({asn_id, *person_ids}))
    if len(people) < 2:
        raise ValueError("a relationship needs two persons; give at least one other person id")

    @st.composite
    def build(draw: st.DrawFn) -> Relationship:
        return draw_relationship(draw, people)

    return build()


_KINSHIPS = st.sampled_from(Kinship)
_DEGREES = st.integers(1, 10)


def draw_relationship(draw: st.DrawFn, people: tuple[str, ...]) -> Relationship:
    """A tie between two of ``people``."""
    person = draw(sampled(people))
    relative = draw(sampled(tuple(p for p in people if p != person)))
    kinship = draw(_KINSHIPS)
    degree = draw(_DEGREES) if kinship is Kinship.OTHER_KIN else None
    return Relationship(person=person, relative=relative, kinship=kinship, degree=degree)
