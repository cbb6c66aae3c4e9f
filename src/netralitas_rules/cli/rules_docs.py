"""``netralitas rules catalogue|glossary``: print the generated documentation (Markdown), in
Indonesian by default; ``--lang en`` gives ``docs/regulations.md`` and ``docs/glossary.md``
as committed (``make docs``)."""

from __future__ import annotations

import argparse
from typing import Any

from ..catalogue import regulations_markdown
from ..glossary import glossary_markdown
from ..loader import load_regulations
from . import EXIT_OK
from ._common import add_lang


def register_action(rsub: Any) -> None:
    """Add the ``catalogue`` and ``glossary`` actions to the ``rules`` group."""
    cat: argparse.ArgumentParser = rsub.add_parser(
        "catalogue",
        help="print the regulation catalogue (with --lang en: docs/regulations.md)",
        description="Print the regulation catalogue as Markdown: the instruments, the "
        "provisions by kind of conduct, and those whose certainty is below verified. The "
        "rule files give titles, notes and competing readings in both languages; the "
        "conditions are shown as the rule files write them.",
    )
    cat.add_argument("paths", nargs="*", metavar="PATH", help="rule files or folders")
    add_lang(cat)
    cat.set_defaults(run=run_catalogue)
    glo: argparse.ArgumentParser = rsub.add_parser(
        "glossary",
        help="print the glossary (with --lang en: docs/glossary.md)",
        description="Print the glossary as Markdown: each value and fact path with its "
        "Indonesian term, its English gloss and its article. Each vocabulary's one-line "
        "description exists in English only and is printed in English in every language.",
    )
    add_lang(glo)
    glo.set_defaults(run=run_glossary)


def run_catalogue(args: argparse.Namespace) -> int:
    """Print the catalogue of the given rule files (the shipped corpus by default)."""
    print(regulations_markdown(load_regulations(args.paths or None), args.lang), end="")
    return EXIT_OK


def run_glossary(args: argparse.Namespace) -> int:
    """Print the glossary."""
    print(glossary_markdown(args.lang), end="")
    return EXIT_OK
