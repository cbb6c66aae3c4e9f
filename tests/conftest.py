"""Shared fixtures: a minimal valid rule file and case file that tests break one way at a time,
and helpers that load them and return the error text."""

from __future__ import annotations

import fcntl
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import _ast_retry
from _profiles import PROFILE, examples
from netralitas_rules import CaseFileError, RuleFileError, load_rule_file, parse_case

# Before any test module is collected (and rewritten): see tests/_ast_retry.py.
_ast_retry.install()

REPO = Path(__file__).resolve().parent.parent
SEED_CASE = REPO / "examples" / "muaro-jambi-2019.yaml"

# What a copy of the project leaves behind (a fresh clone has none of it), for the tests that
# build a wheel or run `make` on a copy.
BUILD_LEFTOVERS = (
    ".git",
    ".venv",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    ".mypy_cache",
    ".ruff_cache",
    ".hypothesis",
    ".pytest_cache",
)

# Line numbers matter: tests assert `file:line:col` against this exact text.
RULE_YAML = """\
instrument:
  id: pp-1-2000
  kind: PP
  number: "1"
  year: 2000
  title: Peraturan Pemerintah Nomor 1 Tahun 2000 tentang Contoh
  title_en: Government Regulation 1 of 2000 on Examples
  short_name: PP 1/2000
version:
  effective_from: 2000-01-01
  checked_against:
    - source: example
provisions:
  - id: pp1-1
    citation: Pasal 1 huruf a
    title: Contoh
    title_en: Example
    summary: Ringkasan.
    summary_en: Summary.
    when:
      all:
        - activity.kind: ktp_support_letter
        - candidate.office: DPD
    consequence:
      track: DISIPLIN
      tier: SEDANG
      tier_basis: Pasal 2
    certainty:
      level: verified
"""

CASE_YAML = """\
id: case-1
election: pemilu-2019
asn: {id: asn-1, status: PNS, position_kind: PELAKSANA}
candidates:
  - {id: c1, office: PRESIDEN, party: Partai X}
activities:
  - id: a1
    date: 2019-01-10
    kind: partisan_gathering
    candidate_ids: [c1]
"""


def replaced(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` replaced once; fails loudly when ``old`` is not there."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


@pytest.fixture(scope="session")
def built_wheel(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The project's wheel, built once per run from a copy of the sources: under xdist the
    first worker that needs it builds it in the run's shared temporary folder, holding a
    lock, and the others wait for it there and reuse it."""
    from _wheel import build_wheel

    if worker_id == "master":
        return build_wheel(tmp_path_factory.mktemp("wheel-build"))
    shared = tmp_path_factory.getbasetemp().parent / "wheel-build"
    shared.mkdir(exist_ok=True)
    with (shared.parent / "wheel-build.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        built = sorted(shared.glob("source/dist/netralitas_rules-*.whl"))
        if built:
            return built[0]
        shutil.rmtree(shared / "source", ignore_errors=True)  # a failed worker's attempt
        return build_wheel(shared)


@pytest.fixture(scope="session")
def worker_id(request: pytest.FixtureRequest) -> str:
    """The xdist worker's id (``gw0``...), or ``master`` without xdist: what xdist's fixture
    of this name gives, defined here so that it exists when xdist is not loaded."""
    workerinput = getattr(request.config, "workerinput", None)
    return "master" if workerinput is None else str(workerinput["workerid"])


@pytest.fixture
def rule_yaml() -> str:
    """A minimal valid rule file for pp-1-2000, effective 2000-01-01."""
    return RULE_YAML


@pytest.fixture
def case_yaml() -> str:
    """A minimal valid case on the Pemilu 2019 calendar."""
    return CASE_YAML


@pytest.fixture
def rule_error() -> Callable[..., str]:
    """Load rule-file text and return the RuleFileError text (fails if it loads)."""

    def load(text: str | bytes, file: str = "2000-01-01.yaml") -> str:
        with pytest.raises(RuleFileError) as info:
            load_rule_file(text, file)
        return str(info.value)

    return load


@pytest.fixture
def case_error() -> Callable[..., str]:
    """Parse case text and return the CaseFileError text (fails if it parses)."""

    def load(text: str | bytes, file: str = "case.yaml") -> str:
        with pytest.raises(CaseFileError) as info:
            parse_case(text, file)
        return str(info.value)

    return load


@pytest.fixture
def rules_dir(tmp_path: Path) -> Callable[[dict[str, str]], Path]:
    """Write ``{relative path: text}`` rule files under a fresh folder and return it."""

    def write(files: dict[str, str]) -> Path:
        root = tmp_path / "regs"
        for name, text in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return root

    return write


# Hypothesis profiles (see tests/_profiles.py). Neither has a deadline or the too-slow health
# check: on a busy machine a slow draw is the machine's doing, not a defect of the code.
_ROBUST = settings(
    deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
settings.register_profile("ci", _ROBUST, derandomize=True, database=None, print_blob=True)
settings.register_profile("dev", _ROBUST)
settings.load_profile(PROFILE)

# The profile the property tests of the shipped corpus run under (tests/test_properties.py):
# 500 examples each under ci, derandomized so every run draws the same examples.
settings.register_profile(
    "netralitas-properties",
    _ROBUST,
    max_examples=examples(500),
    derandomize=True,
    database=None,
)
