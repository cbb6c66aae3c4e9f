"""The cases of a policy-writer test file as the reader makes them and the runner takes
them (:mod:`.cases`): a case, its expected findings, the provisions that must stay absent,
and the keys and forms a test file may use."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..findings import Finding
from ..models import Case

__all__ = [
    "CASE_FIELDS",
    "CASE_KEYS",
    "EXPECT_KEYS",
    "FINDING_KEYS",
    "TOP_KEYS",
    "VERSION",
    "VERSION_PATTERN",
    "Absent",
    "ExpectedFinding",
    "PolicyCase",
    "TestFile",
    "case_id",
    "finding_keys",
    "show_value",
]

CASE_FIELDS = tuple(sorted(k for k in Case.model_fields if k != "id"))
CASE_KEYS = tuple(sorted({*CASE_FIELDS, "name", "as_of", "expect"}))
TOP_KEYS = ("cases", "defaults")
EXPECT_KEYS = ("absent", "findings", "partial")
FINDING_KEYS = ("activity", "candidate", "provision", "tier", "track", "version")
VERSION_PATTERN = r"^[a-z0-9]+(?:[-.][a-z0-9]+)*@\d{4}-\d{2}-\d{2}$"
"""The keys of ``expect`` and of an expected finding, and the form of a version key: what
the reader accepts, and what :func:`netralitas_rules.schemas.test_file_schema` says."""
VERSION = re.compile(VERSION_PATTERN)


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
        actual = finding_keys(finding)
        return all(actual[k] == v for k, v in self.keys.items())

    def __str__(self) -> str:
        return " ".join(
            [self.provision]
            + [
                f"{k}={show_value(self.keys[k])}"
                for k in FINDING_KEYS
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


def finding_keys(finding: Finding) -> dict[str, Any]:
    return {
        "provision": finding.provision_id,
        "activity": finding.activity_id,
        "candidate": finding.candidate_id,
        "track": finding.track.value,
        "tier": finding.tier.value if finding.tier else None,
        "version": finding.version,
    }


def show_value(value: Any) -> str:
    return "null" if value is None else str(value)
