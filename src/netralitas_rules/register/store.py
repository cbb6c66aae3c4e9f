"""The register: cases followed from report to sanction, in SQLite or PostgreSQL.

>>> day = dt.datetime(2024, 6, 1, tzinfo=dt.UTC)
>>> reg = Register("register.sqlite", clock=lambda: day)  # doctest: +SKIP
>>> reg.add_case(case, actor="bawaslu-jambi").verdict  # doctest: +SKIP
<Verdict.NOT_YET_IMPOSED: 'not_yet_imposed'>

Every change (a case registered, an event recorded) re-evaluates the case in the same
transaction and appends the evaluation to the decision log, so a case's verdict always
agrees with its events. There is no way to change or remove an event or a log entry: a
correction is a new event.

:class:`Register` is the API; the work is the stages' beside it: :mod:`.writing` (a case
registered, an event recorded), :mod:`.queries` (records and lists), :mod:`.decision_log`
(history and replay), :mod:`.stats` (the counts), :mod:`.records` (what they answer with).
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import TypeVar

from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from ..engine import Engine, get_engine
from ..models import Case
from ..sanctions import Verdict
from . import database, decision_log, queries, stats, writing
from .errors import DuplicateCaseError, UnknownAgencyError, UnknownCaseError
from .evaluation import evaluate, tracks_of
from .events import Event
from .records import (
    CaseList,
    CaseRecord,
    CaseSummary,
    Clock,
    LogEntry,
    Replay,
    ReplayStep,
    Stats,
    system_clock,
)
from .texts import text

T = TypeVar("T")

_AGENCIES_SHOWN = 5
"""How many registered agencies an unknown agency's error names."""

__all__ = [
    "CaseList",
    "CaseRecord",
    "CaseSummary",
    "Clock",
    "LogEntry",
    "Register",
    "Replay",
    "ReplayStep",
    "Stats",
    "all_verdicts_agree",
    "system_clock",
]


class Register:
    """The supervision register in the database ``db`` (a SQLite path, or a SQLAlchemy or
    PostgreSQL URL), migrated to the newest schema on open.

    ``clock`` gives the day of handling of every evaluation and of the overdue flags;
    ``engine`` judges the cases (the shipped rules on the python backend by default);
    ``lang`` is the language of the errors' messages.

    Each call is one transaction; a write answers with the record it wrote.
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
        # Judged before the transaction: nothing it reads is in the database.
        answer = evaluate(case, (), engine=self.engine, as_of=now.date())
        try:
            return database.in_connection(
                self._db,
                lambda conn: writing.add_case(conn, case, answer, now=now, actor=actor),
                lang=self.lang,
            )
        except IntegrityError:
            # The id is taken (on PostgreSQL perhaps by another client since a moment ago).
            raise self._duplicate(case.id) from None

    def add_event(self, case_id: str, event: Event, *, actor: str) -> CaseRecord:
        """Record ``event`` for the case, re-evaluate it and log the evaluation, in one
        transaction holding the case's row; the case's record after it."""

        def work(conn: Connection) -> CaseRecord:
            return writing.add_event(
                conn,
                case_id,
                event,
                engine=self.engine,
                clock=self.clock,
                actor=actor,
                where=self.where,
                lang=self.lang,
            )

        return database.in_connection(self._db, work, lang=self.lang)

    # -- reading ---------------------------------------------------------------------

    def get(self, case_id: str) -> CaseRecord:
        """The case, its events and its current verdicts; :class:`UnknownCaseError` if it
        is not registered."""
        today = self.clock().date()
        found = self._read(lambda conn: queries.record(conn, case_id, today))
        if found is None:
            raise self._unknown(case_id)
        return found

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
        refuse_unknown_agency: bool = False,
    ) -> CaseList:
        """The cases that match every filter given, by id: ``status`` is an overall
        verdict; ``overdue`` the next deadline passed (as of the clock) on an open case;
        ``open`` not closed; ``registered_from`` and ``registered_to`` the days (UTC, both
        included) between which the case was registered.

        With ``refuse_unknown_agency``, an ``agency`` no registered case names is the
        :class:`UnknownAgencyError` of :meth:`stats`, not an empty list (the command line's
        ``--agency``; the service lists a scoped token's agency with no case as empty)."""
        today = self.clock().date()
        query = queries.listing(
            today=today,
            status=status,
            overdue=overdue,
            open=open,
            agency=agency,
            region=region,
            election=election,
            registered_from=registered_from,
            registered_to=registered_to,
            limit=limit,
            offset=offset,
        )
        return self._of_known_agency(
            agency,
            refuse_unknown_agency,
            lambda conn: queries.summaries(conn, query, today),
            found=bool,
        )

    def iter_records(self, batch: int = 500) -> Iterator[CaseRecord]:
        """Every case's record, by id, read ``batch`` cases at a time (one transaction
        each)."""
        after = ""
        while True:
            records = self._read(
                partial(queries.records_after, after=after, batch=batch, today=self.clock().date())
            )
            if not records:
                return
            yield from records
            after = records[-1].id

    def stats(self, agency: str | None = None, *, refuse_unknown_agency: bool = True) -> Stats:
        """Counts over every case, or over the cases of one ``agency`` (what a PPK's or an
        inspectorate's token may see): verdicts, follow-up (and by month of registration per
        election), overdue by agency and by step, under-sanctioned share by election and by
        agency.

        An ``agency`` no registered case names is most likely mistyped: an
        :class:`UnknownAgencyError` naming the agencies registered (the closest first),
        not counts of nothing; with ``refuse_unknown_agency=False`` its counts are zero (the
        service, for a token scoped to an agency with no case yet)."""
        today = self.clock().date()
        return self._of_known_agency(
            agency,
            refuse_unknown_agency,
            lambda conn: stats.stats(conn, today, agency),
            found=lambda counted: counted.cases > 0,
        )

    def agencies(self) -> dict[str, int]:
        """Each agency the cases name and its number of cases, the most first."""
        return self._read(stats.agencies)

    def history(self, case_id: str) -> tuple[LogEntry, ...]:
        """The case's decision log, oldest first."""

        def work(conn: Connection) -> tuple[LogEntry, ...] | None:
            entries = decision_log.entries(conn, case_id)
            # Every registered case has its first entry: none means no such case.
            return entries if entries or queries.exists(conn, case_id) else None

        found = self._read(work)
        if found is None:
            raise self._unknown(case_id)
        return found

    def replay(self, case_id: str) -> Replay:
        """Evaluate every logged evaluation of the case again, with the events it had and
        the day it was evaluated on; :attr:`Replay.agrees` says whether each gives its
        logged verdicts. (With other rules than logged, :attr:`ReplayStep.same_rules` is
        False and a difference is the rules' change, not a fault.)"""
        record = self.get(case_id)
        steps = decision_log.replay(record, self.history(case_id), self.engine)
        return Replay(case_id, steps)

    def _read(self, work: Callable[[Connection], T]) -> T:
        return database.in_connection(self._db, work, lang=self.lang, read_only=True)

    def _of_known_agency(
        self,
        agency: str | None,
        refuse: bool,
        work: Callable[[Connection], T],
        *,
        found: Callable[[T], bool],
    ) -> T:
        """``work``'s answer for ``agency``, read in one transaction; when it ``found``
        nothing, ``refuse`` is set and no registered case names ``agency``, the
        :class:`UnknownAgencyError` naming the agencies that are (a mistyped agency, not an
        answer of nothing)."""

        def checked(conn: Connection) -> T:
            answer = work(conn)
            if agency is None or not refuse or found(answer):
                return answer
            # Nothing found may be an agency with cases, none of them matching the filters.
            known = stats.agencies(conn)
            if agency in known:
                return answer
            raise self._unknown_agency(agency, known)

        return self._read(checked)

    def _unknown(self, case_id: str) -> UnknownCaseError:
        return UnknownCaseError.of("unknown_case", self.lang, db=self.where, case=case_id)

    def _unknown_agency(self, agency: str, known: dict[str, int]) -> UnknownAgencyError:
        """The error of an agency no case names, with the agencies that are named: all of
        them when few, else the closest to ``agency`` and then the largest."""
        close = difflib.get_close_matches(agency, list(known), n=_AGENCIES_SHOWN, cutoff=0.6)
        shown = [*close, *(a for a in known if a not in close)][:_AGENCIES_SHOWN]
        names = ", ".join(repr(a) for a in shown)
        if not known:
            listed = text("agencies_none", self.lang)
        elif len(known) <= _AGENCIES_SHOWN:
            listed = text("agencies_all", self.lang, names=names)
        else:
            listed = text("agencies_some", self.lang, count=len(known), names=names)
        return UnknownAgencyError.of(
            "unknown_agency", self.lang, db=self.where, agency=agency, known=listed
        )

    def _duplicate(self, case_id: str) -> DuplicateCaseError:
        return DuplicateCaseError.of("duplicate_case", self.lang, db=self.where, case=case_id)


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
