"""Small case builders for the sanctions tests: a Pemilu 2024 presidential candidate and acts
whose findings under the shipped rules are known (one act per tier), plus synthetic findings
for tiers no shipped provision gives."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from netralitas_rules import Case, Finding, Report, evaluate, parse_case
from netralitas_rules.findings import LawApplied, Stamp
from netralitas_rules.regulation import LegalCertainty
from netralitas_rules.sanctions import Assessment, assess
from netralitas_rules.vocabulary import Certainty, Tier, Track

AS_OF = dt.date(2024, 3, 1)
CANDIDATE: dict[str, Any] = {
    "id": "c1",
    "office": "PRESIDEN",
    "party": "Partai X",
    "penetapan_date": "2023-11-13",
}


def sedang_act(act_id: str = "a1", day: str = "2024-01-10") -> dict[str, Any]:
    """Campaign attendance wearing party attributes: PP 94/2021 Pasal 5 huruf n angka 2."""
    return {
        "id": act_id,
        "date": day,
        "kind": "campaign_attendance",
        "candidate_ids": ["c1"],
        "attributes_worn": ["party"],
    }


def berat_act(act_id: str = "b1", day: str = "2024-01-12") -> dict[str, Any]:
    """A decision favouring a candidate: PP 94/2021 Pasal 5 huruf n angka 5."""
    return {"id": act_id, "date": day, "kind": "favouring_decision", "candidate_ids": ["c1"]}


def open_tier_act(act_id: str = "o1", day: str = "2024-01-11") -> dict[str, Any]:
    """Plain campaign attendance: PP 94/2021 Pasal 5 huruf n angka 1, tier not fixed."""
    return {"id": act_id, "date": day, "kind": "campaign_attendance", "candidate_ids": ["c1"]}


def make_case(
    activities: Sequence[dict[str, Any]],
    *,
    status: str = "PNS",
    election: str = "pemilu-2024",
    candidates: Sequence[dict[str, Any]] = (CANDIDATE,),
    priors: Sequence[dict[str, Any]] = (),
    imposed: Sequence[dict[str, Any]] = (),
    officials: Sequence[dict[str, Any]] = (),
    relationships: Sequence[dict[str, Any]] = (),
) -> Case:
    """A case with one ASN (asn-1) in the given election."""
    import json

    data = {
        "id": "t",
        "election": election,
        "asn": {
            "id": "asn-1",
            "status": status,
            "position_kind": "PELAKSANA",
            "prior_sanctions": list(priors),
        },
        "candidates": list(candidates),
        "activities": list(activities),
        "imposed_sanctions": list(imposed),
        "officials": list(officials),
        "relationships": list(relationships),
    }
    return parse_case(json.dumps(data))


def judged(case: Case, **kwargs: Any) -> Assessment:
    """Evaluate with the shipped rules and assess as of :data:`AS_OF`."""
    kwargs.setdefault("as_of", AS_OF)
    return assess(evaluate(case), case, **kwargs)


def finding(
    activity_id: str,
    day: dt.date,
    tier: Tier | None,
    *,
    track: Track = Track.DISIPLIN,
    provision: str = "x-1",
    version: str = "pp-94-2021@2021-08-31",
) -> Finding:
    """A synthetic finding with no forms (the recommendation looks them up)."""
    level = Certainty.VERIFIED if tier is not None else Certainty.UNRESOLVED
    certainty = (
        LegalCertainty(level=level)
        if tier is not None
        else LegalCertainty.model_validate(
            {
                "level": "unresolved",
                "notes": "terbuka",
                "notes_en": "open",
                "alternatives": [{"tier": "SEDANG", "reading": "r", "reading_en": "r"}],
            }
        )
    )
    return Finding(
        provision_id=provision,
        version=version,
        instrument=version.split("@")[0],
        instrument_name="PP 94/2021",
        activity_id=activity_id,
        activity_date=day,
        candidate_id=None,
        title="t",
        title_en="t",
        summary="s",
        summary_en="s",
        track=track,
        tier=tier,
        citations=(),
        certainty=certainty,
        explanation=(),
    )


def report_of(case: Case, findings: Sequence[Finding]) -> Report:
    """A report over synthetic findings."""
    return Report(
        case_id=case.id,
        asn_id=case.asn.id,
        asn_status=case.asn.status,
        findings=tuple(findings),
        law_applied=tuple(
            LawApplied(activity_id=a.id, judged_on=a.date, versions=()) for a in case.activities
        ),
        stamp=Stamp(library_version="0", regulations_hash="0", backend="python"),
    )
