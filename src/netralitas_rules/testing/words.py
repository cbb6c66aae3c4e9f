"""The values that the texts of policy-writer tests and of properties are filled with, each
written in the language of the text it fills (a problem's :class:`~..problemtext.Text`
renders its values in its own language): in English as the library always wrote them (the
code, the ISO date), in Indonesian by their names ('hukuman disiplin', 'sedang',
'ikut kampanye (peserta kampanye)', '10 Januari 2024')."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..glossary import value_term
from ..messages import date_text, msg

__all__ = [
    "Count",
    "Day",
    "Named",
    "Term",
    "count",
    "day_or_value",
    "kind_name",
    "property_label",
]


@dataclass(frozen=True)
class Named:
    """A value of a closed vocabulary with a name in the message catalogues (``track``,
    ``tier``): its code in English, its name (``<group>.<value>``) in another language."""

    group: str
    value: str

    def render(self, lang: str) -> str:
        """The code in English, the name in ``lang`` otherwise."""
        return self.value if lang == "en" else msg(f"{self.group}.{self.value}", lang)

    def __str__(self) -> str:
        return self.render("en")


@dataclass(frozen=True)
class Term:
    """A value of a closed-vocabulary fact (a kind of act, an attribute): its code in
    English, the glossary's term in Indonesian ('ikut kampanye (peserta kampanye)')."""

    fact: str
    value: str

    def render(self, lang: str) -> str:
        """The code in English, the glossary's term in ``lang`` otherwise."""
        return self.value if lang == "en" else value_term(self.fact, self.value, lang)

    def __str__(self) -> str:
        return self.render("en")


def kind_name(kind: str) -> Term:
    """A kind of act (``activity.kind``) as a :class:`Term`."""
    return Term("activity.kind", kind)


def day_or_value(value: object) -> object:
    """A day as a :class:`Day`; a value that is not a plain day (a range, unknown) as it is."""
    return Day(value) if isinstance(value, dt.date) else value


@dataclass(frozen=True)
class Day:
    """A day: ISO in English ('2024-01-10'), in words in Indonesian ('10 Januari 2024')."""

    day: dt.date

    def render(self, lang: str) -> str:
        """The day in ``lang``."""
        return self.day.isoformat() if lang == "en" else date_text(self.day, lang)

    def __str__(self) -> str:
        return self.render("en")


def count(value: int, lang: str) -> str:
    """A count: digits alone in English (as the library always wrote them), with the
    thousands separated by points in Indonesian ('1.234')."""
    return str(value) if lang == "en" else f"{value:,}".replace(",", ".")


@dataclass(frozen=True)
class Count:
    """A count as :func:`count` writes it, in the language of the text it fills."""

    value: int

    def render(self, lang: str) -> str:
        """The count in ``lang``."""
        return count(self.value, lang)

    def __str__(self) -> str:
        return self.render("en")


def property_label(name: str, lang: str) -> str:
    """A property as ``netralitas prove`` names it: its id in English ('determinism'), a
    short description with the id in Indonesian, which ``--only`` takes
    ("hasilnya sama setiap kali dinilai ('determinism')")."""
    return msg(f"property.{name.replace(' ', '_')}", lang)
