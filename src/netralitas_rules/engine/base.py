"""The engine interface and the evaluation driver every backend shares.

A backend only decides which compiled rules match one fact record; reading the case,
choosing the law in force on the date of each act, building findings and the report are
the same for every backend, so backends cannot drift apart on them.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cache
from importlib import metadata
from typing import Any

from ..errors import NoVersionInForceError
from ..facts import fact_record
from ..findings import Finding, LawApplied, Report, Stamp, assemble, build_finding
from ..models import Activity, Candidate, Case
from ..regulation import RegulationFile
from ..vocabulary import Track
from .compiler import CompiledRule, CompiledRuleSet

_TRACK_ORDER = {Track.DISIPLIN: 0, Track.ETIK: 1, Track.PIDANA: 2, Track.STATUS_KEPEGAWAIAN: 3}


@cache
def library_version() -> str:
    """The installed version of netralitas-rules (read once: the metadata lookup parses
    files and would otherwise dominate the cost of evaluating a case)."""
    try:
        return metadata.version("netralitas-rules")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0+unknown"


class Engine(ABC):
    """Evaluates cases against a compiled rule set.

    >>> from netralitas_rules import get_engine, load_case
    >>> engine = get_engine()
    >>> report = engine.evaluate(load_case("examples/muaro-jambi-2019.yaml"))  # doctest: +SKIP
    """

    name: str = "abstract"

    def __init__(self, rules: CompiledRuleSet) -> None:
        self.rules = rules

    @abstractmethod
    def match(self, record: Mapping[str, Any], day: int) -> list[CompiledRule]:
        """The rules whose condition holds on ``record`` and whose version is in force on
        the day ordinal ``day``, in rule-number order."""

    def evaluate(self, case: Case, *, at: dt.date | None = None, strict: bool = False) -> Report:
        """Judge every act of the case under the law in force on its date (or on ``at``).

        With ``strict`` a :class:`NoVersionInForceError` is raised when a lineage of
        instruments that has rules for an act's kind covers no version on that date.
        """
        findings: list[Finding] = []
        applied: list[LawApplied] = []
        regs = self.rules.regulations
        for activity in case.activities:
            day = at or activity.date
            in_force, versions = self._in_force(day)
            if strict:
                self._check_coverage(activity, day)
            # Validated case data and rule-file keys: nothing left for pydantic to check.
            applied.append(
                assemble(
                    LawApplied,
                    {"activity_id": activity.id, "judged_on": day, "versions": versions},
                )
                if type(day) is dt.date
                else LawApplied(activity_id=activity.id, judged_on=day, versions=versions)
            )
            for candidate, record in _records(case, activity):
                for rule in self.match(record, day.toordinal()):
                    findings.append(
                        build_finding(
                            regs,
                            rule.regulation,
                            rule.provision,
                            activity_id=activity.id,
                            activity_date=activity.date,
                            candidate_id=candidate.id if candidate else None,
                            status=case.asn.status,
                            schedules=in_force,
                            record=record,
                        )
                    )
        findings.sort(
            key=lambda f: (
                f.activity_date,
                f.activity_id,
                f.candidate_id or "",
                _TRACK_ORDER[f.track],
                f.provision_id,
            )
        )
        return assemble(
            Report,
            {
                "case_id": case.id,
                "asn_id": case.asn.id,
                "asn_status": case.asn.status,
                "findings": tuple(findings),
                "law_applied": tuple(applied),
                "stamp": self._stamp(),
                "extensions": {},
            },
            unset=("extensions",),
        )

    def _stamp(self) -> Stamp:
        # Cached in the instance dict so subclasses need not call a base __init__.
        stamp: Stamp | None = self.__dict__.get("_stamp_cache")
        if stamp is None:
            stamp = Stamp(
                library_version=library_version(),
                regulations_hash=self.rules.content_hash,
                backend=self.name,
            )
            self.__dict__["_stamp_cache"] = stamp
        return stamp

    def _in_force(self, day: dt.date) -> tuple[list[RegulationFile], tuple[str, ...]]:
        """The versions in force on a day and their keys, remembered per day."""
        memo: dict[dt.date, tuple[list[RegulationFile], tuple[str, ...]]] = (
            self.__dict__.setdefault("_in_force_memo", {})
        )
        hit = memo.get(day)
        if hit is None:
            if len(memo) >= 100_000:
                memo.clear()
            in_force = self.rules.regulations.in_force(day)
            hit = memo[day] = (in_force, tuple(r.key for r in in_force))
        return hit

    def evaluate_many(
        self, cases: Iterable[Case], *, at: dt.date | None = None, strict: bool = False
    ) -> Iterator[Report]:
        """Evaluate cases one by one, lazily."""
        for case in cases:
            yield self.evaluate(case, at=at, strict=strict)

    def _check_coverage(self, activity: Activity, day: dt.date) -> None:
        relevant = {r.regulation.instrument.id for r in self.rules.candidates_for(activity.kind)}
        for inst_id in sorted(relevant):
            cov = self.rules.coverage[inst_id]
            if not cov.covers(day):
                spans = ", ".join(
                    f"[{a}, {b or 'open'})" for a, b in sorted(cov.intervals, key=lambda i: i[0])
                )
                raise NoVersionInForceError(
                    f"activity {activity.id!r} on {day}: no version of "
                    f"{' -> '.join(cov.lineage)} is in force on that date "
                    f"(versions cover {spans}); load a version that covers it or drop strict"
                )


def _records(
    case: Case, activity: Activity
) -> Sequence[tuple[Candidate | None, Mapping[str, Any]]]:
    if not activity.candidate_ids:
        return [(None, fact_record(case, activity, None))]
    return [
        (cand, fact_record(case, activity, cand))
        for cand in (case.candidate(cid) for cid in activity.candidate_ids)
    ]
