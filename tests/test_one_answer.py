"""Sanctions are the single source downstream: `check`, the batch output (summary and full
detail) and the supervision report read the tracks, tiers, conflicts and verdicts of a case
from one assessment, and the text report does not depend on what was imported first."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from _profiles import sharing_fixtures
from _sanctions_cases import make_case, sedang_act
from netralitas_rules import Case
from netralitas_rules.batch.output import read_output
from netralitas_rules.batch.runner import run_batch
from netralitas_rules.cli import main
from netralitas_rules.models import PriorSanction
from netralitas_rules.supervision.summary import summarise
from netralitas_rules.testing import strategies
from netralitas_rules.vocabulary import ActivityKind, Tier, Track

AS_OF = dt.date(2024, 6, 1)
ROOT = Path(__file__).resolve().parents[1]


def _repeat_case() -> Case:
    """A PNS sanctioned SEDANG for campaign attendance in 2022 who attends a campaign with
    party attributes in 2024 and is again given SEDANG."""
    prior = {"date": "2022-05-01", "tier": "SEDANG", "nature": "campaign_attendance"}
    imposed = {"track": "DISIPLIN", "tier": "SEDANG", "date": "2024-02-01"}
    return make_case([sedang_act()], priors=[prior], imposed=[imposed])


def _case_line(case: Case) -> str:
    return json.dumps(case.model_dump(mode="json", exclude_none=True), ensure_ascii=False)


def _check_json(tmp: Path, case: Case, capsys: Any) -> dict[str, Any]:
    path = tmp / f"{case.id}.json"
    path.write_text(_case_line(case), encoding="utf-8")
    capsys.readouterr()
    main(["check", str(path), "--format", "json", "--as-of", AS_OF.isoformat()])
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


def _batch(tmp: Path, cases: list[Case], detail: str) -> list[dict[str, Any]]:
    source = tmp / "in.jsonl"
    source.write_text("".join(_case_line(c) + "\n" for c in cases), encoding="utf-8")
    out = tmp / f"out-{detail}.jsonl"
    summary = run_batch(source, out, tmp / "err.jsonl", detail=detail, as_of=AS_OF)
    assert (summary.reported, summary.rejected) == (len(cases), 0)
    return list(read_output(out))


def test_a_repeat_sanctioned_again_at_the_same_tier_is_below_the_recommendation_everywhere(
    tmp_path: Path, capsys: Any
) -> None:
    """A PNS given SEDANG again after an earlier SEDANG for the same kind of act is
    under-sanctioned (at least BERAT) in `check`, in the batch record and in the report."""
    case = _repeat_case()
    checked = _check_json(tmp_path, case, capsys)
    (verdict,) = [t for t in checked["assessment"]["audit"]["tracks"] if t["track"] == "DISIPLIN"]
    assert (verdict["verdict"], verdict["recommended_tier"]) == ("under_sanctioned", "BERAT")
    (record,) = _batch(tmp_path, [case], "summary")
    assert record["recommendations"] == [{"track": "DISIPLIN", "tier": "BERAT"}]
    assert record["overall"] == "under_sanctioned"
    total = summarise([record], "agency").total
    assert (total.below, total.comparable) == (1, 1)


def _per_case(assessment: dict[str, Any]) -> dict[str, Any]:
    """What every output must agree on, from an assessment as JSON data."""
    return {
        "recommendations": [
            {"track": r["track"], "tier": r.get("tier")} for r in assessment["recommendations"]
        ],
        "conflicts": sorted(
            (c["kind"], c.get("official_id"), c["candidate_id"]) for c in assessment["conflicts"]
        ),
        "verdicts": [(t["track"], t["verdict"]) for t in assessment["audit"]["tracks"]],
        "overall": assessment["audit"]["overall"],
    }


def _from_record(record: dict[str, Any]) -> dict[str, Any]:
    return {
        "recommendations": record["recommendations"],
        "conflicts": sorted(
            (c["kind"], c["official"], c["candidate"]) for c in record["conflicts"]
        ),
        "verdicts": [(v["track"], v["verdict"]) for v in record["verdicts"]],
        "overall": record["overall"],
    }


_KINDS = (ActivityKind.CAMPAIGN_ATTENDANCE, ActivityKind.FAVOURING_DECISION)


@st.composite
def _sanctioned_cases(draw: st.DrawFn) -> Case:
    case = draw(strategies.cases(activity_kinds=_KINDS, max_activities=3))
    priors = draw(
        st.lists(
            st.builds(
                PriorSanction,
                date=st.dates(dt.date(2015, 1, 1), dt.date(2024, 12, 31)),
                tier=st.none() | st.sampled_from(Tier),
                nature=st.none() | st.sampled_from(_KINDS),
                track=st.sampled_from((Track.DISIPLIN, Track.ETIK)),
            ),
            max_size=2,
        )
    )
    asn = case.asn.model_copy(update={"prior_sanctions": tuple(priors)})
    return case.model_copy(update={"asn": asn})


@sharing_fixtures(15)
@given(cases=st.lists(_sanctioned_cases(), min_size=1, max_size=4))
def test_check_batch_and_report_give_the_same_answer_per_case(
    cases: list[Case], tmp_path_factory: Any, capsys: Any
) -> None:
    """On generated cases with prior and imposed sanctions, `check --format json`, the batch
    records (summary and full) and the supervision counts agree case by case."""
    tmp = tmp_path_factory.mktemp("one")
    cases = [c.model_copy(update={"id": f"case-{i}"}) for i, c in enumerate(cases)]
    checked = [_per_case(_check_json(tmp, c, capsys)["assessment"]) for c in cases]
    summary = _batch(tmp, cases, "summary")
    full = _batch(tmp, cases, "full")
    assert [_from_record(r) for r in summary] == checked
    assert [_from_record(r) for r in full] == checked
    assert [_per_case(r["report"]["assessment"]) for r in full] == checked
    total = summarise(summary, "agency").total
    under = sum(any(v == "under_sanctioned" for _, v in c["verdicts"]) for c in checked)
    waiting = sum(any(v == "not_yet_imposed" for _, v in c["verdicts"]) for c in checked)
    assert (total.below, total.awaiting_ppk) == (under, waiting)
    assert total.conflicts == sum(bool(c["conflicts"]) for c in checked)


_RENDER = """
import sys
{first}
from netralitas_rules import load_case
from netralitas_rules.assessed import answer
from netralitas_rules.engine import get_engine
from netralitas_rules.render import render_report
import datetime as dt
case = load_case("examples/muaro-jambi-2019.yaml")
report = get_engine().evaluate(case)
sys.stdout.write(render_report(report))
sys.stdout.write("=====\\n")
sys.stdout.write(render_report(answer(case, as_of=dt.date(2024, 6, 1))))
"""
_IMPORT_ALL = """
import importlib, pkgutil, netralitas_rules
for m in pkgutil.walk_packages(netralitas_rules.__path__, "netralitas_rules."):
    if "migrations" not in m.name and not m.name.endswith("__main__"):  # scripts, not modules
        importlib.import_module(m.name)
"""


def test_the_text_report_does_not_depend_on_what_was_imported_first() -> None:
    """The seed case renders the same text whether or not every module was imported first;
    a plain report has no sanctions section, an assessed one always has it."""
    outs = [
        subprocess.run(
            [sys.executable, "-c", _RENDER.format(first=first)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for first in ("", _IMPORT_ALL, "import netralitas_rules.sanctions")
    ]
    assert outs[0] == outs[1] == outs[2]
    plain, assessed = outs[0].split("=====\n")
    assert "Rekomendasi sanksi:" not in plain
    assert "Rekomendasi sanksi:" in assessed
    assert assessed.count("\n") > plain.count("\n")


def _named_line(case: Case) -> str:
    """The case's JSON line naming its shipped calendar, as users write it: the shape the
    batch's wire decoder reads fast (an inline calendar always takes the models' path)."""
    data = case.model_dump(mode="json", exclude_none=True)
    data["election"] = case.election.id
    return json.dumps(data, ensure_ascii=False)


def _findings(report: dict[str, Any]) -> list[tuple[Any, ...]]:
    return sorted(
        (
            f["provision_id"],
            f["activity_id"],
            f.get("candidate_id") or "",
            f["status"],
            json.dumps(f.get("deciding_facts"), sort_keys=True),
        )
        for f in report["findings"]
    )


@sharing_fixtures(40)
@given(cases=st.lists(strategies.partial_cases(max_unknowns=2), min_size=1, max_size=3))
def test_cases_with_unknown_facts_get_one_answer_from_check_and_batch(
    cases: list[Case], tmp_path_factory: Any, capsys: Any
) -> None:
    """Any fact the models let be unknown, stated `unknown` in a JSON line that names its
    calendar: `check` and `batch` give the same findings (status and deciding facts included)
    and the same assessment. (A text fact stated unknown once went through the batch's wire
    structs as a name.)"""
    tmp = tmp_path_factory.mktemp("partial")
    cases = [c.model_copy(update={"id": f"case-{i}"}) for i, c in enumerate(cases)]
    source = tmp / "in.jsonl"
    source.write_text("".join(_named_line(c) + "\n" for c in cases), encoding="utf-8")
    out = tmp / "out.jsonl"
    summary = run_batch(source, out, tmp / "err.jsonl", detail="full", as_of=AS_OF)
    assert (summary.reported, summary.rejected) == (len(cases), 0)
    for case, record in zip(cases, read_output(out), strict=True):
        path = tmp / f"{case.id}.json"
        path.write_text(_named_line(case), encoding="utf-8")
        capsys.readouterr()
        main(["check", str(path), "--format", "json", "--as-of", AS_OF.isoformat()])
        checked = json.loads(capsys.readouterr().out)
        assert _findings(record["report"]) == _findings(checked)
        assert _per_case(record["report"]["assessment"]) == _per_case(checked["assessment"])
