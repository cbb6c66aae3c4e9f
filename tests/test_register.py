"""The supervision register, on SQLite and on a real PostgreSQL the tests start."""

from __future__ import annotations

import datetime as dt
import functools
import random
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from _profiles import examples
from netralitas_rules import load_case
from netralitas_rules.engine import get_engine
from netralitas_rules.models import Case
from netralitas_rules.register import (
    CaseSummary,
    ClosedCaseError,
    Due,
    DuplicateCaseError,
    Event,
    EventKind,
    Register,
    ReportSource,
    UnknownAgencyError,
    UnknownCaseError,
    case_as_judged,
    input_hash,
)
from netralitas_rules.register import evaluation as evaluation_module
from netralitas_rules.register.database import database_url, display
from netralitas_rules.register.store import all_verdicts_agree
from netralitas_rules.sanctions import Verdict, assess
from netralitas_rules.testing.strategies import cases
from netralitas_rules.vocabulary import Tier, Track

SEED = Path(__file__).parent.parent / "examples" / "muaro-jambi-2019.yaml"
DAY = dt.datetime(2024, 6, 1, 9, 0, tzinfo=dt.UTC)


class MovableClock:
    """A clock the test moves."""

    def __init__(self, now: dt.datetime = DAY) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@functools.cache
def _seed_file() -> Case:
    # Read once: the 8-client test registers 2,000 copies, and parsing the file for each
    # was an eighth of its time. Cases are immutable, so every test may share it.
    return load_case(SEED)


def seed(case_id: str = "muaro-jambi-2019", agency: str | None = None) -> Case:
    """The seed case with nothing imposed yet (its sanction comes as an event)."""
    case = _seed_file()
    asn = case.asn if agency is None else case.asn.model_copy(update={"agency": agency})
    return case.model_copy(update={"id": case_id, "imposed_sanctions": (), "asn": asn})


REPORTED = Event(
    kind=EventKind.REPORTED, date=dt.date(2019, 3, 11), source=ReportSource.BAWASLU_FINDING
)
TEGURAN = Event(
    kind=EventKind.SANCTION_IMPOSED,
    date=dt.date(2019, 6, 14),
    track=Track.DISIPLIN,
    tier=Tier.RINGAN,
    form="teguran lisan",
    by="PPK Kabupaten Muaro Jambi",
)
CLOSED = Event(kind=EventKind.CLOSED, date=dt.date(2019, 7, 1), note="sanksi dijatuhkan")


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty register database on each backend."""
    if request.param == "sqlite":
        return str(tmp_path / "register.sqlite")
    url: str = request.getfixturevalue("pg_url")
    return url


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock()


@pytest.fixture
def reg(db: str, clock: MovableClock) -> Iterator[Register]:
    with Register(db, clock=clock) as register:
        yield register


def expected_verdict(case: Case, events: list[Event], day: dt.date) -> Verdict:
    """The sanctions stage's own answer for the case with its events' sanctions."""
    judged = case_as_judged(case, events)
    engine = get_engine()
    return assess(engine.evaluate(judged), judged, as_of=day).audit.overall


def test_a_registered_case_comes_back_with_its_facts_and_verdict(reg: Register) -> None:
    """A case registered is read back equal, with the sanctions stage's verdict."""
    record = reg.add_case(seed(), actor="bawaslu")
    assert record.case == seed()
    assert record.verdict is Verdict.NOT_YET_IMPOSED
    assert record.verdict is expected_verdict(seed(), [], DAY.date())
    assert record.verdicts == {
        Track.DISIPLIN: Verdict.NOT_YET_IMPOSED,
        Track.ETIK: Verdict.NOT_YET_IMPOSED,
    }
    assert record.events == 0
    assert record.event_list == ()


def test_an_imposed_sanction_event_changes_the_verdict(reg: Register) -> None:
    """A teguran lisan imposed for a SEDANG act makes the case under-sanctioned."""
    reg.add_case(seed(), actor="bawaslu")
    reg.add_event("muaro-jambi-2019", REPORTED, actor="bawaslu")
    record = reg.add_event("muaro-jambi-2019", TEGURAN, actor="ppk")
    assert record.events == 2
    assert record.event_list == (REPORTED, TEGURAN)
    assert record.verdict is Verdict.UNDER_SANCTIONED
    assert record.verdict is expected_verdict(seed(), [REPORTED, TEGURAN], DAY.date())


def test_the_register_outlives_its_process(db: str, clock: MovableClock) -> None:
    """A case and its events are there when the register is opened again."""
    with Register(db, clock=clock) as first:
        first.add_case(seed(), actor="bawaslu")
        first.add_event("muaro-jambi-2019", TEGURAN, actor="ppk")
    with Register(db, clock=clock) as again:
        record = again.get("muaro-jambi-2019")
    assert record.verdict is Verdict.UNDER_SANCTIONED
    assert record.event_list == (TEGURAN,)


def test_a_case_is_registered_once(reg: Register) -> None:
    """Registering an id twice is refused, naming the case and what to do instead."""
    reg.add_case(seed(), actor="bawaslu")
    with pytest.raises(DuplicateCaseError) as err:
        reg.add_case(seed(), actor="bawaslu")
    assert "kasus 'muaro-jambi-2019' sudah terdaftar" in str(err.value)
    assert "netralitas register event" in str(err.value)


def test_an_event_for_an_unknown_case_is_refused(reg: Register) -> None:
    """An event for a case not registered is an UnknownCaseError (also a LookupError)."""
    with pytest.raises(UnknownCaseError) as err:
        reg.add_event("nope", REPORTED, actor="bawaslu")
    assert isinstance(err.value, LookupError)
    assert "kasus 'nope' tidak ada di register" in str(err.value)
    with pytest.raises(UnknownCaseError):
        reg.get("nope")
    with pytest.raises(UnknownCaseError):
        reg.history("nope")


def test_nothing_happens_to_a_closed_case(db: str, clock: MovableClock) -> None:
    """After 'closed' no event is recorded; the message follows the register's language."""
    with Register(db, clock=clock, lang="en") as reg:
        reg.add_case(seed(), actor="bawaslu")
        closed = reg.add_event("muaro-jambi-2019", CLOSED, actor="bawaslu")
        assert closed.closed_on == dt.date(2019, 7, 1)
        with pytest.raises(ClosedCaseError) as err:
            reg.add_event("muaro-jambi-2019", TEGURAN, actor="ppk")
        assert str(err.value).endswith(
            "case 'muaro-jambi-2019' was closed on 1 July 2019; no new event can be recorded"
        )
        assert reg.get("muaro-jambi-2019").events == 1


def test_every_evaluation_is_logged_with_what_it_read(reg: Register, clock: MovableClock) -> None:
    """The decision log has one entry per change: input hash, rules hash, version, backend,
    day, who asked."""
    reg.add_case(seed(), actor="bawaslu")
    clock.now = DAY + dt.timedelta(days=3)
    reg.add_event("muaro-jambi-2019", TEGURAN, actor="ppk")
    first, second = reg.history("muaro-jambi-2019")
    stamp = get_engine().stamp
    assert (first.seq, first.actor, first.as_of) == (0, "bawaslu", DAY.date())
    assert (second.seq, second.actor, second.as_of) == (1, "ppk", dt.date(2024, 6, 4))
    assert first.input_hash == input_hash(seed())
    assert second.input_hash == input_hash(case_as_judged(seed(), [TEGURAN]))
    assert first.input_hash != second.input_hash
    for entry in (first, second):
        assert entry.regulations_hash == stamp.regulations_hash
        assert (entry.library_version, entry.backend) == (stamp.library_version, "python")
    assert (first.verdict, second.verdict) == (Verdict.NOT_YET_IMPOSED, Verdict.UNDER_SANCTIONED)


@pytest.mark.parametrize("table", ["decision_log", "events"])
@pytest.mark.parametrize("statement", ["UPDATE {table} SET actor = 'x'", "DELETE FROM {table}"])
def test_the_log_and_the_events_refuse_change(
    reg: Register, db: str, table: str, statement: str
) -> None:
    """The database itself refuses UPDATE and DELETE on the decision log and the events."""
    reg.add_case(seed(), actor="bawaslu")
    reg.add_event("muaro-jambi-2019", REPORTED, actor="bawaslu")
    raw = create_engine(database_url(db))
    try:
        with pytest.raises(DBAPIError, match="append-only"), raw.begin() as conn:
            conn.execute(text(statement.format(table=table)))
    finally:
        raw.dispose()
    assert len(reg.history("muaro-jambi-2019")) == 2
    assert reg.get("muaro-jambi-2019").event_list == (REPORTED,)


def test_a_history_replays_to_the_same_verdicts(reg: Register, clock: MovableClock) -> None:
    """Replay evaluates each logged step with its events and its day, and agrees, though
    the clock has moved since."""
    reg.add_case(seed(), actor="bawaslu")
    for days, event in ((1, REPORTED), (40, TEGURAN), (400, CLOSED)):
        clock.now = DAY + dt.timedelta(days=days)
        reg.add_event("muaro-jambi-2019", event, actor="x")
    clock.now = DAY + dt.timedelta(days=4000)
    replay = reg.replay("muaro-jambi-2019")
    assert replay.agrees
    assert [s.logged.seq for s in replay.steps] == [0, 1, 2, 3]
    assert all(s.same_rules for s in replay.steps)
    assert [s.verdict for s in replay.steps] == [
        Verdict.NOT_YET_IMPOSED,
        Verdict.NOT_YET_IMPOSED,
        Verdict.UNDER_SANCTIONED,
        Verdict.UNDER_SANCTIONED,
    ]


def test_cases_are_listed_by_verdict_agency_election_and_openness(reg: Register) -> None:
    """Each filter of list() narrows the cases to those it names."""
    reg.add_case(seed("a", agency="Kab A"), actor="x")
    reg.add_case(seed("b", agency="Kab B"), actor="x")
    reg.add_case(seed("c", agency="Kab B"), actor="x")
    reg.add_event("b", TEGURAN, actor="ppk")
    reg.add_event("c", CLOSED, actor="x")

    def ids(found: list[CaseSummary]) -> list[str]:
        return [c.id for c in found]

    assert ids(reg.list()) == ["a", "b", "c"]
    assert ids(reg.list(status=Verdict.UNDER_SANCTIONED)) == ["b"]
    assert ids(reg.list(status="not_yet_imposed")) == ["a", "c"]
    assert ids(reg.list(agency="Kab B")) == ["b", "c"]
    assert ids(reg.list(election="pemilu-2019", open=True)) == ["a", "b"]
    assert ids(reg.list(open=False)) == ["c"]
    assert ids(reg.list(election="pilkada-2020")) == []
    assert ids(reg.list(limit=1, offset=1)) == ["b"]


def test_overdue_cases_follow_the_deadline_and_the_clock(
    reg: Register, clock: MovableClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A case is overdue once its next deadline has passed on the clock, and not once it
    is closed; the deadline comes from the one call site, next_due."""

    def due(case: Case, events: object, today: dt.date) -> Due:
        return Due(dt.date(2024, 6, 10), "ppk_follow_up")

    monkeypatch.setattr(evaluation_module, "next_due", due)
    reg.add_case(seed("a", agency="Kab A"), actor="x")
    reg.add_case(seed("b", agency="Kab B"), actor="x")
    assert reg.list(overdue=True) == []
    clock.now = dt.datetime(2024, 6, 11, tzinfo=dt.UTC)
    assert [c.id for c in reg.list(overdue=True)] == ["a", "b"]
    assert reg.get("a").overdue
    assert reg.get("a").due == Due(dt.date(2024, 6, 10), "ppk_follow_up")
    reg.add_event("b", CLOSED, actor="x")
    assert [c.id for c in reg.list(overdue=True)] == ["a"]
    assert [c.id for c in reg.list(overdue=False)] == ["b"]
    stats = reg.stats()
    assert (stats.overdue, stats.overdue_by_agency) == (1, {"Kab A": 1})


def test_stats_count_verdicts_and_follow_up(reg: Register) -> None:
    """Stats: cases per verdict, open and closed, the follow-up rate, the
    under-sanctioned share per election."""
    for case_id in ("a", "b", "c", "d"):
        reg.add_case(seed(case_id), actor="x")
    reg.add_event("a", TEGURAN, actor="ppk")
    reg.add_event("d", CLOSED, actor="x")
    stats = reg.stats()
    assert (stats.cases, stats.open, stats.closed) == (4, 3, 1)
    assert stats.by_verdict[Verdict.UNDER_SANCTIONED] == 1
    assert stats.by_verdict[Verdict.NOT_YET_IMPOSED] == 3
    assert (stats.followed_up, stats.awaiting) == (1, 3)
    assert stats.follow_up_rate == 0.25
    assert stats.under_sanctioned_by_election == {"pemilu-2019": (1, 1)}


def test_an_empty_register_has_no_follow_up_rate(reg: Register) -> None:
    """With nothing due, the follow-up rate is None, not a division by zero."""
    assert reg.stats().follow_up_rate is None
    assert reg.stats().cases == 0


def test_the_migrated_schema_is_the_models_schema(reg: Register, db: str) -> None:
    """Alembic's migrations create exactly the tables the ORM models describe."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from netralitas_rules.register.schema import Base

    raw = create_engine(database_url(db))
    try:
        with raw.connect() as conn:
            diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    finally:
        raw.dispose()
    assert diffs == []


def test_database_addresses() -> None:
    """A path is a SQLite file, postgresql:// gets psycopg 3, and messages hide passwords."""
    assert database_url("/tmp/x.sqlite") == "sqlite:////tmp/x.sqlite"
    assert database_url("postgresql://u:pw@h/db") == "postgresql+psycopg://u:pw@h/db"
    assert database_url("sqlite:///rel.db") == "sqlite:///rel.db"
    assert display("postgresql+psycopg://u:secret@h:5/db") == "postgresql+psycopg://u@h:5/db"


SANCTION = st.builds(
    Event,
    kind=st.just(EventKind.SANCTION_IMPOSED),
    date=st.dates(dt.date(2019, 4, 1), dt.date(2020, 12, 31)),
    track=st.sampled_from(list(Track)),
    tier=st.none() | st.sampled_from(list(Tier)),
)


@given(events=st.lists(SANCTION | st.just(REPORTED), max_size=4))
@settings(max_examples=examples(15))
def test_the_verdict_is_always_the_sanctions_stage_answer(
    tmp_path_factory: pytest.TempPathFactory, events: list[Event]
) -> None:
    """Whatever sanctions the events impose, the stored verdict is assess()'s answer for
    the case with those sanctions, and the history replays."""
    path = tmp_path_factory.mktemp("prop") / "r.sqlite"
    with Register(path, clock=MovableClock()) as reg:
        reg.add_case(seed(), actor="x")
        for e in events:
            record = reg.add_event("muaro-jambi-2019", e, actor="x")
        record = reg.get("muaro-jambi-2019")
        assert record.verdict is expected_verdict(seed(), events, DAY.date())
        assert reg.replay("muaro-jambi-2019").agrees


CLIENTS = 8
CASES = 2_000


@pytest.mark.slow
def test_eight_clients_lose_no_event(db: str) -> None:
    """8 clients registering 2,000 cases and recording events on each other's cases at
    once: every event is kept, numbered without gaps, and every verdict agrees with its
    events."""
    clock = MovableClock()
    with Register(db, clock=clock):
        pass  # migrate once before the clients start (they would also manage it themselves)
    registered: list[str] = []
    lock = threading.Lock()
    recorded: Counter[str] = Counter()
    failures: list[BaseException] = []

    def client(n: int) -> None:
        rng = random.Random(n)
        try:
            with Register(db, clock=clock) as reg:
                for k in range(CASES // CLIENTS):
                    case_id = f"c{n}-{k:04d}"
                    reg.add_case(seed(case_id, agency=f"Kab {k % 5}"), actor=f"client-{n}")
                    with lock:
                        registered.append(case_id)
                        target = rng.choice(registered)
                    event = TEGURAN if rng.random() < 0.3 else REPORTED
                    reg.add_event(target, event, actor=f"client-{n}")
                    with lock:
                        recorded[target] += 1
        except BaseException as exc:  # reported by the main thread
            failures.append(exc)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    with Register(db, clock=clock) as reg:
        summaries = reg.list()
        assert len(summaries) == CASES
        assert {s.id: s.events for s in summaries if s.events} == dict(recorded)
        assert sum(len(reg.history(s.id)) for s in summaries) == CASES + sum(recorded.values())
        assert all_verdicts_agree(reg, [s.id for s in summaries]) == []


def test_moments_come_back_aware_in_utc(reg: Register) -> None:
    """Registered and updated moments are aware UTC datetimes on every database (SQLite keeps
    no time zone; a naive value broke the service's RFC 3339 date-times)."""
    reg.add_case(seed(), actor="test")
    record = reg.get("muaro-jambi-2019")
    for moment in (record.registered_at, record.updated_at):
        assert moment.tzinfo is not None
        assert moment.utcoffset() == dt.timedelta(0)


WIB = dt.timezone(dt.timedelta(hours=7))


def test_a_write_answers_with_the_record_a_read_gives(reg: Register, clock: MovableClock) -> None:
    """add_case and add_event answer with the record get() reads afterwards (they build it
    from what they wrote), moments in UTC though the clock is in WIB."""
    clock.now = DAY.astimezone(WIB)
    added = reg.add_case(seed(), actor="bawaslu")
    assert added == reg.get("muaro-jambi-2019")
    assert added.registered_at.utcoffset() == dt.timedelta(0)
    for days, event in ((1, REPORTED), (40, TEGURAN), (400, CLOSED)):
        clock.now = (DAY + dt.timedelta(days=days)).astimezone(WIB)
        recorded = reg.add_event("muaro-jambi-2019", event, actor="x")
        assert recorded == reg.get("muaro-jambi-2019")
        assert recorded.updated_at == clock.now
        assert recorded.updated_at.utcoffset() == dt.timedelta(0)
    assert recorded.event_list == (REPORTED, TEGURAN, CLOSED)


def test_every_record_is_read_page_by_page(reg: Register) -> None:
    """iter_records gives every case's record once, by id, across pages."""
    for case_id in ("e", "a", "d", "b", "c"):
        reg.add_case(seed(case_id), actor="x")
    reg.add_event("d", TEGURAN, actor="ppk")
    records = list(reg.iter_records(batch=2))
    assert [r.id for r in records] == ["a", "b", "c", "d", "e"]
    assert records == [reg.get(case_id) for case_id in "abcde"]


@given(case=cases(max_activities=3))
@settings(max_examples=examples(25))
def test_any_case_registered_reads_back_as_its_registration_answered(
    tmp_path_factory: pytest.TempPathFactory, case: Case
) -> None:
    """Whatever the case, the record add_case answers with (built from the case given) is
    the record get() reads from the stored facts."""
    path = tmp_path_factory.mktemp("prop") / "r.sqlite"
    with Register(path, clock=MovableClock()) as reg:
        assert reg.add_case(case, actor="x") == reg.get(case.id)


def test_stats_of_one_agency_count_its_cases_only(reg: Register) -> None:
    """Register.stats(agency=...) counts what an agency-scoped token may see: its cases,
    their verdicts and last evaluations; the unscoped stats count every case."""
    reg.add_case(seed("a-1", agency="Kab A"), actor="test")
    reg.add_case(seed("a-2", agency="Kab A"), actor="test")
    reg.add_case(seed("b-1", agency="Kab B"), actor="test")
    whole, kab_a, kab_b = reg.stats(), reg.stats(agency="Kab A"), reg.stats(agency="Kab B")
    assert (whole.cases, kab_a.cases, kab_b.cases) == (3, 2, 1)
    # An agency no case names: zero counts only when asked so (the service, for a token's
    # agency with no case yet); else a likely typo, refused (tests/test_register_agencies.py).
    assert reg.stats(agency="Kab C", refuse_unknown_agency=False).cases == 0
    with pytest.raises(UnknownAgencyError):
        reg.stats(agency="Kab C")
    # The agencies' counts add up to the whole, verdict by verdict and tier by tier.
    assert {v: kab_a.by_verdict[v] + kab_b.by_verdict[v] for v in whole.by_verdict} == (
        whole.by_verdict
    )
    for track, tiers in whole.by_track_and_tier.items():
        a, b = kab_a.by_track_and_tier.get(track, {}), kab_b.by_track_and_tier.get(track, {})
        assert {t: a.get(t, 0) + b.get(t, 0) for t in tiers} == tiers
