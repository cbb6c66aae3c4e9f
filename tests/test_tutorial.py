"""docs/tutorial.md is executable: its files are written and its commands run in order, and
each command's output and exit code must be exactly what the tutorial shows."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

TUTORIAL = Path(__file__).resolve().parent.parent / "docs" / "tutorial.md"
NETRALITAS = Path(sys.executable).with_name("netralitas")
_FENCE = re.compile(r"^```(\w+)([^\n]*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class Step:
    """A file to write (``yaml file=PATH``) or a command to run (``console``)."""

    kind: str
    attrs: dict[str, str]
    body: str


def steps(text: str) -> list[Step]:
    """The tutorial's file and console blocks, in order; other blocks are prose."""
    out = []
    for match in _FENCE.finditer(text):
        lang, info, body = match.groups()
        attrs = dict(a.split("=", 1) for a in info.split() if "=" in a)
        if lang == "console" or "file" in attrs:
            out.append(Step(lang, attrs, body))
    return out


def test_the_tutorial_has_files_and_commands() -> None:
    """The extractor finds the tutorial's files and commands (so the run below is real)."""
    found = steps(TUTORIAL.read_text(encoding="utf-8"))
    assert sum(s.kind == "console" for s in found) == 6
    assert sum("file" in s.attrs for s in found) == 4


def test_steps_parse_files_and_console_blocks() -> None:
    """A file block gives its path, a console block its exit code; prose blocks are skipped."""
    text = "```yaml file=a/b.yaml\nx: 1\n```\n```ini\n[x]\n```\n```console exit=1\n$ a\nb\n```\n"
    assert steps(text) == [
        Step("yaml", {"file": "a/b.yaml"}, "x: 1\n"),
        Step("console", {"exit": "1"}, "$ a\nb\n"),
    ]


def test_every_command_prints_what_the_tutorial_shows(tmp_path: Path) -> None:
    """Write each file, run each command in a fresh folder, compare output and exit code."""
    for step in steps(TUTORIAL.read_text(encoding="utf-8")):
        if "file" in step.attrs:
            target = tmp_path / step.attrs["file"]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(step.body, encoding="utf-8")
            continue
        command, *expected = step.body.splitlines()
        assert command.startswith("$ netralitas "), command
        argv = [str(NETRALITAS), *shlex.split(command.removeprefix("$ netralitas "))]
        done = subprocess.run(
            argv,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            check=False,
        )
        assert done.stdout.splitlines() == expected, command
        assert done.returncode == int(step.attrs.get("exit", "0")), command


@pytest.mark.parametrize("name", ["tutorial.md", "testing.md"])
def test_the_docs_only_name_commands_that_exist(name: str) -> None:
    """Every `netralitas <command>` the docs mention is a registered command."""
    from netralitas_rules.cli import build_parser

    text = (TUTORIAL.parent / name).read_text(encoding="utf-8")
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    known = set(sub.choices or ())
    used = set(re.findall(r"`\$? ?netralitas (\w+)", text)) | set(
        re.findall(r"^\$ netralitas (\w+)", text, re.MULTILINE)
    )
    assert used
    assert used <= known, sorted(used - known)
