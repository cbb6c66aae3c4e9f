"""Conflicts of interest in enforcement, and advisory supervision risks.

A conflict: the PPK or the direct superior (``case.officials``) is a candidate, or is kin
of a candidate, or a candidate is the incumbent head of the region (as a rule the PPK of
the region's ASN). Each names the higher authority that should take over supervision:
policy advice, with a basis only where one exists. A risk: the ASN's own kinship with a
candidate. Risks are a separate, advisory channel and never a violation by themselves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..findings import Report
from ..messages import capitalized, msg
from ..models import Case, Official, Relationship
from ..models.unknown import Unknown
from ..vocabulary import Kinship, Office, OfficialRole
from .data import Policy, RoutingData, TakeoverData
from .memo import memo_for
from .models import Conflict, ConflictKind, Risk, RiskKind, Takeover

_REGENCY = {Office.BUPATI, Office.WAKIL_BUPATI, Office.WALI_KOTA, Office.WAKIL_WALI_KOTA}
_PROVINCE = {Office.GUBERNUR, Office.WAKIL_GUBERNUR}


def kin_counts(rel: Relationship, policy: Policy) -> bool:
    """True when the tie is close enough to count (other kin only up to the policy's degree)."""
    if rel.kinship is Kinship.OTHER_KIN:
        return rel.degree is not None and rel.degree <= policy.kinship.other_kin_max_degree
    return True


def _kin_text(rel: Relationship, lang: str) -> str:
    text = msg(f"conflict.kin.{rel.kinship.value}", lang)
    if rel.degree is not None:
        text += " " + msg("conflict.degree", lang, degree=rel.degree)
    return text


def _texts(key: str, role: OfficialRole | None = None, **values: str) -> tuple[str, str]:
    """A conflict's or risk's text in Indonesian and in English; ``role`` opens the
    sentence, in each language's own words. Remembered per key, role and values (the same
    officials and candidates recur across an election's cases)."""
    memo_key = (key, role, *values.items())
    hit = _TEXTS.get(memo_key)
    if hit is None:
        if len(_TEXTS) >= 4_096:
            _TEXTS.clear()
        id_text, en_text = (
            msg(key, lang, **({"role": _role(role, lang)} if role else {}), **values)
            for lang in ("id", "en")
        )
        hit = _TEXTS[memo_key] = (id_text, en_text)
    return hit


_TEXTS: dict[tuple[object, ...], tuple[str, str]] = {}


def _kin_texts(
    key: str, rel: Relationship, role: OfficialRole | None = None, **values: str
) -> tuple[str, str]:
    """:func:`_texts` with the tie named in each language."""
    return (
        _texts(key, role, kin=_kin_text(rel, "id"), **values)[0],
        _texts(key, role, kin=_kin_text(rel, "en"), **values)[1],
    )


def _role(role: OfficialRole, lang: str) -> str:
    return capitalized(msg(f"conflict.role.{role.value}", lang))


def _ties(case: Case, person: str) -> Iterator[tuple[str, Relationship]]:
    for rel in case.relationships:
        if rel.person == person:
            yield rel.relative, rel
        elif rel.relative == person:
            yield rel.person, rel


def _takeover(level: str, routing: RoutingData, as_of: dt.date) -> tuple[Takeover, ...]:
    # The same for every case handled on that day: remembered with the routing data.
    return memo_for(routing).get(("takeover", level, as_of), _takeover_of, level, routing, as_of)


def _takeover_of(level: str, routing: RoutingData, as_of: dt.date) -> tuple[Takeover, ...]:
    items: tuple[TakeoverData, ...] = getattr(routing.takeover, level)
    out = []
    for item in items:
        if item.actor == "supervisor":
            sup = routing.supervisor_on(as_of)
            out.append(
                Takeover.model_construct(
                    actor=sup.name,
                    actor_en=sup.name_en,
                    note=msg("sanctions.supervisor_note", "id"),
                    note_en=msg("sanctions.supervisor_note", "en"),
                    basis=tuple(b.out() for b in sup.basis if b.covers(as_of)),
                )
            )
        else:
            out.append(
                Takeover.model_construct(
                    actor=item.actor,
                    actor_en=item.actor_en or item.actor,
                    note=item.note,
                    note_en=item.note_en,
                )
            )
    return tuple(out)


def _level(official: Official | None, office: Office | None) -> str:
    if official is not None and official.role is OfficialRole.ATASAN_LANGSUNG:
        return "superior"
    if office in _REGENCY:
        return "regency"
    if office in _PROVINCE:
        return "province"
    return "unknown"


def find_conflicts(
    report: Report, case: Case, *, policy: Policy, routing: RoutingData, as_of: dt.date
) -> tuple[Conflict, ...]:
    """Every conflict of interest among the officials who must act on the case."""
    beneficiaries = {f.candidate_id for f in report.findings if f.candidate_id}
    out: list[Conflict] = []
    flagged_self: set[str] = set()
    for off in case.officials:
        who = f"{off.id}" + (f" ({off.name})" if off.name else "")
        if off.candidate_id is not None:
            cand = case.candidate(off.candidate_id)
            if off.role is OfficialRole.PPK:
                flagged_self.add(cand.id)
            text, text_en = _texts("conflict.is_candidate", off.role, who=who, candidate=cand.id)
            out.append(
                Conflict.model_construct(
                    kind=ConflictKind.OFFICIAL_IS_CANDIDATE,
                    official_id=off.id,
                    official_role=off.role,
                    candidate_id=cand.id,
                    beneficiary=cand.id in beneficiaries,
                    text=text,
                    text_en=text_en,
                    takeover=_takeover(_level(off, _office(cand.office)), routing, as_of),
                )
            )
        for other, rel in _ties(case, off.id):
            if other not in {c.id for c in case.candidates} or not kin_counts(rel, policy):
                continue
            cand = case.candidate(other)
            text, text_en = _kin_texts(
                "conflict.related", rel, off.role, who=who, candidate=cand.id
            )
            out.append(
                Conflict.model_construct(
                    kind=ConflictKind.OFFICIAL_RELATED_TO_CANDIDATE,
                    official_id=off.id,
                    official_role=off.role,
                    candidate_id=cand.id,
                    kinship=rel.kinship,
                    degree=rel.degree,
                    beneficiary=cand.id in beneficiaries,
                    text=text,
                    text_en=text_en,
                    takeover=_takeover(_level(off, None), routing, as_of),
                )
            )
    for cand in case.candidates:
        if cand.is_incumbent is not True or cand.id in flagged_self:  # unknown: not flagged
            continue
        text, text_en = _texts("conflict.incumbent", candidate=cand.id)
        out.append(
            Conflict.model_construct(
                kind=ConflictKind.INCUMBENT_CANDIDATE,
                candidate_id=cand.id,
                beneficiary=cand.id in beneficiaries,
                text=text,
                text_en=text_en,
                takeover=_takeover(_level(None, _office(cand.office)), routing, as_of),
            )
        )
    return tuple(out)


def find_risks(report: Report, case: Case, *, policy: Policy) -> tuple[Risk, ...]:
    """Advisory risks: the ASN's own kinship with a candidate. Never a violation."""
    beneficiaries = {f.candidate_id for f in report.findings if f.candidate_id}
    candidate_ids = {c.id for c in case.candidates}
    out = []
    for other, rel in _ties(case, case.asn.id):
        if other not in candidate_ids or not kin_counts(rel, policy):
            continue
        text, text_en = _kin_texts("risk.asn_kin", rel, asn=case.asn.id, candidate=other)
        out.append(
            Risk.model_construct(
                kind=RiskKind.ASN_KIN_OF_CANDIDATE,
                candidate_id=other,
                kinship=rel.kinship,
                degree=rel.degree,
                beneficiary=other in beneficiaries,
                text=text,
                text_en=text_en,
            )
        )
    return tuple(out)


def _office(office: Office | Unknown) -> Office | None:
    """The candidate's office, None when unknown (no level to take over at)."""
    return None if isinstance(office, Unknown) else office
