"""The engine: the seed case's cited findings, report stamps, thread safety, a deterministic
order of findings, and backends by name."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _profiles import examples
from conftest import RULE_YAML, SEED_CASE
from netralitas_rules import (
    BackendUnavailableError,
    Case,
    Finding,
    NetralitasError,
    Report,
    __version__,
    evaluate,
    get_engine,
    load_case,
    load_regulations,
    parse_case,
)
from netralitas_rules.engine import PythonEngine, compile_rules, library_version
from netralitas_rules.testing.strategies import cases

SEED_INSTRUMENTS = {"pp-53-2010", "se-menpanrb-b71-2017"}


@pytest.fixture(scope="module")
def seed_report() -> Report:
    """The shipped example evaluated once with the default backend."""
    return evaluate(load_case(SEED_CASE))


def _core(report: Report) -> list[Finding]:
    """Findings of the disciplinary and ethics instruments the seed case is built on."""
    return [f for f in report.findings if f.instrument in SEED_INSTRUMENTS]


def test_seed_case_findings(seed_report: Report) -> None:
    """The seed case: SE 71/2017 on the pre-penetapan share, PP 53/2010 on the decision and
    the meeting, each with its tier."""
    pp53, se71 = "pp-53-2010@2010-06-06", "se-menpanrb-b71-2017@2017-12-27"
    assert [
        (f.activity_id, f.candidate_id, f.provision_id, f.version, f.track.value, f.tier)
        for f in _core(seed_report)
    ] == [
        ("foto-bakal-paslon", "paslon-01", "se71-e", se71, "ETIK", None),
        ("keputusan-dinas", "paslon-01", "pp53-4-1", pp53, "DISIPLIN", "BERAT"),
        ("keputusan-dinas", "paslon-01", "pp53-4-13-a", pp53, "DISIPLIN", "BERAT"),
        ("pertemuan-tatap-muka", "paslon-01", "pp53-4-1", pp53, "DISIPLIN", "BERAT"),
        ("pertemuan-tatap-muka", "paslon-01", "pp53-4-13-b", pp53, "DISIPLIN", "SEDANG"),
    ]


def test_seed_case_citations_in_full(seed_report: Report) -> None:
    """Findings cite prohibition, tier basis and sanction forms in full statute form."""
    by_key = {(f.activity_id, f.provision_id): f for f in seed_report.findings}
    decision = by_key[("keputusan-dinas", "pp53-4-13-a")]
    assert [(c.role, c.instrument, c.text) for c in decision.citations] == [
        (
            "prohibition",
            "pp-53-2010",
            "Pasal 4 angka 13 huruf a Peraturan Pemerintah Nomor 53 Tahun 2010",
        ),
        ("also", "uu-7-2017", "Pasal 282 Undang-Undang Nomor 7 Tahun 2017"),
        ("tier", "pp-53-2010", "Pasal 13 angka 12 Peraturan Pemerintah Nomor 53 Tahun 2010"),
        ("forms", "pp-53-2010", "Pasal 7 ayat (4) Peraturan Pemerintah Nomor 53 Tahun 2010"),
    ]
    assert str(decision.citation.pinpoint) == "Pasal 4 angka 13 huruf a"
    share = by_key[("foto-bakal-paslon", "se71-e")]
    assert share.citation.text == "huruf e Surat Edaran Menteri PANRB Nomor B/71/M.SM.00.00/2017"
    assert [c.text for c in share.citations if c.role == "forms"] == [
        "Pasal 15 ayat (3) Peraturan Pemerintah Nomor 42 Tahun 2004"
    ]


def test_seed_case_explanations_carry_fact_values(seed_report: Report) -> None:
    """Each condition element is listed with the fact value that satisfied it."""
    by_key = {(f.activity_id, f.provision_id): f for f in seed_report.findings}
    decision = by_key[("keputusan-dinas", "pp53-4-13-a")]
    assert [(e.element, e.fact, e.value, e.held) for e in decision.explanation] == [
        ("activity.kind = favouring_decision", "activity.kind", "favouring_decision", True),
        ("candidate.office in [PRESIDEN, WAKIL_PRESIDEN]", "candidate.office", "PRESIDEN", True),
        ("candidate.standing = CALON", "candidate.standing", "CALON", True),
        (
            "activity.campaign_phase = during_campaign",
            "activity.campaign_phase",
            "during_campaign",
            True,
        ),
    ]
    share = by_key[("foto-bakal-paslon", "se71-e")]
    assert ("candidate.standing = BAKAL_CALON", "BAKAL_CALON") in [
        (e.element, e.value) for e in share.explanation
    ]


def test_seed_case_sanction_forms(seed_report: Report) -> None:
    """The forms of a finding are those of its tier for the person's status (PNS)."""
    by_key = {(f.activity_id, f.provision_id): f for f in seed_report.findings}
    meeting = by_key[("pertemuan-tatap-muka", "pp53-4-13-b")]
    assert [form.id for form in meeting.forms] == [
        "tunda_kgb_1_tahun",
        "tunda_pangkat_1_tahun",
        "turun_pangkat_1_tahun",
    ]
    decision = by_key[("keputusan-dinas", "pp53-4-13-a")]
    assert "ptdh" in [form.id for form in decision.forms]


def test_seed_case_law_applied(seed_report: Report) -> None:
    """Every act of 2018-2019 is judged under PP 53/2010, UU 7/2017, PP 42/2004, SE 71/2017."""
    assert [la.activity_id for la in seed_report.law_applied] == [
        "foto-bakal-paslon",
        "keputusan-dinas",
        "pertemuan-tatap-muka",
    ]
    for la in seed_report.law_applied:
        assert {
            "pp-53-2010@2010-06-06",
            "uu-7-2017@2017-08-16",
            "pp-42-2004@2004-10-19",
            "se-menpanrb-b71-2017@2017-12-27",
        } <= set(la.versions)
        assert not any(v.startswith("pp-94-2021@") for v in la.versions)
        assert la.judged_on.year in (2018, 2019)


def test_report_stamp(seed_report: Report) -> None:
    """Every report carries library version, regulation-set hash and backend."""
    stamp = seed_report.stamp
    assert stamp.library_version == __version__ == library_version()
    assert stamp.regulations_hash == load_regulations().content_hash
    assert len(stamp.regulations_hash) == 16
    assert stamp.backend == "python"


def test_stamp_hash_follows_the_rules(rules_dir: Callable[[dict[str, str]], Path]) -> None:
    """An engine over other rule files stamps that set's hash, not the shipped one's."""
    regs = load_regulations([rules_dir({"pp-1-2000/2000-01-01.yaml": RULE_YAML})])
    report = get_engine("python", regs).evaluate(load_case(SEED_CASE))
    assert report.stamp.regulations_hash == regs.content_hash
    assert regs.content_hash != load_regulations().content_hash
    assert get_engine("python", compile_rules(regs)).rules.content_hash == regs.content_hash


def test_evaluation_is_repeatable(seed_report: Report) -> None:
    """Evaluating the same case again gives an equal report."""
    assert evaluate(load_case(SEED_CASE)) == seed_report


def test_python_backend_is_thread_safe(seed_report: Report) -> None:
    """Eight threads sharing one engine get the same reports as a sequential run."""
    engine = get_engine("python")
    seed = load_case(SEED_CASE)
    variants = [
        seed,
        seed.model_copy(update={"activities": seed.activities[::-1]}),
        seed.model_copy(update={"activities": seed.activities[:1]}),
        seed.model_copy(update={"activities": ()}),
    ]
    expected = [engine.evaluate(c) for c in variants]
    start = threading.Barrier(8)

    def work(worker: int) -> list[Report]:
        start.wait()
        return [engine.evaluate(variants[(worker + i) % 4]) for i in range(40)]

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(8)))
    for worker, reports in enumerate(results):
        assert reports == [expected[(worker + i) % 4] for i in range(40)]
    assert expected[0] == seed_report


def _order_key(f: Finding) -> tuple[object, ...]:
    return (f.activity_date, f.activity_id, f.candidate_id or "")


@settings(max_examples=examples(60))
@given(cases(max_activities=4), st.randoms(use_true_random=False))
def test_findings_order_is_deterministic(case: Case, rnd: object) -> None:
    """Findings come sorted by date, act and candidate, whatever order the acts are listed."""
    engine = get_engine("python")
    report = engine.evaluate(case)
    keys = [_order_key(f) for f in report.findings]
    assert keys == sorted(keys)
    shuffled = list(case.activities)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    again = engine.evaluate(case.model_copy(update={"activities": tuple(shuffled)}))
    assert again.findings == report.findings


@settings(max_examples=examples(60))
@given(cases(max_activities=3))
def test_each_finding_comes_from_its_act_and_version(case: Case) -> None:
    """A finding names an act of the case, one of its candidates, and a version in force on
    the act's date."""
    report = get_engine("python").evaluate(case)
    acts = {a.id: a for a in case.activities}
    applied = {la.activity_id: set(la.versions) for la in report.law_applied}
    for f in report.findings:
        act = acts[f.activity_id]
        assert f.activity_date == act.date
        assert f.candidate_id is None or f.candidate_id in act.candidate_ids
        assert f.version in applied[f.activity_id]


def test_act_without_candidate_is_judged_once() -> None:
    """An act that names no candidate is judged once, with candidate facts absent."""
    case = parse_case(
        "id: x\nelection: pemilu-2024\nasn: {id: a, status: PNS, position_kind: PELAKSANA}\n"
        "activities:\n  - {id: m, date: 2024-01-10, kind: party_membership}\n"
    )
    report = evaluate(case)
    assert report.findings, "party membership is a violation whoever the candidates are"
    assert {f.candidate_id for f in report.findings} == {None}


def test_unknown_backend() -> None:
    """An unknown backend name is a BackendUnavailableError listing the backends."""
    with pytest.raises(BackendUnavailableError) as info:
        get_engine("jess")
    assert str(info.value) == "unknown backend 'jess'; choose one of python, durable"
    assert isinstance(info.value, NetralitasError)


def test_default_engine_is_python() -> None:
    """The default backend is the pure-Python reference."""
    engine = get_engine()
    assert isinstance(engine, PythonEngine)
    assert engine.name == "python"


def test_at_must_be_a_plain_date() -> None:
    """`at=` is checked once on entry: text or a datetime is refused with what to pass."""
    import datetime as _dt

    from netralitas_rules import evaluate, load_case

    case = load_case("examples/muaro-jambi-2019.yaml")
    with pytest.raises(TypeError) as text:
        evaluate(case, at="2019-03-10")  # type: ignore[arg-type]
    assert str(text.value) == (
        "at must be a datetime.date, not str '2019-03-10'; e.g. datetime.date(2024, 1, 10)"
    )
    with pytest.raises(TypeError) as moment:
        evaluate(case, at=_dt.datetime(2019, 3, 10, 9, 30))
    assert str(moment.value).startswith("at must be a datetime.date, not datetime ")
