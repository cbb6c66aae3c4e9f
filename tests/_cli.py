"""The ``run`` fixture: the ``netralitas`` command run in-process, for test modules that
drive the CLI. Import it into a test module: ``from _cli import Run, run_fixture`` (the
fixture is registered under the name ``run``, so a test's ``run`` parameter shadows no
import)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from netralitas_rules.cli import main

Run = Callable[..., tuple[int, str, str]]
"""The ``run`` fixture's type: ``run(*argv)`` gives (exit code, stdout, stderr)."""


@pytest.fixture(name="run")
def run_fixture(capsys: pytest.CaptureFixture[str]) -> Run:
    """Run the CLI in-process; returns (exit code, stdout, stderr)."""

    def call(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return call
