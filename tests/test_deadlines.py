"""The handling deadlines as law (#16 item 2): each step starts, stops and falls overdue on the
clock passed in; the data file is checked with located errors and matches its JSON Schema."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from _profiles import examples
from netralitas_rules.deadlines import (
    Actor,
    DayCounting,
    add_days,
    next_deadline,
    overdue,
    parse_deadlines,
    schema,
    shipped_deadlines,
)
from netralitas_rules.errors import RuleFileError
from netralitas_rules.register.events import Event, EventKind, ReportSource
from netralitas_rules.vocabulary import Certainty, ElectionKind

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "netralitas_rules" / "data" / "deadlines.yaml"
SCHEMA = ROOT / "src" / "netralitas_rules" / "schemas" / "deadlines.schema.json"

PEMILU, PILKADA = ElectionKind.PEMILU, ElectionKind.PILKADA
K = EventKind


def ev(kind: EventKind, day: str, source: ReportSource | None = None, **kw: Any) -> Event:
    if kind is K.REPORTED and source is None:
        source = ReportSource.BAWASLU_REPORT
    if kind is K.SANCTION_IMPOSED:
        kw.setdefault("track", "DISIPLIN")
    return Event(kind=kind, date=day, source=source, **kw)


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# --------------------------------------------------------------------------- counting


def test_calendar_days_count_every_day_after_the_start() -> None:
    """Seven calendar days after 2 January fall on 9 January."""
    assert add_days(d("2024-01-02"), 7, DayCounting.CALENDAR) == d("2024-01-09")


def test_working_days_skip_weekends_and_not_the_start() -> None:
    """Fourteen working days after Tuesday 2 January 2024 fall on Monday 22 January."""
    assert add_days(d("2024-01-02"), 14, DayCounting.WORKING) == d("2024-01-22")
    assert add_days(d("2024-01-06"), 1, DayCounting.WORKING) == d("2024-01-08")


# --------------------------------------------------------------------------- Bawaslu, Pemilu


def test_bawaslu_pemilu_step_starts_on_the_report() -> None:
    """A report to Bawaslu in a Pemilu starts Bawaslu's follow-up: 7 days, or 14 working days
    where more information is needed (UU 7/2017 Pasal 454 ayat (7)-(8))."""
    found = next_deadline(
        [ev(K.REPORTED, "2024-01-02")], election_kind=PEMILU, clock=d("2024-01-03")
    )
    assert found is not None
    assert (found.step, found.actor, found.acting) == (
        "bawaslu-follow-up-pemilu",
        Actor.BAWASLU,
        "bawaslu",
    )
    assert (found.due_unextended, found.due) == (d("2024-01-09"), d("2024-01-22"))
    assert found.citation == "UU 7/2017 Pasal 454 ayat (7)"
    assert found.certainty is Certainty.SINGLE_SOURCE
    assert not found.overdue
    assert found.days_overdue == 0


def test_bawaslu_pemilu_step_is_due_on_its_last_day_and_overdue_the_next() -> None:
    """Acting on the due day is in time; the day after, the step is one day overdue."""
    events = [ev(K.REPORTED, "2024-01-02", ReportSource.BAWASLU_FINDING)]
    on_due = next_deadline(events, election_kind=PEMILU, clock=d("2024-01-22"))
    after = next_deadline(events, election_kind=PEMILU, clock=d("2024-01-25"))
    assert on_due is not None
    assert not on_due.overdue
    assert after is not None
    assert after.overdue
    assert after.days_overdue == 3
    assert overdue(events, election_kind=PEMILU, clock=d("2024-01-22")) is None
    assert overdue(events, election_kind=PEMILU, clock=d("2024-01-25")) == after


def test_bawaslu_recommendation_stops_its_step_and_starts_the_supervisors() -> None:
    """Bawaslu's forwarding (a recommendation) ends its step; KASN must now act, with no
    period found (before the switch to BKN on 24 August 2024)."""
    events = [ev(K.REPORTED, "2024-01-02"), ev(K.RECOMMENDATION_ISSUED, "2024-01-05")]
    found = next_deadline(events, election_kind=PEMILU, clock=d("2024-06-01"))
    assert found is not None
    assert (found.step, found.acting, found.due) == ("supervisor-recommendation", "kasn", None)
    assert found.certainty is Certainty.UNVERIFIED
    assert not found.overdue


def test_supervisor_after_the_switch_is_bkn() -> None:
    """A recommendation forwarded after 24 August 2024 waits on BKN."""
    events = [ev(K.REPORTED, "2024-09-02"), ev(K.RECOMMENDATION_ISSUED, "2024-09-03")]
    found = next_deadline(events, election_kind=PILKADA, clock=d("2024-09-04"))
    assert found is not None
    assert found.acting == "bkn"


# --------------------------------------------------------------------------- Bawaslu, Pilkada


def test_bawaslu_pilkada_report_gets_three_days_plus_two() -> None:
    """A report in a Pilkada: 3 days, 2 more for further information (Pasal 134 ayat (5)-(6))."""
    events = [ev(K.REPORTED, "2020-10-01")]
    found = next_deadline(events, election_kind=PILKADA, clock=d("2020-10-07"))
    assert found is not None
    assert (found.step, found.due_unextended, found.due) == (
        "bawaslu-follow-up-pilkada",
        d("2020-10-04"),
        d("2020-10-06"),
    )
    assert found.overdue
    assert found.days_overdue == 1
    assert found.certainty is Certainty.INFERRED


def test_bawaslu_pilkada_finding_has_no_period() -> None:
    """Bawaslu's own finding in a Pilkada has no period found: who acts, no due date."""
    events = [ev(K.REPORTED, "2020-10-01", ReportSource.BAWASLU_FINDING)]
    found = next_deadline(events, election_kind=PILKADA, clock=d("2021-10-01"))
    assert found is not None
    assert (found.step, found.due, found.overdue) == (
        "bawaslu-follow-up-pilkada-finding",
        None,
        False,
    )


def test_a_complaint_skips_bawaslu() -> None:
    """A public complaint goes straight to the supervisor; Bawaslu's steps do not apply."""
    events = [ev(K.REPORTED, "2021-03-01", ReportSource.PUBLIC_COMPLAINT)]
    found = next_deadline(events, election_kind=PEMILU, clock=d("2021-03-02"))
    assert found is not None
    assert found.step == "supervisor-recommendation"


# --------------------------------------------------------------------------- PPK and BKN


PILKADA_2020 = [
    ev(K.REPORTED, "2020-10-01", ReportSource.PUBLIC_COMPLAINT),
    ev(K.RECOMMENDATION_ISSUED, "2020-10-05", by="KASN", tier="SEDANG"),
]


def test_ppk_follow_up_under_skb_2020_is_ten_days() -> None:
    """KASN's recommendation in Pilkada 2020 gives the PPK 10 days (SKB 2020, one source)."""
    found = next_deadline(PILKADA_2020, election_kind=PILKADA, clock=d("2020-10-15"))
    assert found is not None
    assert (found.step, found.actor, found.due, found.overdue) == (
        "ppk-follow-up",
        Actor.PPK,
        d("2020-10-15"),
        False,
    )
    late = next_deadline(PILKADA_2020, election_kind=PILKADA, clock=d("2020-11-02"))
    assert late is not None
    assert late.days_overdue == 18


def test_ppk_follow_up_under_skb_2022_has_no_period() -> None:
    """A recommendation on or after 22 September 2022 finds SKB 2022, which sets no period
    we found: the 10 days of SKB 2020 are not carried over."""
    events = [
        ev(K.REPORTED, "2024-10-01", ReportSource.PUBLIC_COMPLAINT),
        ev(K.RECOMMENDATION_ISSUED, "2024-10-05"),
    ]
    found = next_deadline(events, election_kind=PILKADA, clock=d("2025-01-01"))
    assert found is not None
    assert (found.step, found.due, found.instrument) == (
        "ppk-follow-up",
        None,
        "SKB netralitas 2022",
    )


def test_a_recommendation_before_any_version_names_no_period() -> None:
    """A Pilkada recommendation before SKB 2020 took effect falls in no version: the PPK still
    acts, unverified, with no citation."""
    events = [
        ev(K.REPORTED, "2018-05-01", ReportSource.PUBLIC_COMPLAINT),
        ev(K.RECOMMENDATION_ISSUED, "2018-05-05"),
    ]
    found = next_deadline(events, election_kind=PILKADA, clock=d("2018-06-01"))
    assert found is not None
    assert (found.step, found.due, found.citation, found.certainty) == (
        "ppk-follow-up",
        None,
        "",
        Certainty.UNVERIFIED,
    )


def test_a_sanction_ends_the_chain() -> None:
    """Once the PPK imposes the sanction, nothing is pending."""
    events = [*PILKADA_2020, ev(K.SANCTION_IMPOSED, "2020-10-12")]
    assert next_deadline(events, election_kind=PILKADA, clock=d("2020-12-01")) is None


def test_not_followed_up_starts_blocking_and_blocking_waits_on_the_ppk() -> None:
    """A PPK that did not follow up leaves BKN to block the record; once blocked, the PPK
    must impose the sanction to lift it."""
    events = [*PILKADA_2020, ev(K.NOT_FOLLOWED_UP, "2020-10-16")]
    blocking = next_deadline(events, election_kind=PILKADA, clock=d("2020-10-20"))
    assert blocking is not None
    assert (blocking.step, blocking.actor) == ("bkn-blocking", Actor.BKN)
    events.append(ev(K.RECORD_BLOCKED, "2020-11-05"))
    after = next_deadline(events, election_kind=PILKADA, clock=d("2020-11-06"))
    assert after is not None
    assert (after.step, after.actor) == ("ppk-after-blocking", Actor.PPK)


def test_blocking_from_2023_cites_peraturan_bkn() -> None:
    """Blocking from 10 January 2023 stands on Peraturan BKN 1/2023."""
    events = [
        ev(K.REPORTED, "2023-06-01", ReportSource.PUBLIC_COMPLAINT),
        ev(K.RECOMMENDATION_ISSUED, "2023-06-05"),
        ev(K.NOT_FOLLOWED_UP, "2023-07-05"),
    ]
    found = next_deadline(events, election_kind=PEMILU, clock=d("2023-07-06"))
    assert found is not None
    assert found.instrument == "Peraturan BKN 1/2023"


def test_closed_and_unreported_cases_have_no_deadline() -> None:
    """A closed case, and a case with no report, have nothing pending."""
    closed = [ev(K.REPORTED, "2024-01-02"), ev(K.CLOSED, "2024-01-03", note="tidak terbukti")]
    assert next_deadline(closed, election_kind=PEMILU, clock=d("2024-03-01")) is None
    assert next_deadline([], election_kind=PEMILU, clock=d("2024-03-01")) is None


def test_events_after_the_clock_are_ignored() -> None:
    """Moving the clock back replays the case as it stood: a later recommendation is unseen."""
    events = [ev(K.REPORTED, "2024-01-02"), ev(K.RECOMMENDATION_ISSUED, "2024-02-01")]
    found = next_deadline(events, election_kind=PEMILU, clock=d("2024-01-25"))
    assert found is not None
    assert found.step == "bawaslu-follow-up-pemilu"
    assert found.overdue


def test_event_order_within_the_input_does_not_matter_across_days() -> None:
    """Events are ordered by date, so a shuffled history gives the same deadline."""
    events = [*PILKADA_2020, ev(K.NOT_FOLLOWED_UP, "2020-10-16")]
    clock = d("2020-10-20")
    assert next_deadline(events[::-1], election_kind=PILKADA, clock=clock) == next_deadline(
        events, election_kind=PILKADA, clock=clock
    )


# --------------------------------------------------------------------------- properties

KINDS = [k for k in EventKind if k is not K.REPORTED]
SOURCES = list(ReportSource)


@st.composite
def histories(draw: st.DrawFn) -> list[Event]:
    start = draw(st.dates(dt.date(2017, 8, 16), dt.date(2026, 12, 31)))
    events = [ev(K.REPORTED, start.isoformat(), draw(st.sampled_from(SOURCES)))]
    day = start
    for kind in draw(st.lists(st.sampled_from(KINDS), max_size=6)):
        day += dt.timedelta(days=draw(st.integers(0, 40)))
        events.append(ev(kind, day.isoformat()))
    return events


@settings(max_examples=examples(300))
@given(
    histories(),
    st.sampled_from(list(ElectionKind)),
    st.integers(0, 400),
    st.integers(0, 400),
)
def test_a_later_clock_never_makes_a_case_less_overdue(
    events: list[Event], kind: ElectionKind, lead: int, more: int
) -> None:
    """With the same history, moving the clock forward never lowers the days overdue."""
    last = max(e.date for e in events)
    early = last + dt.timedelta(days=lead)
    late = early + dt.timedelta(days=more)
    a = next_deadline(events, election_kind=kind, clock=early)
    b = next_deadline(events, election_kind=kind, clock=late)
    assert (a is None) == (b is None)
    if a is not None and b is not None:
        assert a.step == b.step
        assert b.days_overdue >= a.days_overdue
        assert b.overdue or not a.overdue


@settings(max_examples=examples(300))
@given(histories(), st.sampled_from(list(ElectionKind)), st.integers(0, 60))
def test_adding_a_stopping_event_clears_the_step(
    events: list[Event], kind: ElectionKind, after: int
) -> None:
    """Recording any of an open step's stopping events moves the case past that step."""
    last = max(e.date for e in events)
    clock = last + dt.timedelta(days=after)
    found = next_deadline(events, election_kind=kind, clock=clock)
    if found is None:
        return
    step = next(s for s in shipped_deadlines().steps if s.id == found.step)
    for stop in step.stops_on:
        extra = ev(stop, clock.isoformat())
        moved = next_deadline([*events, extra], election_kind=kind, clock=clock)
        assert moved is None or (moved.step, moved.started_on) != (
            found.step,
            found.started_on,
        )


@settings(max_examples=examples(200))
@given(histories(), st.sampled_from(list(ElectionKind)), st.integers(0, 400))
def test_overdue_agrees_with_next_deadline(
    events: list[Event], kind: ElectionKind, after: int
) -> None:
    """overdue() is next_deadline() when its due date has passed, else None."""
    clock = max(e.date for e in events) + dt.timedelta(days=after)
    found = next_deadline(events, election_kind=kind, clock=clock)
    late = overdue(events, election_kind=kind, clock=clock)
    assert late == (found if found is not None and found.overdue else None)
    if found is not None and found.due is not None:
        assert found.days_overdue == max(0, (clock - found.due).days)


# --------------------------------------------------------------------------- the data file


def test_shipped_file_loads_with_every_step_versioned() -> None:
    """Every shipped step has versions in order, and every version names its certainty."""
    steps = shipped_deadlines().steps
    assert [s.id for s in steps][:2] == ["bawaslu-follow-up-pemilu", "bawaslu-follow-up-pilkada"]
    for step in steps:
        for version in step.versions:
            assert version.days is not None or version.certainty is not Certainty.VERIFIED


def test_shipped_file_names_its_schema_and_validates() -> None:
    """deadlines.yaml names its JSON Schema, which is the one the models generate."""
    text = DATA.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/deadlines.schema.json")
    committed = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert committed == schema()

    def jsonable(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: jsonable(v) for k, v in node.items()}
        if isinstance(node, list):
            return [jsonable(v) for v in node]
        return node.isoformat() if isinstance(node, dt.date) else node

    jsonschema.validate(jsonable(yaml.safe_load(text)), committed)


GOOD_STEP = """\
steps:
  - id: s
    actor: ppk
    elections: [PEMILU]
    starts_on: [recommendation_issued]
    stops_on: [sanction_imposed]
    versions:
      - effective_from: 2020-01-01
        superseded_on: 2021-01-01
        days: 10
        counting: calendar
        instrument: X
        certainty: inferred
        summary: s
        summary_en: s
        sources: []
"""


def test_unknown_key_is_located_with_the_allowed_keys() -> None:
    """A misspelt key names its line, its key path and the keys allowed."""
    text = GOOD_STEP.replace("counting: calendar", "countin: calendar")
    with pytest.raises(RuleFileError) as err:
        parse_deadlines(text, "d.yaml")
    assert [str(p) for p in err.value.problems] == [
        "d.yaml:11:9: steps[0].versions[0].countin: unknown key 'countin'; did you mean "
        "'counting'?; allowed: certainty, counting, days, doubts, effective_from, extension, "
        "instrument, pinpoint, sources, summary, summary_en, superseded_on"
    ]


def test_unknown_event_kind_is_located() -> None:
    """An event kind the register does not know is refused at its place."""
    text = GOOD_STEP.replace("stops_on: [sanction_imposed]", "stops_on: [sanctioned]")
    with pytest.raises(RuleFileError) as err:
        parse_deadlines(text, "d.yaml")
    assert any(
        str(p).startswith("d.yaml:6:") and "steps[0].stops_on" in str(p) for p in err.value.problems
    ), err.value.problems


def test_overlapping_versions_are_located_at_the_later_version() -> None:
    """Two versions of a step that overlap are refused at the later one's effective_from."""
    text = GOOD_STEP + GOOD_STEP.split("    versions:\n")[1].replace("2020-01-01", "2020-06-01")
    with pytest.raises(RuleFileError) as err:
        parse_deadlines(text, "d.yaml")
    (problem,) = err.value.problems
    assert str(problem).startswith("d.yaml:17:9: steps[0].versions[1].effective_from: overlaps")


def test_a_period_without_counting_and_a_bad_pinpoint_are_both_reported() -> None:
    """Every problem of the file is reported at once: a pinpoint not in the statute's notation
    in one step, a period without its counting in another."""
    second = GOOD_STEP.split("steps:\n")[1].replace("id: s", "id: t")
    text = GOOD_STEP.replace("instrument: X", "instrument: X\n        pinpoint: article 5") + (
        second.replace("        counting: calendar\n", "")
    )
    with pytest.raises(RuleFileError) as err:
        parse_deadlines(text, "d.yaml")
    assert [(p.line, p.key_path) for p in err.value.problems] == [
        (13, "steps[0].versions[0].pinpoint"),
        (24, "steps[1].versions[0].counting"),
    ], err.value.problems


def test_duplicate_step_ids_are_located() -> None:
    """A step id used twice is refused at the second."""
    text = GOOD_STEP + GOOD_STEP.split("steps:\n")[1]
    with pytest.raises(RuleFileError) as err:
        parse_deadlines(text, "d.yaml")
    (problem,) = err.value.problems
    assert problem.key_path == "steps[1].id"
    assert "duplicate step id 's'" in problem.message


def test_the_shipped_deadlines_are_read_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """The register evaluates a case on every change and asks for the deadlines each time;
    a cache lost in a refactor made the 8-client register test three times slower (each
    change re-read and re-validated data/deadlines.yaml)."""
    from netralitas_rules import deadlines as module

    first = shipped_deadlines()

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("data/deadlines.yaml was read again")

    monkeypatch.setattr(module, "parse_deadlines", refuse)
    assert shipped_deadlines() is first
    reported = ev(K.REPORTED, "2024-09-02")
    found = module.next_deadline(
        [reported], election_kind=ElectionKind.PILKADA, clock=dt.date(2024, 9, 3)
    )
    assert found is not None  # the register's call went through the cached deadlines
