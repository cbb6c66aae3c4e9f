"""The policy and routing data (``netralitas_rules/data/*.yaml``): models and loading.

Choices the law found does not make (how several violations combine, how a repeat
escalates, how far kinship counts) and the chain of authorities with its dates are data,
validated here with positioned errors, never Python branches.
"""

from __future__ import annotations

import datetime as dt
import itertools
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..citation import PinpointText
from ..errors import RuleFileError, unreadable
from ..loader import RegulationSet, validate_located
from ..problemtext import Text
from ..vocabulary import Certainty, ElectionKind, Track
from ..yamlpos import read_yaml
from .models import Basis


class DataModel(BaseModel):
    """Base of the data models: frozen, unknown keys rejected, ``from`` accepted as a key."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


# --------------------------------------------------------------------------- policy


class CombinationRule(StrEnum):
    """How the tiers of several acts combine into the case's disciplinary sanction."""

    HEAVIEST = "heaviest"
    HEAVIEST_ESCALATED = "heaviest_escalated"
    SEPARATE = "separate"


class CombinationPolicy(DataModel):
    """The combination rule and why it is policy."""

    rule: CombinationRule = CombinationRule.HEAVIEST
    statement: str = Field(min_length=1)
    statement_en: str = Field(min_length=1)
    why: str = Field(min_length=1)
    why_en: str = Field(min_length=1)


class RepeatPolicy(DataModel):
    """How many tiers a repeat of the same nature climbs, and which earlier sanctions count."""

    steps: int = Field(default=1, ge=0, le=2)
    tracks: tuple[Track, ...] = (Track.DISIPLIN,)
    statement: str = Field(min_length=1)
    statement_en: str = Field(min_length=1)
    why: str = Field(min_length=1)
    why_en: str = Field(min_length=1)


class KinshipPolicy(DataModel):
    """How far kinship counts for conflicts and risks."""

    other_kin_max_degree: int = Field(default=3, ge=1, le=10)
    why: str = Field(min_length=1)
    why_en: str = Field(min_length=1)


class Policy(DataModel):
    """The whole sanction policy."""

    combination: CombinationPolicy
    repeat: RepeatPolicy
    kinship: KinshipPolicy


# --------------------------------------------------------------------------- routing


class Window(DataModel):
    """A half-open validity window ``[from, until)`` on the date of the act."""

    valid_from: dt.date | None = Field(default=None, alias="from")
    until: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        """True when the day falls in the window."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.until is None or day < self.until
        )


class BasisData(Window):
    """A basis as written in the data, with its window."""

    instrument: str = Field(min_length=1)
    pinpoint: PinpointText = None
    certainty: Certainty
    note: str | None = None
    note_en: str | None = None

    @model_validator(mode="after")
    def _explained(self) -> BasisData:
        if self.pinpoint is None and self.certainty is Certainty.VERIFIED and not self.note:
            raise ValueError(Text("policy.basis_note"))
        return self

    def out(self) -> Basis:
        """The output form, without the window (one shared frozen object per content)."""
        key = (self.instrument, self.pinpoint, self.certainty, self.note, self.note_en)
        hit = _BASES.get(key)
        if hit is None:
            if len(_BASES) >= 4_096:
                _BASES.clear()
            hit = _BASES[key] = Basis.model_construct(
                instrument=self.instrument,
                pinpoint=self.pinpoint,
                certainty=self.certainty,
                note=self.note,
                note_en=self.note_en,
            )
        return hit


# Keyed by the basis's content, so equal data from two loads share one output object.
_BASES: dict[tuple[str, str | None, Certainty, str | None, str | None], Basis] = {}


class SupervisorData(Window):
    """The neutrality supervisor for acts in its window."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    name: str
    name_en: str
    basis: tuple[BasisData, ...] = Field(min_length=1)


class SwitchAlternative(DataModel):
    """Another date the switch could be read to take effect."""

    date: dt.date
    reading: str
    reading_en: str


class SwitchData(DataModel):
    """The chosen KASN-to-BKN switch date, its certainty and the other readings."""

    date: dt.date
    certainty: Certainty
    note: str
    note_en: str
    sources: tuple[str, ...] = Field(min_length=1)
    alternatives: tuple[SwitchAlternative, ...] = ()


class IndependentBodyData(DataModel):
    """MK 121/PUU-XXII/2024: an independent supervisor is required from this date."""

    valid_from: dt.date = Field(alias="from")
    basis: tuple[BasisData, ...] = Field(min_length=1)
    interim: str
    interim_certainty: Certainty
    interim_note: str
    interim_note_en: str


class StepData(Window):
    """One step of the chain; ``actor: supervisor`` is resolved by date."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    actor: str
    actor_en: str | None = None
    tracks: tuple[Track, ...] = Field(min_length=1)
    elections: tuple[ElectionKind, ...] = (ElectionKind.PEMILU, ElectionKind.PILKADA)
    action: str
    action_en: str
    basis: tuple[BasisData, ...] = ()


class TakeoverData(DataModel):
    """An authority to take over supervision (policy advice)."""

    actor: str
    actor_en: str | None = None
    note: str | None = None
    note_en: str | None = None


class TakeoverLevels(DataModel):
    """Takeover advice by the level of the conflicted official."""

    regency: tuple[TakeoverData, ...]
    province: tuple[TakeoverData, ...]
    superior: tuple[TakeoverData, ...]
    unknown: tuple[TakeoverData, ...]


class RoutingData(DataModel):
    """The whole routing data."""

    supervisors: tuple[SupervisorData, ...] = Field(min_length=1)
    switch: SwitchData
    independent_body: IndependentBodyData
    steps: tuple[StepData, ...] = Field(min_length=1)
    takeover: TakeoverLevels

    @model_validator(mode="after")
    def _consistent(self) -> RoutingData:
        ordered = sorted(self.supervisors, key=lambda s: s.valid_from or dt.date.min)
        for before, after in itertools.pairwise(ordered):
            if before.until != after.valid_from:
                raise ValueError(
                    Text(
                        "routing.windows_meet",
                        before=before.id,
                        until=before.until,
                        after=after.id,
                        start=after.valid_from,
                    )
                )
        if not any(s.valid_from == self.switch.date for s in ordered):
            raise ValueError(Text("routing.no_switch", date=self.switch.date))
        ids = {s.id for s in self.supervisors}
        if self.independent_body.interim not in ids:
            raise ValueError(Text("routing.interim_unknown", id=self.independent_body.interim))
        return self

    def supervisor_on(self, day: dt.date) -> SupervisorData:
        """The supervisor for an act on that day."""
        return next(s for s in self.supervisors if s.covers(day))

    def supervisor(self, supervisor_id: str) -> SupervisorData:
        """The supervisor with that id."""
        return next(s for s in self.supervisors if s.id == supervisor_id)


# --------------------------------------------------------------------------- loading


def load_data(raw: bytes, label: str, model: type[Any]) -> Any:
    """A data file validated against ``model``; raises :class:`RuleFileError` with every
    problem, each at its position."""
    obj, problems = validate_located(read_yaml(raw, label), model)
    if problems:
        raise RuleFileError(problems)
    return obj


def shipped_bytes(name: str) -> bytes:
    """The bytes of a shipped data file (``netralitas_rules/data/<name>``)."""
    return resources.files("netralitas_rules.data").joinpath(name).read_bytes()


def shipped_regulations() -> RegulationSet:
    """The shipped regulations as the shared engine compiled them (loaded once)."""
    from ..engine import get_engine

    return get_engine().rules.regulations


@cache
def shipped_policy() -> Policy:
    """The shipped sanction policy (``data/sanction_policy.yaml``)."""
    policy: Policy = load_data(
        shipped_bytes("sanction_policy.yaml"), "sanction_policy.yaml", Policy
    )
    return policy


@cache
def shipped_routing() -> RoutingData:
    """The shipped routing data (``data/routing.yaml``)."""
    routing: RoutingData = load_data(shipped_bytes("routing.yaml"), "routing.yaml", RoutingData)
    return routing


def load_policy(path: str | Path) -> Policy:
    """A sanction policy file in the shape of the shipped one; raises :class:`RuleFileError`
    with every problem."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise RuleFileError([unreadable(str(path), exc, "file.cannot_read")]) from None
    policy: Policy = load_data(raw, str(path), Policy)
    return policy


def parse_policy(text: str | bytes, label: str = "<policy>") -> Policy:
    """A sanction policy from YAML text."""
    policy: Policy = load_data(text.encode() if isinstance(text, str) else text, label, Policy)
    return policy
