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
from functools import cache, lru_cache
from typing import Any

from hypothesis import strategies as st

from ..conditions import All, AnyOf, Compare, Condition, Not, Op
from ..elections import shipped_elections
from ..facts import FACTS, FactSpec, FactType, penetapan_date
from ..loader import load_regulations
from ..models import (
    ASN,
    UNKNOWN,
    Activity,
    Candidate,
    Case,
    DateRange,
    Election,
    ImposedSanction,
    Official,
    Relationship,
    Stage,
)
from ..models.unknown import is_partial_field
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
    "partial_cases",
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


# Strategies are built once and reused: hypothesis validates each new strategy object on its
# first draw, which cost more than the drawing itself when every case built its own.


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


def _activity_dates(
    election: Election, candidates: Sequence[Candidate]
) -> st.SearchStrategy[dt.date]:
    return _dates_around(election, tuple(sorted(_election_edges(election, candidates))))


@lru_cache(maxsize=1024)
def _dates_around(election: Election, near: tuple[dt.date, ...]) -> st.SearchStrategy[dt.date]:
    during, around = _campaign_dates(election)
    return st.one_of(st.sampled_from(near), _regulation_edge_dates(), during, around)


# --------------------------------------------------------------------------- people


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
        agency=st.none() | st.sampled_from(_TEXTS),
        unit=st.none() | st.sampled_from(_TEXTS),
        region=st.none() | st.sampled_from(_TEXTS),
    )


_BOOLS = st.booleans()
_OFFICES = {
    ElectionKind.PEMILU: st.sampled_from(_PEMILU_OFFICES),
    ElectionKind.PILKADA: st.sampled_from(_PILKADA_OFFICES),
}
_PENETAPAN_SHIFT = st.integers(-30, 5)
_CANDIDATE_NAME = st.none() | st.just("Calon (disamarkan)")
_PARTY = st.none() | st.sampled_from(_TEXTS[:3])


def _draw_candidate(
    draw: st.DrawFn, cid: str, election: Election, with_penetapan: bool | None
) -> Candidate:
    has_date = draw(_BOOLS) if with_penetapan is None else with_penetapan
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
        is_incumbent=draw(_BOOLS),
    )


def _draw_candidates(
    draw: st.DrawFn, election: Election, min_size: int, max_size: int, with_penetapan: bool | None
) -> tuple[Candidate, ...]:
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
        return _draw_candidates(draw, election, min_size, max_size, with_penetapan)

    return build()


def relationships(asn_id: str, person_ids: Sequence[str]) -> st.SearchStrategy[Relationship]:
    """A family tie between the ASN (or one of ``person_ids``) and another person."""
    people = tuple(sorted({asn_id, *person_ids}))
    if len(people) < 2:
        raise ValueError("a relationship needs two persons; give at least one other person id")

    @st.composite
    def build(draw: st.DrawFn) -> Relationship:
        return _draw_relationship(draw, people)

    return build()


_KINSHIPS = st.sampled_from(Kinship)
_DEGREES = st.integers(1, 10)


def _draw_relationship(draw: st.DrawFn, people: tuple[str, ...]) -> Relationship:
    person = draw(_sampled(people))
    relative = draw(_sampled(tuple(p for p in people if p != person)))
    kinship = draw(_KINSHIPS)
    degree = draw(_DEGREES) if kinship is Kinship.OTHER_KIN else None
    return Relationship(person=person, relative=relative, kinship=kinship, degree=degree)


@lru_cache(maxsize=1024)
def _sampled(items: tuple[Any, ...]) -> st.SearchStrategy[Any]:
    return st.sampled_from(items)


@lru_cache(maxsize=1024)
def _maybe(items: tuple[Any, ...]) -> st.SearchStrategy[Any]:
    return st.none() | st.sampled_from(items)


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
    return _subset_of(tuple(items), max_size)


@lru_cache(maxsize=1024)
def _subset_of(items: tuple[Any, ...], max_size: int | None) -> st.SearchStrategy[tuple[Any, ...]]:
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
    facts = _activity_facts(tuple(kind_list), tuple(candidate_ids), asn_id)
    return st.builds(_activity, st.just(id), dates if dates is not None else _ANY_DATE, facts)


_ANY_DATE = st.dates(dt.date(2004, 1, 1), dt.date(2035, 12, 31))


def _activity(id: str, date: dt.date, facts: dict[str, Any]) -> Activity:
    return Activity(id=id, date=date, **facts)


@lru_cache(maxsize=1024)
def _activity_facts(
    kinds: tuple[ActivityKind, ...], candidate_ids: tuple[str, ...], asn_id: str | None
) -> st.SearchStrategy[dict[str, Any]]:
    """Every fact of an activity but its id and date."""
    return st.fixed_dictionaries(
        {
            "asn_id": st.none() | st.just(asn_id) if asn_id else st.none(),
            "kind": st.sampled_from(kinds),
            "candidate_ids": _subset(candidate_ids, 2),
            "party": st.none() | st.sampled_from(_TEXTS[:3]),
            "attributes_worn": _subset(list(Attribute)),
            "state_facility": st.none() | st.sampled_from(_TEXTS[3:5]),
            "asn_mobilised": st.sampled_from(_MOBILISED) | st.integers(0, 10_000_000),
            "channel": st.none() | st.sampled_from(Channel),
            "platform": st.none() | st.sampled_from(_TEXTS[5:]),
            "audience": _subset(list(Audience)),
            "public": st.booleans(),
            "in_official_duty": st.booleans(),
            "used_position": st.booleans(),
            "partisan_gesture": st.booleans(),
            "active_support": st.booleans(),
            "description": st.none() | st.just("Kegiatan (dibuat otomatis)."),
        }
    )


# --------------------------------------------------------------------------- cases


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
        date=None if draw(_BOOLS) else draw(dates),
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
    cands = _draw_candidates(draw, chosen, 0, max_candidates, with_penetapan)
    cand_ids = tuple(c.id for c in cands)
    officials = tuple(
        Official(
            id=f"official-{i + 1}",
            role=role,
            candidate_id=draw(_maybe(cand_ids)) if cand_ids else None,
        )
        for i, role in enumerate(draw(_subset(list(OfficialRole))))
    )
    dates = _activity_dates(chosen, cands)
    kinds = tuple(sorted(ActivityKind(k) for k in activity_kinds or ActivityKind))
    facts = _activity_facts(kinds, cand_ids, person.id)
    n = draw(st.integers(min_activities, max_activities))
    acts = tuple(_activity(f"a{i + 1}", draw(dates), draw(facts)) for i in range(n))
    rels: tuple[Relationship, ...] = ()
    people = tuple(sorted({person.id, *cand_ids, *(o.id for o in officials)}))
    if with_relationships and len(people) > 1:
        rels = tuple(_draw_relationship(draw, people) for _ in range(draw(_UP_TO_3)))
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


# --------------------------------------------------------------------------- partial facts


# The facts partial_cases may leave unknown: every fact the case models let be unknown
# (read from the models, so a fact made unknown-capable later is drawn too), the act's date
# apart, which takes a range instead.
def _unknowable(model: type[Any]) -> tuple[str, ...]:
    return tuple(
        name
        for name, info in model.model_fields.items()
        if any(is_partial_field(m) and m.unknown for m in info.metadata)
    )


_UNKNOWABLE = {"asn": _unknowable(ASN), "act": _unknowable(Activity)}
_UNKNOWABLE["candidate"] = _unknowable(Candidate)


@st.composite
def _unknowns_of(draw: st.DrawFn, case: Case, max_unknowns: int) -> Case:
    acts = list(case.activities)
    asn_update: dict[str, Any] = {}
    cands = list(case.candidates)
    for _ in range(draw(st.integers(1, max_unknowns))):
        where = draw(st.sampled_from(("act", "asn", "date", "candidate")))
        if where == "asn":
            asn_update[draw(st.sampled_from(_UNKNOWABLE["asn"]))] = UNKNOWN
            continue
        if where == "candidate" and cands:
            i = draw(st.integers(0, len(cands) - 1))
            field = draw(st.sampled_from(_UNKNOWABLE["candidate"]))
            cands[i] = cands[i].model_copy(update={field: UNKNOWN})
            continue
        i = draw(st.integers(0, len(acts) - 1))
        act = acts[i]
        if where == "date" and isinstance(act.date, dt.date):
            before, after = draw(st.integers(0, 40)), draw(st.integers(0, 40))
            day = act.date
            span = DateRange(start=day - dt.timedelta(before), end=day + dt.timedelta(after))
            update: dict[str, Any] = {"date": span}
        else:
            update = {draw(st.sampled_from(_UNKNOWABLE["act"])): UNKNOWN}
        acts[i] = act.model_copy(update=update)
    return case.model_copy(
        update={
            "asn": case.asn.model_copy(update=asn_update),
            "activities": tuple(acts),
            "candidates": tuple(cands),
        }
    )


def partial_cases(max_unknowns: int = 3, **kwargs: Any) -> st.SearchStrategy[Case]:
    """Cases (as :func:`cases`, which ``kwargs`` go to, with at least one act) that leave
    one to ``max_unknowns`` facts unknown: any fact of an act, the ASN or a candidate that the
    models let be unknown (yes/no facts, kind, counts, texts such as the agency or a state
    facility, a candidate's office, party or penetapan date), or an act's date as a range of
    up to 81 days. Opt-in: :func:`cases` never yields unknowns."""
    kwargs.setdefault("min_activities", 1)
    kwargs.setdefault("max_activities", 3)
    return cases(**kwargs).flatmap(lambda c: _unknowns_of(c, max_unknowns))


# --------------------------------------------------------------------------- facts, conditions


@lru_cache(maxsize=256)
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
    return _fact_records(tuple(sorted(facts)) if facts is not None else tuple(FACTS))


# Built once per set of facts (and the condition strategies below once per size): a
# composite defined per call is validated, and its source read, on every new object.
@lru_cache(maxsize=64)
def _fact_records(names: tuple[str, ...]) -> st.SearchStrategy[dict[str, Any]]:
    return _records(names)


@st.composite
def _records(draw: st.DrawFn, names: tuple[str, ...]) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for name in names:
        spec = FACTS[name]
        if not draw(_BOOLS):
            continue
        if spec.many:
            record[name] = tuple(sorted(draw(_subset(spec.allowed))))
        else:
            record[name] = draw(_fact_values(spec))
    return record


_FACT_NAMES = st.sampled_from(list(FACTS))
_MANY_OPS = st.sampled_from([Op.CONTAINS, Op.CONTAINS_ANY])
_SCALAR_OPS = st.sampled_from([Op.EQ, Op.NE, Op.IN, Op.NOT_IN, Op.EXISTS])
_ORDERED_OPS = st.sampled_from(
    [Op.EQ, Op.NE, Op.IN, Op.NOT_IN, Op.EXISTS, Op.GT, Op.GTE, Op.LT, Op.LTE]
)


@st.composite
def _compare(draw: st.DrawFn) -> Compare:
    spec = FACTS[draw(_FACT_NAMES)]
    values = _fact_values(spec)
    if spec.many:
        op = draw(_MANY_OPS)
    elif spec.value_type in (FactType.INT, FactType.DATE):
        op = draw(_ORDERED_OPS)
    else:
        op = draw(_SCALAR_OPS)
    if op is Op.EXISTS:
        return Compare(spec.path, op, draw(_BOOLS))
    if op in (Op.IN, Op.NOT_IN, Op.CONTAINS_ANY):
        many = draw(_some_values(values))
        return Compare(spec.path, op, tuple(many))
    return Compare(spec.path, op, draw(values))


@lru_cache(maxsize=256)
def _some_values(values: st.SearchStrategy[Any]) -> st.SearchStrategy[list[Any]]:
    return st.lists(values, min_size=1, max_size=4, unique=True)


_COMPARES = _compare()


def conditions(max_leaves: int = 8) -> st.SearchStrategy[Condition]:
    """Condition trees over the FACTS catalogue with every operator each fact allows, and
    ``all``/``any``/``not`` nested at random."""
    return _conditions(max_leaves)


@lru_cache(maxsize=64)
def _conditions(max_leaves: int) -> st.SearchStrategy[Condition]:
    return st.recursive(
        _COMPARES,
        lambda inner: st.one_of(
            st.lists(inner, min_size=1, max_size=3).map(lambda xs: All(tuple(xs))),
            st.lists(inner, min_size=1, max_size=3).map(lambda xs: AnyOf(tuple(xs))),
            inner.map(Not),
        ),
        max_leaves=max_leaves,
    )
