"""``netralitas agreement [PATH...]``: the library against real decided cases."""

from __future__ import annotations

import argparse
from typing import Any

from ..engine import get_engine
from ..fidelity import load_decided_cases, measure
from ..fidelity.render import render_json, render_text
from ..loader import load_regulations
from . import EXIT_OK
from ._common import add_backend, add_lang, add_rules


def register(sub: Any) -> None:
    """Add the ``agreement`` subcommand."""
    p: argparse.ArgumentParser = sub.add_parser(
        "agreement",
        help="compare the library's answers with real decided cases",
        description=(
            "Evaluate decided cases (cases/real/ by default) and print how often the "
            "library's track and tier agree with the authority's, by period, election and "
            "kind of conduct, then every disagreement with its cause."
        ),
    )
    p.add_argument("paths", nargs="*", default=["cases/real"], metavar="PATH")
    p.add_argument("--format", choices=("text", "json"), default="text")
    add_lang(p)
    add_backend(p)
    add_rules(p)
    p.set_defaults(run=run, exits="agreement")


def run(args: argparse.Namespace) -> int:
    """Measure and print; the figures never change the exit code."""
    regs = load_regulations(args.rules) if args.rules else None
    report = measure(load_decided_cases(args.paths), get_engine(args.backend, regs))
    print(render_json(report) if args.format == "json" else render_text(report, args.lang), end="")
    return EXIT_OK
