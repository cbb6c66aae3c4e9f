"""Reading a case file under hostile conditions (#12): endless and special files, YAML 1.1
readings a writer never means, blank text facts. Each is a located error, on every path."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from _profiles import examples
from conftest import CASE_YAML, REPO, replaced
from netralitas_rules import CaseFileError, parse_case
from netralitas_rules.batch.blocks import JsonlBlock
from netralitas_rules.batch.chunks import evaluate_block, evaluate_chunk
from netralitas_rules.batch.records import line_record
from netralitas_rules.batch.wire import decode
from netralitas_rules.caseio import load_case, read_case_file
from netralitas_rules.engine import get_engine
from netralitas_rules.models.unknown import day_of
from netralitas_rules.yamlpos import read_yaml

CaseError = Callable[..., str]
NETRALITAS = [sys.executable, "-m", "netralitas_rules.cli"]
# Generous: the bound is there so that a regression hangs the test, not the suite.
HANG_LIMIT = 120


def _check(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*NETRALITAS, "check", *args],
        capture_output=True,
        text=True,
        timeout=HANG_LIMIT,
        cwd=cwd,
        check=False,
    )


# ------------------------------------------------------------------ bounded reading (item 8)


@pytest.mark.parametrize(
    ("path", "kind"),
    [("/dev/zero", "sebuah perangkat karakter"), ("/dev/urandom", "sebuah perangkat karakter")],
)
def test_check_refuses_an_endless_device_without_reading_it(path: str, kind: str) -> None:
    """`check /dev/zero` (MemoryError after 2.6 GB) and `/dev/urandom` (a hang) exit 2 at
    once with the kind of file named."""
    if not Path(path).exists():
        pytest.skip(f"{path} does not exist here")
    done = _check(path)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"{path}:1:1: (dokumen): ini {kind}, bukan berkas kasus; berikan jalur berkas kasus YAML "
        "atau JSON (untuk membaca dari pipa, simpan dulu isinya ke sebuah berkas)\n"
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_check_refuses_a_fifo_without_blocking_on_it(tmp_path: Path) -> None:
    """A FIFO with no writer used to block `check` in open(); now it is refused (exit 2)."""
    fifo = tmp_path / "case.yaml"
    os.mkfifo(fifo)
    done = _check(str(fifo))
    assert done.returncode == 2
    assert done.stderr == (
        f"{fifo}:1:1: (dokumen): ini sebuah FIFO (pipa bernama), bukan berkas kasus; berikan "
        "jalur berkas kasus YAML atau JSON (untuk membaca dari pipa, simpan dulu isinya ke sebuah "
        "berkas)\n"
    )


def test_a_directory_is_not_a_case_file(tmp_path: Path) -> None:
    """A directory given as a case file is named as one."""
    with pytest.raises(CaseFileError) as info:
        load_case(tmp_path)
    assert str(info.value) == (
        f"{tmp_path}:1:1: (document): this is a directory, not a case file; give the path of "
        "a YAML or JSON case file (to read from a pipe, save it to a file first)"
    )


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """The size limit is checked on the file's size, before its bytes are read."""
    path = tmp_path / "big.yaml"
    with path.open("wb") as out:
        out.truncate(1000)  # sparse: nothing to read, only a size
    with pytest.raises(CaseFileError) as info:
        read_case_file(path, limit=999)
    assert str(info.value) == (
        f"{path}:1:1: (document): file is 1000 bytes; the limit is 999 bytes, split it"
    )
    assert read_case_file(path, limit=1000) == b"\0" * 1000


def test_a_missing_file_is_a_case_file_error(tmp_path: Path) -> None:
    """A file that cannot be opened keeps its plain message."""
    with pytest.raises(CaseFileError) as info:
        read_case_file(tmp_path / "none.yaml")
    assert str(info.value).endswith("cannot read the file: No such file or directory")


# ------------------------------------------------------------------ YAML 1.2 (item 15)


@pytest.mark.parametrize(
    ("old", "new", "error"),
    [
        (
            "status: PNS",
            "status: NO",
            "case.yaml:3:18: asn.status: 'NO' is not allowed; allowed: 'PNS', 'PPPK' or 'CPNS'",
        ),
        (
            "    candidate_ids: [c1]\n",
            "    candidate_ids: [c1]\n    public: yes\n",
            "case.yaml:11:5: activities[0].public: Input should be a valid boolean",
        ),
        (
            "    candidate_ids: [c1]\n",
            "    candidate_ids: [c1]\n    public: off\n",
            "case.yaml:11:5: activities[0].public: Input should be a valid boolean",
        ),
        (
            "    candidate_ids: [c1]\n",
            "    candidate_ids: [c1]\n    asn_mobilised: 1:20\n",
            "case.yaml:11:5: activities[0].asn_mobilised: Input should be a valid integer",
        ),
        (
            "    candidate_ids: [c1]\n",
            "    candidate_ids: [c1]\n    asn_mobilised: 017\n",
            "case.yaml:11:5: activities[0].asn_mobilised: cannot read value '017': a number with"
            " a leading zero is octal 15 in YAML 1.1 and 17 in YAML 1.2; write 17 without the "
            "zero, or quote it if it is text",
        ),
    ],
    ids=["NO", "yes", "off", "sexagesimal", "leading-zero"],
)
def test_yaml_1_1_readings_are_errors_not_silent_values(
    case_error: CaseError, old: str, new: str, error: str
) -> None:
    """`status: NO` was false, `yes`/`off` booleans, `1:20` 80 and `017` 15; read as YAML 1.2
    they are text (an error where a boolean, number or status is due) or refused."""
    assert case_error(replaced(CASE_YAML, old, new)) == error


def test_yaml_1_2_forms_still_read() -> None:
    """true/false, plain decimals, 0o and 0x numbers and dates read as before."""
    text = replaced(
        CASE_YAML,
        "    candidate_ids: [c1]\n",
        "    candidate_ids: [c1]\n    public: true\n    asn_mobilised: 0x1F\n",
    )
    act = parse_case(text, "case.yaml").activities[0]
    assert (act.public, act.asn_mobilised, day_of(act.date).isoformat()) == (True, 31, "2019-01-10")


def test_text_that_yaml_1_1_read_as_a_number_stays_text() -> None:
    """An id or party written `1:20` or `1_000` is that text, not 80 or 1000."""
    text = replaced(CASE_YAML, "party: Partai X", "party: 1_000")
    text = replaced(text, "id: a1", "id: 1:20")
    case = parse_case(text, "case.yaml")
    assert (case.candidates[0].party, case.activities[0].id) == ("1_000", "1:20")


# ------------------------------------------------------------------ blank text facts (item 12)

STATE_FACILITY = (
    "blank text; a blank would count as a state facility used: omit the key if none was "
    "used, or name the facility"
)


@pytest.mark.parametrize("blank", ['""', '" "', '"\\t "'])
def test_a_blank_state_facility_is_an_error_not_a_facility_used(
    case_error: CaseError, blank: str
) -> None:
    """`state_facility: " "` gave a BERAT finding from blank text; now it is refused at its
    place with how to fix it."""
    text = replaced(
        CASE_YAML,
        "    candidate_ids: [c1]\n",
        f"    candidate_ids: [c1]\n    state_facility: {blank}\n",
    )
    assert case_error(text) == f"case.yaml:11:5: activities[0].state_facility: {STATE_FACILITY}"


def test_a_blank_party_is_an_error_not_a_party() -> None:
    """A blank party would have made an independent candidate party-nominated."""
    with pytest.raises(CaseFileError) as info:
        parse_case(replaced(CASE_YAML, "party: Partai X", "party: ''"), "case.yaml")
    assert str(info.value) == (
        "case.yaml:5:32: candidates[0].party: blank text; omit the key when there is no party "
        "(a candidate without one is independent), or name the party"
    )


ENGINE = get_engine()
# One day of handling for both paths, so a run that crosses midnight compares like with like.
AS_OF = dt.date(2026, 1, 15)
_BASE: dict[str, object] = {
    "id": "c",
    "election": "pemilu-2019",
    "asn": {"id": "a", "status": "PNS", "position_kind": "PELAKSANA", "agency": "Pemkab"},
    "candidates": [{"id": "c1", "office": "PRESIDEN", "party": "X"}],
    "activities": [
        {
            "id": "a1",
            "date": "2019-01-10",
            "kind": "partisan_gathering",
            "candidate_ids": ["c1"],
            "state_facility": "mobil dinas",
            "party": "X",
            "platform": "Facebook",
        }
    ],
}
_TEXT_FACTS = [
    ("asn", None, "agency"),
    ("asn", None, "unit"),
    ("asn", None, "region"),
    ("candidates", 0, "party"),
    ("activities", 0, "party"),
    ("activities", 0, "state_facility"),
    ("activities", 0, "platform"),
]


def _with(where: tuple[str, int | None, str], value: str) -> bytes:
    data = json.loads(json.dumps(_BASE))
    key, index, name = where
    target = data[key] if index is None else data[key][index]
    target[name] = value
    return json.dumps(data).encode()


@pytest.mark.parametrize("where", _TEXT_FACTS, ids=[".".join(map(str, w)) for w in _TEXT_FACTS])
@pytest.mark.parametrize("blank", ["", " ", "\t \n"])
def test_batch_fast_path_and_models_refuse_blank_text_facts_alike(
    where: tuple[str, int | None, str], blank: str
) -> None:
    """Every text fact rules can test: blank text leaves the msgspec fast path, and the batch
    (fast path) and the models' path give the same error line as `check` would."""
    assert decode(_with(where, "x")) is not None
    line = _with(where, blank)
    assert decode(line) is None
    fast = evaluate_block(ENGINE, JsonlBlock("in.jsonl", 1, line + b"\n"), "jsonl", as_of=AS_OF)
    slow = evaluate_chunk(ENGINE, [line_record("in.jsonl", 1, line)], "jsonl", as_of=AS_OF)
    assert (list(fast.outputs), list(fast.errors)) == (list(slow.outputs), list(slow.errors))
    assert not fast.outputs
    assert len(fast.errors) == 1
    with pytest.raises(CaseFileError) as info:
        parse_case(line, "case.json")
    assert "blank text; " in str(info.value)


@settings(max_examples=examples(500))
@given(
    # Control characters and line separators aside: PyYAML folds some of them (U+0085) itself.
    st.text(st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp")), max_size=30)
    | st.from_regex(r"[-+]?[0-9oxe._:]{1,8}", fullmatch=True)
)
def test_text_pyyaml_writes_reads_back_as_that_text(text: str) -> None:
    """Whatever PyYAML writes for a text (quoted or not), the case reader reads back as the
    same text: the core schema only takes forms YAML 1.1 reads as the same type."""
    dumped = yaml.safe_dump({"k": text}, allow_unicode=True)
    assert read_yaml(dumped, "t.yaml", core_schema=True).data == {"k": text}


def test_an_integer_date_in_a_case_file_is_an_error(case_error: CaseError) -> None:
    """`date: 1552176000` was read as Unix time (10 Mar 2019); it is refused at its place."""
    text = replaced(CASE_YAML, "date: 2019-01-10", "date: 1552176000")
    assert case_error(text) == (
        "case.yaml:8:5: activities[0].date: a date is written YYYY-MM-DD (for example "
        "2019-03-10), not as the number 1552176000"
    )


def test_a_named_election_is_the_shipped_calendar_object() -> None:
    """A case naming a shipped calendar holds that very object (validated once, shared), so
    what is read once per calendar is not read again for every parsed case; an inline
    calendar stays the case's own."""
    from netralitas_rules import parse_case
    from netralitas_rules.elections import shipped_elections

    text = (
        "id: c\nelection: pemilu-2019\nasn: {id: a, status: PNS, position_kind: PELAKSANA}\n"
        "activities: [{id: x, date: 2019-03-01, kind: social_media_post}]\n"
    )
    first, second = parse_case(text, "c.yaml"), parse_case(text, "c.yaml")
    assert first.election is second.election is shipped_elections()["pemilu-2019"]
    inline = parse_case(text.replace("pemilu-2019", first.election.model_dump_json()), "c.yaml")
    assert inline.election == first.election
    assert inline.election is not first.election
