"""`netralitas agreement` speaks one language at a time: the Indonesian text carries no English,
no internal code and no rule id; the reviewer's note is written in both languages and each text
prints its own."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from netralitas_rules import CaseFileError
from netralitas_rules.fidelity import (
    AgreementReport,
    load_decided_cases,
    measure,
    parse_decided_case,
)
from netralitas_rules.fidelity.render import render_json, render_text
from netralitas_rules.loader import load_regulations
from netralitas_rules.vocabulary import Certainty, Tier, Track

REPO = Path(__file__).resolve().parent.parent

# A 2018 post toward the presidential pair before its penetapan: the library gives ETIK, KASN
# gave DISIPLIN SEDANG, so the case disagrees and its recorded cause is printed.
DISAGREEING = """\
id: x
election: pemilu-2019
asn: {id: asn-1, status: PNS, position_kind: PELAKSANA}
candidates:
  - {id: capres-1, office: PRESIDEN, party: Koalisi X}
activities:
  - {id: a1, date: 2018-09-01, kind: social_media_post, candidate_ids: [capres-1], public: true}
decided:
  sources:
    - {url: "https://example.org/berita/1"}
  outcome:
    forum: ADMINISTRATIVE
    decided_by: KASN
    decision: recommendation
    track: DISIPLIN
    tier: SEDANG
  disagreement:
    cause: reading
    law_supports: unsettled
    note: Dua jalur untuk perbuatan yang sama.
    note_en: Two routes for the same conduct.
"""


@pytest.fixture(scope="module")
def shipped() -> AgreementReport:
    """The measure of the shipped real cases, taken once for the module."""
    return measure(load_decided_cases([REPO / "cases" / "real"]))


def _words(text: str) -> set[str]:
    return set(re.findall(r"[\w-]+", text))


def test_the_indonesian_text_of_the_real_cases_has_no_english_and_no_code(
    shipped: AgreementReport,
) -> None:
    """No '/ EN:' note, no law_supports or certainty value in English, no track or tier code
    and no rule id in the Indonesian text of the shipped cases."""
    text = render_text(shipped, "id")
    assert "/ EN:" not in text
    assert "EN:" not in text
    words = _words(text)
    codes = {t.value for t in Track} | {t.value for t in Tier} | {"NONE"}
    english = {"library", "authority", "unsettled"} | {c.value for c in Certainty}
    assert words.isdisjoint(codes), sorted(words & codes)
    assert words.isdisjoint(english), sorted(words & english)
    ids = {p.id for _, p in load_regulations().provisions()}
    assert words.isdisjoint(ids), sorted(words & ids)
    assert "hukum mendukung: belum pasti" in text


def test_each_text_prints_the_notes_of_its_language_only(shipped: AgreementReport) -> None:
    """Every recorded note appears in its own language's text, and not in the other's."""
    indonesian, english = render_text(shipped, "id"), render_text(shipped, "en")
    noted = [r for r in shipped.disagreements if r.note]
    assert len(noted) >= 20
    for r in noted:
        assert r.note
        assert r.note_en
        assert f"  {r.note}\n" in indonesian
        assert f"  {r.note_en}\n" in english
        assert r.note_en not in indonesian
        assert r.note not in english


def test_the_json_carries_both_notes_and_the_codes(shipped: AgreementReport) -> None:
    """The JSON keeps the codes (track, tier, law_supports) and both notes."""
    cases = {c["id"]: c for c in json.loads(render_json(shipped))["cases"]}
    for r in shipped.disagreements:
        data = cases[r.id]
        assert (data["note"], data["note_en"]) == (r.note, r.note_en)
        assert data["law_supports"] == r.law_supports
        assert data["authority"]["track"] == (
            r.authority_track.value if r.authority_track else None
        )


def test_a_disagreement_reads_in_the_words_of_netralitas_check() -> None:
    """Tracks and tiers in the catalogue's words (as `netralitas check` prints them), the side
    the law supports in words, and the note of the language."""
    report = measure([parse_decided_case(DISAGREEING, "x.yaml")])
    assert render_text(report, "id").splitlines()[-4:] == [
        "Ketidaksesuaian (1):",
        "- x: otoritas: hukuman disiplin sedang; pustaka: kode etik",
        "  sebab: pustaka membaca hukum berbeda; hukum mendukung: belum pasti",
        "  Dua jalur untuk perbuatan yang sama.",
    ]
    assert render_text(report, "en").splitlines()[-4:] == [
        "Disagreements (1):",
        "- x: authority: discipline (moderate); library: ethics",
        "  cause: the library reads the law differently; the law supports: unsettled",
        "  Two routes for the same conduct.",
    ]


@pytest.mark.parametrize(
    ("side", "indonesian", "english"),
    [("library", "pustaka", "the library"), ("authority", "otoritas", "the authority")],
)
def test_each_side_the_law_supports_has_its_words(side: str, indonesian: str, english: str) -> None:
    """'library' and 'authority' are printed in the output language too."""
    report = measure([parse_decided_case(DISAGREEING.replace("unsettled", side), "x.yaml")])
    assert f"hukum mendukung: {indonesian}\n" in render_text(report, "id")
    assert f"the law supports: {english}\n" in render_text(report, "en")


@pytest.mark.parametrize(
    ("note_en", "where", "message"),
    [
        (
            "    note_en: 5\n",
            "x.yaml:21:5: decided.disagreement.note_en: ",
            "note_en must be text, not int 5: write it, the same explanation in English as "
            "one text (a '>-' block for a long one); the English output prints it",
        ),
        (
            "    note_en: [Two routes.]\n",
            "x.yaml:21:5: decided.disagreement.note_en: ",
            "note_en must be text, not list ['Two routes.']: write it, the same explanation "
            "in English as one text (a '>-' block for a long one); the English output prints it",
        ),
        (
            "    note_en: ' '\n",
            "x.yaml:21:5: decided.disagreement.note_en: ",
            "a note needs its English version: write note_en: beside note, the same "
            "explanation in English as one text (a '>-' block for a long one); the English "
            "output prints it",
        ),
        (
            "",
            "x.yaml:17:3: decided.disagreement.note_en: ",
            "a note needs its English version: write note_en: beside note, the same "
            "explanation in English as one text (a '>-' block for a long one); the English "
            "output prints it",
        ),
    ],
    ids=["number", "list", "blank", "missing"],
)
def test_a_note_without_a_well_formed_english_note_is_refused_at_its_place(
    note_en: str, where: str, message: str
) -> None:
    """A note needs note_en beside it, as one text; the error names the file, line, key path
    and how to fix it."""
    text = DISAGREEING.replace("    note_en: Two routes for the same conduct.\n", note_en)
    with pytest.raises(CaseFileError) as info:
        parse_decided_case(text, "x.yaml")
    assert str(info.value) == where + message


def test_a_note_still_holding_its_english_part_is_refused() -> None:
    """The old bilingual note ('... / EN: ...') is refused at the note, with how to split it."""
    text = DISAGREEING.replace(
        "note: Dua jalur untuk perbuatan yang sama.",
        "note: 'Dua jalur. / EN: Two routes.'",
    )
    with pytest.raises(CaseFileError) as info:
        parse_decided_case(text, "x.yaml")
    assert str(info.value) == (
        "x.yaml:20:5: decided.disagreement.note: the note holds its English part after "
        "'/ EN:': keep the Indonesian text in note and move the English text to note_en"
    )


def test_a_note_error_is_indonesian_in_indonesian() -> None:
    """The note's problems are worded in the output language too (``render("id")``)."""
    missing = DISAGREEING.replace("    note_en: Two routes for the same conduct.\n", "")
    with pytest.raises(CaseFileError) as info:
        parse_decided_case(missing, "x.yaml")
    assert info.value.render("id") == (
        "x.yaml:17:3: decided.disagreement.note_en: note memerlukan versi bahasa Inggrisnya: "
        "tulis note_en: di samping note, yaitu penjelasan yang sama dalam bahasa Inggris "
        "sebagai satu teks (blok '>-' untuk yang panjang); keluaran berbahasa Inggris "
        "mencetaknya"
    )
    mixed = DISAGREEING.replace(
        "note: Dua jalur untuk perbuatan yang sama.", "note: 'Dua jalur. / EN: Two routes.'"
    )
    with pytest.raises(CaseFileError) as info:
        parse_decided_case(mixed, "x.yaml")
    assert info.value.render("id") == (
        "x.yaml:20:5: decided.disagreement.note: note masih memuat bagian bahasa Inggrisnya "
        "sesudah '/ EN:': biarkan teks bahasa Indonesia di note dan pindahkan teks bahasa "
        "Inggrisnya ke note_en"
    )
    assert info.value.codes() == ["decided.note_english"]


def test_every_track_and_tier_has_words_in_both_languages() -> None:
    """Whatever the authority answers, no code reaches either text."""
    codes = {t.value for t in Track} | {t.value for t in Tier}
    shown = 0
    for track in [None, *Track]:
        for tier in [None, *Tier]:
            authority = DISAGREEING.replace(
                "    track: DISIPLIN\n    tier: SEDANG\n",
                f"    track: {track.value if track else 'NONE'}\n"
                + (f"    tier: {tier.value}\n" if tier else ""),
            )
            report = measure([parse_decided_case(authority, "x.yaml")])
            shown += len(report.disagreements)
            for lang in ("id", "en"):
                assert _words(render_text(report, lang)).isdisjoint(codes), (track, tier, lang)
    assert shown >= 15  # the answers are printed: most outcomes disagree with ETIK


@pytest.mark.parametrize(
    ("count", "english", "indonesian"),
    [
        (
            1,
            "1 case; same track 1/1 (100%); authority's track among the library's 1/1 (100%); "
            "same tier (of 1 stated tier) 0/1 (0%); with the facts the sources leave unstated "
            "unknown (1 case), the authority's track met or possible for the library 1/1 (100%); "
            "1 case judged as written, its unstated facts making too many combinations to judge "
            "together",
            "1 kasus; ",
        ),
        (
            2,
            "2 cases; same track 2/2 (100%); authority's track among the library's 2/2 (100%); "
            "same tier (of 2 stated tiers) 0/2 (0%); with the facts the sources leave unstated "
            "unknown (2 cases), the authority's track met or possible for the library 2/2 "
            "(100%); 2 cases judged as written, their unstated facts making too many "
            "combinations to judge together",
            "2 kasus; ",
        ),
    ],
)
def test_a_count_of_one_is_singular_in_english(count: int, english: str, indonesian: str) -> None:
    """A group of one case, one stated tier or one case judged as written says "1 case" and
    "1 stated tier" in English (it said "1 cases"); Indonesian has one form for both."""
    from netralitas_rules.fidelity.measure import Rates
    from netralitas_rules.fidelity.render import _rates

    n = count
    rates = Rates(n, n, n, n, 0, open_among_count=n, unstated_cases=n, too_many_cases=n)
    assert _rates(rates, "en") == english
    assert _rates(rates, "id").startswith(indonesian)
