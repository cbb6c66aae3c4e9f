"""How a finding is built: the parts a provision's findings share (:class:`FindingParts`,
built once per compiled rule), the evidence that explains which facts met the condition,
and the one function that assembles every finding (:func:`build_finding`) and every
withdrawn exception. The shapes they build are in :mod:`.findings`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .conditions import MISSING as _MISSING
from .conditions import (
    All,
    AnyOf,
    Compare,
    Condition,
    Not,
    leaves,
    render,
    render_value,
)
from .findings import CitationOut, Evidence, ExceptionApplied, Finding, assemble
from .regulation import (
    ExceptionProvision,
    Provision,
    Ref,
    RegulationFile,
    SanctionForm,
    citation_text,
)
from .vocabulary import AsnStatus, Tier, Track

LeafTest = Callable[[Compare], Callable[[Any], bool]]
"""Gives the test of one comparison on a fact value: the engine's generated code
(:func:`netralitas_rules.engine.codegen.leaf_test`), so evidence and matching share one
meaning of each operator."""

# Per provision and per condition element: an explanation keyed by a date or a count rarely
# repeats, and a streaming batch must stay flat well under 200 MiB over every provision.
_MEMO_LIMIT = 4_096


class FindingParts:
    """What the findings of one provision share, built once and held by its compiled rule
    (so a rule set's parts live and die with it; nothing is keyed by object ids): the
    validated constant parts per person status and versions in force, and the evidence
    per the values of the facts its condition reads."""

    def __init__(self, reg: RegulationFile, provision: Provision, leaf_test: LeafTest) -> None:
        self.reg = reg
        self.provision = provision
        self._tree = _shape(provision.when, leaf_test)
        self._facts = tuple({c.fact: None for c in leaves(provision.when)})
        self._constant: dict[tuple[Any, ...], dict[str, Any]] = {}
        self._explained: dict[tuple[Any, ...], tuple[Evidence, ...]] = {}

    def constant(
        self,
        regs: Any,
        status: AsnStatus,
        schedules: Sequence[RegulationFile],
        versions: tuple[str, ...] | None = None,
    ) -> dict[str, Any]:
        """The validated parts that depend only on the provision, the status and the
        versions in force (named by their keys, ``versions`` when the caller holds them: the
        content of one regulation set)."""
        key = (status, tuple([s.key for s in schedules]) if versions is None else versions)
        hit = self._constant.get(key)
        if hit is None:
            if len(self._constant) >= _MEMO_LIMIT:
                self._constant.clear()
            hit = self._constant[key] = _validated_constant_parts(
                regs, self.reg, self.provision, status, schedules
            )
        return hit

    @property
    def facts(self) -> tuple[str, ...]:
        """The facts the condition reads, each once, in the order :meth:`explained` takes
        their values."""
        return self._facts

    def explanation(self, record: Mapping[str, Any]) -> tuple[Evidence, ...]:
        """The condition elements with the fact values that met them (see :func:`explain`)."""
        return self.explained(tuple([record.get(fact, _MISSING) for fact in self._facts]))

    def explained(self, values: tuple[Any, ...]) -> tuple[Evidence, ...]:
        """:meth:`explanation` from the values of :attr:`facts` (MISSING when absent)."""
        # The explanation depends only on the values of the facts the condition reads (and
        # their types: True == 1 but renders differently), so equal values share one result;
        # when they do not (a date, a count), each element's evidence is still shared.
        key = (values, tuple(map(type, values)))
        try:
            cached = self._explained.get(key)
        except TypeError:  # an unhashable value in a hand-made record
            return tuple(_walk(self._tree, dict(zip(self._facts, values, strict=True)), False))
        if cached is None:
            if len(self._explained) >= _MEMO_LIMIT:
                self._explained.clear()
            record = dict(zip(self._facts, values, strict=True))
            cached = self._explained[key] = tuple(_walk(self._tree, record, False))
        return cached


class _Leaf:
    """One comparison of a condition, rendered once, with its evidence per fact value."""

    __slots__ = ("element", "fact", "memo", "test")

    def __init__(self, condition: Compare, leaf_test: LeafTest) -> None:
        self.fact = condition.fact
        self.element = render(condition)
        self.test = leaf_test(condition)
        self.memo: dict[tuple[Any, type, bool], Evidence] = {}

    def evidence(self, actual: Any, negated: bool) -> Evidence:
        """The element, the value it saw and whether it held (shared per value and type)."""
        try:
            key = (actual, type(actual), negated)
            hit = self.memo.get(key)
        except TypeError:  # an unhashable value in a hand-made record
            return self._build(actual, negated)
        if hit is None:
            if len(self.memo) >= _MEMO_LIMIT:
                self.memo.clear()
            hit = self.memo[key] = self._build(actual, negated)
        return hit

    def _build(self, actual: Any, negated: bool) -> Evidence:
        # Every value is a str or bool built here from validated rule and case data.
        return assemble(
            Evidence,
            {
                "element": f"not {self.element}" if negated else self.element,
                "fact": self.fact,
                "value": render_value(actual),
                "held": self.test(actual) != negated,
            },
        )


_Node = Any
"""A condition shaped for explaining: a :class:`_Leaf`, ``(None, node)`` for a negation, or
``(is_any, nodes)`` for an all / any."""


def _shape(condition: Condition, leaf_test: LeafTest) -> _Node:
    if isinstance(condition, Compare):
        return _Leaf(condition, leaf_test)
    if isinstance(condition, Not):
        return (None, _shape(condition.item, leaf_test))
    assert isinstance(condition, All | AnyOf)
    return (
        isinstance(condition, AnyOf),
        tuple(_shape(item, leaf_test) for item in condition.items),
    )


def _walk(node: _Node, record: Mapping[str, Any], negated: bool) -> list[Evidence]:
    return _walk_held(node, record, negated)[0]


def _walk_held(
    node: _Node, record: Mapping[str, Any], negated: bool
) -> tuple[list[Evidence], bool]:
    """The evidence of a node, and whether every element of it held."""
    if node.__class__ is _Leaf:
        evidence = node.evidence(record.get(node.fact, _MISSING), negated)
        return [evidence], evidence.held
    kind, inner = node
    if kind is None:
        return _walk_held(inner, record, not negated)
    items: list[Evidence] = []
    every = True
    # An 'all' (or, by De Morgan, a negated 'any') holds through every part: show them all.
    # An 'any' (or a negated 'all') holds through the parts that held: show only those. A part
    # held exactly when every element of its own evidence held.
    through_some = kind != negated
    for item in inner:
        part, held = _walk_held(item, record, negated)
        if not held:
            if through_some:
                continue
            every = False
        items.extend(part)
    return items, every


def explain(condition: Condition, record: Mapping[str, Any]) -> tuple[Evidence, ...]:
    """The condition elements of a met provision with the fact values that met them."""
    # Imported here: the engine package imports this module, and its code generator is
    # what says whether each element held.
    from .engine.codegen import leaf_test

    return tuple(_walk(_shape(condition, leaf_test), record, False))


def _citation(regs: Any, reg: RegulationFile, ref: Ref, role: str) -> CitationOut:
    instrument = regs.instrument_of(ref, reg.instrument)
    return CitationOut(
        role=role,
        instrument=instrument.id,
        pinpoint=ref.pinpoint,
        text=citation_text(instrument, ref.pinpoint),
    )


def build_exception_applied(
    regs: Any,
    reg: RegulationFile,
    provision_id: str,
    exception_reg: RegulationFile,
    exception: Provision | ExceptionProvision,
    *,
    activity_id: str,
    candidate_id: str | None,
) -> ExceptionApplied:
    """The record of one withdrawn finding and the exception (its version and provision)
    that withdrew it."""
    pinpoint = Ref(pinpoint=exception.citation)
    return ExceptionApplied(
        activity_id=activity_id,
        candidate_id=candidate_id,
        provision_id=provision_id,
        version=reg.key,
        exception_id=exception.id,
        exception_version=exception_reg.key,
        exception_instrument_name=exception_reg.instrument.short_name,
        citation=_citation(regs, exception_reg, pinpoint, "exception"),
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
    record: Mapping[str, Any] | None = None,
    parts: FindingParts | None = None,
    versions: tuple[str, ...] | None = None,
    values: tuple[Any, ...] | None = None,
) -> Finding:
    """The one builder of findings. ``schedules`` are the versions in force whose sanction
    schedules may supply the forms for the person's status; ``parts`` are the provision's
    shared parts (its compiled rule's ``parts``), built here when not given; ``versions``
    are the keys of ``schedules`` when the caller holds them. The evidence reads the fact
    ``record`` of the act and candidate, or ``values``, the values of ``parts.facts``."""
    if parts is None:
        from .engine.codegen import leaf_test  # see explain

        parts = FindingParts(reg, provision, leaf_test)
    constant = parts.constant(regs, status, schedules, versions)
    if values is not None:
        explanation = parts.explained(values)
    elif record is not None:
        explanation = parts.explanation(record)
    else:
        raise TypeError("build_finding needs the fact record or the values of parts.facts")
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
            explanation=explanation,
        )
    # The per-act values are validated case data and the rest was validated once, below.
    fields = constant.copy()
    fields["activity_id"] = activity_id
    fields["activity_date"] = activity_date
    fields["candidate_id"] = candidate_id
    fields["explanation"] = explanation
    return assemble(Finding, fields)


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
