"""Did-you-mean hints for keys and closed vocabularies.

A slip of case (``calon``, ``Sedang``), or the value's Indonesian term or English gloss from
the glossary (``jabatan pelaksana``, ``moderate discipline sanction``), points at the value
meant, as a near spelling does.

>>> suggest("sedang", ["RINGAN", "SEDANG", "BERAT"])
"; did you mean 'SEDANG'?"
"""

from __future__ import annotations

import difflib
import functools
import importlib.resources
import re
from collections.abc import Mapping, Sequence

import yaml

from .problemtext import Text


def suggest(word: str, choices: Sequence[str]) -> str:
    """A ``did you mean`` hint, or an empty string."""
    meant = closest(word, choices)
    return f"; did you mean {meant!r}?" if meant is not None else ""


def suggestion(word: str, choices: Sequence[str]) -> Text | str:
    """:func:`suggest` as a Text (``problem.hint.did_you_mean``), for a message rendered
    in the output language; an empty string when no choice is near."""
    meant = closest(word, choices)
    return Text("hint.did_you_mean", meant=meant) if meant is not None else ""


def closest(word: str, choices: Sequence[str]) -> str | None:
    """The choice ``word`` most likely means: the same ignoring case, a value whose glossary
    term or gloss is ``word``, else the nearest spelling (ignoring case); None if none is
    near."""
    folded = word.casefold().strip()
    by_fold = {c.casefold(): c for c in choices}
    if folded in by_fold:
        return by_fold[folded]
    names = synonyms()
    for choice in choices:
        if folded in names.get(choice, ()):
            return choice
    close = difflib.get_close_matches(folded, list(by_fold), n=1, cutoff=0.6)
    return by_fold[close[0]] if close else None


def expected_values(expected: str) -> list[str]:
    """The values in pydantic's ``expected`` text (``"'PNS', 'PPPK' or 'CPNS'"``)."""
    return re.findall(r"'([^']*)'", expected)


@functools.cache
def synonyms() -> Mapping[str, frozenset[str]]:
    """Each vocabulary value's other names, folded: its term and gloss from the glossary data."""
    text = (importlib.resources.files("netralitas_rules.data") / "glossary.yaml").read_text(
        encoding="utf-8"
    )
    data = yaml.safe_load(text) or {}
    names: dict[str, set[str]] = {}
    for values in (data.get("vocabulary") or {}).values():
        for value, entry in (values or {}).items():
            if not isinstance(entry, dict):
                continue
            found = names.setdefault(str(value), set())
            for key in ("term", "gloss"):
                label = str(entry.get(key) or "").casefold().strip()
                if label:
                    found.add(label)
    return {value: frozenset(found) for value, found in names.items()}
