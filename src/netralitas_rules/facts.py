"""The facts a rule condition can test, read from the case models, and how a case becomes
the flat fact record that both engine backends evaluate.

A fact path names a field of a case model (``asn.status``, ``activity.kind``,
``candidate.office``) or one of the few derived facts below, which need the election
calendar and so cannot be model fields:

* ``activity.campaign_phase``: before_campaign, during_campaign or after_campaign;
* ``candidate.standing``: BAKAL_CALON before the candidate's penetapan, CALON from it on;
* ``candidate.is_independent``: no party nominated the candidate;
* ``candidate.kinship_with_asn``: how the acting ASN is related to the candidate.

A fact whose value is unknown (None in the case) is *absent* from the record; every
comparison on an absent fact is false (see :mod:`netralitas_rules.conditions`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .derived_facts import (
    AFTER,
    BAKAL,
    BEFORE,
    CALON,
    DURING,
    CaseFacts,
    ElectionParts,
    HeldCandidate,
    campaign_phase,
    election_parts,
    enum_value,
    held_candidate,
    kinship_between,
    penetapan_date,
    phase_on,
    standing,
    standing_on,
)
from .fact_catalogue import FACTS, FactSpec, FactType
from .models import Activity, Candidate, Case, Election

__all__ = [
    "AFTER",
    "BAKAL",
    "BEFORE",
    "CALON",
    "DURING",
    "FACTS",
    "CaseFacts",
    "ElectionParts",
    "FactSpec",
    "FactType",
    "HeldCandidate",
    "campaign_phase",
    "election_parts",
    "enum_value",
    "fact_record",
    "held_candidate",
    "kinship_between",
    "penetapan_date",
    "phase_on",
    "record_maker",
    "standing",
    "standing_on",
]


# A record is filled by a function generated per (prefix, class): one attribute read and one
# store per fact field, instead of a loop that looks each field up. The same source serves
# the validated pydantic models (enum members, stored as their values) and the batch's wire
# structs (enum values already plain strings), so both give equal records.
_PUTTERS: dict[tuple[str, type], Callable[[dict[str, Any], Any], None]] = {}


def _fact_fields(prefix: str, cls: type) -> list[tuple[str, FactSpec]]:
    names: Any = getattr(cls, "model_fields", None) or getattr(cls, "__struct_fields__", ())
    return [(n, FACTS[f"{prefix}.{n}"]) for n in names if f"{prefix}.{n}" in FACTS]


def _putter(prefix: str, cls: type) -> Callable[[dict[str, Any], Any], None]:
    key = (prefix, cls)
    hit = _PUTTERS.get(key)
    if hit is not None:
        return hit
    lines = ["def put(record, obj, str=str, tuple=tuple):"]
    for name, spec in _fact_fields(prefix, cls):
        path = repr(spec.path)
        lines.append(f"    v = obj.{name}")
        if spec.many:
            # A tuple (never None); enum members become their values.
            lines.append(
                f"    record[{path}] = v if not v or v[0].__class__ is str "
                "else tuple([x if x.__class__ is str else x._value_ for x in v])"
            )
        elif spec.value_type is FactType.ENUM:
            lines.append(
                f"    if v is not None: record[{path}] = v if v.__class__ is str else v._value_"
            )
        else:
            lines.append(f"    if v is not None: record[{path}] = v")
    if len(lines) == 1:
        lines.append("    pass")
    namespace: dict[str, Any] = {}
    # Our own source: attribute names and paths come from the model classes and FACTS.
    exec(compile("\n".join(lines), f"<netralitas facts {prefix}>", "exec"), namespace)
    put: Callable[[dict[str, Any], Any], None] = namespace["put"]
    _PUTTERS[key] = put
    return put


def _put(record: dict[str, Any], prefix: str, obj: Any) -> None:
    _putter(prefix, type(obj))(record, obj)


def _no_put(record: dict[str, Any], obj: Any) -> None:
    return None


def record_maker(
    case: Case, election: Election | None = None
) -> Callable[[Activity, Candidate | None], dict[str, Any]]:
    """A builder of the case's fact records (``maker(activity, candidate)``), equal to
    :func:`fact_record`: the parts that do not depend on the act (the ASN, the election, each
    candidate) are read once per case instead of once per record.

    ``case`` may also be a batch wire case (same attribute names, enum values as plain
    strings); its ``election`` is then passed separately as the shipped calendar.
    """
    derived = CaseFacts(case, election)
    asn = case.asn
    base: dict[str, Any] = {"election.kind": derived.election_kind}
    _putter("asn", type(asn))(base, asn)
    acts = case.activities
    act_cls = type(acts[0]) if acts else None
    put_activity = _putter("activity", act_cls) if act_cls is not None else _no_put
    own_facts: dict[str, dict[str, Any]] = {}

    def make(activity: Activity, candidate: Candidate | None) -> dict[str, Any]:
        record = base.copy()
        if type(activity) is act_cls:
            put_activity(record, activity)
        else:
            _put(record, "activity", activity)
        record["activity.campaign_phase"] = derived.phase(activity.date)  # type: ignore[arg-type]
        if candidate is not None:
            cid = candidate.id
            standing_value, independent, kin = derived.toward(activity, candidate)
            own = own_facts.get(cid)
            if own is None:
                own = own_facts[cid] = {}
                _put(own, "candidate", candidate)
            record.update(own)
            record["candidate.is_independent"] = independent
            record["candidate.standing"] = standing_value
            record["candidate.kinship_with_asn"] = kin
        return record

    return make


def fact_record(case: Case, activity: Activity, candidate: Candidate | None) -> dict[str, Any]:
    """The flat fact record for one act toward one candidate (or none).

    Enum values become their string values; absent (None) facts are left out.
    """
    return record_maker(case)(activity, candidate)
