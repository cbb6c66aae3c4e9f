"""The supervision report as Markdown, or as one self-contained HTML page with inline SVG
charts (no scripts or styles from elsewhere; it opens from a USB stick without a network).

Every text is in one language (``lang``, Indonesian by default), from the message catalogues
through :mod:`.labels`; tracks and tiers by their names, never their codes."""

from __future__ import annotations

from html import escape

from .charts import bars_by_tier, trend
from .labels import (
    NO_TIER,
    group,
    month,
    number,
    relation,
    role,
    text,
    tier_column,
    track_label,
)
from .summary import TIERS, TRACKS, Conflict, Summary, Tally


def _columns(lang: str) -> list[str]:
    return [
        text("group", lang),
        text("cases", lang),
        text("with_findings", lang),
        text("findings", lang),
        *(track_label(k, lang) for k in TRACKS),
        *(tier_column(k, lang) for k in (*TIERS, NO_TIER)),
        text("below", lang),
        text("awaiting", lang),
        text("conflicts", lang),
    ]


def _month_columns(lang: str) -> list[str]:
    return [text("month", lang), text("month_findings", lang), text("month_cases", lang)]


def _conflict_columns(lang: str) -> list[str]:
    return [text(k, lang) for k in ("case", "official", "role", "candidate", "relation")]


def _conflict_cells(c: Conflict, lang: str) -> list[str]:
    return [c.case_id, c.official, role(c.role, lang), c.candidate, relation(c.relation, lang)]


def _share(t: Tally, lang: str) -> str:
    share = t.below_share
    if share is None:
        return "-"
    return f"{number(t.below, lang)} / {number(t.comparable, lang)} ({share:.0%})"


def _cells(t: Tally, name: str, lang: str) -> list[str]:
    return [
        name,
        number(t.cases, lang),
        number(t.with_findings, lang),
        number(t.findings, lang),
        *(number(t.by_track[k], lang) for k in TRACKS),
        *(number(t.by_tier[k], lang) for k in (*TIERS, NO_TIER)),
        _share(t, lang),
        number(t.awaiting_ppk, lang),
        number(t.conflicts, lang),
    ]


def _rows(s: Summary, lang: str) -> tuple[list[list[str]], list[str]]:
    """The group table's rows and its total row."""
    groups = [_cells(g, group(g.key, lang, s.by), lang) for g in s.groups]
    return groups, _cells(s.total, text("total", lang), lang)


def _md_cell(cell: str) -> str:
    return cell.replace("|", "\\|").replace("\n", " ")


def _md_table(head: list[str], rows: list[list[str]], numeric_from: int) -> list[str]:
    rule = "|".join("---:" if i >= numeric_from else "---" for i in range(len(head)))
    return [
        "| " + " | ".join(_md_cell(c) for c in head) + " |",
        f"|{rule}|",
        *("| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows),
    ]


def to_markdown(s: Summary, lang: str = "id") -> str:
    """The report in Markdown, in ``lang`` (``id`` or ``en``)."""
    t = s.total
    groups, total = _rows(s, lang)
    counts = text(
        "summary_counts",
        lang,
        cases=number(t.cases, lang),
        with_findings=number(t.with_findings, lang),
        findings=number(t.findings, lang),
    )
    out = [
        f"# {text('title', lang)}",
        "",
        text("grouped_by", lang, by=text(f"by.{s.by}", lang)),
        "",
        f"## {text('summary', lang)}",
        "",
        f"- {counts}",
        f"- {text('below', lang)}: {_share(t, lang)}",
        f"- {text('awaiting', lang)}: {number(t.awaiting_ppk, lang)}",
        f"- {text('conflicts_heading', lang)}: {number(t.conflicts, lang)}",
        "",
        f"_{text('below_note', lang)}_",
        "",
        f"## {text('by_group', lang)}",
        "",
        *_md_table(_columns(lang), [*groups, total], numeric_from=1),
        "",
        f"## {text('monthly', lang)}",
        "",
        f"_{text('months_note', lang)}_",
        "",
        *_md_table(
            _month_columns(lang),
            [[month(m, lang), number(f, lang), number(c, lang)] for m, f, c in s.months],
            numeric_from=1,
        ),
        "",
        f"## {text('conflicts_heading', lang)}",
        "",
    ]
    if s.conflicts:
        rows = [_conflict_cells(c, lang) for c in s.conflicts]
        out += _md_table(_conflict_columns(lang), rows, numeric_from=5)
        if len(s.conflicts) < t.conflicts:
            shown = text("shown", lang, shown=len(s.conflicts), total=t.conflicts)
            out.append(f"\n_{shown}_")
    else:
        out.append(text("none", lang))
    return "\n".join(out) + "\n"


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

# Inline, no network: sorts the group table by a clicked header. Thousands separators
# (a point in Indonesian, a comma in English) are dropped before comparing numbers.
_SCRIPT = """
(function(){
  var table=document.getElementById('groups'); if(!table){return;}
  [].slice.call(table.tHead.rows[0].cells).forEach(function(th,i){
    th.addEventListener('click',function(){
      var body=table.tBodies[0]; var rs=[].slice.call(body.rows);
      rs.sort(function(a,b){
        var x=a.cells[i].textContent.replace(/[.,]/g,'');
        var y=b.cells[i].textContent.replace(/[.,]/g,'');
        var nx=parseFloat(x), ny=parseFloat(y);
        return (isNaN(nx)||isNaN(ny)) ? x.localeCompare(y) : ny-nx;});
      rs.forEach(function(r){body.appendChild(r);});
    });
  });
})();
"""


def _head(cells: list[str]) -> str:
    return "".join(f"<th>{escape(c)}</th>" for c in cells)


def _tr(cells: list[str], numeric_from: int) -> str:
    tds = (
        f'<td class="n">{escape(c)}</td>' if i >= numeric_from else f"<td>{escape(c)}</td>"
        for i, c in enumerate(cells)
    )
    return "<tr>" + "".join(tds) + "</tr>"


def to_html(s: Summary, lang: str = "id") -> str:
    """The report as one self-contained HTML page, in ``lang`` (``id`` or ``en``)."""
    t = s.total
    groups, total = _rows(s, lang)
    months = "".join(
        _tr([month(m, lang), number(f, lang), number(c, lang)], 1) for m, f, c in s.months
    )
    if s.conflicts:
        conflict_rows = "".join(_tr(_conflict_cells(c, lang), 5) for c in s.conflicts)
        conflicts = (
            f'<table id="conflicts"><thead><tr>{_head(_conflict_columns(lang))}</tr></thead>'
            f"<tbody>{conflict_rows}</tbody></table>"
        )
    else:
        conflicts = f'<p id="conflicts">{escape(text("none", lang))}</p>'
    kpis = (
        ("cases", "kpi-cases", number(t.cases, lang)),
        ("with_findings", "kpi-with-findings", number(t.with_findings, lang)),
        ("findings", "kpi-findings", number(t.findings, lang)),
        ("below", "kpi-below", _share(t, lang)),
        ("awaiting", "kpi-awaiting", number(t.awaiting_ppk, lang)),
        ("conflicts", "kpi-conflicts", number(t.conflicts, lang)),
    )
    kpi = "\n".join(
        f'<div>{escape(text(key, lang))}<b id="{ident}">{escape(value)}</b></div>'
        for key, ident, value in kpis
    )
    title = escape(text("title", lang))
    month_head = _head(_month_columns(lang))
    return f"""<!DOCTYPE html>
<html lang="{escape(lang)}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title><style>{_STYLE}</style></head>
<body data-by="{escape(s.by)}">
<h1>{title}</h1>
<p>{escape(text("grouped_by", lang, by=text(f"by.{s.by}", lang)))}</p>
<section class="kpi" id="summary">
{kpi}
</section>
<p class="note">{escape(text("below_note", lang))}</p>
<h2>{escape(text("findings_by_group", lang))}</h2>
<figure>{bars_by_tier(s.groups, [g[0] for g in groups], lang)}</figure>
<h2>{escape(text("by_group", lang))}</h2>
<table id="groups"><thead><tr>{_head(_columns(lang))}</tr></thead>
<tbody>{"".join(_tr(g, 1) for g in groups)}</tbody>
<tfoot>{_tr(total, 1)}</tfoot></table>
<h2>{escape(text("monthly", lang))}</h2>
<figure>{trend(s.months, lang)}</figure>
<p class="note">{escape(text("months_note", lang))}</p>
<table id="months"><thead><tr>{month_head}</tr></thead><tbody>{months}</tbody></table>
<h2>{escape(text("conflicts_heading", lang))}</h2>
{conflicts}
<script>{_SCRIPT}</script>
</body></html>
"""
