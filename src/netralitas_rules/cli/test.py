"""``netralitas test [PATHS]``: run policy-writer test files, for people who never write
Python; ``--coverage`` reports which provisions and condition elements the cases exercised.

Exit 0: every case passed (and coverage met the thresholds); 1: a case failed or coverage
fell short; 2: invalid input (a bad test or rule file, or no test files found).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..engine import compile_rules, get_engine
from ..loader import load_regulations, shipped_regulations_dir
from ..messages import msg
from ..testing.cases import discover, load_test_files, run_case
from ..testing.coverage import measure, percent_text
from ..testing.words import count
from . import EXIT_FINDINGS, EXIT_INVALID, EXIT_OK
from ._common import add_backend, add_lang, add_rules


def register(sub: Any) -> None:
    """Add the ``test`` subcommand."""
    p: argparse.ArgumentParser = sub.add_parser(
        "test",
        help="run policy-writer test files (YAML cases with expected findings)",
        description="Run test files: YAML cases with their expected findings. A folder gives "
        "its YAML files inside 'tests' folders; default: the shipped regulations' tests.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="test files or folders")
    p.add_argument(
        "--coverage", action="store_true", help="report per-provision and element coverage"
    )
    p.add_argument(
        "--threshold",
        type=_percent,
        default=0.0,
        metavar="PCT",
        help="with --coverage: fail when fewer than PCT%% of provisions are covered both ways",
    )
    p.add_argument(
        "--element-threshold",
        type=_percent,
        default=0.0,
        metavar="PCT",
        help="with --coverage: fail when fewer than PCT%% of condition elements are covered",
    )
    p.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="list passed cases and uncovered condition elements",
    )
    add_rules(p)
    add_backend(p)
    add_lang(p)
    p.set_defaults(run=run, exits="test")


def _percent(text: str) -> float:
    try:
        value = float(text.rstrip("%"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a percentage (0-100)") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"{text!r} is not between 0 and 100")
    return value


def default_paths() -> list[Path]:
    """The shipped regulations folder (its ``tests`` folders hold the cases)."""
    return [Path(str(shipped_regulations_dir()))]


def run(args: argparse.Namespace) -> int:
    """Run the cases, print failures, coverage and the summary line."""
    paths = [Path(p) for p in args.paths] or default_paths()
    files = discover(paths)
    if not files:
        where = ", ".join(str(p) for p in paths)
        print(msg("test.no_files", args.lang, where=where), file=sys.stderr)
        return EXIT_INVALID
    test_files = load_test_files(files)
    rules = compile_rules(load_regulations(args.rules) if args.rules else load_regulations())
    engine = get_engine(args.backend, rules)
    results = [run_case(case, engine) for tf in test_files for case in tf.cases]
    failed = [r for r in results if not r.passed]
    lang = args.lang
    for result in results:
        if not result.passed:
            print(result.describe(lang), end="\n\n")
        elif args.verbose:
            print(result.describe(lang))
    code = EXIT_FINDINGS if failed else EXIT_OK
    if args.coverage:
        report = measure(results, rules)
        print(report.render(details=args.verbose, lang=lang), end="")
        for key, value, threshold in (
            ("test.below_provisions", report.provision_percent, args.threshold),
            ("test.below_elements", report.element_percent, args.element_threshold),
        ):
            if value < threshold:
                shown = percent_text(value, lang)
                print(msg(key, lang, percent=shown, threshold=_threshold(threshold, lang)))
                code = EXIT_FINDINGS
    passed = count(len(results) - len(failed), lang)
    print(msg("test.tally", lang, passed=passed, failed=count(len(failed), lang)))
    return code


def _threshold(value: float, lang: str) -> str:
    """A threshold as it was given ('50%', '99.5%'), with Indonesian's decimal comma."""
    written = f"{value:g}%"
    return written if lang == "en" else written.replace(".", ",")
