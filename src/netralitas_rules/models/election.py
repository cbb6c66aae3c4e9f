"""Elections and the dates of their stages (tahapan)."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

from pydantic import Field, model_validator

from ..vocabulary import ElectionKind, StageKind
from ._base import FactModel


class Stage(FactModel):
    """One stage with inclusive start and end dates."""

    kind: StageKind
    start: dt.date
    end: dt.date
    source: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Stage:
        if self.end < self.start:
            raise ValueError(
                f"stage {self.kind.value} ends ({self.end}) before it starts ({self.start})"
            )
        return self


class Election(FactModel):
    """A Pemilu or Pilkada with its stage calendar.

    >>> e = Election(id="x", kind="PEMILU", name="x", stages=[
    ...     {"kind": "MASA_KAMPANYE", "start": "2018-09-23", "end": "2019-04-13"}])
    >>> e.stage(StageKind.MASA_KAMPANYE).end
    datetime.date(2019, 4, 13)
    """

    id: str = Field(min_length=1, max_length=200)
    kind: ElectionKind
    name: str = Field(max_length=500)
    name_en: str | None = Field(default=None, max_length=500)
    stages: tuple[Stage, ...]
    notes: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Election:
        seen: set[StageKind] = set()
        for stage in self.stages:
            if stage.kind in seen:
                raise ValueError(f"stage {stage.kind.value} is given twice")
            seen.add(stage.kind)
        if StageKind.MASA_KAMPANYE not in seen:
            raise ValueError("an election needs its MASA_KAMPANYE stage")
        order = [
            StageKind.PENDAFTARAN,
            StageKind.PENETAPAN_CALON,
            StageKind.MASA_KAMPANYE,
            StageKind.MASA_TENANG,
            StageKind.PEMUNGUTAN_SUARA,
        ]
        present = [s for k in order for s in self.stages if s.kind is k]
        for before, after in pairwise(present):
            if after.start < before.start:
                raise ValueError(
                    f"stage {after.kind.value} starts ({after.start}) before "
                    f"{before.kind.value} ({before.start})"
                )
        return self

    def stage(self, kind: StageKind) -> Stage | None:
        """The stage of that kind, or None when the calendar does not give it."""
        return next((s for s in self.stages if s.kind is kind), None)

    @property
    def campaign(self) -> Stage:
        """The masa kampanye (always present)."""
        stage = self.stage(StageKind.MASA_KAMPANYE)
        assert stage is not None  # guaranteed by the validator
        return stage
