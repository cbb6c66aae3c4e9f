"""Synthetic rule sets for engine tests: random conditions with random validity windows,
built on the shipped corpus's first rule so every other field is realistic."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hypothesis import strategies as st

from netralitas_rules.conditions import Condition
from netralitas_rules.engine import CompiledRule, CompiledRuleSet, get_engine
from netralitas_rules.engine.compiler import index_kinds
from netralitas_rules.testing.strategies import regulation_edges

SHIPPED = get_engine("python").rules
OPEN = dt.date.max.toordinal() + 1
DAYS = st.sampled_from([d.toordinal() for d in regulation_edges()]) | st.integers(
    dt.date(2000, 1, 1).toordinal(), dt.date(2030, 12, 31).toordinal()
)


@st.composite
def windows(draw: st.DrawFn) -> tuple[int, int]:
    """A validity window ``[lo, hi)`` of day ordinals, open-ended half the time."""
    lo, hi = sorted(draw(st.lists(DAYS, min_size=2, max_size=2)))
    return lo, hi if draw(st.booleans()) else OPEN


def rule_set(
    conds: list[Condition], spans: list[tuple[int, int]], *, indexed: bool
) -> CompiledRuleSet:
    """One rule per condition, each with its own validity window; ``indexed`` files rules by
    the kinds a top-level test pins, as compile_rules does, else every rule is unindexed."""
    base = SHIPPED.rules[0]
    rules = tuple(
        replace(
            base,
            number=i,
            provision=base.provision.model_copy(update={"when": c}),
            valid_from=lo,
            valid_until=hi,
            kinds=index_kinds(c) if indexed else None,
        )
        for i, (c, (lo, hi)) in enumerate(zip(conds, spans, strict=True))
    )
    by_kind: dict[str, list[CompiledRule]] = {}
    for rule in rules:
        for kind in sorted(rule.kinds or ()):
            by_kind.setdefault(kind, []).append(rule)
    return CompiledRuleSet(
        regulations=SHIPPED.regulations,
        rules=rules,
        by_kind={k: tuple(v) for k, v in by_kind.items()},
        any_kind=tuple(r for r in rules if r.kinds is None),
        coverage={},
    )
