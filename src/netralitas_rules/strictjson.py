"""The one strict reading of JSON case data, for every path that takes JSON: ``check`` on a
``.json`` file, each line of a batch JSON Lines file (the fallback behind the fast path,
which defers to this reading whenever a line might differ), the JSON cells of a batch CSV
or Parquet file, and the service later.

Strict means what RFC 8259 leaves to the reader is refused, each with its place:

* a key twice in one object (most readers keep the last value silently, so two programs
  could judge two different cases from one record);
* ``NaN``, ``Infinity`` and numbers too large for a float;
* numbers longer than :data:`MAX_NUMBER_CHARS` (no fact needs more; Python's ``int`` would
  spend quadratic time on them before refusing);
* nesting deeper than :data:`~netralitas_rules.yamlpos.MAX_DEPTH`.

:func:`read_json` returns a :class:`~netralitas_rules.yamlpos.Located` like
:func:`~netralitas_rules.yamlpos.read_yaml`, so the case reader validates and words its
problems the same way for both languages. Reading without positions (the batch) uses the
standard library's C scanner and falls back to the positioned scanner here only to place a
problem.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections.abc import Callable
from typing import Any

from .errors import Problem
from .problemtext import Foreign, Text
from .yamlpos import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    BadByte,
    KeyPath,
    Located,
    decode_utf8,
    render_path,
)

# The standard library's C string scanner (typeshed does not declare it).
_scanstring: Callable[[str, int, bool], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]

MAX_NUMBER_CHARS = 100
"""The longest number accepted, in characters."""

_WS = re.compile(r"[ \t\n\r]*")
# ASCII digits only: a str pattern's \d (as in json.scanner.NUMBER_RE) would take any
# Unicode digit.
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_CONSTANTS = {"NaN", "Infinity", "-Infinity"}
_LITERALS = (("true", True), ("false", False), ("null", None))


class _RefusedError(ValueError):
    """A problem the C scanner's hooks found; the positioned scanner places it."""


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) != len(pairs):
        raise _RefusedError("duplicate key")
    return data


def _constant(name: str) -> Any:
    raise _RefusedError(name)


def _number(text: str) -> Any:
    if len(text) > MAX_NUMBER_CHARS:
        raise _RefusedError(text)
    return int(text)


def _float(text: str) -> float:
    value = float(text) if len(text) <= MAX_NUMBER_CHARS else math.inf
    if not math.isfinite(value):
        raise _RefusedError(text)
    return value


def read_json(
    text: str | bytes, file: str, *, first_line: int = 1, positions: bool = True
) -> Located:
    """Parse one JSON document; problems are collected, never raised.

    ``first_line`` numbers the text's first line (a JSON Lines record is one line of a
    larger file). Without ``positions`` only the problems carry places, which is several
    times faster.

    >>> read_json('{"a": 1, "a": 2}', "x.json").problems[0].message
    "duplicate key 'a' (first at line 1, column 2); keep one"
    """
    located = Located(file, None)
    if isinstance(text, bytes):
        if len(text) > MAX_FILE_BYTES:
            located.problems.append(_too_large(file, len(text)))
            return located
        decoded = decode_utf8(text, first_line)
        if isinstance(decoded, BadByte):
            message = Text("file.not_utf8", byte=decoded.offset + 1)
            located.problems.append(Problem.of(file, decoded.line, decoded.column, "", message))
            return located
        text = decoded
    elif len(text) > MAX_FILE_BYTES:
        located.problems.append(_too_large(file, len(text)))
        return located
    if not positions:
        try:
            located.data = json.loads(
                text,
                object_pairs_hook=_pairs,
                parse_constant=_constant,
                parse_int=_number,
                parse_float=_float,
            )
        except (ValueError, RecursionError):
            pass  # placed by the scanner below
        else:
            # The C scanner nests as deep as the stack allows; hold it to the same bound
            # (a walk only when there are enough brackets for it to matter).
            if text.count("{") + text.count("[") <= MAX_DEPTH or _depth(located.data) <= MAX_DEPTH:
                return located
            located.data = None
    _Scanner(text, located, first_line, keep=positions).document()
    return located


def _depth(data: Any) -> int:
    """How deep lists and objects nest in ``data`` (a scalar is 0)."""
    deepest = 0
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            value = list(value.values())
        elif not isinstance(value, list):
            continue
        deepest = max(deepest, depth)
        stack.extend((item, depth + 1) for item in value)
    return deepest


def _too_large(file: str, size: int) -> Problem:
    return Problem.of(file, 1, 1, "", Text("json.too_large", size=size, limit=MAX_FILE_BYTES))


class _StopError(Exception):
    """A syntax error: nothing after it can be read."""


class _Scanner:
    """A recursive-descent JSON reader that knows where every key and item starts."""

    def __init__(self, text: str, located: Located, first_line: int, *, keep: bool) -> None:
        self.text = text
        self.located = located
        self.first_line = first_line
        self.keep = keep
        self.breaks = [m.start() for m in re.finditer("\n", text)]

    def place(self, offset: int) -> tuple[int, int]:
        """The ``(line, column)`` of a character offset, both from 1."""
        index = bisect.bisect_left(self.breaks, offset)
        start = self.breaks[index - 1] + 1 if index else 0
        return self.first_line + index, offset - start + 1

    def problem(self, offset: int, path: KeyPath, message: Text) -> None:
        line, column = self.place(offset)
        self.located.problems.append(
            Problem.of(self.located.file, line, column, render_path(path), message)
        )

    def stop(self, offset: int, path: KeyPath, message: Text | Foreign) -> _StopError:
        self.problem(offset, path, Text("json.syntax", detail=message))
        return _StopError()

    def document(self) -> None:
        text = self.text
        try:
            start = _WS.match(text, 0).end()  # type: ignore[union-attr]
            if start == len(text):
                raise self.stop(start, (), Text("json.empty"))
            value, end = self.value(start, (), 0)
            end = _WS.match(text, end).end()  # type: ignore[union-attr]
            if end != len(text):
                raise self.stop(end, (), Text("json.trailing"))
        except _StopError:
            self.located.data = None
            return
        self.located.data = None if self.located.problems else value

    def value(self, pos: int, path: KeyPath, depth: int) -> tuple[Any, int]:
        text = self.text
        if self.keep:
            self.located.positions.setdefault(path, self.place(pos))
        char = text[pos : pos + 1]
        if char == "{":
            return self.mapping(pos, path, depth + 1)
        if char == "[":
            return self.sequence(pos, path, depth + 1)
        if char == '"':
            return self.string(pos, path)
        for word, literal in _LITERALS:
            if text.startswith(word, pos):
                return literal, pos + len(word)
        for word in _CONSTANTS:
            if text.startswith(word, pos):
                self.problem(pos, path, Text("json.constant", word=word))
                return None, pos + len(word)
        match = _NUMBER.match(text, pos)
        if match is None or match.end() == pos:
            raise self.stop(pos, path, Text("json.expected_value"))
        return self.number(match, path), match.end()

    def number(self, match: re.Match[str], path: KeyPath) -> Any:
        number = match.group()
        if len(number) > MAX_NUMBER_CHARS:
            self.problem(
                match.start(),
                path,
                Text("json.number_long", length=len(number), limit=MAX_NUMBER_CHARS),
            )
            return None
        if match.group(1) is None and match.group(2) is None:
            return int(number)
        value = float(number)
        if not math.isfinite(value):
            self.problem(match.start(), path, Text("json.number_large", number=number))
            return None
        return value

    def string(self, pos: int, path: KeyPath) -> tuple[str, int]:
        try:
            return _scanstring(self.text, pos + 1, True)
        except json.JSONDecodeError as exc:
            raise self.stop(exc.pos, path, Foreign("json", exc.msg.removesuffix(" at"))) from None

    def nested(self, pos: int, path: KeyPath, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise self.stop(pos, path, Text("json.too_deep", depth=MAX_DEPTH))

    def mapping(self, pos: int, path: KeyPath, depth: int) -> tuple[dict[str, Any], int]:
        self.nested(pos, path, depth)
        text = self.text
        result: dict[str, Any] = {}
        seen: dict[str, int] = {}
        pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
        if text.startswith("}", pos):
            return result, pos + 1
        while True:
            if not text.startswith('"', pos):
                raise self.stop(pos, path, Text("json.expected_key"))
            key_at = pos
            key, pos = self.string(pos, path)
            child = (*path, key)
            pos = _WS.match(text, pos).end()  # type: ignore[union-attr]
            if not text.startswith(":", pos):
                raise self.stop(pos, child, Text("json.expected_colon"))
            pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
            if key in seen:
                line, column = self.place(seen[key])
                self.problem(
                    key_at, child, Text("key.duplicate_place", key=key, line=line, column=column)
                )
                _, pos = self.value(pos, child, depth)
            else:
                seen[key] = key_at
                if self.keep:
                    self.located.positions[child] = self.place(key_at)
                result[key], pos = self.value(pos, child, depth)
            pos = _WS.match(text, pos).end()  # type: ignore[union-attr]
            if text.startswith(",", pos):
                pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
                continue
            if text.startswith("}", pos):
                return result, pos + 1
            raise self.stop(pos, path, Text("json.expected_comma_brace"))

    def sequence(self, pos: int, path: KeyPath, depth: int) -> tuple[list[Any], int]:
        self.nested(pos, path, depth)
        text = self.text
        result: list[Any] = []
        pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
        if text.startswith("]", pos):
            return result, pos + 1
        while True:
            item, pos = self.value(pos, (*path, len(result)), depth)
            result.append(item)
            pos = _WS.match(text, pos).end()  # type: ignore[union-attr]
            if text.startswith(",", pos):
                pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
                continue
            if text.startswith("]", pos):
                return result, pos + 1
            raise self.stop(pos, path, Text("json.expected_comma_bracket"))


__all__ = ["MAX_NUMBER_CHARS", "read_json"]
