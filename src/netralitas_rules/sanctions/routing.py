"""The chain of authorities for a case, decided on the date of each act.

Bawaslu examines and forwards; neutrality matters go to the supervisor in office on the
date of the act (KASN, then BKN from the switch date in ``data/routing.yaml``), which
recommends to the PPK, who imposes; election crimes go to Sentra Gakkumdu; from PP 94/2021
the direct superior must examine. Every step carries its bases with their certainty.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import NamedTuple

from ..findings import Report
from ..messages import date_text, msg
from ..models import Case
from ..vocabulary import Certainty, ElectionKind, Track
from .construct import with_field
from .data import BasisData, RoutingData, StepData, SupervisorData
from .memo import RoutingMemo, memo_for
from .models import Basis, Note, RouteStep, Routing


def _basis(items: Sequence[BasisData], days: Sequence[dt.date]) -> tuple[Basis, ...]:
    return tuple(b.out() for b in items if any(b.covers(d) for d in days))


def _tracks(
    step: StepData, acts: dict[str, tuple[dt.date, set[Track]]], ids: Sequence[str]
) -> tuple[Track, ...]:
    opened = set().union(*(acts[i][1] for i in ids)) if ids else set()
    return tuple(t for t in step.tracks if t in opened)


def supervisor_step(
    step: StepData,
    sup: SupervisorData,
    ids: Sequence[str],
    tracks: tuple[Track, ...],
    days: Sequence[dt.date],
) -> RouteStep:
    """The supervisor step for the acts judged in that supervisor's window."""
    return RouteStep.model_construct(
        id=f"{step.id}:{sup.id}",
        actor=sup.name,
        actor_en=sup.name_en,
        action=step.action,
        action_en=step.action_en,
        tracks=tracks,
        activity_ids=tuple(ids),
        basis=_basis(sup.basis, days),
    )


def route(report: Report, case: Case, *, routing: RoutingData, as_of: dt.date) -> Routing:
    """The chain of authorities for the acts the findings concern; ``as_of`` is the day the
    case is handled (it decides the notes on a supervisor that no longer exists)."""
    acts: dict[str, tuple[dt.date, set[Track]]] = {}
    for f in report.findings:
        # Looked up first: setdefault would build a set for every finding of a known act.
        entry = acts.get(f.activity_id)
        if entry is None:
            acts[f.activity_id] = (f.activity_date, {f.track})
        else:
            entry[1].add(f.track)
    memo = memo_for(routing)
    kind = case.election.kind
    period = memo.period
    shape = tuple([(period(day), frozenset(tracks)) for day, tracks in acts.values()])
    ids = tuple(acts)
    return memo.get(
        ("route", kind, ids, shape, as_of), _routed, memo, acts, kind, shape, ids, as_of
    )


def _routed(
    memo: RoutingMemo,
    acts: dict[str, tuple[dt.date, set[Track]]],
    kind: ElectionKind,
    shape: tuple[tuple[int, frozenset[Track]], ...],
    ids: tuple[str, ...],
    as_of: dt.date,
) -> Routing:
    """The routing of acts of that shape, named with the case's act ids.

    The routing reads an act only through its stretch of days and its tracks, so which of
    a case's acts each step lists, and in what order the steps come, follow from the shape
    alone: that is remembered (:class:`_Naming`), and only the ids are put in per case (a
    new case more often repeats another's shape than its ids and shape together)."""
    naming = memo.get(("naming", kind, shape, as_of), _naming, memo, acts, kind, shape, as_of)
    steps = tuple(
        [with_field(step, "activity_ids", tuple([ids[i] for i in at])) for step, at in naming.steps]
    )
    return Routing.model_construct(steps=steps, notes=naming.notes)


class _Naming(NamedTuple):
    """The steps of the routing for acts of one shape, in their order, each with the places
    (in the case's order of acts) of the acts it lists."""

    steps: tuple[tuple[RouteStep, tuple[int, ...]], ...]
    notes: tuple[Note, ...]


def _naming(
    memo: RoutingMemo,
    acts: dict[str, tuple[dt.date, set[Track]]],
    kind: ElectionKind,
    shape: tuple[tuple[int, frozenset[Track]], ...],
    as_of: dt.date,
) -> _Naming:
    """The plan for the distinct kinds of act in the shape (remembered: many more cases
    share it than share their acts' order and number), with each place replaced by the
    acts of that kind in the case's order; the steps of one supervisor step, which the
    routing orders by the first act each concerns, put back in that order."""
    distinct = tuple(sorted(set(shape), key=_order))
    first: dict[tuple[int, frozenset[Track]], dt.date] = {}
    for entry, (day, _) in zip(shape, acts.values(), strict=True):
        first.setdefault(entry, day)
    routing, supervised = memo.get(
        ("plan", kind, distinct, as_of), _plan, distinct, first, kind, memo, as_of
    )
    place = {entry: str(i) for i, entry in enumerate(distinct)}
    places = [place[entry] for entry in shape]
    steps: list[tuple[RouteStep, tuple[int, ...]]] = []
    run: list[tuple[RouteStep, tuple[int, ...]]] = []  # the steps of the current supervisor step
    run_of: str | None = None
    for step, of in zip(routing.steps, supervised, strict=True):
        wanted = set(step.activity_ids)
        named = (step, tuple([i for i, p in enumerate(places) if p in wanted]))
        if run and of != run_of:
            steps += sorted(run, key=_first_act)
            run = []
        if of is not None:
            run.append(named)
            run_of = of
        else:
            steps.append(named)
            run_of = None
    steps += sorted(run, key=_first_act)
    return _Naming(tuple(steps), routing.notes)


def _order(entry: tuple[int, frozenset[Track]]) -> tuple[int, list[Track]]:
    return entry[0], sorted(entry[1])


class _Plan(NamedTuple):
    """A routing, and for each of its steps the id of the routing data's step it is one
    supervisor's part of (None for a step of its own)."""

    routing: Routing
    supervised: tuple[str | None, ...]


def _plan(
    distinct: tuple[tuple[int, frozenset[Track]], ...],
    first: dict[tuple[int, frozenset[Track]], dt.date],
    kind: ElectionKind,
    memo: RoutingMemo,
    as_of: dt.date,
) -> _Plan:
    """The routing of one act of each kind, named by its place (``"0"``, ``"1"``, ...) and
    dated by the first act of that kind (any day of its stretch gives the same routing)."""
    acts = {str(i): (first[entry], set(entry[1])) for i, entry in enumerate(distinct)}
    return _route(acts, kind, memo.routing, as_of)


def _first_act(item: tuple[RouteStep, tuple[int, ...]]) -> int:
    return item[1][0]


def _route(
    acts: dict[str, tuple[dt.date, set[Track]]],
    kind: ElectionKind,
    routing: RoutingData,
    as_of: dt.date,
) -> _Plan:
    steps: list[RouteStep] = []
    supervised: list[str | None] = []
    for step in routing.steps:
        if kind not in step.elections:
            continue
        wanted = set(step.tracks)
        ids = [a for a, (day, tracks) in acts.items() if step.covers(day) and tracks & wanted]
        if not ids:
            continue
        if step.actor == "supervisor":
            by_sup: dict[str, list[str]] = {}
            for a in ids:
                by_sup.setdefault(routing.supervisor_on(acts[a][0]).id, []).append(a)
            for sup_id, sup_ids in by_sup.items():
                days = [acts[a][0] for a in sup_ids]
                steps.append(
                    supervisor_step(
                        step,
                        routing.supervisor(sup_id),
                        sup_ids,
                        _tracks(step, acts, sup_ids),
                        days,
                    )
                )
                supervised.append(step.id)
            continue
        days = [acts[a][0] for a in ids]
        steps.append(
            RouteStep.model_construct(
                id=step.id,
                actor=step.actor,
                actor_en=step.actor_en or step.actor,
                action=step.action,
                action_en=step.action_en,
                tracks=_tracks(step, acts, ids),
                activity_ids=tuple(ids),
                basis=_basis(step.basis, days),
            )
        )
        supervised.append(None)
    notes = _notes(acts, routing, as_of)
    return _Plan(Routing.model_construct(steps=tuple(steps), notes=notes), tuple(supervised))


def _notes(
    acts: dict[str, tuple[dt.date, set[Track]]], routing: RoutingData, as_of: dt.date
) -> tuple[Note, ...]:
    neutrality = {Track.ETIK, Track.DISIPLIN, Track.STATUS_KEPEGAWAIAN}
    days = [day for day, tracks in acts.values() if tracks & neutrality]
    if not days:
        return ()
    notes: list[Note] = []
    sw = routing.switch
    notes_switch = Note.model_construct(
        id="switch",
        text=msg(
            "routing.switch", "id", date=date_text(sw.date, "id"), note=" ".join(sw.note.split())
        ),
        text_en=msg(
            "routing.switch", "en", date=date_text(sw.date, "en"), note=" ".join(sw.note_en.split())
        ),
        certainty=sw.certainty,
    )
    span = [a.date for a in sw.alternatives] + [sw.date]
    if any(min(span) <= d <= max(span) for d in days):
        notes.append(notes_switch)
        for alt in sw.alternatives:
            notes.append(
                Note.model_construct(
                    id=f"switch-alternative:{alt.date}",
                    text=msg(
                        "routing.switch_other",
                        "id",
                        date=date_text(alt.date, "id"),
                        reading=alt.reading,
                    ),
                    text_en=msg(
                        "routing.switch_other",
                        "en",
                        date=date_text(alt.date, "en"),
                        reading=alt.reading_en,
                    ),
                    certainty=Certainty.CONTESTED,
                )
            )
    old = {routing.supervisor_on(d).id for d in days}
    current = routing.supervisor_on(as_of)
    for sup_id in sorted(old - {current.id}):
        gone = routing.supervisor(sup_id)
        notes.append(
            Note.model_construct(
                id=f"successor:{sup_id}",
                text=msg(
                    "routing.successor",
                    "id",
                    gone=gone.name,
                    date=date_text(as_of, "id"),
                    current=current.name,
                ),
                text_en=msg(
                    "routing.successor",
                    "en",
                    gone=gone.name_en,
                    date=date_text(as_of, "en"),
                    current=current.name_en,
                ),
                certainty=Certainty.INFERRED,
            )
        )
    body = routing.independent_body
    if as_of >= body.valid_from or any(d >= body.valid_from for d in days):
        interim = routing.supervisor(body.interim)
        for b in body.basis:
            notes.append(
                Note.model_construct(
                    id="independent-body",
                    text=f"{b.instrument}: {' '.join((b.note or '').split())}",
                    text_en=f"{b.instrument}: {' '.join((b.note_en or '').split())}",
                    certainty=b.certainty,
                )
            )
        notes.append(
            Note.model_construct(
                id="independent-body-interim",
                text=f"{interim.name}: {body.interim_note}",
                text_en=f"{interim.name_en}: {body.interim_note_en}",
                certainty=body.interim_certainty,
            )
        )
    return tuple(notes)
