"""Pinpoint citations in the statute's own notation, parsed into structure and rendered back.

>>> c = parse_citation("Pasal 5 huruf n angka 2")
>>> [(p.unit, p.label) for p in c.parts]
[('Pasal', '5'), ('huruf', 'n'), ('angka', '2')]
>>> str(parse_citation("Pasal 280 ayat (3)"))
'Pasal 280 ayat (3)'
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, WithJsonSchema

from .errors import CitationError
from .problemtext import Text, text_of


class Unit(StrEnum):
    """Levels of the Indonesian statute hierarchy that a pinpoint can name."""

    LAMPIRAN = "Lampiran"
    BAGIAN = "Bagian"
    PASAL = "Pasal"
    AYAT = "ayat"
    HURUF = "huruf"
    ANGKA = "angka"


# How each unit's label is written; ayat labels are written in parentheses: "ayat (3)".
_LABEL = {
    Unit.LAMPIRAN: r"[IVXL]+",
    Unit.BAGIAN: r"[A-Z][A-Za-z]*",
    Unit.PASAL: r"\d+[A-Z]?",
    Unit.AYAT: r"\(\d+[a-z]?\)",
    Unit.HURUF: r"[a-zA-Z]{1,2}",
    Unit.ANGKA: r"\d+[a-z]?",
}
_TOKEN = re.compile(r"\s*(Penjelasan|Lampiran|Bagian|Pasal|ayat|huruf|angka)\b\s*")
_UNIT_ORDER_HINT = Text("citation.hint")

CITATION_PATTERN = (
    r"^(Penjelasan )?(Lampiran( [IVXL]+)?( |$))?(Bagian [A-Z][A-Za-z]*( |$))?"
    r"((Pasal \d+[A-Z]?|ayat \(\d+[a-z]?\)|huruf [a-zA-Z]{1,2}|angka \d+[a-z]?)( |$))*$"
)


class CitationPart(BaseModel):
    """One level of a pinpoint: a unit and its label (``ayat`` labels without parentheses)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    unit: Unit
    label: str

    def __str__(self) -> str:
        if self.unit is Unit.AYAT:
            return f"ayat ({self.label})"
        return f"{self.unit.value} {self.label}" if self.label else self.unit.value


class Citation(BaseModel):
    """A parsed pinpoint such as ``Pasal 4 angka 12 huruf a``; ``str()`` renders it back."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    parts: tuple[CitationPart, ...]
    penjelasan: bool = False

    def __str__(self) -> str:
        text = " ".join(str(p) for p in self.parts)
        return f"Penjelasan {text}" if self.penjelasan else text

    @property
    def pasal(self) -> str | None:
        """The Pasal label, if the pinpoint names one."""
        return next((p.label for p in self.parts if p.unit is Unit.PASAL), None)


def parse_citation(text: str) -> Citation:
    """Parse a pinpoint written in statute notation.

    Raises :class:`CitationError` naming the offending token and the expected form.

    >>> str(parse_citation("Pasal 52 ayat (3) huruf j"))
    'Pasal 52 ayat (3) huruf j'
    """
    if not isinstance(text, str) or not text.strip():
        raise CitationError(Text("citation.empty", hint=_UNIT_ORDER_HINT))
    rest = " ".join(text.split())
    penjelasan = False
    parts: list[CitationPart] = []
    pos = 0
    while pos < len(rest):
        m = _TOKEN.match(rest, pos)
        if not m:
            word = rest[pos:].split(" ")[0]
            raise CitationError(
                Text("citation.unexpected", word=word, text=text, hint=_UNIT_ORDER_HINT)
            )
        word = m.group(1)
        pos = m.end()
        if word == "Penjelasan":
            if parts or penjelasan:
                raise CitationError(Text("citation.penjelasan_first", text=text))
            penjelasan = True
            continue
        unit = Unit(word)
        label_match = re.compile(_LABEL[unit]).match(rest, pos)
        end = label_match.end() if label_match else pos
        if label_match and (end == len(rest) or rest[end] == " "):
            label = label_match.group(0)
            pos = end
        elif unit is Unit.LAMPIRAN:
            label = ""
        else:
            got = rest[pos:].split(" ")[0] or Text("citation.nothing")
            raise CitationError(
                Text(
                    "citation.needs_label",
                    unit=unit.value,
                    example=_example(unit),
                    got=got,
                    text=text,
                )
            )
        if unit is Unit.AYAT:
            if not parts or parts[-1].unit is not Unit.PASAL:
                raise CitationError(
                    Text("citation.ayat_after_pasal", text=text, hint=_UNIT_ORDER_HINT)
                )
            label = label[1:-1]
        if any(p.unit is unit for p in parts) and unit in (Unit.PASAL, Unit.AYAT, Unit.LAMPIRAN):
            raise CitationError(Text("citation.twice", unit=unit.value, text=text))
        parts.append(CitationPart(unit=unit, label=label))
        while pos < len(rest) and rest[pos] == " ":
            pos += 1
    if not parts:
        raise CitationError(Text("citation.no_unit", text=text, hint=_UNIT_ORDER_HINT))
    return Citation(parts=tuple(parts), penjelasan=penjelasan)


def _example(unit: Unit) -> str:
    return {
        Unit.LAMPIRAN: "Lampiran I",
        Unit.BAGIAN: "Bagian A",
        Unit.PASAL: "Pasal 5",
        Unit.AYAT: "ayat (3)",
        Unit.HURUF: "huruf n",
        Unit.ANGKA: "angka 2",
    }[unit]


def _coerce(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return parse_citation(value)
        except CitationError as exc:
            raise ValueError(text_of(exc) or str(exc)) from None
    return value


CitationText = Annotated[
    Citation,
    BeforeValidator(_coerce),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": CITATION_PATTERN,
            "description": "Pinpoint in statute notation, e.g. 'Pasal 5 huruf n angka 2'.",
            "examples": ["Pasal 5 huruf n angka 2", "Pasal 280 ayat (3)", "huruf e"],
        },
        mode="validation",
    ),
]
"""A citation field that rule files write as text and the library holds parsed."""


def _checked_pinpoint(value: str | None) -> str | None:
    if value is not None:
        try:
            parse_citation(value)
        except CitationError as exc:
            raise ValueError(text_of(exc) or str(exc)) from None
    return value


PinpointText = Annotated[str | None, AfterValidator(_checked_pinpoint)]
"""An optional pinpoint kept as the text written, checked to follow the statute notation
(data files that cite an article without the rule files' parsed form)."""
