"""The register's list filters the follow-up page uses: by election and by the days a case
was registered (UTC, both ends included)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from netralitas_rules import examples, load_case
from netralitas_rules.register import Register


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
