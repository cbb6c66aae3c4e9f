"""Malformed rule files: every kind of problem gets `path:line:col: key.path: message`, with
the allowed values, and all problems of a file come at once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import RULE_YAML, replaced
from netralitas_rules import (
    NetralitasError,
    RegulationSetError,
    RuleFileError,
    load_regulations,
    load_rule_file,
)
from netralitas_rules.facts import FACTS

RuleError = Callable[..., str]
RulesDir = Callable[[dict[str, str]], Path]

ALL_FACTS = ", ".join(FACTS)
WHEN_ALL = (
    "      all:\n        - activity.kind: ktp_support_letter\n        - candidate.office: DPD\n"
)


def test_the_base_rule_file_is_valid() -> None:
    """The fixture every test breaks loads cleanly, so each failure below has one cause."""
    reg = load_rule_file(RULE_YAML, "2000-01-01.yaml")
    assert reg.key == "pp-1-2000@2000-01-01"
    assert [p.id for p in reg.provisions] == ["pp1-1"]


def test_yaml_syntax_error(rule_error: RuleError) -> None:
    """A YAML syntax error names the line and column where the parser stopped."""
    text = replaced(RULE_YAML, "instrument:\n", "x: [1\ninstrument:\n")
    assert rule_error(text) == (
        "2000-01-01.yaml:2:11: (document): YAML syntax: expected ',' or ']', but got ':'"
    )


def test_duplicate_key(rule_error: RuleError) -> None:
    """A repeated key is an error at the repeat, naming the first occurrence."""
    text = replaced(RULE_YAML, "  kind: PP\n", "  kind: PP\n  kind: UU\n")
    assert rule_error(text) == (
        "2000-01-01.yaml:4:3: instrument.kind: duplicate key 'kind' (first at line 3); keep one"
    )


def test_unknown_yaml_tag(rule_error: RuleError) -> None:
    """A Python object tag is refused, never constructed."""
    text = replaced(RULE_YAML, "title: Contoh\n", "title: !!python/object:os.system Contoh\n")
    assert rule_error(text) == (
        "2000-01-01.yaml:16:5: provisions[0].title: unknown YAML tag "
        "'tag:yaml.org,2002:python/object:os.system'; remove it (only plain YAML values are "
        "allowed)"
    )


def test_merge_key(rule_error: RuleError) -> None:
    """A merge key (<<) is refused at its own line, with the advice to write keys out."""
    text = replaced(RULE_YAML, "    consequence:\n", "    consequence: &c\n")
    text = replaced(text, "      level: verified\n", "      level: verified\n      <<: *c\n")
    assert rule_error(text) == (
        "2000-01-01.yaml:30:7: provisions[0].certainty: merge keys (<<) are not allowed; "
        "write the keys out"
    )


def test_unknown_key_suggests_and_lists_allowed(rule_error: RuleError) -> None:
    """An unknown key gets a did-you-mean and the allowed keys of that block."""
    text = replaced(RULE_YAML, "  year: 2000\n", "  yaer: 2000\n  year: 2000\n")
    assert rule_error(text) == (
        "2000-01-01.yaml:5:3: instrument.yaer: unknown key 'yaer'; did you mean 'year'?; "
        "allowed: citation_name, id, kind, number, short_name, succeeds, title, title_en, year"
    )


def test_missing_required_key(rule_error: RuleError) -> None:
    """A missing key is reported at its parent block with the full key path."""
    text = replaced(RULE_YAML, "  short_name: PP 1/2000\n", "")
    assert rule_error(text) == (
        "2000-01-01.yaml:1:1: instrument.short_name: required key is missing; add it"
    )


def test_wrong_enum_value_lists_allowed(rule_error: RuleError) -> None:
    """A value outside a closed vocabulary lists every allowed value."""
    text = replaced(RULE_YAML, "kind: PP", "kind: PPX")
    assert rule_error(text) == (
        "2000-01-01.yaml:3:3: instrument.kind: 'PPX' is not allowed; did you mean 'PP'?; "
        "allowed: 'UU', 'PERPPU', 'PP', 'PERPRES', 'SE', 'SKB' or 'PUTUSAN_MK'"
    )


def test_bad_citation_notation(rule_error: RuleError) -> None:
    """A citation that breaks statute notation says which label is wrong and what is meant."""
    text = replaced(RULE_YAML, "citation: Pasal 1 huruf a", "citation: Pasal satu")
    assert rule_error(text) == (
        "2000-01-01.yaml:15:5: provisions[0].citation: Pasal needs a label like 'Pasal 5', "
        "got 'satu' in 'Pasal satu'"
    )


def test_unknown_fact_path_suggests(rule_error: RuleError) -> None:
    """A misspelt fact path points at the fact key, suggests the right one, lists all."""
    text = replaced(RULE_YAML, "activity.kind: ktp", "activity.knd: ktp")
    assert rule_error(text) == (
        "2000-01-01.yaml:22:11: provisions[0].when.all[0].activity.knd: unknown fact "
        "'activity.knd'; did you mean 'activity.kind'?; facts are: all, any, not, or one of "
        f"{ALL_FACTS}"
    )


def test_operator_not_applicable_to_fact_type(rule_error: RuleError) -> None:
    """Ordering an enum fact is refused, naming the operators that apply."""
    text = replaced(RULE_YAML, "candidate.office: DPD", "candidate.office: {gt: DPD}")
    assert rule_error(text) == (
        "2000-01-01.yaml:23:30: provisions[0].when.all[1].candidate.office.gt: operator 'gt' "
        "does not apply to enum fact candidate.office; use one of eq, exists, in, ne, not_in"
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("'5'", "activity.asn_mobilised is an int fact; str '5' is not an int"),
        ("true", "activity.asn_mobilised is an int fact; bool True is not an int"),
        ("5.0", "activity.asn_mobilised is an int fact; float 5.0 is not an int"),
    ],
)
def test_wrong_value_type_is_not_coerced(rule_error: RuleError, value: str, message: str) -> None:
    """A value of the wrong type for the fact is an error: '5', true and 5.0 are not ints."""
    text = replaced(RULE_YAML, "candidate.office: DPD", f"activity.asn_mobilised: {value}")
    assert rule_error(text) == (
        f"2000-01-01.yaml:23:11: provisions[0].when.all[1].activity.asn_mobilised: {message}"
    )


def test_boolean_fact_rejects_text(rule_error: RuleError) -> None:
    """'yes' in quotes is text, not a boolean: no coercion."""
    text = replaced(RULE_YAML, "candidate.office: DPD", "activity.public: 'true'")
    assert rule_error(text) == (
        "2000-01-01.yaml:23:11: provisions[0].when.all[1].activity.public: activity.public is "
        "a bool fact; str 'true' is not a bool"
    )


def test_enum_fact_value_suggests(rule_error: RuleError) -> None:
    """A misspelt enum value in a condition suggests the right one and lists all."""
    text = replaced(RULE_YAML, "candidate.office: DPD", "candidate.office: DPR_RI")
    assert rule_error(text) == (
        "2000-01-01.yaml:23:11: provisions[0].when.all[1].candidate.office: str 'DPR_RI' is not "
        "a value of candidate.office; did you mean 'DPR'?; allowed: PRESIDEN, WAKIL_PRESIDEN, "
        "DPR, DPD, DPRD_PROVINSI, DPRD_KABUPATEN_KOTA, GUBERNUR, WAKIL_GUBERNUR, BUPATI, "
        "WAKIL_BUPATI, WALI_KOTA, WAKIL_WALI_KOTA"
    )


def test_empty_all(rule_error: RuleError) -> None:
    """`all: []` is refused: an empty conjunction would always hold."""
    text = replaced(
        RULE_YAML,
        WHEN_ALL,
        "      all: []\n",
    )
    assert rule_error(text) == (
        "2000-01-01.yaml:21:7: provisions[0].when.all: 'all' takes a non-empty list of conditions"
    )


def test_empty_any(rule_error: RuleError) -> None:
    """`any: []` is refused: an empty disjunction would never hold."""
    text = replaced(RULE_YAML, "        - candidate.office: DPD\n", "        - any: []\n")
    assert rule_error(text) == (
        "2000-01-01.yaml:23:11: provisions[0].when.all[1].any: 'any' takes a non-empty list of "
        "conditions"
    )


def test_condition_mapping_with_two_keys(rule_error: RuleError) -> None:
    """A condition mapping with two keys is ambiguous and refused."""
    text = replaced(
        RULE_YAML,
        WHEN_ALL,
        "      activity.kind: ktp_support_letter\n      candidate.office: DPD\n",
    )
    assert rule_error(text) == (
        "2000-01-01.yaml:20:5: provisions[0].when: a condition is a mapping with exactly one "
        "key (all, any, not, or a fact path), got a mapping with 2 keys"
    )


def test_tier_without_tier_basis(rule_error: RuleError) -> None:
    """A tier must name the article that assigns it."""
    text = replaced(RULE_YAML, "      tier_basis: Pasal 2\n", "")
    assert rule_error(text) == (
        "2000-01-01.yaml:24:5: provisions[0].consequence: a tier needs tier_basis: the article "
        "that assigns it"
    )


def test_pidana_without_penalty(rule_error: RuleError) -> None:
    """A criminal consequence needs its penalty and the penal article."""
    text = replaced(
        RULE_YAML,
        "      track: DISIPLIN\n      tier: SEDANG\n      tier_basis: Pasal 2\n",
        "      track: PIDANA\n",
    )
    assert rule_error(text) == (
        "2000-01-01.yaml:24:5: provisions[0].consequence: a PIDANA consequence needs penalty "
        "and penalty_basis"
    )


@pytest.mark.parametrize("level", ["single_source", "inferred", "unverified"])
def test_uncertain_without_notes(rule_error: RuleError, level: str) -> None:
    """Anything short of verified must say why, in both languages."""
    text = replaced(RULE_YAML, "level: verified", f"level: {level}")
    assert rule_error(text) == (
        f"2000-01-01.yaml:28:5: provisions[0].certainty: certainty {level} needs notes and "
        "notes_en saying why"
    )


@pytest.mark.parametrize("level", ["contested", "unresolved"])
def test_contested_without_alternatives(rule_error: RuleError, level: str) -> None:
    """A contested or unresolved reading must list the competing alternatives."""
    text = replaced(
        RULE_YAML, "level: verified", f"level: {level}\n      notes: a\n      notes_en: b"
    )
    assert rule_error(text) == (
        f"2000-01-01.yaml:28:5: provisions[0].certainty: certainty {level} needs the competing "
        "alternatives"
    )


def test_file_name_must_match_effective_from(rule_error: RuleError) -> None:
    """A date-named file must be named after its effective_from."""
    assert rule_error(RULE_YAML, "pp-1-2000/2000-01-02.yaml") == (
        "pp-1-2000/2000-01-02.yaml:10:3: version.effective_from: file is named '2000-01-02' but "
        "effective_from is 2000-01-01; name the file <effective_from>.yaml"
    )


def test_folder_must_match_instrument_id(rule_error: RuleError) -> None:
    """A date-named file must sit in the folder named after its instrument."""
    assert rule_error(RULE_YAML, "pp-2-2000/2000-01-01.yaml") == (
        "pp-2-2000/2000-01-01.yaml:2:3: instrument.id: instrument id 'pp-1-2000' differs from "
        "its folder 'pp-2-2000'; keep them equal"
    )


def test_duplicate_provision_id_in_one_file(rule_error: RuleError) -> None:
    """Two provisions with one id in a file: the second is pointed at."""
    second = RULE_YAML[RULE_YAML.index("  - id: pp1-1") :]
    assert rule_error(RULE_YAML + second) == (
        "2000-01-01.yaml:30:5: provisions[1].id: provision id 'pp1-1' repeats provisions[0]"
    )


def test_all_problems_of_a_file_at_once(rule_error: RuleError) -> None:
    """A file with three problems gives three lines, in file order."""
    text = replaced(RULE_YAML, "kind: PP", "kind: PPX")
    text = replaced(text, "  short_name: PP 1/2000\n", "")
    text = replaced(text, "activity.kind: ktp", "activity.knd: ktp")
    with pytest.raises(RuleFileError) as info:
        load_rule_file(text, "2000-01-01.yaml")
    lines = str(info.value).splitlines()
    assert len(lines) == 3
    assert len(info.value.problems) == 3
    assert lines[0] == "2000-01-01.yaml:1:1: instrument.short_name: required key is missing; add it"
    assert lines[1].startswith("2000-01-01.yaml:3:3: instrument.kind: 'PPX' is not allowed;")
    assert lines[2].startswith(
        "2000-01-01.yaml:21:11: provisions[0].when.all[0].activity.knd: unknown fact"
    )


def test_rule_file_error_is_netralitas_and_value_error(rule_error: RuleError) -> None:
    """RuleFileError belongs to the library's hierarchy and is a ValueError."""
    with pytest.raises(RuleFileError) as info:
        load_rule_file("", "x.yaml")
    assert isinstance(info.value, NetralitasError)
    assert isinstance(info.value, ValueError)
    assert issubclass(RegulationSetError, NetralitasError)
    assert issubclass(RegulationSetError, ValueError)
    assert str(info.value) == "x.yaml:1:1: (document): the file is empty"


# --------------------------------------------------------------------------- across files


def _version(effective_from: str, superseded_on: str | None, provision_id: str) -> str:
    validity = f"effective_from: {effective_from}"
    if superseded_on:
        validity += f"\n  superseded_on: {superseded_on}"
    text = replaced(RULE_YAML, "effective_from: 2000-01-01", validity)
    return replaced(text, "id: pp1-1", f"id: {provision_id}")


def _set_error(rules_dir: RulesDir, files: dict[str, str]) -> str:
    root = rules_dir(files)
    with pytest.raises(RegulationSetError) as info:
        load_regulations([root])
    return str(info.value).replace(str(root), "R")


def test_versions_that_meet_load(rules_dir: RulesDir) -> None:
    """Two versions whose validity meets exactly form one valid lineage."""
    root = rules_dir(
        {
            "pp-1-2000/2000-01-01.yaml": _version("2000-01-01", "2005-01-01", "a"),
            "pp-1-2000/2005-01-01.yaml": _version("2005-01-01", None, "b"),
        }
    )
    regs = load_regulations([root])
    assert [r.key for r in regs.versions] == ["pp-1-2000@2000-01-01", "pp-1-2000@2005-01-01"]


def test_overlapping_versions(rules_dir: RulesDir) -> None:
    """An earlier version that runs past the start of the next one is an overlap."""
    files = {
        "pp-1-2000/2000-01-01.yaml": _version("2000-01-01", "2006-01-01", "a"),
        "pp-1-2000/2005-01-01.yaml": _version("2005-01-01", None, "b"),
    }
    assert _set_error(rules_dir, files) == (
        "R/pp-1-2000/2005-01-01.yaml:10:3: version.effective_from: versions of pp-1-2000 "
        "overlap: R/pp-1-2000/2000-01-01.yaml runs until 2006-01-01 (exclusive) but this one "
        "starts 2005-01-01; set the earlier superseded_on to 2005-01-01"
    )


def test_gapped_versions(rules_dir: RulesDir) -> None:
    """Days that no version covers between two versions are a gap."""
    files = {
        "pp-1-2000/2000-01-01.yaml": _version("2000-01-01", "2004-01-01", "a"),
        "pp-1-2000/2005-01-01.yaml": _version("2005-01-01", None, "b"),
    }
    assert _set_error(rules_dir, files) == (
        "R/pp-1-2000/2005-01-01.yaml:10:3: version.effective_from: gap in pp-1-2000: "
        "R/pp-1-2000/2000-01-01.yaml ends 2004-01-01 (exclusive) but this version starts "
        "2005-01-01; make them meet"
    )


def test_open_ended_version_followed_by_another(rules_dir: RulesDir) -> None:
    """A version without superseded_on cannot be followed by a later version."""
    files = {
        "pp-1-2000/2000-01-01.yaml": _version("2000-01-01", None, "a"),
        "pp-1-2000/2005-01-01.yaml": _version("2005-01-01", None, "b"),
    }
    assert _set_error(rules_dir, files) == (
        "R/pp-1-2000/2000-01-01.yaml:9:1: version.superseded_on: version 2000-01-01 of "
        "pp-1-2000 is open-ended but R/pp-1-2000/2005-01-01.yaml starts 2005-01-01; set "
        "superseded_on: 2005-01-01"
    )


def test_a_provision_keeps_its_id_across_versions(rules_dir: RulesDir) -> None:
    """The same id in two versions of one instrument loads: the version key tells them apart."""
    root = rules_dir(
        {
            "pp-1-2000/2000-01-01.yaml": _version("2000-01-01", "2005-01-01", "a"),
            "pp-1-2000/2005-01-01.yaml": _version("2005-01-01", None, "a"),
        }
    )
    regs = load_regulations([root])
    assert [(r.key, p.id) for r, p in regs.provisions()] == [
        ("pp-1-2000@2000-01-01", "a"),
        ("pp-1-2000@2005-01-01", "a"),
    ]


def test_duplicate_provision_id_across_instruments(rules_dir: RulesDir) -> None:
    """A provision id belongs to one instrument: another instrument may not reuse it."""
    other = replaced(_version("2000-01-01", None, "a"), "id: pp-1-2000", "id: pp-2-2000")
    files = {
        "pp-1-2000/2000-01-01.yaml": _version("2000-01-01", None, "a"),
        "pp-2-2000/2000-01-01.yaml": other,
    }
    assert _set_error(rules_dir, files) == (
        "R/pp-2-2000/2000-01-01.yaml:14:5: provisions[0].id: provision id 'a' is also used by "
        "instrument 'pp-1-2000' (R/pp-1-2000/2000-01-01.yaml); ids are unique across "
        "instruments: choose another id"
    )


def test_unknown_instrument_in_reference(rules_dir: RulesDir) -> None:
    """A reference to an instrument that is not loaded suggests and lists the loaded ones."""
    text = replaced(
        RULE_YAML, "tier_basis: Pasal 2", "tier_basis: {instrument: pp-9-2000, pinpoint: Pasal 2}"
    )
    assert _set_error(rules_dir, {"pp-1-2000/2000-01-01.yaml": text}) == (
        "R/pp-1-2000/2000-01-01.yaml:27:7: provisions[0].consequence.tier_basis: unknown "
        "instrument 'pp-9-2000'; did you mean 'pp-1-2000'?; loaded: pp-1-2000"
    )


def test_unknown_succeeds(rules_dir: RulesDir) -> None:
    """`succeeds` must name a loaded instrument."""
    text = replaced(
        RULE_YAML, "  short_name: PP 1/2000\n", "  short_name: PP 1/2000\n  succeeds: [pp-1-1999]\n"
    )
    assert _set_error(rules_dir, {"pp-1-2000/2000-01-01.yaml": text}) == (
        "R/pp-1-2000/2000-01-01.yaml:9:3: instrument.succeeds: succeeds unknown instrument "
        "'pp-1-1999'; loaded: pp-1-2000"
    )


def test_every_problem_of_every_file(rules_dir: RulesDir) -> None:
    """load_regulations reports the problems of all files together, not the first file's."""
    root = rules_dir(
        {
            "pp-1-2000/2000-01-01.yaml": replaced(RULE_YAML, "kind: PP", "kind: PPX"),
            "pp-1-2000/2005-01-01.yaml": replaced(
                _version("2005-01-01", None, "b"), "year: 2000", "yr: 2000"
            ),
        }
    )
    with pytest.raises(RuleFileError) as info:
        load_regulations([root])
    assert [(Path(p.file).name, p.line, p.key_path) for p in info.value.problems] == [
        ("2000-01-01.yaml", 3, "instrument.kind"),
        ("2005-01-01.yaml", 1, "instrument.year"),
        ("2005-01-01.yaml", 5, "instrument.yr"),
    ]


def test_missing_rules_path(tmp_path: Path) -> None:
    """A rules path that does not exist is a RuleFileError naming it."""
    missing = tmp_path / "nope"
    with pytest.raises(RuleFileError) as info:
        load_regulations([missing])
    assert str(info.value) == f"{missing}:1:1: (document): no such file or folder"


def test_test_folders_are_not_rule_files(rules_dir: RulesDir) -> None:
    """YAML under an instrument's tests/ folder is policy-writer tests, not rules."""
    root = rules_dir(
        {
            "pp-1-2000/2000-01-01.yaml": RULE_YAML,
            "pp-1-2000/tests/topic.yaml": "cases: []\n",
        }
    )
    assert [r.key for r in load_regulations([root]).versions] == ["pp-1-2000@2000-01-01"]


def test_tier_from_names_a_loaded_provision(rules_dir: RulesDir) -> None:
    """`tier_from` must name provisions of the loaded files, with a did-you-mean."""
    text = replaced(
        RULE_YAML,
        "      tier: SEDANG\n      tier_basis: Pasal 2\n",
        "      tier_from: [pp1-2]\n",
    )
    assert _set_error(rules_dir, {"pp-1-2000/2000-01-01.yaml": text}) == (
        "R/pp-1-2000/2000-01-01.yaml:26:19: provisions[0].consequence.tier_from[0]: unknown "
        "provision 'pp1-2'; did you mean 'pp1-1'?; tier_from names provisions of the loaded "
        "rule files"
    )


def test_tier_from_beside_a_tier(rule_error: RuleError) -> None:
    """A consequence either has its own tier or defers to other provisions, not both."""
    text = replaced(
        RULE_YAML,
        "      tier_basis: Pasal 2\n",
        "      tier_basis: Pasal 2\n      tier_from: [pp1-1]\n",
    )
    assert rule_error(text) == (
        "2000-01-01.yaml:24:5: provisions[0].consequence: tier_from is for a DISIPLIN "
        "consequence without a tier of its own; remove tier or tier_from"
    )
