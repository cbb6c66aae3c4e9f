"""Every text of the supervisor's page exists in Indonesian and English: the page's own
catalogue, every key its templates and script read, and every choice it offers; the names of
the deadline steps are the deadlines' own (``deadlines.step_name``), never the catalogue's."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from netralitas_rules.deadlines import shipped_deadlines, step_name
from netralitas_rules.register import EventKind, ReportSource
from netralitas_rules.web import pages, texts

WEB = resources.files("netralitas_rules.web")


def _sources() -> str:
    parts = [p.read_text("utf-8") for p in WEB.joinpath("templates").iterdir()]
    parts.append(WEB.joinpath("static", "app.js").read_text("utf-8"))
    return "\n".join(parts)


def test_the_page_catalogues_have_the_same_keys() -> None:
    """No key is in one language's catalogue and missing from the other's."""
    assert texts.missing_keys() == {"id": [], "en": []}


def test_a_key_missing_from_a_catalogue_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    """The completeness check names the key a language lacks."""
    shorter = dict(texts.CATALOGUES["en"])
    del shorter["intake.submit"]
    monkeypatch.setitem(texts.CATALOGUES, "en", shorter)
    assert texts.missing_keys() == {"id": [], "en": ["intake.submit"]}


@pytest.mark.parametrize("lang", texts.LANGS)
def test_every_key_the_templates_and_script_read_has_a_text(lang: str) -> None:
    """Each literal key given to t(...) in a template or the script has a text in ``lang``."""
    source = _sources()
    keys = set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z_.-]+|[a-z_]+)["']""", source))
    # the form macros take the label's key second: f.text("asn.id", "asn.id")
    keys |= set(re.findall(r'\bf\.\w+\(\s*"[^"]*",\s*"([^"]+)"', source))
    assert keys, "no keys found: the pattern no longer matches the sources"
    known = texts.page_texts(lang)
    assert sorted(k for k in keys if k not in known) == []


@pytest.mark.parametrize("lang", texts.LANGS)
def test_every_repeated_section_has_its_texts(lang: str) -> None:
    """Each list of items the intake form repeats (candidates, ties, prior sanctions ...)
    has its heading, item legend and add button in ``lang`` (keys built from its name)."""
    sections = re.findall(r'\{% call repeat\("(\w+)"', _sources())
    assert {"ties", "prior_sanctions", "candidates"} <= set(sections)
    known = texts.page_texts(lang)
    wanted = [f"{s}.{part}" for s in sections for part in ("section", "item", "add")]
    assert [k for k in wanted if k not in known] == []


@pytest.mark.parametrize("lang", texts.LANGS)
def test_every_key_built_from_a_prefix_has_a_text(lang: str) -> None:
    """The keys the script builds from a value (event kinds, sources, verdict and certainty
    names, months) exist for every value of their vocabulary."""
    known = texts.page_texts(lang)
    wanted = [f"event_kind.{k.value}" for k in EventKind]
    wanted += [f"source.{s.value}" for s in ReportSource]
    wanted += [f"month.{m}" for m in range(1, 13)]
    assert [k for k in wanted if k not in known] == []


PAGES = {
    "intake.html": {"page": "intake"},
    "case.html": {"page": "case", "case_id": "muaro-jambi-2019"},
    "follow_up.html": {"page": "follow-up"},
    "dashboard.html": {"page": "dashboard"},
}


@pytest.mark.parametrize("template", PAGES)
@pytest.mark.parametrize("lang", texts.LANGS)
def test_the_page_names_every_deadline_step_as_step_name_does(lang: str, template: str) -> None:
    """The step names the server gives the page's script are ``deadlines.step_name``'s for
    every step of the shipped deadlines; the script names a step only through them (its
    stepName), and no step name is in the page's catalogue to drift from them."""
    html = pages.render(template, lang, "/web/", **PAGES[template])
    found = re.search(r'<script type="application/json" id="page-data">(.*?)</script>', html)
    assert found, "the page's data is no longer embedded as the script reads it"
    data = json.loads(found.group(1))
    ids = [s.id for s in shipped_deadlines().steps]
    assert ids
    assert data["steps"] == {i: step_name(i, lang) for i in ids}
    assert [k for k in data["texts"] if k.startswith("step.")] == []
    script = WEB.joinpath("static", "app.js").read_text("utf-8")
    assert "function stepName(id)" in script
    assert "DATA.steps[id]" in script
    assert re.findall(r"""["']step\.""", script) == []


@pytest.mark.parametrize("lang", texts.LANGS)
def test_every_choice_has_a_label(lang: str) -> None:
    """Every value of every vocabulary the forms offer has a non-empty label."""
    for name, options in texts.choices(lang).items():
        assert options, name
        assert all(label.strip() for _, label in options), name


def test_indonesian_choices_never_show_english_machinery() -> None:
    """An Indonesian label never shows a lower-case (English) vocabulary value."""
    for name, options in texts.choices("id").items():
        if name == "Election":
            continue  # election ids are names (pemilu-2019), not English
        for value, label in options:
            assert value.isupper() or value not in label, (name, value, label)
