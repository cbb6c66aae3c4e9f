"""Text helpers shared by every renderer (the report, the assessment): the language picked
from a pair of texts, and certainty levels in words (from the catalogue,
:mod:`netralitas_rules.messages`). Upstream of both, so neither imports the other's module
to reach them."""

from __future__ import annotations

from .messages import LANGS, certainty_name
from .vocabulary import Certainty


def pick(lang: str, id_text: str | None, en_text: str | None) -> str:
    """The text in the chosen language, falling back to the other one (or "")."""
    return (en_text if lang == "en" else id_text) or id_text or en_text or ""


def certainty_text(level: Certainty, lang: str) -> str:
    """A certainty level in words, in the chosen language."""
    return certainty_name(level, lang)


__all__ = ["LANGS", "certainty_text", "pick"]
