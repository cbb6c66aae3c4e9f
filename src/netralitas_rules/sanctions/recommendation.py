"""The case-level recommendation per track, computed from the findings of a report.

DISIPLIN: each act's tier is the heaviest of its findings, raised for a repeat of the same
nature; the acts combine by the policy's combination rule; the forms are those of the
schedule in force for the person's status. Findings whose tier the law found does not fix
are referred to the PPK with their alternatives, never dropped or guessed. Each tier keeps
its grounds (law, guidance or policy: :mod:`.grounds`), and an act judged after a later
discipline schedule took effect is flagged (:mod:`.changes`). Combination and repeat
escalation are policy (no article found) and say so. The other tracks: :mod:`.tracks`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from ..findings import Finding, Report
from ..loader import RegulationSet
from ..messages import msg, tier_name
from ..models import Case, DateRange
from ..regulation import RegulationFile, SanctionForm
from ..vocabulary import TIER_BY_RANK, ActivityKind, AsnStatus, Certainty, Tier, Track
from .changes import PenaltyChanges, law_changes, shipped_penalty_changes
from .construct import every_field, keywords
from .data import (
    CombinationPolicy,
    CombinationRule,
    Policy,
    RepeatPolicy,
    RoutingData,
    shipped_policy,
    shipped_regulations,
    shipped_routing,
)
from .grounds import act_ground, policy_ground
from .memo import regs_memo
from .models import (
    ActSanction,
    PolicyApplied,
    Referral,
    Repeat,
    TierGround,
    TrackRecommendation,
)
from .tracks import citations_of, criminal, ethics, forms_citation, ground_of, imposer, status


def escalate(tier: Tier, steps: int = 1) -> Tier:
    """One (or ``steps``) tier(s) up; BERAT stays BERAT.

    >>> escalate(Tier.RINGAN), escalate(Tier.BERAT)
    (<Tier.SEDANG: 'SEDANG'>, <Tier.BERAT: 'BERAT'>)
    """
    return TIER_BY_RANK[min(tier.rank + steps, Tier.BERAT.rank)]


def heaviest(tiers: Iterable[Tier]) -> Tier | None:
    """The heaviest tier, or None for none."""
    return max(tiers, key=_RANK, default=None)


# A tier's rank, read from a dict (no property call, no lambda made per call).
_RANK = {t: t.rank for t in Tier}.__getitem__


def schedule_forms(
    regs: RegulationSet,
    day: dt.date,
    track: Track,
    tier: Tier | None,
    status: AsnStatus,
    prefer: str | None = None,
) -> tuple[tuple[SanctionForm, ...], str | None]:
    """The forms of that tier for the status in the schedules in force on ``day``, and the
    article listing them; the version ``prefer`` (a finding's own) is searched first."""
    memo = regs_memo(regs)
    in_force, keys = memo.in_force(day)
    return memo.get(
        ("forms", keys, track, tier, status, prefer),
        _schedule_forms,
        regs,
        in_force,
        track,
        tier,
        status,
        prefer,
    )


def _schedule_forms(
    regs: RegulationSet,
    in_force: Sequence[RegulationFile],
    track: Track,
    tier: Tier | None,
    status: AsnStatus,
    prefer: str | None,
) -> tuple[tuple[SanctionForm, ...], str | None]:
    ordered = sorted(in_force, key=lambda r: r.key != prefer)
    for reg in ordered:
        for sched in reg.sanction_schedules:
            if sched.track is track and status in sched.statuses:
                entry = sched.forms_for(tier)
                if entry is not None:
                    inst = regs.instrument_of(entry.citation, reg.instrument)
                    return entry.forms, f"{entry.citation.pinpoint} {inst.cited_as}"
    return (), None


def _tier_set_elsewhere(f: Finding, act_findings: Sequence[Finding]) -> bool:
    """A tierless finding whose rule file names the provisions that set its tier
    (``tier_from``) needs no referral when one of them fixed a tier for the same act."""
    return f.tier is None and any(
        g.provision_id in f.tier_from and g.tier is not None and g.candidate_id == f.candidate_id
        for g in act_findings
    )


def _policy(pid: str, source: CombinationPolicy | RepeatPolicy) -> PolicyApplied:
    return PolicyApplied.model_construct(
        id=pid,
        statement=source.statement,
        statement_en=source.statement_en,
        why=source.why,
        why_en=source.why_en,
    )


# Built per act and per referral: positionally (every field, in field order).
_ACT = every_field(ActSanction)
_REFERRAL = every_field(Referral)
_DISCIPLINE = keywords(
    TrackRecommendation,
    "track date tier forms forms_citation acts grounds citations repeats referrals "
    "imposed_by imposed_by_en imposed_by_basis policies tier_grounds law_changes notes "
    "notes_en",
)


def _discipline(
    findings: Sequence[Finding],
    case: Case,
    regs: RegulationSet,
    policy: Policy,
    routing: RoutingData,
    as_of: dt.date | None,
    judged: Mapping[str, dt.date],
) -> TrackRecommendation:
    """``judged`` maps an act to the day whose law judged it when that is not the act's own
    day (``evaluate(at=...)``, ``check --at``): its forms, the imposing official and any
    change of law are then read on that day, as its findings were."""
    status = case.asn.status
    prior_sanctions = case.asn.prior_sanctions
    kinds = {a.id: a.kind for a in case.activities} if prior_sanctions else {}
    by_act: dict[str, list[Finding]] = {}
    for f in findings:
        by_act.setdefault(f.activity_id, []).append(f)

    acts: list[ActSanction] = []
    grounds: list[TierGround] = []
    repeats: list[Repeat] = []
    referrals: list[Referral] = []
    for act_id, act_findings in by_act.items():
        day = act_findings[0].activity_date
        kind = kinds.get(act_id)
        priors = (
            sorted(
                (
                    p
                    for p in prior_sanctions
                    if kind is not None
                    and p.nature is kind
                    and p.date < day
                    and p.track in policy.repeat.tracks
                ),
                key=lambda p: p.date,
            )
            if prior_sanctions
            else []
        )
        base: Tier | None = None
        for f in act_findings:
            if f.tier is not None and (base is None or f.tier.rank > base.rank):
                base = f.tier
            if f.tier is not None and f.certainty.level is not Certainty.UNRESOLVED:
                continue
            if not _tier_set_elsewhere(f, act_findings):
                cert = f.certainty
                # provision_id, activity_id, tier_used, notes, notes_en, alternatives, repeat
                referrals.append(
                    _REFERRAL(
                        f.provision_id,
                        act_id,
                        f.tier,
                        cert.notes,
                        cert.notes_en,
                        cert.alternatives,
                        bool(priors),
                    )
                )
        if base is None:
            continue
        tier = base
        ground = act_ground(act_findings, base, regs)
        if ground is not None:
            grounds.append(ground)
        if priors and policy.repeat.steps:
            tier = escalate(base, policy.repeat.steps)
            if tier is not base:
                grounds.append(policy_ground("repeat", tier, act_id))
            prior = priors[-1]
            assert isinstance(kind, ActivityKind)  # priors are only found for a known kind
            repeats.append(
                Repeat.model_construct(
                    activity_id=act_id,
                    nature=kind,
                    prior_date=prior.date,
                    prior_track=prior.track,
                    prior_tier=prior.tier,
                    prior_form=prior.form,
                    from_tier=base,
                    to_tier=tier,
                )
            )
        own = next((f for f in act_findings if f.tier is tier and f.forms), None)
        if own is not None:
            act_forms, cite = own.forms, forms_citation(own.citations)
        else:
            prefer = next((f.version for f in act_findings if f.tier is not None), None)
            act_forms, cite = schedule_forms(
                regs, judged.get(act_id, day), Track.DISIPLIN, tier, status, prefer
            )
        # activity_id, activity_date, base_tier, tier, forms, forms_citation
        acts.append(_ACT(act_id, day, base, tier, act_forms, cite))

    rule = policy.combination.rule
    top = case_tier = heaviest(a.tier for a in acts)
    policies: list[PolicyApplied] = []
    notes: list[str] = []
    notes_en: list[str] = []
    forms: tuple[SanctionForm, ...] = ()
    forms_cite: str | None = None
    if case_tier is not None:
        if len(acts) > 1:
            policies.append(_policy(f"combination:{rule.value}", policy.combination))
            if rule is CombinationRule.HEAVIEST_ESCALATED:
                raised = escalate(case_tier)
                if raised is not case_tier:
                    grounds.append(policy_ground(f"combination:{rule.value}", raised))
                case_tier = raised
        if repeats:
            policies.append(_policy("repeat", policy.repeat))
        deciding = max((a for a in acts if a.tier is top), key=lambda a: a.activity_date)
        if deciding.tier is case_tier:
            forms, forms_cite = deciding.forms, deciding.forms_citation
        else:
            prefer = next(f.version for f in by_act[deciding.activity_id])
            on = judged.get(deciding.activity_id, deciding.activity_date)
            forms, forms_cite = schedule_forms(regs, on, Track.DISIPLIN, case_tier, status, prefer)
        if not forms:
            for lang, into in (("id", notes), ("en", notes_en)):
                tier_words = tier_name(case_tier, lang)
                into.append(msg("sanctions.no_forms", lang, tier=tier_words, status=status.value))
    if referrals:
        notes.append(msg("sanctions.referred", "id"))
        notes_en.append(msg("sanctions.referred", "en"))
    dates = [f.activity_date for f in findings]
    laws = [judged.get(f.activity_id, f.activity_date) for f in findings] if judged else dates
    actor, actor_en, basis = imposer(Track.DISIPLIN, routing, laws)
    return _DISCIPLINE(
        track=Track.DISIPLIN,
        date=max(dates),
        tier=case_tier,
        forms=forms,
        forms_citation=forms_cite,
        acts=tuple(acts),
        grounds=tuple([ground_of(f) for f in findings]),
        citations=citations_of(findings),
        repeats=tuple(repeats),
        referrals=tuple(referrals),
        imposed_by=actor,
        imposed_by_en=actor_en,
        imposed_by_basis=basis,
        policies=tuple(policies),
        tier_grounds=tuple(grounds),
        law_changes=(
            law_changes(
                acts,
                case,
                regs,
                as_of,
                lambda day, t: schedule_forms(regs, day, Track.DISIPLIN, t, status),
                judged,
            )
            if as_of is not None
            else ()
        ),
        notes=tuple(notes),
        notes_en=tuple(notes_en),
    )


def _judged_elsewhere(report: Report, case: Case) -> dict[str, dt.date]:
    """The acts judged under the law of a day outside their own (``evaluate(at=...)``), with
    that day, as the report's ``law_applied`` records it. An act judged under several sets of
    versions (a date range straddling a change of law, judged stretch by stretch) is left
    out: each of its findings lies inside the stretch that judged it. Empty without ``at``.
    """
    seen: dict[str, list[dt.date]] = {}
    for la in report.law_applied:
        seen.setdefault(la.activity_id, []).append(la.judged_on)
    out: dict[str, dt.date] = {}
    for act in case.activities:
        days = seen.get(act.id)
        if days is None or len(days) != 1:
            continue
        day, own = days[0], act.date
        inside = own.start <= day <= own.end if isinstance(own, DateRange) else day == own
        if not inside:
            out[act.id] = day
    return out


def recommend(
    report: Report,
    case: Case,
    *,
    regs: RegulationSet | None = None,
    policy: Policy | None = None,
    routing: RoutingData | None = None,
    as_of: dt.date | None = None,
    changes: PenaltyChanges | None = None,
) -> tuple[TrackRecommendation, ...]:
    """One recommendation per track that the findings open, in track order
    (DISIPLIN, ETIK, PIDANA, STATUS_KEPEGAWAIAN); none for a report without findings.
    The shipped regulations, policy, routing and penalty changes by default (``regs`` must
    be the ones the report was evaluated with). ``as_of``, the day of handling, dates the
    law changes since the acts (a discipline schedule replaced, a penal range adjusted);
    without it none are looked for."""
    regs = regs if regs is not None else shipped_regulations()
    policy = policy or shipped_policy()
    routing = routing or shipped_routing()
    out: list[TrackRecommendation] = []
    by_track: dict[Track, list[Finding]] = {}
    for f in report.findings:
        by_track.setdefault(f.track, []).append(f)
    if Track.DISIPLIN in by_track:
        judged = _judged_elsewhere(report, case)
        out.append(
            _discipline(by_track[Track.DISIPLIN], case, regs, policy, routing, as_of, judged)
        )
    if Track.ETIK in by_track:
        out.append(ethics(by_track[Track.ETIK], routing))
    if Track.PIDANA in by_track:
        changes = changes or shipped_penalty_changes()
        out.append(criminal(by_track[Track.PIDANA], case, routing, as_of, changes))
    if Track.STATUS_KEPEGAWAIAN in by_track:
        out.append(status(by_track[Track.STATUS_KEPEGAWAIAN], routing))
    return tuple(out)
