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
