"""What a supervisor counts over the register: verdicts, follow-up, overdue cases,
under-sanctioned shares, recommended tiers (:class:`~.records.Stats`)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from ..sanctions import Verdict
from .records import Stats
from .schema import CaseRow, LogRow

_IMPOSED = frozenset(
    {Verdict.ADEQUATE, Verdict.UNDER_SANCTIONED, Verdict.OVER_SANCTIONED, Verdict.WRONG_TRACK}
)
_COMPARED = frozenset({Verdict.ADEQUATE, Verdict.UNDER_SANCTIONED, Verdict.OVER_SANCTIONED})


_AGENCIES = (
    select(CaseRow.agency, func.count())
    .group_by(CaseRow.agency)
    .order_by(func.count().desc(), CaseRow.agency)
)


def agencies(conn: Connection) -> dict[str, int]:
    """Each agency the register's cases name (as their ``asn.agency`` states it) and how
    many cases it has, the most first (a case whose agency is not stated is left out)."""
    return {agency: n for agency, n in conn.execute(_AGENCIES).all() if agency is not None}


def stats(conn: Connection, today: dt.date, agency: str | None = None) -> Stats:
    """Counts over every case (or the cases of one ``agency``): verdicts, follow-up (and by
    month of registration per election), overdue by agency and by step, under-sanctioned
    share by election and by agency, as of ``today`` (three statements, in the caller's
    transaction)."""
    keys = (
        CaseRow.verdict,
        CaseRow.agency,
        CaseRow.election,
        CaseRow.closed_on.is_(None),
        CaseRow.due_on,
        CaseRow.due_what,
    )
    query = select(*keys, func.count()).group_by(*keys)
    # The month of registration is bucketed here: SQLite and PostgreSQL name it apart.
    monthly = select(CaseRow.election, CaseRow.verdict, CaseRow.registered_at).where(
        CaseRow.verdict.in_([v.value for v in (*_IMPOSED, Verdict.NOT_YET_IMPOSED)])
    )

    # Each case's last evaluation, for its tracks' recommended tiers.
    last = select(func.max(LogRow.id)).group_by(LogRow.case_id)
    if agency is not None:
        query = query.where(CaseRow.agency == agency)
        monthly = monthly.where(CaseRow.agency == agency)
        last = last.where(LogRow.case_id.in_(select(CaseRow.id).where(CaseRow.agency == agency)))
    logged = select(LogRow.verdicts).where(LogRow.id.in_(last))

    rows = conn.execute(query).all()
    registered = conn.execute(monthly).all()
    last_verdicts = conn.execute(logged).scalars().all()
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
