"""What the sanctions stage remembers between cases changes no answer: remembered schedules,
routing plans and imposing authorities give what is worked out afresh, and the generated
``model_construct`` builds what pydantic's own builds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from _profiles import examples
from _routing_oracle import routed_afresh
from netralitas_rules import Case, evaluate
from netralitas_rules.engine import get_engine
from netralitas_rules.loader import load_regulations
from netralitas_rules.sanctions import assess, models, route, shipped_routing, verdicts
from netralitas_rules.sanctions.construct import SanctionsOut, every_field, keywords
from netralitas_rules.sanctions.consulted import no_match
from netralitas_rules.sanctions.memo import forget, regs_memo
from netralitas_rules.sanctions.recommendation import schedule_forms
from netralitas_rules.testing import strategies
from netralitas_rules.vocabulary import AsnStatus, Certainty, Tier, Track

DAYS = st.dates(min_value=dt.date(2014, 1, 1), max_value=dt.date(2030, 12, 31))
MODELS = sorted(
    {
        cls
        for module in (models, verdicts)
        for cls in vars(module).values()
        if isinstance(cls, type) and issubclass(cls, SanctionsOut) and cls is not SanctionsOut
    },
    key=lambda cls: cls.__name__,
)


def _pydantic(cls: type[BaseModel], fields_set: set[str] | None, values: dict[str, Any]) -> Any:
    # pydantic's own model_construct, which the generated one replaces.
    return BaseModel.model_construct.__func__(cls, fields_set, **values)  # type: ignore[attr-defined]


@pytest.mark.parametrize("cls", MODELS, ids=lambda cls: cls.__name__)
def test_generated_model_construct_builds_what_pydantic_builds(cls: type[SanctionsOut]) -> None:
    """For every sanctions model, given every field, only the required ones, one required
    field missing, or an explicit fields set, the generated model_construct lays out the
    same fields in the same order with the same fields set as pydantic's."""
    fields = cls.model_fields
    every = {name: f"value of {name}" for name in fields}
    required = {name: every[name] for name, info in fields.items() if info.is_required()}
    missing = dict(list(required.items())[1:])
    for values, fields_set in (
        (every, None),
        (required, None),
        (missing, None),
        (required, {"chosen"}),
    ):
        built = cls.model_construct(fields_set, **values)
        expected = _pydantic(cls, fields_set, values)
        assert type(built) is cls
        assert list(built.__dict__.items()) == list(expected.__dict__.items())
        assert built.model_fields_set == expected.model_fields_set
        assert built.__pydantic_extra__ is None
        assert built.__pydantic_private__ is None


@pytest.mark.parametrize("cls", MODELS, ids=lambda cls: cls.__name__)
def test_every_field_builds_what_model_construct_builds(cls: type[SanctionsOut]) -> None:
    """The positional constructor of a model, given every field in field order, lays out
    the same fields in the same order with the same fields set as pydantic's
    model_construct given them by name."""
    values = {name: f"value of {name}" for name in cls.model_fields}
    built = every_field(cls)(*values.values())
    expected = _pydantic(cls, None, values)
    assert type(built) is cls
    assert list(built.__dict__.items()) == list(expected.__dict__.items())
    assert built.model_fields_set == expected.model_fields_set
    assert built.__pydantic_extra__ is None
    assert built.__pydantic_private__ is None


@pytest.mark.parametrize("cls", MODELS, ids=lambda cls: cls.__name__)
def test_keywords_builds_what_model_construct_builds(cls: type[SanctionsOut]) -> None:
    """A constructor for some of a model's fields, given them by keyword, lays out the same
    fields in the same order (the others at their defaults, a required one left out
    unset) with the same fields set as pydantic's model_construct given the same; a name
    that is not a field, or one named twice, is refused when the constructor is made."""
    names = list(cls.model_fields)
    for chosen in (names, names[1::2], names[::-1][:2]):
        values = {name: f"value of {name}" for name in chosen}
        built = keywords(cls, " ".join(chosen))(**values)
        expected = _pydantic(cls, None, values)
        assert type(built) is cls
        assert list(built.__dict__.items()) == list(expected.__dict__.items())
        assert built.model_fields_set == expected.model_fields_set
        assert built.__pydantic_extra__ is None
        assert built.__pydantic_private__ is None
    for wrong in ("not_a_field", f"{names[0]} {names[0]}"):
        with pytest.raises(TypeError):
            keywords(cls, wrong)


def test_a_subclass_gets_its_own_model_construct() -> None:
    """A model derived from a sanctions model builds its own fields, not its parent's, even
    after the parent built one."""

    class Wider(models.Note):
        extra_note: str = "x"

    models.Note.model_construct(id="n", text="t", text_en="t", certainty=Certainty.VERIFIED)
    wider = Wider.model_construct(id="n", text="t", text_en="t", certainty=Certainty.VERIFIED)
    assert type(wider) is Wider
    assert list(wider.__dict__) == ["id", "text", "text_en", "certainty", "extra_note"]


@settings(max_examples=examples(60))
@given(case=strategies.cases(), others=st.lists(strategies.cases(), max_size=3), day=DAYS)
def test_an_assessment_after_other_cases_equals_one_with_nothing_remembered(
    case: Case, others: list[Case], day: dt.date
) -> None:
    """Schedules, routing plans and imposing authorities are remembered between cases: a
    case assessed after others gives the JSON it gives with nothing remembered."""
    forget()
    for other in others:
        assess(evaluate(other), other, as_of=day)
    report = evaluate(case)
    remembered = assess(report, case, as_of=day).model_dump_json()
    forget()
    assert remembered == assess(report, case, as_of=day).model_dump_json()


@settings(max_examples=examples(40))
@given(case=strategies.cases(min_activities=2), day=DAYS, data=st.data())
def test_a_routing_planned_for_other_act_names_names_this_case_s_acts(
    case: Case, day: dt.date, data: st.DataObject
) -> None:
    """Cases whose acts differ only in their names share one routing plan: the case routed
    after a copy with its acts renamed (and in another order of names) gets the routing it
    gets with nothing remembered."""
    names = data.draw(st.permutations([f"x{i}" for i in range(len(case.activities))]))
    renamed = case.model_copy(
        update={
            "activities": tuple(
                a.model_copy(update={"id": n}) for a, n in zip(case.activities, names, strict=True)
            )
        }
    )
    routing = shipped_routing()
    forget()
    route(evaluate(renamed), renamed, routing=routing, as_of=day)
    report = evaluate(case)
    remembered = route(report, case, routing=routing, as_of=day)
    assert remembered == routed_afresh(report, case, routing, day)


@settings(max_examples=examples(60))
@given(case=strategies.cases(), others=st.lists(strategies.cases(), max_size=3), day=DAYS)
def test_a_no_match_after_other_reports_equals_one_with_nothing_remembered(
    case: Case, others: list[Case], day: dt.date
) -> None:
    """The instruments consulted and the no-match texts are remembered per versions in
    force: judged on any day, after other cases, a report without findings says what it
    says with nothing remembered."""
    regs = get_engine().rules.regulations
    forget()
    for other in others:
        no_match(evaluate(other, at=day).model_copy(update={"findings": ()}), regs)
    report = evaluate(case, at=day).model_copy(update={"findings": ()})
    remembered = no_match(report, regs)
    forget()
    assert remembered == no_match(report, regs)


@settings(max_examples=examples(100))
@given(
    day=DAYS,
    status=st.sampled_from(AsnStatus),
    tier=st.sampled_from([None, *Tier]),
    track=st.sampled_from([Track.DISIPLIN, Track.ETIK]),
)
def test_remembered_schedule_forms_equal_forms_read_afresh(
    day: dt.date, status: AsnStatus, tier: Tier | None, track: Track
) -> None:
    """The forms of a schedule are remembered per versions in force: on any day they equal
    the forms read with nothing remembered."""
    regs = get_engine().rules.regulations
    schedule_forms(regs, day - dt.timedelta(days=400), track, tier, status)
    remembered = schedule_forms(regs, day, track, tier, status)
    forget()
    assert remembered == schedule_forms(regs, day, track, tier, status)


def test_equal_regulation_sets_share_one_memo_and_others_do_not() -> None:
    """A regulation set loaded twice shares its memo (found by content, no object id kept);
    a set of other content has its own."""
    forget()
    shipped = get_engine().rules.regulations
    again = load_regulations()
    assert again is not shipped
    assert regs_memo(again) is regs_memo(shipped)
    fewer = load_regulations([Path(__file__).parents[1] / "regulations" / "pp-49-2018"])
    assert regs_memo(fewer) is not regs_memo(shipped)
    assert regs_memo(fewer).regs is fewer
