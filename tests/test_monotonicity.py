"""Case-level monotonicity: the shipped rules are checked on 2,000 generated cases under the
ci profile, and rule sets broken on purpose, one aggravating fact at a time, are caught."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import Phase, settings

from _profiles import examples
from netralitas_rules import load_regulations
from netralitas_rules.cli import main
from netralitas_rules.elections import shipped_elections
from netralitas_rules.loader import RegulationSet
from netralitas_rules.models import ASN, Activity, Candidate, Case, Election
from netralitas_rules.testing import properties
from netralitas_rules.testing._base import Checker, Drawn, for_all
from netralitas_rules.testing._base import examples as examples_of
from netralitas_rules.testing.answer import CaseAnswer, case_answerer, lowered
from netralitas_rules.testing.monotonicity import (
    CASE_AGGRAVATIONS,
    case_monotonicity,
    check_case_monotonicity,
    check_partisan_act_not_lighter,
    law_edges,
    partisan_act_not_lighter,
)
from netralitas_rules.testing.properties import PropertyViolationError
from netralitas_rules.vocabulary import Tier, Track

# Derandomized, so a run under either profile draws the same cases.
SHIPPED = settings(max_examples=examples(2000), derandomize=True, database=None)
# The broken rule sets: the first counterexample shows the message, no shrinking needed.
FAST = settings(max_examples=400, derandomize=True, database=None, phases=[Phase.generate])


# Counterexamples the law's text gives, not a defect of the encoding: each is an open reading
# (docs/fidelity.md, issue #11), and the property goes on searching past it. Narrow on
# purpose: the provision on each side and the change made.
KNOWN_DIVERGENCES: tuple[tuple[str, str], ...] = (
    (
        r"is judged ETIK \(se71-d on \w+\)[^;]*; after activity '\w+' \(declaration_attendance "
        r"[^)]*\) .* it is judged .*the heaviest administrative track fell from ETIK to none",
        "SE B/71/2017 huruf d (attending a bakal calon's declaration) names no exception for "
        "an official assignment; pp42-11-c-calon, our reading of PP 42/2004 Pasal 11 huruf c "
        "toward a calon, excuses attending a declaration on duty, so the same act on duty "
        "toward the candidate once determined (or on a campaign day, when he is) is excused. "
        "Whether the duty excuse holds before penetapan too is unsettled.",
    ),
    (
        r"\(campaign_attendance [^)]*\) is judged DISIPLIN \w+ "
        r"\((?:pp53-4-1[25]-[a-z] on \w+(?:, )?)+\)[^;]*; as \w+ toward the same bakal calon on "
        r"the same day it is judged",
        "PP 53/2010 Pasal 4 angka 12 (Pemilu) and angka 15 huruf a-b (Pilkada) name taking "
        "part in a campaign (with attributes, other PNS, state or office facilities); a "
        "partisan act toward a bakal calon that is not a campaign falls under angka 15 huruf "
        "d (tier sedang) or PP 42/2004 Pasal 11 huruf c alone (ethics).",
    ),
)


def _past_known(check: Checker) -> Checker:
    """The property's check, passing over the counterexamples in KNOWN_DIVERGENCES."""

    def checked(drawn: Drawn) -> None:
        try:
            check(drawn)
        except PropertyViolationError as found:
            if not any(re.search(pattern, str(found)) for pattern, _ in KNOWN_DIVERGENCES):
                raise

    return checked


@pytest.mark.slow
def test_the_shipped_rules_are_monotone_on_two_thousand_cases() -> None:
    """On 2,000 generated cases (ci profile), under the shipped rules, both case-level
    properties hold, the divergences the text gives aside: an aggravating fact never makes a
    case lighter, and a partisan act toward a bakal calon is never lighter than attending his
    campaign on the same day. Drawing a case costs about three times what both checks do, so
    both check each drawn case (they were two tests drawing 2,000 cases each)."""
    rules = load_regulations()
    aggravated = _past_known(case_monotonicity(rules))
    partisan = _past_known(partisan_act_not_lighter(rules))
    checked = Counter[str]()

    def both(drawn: Drawn) -> None:
        aggravated(drawn)
        checked["case monotonicity"] += 1
        partisan(drawn)
        checked["partisan act not lighter"] += 1

    for_all(examples_of(rules), both, SHIPPED)
    # Each property saw every drawn case (a raise in the first would hide the second).
    assert checked["case monotonicity"] == checked["partisan act not lighter"] >= examples(2000)


@pytest.mark.parametrize(
    ("message", "known"),
    [
        (
            "case monotonicity: case 'c' is judged ETIK (se71-d on a1); after activity 'a1' "
            "(declaration_attendance toward c1, 2018-02-12) was toward a candidate determined "
            "that day (candidate.standing) it is judged no violation: the heaviest "
            "administrative track fell from ETIK to none",
            True,
        ),
        (
            "case monotonicity: case 'c' is judged ETIK (se71-d on a1); after activity 'a1' "
            "(declaration_attendance toward c1, 2018-01-07) was toward a candidate determined "
            "that day (candidate.standing) it is judged PIDANA (uu1-71-1 on a1): the heaviest "
            "administrative track fell from ETIK to none",
            True,
        ),
        (
            "case monotonicity: case 'c' is judged ETIK (se71-d on a1) and PIDANA (uu1-71-1 on "
            "a1); after activity 'a1' (declaration_attendance toward c1, c2, 2018-02-12) was "
            "toward a candidate determined that day (candidate.standing) it is judged PIDANA "
            "(uu1-71-1 on a1): the heaviest administrative track fell from ETIK to none",
            True,
        ),
        (
            "partisan act not lighter: in case 'c', activity 'a1' (campaign_attendance toward "
            "c1, 2018-09-23) is judged DISIPLIN BERAT (pp53-4-15-a on a1, pp53-4-15-b on a1); "
            "as partisan_gathering toward the same bakal calon on the same day it is judged "
            "ETIK (pp42-11-c-bakal-calon on a1): fell",
            True,
        ),
        (
            "partisan act not lighter: in case 'c', activity 'a1' (campaign_attendance toward "
            "c1, 2018-09-23) is judged DISIPLIN BERAT (pp94-5-n-4 on a1); as partisan_gathering "
            "toward the same bakal calon on the same day it is judged ETIK: fell",
            False,
        ),
        (
            "case monotonicity: case 'c' is judged ETIK (se71-d on a1); after activity 'a1' "
            "(campaign_attendance toward c1, 2018-02-12) wore party attributes "
            "(activity.attributes_worn) it is judged no violation: fell",
            False,
        ),
    ],
)
def test_only_the_known_divergences_are_passed_over(message: str, known: bool) -> None:
    """The known divergences match their own counterexample and nothing wider."""

    def check(drawn: Drawn) -> None:
        raise PropertyViolationError(message)

    checked = _past_known(check)
    if known:
        checked(None)  # type: ignore[arg-type]
    else:
        with pytest.raises(PropertyViolationError):
            checked(None)  # type: ignore[arg-type]


def test_the_counterexample_the_property_found_is_mended() -> None:
    """The property's first counterexample on the shipped rules: mobilising ASN for the
    Pemilu 2019 presidential pair was ETIK the day before its penetapan and nothing the day
    after. PP 42/2004 Pasal 11 huruf c now keeps the ethics floor toward a calon."""
    answer = case_answerer(load_regulations())

    def judged(day: str) -> str:
        return str(answer(_case(shipped_elections()["pemilu-2019"], day, "asn_mobilisation")).text)

    assert judged("2018-09-19") == "ETIK (pp42-11-c-bakal-calon on a1)"
    assert judged("2018-09-21") == "ETIK (pp42-11-c-calon on a1)"


# --------------------------------------------------------------------------- the answer


def _answer(track: Track | None, tier: Tier | None = None, pidana: bool = False) -> CaseAnswer:
    return CaseAnswer(pidana, track, tier, "")


@pytest.mark.parametrize(
    ("before", "after", "how"),
    [
        (_answer(None, pidana=True), _answer(Track.ETIK), "the PIDANA track disappeared"),
        (
            _answer(Track.DISIPLIN, Tier.RINGAN),
            _answer(Track.ETIK),
            "the heaviest administrative track fell from DISIPLIN to ETIK",
        ),
        (
            _answer(Track.STATUS_KEPEGAWAIAN),
            _answer(None, pidana=True),
            "the heaviest administrative track fell from STATUS_KEPEGAWAIAN to none",
        ),
        (
            _answer(Track.DISIPLIN, Tier.BERAT),
            _answer(Track.DISIPLIN, Tier.SEDANG),
            "the DISIPLIN tier fell from BERAT to SEDANG",
        ),
        (_answer(Track.DISIPLIN, Tier.BERAT), _answer(Track.DISIPLIN, None), None),
        (_answer(Track.DISIPLIN, Tier.BERAT), _answer(Track.STATUS_KEPEGAWAIAN), None),
        (_answer(Track.ETIK), _answer(Track.ETIK, pidana=True), None),
        (_answer(None), _answer(None), None),
    ],
)
def test_an_answer_is_lighter_only_by_pidana_track_or_tier(
    before: CaseAnswer, after: CaseAnswer, how: str | None
) -> None:
    """PIDANA lost, a lighter administrative track, or a lower DISIPLIN tier with a tier on
    both sides; a referred (tierless) DISIPLIN answer is compared by track only."""
    said = lowered(before, after)
    assert (str(said) if said is not None else None) == how


# --------------------------------------------------------------------------- broken rules

INSTRUMENT = """\
instrument:
  id: pp-9-2030
  kind: PP
  number: "9"
  year: 2030
  title: Peraturan Pemerintah Nomor 9 Tahun 2030 tentang Contoh
  title_en: Government Regulation 9 of 2030 on Examples
  short_name: PP 9/2030
version:
  effective_from: {start}
{end}  checked_against:
    - source: invented for the test
provisions:
"""

PROVISION = """\
  - id: {id}
    citation: Pasal 2 huruf {letter}
    title: Contoh yang sengaja salah
    title_en: A deliberately wrong example
    summary: Contoh yang sengaja salah.
    summary_en: A deliberately wrong example.
    when:
      all:
{when}
    consequence: {{track: DISIPLIN, tier: {tier}, tier_basis: Pasal 3}}
    certainty: {{level: verified}}
"""


def _rules(
    tmp_path: Path,
    *provisions: tuple[str, str],
    start: str = "2004-01-01",
    end: str | None = None,
) -> RegulationSet:
    folder = tmp_path / "pp-9-2030"
    folder.mkdir(exist_ok=True)
    text = INSTRUMENT.format(start=start, end=f"  superseded_on: {end}\n" if end else "")
    for i, (when, tier) in enumerate(provisions):
        lines = "\n".join(f"        - {line}" for line in when.split("\n"))
        text += PROVISION.format(id=f"x-{i + 1}", letter="abcdef"[i], when=lines, tier=tier)
    (folder / f"{start}.yaml").write_text(text, encoding="utf-8")
    return load_regulations([tmp_path])


# Each provision fires only while the aggravating fact is absent, so adding it removes the
# only finding: the case falls from DISIPLIN to nothing.
BROKEN = {
    "activity.state_facility": "not: {activity.state_facility: {exists: true}}",
    "activity.attributes_worn": "not: {activity.attributes_worn: {contains_any: [party, asn]}}",
    "activity.audience": "not: {activity.audience: {contains: subordinates}}",
    "activity.asn_mobilised": "activity.asn_mobilised: 0",
    "activity.campaign_phase": "activity.campaign_phase: before_campaign",
    "candidate.standing": "candidate.standing: BAKAL_CALON",
}


@pytest.mark.parametrize("fact", sorted(BROKEN))
def test_a_provision_that_fires_only_without_an_aggravating_fact_breaks_case_monotonicity(
    tmp_path: Path, fact: str
) -> None:
    """Every case aggravation is checked: a rule set that judges the act only while the
    aggravating fact is absent is caught, and the message names the fact."""
    regs = _rules(tmp_path, (BROKEN[fact], "SEDANG"))
    chosen = [a for a in CASE_AGGRAVATIONS if a.fact == fact]
    with pytest.raises(PropertyViolationError) as info:
        check_case_monotonicity(regs, FAST, chosen)
    first = str(info.value).splitlines()[0]
    assert first.startswith("case monotonicity: case '"), first
    assert (
        f"({fact}) it is judged no violation: the heaviest administrative track fell "
        "from DISIPLIN to none" in first
    ), first


def test_a_lower_tier_for_the_aggravated_act_breaks_case_monotonicity(tmp_path: Path) -> None:
    """A facility turning BERAT into RINGAN is caught as a fall of the DISIPLIN tier."""
    regs = _rules(
        tmp_path,
        ("not: {activity.state_facility: {exists: true}}", "BERAT"),
        ("activity.state_facility: {exists: true}", "RINGAN"),
    )
    with pytest.raises(PropertyViolationError) as info:
        check_case_monotonicity(regs, FAST, CASE_AGGRAVATIONS[:1])
    first = str(info.value).splitlines()[0]
    assert "is judged DISIPLIN BERAT (x-1 on " in first, first
    assert (
        "used a state facility (activity.state_facility) it is judged DISIPLIN RINGAN (x-2 on"
        in first
    )
    assert first.endswith(": the DISIPLIN tier fell from BERAT to RINGAN"), first


def test_attendance_judged_heavier_than_a_partisan_act_breaks_the_partisan_property(
    tmp_path: Path,
) -> None:
    """Attendance toward a bakal calon SEDANG, goods toward him RINGAN: caught, named."""
    regs = _rules(
        tmp_path,
        ("activity.kind: campaign_attendance\ncandidate.standing: BAKAL_CALON", "SEDANG"),
        ("activity.kind: goods_giving\ncandidate.standing: BAKAL_CALON", "RINGAN"),
    )
    with pytest.raises(PropertyViolationError) as info:
        check_partisan_act_not_lighter(regs, FAST)
    first = str(info.value).splitlines()[0]
    assert first.startswith("partisan act not lighter: in case '"), first
    assert "(campaign_attendance toward c" in first, first
    assert "is judged DISIPLIN SEDANG (x-1 on " in first, first
    # The first partisan kind tried is partisan_gathering, which no provision judges.
    assert first.endswith(
        "as partisan_gathering toward the same bakal calon on the same day it is judged "
        "no violation: the heaviest administrative track fell from DISIPLIN to none"
    ), first


# --------------------------------------------------------------------------- law periods


def _case(election: Election, day: str, kind: str) -> Case:
    return Case(
        id="x",
        asn=ASN(id="asn-1", status="PNS", position_kind="PELAKSANA"),
        election=election,
        candidates=[Candidate(id="c1", office="PRESIDEN")],
        activities=[
            Activity(
                id="a1",
                date=dt.date.fromisoformat(day),
                kind=kind,
                candidate_ids=["c1"],
            )
        ],
    )


def test_law_edges_are_version_bounds_and_date_thresholds(tmp_path: Path) -> None:
    """The days the law may change: a version's start and end, and each date a provision
    compares activity.date with, with the day after."""
    regs = _rules(
        tmp_path,
        ("activity.date: {lt: 2012-05-01}", "SEDANG"),
        start="2010-01-01",
    )
    assert law_edges(regs) == (dt.date(2010, 1, 1), dt.date(2012, 5, 1), dt.date(2012, 5, 2))


def test_a_move_into_the_campaign_across_a_change_of_law_is_not_compared(
    tmp_path: Path,
) -> None:
    """A date moved past the day a provision stops applying is judged under other law:
    the property compares only moves within one period of the law."""
    regs = _rules(tmp_path, ("activity.date: {lt: 2018-09-23}", "SEDANG"))
    case = _case(shipped_elections()["pemilu-2019"], "2018-09-01", "campaign_attendance")
    drawn = Drawn(case, case.activities[0], None)
    move = [a for a in CASE_AGGRAVATIONS if a.fact == "activity.campaign_phase"]
    case_monotonicity(regs, move)(drawn)  # the campaign begins on 23 Sep 2018
    unguarded = _rules(tmp_path, ("activity.campaign_phase: before_campaign", "SEDANG"))
    with pytest.raises(PropertyViolationError, match="moved to the first day of the campaign"):
        case_monotonicity(unguarded, move)(drawn)


# --------------------------------------------------------------------------- prove


def test_prove_checks_the_case_properties_on_2000_cases_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --examples, prove runs the two case-level properties on 2,000 cases and the
    others on 100; --examples N runs them all on N."""
    assert properties.default_examples(properties.PROPERTY_NAMES) == [
        (100, [n for n in properties.PROPERTY_NAMES if properties.DEFAULT_EXAMPLES[n] == 100]),
        (2000, ["case monotonicity", "partisan act not lighter"]),
    ]
    seen: list[tuple[int, list[str]]] = []

    def record(_rules: object, chosen: settings, names: list[str]) -> None:
        seen.append((chosen.max_examples, list(names)))

    monkeypatch.setattr(properties, "check_all", record)
    only = ["--only", "locality", "--only", "partisan act not lighter"]
    assert main(["prove", str(tmp_path), *only]) == 0
    assert seen == [(100, ["locality"]), (2000, ["partisan act not lighter"])]
    seen.clear()
    assert main(["prove", str(tmp_path), "--examples", "7", *only, "--lang", "en"]) == 0
    assert seen == [(7, ["locality", "partisan act not lighter"])]
    assert capsys.readouterr().out.endswith("2 held, 0 violated\n")


def test_prove_reports_a_case_level_counterexample_and_runs_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A violation in the 2,000-case group is printed as FAIL with its message, the other
    property of the group runs again, and prove exits 1."""
    calls: list[list[str]] = []

    def check_all(_rules: object, _chosen: settings, names: list[str]) -> None:
        calls.append(list(names))
        if "case monotonicity" in names:
            exc = PropertyViolationError("case monotonicity: case 'x' is judged ...")
            exc.property_name = "case monotonicity"
            raise exc

    monkeypatch.setattr(properties, "check_all", check_all)
    only = ["--only", "case monotonicity", "--only", "partisan act not lighter"]
    assert main(["prove", str(tmp_path), *only, "--lang", "en"]) == 1
    assert calls == [
        ["case monotonicity", "partisan act not lighter"],
        ["partisan act not lighter"],
    ]
    assert capsys.readouterr().out == (
        "FAIL case monotonicity: case monotonicity: case 'x' is judged ...\n"
        "ok   partisan act not lighter\n"
        "1 held, 1 violated\n"
    )
