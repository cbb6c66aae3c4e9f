"""The service's reading of a case body: the batch's fast path where it applies, the strict
reading otherwise, and one answer either way (the case, or the strict reading's located
messages)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _profiles import examples
from _service import seed_json
from netralitas_rules.batch.wire import decode
from netralitas_rules.caseio import case_to_data, parse_case
from netralitas_rules.errors import CaseFileError
from netralitas_rules.models import Case
from netralitas_rules.models.unknown import UNKNOWN
from netralitas_rules.service.body import CASE_FILE, case_of
from netralitas_rules.testing.strategies import cases


def _body(case: Case, indent: int | None) -> bytes:
    """The case as a client sends it: the shipped election by name, compact or indented."""
    data = case_to_data(case)
    data["election"] = case.election.id
    return json.dumps(data, ensure_ascii=False, indent=indent).encode("utf-8")


def _strict(body: bytes) -> Case | str:
    """What the strict reading gives: the case, or its messages."""
    try:
        return parse_case(body, CASE_FILE)
    except CaseFileError as exc:
        return str(exc)


def _served(body: bytes) -> Case | str:
    try:
        return case_of(body)
    except CaseFileError as exc:
        return str(exc)


@settings(max_examples=examples(100))
@given(cases(), st.sampled_from([None, 2]))
def test_a_case_in_the_common_shape_takes_the_fast_path_to_the_same_case(
    case: Case, indent: int | None
) -> None:
    """A generated case, compact or indented over many lines, is decoded by the wire
    structs and read to the case the strict reading gives."""
    body = _body(case, indent)
    assert decode(body) is not None
    assert case_of(body) == parse_case(body, CASE_FILE) == case


_BREAKS = [
    lambda b: b.replace(b"{", b'{"id": "twice", ', 1),  # a key twice
    lambda b: b.replace(b'"election": "', b'"election": "nope-', 1),  # an unknown election
    lambda b: b[: len(b) // 2],  # cut short
    lambda b: b.replace(b'"asn": {', b'"asn": {"status": "pns", ', 1),  # a wrong value, twice
    lambda b: b.replace(b"{", b'{"extra": NaN, ', 1),  # not JSON
    lambda b: b"\xef\xbb\xbf" + b,  # a byte order mark
    lambda b: b.replace(b'"id": "', b'"id": " ', 1),  # blank-padded text the models would strip
]


@settings(max_examples=examples(100))
@given(cases(), st.sampled_from(range(len(_BREAKS))))
def test_a_body_off_the_fast_path_gets_the_strict_readings_answer(case: Case, which: int) -> None:
    """A broken or unusual body: the service answers what the strict reading answers, the
    same case or the same located messages word for word."""
    body = _BREAKS[which](_body(case, None))
    assert _served(body) == _strict(body)


@pytest.mark.parametrize("inline", [False, True])
def test_the_seed_case_reads_the_same_on_both_paths(inline: bool) -> None:
    """The seed case with its election by name (fast path) or written out in full (strict
    reading only) is the same case."""
    body = seed_json().encode()
    if inline:
        data = json.loads(body)
        data["election"] = json.loads(json.dumps(case_to_data(parse_case(body, CASE_FILE))))[
            "election"
        ]
        body = json.dumps(data).encode()
        assert decode(body) is None
    else:
        assert decode(body) is not None
    assert case_of(body) == parse_case(seed_json().encode(), CASE_FILE)


def test_a_text_fact_stated_unknown_is_read_as_unknown() -> None:
    """A body naming the act's state facility ``unknown`` is read as UNKNOWN (not as a
    facility so named): the fast path, which skips the case's scan for unknowns, leaves it
    to the strict reading."""
    data = json.loads(seed_json())
    data["activities"][0]["state_facility"] = "unknown"
    body = json.dumps(data).encode()
    assert decode(body) is None
    assert case_of(body).activities[0].state_facility is UNKNOWN
