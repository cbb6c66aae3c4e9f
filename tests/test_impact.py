"""The breach's impact (`activity.impact`): the examining official's assessment that tiers a
breach of the duty to obey statutes (PP 53/2010 Pasal 8-10), and what reports say of it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from netralitas_rules import BreachImpact, load_case
from netralitas_rules.assessed import answer
from netralitas_rules.cli import main
from netralitas_rules.sanctions import Verdict
from netralitas_rules.vocabulary import Tier, Track

CASE = """\
id: dampak
election: pemilu-2019
asn: {{id: asn-1, status: PNS, position_kind: FUNGSIONAL}}
candidates:
  - {{id: capres-1, office: PRESIDEN, party: Koalisi X}}
activities:
  - {{id: suka-1, date: 2018-10-15, kind: social_media_like, candidate_ids: [capres-1],
     public: true{impact}}}
imposed_sanctions:
  - {{track: DISIPLIN, tier: RINGAN, form: teguran lisan, date: 2019-02-01}}
"""
AS_OF = dt.date(2019, 6, 1)


def _case(tmp_path: Path, impact: str | None) -> Path:
    path = tmp_path / "case.yaml"
    path.write_text(CASE.format(impact=f", impact: {impact}" if impact else ""), "utf-8")
    return path


@pytest.mark.parametrize(
    ("impact", "tier", "verdict"),
    [
        (BreachImpact.WORK_UNIT, Tier.RINGAN, Verdict.ADEQUATE),
        (BreachImpact.AGENCY, Tier.SEDANG, Verdict.UNDER_SANCTIONED),
        (BreachImpact.GOVERNMENT, Tier.BERAT, Verdict.UNDER_SANCTIONED),
    ],
)
def test_the_stated_impact_gives_the_tier_the_audit_compares(
    tmp_path: Path, impact: BreachImpact, tier: Tier, verdict: Verdict
) -> None:
    """An oral reprimand for a like toward a determined candidate is adequate when the
    breach hurt the work unit, and too light when it hurt the agency or the government."""
    assessed = answer(load_case(_case(tmp_path, impact.value)), as_of=AS_OF)
    (rec,) = [r for r in assessed.assessment.recommendations if r.track is Track.DISIPLIN]
    assert rec.tier is tier
    (audit,) = [t for t in assessed.assessment.audit.tracks if t.track is Track.DISIPLIN]
    assert audit.verdict is verdict


def test_no_negative_impact_leaves_the_ethics_breach_only(tmp_path: Path) -> None:
    assessed = answer(load_case(_case(tmp_path, "no_impact")), as_of=AS_OF)
    assert {f.track for f in assessed.findings} == {Track.ETIK}


def test_not_stated_refers_the_tier_to_the_ppk(tmp_path: Path) -> None:
    assessed = answer(load_case(_case(tmp_path, None)), as_of=AS_OF)
    (rec,) = [r for r in assessed.assessment.recommendations if r.track is Track.DISIPLIN]
    assert rec.tier is None
    assert [r.provision_id for r in rec.referrals] == ["pp53-3-4"]


@pytest.mark.parametrize(
    ("lang", "absent", "agency"),
    [
        ("id", "→ tidak dinyatakan", "→ berdampak negatif pada instansi"),
        ("en", "→ not stated", "→ agency (negative impact on the agency)"),
    ],
)
def test_an_unknown_impact_is_the_deciding_question_in_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, absent: str, agency: str
) -> None:
    """Each tier is possible; the deciding values read as words in the output's language,
    the impact left out included (never the internal "(absent)")."""
    main(["check", str(_case(tmp_path, "unknown")), "--lang", lang, "--as-of", "2019-06-01"])
    out = capsys.readouterr().out
    assert absent in out
    assert agency in out
    assert "(absent)" not in out
