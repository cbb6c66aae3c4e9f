"""The documentation indexes stay complete: docs/README.md links every doc, README.md lists
every command."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from netralitas_rules.cli import build_parser

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"


def test_the_docs_index_links_every_doc_once() -> None:
    """Every Markdown file under docs/ is linked exactly once from docs/README.md, and every
    link there points at a file that exists."""
    index = (DOCS / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)]+\.md)\)", index)
    docs = sorted(str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md") if p.name != "README.md")
    assert sorted(links) == docs


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(sub.choices)


def test_the_readme_lists_every_command() -> None:
    """The command table of README.md names every `netralitas` subcommand and every
    `rules` action, and the quick start stays `make demo` and `make test`."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    commands = _subcommands(build_parser())
    listed = re.findall(r"^\| `netralitas (\w+)", readme, re.M)
    assert sorted(listed) == sorted(commands)
    (rules_row,) = re.findall(r"^\| `netralitas rules ([\w\\|]+)`", readme, re.M)
    assert rules_row.split("\\|") == list(_subcommands(commands["rules"]))
    quick = readme.split("## Quick start", 1)[1].split("##", 1)[0]
    assert re.findall(r"^make \w+", quick, re.M) == ["make demo", "make test"]
