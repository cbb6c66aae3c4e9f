"""The supervisor's page as the server renders it: its language, a label for every field,
escaped values, its assets served by the package and no address outside it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser

import httpx
import pytest

from _service import bearer, serving
from netralitas_rules.service import Role, TokenStore
from netralitas_rules.web import texts

PAGES = ["/web/", "/web/cases/muaro-jambi-2019", "/web/follow-up", "/web/dashboard"]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    """A client of a live ``netralitas serve``, with a supervisor's token in ``headers``
    only where a test asks for it (the page's own routes need none)."""
    db = tmp_path_factory.mktemp("web") / "register.sqlite"
    with TokenStore(db) as store:
        token = store.add(Role.SUPERVISOR)[0]
    with serving(db) as url, httpx.Client(base_url=url, timeout=60) as c:
        c.headers["x-test-token"] = token  # not a credential the service reads
        yield c


class _Fields(HTMLParser):
    """The ids of the form fields and the ``for`` of the labels of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[str] = []
        self.labelled: set[str] = set()
        self.in_template = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("input", "select", "textarea") and a.get("type") != "hidden":
            self.fields.append(a.get("id") or f"<{tag} without id>")
        if tag == "label" and a.get("for"):
            self.labelled.add(a["for"] or "")


@pytest.mark.parametrize("path", PAGES)
def test_every_field_has_a_label(client: httpx.Client, path: str) -> None:
    """Each input, choice and text area of the page (repeated items' templates too) is
    named by a label."""
    parser = _Fields()
    parser.feed(client.get(path).text)
    assert parser.fields
    assert [f for f in parser.fields if f not in parser.labelled] == []


@pytest.mark.parametrize("path", PAGES)
def test_the_page_is_indonesian_unless_english_is_asked(client: httpx.Client, path: str) -> None:
    """No language, or one the page lacks, gives Indonesian; ``?lang=en`` gives English."""
    for asked, lang in ((None, "id"), ("fr", "id"), ("en", "en")):
        html = client.get(path, params={"lang": asked} if asked else None).text
        assert f'<html lang="{lang}">' in html
        assert f"· {texts.CATALOGUES[lang]['app.title']}</title>" in html


def test_the_intake_form_offers_the_vocabularies_as_choices(client: httpx.Client) -> None:
    """The ASN's status is chosen from the law's statuses, labelled by the glossary."""
    html = client.get("/web/").text
    assert '<option value="PNS">Pegawai Negeri Sipil (PNS)</option>' in html
    english = client.get("/web/", params={"lang": "en"}).text
    assert (
        '<option value="PNS">civil servant with a permanent appointment (PNS)</option>' in english
    )


def test_an_act_is_established_unless_the_form_says_no(client: httpx.Client) -> None:
    """`established` starts at yes and offers no `unknown`; the script sends a no because the
    field's default is yes; the impact starts as not stated and may be unknown."""
    html = client.get("/web/").text
    start = html.index('name="activities.__i__.established"')
    field = html[start : html.index("</select>", start)]
    assert 'data-default="true"' in field
    assert '<option value="true" selected>' in field
    assert 'value="unknown"' not in field
    start = html.index('name="activities.__i__.impact"')
    field = html[start : html.index("</select>", start)]
    assert "tidak dinyatakan" in field
    assert '<option value="agency">' in field
    assert 'value="unknown"' in field


def test_a_case_id_in_the_address_is_escaped(client: httpx.Client) -> None:
    """A case id with markup is shown as text, never as markup."""
    html = client.get("/web/cases/<img src=x onerror=alert(1)>").text
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_the_front_door_leads_to_the_intake_form(client: httpx.Client) -> None:
    """``/`` redirects to the page."""
    r = client.get("/")
    assert (r.status_code, r.headers["location"]) == (307, "/web/")


@pytest.mark.parametrize("asset", ["app.js", "app.css"])
def test_the_assets_are_served_by_the_package(client: httpx.Client, asset: str) -> None:
    """The script and the style come from the package, with their media types."""
    r = client.get(f"/web/static/{asset}")
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] in ("text/javascript", "text/css")


def test_nothing_is_loaded_from_outside_the_service(client: httpx.Client) -> None:
    """No page or asset names an address on another host (no network at run time)."""
    bodies = [client.get(p).text for p in PAGES]
    bodies += [client.get(f"/web/static/{a}").text for a in ("app.js", "app.css")]
    for body in bodies:
        # The SVG namespace is a name the charts give createElementNS, never fetched.
        body = body.replace('"http://www.w3.org/2000/svg"', "")
        assert re.findall(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", body) == []


def test_the_page_is_not_in_the_openapi_document(client: httpx.Client) -> None:
    """The page's routes are no API routes: the OpenAPI document does not list them."""
    token = client.headers["x-test-token"]
    paths = client.get("/openapi.json", headers=bearer(token)).json()["paths"]
    assert [p for p in paths if p == "/" or p.startswith("/web")] == []
