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

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import pairwise
from typing import Any

import yaml
from hypothesis import settings

from ..caseio import case_to_data, parse_case
from ..citation import Citation, parse_citation
from ..conditions import MISSING, All, Compare, Condition
from ..engine import compile_rules, get_engine
from ..errors import NetralitasError
from ..facts import FACTS, fact_record
from ..findings import Finding, Report
from ..loader import RegulationSet, load_rule_file
from ..models import Activity, Case
from ..regulation import RegulationFile, citation_text
from ._base import (
    Checker,
    Drawn,
    PropertyViolationError,
    Rules,
    case_strategy,
    examples,
    for_all,
)
from ._base import case_text as _case_text
from ._base import compiled as _compiled
from ._base import regulations as _regulations
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
from .oracle import compare

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


def _key(f: Finding) -> str:
    return json.dumps(f.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)


def _show(f: Finding) -> str:
    tier = f" {f.tier.value}" if f.tier else ""
    whom = f" toward {f.candidate_id}" if f.candidate_id else ""
    return f"{f.provision_id} ({f.track.value}{tier}) on {f.activity_id}{whom}"


def _differ(a: Iterable[Finding], b: Iterable[Finding]) -> tuple[list[str], list[str]]:
    ka = {_key(f): f for f in a}
    kb = {_key(f): f for f in b}
    return (
        [_show(ka[k]) for k in sorted(set(ka) - set(kb))],
        [_show(kb[k]) for k in sorted(set(kb) - set(ka))],
    )


def _describe(only_first: list[str], only_second: list[str], first: str, second: str) -> str:
    parts = []
    if only_first:
        parts.append(f"only {first}: {'; '.join(only_first)}")
    if only_second:
        parts.append(f"only {second}: {'; '.join(only_second)}")
    return "; ".join(parts)


# --------------------------------------------------------------------------- determinism, order


def _determinism(rules: Rules) -> Checker:
    """Two engines compiled from the same rules judge every case identically."""
    regs = _regulations(rules)
    first, second = (
        get_engine("python", compile_rules(regs)),
        get_engine("python", compile_rules(regs)),
    )

    def check(drawn: Drawn) -> None:
        case = drawn.case
        a, b = first.evaluate(case), second.evaluate(case)
        if a != b or first.evaluate(case) != a:
            only_a, only_b = _differ(a.findings, b.findings)
            raise PropertyViolationError(
                f"determinism: case {case.id!r} was judged differently on two runs: "
                f"{_describe(only_a, only_b, 'first', 'second') or 'same findings, other stamp'}"
                f"\ncase: {_case_text(case)}"
            )

    return check


def _activity_order(rules: Rules) -> Checker:
    """Reversing the order of a case's activities gives the same findings."""
    engine = get_engine("python", _compiled(rules))

    def check(drawn: Drawn) -> None:
        case = drawn.case
        flipped = case.model_copy(update={"activities": tuple(reversed(case.activities))})
        a, b = engine.evaluate(case).findings, engine.evaluate(flipped).findings
        only_a, only_b = _differ(a, b)
        if only_a or only_b:
            raise PropertyViolationError(
                f"order of activities: case {case.id!r} changes when its activities are "
                f"reversed: {_describe(only_a, only_b, 'in file order', 'reversed')}"
                f"\ncase: {_case_text(case)}"
            )

    return check


def _rule_file_order(rules: Rules) -> Checker:
    """Loading the rule files in reverse order gives the same findings."""
    regs = _regulations(rules)
    engine = get_engine("python", compile_rules(regs))
    reverse = get_engine("python", compile_rules(RegulationSet(reversed(regs.files))))

    def check(drawn: Drawn) -> None:
        case = drawn.case
        only_a, only_b = _differ(engine.evaluate(case).findings, reverse.evaluate(case).findings)
        if only_a or only_b:
            raise PropertyViolationError(
                f"order of rule files: case {case.id!r} is judged differently when the rule "
                f"files are read in reverse: {_describe(only_a, only_b, 'in order', 'reversed')}"
                f"\ncase: {_case_text(case)}"
            )

    return check


# --------------------------------------------------------------------------- locality


def _locality(rules: Rules) -> Checker:
    """Adding an unrelated activity never changes the findings about the other activities."""
    engine = get_engine("python", _compiled(rules))

    def check(drawn: Drawn) -> None:
        case, extra = drawn.case, drawn.extra
        bigger = case.model_copy(update={"activities": (*case.activities, extra)})
        before = engine.evaluate(case).findings
        after = [f for f in engine.evaluate(bigger).findings if f.activity_id != extra.id]
        only_a, only_b = _differ(before, after)
        if only_a or only_b:
            raise PropertyViolationError(
                f"locality: adding activity {extra.id!r} ({extra.kind.value}) to case "
                f"{case.id!r} changed the findings about the others: "
                f"{_describe(only_a, only_b, 'without it', 'with it')}"
                f"\ncase: {_case_text(bigger)}"
            )

    return check


# --------------------------------------------------------------------------- traceability


def _trace(report: Report, case: Case, regs: RegulationSet) -> None:
    judged = {la.activity_id: la.judged_on for la in report.law_applied}
    by_key = {reg.key: reg for reg in regs.versions}
    for f in report.findings:
        day = judged[f.activity_id]
        reg = by_key.get(f.version)
        where = f"finding {_show(f)} in case {case.id!r}"
        if reg is None:
            raise PropertyViolationError(
                f"traceability: {where} cites unknown version {f.version!r}"
            )
        if not reg.version.covers(day):
            raise PropertyViolationError(
                f"traceability: {where} cites {f.version}, which is not in force on {day}"
            )
        provision = next((p for p in reg.provisions if p.id == f.provision_id), None)
        if provision is None:
            raise PropertyViolationError(
                f"traceability: {where} names provision {f.provision_id!r}, which "
                f"{f.version} does not contain"
            )
        expected = citation_text(reg.instrument, provision.citation)
        first = f.citations[0] if f.citations else None
        if first is None or first.role != "prohibition" or first.text != expected:
            got = f"{first.role}: {first.text}" if first else "no citation"
            raise PropertyViolationError(
                f"traceability: {where} must cite its prohibition {expected!r} first, got {got!r}"
            )


def _traceability(rules: Rules) -> Checker:
    """Every finding cites, first, the pinpoint of a provision of a version in force on the
    day the act is judged (its own date, or ``at``)."""
    compiled = _compiled(rules)
    engine = get_engine("python", compiled)
    regs = compiled.regulations

    def check(drawn: Drawn) -> None:
        case, at = drawn.case, drawn.at
        _trace(engine.evaluate(case, at=at), case, regs)

    return check


# --------------------------------------------------------------------------- temporal partition


def check_temporal_partition(rules: Rules) -> None:
    """Per instrument, versions meet without gaps and never overlap: on any day at most one
    version is in force, and from the first version on there is always one."""
    regs = _regulations(rules)
    by_instrument: dict[str, list[RegulationFile]] = {}
    for reg in regs.versions:
        by_instrument.setdefault(reg.instrument.id, []).append(reg)
    for inst_id, versions in sorted(by_instrument.items()):
        versions.sort(key=lambda r: r.version.effective_from)
        for prev, nxt in pairwise(versions):
            end, start = prev.version.superseded_on, nxt.version.effective_from
            if end is None or end > start:
                raise PropertyViolationError(
                    f"temporal partition: {prev.key} and {nxt.key} are both in force on "
                    f"{start}; {prev.key} must end (superseded_on) on {start}"
                )
            if end < start:
                last = start - dt.timedelta(days=1)
                raise PropertyViolationError(
                    f"temporal partition: no version of {inst_id} is in force from {end} "
                    f"to {last}: {prev.key} ends {end} (exclusive) but {nxt.key} starts {start}"
                )
        for reg in versions:
            for day in (reg.version.effective_from, reg.version.superseded_on):
                if day is None:
                    continue
                for probe in (day - dt.timedelta(days=1), day):
                    live = [r.key for r in versions if r.version.covers(probe)]
                    if len(live) > 1:
                        raise PropertyViolationError(
                            f"temporal partition: {', '.join(live)} are all in force on {probe}"
                        )


# --------------------------------------------------------------------------- elements


_ACTIVITY_FIELDS = {f"activity.{name}": name for name in Activity.model_fields}


def _top_level(condition: Condition) -> tuple[Condition, ...]:
    return condition.items if isinstance(condition, All) else (condition,)


def _elements_required(rules: Rules) -> Checker:
    """Removing an element of an offence removes its finding: for a finding, resetting a
    fact of the act that one of the provision's required comparisons tests to its default,
    so that the comparison fails, makes the provision stop firing for that act."""
    compiled = _compiled(rules)
    engine = get_engine("python", compiled)
    by_id = {r.id: r for r in compiled.rules}

    def check(drawn: Drawn) -> None:
        case = drawn.case
        report = engine.evaluate(case)
        for f in report.findings:
            rule = by_id[f.provision_id]
            act = next(a for a in case.activities if a.id == f.activity_id)
            for item in _top_level(rule.provision.when):
                if not isinstance(item, Compare):
                    continue
                name = _ACTIVITY_FIELDS.get(item.fact)
                if name is None or FACTS[item.fact].derived or name in ("kind", "date"):
                    continue
                default = Activity.model_fields[name].get_default()
                plain = act.model_copy(update={name: default})
                acts = tuple(plain if a.id == act.id else a for a in case.activities)
                smaller = case.model_copy(update={"activities": acts})
                cand = case.candidate(f.candidate_id) if f.candidate_id else None
                record = fact_record(smaller, plain, cand)
                if compare(item.op, record.get(item.fact, MISSING), item.value):
                    continue
                again = engine.evaluate(smaller).findings
                if any(
                    g.provision_id == f.provision_id
                    and g.activity_id == f.activity_id
                    and g.candidate_id == f.candidate_id
                    for g in again
                ):
                    raise PropertyViolationError(
                        f"elements: provision {f.provision_id!r} still fires on activity "
                        f"{act.id!r} of case {case.id!r} after {item.fact} was reset to "
                        f"{default!r}, although its element {item.fact} no longer holds"
                        f"\ncase: {_case_text(smaller)}"
                    )

    return check


# --------------------------------------------------------------------------- stability


def _stable_pairs(regs: RegulationSet) -> list[tuple[RegulationFile, str, RegulationFile, str]]:
    """Provisions of consecutive versions (of one instrument, or of an instrument and its
    successor) whose condition and consequence did not change."""
    pairs = []
    ordered = sorted(regs.versions, key=lambda r: r.version.effective_from)
    for old in ordered:
        end = old.version.superseded_on
        if end is None:
            continue
        for new in ordered:
            if new.version.effective_from != end:
                continue
            same_line = new.instrument.id == old.instrument.id or (
                old.instrument.id in new.instrument.succeeds
            )
            if not same_line:
                continue
            for p in old.provisions:
                for q in new.provisions:
                    if p.when == q.when and p.consequence == q.consequence:
                        pairs.append((old, p.id, new, q.id))
    return pairs


def _stability(rules: Rules) -> Checker:
    """A provision unchanged between two consecutive versions judges the same facts the
    same way: judged on the last day of the old version and the first day of the new one,
    the old provision fires exactly where the new one does."""
    compiled = _compiled(rules)
    pairs = _stable_pairs(compiled.regulations)
    engine = get_engine("python", compiled)

    def check(drawn: Drawn) -> None:
        case = drawn.case
        for old, p, new, q in pairs:
            start = new.version.effective_from
            before = engine.evaluate(case, at=start - dt.timedelta(days=1)).findings
            after = engine.evaluate(case, at=start).findings
            fired_p = {(f.activity_id, f.candidate_id) for f in before if f.provision_id == p}
            fired_q = {(f.activity_id, f.candidate_id) for f in after if f.provision_id == q}
            if fired_p != fired_q:
                raise PropertyViolationError(
                    f"stability: {p} ({old.key}) and {q} ({new.key}) are the same rule but "
                    f"judge case {case.id!r} differently: {p} fires on "
                    f"{sorted(fired_p, key=str)}, {q} on {sorted(fired_q, key=str)}"
                    f"\ncase: {_case_text(case)}"
                )

    return check


# --------------------------------------------------------------------------- round trips


def _citations(regs: RegulationSet) -> Iterable[tuple[str, Citation]]:
    for reg in regs.versions:
        for prov in reg.provisions:
            yield f"{reg.key} {prov.id}", prov.citation
        for where, ref in reg.references():
            yield f"{reg.key} {'.'.join(str(p) for p in where)}", ref.pinpoint


def check_citation_round_trip(rules: Rules) -> None:
    """Every citation of the rule set renders to text that parses back to itself."""
    for where, citation in _citations(_regulations(rules)):
        text = str(citation)
        try:
            again = parse_citation(text)
        except NetralitasError as exc:
            raise PropertyViolationError(
                f"citation round trip: {where}: {text!r} does not parse back: {exc}"
            ) from None
        if again != citation or str(again) != text:
            raise PropertyViolationError(
                f"citation round trip: {where}: {text!r} parses back as {str(again)!r}"
            )


def _case_round_trip(rules: Rules) -> Checker:
    """A case dumped with ``case_to_data`` to YAML and read with ``parse_case`` is the same
    case."""

    def check(drawn: Drawn) -> None:
        case = drawn.case
        text = yaml.safe_dump(case_to_data(case), allow_unicode=True, sort_keys=False)
        again = parse_case(text, f"{case.id}.yaml")
        if again != case:
            raise PropertyViolationError(
                f"case round trip: case {case.id!r} reads back differently after a dump"
                f"\ncase: {_case_text(case)}\nread back: {_case_text(again)}"
            )

    return check


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        if set(value) <= {"parts", "penjelasan"} and "parts" in value:
            return str(Citation.model_validate(value))
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def rule_file_to_data(reg: RegulationFile) -> dict[str, Any]:
    """A rule file as plain data in the shape authors write (citations as text);
    ``load_rule_file`` of its YAML gives the same file back."""
    data: dict[str, Any] = _plain(reg.model_dump(mode="json", exclude_defaults=True))
    return data


def check_rule_file_round_trip(rules: Rules) -> None:
    """Every rule file dumped with :func:`rule_file_to_data` loads back equal."""
    for loaded in _regulations(rules).files:
        text = yaml.safe_dump(rule_file_to_data(loaded.regulation), allow_unicode=True)
        try:
            again = load_rule_file(text, loaded.path)
        except NetralitasError as exc:
            raise PropertyViolationError(
                f"rule file round trip: {loaded.path} does not load back after a dump: {exc}"
            ) from None
        if again != loaded.regulation:
            raise PropertyViolationError(
                f"rule file round trip: {loaded.path} loads back different after a dump"
            )


_CASE_PROPERTIES: dict[str, Callable[[Rules], Checker]] = {
    "determinism": _determinism,
    "activity order": _activity_order,
    "rule file order": _rule_file_order,
    "locality": _locality,
    "traceability": _traceability,
    "monotonicity": act_monotonicity,
    "case monotonicity": case_monotonicity,
    "partisan act not lighter": partisan_act_not_lighter,
    "elements required": _elements_required,
    "stability": _stability,
    "case round trip": _case_round_trip,
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
