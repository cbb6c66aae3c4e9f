"""Text helpers shared by every renderer (the report, the assessment): the language picked
from a pair of texts, and certainty levels in words. Upstream of both, so neither imports
the other's module to reach them."""

from __future__ import annotations

from .vocabulary import Certainty

LANGS = ("id", "en")

_CERTAINTY = {
    Certainty.VERIFIED: {"id": "terverifikasi", "en": "verified"},
    Certainty.SINGLE_SOURCE: {"id": "satu sumber", "en": "single source"},
    Certainty.INFERRED: {"id": "disimpulkan", "en": "inferred"},
    Certainty.CONTESTED: {"id": "diperselisihkan", "en": "contested"},
    Certainty.UNRESOLVED: {"id": "belum terselesaikan", "en": "unresolved"},
    Certainty.UNVERIFIED: {"id": "belum terverifikasi", "en": "unverified"},
}


def pick(lang: str, id_text: str | None, en_text: str | None) -> str:
    """The text in the chosen language, falling back to the other one (or "")."""
    return (en_text if lang == "en" else id_text) or id_text or en_text or ""


def certainty_text(level: Certainty, lang: str) -> str:
    """A certainty level in words, in the chosen language."""
    return _CERTAINTY[level][lang]
