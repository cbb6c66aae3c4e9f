"""A case judged under the law of another day (`evaluate(at=...)`, `check --at`): the
recommendation's forms, the imposing official and any change of law name the law that judged
the acts, not the law of the acts' own days. Before, an act of 2019 judged as of 2024 was said
to stay under PP 53/2010 while its forms were PP 94/2021's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _profiles import examples
from netralitas_rules import get_engine, load_case
from netralitas_rules.assessed import assessed
from netralitas_rules.models import Case
from netralitas_rules.sanctions import TrackRecommendation
from netralitas_rules.testing.strategies import cases
from netralitas_rules.vocabulary import Track

SEED = Path(__file__).resolve().parent.parent / "examples" / "muaro-jambi-2019.yaml"
AS_OF = dt.date(2026, 12, 3)
PP94_FROM = dt.date(2021, 8, 31)
ONE_DAY = dt.timedelta(days=1)


def _unsanctioned() -> Case:
    # Nothing imposed: the discipline is judged on the day of handling, after PP 94/2021.
    return load_case(SEED).model_copy(update={"imposed_sanctions": ()})


def _discipline(case: Case, at: dt.date | None) -> TrackRecommendation:
    engine = get_engine()
    report = assessed(engine.evaluate(case, at=at), case, engine=engine, as_of=AS_OF)
    return next(r for r in report.assessment.recommendations if r.track is Track.DISIPLIN)


def test_acts_of_2019_judged_under_the_law_of_2024_name_pp_94_throughout() -> None:
    rec = _discipline(_unsanctioned(), dt.date(2024, 6, 1))
    assert rec.law_changes == ()  # judged under PP 94/2021, handled under PP 94/2021
    assert rec.forms_citation == "Pasal 8 ayat (4) Peraturan Pemerintah Nomor 94 Tahun 2021"
    basis = [b.text for b in rec.imposed_by_basis]
    assert basis[0] == "Pasal 16 PP 94/2021"
    assert all(text.endswith("PP 94/2021") for text in basis)


def test_acts_of_2019_judged_on_their_own_days_keep_pp_53_and_show_pp_94_beside_it() -> None:
    rec = _discipline(_unsanctioned(), None)
    assert [(c.act_law, c.later_law) for c in rec.law_changes] == [
        ("PP 53/2010", "PP 94/2021"),
        ("PP 53/2010", "PP 94/2021"),
    ]
    for change in rec.law_changes:
        assert change.act_forms_citation is not None
        assert "Nomor 53 Tahun 2010" in change.act_forms_citation
        assert change.later_forms_citation is not None
        assert "Nomor 94 Tahun 2021" in change.later_forms_citation


_NUMBER = {"PP 53/2010": "Nomor 53 Tahun 2010", "PP 94/2021": "Nomor 94 Tahun 2021"}


@settings(max_examples=examples(300), deadline=None)
@given(
    case=cases(status="PNS"),
    at=st.one_of(st.none(), st.dates(dt.date(2015, 1, 1), dt.date(2026, 12, 31))),
)
def test_a_law_change_lists_the_forms_of_the_law_it_names(case: Case, at: dt.date | None) -> None:
    """Whatever day the acts are judged on, each law change's first line lists the forms of
    the law it names, and that law is the one in force on the day the act was judged."""
    engine = get_engine()
    report = assessed(engine.evaluate(case, at=at), case, engine=engine, as_of=AS_OF)
    judged = {la.activity_id: la.judged_on for la in report.law_applied}
    for rec in report.assessment.recommendations:
        for change in rec.law_changes:
            day = judged[change.activity_id]
            assert change.act_law == ("PP 94/2021" if day >= PP94_FROM else "PP 53/2010")
            if change.act_forms_citation is not None:
                assert _NUMBER[change.act_law] in change.act_forms_citation


def test_acts_dated_by_a_range_judged_under_the_law_of_2024_name_pp_94_too() -> None:
    """Each act's date a two-day range (review of cea4d9f: ranges kept their own law)."""
    case = _unsanctioned()
    acts = []
    for a in case.activities:
        assert isinstance(a.date, dt.date)
        acts.append({**a.model_dump(mode="json"), "date": {"from": a.date, "to": a.date + ONE_DAY}})
    ranged = case.model_validate({**case.model_dump(mode="json"), "activities": acts})
    rec = _discipline(ranged, dt.date(2024, 6, 1))
    assert rec.law_changes == ()
    assert all(b.text.endswith("PP 94/2021") for b in rec.imposed_by_basis)
    assert rec.forms_citation == "Pasal 8 ayat (4) Peraturan Pemerintah Nomor 94 Tahun 2021"


@pytest.mark.parametrize("at", [dt.date(2019, 4, 1), dt.date(2020, 6, 1)])
def test_judged_under_pp_53_on_another_day_changes_nothing(at: dt.date) -> None:
    """An `at` under the same schedule as the acts' own days gives the same recommendation."""
    case = _unsanctioned()
    assert _discipline(case, at) == _discipline(case, None)
