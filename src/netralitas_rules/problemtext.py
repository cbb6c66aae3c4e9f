"""A problem's words kept as a code and its values, rendered in the output language at the
edge that prints them (the command line, the service, batch records, the register).

Where a problem is made (the readers, the models' validators, :mod:`.validation`) it is a
:class:`Text`: ``problem.<code>`` of ``data/problems.<lang>.yaml`` and the values that fill
it. Its English rendering is the text the library has always written, so ``str()`` of a
problem, of an error and of a Text is unchanged; ``render("id")`` is the Indonesian.

A value may be a Text in its turn (a hint, a part of a message) or any other object with
``render(lang)``: :class:`Alternatives` (pydantic's ``'A', 'B' or 'C'``), :class:`Foreign`
(the words of another library: PyYAML, the JSON scanner, pydantic's date parser, the
operating system), which stay as they are in English and are translated where a pattern
knows them, else said in general words.

>>> Text("key.missing").render("en"), Text("key.missing").render("id")
('required key is missing; add it', 'kunci wajib tidak ada; tambahkan')
"""

from __future__ import annotations

import errno
import functools
import re
from collections.abc import Mapping, Sequence
from typing import Any

from .catalogue_files import load_catalogue

PREFIX = "problem."
"""The prefix of every problem text's key in the catalogue."""


@functools.cache
def catalogue(lang: str) -> Mapping[str, str]:
    """The problem texts of ``data/problems.<lang>.yaml`` by key (read once)."""
    return load_catalogue("netralitas_rules.data", lang, "problems")


def _catalogue(key: str, lang: str) -> str:
    return catalogue(lang)[key]


def render_value(value: object, lang: str) -> object:
    """``value`` in ``lang`` when it renders itself, else as it is."""
    render = getattr(value, "render", None)
    return render(lang) if callable(render) else value


class Text:
    """A problem's words: a catalogue code and its values (see the module docstring)."""

    __slots__ = ("code", "values")

    def __init__(self, code: str, /, **values: object) -> None:
        self.code = code
        self.values: Mapping[str, object] = values

    def render(self, lang: str) -> str:
        """The words in ``lang`` (``en``: the library's English as it always was)."""
        filled = {k: render_value(v, lang) for k, v in self.values.items()}
        return _catalogue(PREFIX + self.code, lang).format(**filled)

    def __str__(self) -> str:
        return self.render("en")

    def __repr__(self) -> str:
        return f"Text({self.code!r}, {dict(self.values)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and other.code == self.code and other.values == self.values

    def __hash__(self) -> int:
        return hash(self.code)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_text, (self.code, dict(self.values)))


def _text(code: str, values: dict[str, object]) -> Text:
    return Text(code, **values)


def words(message: str | Text, lang: str) -> str:
    """A message in ``lang``: a Text rendered, a plain string (words no code was given for
    yet, such as a rule file's) as it is."""
    return message.render(lang) if isinstance(message, Text) else message


def text_of(exc: BaseException | None) -> Text | None:
    """The Text an exception was raised with (``ValueError(Text(...))`` in a validator)."""
    if exc is not None and len(exc.args) == 1 and isinstance(exc.args[0], Text):
        return exc.args[0]
    return None


class Joined:
    """Items (Texts or plain words) joined by ``sep``, each in the language asked."""

    __slots__ = ("items", "sep")

    def __init__(self, items: Sequence[object], sep: str = ", ") -> None:
        self.items = tuple(items)
        self.sep = sep

    def render(self, lang: str) -> str:
        """The items, each in ``lang``, joined by the separator."""
        return self.sep.join(str(render_value(item, lang)) for item in self.items)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Joined) and (other.items, other.sep) == (self.items, self.sep)

    def __hash__(self) -> int:
        return hash(self.items)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Joined, (self.items, self.sep))


class Alternatives:
    """pydantic's list of allowed values, ``'A', 'B' or 'C'``: in English as pydantic wrote
    it, in another language with that language's word for "or"."""

    __slots__ = ("expected",)

    def __init__(self, expected: str) -> None:
        self.expected = expected

    def render(self, lang: str) -> str:
        """The alternatives as written in English, or with Indonesian's 'atau' for 'or'."""
        if lang == "en":
            return self.expected
        head, sep, last = self.expected.rpartition(" or ")
        return f"{head} {_catalogue(PREFIX + 'word.or', lang)} {last}" if sep else self.expected

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Alternatives) and other.expected == self.expected

    def __hash__(self) -> int:
        return hash(self.expected)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Alternatives, (self.expected,))


def _compiled(pairs: tuple[tuple[str, str], ...]) -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(pattern), code) for pattern, code in pairs)


# Another library's English words, by where they come from: each pattern's catalogue code
# (``problem.foreign.<code>``), its groups fill the text. What no pattern knows is said with
# ``problem.foreign.<source>`` alone, in general words.
_FOREIGN: Mapping[str, tuple[tuple[re.Pattern[str], str], ...]] = {
    "date": _compiled(
        (
            (r"input is too short", "date_short"),
            (r"input is too long|unexpected extra characters at the end of the input", "date_long"),
            (r"invalid character in (?:year|month|day)", "date_character"),
            (r"invalid date separator, expected `-`", "date_separator"),
            (r"month value is outside expected range of 1-12|month must be in 1\.\.12", "month"),
            (r"day value is outside expected range|day is out of range for month", "day"),
            (r"year (?P<year>-?\d+) is out of range", "year"),
        )
    ),
    "yaml": _compiled(
        (
            (r"mapping values are not allowed here", "yaml_mapping_here"),
            (r"could not find expected ':'", "yaml_colon"),
            (r"found character (?P<char>'.*') that cannot start any token", "yaml_character"),
            (r"found unexpected end of stream", "yaml_end"),
            (r"found undefined alias (?P<name>.*)", "yaml_alias"),
            (r"expected <block end>, but found .*", "yaml_indent"),
            (
                r"expected a single document in the stream|but found another document",
                "yaml_documents",
            ),
            (r"found duplicate anchor.*", "yaml_anchor"),
            (r"found unknown escape character (?P<char>'.*')", "yaml_escape"),
            (r"expected ',' or '[\]}]', but got .*", "yaml_flow"),
        )
    ),
    "json": _compiled(
        (
            (r"Unterminated string starting.*", "json_unterminated"),
            (r"Invalid control character.*", "json_control"),
            (r"Invalid \\(?:uXXXX )?escape.*", "json_escape"),
        )
    ),
}


_ERRNOS = frozenset(
    {"ENOENT", "EACCES", "EPERM", "EISDIR", "ENOTDIR", "ELOOP", "ENAMETOOLONG", "EIO"}
)
"""The operating system's errors the catalogue words (``problem.foreign.os.<name>``)."""


class Foreign:
    """Words another library wrote (``source``: ``date``, ``yaml``, ``json``, ``os``): as
    they are in English; in another language the translation of a known pattern, else the
    general words of ``problem.foreign.<source>``."""

    __slots__ = ("english", "errno", "source")

    def __init__(self, source: str, english: str, errno: int | None = None) -> None:
        self.source = source
        self.english = english
        self.errno = errno

    def render(self, lang: str) -> str:
        """The other library's English as it is, or its Indonesian: a recognised pattern's
        text, else the general words of its source."""
        if lang == "en":
            return self.english
        if self.source == "os":
            if self.errno is None:  # pyarrow's and other libraries' I/O errors carry none
                return _catalogue(f"{PREFIX}foreign.io", lang)
            name = errno.errorcode.get(self.errno, "")
            known = _catalogue(f"{PREFIX}foreign.os.{name}", lang) if name in _ERRNOS else None
            return known or _catalogue(f"{PREFIX}foreign.os", lang).format(errno=self.errno)
        for pattern, code in _FOREIGN.get(self.source, ()):
            found = pattern.fullmatch(self.english.strip())
            if found is not None:
                return _catalogue(f"{PREFIX}foreign.{code}", lang).format(**found.groupdict())
        return _catalogue(f"{PREFIX}foreign.{self.source}", lang)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Foreign) and (other.source, other.english, other.errno) == (
            self.source,
            self.english,
            self.errno,
        )

    def __hash__(self) -> int:
        return hash(self.english)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Foreign, (self.source, self.english, self.errno))


__all__ = [
    "PREFIX",
    "Alternatives",
    "Foreign",
    "Joined",
    "Text",
    "catalogue",
    "render_value",
    "text_of",
    "words",
]
