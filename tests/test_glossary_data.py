"""The glossary is a data file lawyers edit (``data/glossary.yaml``): read once, checked
against its shape and the vocabularies, with located errors; the rendered glossary is the
one ``docs/glossary.md`` holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from netralitas_rules import RuleFileError
from netralitas_rules.glossary import (
    DESCRIPTIONS,
    FACT_TERMS,
    NO_ARTICLE,
    VOCABULARY,
    glossary_markdown,
    load_glossary,
    load_glossary_file,
    missing_entries,
    vocabulary_enums,
)
from test_cli_help_language import ENGLISH_WORDS

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


def test_every_vocabulary_is_described_in_both_languages() -> None:
    """Each closed vocabulary has its one-line description in Indonesian and English in the
    data file (it was the class docstring, English only and cut at its first line)."""
    assert sorted(DESCRIPTIONS) == sorted(vocabulary_enums())
    assert missing_entries() == []
    for name, about in DESCRIPTIONS.items():
        assert about.description != about.description_en, name
        assert ENGLISH_WORDS.findall(about.description) == [], (name, about.description)


def test_the_indonesian_glossary_says_its_descriptions_and_notes_in_indonesian() -> None:
    """Outside the column of English glosses, the Indonesian glossary carries no English:
    the descriptions are the Indonesian ones and an article's qualifier is said in the
    reader's language (the article itself is a citation, the same in both)."""
    indonesian, english = glossary_markdown("id"), glossary_markdown("en")
    for about in DESCRIPTIONS.values():
        assert f"\n{about.description}\n" in indonesian
        assert f"\n{about.description_en}\n" in english
        assert about.description_en not in indonesian
    karawang = (
        "| menghadiri acara partai politik | `party_event_attendance` | attending a party event |"
    )
    assert f"{karawang} Bawaslu Karawang (daftar yang diterbitkannya, tanpa pasal) |" in indonesian
    assert f"{karawang} Bawaslu Karawang (a list it published, no article) |" in english
    assert "| PP 94/2021 Pasal 43 (satu sumber) |" in indonesian
    assert "| PP 94/2021 Pasal 43 (1 source) |" in english
    articles = [row.rsplit("|", 2)[1] for row in indonesian.splitlines() if row.startswith("| ")]
    assert [a for a in articles if ENGLISH_WORDS.search(a) or "source" in a] == []


def test_a_description_of_an_unknown_vocabulary_is_located() -> None:
    """A description under `descriptions` for a class that does not exist names its line
    and the near name, like an unknown vocabulary of entries."""
    text = b"descriptions:\n  Teir:\n    description: x\n    description_en: y\n" + GOOD
    with pytest.raises(RuleFileError) as info:
        load_glossary_file(text, "glossary.yaml")
    assert str(info.value).startswith("glossary.yaml:2:3: descriptions.Teir: ")
    assert "'Tier'" in str(info.value)


def test_an_article_note_outside_the_closed_list_is_refused() -> None:
    """`article_note` takes one of three qualifiers, each said in the reader's language."""
    text = GOOD.replace(
        b"      article: PP 94/2021 Pasal 8\n",
        b"      article: PP 94/2021 Pasal 8\n      article_note: maybe\n",
    )
    assert _error(text) == (
        "glossary.yaml:7:7: vocabulary.Tier.SEDANG.article_note: Input should be "
        "'single_source', 'list_without_article' or 'angka_unseen'"
    )
