"""A hand-written evaluator of 25 real provisions over the case objects: the neutrality
prohibitions of PP 53/2010 (Pasal 3 angka 4, Pasal 4 angka 1 and 12-15) and PP 94/2021
(Pasal 5 huruf a and huruf n), with the spouse exceptions that withdraw pp53-4-15-a and
pp94-5-n-1 (SE B/36/2018, SKB 2020, SKB 2022).

It is the yardstick of ``make bench``: what a programmer would write without a rule engine.
It reads the case, its calendar and its candidates directly and builds nothing first (no fact
record, no derived-facts object, none of the library's matchers or helpers): the campaign
bounds and each candidate's penetapan day are read from the calendar's stages by hand, once
per case. ``tests/test_bench_object_baseline.py`` holds it to the library on every case of
its own corpus (:mod:`bench.object_corpus`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

PP53 = (
    "pp53-3-4",
    "pp53-4-1",
    "pp53-4-12-a",
    "pp53-4-12-b",
    "pp53-4-12-c",
    "pp53-4-12-d",
    "pp53-4-13-a",
    "pp53-4-13-b",
    "pp53-4-13-b-seruan",
    "pp53-4-14",
    "pp53-4-14-kumpul",
    "pp53-4-15-a",
    "pp53-4-15-b",
    "pp53-4-15-c",
    "pp53-4-15-d",
    "pp53-4-15-d-seruan",
)
PP94 = (
    "pp94-5-a",
    "pp94-5-n-1",
    "pp94-5-n-2",
    "pp94-5-n-3",
    "pp94-5-n-4",
    "pp94-5-n-5",
    "pp94-5-n-6",
    "pp94-5-n-7",
    "pp94-5-n-7-kumpul",
)
PROVISIONS = PP53 + PP94
"""The provisions covered: every provision of PP 53/2010 and of PP 94/2021."""

PP53_FROM = dt.date(2010, 6, 6)
PP94_FROM = dt.date(2021, 8, 31)  # PP 53/2010 is in force until the day before
SE36_FROM = dt.date(2018, 2, 2)  # the spouse exception to pp53-4-15-a, then SKB 2020

_EXERCISE = {"favouring_decision", "asn_mobilisation"}
_REGIONAL_HEADS = {
    "GUBERNUR",
    "WAKIL_GUBERNUR",
    "BUPATI",
    "WAKIL_BUPATI",
    "WALI_KOTA",
    "WAKIL_WALI_KOTA",
}
_PRESIDENT = {"PRESIDEN", "WAKIL_PRESIDEN"}
_ATTENDANCE = {"campaign_attendance", "declaration_attendance"}
_MOBILISING = {"asn_mobilisation", "campaign_attendance", "campaign_organiser"}
_FACILITY = {"state_facility_use", "campaign_attendance", "campaign_organiser"}
_GIVING = {"partisan_gathering", "goods_giving"}
_APPEAL_AUDIENCE = frozenset({"colleagues", "subordinates", "family", "public"})
_CALLING = {"social_media_post", "social_media_share", "social_media_comment"}
_EXPRESSING = {
    "social_media_post",
    "social_media_like",
    "social_media_comment",
    "social_media_share",
    "banner_display",
    "declaration_attendance",
    "partisan_photo",
}
_PILKADA_CAMPAIGN = {
    "campaign_attendance",
    "campaign_organiser",
    "declaration_attendance",
    "asn_mobilisation",
}
_PARTY_OR_ASN = {"party", "asn"}
_PARTY_OR_CANDIDATE = {"party", "candidate"}
_ANY_ATTRIBUTE = {"party", "asn", "candidate"}


def evaluate(case: Any) -> list[tuple[str, str | None, str]]:
    """Every (activity id, candidate id or None, provision id) the case's acts meet, judged
    on each act's date, after the spouse exceptions."""
    election = case.election
    pemilu = election.kind == "PEMILU"
    start = end = fixed_stage = None
    for stage in election.stages:
        if stage.kind == "MASA_KAMPANYE" and start is None:
            start, end = stage.start, stage.end
        elif stage.kind == "PENETAPAN_CALON" and fixed_stage is None:
            fixed_stage = stage.start
    asn = case.asn
    by_id = {c.id: c for c in case.candidates}
    out: list[tuple[str, str | None, str]] = []
    for act in case.activities:
        day = act.date
        if day < PP53_FROM:
            continue
        pp94 = day >= PP94_FROM
        kind = act.kind
        during = start is not None and start <= day <= end
        worn = act.attributes_worn
        for cid in act.candidate_ids or (None,):
            cand = by_id[cid] if cid is not None else None
            calon = False
            office = None
            independent = False
            if cand is not None:
                office = cand.office
                independent = cand.party is None
                fixed = cand.penetapan_date
                if fixed is None:
                    fixed = fixed_stage
                    for entry in election.penetapan_by_office:
                        if office in entry.offices:
                            fixed = entry.date
                            break
                calon = fixed is not None and day >= fixed
            found = _pp94(act, kind, office, calon, during, independent, worn) if pp94 else None
            if found is None:
                found = _pp53(act, kind, office, calon, during, independent, worn, pemilu)
            if found and kind in _ATTENDANCE and cand is not None:
                withdrawn = "pp94-5-n-1" if pp94 else "pp53-4-15-a" if day >= SE36_FROM else ""
                if withdrawn in found and _spouse_on_leave(case, act, cand, asn):
                    found.remove(withdrawn)
            out.extend((act.id, cid, pid) for pid in found)
    return out


def _exercises_authority(act: Any, kind: str, office: Any) -> bool:
    """Pasal 4 angka 1 (PP 53) / Pasal 5 huruf a (PP 94): the office used, and its authority
    exercised toward a candidate."""
    return (
        act.used_position
        and office is not None
        and (
            kind in _EXERCISE
            or act.asn_mobilised >= 1
            or "subordinates" in act.audience
            or act.state_facility is not None
            or act.government_programme
            or act.channel == "official_document"
        )
    )


def _pp94(
    act: Any, kind: str, office: Any, calon: bool, during: bool, independent: bool, worn: Any
) -> list[str]:
    out = []
    if _exercises_authority(act, kind, office):
        out.append("pp94-5-a")
    if calon and during:
        party_or_asn = not _PARTY_OR_ASN.isdisjoint(worn)
        # A candidate's attributes alone are angka 2 by its elucidation (pp94-5-n-2-calon,
        # outside this subset), never angka 1.
        attribute = not _ANY_ATTRIBUTE.isdisjoint(worn)
        if kind == "campaign_organiser" or (kind in _ATTENDANCE and not attribute):
            out.append("pp94-5-n-1")
        if kind in _ATTENDANCE and party_or_asn:
            out.append("pp94-5-n-2")
        if kind in _MOBILISING and act.asn_mobilised >= 1:
            out.append("pp94-5-n-3")
        if kind in _FACILITY and act.state_facility is not None:
            out.append("pp94-5-n-4")
    if calon and kind == "favouring_decision":
        out.append("pp94-5-n-5")
    if calon and kind in _GIVING:
        out.append("pp94-5-n-6")
    if kind == "ktp_support_letter" and (office == "DPD" or (office and independent)):
        out.append("pp94-5-n-7")
    if kind == "ktp_support_collection" and (office == "DPD" or (office and independent)):
        out.append("pp94-5-n-7-kumpul")
    return out


def _pp53(
    act: Any,
    kind: str,
    office: Any,
    calon: bool,
    during: bool,
    independent: bool,
    worn: Any,
    pemilu: bool,
) -> list[str]:
    out = []
    if (
        calon
        and kind in _EXPRESSING
        and (
            kind != "partisan_photo"
            or act.partisan_gesture
            or not _PARTY_OR_CANDIDATE.isdisjoint(worn)
        )
        and not (kind == "declaration_attendance" and act.in_official_duty)
    ):
        out.append("pp53-3-4")
    if _exercises_authority(act, kind, office):
        out.append("pp53-4-1")
    if pemilu and during:
        if kind == "campaign_organiser":
            out.append("pp53-4-12-a")
        if kind in _ATTENDANCE and not _ANY_ATTRIBUTE.isdisjoint(worn):
            out.append("pp53-4-12-b")
        if kind in _MOBILISING and act.asn_mobilised >= 1:
            out.append("pp53-4-12-c")
        if kind in _FACILITY and act.state_facility is not None:
            out.append("pp53-4-12-d")
    if calon and office in _PRESIDENT:
        if kind == "favouring_decision" and during:
            out.append("pp53-4-13-a")
        if kind in _GIVING:
            out.append("pp53-4-13-b")
        if kind in _CALLING and _reaches(act) and act.active_support:
            out.append("pp53-4-13-b-seruan")
    support = office == "DPD" or (office in _REGIONAL_HEADS and independent)
    if kind == "ktp_support_letter" and support:
        out.append("pp53-4-14")
    if kind == "ktp_support_collection" and support:
        out.append("pp53-4-14-kumpul")
    if not pemilu:
        if kind in _PILKADA_CAMPAIGN and during:
            out.append("pp53-4-15-a")
        if kind in _FACILITY and during and act.state_facility is not None:
            out.append("pp53-4-15-b")
        if calon and kind == "favouring_decision" and during:
            out.append("pp53-4-15-c")
        if calon and kind in _GIVING:
            out.append("pp53-4-15-d")
        if calon and kind in _CALLING and _reaches(act) and act.active_support:
            out.append("pp53-4-15-d-seruan")
    return out


def _reaches(act: Any) -> bool:
    """An appeal reaches the public, colleagues, subordinates or family."""
    return bool(act.public) or not _APPEAL_AUDIENCE.isdisjoint(act.audience)


def _spouse_on_leave(case: Any, act: Any, cand: Any, asn: Any) -> bool:
    """The spouse exception: on unpaid leave, passively at the spouse-candidate's campaign
    event, wearing no attribute."""
    if (
        not asn.on_unpaid_leave
        or act.active_support
        or not _ANY_ATTRIBUTE.isdisjoint(act.attributes_worn)
    ):
        return False
    who = act.asn_id or asn.id
    return any(
        r.kinship == "spouse"
        and (
            (r.person == who and r.relative == cand.id)
            or (r.person == cand.id and r.relative == who)
        )
        for r in case.relationships
    )
