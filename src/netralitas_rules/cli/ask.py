"""``netralitas ask CASE``: an interview in the terminal that asks only the unknown facts
whose answers change the outcome (:func:`netralitas_rules.questions`), most decisive first,
writes the completed case file and prints its verdict.

The interview itself is :func:`netralitas_rules.interview.run_interview`; this module reads
the files, talks to the terminal and writes the result. The completed case keeps the input's
keys and their order and its opening comment (other comments and the layout of long texts
are not kept). End of input or Ctrl-C writes nothing unless ``--keep-partial`` is given.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from .. import Question
from ..answering import DONT_KNOW, AnswerSpec
from ..assessed import assessed
from ..caseio import parse_case_located, read_case_file
from ..engine import get_engine
from ..errors import NetralitasError
from ..escape import escape_text
from ..interview import InterviewEndedError, ask_all, read_answers, start_interview
from ..loader import load_regulations
from ..messages import msg
from ..render import report_lines
from ..sanctions import load_policy
from ..yamlpos import MAX_FILE_BYTES
from . import EXIT_FINDINGS, EXIT_OK
from ._common import add_judging


class OutputIsInputError(NetralitasError, ValueError):
    """The completed case would overwrite the input, and ``--in-place`` was not given."""


def register(sub: Any) -> None:
    """Add the ``ask`` subcommand."""
    p: argparse.ArgumentParser = sub.add_parser(
        "ask",
        help="complete a case with unknown facts by an interview",
        description="Ask the unknown facts of a case whose answers change the outcome, most "
        "decisive first; write the completed case and print its verdict.",
    )
    p.add_argument("case", metavar="CASE", help="case file (YAML or JSON)")
    p.add_argument(
        "--answers",
        metavar="FILE",
        help="YAML or JSON mapping of fact path to answer (e.g. 'activities[0].used_position: "
        "true'); questions it does not answer are asked on the terminal",
    )
    p.add_argument(
        "--output",
        metavar="FILE",
        help="where to write the completed case (default: CASE with .answered before its suffix)",
    )
    p.add_argument("--in-place", action="store_true", help="overwrite CASE with the result")
    p.add_argument(
        "--keep-partial",
        action="store_true",
        help="on end of input or Ctrl-C, write the answers given so far",
    )
    add_judging(p)
    p.set_defaults(run=run, exits="ask")


def run(args: argparse.Namespace) -> int:
    """Interview, write the completed case, print the verdict."""
    lang: str = args.lang
    source_path = Path(args.case)
    raw = read_case_file(source_path)
    case, located = parse_case_located(raw, str(source_path))
    target = _target(source_path, args.output, args.in_place, lang)
    regs = load_regulations(args.rules) if args.rules else None
    engine = get_engine(args.backend, regs)
    policy = load_policy(args.policy) if args.policy else None  # before any question
    given = None
    if args.answers:
        raw_answers = read_case_file(args.answers, MAX_FILE_BYTES)
        given = read_answers(raw_answers, args.answers, case, lang, engine=engine)
    done = start_interview(located.data, str(source_path))

    def say(line: str) -> None:
        # Questions carry the case's ids and names: a control character in them is shown,
        # not obeyed (the report's own lines come escaped already).
        print(escape_text(line), flush=True)

    def source(q: Question, spec: AnswerSpec) -> str:
        try:
            return input(msg("ask.prompt", lang))
        except EOFError:
            print()
            raise InterviewEndedError(msg("ask.ended", lang)) from None

    try:
        ask_all(done, str(source_path), source, say, lang, engine=engine, given=given)
    except (InterviewEndedError, KeyboardInterrupt):
        if args.keep_partial and done.asked:
            _write(done.data, target, raw)
            say(msg("ask.partial_written", lang, path=target))
        raise
    if not done.asked and not done.unasked:
        say(msg("ask.none", lang))
    _write(done.data, target, raw)
    if any(q.path not in (given or {}) for q, _ in done.asked):
        say("")  # after the last question on the terminal
    if done.unasked:
        say(msg("ask.unasked", lang, paths=", ".join(done.unasked)))
    kept = [q for q, value in done.asked if value is DONT_KNOW]
    if kept:
        # The question, not the key path: the reader answered it, and the path is code.
        texts = "; ".join(q.text if lang == "id" else q.text_en for q in kept)
        say(msg("ask.still_unknown", lang, questions=texts))
    say(msg("ask.written", lang, path=target))
    report = engine.evaluate(done.case)
    as_of = args.as_of or dt.date.today()
    report = assessed(report, done.case, engine=engine, as_of=as_of, policy=policy)
    for line in report_lines(report, lang):
        if not line:
            break
        print(line, flush=True)
    return EXIT_FINDINGS if report.findings else EXIT_OK


class _CaseDumper(yaml.SafeDumper):
    """Writes lists indented under their key, and a list of plain values on one line
    (``candidate_ids: [paslon-01]``), as case files are written by hand."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_list(dumper: yaml.SafeDumper, items: list[Any]) -> yaml.Node:
    flat = all(isinstance(i, (str, int, float, bool, dt.date)) for i in items)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=flat)


_CaseDumper.add_representer(list, _represent_list)


def _target(source: Path, output: str | None, in_place: bool, lang: str) -> Path:
    """Where the completed case goes; never the input unless ``--in-place``."""
    if in_place:
        return source
    target = Path(output) if output else source.with_name(f"{source.stem}.answered{source.suffix}")
    if target.resolve() == source.resolve():
        raise OutputIsInputError(msg("ask.same_file", lang, path=target))
    return target


def _write(data: dict[str, Any], target: Path, original: bytes) -> None:
    """Write the case data as JSON or YAML (by the target's suffix), atomically; a YAML
    file opens with the comment lines the original opened with."""
    if target.suffix.lower() == ".json":
        text = json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
    else:
        head = []
        for line in original.decode("utf-8", "replace").splitlines():
            if not line.startswith("#"):
                break
            head.append(line + "\n")
        body = yaml.dump(data, Dumper=_CaseDumper, sort_keys=False, allow_unicode=True, width=100)
        text = "".join(head) + body
    folder = target.resolve().parent
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


__all__ = ["register", "run"]
