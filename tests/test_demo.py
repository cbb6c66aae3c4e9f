"""`make demo` on a fresh copy of the project (#15): it installs only the runtime dependencies
and its first lines are the seed case's verdict."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BUILD_LEFTOVERS, REPO

pytestmark = pytest.mark.slow

_SKIP = shutil.ignore_patterns(*BUILD_LEFTOVERS)

DEV_TOOLS = ("mypy", "ruff", "dask", "pyarrow", "durable", "hypothesis", "pytest")


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_demo_installs_the_runtime_only_and_answers_first(tmp_path: Path) -> None:
    source = tmp_path / "project"
    shutil.copytree(REPO, source, ignore=_SKIP)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    done = subprocess.run(
        ["make", "demo", f"PYTHON={sys.executable}"],
        cwd=source,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
        env=env,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    head = done.stdout.splitlines()[:12]
    text = "\n".join(head)
    assert "Kesimpulan: sanksi terlalu ringan" in text, done.stdout
    assert "hukum menetapkan tingkat berat" in text, done.stdout
    assert "dijatuhkan teguran lisan (ringan)" in text, done.stdout
    site = next((source / ".venv" / "lib").glob("python3*/site-packages"))
    installed = {p.name.lower() for p in site.iterdir()}
    for tool in DEV_TOOLS:
        assert not any(name.startswith(tool) for name in installed), tool
