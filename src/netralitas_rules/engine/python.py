"""The default backend: rules indexed by activity kind, matched by the generated code of
the compiled rule set (see :mod:`.codegen`), reading the case objects directly.

Stateless after construction, so one instance may serve many threads at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ..conditions import MISSING
from ..facts import CaseFacts
from ..models import Case, Election
from .base import Engine, Hit, Withdrawn
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

    def _known_hits(
        self,
        case: Case,
        election: Election | None,
        at: dt.date | None,
        withdrawn: list[Withdrawn] | None,
        derived: CaseFacts | None = None,
    ) -> list[Hit]:
        # Every fact read below is known (the ignores mark a narrowing mypy cannot see).
        if derived is None:
            derived = CaseFacts(case, election)
        ek = derived.election_kind
        phase_of = derived.phase
        toward = derived.toward
        matchers, any_kind, low, high = self.rules.object_matchers
        asn = case.asn
        by_id = {c.id: c for c in case.candidates}
        # (date, act, candidate, (track order, provision), n, activity, candidate, rule): the
        # sort key, then n, the place in matching order, which keeps equal keys in that
        # order (as a stable sort would) and means the objects are never compared.
        found: list[tuple[Any, ...]] = []
        for activity in case.activities:
            day = activity.date
            ordinal = (at or day).toordinal()  # type: ignore[union-attr]
            if not low <= ordinal < high:
                continue  # no rule is in force on that day
            match = matchers.get(activity.kind, any_kind)  # type: ignore[arg-type]
            phase = phase_of(day)  # type: ignore[arg-type]
            ids = activity.candidate_ids
            if not ids:
                kept, gone = withdraw(
                    match(asn, activity, None, ek, phase, MISSING, MISSING, MISSING, ordinal)
                )
                if gone and withdrawn is not None:
                    withdrawn.extend((activity, None, r, e) for r, e in gone)
                for rule in kept:
                    found.append(
                        (day, activity.id, "", rule.order, len(found), activity, None, rule)
                    )
                continue
            for cid in ids:
                cand = by_id[cid]
                standing, independent, kin = toward(activity, cand)
                kept, gone = withdraw(
                    match(asn, activity, cand, ek, phase, standing, independent, kin, ordinal)
                )
                if gone and withdrawn is not None:
                    withdrawn.extend((activity, cand, r, e) for r, e in gone)
                for rule in kept:
                    found.append(
                        (day, activity.id, cid, rule.order, len(found), activity, cand, rule)
                    )
        if len(found) > 1:
            found.sort()
        return [(f[5], f[6], f[7]) for f in found]
