"""The catalogue of facts a rule condition can test (:data:`FACTS`): each fact path with its
value type, read from the fields of the case models, and the four derived facts that need
the election calendar (see :mod:`.facts`)."""

from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from pydantic import BaseModel

from .models import ASN, Activity, Candidate, Election
from .models.unknown import known_type
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
    presence_only: bool = False
    """Only ``exists`` may test it: its value is an identifier, its presence the fact."""

    @property
    def allowed(self) -> tuple[str, ...]:
        """The allowed values of an enum fact, in declaration order."""
        return tuple(m.value for m in self.enum) if self.enum else ()


# Fields that identify or describe rather than characterise conduct; rules never test them.
_NOT_FACTS = {"id", "name", "description", "asn_id", "candidate_ids", "prior_sanctions", "notes"}
# But a candidate's ``asn_id`` is there only when the candidate is the case's ASN himself (a
# case naming anyone else is refused), so ``exists`` on it asks whether a candidacy is the
# ASN's own: what SKB 2022 Lampiran huruf B angka 3 ("sebagai bakal calon") turns on. Its
# value is an id, so only ``exists`` may test it (``presence_only``).
_FACTS_AFTER_ALL = {"candidate.asn_id"}


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
        path = f"{prefix}.{name}"
        if name in _NOT_FACTS and path not in _FACTS_AFTER_ALL:
            continue
        spec = _spec_for(path, field.annotation, field.description or "")
        if spec is not None:
            specs.append(replace(spec, presence_only=True) if path in _FACTS_AFTER_ALL else spec)
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
