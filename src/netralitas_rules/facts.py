"""The facts a rule condition can test, read from the case models, and how a case becomes
the flat fact record that both engine backends evaluate.

A fact path names a field of a case model (``asn.status``, ``activity.kind``,
``candidate.office``) or one of the few derived facts below, which need the election
calendar and so cannot be model fields:

* ``activity.campaign_phase``: before_campaign, during_campaign or after_campaign;
* ``candidate.standing``: BAKAL_CALON before the candidate's penetapan, CALON from it on;
* ``candidate.is_independent``: no party nominated the candidate;
* ``candidate.kinship_with_asn``: how the acting ASN is related to the candidate.

A fact whose value is unknown (None in the case) is *absent* from the record; every
comparison on an absent fact is false (see :mod:`netralitas_rules.conditions`).
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BaseModel

from .models import ASN, Activity, Candidate, Case, Election
from .models.unknown import Unknown, known_type
from .vocabulary import CampaignPhase, CandidateStanding, Kinship


class FactType(StrEnum):
    """Value types a fact can have; comparisons are only allowed between equal types."""

    TEXT = "text"
    BOOL = "bool"
    INT = "int"
    DATE = "date"
    ENUM = "enum"


@dataclass(frozen=True)
class FactSpec:
    """What a rule author may test about one fact path."""

    path: str
    value_type: FactType
    many: bool
    description: str
    enum: type[StrEnum] | None = None
    derived: bool = False

    @property
    def allowed(self) -> tuple[str, ...]:
        """The allowed values of an enum fact, in declaration order."""
        return tuple(m.value for m in self.enum) if self.enum else ()


# Fields that identify or describe rather than characterise conduct; rules never test them.
_NOT_FACTS = {"id", "name", "description", "asn_id", "candidate_ids", "prior_sanctions", "notes"}


def _spec_for(path: str, annotation: Any, description: str) -> FactSpec | None:
    many = False
    annotation = known_type(annotation)  # a fact that may be unknown is typed by its values
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(members) != 1:
            return None
        annotation = members[0]
        origin = typing.get_origin(annotation)
    if origin is tuple:
        args = typing.get_args(annotation)
        if len(args) != 2 or args[1] is not Ellipsis:
            return None
        annotation, many = args[0], True
    if isinstance(annotation, type) and issubclass(annotation, StrEnum):
        return FactSpec(path, FactType.ENUM, many, description, enum=annotation)
    simple = {bool: FactType.BOOL, int: FactType.INT, str: FactType.TEXT, dt.date: FactType.DATE}
    if annotation in simple:
        return FactSpec(path, simple[annotation], many, description)
    return None


def _model_specs(prefix: str, model: type[BaseModel]) -> list[FactSpec]:
    specs = []
    for name, field in model.model_fields.items():
        if name in _NOT_FACTS:
            continue
        spec = _spec_for(f"{prefix}.{name}", field.annotation, field.description or "")
        if spec is not None:
            specs.append(spec)
    return specs


_DERIVED = [
    FactSpec(
        "activity.campaign_phase",
        FactType.ENUM,
        False,
        "Where the act falls relative to the masa kampanye.",
        enum=CampaignPhase,
        derived=True,
    ),
    FactSpec(
        "candidate.standing",
        FactType.ENUM,
        False,
        "BAKAL_CALON before the candidate's penetapan, CALON from that day on.",
        enum=CandidateStanding,
        derived=True,
    ),
    FactSpec(
        "candidate.is_independent",
        FactType.BOOL,
        False,
        "Nominated without a political party (perseorangan).",
        derived=True,
    ),
    FactSpec(
        "candidate.kinship_with_asn",
        FactType.ENUM,
        True,
        "How the acting ASN is related to the candidate.",
        enum=Kinship,
        derived=True,
    ),
]


def _build_catalogue() -> dict[str, FactSpec]:
    specs = (
        _model_specs("asn", ASN)
        + _model_specs("activity", Activity)
        + _model_specs("candidate", Candidate)
        + [s for s in _model_specs("election", Election) if s.path == "election.kind"]
        + _DERIVED
    )
    return {s.path: s for s in sorted(specs, key=lambda s: s.path)}


FACTS: dict[str, FactSpec] = _build_catalogue()
"""Every fact path a condition may name, sorted by path."""


def phase_on(day: dt.date, start: dt.date, end: dt.date) -> str:
    """``activity.campaign_phase``: the day before, during or after the masa kampanye
    ``[start, end]`` (inclusive bounds), as the value records hold. The one meaning of the
    fact: every reader of it calls this."""
    return BEFORE if day < start else AFTER if day > end else DURING


def standing_on(day: dt.date, fixed: dt.date | None) -> str:
    """``candidate.standing``: BAKAL_CALON before the day ``fixed`` the candidate became a
    calon (or with none known), CALON from it on, as the value records hold."""
    return BAKAL if fixed is None or day < fixed else CALON


def campaign_phase(election: Election, day: dt.date) -> CampaignPhase:
    """Place a day before, during or after the masa kampanye (inclusive bounds).

    >>> from netralitas_rules.elections import shipped_election
    >>> campaign_phase(shipped_election("pemilu-2019"), dt.date(2019, 4, 13))
    <CampaignPhase.DURING_CAMPAIGN: 'during_campaign'>
    """
    campaign = election.campaign
    return CampaignPhase(phase_on(day, campaign.start, campaign.end))


def penetapan_date(election: Election, candidate: Candidate) -> dt.date | None:
    """The day the candidate became a calon: his own date, else the election's stage."""
    fixed, office = candidate.penetapan_date, candidate.office
    if isinstance(fixed, Unknown) or isinstance(office, Unknown):
        raise TypeError(f"candidate {candidate.id!r}: unknown facts; judge the completions")
    return fixed if fixed is not None else election.penetapan_for(office)


def standing(election: Election, candidate: Candidate, day: dt.date) -> CandidateStanding:
    """BAKAL_CALON before penetapan (or with no penetapan known), CALON from it on."""
    return CandidateStanding(standing_on(day, penetapan_date(election, candidate)))


# A record is filled by a function generated per (prefix, class): one attribute read and one
# store per fact field, instead of a loop that looks each field up. The same source serves
# the validated pydantic models (enum members, stored as their values) and the batch's wire
# structs (enum values already plain strings), so both give equal records.
_PUTTERS: dict[tuple[str, type], Callable[[dict[str, Any], Any], None]] = {}


def _fact_fields(prefix: str, cls: type) -> list[tuple[str, FactSpec]]:
    names: Any = getattr(cls, "model_fields", None) or getattr(cls, "__struct_fields__", ())
    return [(n, FACTS[f"{prefix}.{n}"]) for n in names if f"{prefix}.{n}" in FACTS]


def _putter(prefix: str, cls: type) -> Callable[[dict[str, Any], Any], None]:
    key = (prefix, cls)
    hit = _PUTTERS.get(key)
    if hit is not None:
        return hit
    lines = ["def put(record, obj, str=str, tuple=tuple):"]
    for name, spec in _fact_fields(prefix, cls):
        path = repr(spec.path)
        lines.append(f"    v = obj.{name}")
        if spec.many:
            # A tuple (never None); enum members become their values.
            lines.append(
                f"    record[{path}] = v if not v or v[0].__class__ is str "
                "else tuple([x if x.__class__ is str else x._value_ for x in v])"
            )
        elif spec.value_type is FactType.ENUM:
            lines.append(
                f"    if v is not None: record[{path}] = v if v.__class__ is str else v._value_"
            )
        else:
            lines.append(f"    if v is not None: record[{path}] = v")
    if len(lines) == 1:
        lines.append("    pass")
    namespace: dict[str, Any] = {}
    # Our own source: attribute names and paths come from the model classes and FACTS.
    exec(compile("\n".join(lines), f"<netralitas facts {prefix}>", "exec"), namespace)
    put: Callable[[dict[str, Any], Any], None] = namespace["put"]
    _PUTTERS[key] = put
    return put


def _put(record: dict[str, Any], prefix: str, obj: Any) -> None:
    _putter(prefix, type(obj))(record, obj)


def _no_put(record: dict[str, Any], obj: Any) -> None:
    return None


def enum_value(value: Any) -> Any:
    """The value of an enum member; a plain string (a wire struct's enum field) as it is."""
    return value if value.__class__ is str else value._value_


# The derived facts' values as records hold them; PythonEngine.hits computes the same
# facts from these (tests/test_object_matchers.py holds the two to the same hits).
BEFORE = CampaignPhase.BEFORE_CAMPAIGN.value
DURING = CampaignPhase.DURING_CAMPAIGN.value
AFTER = CampaignPhase.AFTER_CAMPAIGN.value
BAKAL = CandidateStanding.BAKAL_CALON.value
CALON = CandidateStanding.CALON.value


ElectionParts = tuple[str, dt.date, dt.date, dict[str, dt.date | None]]
"""An election's kind, campaign bounds and, per office value, the calendar's penetapan day."""

# The calendars read last, most recent first, each held with its parts: a batch has a few
# shipped calendar objects, and an identity test on a held object cannot mistake another.
_ELECTIONS: list[tuple[Election, ElectionParts]] = []
_ELECTIONS_KEPT = 8


def kinship_between(relationships: Any, person: str, other: str) -> tuple[str, ...]:
    """The kinship values linking two persons, sorted (``candidate.kinship_with_asn``)."""
    pair = {person, other}
    return tuple(
        sorted({enum_value(r.kinship) for r in relationships if {r.person, r.relative} == pair})
    )


class _Penetapan(dict[str, "dt.date | None"]):
    """The calendar's penetapan day per office, looked up on first use: a case names one to
    three offices, and reading every office up front cost more than judging the case."""

    __slots__ = ("election",)

    def __init__(self, election: Election) -> None:
        super().__init__()
        self.election = election

    def __missing__(self, office: str) -> dt.date | None:
        # Keyed by the office's value (wire candidates carry plain strings); an enum member
        # finds its value's entry. A race between threads only computes one value twice.
        day = self[office] = self.election.penetapan_for(office)
        return day


def election_parts(election: Election) -> ElectionParts:
    """The election's kind, campaign bounds and, per office, the calendar's penetapan day
    (:meth:`Election.penetapan_for` for every office), read once per calendar object."""
    memo = _ELECTIONS
    for held, parts in memo:
        if held is election:
            return parts
    campaign = election.campaign
    parts = (election.kind.value, campaign.start, campaign.end, _Penetapan(election))
    # A new list, assigned whole: a reader in another thread sees the old or the new one.
    globals()["_ELECTIONS"] = [(election, parts), *memo[: _ELECTIONS_KEPT - 1]]
    return parts


# A candidate (held, compared by identity) and what of it does not depend on the act.
HeldCandidate = tuple[Candidate, "dt.date | None", bool, tuple[str, ...]]


def held_candidate(
    candidate: Candidate, penetapan: dict[str, dt.date | None], relationships: Any, asn_id: str
) -> HeldCandidate:
    """The candidate's penetapan day, independence and kinship with the case's ASN: what
    :meth:`CaseFacts.toward` and the python engine's loop keep per candidate."""
    fixed = candidate.penetapan_date
    if fixed is None:  # the calendar's day (see penetapan_date); an enum finds its value's
        fixed = penetapan[candidate.office]  # type: ignore[index]
    kin = kinship_between(relationships, asn_id, candidate.id) if relationships else ()
    return candidate, fixed, candidate.is_independent, kin  # type: ignore[return-value]


class CaseFacts:
    """The derived facts of one case's acts, from the parts read once per case (the
    calendar, each candidate's penetapan and independence, the relationships): the one
    derived-facts function, used by fact records and by the generated matchers alike.

    ``case`` may also be a batch wire case (same attribute names, enum values as plain
    strings); its ``election`` is then passed separately as the shipped calendar.
    """

    __slots__ = (
        "_candidates",
        "asn_id",
        "election_kind",
        "end",
        "penetapan",
        "relationships",
        "start",
    )

    def __init__(self, case: Case, election: Election | None = None) -> None:
        kind, start, end, penetapan = election_parts(
            case.election if election is None else election
        )
        self.election_kind = kind
        self.start = start
        self.end = end
        self.penetapan = penetapan
        self.asn_id = case.asn.id
        self.relationships = case.relationships
        # Per candidate id: held_candidate's facts.
        self._candidates: dict[str, HeldCandidate] = {}

    def phase(self, day: dt.date) -> str:
        """``activity.campaign_phase`` on that day."""
        return phase_on(day, self.start, self.end)

    def toward(self, activity: Activity, candidate: Candidate) -> tuple[str, bool, tuple[str, ...]]:
        """The derived facts of an act toward one of the case's candidates, on the act's
        date: ``candidate.standing``, ``candidate.is_independent`` and
        ``candidate.kinship_with_asn``."""
        held = self._candidates.get(candidate.id)
        if held is None or held[0] is not candidate:
            held = self._candidates[candidate.id] = held_candidate(
                candidate, self.penetapan, self.relationships, self.asn_id
            )
        _, fixed, independent, kin = held
        asn_id = activity.asn_id
        if asn_id and asn_id != self.asn_id and self.relationships:
            kin = kinship_between(self.relationships, asn_id, candidate.id)
        # Known facts here: a case with unknowns is judged by its completions (partial.py).
        return standing_on(activity.date, fixed), independent, kin  # type: ignore[arg-type]


def record_maker(
    case: Case, election: Election | None = None
) -> Callable[[Activity, Candidate | None], dict[str, Any]]:
    """A builder of the case's fact records (``maker(activity, candidate)``), equal to
    :func:`fact_record`: the parts that do not depend on the act (the ASN, the election, each
    candidate) are read once per case instead of once per record.

    ``case`` may also be a batch wire case (same attribute names, enum values as plain
    strings); its ``election`` is then passed separately as the shipped calendar.
    """
    derived = CaseFacts(case, election)
    asn = case.asn
    base: dict[str, Any] = {"election.kind": derived.election_kind}
    _putter("asn", type(asn))(base, asn)
    acts = case.activities
    act_cls = type(acts[0]) if acts else None
    put_activity = _putter("activity", act_cls) if act_cls is not None else _no_put
    own_facts: dict[str, dict[str, Any]] = {}

    def make(activity: Activity, candidate: Candidate | None) -> dict[str, Any]:
        record = base.copy()
        if type(activity) is act_cls:
            put_activity(record, activity)
        else:
            _put(record, "activity", activity)
        record["activity.campaign_phase"] = derived.phase(activity.date)  # type: ignore[arg-type]
        if candidate is not None:
            cid = candidate.id
            standing_value, independent, kin = derived.toward(activity, candidate)
            own = own_facts.get(cid)
            if own is None:
                own = own_facts[cid] = {}
                _put(own, "candidate", candidate)
            record.update(own)
            record["candidate.is_independent"] = independent
            record["candidate.standing"] = standing_value
            record["candidate.kinship_with_asn"] = kin
        return record

    return make


def fact_record(case: Case, activity: Activity, candidate: Candidate | None) -> dict[str, Any]:
    """The flat fact record for one act toward one candidate (or none).

    Enum values become their string values; absent (None) facts are left out.
    """
    return record_maker(case)(activity, candidate)
