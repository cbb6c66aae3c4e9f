"""One answer to one question of :func:`netralitas_rules.questions`: the choices shown, and
the text (or file value) read as a value the case file holds.

An answer may be a value of the fact (``true``, ``ADMINISTRATOR``), the Indonesian or English
word for it (``ya``, ``yes``, ``jabatan administrator``), the number of a listed choice, or
"tidak tahu" / "don't know", which keeps the fact unknown (:data:`DONT_KNOW`). A date answers
a date question in ISO form, as ``10/03/2019`` or as ``10 Maret 2019``; the act's date must
fall inside the range the case gives.

>>> spec = answer_spec("activity.used_position")
>>> read_answer(spec, "Ya", "id")
True
>>> read_answer(spec, "tidak tahu", "id") is DONT_KNOW
True
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from .errors import NetralitasError
from .facts import FACTS, FactType
from .glossary import value_term
from .hints import closest, synonyms
from .messages import LANGS, date_text, msg


class DontKnow:
    """The answer "tidak tahu" / "don't know": the fact stays unknown."""

    def __repr__(self) -> str:
        return "DONT_KNOW"


DONT_KNOW = DontKnow()
"""The one :class:`DontKnow` answer."""

_DONT_KNOW_WORDS = frozenset({"tidak tahu", "tdk tahu", "don't know", "dont know", "unknown", "?"})
_YES = frozenset({"ya", "iya", "y", "yes", "true", "benar"})
_NO = frozenset({"tidak", "tdk", "no", "n", "false", "salah", "bukan"})


class AnswerError(NetralitasError, ValueError):
    """An answer that is not one the question allows; ``text(lang)`` says what is allowed."""

    def __init__(self, key: str, **values: str) -> None:
        self.key = key
        self.values = values
        super().__init__(self.text("en"))

    def text(self, lang: str) -> str:
        """The message in ``lang``: what was wrong, and what is allowed."""
        return msg(self.key, lang, **self.values)


@dataclass(frozen=True)
class AnswerSpec:
    """What an answer to one fact may be: the fact's type, and for an act's date the range."""

    fact: str
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def kind(self) -> FactType:
        return FACTS[self.fact].value_type

    @property
    def many(self) -> bool:
        return FACTS[self.fact].many

    @property
    def values(self) -> tuple[str, ...]:
        """The allowed values of an enum fact ('' for others)."""
        return FACTS[self.fact].allowed


def answer_spec(fact: str, start: dt.date | None = None, end: dt.date | None = None) -> AnswerSpec:
    """The spec of an answer to ``fact`` (for an act's date given as a range, its ends)."""
    return AnswerSpec(fact, start, end)


def dont_know_word(lang: str) -> str:
    """'tidak tahu' / "don't know"."""
    return msg("ask.dont_know", lang)


def choice_label(spec: AnswerSpec, value: str, lang: str) -> str:
    """A value as the interview lists it: the glossary's Indonesian term in Indonesian (no
    code name), the value and its gloss in English."""
    return value_term(spec.fact, value, lang)


def choice_lines(spec: AnswerSpec, lang: str) -> list[str]:
    """The lines under a question that say how to answer it."""
    dont = dont_know_word(lang)
    if spec.kind is FactType.BOOL:
        options = ", ".join([msg("ask.yes", lang), msg("ask.no", lang), dont])
        return [msg("ask.choices", lang, choices=options)]
    if spec.kind is FactType.ENUM:
        lines = [
            msg("ask.choice_item", lang, n=n, label=choice_label(spec, v, lang))
            for n, v in enumerate(spec.values, 1)
        ]
        hint = "ask.many_hint" if spec.many else "ask.one_hint"
        return [*lines, msg(hint, lang, none=msg("ask.none_word", lang), dont=dont)]
    if spec.kind is FactType.INT:
        return [msg("ask.count_hint", lang, dont=dont)]
    if spec.kind is FactType.DATE:
        if spec.start is not None and spec.end is not None:
            return [
                msg(
                    "ask.range_hint",
                    lang,
                    start=date_text(spec.start, lang),
                    end=date_text(spec.end, lang),
                    example=date_text(spec.start, lang),
                    dont=dont,
                )
            ]
        return [
            msg("ask.date_hint", lang, example=date_text(dt.date(2019, 3, 10), lang), dont=dont)
        ]
    return [msg("ask.text_hint", lang, dont=dont)]


def read_answer(spec: AnswerSpec, raw: object, lang: str) -> Any:
    """The value ``raw`` (a typed text, or a value from an answers file) gives the fact, as a
    case file holds it; :data:`DONT_KNOW` to keep it unknown. Raises :class:`AnswerError`."""
    if isinstance(raw, str) and _fold(raw) in _DONT_KNOW_WORDS | {_fold(dont_know_word(lang))}:
        return DONT_KNOW
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise AnswerError("ask.empty", allowed=_allowed(spec, lang))
    kind = spec.kind
    if kind is FactType.BOOL:
        return _bool(spec, raw, lang)
    if kind is FactType.ENUM:
        return _enum(spec, raw, lang)
    if kind is FactType.INT:
        return _count(raw)
    if kind is FactType.DATE:
        return _date(spec, raw, lang)
    if not isinstance(raw, (str, int, float)) or isinstance(raw, bool):
        raise AnswerError("ask.bad_text", answer=_shown(raw))
    return str(raw).strip()


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace("’", "'").split())


def _shown(raw: object) -> str:
    if isinstance(raw, bool):
        return "true" if raw else "false"
    return str(raw)


def _allowed(spec: AnswerSpec, lang: str) -> str:
    """The allowed answers, in one line."""
    if spec.kind is FactType.BOOL:
        words = [msg("ask.yes", lang), msg("ask.no", lang)]
    elif spec.kind is FactType.ENUM:
        words = [choice_label(spec, v, lang) for v in spec.values]
    else:
        words = [line.strip() for line in choice_lines(spec, lang)]
        return " ".join(words)
    return ", ".join([*words, dont_know_word(lang)])


def _bool(spec: AnswerSpec, raw: object, lang: str) -> bool:
    if isinstance(raw, bool):
        return raw
    word = _fold(str(raw))
    if word in _YES or word == _fold(msg("ask.yes", lang)):
        return True
    if word in _NO or word == _fold(msg("ask.no", lang)):
        return False
    raise AnswerError("ask.bad_choice", answer=_shown(raw), allowed=_allowed(spec, lang))


def _enum(spec: AnswerSpec, raw: object, lang: str) -> str | list[str]:
    if spec.many:
        if isinstance(raw, (list, tuple)):
            parts = [str(p) for p in raw]
        elif _fold(str(raw)) in {_fold(msg("ask.none_word", other)) for other in LANGS}:
            return []
        else:
            parts = [p for p in re.split(r"[,;]", str(raw)) if p.strip()]
        chosen = [_one_value(spec, p, lang) for p in parts]
        return [v for v in spec.values if v in chosen]
    if isinstance(raw, (list, tuple, dict)):
        raise AnswerError("ask.bad_choice", answer=_shown(raw), allowed=_allowed(spec, lang))
    return _one_value(spec, raw, lang)


def _one_value(spec: AnswerSpec, raw: object, lang: str) -> str:
    text = _shown(raw).strip()
    values = spec.values
    if text.isdigit() and 1 <= int(text) <= len(values):
        return values[int(text) - 1]
    word = _fold(text)
    labels = {_fold(choice_label(spec, v, other)): v for v in values for other in LANGS}
    names = synonyms()
    for v in values:
        if word == v.casefold() or word in names.get(v, ()) or word in labels:
            return labels.get(word, v)
    meant = closest(text, list(values))
    hint = msg("ask.did_you_mean", lang, value=choice_label(spec, meant, lang)) if meant else ""
    raise AnswerError("ask.bad_choice", answer=text + hint, allowed=_allowed(spec, lang))


def _count(raw: object) -> int:
    text = _shown(raw).strip()
    if isinstance(raw, int) and not isinstance(raw, bool) and raw >= 0:
        return raw
    if text.isdigit():
        return int(text)
    raise AnswerError("ask.bad_count", answer=text)


_NUMERIC = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_WORDED = re.compile(r"^(\d{1,2})\s+(\S+)\s+(\d{4})$")


def parse_date(raw: object) -> dt.date | None:
    """A date from an ISO text, ``10/03/2019`` (day first, as Indonesians write it), or
    ``10 Maret 2019`` / ``10 March 2019``; None when it is none of these."""
    if isinstance(raw, dt.date) and not isinstance(raw, dt.datetime):
        return raw
    text = _shown(raw).strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    day = month = year = None
    numeric, worded = _NUMERIC.match(text), _WORDED.match(text)
    if numeric:
        day, month, year = (int(g) for g in numeric.groups())
    elif worded:
        months = {_fold(msg(f"month.{n}", lang)): n for n in range(1, 13) for lang in LANGS}
        day, year = int(worded.group(1)), int(worded.group(3))
        month = months.get(_fold(worded.group(2)))
    if day is None or month is None or year is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _date(spec: AnswerSpec, raw: object, lang: str) -> dt.date:
    day = parse_date(raw)
    example = date_text(spec.start or dt.date(2019, 3, 10), lang)
    if day is None:
        raise AnswerError("ask.bad_date", answer=_shown(raw), example=example)
    if spec.start is not None and spec.end is not None and not spec.start <= day <= spec.end:
        raise AnswerError(
            "ask.date_outside",
            answer=date_text(day, lang),
            start=date_text(spec.start, lang),
            end=date_text(spec.end, lang),
        )
    return day


__all__ = [
    "DONT_KNOW",
    "AnswerError",
    "AnswerSpec",
    "DontKnow",
    "answer_spec",
    "choice_label",
    "choice_lines",
    "dont_know_word",
    "parse_date",
    "read_answer",
]
