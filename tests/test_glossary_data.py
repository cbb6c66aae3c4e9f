"""The glossary is a data file lawyers edit (``data/glossary.yaml``): read once, checked
against its shape and the vocabularies, with located errors; the rendered glossary is the
one ``docs/glossary.md`` holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from netralitas_rules import RuleFileError
from netralitas_rules.glossary import (
    FACT_TERMS,
    NO_ARTICLE,
    VOCABULARY,
    glossary_markdown,
    load_glossary,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "netralitas_rules" / "data" / "glossary.yaml"

GOOD = b"""\
vocabulary:
  Tier:
    SEDANG:
      term: hukuman disiplin sedang
      gloss: moderate discipline sanction
      article: PP 94/2021 Pasal 8
facts:
  asn.status:
    term: status kepegawaian
    gloss: employment status
"""


def _error(text: bytes) -> str:
    with pytest.raises(RuleFileError) as info:
        load_glossary(text, "glossary.yaml")
    return str(info.value)


def test_the_rendered_glossary_is_the_committed_one() -> None:
    """`netralitas rules glossary` renders docs/glossary.md byte for byte from the data file."""
    assert glossary_markdown("en") == (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")


def test_the_shipped_file_is_what_the_module_holds() -> None:
    """The module's entries are the shipped file's, read once at import."""
    assert load_glossary(DATA.read_bytes()) == (VOCABULARY, FACT_TERMS)


def test_an_entry_without_article_is_a_machinery_term() -> None:
    """Leaving out `article` means the law does not define the term (rendered —)."""
    vocab, facts = load_glossary(GOOD)
    assert vocab["Tier"]["SEDANG"].article == "PP 94/2021 Pasal 8"
    assert facts["asn.status"].article == NO_ARTICLE


def test_an_unknown_value_is_located_with_a_suggestion() -> None:
    """A value that is not in the vocabulary names its line, the near value and the allowed."""
    text = GOOD.replace(b"    SEDANG:", b"    SEDAGN:")
    assert _error(text) == (
        "glossary.yaml:3:5: vocabulary.Tier.SEDAGN: 'SEDAGN' is not a value of Tier; did you "
        "mean 'SEDANG'?; allowed: RINGAN, SEDANG, BERAT"
    )


def test_an_unknown_fact_path_and_a_missing_gloss_are_both_reported() -> None:
    """Shape problems come located, with every problem of the file at once."""
    text = GOOD.replace(b"      gloss: moderate discipline sanction\n", b"")
    assert _error(text) == (
        "glossary.yaml:3:5: vocabulary.Tier.SEDANG.gloss: required key is missing; add it"
    )
    text = GOOD.replace(b"  asn.status:", b"  asn.statsu:")
    assert _error(text) == (
        "glossary.yaml:8:3: facts.asn.statsu: unknown fact path 'asn.statsu'; did you mean "
        "'asn.status'?; see FACTS"
    )
