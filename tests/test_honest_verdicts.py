"""Honest verdicts (#14 item 4): a case with no finding says that no encoded provision matched
and what was consulted; the audit says whether a tier rests on law, guidance or policy, with
the certainty of its weakest ground; criminal exposure after a change of the law follows KUHP
2023 Pasal 3 ayat (1) and cites both texts; a disciplinary act judged after its instrument
changed shows both schedules."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from _profiles import examples
from _sanctions_cases import make_case, sedang_act
from netralitas_rules import Case
from netralitas_rules.assessed import AssessedReport, answer
from netralitas_rules.cli import main
from netralitas_rules.engine import get_engine
from netralitas_rules.render import render_report
from netralitas_rules.sanctions import GroundKind, PenaltyChoice, Verdict
from netralitas_rules.sanctions.changes import (
    change_lines,
    penalty_change,
    shipped_penalty_changes,
)
from netralitas_rules.sanctions.grounds import CERTAINTY_ORDER, weakest
from netralitas_rules.testing import strategies
from netralitas_rules.vocabulary import Certainty, Track

CONSULTED_2024 = (
    "PP 11/2017, PP 42/2004, PP 49/2018, PP 94/2021, SKB Netralitas 2022, "
    "UU Pilkada (UU 1/2015 jo. UU 10/2016), UU 20/2023, UU 7/2017"
)
NOTHING = {"id": "n1", "date": "2024-01-10", "kind": "goods_giving"}
LIKE = {"id": "l1", "date": "2024-01-10", "kind": "social_media_like", "candidate_ids": ["c1"]}
ORGANISER = {
    "id": "o1",
    "date": "2024-01-10",
    "kind": "campaign_organiser",
    "candidate_ids": ["c1"],
}
PILKADA_PAIR = {
    "id": "paslon",
    "office": "BUPATI",
    "party": "Partai X",
    "penetapan_date": "2024-09-22",
}
REGENT_2020 = {"id": "p1", "office": "BUPATI", "party": "Partai X", "penetapan_date": "2020-09-23"}


def _lines(report: AssessedReport, lang: str) -> list[str]:
    return render_report(report, lang).splitlines()


def _pejabat(case: Case) -> Case:
    asn = case.asn.model_copy(update={"is_pejabat_asn": True, "position_kind": "ADMINISTRATOR"})
    return case.model_copy(update={"asn": asn})


# --------------------------------------------------------------------------- no match


def test_a_case_with_no_finding_says_no_encoded_provision_matched_in_indonesian() -> None:
    """The opening names no breach: it says nothing encoded matched, lists the instruments in
    force on the act's date that were consulted, and that this is no finding of innocence."""
    report = answer(make_case([NOTHING]), as_of=dt.date(2024, 6, 1))
    assert _lines(report, "id")[1:5] == [
        "Kesimpulan: tidak ada ketentuan yang dikodekan yang cocok dengan fakta ini",
        "  Peraturan yang berlaku pada tanggal perbuatan dan telah diperiksa: "
        f"{CONSULTED_2024}. Ini bukan pernyataan bahwa tidak ada pelanggaran: hukum yang tidak "
        "dikodekan atau fakta yang tidak disebut dapat mengubahnya.",
        "",
        "Rekomendasi sanksi:",
    ]
    assert "Tidak ada tindakan lanjutan yang diperlukan." not in _lines(report, "id")
    assert _lines(report, "id")[-3:-1] == [
        "  Kesimpulan: tidak ada ketentuan yang dikodekan yang cocok",
        "",
    ]
    assert "  Overall: no encoded provision matched" in _lines(report, "en")


def test_a_case_with_no_finding_says_no_encoded_provision_matched_in_english() -> None:
    """The same statement with --lang en."""
    report = answer(make_case([NOTHING]), as_of=dt.date(2024, 6, 1))
    assert _lines(report, "en")[1:3] == [
        "Conclusion: no encoded provision matched these facts",
        "  Instruments in force on the act dates that were consulted: "
        f"{CONSULTED_2024}. This is not a finding that no violation occurred: law the library "
        "does not encode, or facts not stated, may change it.",
    ]


def test_the_no_match_statement_is_a_typed_field_of_the_json_answer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check --format json` carries assessment.no_match with the instruments, the versions and
    the statement in both languages."""
    path = tmp_path / "nothing.json"
    case = make_case([NOTHING])
    path.write_text(case.model_dump_json(exclude_none=True), encoding="utf-8")
    assert main(["check", str(path), "--format", "json", "--as-of", "2024-06-01"]) == 0
    nm = json.loads(capsys.readouterr().out)["assessment"]["no_match"]
    assert ", ".join(nm["instruments"]) == CONSULTED_2024
    assert "pp-94-2021@2021-08-31" in nm["versions"]
    assert nm["act_dates"] == ["2024-01-10"]
    assert nm["text"] == (
        "Tidak ada ketentuan yang dikodekan yang cocok dengan fakta ini. Peraturan yang berlaku "
        f"pada tanggal perbuatan dan telah diperiksa: {CONSULTED_2024}. Ini bukan pernyataan "
        "bahwa tidak ada pelanggaran: hukum yang tidak dikodekan atau fakta yang tidak disebut "
        "dapat mengubahnya."
    )
    assert nm["text_en"].startswith("No encoded provision matched these facts. Instruments")


def test_a_case_without_acts_says_nothing_was_consulted() -> None:
    """No act, no date, no instrument: the text says so instead of listing none."""
    report = answer(make_case([]), as_of=dt.date(2024, 6, 1))
    assert report.assessment.no_match is not None
    assert report.assessment.no_match.instruments == ()
    assert report.assessment.no_match.text_en == (
        "No encoded provision matched these facts. The case states no act that can be judged; "
        "no instrument was consulted. This is not a finding that no violation occurred: law the "
        "library does not encode, or facts not stated, may change it."
    )


def test_a_case_with_a_finding_has_no_no_match_statement() -> None:
    """Findings and the no-match statement exclude each other."""
    assert answer(make_case([sedang_act()]), as_of=dt.date(2024, 6, 1)).assessment.no_match is None


@settings(
    max_examples=examples(25),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(case=strategies.cases())
def test_a_case_without_findings_always_lists_the_instruments_in_force_on_its_act_dates(
    case: Case,
) -> None:
    """On generated cases: no finding (met or possible) iff a no-match statement, which names
    exactly the instruments in force on the act dates, and the Indonesian text never says that
    no provision is breached."""
    report = answer(case, as_of=dt.date(2026, 6, 1))
    nm = report.assessment.no_match
    assert (nm is None) == bool(report.findings)
    text = render_report(report, "id")
    assert "Tidak ada ketentuan yang dilanggar" not in text
    if nm is not None:
        regs = get_engine().rules.regulations
        wanted = {
            reg.instrument.short_name
            for la in report.law_applied
            for reg in regs.in_force(la.judged_on)
        }
        assert set(nm.instruments) == wanted
        assert nm.text.startswith("Tidak ada ketentuan yang dikodekan")


# --------------------------------------------------------------------------- grounds


def test_a_tier_set_by_a_pp_is_law_and_says_the_law_prescribes_at_least() -> None:
    """Campaign attendance with party attributes (PP 94/2021, sedang) given a teguran lisan:
    'the law prescribes at least', with the tier article and its certainty."""
    imposed = [{"track": "DISIPLIN", "tier": "RINGAN", "date": "2024-02-01"}]
    report = answer(make_case([sedang_act()], imposed=imposed), as_of=dt.date(2024, 3, 1))
    (t,) = report.assessment.audit.tracks
    assert (t.verdict, t.ground, t.certainty) == (
        Verdict.UNDER_SANCTIONED,
        GroundKind.LAW,
        Certainty.VERIFIED,
    )
    assert t.text_en == (
        "Imposed: light, where the law prescribes at least the moderate tier "
        "(PP 94/2021 Pasal 13 huruf g)."
    )
    id_lines = _lines(report, "id")
    assert (
        "  Hukuman disiplin: sanksi terlalu ringan — dijatuhkan ringan pada 1 Februari 2024, "
        "padahal hukum menetapkan sekurang-kurangnya tingkat sedang (PP 94/2021 Pasal 13 huruf g)"
    ) in id_lines
    assert "    Dasar terlemah: hukum, terverifikasi" in id_lines
    assert "    Weakest ground: law, verified" in _lines(report, "en")


def test_a_tier_only_an_skb_sets_is_guidance_with_its_single_source() -> None:
    """A like of a candidate's post (SKB 2022 item B6, berat, one source) given a ringan:
    never 'the law prescribes'; the SKB item sets it, single source."""
    imposed = [{"track": "DISIPLIN", "tier": "RINGAN", "date": "2024-02-01"}]
    report = answer(make_case([LIKE], imposed=imposed), as_of=dt.date(2024, 3, 1))
    (t,) = report.assessment.audit.tracks
    assert (t.ground, t.certainty) == (GroundKind.GUIDANCE, Certainty.SINGLE_SOURCE)
    assert [g.source for g in t.grounds] == ["SKB Netralitas 2022 Lampiran huruf B angka 6"]
    id_lines = _lines(report, "id")
    assert id_lines[3] == (
        "  Hukuman disiplin: SKB Netralitas 2022 Lampiran huruf B angka 6 menetapkan tingkat "
        "berat (satu sumber); dijatuhkan ringan pada 1 Februari 2024 — sanksi terlalu ringan"
    )
    assert (
        "  Hukuman disiplin: sanksi terlalu ringan — dijatuhkan ringan pada 1 Februari 2024, "
        "padahal SKB Netralitas 2022 Lampiran huruf B angka 6 menetapkan tingkat berat "
        "(satu sumber)"
    ) in id_lines
    assert "    Dasar terlemah: pedoman, satu sumber" in id_lines
    en = _lines(report, "en")
    assert (
        "  Discipline: under-sanctioned — imposed: light on 1 February 2024, where SKB "
        "Netralitas 2022 Lampiran huruf B angka 6 sets the heavy tier (single source)"
    ) in en
    assert not any("law prescribes" in line for line in en)


def test_a_tier_raised_by_repeat_is_policy() -> None:
    """A repeat of the same nature raises sedang to berat: the audit says policy raised it,
    and the weakest ground is policy, not cited law."""
    prior = {"date": "2022-05-01", "tier": "SEDANG", "nature": "campaign_attendance"}
    imposed = [{"track": "DISIPLIN", "tier": "SEDANG", "date": "2024-02-01"}]
    case = make_case([sedang_act()], priors=[prior], imposed=imposed)
    report = answer(case, as_of=dt.date(2024, 3, 1))
    (t,) = report.assessment.audit.tracks
    assert (t.verdict, t.ground, t.certainty) == (
        Verdict.UNDER_SANCTIONED,
        GroundKind.POLICY,
        Certainty.VERIFIED,
    )
    assert [(g.kind, g.tier.value) for g in t.grounds] == [
        (GroundKind.LAW, "SEDANG"),
        (GroundKind.POLICY, "BERAT"),
    ]
    id_lines = _lines(report, "id")
    assert (
        "  Hukuman disiplin: sanksi terlalu ringan — dijatuhkan sedang pada 1 Februari 2024, "
        "padahal kebijakan: pengulangan menaikkannya menjadi tingkat berat"
    ) in id_lines
    assert (
        "    Dasar terlemah: kebijakan (bukan hukum yang dikutip); status sumber terlemah: "
        "terverifikasi"
    ) in id_lines
    assert (
        "  Discipline: under-sanctioned — imposed: moderate on 1 February 2024, where policy: "
        "repeat raises it to the heavy tier"
    ) in _lines(report, "en")


def test_an_adequate_sanction_names_its_ground() -> None:
    """A sedang for a sedang act is adequate, and says the law set it."""
    imposed = [{"track": "DISIPLIN", "tier": "SEDANG", "date": "2024-02-01"}]
    (t,) = answer(
        make_case([sedang_act()], imposed=imposed), as_of=dt.date(2024, 3, 1)
    ).assessment.audit.tracks
    assert (t.verdict, t.ground) == (Verdict.ADEQUATE, GroundKind.LAW)
    assert t.text == (
        "Dijatuhkan sedang, sesuai dengan tingkat sedang; hukum menetapkan sekurang-kurangnya "
        "tingkat sedang (PP 94/2021 Pasal 13 huruf g)."
    )


def test_certainty_labels_are_ordered_firmest_first() -> None:
    """The order used for 'weakest' covers every label once."""
    assert sorted(CERTAINTY_ORDER) == sorted(Certainty)


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=strategies.cases())
def test_every_grounded_verdict_carries_its_weakest_ground(case: Case) -> None:
    """On generated cases: each audited track's ground and certainty are the weakest of the
    chain it rests on, and only a verdict resting on law alone says the law prescribes."""
    report = answer(case, as_of=dt.date(2024, 6, 1))
    for t in report.assessment.audit.tracks:
        if not t.grounds:
            assert t.ground is None
            assert t.certainty is None
            continue
        assert (t.ground, t.certainty) == weakest(t.grounds)
        says_law = "the law prescribes at least" in t.text_en
        assert not says_law or t.ground is GroundKind.LAW


# --------------------------------------------------------------------------- lex mitior


def test_pasal_494_before_the_adjustment_follows_the_more_favourable_new_law() -> None:
    """A campaign-team ASN in January 2024, handled in March 2026: KUHP 2023 Pasal 3 ayat (1)
    applies UU 1/2026 (no kurungan, fine at most kategori II), both texts cited."""
    report = answer(make_case([ORGANISER]), as_of=dt.date(2026, 3, 1))
    rec = report.assessment.recommendation(Track.PIDANA)
    assert rec is not None
    change = rec.exposures[0].change
    assert change is not None
    assert (change.applies, change.act_before, change.certainty) == (
        PenaltyChoice.NOW,
        True,
        Certainty.INFERRED,
    )
    assert change.rule is not None
    assert change.rule.text == "Pasal 3 ayat (1) UU 1/2023 (KUHP)"
    lines = _lines(report, "id")
    start = lines.index(
        "    Ancaman pidana: Pasal 494 Undang-Undang Nomor 7 Tahun 2017: kurungan paling lama "
        "1 tahun dan denda paling banyak Rp12.000.000"
    )
    assert lines[start + 1 : start + 5] == [
        "      Hukum berubah sesudah perbuatan: UU 1/2026 berlaku sejak 2 Januari 2026.",
        "      Menurut hukum pada tanggal perbuatan (Pasal 494 Undang-Undang Nomor 7 Tahun 2017): "
        "kurungan paling lama 1 tahun dan denda paling banyak Rp12.000.000.",
        "      Menurut UU 1/2026 (Pasal 2 ayat (3) UU 1/2026; Pasal 2 ayat (2) huruf a UU 1/2026; "
        "Pasal 79 ayat (1) huruf b UU 1/2023 (KUHP)): denda paling banyak kategori II "
        "(Rp10.000.000), tanpa pidana kurungan.",
        "      Yang berlaku: UU 1/2026, karena lebih menguntungkan pelaku (Pasal 3 ayat (1) "
        "UU 1/2023 (KUHP)) [disimpulkan].",
    ]
    en = _lines(report, "en")
    assert (
        "      Applies: UU 1/2026, as the law more favourable to the offender (Pasal 3 ayat (1) "
        "UU 1/2023 (KUHP)) [inferred]."
    ) in en
    assert (
        "      Under the law on the date of the act (Pasal 494 Undang-Undang Nomor 7 Tahun 2017): "
        "confinement (kurungan) of at most 1 year and a fine of at most Rp12.000.000."
    ) in en


def test_pasal_494_handled_before_the_adjustment_shows_no_change() -> None:
    """Handled in 2024, before UU 1/2026 took effect: the exposure is the text of the act's
    date alone."""
    rec = answer(make_case([ORGANISER]), as_of=dt.date(2024, 3, 1)).assessment.recommendation(
        Track.PIDANA
    )
    assert rec is not None
    assert rec.exposures[0].change is None


def test_pasal_188_after_the_adjustment_is_contested_and_shows_both() -> None:
    """A pejabat ASN favouring a regent pair in October 2024, handled in 2026: which law is
    more favourable cannot be settled; both ranges are given."""
    act = {
        "id": "a1",
        "date": "2024-10-10",
        "kind": "favouring_decision",
        "candidate_ids": ["paslon"],
    }
    case = _pejabat(make_case([act], election="pilkada-2024", candidates=[PILKADA_PAIR]))
    report = answer(case, as_of=dt.date(2026, 3, 1))
    rec = report.assessment.recommendation(Track.PIDANA)
    assert rec is not None
    assert rec.exposures[0].change is not None
    assert rec.exposures[0].change.applies is PenaltyChoice.CONTESTED
    assert (
        "      Hukum yang lebih menguntungkan pelaku (Pasal 3 ayat (1) UU 1/2023 (KUHP)) tidak "
        "dapat ditetapkan dari sumber yang ditemukan; keduanya disampaikan [diperselisihkan]."
    ) in _lines(report, "id")
    assert (
        "      Which law is more favourable to the offender (Pasal 3 ayat (1) UU 1/2023 (KUHP)) "
        "cannot be settled from the sources found; both are given [contested]."
    ) in _lines(report, "en")


def test_an_act_after_the_adjustment_takes_the_adjusted_range() -> None:
    """An act on 1 February 2026 is judged by the adjusted range, with no lex mitior choice."""
    report = answer(make_case([ORGANISER]), as_of=dt.date(2026, 3, 1))
    rec = report.assessment.recommendation(Track.PIDANA)
    assert rec is not None
    exposure = rec.exposures[0]
    # The shipped calendars end before 2026, so the change is built for a later act directly.
    finding = next(f for f in report.findings if f.track is Track.PIDANA)
    later = finding.model_copy(update={"activity_date": dt.date(2026, 2, 1)})
    change = penalty_change(
        later, exposure.penal_article, dt.date(2026, 3, 1), shipped_penalty_changes()
    )
    assert change is not None
    assert (change.act_before, change.applies) == (False, PenaltyChoice.NOW)
    assert change_lines(change, "id") == [
        "Perbuatan sesudah UU 1/2026 berlaku (2 Januari 2026): denda paling banyak kategori II "
        "(Rp10.000.000), tanpa pidana kurungan [disimpulkan]."
    ]
    assert change_lines(change, "en") == [
        "Act after UU 1/2026 took effect (2 January 2026): a fine of at most kategori II "
        "(Rp10.000.000), with no confinement (kurungan) [inferred]."
    ]


def test_a_penal_article_whose_conversion_was_not_found_is_unconverted() -> None:
    """A penal article without an encoded conversion says so after 2 January 2026."""
    report = answer(make_case([ORGANISER]), as_of=dt.date(2026, 3, 1))
    finding = next(f for f in report.findings if f.track is Track.PIDANA)
    other = finding.model_copy(update={"citations": finding.citations[:1]})
    change = penalty_change(other, "Pasal X", dt.date(2026, 3, 1), shipped_penalty_changes())
    assert change is not None
    assert change.applies is PenaltyChoice.UNCONVERTED
    assert change_lines(change, "id") == [
        "Cara UU 1/2026 (berlaku sejak 2 Januari 2026) menyesuaikan ancaman ini tidak "
        "ditemukan; ancaman di atas adalah teks pada tanggal perbuatan, belum disesuaikan."
    ]
    assert change_lines(change, "en") == [
        "How UU 1/2026 (in force since 2 January 2026) adjusts this penalty was not found; the "
        "range above is the text on the date of the act, unadjusted."
    ]


def test_every_penalty_change_cites_sources_and_a_basis() -> None:
    """Each encoded change names its sources and at least one basis, and a contested one says
    so in its certainty."""
    data = shipped_penalty_changes()
    assert data.lex_mitior.out().text == "Pasal 3 ayat (1) UU 1/2023 (KUHP)"
    for ch in data.changes:
        assert ch.sources
        assert ch.basis
        assert (ch.favourable.value == "contested") == (ch.certainty is Certainty.CONTESTED)


# --------------------------------------------------------------------------- discipline


def _regent_2020(imposed: list[dict[str, Any]]) -> Case:
    act = {"id": "d1", "date": "2020-11-01", "kind": "favouring_decision", "candidate_ids": ["p1"]}
    return make_case([act], election="pilkada-2020", candidates=[REGENT_2020], imposed=imposed)


def test_an_act_judged_after_pp_94_took_effect_shows_both_schedules() -> None:
    """An act of November 2020 (PP 53/2010) sanctioned on 15 September 2021, after PP 94/2021
    took effect: the recommendation stays under PP 53/2010 and the PPK sees both forms."""
    imposed = [{"track": "DISIPLIN", "tier": "BERAT", "date": "2021-09-15"}]
    report = answer(_regent_2020(imposed), as_of=dt.date(2021, 10, 1))
    rec = report.assessment.recommendation(Track.DISIPLIN)
    assert rec is not None
    (change,) = rec.law_changes
    assert (change.act_law, change.later_law, change.judged_on_from) == (
        "PP 53/2010",
        "PP 94/2021",
        "imposed",
    )
    lines = _lines(report, "id")
    start = lines.index(
        "    Perbuatan d1 (1 November 2020) dinilai pada 15 September 2021 (tanggal sanksi "
        "dijatuhkan), sesudah PP 94/2021 berlaku (31 Agustus 2021); rekomendasi tetap menurut "
        "PP 53/2010, hukum pada tanggal perbuatan. PPK melihat keduanya:"
    )
    assert lines[start + 1].startswith("      - PP 53/2010, tingkat berat: penurunan pangkat")
    assert lines[start + 2] == (
        "      - PP 94/2021, tingkat berat: penurunan jabatan setingkat lebih rendah selama 12 "
        "bulan; pembebasan dari jabatan menjadi jabatan pelaksana selama 12 bulan; "
        "pemberhentian dengan hormat tidak atas permintaan sendiri sebagai PNS"
    )


def test_without_a_decision_the_day_of_handling_is_the_judging_date() -> None:
    """No sanction imposed yet: the day of handling passed in dates the judging, in English
    too; before PP 94/2021 took effect there is nothing to flag."""
    report = answer(_regent_2020([]), as_of=dt.date(2021, 10, 1))
    assert (
        "    Act d1 (1 November 2020) is judged on 1 October 2021 (the day of handling), after "
        "PP 94/2021 took effect (31 August 2021); the recommendation stays under PP 53/2010, "
        "the law on the date of the act. The PPK sees both:"
    ) in _lines(report, "en")
    early = answer(_regent_2020([]), as_of=dt.date(2021, 8, 1)).assessment
    rec = early.recommendation(Track.DISIPLIN)
    assert rec is not None
    assert rec.law_changes == ()


def test_the_indonesian_text_of_every_honest_verdict_reads_in_plain_indonesian() -> None:
    """The no-match, guidance, policy, lex mitior and law-change texts carry no denied word
    (English, ids, ISO dates) in Indonesian."""
    from test_messages import denied

    prior = {"date": "2022-05-01", "tier": "SEDANG", "nature": "campaign_attendance"}
    imposed = [{"track": "DISIPLIN", "tier": "RINGAN", "date": "2024-02-01"}]
    act = {"id": "a1", "date": "2024-10-10", "kind": "favouring_decision"}
    act["candidate_ids"] = ["paslon"]  # type: ignore[assignment]
    reports = [
        answer(make_case([NOTHING]), as_of=dt.date(2024, 6, 1)),
        answer(make_case([]), as_of=dt.date(2024, 6, 1)),
        answer(make_case([LIKE], imposed=imposed), as_of=dt.date(2024, 3, 1)),
        answer(
            make_case([sedang_act()], priors=[prior], imposed=imposed), as_of=dt.date(2024, 3, 1)
        ),
        answer(make_case([ORGANISER]), as_of=dt.date(2026, 3, 1)),
        answer(
            _pejabat(make_case([act], election="pilkada-2024", candidates=[PILKADA_PAIR])),
            as_of=dt.date(2026, 3, 1),
        ),
        answer(_regent_2020([]), as_of=dt.date(2021, 10, 1)),
    ]
    assert [denied(render_report(r, "id")) for r in reports] == [[]] * len(reports)
