"""The generated documentation: the regulation catalogue and the glossary."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netralitas_rules import glossary
from netralitas_rules.catalogue import (
    ANY_KIND,
    conduct_kinds,
    consequence_text,
    penalty_text,
    period,
    regulations_markdown,
    uncertain_provisions,
)
from netralitas_rules.cli import main
from netralitas_rules.conditions import parse_condition
from netralitas_rules.glossary import glossary_markdown, missing_entries, vocabulary_enums
from netralitas_rules.loader import RegulationSet, load_regulations
from netralitas_rules.regulation import Consequence, Penalty
from netralitas_rules.vocabulary import Certainty

REPO = Path(__file__).resolve().parent.parent
STALE = "{name} is stale: run `make docs` and commit the result"


@pytest.fixture(scope="module")
def regs() -> RegulationSet:
    """The shipped corpus, loaded once."""
    return load_regulations()


def test_committed_catalogue_matches_the_rule_files(regs: RegulationSet) -> None:
    """docs/regulations.md is what the rule files generate today."""
    committed = (REPO / "docs" / "regulations.md").read_text(encoding="utf-8")
    assert committed == regulations_markdown(regs, "en"), STALE.format(name="docs/regulations.md")


def test_committed_glossary_matches_the_glossary_data() -> None:
    """docs/glossary.md is what the glossary data generates today."""
    committed = (REPO / "docs" / "glossary.md").read_text(encoding="utf-8")
    assert committed == glossary_markdown("en"), STALE.format(name="docs/glossary.md")


def test_glossary_covers_every_vocabulary_value_and_fact_path() -> None:
    """Every enum value in vocabulary.py and every fact path has a glossary entry."""
    assert missing_entries() == []


def test_glossary_has_no_entry_for_a_value_that_does_not_exist() -> None:
    """Glossary keys name real vocabularies, values and fact paths (no stale leftovers)."""
    enums = vocabulary_enums()
    assert set(glossary.VOCABULARY) == set(enums)
    for name, entries in glossary.VOCABULARY.items():
        assert set(entries) <= {m.value for m in enums[name]}, name
    from netralitas_rules.facts import FACTS

    assert set(glossary.FACT_TERMS) <= set(FACTS)


def test_a_missing_glossary_entry_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    """Dropping an entry makes missing_entries name the value and the fact path."""
    vocab = {k: dict(v) for k, v in glossary.VOCABULARY.items()}
    del vocab["Tier"]["SEDANG"]
    facts = dict(glossary.FACT_TERMS)
    del facts["asn.status"]
    monkeypatch.setattr(glossary, "VOCABULARY", vocab)
    monkeypatch.setattr(glossary, "FACT_TERMS", facts)
    assert missing_entries() == ["Tier.SEDANG", "fact asn.status"]


def test_glossary_row_shows_term_identifier_gloss_and_article() -> None:
    """A vocabulary value is rendered as one table row with its four columns."""
    assert (
        "| hukuman disiplin berat | `BERAT` | heavy discipline sanction | "
        "PP 53/2010 Pasal 7 ayat (4); PP 94/2021 Pasal 8 ayat (4) |"
    ) in glossary_markdown("en").splitlines()


def test_derived_fact_paths_are_marked_in_the_glossary() -> None:
    """Derived facts carry '(derived)' after their path."""
    assert "| bakal calon / calon | `candidate.standing` (derived) |" in glossary_markdown("en")
    assert "| bakal calon / calon | `candidate.standing` (turunan) |" in glossary_markdown()


def test_conduct_kinds_reads_the_pinned_activity_kinds() -> None:
    """An eq or in on activity.kind at the top level pins kinds; otherwise any kind."""
    assert conduct_kinds(parse_condition({"activity.kind": "banner_display"})) == (
        "banner_display",
    )
    both = {"all": [{"activity.kind": {"in": ["goods_giving", "partisan_gathering"]}}]}
    assert conduct_kinds(parse_condition(both)) == ("goods_giving", "partisan_gathering")
    assert conduct_kinds(parse_condition({"activity.used_position": True})) == (ANY_KIND,)


@given(st.dates(dt.date(2000, 1, 2), dt.date(2090, 1, 1)), st.integers(1, 5000))
def test_period_shows_the_last_day_in_force(start: dt.date, days: int) -> None:
    """A version's period ends the day before superseded_on."""
    reg = _SHIPPED.versions[0]
    version = reg.version.model_copy(
        update={"effective_from": start, "superseded_on": start + dt.timedelta(days=days)}
    )
    moved = reg.model_copy(update={"version": version})
    last = start + dt.timedelta(days=days - 1)
    assert period(moved) == f"{start.isoformat()} – {last.isoformat()}"


def test_penalty_text_words_the_range() -> None:
    """A penal range reads as kind, months, combination and fine."""
    penalty = Penalty(
        kind="PENJARA",
        min_months=1,
        max_months=6,
        combination="dan/atau",
        fine_min_rupiah=600_000,
        fine_max_rupiah=6_000_000,
    )
    assert penalty_text(penalty) == "penjara 1–6 bulan dan/atau denda Rp600.000–Rp6.000.000"


def test_a_discipline_consequence_without_tier_is_referred_to_the_ppk() -> None:
    """A DISIPLIN consequence with no tier says the tier is not fixed."""
    assert consequence_text(Consequence(track="DISIPLIN")) == "not fixed (PPK)"
    assert consequence_text(Consequence(track="ETIK")) == "—"


def test_every_provision_is_listed_under_each_kind_it_pins(regs: RegulationSet) -> None:
    """Each provision appears in the catalogue once per kind of conduct each of its versions
    names (a provision keeps its id across the versions of its instrument)."""
    text = regulations_markdown(regs)
    for _reg, prov in regs.provisions():
        rows = [line for line in text.splitlines() if f"| `{prov.id}` " in line]
        kinds = [len(conduct_kinds(p.when)) for _, p in regs.provisions() if p.id == prov.id]
        assert len(rows) == sum(kinds), prov.id


def test_uncertainty_section_lists_exactly_the_provisions_below_verified(
    regs: RegulationSet,
) -> None:
    """The legal-uncertainty section has one heading per provision below verified."""
    text = regulations_markdown(regs, "en")
    section = text.split("## Legal uncertainty", 1)[1]
    headed = {line.split("`")[1] for line in section.splitlines() if line.startswith("### `")}
    expected = {p.id for _r, p in regs.provisions() if p.certainty.level is not Certainty.VERIFIED}
    assert headed == expected
    assert {p.id for _r, p in uncertain_provisions(regs)} == expected


def test_catalogue_renders_citations_in_full(regs: RegulationSet) -> None:
    """A provision's row names its pinpoint and its tier article with the instrument in full."""
    row = next(
        line for line in regulations_markdown(regs, "en").splitlines() if "| `pp94-5-n-7` " in line
    )
    assert (
        "Pasal 5 huruf n angka 7 Peraturan Pemerintah Nomor 94 Tahun 2021<br>"
        "tier: Pasal 14 huruf i Peraturan Pemerintah Nomor 94 Tahun 2021"
    ) in row


def test_cli_prints_the_catalogue_and_the_glossary(
    regs: RegulationSet, capsys: pytest.CaptureFixture[str]
) -> None:
    """`netralitas rules catalogue` and `rules glossary` print the generated Markdown, in
    Indonesian by default, the committed English docs with --lang en."""
    assert main(["rules", "catalogue"]) == 0
    assert capsys.readouterr().out == regulations_markdown(regs)
    assert main(["rules", "glossary"]) == 0
    assert capsys.readouterr().out == glossary_markdown()
    assert main(["rules", "catalogue", "--lang", "en"]) == 0
    assert capsys.readouterr().out == (REPO / "docs" / "regulations.md").read_text(encoding="utf-8")
    assert main(["--lang", "en", "rules", "glossary"]) == 0
    assert capsys.readouterr().out == (REPO / "docs" / "glossary.md").read_text(encoding="utf-8")


_SHIPPED = load_regulations()
