"""Rule-file models: one file holds one version of one legal instrument.

A file has three parts: ``instrument`` (what the law is), ``version`` (when this text was
in force and what it was checked against) and ``provisions`` (each prohibition, with its
pinpoint citation, our summary, its condition and its consequence). Sanction forms per
tier live in ``sanction_schedules`` so that tiers, not Python branches, decide the forms.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BeforeValidator,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from .citation import Citation, CitationText
from .conditions import Condition, parse_condition, to_data
from .penalty import Combination as Combination
from .penalty import Penalty as Penalty
from .penalty import PenaltyKind as PenaltyKind
from .penalty import penalty_text as penalty_text
from .penalty import rupiah as rupiah
from .problemtext import Text
from .rulemodel import SLUG, RuleModel
from .vocabulary import AsnStatus, Certainty, InstrumentKind, Tier, Track


class Instrument(RuleModel):
    """A legal instrument (UU, PP, SE, SKB ...) as it is cited."""

    id: str = Field(pattern=SLUG, description="Folder name, e.g. 'pp-94-2021'.")
    kind: InstrumentKind
    number: str = Field(
        min_length=1, description="As numbered, e.g. '94' or 'B/71/M.SM.00.00/2017'."
    )
    year: int = Field(ge=1945, le=2100)
    title: str = Field(min_length=1)
    title_en: str = Field(min_length=1)
    short_name: str = Field(min_length=1, description="e.g. 'PP 94/2021'.")
    citation_name: str | None = Field(
        default=None,
        description="How the instrument is named after a pinpoint; default "
        "'<kind full name> Nomor <number> Tahun <year>'.",
    )
    succeeds: tuple[str, ...] = Field(
        default=(), description="Ids of instruments this one replaced (its lineage)."
    )

    @property
    def cited_as(self) -> str:
        """E.g. 'Peraturan Pemerintah Nomor 94 Tahun 2021'."""
        if self.citation_name:
            return self.citation_name
        return f"{self.kind.full_name} Nomor {self.number} Tahun {self.year}"


class SourceRef(RuleModel):
    """Where a fact was checked: a page title or address, and what it showed."""

    source: str = Field(min_length=1)
    note: str | None = None


class Version(RuleModel):
    """The validity of this text: ``[effective_from, superseded_on)``."""

    effective_from: dt.date
    superseded_on: dt.date | None = None
    effective_from_certainty: Certainty = Certainty.VERIFIED
    checked_against: tuple[SourceRef, ...] = Field(min_length=1)
    notes: str | None = None
    notes_en: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Version:
        if self.superseded_on is not None and self.superseded_on <= self.effective_from:
            raise ValueError(
                Text(
                    "version.order",
                    superseded_on=self.superseded_on,
                    effective_from=self.effective_from,
                )
            )
        return self

    def covers(self, day: dt.date) -> bool:
        """True when the version is in force on that day."""
        return self.effective_from <= day and (
            self.superseded_on is None or day < self.superseded_on
        )


def _ref_from_text(value: Any) -> Any:
    return {"pinpoint": value} if isinstance(value, str) else value


class Ref(RuleModel):
    """A pinpoint in this file's instrument, or in another one named by ``instrument``."""

    instrument: str | None = Field(default=None, pattern=SLUG)
    pinpoint: CitationText


RefField = Annotated[
    Ref,
    BeforeValidator(_ref_from_text),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "description": "A pinpoint in this file's instrument."},
                {
                    "type": "object",
                    "properties": {
                        "instrument": {"type": "string", "pattern": SLUG},
                        "pinpoint": {"type": "string"},
                    },
                    "required": ["pinpoint"],
                    "additionalProperties": False,
                },
            ]
        },
        mode="validation",
    ),
]


class SanctionForm(RuleModel):
    """One form a sanction can take, e.g. a 25% cut of the performance allowance."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    text: str = Field(min_length=1)
    text_en: str = Field(min_length=1)


class TierForms(RuleModel):
    """The forms of one tier (or, for ethics, of the sanction) and the article listing them."""

    tier: Tier | None = None
    citation: RefField
    forms: tuple[SanctionForm, ...] = Field(min_length=1)


class SanctionSchedule(RuleModel):
    """Which forms each tier takes, for which employment statuses, on which track."""

    id: str = Field(pattern=r"^[a-z0-9_-]+$")
    track: Track
    statuses: tuple[AsnStatus, ...] = Field(min_length=1)
    tiers: tuple[TierForms, ...] = Field(min_length=1)
    certainty: Certainty = Certainty.VERIFIED
    notes: str | None = None

    def forms_for(self, tier: Tier | None) -> TierForms | None:
        """The entry for that tier, if the schedule has one."""
        return next((t for t in self.tiers if t.tier == tier), None)


class StatusEffect(StrEnum):
    """Consequences for employment status that come from statute, not from a tier."""

    PTDH = "PTDH"
    PHPK_TIDAK_DENGAN_HORMAT = "PHPK_TIDAK_DENGAN_HORMAT"
    WAJIB_MUNDUR = "WAJIB_MUNDUR"
    PDH = "PDH"


class Consequence(RuleModel):
    """What a breach of the provision opens: a track, and its tier, penalty or effect."""

    track: Track
    tier: Tier | None = None
    tier_basis: RefField | None = Field(
        default=None, description="The article that assigns the tier."
    )
    penalty: Penalty | None = None
    penalty_basis: RefField | None = Field(
        default=None, description="The penal article (criminal track)."
    )
    status_effect: StatusEffect | None = None
    status_basis: tuple[RefField, ...] = ()
    tier_from: tuple[str, ...] = Field(
        default=(),
        description="Provision ids whose tier governs this conduct: for a statute that "
        "forbids it while a discipline PP sets the tier (e.g. UU 7/2017 Pasal 283).",
    )

    @model_validator(mode="after")
    def _fits_track(self) -> Consequence:
        track = self.track.value
        if self.track is Track.PIDANA and (self.penalty is None or self.penalty_basis is None):
            raise ValueError(Text("consequence.needs_penalty", track=track))
        if self.track is Track.STATUS_KEPEGAWAIAN and self.status_effect is None:
            raise ValueError(Text("consequence.needs_status_effect", track=track))
        if self.track is not Track.DISIPLIN and self.tier is not None:
            raise ValueError(Text("consequence.tier_only_disiplin", track=track))
        if self.tier is not None and self.tier_basis is None:
            raise ValueError(Text("consequence.tier_needs_basis"))
        if self.tier_from and (self.track is not Track.DISIPLIN or self.tier is not None):
            raise ValueError(Text("consequence.tier_from", key="tier"))
        return self


class Alternative(RuleModel):
    """A competing reading of a contested or unresolved provision."""

    tier: Tier | None = None
    reading: str = Field(min_length=1)
    reading_en: str = Field(min_length=1)
    source: str | None = None


class LegalCertainty(RuleModel):
    """How sure this encoding is, and why; findings carry it to the user."""

    level: Certainty
    notes: str | None = None
    notes_en: str | None = None
    alternatives: tuple[Alternative, ...] = ()

    @model_validator(mode="after")
    def _explained(self) -> LegalCertainty:
        if self.level is not Certainty.VERIFIED and not (self.notes and self.notes_en):
            raise ValueError(Text("certainty.needs_notes", level=self.level.value))
        if self.level in (Certainty.CONTESTED, Certainty.UNRESOLVED) and not self.alternatives:
            raise ValueError(Text("certainty.needs_alternatives", level=self.level.value))
        return self


def _condition(value: Any) -> Any:
    return parse_condition(value)


ConditionField = Annotated[
    Condition,
    PlainValidator(_condition),
    PlainSerializer(to_data),
    # Filled in by schemas.rule_file_schema(): pydantic cannot reference a hand-made $def.
    WithJsonSchema({"x-netralitas-condition": True}, mode="validation"),
]


SUMMARY_WORDS = 150
"""The most words a summary may have: more is pasted statute text."""


def in_own_words(value: str) -> str:
    """A summary, refused when it is long enough to be pasted statute text."""
    # Long verbatim statute text does not belong in a rule file: we cite, not paste.
    if len(value.split()) > SUMMARY_WORDS:
        raise ValueError(Text("summary.too_long", words=SUMMARY_WORDS))
    return value


class BaseProvision(RuleModel):
    """What a provision and an exception both state: a pinpoint citation, a title and a
    summary in our own words (Indonesian, English beside it), the condition under which it
    applies, how sure that reading is, and the sources."""

    id: str = Field(pattern=SLUG)
    citation: CitationText
    also_cites: tuple[RefField, ...] = ()
    title: str = Field(min_length=1, max_length=120)
    title_en: str = Field(min_length=1, max_length=120)
    summary: str = Field(min_length=1, max_length=1200)
    summary_en: str = Field(min_length=1, max_length=1200)
    when: ConditionField
    certainty: LegalCertainty
    sources: tuple[SourceRef, ...] = ()

    @field_validator("summary", "summary_en")
    @classmethod
    def _own_words(cls, value: str) -> str:
        return in_own_words(value)


class Provision(BaseProvision):
    """One prohibition, as our own summary of the statute with its pinpoint citation."""

    id: str = Field(
        pattern=SLUG,
        description="Unique in its version and across instruments; the same in every "
        "version of its instrument that keeps the provision.",
    )
    consequence: Consequence


def _target_from_text(value: Any) -> Any:
    return {"provision": value} if isinstance(value, str) else value


class ExceptionTarget(RuleModel):
    """A provision an exception withdraws: its id, and optionally its instrument."""

    instrument: str | None = Field(default=None, pattern=SLUG)
    provision: str = Field(pattern=SLUG)


ExceptionTargetField = Annotated[
    ExceptionTarget,
    BeforeValidator(_target_from_text),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": SLUG, "description": "A provision id."},
                {
                    "type": "object",
                    "properties": {
                        "instrument": {"type": "string", "pattern": SLUG},
                        "provision": {"type": "string", "pattern": SLUG},
                    },
                    "required": ["provision"],
                    "additionalProperties": False,
                },
            ]
        },
        mode="validation",
    ),
]


class ExceptionProvision(BaseProvision):
    """A provision that makes an exception to others: while its version is in force, a
    finding of a provision in ``exception_to`` is withdrawn for an act and candidate that
    also meet this ``when``. It has no consequence of its own."""

    id: str = Field(pattern=SLUG, description="Unique across instruments, like a provision's.")
    exception_to: tuple[ExceptionTargetField, ...] = Field(
        min_length=1, description="The provisions whose findings this exception withdraws."
    )


class RegulationFile(RuleModel):
    """One version of one instrument: the content of ``regulations/<id>/<from>.yaml``."""

    instrument: Instrument
    version: Version
    sanction_schedules: tuple[SanctionSchedule, ...] = ()
    provisions: tuple[Provision, ...] = ()
    exceptions: tuple[ExceptionProvision, ...] = ()

    @property
    def key(self) -> str:
        """``<instrument id>@<effective_from>``, unique in a regulation set."""
        return f"{self.instrument.id}@{self.version.effective_from.isoformat()}"

    def references(self) -> Iterator[tuple[tuple[str | int, ...], Ref]]:
        """Every cross-reference of the file (schedule citations, ``also_cites`` and the
        bases of consequences), each with its key path in the file."""
        for s, sched in enumerate(self.sanction_schedules):
            for t, tier in enumerate(sched.tiers):
                yield ("sanction_schedules", s, "tiers", t, "citation"), tier.citation
        for i, prov in enumerate(self.provisions):
            for j, ref in enumerate(prov.also_cites):
                yield ("provisions", i, "also_cites", j), ref
            c = prov.consequence
            for name, value in (("tier_basis", c.tier_basis), ("penalty_basis", c.penalty_basis)):
                if value is not None:
                    yield ("provisions", i, "consequence", name), value
            for j, ref in enumerate(c.status_basis):
                yield ("provisions", i, "consequence", "status_basis", j), ref
        for i, exc in enumerate(self.exceptions):
            for j, ref in enumerate(exc.also_cites):
                yield ("exceptions", i, "also_cites", j), ref


def citation_text(instrument: Instrument, pinpoint: Citation) -> str:
    """The full rendering: 'Pasal 5 huruf n angka 2 Peraturan Pemerintah Nomor 94 Tahun 2021'."""
    return f"{pinpoint} {instrument.cited_as}"
