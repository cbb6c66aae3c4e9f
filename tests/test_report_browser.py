"""The supervision page in a real headless Chromium: its inline script runs, the checks on
its numbers pass, and the charts and tables are in the rendered DOM."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from netralitas_rules.batch import run_batch
from netralitas_rules.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.corpus import generate_cases

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _dump_dom(page: Path, profile: Path) -> str:
    assert CHROMIUM is not None
    proc = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return proc.stdout


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary (Debian package 'chromium')")
def test_supervision_page_renders_in_headless_chromium(tmp_path: Path) -> None:
    """Chromium renders the page from a batch's output: its charts and counts, and no
    internal self-check line."""
    src = tmp_path / "cases.jsonl"
    src.write_text(
        "".join(json.dumps(c) + "\n" for c in generate_cases(400, seed=3)), encoding="utf-8"
    )
    summary = run_batch(src, tmp_path / "out.jsonl", tmp_path / "err.jsonl")
    assert summary.reported == 400
    page = tmp_path / "report.html"
    assert (
        main(
            [
                "report",
                str(tmp_path / "out.jsonl"),
                "--by",
                "agency",
                "--format",
                "html",
                "--out",
                str(page),
            ]
        )
        == 0
    )
    dom = _dump_dom(page, tmp_path / "profile")
    # No internal self-check line for the reader (the counts' agreement is a property test).
    assert "Diperiksa" not in dom
    assert "data-consistent" not in dom
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="chart-groups"' in dom
    assert 'id="chart-months"' in dom
    assert 'id="kpi-cases">400<' in dom
