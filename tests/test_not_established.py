"""Acts recorded as not established (`established: false`, an allegation the examining
authority found not proven): named in every report, judged by no path."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _profiles import examples
from netralitas_rules import Case, CaseFileError, get_engine, load_case
from netralitas_rules.assessed import answer
from netralitas_rules.batch.output import read_output
from netralitas_rules.batch.runner import run_batch
from netralitas_rules.cli import main
from netralitas_rules.fidelity import measure, parse_decided_case
from netralitas_rules.testing import strategies

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "muaro-jambi-2019.yaml"
AS_OF = dt.date(2024, 6, 1)


@st.composite
def _marked(draw: st.DrawFn) -> tuple[Case, frozenset[str]]:
    """A generated case and the ids of the acts then marked not established."""
    case = draw(strategies.cases(max_activities=4))
    ids = [a.id for a in case.activities]
    gone = frozenset(draw(st.lists(st.sampled_from(ids), unique=True)) if ids else [])
    acts = tuple(
        a.model_copy(update={"established": False}) if a.id in gone else a for a in case.activities
    )
    return case.model_copy(update={"activities": acts}), gone


def _without(case: Case, gone: frozenset[str]) -> Case:
    kept = tuple(a for a in case.activities if a.id not in gone)
    return case.model_copy(update={"activities": kept})


def _findings(report: Any) -> list[Any]:
    return [f.model_dump(mode="json") for f in report.findings]


@settings(max_examples=examples(60))
@given(marked=_marked())
def test_an_act_not_established_is_judged_as_if_it_were_absent(
    marked: tuple[Case, frozenset[str]],
) -> None:
    """Findings, law applied and hits of a case equal those of the same case without its
    acts not established; the report names exactly those acts, in the case's order."""
    case, gone = marked
    engine = get_engine()
    bare = _without(case, gone)
    report, bare_report = engine.evaluate(case), engine.evaluate(bare)
    assert _findings(report) == _findings(bare_report)
    assert report.law_applied == bare_report.law_applied
    assert report.not_established == tuple(a.id for a in case.activities if a.id in gone)
    hits = [(a.id, c.id if c else None, r.id) for a, c, r in engine.hits(case)]
    assert hits == [(a.id, c.id if c else None, r.id) for a, c, r in engine.hits(bare)]


def _seed_with_meeting_not_established() -> Case:
    case = load_case(SEED)
    acts = tuple(
        a.model_copy(update={"established": False}) if a.id == "pertemuan-tatap-muka" else a
        for a in case.activities
    )
    return case.model_copy(update={"activities": acts})


def test_the_assessment_reads_the_established_acts_only() -> None:
    """The sanctions stage sees what the engine judged: the seed case without its
    face-to-face meeting is assessed as the case with it marked not established."""
    case = _seed_with_meeting_not_established()
    bare = _without(case, frozenset({"pertemuan-tatap-muka"}))
    marked = answer(case, as_of=AS_OF)
    plain = answer(bare, as_of=AS_OF)
    assert marked.assessment == plain.assessment
    assert marked.not_established == ("pertemuan-tatap-muka",)
    assert any(
        f.activity_id == "pertemuan-tatap-muka"
        for f in answer(load_case(SEED), as_of=AS_OF).findings
    )


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("id", "Tidak dinilai, karena dinyatakan tidak terbukti oleh pemeriksa: pertemuan"),
        ("en", "Not judged, as the examining authority found it not proven: pertemuan"),
    ],
)
def test_check_names_the_act_in_its_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, line: str
) -> None:
    text = SEED.read_text(encoding="utf-8").replace(
        "  - id: pertemuan-tatap-muka\n", "  - id: pertemuan-tatap-muka\n    established: false\n"
    )
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    main(["check", str(path), "--lang", lang, "--as-of", AS_OF.isoformat()])
    out = capsys.readouterr().out
    assert f"  {line}-tatap-muka\n" in out
    assert "[1]" in out  # the other acts are still judged
    main(["check", str(path), "--format", "json", "--as-of", AS_OF.isoformat()])
    data = json.loads(capsys.readouterr().out)
    assert data["not_established"] == ["pertemuan-tatap-muka"]
    assert all(f["activity_id"] != "pertemuan-tatap-muka" for f in data["findings"])


@pytest.mark.parametrize("value", ["no", "false ", "0", "tidak"])
def test_established_takes_a_yes_or_no_only(tmp_path: Path, value: str) -> None:
    """YAML 1.2 reads `no` as text: refused at its place, never read as false."""
    text = SEED.read_text(encoding="utf-8").replace(
        "  - id: pertemuan-tatap-muka\n",
        f"  - id: pertemuan-tatap-muka\n    established: {value!r}\n",
    )
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CaseFileError, match=r"activities\[2\]\.established"):
        load_case(path)


def _line(case: Case) -> str:
    data = case.model_dump(mode="json", exclude_none=True)
    data["election"] = case.election.id
    return json.dumps(data, ensure_ascii=False)


@settings(max_examples=examples(10))  # tmp_path_factory is session-scoped
@given(marked=st.lists(_marked(), min_size=1, max_size=4))
def test_batch_and_check_agree_on_acts_not_established(
    marked: list[tuple[Case, frozenset[str]]], tmp_path_factory: Any
) -> None:
    """The batch (fast wire path and models alike) judges the same acts as `evaluate`."""
    tmp = tmp_path_factory.mktemp("ne")
    cases = [c.model_copy(update={"id": f"case-{i}"}) for i, (c, _) in enumerate(marked)]
    source = tmp / "in.jsonl"
    source.write_text("".join(_line(c) + "\n" for c in cases), encoding="utf-8")
    out = tmp / "out.jsonl"
    summary = run_batch(source, out, tmp / "err.jsonl", detail="full", as_of=AS_OF)
    assert (summary.reported, summary.rejected) == (len(cases), 0)
    records = list(read_output(out))
    engine = get_engine()
    for case, record in zip(cases, records, strict=True):
        report = engine.evaluate(case)
        assert record["report"]["not_established"] == list(report.not_established)
        assert record["not_established"] == list(report.not_established)
        assert sorted(f["activity_id"] for f in record["report"]["findings"]) == sorted(
            f.activity_id for f in report.findings
        )


DECIDED = """\
id: d
election: pilkada-2020
asn: {id: asn, status: PNS, position_kind: ADMINISTRATOR, is_pejabat_asn: true}
candidates:
  - {id: paslon-1, office: BUPATI, party: Partai X}
activities:
  - {id: a1, date: 2020-10-20, kind: campaign_attendance, candidate_ids: [paslon-1],
     active_support: true, established: false}
decided:
  sources:
    - {url: "https://example.org/bawaslu/1"}
  outcome: {forum: ADMINISTRATIVE, decided_by: Bawaslu X, decision: finding, track: NONE}
"""


def test_an_unproven_allegation_agrees_with_no_violation_and_keeps_its_period() -> None:
    """The measure compares the authority's finding of fact with the library's answer on the
    established acts (none), and groups the case by the law in force on the act's date."""
    (result,) = measure([parse_decided_case(DECIDED, "d.yaml")]).results
    assert result.agrees
    assert result.library_tracks == ()
    assert result.period == "PP 53/2010"
    proven = DECIDED.replace(", established: false}", "}")
    (result,) = measure([parse_decided_case(proven, "d.yaml")]).results
    assert not result.agrees
