"""The shared configuration of every case model: frozen, no unknown keys, strict types."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    ValidationError,
    ValidationInfo,
)

from ..problemtext import Text
from ..validation import CaseModelError

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _date_input(value: Any) -> Any:
    """A date is a calendar date or its text ``YYYY-MM-DD``. Pydantic alone would also take
    a number (as Unix time), a date and time at midnight, bytes and other texts, so an
    integer column or a timestamp would silently become a date."""
    if value is None or (isinstance(value, str) and _ISO_DATE.fullmatch(value)):
        return value
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.datetime):
        got = Text("date.got_datetime", value=value.isoformat())
    elif isinstance(value, str):
        got = Text("date.got_text", value=repr(value[:40]))
    elif isinstance(value, int | float) and not isinstance(value, bool):
        got = Text("date.got_number", value=repr(value)[:49])
    else:
        shown = f"{type(value).__name__} {value!r}"[:60]
        got = Text("date.got_other", value=shown)
    raise ValueError(Text("date.format", example="2019-03-10", got=got))


DATE_INPUT = BeforeValidator(_date_input)
Date = Annotated[dt.date, DATE_INPUT]
"""The type of every date of a case (``batch.wire`` mirrors it by identity)."""
OptionalDate = Annotated[dt.date | None, DATE_INPUT]
"""An optional date (the validator outside the union, so the field's annotation stays
``date | None`` for the fact catalogue)."""


# What a blank value of a text fact would wrongly say, and what to write instead (the
# code of the words, ``problem.blank.<code>``).
_BLANK_HINTS = {"state_facility": "state_facility", "party": "party"}


def _not_blank(value: str | None, info: ValidationInfo) -> str | None:
    """A text fact that rules test (``exists``, ``eq``) is either absent or says something:
    after stripping, ``""`` would be present, and ``state_facility: " "`` would be a state
    facility used."""
    if value is not None and not value:
        hint = _BLANK_HINTS.get(info.field_name or "", "other")
        raise ValueError(Text(f"blank.{hint}"))
    return value


NOT_BLANK = AfterValidator(_not_blank)
FactText = Annotated[str | None, NOT_BLANK]
"""An optional text fact: absent, or not blank (``batch.wire`` mirrors it by identity as a
minimum length of 1; the annotation stays ``str | None`` for the fact catalogue)."""


class FactModel(BaseModel):
    """Base of case models. Frozen so a case cannot change under an evaluation; unknown keys
    are errors so a misspelt fact is never silently ignored."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        strict=False,
        str_strip_whitespace=True,
        allow_inf_nan=False,
        use_enum_values=False,
        defer_build=True,
    )

    # Built from Python, a model raises the library's error: the model and field, the value
    # given, the allowed values and a did-you-mean, as a case file's reader says at a line.
    def __init__(self, /, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise CaseModelError.of(type(self), exc) from None

    # Pydantic would call a custom __init__ for every nested model it validates; this one
    # only renames the error at the top, so pydantic may go on building nested models its
    # own way (and a file's reader still places each problem at its line).
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    @classmethod
    def model_validate(cls, obj: Any, *args: Any, **kwargs: Any) -> Self:
        """Pydantic's ``model_validate``, raising :class:`CaseModelError` (still a
        ``ValidationError``)."""
        try:
            return super().model_validate(obj, *args, **kwargs)
        except ValidationError as exc:
            raise CaseModelError.of(cls, exc) from None
