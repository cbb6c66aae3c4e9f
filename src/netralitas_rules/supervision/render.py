"""The supervision report as Markdown, or as one self-contained HTML page with inline SVG
charts (no scripts or styles from elsewhere; it opens from a USB stick without a network)."""

from __future__ import annotations

from html import escape

from .summary import TIERS, TRACKS, Summary, Tally

_TIER_COLOURS = {"RINGAN": "#f2c14e", "SEDANG": "#f78154", "BERAT": "#b3261e", "-": "#9e9e9e"}
_TITLE = "Laporan pengawasan netralitas ASN (ASN neutrality supervision report)"
_BY = {
    "agency": "instansi (agency)",
    "unit": "unit kerja (unit)",
    "region": "wilayah (region)",
    "provision": "ketentuan (provision)",
    "month": "bulan tindakan pertama (month of first act)",
}
_COLUMNS = (
    "Kelompok (group)",
    "Kasus (cases)",
    "Dengan temuan (with findings)",
    "Temuan (findings)",
    *TRACKS,
    *TIERS,
    "Tanpa tingkat (no tier)",
    "Di bawah rekomendasi (below recommendation)",
    "Menunggu PPK (awaiting PPK)",
    "Konflik kepentingan (conflicts)",
)
_NOTE = (
    "Di bawah rekomendasi: kasus yang menurut audit sanksi dijatuhi hukuman disiplin lebih "
    "ringan daripada rekomendasi (termasuk pemberatan karena pengulangan), dari kasus yang "
    "hukuman disiplinnya dapat dibandingkan. "
    "(Below recommendation: cases the sanction audit finds under-sanctioned on the DISIPLIN "
    "track, repeat escalation included, among cases whose DISIPLIN sanction it could compare.)"
)


def _share(t: Tally) -> str:
    share = t.below_share
    return f"{t.below:,} / {t.comparable:,} ({share:.0%})" if share is not None else "-"


def _cells(t: Tally) -> list[str]:
    return [
        t.key,
        f"{t.cases:,}",
        f"{t.with_findings:,}",
        f"{t.findings:,}",
        *(f"{t.by_track[k]:,}" for k in TRACKS),
        *(f"{t.by_tier[k]:,}" for k in TIERS),
        f"{t.by_tier['-']:,}",
        _share(t),
        f"{t.awaiting_ppk:,}",
        f"{t.conflicts:,}",
    ]


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(s: Summary) -> str:
    """The report in Markdown."""
    out = [f"# {_TITLE}", "", f"Dikelompokkan menurut {_BY[s.by]}.", ""]
    t = s.total
    out += [
        "## Ringkasan (summary)",
        "",
        f"- Kasus (cases): {t.cases:,}; dengan temuan (with findings): {t.with_findings:,}; "
        f"temuan (findings): {t.findings:,}",
        f"- Di bawah rekomendasi (below recommendation): {_share(t)}",
        f"- Menunggu PPK (awaiting the PPK): {t.awaiting_ppk:,}",
        f"- Konflik kepentingan penegakan (enforcement conflicts of interest): {t.conflicts:,}",
        "",
        f"_{_NOTE}_",
        "",
        "## Per kelompok (by group)",
        "",
        "| " + " | ".join(_COLUMNS) + " |",
        "|" + "|".join("---" if i == 0 else "---:" for i in range(len(_COLUMNS))) + "|",
    ]
    for g in [*s.groups, t]:
        out.append("| " + " | ".join(_md_cell(c) for c in _cells(g)) + " |")
    out += [
        "",
        "## Tren bulanan (monthly trend)",
        "",
        "| Bulan (month) | Temuan (findings) | Kasus dengan temuan (cases with findings) |",
        "|---|---:|---:|",
    ]
    out += [f"| {m} | {f:,} | {c:,} |" for m, f, c in s.months]
    out += ["", "## Konflik kepentingan (conflicts of interest)", ""]
    if s.conflicts:
        out += [
            "| Kasus (case) | Pejabat (official) | Peran (role) | Calon (candidate) | "
            "Hubungan (relation) |",
            "|---|---|---|---|---|",
        ]
        out += [
            f"| {_md_cell(c.case_id)} | {_md_cell(c.official)} | {c.role} | "
            f"{_md_cell(c.candidate)} | {c.relation} |"
            for c in s.conflicts
        ]
        if len(s.conflicts) < t.conflicts:
            out.append(f"\n_{len(s.conflicts)} dari {t.conflicts} kasus ditampilkan._")
    else:
        out.append("Tidak ada (none).")
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------------------- charts


def _bars_by_tier(groups: list[Tally], limit: int = 15) -> str:
    """Horizontal stacked bars: findings per group, coloured by tier."""
    shown = groups[:limit]
    width, label_w, row_h = 760, 260, 24
    peak = max((g.findings for g in shown), default=0) or 1
    height = row_h * len(shown) + 40
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="chart-groups" '
        f'role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        "<title>Temuan per kelompok menurut tingkat (findings per group by tier)</title>",
    ]
    for i, g in enumerate(shown):
        y = 10 + i * row_h
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end" class="label">'
            f"{escape(g.key[:40])}</text>"
        )
        x = float(label_w)
        for tier in (*TIERS, "-"):
            n = g.by_tier[tier]
            if not n:
                continue
            w = (width - label_w - 60) * n / peak
            parts.append(
                f'<rect class="bar" data-group="{escape(g.key)}" data-tier="{tier}" '
                f'data-count="{n}" x="{x:.1f}" y="{y}" width="{w:.1f}" height="{row_h - 6}" '
                f'fill="{_TIER_COLOURS[tier]}"><title>{escape(g.key)}: {tier} {n}</title></rect>'
            )
            x += w
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 15}" class="value">{g.findings}</text>')
    legend_y = height - 12
    for j, tier in enumerate((*TIERS, "-")):
        lx = label_w + j * 110
        parts.append(
            f'<rect x="{lx}" y="{legend_y - 10}" width="12" height="12" '
            f'fill="{_TIER_COLOURS[tier]}"/><text x="{lx + 16}" y="{legend_y}" class="label">'
            f"{'tanpa tingkat' if tier == '-' else tier}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _trend(months: list[tuple[str, int, int]]) -> str:
    """Vertical bars: findings per month."""
    width, height, pad = 760, 220, 30
    n = len(months) or 1
    peak = max((f for _, f, _ in months), default=0) or 1
    bar_w = (width - 2 * pad) / n
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="chart-months" '
        f'role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        "<title>Temuan per bulan (findings per month)</title>",
    ]
    for i, (month, findings, _cases) in enumerate(months):
        h = (height - 2 * pad) * findings / peak
        x = pad + i * bar_w
        parts.append(
            f'<rect class="month" data-month="{escape(month)}" data-count="{findings}" '
            f'x="{x + 1:.1f}" y="{height - pad - h:.1f}" width="{max(bar_w - 2, 1):.1f}" '
            f'height="{h:.1f}" fill="#3b6ea5"><title>{escape(month)}: {findings}</title></rect>'
        )
        if n <= 24 or i % max(1, n // 12) == 0:
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{height - pad + 14}" text-anchor="middle" '
                f'class="tick">{escape(month)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


_STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem;color:#1d1d1f;max-width:1200px}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse;font-size:.85rem}th,td{border:1px solid #ccc;padding:.25rem .5rem}
td.n{text-align:right}th{background:#f3f3f3;cursor:pointer}
.kpi{display:flex;gap:1rem;flex-wrap:wrap}.kpi div{border:1px solid #ddd;padding:.6rem 1rem;
border-radius:6px}.kpi b{display:block;font-size:1.4rem}
.chart .label,.chart .value,.chart .tick{font-size:11px;fill:#333}.note{color:#555;font-size:.85rem}
"""

# Inline, no network: sorts a table by a clicked header and cross-checks that the group rows
# agree with the total (a visible warning, and data-consistent on <body>, if not).
_SCRIPT = """
(function(){
  var table=document.getElementById('groups'); if(!table){return;}
  var rows=[].slice.call(table.tBodies[0].rows);
  var by=document.body.getAttribute('data-by');
  var sum=0; rows.forEach(function(r){sum+=parseInt(r.cells[1].textContent.replace(/,/g,''),10);});
  var total=parseInt(table.tFoot.rows[0].cells[1].textContent.replace(/,/g,''),10);
  var ok = by==='provision' ? sum>=total : sum===total;
  document.body.setAttribute('data-consistent', ok ? 'true' : 'false');
  document.getElementById('check').textContent = ok ?
    'Diperiksa: ' + rows.length + ' kelompok, ' + total + ' kasus.' :
    'PERINGATAN: jumlah kelompok (' + sum + ') tidak sama dengan total (' + total + ').';
  [].slice.call(table.tHead.rows[0].cells).forEach(function(th,i){
    th.addEventListener('click',function(){
      var body=table.tBodies[0]; var rs=[].slice.call(body.rows);
      rs.sort(function(a,b){
        var x=a.cells[i].textContent.replace(/,/g,''), y=b.cells[i].textContent.replace(/,/g,'');
        var nx=parseFloat(x), ny=parseFloat(y);
        return (isNaN(nx)||isNaN(ny)) ? x.localeCompare(y) : ny-nx;});
      rs.forEach(function(r){body.appendChild(r);});
    });
  });
})();
"""


def to_html(s: Summary) -> str:
    """The report as one self-contained HTML page."""
    t = s.total
    head = "".join(f"<th>{escape(c)}</th>" for c in _COLUMNS)

    def row(g: Tally) -> str:
        cells = _cells(g)
        return (
            "<tr>"
            + f"<td>{escape(cells[0])}</td>"
            + "".join(f'<td class="n">{escape(c)}</td>' for c in cells[1:])
            + "</tr>"
        )

    body_rows = "".join(row(g) for g in s.groups)
    months = "".join(
        f'<tr><td>{escape(m)}</td><td class="n">{f:,}</td><td class="n">{c:,}</td></tr>'
        for m, f, c in s.months
    )
    if s.conflicts:
        conflict_rows = "".join(
            f"<tr><td>{escape(c.case_id)}</td><td>{escape(c.official)}</td>"
            f"<td>{escape(c.role)}</td><td>{escape(c.candidate)}</td>"
            f"<td>{escape(c.relation)}</td></tr>"
            for c in s.conflicts
        )
        conflicts = (
            '<table id="conflicts"><thead><tr><th>Kasus (case)</th><th>Pejabat (official)</th>'
            "<th>Peran (role)</th><th>Calon (candidate)</th><th>Hubungan (relation)</th></tr>"
            f"</thead><tbody>{conflict_rows}</tbody></table>"
        )
    else:
        conflicts = '<p id="conflicts">Tidak ada (none).</p>'
    return f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(_TITLE)}</title><style>{_STYLE}</style></head>
<body data-by="{escape(s.by)}">
<h1>{escape(_TITLE)}</h1>
<p>Dikelompokkan menurut {escape(_BY[s.by])}.</p>
<section class="kpi" id="summary">
<div>Kasus (cases)<b id="kpi-cases">{t.cases:,}</b></div>
<div>Dengan temuan (with findings)<b id="kpi-with-findings">{t.with_findings:,}</b></div>
<div>Temuan (findings)<b id="kpi-findings">{t.findings:,}</b></div>
<div>Di bawah rekomendasi (below recommendation)<b id="kpi-below">{escape(_share(t))}</b></div>
<div>Menunggu PPK (awaiting the PPK)<b id="kpi-awaiting">{t.awaiting_ppk:,}</b></div>
<div>Konflik kepentingan (conflicts)<b id="kpi-conflicts">{t.conflicts:,}</b></div>
</section>
<p class="note">{escape(_NOTE)}</p>
<h2>Temuan per kelompok (findings per group)</h2>
<figure>{_bars_by_tier(s.groups)}</figure>
<h2>Per kelompok (by group)</h2>
<table id="groups"><thead><tr>{head}</tr></thead><tbody>{body_rows}</tbody>
<tfoot>{row(t)}</tfoot></table>
<p id="check" class="note"></p>
<h2>Tren bulanan (monthly trend)</h2>
<figure>{_trend(s.months)}</figure>
<table id="months"><thead><tr><th>Bulan (month)</th><th>Temuan (findings)</th>
<th>Kasus dengan temuan (cases with findings)</th></tr></thead><tbody>{months}</tbody></table>
<h2>Konflik kepentingan penegakan (enforcement conflicts of interest)</h2>
{conflicts}
<script>{_SCRIPT}</script>
</body></html>
"""
