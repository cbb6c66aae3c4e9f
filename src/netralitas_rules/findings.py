"""Findings and reports: one shape for every finding, and :func:`assemble`, which lays out
an output model from values already valid.

Every finding is laid out by one method (:meth:`.finding_parts.FindingParts.finding`), or
validated from the same parts when :func:`.finding_parts.build_finding` finds a value it
cannot pass unchecked. The tier,
the forms and the legal basis come from the rule files, never from Python branches.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from .citation import Citation
from .regulation import (
    LegalCertainty,
    Penalty,
    SanctionForm,
    StatusEffect,
)
from .vocabulary import AsnStatus, Tier, Track


class OutModel(BaseModel):
    """Base of output models: frozen, closed."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    @property
    def model_fields_set(self) -> set[str]:
        """The fields set explicitly, as pydantic's, but a copy: :func:`assemble` shares one
        set among every object of a model, which a caller's change must not reach."""
        return set(self.__pydantic_fields_set__)


class CitationOut(OutModel):
    """A pinpoint in structure and in full text, and the role it plays in the finding."""

    role: str = Field(description="prohibition, also, tier, forms, penalty, status or exception")
    instrument: str
    pinpoint: Citation
    text: str


class Evidence(OutModel):
    """One element of the condition, the fact value it saw, and whether it held."""

    element: str
    fact: str
    value: str
    held: bool


class FindingStatus(StrEnum):
    """How firm a finding is: met whatever the unknown facts of the case are, or met for
    some of their values only (:mod:`netralitas_rules.partial`)."""

    MET = "met"
    POSSIBLE = "possible"


class DecidingFact(OutModel):
    """An unknown fact whose value settles a possible finding, and the values (or stretches
    of values) for which the provision is met."""

    path: str = Field(description="Where the fact sits in the case: activities[0].used_position")
    fact: str = Field(description="The fact path rules test: activity.used_position")
    met_when: tuple[str, ...]


class Finding(OutModel):
    """A provision that the conduct meets, with everything needed to act on it."""

    provision_id: str
    version: str = Field(description="<instrument>@<effective_from> of the text applied")
    instrument: str
    instrument_name: str
    activity_id: str
    activity_date: dt.date
    activity_until: dt.date | None = Field(
        default=None,
        description="When the act's date is a range: the last day of the stretch the finding "
        "holds for (activity_date is then its first day).",
    )
    candidate_id: str | None
    title: str
    title_en: str
    summary: str
    summary_en: str
    track: Track
    tier: Tier | None
    tier_from: tuple[str, ...] = Field(
        default=(), description="Provisions whose tier governs this finding's conduct."
    )
    forms: tuple[SanctionForm, ...] = ()
    penalty: Penalty | None = None
    status_effect: StatusEffect | None = None
    citations: tuple[CitationOut, ...]
    certainty: LegalCertainty
    explanation: tuple[Evidence, ...]
    status: FindingStatus = Field(
        default=FindingStatus.MET,
        description="met: whatever the case's unknown facts are; possible: for some values "
        "of them only (see deciding_facts)",
    )
    deciding_facts: tuple[DecidingFact, ...] = Field(
        default=(), description="For a possible finding, the unknown facts that settle it."
    )

    @property
    def citation(self) -> CitationOut:
        """The prohibition's own pinpoint."""
        return self.citations[0]


class Stamp(OutModel):
    """What produced a report: library version, regulation-set hash, engine backend."""

    library_version: str
    regulations_hash: str
    backend: str


class LawApplied(OutModel):
    """The instrument versions in force for one activity."""

    activity_id: str
    judged_on: dt.date
    versions: tuple[str, ...]


class ExceptionApplied(OutModel):
    """A finding withdrawn: an exception in force on the date the act is judged on met the
    same act and candidate as the excepted provision."""

    activity_id: str
    candidate_id: str | None
    provision_id: str = Field(description="The excepted provision, whose finding is withdrawn.")
    version: str = Field(description="<instrument>@<effective_from> of the excepted text")
    exception_id: str
    exception_version: str = Field(description="<instrument>@<effective_from> of the exception")
    exception_instrument_name: str = Field(description="e.g. 'SE MenPANRB B/36/2018'")
    citation: CitationOut = Field(description="The exception's own pinpoint (role exception).")


class Report(OutModel):
    """Everything an evaluation found about one case."""

    case_id: str
    asn_id: str
    asn_status: AsnStatus
    findings: tuple[Finding, ...]
    law_applied: tuple[LawApplied, ...]
    stamp: Stamp
    exceptions_applied: tuple[ExceptionApplied, ...] = Field(
        default=(),
        description="Findings withdrawn by exceptions in force, each with the exception.",
    )
    not_established: tuple[str, ...] = Field(
        default=(),
        description="Ids of the acts the case records as not established (found not proven): "
        "named, not judged.",
    )
    extensions: dict[str, Any] = Field(
        default_factory=dict,
        description="Results of later stages (recommendation, routing, audit) keyed by name.",
    )


_M = TypeVar("_M", bound=BaseModel)

# The fields set of an assembled model, per model and unset fields: every caller hands in
# every field, so the set depends on nothing else (a set built per object cost more than
# the rest of assembling it).
_FIELDS_SET: dict[tuple[type[BaseModel], tuple[str, ...]], set[str]] = {}
_ALL_SET: dict[type[BaseModel], set[str]] = {}  # the same with no unset field, by model alone


def assemble(model: type[_M], values: dict[str, Any], unset: tuple[str, ...] = ()) -> _M:
    """An output model from values that are already valid, without validating them again.

    ``values`` must hold every field, in declaration order; ``unset`` names the fields that
    carry their default (so ``model_fields_set`` matches a validated construction). This is
    what ``model_construct`` does, without its per-field bookkeeping, which costs more than
    evaluating the rules of a case. Every object of a model (and ``unset``) shares one fields
    set; :attr:`OutModel.model_fields_set` hands out copies of it.
    """
    fields_set = _FIELDS_SET.get((model, unset)) if unset else _ALL_SET.get(model)
    if fields_set is None:
        if not model.model_config.get("frozen"):
            raise TypeError(f"assemble builds frozen output models; {model.__name__} is not")
        fields_set = _FIELDS_SET[model, unset] = set(values).difference(unset)
        if not unset:
            _ALL_SET[model] = fields_set
    obj: _M = _new(model)
    _set_dict(obj, values)
    # One set shared by every object of the model (copying it was 6% of evaluate()): a
    # frozen model refuses assignment before pydantic would add to the set, and
    # model_copy, copy and deepcopy copy the set before they change it.
    _set_fields_set(obj, fields_set)
    _set_extra(obj, None)
    _set_private(obj, None)
    return obj


# The instance slots pydantic's own model_construct fills, set through their descriptors:
# about half the cost of object.__setattr__, which looks each one up by name. A model
# defines no __new__ of its own, so object.__new__ is what model.__new__ would call.
_new = object.__new__
_set_dict = BaseModel.__dict__["__dict__"].__set__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__
