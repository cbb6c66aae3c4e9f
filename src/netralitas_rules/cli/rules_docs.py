"""``netralitas rules catalogue|glossary``: print the generated documentation (Markdown)."""

from __future__ import annotations

import argparse
from typing import Any

from ..catalogue import regulations_markdown
from ..glossary import glossary_markdown
from ..loader import load_regulations
from . import EXIT_OK


def register_action(rsub: Any) -> None:
    """Add the ``catalogue`` and ``glossary`` actions to the ``rules`` group."""
    cat: argparse.ArgumentParser = rsub.add_parser(
        "catalogue", help="print the regulation catalogue (docs/regulations.md)"
    )
    cat.add_argument("paths", nargs="*", metavar="PATH", help="rule files or folders")
    cat.set_defaults(run=run_catalogue)
    glo: argparse.ArgumentParser = rsub.add_parser(
        "glossary", help="print the glossary (docs/glossary.md)"
    )
    glo.set_defaults(run=run_glossary)


def run_catalogue(args: argparse.Namespace) -> int:
    """Print the catalogue of the given rule files (the shipped corpus by default)."""
    print(regulations_markdown(load_regulations(args.paths or None)), end="")
    return EXIT_OK


def run_glossary(args: argparse.Namespace) -> int:
    """Print the glossary."""
    print(glossary_markdown(), end="")
    return EXIT_OK
