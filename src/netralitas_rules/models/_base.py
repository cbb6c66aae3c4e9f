"""The shared configuration of every case model: frozen, no unknown keys, strict types."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


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
