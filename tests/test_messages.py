"""The report's texts come from one catalogue per language: every key in both, and no
Indonesian text (the catalogue, the report of every shipped example, every shipped provision
rendered as a finding) carries English, rule ids, fact paths, code names, ISO dates or notes
meant for rule authors, unless ``--detail full`` asks for them."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from netralitas_rules import load_case
from netralitas_rules.assessed import answer
from netralitas_rules.finding_parts import build_finding
from netralitas_rules.loader import load_regulations
from netralitas_rules.messages import CATALOGUES, date_text, missing_keys, msg
from netralitas_rules.render import render_finding, render_report
from netralitas_rules.vocabulary import AsnStatus

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.yaml"))
AS_OF = dt.date(2024, 6, 1)

DENIED = re.compile(
    "|".join(
        [
            # English words and the old labels
            r"\((?:prohibition|also|forms|tier)\)",
            r"\bnot fixed\b",
            r"\bas tiered by\b",
            r"\b(?:the|and|of|with|also|tier|forms|prohibition|verified|source|research)\b",
            # internal ids, versions, ISO dates
            r"\b[a-z]+\d+(?:-[a-z0-9]+)+\b",
            r"@\d{4}-\d{2}-\d{2}",
            r"\b\d{4}-\d{2}-\d{2}\b",
            # raw fact paths and code names
            r"\b(?:activity|candidate|asn|election|relationship)\.[a-z_]+",
            r"\b[A-Z]+_[A-Z_]+\b",
            # notes meant for rule authors
            r"\[T\d\]",
            r"fliphtml5|scribd|docs/research|legal-checks|legal-basis|\.md\b|§",
            # terms of art misused
            r"Kepastian hukum",
            r"Fakta yang terpenuhi",
        ]
    ),
    re.IGNORECASE,
)
"""What an Indonesian text for people may not contain."""


def denied(text: str) -> list[str]:
    """The denied pieces of ``text``, each with the line it is on."""
    return [
        f"{m.group()!r} in {line!r}" for line in text.splitlines() for m in DENIED.finditer(line)
    ]


def test_every_key_is_in_both_languages() -> None:
    """The Indonesian and English catalogues have the same keys."""
    assert missing_keys() == {"id": [], "en": []}


def test_a_missing_key_is_named() -> None:
    """A key only one catalogue has is reported for the other."""
    CATALOGUES["en"]["test.only_english"] = "x"
    try:
        assert missing_keys() == {"id": ["test.only_english"], "en": []}
    finally:
        del CATALOGUES["en"]["test.only_english"]


def test_the_indonesian_catalogue_has_no_denied_word() -> None:
    """No Indonesian text of the catalogue carries a denied word (placeholders aside)."""
    texts = (re.sub(r"\{\w+\}", "…", text) for text in CATALOGUES["id"].values())
    assert denied("\n".join(texts)) == []


def test_the_deny_list_catches_what_the_old_report_printed() -> None:
    """The list catches each kind of slip the old Indonesian report made."""
    for slip in (
        "- Pasal 4 Peraturan Pemerintah Nomor 53 Tahun 2010 (prohibition)",
        "Tingkat: mengikuti tingkat pp53-4-13-b",
        "foto (2018-09-05): pp-11-2017@2017-04-07",
        "- activity.kind in [social_media_share]  ← social_media_share",
        "Akibat kepegawaian: PHPK_TIDAK_DENGAN_HORMAT",
        "Tingkat berat terverifikasi ([T3] dan kutipan Pasal 13 di fliphtml5)",
        "Kepastian hukum: terverifikasi",
        "Fakta yang terpenuhi:",
        "Tingkat: not fixed (PPK)",
    ):
        assert denied(slip), slip


def test_dates_read_as_people_write_them() -> None:
    """'10 Maret 2019' in Indonesian, '10 March 2019' in English."""
    day = dt.date(2019, 3, 10)
    assert (date_text(day, "id"), date_text(day, "en")) == ("10 Maret 2019", "10 March 2019")


def test_placeholders_are_filled() -> None:
    """A text with placeholders takes its values by name."""
    assert msg("report.certainty", "id", level="satu sumber") == (
        "Status verifikasi sumber: satu sumber"
    )


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_shipped_example_reads_in_plain_indonesian(path: Path) -> None:
    """The default Indonesian report of each shipped example has no denied word."""
    text = render_report(answer(load_case(path), as_of=AS_OF), "id")
    assert denied(text) == []


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_full_detail_adds_ids_notes_and_elements(path: Path) -> None:
    """``full`` shows what the summary leaves out: provision ids, versions, the elements met."""
    report = answer(load_case(path), as_of=AS_OF)
    text = render_report(report, "id", "full")
    f = report.findings[0]
    assert f"Ketentuan: {f.provision_id} · versi {f.version}" in text
    assert "Unsur yang terpenuhi:" in text
    assert "Hukum yang berlaku:" in text


def test_every_provision_reads_in_plain_indonesian() -> None:
    """Every shipped provision, rendered as a finding for each status, has no denied word."""
    regs = load_regulations()
    problems: list[str] = []
    for reg, prov in regs.provisions():
        day = reg.version.effective_from
        for status in AsnStatus:
            f = build_finding(
                regs,
                reg,
                prov,
                activity_id="perbuatan",
                activity_date=day,
                candidate_id=None,
                status=status,
                schedules=regs.in_force(day),
                record={},
            )
            problems += [f"{prov.id}: {p}" for p in denied("\n".join(render_finding(1, f, "id")))]
    assert problems == []


def test_the_seed_case_opens_with_its_verdict() -> None:
    """The first lines say what was breached, the tier prescribed, what was imposed, whether
    it is enough, and who must act next."""
    seed = next(p for p in EXAMPLES if p.stem == "muaro-jambi-2019")
    lines = render_report(answer(load_case(seed), as_of=AS_OF), "id").splitlines()[:12]
    assert lines[:2] == [
        "Kasus muaro-jambi-2019 — ASN asn-01 (PNS)",
        "Kesimpulan: sanksi terlalu ringan",
    ]
    assert lines[2].startswith("  Dilanggar: SE MenPANRB B/71/2017 huruf e; PP 53/2010 Pasal 4")
    assert lines[3] == (
        "  Hukuman disiplin: hukum menetapkan tingkat berat; dijatuhkan teguran lisan (ringan) "
        "pada 14 Juni 2019 oleh PPK Kabupaten Muaro Jambi — sanksi terlalu ringan"
    )
    assert lines[4] == (
        "  Kode etik: hukum mewajibkan sanksi; 1910 hari sejak 10 Maret 2019 — belum dijatuhkan"
    )
    assert lines[5] == (
        "  Harus bertindak: PPK / pejabat yang berwenang menghukum (hukuman disiplin); "
        "PPK (kode etik)"
    )


@pytest.mark.parametrize(
    ("key", "noun"),
    [
        ("register.stats", "case"),
        ("register.imported", "case"),
        ("register.case_line", "event"),
        ("report.not_imposed", "day"),
        ("audit.not_yet", "day"),
        ("audit.days", "day"),
        ("audit.not_yet_full", "day"),
    ],
)
def test_a_counted_text_has_its_one_form_in_both_languages(key: str, noun: str) -> None:
    """`counted` picks `<key>_one` for one thing: English is singular there and plural
    otherwise, and both languages hold both keys (Indonesian with one wording)."""
    from netralitas_rules.messages import CATALOGUES, counted

    for lang in ("id", "en"):
        assert f"{key}_one" in CATALOGUES[lang]
    values: dict[str, object] = {"open": 1, "closed": 0, "overdue": 0, "rate": "-", "old": 0}
    values |= {"bad": 0, "case": "c", "verdict": "v", "due": "", "date": "d", "track": "t"}
    values |= {"as_of": "a"}
    counts = ("cases", "new", "events", "days")
    one = counted(key, "en", 1, **values, **dict.fromkeys(counts, 1))
    two = counted(key, "en", 2, **values, **dict.fromkeys(counts, 2))
    assert f"1 {noun}" in one
    assert f"1 {noun}s" not in one
    assert f"2 {noun}s" in two
