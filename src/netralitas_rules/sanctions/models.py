"""Output shapes of the sanctions stage: recommendation, routing, conflicts, risks, audit.

Every shape is frozen and closed, and serialises to plain JSON (``AssessedReport.assessment``).
Anything that is policy rather than cited law is carried in a :class:`PolicyApplied` (or
marked ``policy_advice``), so a reader can always tell the two apart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import Enum, StrEnum
from typing import Any, Self

from pydantic import BaseModel, Field
from pydantic_core import PydanticUndefined

from ..findings import CitationOut, DecidingFact, OutModel
from ..models import ImposedSanction
from ..regulation import Alternative, Penalty, SanctionForm, StatusEffect
from ..vocabulary import ActivityKind, Certainty, Kinship, OfficialRole, Tier, Track

_REQUIRED: Any = object()

# The instance slots pydantic's own model_construct fills, set through their descriptors
# (a shade faster than object.__setattr__, which looks each one up by name).
_SET_DICT = BaseModel.__dict__["__dict__"].__set__
_SET_FIELDS_SET = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_SET_EXTRA = BaseModel.__dict__["__pydantic_extra__"].__set__
_SET_PRIVATE = BaseModel.__dict__["__pydantic_private__"].__set__


def _constructor(cls: type[OutModel]) -> Any:
    """``model_construct`` for ``cls``, generated from its shape (each field's name and
    default, in field order): one dict display lays out the fields (about twice as fast as a
    comprehension over the shape), and the object is made in the same call."""
    shape, _ = _shape(cls)
    defaults = {f"_d{i}": default for i, (_, default) in enumerate(shape)}
    # A required field is read by subscript (no default to give): when one is missing, the
    # KeyError leads to the layout pydantic gives, without it.
    fast = ", ".join(
        f"{name!r}: values[{name!r}]" if default is _REQUIRED else f"{name!r}: get({name!r}, _d{i})"
        for i, (name, default) in enumerate(shape)
    )
    items = ", ".join(f"{name!r}: get({name!r}, _d{i})" for i, (name, _) in enumerate(shape))
    source = (
        "def model_construct(cls, _fields_set=None, **values):\n"
        "    if cls is not _owner:\n"
        "        return _construct(cls, _fields_set, values)\n"
        "    get = values.get\n"
        "    try:\n"
        f"        fields = {{{fast}}}\n"
        "    except KeyError:  # as pydantic: a missing field stays unset\n"
        f"        fields = {{{items}}}\n"
        "        fields = {n: v for n, v in fields.items() if v is not _REQUIRED}\n"
        "    m = _new(cls)\n"
        "    _SET_DICT(m, fields)\n"
        "    _SET_FIELDS_SET(m, set(values) if _fields_set is None else _fields_set)\n"
        "    _SET_EXTRA(m, None)\n"
        "    _SET_PRIVATE(m, None)\n"
        "    return m\n"
    )
    namespace: dict[str, Any] = {
        **defaults,
        "_owner": cls,
        "_construct": _construct,
        "_REQUIRED": _REQUIRED,
        "_new": cls.__new__,
        "_SET_DICT": _SET_DICT,
        "_SET_FIELDS_SET": _SET_FIELDS_SET,
        "_SET_EXTRA": _SET_EXTRA,
        "_SET_PRIVATE": _SET_PRIVATE,
    }
    # Our own source: field names are identifiers, defaults are bound names.
    exec(compile(source, f"<netralitas model_construct {cls.__name__}>", "exec"), namespace)
    return namespace["model_construct"]


def _construct(cls: type[OutModel], fields_set: set[str] | None, values: dict[str, Any]) -> Any:
    """The first construction of a class: its generated ``model_construct``, installed on
    the class itself so later calls go straight to it (a subclass gets its own)."""
    make = _constructor(cls)
    type.__setattr__(cls, "model_construct", classmethod(make))
    return make(cls, fields_set, **values)


def _immutable(value: Any) -> bool:
    if isinstance(value, tuple):
        return all(_immutable(v) for v in value)
    return value is None or isinstance(value, (bool, int, str, Enum, dt.date))


def _shape(cls: type[OutModel]) -> tuple[tuple[tuple[str, Any], ...], frozenset[str]]:
    shape = []
    for name, info in cls.__pydantic_fields__.items():
        if info.default_factory is not None or info.alias is not None:
            raise TypeError(f"{cls.__name__}.{name}: SanctionsOut fields take plain defaults")
        default = info.default
        if default is not PydanticUndefined and not _immutable(default):
            raise TypeError(f"{cls.__name__}.{name}: SanctionsOut defaults must be immutable")
        shape.append((name, _REQUIRED if default is PydanticUndefined else default))
    return tuple(shape), frozenset(n for n, d in shape if d is _REQUIRED)


class SanctionsOut(OutModel):
    """Base of the sanctions stage's output models.

    Validation stays where values come from outside (``Assessment.model_validate``, a model
    built by a caller); the stage itself builds its models from values that are already
    valid (the case, the report, the data) with :meth:`model_construct`. pydantic's own
    ``model_construct`` loops over aliases and default factories per field and cost as much
    as validating (about 40% of ``assess``); these models have neither, so the same result
    (field order, defaults, fields set) is built by a function generated once per class from
    its shape, which replaces this method on the class at its first use.
    ``tests/test_sanctions.py`` holds every assessment equal to its revalidation.
    """

    # The pydantic mypy plugin gives each model a model_construct typed by its fields (so
    # the call sites stay checked); this base has none, hence the ignore.
    @classmethod
    def model_construct(  # type: ignore[override]
        cls, _fields_set: set[str] | None = None, **values: Any
    ) -> Self:
        """pydantic's ``model_construct`` for these models: trusted values, no validation."""
        built: Self = _construct(cls, _fields_set, values)
        return built


class Basis(SanctionsOut):
    """A legal basis named by instrument and pinpoint; no pinpoint when the article was not
    found (it is named, never invented)."""

    instrument: str
    pinpoint: str | None = None
    certainty: Certainty
    note: str | None = None
    note_en: str | None = None

    @property
    def text(self) -> str:
        """E.g. 'Pasal 26 ayat (1) PP 94/2021', or 'PP 53/2010 (pasal belum terverifikasi)'."""
        if self.pinpoint:
            return f"{self.pinpoint} {self.instrument}"
        return self.instrument


class PolicyApplied(SanctionsOut):
    """A choice the law found does not make, applied from the policy data."""

    id: str = Field(description="combination:<rule> or repeat")
    statement: str
    statement_en: str
    why: str
    why_en: str


class Ground(SanctionsOut):
    """A finding that supports a recommendation."""

    provision_id: str
    version: str
    activity_id: str
    activity_date: dt.date
    tier: Tier | None = None


class Repeat(SanctionsOut):
    """An act that repeats conduct of the same nature after an earlier sanction."""

    activity_id: str
    nature: ActivityKind
    prior_date: dt.date
    prior_track: Track
    prior_tier: Tier | None = None
    prior_form: str | None = None
    from_tier: Tier
    to_tier: Tier


class Referral(SanctionsOut):
    """A finding whose tier the law found does not fix: for the PPK to decide."""

    provision_id: str
    activity_id: str
    tier_used: Tier | None = Field(
        default=None, description="The tier counted, when the rule file sets a default."
    )
    notes: str | None = None
    notes_en: str | None = None
    alternatives: tuple[Alternative, ...] = ()
    repeat: bool = Field(default=False, description="The act also repeats earlier conduct.")


class GroundKind(StrEnum):
    """What a tier rests on: law (a PP or statute), guidance (an SKB or circular) or policy
    (repeat escalation, combination: ``data/sanction_policy.yaml``)."""

    LAW = "law"
    GUIDANCE = "guidance"
    POLICY = "policy"


class TierGround(SanctionsOut):
    """One step of what sets a disciplinary tier: a provision's tier article (law or
    guidance, with its rule file's certainty) or a policy that raises it (no certainty: it is
    a choice, not a reading of the law)."""

    kind: GroundKind
    tier: Tier
    activity_id: str | None = Field(
        default=None, description="The act; None for the combination of several acts."
    )
    source: str = Field(
        description="'PP 94/2021 Pasal 14 huruf i', 'SKB Netralitas 2022 Lampiran huruf B "
        "angka 6', or the policy id ('repeat', 'combination:<rule>')."
    )
    provision_id: str | None = None
    certainty: Certainty | None = None


class ActSanction(SanctionsOut):
    """The sanction for one act: its tier after any repeat escalation, and its forms."""

    activity_id: str
    activity_date: dt.date
    base_tier: Tier
    tier: Tier
    forms: tuple[SanctionForm, ...] = ()
    forms_citation: str | None = None


class PenaltyChoice(StrEnum):
    """Which criminal law applies when the penalty changed after the act."""

    THEN = "then"
    NOW = "now"
    CONTESTED = "contested"
    UNCONVERTED = "unconverted"


class PenaltyChange(SanctionsOut):
    """A change of the penal article's range by a later law (UU 1/2026), and which range
    applies: for an act before the change, the more favourable (KUHP 2023 Pasal 3 ayat (1));
    for an act after it, the changed one; ``unconverted`` when the conversion was not found."""

    change_id: str | None = None
    by: str = Field(description="The changing law, e.g. 'UU 1/2026'.")
    effective: dt.date
    act_before: bool = Field(description="The act predates the change: lex mitior decides.")
    then_citation: str
    then_text: str
    then_text_en: str
    now_text: str | None = None
    now_text_en: str | None = None
    now_basis: tuple[Basis, ...] = ()
    applies: PenaltyChoice
    rule: Basis | None = Field(default=None, description="The lex mitior rule applied.")
    certainty: Certainty
    notes: str | None = None
    notes_en: str | None = None


class Exposure(SanctionsOut):
    """Criminal exposure: the penal article and its range (as written on the date of the
    act), and any later change of that range."""

    provision_id: str
    activity_id: str
    penal_article: str
    penalty: Penalty
    text: str
    text_en: str
    change: PenaltyChange | None = None


class LawChange(SanctionsOut):
    """An act judged after a later discipline instrument came into force. No transitional
    article was found, so the recommendation keeps the law of the act's date; both
    schedules' forms for the act's tier are shown so the PPK sees both."""

    activity_id: str
    activity_date: dt.date
    judged_on: dt.date
    judged_on_from: str = Field(description="'imposed' (the sanction's date) or 'as_of'.")
    tier: Tier
    act_law: str
    act_forms: tuple[SanctionForm, ...] = ()
    act_forms_citation: str | None = None
    later_law: str
    later_from: dt.date
    later_forms: tuple[SanctionForm, ...] = ()
    later_forms_citation: str | None = None


class StatusConsequence(SanctionsOut):
    """A consequence for employment status (PTDH, PHPK, duty to resign) and its bases."""

    provision_id: str
    activity_id: str
    effect: StatusEffect
    citations: tuple[str, ...]


class TrackRecommendation(SanctionsOut):
    """What must be imposed on one track, by whom, and on what basis."""

    track: Track
    date: dt.date = Field(description="Recommendation date: the latest act on this track.")
    tier: Tier | None = Field(default=None, description="DISIPLIN only; None when referred.")
    forms: tuple[SanctionForm, ...] = ()
    forms_citation: str | None = None
    acts: tuple[ActSanction, ...] = ()
    grounds: tuple[Ground, ...]
    citations: tuple[CitationOut, ...]
    repeats: tuple[Repeat, ...] = ()
    referrals: tuple[Referral, ...] = ()
    exposures: tuple[Exposure, ...] = ()
    status_effects: tuple[StatusConsequence, ...] = ()
    imposed_by: str
    imposed_by_en: str
    imposed_by_basis: tuple[Basis, ...] = ()
    policies: tuple[PolicyApplied, ...] = ()
    tier_grounds: tuple[TierGround, ...] = Field(
        default=(),
        description="DISIPLIN: per act, the ground of its base tier and any repeat step, then "
        "any combination step (activity_id None).",
    )
    law_changes: tuple[LawChange, ...] = Field(
        default=(),
        description="DISIPLIN: acts judged after a later discipline instrument came into force.",
    )
    notes: tuple[str, ...] = ()
    notes_en: tuple[str, ...] = ()


class RouteStep(SanctionsOut):
    """One authority in the chain, what it does, for which acts, and on what basis."""

    id: str
    actor: str
    actor_en: str
    action: str
    action_en: str
    tracks: tuple[Track, ...]
    activity_ids: tuple[str, ...]
    basis: tuple[Basis, ...] = ()


class Note(SanctionsOut):
    """A remark on the routing, with how sure it is."""

    id: str
    text: str
    text_en: str
    certainty: Certainty


class Routing(SanctionsOut):
    """The chain of authorities for the case, in order."""

    steps: tuple[RouteStep, ...]
    notes: tuple[Note, ...] = ()


class ConflictKind(StrEnum):
    """Why an official who must act on the case is conflicted."""

    OFFICIAL_IS_CANDIDATE = "official_is_candidate"
    OFFICIAL_RELATED_TO_CANDIDATE = "official_related_to_candidate"
    INCUMBENT_CANDIDATE = "incumbent_candidate"


class Takeover(SanctionsOut):
    """An authority that should take over supervision: policy advice, with a basis where one
    exists."""

    actor: str
    actor_en: str
    note: str | None = None
    note_en: str | None = None
    basis: tuple[Basis, ...] = ()


class Conflict(SanctionsOut):
    """A conflict of interest in enforcement."""

    kind: ConflictKind
    official_id: str | None = None
    official_role: OfficialRole | None = None
    candidate_id: str
    kinship: Kinship | None = None
    degree: int | None = None
    beneficiary: bool = Field(description="The candidate is one the ASN's findings concern.")
    text: str
    text_en: str
    takeover: tuple[Takeover, ...]
    policy_advice: bool = True


class RiskKind(StrEnum):
    """Advisory supervision risks: never violations by themselves."""

    ASN_KIN_OF_CANDIDATE = "asn_kin_of_candidate"


class Risk(SanctionsOut):
    """An advisory risk finding: a reason for closer supervision, not a breach."""

    kind: RiskKind
    candidate_id: str
    kinship: Kinship
    degree: int | None = None
    beneficiary: bool
    text: str
    text_en: str
    advisory: bool = True


class Verdict(StrEnum):
    """Outcome of the adequacy audit for one track."""

    ADEQUATE = "adequate"
    UNDER_SANCTIONED = "under_sanctioned"
    OVER_SANCTIONED = "over_sanctioned"
    WRONG_TRACK = "wrong_track"
    NOT_YET_IMPOSED = "not_yet_imposed"
    UNDETERMINED = "undetermined"
    NONE_DUE = "none_due"

    @property
    def severity(self) -> int:
        """Order for a case's overall verdict: the most serious shortfall first."""
        return _SEVERITY[self]


_SEVERITY = {
    Verdict.UNDER_SANCTIONED: 6,
    Verdict.WRONG_TRACK: 5,
    Verdict.NOT_YET_IMPOSED: 4,
    Verdict.OVER_SANCTIONED: 3,
    Verdict.UNDETERMINED: 2,
    Verdict.ADEQUATE: 1,
    Verdict.NONE_DUE: 0,
}


class TrackAudit(SanctionsOut):
    """The verdict on one track: what was due, what was imposed, and the bases."""

    track: Track
    verdict: Verdict
    recommended_tier: Tier | None = None
    imposed: tuple[ImposedSanction, ...] = ()
    imposed_tier: Tier | None = None
    recommendation_date: dt.date | None = None
    days_elapsed: int | None = None
    text: str
    text_en: str
    citations: tuple[str, ...] = ()
    ground: GroundKind | None = Field(
        default=None, description="The weakest kind of ground the verdict rests on."
    )
    certainty: Certainty | None = Field(
        default=None, description="The weakest certainty label among those grounds."
    )
    grounds: tuple[TierGround, ...] = Field(
        default=(), description="The chain of grounds the verdict rests on."
    )


class Audit(SanctionsOut):
    """The adequacy audit of a case."""

    as_of: dt.date
    tracks: tuple[TrackAudit, ...]
    overall: Verdict


ADMINISTRATIVE_RANK: Mapping[Track, int] = {
    Track.ETIK: 1,
    Track.DISIPLIN: 2,
    Track.STATUS_KEPEGAWAIAN: 3,
}
"""The administrative tracks, lightest first: a case's administrative answer is its heaviest.
PIDANA is not among them; the criminal track runs independently (PP 53/2010 Pasal 6)."""


class NoMatch(SanctionsOut):
    """No encoded provision matched the facts: what was consulted. Never 'all clear': the
    facts may breach law the library does not encode, or facts not stated may decide."""

    instruments: tuple[str, ...] = Field(
        description="Short names of the instruments in force on the act dates, e.g. 'PP 94/2021'."
    )
    versions: tuple[str, ...] = Field(description="<instrument>@<effective_from> consulted.")
    act_dates: tuple[dt.date, ...] = ()
    text: str
    text_en: str


class PossibleFinding(SanctionsOut):
    """A finding met for some values of the case's unknown facts only."""

    provision_id: str
    version: str
    activity_id: str
    candidate_id: str | None = None
    track: Track
    tier: Tier | None = None
    deciding_facts: tuple[DecidingFact, ...] = ()


class IfMet(SanctionsOut):
    """What one track's recommendation would be if every possible finding were met."""

    track: Track
    tier: Tier | None = Field(
        default=None, description="The case's tier on the track (None: no tier set)."
    )
    provision_ids: tuple[str, ...] = Field(description="The possible findings on the track.")


class PossibleOutcome(SanctionsOut):
    """The possible findings of a case, and the heaviest outcome if they were met."""

    findings: tuple[PossibleFinding, ...]
    if_met: tuple[IfMet, ...]


class Assessment(SanctionsOut):
    """Everything the sanctions stage says about one case."""

    recommendations: tuple[TrackRecommendation, ...]
    routing: Routing
    conflicts: tuple[Conflict, ...] = ()
    risks: tuple[Risk, ...] = ()
    audit: Audit
    no_match: NoMatch | None = Field(
        default=None,
        description="Set when the report has no finding: the instruments consulted.",
    )
    possible: PossibleOutcome | None = Field(
        default=None,
        description="Findings met only for some values of the case's unknown facts: the "
        "recommendation rests on met findings alone; these are named beside it.",
    )

    def recommendation(self, track: Track) -> TrackRecommendation | None:
        """The recommendation on that track, if any."""
        return next((r for r in self.recommendations if r.track is track), None)

    def heaviest_administrative(self) -> Track | None:
        """The heaviest administrative track recommended (:data:`ADMINISTRATIVE_RANK`), or
        None when no administrative track is."""
        admin = [r.track for r in self.recommendations if r.track in ADMINISTRATIVE_RANK]
        return max(admin, key=ADMINISTRATIVE_RANK.__getitem__, default=None)
