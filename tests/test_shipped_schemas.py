"""Every shipped rule file and policy-writer test file names its JSON Schema in a
``yaml-language-server`` header, and validates against it."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from netralitas_rules.schemas import committed, dumps, generate

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "src" / "netralitas_rules" / "schemas"
RULE_FILES = sorted((ROOT / "regulations").glob("*/*.yaml"))
TEST_FILES = sorted((ROOT / "regulations").glob("*/tests/*.yaml"))


@cache
def _schema(name: str) -> dict[str, Any]:
    return generate(name)


def _jsonable(node: Any) -> Any:
    """YAML data as JSON would carry it: dates become ISO text."""
    if isinstance(node, dict):
        return {str(k): _jsonable(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_jsonable(v) for v in node]
    if isinstance(node, dt.date):
        return node.isoformat()
    return node


def _header_target(path: Path) -> Path:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix), f"{path}: first line must be {prefix}<relative path>"
    return (path.parent / first.removeprefix(prefix)).resolve()


def test_the_test_file_schema_is_committed_and_current() -> None:
    """`netralitas schema test` output is what src/.../schemas/test.schema.json holds."""
    assert committed("test") == dumps(generate("test"))


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_rule_file_has_the_header_and_validates(path: Path) -> None:
    """A rule file's header points at rules.schema.json, and the file validates."""
    assert _header_target(path) == SCHEMAS / "rules.schema.json"
    data = _jsonable(yaml.safe_load(path.read_text(encoding="utf-8")))
    jsonschema.validate(data, _schema("rules"))


@pytest.mark.parametrize("path", TEST_FILES, ids=lambda p: f"{p.parts[-3]}/{p.name}")
def test_a_policy_test_file_has_the_header_and_validates(path: Path) -> None:
    """A test file's header points at test.schema.json, and the file validates."""
    assert _header_target(path) == SCHEMAS / "test.schema.json"
    data = _jsonable(yaml.safe_load(path.read_text(encoding="utf-8")))
    jsonschema.validate(data, _schema("test"))


def test_the_test_file_schema_refuses_what_the_reader_refuses() -> None:
    """An unknown expect key, a case without expect, or a bad version are schema errors."""
    schema = generate("test")
    good = {"cases": [{"name": "x", "expect": {"findings": []}}]}
    jsonschema.validate(good, schema)
    bad_files: list[dict[str, Any]] = [
        {"cases": [{"name": "x", "expect": {"finding": []}}]},
        {"cases": [{"name": "x"}]},
        {"cases": [{"name": "x", "id": "y", "expect": {"absent": []}}]},
        {"cases": [{"name": "x", "expect": {"findings": [{"provision": "p", "version": "v1"}]}}]},
        {"cases": []},
    ]
    for bad in bad_files:
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema)
