"""The page's routes: three HTML shells (intake, case, follow-up lists) rendered from the
templates in the asked language, and the static script and style they load. The shells hold
no case data and need no token: the script reads and writes the register through the HTTP
API (``/v1/...``) with the token the person enters, so the verdicts, findings, deadlines
and events a supervisor sees are the API's, never computed here."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from ..service import paths  # noqa: F401  (the {case_id:case_id} convertor)
from .texts import choices, page_texts, pick_lang, step_names

PREFIX = "/web"

router = APIRouter(include_in_schema=False)

_ENV = Environment(
    loader=PackageLoader(__package__, "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)

Lang = Annotated[str | None, Query(max_length=5, description="id (default) or en")]


def render(template: str, lang: str, path: str, **values: Any) -> str:
    """The page ``template`` in ``lang`` (``path``: the page's own address, for the link
    to the other language)."""
    texts = page_texts(lang)

    def t(key: str, **fill: object) -> str:
        text = texts[key]
        return text.format(**fill) if fill else text

    other = "en" if lang == "id" else "id"
    return _ENV.get_template(template).render(
        lang=lang,
        t=t,
        texts=texts,
        choices=choices(lang),
        steps=step_names(lang),
        prefix=PREFIX,
        other_lang_url=f"{path}?lang={other}",
        **values,
    )


def _page(template: str, lang: str | None, path: str, **values: Any) -> HTMLResponse:
    html = render(template, pick_lang(lang), path, **values)
    return HTMLResponse(html, headers={"Cache-Control": "no-store"})


@router.get("/")
def root() -> RedirectResponse:
    """The page's front door: the intake form."""
    return RedirectResponse(f"{PREFIX}/", status_code=307)


@router.get(f"{PREFIX}/")
def intake(lang: Lang = None) -> HTMLResponse:
    """The intake form."""
    return _page("intake.html", lang, f"{PREFIX}/", page="intake")


@router.get(PREFIX + "/cases/{case_id:case_id}")
def case_page(
    case_id: Annotated[str, Path(min_length=1, max_length=200)], lang: Lang = None
) -> HTMLResponse:
    """A case's page (its data read by the script from ``/v1/cases/{case_id}``)."""
    path = f"{PREFIX}/cases/{quote(case_id, safe='')}"
    return _page("case.html", lang, path, page="case", case_id=case_id)


@router.get(f"{PREFIX}/follow-up")
def follow_up(lang: Lang = None) -> HTMLResponse:
    """The follow-up lists."""
    return _page("follow_up.html", lang, f"{PREFIX}/follow-up", page="follow-up")


@router.get(f"{PREFIX}/dashboard")
def dashboard(lang: Lang = None) -> HTMLResponse:
    """The register's counts (read by the script from ``/v1/stats``)."""
    return _page("dashboard.html", lang, f"{PREFIX}/dashboard", page="dashboard")
