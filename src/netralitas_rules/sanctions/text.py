"""Text of the assessment in Indonesian or English (the report's text places it after the
findings: :func:`netralitas_rules.render.report_lines`)."""

from __future__ import annotations

from ..textparts import certainty_text, pick
from .models import Assessment, Basis, TrackAudit, TrackRecommendation, Verdict

_L: dict[str, dict[str, str]] = {
    "rec": {"id": "Rekomendasi sanksi", "en": "Sanction recommendation"},
    "none": {"id": "Tidak ada sanksi yang diwajibkan.", "en": "No sanction is due."},
    "tier": {"id": "Tingkat", "en": "Tier"},
    "referred": {"id": "diserahkan kepada PPK", "en": "referred to the PPK"},
    "forms": {"id": "Bentuk", "en": "Forms"},
    "by": {"id": "Dijatuhkan oleh", "en": "Imposed by"},
    "act": {"id": "Perbuatan", "en": "Act"},
    "repeat": {"id": "Pengulangan", "en": "Repeat"},
    "after": {"id": "setelah sanksi", "en": "after the sanction of"},
    "refer": {"id": "Diserahkan kepada PPK", "en": "Referred to the PPK"},
    "policy": {"id": "KEBIJAKAN (bukan hukum yang dikutip)", "en": "POLICY (not cited law)"},
    "exposure": {"id": "Ancaman pidana", "en": "Criminal exposure"},
    "status": {"id": "Akibat kepegawaian", "en": "Employment consequence"},
    "basis": {"id": "Dasar", "en": "Basis"},
    "routing": {"id": "Alur penanganan", "en": "Handling chain"},
    "acts": {"id": "perbuatan", "en": "acts"},
    "conflicts": {"id": "Konflik kepentingan", "en": "Conflicts of interest"},
    "takeover": {
        "id": "Pengawasan sebaiknya diambil alih oleh (saran kebijakan)",
        "en": "Supervision should be taken over by (policy advice)",
    },
    "risks": {
        "id": "Risiko pengawasan (saran, bukan pelanggaran)",
        "en": "Supervision risks (advisory, not violations)",
    },
    "audit": {"id": "Audit kecukupan sanksi", "en": "Sanction adequacy audit"},
    "as_of": {"id": "per", "en": "as of"},
    "overall": {"id": "Kesimpulan", "en": "Overall"},
}

VERDICT_TEXT = {
    Verdict.ADEQUATE: {"id": "memadai", "en": "adequate"},
    Verdict.UNDER_SANCTIONED: {"id": "sanksi terlalu ringan", "en": "under-sanctioned"},
    Verdict.OVER_SANCTIONED: {"id": "sanksi berlebih", "en": "over-sanctioned"},
    Verdict.WRONG_TRACK: {"id": "jalur keliru", "en": "wrong track"},
    Verdict.NOT_YET_IMPOSED: {"id": "belum dijatuhkan", "en": "not yet imposed"},
    Verdict.UNDETERMINED: {"id": "tidak dapat ditentukan", "en": "undetermined"},
    Verdict.NONE_DUE: {"id": "tidak ada yang wajib", "en": "none due"},
}


def basis_line(b: Basis, lang: str) -> str:
    """'Pasal 26 ayat (1) PP 94/2021 [terverifikasi] — note'."""
    cert = certainty_text(b.certainty, lang)
    note = pick(lang, b.note, b.note_en)
    return f"{b.text} [{cert}]" + (f" — {' '.join(note.split())}" if note else "")


def _recommendation(r: TrackRecommendation, lang: str) -> list[str]:
    head = f"  {r.track.value}"
    if r.track.value == "DISIPLIN":
        head += f" · {_L['tier'][lang]}: {r.tier.value if r.tier else _L['referred'][lang]}"
    out = [head]
    if r.forms:
        forms = "; ".join(pick(lang, f.text, f.text_en) for f in r.forms)
        cite = f" ({r.forms_citation})" if r.forms_citation else ""
        out.append(f"    {_L['forms'][lang]}{cite}: {forms}")
    if len(r.acts) > 1 or any(a.tier is not a.base_tier for a in r.acts):
        for a in r.acts:
            step = (
                f"{a.base_tier.value}→{a.tier.value}" if a.tier is not a.base_tier else a.tier.value
            )
            out.append(f"    {_L['act'][lang]} {a.activity_id} ({a.activity_date}): {step}")
    for rep in r.repeats:
        prior = rep.prior_form or (
            rep.prior_tier.value if rep.prior_tier else rep.prior_track.value
        )
        out.append(
            f"    {_L['repeat'][lang]}: {rep.activity_id} ({rep.nature.value}) "
            f"{_L['after'][lang]} {rep.prior_date} ({prior}): "
            f"{rep.from_tier.value}→{rep.to_tier.value}"
        )
    for ref in r.referrals:
        out.append(f"    {_L['refer'][lang]}: {ref.provision_id} · {ref.activity_id}")
        note = pick(lang, ref.notes, ref.notes_en)
        if note:
            out.append(f"      {' '.join(note.split())}")
        for alt in ref.alternatives:
            tier = f"[{alt.tier.value}] " if alt.tier else ""
            out.append(f"      - {tier}{pick(lang, alt.reading, alt.reading_en)}")
    for e in r.exposures:
        out.append(
            f"    {_L['exposure'][lang]}: {e.penal_article}: {pick(lang, e.text, e.text_en)}"
        )
    for s in r.status_effects:
        out.append(f"    {_L['status'][lang]}: {s.effect.value} ({'; '.join(s.citations)})")
    for p in r.policies:
        out.append(f"    {_L['policy'][lang]}: {pick(lang, p.statement, p.statement_en)}")
        out.append(f"      {' '.join(pick(lang, p.why, p.why_en).split())}")
    for line in r.notes_en if lang == "en" else r.notes:
        out.append(f"    {line}")
    out.append(f"    {_L['by'][lang]}: {pick(lang, r.imposed_by, r.imposed_by_en)}")
    out += [f"      - {basis_line(b, lang)}" for b in r.imposed_by_basis]
    return out


def _audit_line(a: TrackAudit, lang: str) -> str:
    return f"  {a.track.value}: {VERDICT_TEXT[a.verdict][lang]} — {pick(lang, a.text, a.text_en)}"


def render_assessment(a: Assessment, lang: str) -> list[str]:
    """The lines of an assessment."""
    out = [f"{_L['rec'][lang]}:"]
    if not a.recommendations:
        out.append(f"  {_L['none'][lang]}")
    for r in a.recommendations:
        out += _recommendation(r, lang)
    out.append("")
    if a.routing.steps:
        out.append(f"{_L['routing'][lang]}:")
        for n, s in enumerate(a.routing.steps, 1):
            out.append(
                f"  {n}. {pick(lang, s.actor, s.actor_en)} — {pick(lang, s.action, s.action_en)}"
                f" [{', '.join(t.value for t in s.tracks)}; {_L['acts'][lang]}: "
                f"{', '.join(s.activity_ids)}]"
            )
            out += [f"     - {basis_line(b, lang)}" for b in s.basis]
        for remark in a.routing.notes:
            cert = certainty_text(remark.certainty, lang)
            out.append(f"  * {pick(lang, remark.text, remark.text_en)} [{cert}]")
        out.append("")
    if a.conflicts:
        out.append(f"{_L['conflicts'][lang]}:")
        for c in a.conflicts:
            out.append(f"  ! {pick(lang, c.text, c.text_en)}")
            out.append(f"    {_L['takeover'][lang]}:")
            for take in c.takeover:
                why = pick(lang, take.note, take.note_en)
                out.append(
                    f"      - {pick(lang, take.actor, take.actor_en)}" + (f": {why}" if why else "")
                )
        out.append("")
    if a.risks:
        out.append(f"{_L['risks'][lang]}:")
        out += [f"  ~ {pick(lang, r.text, r.text_en)}" for r in a.risks]
        out.append("")
    out.append(f"{_L['audit'][lang]} ({_L['as_of'][lang]} {a.audit.as_of}):")
    for t in a.audit.tracks:
        out.append(_audit_line(t, lang))
        out += [f"      - {c}" for c in t.citations]
    out.append(f"  {_L['overall'][lang]}: {VERDICT_TEXT[a.audit.overall][lang]}")
    out.append("")
    return out
