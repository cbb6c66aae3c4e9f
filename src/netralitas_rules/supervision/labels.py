"""The supervision report's words in one language: its texts from the message catalogues
(``report.supervision.*``), counts and months as the language writes them, and tracks,
tiers, roles and relations by their names, never their codes."""

from __future__ import annotations

from ..messages import CATALOGUES, capitalized, counted, msg, tier_name, track_name
from ..vocabulary import Tier, Track
from .summary import NO_FINDING, UNKNOWN

NO_TIER = "-"
"""The tier key of findings without a tier (as :class:`.summary.Tally` counts them)."""


def text(key: str, lang: str, /, **values: object) -> str:
    """The report text ``report.supervision.<key>`` in ``lang``."""
    return msg(f"report.supervision.{key}", lang, **values)


def counted_text(key: str, lang: str, n: int, /, **values: object) -> str:
    """The report text ``report.supervision.<key>`` for ``n`` things (its ``_one`` text when
    ``n`` is 1: '1 finding', not '1 findings')."""
    return counted(f"report.supervision.{key}", lang, n, **values)


def number(count: int, lang: str) -> str:
    """A count as the language writes it: 12.345 in Indonesian, 12,345 in English."""
    written = f"{count:,}"
    return written.replace(",", ".") if lang == "id" else written


def percent(share: float, lang: str, digits: int = 1) -> str:
    """A share as a percentage the way the language writes it: 100,0% in Indonesian (a
    decimal comma), 100.0% in English.

    >>> percent(0.25, "id"), percent(0.25, "en")
    ('25,0%', '25.0%')
    """
    written = f"{share * 100:,.{digits}f}"
    if lang == "id":
        written = written.translate(str.maketrans(",.", ".,"))
    return f"{written}%"


def month(key: str, lang: str) -> str:
    """``2024-02`` as 'Feb 2024'; any other key (unknown) as a group name."""
    year, _, m = key.partition("-")
    if len(year) == 4 and year.isdigit() and m.isdigit() and 1 <= int(m) <= 12:
        return f"{text(f'month.{int(m)}', lang)} {year}"
    return group(key, lang)


def group(key: str, lang: str, by: str = "") -> str:
    """A group's name: its key, with the summary's placeholders and months in words."""
    if key == UNKNOWN:
        return text("unknown", lang)
    if key == NO_FINDING:
        return text("no_finding", lang)
    return month(key, lang) if by == "month" else key


def track_label(track: str, lang: str) -> str:
    """A track column's head: 'Hukuman disiplin', 'Discipline' (a key no track has, as it is)."""
    known = Track.__members__.get(track)
    return capitalized(track_name(known, lang)) if known is not None else track


def tier_label(tier: str, lang: str) -> str:
    """A tier in words: 'ringan', 'tanpa tingkat' (lower case; a key no tier has, as it is)."""
    if tier == NO_TIER:
        return text("no_tier", lang)
    known = Tier.__members__.get(tier)
    return tier_name(known, lang) if known is not None else tier


def tier_column(tier: str, lang: str) -> str:
    """A tier column's head: 'Tingkat ringan', 'Light tier', 'Tanpa tingkat'."""
    if tier == NO_TIER:
        return capitalized(text("no_tier", lang))
    return capitalized(text("tier_column", lang, tier=tier_label(tier, lang)))


def role(code: str, lang: str) -> str:
    """An official's role in a conflict ('PPK', 'atasan langsung'); '-' or an unknown code
    as it is."""
    key = f"conflict.role.{code}"
    return msg(key, lang) if key in CATALOGUES[lang] else code


def relation(code: str, lang: str) -> str:
    """A conflict's relation ('pejabat itu sendiri calon', 'suami/istri', ...)."""
    for key in (f"report.supervision.relation.{code}", f"conflict.kin.{code}"):
        if key in CATALOGUES[lang]:
            return msg(key, lang)
    return code
