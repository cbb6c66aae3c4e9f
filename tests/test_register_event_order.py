"""The order of a case's events (``register.ordering``, docs/register.md "The order of
events"): an event dated after the register's day, a step dated before what it answers and
a closure dated before an event already recorded are refused, naming the date and the day
or event it is measured against, in the language asked (the register, the command line,
the service); an order that may have happened but deserves a look is recorded with a
warning kept in the decision log. QA's case: a ``sanction_imposed`` dated 2030-01-01 made
DISIPLIN "adequate" on 2026-12-04."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from _service import bearer, seed_json, serving
from netralitas_rules import load_case
from netralitas_rules.cli import main
from netralitas_rules.models import Case
from netralitas_rules.register import Event, EventOrderError, Register
from netralitas_rules.register.ordering import EventWarning, OrderNote
from netralitas_rules.sanctions import Verdict
from netralitas_rules.service import Role, TokenStore
from netralitas_rules.vocabulary import Track

SEED = Path(__file__).parent.parent / "examples" / "muaro-jambi-2019.yaml"
CASE = "muaro-jambi-2019"
TODAY = dt.datetime(2026, 12, 4, 9, tzinfo=dt.UTC)


def _seed() -> Case:
    return load_case(SEED).model_copy(update={"imposed_sanctions": ()})


def ev(kind: str, date: str, **more: str) -> Event:
    return Event.model_validate({"kind": kind, "date": date, **more})


REPORTED = ev("reported", "2019-03-11", source="bawaslu_finding")
FUTURE = ev("sanction_imposed", "2030-01-01", track="DISIPLIN", tier="SEDANG")


@pytest.fixture(params=["sqlite", "postgresql"])
def reg(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Register]:
    db = (
        str(tmp_path / "register.sqlite")
        if request.param == "sqlite"
        else request.getfixturevalue("pg_url")
    )
    with Register(db, clock=lambda: TODAY) as register:
        register.add_case(_seed(), actor="test")
        yield register


def _refused(reg: Register, event: Event) -> EventOrderError:
    before = reg.get(CASE)
    logged = len(reg.history(CASE))
    with pytest.raises(EventOrderError) as raised:
        reg.add_event(CASE, event, actor="test")
    # Nothing recorded, nothing judged: the case is as it was.
    after = reg.get(CASE)
    assert (after.events, after.verdict, after.verdicts) == (
        before.events,
        before.verdict,
        before.verdicts,
    )
    assert len(reg.history(CASE)) == logged
    assert isinstance(raised.value, ValueError)
    return raised.value


def test_an_event_after_the_registers_day_is_refused(reg: Register) -> None:
    """QA's reproduction: the sanction dated 2030 is refused, naming the date field, the
    event's date and the register's day, in the register's language and in another."""
    reg.add_event(CASE, REPORTED, actor="test")
    error = _refused(reg, FUTURE)
    assert str(error) == (
        f"{reg.where}: kasus '{CASE}': tanggal peristiwa (`date`): peristiwa 'sanksi "
        "dijatuhkan' bertanggal 1 Januari 2030, sesudah hari penanganan register (4 Desember "
        "2026); peristiwa yang belum terjadi tidak dapat dicatat: perbaiki tanggalnya, atau "
        "catat peristiwa itu setelah terjadi"
    )
    assert error.said("en", "here") == (
        f"here: case '{CASE}': the event's date (`date`): the 'sanction imposed' event is dated "
        "1 January 2030, after the register's day of handling (4 December 2026); an event "
        "that has not happened cannot be recorded: correct its date, or record it once it "
        "has happened"
    )
    assert reg.get(CASE).verdicts[Track.DISIPLIN] is Verdict.NOT_YET_IMPOSED
    # On the register's day itself it has happened: recorded.
    today = ev("sanction_imposed", "2026-12-04", track="DISIPLIN", tier="SEDANG")
    assert reg.add_event(CASE, today, actor="test").events == 2


@pytest.mark.parametrize(
    ("earlier", "event", "code", "against"),
    [
        # a recommendation answers a report: not before the first one recorded
        ([REPORTED], ev("recommendation_issued", "2019-03-01"), "before_answered", 1),
        # the period to follow a recommendation up cannot pass before the recommendation
        (
            [REPORTED, ev("recommendation_issued", "2019-04-01")],
            ev("not_followed_up", "2019-03-20"),
            "before_answered",
            2,
        ),
        # a block answers the PPK's not following a recommendation up
        (
            [REPORTED, ev("recommendation_issued", "2019-04-01")],
            ev("record_blocked", "2019-03-25"),
            "before_answered",
            2,
        ),
        # a closure after all that happened: not before the report, nor before a step
        ([REPORTED], ev("closed", "2019-03-01"), "closed_before", 1),
        (
            [REPORTED, ev("recommendation_issued", "2019-04-01")],
            ev("closed", "2019-03-20"),
            "closed_before",
            2,
        ),
    ],
)
def test_an_impossible_order_is_refused(
    reg: Register, earlier: list[Event], event: Event, code: str, against: int
) -> None:
    for e in earlier:
        reg.add_event(CASE, e, actor="test")
    error = _refused(reg, event)
    other = earlier[against - 1]
    assert (
        error.reason
        == OrderNote(code, event.kind, event.date, other.kind, other.date, against).text()
    )
    assert "tanggal peristiwa (`date`)" in str(error)


def test_the_refusals_words(reg: Register) -> None:
    """A step before what it answers and a closure before an event: their words."""
    reg.add_event(CASE, REPORTED, actor="test")
    early = _refused(reg, ev("recommendation_issued", "2019-03-01"))
    assert str(early).endswith(
        "peristiwa 'rekomendasi diterbitkan' bertanggal 1 Maret 2019, sebelum peristiwa "
        "'dilaporkan' paling awal yang tercatat (peristiwa ke-1, 11 Maret 2019), padahal "
        "peristiwa itulah yang ditanggapinya; perbaiki tanggalnya, atau catat dulu peristiwa "
        "'dilaporkan' yang ditanggapinya dengan tanggalnya"
    )
    closed = _refused(reg, ev("closed", "2019-03-01"))
    assert closed.said("en", "x").endswith(
        "the closure is dated 1 March 2019, before event 1 ('reported', 11 March 2019), "
        "already recorded; a case is closed after everything that happened in it: correct "
        "the closure's date"
    )


def test_the_usual_order_and_late_records_give_no_warning(reg: Register) -> None:
    """A report, a recommendation on the same day, an examination recorded after the
    recommendation (recorded late), a sanction and a closure on one day: no warning."""
    for event in (
        REPORTED,
        ev("recommendation_issued", "2019-03-11"),
        ev("examined", "2019-03-12"),
        ev("sanction_imposed", "2019-06-14", track="DISIPLIN", tier="RINGAN"),
        ev("closed", "2019-06-14"),
    ):
        record = reg.add_event(CASE, event, actor="test")
    assert record.events == 5
    assert record.warnings == ()
    assert all(entry.warnings == () for entry in reg.history(CASE))


def test_a_doubtful_order_is_recorded_with_a_warning_kept_in_the_log(reg: Register) -> None:
    """A recommendation with no report recorded, then a report dated after it, then a
    sanction dated before that report: each recorded, each with its warning, which the
    record lists by event and the decision log keeps with the evaluation it made."""
    recommendation = ev("recommendation_issued", "2019-03-20")
    report = ev("reported", "2019-04-01", source="public_complaint")
    sanction = ev("sanction_imposed", "2019-03-25", track="DISIPLIN", tier="RINGAN")
    for event in (recommendation, report, sanction):
        record = reg.add_event(CASE, event, actor="test")
    expected = (
        EventWarning(
            1, OrderNote("nothing_answered", recommendation.kind, recommendation.date, report.kind)
        ),
        EventWarning(
            2,
            OrderNote(
                "answered_later",
                report.kind,
                report.date,
                recommendation.kind,
                recommendation.date,
                1,
            ),
        ),
        EventWarning(
            3, OrderNote("before_report", sanction.kind, sanction.date, report.kind, report.date, 2)
        ),
    )
    assert record.events == 3
    assert record.warnings == expected
    assert reg.get(CASE).warnings == expected
    logged = {entry.seq: entry.warnings for entry in reg.history(CASE)}
    assert logged == {0: (), 1: (expected[0].note,), 2: (expected[1].note,), 3: (expected[2].note,)}
    assert expected[2].note.text().render("id") == (
        "peristiwa 'sanksi dijatuhkan' bertanggal 25 Maret 2019, sebelum laporan paling awal "
        "yang tercatat (peristiwa ke-2, 1 April 2019); dicatat, tetapi periksa tanggalnya bila "
        "peristiwa ini menanggapi laporan itu"
    )


@pytest.fixture
def cli_db(tmp_path: Path) -> str:
    path = str(tmp_path / "r.sqlite")
    assert main(["register", "import", "--db", path, "--as-of", "2026-12-04", str(SEED)]) == 0
    return path


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "id",
            "kasus 'muaro-jambi-2019': --date: peristiwa 'sanksi dijatuhkan' "
            "bertanggal 1 Januari 2030, sesudah hari penanganan register (4 Desember 2026)",
        ),
        (
            "en",
            "case 'muaro-jambi-2019': --date: the 'sanction imposed' event "
            "is dated 1 January 2030, after the register's day of handling (4 December 2026)",
        ),
    ],
)
def test_the_command_line_refuses_it_in_the_language_asked(
    cli_db: str, lang: str, words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command line names the option the date was given with (--date), not the field."""
    capsys.readouterr()
    code = main(
        [
            *("register", "event", "--db", cli_db, "--as-of", "2026-12-04", CASE),
            *("--kind", "sanction_imposed", "--date", "2030-01-01", "--track", "DISIPLIN"),
            *("--tier", "SEDANG", "--lang", lang),
        ]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith(f"netralitas: {cli_db}: "), err
    assert words in err
    with Register(cli_db) as register:
        assert register.get(CASE).events == 0


def test_the_service_places_the_refusal_at_the_date_and_answers_warnings(
    tmp_path: Path,
) -> None:
    """POST /v1/cases/{id}/events: a refused date is a 400 ``invalid-event`` whose problem
    is at the body's ``date`` (its line and column), in the client's language; a doubtful
    order is a 201 whose ``warnings`` say it, as the log's entry does."""
    db = str(tmp_path / "register.sqlite")
    with TokenStore(db) as store:
        token = store.add(Role.SUPERVISOR)[0]
    future = '{"kind": "sanction_imposed",\n "track": "DISIPLIN",\n "date": "2030-01-01"}'
    with serving(db, "--clock", "2026-12-04") as url:

        def post(path: str, body: str, lang: str = "id") -> httpx.Response:
            headers = bearer(token) | {"Accept-Language": lang}
            return httpx.post(url + path, content=body, headers=headers, timeout=60)

        assert post("/v1/cases", seed_json(imposed_sanctions=[])).status_code == 201
        answers = {lang: post(f"/v1/cases/{CASE}/events", future, lang) for lang in ("id", "en")}
        early = ev("sanction_imposed", "2019-03-01", track="DISIPLIN", tier="RINGAN")
        body = json.dumps(early.model_dump(mode="json", exclude_none=True))
        assert (
            post(
                f"/v1/cases/{CASE}/events",
                json.dumps(REPORTED.model_dump(mode="json", exclude_none=True)),
            ).status_code
            == 201
        )
        warned = post(f"/v1/cases/{CASE}/events", body)
        log = httpx.get(f"{url}/v1/cases/{CASE}/log", headers=bearer(token), timeout=60)
    for lang, r in answers.items():
        assert r.status_code == 400, r.text
        doc = r.json()
        assert doc["type"] == "urn:netralitas-rules:problem:invalid-event"
        (problem,) = doc["problems"]
        assert (problem["file"], problem["line"], problem["column"]) == ("request.json", 3, 2)
        assert problem["key_path"] == "date"
        assert problem["code"] == "event_order.after_clock"
        assert ("4 Desember 2026" if lang == "id" else "4 December 2026") in problem["message"]
        assert problem["text"].startswith("request.json:3:2: date: ")
    assert warned.status_code == 201, warned.text
    (warning,) = warned.json()["warnings"]
    assert warning["seq"] == 2
    assert warning["code"] == "event_order.before_report"
    assert warning["text"].startswith("peristiwa 'sanksi dijatuhkan' bertanggal 1 Maret 2019")
    assert warning["text_en"].startswith("the 'sanction imposed' event is dated 1 March 2019")
    assert log.json()[-1]["warnings"] == [warning]
