"""Text of the assessment in Indonesian or English (the report's text places it after the
findings, and opens with its verdict: :func:`netralitas_rules.render.report_lines`).

Every text comes from the catalogue (:mod:`netralitas_rules.messages`); tracks, tiers and
consequences by their display names, dates as people write them. Rule ids, the notes meant
for rule authors and the list of citations behind each verdict appear only with
``detail="full"``.
"""

from __future__ import annotations

from ..glossary import VOCABULARY
from ..messages import (
    capitalized,
    certainty_name,
    counted,
    date_text,
    effect_name,
    msg,
    tier_name,
    track_name,
)
from ..models import ImposedSanction
from ..textparts import pick
from ..vocabulary import ActivityKind, Tier, Track
from .audit import due_chain
from .changes import change_lines
from .grounds import ground_phrase, weakest, weakest_line
from .models import Basis, GroundKind, LawChange, TrackRecommendation
from .verdicts import Assessment, TrackAudit, Verdict

DETAILS = ("summary", "full")

VERDICT_TEXT = {
    v: {lang: msg(f"verdict.{v.value}", lang) for lang in ("id", "en")} for v in Verdict
}
"""A verdict in words, by language (from the catalogue)."""

ACTS_ON = {Verdict.UNDER_SANCTIONED, Verdict.NOT_YET_IMPOSED, Verdict.WRONG_TRACK}
ACTS_ON |= {Verdict.UNDETERMINED, Verdict.OVER_SANCTIONED}
"""Verdicts that leave the imposing authority something to do."""


def verdict_text(v: Verdict, lang: str) -> str:
    """'sanksi terlalu ringan', 'under-sanctioned', ..."""
    return VERDICT_TEXT[v][lang]


def _nature(kind: ActivityKind, lang: str) -> str:
    entry = VOCABULARY.get("ActivityKind", {}).get(kind.value)
    if entry is None:
        return kind.value
    return entry.gloss if lang == "en" else entry.term


def basis_line(b: Basis, lang: str) -> str:
    """'Pasal 26 ayat (1) PP 94/2021 [terverifikasi] — note'."""
    cert = certainty_name(b.certainty, lang)
    note = pick(lang, b.note, b.note_en)
    return f"{b.text} [{cert}]" + (f" — {' '.join(note.split())}" if note else "")


def sanction_text(s: ImposedSanction, lang: str, *, track: bool = False) -> str:
    """An imposed sanction: 'teguran lisan (ringan) pada 14 Juni 2019 oleh PPK ...'."""
    named = [track_name(s.track, lang)] if track else []
    if s.form:
        named.append(s.form)
    text = " ".join(named)
    if s.tier is not None:
        text = f"{text} ({tier_name(s.tier, lang)})" if text else tier_name(s.tier, lang)
    parts = [text or "-"]
    if s.date is not None:
        parts.append(msg("report.sanction_on", lang, date=date_text(s.date, lang)))
    if s.imposed_by:
        parts.append(msg("report.sanction_by", lang, by=s.imposed_by))
    return " ".join(parts)


def _sanctions(t: TrackAudit, lang: str, *, track: bool = False) -> str:
    return "; ".join(sanction_text(s, lang, track=track) for s in t.imposed) or "-"


def audit_text(t: TrackAudit, lang: str) -> str:
    """What was imposed on a track, set against what the law prescribes, in words."""
    tier = tier_name(t.recommended_tier, lang) if t.recommended_tier else None
    given = _sanctions(t, lang, track=t.verdict is Verdict.WRONG_TRACK)
    v = t.verdict
    if v is Verdict.NOT_YET_IMPOSED:
        day = t.recommendation_date
        return counted(
            "audit.not_yet",
            lang,
            t.days_elapsed or 0,
            days=t.days_elapsed or 0,
            date=date_text(day, lang) if day else "-",
        )
    if v is Verdict.UNDETERMINED:
        return msg("audit.undetermined", lang)
    if v is Verdict.WRONG_TRACK:
        return msg("audit.wrong_track", lang, track=track_name(t.track, lang), sanctions=given)
    key = {
        Verdict.UNDER_SANCTIONED: "audit.under",
        Verdict.OVER_SANCTIONED: "audit.over",
    }.get(v, "audit.adequate")
    if t.grounds and tier:
        ground = ground_phrase(t.grounds, lang, tier_name)
        return msg(f"{key}_ground", lang, sanctions=given, tier=tier, ground=ground)
    return msg(f"{key}_tier" if tier else key, lang, sanctions=given, tier=tier)


def due_text(t: TrackAudit, rec: TrackRecommendation | None, lang: str) -> str:
    """What the law prescribes on the track of ``t``."""
    if rec is None:
        return msg("report.due_none", lang)
    if rec.track is Track.DISIPLIN:
        if rec.tier is None:
            return msg("report.due_referred", lang)
        chain = due_chain(rec)
        if chain and weakest(chain)[0] is not GroundKind.LAW:
            return ground_phrase(chain, lang, tier_name)
        return msg("report.due_tier", lang, tier=tier_name(rec.tier, lang))
    return msg("report.due_track", lang)


def imposed_text(t: TrackAudit, lang: str) -> str:
    """What was imposed on the track of ``t``, or how long it has been awaited."""
    if t.imposed:
        return msg("report.imposed", lang, sanctions=_sanctions(t, lang))
    if t.days_elapsed is not None and t.recommendation_date is not None:
        return counted(
            "report.not_imposed",
            lang,
            t.days_elapsed,
            days=t.days_elapsed,
            date=date_text(t.recommendation_date, lang),
        )
    return msg("report.nothing_imposed", lang)


def verdict_lines(a: Assessment, lang: str) -> list[str]:
    """The verdict on each track and who must act next (the opening of the report)."""
    out = []
    for t in a.audit.tracks:
        rec = a.recommendation(t.track)
        out.append(
            "  "
            + msg(
                "report.track_line",
                lang,
                track=capitalized(track_name(t.track, lang)),
                due=due_text(t, rec, lang),
                imposed=imposed_text(t, lang),
                verdict=verdict_text(t.verdict, lang),
            )
        )
    actors: dict[str, list[str]] = {}
    for t in a.audit.tracks:
        rec = a.recommendation(t.track)
        if t.verdict in ACTS_ON and rec is not None:
            actor = pick(lang, rec.imposed_by, rec.imposed_by_en)
            actors.setdefault(actor, []).append(track_name(t.track, lang))
    if actors:
        named = "; ".join(f"{actor} ({', '.join(tracks)})" for actor, tracks in actors.items())
        out.append("  " + msg("report.must_act", lang, actors=named))
    elif a.possible is not None:  # nothing due yet, but unknown facts may make something due
        out.append("  " + msg("report.complete_facts", lang))
    elif a.no_match is None:  # with no match, "nothing to do" would read as all clear
        out.append("  " + msg("report.no_action", lang))
    return out


def _step(tier: Tier, base: Tier, lang: str) -> str:
    if tier is base:
        return tier_name(tier, lang)
    return f"{tier_name(base, lang)} → {tier_name(tier, lang)}"


def _law_change(c: LawChange, lang: str) -> list[str]:
    judged_from = msg(
        "discipline.judged_imposed" if c.judged_on_from == "imposed" else "discipline.judged_as_of",
        lang,
    )
    head = msg(
        "discipline.law_change",
        lang,
        activity=c.activity_id,
        date=date_text(c.activity_date, lang),
        judged=date_text(c.judged_on, lang),
        judged_from=judged_from,
        later=c.later_law,
        later_date=date_text(c.later_from, lang),
        act_law=c.act_law,
    )
    out = [f"    {head}"]
    for law, forms in ((c.act_law, c.act_forms), (c.later_law, c.later_forms)):
        named = "; ".join(pick(lang, f.text, f.text_en) for f in forms) or "-"
        line = msg(
            "discipline.law_change_forms", lang, law=law, tier=tier_name(c.tier, lang), forms=named
        )
        out.append(f"      - {line}")
    return out


def _recommendation(r: TrackRecommendation, lang: str, full: bool) -> list[str]:
    head = f"  {capitalized(track_name(r.track, lang))}"
    if r.track is Track.DISIPLIN:
        tier = tier_name(r.tier, lang) if r.tier else msg("assessment.referred", lang)
        head += " · " + msg("assessment.tier", lang, tier=tier)
    out = [head]
    if r.forms:
        forms = "; ".join(pick(lang, f.text, f.text_en) for f in r.forms)
        if r.forms_citation:
            line = msg("assessment.forms", lang, citation=r.forms_citation, forms=forms)
        else:
            line = msg("assessment.forms_plain", lang, forms=forms)
        out.append(f"    {line}")
    if len(r.acts) > 1 or any(a.tier is not a.base_tier for a in r.acts):
        for a in r.acts:
            act = msg(
                "assessment.act",
                lang,
                activity=a.activity_id,
                date=date_text(a.activity_date, lang),
                tier=_step(a.tier, a.base_tier, lang),
            )
            out.append(f"    {act}")
    for rep in r.repeats:
        prior = rep.prior_form or (
            tier_name(rep.prior_tier, lang) if rep.prior_tier else track_name(rep.prior_track, lang)
        )
        line = msg(
            "assessment.repeat",
            lang,
            activity=rep.activity_id,
            nature=_nature(rep.nature, lang),
            date=date_text(rep.prior_date, lang),
            prior=prior,
            step=_step(rep.to_tier, rep.from_tier, lang),
        )
        out.append(f"    {line}")
    for ref in r.referrals:
        out.append("    " + msg("assessment.referral", lang, activity=ref.activity_id))
        if full:
            out.append(f"      {ref.provision_id}")
            note = pick(lang, ref.notes, ref.notes_en)
            if note:
                out.append(f"      {' '.join(note.split())}")
        for alt in ref.alternatives:
            tier = f"[{tier_name(alt.tier, lang)}] " if alt.tier else ""
            out.append(f"      - {tier}{pick(lang, alt.reading, alt.reading_en)}")
    for change in r.law_changes:
        out += _law_change(change, lang)
    for e in r.exposures:
        text = pick(lang, e.text, e.text_en)
        out.append("    " + msg("assessment.exposure", lang, article=e.penal_article, text=text))
        if e.change is not None:
            out += [f"      {line}" for line in change_lines(e.change, lang)]
    for s in r.status_effects:
        effect = effect_name(s.effect, lang)
        out.append(
            "    " + msg("assessment.status", lang, effect=effect, citations="; ".join(s.citations))
        )
    for p in r.policies:
        statement = pick(lang, p.statement, p.statement_en)
        out.append("    " + msg("assessment.policy", lang, statement=statement))
        out.append(f"      {' '.join(pick(lang, p.why, p.why_en).split())}")
    for line in r.notes_en if lang == "en" else r.notes:
        out.append(f"    {line}")
    actor = pick(lang, r.imposed_by, r.imposed_by_en)
    out.append("    " + msg("assessment.imposed_by", lang, actor=actor))
    out += [f"      - {basis_line(b, lang)}" for b in r.imposed_by_basis]
    return out


def render_assessment(a: Assessment, lang: str, detail: str = "summary") -> list[str]:
    """The lines of an assessment; ``detail="full"`` adds the ids, the audit's own notes and
    the citations behind each verdict."""
    if detail not in DETAILS:
        raise ValueError(f"unknown detail {detail!r}; choose one of {', '.join(DETAILS)}")
    full = detail == "full"
    out = [msg("assessment.recommendation", lang)]
    if not a.recommendations:
        key = "assessment.none_due" if a.no_match is None else "assessment.none_due_no_match"
        out.append("  " + msg(key, lang))
    for r in a.recommendations:
        out += _recommendation(r, lang, full)
    out.append("")
    if a.routing.steps:
        out.append(msg("assessment.routing", lang))
        for n, s in enumerate(a.routing.steps, 1):
            step = msg(
                "assessment.route_step",
                lang,
                n=n,
                actor=pick(lang, s.actor, s.actor_en),
                action=pick(lang, s.action, s.action_en),
                tracks=", ".join(track_name(t, lang) for t in s.tracks),
                acts=", ".join(s.activity_ids),
            )
            out.append(f"  {step}")
            out += [f"     - {basis_line(b, lang)}" for b in s.basis]
        for remark in a.routing.notes:
            cert = certainty_name(remark.certainty, lang)
            out.append(f"  * {pick(lang, remark.text, remark.text_en)} [{cert}]")
        out.append("")
    if a.conflicts:
        out.append(msg("assessment.conflicts", lang))
        for c in a.conflicts:
            out.append(f"  ! {pick(lang, c.text, c.text_en)}")
            out.append("    " + msg("assessment.takeover", lang))
            for take in c.takeover:
                why = pick(lang, take.note, take.note_en)
                out.append(
                    f"      - {pick(lang, take.actor, take.actor_en)}" + (f": {why}" if why else "")
                )
        out.append("")
    if a.risks:
        out.append(msg("assessment.risks", lang))
        out += [f"  ~ {pick(lang, r.text, r.text_en)}" for r in a.risks]
        out.append("")
    out.append(msg("assessment.audit", lang, date=date_text(a.audit.as_of, lang)))
    for t in a.audit.tracks:
        track = capitalized(track_name(t.track, lang))
        out.append(f"  {track}: {verdict_text(t.verdict, lang)} — {audit_text(t, lang)}")
        if t.ground is not None:
            out.append(f"    {weakest_line(t.ground, t.certainty, lang)}")
        if full:
            out.append("      " + msg("audit.note", lang, text=pick(lang, t.text, t.text_en)))
            out += [f"      - {c}" for c in t.citations]
    # With no match, "none due" would read as all clear: the overall line says what happened.
    overall = verdict_text(a.audit.overall, lang) if a.no_match is None else None
    overall = overall or msg("verdict.no_match", lang)
    out.append("  " + msg("assessment.overall", lang, verdict=overall))
    out.append("")
    return out


__all__ = [
    "DETAILS",
    "VERDICT_TEXT",
    "audit_text",
    "basis_line",
    "due_text",
    "imposed_text",
    "render_assessment",
    "sanction_text",
    "verdict_lines",
    "verdict_text",
]
