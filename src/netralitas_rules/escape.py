"""Text from a case file made safe to print on a terminal.

Ids, names and free text come from the person who wrote the case. Printed raw, an escape
sequence (``ESC [ 2 K``) can erase or rewrite a line of the report, a carriage return can
overwrite one, and a bidi override (U+202E) can reorder what the reader sees. Every text
output of ``check`` and ``audit`` goes through these functions, which show such characters
as visible escapes (``\\x1b``, ``\\u202e``) instead of sending them to the terminal.

* :func:`escape_text`: one value on one line (every control character escaped, newlines too);
* :func:`escape_lines`: text of several lines (newlines and tabs kept);
* :func:`escape_json`: JSON text; the characters JSON itself leaves raw (DEL, C1 controls,
  bidi controls, line and paragraph separators) become ``\\uXXXX`` escapes, which decode to the
  same value, so the data is unchanged.
"""

from __future__ import annotations

import re

# C0 controls, DEL and the C1 controls (U+0085 NEL is a line break to some terminals); the
# bidi marks, embeddings, overrides and isolates; the Unicode line and paragraph separators.
_OTHERS = "\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
_ANY = re.compile(f"[\x00-\x1f{_OTHERS}]")
_BUT_TAB = re.compile(f"[\x00-\x08\x0a-\x1f{_OTHERS}]")
_BUT_TAB_AND_NEWLINE = re.compile(f"[\x00-\x08\x0b-\x1f{_OTHERS}]")
# In JSON text json.dumps has already escaped C0.
_JSON_RAW = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def escape_text(text: str) -> str:
    """One value for one line: every control character shown as an escape (tab kept).

    >>> escape_text("a\\x1b[2Kb\\nc\\u202e")
    'a\\\\x1b[2Kb\\\\x0ac\\\\u202e'
    """
    return _BUT_TAB.sub(_visible, text) if _ANY.search(text) else text


def escape_lines(text: str) -> str:
    """Text of several lines: control characters escaped, newlines and tabs kept."""
    return _BUT_TAB_AND_NEWLINE.sub(_visible, text) if _ANY.search(text) else text


def escape_json(text: str) -> str:
    """JSON text with the characters JSON leaves raw escaped as ``\\uXXXX`` (same data).

    >>> import json
    >>> escape_json(json.dumps("x\\u202ey", ensure_ascii=False))
    '"x\\\\u202ey"'
    """
    # An all-ASCII str is known as such without a scan (PEP 393): the common case is free.
    return text if text.isascii() else _JSON_RAW.sub(_json_escape, text)


__all__ = ["escape_json", "escape_lines", "escape_text"]
