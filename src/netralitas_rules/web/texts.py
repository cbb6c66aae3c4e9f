"""The page's texts: its own catalogue (``messages.<lang>.yaml`` beside this module), the
library's names of verdicts, tracks, tiers and certainties (``data/messages``), the names of
the deadline steps (``data/deadlines.yaml``, read by :func:`~netralitas_rules.deadlines.step_name`)
and the choices of the closed vocabularies with their glossary terms (``data/glossary.yaml``)."""

from __future__ import annotations

from enum import StrEnum

from .. import messages
from ..deadlines import shipped_deadlines, step_name
from ..elections import shipped_elections
from ..glossary import VOCABULARY
from ..register import EventKind, ReportSource
from ..vocabulary import (
    ActivityKind,
    AsnStatus,
    Attribute,
    Audience,
    BreachImpact,
    Channel,
    Kinship,
    Office,
    OfficialRole,
    PositionKind,
    TieKind,
    Tier,
    Track,
)

LANGS = ("id", "en")
DEFAULT_LANG = "id"

LIBRARY_PREFIXES = ("verdict.", "track.", "tier.", "certainty.", "month.", "event_kind.")
"""The library's catalogue keys the page shows (names it does not write twice)."""


CATALOGUES: dict[str, dict[str, str]] = {
    lang: messages.load_catalogue(__package__ or "netralitas_rules.web", lang) for lang in LANGS
}
"""The page's own texts by language and key."""


def pick_lang(asked: str | None) -> str:
    """The page's language: ``asked`` when the page has it, else Indonesian."""
    return asked if asked in LANGS else DEFAULT_LANG


def missing_keys() -> dict[str, list[str]]:
    """Per language, the page's keys another language has and it lacks."""
    every = set().union(*CATALOGUES.values())
    return {lang: sorted(every - set(texts)) for lang, texts in CATALOGUES.items()}


def page_texts(lang: str) -> dict[str, str]:
    """Every text the page's templates and script read, in ``lang``."""
    library = {k: v for k, v in messages.CATALOGUES[lang].items() if k.startswith(LIBRARY_PREFIXES)}
    return {**library, **CATALOGUES[lang]}


def step_names(lang: str) -> dict[str, str]:
    """Per deadline step id, what the step is in ``lang``: the deadlines' own label (the
    page's catalogue does not write it again)."""
    return {s.id: step_name(s.id, lang) for s in shipped_deadlines().steps}


CHOICES: dict[str, type[StrEnum]] = {
    "AsnStatus": AsnStatus,
    "PositionKind": PositionKind,
    "Office": Office,
    "ActivityKind": ActivityKind,
    "Channel": Channel,
    "BreachImpact": BreachImpact,
    "Audience": Audience,
    "Attribute": Attribute,
    "Kinship": Kinship,
    "TieKind": TieKind,
    "OfficialRole": OfficialRole,
    "Track": Track,
    "Tier": Tier,
}
"""The closed vocabularies the intake form offers, by class name (the glossary's)."""

EVENT_CHOICES: dict[str, tuple[type[StrEnum], str]] = {
    "EventKind": (EventKind, "event_kind."),
    "ReportSource": (ReportSource, "source."),
}
"""The register's vocabularies the event form offers, with their catalogue prefix."""


def choices(lang: str) -> dict[str, list[tuple[str, str]]]:
    """Per vocabulary, its values and what a person reads for each: the glossary's
    Indonesian term, or its English gloss; the page's texts for the register's (the
    event kinds' names are the library's, which the register's messages use too)."""
    out: dict[str, list[tuple[str, str]]] = {}
    for name, enum in CHOICES.items():
        entries = VOCABULARY[name]
        out[name] = [
            (m.value, _choice_label(m.value, entries[m.value].term, entries[m.value].gloss, lang))
            for m in enum
        ]
    texts = page_texts(lang)
    for name, (enum, prefix) in EVENT_CHOICES.items():
        out[name] = [(m.value, texts[prefix + m.value]) for m in enum]
    out["Election"] = [(e, e) for e in sorted(shipped_elections())]
    return out


def _choice_label(value: str, term: str, gloss: str, lang: str) -> str:
    # An upper-case value is the law's own word (PNS, BUPATI): shown beside the term so a
    # reader of case files recognises it; a lower-case value is English machinery, never shown.
    text = term if lang == "id" else gloss
    return f"{text} ({value})" if value.isupper() and value not in text else text
