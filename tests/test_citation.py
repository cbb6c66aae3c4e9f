"""Pinpoint citations: statute notation parsed into structure and rendered back."""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netralitas_rules import Citation, CitationError, CitationPart, NetralitasError, parse_citation
from netralitas_rules.citation import CITATION_PATTERN, Unit
from netralitas_rules.regulation import Instrument, citation_text

HINT = "write it as e.g. 'Pasal 5 huruf n angka 2' or 'Pasal 280 ayat (3)'"

_ROMAN = st.sampled_from(["I", "II", "III", "IV", "V", "IX", "X", "XL", "L"])
_PASAL = st.builds(
    lambda n, suffix: f"{n}{suffix}", st.integers(1, 600), st.sampled_from(["", "A", "B"])
)
_NUMBER = st.builds(lambda n, s: f"{n}{s}", st.integers(1, 40), st.sampled_from(["", "a"]))
# Drawn from an explicit alphabet: ``st.from_regex`` builds its strategy (and hypothesis's
# Unicode tables) inside the first draw, which took over a second on a fresh clone and failed
# the too-slow health check.
_LETTERS = st.text(alphabet=string.ascii_lowercase, min_size=1, max_size=2)


@st.composite
def pinpoints(draw: st.DrawFn) -> str:
    """Valid pinpoints in statute notation, built level by level."""
    words: list[str] = []
    if draw(st.booleans()):
        words.append("Penjelasan")
    if draw(st.integers(0, 4)) == 0:
        words.append("Lampiran")
        if draw(st.booleans()):
            words.append(draw(_ROMAN))
    if draw(st.integers(0, 4)) == 0:
        words += ["Bagian", draw(st.sampled_from(["A", "B", "Kesatu", "Kedua"]))]
    if draw(st.booleans()) or (len(words) in (0, 1) and words[:1] == ["Penjelasan"]):
        words += ["Pasal", draw(_PASAL)]
        if draw(st.booleans()):
            words += ["ayat", f"({draw(_NUMBER)})"]
    for _ in range(draw(st.integers(0, 3))):
        if draw(st.booleans()):
            words += ["huruf", draw(_LETTERS)]
        else:
            words += ["angka", draw(_NUMBER)]
    if not words or words == ["Penjelasan"]:
        words += ["huruf", "e"]
    return " ".join(words)


@given(pinpoints())
def test_round_trip(text: str) -> None:
    """Every valid pinpoint renders back to exactly the text it was parsed from."""
    citation = parse_citation(text)
    assert str(citation) == text
    assert parse_citation(str(citation)) == citation


@given(pinpoints())
def test_json_schema_pattern_accepts_valid_pinpoints(text: str) -> None:
    """The JSON Schema pattern an editor uses accepts every pinpoint the parser accepts."""
    assert re.match(CITATION_PATTERN, text)


@given(pinpoints(), st.lists(st.sampled_from([" ", "  ", "\t"]), min_size=1))
def test_whitespace_is_normalised(text: str, spaces: list[str]) -> None:
    """Runs of whitespace between words do not change the parsed citation."""
    words = text.split(" ")
    spaced = "".join(w + spaces[i % len(spaces)] for i, w in enumerate(words))
    assert parse_citation(spaced) == parse_citation(text)


@given(st.text(max_size=40))
def test_arbitrary_text_parses_or_raises_citation_error(text: str) -> None:
    """Any text either parses to a citation that round-trips, or raises CitationError."""
    try:
        citation = parse_citation(text)
    except CitationError:
        return
    assert parse_citation(str(citation)) == citation


def test_structure_of_a_pinpoint() -> None:
    """Parts come out in order, with ayat labels stripped of their parentheses."""
    c = parse_citation("Penjelasan Pasal 52 ayat (3) huruf j angka 1")
    assert c.penjelasan is True
    assert [(p.unit, p.label) for p in c.parts] == [
        (Unit.PASAL, "52"),
        (Unit.AYAT, "3"),
        (Unit.HURUF, "j"),
        (Unit.ANGKA, "1"),
    ]
    assert c.pasal == "52"
    assert parse_citation("huruf e").pasal is None
    assert c == Citation(
        parts=(
            CitationPart(unit=Unit.PASAL, label="52"),
            CitationPart(unit=Unit.AYAT, label="3"),
            CitationPart(unit=Unit.HURUF, label="j"),
            CitationPart(unit=Unit.ANGKA, label="1"),
        ),
        penjelasan=True,
    )


def test_full_citation_text() -> None:
    """A pinpoint followed by the instrument's citation name."""
    inst = Instrument(
        id="pp-94-2021",
        kind="PP",
        number="94",
        year=2021,
        title="t",
        title_en="t",
        short_name="PP 94/2021",
    )
    assert citation_text(inst, parse_citation("Pasal 5 huruf n angka 2")) == (
        "Pasal 5 huruf n angka 2 Peraturan Pemerintah Nomor 94 Tahun 2021"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", f"a citation must be non-empty text; {HINT}"),
        ("   ", f"a citation must be non-empty text; {HINT}"),
        ("Pasal", "Pasal needs a label like 'Pasal 5', got 'nothing' in 'Pasal'"),
        ("Pasal lima", "Pasal needs a label like 'Pasal 5', got 'lima' in 'Pasal lima'"),
        ("Pasal 5 ayat 3", "ayat needs a label like 'ayat (3)', got '3' in 'Pasal 5 ayat 3'"),
        ("Pasal 5 huruf", "huruf needs a label like 'huruf n', got 'nothing' in 'Pasal 5 huruf'"),
        (
            "Pasal 5 angka dua",
            "angka needs a label like 'angka 2', got 'dua' in 'Pasal 5 angka dua'",
        ),
        ("ayat (3)", f"ayat must follow a Pasal in 'ayat (3)'; {HINT}"),
        ("Pasal 5 Pasal 6", "Pasal appears twice in 'Pasal 5 Pasal 6'"),
        ("Pasal 5 Penjelasan", "'Penjelasan' must open the citation 'Pasal 5 Penjelasan'"),
        (
            "Bab 5",
            "unexpected 'Bab' in citation 'Bab 5'; units are Pasal, ayat, huruf, angka, Bagian, "
            f"Lampiran; {HINT}",
        ),
        (
            "pasal 5",
            "unexpected 'pasal' in citation 'pasal 5'; units are Pasal, ayat, huruf, angka, "
            f"Bagian, Lampiran; {HINT}",
        ),
        ("Penjelasan", f"citation 'Penjelasan' names no unit; {HINT}"),
    ],
)
def test_citation_error_messages(text: str, message: str) -> None:
    """Each malformed pinpoint raises CitationError with a message that says how to fix it."""
    with pytest.raises(CitationError) as info:
        parse_citation(text)
    assert str(info.value) == message


def test_citation_error_hierarchy() -> None:
    """CitationError is a NetralitasError and a ValueError."""
    assert issubclass(CitationError, NetralitasError)
    assert issubclass(CitationError, ValueError)


def test_non_text_is_refused() -> None:
    """A number where a pinpoint belongs is a CitationError, not a crash."""
    with pytest.raises(CitationError):
        parse_citation(5)  # type: ignore[arg-type]
