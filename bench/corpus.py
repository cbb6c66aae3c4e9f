"""A seeded generator of realistic supervision cases: one ASN, one to five activities, a
shipped election calendar, candidates, officials and sometimes an imposed sanction.

Cases are plain JSON-ready dicts in the case-file shape (``election`` names a shipped
calendar), generated lazily so a million of them never sit in memory at once. The same seed
gives the same cases, on every machine.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from typing import Any

from netralitas_rules.elections import shipped_elections
from netralitas_rules.vocabulary import (
    ActivityKind,
    Attribute,
    Audience,
    Channel,
    ElectionKind,
    Kinship,
    Office,
    PositionKind,
    StageKind,
)

AGENCIES = (
    ("Pemerintah Kabupaten Muaro Jambi", "Jambi"),
    ("Pemerintah Kota Bandung", "Jawa Barat"),
    ("Pemerintah Provinsi Jawa Tengah", "Jawa Tengah"),
    ("Pemerintah Kabupaten Gowa", "Sulawesi Selatan"),
    ("Kementerian Dalam Negeri", "DKI Jakarta"),
    ("Pemerintah Kota Medan", "Sumatera Utara"),
    ("Pemerintah Kabupaten Sleman", "DI Yogyakarta"),
    ("Pemerintah Kabupaten Kutai Kartanegara", "Kalimantan Timur"),
)
UNITS = ("Sekretariat Daerah", "Dinas Pendidikan", "Dinas Kesehatan", "Kecamatan", "Kelurahan")
PARTIES = ("Partai A", "Partai B", "Partai C", "Partai D", None)
_PEMILU_OFFICES = (Office.PRESIDEN, Office.DPR, Office.DPD, Office.DPRD_KABUPATEN_KOTA)
_PILKADA_OFFICES = (Office.GUBERNUR, Office.BUPATI, Office.WALI_KOTA)
# Conduct reported to supervisors is skewed toward social media and campaign events.
_KIND_WEIGHTS = {
    ActivityKind.SOCIAL_MEDIA_POST: 12,
    ActivityKind.SOCIAL_MEDIA_LIKE: 10,
    ActivityKind.SOCIAL_MEDIA_SHARE: 8,
    ActivityKind.SOCIAL_MEDIA_COMMENT: 6,
    ActivityKind.CAMPAIGN_ATTENDANCE: 8,
    ActivityKind.PARTISAN_PHOTO: 6,
    ActivityKind.DECLARATION_ATTENDANCE: 3,
    ActivityKind.PARTISAN_GATHERING: 3,
    ActivityKind.GOODS_GIVING: 2,
    ActivityKind.FAVOURING_DECISION: 2,
    ActivityKind.STATE_FACILITY_USE: 2,
    ActivityKind.CAMPAIGN_ORGANISER: 2,
    ActivityKind.BANNER_DISPLAY: 2,
    ActivityKind.ASN_MOBILISATION: 1,
    ActivityKind.KTP_SUPPORT_LETTER: 1,
    ActivityKind.PARTY_EVENT_SPEAKER: 1,
    ActivityKind.PARTY_EVENT_ATTENDANCE: 1,
    ActivityKind.SELF_DECLARATION: 1,
    ActivityKind.PARTY_APPROACH: 1,
    ActivityKind.PARTY_MEMBERSHIP: 1,
    ActivityKind.CANDIDACY: 1,
    ActivityKind.SOCIAL_MEDIA_FOLLOW: 2,
}
_KINDS = tuple(_KIND_WEIGHTS)
_KIND_CUM = tuple(sum(list(_KIND_WEIGHTS.values())[: i + 1]) for i in range(len(_KIND_WEIGHTS)))
_SOCIAL = {
    ActivityKind.SOCIAL_MEDIA_POST,
    ActivityKind.SOCIAL_MEDIA_LIKE,
    ActivityKind.SOCIAL_MEDIA_SHARE,
    ActivityKind.SOCIAL_MEDIA_COMMENT,
    ActivityKind.SOCIAL_MEDIA_FOLLOW,
    ActivityKind.PARTISAN_PHOTO,
}


def _calendars() -> list[tuple[str, ElectionKind, dt.date, dt.date, dt.date]]:
    out = []
    for eid, election in sorted(shipped_elections().items()):
        camp = election.campaign
        vote = election.stage(StageKind.PEMUNGUTAN_SUARA)
        end = vote.end if vote else camp.end
        out.append((eid, election.kind, camp.start, end, camp.start - dt.timedelta(days=120)))
    return out


def generate_case(rng: random.Random, number: int) -> dict[str, Any]:
    """One case as case-file data, drawn from ``rng``."""
    calendars = _CALENDARS
    eid, ekind, _start, vote_end, early = calendars[rng.randrange(len(calendars))]
    agency, region = AGENCIES[rng.randrange(len(AGENCIES))]
    asn_id = f"asn-{number:08d}"
    status = rng.choices(("PNS", "PPPK", "CPNS"), (75, 20, 5))[0]
    position = rng.choice(tuple(PositionKind)).value
    asn: dict[str, Any] = {
        "id": asn_id,
        "status": status,
        "position_kind": position,
        "agency": agency,
        "unit": UNITS[rng.randrange(len(UNITS))],
        "region": region,
    }
    if position in ("JPT", "ADMINISTRATOR", "PENGAWAS") and rng.random() < 0.7:
        asn["is_pejabat_asn"] = True
    if rng.random() < 0.01:
        asn["is_pejabat_negara"] = True
    offices = _PEMILU_OFFICES if ekind is ElectionKind.PEMILU else _PILKADA_OFFICES
    candidates = []
    for c in range(rng.randint(1, 3)):
        cand: dict[str, Any] = {"id": f"c{c + 1}", "office": rng.choice(offices).value}
        party = rng.choice(PARTIES)
        if party is not None or cand["office"] not in ("PRESIDEN", "DPD"):
            cand["party"] = party or "Partai A"
        if cand["office"] == "DPD":
            cand.pop("party", None)
        if rng.random() < 0.3:
            cand["is_incumbent"] = True
        candidates.append(cand)
    span = (vote_end - early).days
    activities = []
    for a in range(rng.randint(1, 5)):
        kind = _KINDS[_pick(rng)]
        act: dict[str, Any] = {
            "id": f"a{a + 1}",
            "date": (early + dt.timedelta(days=rng.randrange(span + 1))).isoformat(),
            "kind": kind.value,
        }
        if kind not in (ActivityKind.PARTY_MEMBERSHIP, ActivityKind.CANDIDACY):
            picked = rng.sample(candidates, k=1 if rng.random() < 0.9 else len(candidates))
            act["candidate_ids"] = [c["id"] for c in picked]
        if kind in _SOCIAL:
            act["channel"] = Channel.SOCIAL_MEDIA.value
            act["platform"] = rng.choice(("Facebook", "Instagram", "TikTok", "X", "WhatsApp"))
            act["public"] = rng.random() < 0.8
            act["audience"] = [Audience.PUBLIC.value]
        else:
            act["channel"] = Channel.IN_PERSON.value
        if rng.random() < 0.25:
            act["attributes_worn"] = rng.sample(
                [Attribute.PARTY.value, Attribute.ASN.value, Attribute.CANDIDATE.value],
                k=rng.randint(1, 2),
            )
        if kind is ActivityKind.STATE_FACILITY_USE or rng.random() < 0.05:
            act["state_facility"] = rng.choice(("mobil dinas", "aula kantor", "rumah dinas"))
        if kind is ActivityKind.ASN_MOBILISATION:
            act["asn_mobilised"] = rng.randint(2, 200)
        if rng.random() < 0.1:
            act["used_position"] = True
        if rng.random() < 0.1:
            act["partisan_gesture"] = True
        if rng.random() < 0.05:
            act["in_official_duty"] = True
        if rng.random() < 0.2:
            act["active_support"] = True
        activities.append(act)
    data: dict[str, Any] = {
        "id": f"case-{number:08d}",
        "election": eid,
        "asn": asn,
        "candidates": candidates,
        "activities": activities,
    }
    ppk: dict[str, Any] = {"id": "ppk", "role": "PPK"}
    roll = rng.random()
    # An incumbent regional head who runs again is often the PPK of the accused ASN.
    if roll < 0.04:
        ppk["candidate_id"] = candidates[0]["id"]
    data["officials"] = [ppk]
    if 0.04 <= roll < 0.07:
        data["relationships"] = [
            {"person": "ppk", "relative": candidates[0]["id"], "kinship": Kinship.SPOUSE.value}
        ]
    elif rng.random() < 0.03:
        data["relationships"] = [
            {"person": asn_id, "relative": candidates[-1]["id"], "kinship": Kinship.SIBLING.value}
        ]
    if rng.random() < 0.4:
        last = max(dt.date.fromisoformat(a["date"]) for a in activities)
        data["imposed_sanctions"] = [
            {
                "track": "DISIPLIN",
                "tier": rng.choices(("RINGAN", "SEDANG", "BERAT"), (60, 30, 10))[0],
                "date": (last + dt.timedelta(days=rng.randint(20, 120))).isoformat(),
            }
        ]
    return data


def _pick(rng: random.Random) -> int:
    x = rng.random() * _KIND_CUM[-1]
    for i, bound in enumerate(_KIND_CUM):
        if x < bound:
            return i
    return len(_KIND_CUM) - 1  # pragma: no cover - float edge


_CALENDARS = _calendars()


def generate_cases(n: int, seed: int = 20240214) -> Iterator[dict[str, Any]]:
    """``n`` cases from ``seed``, one at a time."""
    rng = random.Random(seed)
    for i in range(n):
        yield generate_case(rng, i)


def generate_jsonl(n: int, seed: int = 20240214) -> Iterator[str]:
    """``n`` cases as JSON Lines (each ending in a newline), one at a time."""
    for case in generate_cases(n, seed):
        yield json.dumps(case, ensure_ascii=False, separators=(",", ":")) + "\n"
