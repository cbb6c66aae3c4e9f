"""The glossary: each vocabulary value and fact path with its Indonesian term, English gloss
and the article that defines or uses it, rendered as ``docs/glossary.md``.

The entries are data written by hand in ``data/glossary.yaml``, since a term's gloss and
defining article are legal knowledge (lawyers edit the file, not Python); they are read once,
checked (unknown vocabularies, values and fact paths are located errors), and
:func:`missing_entries` names every vocabulary value or fact path without an entry,
so a test keeps the glossary complete. A defining article is given only where
``legal-basis.md`` records it; "—" marks machinery terms the law does not define.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from enum import StrEnum
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from . import vocabulary
from .errors import Problem, RuleFileError
from .facts import FACTS
from .hints import suggestion
from .problemtext import Text
from .yamlpos import Located

NO_ARTICLE = "—"


class GlossaryEntry(BaseModel):
    """One term: Indonesian wording, English gloss, and where the law defines or uses it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    term: str = Field(min_length=1)
    gloss: str = Field(min_length=1)
    article: str = Field(default=NO_ARTICLE, min_length=1)
    # A qualifier said in the reader's language (catalogue key glossary.note.<value>), so the
    # article itself stays a citation both languages print as it is.
    article_note: Literal["single_source", "list_without_article", "angka_unseen"] | None = None


class VocabularyText(BaseModel):
    """What a closed vocabulary is, in one line per language."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    description: str = Field(min_length=1)
    description_en: str = Field(min_length=1)

    def text(self, lang: str) -> str:
        """The description in ``lang`` (Indonesian unless ``"en"``)."""
        return self.description_en if lang == "en" else self.description


class GlossaryFile(BaseModel):
    """``data/glossary.yaml``: each vocabulary's description, entries by vocabulary class
    name and value, and by fact path."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    descriptions: dict[str, VocabularyText] = Field(default_factory=dict)
    vocabulary: dict[str, dict[str, GlossaryEntry]]
    facts: dict[str, GlossaryEntry]


def load_glossary(
    raw: bytes, label: str = "glossary.yaml"
) -> tuple[dict[str, dict[str, GlossaryEntry]], dict[str, GlossaryEntry]]:
    """The vocabulary and fact entries of a glossary file, checked: every vocabulary, value
    and fact path must exist. Raises :class:`RuleFileError` with every problem, located."""
    glossary = load_glossary_file(raw, label)
    return glossary.vocabulary, glossary.facts


def load_glossary_file(raw: bytes, label: str = "glossary.yaml") -> GlossaryFile:
    """A whole glossary file (descriptions included), checked as :func:`load_glossary`
    checks it."""
    from .loader import validate_located  # the loader's positioned validation
    from .yamlpos import read_yaml

    located = read_yaml(raw, label, core_schema=True)
    obj, problems = validate_located(located, GlossaryFile)
    if obj is not None:
        problems = list(_unknown_names(located, obj))
    if problems or obj is None:
        raise RuleFileError(problems)
    glossary: GlossaryFile = obj
    return glossary


def _unknown_vocabulary(located: Located, section: str, name: str, known: list[str]) -> Problem:
    """A vocabulary name under ``section`` that no closed vocabulary has."""
    return located.problem(
        (section, name),
        Text(
            "glossary.unknown_vocabulary",
            name=name,
            hint=suggestion(name, known),
            allowed=", ".join(known),
        ),
    )


def _unknown_names(located: Located, glossary: GlossaryFile) -> Iterator[Problem]:
    enums = vocabulary_enums()
    known = sorted(enums)
    for name in glossary.descriptions:
        if name not in enums:
            yield _unknown_vocabulary(located, "descriptions", name, known)
    for name, entries in glossary.vocabulary.items():
        enum = enums.get(name)
        if enum is None:
            yield _unknown_vocabulary(located, "vocabulary", name, known)
            continue
        values = [m.value for m in enum]
        for value in entries:
            if value not in values:
                yield located.problem(
                    ("vocabulary", name, value),
                    Text(
                        "glossary.not_a_value",
                        value=value,
                        name=name,
                        hint=suggestion(value, values),
                        allowed=", ".join(values),
                    ),
                )
    for path in glossary.facts:
        if path not in FACTS:
            yield located.problem(
                ("facts", path),
                Text("glossary.unknown_fact", path=path, hint=suggestion(path, list(FACTS))),
            )


def vocabulary_enums() -> dict[str, type[StrEnum]]:
    """Every closed vocabulary defined in :mod:`netralitas_rules.vocabulary`, by class name."""
    return {
        name: obj
        for name, obj in inspect.getmembers(vocabulary, inspect.isclass)
        if issubclass(obj, StrEnum) and obj.__module__ == vocabulary.__name__
    }


_SHIPPED = load_glossary_file(
    resources.files("netralitas_rules.data").joinpath("glossary.yaml").read_bytes()
)
VOCABULARY, FACT_TERMS = _SHIPPED.vocabulary, _SHIPPED.facts
"""The shipped entries, read once: by vocabulary class name and value, and by fact path."""
DESCRIPTIONS: dict[str, VocabularyText] = _SHIPPED.descriptions
"""What each vocabulary is, by class name, in both languages."""


def value_term(fact: str, value: str, lang: str) -> str:
    """A value of a closed-vocabulary fact as people read it: the glossary's Indonesian term
    in Indonesian, the value with its gloss in English; any other value as it is.

    >>> value_term("activity.attributes_worn", "party", "id")
    'atribut partai'
    """
    spec = FACTS.get(fact)
    enum = spec.enum if spec is not None else None
    entry = VOCABULARY.get(enum.__name__, {}).get(value) if enum is not None else None
    if entry is None:
        return value
    return entry.term if lang == "id" else f"{value} ({entry.gloss})"


def missing_entries() -> list[str]:
    """Vocabularies without a description, and vocabulary values (``Enum.value``) and fact
    paths that have no glossary entry."""
    missing = [f"description {name}" for name in vocabulary_enums() if name not in DESCRIPTIONS]
    missing += [
        f"{name}.{member.value}"
        for name, enum in vocabulary_enums().items()
        for member in enum
        if member.value not in VOCABULARY.get(name, {})
    ]
    missing += [f"fact {path}" for path in FACTS if path not in FACT_TERMS]
    return missing


def _article(entry: GlossaryEntry, lang: str) -> str:
    """The entry's article with its qualifier in ``lang``."""
    from .messages import msg

    if entry.article_note is None:
        return entry.article
    return f"{entry.article} ({msg(f'glossary.note.{entry.article_note}', lang)})"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def glossary_markdown(lang: str = "id") -> str:
    """``docs/glossary.md`` (``lang="en"``; Indonesian by default): one table per
    vocabulary, then the fact paths. The headings and labels come from the message
    catalogues (``glossary.*``), each vocabulary's one-line description and each article's
    qualifier from the glossary file, in ``lang``."""
    from .messages import msg

    intro = msg("glossary.intro", lang, source="src/netralitas_rules/data/glossary.yaml")
    lines = [f"# {msg('glossary.title', lang)}", "", intro, ""]
    header = [msg("glossary.header", lang), "|---|---|---|---|"]
    for name, enum in vocabulary_enums().items():
        about = DESCRIPTIONS.get(name)
        lines += [f"## {name}", "", about.text(lang) if about is not None else "", ""]
        lines += header
        for member in enum:
            entry = VOCABULARY.get(name, {}).get(member.value)
            if entry is not None:
                lines.append(
                    f"| {_cell(entry.term)} | `{member.value}` | {_cell(entry.gloss)} | "
                    f"{_cell(_article(entry, lang))} |"
                )
        lines.append("")
    lines += [f"## {msg('glossary.facts', lang)}", "", msg("glossary.facts_intro", lang), ""]
    lines += header
    for path, spec in FACTS.items():
        entry = FACT_TERMS.get(path)
        if entry is not None:
            derived = msg("glossary.derived", lang) if spec.derived else ""
            lines.append(
                f"| {_cell(entry.term)} | `{path}`{derived} | {_cell(entry.gloss)} | "
                f"{_cell(_article(entry, lang))} |"
            )
    return "\n".join(lines) + "\n"


__all__ = [
    "DESCRIPTIONS",
    "FACT_TERMS",
    "VOCABULARY",
    "GlossaryEntry",
    "GlossaryFile",
    "VocabularyText",
    "glossary_markdown",
    "load_glossary",
    "load_glossary_file",
    "missing_entries",
    "value_term",
    "vocabulary_enums",
]
