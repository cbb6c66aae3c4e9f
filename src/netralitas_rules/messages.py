"""The catalogue of the report's texts: one data file per language
(``data/messages.id.yaml``, ``data/messages.en.yaml``), read once.

Every text a person reads in ``netralitas check`` comes from here by key, so the Indonesian
output is written in one place (and a test keeps it free of English); display names of the
closed vocabularies (track, tier, employment consequence, citation role, certainty) and the
months of dates too, never a code name.

>>> msg("report.tier", "id", tier=tier_name(Tier.BERAT, "id"))
'Tingkat: berat'
>>> date_text(dt.date(2019, 3, 10), "id")
'10 Maret 2019'
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from .catalogue_files import load_catalogue
from .vocabulary import Certainty, Tier, Track

if TYPE_CHECKING:  # the rule models are not loaded for the texts (the CLI reads them first)
    from .regulation import StatusEffect

LANGS = ("id", "en")


CATALOGUES: dict[str, dict[str, str]] = {
    lang: load_catalogue("netralitas_rules.data", lang) for lang in LANGS
}
"""The shipped texts by language and key."""


def msg(key: str, lang: str, /, **values: object) -> str:
    """The text of ``key`` in ``lang``, its placeholders filled from ``values``."""
    text = CATALOGUES[lang][key]
    return text.format(**values) if values else text


def counted(key: str, lang: str, n: int, /, **values: object) -> str:
    """The text of ``key`` for ``n`` things: ``key_one`` when ``n`` is 1 (English says "1
    case", not "1 cases"; Indonesian gives both keys one wording). ``n`` fills ``{n}``
    unless ``values`` name it otherwise (a number already written in words).

    >>> counted("agreement.tier", "en", 1)
    'same tier (of 1 stated tier)'
    """
    return msg(f"{key}_one" if n == 1 else key, lang, **{"n": n, **values})


def missing_keys() -> dict[str, list[str]]:
    """Per language, the keys another language has and it lacks (empty lists when complete)."""
    every = set().union(*CATALOGUES.values())
    return {lang: sorted(every - set(texts)) for lang, texts in CATALOGUES.items()}


def date_text(day: dt.date, lang: str) -> str:
    """A date as people write it: '10 Maret 2019', '10 March 2019'."""
    return f"{day.day} {msg(f'month.{day.month}', lang)} {day.year}"


def track_name(track: Track, lang: str) -> str:
    """'hukuman disiplin', 'kode etik', ... (lower case)."""
    return msg(f"track.{track.value}", lang)


def tier_name(tier: Tier, lang: str) -> str:
    """'ringan', 'sedang', 'berat' (lower case)."""
    return msg(f"tier.{tier.value}", lang)


def effect_name(effect: StatusEffect, lang: str) -> str:
    """An employment consequence in words."""
    return msg(f"status_effect.{effect.value}", lang)


def role_name(role: str, lang: str) -> str:
    """What a citation is cited for ('larangan', 'tingkat hukuman', ...)."""
    return msg(f"role.{role}", lang)


def certainty_name(level: Certainty, lang: str) -> str:
    """A certainty level in words."""
    return msg(f"certainty.{level.value}", lang)


def capitalized(text: str) -> str:
    """The text with its first letter in upper case (for a name that opens a line)."""
    return text[:1].upper() + text[1:]


__all__ = [
    "CATALOGUES",
    "LANGS",
    "capitalized",
    "certainty_name",
    "counted",
    "date_text",
    "effect_name",
    "load_catalogue",
    "missing_keys",
    "msg",
    "role_name",
    "tier_name",
    "track_name",
]
