"""The routing oracle the memo tests compare with: a report's routing worked out afresh from
its findings (each act's day and tracks), through no memo."""

from __future__ import annotations

import datetime as dt

from netralitas_rules.findings import Report
from netralitas_rules.models import Case
from netralitas_rules.sanctions import Routing, RoutingData
from netralitas_rules.sanctions.routing import _route
from netralitas_rules.vocabulary import Track


def routed_afresh(report: Report, case: Case, routing: RoutingData, day: dt.date) -> Routing:
    """The routing of ``report``'s acts as of ``day``, computed with nothing remembered."""
    acts: dict[str, tuple[dt.date, set[Track]]] = {}
    for f in report.findings:
        acts.setdefault(f.activity_id, (f.activity_date, set()))[1].add(f.track)
    return _route(acts, case.election.kind, routing, day).routing
