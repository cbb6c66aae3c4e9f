"""One evaluation of a registered case: its facts plus the sanctions its events imposed,
judged by the engine and assessed by the sanctions stage as of a day of handling.

Nothing here decides a verdict: the verdict is
:func:`netralitas_rules.sanctions.assess`'s, and the next deadline is
:mod:`netralitas_rules.deadlines`'s (:func:`next_due` is the one call site). Everything is
pure: the day of handling is handed in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass

from ..deadlines import next_deadline
from ..engine import Engine
from ..facts import election_parts
from ..findings import Report, Stamp
from ..models import Case
from ..models.case import ImposedSanction
from ..sanctions import Assessment, Verdict, assess
from ..vocabulary import ElectionKind, Track
from .events import Event, EventKind


@dataclass(frozen=True)
class Due:
    """A handling deadline: what must happen, by when."""

    on: dt.date
    what: str


@dataclass(frozen=True)
class Evaluation:
    """What the register stores of one evaluation (and the full answer beside it)."""

    case: Case
    """The case as judged: its facts and every sanction its events imposed."""
    report: Report
    assessment: Assessment
    input_hash: str
    stamp: Stamp
    as_of: dt.date
    due: Due | None

    @property
    def verdict(self) -> Verdict:
        """The audit's overall verdict."""
        return self.assessment.audit.overall

    @property
    def verdicts(self) -> list[dict[str, object]]:
        """Per track: ``{"track", "verdict", "tier"}`` (what the decision log keeps; the
        tier is the recommended one, None when the track has none)."""
        return [
            {
                "track": t.track.value,
                "verdict": t.verdict.value,
                "tier": t.recommended_tier.value if t.recommended_tier is not None else None,
            }
            for t in self.assessment.audit.tracks
        ]


def imposed_by_events(events: Sequence[Event]) -> tuple[ImposedSanction, ...]:
    """The sanctions the ``sanction_imposed`` events record, in event order."""
    return tuple(
        ImposedSanction(track=e.track, tier=e.tier, form=e.form, date=e.date, imposed_by=e.by)
        for e in events
        if e.kind is EventKind.SANCTION_IMPOSED and e.track is not None
    )


def case_as_judged(case: Case, events: Sequence[Event]) -> Case:
    """``case`` with the sanctions of its events after those it already records."""
    imposed = imposed_by_events(events)
    if not imposed:
        return case
    return case.model_copy(update={"imposed_sanctions": (*case.imposed_sanctions, *imposed)})


def canonical_json(case: Case) -> str:
    """The case as canonical JSON: keys sorted, no spaces, UTF-8 text kept."""
    return json.dumps(
        case.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )


def input_hash(case: Case) -> str:
    """sha256 (hex) of the case's canonical JSON: what the decision log says was judged."""
    return hashlib.sha256(canonical_json(case).encode("utf-8")).hexdigest()


def election_kind(case: Case) -> str:
    """The kind of the case's election (pemilu, pilkada ...), as the calendars say."""
    kind: str = election_parts(case.election)[0]
    return kind


def next_due(case: Case, events: Sequence[Event], today: dt.date) -> Due | None:
    """The case's next handling deadline as of ``today`` (:mod:`netralitas_rules.deadlines`,
    the deadlines as law; the one call site), or None: nothing pending, or a step whose
    period the law does not fix (no date to be late against)."""
    kind = ElectionKind(election_kind(case))
    found = next_deadline(events, election_kind=kind, clock=today)
    if found is None or found.due is None:
        return None
    return Due(on=found.due, what=found.step)


def evaluate(case: Case, events: Sequence[Event], *, engine: Engine, as_of: dt.date) -> Evaluation:
    """Judge ``case`` with the sanctions its ``events`` imposed, as of ``as_of``."""
    judged = case_as_judged(case, events)
    report = engine.evaluate(judged)
    assessment = assess(report, judged, regs=engine.rules.regulations, as_of=as_of)
    closed = any(e.kind is EventKind.CLOSED for e in events)
    return Evaluation(
        case=judged,
        report=report,
        assessment=assessment,
        input_hash=input_hash(judged),
        stamp=engine.stamp,
        as_of=as_of,
        due=None if closed else next_due(judged, events, as_of),
    )


def tracks_of(verdicts: Sequence[dict[str, object]]) -> dict[Track, Verdict]:
    """A decision log's per-track verdicts as enums."""
    return {Track(str(v["track"])): Verdict(str(v["verdict"])) for v in verdicts}
