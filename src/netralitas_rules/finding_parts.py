"""How a finding is built: the parts a provision's findings share (:class:`FindingParts`,
built once per compiled rule, with the evidence of :mod:`.evidence` per the values of the
facts the condition reads), the one method that lays out every finding
(:meth:`FindingParts.finding`; :func:`build_finding` checks its values first, and validates
those that fail) and the builder of every withdrawn exception. The shapes they build are in
:mod:`.findings`. A provision's evidence is remembered twice over at most: by values and
types (:meth:`FindingParts.explained`) and, for validated cases, by values alone
(:meth:`FindingParts.evidence`), each memo bounded by ``MEMO_LIMIT``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from .conditions import MISSING as _MISSING
from .conditions import leaves
from .evidence import MEMO_LIMIT, Explainer, LeafTest, explainer, shape
from .evidence import explain as explain  # re-exported: where callers have found it
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

# Per provision: an explanation keyed by a date or a count rarely repeats, and a streaming
# batch must stay flat well under 200 MiB over every provision.
_MEMO_LIMIT = MEMO_LIMIT


class FindingParts:
    """What the findings of one provision share, built once and held by its compiled rule
    (so a rule set's parts live and die with it; nothing is keyed by object ids): the
    validated constant parts per person status and versions in force, and the evidence
    per the values of the facts its condition reads."""

    def __init__(self, reg: RegulationFile, provision: Provision, leaf_test: LeafTest) -> None:
        self.reg = reg
        self.provision = provision
        self._tree = shape(provision.when, leaf_test)
        self._facts = tuple({c.fact: None for c in leaves(provision.when)})
        # Generated on first use (most provisions of a rule set never meet a case): with
        # each element's memo read inline, and the same through Leaf.evidence for a value
        # that cannot be hashed.
        self._explain: Explainer | None = None
        self._explain_any: Explainer | None = None
        self._constant: dict[tuple[Any, ...], dict[str, Any]] = {}
        self._explained: dict[tuple[Any, ...], tuple[Evidence, ...]] = {}
        self._evidence: dict[tuple[Any, ...], tuple[Evidence, ...]] = {}

    def constant(
        self,
        regs: Any,
        status: AsnStatus,
        schedules: Sequence[RegulationFile],
        versions: tuple[str, ...],
    ) -> dict[str, Any]:
        """The validated parts that depend only on the provision, the status and the
        versions in force (``schedules``, named by their keys ``versions``: the content of
        one regulation set)."""
        key = (status, versions)
        hit = self._constant.get(key)
        if hit is None:
            if len(self._constant) >= _MEMO_LIMIT:
                self._constant.clear()
            hit = self._constant[key] = _validated_constant_parts(
                regs, self.reg, self.provision, status, schedules
            )
        return hit

    def finding(
        self,
        regs: Any,
        status: AsnStatus,
        schedules: Sequence[RegulationFile],
        versions: tuple[str, ...],
        explanation: tuple[Evidence, ...],
        activity_id: str,
        activity_date: dt.date,
        candidate_id: str | None,
    ) -> Finding:
        """The finding of this provision for one act (and candidate), from values that are
        already valid: a validated case's ids and date, ``versions``, the keys of
        ``schedules``, and the ``explanation`` (:meth:`evidence` or :meth:`explained`).
        :func:`build_finding` checks its arguments and calls this; the engine calls it
        positionally, once per finding."""
        constant = self._constant.get((status, versions))
        if constant is None:
            constant = self.constant(regs, status, schedules, versions)
        fields = constant.copy()
        fields["activity_id"] = activity_id
        fields["activity_date"] = activity_date
        fields["candidate_id"] = candidate_id
        fields["explanation"] = explanation
        return assemble(Finding, fields)

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
        return self._remembered(self._explained, (values, tuple(map(type, values))), values)

    def evidence(self, values: tuple[Any, ...]) -> tuple[Evidence, ...]:
        """:meth:`explained` for the values the rule's reader gives from a validated case
        (plain, see :func:`~netralitas_rules.models.case.is_plain`), remembered by the values
        alone. There each fact has its declared type, so equal values render alike (an enum
        member and its string both render as the string); :meth:`explained` also keys on the
        types, for values from anywhere (a hand-made record may hold 1 where true is meant)."""
        # Its own memo, not explained's: a batch would hold each result twice.
        return self._remembered(self._evidence, values, values)

    def _remembered(
        self, memo: dict[Any, tuple[Evidence, ...]], key: Any, values: tuple[Any, ...]
    ) -> tuple[Evidence, ...]:
        try:
            cached = memo.get(key)
        except TypeError:  # an unhashable value in a hand-made record
            return self._explained_any(values)
        if cached is None:
            if len(memo) >= _MEMO_LIMIT:
                memo.clear()
            explain = self._explain
            if explain is None:
                explain = self._explain = explainer(self._tree, self._facts)
            cached = memo[key] = explain(values)
        return cached

    def _explained_any(self, values: tuple[Any, ...]) -> tuple[Evidence, ...]:
        explain = self._explain_any
        if explain is None:
            explain = self._explain_any = explainer(self._tree, self._facts, memo=False)
        return explain(values)


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
    """A finding, its per-act values checked (a finding from values that fail the quick
    check is validated by the model). ``schedules`` are the versions in force whose sanction
    schedules may supply the forms for the person's status; ``parts`` are the provision's
    shared parts (its compiled rule's ``parts``), built here when not given; ``versions``
    are the keys of ``schedules`` when the caller holds them. The evidence reads the fact
    ``record`` of the act and candidate, or ``values``, the values of ``parts.facts``."""
    if parts is None:
        from .engine.codegen import leaf_test  # see explain

        parts = FindingParts(reg, provision, leaf_test)
    if versions is None:
        versions = tuple([s.key for s in schedules])
    if values is None:
        if record is None:
            raise TypeError("build_finding needs the fact record or the values of parts.facts")
        values = tuple([record.get(fact, _MISSING) for fact in parts.facts])
    explanation = parts.explained(values)
    if not (
        isinstance(activity_id, str)
        and type(activity_date) is dt.date
        and (candidate_id is None or isinstance(candidate_id, str))
    ):
        # Validated: the constant parts hold placeholders for the per-act fields.
        fields = parts.constant(regs, status, schedules, versions) | {
            "activity_id": activity_id,
            "activity_date": activity_date,
            "candidate_id": candidate_id,
            "explanation": explanation,
        }
        return Finding(**fields)
    # The per-act values are validated case data and the rest was validated once.
    return parts.finding(
        regs, status, schedules, versions, explanation, activity_id, activity_date, candidate_id
    )


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
