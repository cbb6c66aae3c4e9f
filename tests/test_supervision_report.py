"""The supervision report: counts, below-recommendation share, awaiting PPK, conflicts,
monthly trends, in Markdown and in one self-contained HTML page."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netralitas_rules.cli import main
from netralitas_rules.errors import NetralitasError
from netralitas_rules.supervision import case_facts, summarise, to_html, to_markdown


def _rec(
    case_id: str,
    agency: str,
    findings: list[tuple[str, str, str | None, str]],
    imposed: list[tuple[str, str | None]] | None = None,
    conflict: bool = False,
    first: str = "2024-01-10",
    verdicts: list[tuple[str, str]] | None = None,
) -> dict[str, Any]:
    return {
        "case_id": case_id,
        "agency": agency,
        "unit": "Dinas",
        "region": "Jambi",
        "first_activity": first,
        "findings": [
            {"provision": p, "track": tr, "tier": ti, "date": d, "activity": "a1"}
            for p, tr, ti, d in findings
        ],
        "imposed_sanctions": [{"track": tr, "tier": ti} for tr, ti in imposed or []],
        "conflicts": [
            {"official": "ppk", "role": "PPK", "candidate": "c1", "relation": "is_candidate"}
        ]
        if conflict
        else [],
        "verdicts": [{"track": tr, "verdict": v} for tr, v in verdicts or []],
    }


RECORDS = [
    _rec(
        "k1",
        "A",
        [("p1", "DISIPLIN", "BERAT", "2024-01-10")],
        [("DISIPLIN", "RINGAN")],
        conflict=True,
        verdicts=[("DISIPLIN", "under_sanctioned")],
    ),
    _rec(
        "k2",
        "A",
        [("p1", "DISIPLIN", "SEDANG", "2024-02-01"), ("p2", "ETIK", None, "2024-02-01")],
        first="2024-02-01",
        verdicts=[("DISIPLIN", "not_yet_imposed"), ("ETIK", "not_yet_imposed")],
    ),
    _rec(
        "k3",
        "B",
        [("p2", "DISIPLIN", "SEDANG", "2024-02-03")],
        [("DISIPLIN", "BERAT")],
        first="2024-02-03",
        verdicts=[("DISIPLIN", "over_sanctioned")],
    ),
    _rec("k4", "B", []),
]


def test_case_facts_read_the_audit_verdicts() -> None:
    """An under-sanctioned DISIPLIN verdict is below the recommendation, an over-sanctioned
    one is compared but not below, and a track not yet imposed awaits the PPK."""
    assert case_facts(RECORDS[0]) == {
        "comparable": True,
        "below": True,
        "awaiting_ppk": False,
        "conflict": True,
    }
    assert case_facts(RECORDS[2])["below"] is False
    assert case_facts(RECORDS[1])["awaiting_ppk"] is True
    assert case_facts(RECORDS[3])["awaiting_ppk"] is False


def test_summary_by_agency_counts_everything() -> None:
    """Totals and groups count cases, findings by track and tier, and the supervision flags."""
    s = summarise(RECORDS, "agency")
    t = s.total
    assert (t.cases, t.with_findings, t.findings) == (4, 3, 4)
    assert dict(t.by_track) == {"DISIPLIN": 3, "ETIK": 1}
    assert dict(t.by_tier) == {"BERAT": 1, "SEDANG": 2, "-": 1}
    assert (t.comparable, t.below, t.awaiting_ppk, t.conflicts) == (2, 1, 1, 1)
    assert t.below_share == 0.5
    assert [(g.key, g.cases, g.findings) for g in s.groups] == [("A", 2, 3), ("B", 2, 1)]
    assert s.months == [("2024-01", 1, 1), ("2024-02", 3, 2)]
    assert [(c.case_id, c.relation) for c in s.conflicts] == [("k1", "is_candidate")]


def test_summary_by_provision_counts_each_provision_once_per_case() -> None:
    """By provision, a case counts in each provision it meets; cases without findings apart."""
    s = summarise(RECORDS, "provision")
    assert [(g.key, g.cases, g.findings) for g in s.groups] == [
        ("p1", 2, 2),
        ("p2", 2, 2),
        ("(tanpa temuan)", 1, 0),
    ]


def test_summary_by_provision_groups_by_citation() -> None:
    """With citations, the provision groups are the citations a reader knows; two ids with
    one citation are one group, a case counted once in it; an id without one stays itself."""
    cites = {"p1": "Pasal 5 huruf a PP 94/2021", "p2": "Pasal 5 huruf a PP 94/2021"}
    s = summarise(RECORDS, "provision", citations=cites)
    assert [(g.key, g.cases, g.findings) for g in s.groups] == [
        ("Pasal 5 huruf a PP 94/2021", 3, 4),
        ("(tanpa temuan)", 1, 0),
    ]
    only_p1 = summarise(RECORDS, "provision", citations={"p1": "Pasal 5 huruf a PP 94/2021"})
    assert {g.key for g in only_p1.groups} == {"Pasal 5 huruf a PP 94/2021", "p2", "(tanpa temuan)"}


def test_the_shipped_citations_name_every_provision() -> None:
    """Every shipped provision id has a citation with its pinpoint and instrument."""
    from netralitas_rules.loader import load_regulations
    from netralitas_rules.supervision import provision_citations

    regs = load_regulations()
    cites = provision_citations(regs)
    assert set(cites) == {p.id for _, p in regs.provisions()}
    for reg, p in regs.provisions():
        assert f"{p.citation} {reg.instrument.short_name}" in cites[p.id].split(" / ")


def test_report_by_provision_names_the_shipped_citations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`netralitas report --by provision` heads each group with the shipped rule set's
    citation of the provision, not its internal id."""
    from netralitas_rules.loader import load_regulations

    reg, provision = next(iter(load_regulations().provisions()))
    cited = f"{provision.citation} {reg.instrument.short_name}"
    src = tmp_path / "findings.jsonl"
    records = [_rec("k1", "A", [(provision.id, "DISIPLIN", "BERAT", "2024-01-10")])]
    src.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert main(["report", str(src), "--by", "provision"]) == 0
    out = capsys.readouterr().out
    assert f"| {cited} | 1 | 1 | 1 |" in out
    assert f"| {provision.id} |" not in out


def test_summary_by_month_uses_the_first_act() -> None:
    """By month, cases fall in the month of their first act, in calendar order."""
    s = summarise(RECORDS, "month")
    assert [(g.key, g.cases) for g in s.groups] == [("2024-01", 2), ("2024-02", 2)]


def test_unknown_grouping_is_refused() -> None:
    """An unknown --by value names the allowed ones."""
    with pytest.raises(NetralitasError) as info:
        summarise(RECORDS, "colour")
    assert str(info.value) == (
        "unknown grouping 'colour'; choose one of agency, unit, region, provision, month"
    )


def test_markdown_has_the_summary_lines_and_the_group_table() -> None:
    """The Markdown report states the shares and has one table row per group plus a total."""
    md = to_markdown(summarise(RECORDS, "agency"))
    assert "- Di bawah rekomendasi: 1 / 2 (50%)" in md
    assert "- Menunggu PPK: 1" in md
    assert "| A | 2 | 2 | 3 | 2 | 1 | 0 | 0 | 0 | 1 | 1 | 1 | 1 / 1 (100%) | 1 | 1 |" in md
    assert "| Jumlah | 4 | 3 | 4 | 3 | 1 | 0 | 0 | 0 | 2 | 1 | 1 | 1 / 2 (50%) | 1 | 1 |" in md
    assert "| k1 | ppk | PPK | c1 | pejabat itu sendiri calon |" in md


def test_html_is_self_contained_and_escaped() -> None:
    """The page loads nothing from elsewhere and escapes names from the data."""
    records = [*RECORDS, _rec("k5", "<script>alert(1)</script>", [])]
    page = to_html(summarise(records, "agency"))
    assert page.startswith("<!DOCTYPE html>")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page
    assert re.findall(r'(?:src|href)\s*=\s*"', page) == []
    assert "http" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert page.count('<rect class="bar"') == 4  # A: BERAT, SEDANG, no tier; B: SEDANG


@given(st.lists(st.tuples(st.sampled_from("ABC"), st.integers(0, 3), st.booleans()), max_size=30))
def test_group_counts_add_up_to_the_total(spec: list[tuple[str, int, bool]]) -> None:
    """Grouped by agency, the groups' cases and findings add up to the totals."""
    records = [
        _rec(
            f"k{i}",
            agency,
            [("p", "DISIPLIN", "RINGAN", "2024-01-01")] * n,
            [("DISIPLIN", "RINGAN")] if imposed else [],
        )
        for i, (agency, n, imposed) in enumerate(spec)
    ]
    s = summarise(records, "agency")
    assert sum(g.cases for g in s.groups) == s.total.cases == len(records)
    assert sum(g.findings for g in s.groups) == s.total.findings
    assert sum(g.awaiting_ppk for g in s.groups) == s.total.awaiting_ppk


def test_report_command_writes_markdown_and_html(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`netralitas report` reads batch output and writes Markdown or an HTML file."""
    src = tmp_path / "findings.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    assert main(["report", str(src), "--by", "agency"]) == 0
    assert "| Jumlah | 4 | 3 | 4 |" in capsys.readouterr().out
    out = tmp_path / "r.html"
    assert main(["report", str(src), "--by", "region", "--format", "html", "--out", str(out)]) == 0
    assert 'id="kpi-cases">4<' in out.read_text(encoding="utf-8")


def test_report_command_names_a_line_that_is_not_a_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A findings file with a foreign line fails with exit 2, naming the line."""
    src = tmp_path / "findings.jsonl"
    src.write_text(json.dumps(RECORDS[0]) + "\n{}\n", encoding="utf-8")
    assert main(["report", str(src)]) == 2
    assert capsys.readouterr().err == (
        f"netralitas: {src}:2: bukan rekaman keluaran batch (case_id tidak ada)\n"
    )
