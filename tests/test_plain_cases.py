"""A case validated from plain data with every fact known is marked so by validation, and the
engine skips its scans for unknowns and for acts not established on it (#14: unknowns must
not cost the common case). Every other way of making a case leaves the mark unset, so the
scans still run: the mark may only ever say what the scans would find."""

from __future__ import annotations

import copy
import datetime as dt
import json
import pickle
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from _profiles import examples
from netralitas_rules import UNKNOWN, Case, get_engine, load_case, parse_case
from netralitas_rules.batch.wire import wire_case
from netralitas_rules.completion import has_unknowns
from netralitas_rules.models import ASN, Activity, Candidate
from netralitas_rules.models.case import is_plain
from netralitas_rules.testing import strategies

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "muaro-jambi-2019.yaml"


def _seed_data() -> dict[str, Any]:
    return load_case(SEED).model_dump(mode="json", exclude_none=True)


def _scans_find_nothing(case: Case) -> bool:
    return not has_unknowns(case) and all(a.established is not False for a in case.activities)


def test_a_case_read_from_a_file_is_plain() -> None:
    case = load_case(SEED)
    assert is_plain(case)
    assert is_plain(parse_case(json.dumps(_seed_data()), "case.json"))


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["asn"].update(agency="unknown"),
        lambda d: d["activities"][0].update(used_position="unknown"),
        lambda d: d["activities"][0].update(date="2019-02-01/2019-02-28"),
        lambda d: d["activities"][0].update(date={"from": "2019-02-01", "to": "2019-02-28"}),
        lambda d: d["activities"][-1].update(established=False),
        lambda d: d["candidates"][0].update(party="unknown"),
    ],
    ids=["asn", "act", "range-text", "range", "not-established", "candidate"],
)
def test_unknowns_and_acts_not_established_leave_it_unmarked(change: Any) -> None:
    data = _seed_data()
    change(data)
    case = Case.model_validate(data)
    assert not is_plain(case)
    assert not _scans_find_nothing(case)


def test_copies_and_objects_built_from_models_are_scanned() -> None:
    """What validation did not read as plain data is never marked: a copy may set a fact to
    unknown (as completions do), and a model object given whole may hold one."""
    case = load_case(SEED)
    asn = case.asn.model_copy(update={"on_unpaid_leave": UNKNOWN})
    unknown_copy = case.model_copy(update={"asn": asn})
    assert not is_plain(unknown_copy)
    engine = get_engine()
    stated = _seed_data()
    stated["asn"]["on_unpaid_leave"] = "unknown"
    assert engine.evaluate(unknown_copy) == engine.evaluate(Case.model_validate(stated))
    for made in (
        case.model_copy(),
        copy.copy(case),
        copy.deepcopy(case),
        pickle.loads(pickle.dumps(case)),
        Case.model_construct(**dict(case)),
        Case.model_validate({**_seed_data(), "asn": asn}),
        Case(**{**_seed_data(), "activities": tuple(case.activities)}),
        Case.model_validate(case),  # the same object: its own mark, nothing new
    ):
        assert is_plain(made) == (made is case)
        assert engine.evaluate(made) == engine.evaluate(case)
    assert not is_plain(object())
    assert not is_plain(_seed_data())


def test_the_batch_wire_path_marks_plain_cases() -> None:
    data = _seed_data()
    data["election"] = "pemilu-2019"
    case = wire_case(json.dumps(data).encode())
    assert case is not None
    assert is_plain(case)
    data["activities"][0]["established"] = False
    unproven = wire_case(json.dumps(data).encode())
    assert unproven is not None
    assert not is_plain(unproven)


def test_judged_alike_marked_or_not() -> None:
    """The engine's answers on a marked case equal those on an unmarked copy (which takes the
    scans), with and without a day of judgement."""
    engine = get_engine()
    rng = random.Random(5)
    data = _seed_data()
    for _ in range(5):
        for act in data["activities"]:
            act["public"] = rng.random() < 0.5
            act["used_position"] = rng.random() < 0.5
        case = Case.model_validate(data)
        twin = case.model_copy()
        assert is_plain(case)
        assert not is_plain(twin)
        for at in (None, dt.date(2024, 1, 10)):
            assert engine.evaluate(case, at=at) == engine.evaluate(twin, at=at)
            assert engine.hits(case, at=at) == engine.hits(twin, at=at)


_FACT_FIELDS = {
    "asn": [n for n in ASN.model_fields if n not in ("id", "name", "status", "prior_sanctions")],
    "activities": [
        n
        for n in Activity.model_fields
        if n not in ("id", "asn_id", "date", "kind", "candidate_ids", "description", "established")
    ],
    "candidates": [
        n for n in Candidate.model_fields if n not in ("id", "name", "office", "asn_id")
    ],
}


@settings(
    max_examples=examples(200),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(case=strategies.cases(), data=st.data())
def test_the_mark_says_what_the_scans_find(case: Case, data: st.DataObject) -> None:
    raw = case.model_dump(mode="json", exclude_none=True)
    for key, fields in _FACT_FIELDS.items():
        parts = [raw[key]] if key == "asn" else raw.get(key, [])
        for part in parts:
            if data.draw(st.integers(0, 9)) == 0:
                part[data.draw(st.sampled_from(fields))] = "unknown"
    for act in raw.get("activities", []):
        if data.draw(st.integers(0, 9)) == 0:
            act["established"] = False
    try:
        read = parse_case(json.dumps(raw), "case.json")
    except ValueError:
        return  # "unknown" where the field takes none (a count's bounds, a list): refused
    assert is_plain(read) == _scans_find_nothing(read)
