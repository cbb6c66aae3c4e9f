"""The properties checked on drawn cases (each a :data:`~._base.Checker` made for a rule
set): determinism, independence from the order of activities and of rule files, locality,
traceability, elements required, stability and the case round trip. The registry and the
``check_*`` functions are in :mod:`.properties`; monotonicity in :mod:`.monotonicity`."""

from __future__ import annotations

import datetime as dt

import yaml

from ..caseio import case_to_data, parse_case
from ..conditions import MISSING, All, Compare, Condition
from ..engine import compile_rules, get_engine
from ..facts import FACTS, fact_record
from ..findings import Report
from ..loader import RegulationSet
from ..models import Activity, Case
from ..problemtext import Text
from ..regulation import RegulationFile, citation_text
from ._base import Checker, Drawn, PropertyViolationError, Rules
from ._base import case_text as _case_text
from ._base import compiled as _compiled
from ._base import regulations as _regulations
from .differences import describe, differ, show
from .oracle import compare
from .words import Day, Named, kind_name

# --------------------------------------------------------------------------- determinism, order


def determinism(rules: Rules) -> Checker:
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
            only_a, only_b = differ(a.findings, b.findings)
            differences = describe(only_a, only_b, "first", "second")
            raise PropertyViolationError(
                Text(
                    "property.determinism",
                    case=case.id,
                    differences=differences or Text("property.same_findings"),
                    data=_case_text(case),
                )
            )

    return check


def activity_order(rules: Rules) -> Checker:
    """Reversing the order of a case's activities gives the same findings."""
    engine = get_engine("python", _compiled(rules))

    def check(drawn: Drawn) -> None:
        case = drawn.case
        flipped = case.model_copy(update={"activities": tuple(reversed(case.activities))})
        a, b = engine.evaluate(case).findings, engine.evaluate(flipped).findings
        only_a, only_b = differ(a, b)
        if only_a or only_b:
            raise PropertyViolationError(
                Text(
                    "property.activity_order",
                    case=case.id,
                    differences=describe(only_a, only_b, "in_file_order", "reversed"),
                    data=_case_text(case),
                )
            )

    return check


def rule_file_order(rules: Rules) -> Checker:
    """Loading the rule files in reverse order gives the same findings."""
    regs = _regulations(rules)
    engine = get_engine("python", compile_rules(regs))
    reverse = get_engine("python", compile_rules(RegulationSet(reversed(regs.files))))

    def check(drawn: Drawn) -> None:
        case = drawn.case
        only_a, only_b = differ(engine.evaluate(case).findings, reverse.evaluate(case).findings)
        if only_a or only_b:
            raise PropertyViolationError(
                Text(
                    "property.rule_file_order",
                    case=case.id,
                    differences=describe(only_a, only_b, "in_order", "reversed"),
                    data=_case_text(case),
                )
            )

    return check


# --------------------------------------------------------------------------- locality


def locality(rules: Rules) -> Checker:
    """Adding an unrelated activity never changes the findings about the other activities."""
    engine = get_engine("python", _compiled(rules))

    def check(drawn: Drawn) -> None:
        case, extra = drawn.case, drawn.extra
        bigger = case.model_copy(update={"activities": (*case.activities, extra)})
        before = engine.evaluate(case).findings
        after = [f for f in engine.evaluate(bigger).findings if f.activity_id != extra.id]
        only_a, only_b = differ(before, after)
        if only_a or only_b:
            raise PropertyViolationError(
                Text(
                    "property.locality",
                    activity=extra.id,
                    kind=kind_name(extra.kind.value),
                    case=case.id,
                    differences=describe(only_a, only_b, "without_it", "with_it"),
                    data=_case_text(bigger),
                )
            )

    return check


# --------------------------------------------------------------------------- traceability


def _trace(report: Report, case: Case, regs: RegulationSet) -> None:
    judged = {la.activity_id: la.judged_on for la in report.law_applied}
    by_key = {reg.key: reg for reg in regs.versions}
    for f in report.findings:
        day = judged[f.activity_id]
        reg = by_key.get(f.version)
        where = {"finding": show(f), "case": case.id}
        if reg is None:
            raise PropertyViolationError(
                Text("property.traceability.unknown_version", **where, version=f.version)
            )
        if not reg.version.covers(day):
            raise PropertyViolationError(
                Text("property.traceability.not_in_force", **where, version=f.version, day=Day(day))
            )
        provision = next((p for p in reg.provisions if p.id == f.provision_id), None)
        if provision is None:
            raise PropertyViolationError(
                Text(
                    "property.traceability.no_provision",
                    **where,
                    provision=f.provision_id,
                    version=f.version,
                )
            )
        expected = citation_text(reg.instrument, provision.citation)
        first = f.citations[0] if f.citations else None
        if first is None or first.role != "prohibition" or first.text != expected:
            got = (
                Text("property.cited", role=Named("role", first.role), text=first.text)
                if first
                else Text("property.no_citation")
            )
            raise PropertyViolationError(
                Text("property.traceability.first_citation", **where, expected=expected, got=got)
            )


def traceability(rules: Rules) -> Checker:
    """Every finding cites, first, the pinpoint of a provision of a version in force on the
    day the act is judged (its own date, or ``at``)."""
    compiled = _compiled(rules)
    engine = get_engine("python", compiled)
    regs = compiled.regulations

    def check(drawn: Drawn) -> None:
        case, at = drawn.case, drawn.at
        _trace(engine.evaluate(case, at=at), case, regs)

    return check


# --------------------------------------------------------------------------- elements


_ACTIVITY_FIELDS = {f"activity.{name}": name for name in Activity.model_fields}


def _top_level(condition: Condition) -> tuple[Condition, ...]:
    return condition.items if isinstance(condition, All) else (condition,)


def elements_required(rules: Rules) -> Checker:
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
                        Text(
                            "property.elements",
                            provision=f.provision_id,
                            activity=act.id,
                            case=case.id,
                            fact=item.fact,
                            default=default,
                            data=_case_text(smaller),
                        )
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


def stability(rules: Rules) -> Checker:
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
                    Text(
                        "property.stability",
                        p=p,
                        old=old.key,
                        q=q,
                        new=new.key,
                        case=case.id,
                        fired_p=str(sorted(fired_p, key=str)),
                        fired_q=str(sorted(fired_q, key=str)),
                        data=_case_text(case),
                    )
                )

    return check


def case_round_trip(rules: Rules) -> Checker:
    """A case dumped with ``case_to_data`` to YAML and read with ``parse_case`` is the same
    case."""

    def check(drawn: Drawn) -> None:
        case = drawn.case
        text = yaml.safe_dump(case_to_data(case), allow_unicode=True, sort_keys=False)
        again = parse_case(text, f"{case.id}.yaml")
        if again != case:
            raise PropertyViolationError(
                Text(
                    "property.case_round_trip",
                    case=case.id,
                    data=_case_text(case),
                    again=_case_text(again),
                )
            )

    return check
