"""The adequacy audit: what was imposed against what the law prescribes, per track.

Verdicts: adequate, under-sanctioned, over-sanctioned, wrong track (imposed on a track the
findings do not open while the prescribed one has nothing), not yet imposed (with the days
elapsed since the recommendation date, the latest act on the track), undetermined (the tier
due or imposed cannot be fixed), none due (nothing prescribed, nothing imposed).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..loader import RegulationSet
from ..messages import capitalized, counted, date_text, msg, tier_name, track_name
from ..models import Case, ImposedSanction
from ..regulation import RegulationFile
from ..vocabulary import AsnStatus, Certainty, Tier, Track
from .construct import keywords
from .data import shipped_regulations
from .grounds import chain_reaching, chains_above, firmest, ground_phrase, weakest
from .memo import regs_memo
from .models import GroundKind, TierGround, TrackRecommendation
from .recommendation import heaviest
from .verdicts import Audit, TrackAudit, Verdict

# Verdicts built many times a batch: by keyword, the fields given fixed (construct.keywords).
_DISCIPLINE = keywords(
    TrackAudit,
    "track verdict recommended_tier imposed imposed_tier recommendation_date text text_en "
    "citations ground certainty grounds",
)
_ON_TRACK_AUDIT = keywords(
    TrackAudit,
    "track verdict imposed recommendation_date text text_en citations",
)
_NOT_YET_AUDIT = keywords(
    TrackAudit,
    "track verdict recommended_tier recommendation_date days_elapsed text text_en "
    "citations ground certainty grounds",
)


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("_", " ").split())


def form_tier(form: str, regs: RegulationSet, day: dt.date, status: AsnStatus) -> Tier | None:
    """The tier whose forms (in the DISIPLIN schedules in force on ``day`` for the status)
    name ``form``: by id, by text, or as the start of the text shared by one tier only."""
    memo = regs_memo(regs)
    in_force, keys = memo.in_force(day)
    return memo.get(("form_tier", form, keys, status), _form_tier, form, in_force, status)


def _form_tier(form: str, in_force: Sequence[RegulationFile], status: AsnStatus) -> Tier | None:
    wanted = _norm(form)
    exact: set[Tier] = set()
    prefix: set[Tier] = set()
    for reg in in_force:
        for sched in reg.sanction_schedules:
            if sched.track is not Track.DISIPLIN or status not in sched.statuses:
                continue
            for entry in sched.tiers:
                if entry.tier is None:
                    continue
                for f in entry.forms:
                    names = {_norm(f.id), _norm(f.text), _norm(f.text_en)}
                    if wanted in names:
                        exact.add(entry.tier)
                    elif any(n.startswith(wanted) for n in names):
                        prefix.add(entry.tier)
    found = exact or prefix
    return next(iter(found)) if len(found) == 1 else None


def imposed_tier(
    s: ImposedSanction, regs: RegulationSet, day: dt.date, status: AsnStatus
) -> tuple[Tier | None, tuple[str, str] | None]:
    """The tier of an imposed disciplinary sanction and, when its form and its stated tier
    disagree (the form, being what was actually done, wins), a remark in each language
    (Indonesian, English)."""
    by_form = form_tier(s.form, regs, s.date or day, status) if s.form else None
    if by_form is not None and s.tier is not None and by_form is not s.tier:
        stated = s.tier
        remark = tuple(
            msg(
                "audit.form_remark",
                lang,
                form=s.form,
                by_form=tier_name(by_form, lang),
                tier=tier_name(stated, lang),
            )
            for lang in ("id", "en")
        )
        return by_form, (remark[0], remark[1])
    return by_form or s.tier, None


_CITED_ROLES = frozenset({"tier", "forms", "penalty", "status", "prohibition"})


def _cites(rec: TrackRecommendation) -> tuple[str, ...]:
    texts = [c.text for c in rec.citations if c.role in _CITED_ROLES]
    texts += [b.text for b in rec.imposed_by_basis]
    return tuple(dict.fromkeys(texts))


def _imposed_text(s: ImposedSanction, lang: str) -> str:
    """An imposed sanction in words: its form as written, else its tier."""
    return s.form or (tier_name(s.tier, lang) if s.tier else "-")


def _both(key: str, **values: object) -> tuple[str, str]:
    """The catalogue text of ``key`` in Indonesian and English, opening a sentence; values
    that are tiers or tracks are given in each language's words."""
    out = []
    for lang in ("id", "en"):
        named = {
            k: (tier_name(v, lang) if isinstance(v, Tier) else track_name(v, lang))
            if isinstance(v, (Tier, Track))
            else v
            for k, v in values.items()
        }
        out.append(capitalized(msg(key, lang, **named)))
    return out[0], out[1]


def due_chain(rec: TrackRecommendation) -> tuple[TierGround, ...]:
    """The firmest chain of grounds that sets the recommended tier (empty when none)."""
    if rec.tier is None:
        return ()
    return chain_reaching(rec.tier_grounds, rec.tier) or ()


def _weakest_of(chain: tuple[TierGround, ...]) -> tuple[GroundKind | None, Certainty | None]:
    return weakest(chain) if chain else (None, None)


def _discipline(
    rec: TrackRecommendation,
    imposed: Sequence[ImposedSanction],
    regs: RegulationSet,
    status: AsnStatus,
) -> TrackAudit:
    tiers: list[Tier] = []
    remarks: list[tuple[str, str]] = []
    for s in imposed:
        tier, remark = imposed_tier(s, regs, rec.date, status)
        if tier is not None:
            tiers.append(tier)
        if remark:
            remarks.append(remark)
    got = heaviest(tiers)
    due = rec.tier
    low: Tier | None = due
    high: Tier | None = due
    if due is None:
        # Only the readings bound the tier; a reading that leaves it to the PPK (no tier)
        # leaves the audit undetermined rather than guessing.
        readings = [a.tier for r in rec.referrals for a in r.alternatives]
        if readings and all(t is not None for t in readings):
            fixed = [t for t in readings if t is not None]
            low = min(fixed, key=lambda t: t.rank)
            high = heaviest(fixed)
        else:
            low = high = None
    extra = [f" ({'; '.join(r[i] for r in remarks)})" if remarks else "" for i in (0, 1)]
    chain: tuple[TierGround, ...] = ()

    def verdict(v: Verdict, text: str, text_en: str) -> TrackAudit:
        kind, cert = _weakest_of(chain)
        return _DISCIPLINE(
            track=Track.DISIPLIN,
            verdict=v,
            recommended_tier=due,
            imposed=tuple(imposed),
            imposed_tier=got,
            recommendation_date=rec.date,
            text=text + extra[0] + ".",
            text_en=text_en + extra[1] + ".",
            citations=_cites(rec),
            ground=kind,
            certainty=cert,
            grounds=chain,
        )

    def grounded(v: Verdict, key: str, tier: Tier) -> TrackAudit:
        assert got is not None
        texts = [
            capitalized(
                msg(
                    key,
                    lang,
                    sanctions=tier_name(got, lang),
                    tier=tier_name(tier, lang),
                    ground=ground_phrase(chain, lang, tier_name),
                )
            )
            for lang in ("id", "en")
        ]
        return verdict(v, texts[0], texts[1])

    if got is None or low is None or high is None:
        return verdict(Verdict.UNDETERMINED, *_both("audit.undetermined"))
    if due is not None and got.rank < due.rank:
        chain = tuple(firmest(chains_above(rec.tier_grounds, got)) or ())
        if chain:
            return grounded(Verdict.UNDER_SANCTIONED, "audit.under_ground", due)
    elif due is not None:
        chain = due_chain(rec)
        key = "audit.over_ground" if got.rank > due.rank else "audit.adequate_ground"
        v = Verdict.OVER_SANCTIONED if got.rank > due.rank else Verdict.ADEQUATE
        if chain:
            return grounded(v, key, due)
    if got.rank < low.rank:
        return verdict(
            Verdict.UNDER_SANCTIONED, *_both("audit.under_tier", sanctions=got, tier=low)
        )
    if got.rank > high.rank:
        return verdict(Verdict.OVER_SANCTIONED, *_both("audit.over_tier", sanctions=got, tier=high))
    if due is not None:
        return verdict(Verdict.ADEQUATE, *_both("audit.adequate_tier", sanctions=got, tier=due))
    return verdict(
        Verdict.ADEQUATE, *_both("audit.adequate_range", sanctions=got, low=low, high=high)
    )


def _not_yet(track: Track, date: dt.date, as_of: dt.date, days: int) -> tuple[str, str]:
    """The not-yet-imposed texts, remembered per track, recommendation date and day of
    handling (a batch handles its cases on one day)."""
    key = (track, date, as_of)
    hit = _NOT_YET.get(key)
    if hit is None:
        if len(_NOT_YET) >= 4_096:
            _NOT_YET.clear()
        texts = [
            counted(
                "audit.not_yet_full",
                lang,
                days,
                track=track_name(track, lang),
                days=days,
                date=date_text(date, lang),
                as_of=date_text(as_of, lang),
            )
            for lang in ("id", "en")
        ]
        hit = _NOT_YET[key] = (texts[0], texts[1])
    return hit


_NOT_YET: dict[tuple[Track, dt.date, dt.date], tuple[str, str]] = {}


def _sentences(texts: tuple[str, str]) -> tuple[str, str]:
    return texts[0] + ".", texts[1] + "."


# The audit text of a track on which a sanction was imposed, in Indonesian and English.
_ON_TRACK = {t: _sentences(_both("audit.imposed_on_track", track=t)) for t in Track}


# A verdict's severity, read from a dict (no property call, no lambda made per call).
_SEVERITY = {v: v.severity for v in Verdict}.__getitem__


def audit(
    recs: Sequence[TrackRecommendation],
    case: Case,
    *,
    regs: RegulationSet | None = None,
    as_of: dt.date | None = None,
) -> Audit:
    """A verdict for each track the findings open, and for each imposed sanction on a track
    they do not open (shipped regulations by default; ``as_of``, the day of handling, today
    by default)."""
    regs = regs if regs is not None else shipped_regulations()
    as_of = as_of or dt.date.today()
    due_tracks = {r.track for r in recs}
    imposed = case.imposed_sanctions
    misplaced = [i for i, s in enumerate(imposed) if s.track not in due_tracks]
    used: set[int] = set()
    out: list[TrackAudit] = []
    for rec in recs:
        on_track = [s for s in imposed if s.track is rec.track] if imposed else []
        if on_track and rec.track is Track.DISIPLIN:
            out.append(_discipline(rec, on_track, regs, case.asn.status))
            continue
        if on_track:
            out.append(
                _ON_TRACK_AUDIT(
                    track=rec.track,
                    verdict=Verdict.ADEQUATE,
                    imposed=tuple(on_track),
                    recommendation_date=rec.date,
                    text=_ON_TRACK[rec.track][0],
                    text_en=_ON_TRACK[rec.track][1],
                    citations=_cites(rec),
                )
            )
            continue
        chain = due_chain(rec)
        kind, cert = _weakest_of(chain)
        if misplaced:
            used.update(misplaced)
            wrong = [
                ", ".join(
                    f"{track_name(imposed[i].track, lang)} ({_imposed_text(imposed[i], lang)})"
                    for i in misplaced
                )
                for lang in ("id", "en")
            ]
            text, text_en = (
                capitalized(
                    msg("audit.wrong_track", lang, track=track_name(rec.track, lang), sanctions=w)
                )
                + "."
                for lang, w in zip(("id", "en"), wrong, strict=True)
            )
            out.append(
                TrackAudit.model_construct(
                    track=rec.track,
                    verdict=Verdict.WRONG_TRACK,
                    recommended_tier=rec.tier,
                    imposed=tuple(imposed[i] for i in misplaced),
                    recommendation_date=rec.date,
                    text=text,
                    text_en=text_en,
                    citations=_cites(rec),
                    ground=kind,
                    certainty=cert,
                    grounds=chain,
                )
            )
            continue
        days = max(0, (as_of - rec.date).days)
        text, text_en = _not_yet(rec.track, rec.date, as_of, days)
        out.append(
            _NOT_YET_AUDIT(
                track=rec.track,
                verdict=Verdict.NOT_YET_IMPOSED,
                recommended_tier=rec.tier,
                recommendation_date=rec.date,
                days_elapsed=days,
                text=text,
                text_en=text_en,
                citations=_cites(rec),
                ground=kind,
                certainty=cert,
                grounds=chain,
            )
        )
    for i, s in enumerate(imposed):
        if s.track in due_tracks or i in used:
            continue
        text, text_en = (
            msg(
                "audit.unprescribed",
                lang,
                track=track_name(s.track, lang),
                sanction=_imposed_text(s, lang),
            )
            for lang in ("id", "en")
        )
        out.append(
            TrackAudit.model_construct(
                track=s.track,
                verdict=Verdict.OVER_SANCTIONED,
                imposed=(s,),
                imposed_tier=s.tier,
                text=text,
                text_en=text_en,
            )
        )
    overall = max((a.verdict for a in out), key=_SEVERITY, default=Verdict.NONE_DUE)
    return Audit.model_construct(as_of=as_of, tracks=tuple(out), overall=overall)
