"""What every property shares: the failure type, the drawn examples, and running a check
over them with hypothesis. The properties themselves live in :mod:`.properties` and
:mod:`.monotonicity`."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ..caseio import case_to_data
from ..engine import CompiledRuleSet, compile_rules
from ..errors import NetralitasError
from ..loader import RegulationSet
from ..models import Activity, Case
from . import strategies

Rules = RegulationSet | CompiledRuleSet


class PropertyViolationError(NetralitasError, AssertionError):
    """A rule set breaks a property; the message says which provision, which case, what.
    ``property_name`` is set by :func:`check_all` to the property that broke."""

    property_name: str | None = None


@dataclass(frozen=True)
class Drawn:
    """One generated example: a case, an extra act for it (locality) and a day to judge
    it on (traceability under ``at=``), drawn once and shared by every property."""

    case: Case
    extra: Activity
    at: dt.date | None


Checker = Callable[[Drawn], None]


def compiled(rules: Rules) -> CompiledRuleSet:
    """The rules compiled (as given when already compiled)."""
    return rules if isinstance(rules, CompiledRuleSet) else compile_rules(rules)


def regulations(rules: Rules) -> RegulationSet:
    """The regulation set behind the rules."""
    return rules.regulations if isinstance(rules, CompiledRuleSet) else rules


def _edges(regs: RegulationSet) -> list[dt.date]:
    one = dt.timedelta(days=1)
    days: set[dt.date] = set()
    for reg in regs.versions:
        for day in (reg.version.effective_from, reg.version.superseded_on):
            if day is not None:
                days.update((day - one, day))
    return sorted(days)


def case_strategy(rules: Rules, *, max_activities: int = 4) -> st.SearchStrategy[Case]:
    """Cases from :func:`strategies.cases`, some of whose acts are moved onto the first and
    last days of the rule set's versions, where answers change."""
    edges = _edges(regulations(rules))
    drawn_cases = strategies.cases(max_activities=max_activities)
    edge_days = st.sampled_from(edges) if edges else st.nothing()
    move = st.integers(0, 3)

    @st.composite
    def build(draw: st.DrawFn) -> Case:
        case = draw(drawn_cases)
        if not edges:
            return case
        moved = []
        for act in case.activities:
            if draw(move) == 0:
                act = act.model_copy(update={"date": draw(edge_days)})
            moved.append(act)
        return case.model_copy(update={"activities": tuple(moved)})

    return build()


def examples(rules: Rules) -> st.SearchStrategy[Drawn]:
    """The generated examples the case-based properties check."""
    edges = st.sampled_from(_edges(regulations(rules)) or [dt.date(2024, 1, 1)])
    drawn_cases = case_strategy(rules)

    at = st.none() | edges

    @st.composite
    def build(draw: st.DrawFn) -> Drawn:
        case = draw(drawn_cases)
        # The extra act as strategies.activities draws it (any kind, toward some of the
        # case's candidates, on the day of one of its acts), from strategies built once per
        # set of candidates and days: a strategy built per example is validated per example.
        extra = draw(
            _extra_activity(
                tuple(c.id for c in case.candidates),
                tuple(a.date for a in case.activities) or (case.election.campaign.start,),
            )
        )
        return Drawn(case, extra, draw(at))

    return build()


@lru_cache(maxsize=1024)
def _extra_activity(
    candidate_ids: tuple[str, ...], dates: tuple[dt.date, ...]
) -> st.SearchStrategy[Activity]:
    return strategies.activities(
        id="extra-activity", candidate_ids=candidate_ids, dates=st.sampled_from(dates)
    )


def _settings(given_settings: settings | None) -> settings:
    # Engine runs are far slower than hypothesis's default deadline expects.
    return settings(
        given_settings or settings.default,
        deadline=None,
        report_multiple_bugs=False,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def for_all(
    strategy: st.SearchStrategy[Any], check: Callable[[Any], None], chosen: settings | None
) -> None:
    """Run ``check`` on every example of ``strategy`` under ``chosen`` settings."""

    @_settings(chosen)
    @given(strategy)
    def run(value: Any) -> None:
        check(value)

    run()


def case_text(case: Case) -> str:
    """The case as one line of JSON, for a violation's message."""
    return json.dumps(case_to_data(case), ensure_ascii=False, sort_keys=True)
