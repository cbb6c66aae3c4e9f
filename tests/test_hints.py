"""Did-you-mean hints ignore case and know the glossary's Indonesian terms and English glosses
(issue #15 item 4), for case files as for rule files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _profiles import examples
from netralitas_rules import CaseFileError, Office, Tier, load_case
from netralitas_rules.hints import closest, expected_values, suggest
from netralitas_rules.vocabulary import CandidateStanding


def test_a_slip_of_case_points_at_the_value() -> None:
    """`calon` -> CALON, `Sedang` -> SEDANG: the issue's two examples."""
    assert closest("calon", [s.value for s in CandidateStanding]) == "CALON"
    assert suggest("Sedang", [t.value for t in Tier]) == "; did you mean 'SEDANG'?"


def test_a_glossary_term_or_gloss_points_at_its_value() -> None:
    """The Indonesian term and the English gloss of a value name it too."""
    assert closest("hukuman disiplin sedang", [t.value for t in Tier]) == "SEDANG"
    assert closest("moderate discipline sanction", [t.value for t in Tier]) == "SEDANG"


def test_nothing_near_gives_no_hint() -> None:
    assert suggest("zzzz", [t.value for t in Tier]) == ""


def test_expected_values_are_read_from_pydantic_text() -> None:
    assert expected_values("'PNS', 'PPPK' or 'CPNS'") == ["PNS", "PPPK", "CPNS"]


@settings(max_examples=examples(200))
@given(st.sampled_from([o.value for o in Office]), st.data())
def test_any_casing_of_a_value_points_at_it(value: str, data: st.DataObject) -> None:
    """Property: whatever the letters' case, the hint names the value itself."""
    flips = data.draw(st.lists(st.booleans(), min_size=len(value), max_size=len(value)))
    typed = "".join(c.swapcase() if f else c for c, f in zip(value, flips, strict=True))
    assert closest(typed, [o.value for o in Office]) == value


def test_a_case_file_enum_slip_gets_a_located_hint(tmp_path: Path) -> None:
    """The case reader's message for a closed vocabulary names the value meant."""
    case = tmp_path / "c.yaml"
    case.write_text(
        "id: t\nelection: pemilu-2024\nasn: {id: a, status: pns, position_kind: PELAKSANA}\n"
    )
    with pytest.raises(CaseFileError) as info:
        load_case(case)
    assert f"{case}:3:14: asn.status: 'pns' is not allowed; did you mean 'PNS'?" in str(info.value)
