"""Reading a policy-writer test file (see :mod:`.cases` for its form): every problem of the
file at once, ``path:line:col: key.path: message``, as a
:class:`~netralitas_rules.errors.CaseFileError` in the output language; nothing here raises a
traceback at a policy writer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..conditions import as_date
from ..elections import shipped_elections
from ..errors import CaseFileError, Problem, unreadable
from ..hints import suggestion
from ..loader import validate_located
from ..models import Case
from ..problemtext import Text
from ..vocabulary import Tier, Track
from ..yamlpos import KeyPath, Located, read_yaml
from .case_model import (
    CASE_FIELDS,
    CASE_KEYS,
    EXPECT_KEYS,
    FINDING_KEYS,
    TOP_KEYS,
    VERSION,
    Absent,
    ExpectedFinding,
    PolicyCase,
    TestFile,
    case_id,
)

__all__ = ["load_test_file", "load_test_files", "parse_test_file"]

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

    def problem(self, path: KeyPath, message: Any) -> Problem:
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
        raise CaseFileError([located.problem((), Text("tests.not_mapping"))])
    problems += _unknown_keys(located, (), data, TOP_KEYS)
    defaults = data.get("defaults", {})
    if defaults is None:
        defaults = {}
    if not isinstance(defaults, dict):
        problems.append(located.problem(("defaults",), Text("tests.defaults")))
        defaults = {}
    problems += _unknown_keys(located, ("defaults",), defaults, CASE_FIELDS)
    raw_cases = data.get("cases")
    if not isinstance(raw_cases, list) or not raw_cases:
        problems.append(located.problem(("cases",), Text("tests.cases", key="cases")))
        raise CaseFileError(problems)
    cases: list[PolicyCase] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(raw_cases):
        here: KeyPath = ("cases", i)
        if not isinstance(raw, dict):
            problems.append(located.problem(here, Text("tests.case_not_mapping")))
            continue
        case_problems = _unknown_keys(located, here, raw, CASE_KEYS)
        name = raw.get("name")
        if not isinstance(name, str) or not name.strip():
            case_problems.append(located.problem((*here, "name"), Text("tests.name_needed")))
            name = f"case {i + 1}"
        ident = case_id(name)
        if ident in seen:
            case_problems.append(
                located.problem(
                    (*here, "name"),
                    Text("tests.name_twice", id=ident, other=f"cases[{seen[ident]}]"),
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
            hint = Text("tests.id_from_name") if key == "id" else ""
            text = Text(
                "tests.unknown_key",
                key=key,
                why=hint,
                hint=suggestion(key, allowed),
                allowed=", ".join(allowed),
            )
            out.append(located.problem((*path, key), text))
    return out


def _date(located: Located, path: KeyPath, value: Any, problems: list[Problem]) -> dt.date | None:
    if value is None:
        return None
    day = as_date(value)
    if day is not None:
        return day
    problems.append(located.problem(path, Text("tests.not_a_date", value=value)))
    return None


def _expect(
    located: Located, path: KeyPath, value: Any, problems: list[Problem]
) -> tuple[tuple[ExpectedFinding, ...] | None, bool, tuple[Absent, ...]] | None:
    if not isinstance(value, dict):
        problems.append(
            located.problem(
                path, Text("tests.expect_needed" if value is None else "tests.expect_not_mapping")
            )
        )
        return None
    start = len(problems)
    problems += _unknown_keys(located, path, value, EXPECT_KEYS)
    if "findings" not in value and "absent" not in value:
        problems.append(located.problem(path, Text("tests.expect_nothing")))
    partial = value.get("partial", False)
    if not isinstance(partial, bool):
        problems.append(located.problem((*path, "partial"), Text("tests.partial_bool")))
    expected: tuple[ExpectedFinding, ...] | None = None
    if "findings" in value:
        raw = value["findings"]
        if raw is None:
            raw = []
        if not isinstance(raw, list):
            problems.append(located.problem((*path, "findings"), Text("tests.findings_list")))
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
        problems.append(located.problem((*path, "partial"), Text("tests.partial_needs_findings")))
    absent: list[Absent] = []
    raw_absent = value.get("absent", [])
    if raw_absent is None:
        raw_absent = []
    if not isinstance(raw_absent, list):
        problems.append(located.problem((*path, "absent"), Text("tests.absent_list")))
        raw_absent = []
    for j, pid in enumerate(raw_absent):
        where = (*path, "absent", j)
        if not isinstance(pid, str) or not pid:
            problems.append(located.problem(where, Text("tests.not_a_provision_id", value=pid)))
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
            located.problem(
                path, Text("tests.finding_not_mapping", example="{provision: pp94-5-a}")
            )
        )
        return None
    start = len(problems)
    problems += _unknown_keys(located, path, item, FINDING_KEYS)
    keys: dict[str, Any] = {}
    for key, value in item.items():
        where = (*path, key)
        if key in ("provision", "activity"):
            if not isinstance(value, str) or not value:
                problems.append(located.problem(where, Text("tests.id_text", key=key)))
            keys[key] = value
        elif key == "candidate":
            if value is not None and (not isinstance(value, str) or not value):
                problems.append(located.problem(where, Text("tests.candidate_id")))
            keys[key] = value
        elif key == "track":
            if value not in {t.value for t in Track}:
                problems.append(
                    located.problem(
                        where,
                        Text(
                            "tests.not_a_track",
                            value=value,
                            hint=suggestion(str(value), [t.value for t in Track]),
                            allowed=", ".join(t.value for t in Track),
                        ),
                    )
                )
            keys[key] = value
        elif key == "tier":
            if value is not None and value not in {t.value for t in Tier}:
                problems.append(
                    located.problem(
                        where,
                        Text(
                            "tests.not_a_tier",
                            value=value,
                            hint=suggestion(str(value), [t.value for t in Tier]),
                            allowed=", ".join(t.value for t in Tier),
                        ),
                    )
                )
            keys[key] = value
        elif key == "version":
            if not isinstance(value, str) or not VERSION.match(value):
                problems.append(
                    located.problem(
                        where,
                        Text("tests.not_a_version", value=value, example="pp-94-2021@2021-08-31"),
                    )
                )
            keys[key] = value
    if "provision" not in item:
        problems.append(located.problem(path, Text("tests.provision_needed")))
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
    for key in CASE_FIELDS:
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
                    Text(
                        "tests.unknown_election",
                        election=election,
                        hint=suggestion(election, sorted(known)),
                        known=", ".join(sorted(known)),
                    ),
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
        raise CaseFileError([unreadable(str(path), exc)]) from None
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
