"""`netralitas agreement`: decided cases read with their places, the library's answer compared
in the forum that decided, and every disagreement given a cause."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netralitas_rules import CaseFileError
from netralitas_rules.cli import main
from netralitas_rules.fidelity import Cause, load_decided_cases, measure, parse_decided_case

REPO = Path(__file__).resolve().parent.parent

DECIDED = """\
id: x
election: pemilu-2019
asn: {id: asn-1, status: PNS, position_kind: PELAKSANA}
candidates:
  - {id: capres-1, office: PRESIDEN, party: Koalisi X}
activities:
  - {id: a1, date: 2018-10-24, kind: social_media_post, candidate_ids: [capres-1], public: true}
decided:
  sources:
    - {url: "https://example.org/berita/1"}
  outcome:
    forum: ADMINISTRATIVE
    decided_by: KASN
    decision: recommendation
    track: DISIPLIN
    tier: SEDANG
"""


def test_a_post_toward_a_determined_candidate_in_2018_is_not_all_clear() -> None:
    """The issue's first example: a 2018 post toward a determined presidential candidate gives
    a finding, and the disagreement on track gets a cause from the closed list."""
    report = measure([parse_decided_case(DECIDED, "x.yaml")])
    (result,) = report.results
    assert result.library_track is not None
    assert not result.track_agrees
    assert result.cause in set(Cause)


def test_an_unknown_outcome_key_is_named_with_its_place() -> None:
    """A misspelt key in the decided block is reported at its line, as in any case file."""
    with pytest.raises(CaseFileError) as info:
        parse_decided_case(DECIDED.replace("decided_by: KASN", "decidedby: KASN"), "x.yaml")
    assert "x.yaml:13:5: decided.outcome.decidedby: unknown key 'decidedby'" in str(info.value)


def test_the_shipped_real_cases_run_and_count_sixty_or_more(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Every file in cases/real/ reads; the command exits 0 whatever the figures."""
    cases = load_decided_cases([REPO / "cases" / "real"])
    assert len(cases) >= 60
    assert all(c.decided.sources for c in cases)
    assert main(["agreement", str(REPO / "cases" / "real"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["overall"]["cases"] == len(cases)
    assert all(c["agrees"] or c["cause"] for c in data["cases"])
