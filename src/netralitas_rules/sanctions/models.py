"""Output shapes of the sanctions stage: recommendation, routing, conflicts and risks (the
audit's and the whole assessment's are in :mod:`.verdicts`).

Every shape is frozen and closed, and serialises to plain JSON (``AssessedReport.assessment``).
Anything that is policy rather than cited law is carried in a :class:`PolicyApplied` (or
marked ``policy_advice``), so a reader can always tell the two apart.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field

from ..findings import CitationOut
from ..regulation import Alternative, Penalty, SanctionForm, StatusEffect
from ..vocabulary import ActivityKind, Certainty, Kinship, OfficialRole, Tier, Track
from .construct import SanctionsOut


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
