"""The committed JSON Schemas are current, and an editor using them accepts the shipped rule
files, calendars and example case, and rejects what the loader rejects."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from conftest import CASE_YAML, REPO, RULE_YAML, SEED_CASE, replaced
from netralitas_rules.schemas import SCHEMA_NAMES, committed, dumps, generate
from netralitas_rules.yamlpos import read_yaml

RULE_FILES = sorted(
    p for p in (REPO / "regulations").rglob("*.yaml") if "tests" not in p.relative_to(REPO).parts
)


def _validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(generate(name), format_checker=Draft202012Validator.FORMAT_CHECKER)


def _json_data(text: str | bytes, file: str) -> Any:
    """The document as an editor's YAML plugin hands it to a JSON Schema: dates as text."""
    located = read_yaml(text, file)
    assert located.problems == []
    return _jsonable(located.data)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _errors(name: str, data: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in _validator(name).iter_errors(data)
    ]


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_committed_schema_is_current(name: str) -> None:
    """The committed schema equals the one generated from the models."""
    assert committed(name) == dumps(generate(name)), (
        f"src/netralitas_rules/schemas/{name}.schema.json is stale: run `make schemas`"
    )


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_schema_is_valid_draft_2020_12(name: str) -> None:
    """Each schema is itself a valid Draft 2020-12 schema."""
    Draft202012Validator.check_schema(generate(name))
    assert generate(name)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_there_are_shipped_rule_files() -> None:
    """The corpus this module checks is not empty."""
    assert len(RULE_FILES) >= 5


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_shipped_rule_files_validate(path: Path) -> None:
    """Every shipped rule file validates against the rules schema, as in an editor."""
    assert _errors("rules", _json_data(path.read_bytes(), str(path))) == []


@pytest.mark.parametrize("path", sorted((REPO / "elections").glob("*.yaml")), ids=lambda p: p.name)
def test_shipped_calendars_validate_as_inline_elections(path: Path) -> None:
    """A shipped calendar pasted inline into a case validates against the case schema."""
    case = _json_data(CASE_YAML, "case.yaml")
    case["election"] = _json_data(path.read_bytes(), str(path))
    assert _errors("case", case) == []


def test_example_case_validates() -> None:
    """The shipped example case validates against the case schema."""
    assert _errors("case", _json_data(SEED_CASE.read_bytes(), str(SEED_CASE))) == []


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("kind: PP", "kind: PPX", "instrument/kind"),
        ("  year: 2000\n", "  yaer: 2000\n", "instrument"),
        ("citation: Pasal 1 huruf a", "citation: Pasal satu", "provisions/0/citation"),
        ("activity.kind: ktp", "activity.knd: ktp", "provisions/0/when"),
        ("candidate.office: DPD", "candidate.office: DPR_RI", "provisions/0/when"),
    ],
)
def test_rules_schema_rejects_what_the_loader_rejects(old: str, new: str, where: str) -> None:
    """Typical slips are flagged by the editor too, at the same place."""
    errors = _errors("rules", _json_data(replaced(RULE_YAML, old, new), "x.yaml"))
    assert errors
    assert any(e.startswith(where) for e in errors), errors


def test_case_schema_rejects_unknown_activity_key() -> None:
    """A misspelt activity key is flagged by the case schema."""
    data = _json_data(replaced(CASE_YAML, "kind: partisan_gathering", "knd: x"), "c.yaml")
    assert any(e.startswith("activities/0") for e in _errors("case", data))


def test_schemas_ship_in_the_package() -> None:
    """The committed schemas are package data, readable via importlib.resources."""
    folder = resources.files("netralitas_rules.schemas")
    assert sorted(p.name for p in folder.iterdir() if p.name.endswith(".json")) == [
        "case.schema.json",
        "deadlines.schema.json",
        "report.schema.json",
        "rules.schema.json",
        "test.schema.json",
    ]


def test_unknown_schema_name() -> None:
    """generate() names the schemas it knows."""
    with pytest.raises(ValueError, match="unknown schema 'x'; choose one of rules, case, report"):
        generate("x")
