"""The suite's own configuration: nothing but test files goes through pytest's assertion
rewriter, whose ``ast.parse`` can fail at random on CPython 3.11 when two parses overlap
(python/cpython#106905; it failed a CI run inside a lazily imported schemathesis module)."""

from __future__ import annotations

import sys

from _pytest.assertion.rewrite import AssertionRewritingHook

import netralitas_rules


def test_only_test_files_are_rewritten() -> None:
    """Library modules, ours and installed ones, load with the ordinary loader."""
    import schemathesis  # noqa: F401  (a pytest11 plugin: auto-loading would mark it)

    rewritten = sorted(
        name
        for name, module in list(sys.modules.items())
        if isinstance(getattr(module, "__loader__", None), AssertionRewritingHook)
        and not name.rpartition(".")[2].startswith(("test_", "conftest", "_hypothesis"))
        # pytest's own plugins (pytester), loaded before any test thread runs
        and not name.startswith("_pytest.")
    )
    # The plugins named by -p are rewritten too: ours, and xdist's when `make test` loads it.
    # Both are imported at start-up, before any test thread runs.
    plugins = ["netralitas_rules.testing.pytest_plugin", "xdist.plugin"]
    assert rewritten == [name for name in plugins if name in sys.modules]
    assert netralitas_rules.__loader__ is not None
    assert not isinstance(netralitas_rules.__loader__, AssertionRewritingHook)


def test_ast_parse_is_retried_after_the_cpython_mismatch_only() -> None:
    """The suite's ast.parse answers after a spurious recursion depth mismatch, and passes
    any other error, and a mismatch that keeps coming, to its caller."""
    import ast

    import pytest

    from _ast_retry import retrying

    assert hasattr(ast.parse, "__wrapped_parse__")  # installed by conftest
    failures = iter(["AST constructor recursion depth mismatch (before=213, after=224)"])

    def flaky(source: str) -> ast.Module:
        for message in failures:
            raise SystemError(message)
        return ast.parse(source)

    assert isinstance(retrying(flaky)("x = 1"), ast.Module)

    def broken(source: str) -> ast.Module:
        raise SystemError("something else")

    with pytest.raises(SystemError, match="something else"):
        retrying(broken)("x = 1")

    def always(source: str) -> ast.Module:
        raise SystemError("AST constructor recursion depth mismatch (before=1, after=2)")

    with pytest.raises(SystemError, match="mismatch"):
        retrying(always, attempts=2)("x = 1")


def test_every_long_test_exists() -> None:
    """Each entry of conftest's LONG_TESTS names a test module, and a test in it (a renamed
    test would silently lose its place at the front of the run)."""
    from conftest import LONG_TESTS, REPO

    for prefix, _ in LONG_TESTS:
        path, _, name = prefix.partition("::")
        source = (REPO / path).read_text(encoding="utf-8")
        assert not name or f"def {name}" in source, prefix


def test_the_long_tests_are_dealt_to_the_head_of_each_workers_run() -> None:
    """With n workers each of worksteal's n starting runs begins with long tests, the
    longest first, and the order keeps every test once; without xdist they come first."""
    from types import SimpleNamespace

    import conftest

    names = [f"tests/test_a.py::test_{i}" for i in range(20)]
    longs = [prefix for prefix, _ in conftest.LONG_TESTS[:4]]
    items = [SimpleNamespace(nodeid=n) for n in names[:10] + longs + names[10:]]
    for workers, heads in ((1, [0]), (2, [0, 12])):
        config = SimpleNamespace(workerinput={"workercount": workers} if workers > 1 else None)
        ordered = list(items)
        conftest.pytest_collection_modifyitems(config, ordered)  # type: ignore[arg-type]
        assert sorted(i.nodeid for i in ordered) == sorted(i.nodeid for i in items)
        for head in heads:
            assert ordered[head].nodeid in longs
        if workers == 2:
            # 28, 26, 21, 17: the two longest open the two runs, the next go to the cheaper.
            assert [ordered[0].nodeid, ordered[12].nodeid] == longs[:2]
            assert {ordered[1].nodeid, ordered[13].nodeid} == set(longs[2:])
