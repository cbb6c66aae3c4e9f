"""The object baseline's own corpus: the bench cases (:mod:`bench.corpus`) varied toward the
facts its 25 provisions read and the bench corpus rarely or never sets: acts on both sides of
31 Aug 2021 and of the masa kampanye, candidates with their own penetapan day, independent and
presidential candidates, KTP support, public calls for support, government programmes and
subordinates, and the ASN on unpaid leave at a spouse-candidate's campaign (the exceptions).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from typing import Any

from bench.corpus import generate_case

_EXTRA_KINDS = (
    "ktp_support_letter",
    "ktp_support_collection",
    "campaign_attendance",
    "declaration_attendance",
    "campaign_organiser",
    "favouring_decision",
    "goods_giving",
    "social_media_post",
)


def vary(case: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """The case with facts the baseline's provisions read drawn at random."""
    asn = case["asn"]
    if rng.random() < 0.3:
        asn["on_unpaid_leave"] = True
    for cand in case["candidates"]:
        roll = rng.random()
        if roll < 0.15:
            cand.pop("party", None)  # independent (perseorangan)
        elif roll < 0.25:
            cand["office"] = rng.choice(("PRESIDEN", "WAKIL_PRESIDEN", "WAKIL_BUPATI"))
        if rng.random() < 0.2:
            first = min(dt.date.fromisoformat(a["date"]) for a in case["activities"])
            cand["penetapan_date"] = (first + dt.timedelta(days=rng.randint(-30, 30))).isoformat()
    if rng.random() < 0.25:
        data_rel = case.setdefault("relationships", [])
        if not any(r["person"] == asn["id"] for r in data_rel):
            pair = [asn["id"], case["candidates"][0]["id"]]
            rng.shuffle(pair)
            data_rel.append({"person": pair[0], "relative": pair[1], "kinship": "spouse"})
    for act in case["activities"]:
        if rng.random() < 0.3:
            act["kind"] = rng.choice(_EXTRA_KINDS)
            if "candidate_ids" not in act:
                act["candidate_ids"] = [case["candidates"][0]["id"]]
        if rng.random() < 0.15:
            # Across PP 94/2021's first day and the exceptions' dates.
            act["date"] = (
                dt.date(2021, 8, 31) + dt.timedelta(days=rng.randint(-60, 60))
            ).isoformat()
        if rng.random() < 0.3:
            act["public"] = rng.random() < 0.7
            act["active_support"] = rng.random() < 0.5
        if rng.random() < 0.1:
            act["audience"] = ["subordinates"]
        if rng.random() < 0.1:
            act["government_programme"] = True
        if rng.random() < 0.05:
            act["channel"] = "official_document"
        if rng.random() < 0.1:
            act["used_position"] = True
        if rng.random() < 0.1:
            act["asn_mobilised"] = rng.randint(1, 50)
        if rng.random() < 0.1:
            act["in_official_duty"] = True
        if rng.random() < 0.1 and "attributes_worn" in act:
            del act["attributes_worn"]
    return case


def generate_cases(n: int, seed: int = 20240214) -> Iterator[dict[str, Any]]:
    """``n`` varied cases from ``seed``, one at a time."""
    rng = random.Random(seed)
    for i in range(n):
        yield vary(generate_case(rng, i), rng)
