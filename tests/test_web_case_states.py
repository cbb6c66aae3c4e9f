"""The case page for a case that takes no event: a closed case says it is closed (and when)
and offers no form to record an event the register would refuse; a case that cannot be read
(not registered) shows the API's words and nothing else, no empty sections and no event
form. Playwright drives the system's Chromium against a live ``netralitas serve``."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from _service import serving
from netralitas_rules import examples, load_case
from netralitas_rules.register import Event, EventKind, Register
from netralitas_rules.service import Role, TokenStore

playwright = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium (Debian package 'chromium')")

WAIT_MS = 60_000
"""Longest wait for anything the page shows (a bound against a hang, not a speed claim)."""
SEED = "muaro-jambi-2019"
DAY = dt.datetime(2019, 7, 10, 12, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """The system's Chromium, headless (no browser download: executable_path)."""
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


def _open(page: Any, url: str, token: str) -> None:
    """The page at ``url`` with the token entered (kept in the tab's sessionStorage, as the
    page's token form keeps it), loaded again so the page reads the case with it."""
    page.goto(url)
    page.evaluate(f"sessionStorage.setItem('netralitas.token', {token!r})")
    page.reload()


def test_a_closed_case_says_so_and_offers_no_event_form(browser: Any, tmp_path: Path) -> None:
    """The seed case reported then closed: the next-step section says when it was closed
    (in the page's language) and the event form is not shown; an unregistered case shows the
    API's 404 words only."""
    db = tmp_path / "register.sqlite"
    with TokenStore(db) as store:
        token = store.add(Role.SUPERVISOR)[0]
    with Register(db, clock=lambda: DAY) as reg:
        reg.add_case(load_case(examples.path(SEED)), actor="test")
        reg.add_event(
            SEED,
            Event(kind=EventKind.REPORTED, date="2019-03-11", source="bawaslu_finding"),
            actor="test",
        )
        reg.add_event(
            SEED, Event(kind=EventKind.CLOSED, date="2019-07-01", note="selesai"), actor="test"
        )
    context = browser.new_context()
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    with serving(db, "--clock", "2019-07-10") as url:
        for lang, closed in (
            ("id", "Kasus ditutup pada 1 Juli 2019"),
            ("en", "The case was closed on 1 July 2019"),
        ):
            _open(page, f"{url}/web/cases/{SEED}?lang={lang}", token)
            page.wait_for_selector("#case[data-loaded]")
            assert closed in page.inner_text("#due")
            assert page.is_visible("#verdict")
            assert not page.is_visible("#event-form")

        _open(page, f"{url}/web/cases/nope", token)
        page.wait_for_selector("#case-status:has-text('nope')")
        assert "kasus 'nope' tidak ada di register" in page.inner_text("#case-status")
        assert not page.is_visible("#event-form")
        assert not page.is_visible("#h-verdict")
        assert not page.is_visible("#h-log")
        assert not page.is_visible("#print")
    context.close()


def test_registering_a_known_id_again_leads_to_that_case(browser: Any, tmp_path: Path) -> None:
    """The intake form given the id of a registered case: the message sits by the id field,
    says what happened to a case is recorded on its page (not the command line's
    `netralitas register event`, which the API's detail names), in the page's language, and
    links to that page."""
    db = tmp_path / "register.sqlite"
    with TokenStore(db) as store:
        token = store.add(Role.SUPERVISOR)[0]
    with Register(db, clock=lambda: DAY) as reg:
        reg.add_case(load_case(examples.path(SEED)), actor="test")
    context = browser.new_context()
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    with serving(db) as url:
        for lang, words in (("id", "sudah terdaftar"), ("en", "is already registered")):
            _open(page, f"{url}/web/?lang={lang}", token)
            page.fill('[name="id"]', SEED)
            page.select_option('[name="election"]', "pemilu-2019")
            page.fill('[name="asn.id"]', "asn-01")
            page.select_option('[name="asn.status"]', "PNS")
            page.select_option('[name="asn.position_kind"]', "ADMINISTRATOR")
            page.click("#submit-case")
            page.wait_for_selector("#duplicate-case")
            beside = page.inner_text('[data-err="id"]')
            assert words in beside, beside
            assert "netralitas register" not in page.inner_text("#problems")
            page.click("#duplicate-case")
            page.wait_for_selector("#case[data-loaded]")
            assert page.url.startswith(f"{url}/web/cases/{SEED}?lang={lang}")
    context.close()


def test_an_event_dated_after_the_registers_day_is_refused_by_its_date_field(
    browser: Any, tmp_path: Path
) -> None:
    """The event form given a sanction dated after the register's day: the register's
    refusal sits by the date field in the page's language and nothing is recorded; a
    sanction dated before the first report is recorded, and its warning shows under it in
    the history."""
    db = tmp_path / "register.sqlite"
    with TokenStore(db) as store:
        token = store.add(Role.SUPERVISOR)[0]
    with Register(db, clock=lambda: DAY) as reg:
        case = load_case(examples.path(SEED)).model_copy(update={"imposed_sanctions": ()})
        reg.add_case(case, actor="test")
        reg.add_event(
            SEED,
            Event(kind=EventKind.REPORTED, date="2019-03-11", source="bawaslu_finding"),
            actor="test",
        )
    context = browser.new_context()
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    with serving(db, "--clock", "2019-07-10") as url:
        for lang, words in (
            ("id", "sesudah hari penanganan register (10 Juli 2019)"),
            ("en", "after the register's day of handling (10 July 2019)"),
        ):
            _open(page, f"{url}/web/cases/{SEED}?lang={lang}", token)
            page.wait_for_selector("#case[data-loaded='1']")
            page.select_option('[name="kind"]', "sanction_imposed")
            page.fill('[name="date"]', "2030-01-01")
            page.select_option('[name="track"]', "DISIPLIN")
            page.click("#submit-event")
            page.wait_for_selector('[data-err="date"]:not([hidden])')
            beside = page.inner_text('[data-err="date"]')
            assert words in beside, beside
            assert page.get_attribute('[name="date"]', "aria-invalid") == "true"
        page.fill('[name="date"]', "2019-03-01")
        page.click("#submit-event")
        page.wait_for_selector("#case[data-loaded='2']")
        warning = page.inner_text("#events .warning[data-code='event_order.before_report']")
        assert "before the earliest report recorded" in warning, warning
    with Register(db) as reg:
        assert [e.date.isoformat() for e in reg.get(SEED).event_list] == [
            "2019-03-11",
            "2019-03-01",
        ]
    context.close()


def test_counts_of_one_are_singular_in_english(browser: Any, tmp_path: Path) -> None:
    """One case: the list says '1 case' and the dashboard '1 of 1 case' in English (they
    said '1 cases', '1 of 1 cases'); Indonesian nouns do not change ('1 kasus', '1 dari 1
    kasus')."""
    db = tmp_path / "register.sqlite"
    with TokenStore(db) as store:
        token = store.add(Role.SUPERVISOR)[0]
    with Register(db, clock=lambda: DAY) as reg:
        case = load_case(examples.path(SEED)).model_copy(update={"imposed_sanctions": ()})
        reg.add_case(case, actor="test")
        imposed = Event.model_validate(
            {"kind": "sanction_imposed", "date": "2019-06-14", "track": "DISIPLIN"}
            | {"tier": "RINGAN", "form": "teguran lisan"}
        )
        reg.add_event(SEED, imposed, actor="test")
    context = browser.new_context()
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    with serving(db, "--clock", "2019-07-10") as url:
        for lang, count, bar, trend in (
            ("en", "1 case", "1 of 1 case (100%)", "1 of 1 case followed up (100%)"),
            ("id", "1 kasus", "1 dari 1 kasus (100%)", "1 dari 1 kasus ditindaklanjuti (100%)"),
        ):
            _open(page, f"{url}/web/follow-up?view=all&lang={lang}", token)
            page.wait_for_selector("#cases[data-loaded]")
            assert page.inner_text("#list-status") == count
            page.goto(f"{url}/web/dashboard?lang={lang}")
            page.wait_for_selector("#dashboard[data-loaded]")
            values = page.locator("#chart-under-agency .bar-value").all_text_contents()
            assert values == [bar]
            titles = page.locator("#chart-trend [data-election] title").all_text_contents()
            assert titles
            assert titles[0].endswith(trend), titles
    context.close()
