"""The supervision page's inline SVG charts: findings per group by tier, and findings per
month of the act on a time axis. Every label comes from :mod:`.labels` in the page's
language; the ``data-*`` attributes keep the codes for scripts and tests."""

from __future__ import annotations

from html import escape

from .labels import NO_TIER, counted_text, month, number, text, tier_label
from .summary import TIERS, Tally

_TIER_COLOURS = {"RINGAN": "#f2c14e", "SEDANG": "#f78154", "BERAT": "#b3261e", NO_TIER: "#9e9e9e"}


def bars_by_tier(groups: list[Tally], names: list[str], lang: str, limit: int = 15) -> str:
    """Horizontal stacked bars: findings per group (``names`` in the same order), coloured
    by tier."""
    shown = list(zip(groups[:limit], names, strict=False))
    width, label_w, row_h = 760, 260, 24
    peak = max((g.findings for g, _ in shown), default=0) or 1
    height = row_h * len(shown) + 40
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="chart-groups" '
        f'role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        f"<title>{escape(text('chart_groups', lang))}</title>",
    ]
    for i, (g, name) in enumerate(shown):
        y = 10 + i * row_h
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end" class="label">'
            f"{escape(name[:40])}</text>"
        )
        x = float(label_w)
        for tier in (*TIERS, NO_TIER):
            n = g.by_tier[tier]
            if not n:
                continue
            w = (width - label_w - 60) * n / peak
            tip = counted_text(
                "bar_tip", lang, n, group=name, tier=tier_label(tier, lang), count=number(n, lang)
            )
            parts.append(
                f'<rect class="bar" data-group="{escape(g.key)}" data-tier="{tier}" '
                f'data-count="{n}" x="{x:.1f}" y="{y}" width="{w:.1f}" height="{row_h - 6}" '
                f'fill="{_TIER_COLOURS[tier]}"><title>{escape(tip)}</title></rect>'
            )
            x += w
        parts.append(
            f'<text x="{x + 4:.1f}" y="{y + 15}" class="value">{number(g.findings, lang)}</text>'
        )
    legend_y = height - 12
    for j, tier in enumerate((*TIERS, NO_TIER)):
        lx = label_w + j * 110
        parts.append(
            f'<rect x="{lx}" y="{legend_y - 10}" width="12" height="12" '
            f'fill="{_TIER_COLOURS[tier]}"/><text x="{lx + 16}" y="{legend_y}" class="label">'
            f"{escape(tier_label(tier, lang))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _month_range(keys: list[str]) -> list[str]:
    """Every month from the first key to the last (``YYYY-MM``), so a month without
    findings is an empty slot on the time axis, not a month left out."""
    dated = sorted(k for k in keys if len(k) == 7 and k[4] == "-" and k.replace("-", "").isdigit())
    if not dated:
        return []
    year, m = int(dated[0][:4]), int(dated[0][5:])
    out = []
    while f"{year:04d}-{m:02d}" <= dated[-1]:
        out.append(f"{year:04d}-{m:02d}")
        year, m = (year + 1, 1) if m == 12 else (year, m + 1)
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


def trend(months: list[tuple[str, int, int]], lang: str) -> str:
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
        f"<title>{escape(text('chart_months', lang))}</title>",
    ]
    for v in ticks:
        y = top_pad + plot_h - plot_h * v / peak
        parts.append(
            f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" class="tick">'
            f"{number(v, lang)}</text>"
        )
    every = max(1, -(-n // 12))
    for i, slot in enumerate(slots):
        findings = counts.get(slot, 0)
        h = plot_h * findings / peak
        x = left + i * bar_w
        name = month(slot, lang)
        if findings:
            tip = counted_text(
                "month_tip", lang, findings, month=name, count=number(findings, lang)
            )
            parts.append(
                f'<rect class="month" data-month="{escape(slot)}" data-count="{findings}" '
                f'x="{x + 1:.1f}" y="{top_pad + plot_h - h:.1f}" width="{max(bar_w - 2, 1):.1f}" '
                f'height="{h:.1f}" fill="#3b6ea5"><title>{escape(tip)}</title></rect>'
            )
        if i % every == 0:
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{top_pad + plot_h + 16}" '
                f'text-anchor="middle" class="tick">{escape(name)}</text>'
            )
    parts.append(
        f'<line x1="{left}" x2="{width - 10}" y1="{top_pad + plot_h}" y2="{top_pad + plot_h}" '
        f'stroke="#333"/><line x1="{left}" x2="{left}" y1="{top_pad}" y2="{top_pad + plot_h}" '
        f'stroke="#333"/>'
        f'<text x="{left + (width - left) / 2:.1f}" y="{height - 8}" text-anchor="middle" '
        f'class="axis-title">{escape(text("axis_month", lang))}</text>'
        f'<text x="14" y="{top_pad + plot_h / 2:.1f}" text-anchor="middle" class="axis-title" '
        f'transform="rotate(-90 14 {top_pad + plot_h / 2:.1f})">'
        f"{escape(text('axis_count', lang))}</text>"
    )
    parts.append("</svg>")
    return "".join(parts)
