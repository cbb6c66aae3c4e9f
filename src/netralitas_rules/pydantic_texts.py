"""pydantic's own error kinds as problem Texts, by their ``type`` and ``ctx``.

The English catalogue holds pydantic's own templates (``Input should be less than or equal
to {le}``; a test holds them equal to pydantic's), so the English is what pydantic wrote; the
Indonesian is ours. A kind not mapped here keeps pydantic's English in English and says
"the value is not valid" in other languages (``problem.pydantic.other``).

>>> err = {"type": "less_than_equal", "ctx": {"le": 10}, "msg": "", "loc": (), "input": 11}
>>> pydantic_text(err).render("id")
'nilainya harus paling besar 10'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .problemtext import Alternatives, Foreign, Text, text_of

MAPPED = frozenset(
    {
        "missing",
        "extra_forbidden",
        "less_than_equal",
        "greater_than_equal",
        "less_than",
        "greater_than",
        "multiple_of",
        "string_too_long",
        "string_too_short",
        "too_long",
        "too_short",
        "string_pattern_mismatch",
        "enum",
        "literal_error",
        "date_parsing",
        "date_from_datetime_parsing",
        "date_from_datetime_inexact",
        "datetime_parsing",
        "date_type",
        "bool_parsing",
        "bool_type",
        "int_parsing",
        "int_parsing_size",
        "int_type",
        "int_from_float",
        "float_parsing",
        "float_type",
        "finite_number",
        "string_type",
        "list_type",
        "tuple_type",
        "set_type",
        "frozen_set_type",
        "dict_type",
        "model_type",
        "model_attributes_type",
        "none_required",
        "union_tag_invalid",
        "union_tag_not_found",
        "json_invalid",
        "value_error",
    }
)
"""The kinds with a text of their own (``problem.pydantic.<type>``)."""

# ctx values that are a list of alternatives, or another library's words.
_ALTERNATIVES = frozenset({"expected"})
_FOREIGN = {"date_parsing": "date", "date_from_datetime_parsing": "date",
            "datetime_parsing": "date", "json_invalid": "json"}  # fmt: skip
_COUNTS = ("max_length", "min_length")


def pydantic_text(err: Mapping[str, Any]) -> Text:
    """The Text of one pydantic error (an item of ``ValidationError.errors()``)."""
    kind = str(err.get("type", ""))
    ctx = dict(err.get("ctx") or {})
    if kind not in MAPPED:
        return Text("pydantic.other", message=Foreign("pydantic", str(err.get("msg", ""))))
    values: dict[str, object] = {}
    for name, value in ctx.items():
        if name == "error" and kind == "value_error":
            inner = value if isinstance(value, BaseException) else None
            values[name] = text_of(inner) or Foreign("pydantic", str(value))
        elif name in _ALTERNATIVES:
            values[name] = Alternatives(str(value))
        elif name == "error" and kind in _FOREIGN:
            values[name] = Foreign(_FOREIGN[kind], str(value))
        else:
            values[name] = value
    for name in _COUNTS:
        if name in ctx:
            values["expected_plural"] = "" if ctx[name] == 1 else "s"
    return Text(f"pydantic.{kind}", **values)


__all__ = ["MAPPED", "pydantic_text"]
