"""The batch's fast path (msgspec wire structs, summaries from Engine.hits) against the
reference path (pydantic models, Engine.evaluate, output_record): same accepted lines, same
fact records, same output bytes, same error lines, on generated and damaged input."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import msgspec
import pytest
from bench.corpus import generate_cases, generate_jsonl
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import Field, field_validator

from _profiles import examples
from netralitas_rules.batch.blocks import JsonlBlock, block_lines
from netralitas_rules.batch.chunks import evaluate_block, evaluate_chunk
from netralitas_rules.batch.output import (
    Rejection,
    dumps,
    encode_line,
)
from netralitas_rules.batch.readers import parse_raw
from netralitas_rules.batch.records import line_record
from netralitas_rules.batch.wire import (
    WireCase,
    WireSchemaError,
    decode,
    wire_case,
    wire_struct,
)
from netralitas_rules.caseio import case_to_data
from netralitas_rules.engine import get_engine
from netralitas_rules.facts import record_maker
from netralitas_rules.models import ASN, Activity, Candidate, Case, Relationship
from netralitas_rules.models._base import FactModel
from netralitas_rules.models.case import _reference_problems, _references_hold
from netralitas_rules.models.unknown import UNKNOWN
from netralitas_rules.testing.strategies import cases

ENGINE = get_engine()
AS_OF = dt.date(2024, 6, 1)
SLOW = settings(max_examples=examples(150))


def _line(case: Case) -> bytes:
    data = case_to_data(case)
    data["election"] = case.election.id  # the strategies' default elections are shipped
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def _reference(line: bytes, number: int = 1) -> tuple[list[bytes], list[Rejection]]:
    raw = line_record("in.jsonl", number, line)
    res = evaluate_chunk(ENGINE, [raw], "jsonl", as_of=AS_OF)
    return list(res.outputs), list(res.errors)


def _fast(line: bytes, number: int = 1) -> tuple[list[bytes], list[Rejection]]:
    block = JsonlBlock("in.jsonl", number, line + b"\n")
    res = evaluate_block(ENGINE, block, "jsonl", as_of=AS_OF)
    return list(res.outputs), list(res.errors)


# ------------------------------------------------------------------ valid, generated cases


@SLOW
@given(cases())
def test_generated_cases_take_the_fast_path_and_give_the_reference_bytes(case: Case) -> None:
    line = _line(case)
    hit = decode(line)
    assert hit is not None, line
    wire, election = hit
    assert election is case.election
    # The same fact records, record by record.
    by_model, by_wire = record_maker(case), record_maker(wire, election)
    for act_m, act_w in zip(case.activities, wire.activities, strict=True):
        targets = act_m.candidate_ids or (None,)
        for cid in targets:
            cand_m = case.candidate(cid) if cid else None
            cand_w = wire.candidate(cid) if cid else None
            assert by_wire(act_w, cand_w) == by_model(act_m, cand_m)
    # The same output line as the reference path.
    assert _fast(line) == _reference(line)


def test_bench_corpus_lines_all_take_the_fast_path_with_reference_bytes() -> None:
    lines = [line.rstrip("\n").encode("utf-8") for line in generate_jsonl(400, 11)]
    for line in lines:
        assert decode(line) is not None
        assert _fast(line) == _reference(line)


_UNKNOWABLE_TEXT = [
    ("asn", "agency"),
    ("asn", "unit"),
    ("asn", "region"),
    ("candidates", 0, "party"),
    ("activities", 0, "party"),
    ("activities", 0, "platform"),
    ("activities", 0, "state_facility"),
]


@pytest.mark.parametrize("path", _UNKNOWABLE_TEXT, ids=lambda p: ".".join(map(str, p)))
def test_a_text_fact_stated_unknown_leaves_the_fast_path(path: tuple[Any, ...]) -> None:
    """A text fact that may be unknown, given as ``unknown``, is UNKNOWN to the models, not a
    name: the wire (which reads it as text) sends the line to them, and the batch writes
    what ``check`` reads."""
    data = next(iter(generate_cases(1, 11)))
    _set(data, path, "unknown")
    line = json.dumps(data, ensure_ascii=False).encode("utf-8")
    assert decode(line) is None
    assert wire_case(line) is None
    value: Any = parse_raw(line_record("in.jsonl", 1, line))
    for key in path:
        value = value[key] if isinstance(key, int) else getattr(value, key)
    assert value is UNKNOWN
    assert _fast(line) == _reference(line)


def test_wire_case_reads_the_case_the_models_read() -> None:
    """The fast path's case of a corpus line is the case the models read from it."""
    for line in generate_jsonl(100, 11):
        raw = line.rstrip("\n").encode("utf-8")
        case = wire_case(raw)
        assert case is not None
        assert case == parse_raw(line_record("in.jsonl", 1, raw))


# ------------------------------------------------------------------ damaged lines

_PADS = [" ", "\t", "\u00a0", "\u2003", "\n", "\u3000", "\x1f"]


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            found += _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found += _paths(v, (*prefix, i))
    return found


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    _get(data, path[:-1])[path[-1]] = value


@st.composite
def damaged_lines(draw: st.DrawFn) -> bytes:
    """A valid case line with one or two kinds of damage at random places."""
    data = json.loads(_line(draw(cases())))
    for _ in range(draw(st.integers(1, 2))):
        paths = [p for p in _paths(data) if p]
        path = draw(st.sampled_from(paths))
        current = _get(data, path)
        how = draw(st.integers(0, 9))
        if how == 0 and isinstance(current, str):  # padded: pydantic strips, bounds move
            pad = draw(st.sampled_from(_PADS))
            _set(data, path, draw(st.sampled_from([pad + current, current + pad, pad])))
        elif how == 1:  # another type
            _set(data, path, draw(st.sampled_from([None, 1, 1.5, True, "", [], {}, "x" * 600])))
        elif how == 2 and isinstance(path[-1], str):  # a key gone
            del _get(data, path[:-1])[path[-1]]
        elif how == 3 and isinstance(current, dict):  # a key too many
            current["surprise"] = 1
        elif how == 4 and data.get("candidates"):  # an id used twice or unknown
            ids = [c["id"] for c in data["candidates"]]
            _set(data, path, draw(st.sampled_from([*ids, "zz"])))
        elif how == 5:  # the election inline, or unknown
            data["election"] = draw(st.sampled_from([{"id": "x"}, "pemilu-2099", " pemilu-2019"]))
        elif how == 6 and isinstance(current, str):  # dates and enums out of range
            _set(data, path, draw(st.sampled_from(["2024-02-30", "0000-01-01", "PNS ", "pns"])))
        elif how == 7 and isinstance(current, int) and not isinstance(current, bool):
            _set(data, path, draw(st.sampled_from([-1, 10**20, 10_000_001])))
        elif how == 8 and data.get("relationships"):  # pydantic's own relationship checks
            rel = data["relationships"][0]
            if draw(st.booleans()):
                rel["relative"] = rel["person"]
            else:
                rel["kinship"] = "other_kin"
                rel.pop("degree", None)
        elif how == 9 and isinstance(current, str):  # control and odd characters inside
            _set(data, path, current[:1] + draw(st.sampled_from(["\x00", "\u2028", "\ud800"])))
    text = json.dumps(data, ensure_ascii=draw(st.booleans()))
    return text.encode("utf-8", errors="surrogatepass")


@SLOW
@given(damaged_lines())
def test_damaged_lines_give_the_reference_output_or_error(line: bytes) -> None:
    """Whatever the damage, the fast path writes exactly what the models write: the same
    output line, or the same error line."""
    assert _fast(line, 7) == _reference(line, 7)
    if decode(line) is not None:  # the fast path took it: the models must accept it too
        parse_raw(line_record("in.jsonl", 7, line))


@pytest.mark.parametrize(
    "line",
    [
        b"\xef\xbb\xbf{}",  # a byte order mark
        b'{"id":"a\tb"}',  # a raw control character in a string
        b"[1, 2]",
        b'{"id": NaN}',
        b"{" * 5000,
        b'{"id": "\\ud800"}',
        b"\xff\xfe",
    ],
)
def test_lines_json_refuses_are_refused_by_the_fast_path(line: bytes) -> None:
    assert decode(line) is None
    assert _fast(line) == _reference(line)


@given(st.binary(max_size=400))
def test_decode_never_raises_on_arbitrary_bytes(data: bytes) -> None:
    assert decode(data) is None or isinstance(decode(data), tuple)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('{"id":', '{"id":"first","id":'),  # the case's own key
        ('"status":', '"status":"PPPK","status":'),  # a nested object's
        ('"kind":', '"kind":"other","kind":'),  # an activity's
        ('"id":"c1"', '"id":"c1","id":"c1"'),  # the same value twice is still two keys
    ],
)
def test_a_duplicate_key_leaves_the_fast_path_and_is_refused(old: str, new: str) -> None:
    """msgspec keeps the last of a repeated key; the fast path must not, so a line with a
    key twice goes to the strict reading, which refuses it with the key's place."""
    line = next(iter(generate_jsonl(1, 3))).rstrip("\n")
    assert old in line
    doubled = line.replace(old, new, 1).encode("utf-8")
    assert decode(line.encode("utf-8")) is not None
    assert decode(doubled) is None
    outputs, errors = _fast(doubled, 4)
    assert (outputs, errors) == _reference(doubled, 4)
    assert not outputs
    assert [p.line for p in errors[0].problems] == [4]
    assert "duplicate key" in errors[0].problems[0].message


@given(st.text(alphabet='":{}[],\\ uabc0123', max_size=40))
def test_colons_inside_text_do_not_hide_a_duplicate(text: str) -> None:
    """The fast path's key count is not fooled by colons, quotes or escapes inside values."""
    line = next(iter(generate_jsonl(1, 3))).rstrip("\n")
    data = json.loads(line)
    data["notes"] = text
    plain = json.dumps(data, ensure_ascii=False)
    doubled = plain.replace('"notes":', '"notes":"x:y","notes":', 1)
    assert decode(doubled.encode("utf-8")) is None
    if decode(plain.encode("utf-8")) is not None:
        assert decode(plain.replace('"id":', '"id" :', 1).encode("utf-8")) is not None


# ------------------------------------------------------------------ the wire schema


@pytest.mark.parametrize("model", [Case, ASN, Activity, Candidate, Relationship])
def test_wire_structs_mirror_every_model_field_and_default(model: type[FactModel]) -> None:
    struct = WireCase if model is Case else wire_struct(model)
    fields = {f.name: f for f in msgspec.structs.fields(struct)}
    assert list(fields) == list(model.model_fields)
    for name, info in model.model_fields.items():
        if info.is_required():
            assert fields[name].required, name
        else:
            factory: Any = info.default_factory
            default = info.default if factory is None else factory()
            assert fields[name].default == default, name


def test_a_validator_the_wire_does_not_mirror_stops_it() -> None:
    class Odd(FactModel):
        x: str

        @field_validator("x")
        @classmethod
        def _upper(cls, v: str) -> str:
            return v.upper()

    with pytest.raises(WireSchemaError, match=r"Odd\._upper is a validator"):
        wire_struct(Odd)


def test_a_constraint_the_wire_does_not_mirror_stops_it() -> None:
    class Patterned(FactModel):
        x: str = Field(pattern="^a")

    with pytest.raises(WireSchemaError, match=r"Patterned\.x: constraint"):
        wire_struct(Patterned)


def test_a_type_the_wire_does_not_mirror_stops_it() -> None:
    class Timed(FactModel):
        at: dt.datetime

    with pytest.raises(WireSchemaError, match=r"Timed\.at: type"):
        wire_struct(Timed)


# ------------------------------------------------------------------ shared pieces


@SLOW
@given(cases(), st.data())
def test_the_quick_reference_check_agrees_with_the_full_one(
    case: Case, data: st.DataObject
) -> None:
    """_references_hold holds exactly when the full check finds no problem, on valid cases
    and on cases whose ids are broken after validation."""
    raw = json.loads(_line(case))
    if raw.get("activities") and data.draw(st.booleans()):
        raw["activities"][0]["candidate_ids"] = ["zz"]
    if raw.get("candidates") and data.draw(st.booleans()):
        raw["candidates"].append(dict(raw["candidates"][0]))
    if raw.get("activities") and data.draw(st.booleans()):
        raw["activities"][0]["asn_id"] = data.draw(st.sampled_from([raw["asn"]["id"], "other"]))
    if raw.get("activities") and data.draw(st.booleans()):
        raw["activities"].append(dict(raw["activities"][0]))
    if raw.get("relationships") and data.draw(st.booleans()):
        raw["relationships"][0]["person"] = "nobody"
    if data.draw(st.booleans()):
        raw["officials"] = [{"id": "ppk", "role": "PPK", "candidate_id": "zz"}]
    if data.draw(st.booleans()):  # a tie: known or unknown persons, or a tie to oneself
        ids = [raw["asn"]["id"], *(c["id"] for c in raw.get("candidates", ())), "ghost"]
        raw["ties"] = [
            {
                "person": data.draw(st.sampled_from(ids)),
                "other": data.draw(st.sampled_from(ids)),
                "tie": "superior",
            }
        ]
    if raw.get("candidates") and data.draw(st.booleans()):
        raw["candidates"][0]["asn_id"] = data.draw(st.sampled_from([raw["asn"]["id"], "other"]))
    wire: Any = msgspec.convert(raw, WireCase)  # types checked, references not
    assert _references_hold(wire) == (not _reference_problems(wire))


def _nested(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4)


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text(),
        _nested,
        max_leaves=12,
    )
)
def test_dumps_writes_what_json_dumps_writes(value: Any) -> None:
    try:
        want = json.dumps({"v": value}, ensure_ascii=False, separators=(",", ":")) + "\n"
        want.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: the models refuse them before output
        return
    assert dumps({"v": value}) == want
    assert encode_line({"v": value}) == want.encode("utf-8")


def test_block_lines_number_lines_and_skip_blank_ones() -> None:
    block = JsonlBlock("f", 10, b'{"a":1}\n\n  \r\n{"b":2}\r\n')
    assert list(block_lines(block)) == [(10, b'{"a":1}'), (13, b'{"b":2}\r')]
