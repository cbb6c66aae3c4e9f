"""The reference backend: rules indexed by activity kind, matched by generated code.

Each activity kind has one generated function testing its rules (see :mod:`.codegen`);
``PythonEngine(rules, codegen=False)`` matches with the precompiled closures instead, the
reference the generated code is tested against. Stateless after construction, so one
instance may serve many threads at once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..conditions import MISSING
from ..facts import AFTER, BAKAL, BEFORE, CALON, DURING, election_parts, kinship_between
from ..models import Case, Election
from .base import Engine, Hit
from .compiler import CompiledRule, CompiledRuleSet


class PythonEngine(Engine):
    """Pure-Python evaluator; the default backend and the reference for the others."""

    name = "python"

    def __init__(self, rules: CompiledRuleSet, *, codegen: bool = True) -> None:
        super().__init__(rules)
        self.codegen = codegen
        """True: generated matchers; False: the reference closures."""
        self._match: Callable[[Mapping[str, Any], int], list[CompiledRule]] = (
            rules.matcher if codegen else self._match_closures
        )
        # The instance attribute shadows the method below, so a call to ``engine.match``
        # goes straight to the generated function: one Python frame per record, not two.
        self.match = self._match  # type: ignore[method-assign,assignment]

    def match(self, record: Mapping[str, Any], day: int) -> list[CompiledRule]:
        """Rules for the record's activity kind that are in force and whose condition holds."""
        return self._match(record, day)

    def hits(self, case: Case, election: Election | None = None) -> list[Hit]:
        """As :meth:`Engine.hits`, matched by the generated matchers that read the case
        objects directly (:data:`.codegen.ObjectMatcher`): no fact record is built. The
        derived facts are those of :func:`~netralitas_rules.facts.record_maker`; the tests
        hold the two ways to the same hits."""
        if not self.codegen:
            return super().hits(case, election)
        if election is None:
            election = case.election
        kind, start, end, penetapan = election_parts(election)
        matchers, any_kind, low, high = self.rules.object_matchers
        asn = case.asn
        asn_id = asn.id
        relationships = case.relationships
        # Per candidate: the candidate, the day it became a calon (its own penetapan, else
        # the calendar's) and whether it is independent.
        by_id = {
            c.id: (
                c,
                c.penetapan_date if c.penetapan_date is not None else penetapan[c.office],
                c.is_independent,
            )
            for c in case.candidates
        }
        # (date, act, candidate, track order, provision, n, activity, candidate, rule): the
        # sort key, then n, the place in matching order, which keeps equal keys in that
        # order (as evaluate's stable sort does) and means the objects are never compared.
        found: list[tuple[Any, ...]] = []
        for activity in case.activities:
            day = activity.date
            ordinal = day.toordinal()
            if not low <= ordinal < high:
                continue  # no rule is in force on that day
            match = matchers.get(activity.kind, any_kind)
            phase = BEFORE if day < start else AFTER if day > end else DURING
            ids = activity.candidate_ids
            if not ids:
                for rule in match(
                    asn, activity, None, kind, phase, MISSING, MISSING, MISSING, ordinal
                ):
                    found.append(
                        (day, activity.id, "", *rule.order, len(found), activity, None, rule)
                    )
                continue
            for cid in ids:
                cand, fixed, independent = by_id[cid]
                standing = BAKAL if fixed is None or day < fixed else CALON
                kin = (
                    kinship_between(relationships, activity.asn_id or asn_id, cid)
                    if relationships
                    else ()
                )
                for rule in match(
                    asn, activity, cand, kind, phase, standing, independent, kin, ordinal
                ):
                    found.append(
                        (day, activity.id, cid, *rule.order, len(found), activity, cand, rule)
                    )
        if len(found) > 1:
            found.sort()
        return [(f[6], f[7], f[8]) for f in found]

    def _match_closures(self, record: Mapping[str, Any], day: int) -> list[CompiledRule]:
        kind = record.get("activity.kind", "")
        return [
            rule
            for rule in self.rules.candidates_for(kind)
            if rule.valid_from <= day < rule.valid_until and rule.predicate(record)
        ]
