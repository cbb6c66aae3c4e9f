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

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..conditions import as_date
from ..elections import shipped_elections
from ..engine import CompiledRuleSet, Engine, get_engine
from ..errors import CaseFileError, Problem
from ..findings import Finding, Report
from ..hints import suggest
from ..loader import RegulationSet, validate_located
from ..models import Case
from ..vocabulary import Tier, Track
from ..yamlpos import KeyPath, Located, read_yaml

__all__ = [
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

_CASE_FIELDS = tuple(sorted(k for k in Case.model_fields if k != "id"))
_CASE_KEYS = tuple(sorted({*_CASE_FIELDS, "name", "as_of", "expect"}))
_TOP_KEYS = ("cases", "defaults")
EXPECT_KEYS = ("absent", "findings", "partial")
FINDING_KEYS = ("activity", "candidate", "provision", "tier", "track", "version")
VERSION_PATTERN = r"^[a-z0-9]+(?:[-.][a-z0-9]+)*@\d{4}-\d{2}-\d{2}$"
"""The keys of ``expect`` and of an expected finding, and the form of a version key: what
the reader accepts, and what :func:`netralitas_rules.schemas.test_file_schema` says."""
_EXPECT_KEYS = EXPECT_KEYS
_FINDING_KEYS = FINDING_KEYS
_VERSION = re.compile(VERSION_PATTERN)


def case_id(name: str) -> str:
    """The case id derived from its name: lower case, words joined by ``-``.

    >>> case_id("A PNS who wears a party shirt at a 2024 rally")
    'a-pns-who-wears-a-party-shirt-at-a-2024-rally'
    """
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug[:200].rstrip("-") or "case"


# --------------------------------------------------------------------------- the model


@dataclass(frozen=True)
class ExpectedFinding:
    """One expected finding: the keys the author gave, and the line it stands on."""

    line: int
    keys: Mapping[str, Any]

    @property
    def provision(self) -> str:
        """The provision id (always given)."""
        return str(self.keys["provision"])

    def matches(self, finding: Finding) -> bool:
        """True when every given key equals the finding's value."""
        actual = _finding_keys(finding)
        return all(actual[k] == v for k, v in self.keys.items())

    def __str__(self) -> str:
        return " ".join(
            [self.provision]
            + [
                f"{k}={_show(self.keys[k])}"
                for k in _FINDING_KEYS
                if k in self.keys and k != "provision"
            ]
        )


@dataclass(frozen=True)
class Absent:
    """A provision that must not fire, and the line it is listed on."""

    line: int
    provision: str


@dataclass(frozen=True)
class PolicyCase:
    """One case of a test file, ready to run."""

    file: str
    line: int
    name: str
    case: Case
    as_of: dt.date | None
    expected: tuple[ExpectedFinding, ...] | None
    partial: bool
    absent: tuple[Absent, ...]

    @property
    def id(self) -> str:
        """The case id (derived from the name)."""
        return self.case.id

    @property
    def where(self) -> str:
        """``file:line: case 'name'``."""
        return f"{self.file}:{self.line}: case {self.name!r}"


@dataclass(frozen=True)
class TestFile:
    """A test file and its cases."""

    __test__ = False  # not a pytest test class, despite the name

    path: str
    cases: tuple[PolicyCase, ...]


# --------------------------------------------------------------------------- reading


class _View(Located):
    """Part of a test file seen as a document of its own: positions and problems are
    routed back to the key paths of the whole file."""

    def __init__(self, base: Located, data: Any, route: Callable[[KeyPath], KeyPath]) -> None:
        super().__init__(base.file, data)
        self._base = base
        self._route = route

    def position(self, path: KeyPath) -> tuple[int, int]:
        """Position in the whole file."""
        return self._base.position(self._route(path))

    def problem(self, path: KeyPath, message: str) -> Problem:
        """A problem at the place (and key path) of the whole file."""
        return self._base.problem(self._route(path), message)


def parse_test_file(text: str | bytes, file: str = "<tests>") -> TestFile:
    """Read a test file; raises :class:`CaseFileError` listing every problem."""
    located = read_yaml(text, file)
    if located.problems:
        raise CaseFileError(located.problems)
    problems: list[Problem] = []
    data = located.data
    if not isinstance(data, dict):
        raise CaseFileError(
            [located.problem((), "a test file is a mapping with 'cases' (and 'defaults')")]
        )
    problems += _unknown_keys(located, (), data, _TOP_KEYS)
    defaults = data.get("defaults", {})
    if defaults is None:
        defaults = {}
    if not isinstance(defaults, dict):
        problems.append(located.problem(("defaults",), "defaults is a mapping of case fields"))
        defaults = {}
    problems += _unknown_keys(located, ("defaults",), defaults, _CASE_FIELDS)
    raw_cases = data.get("cases")
    if not isinstance(raw_cases, list) or not raw_cases:
        problems.append(
            located.problem(("cases",), "cases is a non-empty list of cases; add at least one")
        )
        raise CaseFileError(problems)
    cases: list[PolicyCase] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(raw_cases):
        here: KeyPath = ("cases", i)
        if not isinstance(raw, dict):
            problems.append(located.problem(here, "a case is a mapping with name, facts, expect"))
            continue
        case_problems = _unknown_keys(located, here, raw, _CASE_KEYS)
        name = raw.get("name")
        if not isinstance(name, str) or not name.strip():
            case_problems.append(
                located.problem(
                    (*here, "name"),
                    "every case needs a name: one sentence saying who did what, and what follows",
                )
            )
            name = f"case {i + 1}"
        ident = case_id(name)
        if ident in seen:
            case_problems.append(
                located.problem(
                    (*here, "name"),
                    f"the name gives case id {ident!r}, as cases[{seen[ident]}] does; "
                    "give each case its own name",
                )
            )
        seen.setdefault(ident, i)
        as_of = _date(located, (*here, "as_of"), raw.get("as_of"), case_problems)
        expect = _expect(located, (*here, "expect"), raw.get("expect"), case_problems)
        case = _case(located, here, ident, defaults, raw, case_problems)
        problems += case_problems
        if case_problems or case is None or expect is None:
            continue
        expected, partial, absent = expect
        cases.append(
            PolicyCase(
                file=file,
                line=located.position(here)[0],
                name=name,
                case=case,
                as_of=as_of,
                expected=expected,
                partial=partial,
                absent=absent,
            )
        )
    if problems:
        raise CaseFileError(problems)
    return TestFile(file, tuple(cases))


def _unknown_keys(
    located: Located, path: KeyPath, data: Mapping[str, Any], allowed: Sequence[str]
) -> list[Problem]:
    out = []
    for key in data:
        if key not in allowed:
            hint = " (the case id is derived from the name)" if key == "id" else ""
            out.append(
                located.problem(
                    (*path, key),
                    f"unknown key {key!r}{hint}{suggest(key, allowed)}; allowed: "
                    f"{', '.join(allowed)}",
                )
            )
    return out


def _date(located: Located, path: KeyPath, value: Any, problems: list[Problem]) -> dt.date | None:
    if value is None:
        return None
    day = as_date(value)
    if day is not None:
        return day
    problems.append(located.problem(path, f"{value!r} is not a date; write YYYY-MM-DD"))
    return None


def _expect(
    located: Located, path: KeyPath, value: Any, problems: list[Problem]
) -> tuple[tuple[ExpectedFinding, ...] | None, bool, tuple[Absent, ...]] | None:
    if not isinstance(value, dict):
        problems.append(
            located.problem(
                path,
                "every case needs expect: a mapping with findings, partial and/or absent"
                if value is None
                else "expect is a mapping with findings, partial and/or absent",
            )
        )
        return None
    start = len(problems)
    problems += _unknown_keys(located, path, value, _EXPECT_KEYS)
    if "findings" not in value and "absent" not in value:
        problems.append(located.problem(path, "expect checks nothing; give findings and/or absent"))
    partial = value.get("partial", False)
    if not isinstance(partial, bool):
        problems.append(located.problem((*path, "partial"), "partial is true or false"))
    expected: tuple[ExpectedFinding, ...] | None = None
    if "findings" in value:
        raw = value["findings"]
        if raw is None:
            raw = []
        if not isinstance(raw, list):
            problems.append(
                located.problem((*path, "findings"), "findings is a list of expected findings")
            )
            raw = []
        expected = tuple(
            e
            for e in (
                _expected(located, (*path, "findings", j), item, problems)
                for j, item in enumerate(raw)
            )
            if e is not None
        )
    elif partial is True:
        problems.append(
            located.problem((*path, "partial"), "partial needs findings to look for; add them")
        )
    absent: list[Absent] = []
    raw_absent = value.get("absent", [])
    if raw_absent is None:
        raw_absent = []
    if not isinstance(raw_absent, list):
        problems.append(located.problem((*path, "absent"), "absent is a list of provision ids"))
        raw_absent = []
    for j, pid in enumerate(raw_absent):
        where = (*path, "absent", j)
        if not isinstance(pid, str) or not pid:
            problems.append(located.problem(where, f"{pid!r} is not a provision id"))
            continue
        absent.append(Absent(located.position(where)[0], pid))
    if len(problems) > start:
        return None
    return expected, bool(partial), tuple(absent)


def _expected(
    located: Located, path: KeyPath, item: Any, problems: list[Problem]
) -> ExpectedFinding | None:
    if not isinstance(item, dict):
        problems.append(
            located.problem(path, "an expected finding is a mapping, e.g. {provision: pp94-5-a}")
        )
        return None
    start = len(problems)
    problems += _unknown_keys(located, path, item, _FINDING_KEYS)
    keys: dict[str, Any] = {}
    for key, value in item.items():
        where = (*path, key)
        if key in ("provision", "activity"):
            if not isinstance(value, str) or not value:
                problems.append(located.problem(where, f"{key} is an id (text)"))
            keys[key] = value
        elif key == "candidate":
            if value is not None and (not isinstance(value, str) or not value):
                problems.append(located.problem(where, "candidate is an id, or null for none"))
            keys[key] = value
        elif key == "track":
            if value not in {t.value for t in Track}:
                problems.append(
                    located.problem(
                        where,
                        f"{value!r} is not a track{suggest(str(value), [t.value for t in Track])}"
                        f"; allowed: {', '.join(t.value for t in Track)}",
                    )
                )
            keys[key] = value
        elif key == "tier":
            if value is not None and value not in {t.value for t in Tier}:
                problems.append(
                    located.problem(
                        where,
                        f"{value!r} is not a tier{suggest(str(value), [t.value for t in Tier])}"
                        f"; allowed: {', '.join(t.value for t in Tier)}, or null for no tier",
                    )
                )
            keys[key] = value
        elif key == "version":
            if not isinstance(value, str) or not _VERSION.match(value):
                problems.append(
                    located.problem(
                        where,
                        f"{value!r} is not a version; write <instrument>@<effective_from>, "
                        "e.g. pp-94-2021@2021-08-31",
                    )
                )
            keys[key] = value
    if "provision" not in item:
        problems.append(located.problem(path, "an expected finding needs provision; add it"))
    if len(problems) > start:
        return None
    return ExpectedFinding(located.position(path)[0], keys)


def _case(
    located: Located,
    here: KeyPath,
    ident: str,
    defaults: Mapping[str, Any],
    raw: Mapping[str, Any],
    problems: list[Problem],
) -> Case | None:
    # Shallow merge: a key of the case replaces the same key of the defaults whole.
    merged: dict[str, Any] = {"id": ident}
    origin: dict[str, KeyPath] = {"id": (*here, "name")}
    for key in _CASE_FIELDS:
        if key in raw:
            merged[key], origin[key] = raw[key], (*here, key)
        elif key in defaults:
            merged[key], origin[key] = defaults[key], ("defaults", key)

    def route(path: KeyPath) -> KeyPath:
        if path and isinstance(path[0], str) and path[0] in origin:
            return (*origin[path[0]], *path[1:])
        return (*here, *path)

    view = _View(located, merged, route)
    election = merged.get("election")
    if isinstance(election, str):
        known = shipped_elections()
        if election not in known:
            problems.append(
                view.problem(
                    ("election",),
                    f"unknown election {election!r}{suggest(election, sorted(known))}; shipped "
                    f"calendars: {', '.join(sorted(known))}, or give the calendar inline",
                )
            )
            return None
        merged["election"] = known[election].model_dump()
    case, case_problems = validate_located(view, Case)
    problems += case_problems
    return case if isinstance(case, Case) else None


def load_test_file(path: str | Path) -> TestFile:
    """Read one test file; raises :class:`CaseFileError` listing every problem."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise CaseFileError(
            [Problem(str(path), 1, 1, "", f"cannot read the file: {exc.strerror or exc}")]
        ) from None
    return parse_test_file(raw, str(path))


def load_test_files(paths: Iterable[str | Path]) -> list[TestFile]:
    """Read several test files; every problem of every file is raised at once."""
    files: list[TestFile] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            files.append(load_test_file(path))
        except CaseFileError as exc:
            problems += exc.problems
    if problems:
        raise CaseFileError(problems)
    return files


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
            raise CaseFileError([Problem(str(p), 1, 1, "", "no such file or folder")])
    return sorted(found)


# --------------------------------------------------------------------------- running


def _finding_keys(finding: Finding) -> dict[str, Any]:
    return {
        "provision": finding.provision_id,
        "activity": finding.activity_id,
        "candidate": finding.candidate_id,
        "track": finding.track.value,
        "tier": finding.tier.value if finding.tier else None,
        "version": finding.version,
    }


def _show(value: Any) -> str:
    return "null" if value is None else str(value)


def show_finding(finding: Finding) -> str:
    """A finding on one line, in the keys of the test-file format."""
    keys = _finding_keys(finding)
    return " ".join(
        [finding.provision_id]
        + [f"{k}={_show(keys[k])}" for k in ("activity", "candidate", "track", "tier", "version")]
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


@dataclass(frozen=True)
class CaseResult:
    """The outcome of one case."""

    case: PolicyCase
    report: Report
    rows: tuple[Row, ...]
    fired_absent: tuple[tuple[Absent, Finding], ...]
    unknown: tuple[str, ...] = field(default=())

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

    def describe(self) -> str:
        """``file:line: case 'name'`` and, on failure, expected and actual side by side."""
        head = f"{self.case.where}: {'passed' if self.passed else 'failed'}"
        if self.passed:
            return head
        lines = [head]
        judged = f"as of {self.case.as_of}" if self.case.as_of else "on each act's own date"
        lines.append(f"  judged {judged}")
        lines += [f"  {u}" for u in self.unknown]
        if self.case.expected is not None:
            mode = "partial" if self.case.partial else "exact"
            left = [
                (f"line {r.expected.line}: {r.expected}" if r.expected else "(none)")
                for r in self.rows
            ]
            right = [show_finding(r.actual) if r.actual else "(none)" for r in self.rows]
            width = max([len(f"expected ({mode})"), *(len(t) for t in left)])
            lines.append(f"     {'expected (' + mode + ')':<{width}} | actual")
            for row, lt, rt in zip(self.rows, left, right, strict=True):
                if row.ok:
                    mark = "ok"
                elif row.expected is not None:
                    mark = "--"
                else:
                    mark = "++" if not self.case.partial else "  "
                lines.append(f"  {mark} {lt:<{width}} | {rt}")
            if not self.rows:
                lines.append(f"     {'(no findings)':<{width}} | (no findings)")
        for absent, finding in self.fired_absent:
            lines.append(
                f"  line {absent.line}: {absent.provision} must be absent but fired: "
                f"{show_finding(finding)}"
            )
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
        f"unknown provision {pid!r}{suggest(pid, sorted(known))}"
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
