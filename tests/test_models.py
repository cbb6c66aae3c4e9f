"""Case models: frozen, closed, validated, and lossless through their data form."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from hypothesis import given, settings
from pydantic import ValidationError

from _profiles import examples
from netralitas_rules import (
    ASN,
    Case,
    Election,
    Relationship,
    case_to_data,
    parse_case,
    shipped_elections,
)
from netralitas_rules.testing.strategies import cases


def test_models_are_frozen() -> None:
    """A case cannot change under an evaluation."""
    asn = ASN(id="a", status="PNS", position_kind="PELAKSANA")
    with pytest.raises(ValidationError, match="frozen"):
        asn.status = "PPPK"  # type: ignore[misc, assignment]


def test_unknown_keys_are_errors() -> None:
    """A misspelt field is an error, never silently ignored."""
    with pytest.raises(ValidationError, match="unknown key 'statu'; did you mean 'status'"):
        ASN(id="a", status="PNS", position_kind="PELAKSANA", statu="PNS")  # type: ignore[call-arg]


def test_relationship_to_oneself() -> None:
    """A person cannot be his own relative."""
    with pytest.raises(ValidationError, match="a person cannot be related to himself"):
        Relationship(person="a", relative="a", kinship="sibling")


def test_election_needs_a_campaign() -> None:
    """An election calendar without its masa kampanye is refused."""
    with pytest.raises(ValidationError, match="an election needs its MASA_KAMPANYE stage"):
        Election(
            id="e",
            kind="PEMILU",
            name="e",
            stages=[{"kind": "PEMUNGUTAN_SUARA", "start": "2019-04-17", "end": "2019-04-17"}],
        )


def test_election_stages_in_order() -> None:
    """Stages must follow the statutory order."""
    with pytest.raises(ValidationError, match="stage MASA_KAMPANYE starts"):
        Election(
            id="e",
            kind="PEMILU",
            name="e",
            stages=[
                {"kind": "PENETAPAN_CALON", "start": "2019-05-01", "end": "2019-05-01"},
                {"kind": "MASA_KAMPANYE", "start": "2019-01-01", "end": "2019-02-01"},
            ],
        )


def test_shipped_calendars() -> None:
    """The seven shipped calendars load, each with its masa kampanye."""
    elections = shipped_elections()
    assert sorted(elections) == [
        "pemilu-2019",
        "pemilu-2024",
        "pilkada-2015",
        "pilkada-2017",
        "pilkada-2018",
        "pilkada-2020",
        "pilkada-2024",
    ]
    assert elections["pemilu-2019"].campaign.start == dt.date(2018, 9, 23)
    assert elections["pemilu-2019"].campaign.end == dt.date(2019, 4, 13)
    assert {e.kind.value for e in elections.values()} == {"PEMILU", "PILKADA"}


@settings(max_examples=examples(60))
@given(cases(max_activities=4))
def test_case_data_round_trip(case: Case) -> None:
    """case_to_data dumped as YAML and parsed again gives the same case."""
    text = yaml.safe_dump(case_to_data(case), allow_unicode=True)
    assert parse_case(text, "round-trip.yaml") == case
