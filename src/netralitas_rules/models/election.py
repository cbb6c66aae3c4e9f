"""Elections and the dates of their stages (tahapan)."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

from pydantic import Field, model_validator

from ..problemtext import Text
from ..vocabulary import ElectionKind, Office, StageKind
from ._base import Date, FactModel


class Stage(FactModel):
    """One stage with inclusive start and end dates."""

    kind: StageKind
    start: Date
    end: Date
    source: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Stage:
        if self.end < self.start:
            raise ValueError(
                Text("election.stage_order", stage=self.kind.value, start=self.start, end=self.end)
            )
        return self


class OfficePenetapan(FactModel):
    """The day the KPU determined the candidates for some offices, where it differs from the
    calendar's PENETAPAN_CALON stage (in a Pemilu the DCT of DPR, DPD and DPRD is set on
    another day than the presidential pairs)."""

    offices: tuple[Office, ...] = Field(min_length=1)
    date: Date
    source: str | None = None


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
    penetapan_by_office: tuple[OfficePenetapan, ...] = ()
    notes: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Election:
        seen: set[StageKind] = set()
        for stage in self.stages:
            if stage.kind in seen:
                raise ValueError(Text("election.stage_twice", stage=stage.kind.value))
            seen.add(stage.kind)
        offices: set[Office] = set()
        for entry in self.penetapan_by_office:
            for office in entry.offices:
                if office in offices:
                    raise ValueError(
                        Text(
                            "election.office_twice",
                            field="penetapan_by_office",
                            office=office.value,
                        )
                    )
                offices.add(office)
        if StageKind.MASA_KAMPANYE not in seen:
            raise ValueError(Text("election.no_campaign", stage=StageKind.MASA_KAMPANYE.value))
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
                    Text(
                        "election.stages_order",
                        stage=after.kind.value,
                        start=after.start,
                        before=before.kind.value,
                        before_start=before.start,
                    )
                )
        return self

    def penetapan_for(self, office: Office | str) -> dt.date | None:
        """The calendar's penetapan day for candidates to ``office``: its own entry in
        ``penetapan_by_office``, else the PENETAPAN_CALON stage (None when neither is given)."""
        for entry in self.penetapan_by_office:
            if office in entry.offices:
                return entry.date
        stage = self.stage(StageKind.PENETAPAN_CALON)
        return stage.start if stage else None

    def stage(self, kind: StageKind) -> Stage | None:
        """The stage of that kind, or None when the calendar does not give it."""
        return next((s for s in self.stages if s.kind is kind), None)

    @property
    def campaign(self) -> Stage:
        """The masa kampanye (always present)."""
        stage = self.stage(StageKind.MASA_KAMPANYE)
        assert stage is not None  # guaranteed by the validator
        return stage
