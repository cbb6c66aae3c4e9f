"""The supervisor's web page, served by ``netralitas serve`` under ``/web/``: the intake
form, a case's page and the follow-up lists, in Indonesian (``?lang=en`` for English).
A client of the HTTP API like any other: its script calls ``/v1/...`` with the person's
token; every asset is served from this package (no network at run time)."""

from __future__ import annotations

from importlib import resources

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from .pages import PREFIX, router


def install(app: FastAPI) -> None:
    """Serve the page and its static files from ``app``."""
    static = resources.files(__package__).joinpath("static")
    app.include_router(router)
    app.mount(f"{PREFIX}/static", StaticFiles(directory=str(static)), name="web-static")


__all__ = ["PREFIX", "install"]
