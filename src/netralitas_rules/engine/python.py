"""The default backend: rules indexed by activity kind, matched by the generated code of
the compiled rule set (see :mod:`.codegen`), reading the case objects directly.

Stateless after construction, so one instance may serve many threads at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from ..completion import has_unknowns
from ..facts import CaseFacts
from ..models import Activity, Case, Election
from .base import DerivedFacts, Engine, Hit, Withdrawn
from .compiler import CompiledRule, CompiledRuleSet
from .exceptions import withdraw


class PythonEngine(Engine):
    """Pure-Python evaluator through the generated matchers; the default backend."""

    name = "python"

    def __init__(self, rules: CompiledRuleSet) -> None:
        super().__init__(rules)
        # The instance attribute shadows the method below, so a call to ``engine.match``
        # goes straight to the generated function: one Python frame per record, not two.
        self.match = rules.matcher  # type: ignore[method-assign,assignment]

    def match(self, record: Mapping[str, Any], day: int) -> list[CompiledRule]:
        """Rules for the record's activity kind that are in force and whose condition holds."""
        return self.rules.matcher(record, day)

    def hits(
        self,
        case: Case,
        election: Election | None = None,
        *,
        at: dt.date | None = None,
        withdrawn: list[Withdrawn] | None = None,
    ) -> list[Hit]:
        """As :meth:`Engine.hits`, matched by the generated matchers that read the case
        objects directly (:data:`.codegen.ObjectMatcher`): no fact record is built; the
        derived facts come from :class:`~netralitas_rules.facts.CaseFacts`, each computed
        only when a test of the generated code reaches it.

        Hits are emitted in order: acts by (date, id), then candidate ids, then each act
        and candidate's rules by (track, provision id), keeping the matching order among
        equals. That is the order of one sort of every hit by that whole key, which is the
        fallback when two acts share a date and id or an act names a candidate twice."""
        if has_unknowns(case):
            from ..partial import hits_partial  # the completions' certain hits

            return hits_partial(self, case, election, at=at, withdrawn=withdrawn)
        return self._known_hits(case, election, at, withdrawn)

    def _known_hits(
        self,
        case: Case,
        election: Election | None,
        at: dt.date | None,
        withdrawn: list[Withdrawn] | None,
        derived: DerivedFacts | CaseFacts | None = None,
    ) -> list[Hit]:
        # Every fact read below is known (the ignores mark a narrowing mypy cannot see).
        if derived is None:
            derived = CaseFacts(case, election)
        matchers, any_kind, low, high = self.rules.object_matchers
        asn = case.asn
        acts: Sequence[Activity] = case.activities
        if len(acts) > 1:
            keys = [(act.date, act.id) for act in acts]
            if len(set(keys)) < len(keys):
                return self._sorted_hits(case, derived, at, withdrawn)
            if keys != sorted(keys):
                acts = [acts[i] for i in sorted(range(len(keys)), key=keys.__getitem__)]
        by_id: dict[str, Any] | None = None
        out: list[Hit] = []
        # Withdrawals are handed over at the end, so the fallback never sees them twice.
        gone_all: list[Withdrawn] = []
        for activity in acts:
            ordinal = (at or activity.date).toordinal()  # type: ignore[union-attr]
            if not low <= ordinal < high:
                continue  # no rule is in force on that day
            match = matchers.get(activity.kind, any_kind)  # type: ignore[arg-type]
            ids: Sequence[str] = activity.candidate_ids
            if not ids:
                kept, gone = withdraw(match(asn, activity, None, derived, ordinal))
                if gone:
                    gone_all.extend((activity, None, r, e) for r, e in gone)
                if kept:
                    if len(kept) > 1:
                        kept = sorted(kept, key=_order)
                    out.extend([(activity, None, rule) for rule in kept])
                continue
            if by_id is None:
                by_id = {c.id: c for c in case.candidates}
            if len(ids) > 1:
                ordered = sorted(ids)
                if len(set(ordered)) < len(ordered):
                    return self._sorted_hits(case, derived, at, withdrawn)
                ids = ordered
            for cid in ids:
                cand = by_id[cid]
                kept, gone = withdraw(match(asn, activity, cand, derived, ordinal))
                if gone:
                    gone_all.extend((activity, cand, r, e) for r, e in gone)
                if kept:
                    if len(kept) > 1:
                        kept = sorted(kept, key=_order)
                    out.extend([(activity, cand, rule) for rule in kept])
        if gone_all and withdrawn is not None:
            withdrawn.extend(gone_all)
        return out

    def _sorted_hits(
        self,
        case: Case,
        derived: DerivedFacts | CaseFacts,
        at: dt.date | None,
        withdrawn: list[Withdrawn] | None,
    ) -> list[Hit]:
        """The hits of a case with repeated act keys or candidate ids: every hit found in
        matching order, then one stable sort by the whole key."""
        matchers, any_kind, low, high = self.rules.object_matchers
        asn = case.asn
        by_id = {c.id: c for c in case.candidates}
        # (date, act, candidate, track order, provision, n, activity, candidate, rule): the
        # sort key, then n, the place in matching order, which keeps equal keys in that
        # order (as a stable sort would) and means the objects are never compared.
        found: list[tuple[Any, ...]] = []
        gone_all: list[Withdrawn] = []
        for activity in case.activities:
            day = activity.date
            ordinal = (at or day).toordinal()  # type: ignore[union-attr]
            if not low <= ordinal < high:
                continue
            match = matchers.get(activity.kind, any_kind)  # type: ignore[arg-type]
            for cid in activity.candidate_ids or (None,):
                cand = by_id[cid] if cid is not None else None
                kept, gone = withdraw(match(asn, activity, cand, derived, ordinal))
                gone_all.extend((activity, cand, r, e) for r, e in gone)
                for rule in kept:
                    found.append(
                        (day, activity.id, cid or "", *rule.order, len(found), activity, cand, rule)
                    )
        if withdrawn is not None:
            withdrawn.extend(gone_all)
        found.sort()
        return [(f[6], f[7], f[8]) for f in found]


def _order(rule: CompiledRule) -> tuple[int, str]:
    return rule.order
