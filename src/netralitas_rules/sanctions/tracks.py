"""The recommendation on the ethics, criminal and employment-status tracks, and what every
track's recommendation shares (its grounds, citations and imposing authority).

ETIK: sanksi moral. PIDANA: the penal article and its range, with any later change of the
range (:mod:`.changes`: UU 1/2026, lex mitior). STATUS_KEPEGAWAIAN: PTDH, PHPK, the duty to
resign. DISIPLIN is :mod:`.recommendation`'s own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from ..findings import CitationOut, Finding
from ..messages import msg
from ..models import Case
from ..regulation import Penalty, SanctionForm
from ..vocabulary import Track
from .changes import PenaltyChanges, penalty_change
from .construct import every_field, keywords
from .data import RoutingData
from .memo import memo_for
from .models import Basis, Exposure, Ground, StatusConsequence, TrackRecommendation

# Which routing step names the authority that imposes the sanction on each track.
IMPOSER_STEP = {
    Track.DISIPLIN: "ppk-disiplin",
    Track.ETIK: "ppk-etik",
    Track.STATUS_KEPEGAWAIAN: "ppk-status",
}


def ground_of(f: Finding) -> Ground:
    return _GROUND(f.provision_id, f.version, f.activity_id, f.activity_date, f.tier)


# A case builds a ground per finding: built positionally (every field, in field order).
_GROUND = every_field(Ground)
_ETHICS = keywords(
    TrackRecommendation,
    "track date forms forms_citation grounds citations imposed_by imposed_by_en "
    "imposed_by_basis notes notes_en",
)


def citations_of(findings: Iterable[Finding]) -> tuple[CitationOut, ...]:
    seen: dict[tuple[str, str], CitationOut] = {}
    # Findings of one provision share their citations: a tuple read once adds nothing when
    # read again (held here for this call only; a loop, not any() over a generator, which
    # cost more than the reading it saved).
    done: list[tuple[CitationOut, ...]] = []
    for f in findings:
        cites = f.citations
        for d in done:
            if cites is d:
                break
        else:
            done.append(cites)
            for c in cites:
                seen.setdefault((c.role, c.text), c)
    return tuple(seen.values())


def imposer(
    track: Track, routing: RoutingData, dates: Sequence[dt.date]
) -> tuple[str, str, tuple[Basis, ...]]:
    """The authority that imposes on ``track`` and its bases covering the acts' dates (the
    same for every date in one stretch of the routing data: remembered with it)."""
    memo = memo_for(routing)
    stretches = frozenset(map(memo.period, dates))
    return memo.get(("imposer", track, stretches), _imposer, track, routing, dates)


def _imposer(
    track: Track, routing: RoutingData, dates: Sequence[dt.date]
) -> tuple[str, str, tuple[Basis, ...]]:
    step = next(s for s in routing.steps if s.id == IMPOSER_STEP[track])
    basis = tuple(b.out() for b in step.basis if any(b.covers(d) for d in dates))
    return step.actor, step.actor_en or step.actor, basis


def forms_citation(cites: tuple[CitationOut, ...]) -> str | None:
    """The text of the citation listing the forms, if any."""
    for c in cites:
        if c.role == "forms":
            return c.text
    return None


def ethics(findings: Sequence[Finding], routing: RoutingData) -> TrackRecommendation:
    forms: dict[str, SanctionForm] = {}
    cite = None
    # Findings of one provision share their forms and citations: a tuple just read adds
    # nothing when read again.
    last_forms: tuple[SanctionForm, ...] | None = None
    last_cites: tuple[CitationOut, ...] | None = None
    for f in findings:
        if f.forms is not last_forms:
            last_forms = f.forms
            for form in last_forms:
                forms.setdefault(form.id, form)
        if not cite and f.citations is not last_cites:
            last_cites = f.citations
            cite = forms_citation(last_cites)
    dates = [f.activity_date for f in findings]
    actor, actor_en, basis = imposer(Track.ETIK, routing, dates)
    return _ETHICS(
        track=Track.ETIK,
        date=max(dates),
        forms=tuple(forms.values()),
        forms_citation=cite,
        grounds=tuple([ground_of(f) for f in findings]),
        citations=citations_of(findings),
        imposed_by=actor,
        imposed_by_en=actor_en,
        imposed_by_basis=basis,
        notes=(msg("sanctions.ethics_note", "id"),),
        notes_en=(msg("sanctions.ethics_note", "en"),),
    )


def criminal(
    findings: Sequence[Finding],
    case: Case,
    routing: RoutingData,
    as_of: dt.date | None,
    changes: PenaltyChanges,
) -> TrackRecommendation:
    exposures = []
    for f in findings:
        assert f.penalty is not None  # a PIDANA consequence always carries its penalty
        penal = next((c.text for c in f.citations if c.role == "penalty"), f.citation.text)
        then = described(f.penalty)
        change = penalty_change(f, penal, as_of, changes, then=then) if as_of is not None else None
        exposures.append(
            Exposure.model_construct(
                provision_id=f.provision_id,
                activity_id=f.activity_id,
                penal_article=penal,
                penalty=f.penalty,
                text=then[0],
                text_en=then[1],
                change=change,
            )
        )
    kind = case.election.kind.value.lower()
    step = next(s for s in routing.steps if s.id == f"gakkumdu-{kind}")
    dates = [f.activity_date for f in findings]
    return TrackRecommendation.model_construct(
        track=Track.PIDANA,
        date=max(dates),
        grounds=tuple([ground_of(f) for f in findings]),
        citations=citations_of(findings),
        exposures=tuple(exposures),
        imposed_by=msg("sanctions.court", "id"),
        imposed_by_en=msg("sanctions.court", "en"),
        imposed_by_basis=tuple(b.out() for b in step.basis),
        notes=(msg("sanctions.criminal_note", "id"),),
        notes_en=(msg("sanctions.criminal_note", "en"),),
    )


def described(penalty: Penalty) -> tuple[str, str]:
    """The penalty range in words, Indonesian and English: remembered per range (a few
    ranges recur in every batch; rendering one took longer than the rest of its exposure)."""
    hit = _DESCRIBED.get(penalty)
    if hit is None:
        if len(_DESCRIBED) >= 1_024:
            _DESCRIBED.clear()
        hit = _DESCRIBED[penalty] = (penalty.describe("id"), penalty.describe("en"))
    return hit


# Keyed by the range's content (a frozen model's value), never by the object.
_DESCRIBED: dict[Penalty, tuple[str, str]] = {}


def status(findings: Sequence[Finding], routing: RoutingData) -> TrackRecommendation:
    effects = []
    for f in findings:
        assert f.status_effect is not None  # a STATUS_KEPEGAWAIAN consequence always has one
        effects.append(
            StatusConsequence.model_construct(
                provision_id=f.provision_id,
                activity_id=f.activity_id,
                effect=f.status_effect,
                citations=tuple(
                    dict.fromkeys(
                        c.text for c in f.citations if c.role in ("status", "prohibition")
                    )
                ),
            )
        )
    dates = [f.activity_date for f in findings]
    actor, actor_en, basis = imposer(Track.STATUS_KEPEGAWAIAN, routing, dates)
    return TrackRecommendation.model_construct(
        track=Track.STATUS_KEPEGAWAIAN,
        date=max(dates),
        grounds=tuple([ground_of(f) for f in findings]),
        citations=citations_of(findings),
        status_effects=tuple(effects),
        imposed_by=actor,
        imposed_by_en=actor_en,
        imposed_by_basis=basis,
    )


__all__ = [
    "IMPOSER_STEP",
    "citations_of",
    "criminal",
    "described",
    "ethics",
    "forms_citation",
    "ground_of",
    "imposer",
    "status",
]
