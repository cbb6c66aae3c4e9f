"""Coverage of rule files by policy-writer test cases.

A provision is covered *both ways* when some case expects it to fire and it fires, and some
case lists it under ``absent`` and it does not fire. A condition element (one comparison
leaf of a provision's ``when``, named by its path in the tree) is covered when it was
evaluated true in some case and false in some case; it is evaluated on every act x
candidate fact record of every case, for the provisions whose version is in force on the
day the act is judged and whose activity-kind index admits the act (exactly the rules the
engine considers). The kind test itself counts as false for an act of another kind judged
while the provision is in force, so it too can be covered both ways.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..conditions import MISSING, All, AnyOf, Compare, Condition, render
from ..engine import CompiledRuleSet
from ..facts import fact_record
from ..messages import msg
from ..models import Candidate
from ..models.unknown import day_of
from .cases import CaseResult
from .oracle import compare
from .words import count

__all__ = [
    "CoverageReport",
    "ElementCoverage",
    "ProvisionCoverage",
    "condition_elements",
    "measure",
]


def _indexes_kind(condition: Condition, leaf: Compare) -> bool:
    """Whether ``leaf`` is one of the top-level kind tests the engine indexes rules by."""
    items = condition.items if isinstance(condition, All) else (condition,)
    return leaf.fact == "activity.kind" and any(item is leaf for item in items)


def condition_elements(condition: Condition, path: str = "when") -> Iterator[tuple[str, Compare]]:
    """Every comparison leaf with its path in the tree, e.g. ``when.all[1].not``."""
    if isinstance(condition, Compare):
        yield path, condition
    elif isinstance(condition, All | AnyOf):
        key = "all" if isinstance(condition, All) else "any"
        for i, item in enumerate(condition.items):
            yield from condition_elements(item, f"{path}.{key}[{i}]")
    else:
        yield from condition_elements(condition.item, f"{path}.not")


@dataclass
class ElementCoverage:
    """One comparison of one provision, and the truth values the cases gave it."""

    path: str
    text: str
    seen_true: bool = False
    seen_false: bool = False

    @property
    def covered(self) -> bool:
        """Seen both true and false."""
        return self.seen_true and self.seen_false

    @property
    def gap(self) -> str:
        """What is missing, in English words (:meth:`gap_in` for another language)."""
        return self.gap_in("en")

    def gap_in(self, lang: str) -> str:
        """What is missing, in words in ``lang``: never evaluated, never false, never true."""
        if not (self.seen_true or self.seen_false):
            return msg("coverage.never_evaluated", lang)
        return msg("coverage.never_false" if self.seen_true else "coverage.never_true", lang)


@dataclass
class ProvisionCoverage:
    """Whether the cases showed a provision firing and not firing, and its elements."""

    provision_id: str
    version: str
    fired: bool = False
    proven_absent: bool = False
    ever_fired: bool = False
    elements: list[ElementCoverage] = field(default_factory=list)

    @property
    def covered(self) -> bool:
        """Fired as expected in one case, proven absent in another."""
        return self.fired and self.proven_absent


def _percent(part: int, whole: int) -> float:
    return 100.0 if whole == 0 else 100.0 * part / whole


def percent_text(value: float, lang: str) -> str:
    """A percentage with one decimal: '27.0%' in English, '27,0%' in Indonesian."""
    from ..supervision.labels import percent

    return percent(value / 100, lang)


@dataclass
class CoverageReport:
    """Coverage of every provision of a rule set."""

    provisions: list[ProvisionCoverage]

    @property
    def provision_percent(self) -> float:
        """Share of provisions covered both ways (100 for an empty rule set)."""
        return _percent(sum(p.covered for p in self.provisions), len(self.provisions))

    @property
    def element_percent(self) -> float:
        """Share of condition elements seen true and false."""
        elements = [e for p in self.provisions for e in p.elements]
        return _percent(sum(e.covered for e in elements), len(elements))

    @property
    def never_fired(self) -> list[str]:
        """Provisions that fired in no case at all."""
        return [p.provision_id for p in self.provisions if not p.ever_fired]

    def summary(self, lang: str = "id") -> str:
        """One line with both percentages, in ``lang`` (Indonesian by default)."""
        elements = [e for p in self.provisions for e in p.elements]
        covered = sum(p.covered for p in self.provisions)
        seen = sum(e.covered for e in elements)
        return msg(
            "coverage.summary",
            lang,
            covered=count(covered, lang),
            provisions=count(len(self.provisions), lang),
            provision_percent=percent_text(self.provision_percent, lang),
            seen=count(seen, lang),
            elements=count(len(elements), lang),
            element_percent=percent_text(self.element_percent, lang),
        )

    def render(self, details: bool = False, lang: str = "id") -> str:
        """A table per provision (with ``details``, the uncovered elements under each), the
        never-fired list and the summary, in ``lang`` (Indonesian by default)."""
        head = [msg(f"coverage.{k}", lang) for k in ("provision", "fired", "absent", "elements")]
        yes, no = msg("coverage.yes", lang), msg("coverage.no", lang)
        width = max([len(head[0]), *(len(p.provision_id) for p in self.provisions)])
        fired, absent = (max(len(head[i]), len(yes), len(no)) for i in (1, 2))
        lines = [f"{head[0]:<{width}}  {head[1]:<{fired}}  {head[2]:<{absent}}  {head[3]}"]
        for p in self.provisions:
            seen = sum(e.covered for e in p.elements)
            lines.append(
                f"{p.provision_id:<{width}}  {yes if p.fired else no:<{fired}}  "
                f"{yes if p.proven_absent else no:<{absent}}  "
                f"{count(seen, lang)}/{count(len(p.elements), lang)}"
            )
            if details:
                lines += [
                    f"    {e.path}: {e.text}: {e.gap_in(lang)}" for e in p.elements if not e.covered
                ]
        never = self.never_fired
        listed = ", ".join(never) if never else msg("test.none", lang)
        lines.append(msg("coverage.never_fired", lang, provisions=listed))
        lines.append(self.summary(lang))
        return "\n".join(lines) + "\n"


def measure(results: Iterable[CaseResult], rules: CompiledRuleSet) -> CoverageReport:
    """Coverage of ``rules`` by the results of running test cases against them."""
    # One row per provision id: a provision keeps its id across versions of its instrument,
    # so the elements of every version are counted under it (each version's own leaves).
    by_id: dict[str, ProvisionCoverage] = {}
    leaves: dict[int, list[tuple[ElementCoverage, Compare]]] = {}
    excepts: dict[str, frozenset[str]] = {}
    for rule in rules.rules:
        pc = by_id.setdefault(rule.id, ProvisionCoverage(rule.id, rule.regulation.key))
        if rule.excepts:
            excepts[rule.id] = rule.excepts
        for path, leaf in condition_elements(rule.provision.when):
            element = ElementCoverage(path, render(leaf))
            pc.elements.append(element)
            leaves.setdefault(rule.number, []).append((element, leaf))
    for result in results:
        fired = {f.provision_id for f in result.report.findings}
        # An exception "fires" when it withdraws a finding: proven where the case expects
        # the excepted provision absent, and proven absent where the case expects it found.
        applied = {e.exception_id for e in result.report.exceptions_applied}
        expected = {exp.provision for exp in result.case.expected or ()}
        absent_ids = {absent.provision for absent in result.case.absent}
        for pid in fired | applied:
            if pid in by_id:
                by_id[pid].ever_fired = True
        for pid in (expected & fired) | {e for e in applied if excepts[e] & absent_ids}:
            if pid in by_id:
                by_id[pid].fired = True
        withheld = {e for e, targets in excepts.items() if e not in applied and targets & fired}
        for pid in (absent_ids - fired) | {e for e in withheld if excepts[e] & expected}:
            if pid in by_id:
                by_id[pid].proven_absent = True
        case = result.case.case
        for activity in case.activities:
            day = (result.case.as_of or day_of(activity.date)).toordinal()
            candidates: list[Candidate | None] = [
                case.candidate(c) for c in activity.candidate_ids
            ] or [None]
            records = [fact_record(case, activity, c) for c in candidates]
            admitted = {r.id for r in rules.candidates_for(activity.kind.value)}
            for rule in rules.rules:
                if not rule.in_force(day):
                    continue
                for element, leaf in leaves.get(rule.number, ()):
                    if rule.id not in admitted:
                        # The engine's kind index answers for the kind test: it is false
                        # here. Other elements are not evaluated on acts of other kinds,
                        # where they would read false without telling anything.
                        if _indexes_kind(rule.provision.when, leaf):
                            element.seen_false = True
                        continue
                    for record in records:
                        if compare(leaf.op, record.get(leaf.fact, MISSING), leaf.value):
                            element.seen_true = True
                        else:
                            element.seen_false = True
    return CoverageReport(list(by_id.values()))
