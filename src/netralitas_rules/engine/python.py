"""The default backend: rules indexed by activity kind, matched by the generated code of
the compiled rule set (see :mod:`.codegen`), reading the case objects directly.

Stateless after construction, so one instance may serve many threads at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ..conditions import MISSING
from ..facts import (
    AFTER,
    BAKAL,
    BEFORE,
    CALON,
    DURING,
    HeldCandidate,
    election_parts,
    held_candidate,
    kinship_between,
)
from ..models import Candidate, Case, Election
from .base import Derived, Engine, Found, Hit, Withdrawn
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
    ) -> list[Hit]:
        return [(f[5], f[6], f[7]) for f in self._scan(case, election, at, withdrawn)]

    def _known_found(
        self,
        case: Case,
        election: Election | None,
        at: dt.date | None,
        withdrawn: list[Withdrawn] | None,
    ) -> list[Found]:
        return [(f[5], f[6], f[7], f[8]) for f in self._scan(case, election, at, withdrawn)]

    def _scan(
        self,
        case: Case,
        election: Election | None,
        at: dt.date | None,
        withdrawn: list[Withdrawn] | None,
    ) -> list[tuple[Any, ...]]:
        """The hits of a case whose facts are all known, in order, each as (its sort key,
        its activity, candidate and rule, the act's derived facts)."""
        # Every fact read below is known (the ignores mark a narrowing mypy cannot see). The
        # derived facts are worked out inline (what CaseFacts.phase and .toward give): the
        # calls cost more than the arithmetic, and this runs for every act and candidate.
        ek, start, end, penetapan = election_parts(case.election if election is None else election)
        matchers, any_kind, low, high = self.rules.object_matchers
        asn = case.asn
        asn_id = asn.id
        relationships = case.relationships
        at_ordinal = at.toordinal() if at is not None else 0
        held: dict[str, HeldCandidate] = {}
        by_id: dict[str, Candidate] | None = None
        # (date, act, candidate, (track order, provision), n, activity, candidate, rule,
        # derived facts): the sort key, then n, the place in matching order, which keeps
        # equal keys in that order (as a stable sort would) and means the objects are never
        # compared.
        found: list[tuple[Any, ...]] = []
        for activity in case.activities:
            day: dt.date = activity.date  # type: ignore[assignment]
            ordinal = at_ordinal or day.toordinal()
            if not low <= ordinal < high:
                continue  # no rule is in force on that day
            match = matchers.get(activity.kind, any_kind)  # type: ignore[arg-type]
            phase = BEFORE if day < start else AFTER if day > end else DURING
            ids = activity.candidate_ids
            if not ids:
                kept = match(asn, activity, None, ek, phase, MISSING, MISSING, MISSING, ordinal)
                if kept:
                    kept, gone = withdraw(kept)
                    if gone and withdrawn is not None:
                        withdrawn.extend((activity, None, r, e) for r, e in gone)
                    none: Derived = (phase, MISSING, MISSING, MISSING)
                    for rule in kept:
                        n = len(found)
                        found.append(
                            (day, activity.id, "", rule.order, n, activity, None, rule, none)
                        )
                continue
            # Kinship is the ASN's of the case unless the act names another ASN.
            other = activity.asn_id
            own = not (other and other != asn_id and relationships)
            for cid in ids:
                facts = held.get(cid)
                if facts is None:
                    if by_id is None:
                        by_id = {c.id: c for c in case.candidates}
                    facts = held[cid] = held_candidate(by_id[cid], penetapan, relationships, asn_id)
                cand, fixed, independent, kin = facts
                if not own:
                    kin = kinship_between(relationships, other, cid)  # type: ignore[arg-type]
                standing = BAKAL if fixed is None or day < fixed else CALON
                kept = match(asn, activity, cand, ek, phase, standing, independent, kin, ordinal)
                if not kept:
                    continue
                kept, gone = withdraw(kept)
                if gone and withdrawn is not None:
                    withdrawn.extend((activity, cand, r, e) for r, e in gone)
                derived: Derived = (phase, standing, independent, kin)
                for rule in kept:
                    n = len(found)
                    found.append(
                        (day, activity.id, cid, rule.order, n, activity, cand, rule, derived)
                    )
        if len(found) > 1:
            found.sort()
        return found
