"""The regulation catalogue, ``docs/regulations.md``, generated from loaded rule files.

For each kind of conduct it lists the provisions that can apply, with the period each was in
force, its track and tier (or penalty, or status effect), every citation rendered in full, and
its legal certainty; provisions whose certainty is below "verified" are listed again at the
end with the reasons and competing readings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .conditions import All, Compare, Condition, Op, render
from .glossary import VOCABULARY
from .loader import RegulationSet
from .messages import msg
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


def period(reg: RegulationFile) -> str:
    """The version's validity with an inclusive end date, e.g. '2010-06-06 – 2021-08-30'."""
    v = reg.version
    end = (v.superseded_on - dt.timedelta(days=1)).isoformat() if v.superseded_on else ""
    return f"{v.effective_from.isoformat()} – {end}".rstrip()


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


def citations(regs: RegulationSet, reg: RegulationFile, prov: Provision) -> list[str]:
    """Every citation of a provision in full, the basis articles prefixed with their role."""
    c = prov.consequence
    roles: list[tuple[str, Ref]] = [("", Ref(pinpoint=prov.citation))]
    roles += [("also: ", r) for r in prov.also_cites]
    roles += [("tier: ", r) for r in (c.tier_basis,) if r is not None]
    roles += [("penalty: ", r) for r in (c.penalty_basis,) if r is not None]
    roles += [("status: ", r) for r in c.status_basis]
    return [
        f"{role}{citation_text(regs.instrument_of(ref, reg.instrument), ref.pinpoint)}"
        for role, ref in roles
    ]


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def _kind_heading(kind: str) -> str:
    if kind == ANY_KIND:
        return "Any conduct (no activity kind pinned)"
    entry = VOCABULARY["ActivityKind"].get(kind)
    return f"`{kind}`: {entry.term} / {entry.gloss}" if entry else f"`{kind}`"


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


def regulations_markdown(regs: RegulationSet) -> str:
    """``docs/regulations.md``: instruments, then the provisions per kind of conduct."""
    lines = [
        "# Regulation catalogue",
        "",
        "Generated by `netralitas rules catalogue` from the rule files in `regulations/`; do "
        "not edit by hand, run `make docs`. Periods are inclusive; an act is judged under the "
        "versions in force on its date. Certainty follows `docs/research/legal-checks.md`.",
        "",
        "## Instruments",
        "",
        "| Instrument | Cited as | In force | Provisions |",
        "|---|---|---|---|",
    ]
    for reg in regs.versions:
        lines.append(
            f"| `{reg.instrument.id}` | {_cell(reg.instrument.cited_as)} | {period(reg)} | "
            f"{len(reg.provisions)} |"
        )
    lines.append("")
    by_kind = _rows(regs)
    lines += ["## Provisions by conduct", ""]
    for kind in _kind_order(by_kind):
        lines += [f"### {_kind_heading(kind)}", ""]
        lines += [
            "| In force | Provision | Track | Tier / penalty | Citations | Certainty |",
            "|---|---|---|---|---|---|",
        ]
        for reg, prov in by_kind[kind]:
            c = prov.consequence
            lines.append(
                f"| {period(reg)} | `{prov.id}` {_cell(prov.title)} | {c.track.value} | "
                f"{_cell(consequence_text(c))} | "
                f"{'<br>'.join(_cell(t) for t in citations(regs, reg, prov))} | "
                f"{prov.certainty.level.value} |"
            )
        lines.append("")
    lines += _uncertain(regs)
    return "\n".join(lines).rstrip("\n") + "\n"


def uncertain_provisions(regs: RegulationSet) -> list[tuple[RegulationFile, Provision]]:
    """Provisions whose certainty is below verified, in corpus order."""
    return [(r, p) for r, p in regs.provisions() if p.certainty.level is not Certainty.VERIFIED]


def _uncertain(regs: RegulationSet) -> list[str]:
    lines = ["## Legal uncertainty", "", "Provisions whose certainty is below verified.", ""]
    for reg, prov in uncertain_provisions(regs):
        cert = prov.certainty
        lines.append(f"### `{prov.id}` ({cert.level.value})")
        lines.append("")
        lines.append(f"{citations(regs, reg, prov)[0]}: {prov.title_en}.")
        lines.append("")
        lines.append(f"- {_cell(cert.notes_en or '')}")
        lines.append(f"- *{_cell(cert.notes or '')}*")
        for alt in cert.alternatives:
            tier = alt.tier.value if alt.tier else "no tier"
            source = f" ({_cell(alt.source)})" if alt.source else ""
            lines.append(f"- Alternative, {tier}: {_cell(alt.reading_en)}{source}")
        lines.append(f"- Condition: `{render(prov.when)}`")
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
