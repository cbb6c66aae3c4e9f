"""The register: cases followed from report to sanction, in SQLite or PostgreSQL.

>>> day = dt.datetime(2024, 6, 1, tzinfo=dt.UTC)
>>> reg = Register("register.sqlite", clock=lambda: day)  # doctest: +SKIP
>>> reg.add_case(case, actor="bawaslu-jambi").verdict  # doctest: +SKIP
<Verdict.NOT_YET_IMPOSED: 'not_yet_imposed'>

Every change (a case registered, an event recorded) re-evaluates the case in the same
transaction and appends the evaluation to the decision log, so a case's verdict always
agrees with its events. There is no way to change or remove an event or a log entry: a
correction is a new event.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..completion import stated_texts
from ..engine import Engine, get_engine
from ..models import Case
from ..sanctions import Verdict
from ..vocabulary import Track
from . import database
from .errors import ClosedCaseError, DuplicateCaseError, UnknownCaseError
from .evaluation import Due, Evaluation, election_kind, evaluate, tracks_of
from .events import Event, EventKind
from .schema import CaseRow, EventRow, LogRow
from .texts import text

Clock = Callable[[], dt.datetime]
"""What the register asks for the time: an aware datetime (its date is the day of
handling)."""


def system_clock() -> dt.datetime:
    """The computer's clock, in UTC (the default of callers that do not move time)."""
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class CaseSummary:
    """A case as the register lists it."""

    id: str
    agency: str | None
    region: str | None
    election: str
    verdict: Verdict
    events: int
    due: Due | None
    closed_on: dt.date | None
    overdue: bool
    """The next deadline has passed (as of the register's clock) and the case is open."""


@dataclass(frozen=True)
class CaseRecord(CaseSummary):
    """A registered case: its facts as registered, its events, its current verdicts."""

    case: Case
    event_list: tuple[Event, ...]
    verdicts: dict[Track, Verdict]
    registered_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True)
class LogEntry:
    """One evaluation in the decision log."""

    seq: int
    """The case's last event when it was evaluated (0: as registered)."""
    input_hash: str
    regulations_hash: str
    library_version: str
    backend: str
    as_of: dt.date
    verdict: Verdict
    verdicts: dict[Track, Verdict]
    due_on: dt.date | None
    evaluated_at: dt.datetime
    actor: str


@dataclass(frozen=True)
class ReplayStep:
    """One logged evaluation evaluated again."""

    logged: LogEntry
    verdict: Verdict
    verdicts: dict[Track, Verdict]
    input_hash: str
    same_rules: bool
    """The rules and library of the replay are those the log names."""

    @property
    def agrees(self) -> bool:
        """Same input and same verdicts as logged."""
        return (
            self.input_hash == self.logged.input_hash
            and self.verdict is self.logged.verdict
            and self.verdicts == self.logged.verdicts
        )


@dataclass(frozen=True)
class Replay:
    """A case's history evaluated again."""

    case_id: str
    steps: tuple[ReplayStep, ...]

    @property
    def agrees(self) -> bool:
        """Every step gives the verdicts it logged."""
        return all(s.agrees for s in self.steps)


@dataclass(frozen=True)
class Stats:
    """What a supervisor counts over the register (as of the register's clock)."""

    cases: int
    open: int
    closed: int
    by_verdict: dict[Verdict, int]
    overdue: int
    overdue_by_agency: dict[str, int]
    followed_up: int
    """Cases on which something was imposed (adequate, under-, over-sanctioned, wrong
    track), on their overall verdict."""
    awaiting: int
    """Cases on which something is due and nothing is imposed yet (not yet imposed)."""
    under_sanctioned_by_election: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Per election: (under-sanctioned, cases whose sanction could be compared)."""
    under_sanctioned_by_agency: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Per agency ('' when not stated): (under-sanctioned, compared)."""
    overdue_by_step: dict[str, int] = field(default_factory=dict)
    """Overdue open cases per step that is due (the deadline's id)."""
    follow_up_by_month: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict)
    """Per election, per month of registration (``YYYY-MM``, UTC): (followed up, awaiting)."""
    by_track_and_tier: dict[str, dict[str, int]] = field(default_factory=dict)
    """Per track, per recommended tier ('-': none), the cases whose last evaluation names
    it (evaluations logged before the log kept the tier are not counted)."""

    @property
    def follow_up_rate(self) -> float | None:
        """followed_up / (followed_up + awaiting), None when nothing is due."""
        due = self.followed_up + self.awaiting
        return self.followed_up / due if due else None


CaseList = list[CaseSummary]
"""What :meth:`Register.list` returns (named here: inside the class, ``list`` is the method)."""

_IMPOSED = frozenset(
    {Verdict.ADEQUATE, Verdict.UNDER_SANCTIONED, Verdict.OVER_SANCTIONED, Verdict.WRONG_TRACK}
)
_COMPARED = frozenset({Verdict.ADEQUATE, Verdict.UNDER_SANCTIONED, Verdict.OVER_SANCTIONED})


class Register:
    """The supervision register in the database ``db`` (a SQLite path, or a SQLAlchemy or
    PostgreSQL URL), migrated to the newest schema on open.

    ``clock`` gives the day of handling of every evaluation and of the overdue flags;
    ``engine`` judges the cases (the shipped rules on the python backend by default);
    ``lang`` is the language of the errors' messages.
    """

    def __init__(
        self,
        db: str | Path,
        *,
        clock: Clock = system_clock,
        engine: Engine | None = None,
        lang: str = "id",
    ) -> None:
        self.url = database.database_url(db)
        self.clock = clock
        self.engine = engine or get_engine()
        self.lang = lang
        self._db = database.open_engine(self.url)
        database.migrate(self._db, lang)

    def close(self) -> None:
        """Release the database connections."""
        self._db.dispose()

    def __enter__(self) -> Register:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @property
    def where(self) -> str:
        """The database, without its password (for messages)."""
        return database.display(self.url)

    # -- writing ---------------------------------------------------------------------

    def add_case(self, case: Case, *, actor: str) -> CaseRecord:
        """Register ``case`` and log its first evaluation; :class:`DuplicateCaseError`
        if its id is registered already."""
        now = self.clock()
        answer = evaluate(case, (), engine=self.engine, as_of=now.date())

        def work(s: Session) -> None:
            if s.get(CaseRow, case.id) is not None:
                raise self._duplicate(case.id)
            s.add(
                CaseRow(
                    id=case.id,
                    facts=case.model_dump(mode="json", exclude_defaults=True),
                    asn_id=case.asn.id,
                    # An unknown agency or region is filed as the text "unknown".
                    agency=stated_texts(case.asn).agency,
                    region=stated_texts(case.asn).region,
                    election=case.election.id,
                    election_kind=election_kind(case),
                    verdict=answer.verdict.value,
                    events=0,
                    due_on=answer.due.on if answer.due else None,
                    due_what=answer.due.what if answer.due else None,
                    closed_on=None,
                    registered_at=now,
                    updated_at=now,
                )
            )
            s.flush()  # the case row before its log entry (foreign key)
            s.add(_log_row(case.id, 0, answer, now, actor))

        try:
            database.in_transaction(self._db, work, lang=self.lang)
        except IntegrityError:
            # PostgreSQL: another client registered the same id between our check and insert.
            raise self._duplicate(case.id) from None
        return self.get(case.id)

    def add_event(self, case_id: str, event: Event, *, actor: str) -> CaseRecord:
        """Record ``event`` for the case, re-evaluate it and log the evaluation, in one
        transaction holding the case's row; the case's record after it."""

        def work(s: Session) -> None:
            row = s.execute(
                select(CaseRow).where(CaseRow.id == case_id).with_for_update()
            ).scalar_one_or_none()
            if row is None:
                raise UnknownCaseError(text("unknown_case", self.lang, db=self.where, case=case_id))
            if row.closed_on is not None:
                raise ClosedCaseError(
                    text(
                        "closed_case",
                        self.lang,
                        db=self.where,
                        case=case_id,
                        date=row.closed_on.isoformat(),
                    )
                )
            events = (*_events(s, case_id), event)
            now = self.clock()
            answer = evaluate(_case_of(row), events, engine=self.engine, as_of=now.date())
            seq = row.events + 1
            s.add(
                EventRow(
                    case_id=case_id,
                    seq=seq,
                    kind=event.kind.value,
                    date=event.date,
                    data=event.model_dump(mode="json", exclude_none=True),
                    actor=actor,
                    recorded_at=now,
                )
            )
            row.events = seq
            row.verdict = answer.verdict.value
            row.due_on = answer.due.on if answer.due else None
            row.due_what = answer.due.what if answer.due else None
            if event.kind is EventKind.CLOSED:
                row.closed_on = event.date
            row.updated_at = now
            s.add(_log_row(case_id, seq, answer, now, actor))

        database.in_transaction(self._db, work, lang=self.lang)
        return self.get(case_id)

    # -- reading ---------------------------------------------------------------------

    def get(self, case_id: str) -> CaseRecord:
        """The case, its events and its current verdicts; :class:`UnknownCaseError` if it
        is not registered."""
        today = self.clock().date()

        def work(s: Session) -> CaseRecord:
            row = s.get(CaseRow, case_id)
            if row is None:
                raise UnknownCaseError(text("unknown_case", self.lang, db=self.where, case=case_id))
            last = s.execute(
                select(LogRow)
                .where(LogRow.case_id == case_id)
                .order_by(LogRow.seq.desc(), LogRow.id.desc())
                .limit(1)
            ).scalar_one()
            summary = _summary(row, today)
            return CaseRecord(
                **summary.__dict__,
                case=_case_of(row),
                event_list=_events(s, case_id),
                verdicts=tracks_of(last.verdicts),
                registered_at=row.registered_at,
                updated_at=row.updated_at,
            )

        return database.in_transaction(self._db, work, lang=self.lang, read_only=True)

    def list(
        self,
        *,
        status: Verdict | str | None = None,
        overdue: bool | None = None,
        open: bool | None = None,
        agency: str | None = None,
        region: str | None = None,
        election: str | None = None,
        registered_from: dt.date | None = None,
        registered_to: dt.date | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> CaseList:
        """The cases that match every filter given, by id: ``status`` is an overall
        verdict; ``overdue`` the next deadline passed (as of the clock) on an open case;
        ``open`` not closed; ``registered_from`` and ``registered_to`` the days (UTC, both
        included) between which the case was registered."""
        today = self.clock().date()
        query = select(CaseRow).order_by(CaseRow.id)
        if status is not None:
            query = query.where(CaseRow.verdict == Verdict(status).value)
        if agency is not None:
            query = query.where(CaseRow.agency == agency)
        if region is not None:
            query = query.where(CaseRow.region == region)
        if election is not None:
            query = query.where(CaseRow.election == election)
        if registered_from is not None:
            start = dt.datetime.combine(registered_from, dt.time(), dt.UTC)
            query = query.where(CaseRow.registered_at >= start)
        if registered_to is not None:
            end = dt.datetime.combine(registered_to + dt.timedelta(days=1), dt.time(), dt.UTC)
            query = query.where(CaseRow.registered_at < end)
        if open is not None:
            query = query.where(
                CaseRow.closed_on.is_(None) if open else CaseRow.closed_on.is_not(None)
            )
        late = CaseRow.closed_on.is_(None) & CaseRow.due_on.is_not(None) & (CaseRow.due_on < today)
        if overdue is not None:
            query = query.where(late if overdue else ~late)
        query = query.offset(offset)
        if limit is not None:
            query = query.limit(limit)

        def work(s: Session) -> CaseList:
            return [_summary(row, today) for row in s.execute(query).scalars()]

        return database.in_transaction(self._db, work, lang=self.lang, read_only=True)

    def iter_records(self, batch: int = 500) -> Iterator[CaseRecord]:
        """Every case's record, by id, read ``batch`` cases at a time."""
        after = ""
        while True:
            query = select(CaseRow.id).where(CaseRow.id > after).order_by(CaseRow.id).limit(batch)
            ids = database.in_transaction(self._db, _ids(query), lang=self.lang, read_only=True)
            if not ids:
                return
            for case_id in ids:
                yield self.get(case_id)
            after = ids[-1]

    def stats(self) -> Stats:
        """Counts over every case: verdicts, follow-up (and by month of registration per
        election), overdue by agency and by step, under-sanctioned share by election and by
        agency."""
        today = self.clock().date()
        query = select(
            CaseRow.verdict,
            CaseRow.agency,
            CaseRow.election,
            CaseRow.closed_on.is_(None),
            CaseRow.due_on,
            CaseRow.due_what,
            func.count(),
        ).group_by(
            CaseRow.verdict,
            CaseRow.agency,
            CaseRow.election,
            CaseRow.closed_on.is_(None),
            CaseRow.due_on,
            CaseRow.due_what,
        )
        # The month of registration is bucketed here: SQLite and PostgreSQL name it apart.
        monthly = select(CaseRow.election, CaseRow.verdict, CaseRow.registered_at).where(
            CaseRow.verdict.in_([v.value for v in (*_IMPOSED, Verdict.NOT_YET_IMPOSED)])
        )

        # Each case's last evaluation, for its tracks' recommended tiers.
        last = select(func.max(LogRow.id)).group_by(LogRow.case_id)
        logged = select(LogRow.verdicts).where(LogRow.id.in_(last))

        def work(s: Session) -> tuple[list[Any], list[Any], list[Any]]:
            return (
                list(s.execute(query).all()),
                list(s.execute(monthly).all()),
                list(s.execute(logged).scalars()),
            )

        rows, registered, last_verdicts = database.in_transaction(
            self._db, work, lang=self.lang, read_only=True
        )
        by_verdict: Counter[Verdict] = Counter()
        late_by_agency: Counter[str] = Counter()
        late_by_step: Counter[str] = Counter()
        under: Counter[str] = Counter()
        compared: Counter[str] = Counter()
        under_agency: Counter[str] = Counter()
        compared_agency: Counter[str] = Counter()
        cases = opened = late = 0
        for verdict_text, agency, election, is_open, due_on, due_what, n in rows:
            verdict = Verdict(verdict_text)
            cases += n
            opened += n if is_open else 0
            by_verdict[verdict] += n
            if is_open and due_on is not None and due_on < today:
                late += n
                late_by_agency[agency or ""] += n
                late_by_step[due_what or ""] += n
            if verdict in _COMPARED:
                is_under = n if verdict is Verdict.UNDER_SANCTIONED else 0
                compared[election] += n
                under[election] += is_under
                compared_agency[agency or ""] += n
                under_agency[agency or ""] += is_under
        tiers: dict[str, Counter[str]] = {}
        for verdicts in last_verdicts:
            for v in verdicts:
                if "tier" in v:
                    tiers.setdefault(str(v["track"]), Counter())[str(v["tier"] or "-")] += 1
        months: dict[str, dict[str, list[int]]] = {}
        for election, verdict_text, registered_at in registered:
            month = registered_at.strftime("%Y-%m")
            pair = months.setdefault(election, {}).setdefault(month, [0, 0])
            pair[0 if Verdict(verdict_text) in _IMPOSED else 1] += 1
        return Stats(
            cases=cases,
            open=opened,
            closed=cases - opened,
            by_verdict={v: by_verdict[v] for v in Verdict},
            overdue=late,
            overdue_by_agency=dict(sorted(late_by_agency.items())),
            followed_up=sum(by_verdict[v] for v in _IMPOSED),
            awaiting=by_verdict[Verdict.NOT_YET_IMPOSED],
            under_sanctioned_by_election={e: (under[e], compared[e]) for e in sorted(compared)},
            under_sanctioned_by_agency={
                a: (under_agency[a], compared_agency[a]) for a in sorted(compared_agency)
            },
            overdue_by_step=dict(sorted(late_by_step.items())),
            by_track_and_tier={t: dict(sorted(c.items())) for t, c in sorted(tiers.items())},
            follow_up_by_month={
                e: {m: (p[0], p[1]) for m, p in sorted(by_month.items())}
                for e, by_month in sorted(months.items())
            },
        )

    def history(self, case_id: str) -> tuple[LogEntry, ...]:
        """The case's decision log, oldest first."""

        def work(s: Session) -> tuple[LogEntry, ...]:
            if s.get(CaseRow, case_id) is None:
                raise UnknownCaseError(text("unknown_case", self.lang, db=self.where, case=case_id))
            rows = s.execute(
                select(LogRow).where(LogRow.case_id == case_id).order_by(LogRow.seq, LogRow.id)
            ).scalars()
            return tuple(_entry(r) for r in rows)

        return database.in_transaction(self._db, work, lang=self.lang, read_only=True)

    def replay(self, case_id: str) -> Replay:
        """Evaluate every logged evaluation of the case again, with the events it had and
        the day it was evaluated on; :attr:`Replay.agrees` says whether each gives its
        logged verdicts. (With other rules than logged, :attr:`ReplayStep.same_rules` is
        False and a difference is the rules' change, not a fault.)"""
        record = self.get(case_id)
        stamp = self.engine.stamp
        steps = []
        for entry in self.history(case_id):
            answer = evaluate(
                record.case, record.event_list[: entry.seq], engine=self.engine, as_of=entry.as_of
            )
            steps.append(
                ReplayStep(
                    logged=entry,
                    verdict=answer.verdict,
                    verdicts=tracks_of(answer.verdicts),
                    input_hash=answer.input_hash,
                    same_rules=(stamp.regulations_hash, stamp.library_version, stamp.backend)
                    == (entry.regulations_hash, entry.library_version, entry.backend),
                )
            )
        return Replay(case_id, tuple(steps))

    def _duplicate(self, case_id: str) -> DuplicateCaseError:
        return DuplicateCaseError(text("duplicate_case", self.lang, db=self.where, case=case_id))


def _ids(query: Select[str]) -> Callable[[Session], list[str]]:
    return lambda s: list(s.execute(query).scalars())


def _case_of(row: CaseRow) -> Case:
    return Case.model_validate(row.facts)


def _events(s: Session, case_id: str) -> tuple[Event, ...]:
    rows = s.execute(
        select(EventRow.data).where(EventRow.case_id == case_id).order_by(EventRow.seq)
    ).scalars()
    return tuple(Event.model_validate(data) for data in rows)


def _summary(row: CaseRow, today: dt.date) -> CaseSummary:
    due = Due(row.due_on, row.due_what or "") if row.due_on is not None else None
    return CaseSummary(
        id=row.id,
        agency=row.agency,
        region=row.region,
        election=row.election,
        verdict=Verdict(row.verdict),
        events=row.events,
        due=due,
        closed_on=row.closed_on,
        overdue=row.closed_on is None and due is not None and due.on < today,
    )


def _log_row(case_id: str, seq: int, answer: Evaluation, now: dt.datetime, actor: str) -> LogRow:
    return LogRow(
        case_id=case_id,
        seq=seq,
        input_hash=answer.input_hash,
        regulations_hash=answer.stamp.regulations_hash,
        library_version=answer.stamp.library_version,
        backend=answer.stamp.backend,
        as_of=answer.as_of,
        verdict=answer.verdict.value,
        verdicts=answer.verdicts,
        due_on=answer.due.on if answer.due else None,
        evaluated_at=now,
        actor=actor,
    )


def _entry(r: LogRow) -> LogEntry:
    return LogEntry(
        seq=r.seq,
        input_hash=r.input_hash,
        regulations_hash=r.regulations_hash,
        library_version=r.library_version,
        backend=r.backend,
        as_of=r.as_of,
        verdict=Verdict(r.verdict),
        verdicts=tracks_of(r.verdicts),
        due_on=r.due_on,
        evaluated_at=r.evaluated_at,
        actor=r.actor,
    )


def all_verdicts_agree(reg: Register, case_ids: Sequence[str]) -> list[str]:
    """The cases among ``case_ids`` whose stored verdict differs from a fresh evaluation of
    their facts and events as of the register's clock (a consistency check)."""
    today = reg.clock().date()
    bad = []
    for case_id in case_ids:
        record = reg.get(case_id)
        fresh = evaluate(record.case, record.event_list, engine=reg.engine, as_of=today)
        if fresh.verdict is not record.verdict or tracks_of(fresh.verdicts) != record.verdicts:
            bad.append(case_id)
    return bad
