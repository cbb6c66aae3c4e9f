"""`netralitas rules diff`: what changed between the law in force on two dates."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _profiles import examples
from netralitas_rules.cli import main
from netralitas_rules.lawdiff import diff_law, in_force_entries, render_diff
from netralitas_rules.loader import RegulationSet, load_regulations
from netralitas_rules.vocabulary import Track

REPO = Path(__file__).resolve().parent.parent
PP_SWITCH = (dt.date(2021, 8, 30), dt.date(2021, 8, 31))
DAYS = st.dates(dt.date(2009, 1, 1), dt.date(2027, 12, 31))

# Two versions of one made-up instrument: a KTP support letter goes from sedang to berat.
_RULE = """\
instrument:
  id: pp-1-2000
  kind: PP
  number: "1"
  year: 2000
  title: Peraturan Pemerintah Nomor 1 Tahun 2000 tentang Contoh
  title_en: Government Regulation 1 of 2000 on Examples
  short_name: PP 1/2000
version:
  effective_from: {start}
  {end}
  checked_against:
    - source: example
provisions:
  - id: {pid}
    citation: Pasal 1 huruf a
    title: Surat dukungan
    title_en: Support letter
    summary: Ringkasan.
    summary_en: Summary.
    when:
      activity.kind: ktp_support_letter
    consequence:
      track: DISIPLIN
      tier: {tier}
      tier_basis: Pasal 2
    certainty:
      level: verified
"""


@pytest.fixture(scope="module")
def regs() -> RegulationSet:
    """The shipped corpus, loaded once."""
    return load_regulations()


@pytest.fixture
def toy(tmp_path: Path) -> RegulationSet:
    """Two versions of one instrument meeting on 2010-01-01."""
    folder = tmp_path / "pp-1-2000"
    folder.mkdir()
    (folder / "2000-01-01.yaml").write_text(
        _RULE.format(
            start="2000-01-01", end="superseded_on: 2010-01-01", pid="pp1-a", tier="SEDANG"
        )
    )
    (folder / "2010-01-01.yaml").write_text(
        _RULE.format(start="2010-01-01", end="", pid="pp1-a-2010", tier="BERAT")
    )
    return load_regulations([folder])


def test_ktp_support_letter_goes_from_sedang_to_berat_when_pp_94_takes_over(
    regs: RegulationSet,
) -> None:
    """Between 30 and 31 Aug 2021 the KTP support letter moves from PP 53 sedang to PP 94 berat."""
    diff = diff_law(regs, *PP_SWITCH)
    change = next(
        c for c in diff.changed if c.kind == "ktp_support_letter" and c.track is Track.DISIPLIN
    )
    assert (change.before_tiers, change.after_tiers) == (("SEDANG",), ("BERAT",))
    assert [e.provision_id for e in change.before] == ["pp53-4-14"]
    assert [e.provision_id for e in change.after] == ["pp94-5-n-7"]
    assert "pp53-4-14" in {e.provision_id for e in diff.removed}
    assert "pp94-5-n-7" in {e.provision_id for e in diff.added}


def test_cli_diff_prints_the_ktp_tier_change(capsys: pytest.CaptureFixture[str]) -> None:
    """`netralitas rules diff 2021-08-30 2021-08-31` shows the KTP line sedang -> berat: in
    Indonesian by default, the conduct, track, tiers and dates in words; in English with
    --lang en."""
    assert main(["rules", "diff", "2021-08-30", "2021-08-31"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Hukum yang berlaku pada 30 Agustus 2021 dibandingkan dengan 31 Agustus 2021"
    i = out.index("  surat dukungan disertai fotokopi KTP, hukuman disiplin: sedang -> berat")
    assert out[i + 1 : i + 3] == [
        "      30 Agustus 2021: sedang (pp53-4-14)",
        "      31 Agustus 2021: berat (pp94-5-n-7)",
    ]
    assert main(["rules", "diff", "2021-08-30", "2021-08-31", "--lang", "en"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Law in force on 30 August 2021 compared with 31 August 2021"
    i = out.index(
        "  ktp_support_letter (support letter with a copy of the identity card), discipline: "
        "moderate -> heavy"
    )
    assert out[i + 1 : i + 3] == [
        "      30 August 2021: moderate (pp53-4-14)",
        "      31 August 2021: heavy (pp94-5-n-7)",
    ]


def test_the_indonesian_diff_of_the_shipped_law_has_no_codes_or_iso_dates(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Over the whole corpus (tiers, employment consequences, penalties, every track), the
    Indonesian diff names no track, tier or consequence by its code, no kind of conduct by
    its value and no date in ISO form."""
    assert main(["rules", "diff", "2014-01-01", "2025-01-01"]) == 0
    out = capsys.readouterr().out
    codes = re.compile(r"\b(?:DISIPLIN|ETIK|PIDANA|RINGAN|SEDANG|BERAT|[A-Z]+_[A-Z_]+)\b")
    assert codes.findall(out) == []
    assert re.findall(r"\b\d{4}-\d{2}-\d{2}\b", out) == []
    assert re.findall(r"\b[a-z]+_[a-z_]+\b", out) == []
    assert "status kepegawaian" in out


def test_diff_of_a_toy_corpus_renders_exactly(toy: RegulationSet) -> None:
    """A two-version instrument renders as one removal, one addition and one tier change."""
    text = render_diff(diff_law(toy, dt.date(2009, 12, 31), dt.date(2010, 1, 1)), "en")
    assert text == (
        "Law in force on 31 December 2009 compared with 1 January 2010\n"
        "Removed (in force on 31 December 2009 only):\n"
        "  pp1-a          discipline         moderate         Pasal 1 huruf a PP 1/2000 — "
        "Support letter\n"
        "Added (in force on 1 January 2010 only):\n"
        "  pp1-a-2010     discipline         heavy            Pasal 1 huruf a PP 1/2000 — "
        "Support letter\n"
        "Tier changes by conduct:\n"
        "  ktp_support_letter (support letter with a copy of the identity card), discipline: "
        "moderate -> heavy\n"
        "      31 December 2009: moderate (pp1-a)\n"
        "      1 January 2010: heavy (pp1-a-2010)\n"
    )
    indonesian = render_diff(diff_law(toy, dt.date(2009, 12, 31), dt.date(2010, 1, 1)), "id")
    assert indonesian.splitlines()[2] == (
        "  pp1-a          hukuman disiplin   sedang           Pasal 1 huruf a PP 1/2000 — "
        "Surat dukungan"
    )


def test_no_change_within_one_version(toy: RegulationSet) -> None:
    """Two dates under the same version give an empty diff, said in the chosen language."""
    diff = diff_law(toy, dt.date(2001, 1, 1), dt.date(2009, 1, 1))
    assert diff.empty
    assert render_diff(diff, "id") == (
        "Hukum yang berlaku pada 1 Januari 2001 dibandingkan dengan 1 Januari 2009\n"
        "  tidak ada perubahan\n"
    )


def test_cli_rejects_a_malformed_date(capsys: pytest.CaptureFixture[str]) -> None:
    """A date that is not YYYY-MM-DD is a usage error naming the expected form (in
    Indonesian by default)."""
    with pytest.raises(SystemExit) as exc:
        main(["rules", "diff", "2021-8-30x", "2021-08-31"])
    assert exc.value.code == 2
    assert "'2021-8-30x' bukan tanggal; tulis dalam bentuk YYYY-MM-DD" in capsys.readouterr().err


@settings(max_examples=examples(40))
@given(DAYS)
def test_a_date_compared_with_itself_has_no_change(day: dt.date) -> None:
    """The law on a date does not differ from itself."""
    assert diff_law(_SHIPPED, day, day).empty


@settings(max_examples=examples(40))
@given(DAYS, DAYS)
def test_swapping_the_dates_swaps_added_and_removed(a: dt.date, b: dt.date) -> None:
    """diff(a, b) adds what diff(b, a) removes, and its tier changes run the other way."""
    ab, ba = diff_law(_SHIPPED, a, b), diff_law(_SHIPPED, b, a)
    assert ab.added == ba.removed
    assert ab.removed == ba.added
    assert [(c.kind, c.track, c.before, c.after) for c in ab.changed] == [
        (c.kind, c.track, c.after, c.before) for c in ba.changed
    ]


@settings(max_examples=examples(40))
@given(DAYS, DAYS)
def test_added_provisions_are_exactly_those_in_force_only_on_the_second_date(
    a: dt.date, b: dt.date
) -> None:
    """A provision is added iff its version is in force on b and not on a."""
    on_a, on_b = set(in_force_entries(_SHIPPED, a)), set(in_force_entries(_SHIPPED, b))
    diff = diff_law(_SHIPPED, a, b)
    assert {e.provision_id for e in diff.added} == on_b - on_a
    assert {e.provision_id for e in diff.removed} == on_a - on_b


_SHIPPED = load_regulations()


def test_a_tier_the_ppk_sets_is_said_in_the_output_language(
    regs: RegulationSet, capsys: pytest.CaptureFixture[str]
) -> None:
    """PP 94/2021 Pasal 5 huruf n angka 1 fixes no tier: 'ditetapkan PPK' in Indonesian,
    'not fixed (PPK)' in English; the compared key stays the same in both."""
    assert main(["rules", "diff", "2021-08-30", "2021-09-01"]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.startswith("  pp94-5-n-1 "))
    assert line == (
        "  pp94-5-n-1     hukuman disiplin   ditetapkan PPK   Pasal 5 huruf n angka 1 PP 94/2021 — "
        "Ikut kampanye"
    )
    assert "not fixed" not in out
    assert "tiered" not in out
    assert main(["rules", "diff", "2021-08-30", "2021-09-01", "--lang", "en"]) == 0
    assert "  pp94-5-n-1     discipline         not fixed (PPK)  " in capsys.readouterr().out
    entry = in_force_entries(regs, dt.date(2021, 9, 1))["pp94-5-n-1"]
    assert (entry.consequence, entry.consequence_in("id")) == ("not fixed (PPK)", "ditetapkan PPK")
