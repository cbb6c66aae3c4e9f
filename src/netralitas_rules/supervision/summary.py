"""Aggregate batch output records into what a supervisor reads.

For each group of the chosen dimension (agency, unit, region, provision or month):

* cases, cases with findings, findings by track and by tier;
* **below the recommendation**: among cases whose DISIPLIN sanction the audit could compare
  with the recommendation (verdict adequate, under- or over-sanctioned), those it found
  under-sanctioned;
* **awaiting the PPK**: cases with a track on which nothing is imposed yet (verdict not yet
  imposed);
* **conflicts of interest**: cases where an official who must act is a candidate or related
  to one, or a candidate is the incumbent regional head.

Every verdict and conflict is read from the record, as the batch wrote it from the case's
assessment (:mod:`netralitas_rules.sanctions`, repeat escalation included); nothing is
recomputed here, so the report agrees with ``netralitas check`` and ``netralitas audit``.

The monthly trend counts findings by the month of the act, and cases by the month of their
first act. With ``by="provision"`` a case counts once in each provision it meets, so the
rows do not add up to the total.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import NetralitasError
from ..sanctions import Verdict
from ..vocabulary import Tier, Track

DIMENSIONS = ("agency", "unit", "region", "provision", "month")
# Columns of the report: discipline first, the track most cases open; a new track joins.
TRACKS = (Track.DISIPLIN.value, *(t.value for t in Track if t is not Track.DISIPLIN))
TIERS = tuple(t.value for t in sorted(Tier, key=lambda t: t.rank))
UNKNOWN = "(tidak diketahui)"
NO_FINDING = "(tanpa temuan)"


@dataclass
class Tally:
    """The counts of one group (or of all cases)."""

    key: str
    cases: int = 0
    with_findings: int = 0
    findings: int = 0
    by_track: Counter[str] = field(default_factory=Counter)
    by_tier: Counter[str] = field(default_factory=Counter)
    comparable: int = 0
    below: int = 0
    awaiting_ppk: int = 0
    conflicts: int = 0

    @property
    def below_share(self) -> float | None:
        """Share of comparable cases the audit found under-sanctioned."""
        return self.below / self.comparable if self.comparable else None


@dataclass
class Conflict:
    """One official with a conflict of interest in one case."""

    case_id: str
    official: str
    role: str
    candidate: str
    relation: str


@dataclass
class Summary:
    """The whole supervision report's data."""

    by: str
    total: Tally
    groups: list[Tally]
    months: list[tuple[str, int, int]]
    conflicts: list[Conflict]
    provisions: Counter[str]


_COMPARED = frozenset(
    v.value for v in (Verdict.ADEQUATE, Verdict.UNDER_SANCTIONED, Verdict.OVER_SANCTIONED)
)


def case_facts(record: Mapping[str, Any]) -> dict[str, Any]:
    """What one output record contributes, read from its audit verdicts and conflicts:
    whether its DISIPLIN sanction was compared and found under the recommendation, whether
    a track waits for the PPK, and whether it shows a conflict."""
    verdicts = [(v.get("track"), v.get("verdict")) for v in record.get("verdicts") or []]
    return {
        "comparable": any(t == Track.DISIPLIN.value and v in _COMPARED for t, v in verdicts),
        "below": any(v == Verdict.UNDER_SANCTIONED.value for _, v in verdicts),
        "awaiting_ppk": any(v == Verdict.NOT_YET_IMPOSED.value for _, v in verdicts),
        "conflict": bool(record.get("conflicts")),
    }


def _keys(record: Mapping[str, Any], by: str, cite: Mapping[str, str]) -> list[str]:
    if by == "provision":
        ids = sorted(
            {cite.get(f["provision"], f["provision"]) for f in record.get("findings") or []}
        )
        return ids or [NO_FINDING]
    if by == "month":
        first = record.get("first_activity")
        return [str(first)[:7] if first else UNKNOWN]
    value = record.get(by)
    return [str(value) if value else UNKNOWN]


def _add(
    tally: Tally,
    record: Mapping[str, Any],
    facts: Mapping[str, Any],
    findings: list[Mapping[str, Any]],
) -> None:
    tally.cases += 1
    tally.with_findings += bool(findings)
    tally.findings += len(findings)
    for f in findings:
        tally.by_track[str(f.get("track"))] += 1
        tally.by_tier[str(f.get("tier") or "-")] += 1
    tally.comparable += facts["comparable"]
    tally.below += facts["below"]
    tally.awaiting_ppk += facts["awaiting_ppk"]
    tally.conflicts += facts["conflict"]


def summarise(
    records: Iterable[Mapping[str, Any]],
    by: str,
    *,
    max_conflicts: int = 200,
    citations: Mapping[str, str] | None = None,
) -> Summary:
    """Fold output records (streamed; only counts are kept) into a :class:`Summary`.
    ``citations`` (provision id -> citation, :func:`provision_citations`): grouped by
    provision, the groups are the citations a reader knows, an id without one stays itself."""
    cite = citations or {}
    if by not in DIMENSIONS:
        raise NetralitasError(f"unknown grouping {by!r}; choose one of {', '.join(DIMENSIONS)}")
    total = Tally("total")
    groups: dict[str, Tally] = {}
    month_findings: Counter[str] = Counter()
    month_cases: Counter[str] = Counter()
    provisions: Counter[str] = Counter()
    conflicts: list[Conflict] = []
    for record in records:
        facts = case_facts(record)
        findings = list(record.get("findings") or [])
        _add(total, record, facts, findings)
        for key in _keys(record, by, cite):
            part = (
                [f for f in findings if cite.get(f["provision"], f["provision"]) == key]
                if by == "provision"
                else findings
            )
            _add(groups.setdefault(key, Tally(key)), record, facts, part)
        for f in findings:
            month_findings[str(f.get("date", ""))[:7] or UNKNOWN] += 1
            provisions[str(f.get("provision"))] += 1
        if findings:
            month_cases[str(record.get("first_activity") or "")[:7] or UNKNOWN] += 1
        for c in record.get("conflicts") or []:
            if len(conflicts) < max_conflicts:
                conflicts.append(
                    Conflict(
                        str(record.get("case_id")),
                        str(c.get("official") or "-"),
                        str(c.get("role") or "-"),
                        str(c.get("candidate")),
                        str(c.get("relation")),
                    )
                )
    months = sorted(set(month_findings) | set(month_cases))
    ordered = sorted(groups.values(), key=lambda t: (-t.findings, -t.cases, t.key))
    if by == "month":
        ordered = sorted(groups.values(), key=lambda t: t.key)
    return Summary(
        by=by,
        total=total,
        groups=ordered,
        months=[(m, month_findings[m], month_cases[m]) for m in months],
        conflicts=conflicts,
        provisions=provisions,
    )
