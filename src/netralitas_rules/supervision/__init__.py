"""Supervision reports over batch output: counts by track and tier, sanctions below the
recommendation, cases awaiting the PPK, conflicts of interest and monthly trends, as
Markdown or as one self-contained HTML page."""

from .citations import provision_citations
from .render import to_html, to_markdown
from .summary import DIMENSIONS, Summary, Tally, case_facts, summarise

__all__ = [
    "DIMENSIONS",
    "Summary",
    "Tally",
    "case_facts",
    "provision_citations",
    "summarise",
    "to_html",
    "to_markdown",
]
