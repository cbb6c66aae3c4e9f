"""Three-valued evaluation of a case with unknown facts, by completion (supervaluation).

Every completion of the case's unknowns (:mod:`netralitas_rules.completion`) is judged by the
engine as an ordinary case, on whatever backend it has, so no backend needs a second
meaning of the rules. Then, per finding (provision, version, act, candidate):

* met in every completion: ``status: met``;
* met in some: ``status: possible``, with ``deciding_facts``: each unknown fact whose value
  changes whether it is met, and the values (or stretches) for which it is;
* met in none: no finding.

An act whose date range straddles a change of law or a campaign boundary is judged on each
side: the findings of each version are possible, and the act's date among their deciding
facts names the stretch of days each comes from. A case with every fact known never comes
here (:meth:`netralitas_rules.engine.Engine.evaluate` tests that first).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .completion import Slot, check_size, completions, fill, slots
from .findings import (
    DecidingFact,
    ExceptionApplied,
    Finding,
    FindingStatus,
    LawApplied,
    Report,
)
from .models import Case, Election

if TYPE_CHECKING:
    from .engine.base import Engine, Hit, Withdrawn

Key = tuple[str, str, str, str]
"""A finding's identity across completions: provision, version, act, candidate."""

# The facts whose shown value in a finding's evidence is the completion's, not the case's,
# per unknown fact: the fact itself and the facts derived from it.
_DERIVED_FROM = {
    "activity.date": ("activity.date", "activity.campaign_phase", "candidate.standing"),
    "candidate.penetapan_date": ("candidate.penetapan_date", "candidate.standing"),
    "candidate.party": ("candidate.party", "candidate.is_independent"),
    "candidate.office": ("candidate.office", "candidate.standing"),
}


def _key(f: Finding) -> Key:
    return (f.provision_id, f.version, f.activity_id, f.candidate_id or "")


def evaluate_partial(
    engine: Engine, case: Case, *, at: dt.date | None = None, strict: bool = False
) -> Report:
    """The report of a case with unknown facts: every completion judged by ``engine``."""
    found = slots(case, engine.rules)
    check_size(case, found)
    per_key: dict[Key, dict[tuple[int, ...], Finding]] = {}
    choices: list[tuple[int, ...]] = []
    applied: dict[tuple[str, tuple[str, ...]], LawApplied] = {}
    excepted: dict[tuple[str, str, str, str], ExceptionApplied] = {}
    stamp = None
    status = case.asn.status
    for choice, completed in completions(case, found):
        choices.append(choice)
        report = engine.evaluate(completed, at=at, strict=strict)
        stamp = report.stamp
        for f in report.findings:
            per_key.setdefault(_key(f), {})[choice] = f
        for law in report.law_applied:
            held = applied.get((law.activity_id, law.versions))
            if held is None or law.judged_on < held.judged_on:
                applied[law.activity_id, law.versions] = law
        for e in report.exceptions_applied:
            excepted.setdefault(
                (e.activity_id, e.candidate_id or "", e.provision_id, e.exception_id), e
            )
    findings = [_combine(case, found, choices, met) for met in per_key.values()]
    # The engine's own order: by act and candidate, then by the rule's place in the set.
    rules = engine.rules.rules
    rank = {(r.provision.id, r.regulation.key): r.order for r in rules if not r.excepts}
    findings.sort(
        key=lambda f: (
            f.activity_date,
            f.activity_id,
            f.candidate_id or "",
            *rank[f.provision_id, f.version],
        )
    )
    assert stamp is not None  # a case has at least one completion
    order = {a.id: i for i, a in enumerate(case.activities)}
    return Report(
        case_id=case.id,
        asn_id=case.asn.id,
        asn_status=status,
        findings=tuple(findings),
        law_applied=tuple(
            sorted(applied.values(), key=lambda a: (order.get(a.activity_id, 0), a.judged_on))
        ),
        stamp=stamp,
        exceptions_applied=tuple(excepted.values()),
    )


def _combine(
    case: Case,
    found: Sequence[Slot],
    choices: Sequence[tuple[int, ...]],
    met: dict[tuple[int, ...], Finding],
) -> Finding:
    """One finding from its completions: met in all of them, or possible with what decides."""
    first = met[next(c for c in choices if c in met)]
    unknown_facts = _unknown_facts(case, found, first)
    explanation = tuple(
        e.model_copy(update={"value": "unknown"}) if e.fact in unknown_facts else e
        for e in first.explanation
    )
    update: dict[str, Any] = {"explanation": explanation, **_stretch(case, found, first, met)}
    if len(met) == len(choices):
        return first.model_copy(update=update)
    deciding = []
    for n, slot in enumerate(found):
        if _decides(n, choices, met):
            values = {c[n] for c in met}
            deciding.append(
                DecidingFact(path=slot.where, fact=slot.fact, met_when=slot.met_text(list(values)))
            )
    update.update(status=FindingStatus.POSSIBLE, deciding_facts=tuple(deciding))
    return first.model_copy(update=update)


def _stretch(
    case: Case, found: Sequence[Slot], f: Finding, met: dict[tuple[int, ...], Finding]
) -> dict[str, dt.date]:
    """For an act dated by a range, the first and last day of the stretches in which the
    finding is met, so a report never shows one representative day as the act's date."""
    for n, slot in enumerate(found):
        index = slot.path[1]
        if (
            slot.fact == "activity.date"
            and isinstance(index, int)
            and case.activities[index].id == f.activity_id
        ):
            spans = [slot.spans[c[n]] for c in met]
            return {
                "activity_date": min(dt.date.fromisoformat(low) for low, _ in spans),
                "activity_until": max(dt.date.fromisoformat(high) for _, high in spans),
            }
    return {}


def _unknown_facts(case: Case, found: Sequence[Slot], f: Finding) -> set[str]:
    """The fact paths of the finding's own act, candidate and ASN that the case leaves
    unknown, with the facts derived from them."""
    facts: set[str] = set()
    for slot in found:
        kind, index = slot.path[0], slot.path[1]
        if kind == "activities":
            assert isinstance(index, int)
            mine = case.activities[index].id == f.activity_id
        elif kind == "candidates":
            assert isinstance(index, int)
            mine = case.candidates[index].id == f.candidate_id
        else:
            mine = True
        if mine:
            facts.update(_DERIVED_FROM.get(slot.fact, (slot.fact,)))
    return facts


def _decides(n: int, choices: Sequence[tuple[int, ...]], met: dict[tuple[int, ...], Any]) -> bool:
    """True when changing slot ``n`` alone turns the finding on or off somewhere."""
    groups: dict[tuple[int, ...], set[bool]] = {}
    for c in choices:
        rest = c[:n] + c[n + 1 :]
        groups.setdefault(rest, set()).add(c in met)
    return any(len(seen) > 1 for seen in groups.values())


def hits_partial(
    engine: Engine,
    case: Case,
    election: Election | None = None,
    *,
    at: dt.date | None = None,
    withdrawn: list[Withdrawn] | None = None,
) -> list[Hit]:
    """The hits met in every completion of a case with unknown facts, on the case's own
    activity and candidate objects (possible ones are not hits: see
    :func:`evaluate_partial` for them)."""
    found = slots(case, engine.rules)
    check_size(case, found)
    acts = {a.id: a for a in case.activities}
    cands = {c.id: c for c in case.candidates}
    common: dict[tuple[str, str, int], Hit] | None = None
    for _, completed in completions(case, found):
        mine: dict[tuple[str, str, int], Hit] = {}
        for activity, candidate, rule in engine.hits(completed, election, at=at):
            key = (activity.id, candidate.id if candidate else "", rule.number)
            mine[key] = (acts[activity.id], cands[candidate.id] if candidate else None, rule)
        common = mine if common is None else {k: v for k, v in common.items() if k in mine}
    del withdrawn  # withdrawals differ between completions; only certain hits are kept
    return list((common or {}).values())


__all__ = ["evaluate_partial", "fill", "hits_partial"]
