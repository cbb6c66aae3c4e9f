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
_MONTH_COLUMNS = (
    "Bulan (month)",
    "Temuan atas perbuatan pada bulan itu (findings on acts of that month)",
    "Kasus yang perbuatan pertamanya pada bulan itu (cases whose first act was that month)",
)
_MONTHS_NOTE = (
    "Temuan dihitung menurut bulan perbuatannya; kasus menurut bulan perbuatan pertamanya, "
    "sekali per kasus. (Findings are counted by the month of their act; cases by the month "
    "of their first act, once per case.)"
)
_NOTE = (
    "Di bawah rekomendasi: kasus yang menurut audit sanksi dijatuhi hukuman disiplin lebih "
    "ringan daripada rekomendasi (termasuk pemberatan karena pengulangan), dari kasus yang "
    "hukuman disiplinnya dapat dibandingkan. "
    "(Below recommendation: cases the sanction audit finds under-sanctioned on the DISIPLIN "
    "track, repeat escalation included, among cases whose DISIPLIN sanction it could compare.)"
)


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")


def _n(number: int) -> str:
    """A count as Indonesian writes it: 12.345 (a point between thousands)."""
    return f"{number:,}".replace(",", ".")


def _month(key: str) -> str:
    """``2024-02`` as 'Feb 2024'; any other key (unknown) as it is."""
    year, _, month = key.partition("-")
    return f"{_MONTHS[int(month) - 1]} {year}" if month.isdigit() and 1 <= int(month) <= 12 else key


def _share(t: Tally) -> str:
    share = t.below_share
    return f"{_n(t.below)} / {_n(t.comparable)} ({share:.0%})" if share is not None else "-"


def _cells(t: Tally) -> list[str]:
    return [
        t.key,
        _n(t.cases),
        _n(t.with_findings),
        _n(t.findings),
        *(_n(t.by_track[k]) for k in TRACKS),
        *(_n(t.by_tier[k]) for k in TIERS),
        _n(t.by_tier["-"]),
        _share(t),
        _n(t.awaiting_ppk),
        _n(t.conflicts),
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
        f"- Kasus (cases): {_n(t.cases)}; dengan temuan (with findings): {_n(t.with_findings)}; "
        f"temuan (findings): {_n(t.findings)}",
        f"- Di bawah rekomendasi (below recommendation): {_share(t)}",
        f"- Menunggu PPK (awaiting the PPK): {_n(t.awaiting_ppk)}",
        f"- Konflik kepentingan penegakan (enforcement conflicts of interest): {_n(t.conflicts)}",
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
        f"_{_MONTHS_NOTE}_",
        "",
        f"| {' | '.join(_MONTH_COLUMNS)} |",
        "|---|---:|---:|",
    ]
    out += [f"| {_month(m)} | {_n(f)} | {_n(c)} |" for m, f, c in s.months]
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
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 15}" class="value">{_n(g.findings)}</text>')
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


def _month_range(keys: list[str]) -> list[str]:
    """Every month from the first key to the last (``YYYY-MM``), so a month without
    findings is an empty slot on the time axis, not a month left out."""
    dated = sorted(k for k in keys if len(k) == 7 and k[4] == "-" and k.replace("-", "").isdigit())
    if not dated:
        return []
    year, month = int(dated[0][:4]), int(dated[0][5:])
    out = []
    while f"{year:04d}-{month:02d}" <= dated[-1]:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _ticks(peak: int) -> list[int]:
    """Up to six round steps (1, 2, 5, 10, 20, 50 ...) from 0 to at least ``peak``."""
    step, factors = 1, (2, 2.5, 2)
    k = 0
    while peak > 5 * step:
        step = int(step * factors[k % 3])
        k += 1
    top = -(-peak // step) * step if peak else step
    return list(range(0, top + 1, step))


def _trend(months: list[tuple[str, int, int]]) -> str:
    """Vertical bars: findings per month of the act, on a time axis with every month (a
    month without findings is a gap), a y axis of counts, both titled."""
    counts = {m: f for m, f, _ in months}
    slots = _month_range(list(counts))
    width, height, left, bottom, top_pad = 760, 260, 56, 56, 12
    ticks = _ticks(max((counts.get(m, 0) for m in slots), default=0))
    peak = ticks[-1] or 1
    plot_h = height - bottom - top_pad
    n = len(slots) or 1
    bar_w = (width - left - 10) / n
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="chart-months" '
        f'role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        "<title>Temuan per bulan perbuatan (findings per month of the act)</title>",
    ]
    for v in ticks:
        y = top_pad + plot_h - plot_h * v / peak
        parts.append(
            f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" class="tick">{_n(v)}</text>'
        )
    every = max(1, -(-n // 12))
    for i, month in enumerate(slots):
        findings = counts.get(month, 0)
        h = plot_h * findings / peak
        x = left + i * bar_w
        if findings:
            parts.append(
                f'<rect class="month" data-month="{escape(month)}" data-count="{findings}" '
                f'x="{x + 1:.1f}" y="{top_pad + plot_h - h:.1f}" width="{max(bar_w - 2, 1):.1f}" '
                f'height="{h:.1f}" fill="#3b6ea5"><title>{escape(_month(month))}: '
                f"{_n(findings)} temuan</title></rect>"
            )
        if i % every == 0:
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{top_pad + plot_h + 16}" '
                f'text-anchor="middle" class="tick">{escape(_month(month))}</text>'
            )
    parts.append(
        f'<line x1="{left}" x2="{width - 10}" y1="{top_pad + plot_h}" y2="{top_pad + plot_h}" '
        f'stroke="#333"/><line x1="{left}" x2="{left}" y1="{top_pad}" y2="{top_pad + plot_h}" '
        f'stroke="#333"/>'
        f'<text x="{left + (width - left) / 2:.1f}" y="{height - 8}" text-anchor="middle" '
        f'class="axis-title">Bulan perbuatan (month of the act)</text>'
        f'<text x="14" y="{top_pad + plot_h / 2:.1f}" text-anchor="middle" class="axis-title" '
        f'transform="rotate(-90 14 {top_pad + plot_h / 2:.1f})">Jumlah temuan (findings)</text>'
    )
    parts.append("</svg>")
    return "".join(parts)


_STYLE = """
body{font-family:system-ui,sans-serif;margin:1.5rem;color:#1d1d1f;max-width:1200px;
overflow-wrap:anywhere}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse;font-size:.8rem;width:100%}
th,td{border:1px solid #ccc;padding:.25rem .35rem}th{font-weight:600;vertical-align:bottom}
td.n{text-align:right;white-space:nowrap}th{background:#f3f3f3;cursor:pointer}
figure{margin:0}svg.chart{max-width:100%;height:auto}.chart .axis-title{font-size:12px;fill:#222}
.kpi{display:flex;gap:1rem;flex-wrap:wrap}.kpi div{border:1px solid #ddd;padding:.6rem 1rem;
border-radius:6px}.kpi b{display:block;font-size:1.4rem}
.chart .label,.chart .value,.chart .tick{font-size:11px;fill:#333}.note{color:#555;font-size:.85rem}
"""

# Inline, no network: sorts the group table by a clicked header.
_SCRIPT = """
(function(){
  var table=document.getElementById('groups'); if(!table){return;}
  [].slice.call(table.tHead.rows[0].cells).forEach(function(th,i){
    th.addEventListener('click',function(){
      var body=table.tBodies[0]; var rs=[].slice.call(body.rows);
      rs.sort(function(a,b){
        var x=a.cells[i].textContent.replace(/\\./g,'');
        var y=b.cells[i].textContent.replace(/\\./g,'');
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
        f'<tr><td>{escape(_month(m))}</td><td class="n">{_n(f)}</td><td class="n">{_n(c)}</td></tr>'
        for m, f, c in s.months
    )
    month_head = "".join(f"<th>{escape(c)}</th>" for c in _MONTH_COLUMNS)
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
<div>Kasus (cases)<b id="kpi-cases">{_n(t.cases)}</b></div>
<div>Dengan temuan (with findings)<b id="kpi-with-findings">{_n(t.with_findings)}</b></div>
<div>Temuan (findings)<b id="kpi-findings">{_n(t.findings)}</b></div>
<div>Di bawah rekomendasi (below recommendation)<b id="kpi-below">{escape(_share(t))}</b></div>
<div>Menunggu PPK (awaiting the PPK)<b id="kpi-awaiting">{_n(t.awaiting_ppk)}</b></div>
<div>Konflik kepentingan (conflicts)<b id="kpi-conflicts">{_n(t.conflicts)}</b></div>
</section>
<p class="note">{escape(_NOTE)}</p>
<h2>Temuan per kelompok (findings per group)</h2>
<figure>{_bars_by_tier(s.groups)}</figure>
<h2>Per kelompok (by group)</h2>
<table id="groups"><thead><tr>{head}</tr></thead><tbody>{body_rows}</tbody>
<tfoot>{row(t)}</tfoot></table>
<h2>Tren bulanan (monthly trend)</h2>
<figure>{_trend(s.months)}</figure>
<p class="note">{escape(_MONTHS_NOTE)}</p>
<table id="months"><thead><tr>{month_head}</tr></thead><tbody>{months}</tbody></table>
<h2>Konflik kepentingan penegakan (enforcement conflicts of interest)</h2>
{conflicts}
<script>{_SCRIPT}</script>
</body></html>
"""
