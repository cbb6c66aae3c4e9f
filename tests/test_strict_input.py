"""Hostile batch input (#12 items 5, 9, 13, 14, 15): a bad cell or record rejects its case
with its place and never the batch; one strict JSON reading, so ``check`` and ``batch``
refuse the same records; ``report`` reads only batch output."""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from bench.corpus import generate_cases
from hypothesis import given, settings
from hypothesis import strategies as st

from _profiles import examples
from netralitas_rules.batch.blocks import JsonlBlock
from netralitas_rules.batch.chunks import evaluate_block, evaluate_chunk
from netralitas_rules.batch.records import line_record
from netralitas_rules.batch.tables import case_rows
from netralitas_rules.caseio import case_to_data, parse_case
from netralitas_rules.cli import main
from netralitas_rules.engine import get_engine
from netralitas_rules.errors import CaseFileError
from netralitas_rules.strictjson import read_json
from netralitas_rules.testing.strategies import cases

ENGINE = get_engine()
# One day of handling for both paths, so a run that crosses midnight compares like with like.
AS_OF = dt.date(2026, 1, 15)
CASES = list(generate_cases(3, seed=5))


def _csv(path: Path, rows: list[dict[str, Any]]) -> Path:
    columns = list(dict.fromkeys(k for r in rows for k in r))
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, columns)
        writer.writeheader()
        writer.writerows(rows)
    return path


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# ------------------------------------------------------------------ item 5: CSV cells


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("²", "nilainya harus bilangan bulat"),  # str.isdigit() is True
        ("١٢", "nilainya harus bilangan bulat"),  # Arabic-Indic digits: int() reads 12
        ("1_000", "nilainya harus bilangan bulat"),  # int() reads 1000
        ("9" * 5000, "angka sepanjang 5000 karakter; angka paling panjang 100 karakter"),
    ],
)
def test_a_bad_integer_cell_rejects_its_case_only(tmp_path: Path, cell: str, message: str) -> None:
    """One bad integer cell rejects the case it belongs to, at the cell's row; the other
    cases are written."""
    rows = [row for case in CASES for row in case_rows(case)]
    target = len(case_rows(CASES[0]))  # the first row of the second case
    for i, cells in enumerate(rows):
        cells["activity.asn_mobilised"] = cell if i == target else ""
    src = _csv(tmp_path / "in.csv", rows)
    out, err = tmp_path / "o.jsonl", tmp_path / "e.jsonl"
    assert main(["batch", str(src), "--out", str(out), "--errors", str(err)]) == 1
    assert [r["case_id"] for r in _lines(out)] == [CASES[0]["id"], CASES[2]["id"]]
    (error,) = _lines(err)
    number = target + 2  # the header is row 1
    where = "activities[0].asn_mobilised" if len(cell) < 100 else "activity.asn_mobilised"
    assert error["problems"] == [f"{src}:{number}:1: {where}: {message}"]


# ------------------------------------------------------------------ item 9: Parquet


def test_parquet_without_pyarrow_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without the optional batch dependencies a Parquet input or report is an invalid
    input (exit 2) that says what to install, not a traceback."""
    src = tmp_path / "in.parquet"
    pq.write_table(pa.Table.from_pylist([{"asn.id": "a"}]), src)
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    assert main(["batch", str(src), "--out", str(tmp_path / "o.jsonl")]) == 2
    err = capsys.readouterr().err
    assert f"{src}: berkas Parquet memerlukan paket tambahan batch: " in err
    assert "pip install 'netralitas-rules[batch]'" in err
    assert main(["report", str(src)]) == 2
    assert "pip install 'netralitas-rules[batch]'" in capsys.readouterr().err


def test_report_on_a_corrupt_parquet_file_is_a_located_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A Parquet file that cannot be read is an invalid input naming the file."""
    src = tmp_path / "findings.parquet"
    src.write_bytes(b"PAR1 not really a parquet file")
    assert main(["report", str(src)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"netralitas: {src}: not a readable Parquet file: ")
    assert "Traceback" not in err


def test_report_on_a_truncated_parquet_output_is_a_located_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Batch output cut short (a killed writer) is refused, not half counted."""
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(c) + "\n" for c in CASES), encoding="utf-8")
    out = tmp_path / "o.parquet"
    assert main(["batch", str(src), "--out", str(out)]) == 0
    out.write_bytes(out.read_bytes()[: out.stat().st_size // 2])
    assert main(["report", str(out)]) == 2
    assert f"netralitas: {out}: not a readable Parquet file: " in capsys.readouterr().err


# ------------------------------------------------------------------ item 14: report input

_EXPECTED = (
    "`netralitas report` reads the file written by `netralitas batch --out` (columns "
    "case_id, asn_id, asn_status, position_kind, agency, unit, region, election, "
    "election_kind, activities, not_established, first_activity, last_activity, findings, "
    "imposed_sanctions, recommendations, conflicts, verdicts, overall, as_of, library_version, "
    "regulations_hash, backend, report), not the batch's input or its errors file"
)


def test_report_refuses_a_batch_input_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The batch's own input is not findings: exit 2, saying which columns were expected."""
    src = _csv(tmp_path / "cases.csv", [r for c in CASES for r in case_rows(c)])
    assert main(["report", str(src)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"netralitas: {src}:1: not batch output: missing column(s) asn_id, ")
    assert "unexpected column(s) " in err
    assert err.endswith(f". {_EXPECTED}\n")


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_report_reads_the_batch_output_it_is_given(
    tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Real batch output in each table format passes the check."""
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(c) + "\n" for c in CASES), encoding="utf-8")
    out = tmp_path / f"o.{fmt}"
    assert main(["batch", str(src), "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["report", str(out)]) == 0
    assert "| Jumlah | 3 |" in capsys.readouterr().out


def test_report_refuses_a_parquet_table_of_other_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A readable Parquet file of other columns is refused like a CSV one."""
    src = tmp_path / "cases.parquet"
    pq.write_table(pa.Table.from_pylist([r for c in CASES for r in case_rows(c)]), src)
    assert main(["report", str(src)]) == 2
    assert capsys.readouterr().err.startswith(f"netralitas: {src}:1: not batch output: ")


def test_report_refuses_records_whose_lists_are_not_lists(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A record whose findings are not a list of objects is named, not a crash (exit 70)."""
    src = tmp_path / "findings.jsonl"
    record = {
        "case_id": "k",
        "findings": [1],
        "imposed_sanctions": [],
        "conflicts": [],
        "verdicts": [],
    }
    src.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert main(["report", str(src)]) == 2
    assert capsys.readouterr().err == (
        f"netralitas: {src}: record 1: findings: expected a list of objects as "
        "`netralitas batch` writes it, not '[1]'\n"
    )


# ------------------------------------------------------------------ item 13: duplicate keys


def _jsonl_errors(tmp_path: Path, text: str) -> list[dict[str, Any]]:
    src = tmp_path / "in.jsonl"
    src.write_text(text, encoding="utf-8")
    err = tmp_path / "e.jsonl"
    assert main(["batch", str(src), "--out", str(tmp_path / "o.jsonl"), "--errors", str(err)]) == 1
    return _lines(err)


@pytest.mark.parametrize("inline", [False, True], ids=["fast path", "inline calendar"])
def test_a_duplicate_key_is_refused_by_batch_as_by_check(tmp_path: Path, inline: bool) -> None:
    """A record with a key twice is an error on both paths, with its line and the key,
    whichever reading of the batch takes it."""
    case = dict(CASES[1])
    if inline:
        case["election"] = json.loads(
            parse_case(json.dumps(case), "c.json").election.model_dump_json()
        )
    text = json.dumps(case, ensure_ascii=False)
    doubled = text.replace('"asn": {', '"asn": {"status": "PPPK", ', 1)
    assert doubled != text
    (error,) = _jsonl_errors(tmp_path, json.dumps(CASES[0]) + "\n" + doubled + "\n")
    assert error["line"] == 2
    assert error["reason"].startswith(
        "asn.status: kunci 'status' ditulis dua kali (pertama di baris 2, "
    )
    with pytest.raises(CaseFileError) as info:
        parse_case(doubled, "case.json")
    assert [p.words("id") for p in info.value.problems] == [
        error["reason"].removeprefix("asn.status: ").replace("baris 2", "baris 1")
    ]


def test_a_duplicate_key_in_a_csv_json_cell_is_refused(tmp_path: Path) -> None:
    """The JSON cells of a table are read strictly too."""
    rows = case_rows(CASES[0])
    cell = json.loads(rows[0]["candidates"])
    rows[0]["candidates"] = json.dumps(cell).replace('"id": ', '"id": "x", "id": ', 1)
    src = _csv(tmp_path / "in.csv", rows)
    err = tmp_path / "e.jsonl"
    assert main(["batch", str(src), "--out", str(tmp_path / "o.jsonl"), "--errors", str(err)]) == 1
    (error,) = _lines(err)
    assert error["problems"][0].startswith(
        f"{src}:2:1: candidates[0].id: dalam JSON selnya: kunci 'id' ditulis dua kali (pertama di "
        "baris 2"
    )


# ------------------------------------------------------------------ item 15: dates


def _unix(day: str) -> int:
    return calendar.timegm(dt.date.fromisoformat(day).timetuple())


def test_an_integer_date_is_refused_by_batch_and_check(tmp_path: Path) -> None:
    """A Unix time where a date belongs was read as that date; now both paths refuse it."""
    case = json.loads(json.dumps(CASES[0]))
    day = case["activities"][0]["date"]
    case["activities"][0]["date"] = _unix(day)
    (error,) = _jsonl_errors(tmp_path, json.dumps(case) + "\n")
    message = (
        f"a date is written YYYY-MM-DD (for example 2019-03-10), not as the number {_unix(day)}"
    )
    indonesian = (
        f"tanggal ditulis YYYY-MM-DD (misalnya 2019-03-10), bukan sebagai angka {_unix(day)}"
    )
    assert error["reason"] == f"activities[0].date: {indonesian}"
    for name in ("case.json", "case.yaml"):
        with pytest.raises(CaseFileError) as info:
            parse_case(json.dumps(case), name)
        assert [p.message for p in info.value.problems] == [message]
        assert [p.words("id") for p in info.value.problems] == [indonesian]


def test_an_int64_parquet_date_column_is_refused(tmp_path: Path) -> None:
    """An integer Parquet column of dates is refused at each row, not read as Unix time."""
    rows = case_rows(CASES[0])
    for row in rows:
        row["activity.date"] = _unix(row["activity.date"])
    src = tmp_path / "in.parquet"
    pq.write_table(pa.Table.from_pylist(rows), src)
    err = tmp_path / "e.jsonl"
    assert main(["batch", str(src), "--out", str(tmp_path / "o.jsonl"), "--errors", str(err)]) == 1
    (error,) = _lines(err)
    assert len(error["problems"]) == len(rows)
    assert error["problems"][0].startswith(f"{src}:2:1: activities[0].date: tanggal ditulis")


@pytest.mark.parametrize(
    "value", ["2019-03-10T00:00:00", "1552176000", "20190310", b"2019-03-10".hex()]
)
def test_a_date_is_only_its_iso_text(value: str) -> None:
    """Texts pydantic would also read as a date (a datetime at midnight, Unix time,
    compact digits) are refused on both paths."""
    case = json.loads(json.dumps(CASES[0]))
    case["activities"][0]["date"] = value
    line = json.dumps(case).encode()
    assert evaluate_block(
        ENGINE, JsonlBlock("in.jsonl", 1, line + b"\n"), "jsonl", as_of=AS_OF
    ).errors
    with pytest.raises(CaseFileError):
        parse_case(line, "case.json")


# ------------------------------------------------------------------ one reading: a property


def _dumps(value: Any, dup: tuple[Any, ...] | None, path: tuple[Any, ...] = ()) -> str:
    """JSON text of ``value``; the object at ``dup`` writes its first key twice."""
    if isinstance(value, dict):
        items = [f"{json.dumps(k)}: {_dumps(v, dup, (*path, k))}" for k, v in value.items()]
        if path == dup and value:
            key = next(iter(value))
            items.insert(0, f"{json.dumps(key)}: {json.dumps(_other(value[key]))}")
        return "{" + ", ".join(items) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_dumps(v, dup, (*path, i)) for i, v in enumerate(value)) + "]"
    return json.dumps(value, ensure_ascii=False)


def _other(value: Any) -> Any:
    return "other" if not isinstance(value, str) else value + "x"


def _objects(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found: list[tuple[Any, ...]] = []
    if isinstance(value, dict):
        found.append(path)
        for k, v in value.items():
            found += _objects(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found += _objects(v, (*path, i))
    return found


def _dates(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _dates(v, (*path, k))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _dates(v, (*path, i))]
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return [path]
    return []


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


@st.composite
def faulty_records(draw: st.DrawFn) -> str:
    """A generated case as one JSON line, with none, one or two injected faults."""
    case = draw(cases())
    data = case_to_data(case)
    data["election"] = case.election.id
    dup = None
    for _ in range(draw(st.integers(0, 2))):
        fault = draw(st.sampled_from(["dup", "int_date", "digits", "long", "text_number"]))
        # A date already faulted (an integer, an odd digit) cannot be faulted again.
        dates = [p for p in _dates(data) if _is_iso(_get(data, p))]
        if fault == "dup":
            dup = draw(st.sampled_from(_objects(data)))
        elif fault == "int_date" and dates:
            path = draw(st.sampled_from(dates))
            _set(data, path, _unix(_get(data, path)))
        elif fault == "digits" and dates:
            path = draw(st.sampled_from(dates))
            odd = draw(st.sampled_from(["٣", "３", "²", "߃"]))
            text = _get(data, path)
            _set(data, path, text[:3] + odd + text[4:])
        elif fault == "long" and data.get("activities"):
            data["activities"][0]["asn_mobilised"] = int("9" * draw(st.integers(90, 120)))
        elif fault == "text_number" and data.get("activities"):
            data["activities"][0]["asn_mobilised"] = draw(st.sampled_from(["²", "12", "١٢"]))
    return _dumps(data, dup)


def _is_iso(value: Any) -> bool:
    if not isinstance(value, str) or not value.isascii():
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _check_accepts(text: str) -> bool:
    try:
        parse_case(text, "case.json")
    except CaseFileError:
        return False
    return True


@settings(max_examples=examples(200))
@given(faulty_records())
def test_batch_and_check_accept_and_refuse_the_same_records(text: str) -> None:
    """Batch (fast path and models' path) and check agree on every generated record with
    injected faults: duplicate keys, integer dates, odd Unicode digits, overlong numbers."""
    line = text.encode("utf-8")
    fast = evaluate_block(ENGINE, JsonlBlock("in.jsonl", 1, line + b"\n"), "jsonl", as_of=AS_OF)
    full = evaluate_block(
        ENGINE, JsonlBlock("in.jsonl", 1, line + b"\n"), "jsonl", "full", as_of=AS_OF
    )
    slow = evaluate_chunk(ENGINE, [line_record("in.jsonl", 1, line)], "jsonl", as_of=AS_OF)
    accepted = _check_accepts(text)
    assert (not fast.errors) == (not full.errors) == (not slow.errors) == accepted
    assert (
        read_json(text, "case.json").problems
        == read_json(text, "case.json", positions=False).problems
    )


# ------------------------------------------------------------------ the reader itself


def _json_values() -> st.SearchStrategy[Any]:
    scalars = (
        st.none()
        | st.booleans()
        | st.integers(-(10**30), 10**30)
        | st.floats(allow_nan=False, allow_infinity=False)
        | st.text()
    )
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
        max_leaves=15,
    )


@given(_json_values(), st.sampled_from([None, 2]))
def test_read_json_reads_what_json_writes(value: Any, indent: int | None) -> None:
    """Any JSON without a repeated key reads back as the standard library reads it, with
    and without positions; every key's position is where its quote stands."""
    text = json.dumps({"v": value}, indent=indent)
    for positions in (True, False):
        located = read_json(text, "x.json", positions=positions)
        assert located.problems == []
        assert located.data == json.loads(text)
    lines = text.split("\n")
    for path, (line, column) in read_json(text, "x.json").positions.items():
        if path and isinstance(path[-1], str):
            assert lines[line - 1][column - 1] == '"'


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            '{"a": 1,\n "a": 2}',
            "x.json:2:2: a: duplicate key 'a' (first at line 1, column 2); keep one",
        ),
        ('{"a": [1, NaN]}', "x.json:1:11: a[1]: NaN is not a number this library accepts"),
        ('{"a": -Infinity}', "x.json:1:7: a: -Infinity is not a number this library accepts"),
        ('{"a": 1e400}', "x.json:1:7: a: the number 1e400 is too large"),
        (
            '{"a": ٣}',
            "x.json:1:7: a: JSON syntax: expected a value (an object, a list, text "
            "in double quotes, a number, true, false or null)",
        ),
        ('{"a": 01}', "x.json:1:8: (document): JSON syntax: expected ',' or '}' after a value"),
        (
            '{"a": 1} {}',
            "x.json:1:10: (document): JSON syntax: more text after the JSON value; remove it",
        ),
        ("", "x.json:1:1: (document): JSON syntax: the text is empty; write one JSON object"),
        (
            b'{"a": "\xff"}',
            "x.json:1:8: (document): not valid UTF-8 at byte 8; save the file as UTF-8",
        ),
    ],
)
def test_read_json_refuses_with_the_place(text: str | bytes, problem: str) -> None:
    """Each refusal names the line, column and key path, in both modes."""
    for positions in (True, False):
        located = read_json(text, "x.json", positions=positions)
        assert [str(p) for p in located.problems] == [problem]
        assert located.data is None


def test_read_json_bounds_nesting_in_both_modes() -> None:
    """A document nested deeper than the YAML reader allows is refused by both modes, even
    where the C scanner alone would read it."""
    text = "[" * 100 + "]" * 100
    for positions in (True, False):
        (problem,) = read_json(text, "x.json", positions=positions).problems
        assert problem.message == "JSON syntax: the document nests deeper than 64 levels"
