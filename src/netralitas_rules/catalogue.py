"""The regulation catalogue, ``docs/regulations.md``, generated from loaded rule files.

For each kind of conduct it lists the provisions that can apply, with the period each was in
force, its track and tier (or penalty, or status effect), every citation rendered in full, and
its legal certainty; provisions whose certainty is below "verified" are listed again at the
end with the reasons and competing readings.

In English (``docs/regulations.md``) or in Indonesian (``netralitas rules catalogue``'s
default): the headings and labels come from the message catalogues (``catalogue.*``), the
provisions' titles, notes and competing readings from the rule files, which give each in
both languages; tracks, tiers, status effects, roles and certainty levels by their names in
Indonesian, by their codes in English, as the rule files write them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .conditions import All, Compare, Condition, Op, render
from .glossary import VOCABULARY
from .loader import RegulationSet
from .messages import certainty_name, date_text, effect_name, msg, role_name, tier_name, track_name
from .regulation import Consequence, Penalty, Provision, Ref, RegulationFile, citation_text
from .vocabulary import ActivityKind, Certainty, Track

ANY_KIND = "*"
_TRACK_ORDER = {Track.DISIPLIN: 0, Track.ETIK: 1, Track.PIDANA: 2, Track.STATUS_KEPEGAWAIAN: 3}


def conduct_kinds(condition: Condition) -> tuple[str, ...]:
    """The activity kinds a condition pins at its top level, or ``("*",)`` when it pins none."""
    items = condition.items if isinstance(condition, All) else (condition,)
    for item in items:
        if isinstance(item, Compare) and item.fact == "activity.kind":
            if item.op is Op.EQ:
                return (str(item.value),)
            if item.op is Op.IN:
                return tuple(str(v) for v in item.value)
    return (ANY_KIND,)


def period(reg: RegulationFile, lang: str = "en") -> str:
    """The version's validity with an inclusive end date, e.g. '2010-06-06 – 2021-08-30'
    (in Indonesian the days in words: '6 Juni 2010 – 30 Agustus 2021')."""
    v = reg.version

    def day(d: dt.date) -> str:
        return d.isoformat() if lang == "en" else date_text(d, lang)

    end = day(v.superseded_on - dt.timedelta(days=1)) if v.superseded_on else ""
    return f"{day(v.effective_from)} – {end}".rstrip()


def penalty_text(penalty: Penalty) -> str:
    """A criminal penalty range in words, e.g. 'kurungan ≤ 12 bulan dan denda ≤ Rp12.000.000'."""
    months = (
        f"{penalty.min_months}–{penalty.max_months} bulan"
        if penalty.min_months is not None
        else f"≤ {penalty.max_months} bulan"
    )
    fine = (
        f"Rp{penalty.fine_min_rupiah:,}–Rp{penalty.fine_max_rupiah:,}"
        if penalty.fine_min_rupiah is not None
        else f"≤ Rp{penalty.fine_max_rupiah:,}"
    ).replace(",", ".")
    return f"{penalty.kind.value.lower()} {months} {penalty.combination.value} denda {fine}"


def consequence_text(c: Consequence, lang: str = "en") -> str:
    """The tier, the penalty, the status effect, or a note that the tier is not fixed (in
    ``lang``; tiers and effects by their codes, as the rule files write them).

    >>> consequence_text(Consequence(track="DISIPLIN"), "id")
    'ditetapkan PPK'
    """
    if c.tier is not None:
        return c.tier.value
    if c.penalty is not None:
        return penalty_text(c.penalty)
    if c.status_effect is not None:
        return c.status_effect.value
    if c.track is Track.DISIPLIN and c.tier_from:
        return msg("catalogue.tier_from", lang, provisions=", ".join(c.tier_from))
    if c.track is Track.DISIPLIN:
        return msg("catalogue.tier_open", lang)
    return "—"


def citations(
    regs: RegulationSet, reg: RegulationFile, prov: Provision, lang: str = "en"
) -> list[str]:
    """Every citation of a provision in full, the basis articles prefixed with their role
    (``tier: ...`` in English, ``tingkat hukuman: ...`` in Indonesian)."""
    c = prov.consequence
    roles: list[tuple[str, Ref]] = [("", Ref(pinpoint=prov.citation))]
    roles += [("also", r) for r in prov.also_cites]
    roles += [("tier", r) for r in (c.tier_basis,) if r is not None]
    roles += [("penalty", r) for r in (c.penalty_basis,) if r is not None]
    roles += [("status", r) for r in c.status_basis]
    return [
        f"{_role(role, lang)}{citation_text(regs.instrument_of(ref, reg.instrument), ref.pinpoint)}"
        for role, ref in roles
    ]


def _role(role: str, lang: str) -> str:
    if not role:
        return ""
    return f"{role}: " if lang == "en" else f"{role_name(role, lang)}: "


def _consequence(c: Consequence, lang: str) -> str:
    """:func:`consequence_text`, with the tier and the status effect by their names in a
    language other than English."""
    if lang != "en" and c.tier is not None:
        return tier_name(c.tier, lang)
    if lang != "en" and c.penalty is None and c.status_effect is not None:
        return effect_name(c.status_effect, lang)
    return consequence_text(c, lang)


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def _kind_heading(kind: str, lang: str) -> str:
    if kind == ANY_KIND:
        return msg("catalogue.any_conduct", lang)
    entry = VOCABULARY["ActivityKind"].get(kind)
    if entry is None:
        return f"`{kind}`"
    return f"`{kind}`: {entry.term} / {entry.gloss}" if lang == "en" else f"`{kind}`: {entry.term}"


def _rows(regs: RegulationSet) -> dict[str, list[tuple[RegulationFile, Provision]]]:
    by_kind: dict[str, list[tuple[RegulationFile, Provision]]] = {}
    for reg, prov in regs.provisions():
        for kind in conduct_kinds(prov.when):
            by_kind.setdefault(kind, []).append((reg, prov))
    for rows in by_kind.values():
        rows.sort(
            key=lambda rp: (
                rp[0].version.effective_from,
                _TRACK_ORDER[rp[1].consequence.track],
                rp[1].id,
            )
        )
    return by_kind


def _kind_order(kinds: Iterable[str]) -> list[str]:
    declared = [k.value for k in ActivityKind]
    present = set(kinds)
    ordered = [k for k in declared if k in present]
    return ordered + sorted(present - set(declared))


def regulations_markdown(regs: RegulationSet, lang: str = "id") -> str:
    """``docs/regulations.md`` (``lang="en"``; Indonesian by default): instruments, then
    the provisions per kind of conduct, then the provisions whose certainty is below
    verified."""

    def text(key: str) -> str:
        return msg(f"catalogue.{key}", lang)

    def track(c: Consequence) -> str:
        return c.track.value if lang == "en" else track_name(c.track, lang)

    def certainty(prov: Provision) -> str:
        level = prov.certainty.level
        return level.value if lang == "en" else certainty_name(level, lang)

    lines = [
        f"# {text('title')}",
        "",
        msg("catalogue.intro", lang, source="docs/research/legal-checks.md"),
        "",
        f"## {text('instruments')}",
        "",
        text("instruments_header"),
        "|---|---|---|---|",
    ]
    for reg in regs.versions:
        lines.append(
            f"| `{reg.instrument.id}` | {_cell(reg.instrument.cited_as)} | {period(reg, lang)} | "
            f"{len(reg.provisions)} |"
        )
    lines.append("")
    by_kind = _rows(regs)
    lines += [f"## {text('by_conduct')}", ""]
    for kind in _kind_order(by_kind):
        lines += [f"### {_kind_heading(kind, lang)}", ""]
        lines += [text("provisions_header"), "|---|---|---|---|---|---|"]
        for reg, prov in by_kind[kind]:
            c = prov.consequence
            lines.append(
                f"| {period(reg, lang)} | `{prov.id}` {_cell(prov.title)} | {track(c)} | "
                f"{_cell(_consequence(c, lang))} | "
                f"{'<br>'.join(_cell(t) for t in citations(regs, reg, prov, lang))} | "
                f"{certainty(prov)} |"
            )
        lines.append("")
    lines += _uncertain(regs, lang)
    return "\n".join(lines).rstrip("\n") + "\n"


def uncertain_provisions(regs: RegulationSet) -> list[tuple[RegulationFile, Provision]]:
    """Provisions whose certainty is below verified, in corpus order."""
    return [(r, p) for r, p in regs.provisions() if p.certainty.level is not Certainty.VERIFIED]


def _uncertain(regs: RegulationSet, lang: str = "en") -> list[str]:
    english = lang == "en"
    lines = [
        f"## {msg('catalogue.uncertainty', lang)}",
        "",
        msg("catalogue.uncertainty_intro", lang),
        "",
    ]
    for reg, prov in uncertain_provisions(regs):
        cert = prov.certainty
        level = cert.level.value if english else certainty_name(cert.level, lang)
        lines.append(f"### `{prov.id}` ({level})")
        lines.append("")
        title = prov.title_en if english else prov.title
        lines.append(f"{citations(regs, reg, prov, lang)[0]}: {title}.")
        lines.append("")
        if english:  # the English notes, then the Indonesian in italics
            lines.append(f"- {_cell(cert.notes_en or '')}")
        lines.append(
            f"- *{_cell(cert.notes or '')}*" if english else f"- {_cell(cert.notes or '')}"
        )
        for alt in cert.alternatives:
            if alt.tier is None:
                tier = msg("catalogue.no_tier", lang)
            else:
                tier = alt.tier.value if english else tier_name(alt.tier, lang)
            source = f" ({_cell(alt.source)})" if alt.source else ""
            reading = alt.reading_en if english else alt.reading
            alternative = msg("catalogue.alternative", lang, tier=tier)
            lines.append(f"- {alternative}: {_cell(reading)}{source}")
        lines.append(f"- {msg('catalogue.condition', lang)}: `{render(prov.when)}`")
        lines.append("")
    return lines


__all__ = [
    "ANY_KIND",
    "citations",
    "conduct_kinds",
    "consequence_text",
    "penalty_text",
    "period",
    "regulations_markdown",
    "uncertain_provisions",
]
