"""The law in force on the date of the act: PP 53/2010 up to 30 August 2021, PP 94/2021 from
31 August 2021; the `at=` override; strict mode."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _profiles import examples
from netralitas_rules import Case, NoVersionInForceError, Report, evaluate, parse_case

DISCIPLINE = ("pp-53-2010", "pp-94-2021")

KTP_CASE = """\
id: ktp
election: pilkada-2020
asn: {id: asn-1, status: PNS, position_kind: PELAKSANA}
candidates:
  - {id: dpd, office: DPD}
activities:
  - {id: before, date: 2021-08-30, kind: ktp_support_letter, candidate_ids: [dpd]}
  - {id: after, date: 2021-08-31, kind: ktp_support_letter, candidate_ids: [dpd]}
"""


def _discipline(report: Report) -> list[tuple[str, str, str, str | None]]:
    return [
        (f.activity_id, f.provision_id, f.version, f.tier.value if f.tier else None)
        for f in report.findings
        if f.instrument in DISCIPLINE
    ]


def _versions(report: Report, activity_id: str) -> set[str]:
    return next(set(la.versions) for la in report.law_applied if la.activity_id == activity_id)


@pytest.fixture
def ktp_case() -> Case:
    """A PNS gives a KTP support letter to a DPD candidate the day before and the day PP
    94/2021 took effect."""
    return parse_case(KTP_CASE, "ktp.yaml")


def test_act_on_30_august_2021_is_judged_under_pp_53(ktp_case: Case) -> None:
    """The day before PP 94/2021: PP 53/2010 Pasal 4 angka 14, tier SEDANG."""
    report = evaluate(ktp_case)
    assert [f for f in _discipline(report) if f[0] == "before"] == [
        ("before", "pp53-4-14", "pp-53-2010@2010-06-06", "SEDANG")
    ]
    finding = next(f for f in report.findings if f.provision_id == "pp53-4-14")
    assert [c.text for c in finding.citations] == [
        "Pasal 4 angka 14 Peraturan Pemerintah Nomor 53 Tahun 2010",
        "Pasal 12 angka 8 Peraturan Pemerintah Nomor 53 Tahun 2010",
        "Pasal 7 ayat (3) Peraturan Pemerintah Nomor 53 Tahun 2010",
    ]
    versions = _versions(report, "before")
    assert "pp-53-2010@2010-06-06" in versions
    assert "pp-94-2021@2021-08-31" not in versions


def test_act_on_31_august_2021_is_judged_under_pp_94(ktp_case: Case) -> None:
    """The day PP 94/2021 took effect: Pasal 5 huruf n angka 7, tier BERAT."""
    report = evaluate(ktp_case)
    assert [f for f in _discipline(report) if f[0] == "after"] == [
        ("after", "pp94-5-n-7", "pp-94-2021@2021-08-31", "BERAT")
    ]
    finding = next(f for f in report.findings if f.provision_id == "pp94-5-n-7")
    assert [c.text for c in finding.citations] == [
        "Pasal 5 huruf n angka 7 Peraturan Pemerintah Nomor 94 Tahun 2021",
        "Pasal 14 huruf i Peraturan Pemerintah Nomor 94 Tahun 2021",
        "Pasal 8 ayat (4) Peraturan Pemerintah Nomor 94 Tahun 2021",
    ]
    assert [f.id for f in finding.forms][:1] == ["turun_jabatan_12_bulan"]
    versions = _versions(report, "after")
    assert "pp-94-2021@2021-08-31" in versions
    assert "pp-53-2010@2010-06-06" not in versions


@pytest.mark.parametrize(
    ("at", "provision", "tier"),
    [(dt.date(2021, 9, 1), "pp94-5-n-7", "BERAT"), (dt.date(2020, 1, 1), "pp53-4-14", "SEDANG")],
)
def test_at_overrides_the_date_of_every_act(
    ktp_case: Case, at: dt.date, provision: str, tier: str
) -> None:
    """With at=, every act is judged under the law in force on that date."""
    report = evaluate(ktp_case, at=at)
    assert [(f[0], f[1], f[3]) for f in _discipline(report)] == [
        ("before", provision, tier),
        ("after", provision, tier),
    ]
    assert [la.judged_on for la in report.law_applied] == [at, at]
    # The finding still records when the act happened.
    assert {f.activity_date for f in report.findings} == {
        dt.date(2021, 8, 30),
        dt.date(2021, 8, 31),
    }


def test_strict_mode_raises_when_no_version_covers_the_date(ktp_case: Case) -> None:
    """A 2009 act predates every version of the PP 53 -> PP 94 lineage: strict raises."""
    old = ktp_case.model_copy(
        update={
            "activities": (ktp_case.activities[0].model_copy(update={"date": dt.date(2009, 5, 1)}),)
        }
    )
    with pytest.raises(NoVersionInForceError) as info:
        evaluate(old, strict=True)
    assert str(info.value) == (
        "activity 'before' on 2009-05-01: no version of pp-53-2010 -> pp-94-2021 is in force on "
        "that date (versions cover [2010-06-06, 2021-08-31), [2021-08-31, open)); load a version "
        "that covers it or drop strict"
    )
    assert isinstance(info.value, LookupError)
    # Without strict, the act is judged under whatever is in force: no discipline finding.
    assert _discipline(evaluate(old)) == []


def test_strict_mode_passes_when_versions_cover_the_dates(ktp_case: Case) -> None:
    """Strict mode changes nothing when every act's date is covered."""
    assert evaluate(ktp_case, strict=True) == evaluate(ktp_case)


def test_strict_mode_uses_the_at_date(ktp_case: Case) -> None:
    """Strict mode checks the override date, not the act's own date."""
    with pytest.raises(NoVersionInForceError):
        evaluate(ktp_case, at=dt.date(2009, 5, 1), strict=True)


@settings(max_examples=examples(40))
@given(st.dates(dt.date(2010, 6, 6), dt.date(2030, 12, 31)))
def test_exactly_one_discipline_version_applies(day: dt.date) -> None:
    """On any day from 2010-06-06 exactly one of PP 53/2010 and PP 94/2021 is in force, and
    it is the one whose validity contains the day."""
    case = parse_case(KTP_CASE, "ktp.yaml")
    report = evaluate(case, at=day, strict=True)
    discipline = {v for v in _versions(report, "before") if v.split("@")[0] in DISCIPLINE}
    expected = "pp-53-2010@2010-06-06" if day < dt.date(2021, 8, 31) else "pp-94-2021@2021-08-31"
    assert discipline == {expected}
