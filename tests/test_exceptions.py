"""Exceptions as provisions of their own (``exceptions:`` with ``exception_to``): an
exception in force withdraws the excepted finding for the same act and candidate, the
report names it, and the loader and lint check what an exception names."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import RULE_YAML, replaced
from netralitas_rules import RegulationSetError, get_engine, load_regulations, parse_case
from netralitas_rules.engine import compile_rules
from netralitas_rules.engine.exceptions import withdraw
from netralitas_rules.excepting import overlap_warnings

RulesDir = Callable[[dict[str, str]], Path]
SKB_2022 = "SKB Netralitas 2022"

try:
    import durable  # noqa: F401  # the optional backend: tested when installed

    BACKENDS = ["python", "durable"]
except ImportError:  # pragma: no cover - the rete extra is not installed
    BACKENDS = ["python"]

SPOUSE_2024 = """\
id: case-1
election: pilkada-2024
asn: {id: asn-1, status: PNS, position_kind: PELAKSANA, on_unpaid_leave: true}
candidates:
  - {id: istri, office: WALI_KOTA, party: Partai X, penetapan_date: 2024-09-22}
relationships:
  - {person: asn-1, relative: istri, kinship: spouse}
activities:
  - {id: a1, date: 2024-10-10, kind: campaign_attendance, candidate_ids: [istri]}
"""

SPOUSE_2018 = """\
id: case-2
election:
  id: pilkada-uji-2018
  kind: PILKADA
  name: Pilkada 2018 (uji)
  stages:
    - {kind: PENETAPAN_CALON, start: 2018-01-10, end: 2018-01-10}
    - {kind: MASA_KAMPANYE, start: 2018-01-15, end: 2018-06-23}
asn: {id: asn-1, status: PNS, position_kind: PELAKSANA, on_unpaid_leave: true}
candidates:
  - {id: suami, office: BUPATI, party: Partai X, penetapan_date: 2018-01-10}
relationships:
  - {person: asn-1, relative: suami, kinship: spouse}
activities:
  - {id: a1, date: 2018-02-01, kind: campaign_attendance, candidate_ids: [suami]}
  - {id: a2, date: 2018-02-02, kind: campaign_attendance, candidate_ids: [suami]}
"""


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_exception_in_force_withdraws_the_finding_and_says_which(backend: str) -> None:
    """SKB 2022 A7 withdraws PP 94 Pasal 5 huruf n angka 1 for passive attendance on leave at
    a spouse's campaign, and the report names the exception with its citation."""
    report = get_engine(backend).evaluate(parse_case(SPOUSE_2024))
    assert report.findings == ()
    [applied] = report.exceptions_applied
    assert (applied.activity_id, applied.candidate_id) == ("a1", "istri")
    assert (applied.provision_id, applied.version) == ("pp94-5-n-1", "pp-94-2021@2021-08-31")
    assert (applied.exception_id, applied.exception_version) == (
        "skb22-a7-cltn",
        "skb-netralitas-2022@2022-09-22",
    )
    assert applied.citation.role == "exception"
    assert applied.citation.text.startswith("Lampiran huruf A angka 7 ")
    assert applied.exception_instrument_name == SKB_2022


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_exception_applies_only_while_its_instrument_is_in_force(backend: str) -> None:
    """The day before SE MenPANRB B/36/2018 took effect PP 53/2010's finding stands; from
    that day the letter withdraws it."""
    report = get_engine(backend).evaluate(parse_case(SPOUSE_2018))
    assert [(f.activity_id, f.provision_id) for f in report.findings] == [("a1", "pp53-4-15-a")]
    assert [(e.activity_id, e.provision_id, e.exception_id) for e in report.exceptions_applied] == [
        ("a2", "pp53-4-15-a", "se36-1-b-cltn")
    ]


def test_hits_are_the_findings_after_withdrawal() -> None:
    """`hits` (the batch's path) leaves out withdrawn provisions and the exceptions alike."""
    engine = get_engine()
    for text in (SPOUSE_2018, SPOUSE_2024):
        case = parse_case(text)
        hits = [(a.id, rule.id) for a, _, rule in engine.hits(case)]
        assert hits == [(f.activity_id, f.provision_id) for f in engine.evaluate(case).findings]


def test_a_report_without_exceptions_leaves_the_field_unset() -> None:
    """A case no exception touches has an empty ``exceptions_applied`` left at its default."""
    case = parse_case(replaced(SPOUSE_2024, "on_unpaid_leave: true", "on_unpaid_leave: false"))
    report = get_engine().evaluate(case)
    assert report.exceptions_applied == ()
    assert "exceptions_applied" not in report.model_fields_set
    assert [f.provision_id for f in report.findings] == ["pp94-5-n-1", "skb22-a7"]


def test_exceptions_are_numbered_after_every_provision() -> None:
    """Compiled exceptions follow the provisions, so adding one renumbers no provision."""
    rules = compile_rules(load_regulations()).rules
    kinds = [bool(r.excepts) for r in rules]
    assert any(kinds)
    assert kinds == sorted(kinds)
    with pytest.raises(TypeError, match="is an exception"):
        _ = next(r for r in rules if r.excepts).prohibition


def test_two_exceptions_of_one_provision_are_both_named() -> None:
    """When two matched exceptions except one provision, both withdrawals are reported, and
    the exceptions themselves make no finding."""
    rules = compile_rules(load_regulations()).rules
    by_id = {r.id: r for r in rules if r.regulation.key.startswith(("pp-53", "se-", "skb-"))}
    prov, se, skb = by_id["pp53-4-15-a"], by_id["se36-1-b-cltn"], by_id["skb20-11-cltn"]
    other = by_id["pp53-4-15-b"]
    kept, gone = withdraw([prov, other, se, skb])
    assert kept == [other]
    assert gone == [(prov, se), (prov, skb)]
    assert withdraw([prov, other]) == ([prov, other], [])


EXCEPTION_FILE = """\
instrument:
  id: se-1-2001
  kind: SE
  number: "1"
  year: 2001
  title: Surat Edaran Nomor 1 Tahun 2001 tentang Contoh
  title_en: Circular 1 of 2001 on Examples
  short_name: SE 1/2001
version:
  effective_from: 2001-01-01
  superseded_on: 2002-01-01
  checked_against:
    - source: example
exceptions:
  - id: se1-1
    citation: angka 1
    exception_to: [pp1-1]
    title: Pengecualian
    title_en: Exception
    summary: Ringkasan.
    summary_en: Summary.
    when:
      asn.on_unpaid_leave: true
    certainty:
      level: verified
"""


def _files(exception: str = EXCEPTION_FILE, rule: str = RULE_YAML) -> dict[str, str]:
    return {"pp-1-2000/2000-01-01.yaml": rule, "se-1-2001/2001-01-01.yaml": exception}


def _set_error(rules_dir: RulesDir, files: dict[str, str]) -> str:
    root = rules_dir(files)
    with pytest.raises(RegulationSetError) as info:
        load_regulations([root])
    return str(info.value).replace(str(root), "R")


def test_an_exception_to_an_unknown_provision_is_refused(rules_dir: RulesDir) -> None:
    """``exception_to`` must name a loaded provision; the message suggests the near one."""
    text = replaced(EXCEPTION_FILE, "exception_to: [pp1-1]", "exception_to: [pp1-2]")
    assert _set_error(rules_dir, _files(text)) == (
        "R/se-1-2001/2001-01-01.yaml:17:20: exceptions[0].exception_to[0]: unknown provision "
        "'pp1-2'; did you mean 'pp1-1'?; exception_to names provisions of the loaded rule files"
    )


def test_an_exception_naming_the_wrong_instrument_is_refused(rules_dir: RulesDir) -> None:
    """An ``{instrument, provision}`` target must name the provision's own instrument."""
    text = replaced(
        EXCEPTION_FILE,
        "exception_to: [pp1-1]",
        "exception_to:\n      - {instrument: se-1-2001, provision: pp1-1}",
    )
    assert _set_error(rules_dir, _files(text)) == (
        "R/se-1-2001/2001-01-01.yaml:18:9: exceptions[0].exception_to[0]: provision 'pp1-1' "
        "belongs to 'pp-1-2000', not 'se-1-2001'; name instrument 'pp-1-2000' or drop it"
    )


def test_an_exception_shares_the_provision_ids(rules_dir: RulesDir) -> None:
    """An exception's id may not repeat a provision id of another instrument."""
    text = replaced(EXCEPTION_FILE, "id: se1-1", "id: pp1-1")
    assert _set_error(rules_dir, _files(text)) == (
        "R/se-1-2001/2001-01-01.yaml:15:5: exceptions[0].id: provision id 'pp1-1' is also used "
        "by instrument 'pp-1-2000' (R/pp-1-2000/2000-01-01.yaml); ids are unique across "
        "instruments: choose another id"
    )


def test_lint_warns_about_an_exception_never_in_force_with_its_provision(
    rules_dir: RulesDir,
) -> None:
    """An exception whose version never overlaps the excepted provision's is a lint warning,
    not a load error."""
    late = replaced(RULE_YAML, "effective_from: 2000-01-01", "effective_from: 2003-01-01")
    root = rules_dir(
        {"pp-1-2000/2003-01-01.yaml": late, "se-1-2001/2001-01-01.yaml": EXCEPTION_FILE}
    )
    regs = load_regulations([root])
    warnings = [str(w).replace(str(root), "R") for w in overlap_warnings(regs, "en")]
    assert warnings == [
        "R/se-1-2001/2001-01-01.yaml:17:20: exceptions[0].exception_to[0]: exception se1-1 "
        "([2001-01-01, 2002-01-01)) is never in force together with provision pp1-1 that it "
        "excepts (versions [2003-01-01, …)); check exception_to or the dates"
    ]
    assert list(overlap_warnings(load_regulations())) == []  # the shipped corpus


def test_the_synthetic_exception_withdraws_only_in_its_period(rules_dir: RulesDir) -> None:
    """Within [2001, 2002) the SE withdraws pp1-1 for an ASN on leave; before and after it
    the finding stands."""
    engine = get_engine("python", load_regulations([rules_dir(_files())]))
    case = parse_case(
        """\
id: case-3
election: pemilu-2019
asn: {id: asn-1, status: PNS, position_kind: PELAKSANA, on_unpaid_leave: true}
candidates:
  - {id: c1, office: DPD}
activities:
  - {id: a1, date: 2000-06-01, kind: ktp_support_letter, candidate_ids: [c1]}
  - {id: a2, date: 2001-06-01, kind: ktp_support_letter, candidate_ids: [c1]}
  - {id: a3, date: 2002-06-01, kind: ktp_support_letter, candidate_ids: [c1]}
"""
    )
    report = engine.evaluate(case)
    assert [f.activity_id for f in report.findings] == ["a1", "a3"]
    assert [e.activity_id for e in report.exceptions_applied] == ["a2"]
