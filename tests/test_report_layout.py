"""The static supervision report (``netralitas report --format html``) as a supervisor reads
it on a laptop: no sideways scrolling at 1280 px, Indonesian number and month formats, a
monthly table that says what it counts, and a trend chart with titled axes whose months
without findings are gaps."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from netralitas_rules.supervision import summarise, to_html, to_markdown

playwright = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
WAIT_MS = 60_000


def _records() -> list[dict[str, Any]]:
    """1,200 cases over two agencies with long names, acts in January and March 2024 (none
    in February)."""
    out = []
    for i in range(1200):
        month = "2024-01" if i % 3 else "2024-03"
        out.append(
            {
                "case_id": f"k{i}",
                "agency": f"Pemerintah Kabupaten Dengan Nama Yang Sangat Panjang Sekali {i % 2}",
                "unit": "Dinas",
                "region": "Jambi",
                "first_activity": f"{month}-10",
                "findings": [
                    {
                        "provision": "p1",
                        "track": "DISIPLIN",
                        "tier": "BERAT",
                        "date": f"{month}-10",
                        "activity": "a1",
                    }
                ],
                "imposed_sanctions": [],
                "conflicts": [],
                "verdicts": [{"track": "DISIPLIN", "verdict": "not_yet_imposed"}],
            }
        )
    return out


def test_the_report_writes_counts_and_months_as_indonesian_does() -> None:
    """Thousands take a point (1.200), months their Indonesian names, and the monthly table
    says what each column counts."""
    md = to_markdown(summarise(_records(), "agency"))
    assert "- Kasus: 1.200;" in md
    assert "| Jan 2024 | 800 | 800 |" in md
    assert "| Mar 2024 | 400 | 400 |" in md
    assert "Temuan dihitung menurut bulan perbuatannya" in md


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        pytest.skip("no chromium (Debian package 'chromium')")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


def test_the_html_report_fits_a_laptop_and_its_trend_has_axes_and_gaps(
    browser: Any, tmp_path: Path
) -> None:
    """At 1280 px the page is no wider than the window; the trend chart has both axes
    titled, a month without findings (February) as an empty slot, and no self-check line."""
    page_file = tmp_path / "laporan.html"
    page_file.write_text(to_html(summarise(_records(), "agency")), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    page.goto(page_file.as_uri())
    page.wait_for_selector("#chart-months")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    chart = page.locator("#chart-months")
    assert chart.locator(".axis-title").all_text_contents() == [
        "Bulan perbuatan",
        "Jumlah temuan",
    ]
    months = chart.locator("rect.month").evaluate_all("rs => rs.map(r => r.dataset.month)")
    assert months == ["2024-01", "2024-03"]
    assert "Feb 2024" in chart.locator(".tick").all_text_contents()
    assert page.inner_text("#kpi-cases") == "1.200"
    assert "Diperiksa" not in page.content()
    context.close()
