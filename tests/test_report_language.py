"""The supervision report (``netralitas report``) speaks one language at a time: Indonesian by
default, with no English, code names or internal ids in its Markdown or in the text of its
HTML page; English with ``--lang en``, with no Indonesian heading. Tracks and tiers go by their
names, counts by the language's thousands separator."""

from __future__ import annotations

import json
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from netralitas_rules.batch import run_batch
from netralitas_rules.cli import main
from netralitas_rules.messages import CATALOGUES
from netralitas_rules.supervision import summarise, to_html, to_markdown
from netralitas_rules.supervision.labels import number
from test_messages import denied

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.corpus import generate_cases

DIMENSIONS = ("agency", "unit", "region", "provision", "month")
HEADINGS = (
    "title",
    "summary",
    "by_group",
    "findings_by_group",
    "monthly",
    "conflicts_heading",
    "chart_groups",
    "chart_months",
    "axis_month",
    "axis_count",
    "months_note",
    "below_note",
    "month_findings",
    "month_cases",
)
"""Keys of report texts long enough that, written in Indonesian, they are a sure sign of it."""


class _Text(HTMLParser):
    """The text a reader sees (and hears) of a page: text nodes outside scripts and styles."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.parts.append(data.strip())


def visible(page: str) -> str:
    """The page's visible texts, one a line."""
    parser = _Text()
    parser.feed(page)
    return "\n".join(parser.parts)


@pytest.fixture(scope="module")
def batch_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The output of `netralitas batch` over 400 generated cases."""
    tmp = tmp_path_factory.mktemp("report-language")
    src = tmp / "cases.jsonl"
    src.write_text(
        "".join(json.dumps(c) + "\n" for c in generate_cases(400, seed=3)), encoding="utf-8"
    )
    summary = run_batch(src, tmp / "out.jsonl", tmp / "err.jsonl")
    assert summary.reported == 400
    return tmp / "out.jsonl"


def _report(output: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["report", str(output), *args]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("by", DIMENSIONS)
def test_the_indonesian_markdown_report_has_no_denied_word(
    batch_output: Path, capsys: pytest.CaptureFixture[str], by: str
) -> None:
    """The default Markdown report of a batch, in any grouping, carries no English, code
    name or internal id."""
    md = _report(batch_output, capsys, "--by", by)
    assert denied(md) == []
    assert "DISIPLIN" not in md
    assert "RINGAN" not in md


@pytest.mark.parametrize("by", DIMENSIONS)
def test_the_indonesian_html_report_has_no_denied_word(
    batch_output: Path, capsys: pytest.CaptureFixture[str], by: str
) -> None:
    """The text of the default HTML page (headings, tables, chart labels and tooltips)
    carries no English, code name or internal id."""
    page = _report(batch_output, capsys, "--by", by, "--format", "html")
    text = visible(page)
    assert denied(text) == []
    assert "DISIPLIN" not in text
    assert "RINGAN" not in text
    assert '<html lang="id">' in page


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_english_report_has_no_indonesian_heading(
    batch_output: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    """With --lang en no Indonesian heading, label or note of the report is left, and no
    track or tier goes by its code."""
    out = _report(batch_output, capsys, "--lang", "en", "--format", fmt)
    text = visible(out) if fmt == "html" else out
    left = [
        CATALOGUES["id"][f"report.supervision.{key}"]
        for key in HEADINGS
        if CATALOGUES["id"][f"report.supervision.{key}"] in text
    ]
    assert left == []
    assert "DISIPLIN" not in text
    assert "RINGAN" not in text
    # The findings of the batch, counted from its output, with the English thousands separator.
    lines = batch_output.read_text(encoding="utf-8").splitlines()
    found = sum(len(json.loads(line)["findings"]) for line in lines)
    assert found >= 1000
    assert f"{found:,}" in text


def test_the_markdown_title_and_group_table_head_in_each_language() -> None:
    """The title and the group table's head, exactly, in Indonesian and in English."""
    s = summarise([], "agency")
    id_lines, en_lines = to_markdown(s).splitlines(), to_markdown(s, "en").splitlines()
    assert id_lines[0] == "# Laporan pengawasan netralitas ASN"
    assert en_lines[0] == "# ASN neutrality supervision report"
    assert id_lines[id_lines.index("## Per kelompok") + 2] == (
        "| Kelompok | Kasus | Dengan temuan | Temuan | Hukuman disiplin | Kode etik | Pidana "
        "| Status kepegawaian | Tingkat ringan | Tingkat sedang | Tingkat berat | Tanpa tingkat "
        "| Di bawah rekomendasi | Menunggu PPK | Konflik kepentingan |"
    )
    assert en_lines[en_lines.index("## By group") + 2] == (
        "| Group | Cases | With findings | Findings | Discipline | Ethics | Criminal "
        "| Employment status | Light tier | Moderate tier | Heavy tier | No tier "
        "| Below the recommendation | Awaiting the PPK | Conflicts of interest |"
    )


def test_the_html_title_and_month_table_head_in_each_language() -> None:
    """The page's language, title and monthly table head, exactly, in each language."""
    s = summarise([], "month")
    page_id, page_en = to_html(s), to_html(s, "en")
    assert '<html lang="id">' in page_id
    assert '<html lang="en">' in page_en
    assert "<h1>Laporan pengawasan netralitas ASN</h1>" in page_id
    assert "<h1>ASN neutrality supervision report</h1>" in page_en
    assert (
        '<table id="months"><thead><tr><th>Bulan</th>'
        "<th>Temuan atas perbuatan pada bulan itu</th>"
        "<th>Kasus yang perbuatan pertamanya pada bulan itu</th></tr></thead>"
    ) in page_id
    assert (
        '<table id="months"><thead><tr><th>Month</th><th>Findings on acts of that month</th>'
        "<th>Cases whose first act was that month</th></tr></thead>"
    ) in page_en


def test_conflicts_name_the_role_and_relation_in_words() -> None:
    """A conflict's role and relation are written in the language, not as codes."""
    record = {
        "case_id": "k1",
        "agency": "A",
        "findings": [],
        "conflicts": [
            {"official": "ppk", "role": "PPK", "candidate": "c1", "relation": "is_candidate"},
            {"official": "a", "role": "ATASAN_LANGSUNG", "candidate": "c2", "relation": "spouse"},
        ],
    }
    s = summarise([record], "agency")
    md_id, md_en = to_markdown(s), to_markdown(s, "en")
    assert "| k1 | ppk | PPK | c1 | pejabat itu sendiri calon |" in md_id
    assert "| k1 | a | atasan langsung | c2 | suami/istri |" in md_id
    assert "| k1 | ppk | the PPK | c1 | the official is the candidate |" in md_en
    assert "| k1 | a | the direct superior | c2 | spouse |" in md_en


def test_groups_without_a_value_are_named_in_the_language() -> None:
    """The total row and a group without a value read in the language."""
    s = summarise([{"case_id": "k1", "findings": []}], "agency")
    assert "| (tidak diketahui) | 1 |" in to_markdown(s)
    assert "| Jumlah | 1 |" in to_markdown(s)
    assert "| (unknown) | 1 |" in to_markdown(s, "en")
    assert "| Total | 1 |" in to_markdown(s, "en")


def test_counts_take_the_thousands_separator_of_the_language() -> None:
    """12.345 in Indonesian, 12,345 in English."""
    assert (number(12345, "id"), number(12345, "en")) == ("12.345", "12,345")


def test_report_lang_defaults_to_indonesian_and_refuses_others(
    batch_output: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`netralitas report` without --lang writes Indonesian; an unknown language is refused."""
    assert _report(batch_output, capsys).startswith("# Laporan pengawasan netralitas ASN\n")
    with pytest.raises(SystemExit) as info:
        main(["report", str(batch_output), "--lang", "fr"])
    assert info.value.code == 2
