"""Compile a regulation set once into rules an engine backend can match quickly.

A compiled rule keeps the provision, the version it belongs to, its validity as day
ordinals and the activity kinds it can match (its index keys; None when the condition does
not pin the kind). The compiled set owns the one generated matcher of its rules
(:mod:`.codegen`) and the parts of its findings that depend only on the provision
(each rule's :class:`~netralitas_rules.finding_parts.FindingParts`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from ..conditions import All, Compare, Condition, Op, leaves
from ..finding_parts import FindingParts
from ..loader import RegulationSet
from ..regulation import ExceptionProvision, Provision, RegulationFile
from ..vocabulary import Track

if TYPE_CHECKING:
    from .codegen import Matcher, ObjectMatchers, ValuesReader

_OPEN_END = dt.date.max.toordinal() + 1

TRACK_ORDER = {Track.DISIPLIN: 0, Track.ETIK: 1, Track.PIDANA: 2, Track.STATUS_KEPEGAWAIAN: 3}
"""The order of tracks among a report's findings for one act and candidate."""


@dataclass(frozen=True)
class CompiledRule:
    """One provision ready to match fact records."""

    number: int
    regulation: RegulationFile
    provision: Provision | ExceptionProvision
    valid_from: int
    valid_until: int
    kinds: frozenset[str] | None
    excepts: frozenset[str] = frozenset()
    """For an exception, the ids of the provisions whose findings it withdraws (see
    :mod:`.exceptions`); empty for a prohibition."""

    @cached_property
    def prohibition(self) -> Provision:
        """The provision of a rule that makes findings (every rule but an exception); read
        once per finding, so remembered."""
        p = self.provision
        if isinstance(p, Provision):
            return p
        raise TypeError(f"{p.id} is an exception: it withdraws findings, it makes none")

    @property
    def id(self) -> str:
        """The provision id."""
        return self.provision.id

    def in_force(self, day: int) -> bool:
        """Whether the rule's version is in force on that day ordinal."""
        return self.valid_from <= day < self.valid_until

    @cached_property
    def labels(self) -> tuple[str, str, str, str | None]:
        """The provision id, the version key, and the track and tier values: what a
        summary of a finding names."""
        c = self.prohibition.consequence
        return (
            self.provision.id,
            self.regulation.key,
            c.track.value,
            c.tier.value if c.tier is not None else None,
        )

    @cached_property
    def parts(self) -> FindingParts:
        """What this provision's findings share (constant parts, evidence), built on first
        use and held by the rule."""
        from .codegen import leaf_test  # codegen reads CompiledRule from this module

        return FindingParts(self.regulation, self.prohibition, leaf_test)

    @cached_property
    def reader(self) -> ValuesReader:
        """The generated reader of the facts this provision's evidence shows
        (:func:`.codegen.values_reader`), for ``parts.explained``."""
        from .codegen import values_reader

        return values_reader(self.parts.facts)

    @cached_property
    def order(self) -> tuple[int, str]:
        """Where the rule's findings sort among those of one act and candidate: by track,
        then provision id."""
        return TRACK_ORDER[self.prohibition.consequence.track], self.provision.id


@dataclass(frozen=True)
class Coverage:
    """The days a lineage of instruments (one replacing another) covers."""

    lineage: tuple[str, ...]
    intervals: tuple[tuple[dt.date, dt.date | None], ...]

    def covers(self, day: dt.date) -> bool:
        """True when some version of the lineage is in force on that day."""
        return any(start <= day and (end is None or day < end) for start, end in self.intervals)


@dataclass(frozen=True)
class CompiledRuleSet:
    """All compiled rules, indexed by activity kind; immutable, so safe to share."""

    regulations: RegulationSet
    rules: tuple[CompiledRule, ...]
    by_kind: Mapping[str, tuple[CompiledRule, ...]]
    any_kind: tuple[CompiledRule, ...]
    coverage: Mapping[str, Coverage]

    @property
    def content_hash(self) -> str:
        """The regulation set's content hash."""
        return self.regulations.content_hash

    def candidates_for(self, kind: str) -> tuple[CompiledRule, ...]:
        """Rules that can match an activity of that kind (index lookup)."""
        return self.by_kind.get(kind, ()) + self.any_kind

    def facts_read(self, kind: str) -> frozenset[str]:
        """The facts the rules an act of that kind can meet read once the kind is folded into
        their conditions (:func:`.codegen.fold_kind`): an unknown fact outside them cannot
        change how such an act is judged, so partial facts never ask about it."""
        memo = self._facts_read
        read = memo.get(kind)
        if read is None:
            from .codegen import fold_kind  # codegen reads CompiledRule from here

            found: set[str] = set()
            for rule in self.candidates_for(kind):
                folded = fold_kind(rule.provision.when, kind)
                if not isinstance(folded, bool):
                    found.update(leaf.fact for leaf in leaves(folded))
            # A race between threads only works the same set out twice.
            read = memo[kind] = frozenset(found)
        return read

    @cached_property
    def _facts_read(self) -> dict[str, frozenset[str]]:
        return {}

    @cached_property
    def object_matchers(self) -> ObjectMatchers:
        """The generated matchers of the set, reading the case objects, by activity kind
        (see :data:`.codegen.ObjectMatchers`): built on first use and shared by every
        engine over this set."""
        from .codegen import build_object_matchers  # codegen reads CompiledRule from here

        return build_object_matchers(self)

    @cached_property
    def matcher(self) -> Matcher:
        """The same generated matchers over a flat fact record (``Engine.match``)."""
        from .codegen import record_matcher

        return record_matcher(self)


def index_kinds(condition: Condition) -> frozenset[str] | None:
    """The activity kinds a condition requires, when its top level pins them."""
    items = condition.items if isinstance(condition, All) else (condition,)
    for item in items:
        if isinstance(item, Compare) and item.fact == "activity.kind":
            if item.op is Op.EQ:
                return frozenset([item.value])
            if item.op is Op.IN:
                return frozenset(item.value)
    return None


def compile_rules(regulations: RegulationSet) -> CompiledRuleSet:
    """Compile every provision of the set; done once, then shared by evaluations."""
    rules: list[CompiledRule] = []
    # Exceptions are matched like provisions and numbered after them (so adding one keeps
    # every provision's number); their findings are withdrawn after matching.
    entries: list[tuple[RegulationFile, Provision | ExceptionProvision]] = [
        *regulations.provisions(),
        *regulations.exceptions(),
    ]
    for number, (reg, prov) in enumerate(entries):
        v = reg.version
        rules.append(
            CompiledRule(
                number=number,
                regulation=reg,
                provision=prov,
                valid_from=v.effective_from.toordinal(),
                valid_until=v.superseded_on.toordinal() if v.superseded_on else _OPEN_END,
                kinds=index_kinds(prov.when),
                excepts=frozenset(t.provision for t in prov.exception_to)
                if isinstance(prov, ExceptionProvision)
                else frozenset(),
            )
        )
    by_kind: dict[str, list[CompiledRule]] = {}
    any_kind: list[CompiledRule] = []
    for rule in rules:
        if rule.kinds is None:
            any_kind.append(rule)
        else:
            for kind in sorted(rule.kinds):
                by_kind.setdefault(kind, []).append(rule)
    coverage: dict[str, Coverage] = {}
    for inst_id in regulations.instruments:
        lineage = regulations.lineage(inst_id)
        intervals = tuple(
            (reg.version.effective_from, reg.version.superseded_on)
            for reg in regulations.versions
            if reg.instrument.id in lineage
        )
        coverage[inst_id] = Coverage(lineage, intervals)
    return CompiledRuleSet(
        regulations=regulations,
        rules=tuple(rules),
        by_kind={k: tuple(v) for k, v in by_kind.items()},
        any_kind=tuple(any_kind),
        coverage=coverage,
    )
