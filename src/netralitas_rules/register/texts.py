"""The register's messages: the catalogue's ``register.error.<key>`` in each language
(``data/messages.<lang>.yaml``), and the values that are written in the language of the
message they fill: a day as people write it, an event's kind by its name."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..messages import date_text, msg
from ..problemtext import render_value


def text(key: str, lang: str, **values: object) -> str:
    """The message ``register.error.<key>`` in ``lang`` with ``values`` filled in (each
    value that renders itself, a :class:`Day`, a :class:`KindName`, a problem's Text, in
    ``lang``)."""
    filled = {k: render_value(v, lang) for k, v in values.items()}
    return msg(f"register.error.{key}", lang, **filled)


@dataclass(frozen=True)
class Day:
    """A day, written as people write it in the language asked: '1 Juli 2019'."""

    day: dt.date

    def render(self, lang: str) -> str:
        """The day in ``lang``."""
        return date_text(self.day, lang)

    def __str__(self) -> str:
        return self.render("en")


@dataclass(frozen=True)
class KindName:
    """An event's kind by its name in the language asked ('sanksi dijatuhkan'), never its
    code (``event_kind.<kind>`` of the message catalogues, which the page shows too)."""

    kind: str

    def render(self, lang: str) -> str:
        """The kind's name in ``lang``."""
        return msg(f"event_kind.{self.kind}", lang)

    def __str__(self) -> str:
        return self.render("en")
