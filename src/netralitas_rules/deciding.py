"""The questions a case with unknown facts raises: only the facts whose value changes the
outcome (a finding's status, or a track's recommended tier), most decisive first.

A fact decides when some two completions of the case (:mod:`netralitas_rules.completion`)
that differ in that fact alone have a different outcome; it is the more decisive the more
such pairs there are. A fact that changes nothing is never asked.

>>> from netralitas_rules import load_case, questions
>>> [q.path for q in questions(load_case("examples/muaro-jambi-2019.yaml"))]  # doctest: +SKIP
[]
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field

from .completion import Slot, check_size, completions, slots
from .engine import Engine, get_engine
from .facts import FACTS, FactType
from .messages import date_text, msg
from .models import Case
from .models.unknown import DateRange
from .sanctions import recommend

Outcome = tuple[frozenset[tuple[str, str, str, str]], tuple[tuple[str, str], ...]]
"""What a completion comes to: its findings, and the tier recommended per track."""


class Question(BaseModel):
    """One unknown fact that changes the outcome, and how to ask for it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    path: str = Field(description="Where the fact sits in the case: activities[0].used_position")
    fact: str = Field(description="The fact path rules test: activity.used_position")
    allowed: tuple[str, ...] = Field(
        description="The values an answer may take (for a count or a date: the stretches of "
        "values that lead to different outcomes)."
    )
    many: bool = Field(default=False, description="The answer is a list of allowed values.")
    text: str = Field(description="The question in Indonesian.")
    text_en: str = Field(description="The question in English.")
    decisiveness: float = Field(
        description="The share of the case's completions whose outcome this fact alone turns."
    )


def questions(case: Case, *, engine: Engine | None = None) -> tuple[Question, ...]:
    """The unknown facts of ``case`` whose value changes the outcome, most decisive first
    (empty when every fact is known, or no unknown fact matters)."""
    engine = engine or get_engine()
    found = slots(case, engine.rules)
    if not found:
        return ()
    check_size(case, found)
    outcomes: dict[tuple[int, ...], Outcome] = {}
    for choice, completed in completions(case, found):
        outcomes[choice] = _outcome(engine, completed)
    asked = []
    for n, slot in enumerate(found):
        turned = _turned(n, outcomes)
        if turned:
            asked.append(
                (-turned / len(outcomes), n, _question(case, slot, turned / len(outcomes)))
            )
    asked.sort(key=lambda item: (item[0], item[1]))
    return tuple(q for _, _, q in asked)


def _outcome(engine: Engine, case: Case) -> Outcome:
    report = engine.evaluate(case)
    keys = frozenset(
        (f.provision_id, f.version, f.activity_id, f.candidate_id or "") for f in report.findings
    )
    regs = engine.rules.regulations
    tiers = tuple(
        (r.track.value, r.tier.value if r.tier is not None else "")
        for r in recommend(report, case, regs=regs)
    )
    return keys, tiers


def _turned(n: int, outcomes: dict[tuple[int, ...], Outcome]) -> int:
    """How many completions have a neighbour, differing in slot ``n`` alone, with another
    outcome."""
    groups: dict[tuple[int, ...], list[Outcome]] = {}
    for choice, outcome in outcomes.items():
        groups.setdefault(choice[:n] + choice[n + 1 :], []).append(outcome)
    return sum(len(g) for g in groups.values() if len(set(g)) > 1)


def _question(case: Case, slot: Slot, share: float) -> Question:
    spec = FACTS[slot.fact]
    values: dict[str, str] = {"asn": case.asn.id}
    span: DateRange | None = None
    if slot.path[0] == "activities":
        act = case.activities[_index(slot)]
        values["act"] = act.id
        if isinstance(act.date, DateRange):
            span = act.date
    elif slot.path[0] == "candidates":
        cand = case.candidates[_index(slot)]
        values["candidate"] = cand.name or cand.id
    key = f"question.{slot.fact}"
    if spec.value_type is FactType.BOOL:
        allowed: Sequence[str] = ("true", "false")
    elif spec.value_type is FactType.ENUM:
        allowed = spec.allowed
    else:
        allowed = slot.shown
    return Question(
        path=slot.where,
        fact=slot.fact,
        allowed=tuple(allowed),
        many=spec.many,
        text=msg(key, "id", **values, **_span(span, "id")),
        text_en=msg(key, "en", **values, **_span(span, "en")),
        decisiveness=round(share, 4),
    )


def _span(span: DateRange | None, lang: str) -> dict[str, str]:
    """An act's date range as people write days in ``lang`` (no ISO dates in the texts)."""
    if span is None:
        return {}
    return {"start": date_text(span.start, lang), "end": date_text(span.end, lang)}


def _index(slot: Slot) -> int:
    index = slot.path[1]
    assert isinstance(index, int)
    return index


__all__ = ["Question", "questions"]
