"""docs/tutorial.md is executable: its files are written and its commands run in order, and
each command's output and exit code must be exactly what the tutorial shows; its install
steps, run as written on the built wheel, give a `netralitas` that does the same."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from _wheel import WHEEL_BUILD, clean_env, run_ok

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
        if lang == "console" or "file" in attrs or "install" in attrs:
            out.append(Step(lang, attrs, body))
    return out


def test_the_tutorial_has_files_and_commands() -> None:
    """The extractor finds the tutorial's files and commands (so the run below is real)."""
    found = steps(TUTORIAL.read_text(encoding="utf-8"))
    assert sum(s.kind == "console" for s in found) == 8
    assert sum("file" in s.attrs for s in found) == 7
    assert [s.attrs["install"] for s in found if "install" in s.attrs] == ["wheel"]


def test_steps_parse_files_and_console_blocks() -> None:
    """A file block gives its path, a console block its exit code; prose blocks are skipped."""
    text = "```yaml file=a/b.yaml\nx: 1\n```\n```ini\n[x]\n```\n```console exit=1\n$ a\nb\n```\n"
    assert steps(text) == [
        Step("yaml", {"file": "a/b.yaml"}, "x: 1\n"),
        Step("console", {"exit": "1"}, "$ a\nb\n"),
    ]


def run_tutorial(folder: Path, bin_dir: Path, env: dict[str, str] | None = None) -> None:
    """Write each file and run each command of the tutorial in ``folder`` with the
    ``netralitas`` of ``bin_dir``, comparing output and exit code with the page."""
    for step in steps(TUTORIAL.read_text(encoding="utf-8")):
        if "install" in step.attrs:
            continue
        if "file" in step.attrs:
            target = folder / step.attrs["file"]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(step.body, encoding="utf-8")
            continue
        command, *expected = step.body.splitlines()
        assert command.startswith("$ netralitas "), command
        argv = [str(bin_dir / "netralitas"), *shlex.split(command.removeprefix("$ netralitas "))]
        done = subprocess.run(
            argv,
            cwd=folder,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            check=False,
            env=env,
        )
        assert done.stdout.splitlines() == expected, command
        assert done.returncode == int(step.attrs.get("exit", "0")), command


def test_every_command_prints_what_the_tutorial_shows(tmp_path: Path) -> None:
    """Write each file, run each command in a fresh folder, compare output and exit code."""
    run_tutorial(tmp_path, NETRALITAS.parent)


@pytest.mark.slow
def test_the_tutorial_installs_from_the_wheel_and_works(built_wheel: Path, tmp_path: Path) -> None:
    """The wheel install steps, run as written in a clone's place holding the built wheel,
    give a `netralitas` that runs every command of the tutorial outside the repository, and
    a pytest that runs its cases through the plugin."""
    (install,) = [s for s in steps(TUTORIAL.read_text(encoding="utf-8")) if "install" in s.attrs]
    build, *lines = install.body.splitlines()
    # The build line is the one the session's fixture ran (building twice costs minutes).
    assert shlex.split(build) == ["python3", *WHEEL_BUILD]
    clone = tmp_path / "clone"
    (clone / "dist").mkdir(parents=True)
    shutil.copy(built_wheel, clone / "dist")
    assert all(line.startswith(("python3 ", "netralitas-env/", "source ")) for line in lines)
    # python3 is the interpreter running the tests (the one the project supports here).
    script = "\n".join(
        shlex.quote(sys.executable) + line.removeprefix("python3")
        if line.startswith("python3 ")
        else line
        for line in lines
    )
    run_ok(["bash", "-e", "-c", script], clone, env=clean_env())
    bin_dir = clone / "netralitas-env" / "bin"
    work = tmp_path / "work"
    work.mkdir()
    run_tutorial(work, bin_dir, env=clean_env())
    collected = run_ok([str(bin_dir / "pytest"), "--collect-only", "-q"], work, env=clean_env())
    ids = [line for line in collected.splitlines() if "::" in line]
    assert len(ids) == 4, collected
    assert all(i.startswith("aturan/se-bupati-contoh-2024/tests/media-sosial.yaml::") for i in ids)
    passed = run_ok(
        [str(bin_dir / "pytest"), "-q", "-p", "no:cacheprovider"], work, env=clean_env()
    )
    assert "4 passed" in passed, passed


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
