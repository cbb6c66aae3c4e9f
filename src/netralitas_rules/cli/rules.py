"""``netralitas rules list|lint``: inspect and check rule files."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Iterator
from typing import Any

from ..engine import compile_rules
from ..engine.durable_compile import rule_expression
from ..engine.durable_limits import rule_limits
from ..errors import Problem
from ..excepting import overlap_warnings
from ..loader import RegulationSet, load_regulations
from ..messages import counted, msg, tier_name, track_name
from ..regulation import citation_text
from ..supervision.labels import number
from . import EXIT_OK
from ._common import add_lang, iso_date

# Further actions of the group live in their own modules, each with register_action(rsub).
ACTIONS = ("netralitas_rules.cli.rules_diff", "netralitas_rules.cli.rules_docs")


def register(sub: Any) -> None:
    """Add the ``rules`` subcommand group."""
    p: argparse.ArgumentParser = sub.add_parser("rules", help="list or lint rule files")
    rsub = p.add_subparsers(dest="rules_command", required=True, metavar="ACTION")
    lst = rsub.add_parser("list", help="list provisions (in force on --at, if given)")
    lst.add_argument("--at", type=iso_date, metavar="DATE", help="only versions in force on DATE")
    lst.add_argument("paths", nargs="*", metavar="PATH", help="rule files or folders")
    add_lang(lst)
    lst.set_defaults(run=run_list)
    lint = rsub.add_parser("lint", help="check rule files; exit 2 with every problem")
    lint.add_argument("paths", nargs="*", metavar="PATH", help="rule files or folders")
    add_lang(lint)
    lint.set_defaults(run=run_lint)
    for name in ACTIONS:
        importlib.import_module(name).register_action(rsub)


def run_list(args: argparse.Namespace) -> int:
    """Print one line per provision: id, version, track and tier (in words: 'hukuman
    disiplin berat'), citation, title."""
    regs = load_regulations(args.paths or None)
    versions = regs.in_force(args.at) if args.at else regs.versions
    for reg in versions:
        for prov in reg.provisions:
            c = prov.consequence
            words = track_name(c.track, args.lang)
            if c.tier:
                words += f" {tier_name(c.tier, args.lang)}"
            title = prov.title_en if args.lang == "en" else prov.title
            print(
                f"{prov.id:<22} {reg.key:<34} {words:<24} "
                f"{citation_text(reg.instrument, prov.citation)} — {title}"
            )
    return EXIT_OK


def _count(key: str, n: int, lang: str) -> str:
    """``n`` things in words ('1 version', '2 versions'; '2 versi' in Indonesian)."""
    return counted(key, lang, n, n=number(n, lang))


def run_lint(args: argparse.Namespace) -> int:
    """Load the files with every check (problems raise and exit 2), then warn, without
    failing, about exceptions never in force with a provision they except and provisions
    the optional durable backend cannot run."""
    regs = load_regulations(args.paths or None)
    for problem in [*overlap_warnings(regs, args.lang), *durable_warnings(regs, args.lang)]:
        print(f"{problem} ({msg('lint.warning', args.lang)})", file=sys.stderr)
    n = sum(1 for _ in regs.provisions())
    print(
        msg(
            "lint.ok",
            args.lang,
            versions=_count("lint.versions", len(regs.versions), args.lang),
            instruments=_count("lint.instruments", len(regs.instruments), args.lang),
            provisions=_count("lint.provisions", n, args.lang),
        )
    )
    return EXIT_OK


def durable_warnings(regs: RegulationSet, lang: str = "id") -> Iterator[Problem]:
    """One problem, at its ``when`` line, per provision that needs more of a durable-rules
    table than the table holds (see :mod:`..engine.durable_limits`)."""
    rules = iter(compile_rules(regs).rules)
    for loaded in regs.files:
        for i, prov in enumerate(loaded.regulation.provisions):
            limits = rule_limits(rule_expression(next(rules)))
            if limits:
                yield loaded.located.problem(
                    ("provisions", i, "when"),
                    msg(
                        "lint.durable",
                        lang,
                        provision=prov.id,
                        limits="; ".join(limit.describe(lang) for limit in limits),
                    ),
                )
