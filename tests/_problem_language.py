"""What the tests of problems in the output language share: :func:`english_left`, the English
left in a text meant to be Indonesian, and :func:`written`, a file written for a test."""

from __future__ import annotations

import re
from pathlib import Path

from netralitas_rules.problemtext import catalogue
from test_cli_help_language import CODE, ENGLISH_WORDS

PLACEHOLDER = re.compile(r"\{[^{}]*\}")
WORD = re.compile(r"(?<!\w)[A-Za-z]{2,}(?!\w)")
"""A word of text: letters alone, so that a key name (``superseded_on``) is none."""


def _english_fragments() -> set[str]:
    """The English words of every problem text, without what is filled in: each piece
    between placeholders with at least two words in it."""
    pieces = PLACEHOLDER.split("\n".join(catalogue("en").values()))
    found = {p.strip(" ;:,()\n") for part in pieces for p in part.split("\n")}
    return {p for p in found if len(WORD.findall(p)) >= 2}


FRAGMENTS = _english_fragments()


def english_left(text: str) -> list[str]:
    """The English in ``text``: common English words outside what it quotes (names,
    values, paths), and any English fragment of a problem text."""
    bare = CODE.sub(" ", text)
    return ENGLISH_WORDS.findall(bare) + [f for f in FRAGMENTS if f in text]


def written(tmp_path: Path, name: str, text: str) -> Path:
    """The file ``name`` under ``tmp_path``, holding ``text``."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path
