"""A hand-written evaluator of the PP 94/2021 neutrality provisions (Pasal 5 huruf a and
huruf n angka 1-7): plain if-statements over the same fact records the engine evaluates.

It is the yardstick for the engine's matching core: the same rules, written the way a
programmer would without a rule engine. The bench asserts that it and the engine agree on
every generated record before either is timed, and ``tests/test_bench_baseline.py`` on any
fact record (which is how its missing spouse exception was found).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

PROVISIONS = (
    "pp94-5-a",
    "pp94-5-n-1",
    "pp94-5-n-2",
    "pp94-5-n-3",
    "pp94-5-n-4",
    "pp94-5-n-5",
    "pp94-5-n-6",
    "pp94-5-n-7",
)
"""The subset covered: every provision of regulations/pp-94-2021/2021-08-31.yaml."""

IN_FORCE_FROM = dt.date(2021, 8, 31).toordinal()
_ATTENDANCE = {"campaign_attendance", "declaration_attendance"}
_WORN = {"party", "asn"}
_ANY_ATTRIBUTE = {"party", "asn", "candidate"}
_EXERCISE_KINDS = {"favouring_decision", "asn_mobilisation"}


def match(r: Mapping[str, Any], day: int) -> list[str]:
    """The PP 94/2021 provisions the record meets on the day ordinal, in file order."""
    if day < IN_FORCE_FROM:
        return []
    out: list[str] = []
    kind = r.get("activity.kind")
    # Pasal 5 huruf a: used the office, and exercised its authority (a decision, ASN
    # mobilised or subordinates addressed, a state facility, a programme, an official paper).
    if (
        r.get("activity.used_position") is True
        and "candidate.office" in r
        and (
            kind in _EXERCISE_KINDS
            or r.get("activity.asn_mobilised", 0) >= 1
            or "subordinates" in r.get("activity.audience", ())
            or "activity.state_facility" in r
            or r.get("activity.government_programme") is True
            or r.get("activity.channel") == "official_document"
        )
    ):
        out.append("pp94-5-a")
    calon = r.get("candidate.standing") == "CALON"
    during = r.get("activity.campaign_phase") == "during_campaign"
    if calon and during:
        attributes = r.get("activity.attributes_worn", ())
        worn = not _WORN.isdisjoint(attributes)
        if kind == "campaign_organiser" or (kind in _ATTENDANCE and not worn):
            # The exception: on unpaid leave, passively at a spouse-candidate's campaign.
            excepted = (
                kind in _ATTENDANCE
                and "spouse" in r.get("candidate.kinship_with_asn", ())
                and r.get("asn.on_unpaid_leave") is True
                and r.get("activity.active_support") is False
                and _ANY_ATTRIBUTE.isdisjoint(attributes)
            )
            if not excepted:
                out.append("pp94-5-n-1")
        if kind in _ATTENDANCE and worn:
            out.append("pp94-5-n-2")
        mobilised = r.get("activity.asn_mobilised", 0) >= 1
        if mobilised and kind in ("asn_mobilisation", "campaign_attendance", "campaign_organiser"):
            out.append("pp94-5-n-3")
        facility = "activity.state_facility" in r
        if facility and kind in ("state_facility_use", "campaign_attendance", "campaign_organiser"):
            out.append("pp94-5-n-4")
    if calon and kind == "favouring_decision":
        out.append("pp94-5-n-5")
    if calon and kind in ("partisan_gathering", "goods_giving"):
        out.append("pp94-5-n-6")
    if kind == "ktp_support_letter" and (
        r.get("candidate.office") == "DPD" or r.get("candidate.is_independent") is True
    ):
        out.append("pp94-5-n-7")
    return out
