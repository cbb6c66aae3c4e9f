"""A retry around ``ast.parse`` for CPython 3.11's AST constructor bug.

CPython 3.11 keeps the AST constructor's recursion count in one per-interpreter place. When
Python code runs in the middle of building the tree (a finalizer the collector calls, and
another thread it lets in) and parses too, the outer parse fails with ``SystemError: AST
constructor recursion depth mismatch`` although its source is fine (python/cpython#106905).
pytest parses source to rewrite test files and to show a failing
test's code: the error aborted one CI run and, under xdist, a worker and the whole run. The
next parse starts the count afresh, so one retry answers what the first call should have.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Callable
from typing import Any

_MISMATCH = "AST constructor recursion depth mismatch"


def retrying(parse: Callable[..., Any], attempts: int = 3) -> Callable[..., Any]:
    """``parse`` called again (up to ``attempts`` times in all) when it fails with the
    recursion depth mismatch; any other error, and the last mismatch, go to the caller."""

    @functools.wraps(parse)
    def parse_again(*args: Any, **kwargs: Any) -> Any:
        for attempt in range(attempts):
            try:
                return parse(*args, **kwargs)
            except SystemError as error:
                if _MISMATCH not in str(error) or attempt == attempts - 1:
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    parse_again.__wrapped_parse__ = parse  # type: ignore[attr-defined]
    return parse_again


def install() -> None:
    """Put the retry around ``ast.parse`` (once); pytest looks it up on the module."""
    if not hasattr(ast.parse, "__wrapped_parse__"):
        ast.parse = retrying(ast.parse)
