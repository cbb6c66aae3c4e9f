"""The problems of a case file, a request's data and batch records follow the output
language: Indonesian by default with no English left, ``--lang en`` (or ``Accept-Language:
en``) the library's English word for word; each problem keeps its code in every language
(``data/problems.<lang>.yaml``, :mod:`netralitas_rules.problemtext`).

Here: the catalogues and pydantic's kinds. The case files through ``netralitas check`` are in
``test_case_file_language.py``; the batch, the register, the service and the other commands
in ``test_output_problem_language.py``. :func:`english_left` lives in ``_problem_language.py``
and stays importable from here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic_core import PydanticKnownError

from _problem_language import PLACEHOLDER, english_left
from netralitas_rules.problemtext import catalogue
from netralitas_rules.pydantic_texts import MAPPED, pydantic_text
from test_cli_help_language import CODE, ENGLISH_WORDS
from test_messages import denied

__all__ = ["english_left"]

KEY_NAME = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")
"""A key or field name as a rule author writes it (``tier_basis``, ``effective_from``):
code, kept as it is in every language."""
SOURCES = Path(__file__).resolve().parent.parent / "src" / "netralitas_rules"
USED_CODE = re.compile(r"\bText\(\s*\"([\w.]+)\"")


# ------------------------------------------------------------------------ the catalogue


def test_every_problem_key_is_in_both_languages() -> None:
    assert set(catalogue("id")) == set(catalogue("en"))


def test_every_code_the_library_uses_has_its_text_in_both_languages() -> None:
    """Each ``Text("code")`` written in the sources (rule files, case files, batch, ...) has
    its ``problem.code`` in both catalogues, so no problem fails to render."""
    used = {
        code
        for path in SOURCES.rglob("*.py")
        for code in USED_CODE.findall(path.read_text(encoding="utf-8"))
    }
    assert len(used) > 100
    for lang in ("en", "id"):
        assert sorted(c for c in used if f"problem.{c}" not in catalogue(lang)) == [], lang


def test_each_text_has_the_same_placeholders_in_both_languages() -> None:
    """Every value is shown in both languages (pydantic's English plural ending and type
    name aside)."""
    for key, english in catalogue("en").items():
        names = set(PLACEHOLDER.findall(english)) - {"{expected_plural}", "{field_type}"}
        assert set(PLACEHOLDER.findall(catalogue("id")[key])) == names, key


def test_the_indonesian_catalogue_carries_no_english_word() -> None:
    """No Indonesian problem text carries a common English word or a denied piece of the
    report's check, placeholders aside, and the key names a rule author writes (the report's
    check denies such code names in text for people)."""
    for key, text in catalogue("id").items():
        bare = PLACEHOLDER.sub("…", text)
        assert ENGLISH_WORDS.findall(CODE.sub(" ", bare)) == [], key
        assert denied(KEY_NAME.sub("…", bare)) == [], key


def test_the_english_check_catches_the_old_messages() -> None:
    assert english_left("x.yaml:1:1: asn.status: required key is missing; add it")
    assert english_left("x.yaml:1:1: (document): the file is empty")


_CTX = {
    "less_than_equal": {"le": 10000000},
    "greater_than_equal": {"ge": 0},
    "less_than": {"lt": 5},
    "greater_than": {"gt": 0},
    "multiple_of": {"multiple_of": 2},
    "string_too_long": {"max_length": 200},
    "string_too_short": {"min_length": 1},
    "too_long": {"field_type": "Tuple", "max_length": 1, "actual_length": 3},
    "too_short": {"field_type": "List", "min_length": 2, "actual_length": 0},
    "string_pattern_mismatch": {"pattern": "^x$"},
    "enum": {"expected": "'PNS', 'PPPK' or 'CPNS'"},
    "literal_error": {"expected": "'a' or 'b'"},
    "date_parsing": {"error": "input is too short"},
    "date_from_datetime_parsing": {"error": "month value is outside expected range of 1-12"},
    "datetime_parsing": {"error": "input is too short"},
    "model_type": {"class_name": "ASN"},
    "union_tag_invalid": {"discriminator": "'kind'", "tag": "x", "expected_tags": "'a', 'b'"},
    "union_tag_not_found": {"discriminator": "'kind'"},
    "json_invalid": {"error": "EOF while parsing a value at line 1 column 0"},
    "value_error": {"error": "the range ends"},
}


@pytest.mark.parametrize("kind", sorted(MAPPED))
def test_each_pydantic_kind_is_pydantics_english_and_indonesian_without_english(
    kind: str,
) -> None:
    """The English of each mapped kind is pydantic's own message; the Indonesian has no
    English."""
    ctx = _CTX.get(kind)
    text = pydantic_text({"type": kind, "ctx": ctx or {}, "msg": "", "loc": (), "input": 1})
    assert text.render("en") == PydanticKnownError(kind, ctx).message()  # type: ignore[arg-type]
    assert english_left(text.render("id")) == [], text.render("id")


def test_a_kind_not_mapped_keeps_pydantics_english_and_says_invalid_in_indonesian() -> None:
    err = {"type": "url_parsing", "msg": "Input should be a valid URL", "loc": (), "input": 1}
    assert pydantic_text(err).render("en") == "Input should be a valid URL"
    assert pydantic_text(err).render("id") == "nilainya tidak sah"
