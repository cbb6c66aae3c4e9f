"""The supervisor's page in a real browser (Playwright driving the system's Chromium) against
a live ``netralitas serve``: a case registered through the form, its verdict and deadline,
an imposed sanction that changes the verdict, the overdue list once the clock has passed
the deadline, and no horizontal overflow on a laptop (1280 px) or a phone (390 px)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import struct
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import httpx
import pytest

from _service import bearer, serving
from netralitas_rules import examples, messages
from netralitas_rules.caseio import parse_case
from netralitas_rules.deadlines import shipped_deadlines, step_name
from netralitas_rules.register import Register
from netralitas_rules.service import Role, TokenStore
from netralitas_rules.yamlpos import read_yaml

playwright = pytest.importorskip("playwright.sync_api")
AXE = resources.files(pytest.importorskip("axe_playwright_python").__name__) / "axe.min.js"
"""axe-core as the PyPI package axe-playwright-python ships it (no download at test time)."""

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium (Debian package 'chromium')")

WAIT_MS = 60_000
"""Longest wait for anything the page shows (a bound against a hang, not a speed claim)."""
SEED = "muaro-jambi-2019"
IMPACTS = ("minor", "moderate", "serious", "critical")
"""The axe-core impacts a test refuses (the issue asks for no serious one; none is found)."""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """The system's Chromium, headless (no browser download: executable_path)."""
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


def _seed() -> dict[str, Any]:
    path = examples.path(SEED)
    data: dict[str, Any] = read_yaml(path.read_bytes(), str(path), core_schema=True).data
    return data


def _enter_token(page: Any, token: str) -> None:
    page.fill("#token", token)
    page.click("#token-form button[type=submit]")
    page.wait_for_selector("#token-status:has-text('Token tersimpan')", timeout=WAIT_MS)


def _step_names(page: Any) -> list[str]:
    """What the page's script names each step of the shipped deadlines."""
    ids = [s.id for s in shipped_deadlines().steps]
    names: list[str] = page.evaluate("ids => ids.map(stepName)", ids)
    return names


def _step_names_for(lang: str) -> list[str]:
    """What ``deadlines.step_name`` names each step of the shipped deadlines in ``lang``."""
    return [step_name(s.id, lang) for s in shipped_deadlines().steps]


def _fill(page: Any, path: str, value: Any) -> None:
    """Fill the field named ``path`` as a person would: type, choose, tick."""
    field = page.locator(f'[name="{path}"]')
    tag = field.evaluate("e => e.tagName + ':' + (e.type || '')")
    if value == "unknown" and page.locator(f'[data-unknown-for="{path}"]').count():
        page.check(f'[data-unknown-for="{path}"]')
    elif isinstance(value, dict):  # an act's date known as a range
        field.fill(str(value["from"]))
        page.fill(f'[data-range-for="{path}"]', str(value["to"]))
    elif tag.startswith("SELECT"):
        if isinstance(value, bool):
            value = "true" if value else "false"
        field.select_option(value if isinstance(value, list) else str(value))
    elif isinstance(value, list):
        field.fill(", ".join(value))
    else:
        field.fill(str(value))


def _fill_case(page: Any, case: dict[str, Any]) -> None:
    """A case typed into the intake form (the fields the form has)."""
    for key in ("id", "election", "notes"):
        _fill(page, key, case[key])
    for key in (
        "id",
        "name",
        "status",
        "position_kind",
        "is_pejabat_asn",
        "is_pejabat_negara",
        "on_unpaid_leave",
        "agency",
        "unit",
        "region",
    ):
        if key in case["asn"]:
            _fill(page, f"asn.{key}", case["asn"][key])
    for i, prior in enumerate(case["asn"].get("prior_sanctions", [])):
        page.click("#add-prior_sanctions")
        for key, value in prior.items():
            _fill(page, f"asn.prior_sanctions.{i}.{key}", value)
    fields = {
        "candidates": ("id", "name", "office", "party", "penetapan_date"),
        "activities": (
            "id",
            "date",
            "kind",
            "candidate_ids",
            "channel",
            "platform",
            "audience",
            "attributes_worn",
            "party",
            "state_facility",
            "asn_mobilised",
            "public",
            "used_position",
            "in_official_duty",
            "partisan_gesture",
            "partisan_backdrop",
            "active_support",
            "government_programme",
            "resigned",
            "impact",
            "established",
            "description",
        ),
        "officials": ("id", "role", "name"),
        "relationships": ("person", "relative", "kinship", "degree"),
        "ties": ("person", "other", "tie"),
    }
    for section, keys in fields.items():
        for i, item in enumerate(case.get(section, [])):
            page.click(f"#add-{section}")
            for key in keys:
                if key in item:
                    _fill(page, f"{section}.{i}.{key}", item[key])


def _found(report: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(f["provision_id"], f["activity_id"], f["candidate_id"]) for f in report["findings"]]


def _no_overflow(page: Any, width: int, shot: Path) -> None:
    """At ``width`` px the page is no wider than the window, and its full-page screenshot
    is ``width`` pixels wide."""
    page.set_viewport_size({"width": width, "height": 900})
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= width, f"{page.url} is {wide} px wide at {width} px"
    page.screenshot(path=str(shot), full_page=True)
    png_width = struct.unpack(">I", shot.read_bytes()[16:20])[0]
    assert png_width == width, (shot, png_width)


def _violations(page: Any) -> list[str]:
    """What axe-core finds on the page with an impact in IMPACTS (rule and nodes)."""
    page.evaluate(AXE.read_text("utf-8"))
    found = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
        for v in found["violations"]
        if v["impact"] in IMPACTS
    ]


def _post_event(page: Any, values: dict[str, str]) -> None:
    loaded = page.get_attribute("#case", "data-loaded")
    for key, value in values.items():
        _fill(page, key, value)
    page.click("#submit-event")
    page.wait_for_function(
        f"document.getElementById('case').dataset.loaded !== '{loaded}'", timeout=WAIT_MS
    )


def test_a_supervisor_registers_the_seed_case_and_follows_it_to_the_overdue_list(
    browser: Any, tmp_path: Path
) -> None:
    """Through the page only: a refused form shows the API's located message next to the
    field; the seed case registered through the form shows the API's verdict sentence and
    its deadline; once the clock has passed the deadline the case is in the overdue list;
    an imposed sanction recorded on its page changes the verdict; no page overflows and
    axe-core finds no accessibility violation (of any impact) on the intake, case and
    list pages."""
    db = tmp_path / "register.sqlite"
    with TokenStore(db) as store:
        token = store.add(Role.SUPERVISOR)[0]
    case = _seed()
    case.pop("imposed_sanctions")  # imposed later, as an event on the case's page
    context = browser.new_context()
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()

    with serving(db, "--clock", "2019-03-12") as url:
        page.goto(f"{url}/web/")
        _enter_token(page, token)

        # An empty form: the API's problem document, each message next to its field.
        page.click("#submit-case")
        page.wait_for_selector("#problems:not([hidden])")
        assert page.inner_text('[data-err="id"]') == "kunci wajib tidak ada; tambahkan"
        assert page.get_attribute('[name="id"]', "aria-invalid") == "true"

        _fill_case(page, case)
        page.click("#submit-case")
        page.wait_for_url(f"{url}/web/cases/{SEED}?lang=id")
        page.wait_for_selector("#case[data-loaded]")
        answer = httpx.get(f"{url}/v1/cases/{SEED}", headers=bearer(token), timeout=60).json()
        assert page.inner_text("#verdict") == "Kesimpulan: belum dijatuhkan"
        tracks = {t["track"]: t for t in answer["report"]["assessment"]["audit"]["tracks"]}
        disiplin = page.inner_text('[data-track="DISIPLIN"]')
        assert disiplin.startswith("Jalur hukuman disiplin: belum dijatuhkan")
        assert tracks["DISIPLIN"]["text"] in disiplin
        assert page.inner_text("#due") == "Tidak ada tenggat yang berjalan."
        assert page.locator("#findings > li").count() == len(answer["report"]["findings"])
        # The form built the seed case: the same findings as the seed file sent to /v1/check.
        checked = httpx.post(
            f"{url}/v1/check",
            content=json.dumps(case, default=str),
            headers=bearer(token),
            timeout=60,
        ).json()
        assert _found(answer["report"]) == _found(checked)

        _post_event(page, {"kind": "reported", "date": "2019-03-11", "source": "bawaslu_finding"})
        assert page.inner_text("#due") == (
            "Bawaslu menindaklanjuti temuan atau laporan (UU 7/2017 Pasal 454), "
            "paling lambat 29 Maret 2019."
        )
        assert _step_names(page) == _step_names_for("id")
        # Who acts, the conflicts and the decision log: the API's records, laid out.
        answer = httpx.get(f"{url}/v1/cases/{SEED}", headers=bearer(token), timeout=60).json()
        steps = answer["report"]["assessment"]["routing"]["steps"]
        assert page.locator("#routing > li").evaluate_all("ls => ls.map(l => l.dataset.step)") == [
            st["id"] for st in steps
        ]
        assert page.inner_text("#routing > li >> nth=0").startswith(
            f"{steps[0]['actor']}: {steps[0]['action']}"
        )
        assert page.inner_text("#conflicts") == "Tidak ada konflik kepentingan yang tercatat."
        risk = answer["report"]["assessment"]["risks"][0]["text"]
        assert page.inner_text("#risks") == f"Risiko (bukan pelanggaran): {risk}"
        page.wait_for_selector("#log[data-loaded='2']")
        log = httpx.get(f"{url}/v1/cases/{SEED}/log", headers=bearer(token), timeout=60).json()
        assert (
            page.locator("#log tbody tr").evaluate_all("rs => rs.map(r => r.dataset.seq)")
            == [str(e["seq"]) for e in log]
            == ["0", "1"]
        )
        assert page.inner_text("#log tbody tr >> nth=1 >> td >> nth=2") == "29 Maret 2019"

        # The printable view: the file's copy without navigation or forms.
        page.emulate_media(media="print")
        assert page.is_hidden("header")
        assert page.is_hidden("#event-form")
        assert page.is_visible("#routing")
        assert page.is_visible("#log")
        page.emulate_media(media="screen")

        page.goto(f"{url}/web/follow-up")
        page.wait_for_selector("#cases[data-loaded]")
        assert page.inner_text("#list-status") == "Tidak ada kasus dalam daftar ini."

    # Three months on: the Bawaslu step's deadline has passed.
    with serving(db, "--clock", "2019-06-20") as url:
        page.goto(f"{url}/web/follow-up?view=overdue")
        _enter_token(page, token)
        page.wait_for_selector(f'#cases tr[data-case="{SEED}"]')
        assert page.inner_text("#list-status") == "1 kasus"
        page.click(f'#cases tr[data-case="{SEED}"] a')
        page.wait_for_selector("#case[data-loaded]")
        assert page.inner_text("#due").endswith("Tenggat sudah lewat.")

        _post_event(
            page,
            {
                "kind": "sanction_imposed",
                "date": "2019-06-14",
                "track": "DISIPLIN",
                "tier": "RINGAN",
                "form": "teguran lisan",
            },
        )
        assert page.inner_text("#verdict") == "Kesimpulan: sanksi terlalu ringan"
        assert (
            "Dijatuhkan ringan, padahal hukum menetapkan sekurang-kurangnya tingkat berat"
            in page.inner_text('[data-track="DISIPLIN"]')
        )
        assert "sanksi dijatuhkan" in page.inner_text("#events")

        for name, address in (
            ("intake", "/web/"),
            ("case", f"/web/cases/{SEED}"),
            ("list", "/web/follow-up?view=all"),
            ("dashboard", "/web/dashboard"),
        ):
            page.goto(url + address)
            if name == "intake":
                for section in (
                    "candidates",
                    "activities",
                    "relationships",
                    "ties",
                    "prior_sanctions",
                    "imposed_sanctions",
                ):
                    page.click(f"#add-{section}")
            else:
                page.wait_for_selector("[data-loaded]")
            assert _violations(page) == [], name
            for width in (1280, 390):
                _no_overflow(page, width, tmp_path / f"{name}-{width}.png")
    context.close()


ANSWERS: dict[str, Any] = {"activity.used_position": True}
"""What the person answers to the questions of the partial case (the API does not ask for
the meeting's audience here, so it is registered unknown)."""


def _partial() -> dict[str, Any]:
    """The seed case as a first report states it: the meeting's date known as a range, whether
    the ASN used his office there and its audience unknown; with an earlier sanction, a tie,
    the finer facts of an act, an act found not proven and a stated impact."""
    case = _seed()
    case.pop("imposed_sanctions")
    case["id"] = "laporan-sebagian"
    case["asn"]["is_pejabat_negara"] = False
    case["asn"]["prior_sanctions"] = [
        {
            "date": "2017-05-02",
            "track": "DISIPLIN",
            "tier": "RINGAN",
            "nature": "partisan_gathering",
            "form": "teguran lisan",
        }
    ]
    case["ties"] = [{"person": "asn-01", "other": "caleg-dprd-01", "tie": "association_chair"}]
    meeting = case["activities"][2]
    meeting["date"] = {"from": "2019-03-01", "to": "2019-03-10"}
    meeting["used_position"] = "unknown"
    meeting["audience"] = "unknown"
    meeting["state_facility"] = "Aula kantor kecamatan"
    meeting["asn_mobilised"] = 3
    meeting["attributes_worn"] = ["candidate"]
    meeting["partisan_gesture"] = True
    # A yes-no whose default is yes sends its no; a choice left at "not stated" sends nothing.
    case["activities"][0]["established"] = False
    case["activities"][1]["impact"] = "agency"
    return case


def test_a_partial_case_is_asked_its_deciding_questions_before_it_is_registered(
    browser: Any, tmp_path: Path
) -> None:
    """A case typed with unknown facts and a date range is not registered at once: the page
    shows the API's questions (``POST /v1/questions``) in its order as fields, and the case
    registered after they are answered is the typed case with those answers, its prior
    sanction, tie and the finer facts of its acts included; the page with its questions has
    no accessibility violation and does not overflow."""
    db = tmp_path / "register.sqlite"
    with TokenStore(db) as store:
        token = store.add(Role.SUPERVISOR)[0]
    case = _partial()
    context = browser.new_context()
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    with serving(db, "--clock", "2019-03-12") as url:
        asked = httpx.post(
            f"{url}/v1/questions",
            content=json.dumps(case, default=str),
            headers=bearer(token),
            timeout=60,
        ).json()
        assert isinstance(asked, list), asked
        assert [q["fact"] for q in asked] == ["activity.used_position"]
        page.goto(f"{url}/web/")
        _enter_token(page, token)
        _fill_case(page, case)
        page.click("#submit-case")
        page.wait_for_selector("#questions:not([hidden])")
        assert page.locator("#question-list label").all_inner_texts() == [q["text"] for q in asked]
        assert page.inner_text("#questions-status") == (
            "Ada 1 pertanyaan yang menentukan hasil. "
            "Jawab di bawah, lalu tekan Daftarkan kasus lagi."
        )
        assert _violations(page) == []
        for width in (1280, 390):
            _no_overflow(page, width, tmp_path / f"questions-{width}.png")
        page.set_viewport_size({"width": 1280, "height": 900})
        answered = json.loads(json.dumps(case, default=str))
        for q in asked:
            where = q["path"].replace("[", ".").replace("]", "")
            field = page.locator(f'[data-answer-for="{where}"]')
            answer = ANSWERS[q["fact"]]
            field.select_option(answer if isinstance(answer, list) else str(answer).lower())
            part, index, key = where.split(".")
            answered[part][int(index)][key] = answer
        page.click("#submit-case")
        page.wait_for_url(f"{url}/web/cases/laporan-sebagian?lang=id")
        page.wait_for_selector("#case[data-loaded]")
    with Register(str(db)) as register:
        registered = register.get("laporan-sebagian").case
    assert registered == parse_case(json.dumps(answered))
    context.close()


def _active(page: Any) -> str:
    return str(page.evaluate("document.activeElement.name || document.activeElement.id || ''"))


def test_the_lists_filter_and_export_and_the_page_reads_in_english(
    browser: Any, tmp_path: Path
) -> None:
    """The follow-up lists show the cases of the view and agency asked, the CSV holds the
    rows listed under the catalogue's column names, the case page reads in English with
    ``?lang=en``, the dashboard shows the register's counts, and the form is used from the
    keyboard (skip link, adding an item)."""
    db = tmp_path / "register.sqlite"
    with TokenStore(db) as store:
        token = store.add(Role.SUPERVISOR)[0]
    other = _seed()
    other.pop("imposed_sanctions")
    other["id"] = "kasus-lain"
    other["asn"]["agency"] = "Pemerintah Kota Jambi"
    # The PPK is the spouse of a candidate: a conflict of interest in enforcement.
    other["relationships"].append(
        {"person": "ppk-muaro-jambi", "relative": "caleg-dprd-01", "kinship": "spouse"}
    )
    context = browser.new_context()
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    with serving(db, "--clock", "2019-06-20") as url:
        for case in (_seed(), other):
            r = httpx.post(
                f"{url}/v1/cases",
                content=json.dumps(case, default=str),
                headers=bearer(token),
                timeout=60,
            )
            assert r.status_code == 201, r.text
        page.goto(f"{url}/web/follow-up?view=under")
        _enter_token(page, token)
        page.wait_for_selector("#cases[data-loaded]")
        assert page.locator("#cases tbody tr").evaluate_all(
            "rs => rs.map(r => r.dataset.case)"
        ) == [SEED]
        page.goto(f"{url}/web/follow-up?view=awaiting")
        page.wait_for_selector("#cases[data-loaded]")
        assert page.get_attribute("#cases tbody tr", "data-case") == "kasus-lain"
        page.goto(f"{url}/web/follow-up?view=all&agency=Pemerintah+Kota+Jambi")
        page.wait_for_selector("#cases[data-loaded]")
        assert page.inner_text("#list-status") == "1 kasus"

        for query, listed in (
            ("election=pemilu-2019", ["kasus-lain", SEED]),
            ("election=pilkada-2020", []),
            ("from=2019-06-20&to=2019-06-20", ["kasus-lain", SEED]),
            ("to=2019-06-19", []),
        ):
            page.goto(f"{url}/web/follow-up?view=all&{query}")
            page.wait_for_selector("#cases[data-loaded]")
            rows_shown = page.locator("#cases tbody tr").evaluate_all(
                "rs => rs.map(r => r.dataset.case)"
            )
            assert rows_shown == listed, query
        assert page.input_value("#f-to") == "2019-06-19"

        # The conflicted-PPK list: the case whose PPK is a candidate's spouse, with the
        # conflict as the API states it, in the page and in its CSV.
        page.goto(f"{url}/web/follow-up?view=conflicted")
        page.wait_for_selector("#cases[data-loaded]")
        assert page.locator("#cases tbody tr").evaluate_all(
            "rs => rs.map(r => r.dataset.case)"
        ) == ["kasus-lain"]
        lain = httpx.get(f"{url}/v1/cases/kasus-lain", headers=bearer(token), timeout=60).json()
        conflict = lain["report"]["assessment"]["conflicts"][0]["text"]
        assert page.inner_text("#cases tbody td:last-child") == conflict
        with page.expect_download() as download:
            page.click("#csv")
        text = Path(download.value.path()).read_text("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        assert rows[0][-1] == "Konflik kepentingan"
        assert [row[0] for row in rows[1:]] == ["kasus-lain"]
        assert rows[1][-1] == conflict

        page.goto(f"{url}/web/follow-up?view=all")
        page.wait_for_selector("#cases[data-loaded]")
        with page.expect_download() as download:
            page.click("#csv")
        assert download.value.suggested_filename == "tindak-lanjut.csv"
        text = Path(download.value.path()).read_text("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        assert rows[0] == [
            "Kasus",
            "Instansi",
            "Wilayah",
            "Pemilihan",
            "Putusan",
            "Tenggat",
            "Langkah",
        ]
        assert [row[0] for row in rows[1:]] == ["kasus-lain", SEED]
        assert rows[2][2:5] == [
            "Kabupaten Muaro Jambi, Jambi",
            "pemilu-2019",
            "sanksi terlalu ringan",
        ]

        page.goto(f"{url}/web/cases/kasus-lain")
        page.wait_for_selector("#case[data-loaded]")
        conflicts = lain["report"]["assessment"]["conflicts"]
        shown = page.inner_text('#conflicts [data-kind="official_related_to_candidate"]')
        assert shown.startswith(conflicts[0]["text"])
        assert conflicts[0]["takeover"][0]["actor"] in shown

        page.goto(f"{url}/web/cases/{SEED}?lang=en")
        page.wait_for_selector("#case[data-loaded]")
        assert _step_names(page) == _step_names_for("en")
        assert page.inner_text("#verdict") == "Conclusion: under-sanctioned"
        answer = httpx.get(f"{url}/v1/cases/{SEED}", headers=bearer(token), timeout=60).json()
        tracks = {t["track"]: t for t in answer["report"]["assessment"]["audit"]["tracks"]}
        assert tracks["DISIPLIN"]["text_en"] in page.inner_text('[data-track="DISIPLIN"]')

        page.goto(f"{url}/web/dashboard")
        page.wait_for_selector("#dashboard[data-loaded]")
        stats = httpx.get(f"{url}/v1/stats", headers=bearer(token), timeout=60).json()
        assert page.inner_text("#kpi-cases") == str(stats["cases"]) == "2"
        assert page.inner_text("#kpi-rate") == "50%"
        verdicts = page.locator("#by-verdict tbody tr").all_inner_texts()
        assert verdicts == ["sanksi terlalu ringan\t1", "belum dijatuhkan\t1"]
        # The charts: axes in Indonesian formats, the values the API counted.
        ticks = page.locator("#chart-trend .tick").all_text_contents()
        assert ticks == ["0%", "25%", "50%", "75%", "100%", "Juni 2019"]
        assert page.locator("#chart-trend .axis-title").all_text_contents() == [
            "Bulan pendaftaran",
            "Tingkat tindak lanjut (%)",
        ]
        assert page.text_content('#chart-trend [data-election="pemilu-2019"] title') == (
            "pemilu-2019, Juni 2019: 1 dari 2 kasus ditindaklanjuti (50%)"
        )
        assert page.locator("#chart-under-agency .bar-value").all_text_contents() == [
            "1 dari 1 kasus (100%)"
        ]
        assert page.inner_text("#chart-overdue-step") == "Tidak ada."
        tiers = [
            (track, tier, n)
            for track, by_tier in stats["by_track_and_tier"].items()
            for tier, n in by_tier.items()
        ]
        assert tiers
        assert page.locator("#chart-track-tier .bar-value").all_text_contents() == [
            str(n) for _, _, n in tiers
        ]
        names = messages.CATALOGUES["id"]
        assert page.locator("#chart-track-tier .bar-label").all_text_contents() == [
            f"{names['track.' + track]}: "
            + ("tanpa tingkat" if tier == "-" else names["tier." + tier])
            for track, tier, _ in tiers
        ]
        # Election periods are gaps: a month without cases breaks an election's line, and
        # two elections are never joined.
        segments = page.evaluate(
            """() => {
              const f = document.getElementById("chart-trend");
              const m = (a, b) => ({followed_up: a, awaiting: b});
              renderTrend(f, {"pemilu-2019": {"2019-01": m(1, 1), "2019-02": m(1, 0),
                                              "2019-04": m(0, 2), "2019-05": m(2, 2)},
                              "pilkada-2020": {"2020-09": m(3, 1), "2020-10": m(1, 3)}});
              return [...f.querySelectorAll("[data-election]")].map(
                g => [g.dataset.election, g.querySelectorAll("path").length,
                      g.querySelectorAll("circle").length]);
            }"""
        )
        assert segments == [["pemilu-2019", 2, 4], ["pilkada-2020", 1, 2]]

        page.goto(f"{url}/web/")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip"
        page.keyboard.press("Enter")
        assert _active(page) == "main"
        page.focus("#add-candidates")
        page.keyboard.press("Enter")
        assert _active(page) == "candidates.0.id"
        page.keyboard.press("Tab")
        assert _active(page) == "candidates.0.name"
    context.close()
