"""Reading decided-case files: a case file plus a ``decided:`` block, every problem named
with its place, as for any case file."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from ..caseio import case_from_located, parse_case_located, read_case_file
from ..errors import CaseFileError
from ..loader import validate_located
from ..models import Case
from ..problemtext import Text
from ..yamlpos import Located, read_yaml
from .models import Decided, DecidedCase


class _DecidedPart(BaseModel):
    # Validates the block at its own key, so the positions read from the whole file apply.
    model_config = ConfigDict(extra="forbid", frozen=True)
    decided: Decided


def _none_track(data: Any) -> Any:
    # ``track: NONE`` in the file is the outcome's "no violation" (None in the model).
    if isinstance(data, dict) and isinstance(data.get("outcome"), dict):
        outcome = data["outcome"]
        if outcome.get("track") == "NONE":
            return {**data, "outcome": {**outcome, "track": None}}
    return data


def parse_decided_case(text: str | bytes, file: str = "<decided case>") -> DecidedCase:
    """Parse one decided case. Raises :class:`CaseFileError` listing every problem of the
    case part and of the ``decided`` block, each with its place."""
    located = read_yaml(text, file)
    if located.problems or not isinstance(located.data, dict):
        case_from_located(located)  # raises: the reader's problems, or "must be a mapping"
        raise AssertionError("case_from_located accepted a document that is no mapping")
    data = dict(located.data)
    if "decided" not in data:
        raise CaseFileError([located.problem((), Text("decided.no_block", key="decided"))])
    decided_data = {"decided": _none_track(data.pop("decided"))}
    problems = []
    try:
        case = case_from_located(Located(located.file, data, located.positions, []))
    except CaseFileError as exc:
        problems.extend(exc.problems)
    part, more = validate_located(
        Located(located.file, decided_data, located.positions, []), _DecidedPart
    )
    problems.extend(more)
    if problems:
        raise CaseFileError(problems)
    assert isinstance(part, _DecidedPart)
    return DecidedCase(file=file, case=case, decided=part.decided)


@dataclass(frozen=True)
class CaseFileRead:
    """A case file as read by :func:`load_case_or_decided`."""

    case: Case
    """The case (of a decided case, its case part)."""
    located: Located
    """The file's data and the positions of its keys."""
    decided: bool
    """The file is a real decided case: its ``decided:`` block was read and validated, and
    is not part of :attr:`case` (``netralitas agreement`` compares it)."""


def load_case_or_decided(path: str | Path) -> CaseFileRead:
    """Read a case file that may be a decided case (``cases/real/``: a case plus a
    ``decided:`` block), as ``check``, ``audit`` and ``register import`` read their files.

    A file that is a case is read as :func:`~..caseio.load_case_located` reads it, once. A
    file whose case is refused but whose data is a mapping with a ``decided`` key is read as a
    decided case: both parts validated, every problem of either with its place. Any other
    file's problems are raised as the case reader found them.
    """
    name = str(path)
    raw = read_case_file(path)
    try:
        case, located = parse_case_located(raw, name)
        return CaseFileRead(case, located, decided=False)
    except CaseFileError:
        located = read_yaml(raw, name)
        if located.problems or not isinstance(located.data, dict):
            raise
        if "decided" not in located.data:
            raise
    return CaseFileRead(parse_decided_case(raw, name).case, located, decided=True)


def load_decided_case(path: str | Path) -> DecidedCase:
    """Read one decided-case file."""
    return parse_decided_case(read_case_file(path), str(path))


def load_decided_cases(paths: Iterable[str | Path]) -> list[DecidedCase]:
    """Every decided case in the given files and folders (``*.yaml`` in a folder, sorted).
    Problems of all files are reported together."""
    files: list[Path] = []
    for path in paths:
        p = Path(path)
        files.extend(sorted(p.glob("*.yaml")) if p.is_dir() else [p])
    cases: list[DecidedCase] = []
    problems = []
    for f in files:
        try:
            cases.append(load_decided_case(f))
        except CaseFileError as exc:
            problems.extend(exc.problems)
    if problems:
        raise CaseFileError(problems)
    return cases
