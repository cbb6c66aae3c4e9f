"""Reading YAML with positions: every key and item has its line and column, and plain
documents read exactly as PyYAML reads them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from _profiles import examples
from netralitas_rules.yamlpos import BadByte, decode_utf8, read_yaml, render_path

DOC = """\
a:
  b: 1
  list:
    - x
    - {k: v}
c: [1, 2]
"""


def test_positions_of_keys_and_items() -> None:
    """Keys point at the key, items at the item."""
    loc = read_yaml(DOC, "d.yaml")
    assert loc.problems == []
    assert loc.positions[("a",)] == (1, 1)
    assert loc.positions[("a", "b")] == (2, 3)
    assert loc.positions[("a", "list", 0)] == (4, 7)
    assert loc.positions[("a", "list", 1, "k")] == (5, 8)
    assert loc.positions[("c", 1)] == (6, 8)


def test_position_falls_back_to_the_nearest_parent() -> None:
    """A path that does not exist (a missing key) is placed at its deepest existing parent."""
    loc = read_yaml(DOC, "d.yaml")
    assert loc.position(("a", "missing", "deeper")) == (1, 1)
    assert loc.position(("a", "list", 1, "missing")) == (5, 7)
    problem = loc.problem(("a", "list", 1, "missing"), "add it")
    assert str(problem) == "d.yaml:5:7: a.list[1].missing: add it"


def test_render_path() -> None:
    """Key paths render with dots for keys and brackets for indexes."""
    assert render_path(("provisions", 3, "when", "all", 0)) == "provisions[3].when.all[0]"
    assert render_path(()) == ""
    assert render_path((0, "a")) == "[0].a"


def test_duplicate_key_in_a_nested_block() -> None:
    """A duplicate key inside a nested mapping is found at its own place; the first wins."""
    loc = read_yaml("a:\n  b: 1\n  c: 2\n  b: 3\n", "d.yaml")
    assert [str(p) for p in loc.problems] == [
        "d.yaml:4:3: a.b: duplicate key 'b' (first at line 2); keep one"
    ]
    assert loc.data == {"a": {"b": 1, "c": 2}}


def test_text_and_bytes_read_alike() -> None:
    """A document reads the same from text and from its UTF-8 bytes."""
    text = "nama: Pejabat Ä\ncatatan: 🗳\n"
    assert read_yaml(text, "t").data == read_yaml(text.encode(), "t").data


_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.dates()
)
_KEYS = st.text(min_size=1, max_size=10)


@given(
    st.recursive(
        _SCALARS,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4),
        max_leaves=25,
    )
)
def test_plain_documents_read_as_pyyaml_reads_them(data: Any) -> None:
    """For plain YAML (no tags beyond the standard, no duplicates) the values are PyYAML's."""
    text = yaml.safe_dump({"root": data}, allow_unicode=True)
    loc = read_yaml(text, "gen.yaml")
    assert loc.problems == []
    assert loc.data == yaml.safe_load(text)


def _python_only(monkeypatch: pytest.MonkeyPatch) -> None:
    import netralitas_rules.yamlpos as yamlpos

    monkeypatch.setattr(yamlpos, "_CLoader", None)


def test_libyaml_and_pure_python_read_every_repository_yaml_alike(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The libyaml composer (start-up speed) gives the same data, positions and problems as
    PyYAML's own on every YAML file of the repository."""
    import netralitas_rules.yamlpos as yamlpos

    if yamlpos._CLoader is None:
        pytest.skip("PyYAML without libyaml")
    root = Path(__file__).resolve().parents[1]
    files = sorted(
        p
        for d in ("regulations", "elections", "examples", "tests", "src")
        for p in (root / d).rglob("*.yaml")
    )
    assert len(files) > 30
    fast = [read_yaml(p.read_bytes(), str(p)) for p in files]
    _python_only(monkeypatch)
    slow = [read_yaml(p.read_bytes(), str(p)) for p in files]
    for f, s, p in zip(fast, slow, files, strict=True):
        assert (f.data, f.positions, f.problems) == (s.data, s.positions, s.problems), p


@pytest.mark.parametrize(
    "text",
    [
        "a: [" * 80 + "]" * 80,  # deeper than the limit: refused before libyaml composes
        "a: &x [1, 2]\nb: *x\nc: *x\n",
        "a: 1\na: 2\n",
        "a: !!python/object:os.system x\n",
        "<<: {a: 1}\n",
        "a: b: c\n",
        "\t- x\n",
        "",
    ],
)
def test_libyaml_path_reports_what_the_python_path_reports(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = read_yaml(text, "x.yaml")
    _python_only(monkeypatch)
    slow = read_yaml(text, "x.yaml")
    assert (fast.data, fast.positions, fast.problems) == (slow.data, slow.positions, slow.problems)


def _first_bad_byte(data: bytes) -> int | None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start
    return None


@settings(max_examples=examples(200))
@given(st.binary(max_size=60), st.integers(min_value=1, max_value=5))
def test_decode_utf8_gives_the_text_or_the_place_of_the_first_bad_byte(
    data: bytes, first_line: int
) -> None:
    """Property: the text when the bytes are UTF-8; else the offset of the first byte that
    is not, with its line (from ``first_line``) and 1-based column."""
    found = decode_utf8(data, first_line)
    bad = _first_bad_byte(data)
    if bad is None:
        assert found == data.decode("utf-8")
        return
    before = data[:bad]
    assert found == BadByte(
        first_line + before.count(b"\n"), len(before) - before.rfind(b"\n"), bad
    )
