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
from collections.abc import Callable, Mapping
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    ValidationError,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError, core_schema

from ..problemtext import Text
from ._base import _ISO_DATE, DATE_INPUT, NOT_BLANK, Date, FactModel, _date_input


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

    def __eq__(self, other: object) -> bool:
        # Equal to its JSON text too, so one scan for "unknown" finds both in case data.
        return other is self or (other.__class__ is str and other == UNKNOWN_TEXT)

    def __hash__(self) -> int:
        return hash(UNKNOWN_TEXT)

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
            start, end = start.strip(), end.strip()
            if "/" in end or not (_ISO_DATE.fullmatch(start) or _ISO_DATE.fullmatch(end)):
                # Not two dates around one slash (10/03/2019 is a date written the other
                # way): the date's own message about the whole text, not one per piece.
                _date_input(value)
            return {"from": start, "to": end}
        return value

    @model_validator(mode="after")
    def _ordered(self) -> DateRange:
        if self.end < self.start:
            raise ValueError(Text("range.ends_before_start", start=self.start, end=self.end))
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

        def serialize(value: Any, nxt: Any) -> Any:
            if value is UNKNOWN:
                return UNKNOWN_TEXT
            if isinstance(value, DateRange):
                return {"from": value.start.isoformat(), "to": value.end.isoformat()}
            return nxt(value)

        # Validation stays the known type's own (in C where it was): ``unknown`` and a date
        # range are read once per case by accept_unknowns, as a validator per field would
        # cost every case.
        writes = core_schema.wrap_serializer_function_ser_schema(serialize, schema=dict(inner))
        return {**inner, "serialization": writes}

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


# A value per fact field that may be unknown, valid for the field: what the model is first
# validated with where the input says ``unknown`` (then the field is set to UNKNOWN).
_PLACEHOLDERS: dict[type, dict[str, Any]] = {}


def _placeholders(model: type[BaseModel]) -> dict[str, Any]:
    held = _PLACEHOLDERS.get(model)
    if held is None:
        held = {}
        for name, info in model.model_fields.items():
            meta = next((m for m in info.metadata if isinstance(m, _OrUnknown)), None)
            if meta is None or not meta.unknown:
                continue
            if not info.is_required():
                default = info.get_default(call_default_factory=True)
            else:
                enum = known_type(info.annotation)
                default = next(iter(enum)).value  # a required enum fact: any value of it
            held[name] = default
        _PLACEHOLDERS[model] = held
    return held


def _stated(model: type[BaseModel], item: Any) -> list[str]:
    held = _placeholders(model)
    return [
        n
        for n, v in item.items()
        if n in held and (v is UNKNOWN or (v.__class__ is str and v == UNKNOWN_TEXT))
    ]


def _range_of(value: Any, where: tuple[str | int, ...]) -> DateRange:
    """The date range an act's ``date`` gives; a located ValidationError for a malformed
    one."""
    try:
        return DateRange.model_validate(value)
    except ValidationError as exc:
        raise ValidationError.from_exception_data(
            "DateRange",
            [
                InitErrorDetails(
                    type=PydanticCustomError(e["type"], e["msg"], e.get("ctx")),
                    loc=(*where, *e["loc"]),
                    input=e["input"],
                )
                for e in exc.errors()
            ],
        ) from None


ALL_KNOWN: dict[str, bool] = {"all_known": True}
"""Validation context of case data known to hold no ``unknown`` and no date range (the
batch's wire path, whose structs refuse both): the case's scan for them is skipped."""


def _partial_input(data: dict[str, Any]) -> bool:
    """True when case data says ``unknown`` somewhere in its ASN, acts or candidates, or
    gives an act's date as a range (the quick test run on every case validated)."""
    asn = data.get("asn")
    if asn.__class__ is dict and UNKNOWN_TEXT in asn.values():
        return True
    acts = data.get("activities")
    for item in acts if acts.__class__ in (list, tuple) else ():
        if item.__class__ is dict:
            if UNKNOWN_TEXT in item.values():
                return True
            day = item.get("date")
            if day.__class__ is dict or (day.__class__ is str and "/" in day):
                return True
    candidates = data.get("candidates")
    for item in candidates if candidates.__class__ in (list, tuple) else ():
        if item.__class__ is dict and UNKNOWN_TEXT in item.values():
            return True
    return False


def plain_input(data: Any, scan: bool = True) -> bool:
    """True when case data is plain and says nothing unknown: the ASN, every act and every
    candidate a dict (no model object, which could hold :data:`UNKNOWN` unseen), none saying
    ``unknown``, no act's date a range, no act recorded as not established. The case
    validated from such data needs neither the scan for unknowns nor the one for acts not
    established when it is judged (see ``Case``'s ``_plain`` slot). Without ``scan`` the
    values are not searched for ``unknown`` (data under :data:`ALL_KNOWN`)."""
    if data.__class__ is not dict:
        return False
    asn = data.get("asn")
    if asn.__class__ is not dict or (scan and UNKNOWN_TEXT in asn.values()):
        return False
    acts = data.get("activities", ())
    if acts.__class__ not in (list, tuple):
        return False
    for item in acts:
        if item.__class__ is not dict or (scan and UNKNOWN_TEXT in item.values()):
            return False
        day = item.get("date")
        if day.__class__ is dict or (day.__class__ is str and "/" in day):
            return False
        if item.get("established") is False:
            return False
    candidates = data.get("candidates", ())
    if candidates.__class__ not in (list, tuple):
        return False
    for item in candidates:
        if item.__class__ is not dict or (scan and UNKNOWN_TEXT in item.values()):
            return False
    return True


def accept_unknowns(
    parts: Mapping[str, type[BaseModel]], data: Any, handler: Callable[[Any], Any]
) -> tuple[Any, bool]:
    """The case's wrap validator: a fact the input says is ``unknown`` (in the ASN, an act or
    a candidate, named in ``parts``) or an act's date given as a range is validated with a
    stand-in value, then set to :data:`UNKNOWN` (or the :class:`DateRange`). Input without
    any (nearly every case) goes straight through after one scan of each part's values, in C:
    a validator per field would cost every case. Also says whether the input was
    :func:`plain_input`."""
    if plain_input(data):
        return handler(data), True
    if data.__class__ is not dict or not _partial_input(data):
        return handler(data), False
    marks: list[tuple[str, int | None, dict[str, Any]]] = []
    for key, model in parts.items():
        part = data.get(key)
        if part.__class__ is dict:
            if UNKNOWN_TEXT in part.values():
                marks.append((key, None, dict.fromkeys(_stated(model, part), UNKNOWN)))
        elif part.__class__ in (list, tuple):
            for i, item in enumerate(part):
                if item.__class__ is not dict:
                    continue
                found: dict[str, Any] = {}
                if UNKNOWN_TEXT in item.values():
                    found = dict.fromkeys(_stated(model, item), UNKNOWN)
                day = item.get("date")
                if day.__class__ is dict or (day.__class__ is str and "/" in day):
                    found["date"] = _range_of(day, (key, i, "date"))
                if found:
                    marks.append((key, i, found))
    marks = [m for m in marks if m[2]]
    if not marks:
        return handler(data), False
    stand_in = dict(data)
    for key, index, found in marks:
        held = _placeholders(parts[key])
        values = {n: v.start if isinstance(v, DateRange) else held[n] for n, v in found.items()}
        if index is None:
            stand_in[key] = {**stand_in[key], **values}
        else:
            items = list(stand_in[key])
            items[index] = {**items[index], **values}
            stand_in[key] = items
    made = handler(stand_in)
    for key, index, found in marks:
        part = getattr(made, key)
        obj = part if index is None else part[index]
        obj.__dict__.update(found)  # a frozen model: set once, before anyone sees it
    return made, False
