"""The ``decided:`` block of a real case: its sources, what they leave unstated, and the
authority's outcome (see ``cases/real/README.md``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from pydantic import Field, field_validator

from ..models import Case
from ..models._base import FactModel
from ..problemtext import Text
from ..vocabulary import Tier, Track


class Forum(StrEnum):
    """Who decided: an administrative body (Bawaslu, KASN, BKN, PPK) or a criminal one
    (Gakkumdu, a court). The two decide different tracks, independently of each other."""

    ADMINISTRATIVE = "ADMINISTRATIVE"
    CRIMINAL = "CRIMINAL"


class Decision(StrEnum):
    """The kind of decision the outcome records."""

    RECOMMENDATION = "recommendation"
    SANCTION = "sanction"
    CONVICTION = "conviction"
    ACQUITTAL = "acquittal"
    FINDING = "finding"


class Cause(StrEnum):
    """Why the library and the authority disagree (a closed list)."""

    READING = "reading"
    """The library reads the law differently; ``law_supports`` says which side the law backs."""
    LENIENT = "lenient"
    """The authority was lenient, and the library flags the case as under-sanctioned."""
    UNEXPRESSIBLE = "unexpressible"
    """The facts that decided the case cannot be expressed in the case format."""
    DEFECT = "defect"
    """A library defect: the default for a disagreement nobody has explained."""


class Source(FactModel):
    """A public page the case is drawn from."""

    url: str = Field(min_length=1, max_length=2000)
    publisher: str | None = Field(default=None, max_length=500)
    published: dt.date | None = None
    title: str | None = Field(default=None, max_length=1000)


class Outcome(FactModel):
    """What the authority decided. ``track: NONE`` is a finding of no violation (or an
    acquittal) in that forum; ``tier`` is given for DISIPLIN when the source states it."""

    forum: Forum
    decided_by: str = Field(min_length=1, max_length=500)
    decision: Decision
    track: Track | None = Field(description="None (written NONE) for no violation.")
    tier: Tier | None = None
    form: str | None = Field(default=None, max_length=1000)
    date: dt.date | None = None
    reference: str | None = Field(default=None, max_length=500)


_EN_MARK = "/ EN:"


class Disagreement(FactModel):
    """A reviewer's explanation of a known disagreement: the note in Indonesian, and
    ``note_en``, the same explanation in English (required, so each output language has it)."""

    cause: Cause
    law_supports: str | None = Field(
        default=None, pattern="^(library|authority|unsettled)$", description="for 'reading'"
    )
    note: str = Field(min_length=1, max_length=5000)
    # Required: the default only lets the validator say how to fix a missing one (pydantic's
    # own "missing" cannot name the key's purpose).
    note_en: str = Field(default="", max_length=5000, validate_default=True)

    @field_validator("note")
    @classmethod
    def _indonesian_only(cls, value: str) -> str:
        if _EN_MARK in value:
            raise ValueError(Text("decided.note_english", mark=_EN_MARK))
        return value

    @field_validator("note_en", mode="before")
    @classmethod
    def _english_given(cls, value: object) -> object:
        if isinstance(value, str) and value.strip():
            return value
        what = (
            Text("decided.note_en_missing")
            if isinstance(value, str)
            else Text("decided.note_en_not_text", type=type(value).__name__, value=f"{value!r:.40}")
        )
        raise ValueError(Text("decided.note_en", what=what))


class Decided(FactModel):
    """Everything about the real decision: sources, unstated facts, the outcome."""

    sources: tuple[Source, ...] = Field(min_length=1)
    not_stated: tuple[str, ...] = ()
    unexpressed: str | None = Field(default=None, max_length=10_000)
    outcome: Outcome
    disagreement: Disagreement | None = None


@dataclass(frozen=True)
class DecidedCase:
    """A real case: the facts as a case, and the decision with its sources."""

    file: str
    case: Case
    decided: Decided
