"""The base of the rule-file models and the form of their ids, shared by
:mod:`.regulation` and :mod:`.penalty`."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

SLUG = r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$"


class RuleModel(BaseModel):
    """Base of rule-file models: frozen, unknown keys rejected."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


__all__ = ["SLUG", "RuleModel"]
