"""What the supervisor's page reads from the register: the list filtered by election and by
the days a case was registered (UTC, both ends included), and the dashboard's counts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from netralitas_rules import examples, load_case
from netralitas_rules.engine import get_engine
from netralitas_rules.register import Event, Register, UnknownAgencyError
from netralitas_rules.sanctions import assess


def test_the_list_filters_by_election_and_registration_days(tmp_path: Path) -> None:
    """Cases registered on 1, 2 and 3 March: a range of days lists those registered on
    them, either end alone bounds one side, and the election filter keeps its own."""
    now = [dt.datetime(2019, 3, 1, 23, 59, tzinfo=dt.UTC)]
    seed = load_case(examples.path("muaro-jambi-2019"))
    with Register(str(tmp_path / "register.sqlite"), clock=lambda: now[0]) as register:
        for n in (1, 2, 3):
            now[0] = dt.datetime(2019, 3, n, 23, 59, tzinfo=dt.UTC)
            register.add_case(seed.model_copy(update={"id": f"kasus-{n}"}), actor="test")

        def ids(**filters: Any) -> list[str]:
            return [s.id for s in register.list(**filters)]

        day = dt.date(2019, 3, 2)
        assert ids(registered_from=day, registered_to=day) == ["kasus-2"]
        assert ids(registered_from=day) == ["kasus-2", "kasus-3"]
        assert ids(registered_to=day) == ["kasus-1", "kasus-2"]
        assert ids(election="pemilu-2019") == ["kasus-1", "kasus-2", "kasus-3"]
        assert ids(election="pilkada-2020") == []


def test_listing_an_agency_no_case_names_is_refused_when_asked(tmp_path: Path) -> None:
    """``refuse_unknown_agency=True`` (the command line's ``--agency``) makes an agency no
    case names the UnknownAgencyError that stats raises, and only that: a known agency
    whose cases the other filters leave out is an empty list; by default (the service's
    listing) an unknown agency is an empty list too."""
    seed = load_case(examples.path("muaro-jambi-2019"))
    agency = seed.asn.agency
    assert isinstance(agency, str)
    day = dt.datetime(2019, 3, 20, tzinfo=dt.UTC)
    with Register(str(tmp_path / "register.sqlite"), clock=lambda: day, lang="en") as register:
        register.add_case(seed, actor="test")
        assert register.list(agency="nope") == []
        with pytest.raises(UnknownAgencyError) as raised:
            register.list(agency="nope", refuse_unknown_agency=True)
        with pytest.raises(UnknownAgencyError) as counted:
            register.stats(agency="nope")
        assert str(raised.value) == str(counted.value)
        assert register.list(agency=agency, overdue=True, refuse_unknown_agency=True) == []
        listed = register.list(agency=agency, refuse_unknown_agency=True)
        assert [s.id for s in listed] == [seed.id]


def test_the_counts_by_month_agency_and_step(tmp_path: Path) -> None:
    """Follow-up by election and month of registration, the under-sanctioned share by agency,
    overdue cases by the step that is due, and cases by track and recommended tier, as the
    register's records hold them."""
    now = [dt.datetime(2019, 3, 11, 9, tzinfo=dt.UTC)]
    seed = load_case(examples.path("muaro-jambi-2019")).model_copy(update={"imposed_sanctions": ()})
    agency = seed.asn.agency
    assert isinstance(agency, str)
    # Imposed on the register's day (a day after it, as this test had it, is refused now:
    # an event that has not happened yet).
    imposed = Event.model_validate(
        {"kind": "sanction_imposed", "date": "2019-03-11", "track": "DISIPLIN", "tier": "RINGAN"}
    )
    reported = Event.model_validate(
        {"kind": "reported", "date": "2019-04-02", "source": "bawaslu_finding"}
    )
    with Register(str(tmp_path / "register.sqlite"), clock=lambda: now[0]) as register:
        for case_id in ("maret-1", "maret-2"):
            register.add_case(seed.model_copy(update={"id": case_id}), actor="test")
        register.add_event("maret-1", imposed, actor="test")
        now[0] = dt.datetime(2019, 4, 2, 9, tzinfo=dt.UTC)
        register.add_case(seed.model_copy(update={"id": "april-1"}), actor="test")
        register.add_event("april-1", reported, actor="test")
        now[0] = dt.datetime(2019, 6, 1, 9, tzinfo=dt.UTC)
        stats = register.stats()
    assert stats.follow_up_by_month == {"pemilu-2019": {"2019-03": (1, 1), "2019-04": (0, 1)}}
    assert stats.under_sanctioned_by_agency == {agency: (1, 1)}
    assert stats.overdue_by_step == {"bawaslu-follow-up-pemilu": 1}
    # Each case's last evaluation: the seed's tracks and their recommended tiers, three
    # cases each (an imposed sanction does not change what is recommended).
    expected: dict[str, dict[str, int]] = {}
    audit = assess(get_engine().evaluate(seed), seed, as_of=dt.date(2019, 6, 1)).audit
    for t in audit.tracks:
        tier = t.recommended_tier.value if t.recommended_tier is not None else "-"
        expected.setdefault(t.track.value, {})[tier] = 3
    assert stats.by_track_and_tier == expected
