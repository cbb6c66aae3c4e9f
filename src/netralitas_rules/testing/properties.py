"""Properties every rule set should have, as checks a rule author can run on his own files.

Each ``check_*`` function takes a :class:`~netralitas_rules.loader.RegulationSet` (or a
:class:`~netralitas_rules.engine.CompiledRuleSet`) and, where it draws cases with
hypothesis, a ``hypothesis.settings``; it returns None or raises
:class:`PropertyViolationError`, whose message names the provision, the case and what broke.
``netralitas prove`` runs them all. Needs the ``test`` extra (hypothesis).

* determinism; independence from the order of activities and of rule files;
* locality: an added, unrelated activity never changes the findings about the others;
* traceability: every finding cites a provision of a version in force on the day judged;
* temporal partition: per instrument at most one version in force a day, and no gaps;
* monotonicity (:mod:`.monotonicity`): an aggravating fact never lowers the highest
  discipline tier of an act, nor the case's answer; a partisan act toward a bakal calon is
  never judged lighter than attending his campaign;
* elements: removing an element of an offence removes its finding;
* stability: a provision unchanged between two versions judges the same facts alike;
* round trips: citations, cases and rule files survive dump and load.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from hypothesis import settings

from ._base import (
    Checker,
    Drawn,
    PropertyViolationError,
    Rules,
    case_strategy,
    examples,
    for_all,
)
from .case_properties import (
    activity_order,
    case_round_trip,
    determinism,
    elements_required,
    locality,
    rule_file_order,
    stability,
    traceability,
)
from .monotonicity import (
    AGGRAVATIONS,
    CASE_AGGRAVATIONS,
    PARTISAN_KINDS,
    Aggravation,
    CaseAggravation,
    act_monotonicity,
    case_monotonicity,
    check_case_monotonicity,
    check_monotonicity,
    check_partisan_act_not_lighter,
    partisan_act_not_lighter,
)
from .rule_properties import (
    check_citation_round_trip,
    check_rule_file_round_trip,
    check_temporal_partition,
    rule_file_to_data,
)

__all__ = [
    "AGGRAVATIONS",
    "CASE_AGGRAVATIONS",
    "DEFAULT_EXAMPLES",
    "PARTISAN_KINDS",
    "PROPERTY_NAMES",
    "Aggravation",
    "CaseAggravation",
    "Drawn",
    "PropertyViolationError",
    "case_strategy",
    "check_activity_order",
    "check_all",
    "check_case_monotonicity",
    "check_case_round_trip",
    "check_citation_round_trip",
    "check_determinism",
    "check_elements_required",
    "check_locality",
    "check_monotonicity",
    "check_partisan_act_not_lighter",
    "check_rule_file_order",
    "check_rule_file_round_trip",
    "check_stability",
    "check_temporal_partition",
    "check_traceability",
    "default_examples",
    "examples",
    "rule_file_to_data",
]


_CASE_PROPERTIES: dict[str, Callable[[Rules], Checker]] = {
    "determinism": determinism,
    "activity order": activity_order,
    "rule file order": rule_file_order,
    "locality": locality,
    "traceability": traceability,
    "monotonicity": act_monotonicity,
    "case monotonicity": case_monotonicity,
    "partisan act not lighter": partisan_act_not_lighter,
    "elements required": elements_required,
    "stability": stability,
    "case round trip": case_round_trip,
}
_PLAIN_PROPERTIES: dict[str, Callable[[Rules], None]] = {
    "temporal partition": check_temporal_partition,
    "citation round trip": check_citation_round_trip,
    "rule file round trip": check_rule_file_round_trip,
}
PROPERTY_NAMES: tuple[str, ...] = (*_CASE_PROPERTIES, *_PLAIN_PROPERTIES)
"""Every property by name, in the order :func:`check_all` checks them."""

DEFAULT_EXAMPLES: Mapping[str, int] = {
    **dict.fromkeys(PROPERTY_NAMES, 100),
    # Comparing two judgments needs the rare cases where both sides fire: more of them.
    "case monotonicity": 2000,
    "partisan act not lighter": 2000,
}
"""The generated cases ``netralitas prove`` checks each property on when not told."""


def default_examples(names: Sequence[str]) -> list[tuple[int, list[str]]]:
    """The named properties grouped by their :data:`DEFAULT_EXAMPLES`, fewest examples
    first, each group in :data:`PROPERTY_NAMES` order (one shared draw per group)."""
    groups: dict[int, list[str]] = {}
    for name in PROPERTY_NAMES:
        if name in names:
            groups.setdefault(DEFAULT_EXAMPLES[name], []).append(name)
    return sorted(groups.items())


def _one(name: str) -> Callable[[Rules, settings | None], None]:
    def check(rules: Rules, chosen: settings | None = None) -> None:
        for_all(examples(rules), _CASE_PROPERTIES[name](rules), chosen)

    check.__name__ = f"check_{name.replace(' ', '_')}"
    check.__doc__ = _CASE_PROPERTIES[name].__doc__
    return check


check_determinism = _one("determinism")
check_activity_order = _one("activity order")
check_rule_file_order = _one("rule file order")
check_locality = _one("locality")
check_traceability = _one("traceability")
check_elements_required = _one("elements required")
check_stability = _one("stability")
check_case_round_trip = _one("case round trip")


def check_all(
    rules: Rules, chosen: settings | None = None, names: Sequence[str] | None = None
) -> None:
    """Check the named properties (all by default). The case-based ones share the drawn
    examples: each sees ``chosen.max_examples`` cases, at the cost of drawing them once.
    Raises :class:`PropertyViolationError` for the first property broken."""
    wanted = list(names) if names is not None else list(PROPERTY_NAMES)
    unknown = [n for n in wanted if n not in PROPERTY_NAMES]
    if unknown:
        raise ValueError(
            f"unknown property {unknown[0]!r}; properties: {', '.join(PROPERTY_NAMES)}"
        )
    for name in wanted:
        if name in _PLAIN_PROPERTIES:
            try:
                _PLAIN_PROPERTIES[name](rules)
            except PropertyViolationError as exc:
                exc.property_name = name
                raise
    checkers = [(n, _CASE_PROPERTIES[n](rules)) for n in wanted if n in _CASE_PROPERTIES]
    if not checkers:
        return

    def every(drawn: Drawn) -> None:
        for name, checker in checkers:
            try:
                checker(drawn)
            except PropertyViolationError as exc:
                exc.property_name = name
                raise

    for_all(examples(rules), every, chosen)
