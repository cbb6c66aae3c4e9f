"""Findings and reports: one shape for every finding, built by one function.

The tier, the forms and the legal basis come from the rule files, never from Python
branches; this module only assembles them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from .citation import Citation
from .conditions import MISSING as _MISSING
from .conditions import (
    All,
    AnyOf,
    Compare,
    Condition,
    Not,
    compare,
    leaves,
    render,
    render_value,
)
from .regulation import (
    LegalCertainty,
    Penalty,
    Provision,
    Ref,
    RegulationFile,
    SanctionForm,
    StatusEffect,
    citation_text,
)
from .vocabulary import AsnStatus, Tier, Track


class OutModel(BaseModel):
    """Base of output models: frozen, closed."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class CitationOut(OutModel):
    """A pinpoint in structure and in full text, and the role it plays in the finding."""

    role: str = Field(description="prohibition, also, tier, forms, penalty or status")
    instrument: str
    pinpoint: Citation
    text: str


class Evidence(OutModel):
    """One element of the condition, the fact value it saw, and whether it held."""

    element: str
    fact: str
    value: str
    held: bool


class Finding(OutModel):
    """A provision that the conduct meets, with everything needed to act on it."""

    provision_id: str
    version: str = Field(description="<instrument>@<effective_from> of the text applied")
    instrument: str
    instrument_name: str
    activity_id: str
    activity_date: dt.date
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


class Report(OutModel):
    """Everything an evaluation found about one case."""

    case_id: str
    asn_id: str
    asn_status: AsnStatus
    findings: tuple[Finding, ...]
    law_applied: tuple[LawApplied, ...]
    stamp: Stamp
    extensions: dict[str, Any] = Field(
        default_factory=dict,
        description="Results of later stages (recommendation, routing, audit) keyed by name.",
    )


_M = TypeVar("_M", bound=BaseModel)


def assemble(model: type[_M], values: dict[str, Any], unset: tuple[str, ...] = ()) -> _M:
    """An output model from values that are already valid, without validating them again.

    ``values`` must hold every field, in declaration order; ``unset`` names the fields that
    carry their default (so ``model_fields_set`` matches a validated construction). This is
    what ``model_construct`` does, without its per-field bookkeeping, which costs more than
    evaluating the rules of a case.
    """
    obj = model.__new__(model)
    object.__setattr__(obj, "__dict__", values)
    object.__setattr__(obj, "__pydantic_fields_set__", set(values).difference(unset))
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", None)
    return obj


# Hot-path caches. Keys are object ids; each value keeps the keyed objects alive, so an id
# cannot be reused by another object while its entry exists. Bounded by clearing.
_CACHE_LIMIT = 100_000
_RENDERED: dict[int, tuple[Compare, str]] = {}
_CONSTANT: dict[tuple[Any, ...], tuple[tuple[Any, ...], dict[str, Any]]] = {}
_FACTS_READ: dict[int, tuple[Condition, tuple[str, ...]]] = {}
_EXPLAINED: dict[tuple[Any, ...], tuple[Condition, tuple[Evidence, ...]]] = {}


def _element(condition: Compare) -> str:
    hit = _RENDERED.get(id(condition))
    if hit is None or hit[0] is not condition:
        if len(_RENDERED) >= _CACHE_LIMIT:
            _RENDERED.clear()
        hit = _RENDERED[id(condition)] = (condition, render(condition))
    return hit[1]


def _evidence(condition: Condition, record: Mapping[str, Any], negated: bool) -> list[Evidence]:
    if isinstance(condition, Compare):
        actual = record.get(condition.fact, _MISSING)
        held = compare(condition.op, actual, condition.value)
        element = _element(condition)
        # Every value is a str or bool built here from validated rule and case data.
        return [
            assemble(
                Evidence,
                {
                    "element": f"not {element}" if negated else element,
                    "fact": condition.fact,
                    "value": render_value(actual),
                    "held": held != negated,
                },
            )
        ]
    if isinstance(condition, Not):
        return _evidence(condition.item, record, not negated)
    assert isinstance(condition, All | AnyOf)
    items: list[Evidence] = []
    # An 'all' (or, by De Morgan, a negated 'any') holds through every part: show them all.
    # An 'any' (or a negated 'all') holds through the parts that held: show only those. A part
    # held exactly when every element of its own evidence held.
    through_some = isinstance(condition, AnyOf) != negated
    for item in condition.items:
        part = _evidence(item, record, negated)
        if through_some and not all(e.held for e in part):
            continue
        items.extend(part)
    return items


def explain(condition: Condition, record: Mapping[str, Any]) -> tuple[Evidence, ...]:
    """The condition elements of a met provision with the fact values that met them."""
    hit = _FACTS_READ.get(id(condition))
    if hit is None or hit[0] is not condition:
        if len(_FACTS_READ) >= _CACHE_LIMIT:
            _FACTS_READ.clear()
        hit = _FACTS_READ[id(condition)] = (
            condition,
            tuple({c.fact: None for c in leaves(condition)}),
        )
    # The explanation depends only on the values of the facts the condition reads (and
    # their types: True == 1 but renders differently), so equal values share one result.
    values = tuple([record.get(fact, _MISSING) for fact in hit[1]])
    key = (id(condition), values, tuple(map(type, values)))
    try:
        cached = _EXPLAINED.get(key)
    except TypeError:  # an unhashable value in a hand-made record
        return tuple(_evidence(condition, record, negated=False))
    if cached is None or cached[0] is not condition:
        if len(_EXPLAINED) >= _CACHE_LIMIT:
            _EXPLAINED.clear()
        cached = _EXPLAINED[key] = (condition, tuple(_evidence(condition, record, negated=False)))
    return cached[1]


def _citation(regs: Any, reg: RegulationFile, ref: Ref, role: str) -> CitationOut:
    instrument = regs.instrument_of(ref, reg.instrument)
    return CitationOut(
        role=role,
        instrument=instrument.id,
        pinpoint=ref.pinpoint,
        text=citation_text(instrument, ref.pinpoint),
    )


def build_finding(
    regs: Any,
    reg: RegulationFile,
    provision: Provision,
    *,
    activity_id: str,
    activity_date: dt.date,
    candidate_id: str | None,
    status: AsnStatus,
    schedules: Sequence[RegulationFile],
    record: Mapping[str, Any],
) -> Finding:
    """The one builder of findings. ``schedules`` are the versions in force whose sanction
    schedules may supply the forms for the person's status."""
    constant = _constant_parts(regs, reg, provision, status, schedules)
    if not (
        isinstance(activity_id, str)
        and type(activity_date) is dt.date
        and (candidate_id is None or isinstance(candidate_id, str))
    ):
        return Finding(
            **constant,
            activity_id=activity_id,
            activity_date=activity_date,
            candidate_id=candidate_id,
            explanation=explain(provision.when, record),
        )
    # The per-act values are validated case data and the rest was validated once, below.
    values = constant.copy()
    values["activity_id"] = activity_id
    values["activity_date"] = activity_date
    values["candidate_id"] = candidate_id
    values["explanation"] = explain(provision.when, record)
    return assemble(Finding, values)


def _constant_parts(
    regs: Any,
    reg: RegulationFile,
    provision: Provision,
    status: AsnStatus,
    schedules: Sequence[RegulationFile],
) -> dict[str, Any]:
    """The parts of a finding that depend only on the provision, the status and the
    versions in force, validated once and then reused."""
    key = (id(regs), id(reg), id(provision), status, *map(id, schedules))
    hit = _CONSTANT.get(key)
    if hit is not None:
        return hit[1]
    if len(_CONSTANT) >= _CACHE_LIMIT:
        _CONSTANT.clear()
    parts = _validated_constant_parts(regs, reg, provision, status, schedules)
    _CONSTANT[key] = ((regs, reg, provision, *schedules), parts)
    return parts


def _validated_constant_parts(
    regs: Any,
    reg: RegulationFile,
    provision: Provision,
    status: AsnStatus,
    schedules: Sequence[RegulationFile],
) -> dict[str, Any]:
    c = provision.consequence
    citations = [_citation(regs, reg, Ref(pinpoint=provision.citation), "prohibition")]
    citations += [_citation(regs, reg, r, "also") for r in provision.also_cites]
    if c.tier_basis is not None:
        citations.append(_citation(regs, reg, c.tier_basis, "tier"))
    if c.penalty_basis is not None:
        citations.append(_citation(regs, reg, c.penalty_basis, "penalty"))
    citations += [_citation(regs, reg, r, "status") for r in c.status_basis]
    forms: tuple[SanctionForm, ...] = ()
    entry = _forms(reg, c.track, c.tier, status, schedules)
    if entry is not None:
        owner, tier_forms = entry
        forms = tier_forms.forms
        citations.append(_citation(regs, owner, tier_forms.citation, "forms"))
    probe = Finding(
        provision_id=provision.id,
        version=reg.key,
        instrument=reg.instrument.id,
        instrument_name=reg.instrument.short_name,
        activity_id="-",
        activity_date=dt.date.min,
        candidate_id=None,
        title=provision.title,
        title_en=provision.title_en,
        summary=provision.summary,
        summary_en=provision.summary_en,
        track=c.track,
        tier=c.tier,
        tier_from=c.tier_from,
        forms=forms,
        penalty=c.penalty,
        status_effect=c.status_effect,
        citations=tuple(citations),
        certainty=provision.certainty,
        explanation=(),
    )
    # Field order is kept: the per-act fields are placeholders, overwritten in place.
    return dict(probe.__dict__)


def _forms(
    reg: RegulationFile,
    track: Track,
    tier: Tier | None,
    status: AsnStatus,
    schedules: Sequence[RegulationFile],
) -> tuple[RegulationFile, Any] | None:
    if track not in (Track.DISIPLIN, Track.ETIK) or (track is Track.DISIPLIN and tier is None):
        return None
    # The provision's own instrument first; then any other schedule in force for the status.
    ordered = [reg, *[s for s in schedules if s.key != reg.key]]
    for owner in ordered:
        for sched in owner.sanction_schedules:
            if sched.track is track and status in sched.statuses:
                entry = sched.forms_for(tier)
                if entry is not None:
                    return owner, entry
    return None
