"""The built wheel, for the tests that install it outside the repository (test_wheel,
test_tutorial): built once per session by the ``built_wheel`` fixture in conftest."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import BUILD_LEFTOVERS, REPO

# The build command after ``python`` (docs/tutorial.md shows readers the same one).
WHEEL_BUILD = ("-m", "pip", "wheel", "--no-deps", "-w", "dist", ".")

# What the build needs; .venv, .git and a stale build/ folder stay behind so the wheel is
# built from the current sources only.
_SKIP = shutil.ignore_patterns(*BUILD_LEFTOVERS, "tests", "bench", "docs")


def run_ok(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    """Run ``args`` in ``cwd``; its stdout, or a failure showing both streams."""
    result = subprocess.run(
        args, cwd=cwd, capture_output=True, text=True, timeout=900, check=False, env=env
    )
    assert result.returncode == 0, f"{args}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    return result.stdout


def clean_env() -> dict[str, str]:
    """The environment without anything that could point Python back at the repository."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PYTHONNOUSERSITE"] = "1"
    return env


def build_wheel(root: Path) -> Path:
    """Build the wheel from a copy of the sources under ``root``; the wheel's path."""
    source = root / "source"
    shutil.copytree(REPO, source, ignore=_SKIP)
    run_ok([sys.executable, *WHEEL_BUILD], source)
    (wheel,) = (source / "dist").glob("netralitas_rules-*.whl")
    return wheel
