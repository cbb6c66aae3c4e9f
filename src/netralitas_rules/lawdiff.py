"""Compare the law in force on two dates: provisions added and removed, and tier changes.

A tier change is keyed by the kind of conduct and the track: for each activity kind a
provision pins (see :func:`~netralitas_rules.catalogue.conduct_kinds`), the set of
consequences on each date is compared, so that a prohibition that moved from one instrument
to another (PP 53/2010 Pasal 4 angka 14, sedang, to PP 94/2021 Pasal 5 huruf n angka 7,
berat) shows as one change of the ``ktp_support_letter`` conduct.

>>> from netralitas_rules.loader import load_regulations
>>> d = diff_law(load_regulations(), dt.date(2021, 8, 30), dt.date(2021, 8, 31))
>>> [(c.kind, c.before_tiers, c.after_tiers) for c in d.changed if c.kind == "ktp_support_letter"]
[('ktp_support_letter', ('SEDANG',), ('BERAT',))]
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .catalogue import ANY_KIND, conduct_kinds, consequence_text
from .glossary import value_term
from .loader import RegulationSet
from .messages import date_text, effect_name, msg, tier_name, track_name
from .regulation import Consequence, Provision, RegulationFile
from .vocabulary import Track


@dataclass(frozen=True)
class ProvisionEntry:
    """A provision in force on one of the two dates."""

    provision_id: str
    version: str
    track: Track
    consequence: str
    """The consequence as the catalogue writes it in English: what tier changes compare."""
    citation: str
    title: str
    title_en: str
    kinds: tuple[str, ...]
    consequence_id: str = ""
    """The same consequence in Indonesian words (empty: as ``consequence``)."""
    consequence_en: str = ""
    """The same consequence in English words (empty: as ``consequence``)."""

    def consequence_in(self, lang: str) -> str:
        """The consequence in ``lang``, in words ('berat', 'wajib mengundurkan diri')."""
        words = self.consequence_id if lang == "id" else self.consequence_en
        return words or self.consequence


@dataclass(frozen=True)
class TierChange:
    """How the consequences of one kind of conduct on one track differ between the dates."""

    kind: str
    track: Track
    before: tuple[ProvisionEntry, ...]
    after: tuple[ProvisionEntry, ...]

    @property
    def before_tiers(self) -> tuple[str, ...]:
        """The distinct consequences on the first date, sorted."""
        return tuple(sorted({e.consequence for e in self.before}))

    @property
    def after_tiers(self) -> tuple[str, ...]:
        """The distinct consequences on the second date, sorted."""
        return tuple(sorted({e.consequence for e in self.after}))


@dataclass(frozen=True)
class LawDiff:
    """What changed between the law in force on ``date_a`` and on ``date_b``."""

    date_a: dt.date
    date_b: dt.date
    added: tuple[ProvisionEntry, ...]
    removed: tuple[ProvisionEntry, ...]
    changed: tuple[TierChange, ...]

    @property
    def empty(self) -> bool:
        """True when the same provisions, with the same consequences, apply on both dates."""
        return not (self.added or self.removed or self.changed)


def consequence_words(c: Consequence, lang: str) -> str:
    """A provision's consequence as people read it: the tier or the employment consequence
    by its name, never its code; a penalty, or the note that the tier is not fixed, as the
    catalogue writes it."""
    if c.tier is not None:
        return tier_name(c.tier, lang)
    if c.status_effect is not None:
        return effect_name(c.status_effect, lang)
    return consequence_text(c, lang)


def _entry(reg: RegulationFile, prov: Provision) -> ProvisionEntry:
    return ProvisionEntry(
        provision_id=prov.id,
        version=reg.key,
        track=prov.consequence.track,
        consequence=consequence_text(prov.consequence),
        consequence_id=consequence_words(prov.consequence, "id"),
        consequence_en=consequence_words(prov.consequence, "en"),
        citation=f"{prov.citation} {reg.instrument.short_name}",
        title=prov.title,
        title_en=prov.title_en,
        kinds=conduct_kinds(prov.when),
    )


def in_force_entries(regs: RegulationSet, day: dt.date) -> dict[str, ProvisionEntry]:
    """The provisions in force on that day, by provision id."""
    return {p.id: _entry(reg, p) for reg in regs.in_force(day) for p in reg.provisions}


def _by_kind(
    entries: dict[str, ProvisionEntry],
) -> dict[tuple[str, Track], tuple[ProvisionEntry, ...]]:
    out: dict[tuple[str, Track], list[ProvisionEntry]] = {}
    for e in entries.values():
        for kind in e.kinds:
            out.setdefault((kind, e.track), []).append(e)
    return {k: tuple(sorted(v, key=lambda e: _natural(e.provision_id))) for k, v in out.items()}


def _natural(provision_id: str) -> list[str | int]:
    # skb22-b2 before skb22-b10: compare the numbers in an id as numbers.
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", provision_id)]


def diff_law(regs: RegulationSet, date_a: dt.date, date_b: dt.date) -> LawDiff:
    """The provisions and consequences that differ between the law in force on two dates."""
    a, b = in_force_entries(regs, date_a), in_force_entries(regs, date_b)
    added = tuple(b[i] for i in sorted(b.keys() - a.keys(), key=_natural))
    removed = tuple(a[i] for i in sorted(a.keys() - b.keys(), key=_natural))
    ka, kb = _by_kind(a), _by_kind(b)
    changed = []
    for key in sorted(ka.keys() & kb.keys()):
        before, after = ka[key], kb[key]
        change = TierChange(key[0], key[1], before, after)
        if change.before_tiers != change.after_tiers:
            changed.append(change)
    return LawDiff(date_a, date_b, added, removed, tuple(changed))


def _line(e: ProvisionEntry, lang: str) -> str:
    title = e.title_en if lang == "en" else e.title
    shown = e.consequence_in(lang)
    track = track_name(e.track, lang)
    return f"  {e.provision_id:<14} {track:<18} {shown:<16} {e.citation} — {title}"


def _kind(kind: str, lang: str) -> str:
    """A kind of conduct in words: the glossary's term ('surat dukungan disertai fotokopi
    KTP'; in English the value with its gloss)."""
    if kind == ANY_KIND:
        return msg("lawdiff.any_kind", lang)
    return value_term("activity.kind", kind, lang)


def _tiers(entries: tuple[ProvisionEntry, ...], lang: str) -> str:
    return ", ".join(f"{e.consequence_in(lang)} ({e.provision_id})" for e in entries)


def _shown_tiers(entries: tuple[ProvisionEntry, ...], lang: str) -> str:
    # In the order of the compared keys (TierChange.before_tiers), each in the output language.
    words = {e.consequence: e.consequence_in(lang) for e in entries}
    return "/".join(words[key] for key in sorted(words))


def render_diff(diff: LawDiff, lang: str = "id") -> str:
    """The difference as text: removed, added, then tier changes by kind of conduct; tracks,
    tiers, kinds of conduct and dates in words."""
    a, b = date_text(diff.date_a, lang), date_text(diff.date_b, lang)
    lines = [msg("lawdiff.head", lang, a=a, b=b)]
    if diff.empty:
        lines.append("  " + msg("lawdiff.none", lang))
        return "\n".join(lines) + "\n"
    sections = [("lawdiff.removed", a, diff.removed), ("lawdiff.added", b, diff.added)]
    for key, day, entries in sections:
        if entries:
            lines.append(msg(key, lang, date=day) + ":")
            lines += [_line(e, lang) for e in entries]
    if diff.changed:
        lines.append(msg("lawdiff.changed", lang) + ":")
        for c in diff.changed:
            lines.append(
                f"  {_kind(c.kind, lang)}, {track_name(c.track, lang)}: "
                f"{_shown_tiers(c.before, lang)} -> {_shown_tiers(c.after, lang)}"
            )
            lines.append(f"      {a}: {_tiers(c.before, lang)}")
            lines.append(f"      {b}: {_tiers(c.after, lang)}")
    return "\n".join(lines) + "\n"


__all__ = [
    "LawDiff",
    "ProvisionEntry",
    "TierChange",
    "consequence_words",
    "diff_law",
    "in_force_entries",
    "render_diff",
]
