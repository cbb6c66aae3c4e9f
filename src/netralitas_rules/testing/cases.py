"""Policy-writer test files: read them, run their cases, match the expected findings.

A test file (``regulations/<instrument>/tests/<topic>.yaml``) holds optional ``defaults``
and a list of ``cases``. Each case has a one-sentence ``name``, the facts of a case (any
:class:`~netralitas_rules.models.Case` field but ``id``, which is derived from the name),
an optional ``as_of`` date (judge every act under the law in force on that date) and
``expect``::

    expect:
      findings:             # exact by default: matched one to one with the actual findings
        - {provision: pp94-5-n-2, activity: a1, track: DISIPLIN, tier: SEDANG}
      partial: false        # true: the expected findings must be present, extras allowed
      absent: [pp94-5-n-1]  # provisions that must not fire in this case

An expected finding matches an actual one when every key it gives is equal (``tier: null``
means "no tier"). Without a ``findings`` key only ``absent`` is checked.

Every problem of a test file is reported at once, ``path:line:col: key.path: message``, as a
:class:`~netralitas_rules.errors.CaseFileError`; nothing here raises a traceback at a
policy writer.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..engine import CompiledRuleSet, Engine, get_engine
from ..errors import CaseFileError, Problem
from ..findings import Finding, Report
from ..hints import suggestion
from ..loader import RegulationSet
from ..messages import msg
from ..problemtext import Text
from .case_model import (
    EXPECT_KEYS,
    FINDING_KEYS,
    VERSION_PATTERN,
    Absent,
    ExpectedFinding,
    PolicyCase,
    TestFile,
    case_id,
    finding_keys,
    show_value,
)
from .case_reading import load_test_file, load_test_files, parse_test_file
from .words import Day

__all__ = [
    "EXPECT_KEYS",
    "FINDING_KEYS",
    "VERSION_PATTERN",
    "Absent",
    "CaseResult",
    "ExpectedFinding",
    "PolicyCase",
    "TestFile",
    "case_id",
    "discover",
    "is_case_file",
    "load_test_file",
    "load_test_files",
    "parse_test_file",
    "run_case",
    "run_cases",
]


# --------------------------------------------------------------------------- discovery


def is_case_file(path: Path, root: Path) -> bool:
    """A YAML file under ``root`` inside a folder named ``tests`` (``root`` itself counts),
    so rule files and their tests can share one tree."""
    if path.suffix not in (".yaml", ".yml"):
        return False
    try:
        rel = path.relative_to(root)
    except ValueError:
        return False
    return root.name == "tests" or "tests" in rel.parts[:-1]


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """The test files under the given paths: a file is taken as it is; a folder gives its
    YAML files that lie in a ``tests`` folder. Sorted, without repeats."""
    found: set[Path] = set()
    for entry in paths:
        p = Path(entry)
        if p.is_file():
            found.add(p)
        elif p.is_dir():
            found.update(f for f in p.rglob("*") if f.is_file() and is_case_file(f, p))
        else:
            raise CaseFileError([Problem.of(str(p), 1, 1, "", Text("file.no_such"))])
    return sorted(found)


# --------------------------------------------------------------------------- running


def show_finding(finding: Finding) -> str:
    """A finding on one line, in the keys of the test-file format."""
    keys = finding_keys(finding)
    return " ".join(
        [finding.provision_id]
        + [
            f"{k}={show_value(keys[k])}"
            for k in ("activity", "candidate", "track", "tier", "version")
        ]
    )


@dataclass(frozen=True)
class Row:
    """One line of the side-by-side comparison: an expectation and the finding it matched;
    either may be missing."""

    expected: ExpectedFinding | None
    actual: Finding | None

    @property
    def ok(self) -> bool:
        """Both sides present."""
        return self.expected is not None and self.actual is not None


def where(case: PolicyCase, lang: str) -> str:
    """``file:line: case 'name'`` in ``lang`` ('kasus' in Indonesian)."""
    return f"{case.file}:{case.line}: {msg('test.case_name', lang, name=case.name)}"


@dataclass(frozen=True)
class CaseResult:
    """The outcome of one case. ``unknown`` holds, per provision the case names that the
    rules lack, its words (a problem Text: 'unknown provision ...; did you mean ...?')."""

    case: PolicyCase
    report: Report
    rows: tuple[Row, ...]
    fired_absent: tuple[tuple[Absent, Finding], ...]
    unknown: tuple[Text, ...] = field(default=())

    @property
    def passed(self) -> bool:
        """Every expectation met."""
        if self.fired_absent or self.unknown:
            return False
        for row in self.rows:
            if row.expected is None and not self.case.partial:
                return False
            if row.expected is not None and row.actual is None:
                return False
        return True

    def describe(self, lang: str = "id") -> str:
        """``file:line: case 'name'`` and, on failure, expected and actual side by side, in
        ``lang`` (Indonesian by default; ``en`` the English the library always wrote)."""
        head = where(self.case, lang)
        if self.passed:
            return msg("test.passed", lang, where=head)
        lines = [msg("test.failed", lang, where=head)]
        judged = (
            msg("test.judged_as_of", lang, date=Day(self.case.as_of).render(lang))
            if self.case.as_of
            else msg("test.judged_own_date", lang)
        )
        lines.append(f"  {judged}")
        lines += [f"  {u.render(lang)}" for u in self.unknown]
        if self.case.expected is not None:
            mode = msg("test.mode.partial" if self.case.partial else "test.mode.exact", lang)
            none = msg("test.none", lang)
            left = [
                (
                    msg("test.line", lang, line=r.expected.line, expected=str(r.expected))
                    if r.expected
                    else none
                )
                for r in self.rows
            ]
            right = [show_finding(r.actual) if r.actual else none for r in self.rows]
            heading = msg("test.expected", lang, mode=mode)
            width = max([len(heading), *(len(t) for t in left)])
            lines.append(f"     {heading:<{width}} | {msg('test.actual', lang)}")
            for row, lt, rt in zip(self.rows, left, right, strict=True):
                if row.ok:
                    mark = "ok"
                elif row.expected is not None:
                    mark = "--"
                else:
                    mark = "++" if not self.case.partial else "  "
                lines.append(f"  {mark} {lt:<{width}} | {rt}")
            if not self.rows:
                nothing = msg("test.no_findings", lang)
                lines.append(f"     {nothing:<{width}} | {nothing}")
        for absent, finding in self.fired_absent:
            fired = msg(
                "test.fired_absent",
                lang,
                line=absent.line,
                provision=absent.provision,
                finding=show_finding(finding),
            )
            lines.append(f"  {fired}")
        return "\n".join(lines)


def _match(expected: Sequence[ExpectedFinding], actual: Sequence[Finding]) -> list[tuple[int, int]]:
    """A maximum one-to-one matching (Kuhn's augmenting paths): with partial keys a greedy
    choice could take a finding another expectation needs."""
    edges = [[j for j, f in enumerate(actual) if e.matches(f)] for e in expected]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(expected)):
        augment(i, set())
    return sorted((i, j) for j, i in owner.items())


def run_case(case: PolicyCase, engine: Engine) -> CaseResult:
    """Evaluate one case and compare the findings with its expectations."""
    report = engine.evaluate(case.case, at=case.as_of)
    actual = report.findings
    known = {p.id for _, p in engine.rules.regulations.provisions()}
    named = [e.provision for e in case.expected or ()] + [a.provision for a in case.absent]
    unknown = tuple(
        Text("test.unknown_provision", provision=pid, hint=suggestion(pid, sorted(known)))
        for pid in dict.fromkeys(named)
        if pid not in known
    )
    rows: list[Row] = []
    if case.expected is not None:
        by_expected = dict(_match(case.expected, actual))
        for i, exp in enumerate(case.expected):
            j = by_expected.get(i)
            rows.append(Row(exp, actual[j] if j is not None else None))
        matched = set(by_expected.values())
        rows += [Row(None, f) for j, f in enumerate(actual) if j not in matched]
    fired = tuple((a, f) for a in case.absent for f in actual if f.provision_id == a.provision)
    return CaseResult(case, report, tuple(rows), fired, unknown)


def run_cases(
    files: Iterable[TestFile],
    rules: RegulationSet | CompiledRuleSet | None = None,
    backend: str = "python",
) -> Iterator[CaseResult]:
    """Run every case of the files against the rules (the shipped corpus by default)."""
    engine = get_engine(backend, rules)
    for test_file in files:
        for case in test_file.cases:
            yield run_case(case, engine)
