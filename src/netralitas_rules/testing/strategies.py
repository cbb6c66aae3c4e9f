"""Hypothesis strategies for netralitas-rules cases, facts and conditions.

Needs the ``test`` extra (``pip install 'netralitas-rules[test]'``). Every strategy draws
valid model objects: ids are unique, ``candidate_ids`` and relationships only name persons of
the same case, and election calendars pass their own validation. Dates are drawn on purpose
at the edges where the law changes its answer (see :func:`edge_dates`), with random dates
around the election in between.

>>> from hypothesis import given
>>> from netralitas_rules.testing.strategies import cases
>>> @given(cases(election="pemilu-2024", status="PPPK", max_activities=3))
... def test_every_act_is_judged(case):
...     ...

Constraints are keyword arguments; everything left out is drawn freely.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from functools import cache
from typing import Any

from hypothesis import strategies as st

from ..conditions import All, AnyOf, Compare, Condition, Not, Op
from ..elections import shipped_elections
from ..facts import FACTS, FactSpec, FactType, penetapan_date
from ..loader import load_regulations
from ..models import (
    ASN,
    Activity,
    Candidate,
    Case,
    Election,
    ImposedSanction,
    Official,
    Relationship,
    Stage,
)
from ..vocabulary import (
    ActivityKind,
    AsnStatus,
    Attribute,
    Audience,
    Channel,
    ElectionKind,
    Kinship,
    Office,
    OfficialRole,
    PositionKind,
    StageKind,
    Tier,
    Track,
)

__all__ = [
    "activities",
    "asn",
    "candidates",
    "cases",
    "conditions",
    "edge_dates",
    "edge_days",
    "elections",
    "fact_records",
    "inline_elections",
    "regulation_edges",
    "relationships",
]

ElectionArg = str | Election | st.SearchStrategy[Election] | None

_PEMILU_OFFICES = (
    Office.PRESIDEN,
    Office.WAKIL_PRESIDEN,
    Office.DPR,
    Office.DPD,
    Office.DPRD_PROVINSI,
    Office.DPRD_KABUPATEN_KOTA,
)
_PILKADA_OFFICES = tuple(o for o in Office if o not in _PEMILU_OFFICES)

# A small alphabet of names, so that equality tests on text facts sometimes hold.
_TEXTS = ("Partai A", "Partai B", "Koalisi", "kantor dinas", "mobil dinas", "Facebook", "X")
_MOBILISED = (0, 1, 2, 5, 10, 100)


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


def _activity_dates(
    election: Election, candidates: Sequence[Candidate]
) -> st.SearchStrategy[dt.date]:
    campaign = election.campaign
    around = st.dates(
        min_value=campaign.start - dt.timedelta(days=540),
        max_value=campaign.end + dt.timedelta(days=120),
    )
    near = st.sampled_from(sorted(_election_edges(election, candidates)))
    during = st.dates(min_value=campaign.start, max_value=campaign.end)
    return st.one_of(near, st.sampled_from(regulation_edges()), during, around)


# --------------------------------------------------------------------------- people


def asn(
    *,
    id: str = "asn-1",
    status: AsnStatus | str | None = None,
    position_kind: PositionKind | str | None = None,
) -> st.SearchStrategy[ASN]:
    """An ASN with every fact drawn; ``status``/``position_kind`` pin those fields."""
    return st.builds(
        ASN,
        id=st.just(id),
        name=st.none() | st.just("Pegawai (disamarkan)"),
        status=st.just(AsnStatus(status)) if status else st.sampled_from(AsnStatus),
        position_kind=(
            st.just(PositionKind(position_kind)) if position_kind else st.sampled_from(PositionKind)
        ),
        is_pejabat_asn=st.booleans(),
        is_pejabat_negara=st.booleans(),
        on_unpaid_leave=st.booleans(),
        agency=st.none() | st.sampled_from(_TEXTS),
        unit=st.none() | st.sampled_from(_TEXTS),
        region=st.none() | st.sampled_from(_TEXTS),
    )


@st.composite
def _candidate(
    draw: st.DrawFn, cid: str, election: Election, with_penetapan: bool | None
) -> Candidate:
    offices = _PEMILU_OFFICES if election.kind is ElectionKind.PEMILU else _PILKADA_OFFICES
    has_date = draw(st.booleans()) if with_penetapan is None else with_penetapan
    fixed: dt.date | None = None
    if has_date:
        stage = election.stage(StageKind.PENETAPAN_CALON)
        anchor = stage.start if stage else election.campaign.start
        fixed = anchor + dt.timedelta(days=draw(st.integers(-30, 5)))
    return Candidate(
        id=cid,
        name=draw(st.none() | st.just("Calon (disamarkan)")),
        office=draw(st.sampled_from(offices)),
        party=draw(st.none() | st.sampled_from(_TEXTS[:3])),
        penetapan_date=fixed,
        is_incumbent=draw(st.booleans()),
    )


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
        n = draw(st.integers(min_size, max_size))
        return tuple(draw(_candidate(f"c{i + 1}", election, with_penetapan)) for i in range(n))

    return build()


def relationships(asn_id: str, person_ids: Sequence[str]) -> st.SearchStrategy[Relationship]:
    """A family tie between the ASN (or one of ``person_ids``) and another person."""
    people = sorted({asn_id, *person_ids})
    if len(people) < 2:
        raise ValueError("a relationship needs two persons; give at least one other person id")

    @st.composite
    def build(draw: st.DrawFn) -> Relationship:
        person = draw(st.sampled_from(people))
        relative = draw(st.sampled_from([p for p in people if p != person]))
        kinship = draw(st.sampled_from(Kinship))
        degree = draw(st.integers(1, 10)) if kinship is Kinship.OTHER_KIN else None
        return Relationship(person=person, relative=relative, kinship=kinship, degree=degree)

    return build()


# --------------------------------------------------------------------------- elections


def elections(election: ElectionArg = None) -> st.SearchStrategy[Election]:
    """A shipped calendar (any, or the one named), a given Election, or a given strategy."""
    if isinstance(election, st.SearchStrategy):
        return election
    if isinstance(election, Election):
        return st.just(election)
    shipped = shipped_elections()
    if election is None:
        return st.sampled_from([shipped[k] for k in sorted(shipped)])
    if election not in shipped:
        raise ValueError(f"unknown election {election!r}; shipped: {', '.join(sorted(shipped))}")
    return st.just(shipped[election])


@st.composite
def _inline_election(draw: st.DrawFn) -> Election:
    start = draw(st.dates(min_value=dt.date(2004, 1, 1), max_value=dt.date(2035, 12, 31)))
    stages: list[Stage] = []
    day = start
    for kind, max_len in (
        (StageKind.PENDAFTARAN, 30),
        (StageKind.PENETAPAN_CALON, 3),
        (StageKind.MASA_KAMPANYE, 220),
        (StageKind.MASA_TENANG, 4),
        (StageKind.PEMUNGUTAN_SUARA, 2),
    ):
        if kind is StageKind.MASA_KAMPANYE or draw(st.booleans()):
            length = draw(st.integers(0, max_len))
            stages.append(Stage(kind=kind, start=day, end=day + dt.timedelta(days=length)))
            day += dt.timedelta(days=length + draw(st.integers(0, 10)))
        else:
            day += dt.timedelta(days=draw(st.integers(0, 10)))
    kind = draw(st.sampled_from(ElectionKind))
    return Election(
        id=f"inline-{kind.value.lower()}-{start.isoformat()}",
        kind=kind,
        name=f"{kind.value} {start.year} (generated)",
        stages=tuple(draw(st.permutations(stages))),
    )


def inline_elections() -> st.SearchStrategy[Election]:
    """Generated, internally consistent calendars (stages in legal order, a masa kampanye
    always present, other stages optional, stages given in any order)."""
    return _inline_election()


# --------------------------------------------------------------------------- activities


def _subset(
    items: Sequence[Any], max_size: int | None = None
) -> st.SearchStrategy[tuple[Any, ...]]:
    if not items:
        return st.just(())
    return st.lists(st.sampled_from(items), unique=True, max_size=max_size or len(items)).map(tuple)


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
    return st.builds(
        Activity,
        id=st.just(id),
        asn_id=st.none() | st.just(asn_id) if asn_id else st.none(),
        date=dates if dates is not None else st.dates(dt.date(2004, 1, 1), dt.date(2035, 12, 31)),
        kind=st.sampled_from(kind_list),
        candidate_ids=_subset(list(candidate_ids), 2),
        party=st.none() | st.sampled_from(_TEXTS[:3]),
        attributes_worn=_subset(list(Attribute)),
        state_facility=st.none() | st.sampled_from(_TEXTS[3:5]),
        asn_mobilised=st.sampled_from(_MOBILISED) | st.integers(0, 10_000_000),
        channel=st.none() | st.sampled_from(Channel),
        platform=st.none() | st.sampled_from(_TEXTS[5:]),
        audience=_subset(list(Audience)),
        public=st.booleans(),
        in_official_duty=st.booleans(),
        used_position=st.booleans(),
        partisan_gesture=st.booleans(),
        active_support=st.booleans(),
        description=st.none() | st.just("Kegiatan (dibuat otomatis)."),
    )


# --------------------------------------------------------------------------- cases


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
    cands = draw(candidates(chosen, max_size=max_candidates, with_penetapan=with_penetapan))
    cand_ids = [c.id for c in cands]
    officials = tuple(
        Official(
            id=f"official-{i + 1}",
            role=role,
            candidate_id=draw(st.none() | st.sampled_from(cand_ids)) if cand_ids else None,
        )
        for i, role in enumerate(draw(_subset(list(OfficialRole))))
    )
    dates = _activity_dates(chosen, cands)
    n = draw(st.integers(min_activities, max_activities))
    acts = tuple(
        draw(
            activities(
                id=f"a{i + 1}",
                kinds=activity_kinds,
                dates=dates,
                candidate_ids=cand_ids,
                asn_id=person.id,
            )
        )
        for i in range(n)
    )
    rels: tuple[Relationship, ...] = ()
    others = cand_ids + [o.id for o in officials]
    if with_relationships and others:
        rels = tuple(draw(st.lists(relationships(person.id, others), max_size=3)))
    sanctions = tuple(
        draw(
            st.lists(
                st.builds(
                    ImposedSanction,
                    track=st.sampled_from(Track),
                    tier=st.none() | st.sampled_from(Tier),
                    form=st.none() | st.just("teguran lisan"),
                    date=st.none() | dates,
                    imposed_by=st.none() | st.just("PPK"),
                ),
                max_size=2,
            )
        )
    )
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


# --------------------------------------------------------------------------- facts, conditions


def _fact_values(spec: FactSpec) -> st.SearchStrategy[Any]:
    """Values of one (scalar) fact, biased toward those conditions test."""
    if spec.value_type is FactType.ENUM:
        return st.sampled_from(spec.allowed)
    if spec.value_type is FactType.BOOL:
        return st.booleans()
    if spec.value_type is FactType.INT:
        return st.sampled_from(_MOBILISED) | st.integers(0, 10_000_000)
    if spec.value_type is FactType.DATE:
        return st.sampled_from(regulation_edges())
    return st.sampled_from(_TEXTS)


def fact_records(
    facts: Collection[str] | None = None,
) -> st.SearchStrategy[dict[str, Any]]:
    """Flat fact records as :func:`netralitas_rules.fact_record` builds them: any subset of
    the catalogue's facts present (absent facts are missing keys), list facts as sorted
    tuples of unique values."""
    names = sorted(facts) if facts is not None else list(FACTS)

    @st.composite
    def build(draw: st.DrawFn) -> dict[str, Any]:
        record: dict[str, Any] = {}
        for name in names:
            spec = FACTS[name]
            if not draw(st.booleans()):
                continue
            if spec.many:
                record[name] = tuple(sorted(draw(_subset(spec.allowed))))
            else:
                record[name] = draw(_fact_values(spec))
        return record

    return build()


def _compares() -> st.SearchStrategy[Compare]:
    @st.composite
    def build(draw: st.DrawFn) -> Compare:
        spec = FACTS[draw(st.sampled_from(list(FACTS)))]
        values = _fact_values(spec)
        if spec.many:
            op = draw(st.sampled_from([Op.CONTAINS, Op.CONTAINS_ANY]))
        else:
            ops = [Op.EQ, Op.NE, Op.IN, Op.NOT_IN, Op.EXISTS]
            if spec.value_type in (FactType.INT, FactType.DATE):
                ops += [Op.GT, Op.GTE, Op.LT, Op.LTE]
            op = draw(st.sampled_from(ops))
        if op is Op.EXISTS:
            return Compare(spec.path, op, draw(st.booleans()))
        if op in (Op.IN, Op.NOT_IN, Op.CONTAINS_ANY):
            many = draw(st.lists(values, min_size=1, max_size=4, unique=True))
            return Compare(spec.path, op, tuple(many))
        return Compare(spec.path, op, draw(values))

    return build()


def conditions(max_leaves: int = 8) -> st.SearchStrategy[Condition]:
    """Condition trees over the FACTS catalogue with every operator each fact allows, and
    ``all``/``any``/``not`` nested at random."""
    return st.recursive(
        _compares(),
        lambda inner: st.one_of(
            st.lists(inner, min_size=1, max_size=3).map(lambda xs: All(tuple(xs))),
            st.lists(inner, min_size=1, max_size=3).map(lambda xs: AnyOf(tuple(xs))),
            inner.map(Not),
        ),
        max_leaves=max_leaves,
    )
