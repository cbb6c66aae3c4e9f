"""Shared fixtures: a minimal valid rule file and case file that tests break one way at a time,
and helpers that load them and return the error text."""

from __future__ import annotations

import fcntl
import gc
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import _ast_retry

# The PostgreSQL fixtures are registered here, not imported into each test module: a
# session-scoped fixture imported into a module is that module's own, so every module (and
# each worker running part of one) started a server, seven a run instead of one a worker.
from _postgres import pg_url, postgres_server  # noqa: F401  (fixtures, used by name)
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


# The long tests, with what each costs on an idle 2-core machine under the ci profile (seconds,
# setup included; docs/testing.md). They start first: a long test that starts last is the run's
# tail, one worker busy and the other idle. A module given whole keeps its module-scoped
# fixture (a started service, a browser, an installed wheel) on one worker, set up once.
LONG_TESTS: tuple[tuple[str, float], ...] = (
    ("tests/test_tutorial.py::test_the_tutorial_installs_from_the_wheel_and_works", 28),
    ("tests/test_web_page.py", 26),
    ("tests/test_register.py::test_eight_clients_lose_no_event", 21),
    ("tests/test_wheel.py", 17),
    ("tests/test_monotonicity.py::test_the_shipped_rules_are_monotone_on_two", 22),
    ("tests/test_service_api.py", 16),
    ("tests/test_reliability_outputs.py::test_sigkill_at_random_points", 11),
    ("tests/test_demo.py", 11),
    ("tests/test_service.py", 11),
    ("tests/test_differential.py", 10),
    ("tests/test_properties.py::test_the_shipped_corpus_has_every_property", 7),
    ("tests/test_dask.py", 7),
    ("tests/test_engine_codegen.py::test_generated_matchers_agree_with_the_oracle", 5),
    ("tests/test_tutorial.py::test_every_command_prints_what_the_tutorial_shows", 4),
)


def _long_test(nodeid: str) -> int | None:
    """The index in LONG_TESTS of the entry ``nodeid`` falls under, or None."""
    return next((i for i, (prefix, _) in enumerate(LONG_TESTS) if nodeid.startswith(prefix)), None)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Order the collection so that every worker starts with long tests.

    pytest-xdist's worksteal hands each of the n workers one contiguous run of the collection
    at the start (the first ``len // n`` items, then an equal share of the rest) and later
    moves the not yet started tail of a busy worker's run to an idle one. So the long tests are
    dealt, longest first, to the run whose long tests cost least so far, and put at its head;
    the other tests fill the runs up in collection order. Without xdist the long tests simply
    come first. Every worker computes the same order from the same collection."""
    workerinput = getattr(config, "workerinput", None)
    workers = int(workerinput["workercount"]) if workerinput else 1
    groups: dict[int, list[pytest.Item]] = {}
    rest: list[pytest.Item] = []
    for item in items:
        index = _long_test(item.nodeid)
        if index is None:
            rest.append(item)
        else:
            groups.setdefault(index, []).append(item)
    sizes: list[int] = []
    left = len(items)
    for i in range(workers):
        sizes.append(left // (workers - i))
        left -= sizes[-1]
    runs: list[list[pytest.Item]] = [[] for _ in range(workers)]
    cost = [0.0] * workers
    for index in sorted(groups, key=lambda i: -LONG_TESTS[i][1]):
        cheapest = min(range(workers), key=lambda w: (cost[w], w))
        runs[cheapest].extend(groups[index])
        cost[cheapest] += LONG_TESTS[index][1]
    fill = iter(rest)
    for run, size in zip(runs, sizes, strict=True):
        run.extend(item for _, item in zip(range(size - len(run)), fill, strict=False))
    items[:] = [item for run in runs for item in run] + list(fill)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Make the collector cheaper for the rest of the run (the tests themselves unchanged).

    The collection leaves a large heap that lives to the end (every test module, the rules,
    hypothesis, the pydantic models): frozen, the collector's full passes no longer walk it.
    A higher first threshold makes the young passes rarer in tests that allocate millions of
    short-lived objects. Measured on the CPU-heavy tests: the collector took 9.9 of 52 s of
    CPU, 3.7 of 44 s so. An explicit ``gc.collect()`` still collects everything not frozen;
    a batch run with workers unfreezes the heap (``batch.workers``), which costs only this
    saving."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 20, 20)


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
