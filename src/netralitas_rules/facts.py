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
from .vocabulary import CampaignPhase, CandidateStanding, Kinship, StageKind


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


def campaign_phase(election: Election, day: dt.date) -> CampaignPhase:
    """Place a day before, during or after the masa kampanye (inclusive bounds).

    >>> from netralitas_rules.elections import shipped_election
    >>> campaign_phase(shipped_election("pemilu-2019"), dt.date(2019, 4, 13))
    <CampaignPhase.DURING_CAMPAIGN: 'during_campaign'>
    """
    campaign = election.campaign
    if day < campaign.start:
        return CampaignPhase.BEFORE_CAMPAIGN
    if day > campaign.end:
        return CampaignPhase.AFTER_CAMPAIGN
    return CampaignPhase.DURING_CAMPAIGN


def penetapan_date(election: Election, candidate: Candidate) -> dt.date | None:
    """The day the candidate became a calon: his own date, else the election's stage."""
    if candidate.penetapan_date is not None:
        return candidate.penetapan_date
    stage = election.stage(StageKind.PENETAPAN_CALON)
    return stage.start if stage else None


def standing(election: Election, candidate: Candidate, day: dt.date) -> CandidateStanding:
    """BAKAL_CALON before penetapan (or with no penetapan known), CALON from it on."""
    fixed = penetapan_date(election, candidate)
    if fixed is None or day < fixed:
        return CandidateStanding.BAKAL_CALON
    return CandidateStanding.CALON


# Per model class and prefix: the (field name, fact path) pairs that are facts, in field
# order. Read once, so building a record does no string formatting or catalogue lookups.
_FIELD_PATHS: dict[tuple[str, type[BaseModel]], tuple[tuple[str, str], ...]] = {}


def _field_paths(prefix: str, model: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    key = (prefix, model)
    hit = _FIELD_PATHS.get(key)
    if hit is None:
        paths = ((name, f"{prefix}.{name}") for name in model.model_fields)
        hit = _FIELD_PATHS[key] = tuple((n, p) for n, p in paths if p in FACTS)
    return hit


_PLAIN = frozenset({str, bool, int, dt.date})


def _put(record: dict[str, Any], prefix: str, model: BaseModel) -> None:
    values = model.__dict__
    for name, path in _field_paths(prefix, type(model)):
        value = values[name]
        if type(value) in _PLAIN:  # most values: stored as they are, one set lookup
            record[path] = value
        elif value is None:
            continue
        # ``_value_`` is what the ``value`` property returns, without the descriptor call.
        elif isinstance(value, tuple):
            record[path] = tuple([v._value_ if isinstance(v, StrEnum) else v for v in value])
        elif isinstance(value, StrEnum):
            record[path] = value._value_
        else:
            record[path] = value


_BEFORE = CampaignPhase.BEFORE_CAMPAIGN.value
_DURING = CampaignPhase.DURING_CAMPAIGN.value
_AFTER = CampaignPhase.AFTER_CAMPAIGN.value
_BAKAL = CandidateStanding.BAKAL_CALON.value
_CALON = CandidateStanding.CALON.value


def record_maker(case: Case) -> Callable[[Activity, Candidate | None], dict[str, Any]]:
    """A builder of the case's fact records (``maker(activity, candidate)``), equal to
    :func:`fact_record`: the parts that do not depend on the act (the ASN, the election, each
    candidate) are read once per case instead of once per record."""
    election = case.election
    base: dict[str, Any] = {"election.kind": election.kind.value}
    _put(base, "asn", case.asn)
    campaign = election.campaign
    start, end = campaign.start, campaign.end
    stage = election.stage(StageKind.PENETAPAN_CALON)
    stage_start = stage.start if stage else None
    relationships = case.relationships
    asn_id = case.asn.id
    # id -> (candidate kept alive so the id stays its own, its model facts)
    parts: dict[int, tuple[Candidate, dict[str, Any]]] = {}

    def make(activity: Activity, candidate: Candidate | None) -> dict[str, Any]:
        record = base.copy()
        _put(record, "activity", activity)
        day = activity.date
        record["activity.campaign_phase"] = (
            _BEFORE if day < start else _AFTER if day > end else _DURING
        )
        if candidate is not None:
            hit = parts.get(id(candidate))
            if hit is None or hit[0] is not candidate:
                own: dict[str, Any] = {}
                _put(own, "candidate", candidate)
                hit = parts[id(candidate)] = (candidate, own)
            record.update(hit[1])
            fixed = candidate.penetapan_date
            if fixed is None:
                fixed = stage_start
            record["candidate.standing"] = _BAKAL if fixed is None or day < fixed else _CALON
            record["candidate.is_independent"] = candidate.is_independent
            if relationships:
                acting = activity.asn_id or asn_id
                record["candidate.kinship_with_asn"] = tuple(
                    sorted(
                        {
                            r.kinship.value
                            for r in relationships
                            if {r.person, r.relative} == {acting, candidate.id}
                        }
                    )
                )
            else:
                record["candidate.kinship_with_asn"] = ()
        return record

    return make


def fact_record(case: Case, activity: Activity, candidate: Candidate | None) -> dict[str, Any]:
    """The flat fact record for one act toward one candidate (or none).

    Enum values become their string values; absent (None) facts are left out.
    """
    return record_maker(case)(activity, candidate)
