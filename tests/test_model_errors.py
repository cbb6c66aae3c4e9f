"""Case models built in Python say what a case file's reader says (issue #15 item 2): the
model and field, the value given, the allowed values or keys and a did-you-mean, as a
CaseModelError that is also pydantic's ValidationError."""

from __future__ import annotations

import json
import pickle
import string
from enum import Enum
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError, field_validator
from pydantic_core import PydanticCustomError

from _profiles import examples
from netralitas_rules import (
    ASN,
    Activity,
    ActivityKind,
    Candidate,
    Case,
    CaseFileError,
    CaseModelError,
    Election,
    NetralitasError,
    Office,
    Relationship,
    Stage,
    Tie,
    parse_case,
    shipped_election,
)
from netralitas_rules.models._base import FactModel


def _allowed(enum: type[Enum]) -> str:
    """Pydantic's list of an enum's values: ``'A', 'B' or 'C'``."""
    values = [repr(member.value) for member in enum]
    return f"{', '.join(values[:-1])} or {values[-1]}"


def _error(build: Any, *args: Any, **data: Any) -> CaseModelError:
    with pytest.raises(CaseModelError) as info:
        build(*args, **data)
    return info.value


def test_a_wrong_value_names_model_field_and_the_value_meant() -> None:
    """A slip of case in a closed vocabulary: model.field, the value, did-you-mean, allowed."""
    error = _error(ASN, id="a", status="pns", position_kind="PELAKSANA")
    assert str(error) == (
        "ASN.status: 'pns' is not allowed; did you mean 'PNS'?; allowed: 'PNS', 'PPPK' or 'CPNS'"
    )


@pytest.mark.parametrize(
    ("build", "data", "expected"),
    [
        (
            Activity,
            {"id": "a", "date": "2019-01-10", "kind": "social_media_pots"},
            "Activity.kind: 'social_media_pots' is not allowed; did you mean "
            f"'social_media_post'?; allowed: {_allowed(ActivityKind)}",
        ),
        (
            Candidate,
            {"id": "c", "office": "presiden"},
            "Candidate.office: 'presiden' is not allowed; did you mean 'PRESIDEN'?; allowed: "
            f"{_allowed(Office)}",
        ),
        (
            Tie,
            {"person": "a", "other": "b", "tie": "atasan"},
            "Tie.tie: 'atasan' is not allowed; did you mean 'superior'?; allowed: 'superior', "
            "'former_superior', 'association_chair' or 'other'",
        ),
        (
            Stage,
            {"kind": "masa kampanye", "start": "2019-01-01", "end": "2019-01-02"},
            "Stage.kind: 'masa kampanye' is not allowed; did you mean 'MASA_KAMPANYE'?; "
            "allowed: 'PENDAFTARAN', 'PENETAPAN_CALON', 'MASA_KAMPANYE', 'MASA_TENANG' or "
            "'PEMUNGUTAN_SUARA'",
        ),
    ],
)
def test_wrong_enum_values_on_several_models(
    build: Any, data: dict[str, Any], expected: str
) -> None:
    """Near spellings, other letter cases and glossary terms (`atasan`) each name the value."""
    assert str(_error(build, **data)) == expected


def test_a_wrong_type_shows_the_value_given() -> None:
    """Where pydantic's message does not show the value, the value given follows it."""
    assert str(_error(Relationship, person="a", relative="b", kinship="sibling", degree="2")) == (
        "Relationship.degree: Input should be a valid integer; got '2'"
    )
    assert str(_error(Election, id="e", kind="PEMILU", name=5, stages=[])) == (
        "Election.name: Input should be a valid string; got 5"
    )
    assert str(_error(Candidate, id="c", office="DPR", is_incumbent="yes")) == (
        "Candidate.is_incumbent: Input should be a valid boolean; got 'yes'"
    )


def test_a_long_value_given_is_cut() -> None:
    """A value given is shown up to 60 characters."""
    error = _error(Election, id="e", kind="PEMILU", name=["x" * 100], stages=[])
    assert str(error) == (
        "Election.name: Input should be a valid string; got ['xxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
        "xxxxxxxxxxxxxxxxxxxxxxxxxx..."
    )


def test_missing_fields() -> None:
    """Each missing field is its own line, in the model's field order."""
    assert str(_error(Candidate, id="c")) == "Candidate.office: required key is missing; add it"
    assert str(_error(Stage, kind="MASA_KAMPANYE", start="2019-01-01")) == (
        "Stage.end: required key is missing; add it"
    )
    assert str(_error(Tie, person="a")) == (
        "Tie.other: required key is missing; add it\nTie.tie: required key is missing; add it"
    )


def test_unknown_keys() -> None:
    """A misspelt or foreign key suggests the field meant and lists the allowed ones."""
    assert str(_error(Relationship, person="a", relative="b", kinship="sibling", degre=2)) == (
        "Relationship.degre: unknown key 'degre'; did you mean 'degree'?; allowed: degree, "
        "kinship, person, relative"
    )
    assert str(_error(Tie, person="a", other="b", tie="other", colour="red")) == (
        "Tie.colour: unknown key 'colour'; allowed: other, person, tie"
    )
    error = _error(Candidate, id="c", office="DPR", status="calon")
    assert str(error) == (
        "Candidate.status: unknown key 'status'; allowed: "
        f"{', '.join(sorted(Candidate.model_fields))}"
    )


def test_a_model_rule_names_the_model() -> None:
    """A rule about the whole model (not one field) is said after the model's name."""
    assert str(_error(Relationship, person="a", relative="a", kinship="sibling")) == (
        "Relationship: a person cannot be related to himself"
    )


def _case(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "case-1",
        "election": shipped_election("pemilu-2019"),
        "asn": {"id": "asn-1", "status": "PNS", "position_kind": "PELAKSANA"},
        "candidates": [{"id": "c1", "office": "PRESIDEN"}],
        "activities": [
            {"id": "a1", "date": "2019-01-10", "kind": "goods_giving", "candidate_ids": ["c1"]}
        ],
    }
    return {**data, **changes}


def test_a_nested_problem_names_the_path_from_the_model() -> None:
    """Inside a case, each problem names its path from the case, as a case file does."""
    data = _case(
        activities=[
            {"id": "a1", "date": "2019-01-10", "kind": "Goods_Giving", "candidate_ids": ["c9"]}
        ]
    )
    assert str(_error(Case, **data)) == (
        "Case.activities[0].kind: 'Goods_Giving' is not allowed; did you mean "
        f"'goods_giving'?; allowed: {_allowed(ActivityKind)}"
    )
    data = _case(
        activities=[
            {"id": "a1", "date": "2019-01-10", "kind": "goods_giving", "candidate_ids": ["c9"]}
        ]
    )
    assert str(_error(Case, **data)) == (
        "Case.activities[0].candidate_ids[0]: unknown candidate 'c9'; known candidates: c1"
    )


def test_model_validate_raises_it_too() -> None:
    """``Model.model_validate(data)`` from Python gives the same error as the constructor."""
    error = _error(ASN.model_validate, {"id": "a", "status": "Pppk", "position_kind": "JPT"})
    assert str(error) == (
        "ASN.status: 'Pppk' is not allowed; did you mean 'PPPK'?; allowed: 'PNS', 'PPPK' or 'CPNS'"
    )


def test_it_is_the_libraries_error_and_still_pydantics() -> None:
    """A NetralitasError and a ValueError, still caught as pydantic's ValidationError, with
    pydantic's own details."""
    error = _error(Relationship, person="a", relative="b", kinship="cousin", degree="2")
    assert isinstance(error, NetralitasError)
    assert isinstance(error, ValidationError)
    assert isinstance(error, ValueError)
    assert [(e["type"], e["loc"], e["input"]) for e in error.errors()] == [
        ("enum", ("kinship",), "cousin"),
        ("int_type", ("degree",), "2"),
    ]
    assert error.error_count() == 2
    assert error.title == "Relationship"
    assert error.model is Relationship
    assert repr(error) == f"CaseModelError({str(error)!r})"


def test_a_file_keeps_its_placed_messages() -> None:
    """Read from a file, the same slip is still a CaseFileError placed at its line."""
    text = "id: t\nelection: pemilu-2024\nasn: {id: a, status: pns, position_kind: PELAKSANA}\n"
    with pytest.raises(CaseFileError) as info:
        parse_case(text, "c.yaml")
    assert str(info.value) == (
        "c.yaml:3:14: asn.status: 'pns' is not allowed; did you mean 'PNS'?; allowed: 'PNS', "
        "'PPPK' or 'CPNS'"
    )


@settings(max_examples=examples(50))
@given(st.text(alphabet=string.ascii_letters + " _", min_size=1, max_size=20))
def test_python_and_a_file_say_the_same(status: str) -> None:
    """Property: for any status, the message after the place is the same whether the ASN
    came from Python or from a JSON case file."""
    asn: dict[str, Any] = {"id": "a", "status": status, "position_kind": "PELAKSANA"}
    try:
        ASN(**asn)
    except CaseModelError as error:
        from_python = [line.split(": ", 1)[1] for line in str(error).splitlines()]
    else:
        from_python = []
    text = json.dumps({"id": "t", "election": "pemilu-2024", "asn": asn})
    try:
        parse_case(text, "c.json")
    except CaseFileError as error:
        from_file = [p.message for p in error.problems]
    else:
        from_file = []
    assert from_python == from_file


class _Custom(FactModel):
    """A model whose validator raises an error kind pydantic cannot rebuild by name."""

    x: int

    @field_validator("x")
    @classmethod
    def _odd(cls, value: int) -> int:
        raise PydanticCustomError("odd_number", "{n} is odd; give an even number", {"n": value})


def test_a_custom_error_kind_keeps_its_kind_and_message() -> None:
    """An error kind of one's own is still rebuilt, with its kind and its message."""
    error = _error(_Custom, x=3)
    assert str(error) == "_Custom.x: 3 is odd; give an even number; got 3"
    assert [(e["type"], e["loc"]) for e in error.errors()] == [("odd_number", ("x",))]


def test_it_survives_pickling_with_its_model_and_nested_problems() -> None:
    """Pickled (as a worker process would), the error keeps its model, its details and the
    problems a model validator reported together."""
    data = _case(
        activities=[
            {"id": "a1", "date": "2019-01-10", "kind": "goods_giving", "candidate_ids": ["c9"]}
        ]
    )
    error = _error(Case, **data)
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is CaseModelError
    assert again.model is Case
    assert again.errors(include_context=False) == error.errors(include_context=False)
    assert str(again) == (
        "Case.activities[0].candidate_ids[0]: unknown candidate 'c9'; known candidates: c1"
    )
