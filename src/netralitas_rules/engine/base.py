"""The engine interface and the evaluation driver every backend shares.

A backend only decides which compiled rules match one fact record; reading the case,
choosing the law in force on the date of each act, building findings and the report are
the same for every backend, so backends cannot drift apart on them.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from importlib import metadata
from typing import Any

from ..completion import has_unknowns
from ..conditions import MISSING
from ..errors import NoVersionInForceError
from ..facts import election_parts, record_maker
from ..finding_parts import build_exception_applied, build_finding
from ..findings import (
    ExceptionApplied,
    Finding,
    LawApplied,
    Report,
    Stamp,
    assemble,
)
from ..models import Activity, Candidate, Case, Election
from ..models.case import is_plain
from ..problemtext import Joined, Text
from ..regulation import RegulationFile
from .compiler import CompiledRule, CompiledRuleSet
from .exceptions import withdraw

Hit = tuple[Activity, Candidate | None, CompiledRule]
"""One provision met by one act toward one candidate (or none)."""

Withdrawn = tuple[Activity, Candidate | None, CompiledRule, CompiledRule]
"""A hit withdrawn: the act, the candidate, the excepted rule and the exception's rule."""

Derived = tuple[str, Any, Any, Any]
"""The derived facts of an act toward a candidate as matching worked them out:
``activity.campaign_phase``, ``candidate.standing``, ``candidate.is_independent`` and
``candidate.kinship_with_asn`` (the last three MISSING without a candidate)."""

Found = tuple[Activity, Candidate | None, CompiledRule, Derived]
"""A :data:`Hit` with its act's derived facts, which a finding's evidence reads."""


@cache
def library_version() -> str:
    """The installed version of netralitas-rules (read once: the metadata lookup parses
    files and would otherwise dominate the cost of evaluating a case)."""
    try:
        return metadata.version("netralitas-rules")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0+unknown"


def _has_unproven(case: Case) -> bool:
    """Whether an act of the case is recorded as not established. A plain loop: this runs on
    every case evaluated, and a generator costs about twice as much (measured)."""
    for activity in case.activities:  # noqa: SIM110 - see above
        if activity.established is False:
            return True
    return False


class Engine(ABC):
    """Evaluates cases against a compiled rule set.

    >>> from netralitas_rules import get_engine, load_case
    >>> engine = get_engine()
    >>> report = engine.evaluate(load_case("examples/muaro-jambi-2019.yaml"))  # doctest: +SKIP
    """

    name: str = "abstract"

    def __init__(self, rules: CompiledRuleSet) -> None:
        self.rules = rules
        self._stamp = Stamp(
            library_version=library_version(),
            regulations_hash=rules.content_hash,
            backend=self.name,
        )
        # Versions in force per day. Filled lazily and bounded; a race between threads only
        # computes the same immutable value twice (dict item assignment is atomic).
        self._in_force_memo: dict[dt.date, tuple[list[RegulationFile], tuple[str, ...]]] = {}

    @property
    def stamp(self) -> Stamp:
        """What every report of this engine is stamped with (version, rules hash, backend)."""
        return self._stamp

    @abstractmethod
    def match(self, record: Mapping[str, Any], day: int) -> list[CompiledRule]:
        """The rules whose condition holds on ``record`` and whose version is in force on
        the day ordinal ``day``, in rule-number order."""

    def evaluate(self, case: Case, *, at: dt.date | None = None, strict: bool = False) -> Report:
        """Judge every act of the case under the law in force on its date (or on ``at``).

        With ``strict`` a :class:`NoVersionInForceError` is raised when a lineage of
        instruments that has rules for an act's kind covers no version on that date.
        """
        # The case is validated; ``at`` is the one value a caller hands in unchecked. Checked
        # here once, so everything below can assemble output models without revalidation.
        if at is not None and type(at) is not dt.date:
            raise TypeError(
                f"at must be a datetime.date, not {type(at).__name__} {at!r}; "
                "e.g. datetime.date(2024, 1, 10)"
            )
        plain = is_plain(case)
        if not plain:  # a case validated plain has neither, and is not scanned
            if _has_unproven(case):
                unproven = case.not_established()
                # Named in the report, judged by nobody: the rest is judged as usual.
                judged = self.evaluate(case.established_part(), at=at, strict=strict)
                return judged.model_copy(update={"not_established": unproven})
            if has_unknowns(case):
                # Judged by completion: every completion is an ordinary case evaluated below.
                from ..partial import evaluate_partial

                return evaluate_partial(self, case, at=at, strict=strict)
        findings: list[Finding] = []
        applied: list[LawApplied] = []
        withdrawn: list[Withdrawn] = []
        regs = self.rules.regulations
        status = case.asn.status
        in_force = self._in_force
        remembered = self._in_force_memo.get  # in_force's own memo, read without a call
        for activity in case.activities:
            # Known facts from here on: a case with unknowns went to evaluate_partial above.
            day: dt.date = at or activity.date  # type: ignore[assignment]
            versions = (remembered(day) or in_force(day))[1]
            if strict:
                self._check_coverage(activity, day)
            values = {"activity_id": activity.id, "judged_on": day, "versions": versions}
            applied.append(assemble(LawApplied, values))
        found = self._known_found(case, None, at, withdrawn)  # unknowns checked above
        if found:
            # Matching reads the case objects, and so does the evidence: each rule's
            # generated reader gives the values of the facts its condition reads (no fact
            # record is built), with the derived facts matching worked out. The versions in
            # force are read once per act.
            asn = case.asn
            election_kind = election_parts(case.election)[0]
            last_activity: Activity | None = None
            schedules: list[RegulationFile] = []
            keys: tuple[str, ...] = ()
            for activity, candidate, rule, derived in found:
                if activity is not last_activity:
                    last_activity = activity
                    day = at or activity.date  # type: ignore[assignment]
                    schedules, keys = remembered(day) or in_force(day)
                parts = rule.parts
                read = rule.reader(asn, activity, candidate, election_kind, derived)
                if not plain:
                    # A copy made without validation: build_finding checks its values.
                    findings.append(
                        build_finding(
                            regs,
                            rule.regulation,
                            rule.prohibition,
                            activity_id=activity.id,
                            activity_date=activity.date,  # type: ignore[arg-type]
                            candidate_id=candidate.id if candidate is not None else None,
                            status=status,
                            schedules=schedules,
                            parts=parts,
                            versions=keys,
                            values=read,
                        )
                    )
                    continue
                # A validated case: every value here is checked case data or the rule's
                # own, so the finding is laid out positionally, unchecked.
                findings.append(
                    parts.finding(
                        regs,
                        status,
                        schedules,
                        keys,
                        parts.evidence(read),
                        activity.id,
                        activity.date,  # type: ignore[arg-type]
                        candidate.id if candidate is not None else None,
                    )
                )
        return assemble(
            Report,
            {
                "case_id": case.id,
                "asn_id": case.asn.id,
                "asn_status": status,
                "findings": tuple(findings),
                "law_applied": tuple(applied),
                "stamp": self._stamp,
                "exceptions_applied": _exceptions_applied(regs, withdrawn) if withdrawn else (),
                "not_established": (),
                "extensions": {},
            },
            unset=("not_established", "extensions")
            if withdrawn
            else ("exceptions_applied", "not_established", "extensions"),
        )

    def hits(
        self,
        case: Case,
        election: Election | None = None,
        *,
        at: dt.date | None = None,
        withdrawn: list[Withdrawn] | None = None,
    ) -> list[Hit]:
        """Which provision each act of the case meets, as (activity, candidate, rule), in the
        order of :meth:`evaluate`'s findings, without building findings or the report: what
        the batch's summary output needs and what :meth:`evaluate` builds findings from.
        Acts are judged on their own dates, or all on ``at``. A provision an exception in
        force excepts for the same act and candidate is no hit (:mod:`.exceptions`); each
        such withdrawal is appended to ``withdrawn`` when it is given.

        ``case`` may also be a batch wire case, with its shipped ``election`` (see
        :mod:`netralitas_rules.batch.wire`).

        >>> from netralitas_rules import get_engine, load_case
        >>> hits = get_engine().hits(load_case("examples/muaro-jambi-2019.yaml"))  # doctest: +SKIP
        """
        plain = is_plain(case)
        if not plain:  # a case validated plain has neither, and is not scanned
            if _has_unproven(case):
                case = case.established_part()  # an act not proven is no hit
            if has_unknowns(case):
                from ..partial import hits_partial  # the completions' certain hits

                return hits_partial(self, case, election, at=at, withdrawn=withdrawn)
        return self._known_hits(case, election, at, withdrawn)

    def _known_hits(
        self,
        case: Case,
        election: Election | None,
        at: dt.date | None,
        withdrawn: list[Withdrawn] | None,
    ) -> list[Hit]:
        """:meth:`hits` of a case whose facts are all known (checked by the caller)."""
        return [(f[0], f[1], f[2]) for f in self._known_found(case, election, at, withdrawn)]

    def _known_found(
        self,
        case: Case,
        election: Election | None,
        at: dt.date | None,
        withdrawn: list[Withdrawn] | None,
    ) -> list[Found]:
        """:meth:`_known_hits` with each hit's derived facts: through :meth:`match` on fact
        records, unless a backend matches faster."""
        return self._record_found(case, election, at, withdrawn)

    def _record_found(
        self,
        case: Case,
        election: Election | None,
        at: dt.date | None,
        withdrawn: list[Withdrawn] | None,
    ) -> list[Found]:
        """The hits found through :meth:`match`, one fact record per act and candidate,
        each with the derived facts its record holds."""
        make_record = record_maker(case, election)
        match = self.match
        found: list[tuple[tuple[Any, ...], Found]] = []
        by_id = {c.id: c for c in case.candidates}
        for activity in case.activities:
            day = activity.date
            ordinal = (at or day).toordinal()  # type: ignore[union-attr]
            ids = activity.candidate_ids
            for candidate in [by_id[i] for i in ids] if ids else (None,):
                record = make_record(activity, candidate)
                kept, gone = withdraw(match(record, ordinal))
                if gone and withdrawn is not None:
                    withdrawn.extend((activity, candidate, r, e) for r, e in gone)
                if not kept:
                    continue
                get = record.get
                derived: Derived = (
                    record["activity.campaign_phase"],
                    get("candidate.standing", MISSING),
                    get("candidate.is_independent", MISSING),
                    get("candidate.kinship_with_asn", MISSING),
                )
                for rule in kept:
                    key = (day, activity.id, candidate.id if candidate else "", *rule.order)
                    found.append((key, (activity, candidate, rule, derived)))
        if len(found) > 1:
            found.sort(key=_first)
        return [hit for _, hit in found]

    def _in_force(self, day: dt.date) -> tuple[list[RegulationFile], tuple[str, ...]]:
        """The versions in force on a day and their keys, remembered per day."""
        memo = self._in_force_memo
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
        relevant = {
            r.regulation.instrument.id
            for r in self.rules.candidates_for(activity.kind)  # type: ignore[arg-type]
            if not r.excepts  # an exception's instrument out of force only means no exception
        }
        for inst_id in sorted(relevant):
            cov = self.rules.coverage[inst_id]
            if not cov.covers(day):
                spans = Joined(
                    [
                        Text("strict.span", start=a, end=b) if b else Text("strict.open", start=a)
                        for a, b in sorted(cov.intervals, key=lambda i: i[0])
                    ]
                )
                raise NoVersionInForceError(
                    Text(
                        "strict.no_version",
                        act=activity.id,
                        day=day,
                        lineage=" -> ".join(cov.lineage),
                        spans=spans,
                    )
                )


def _first(item: tuple[tuple[Any, ...], Found]) -> tuple[Any, ...]:
    return item[0]


def _exceptions_applied(regs: Any, withdrawn: list[Withdrawn]) -> tuple[ExceptionApplied, ...]:
    """The withdrawals of a case as report entries, in the order of its findings."""
    withdrawn.sort(key=lambda w: (w[0].date, w[0].id, w[1].id if w[1] else "", w[2].id, w[3].id))
    return tuple(
        build_exception_applied(
            regs,
            rule.regulation,
            rule.provision.id,
            exception.regulation,
            exception.provision,
            activity_id=activity.id,
            candidate_id=candidate.id if candidate else None,
        )
        for activity, candidate, rule, exception in withdrawn
    )
