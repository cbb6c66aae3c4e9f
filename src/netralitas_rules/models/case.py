"""A case: one ASN, one election, the candidates, the acts, and what was done about them."""

from __future__ import annotations

from operator import attrgetter
from typing import Any

from pydantic import Field, ModelWrapValidatorHandler, ValidationInfo, model_validator

from ..errors import NestedProblemsError
from ..problemtext import Text
from ..vocabulary import OfficialRole, Tier, Track
from ._base import FactModel, OptionalDate
from .activity import Activity
from .asn import ASN
from .candidate import Candidate
from .election import Election
from .relationship import Relationship, Tie
from .unknown import ALL_KNOWN, accept_unknowns, plain_input


class Official(FactModel):
    """An official who must act on the case (the PPK, the direct superior)."""

    id: str = Field(min_length=1, max_length=200)
    role: OfficialRole
    name: str | None = Field(default=None, max_length=500)
    candidate_id: str | None = Field(
        default=None, description="Set when the official is himself a candidate."
    )


class ImposedSanction(FactModel):
    """The sanction actually imposed, to be audited against what the law prescribes."""

    track: Track
    tier: Tier | None = None
    form: str | None = Field(default=None, max_length=500)
    date: OptionalDate = None
    imposed_by: str | None = Field(default=None, max_length=500)


class Case(FactModel):
    """Everything known about one ASN's conduct in one election."""

    id: str = Field(min_length=1, max_length=200)
    asn: ASN
    election: Election
    candidates: tuple[Candidate, ...] = ()
    activities: tuple[Activity, ...] = Field(default=(), max_length=100_000)
    relationships: tuple[Relationship, ...] = ()
    ties: tuple[Tie, ...] = ()
    officials: tuple[Official, ...] = ()
    imposed_sanctions: tuple[ImposedSanction, ...] = ()
    notes: str | None = Field(default=None, max_length=10_000)

    # True when the case was validated from plain data with every fact known and every act
    # established (see is_plain): the engine then skips its scans for unknowns and for acts
    # not established, which cost every case judged. Set by validation only. A slot, not a
    # field or a private attribute: model_copy, copy, pickling and model_construct leave it
    # unset on what they make (a copy may set a fact to unknown), and unset means "scan".
    __slots__ = ("_plain",)

    @model_validator(mode="wrap")
    @classmethod
    def _unknowns(
        cls, data: Any, handler: ModelWrapValidatorHandler[Case], info: ValidationInfo
    ) -> Case:
        made: Case
        if info.context is ALL_KNOWN:  # the batch's wire path: no unknown can be in it
            made = handler(data)
            plain = plain_input(data, scan=False)
        else:
            made, plain = accept_unknowns(_PARTS, data, handler)
        if plain:
            _set_plain(made, True)
        return made

    @model_validator(mode="after")
    def _references(self) -> Case:
        if not _references_hold(self):
            problems = _reference_problems(self)
            if problems:
                raise NestedProblemsError(problems)
        return self

    def not_established(self) -> tuple[str, ...]:
        """The ids of the acts recorded as not established (``established: false``): an
        allegation the examining authority found not proven, which no evaluation judges."""
        return tuple(a.id for a in self.activities if a.established is False)

    def established_part(self) -> Case:
        """The case with its established acts only: what the engine judges."""
        kept = tuple(a for a in self.activities if a.established is not False)
        return self.model_copy(update={"activities": kept})

    def candidate(self, candidate_id: str) -> Candidate:
        """The candidate with that id (ids are checked on validation)."""
        return next(c for c in self.candidates if c.id == candidate_id)


def _reference_problems(case: Case) -> list[tuple[tuple[str | int, ...], str | Text]]:
    """Every broken reference of the case, with its key path: ids used twice, unknown
    candidates and persons, an act by another ASN."""
    problems: list[tuple[tuple[str | int, ...], str | Text]] = []
    candidate_ids = {c.id for c in case.candidates}
    _unique(problems, "candidates", [c.id for c in case.candidates])
    _unique(problems, "activities", [a.id for a in case.activities])
    _unique(problems, "officials", [o.id for o in case.officials])
    known: str | Text = ", ".join(sorted(candidate_ids)) or Text("word.none")
    for i, act in enumerate(case.activities):
        for j, cid in enumerate(act.candidate_ids):
            if cid not in candidate_ids:
                problems.append(
                    (
                        ("activities", i, "candidate_ids", j),
                        Text("case.unknown_candidate", candidate=cid, known=known),
                    )
                )
        if act.asn_id is not None and act.asn_id != case.asn.id:
            problems.append(
                (
                    ("activities", i, "asn_id"),
                    Text("case.act_other_asn", given=act.asn_id, asn=case.asn.id),
                )
            )
    for i, cand in enumerate(case.candidates):
        if cand.asn_id is not None and cand.asn_id != case.asn.id:
            problems.append(
                (
                    ("candidates", i, "asn_id"),
                    Text(
                        "case.candidate_other_asn",
                        given=cand.asn_id,
                        asn=case.asn.id,
                        field="asn_id",
                    ),
                )
            )
    persons = candidate_ids | {case.asn.id} | {o.id for o in case.officials}
    for key, fields in _PERSON_LINKS:
        for i, link in enumerate(getattr(case, key)):
            for field in fields:
                who = getattr(link, field)
                if who not in persons:
                    problems.append(
                        (
                            (key, i, field),
                            Text(
                                "case.unknown_person",
                                person=who,
                                known=", ".join(sorted(persons)),
                            ),
                        )
                    )
    for i, tie in enumerate(case.ties):
        if tie.person == tie.other:
            problems.append((("ties", i, "other"), Text("case.tie_to_self")))
    for i, off in enumerate(case.officials):
        if off.candidate_id is not None and off.candidate_id not in candidate_ids:
            problems.append(
                (
                    ("officials", i, "candidate_id"),
                    Text("case.unknown_candidate", candidate=off.candidate_id, known=known),
                )
            )
    return problems


_ID = attrgetter("id")

_get_plain = Case.__dict__["_plain"].__get__
_set_plain = Case.__dict__["_plain"].__set__


def is_plain(case: object) -> bool:
    """True when ``case`` is a :class:`Case` validated from plain data (no model objects in
    its ASN, acts or candidates) with every fact known, no act's date a range and every act
    established: what ``has_unknowns`` and the test for acts not established would find
    without reading the case. False for anything else (a copy, a batch's wire struct),
    which then gets those tests."""
    try:
        return _get_plain(case)  # type: ignore[no-any-return]
    except (AttributeError, TypeError):  # unset on a copy; not a Case
        return False


# The parts of a case whose facts may be ``unknown`` (see accept_unknowns).
_PARTS: dict[str, type[FactModel]] = {"asn": ASN, "activities": Activity, "candidates": Candidate}

# The lists of a case that link persons by id, and the fields that name them.
_PERSON_LINKS = (("relationships", ("person", "relative")), ("ties", ("person", "other")))


def _references_hold(case: Case) -> bool:
    """The quick test of ``Case._references`` (it runs on every case of a batch): unique
    ids, known candidates, the one ASN, known persons. When it fails, the validator goes
    through the case again to name every problem."""
    # attrgetter and map keep the loops in C: this runs once per case of a batch.
    candidate_ids = set(map(_ID, case.candidates))
    if len(candidate_ids) != len(case.candidates):
        return False
    activities = case.activities
    if len(activities) > 1 and len(set(map(_ID, activities))) != len(activities):
        return False
    officials = case.officials
    if len(officials) > 1 and len(set(map(_ID, officials))) != len(officials):
        return False
    asn_id = case.asn.id
    for act in activities:
        if not candidate_ids.issuperset(act.candidate_ids):
            return False
        if act.asn_id is not None and act.asn_id != asn_id:
            return False
    for cand in case.candidates:
        if cand.asn_id is not None and cand.asn_id != asn_id:
            return False
    if case.relationships or case.ties:
        persons = candidate_ids | {asn_id} | set(map(_ID, officials))
        for key, fields in _PERSON_LINKS:
            for link in getattr(case, key):
                if not persons.issuperset([getattr(link, f) for f in fields]):
                    return False
        if any(tie.person == tie.other for tie in case.ties):
            return False
    for off in officials:
        if off.candidate_id is not None and off.candidate_id not in candidate_ids:
            return False
    return True


def _unique(
    problems: list[tuple[tuple[str | int, ...], str | Text]], key: str, ids: list[str]
) -> None:
    seen: set[str] = set()
    for i, item in enumerate(ids):
        if item in seen:
            problems.append(((key, i, "id"), Text("case.id_twice", id=item)))
        seen.add(item)
