"""The shared configuration of every case model: frozen, no unknown keys, strict types."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict

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
        got = f"the date and time {value.isoformat()}"
    elif isinstance(value, str):
        got = f"the text {value[:40]!r}"
    elif isinstance(value, int | float) and not isinstance(value, bool):
        got = f"the number {value!r}"[:60]
    else:
        got = f"{type(value).__name__} {value!r}"[:60]
    raise ValueError(f"a date is written YYYY-MM-DD (for example 2019-03-10), not as {got}")


DATE_INPUT = BeforeValidator(_date_input)
Date = Annotated[dt.date, DATE_INPUT]
"""The type of every date of a case (``batch.wire`` mirrors it by identity)."""
OptionalDate = Annotated[dt.date | None, DATE_INPUT]
"""An optional date (the validator outside the union, so the field's annotation stays
``date | None`` for the fact catalogue)."""


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
