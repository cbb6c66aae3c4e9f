"""Partial facts: ``unknown`` as the value of a fact the case does not state, and the act's
date as a stretch of days. An absent key keeps its documented default; ``unknown`` says
"not stated", and the evaluation judges every value the fact could have
(:mod:`netralitas_rules.partial`)."""

from __future__ import annotations

import datetime as dt
import functools
import operator
import types
import typing
from typing import Annotated, Any

from pydantic import (
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    TypeAdapter,
    model_validator,
)
from pydantic_core import core_schema

from ._base import DATE_INPUT, NOT_BLANK, Date, FactModel


class Unknown:
    """The value of a fact the case does not state: ``unknown`` in a case file (JSON
    ``"unknown"``). There is one instance, :data:`UNKNOWN`. An absent key keeps its documented
    default; ``unknown`` says "not stated", and the evaluation then judges every value the
    fact could have (:mod:`netralitas_rules.partial`)."""

    _instance: Unknown | None = None
    __slots__ = ()
    # Read like an enum member where an output prints a value (``x.value``).
    value = "unknown"
    _value_ = "unknown"

    def __new__(cls) -> Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __str__(self) -> str:
        return "unknown"

    def __bool__(self) -> bool:
        # An unknown fact read as true or false would be a silent answer.
        raise TypeError("an unknown fact has no truth value; complete the case first")

    def __reduce__(self) -> str:
        return "UNKNOWN"


UNKNOWN = Unknown()
"""The one :class:`Unknown` value."""

UNKNOWN_TEXT = "unknown"


class DateRange(FactModel):
    """The act's date when only a stretch of days is known: ``{from: 2019-03-01, to:
    2019-03-31}`` (both inclusive), or the text ``2019-03-01/2019-03-31``."""

    start: Date = Field(alias="from")
    end: Date = Field(alias="to")

    model_config = ConfigDict(
        frozen=True, extra="forbid", populate_by_name=True, serialize_by_alias=True
    )

    @model_validator(mode="before")
    @classmethod
    def _interval_text(cls, value: Any) -> Any:
        if isinstance(value, str) and "/" in value:
            start, _, end = value.partition("/")
            return {"from": start.strip(), "to": end.strip()}
        return value

    @model_validator(mode="after")
    def _ordered(self) -> DateRange:
        if self.end < self.start:
            raise ValueError(f"the range ends ({self.end}) before it starts ({self.start})")
        return self

    def __str__(self) -> str:
        return f"{self.start.isoformat()}/{self.end.isoformat()}"


class _OrUnknown:
    """Field metadata: the fact also takes ``unknown`` (and, for the act's date, a
    :class:`DateRange`). Any other input goes to the known type's own validation, so its
    error messages are the ones it always gave."""

    __slots__ = ("known", "ranged", "unknown")

    def __init__(self, known: Any, ranged: bool, unknown: bool) -> None:
        self.known = known
        self.ranged = ranged
        self.unknown = unknown

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> Any:
        # The handler applies the field's own constraints (strict, bounds) to the known type.
        inner = handler(self.known)
        ranged, unknown = self.ranged, self.unknown

        def validate(value: Any, nxt: Any) -> Any:
            if unknown and (value is UNKNOWN or (value.__class__ is str and value == UNKNOWN_TEXT)):
                return UNKNOWN
            if ranged and (
                isinstance(value, DateRange | dict) or (isinstance(value, str) and "/" in value)
            ):
                return range_adapter.validate_python(value)
            return nxt(value)

        range_adapter = TypeAdapter(DateRange)

        def serialize(value: Any, nxt: Any) -> Any:
            if value is UNKNOWN:
                return UNKNOWN_TEXT
            if isinstance(value, DateRange):
                return {"from": value.start.isoformat(), "to": value.end.isoformat()}
            return nxt(value)

        return core_schema.no_info_wrap_validator_function(
            validate,
            inner,
            serialization=core_schema.wrap_serializer_function_ser_schema(serialize, schema=inner),
        )

    def __get_pydantic_json_schema__(self, schema: Any, handler: GetJsonSchemaHandler) -> Any:
        known = handler(schema)
        options: list[Any] = [known, {"const": UNKNOWN_TEXT}] if self.unknown else [known]
        if self.ranged:
            options.append(
                {
                    "type": "object",
                    "properties": {
                        "from": {"type": "string", "format": "date"},
                        "to": {"type": "string", "format": "date"},
                    },
                    "required": ["from", "to"],
                    "additionalProperties": False,
                    "description": "Only a stretch of days is known (both inclusive).",
                }
            )
        return {"anyOf": options}


def maybe(known: Any, *, ranged: bool = False, unknown: bool = True) -> _OrUnknown:
    """The metadata letting a fact field of type ``known`` also take ``unknown`` (and, with
    ``ranged``, a :class:`DateRange`). It must come last in the field's metadata: the field's
    own constraints and validators apply to ``known``."""
    return _OrUnknown(known, ranged, unknown)


MaybeBool = Annotated[bool | Unknown, maybe(bool)]
"""A yes/no fact that may be ``unknown``."""
MaybeCount = Annotated[int | Unknown, maybe(int)]
"""A count that may be ``unknown``."""
MaybeText = Annotated[str | Unknown | None, NOT_BLANK, maybe(str | None)]
"""An optional text fact that may be ``unknown``."""
MaybeDate = Annotated[dt.date | Unknown | None, DATE_INPUT, maybe(dt.date | None)]
"""An optional date that may be ``unknown``."""
ActDate = Annotated[dt.date | DateRange, DATE_INPUT, maybe(dt.date, ranged=True, unknown=False)]
"""The date of an act: a day, or a :class:`DateRange` when only a stretch of days is known."""


def known_type(annotation: Any) -> Any:
    """The annotation without its :class:`Unknown` and :class:`DateRange` members (what the
    fact catalogue, the batch wire and the table readers type a fact by)."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(annotation) if a not in (Unknown, DateRange)]
        if len(members) != len(typing.get_args(annotation)):
            return functools.reduce(operator.or_, members)
    return annotation


def is_partial_field(meta: Any) -> bool:
    """True for the metadata :func:`maybe` puts on a field."""
    return isinstance(meta, _OrUnknown)


_T = typing.TypeVar("_T")


def known(value: _T | Unknown, where: str = "a fact") -> _T:
    """The value of a fact a caller needs known (raises TypeError for :data:`UNKNOWN`: a case
    with unknowns is judged by its completions, :mod:`netralitas_rules.partial`)."""
    if isinstance(value, Unknown):
        raise TypeError(f"{where} is unknown; judge the case's completions")
    return value


def day_of(date: dt.date | DateRange, where: str = "the act's date") -> dt.date:
    """The act's day, for a caller that needs one (raises TypeError for a date range)."""
    if isinstance(date, DateRange):
        raise TypeError(f"{where} is a range ({date}); judge the case's completions")
    return date
