"""Exit codes a script can trust (#12 item 10): 0 nothing to look at, 1 findings, 2 invalid
input, 70 internal error (one line; the traceback only with --debug), 130 interrupted, 141
standard output closed. Most tests run the CLI in a child process, as a script would."""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import event, given, settings
from hypothesis import strategies as st

from _profiles import examples
from conftest import SEED_CASE
from netralitas_rules.cli import build_parser, main
from netralitas_rules.cli._exits import COMMON, DEFAULT_EXITS, OVERVIEW, exit_texts
from netralitas_rules.messages import msg
from netralitas_rules.testing.strategies import cases

TIMEOUT = 300  # seconds; generous for a busy machine, only there so a hang cannot block CI

INTERNAL_ID = (
    "netralitas check: kesalahan internal (ZeroDivisionError); ini cacat program, bukan "
    "kesalahan masukan Anda: jalankan ulang dengan --debug dan kirim jejaknya beserta berkas "
    "masukan kepada pengelola netralitas-rules\n"
)
INTERNAL_EN = (
    "netralitas check: internal error (ZeroDivisionError); this is a defect of the program, "
    "not of your input: rerun with --debug and send the traceback with the input files to "
    "the netralitas-rules maintainers\n"
)

# Replaces one function with one that raises, then runs the CLI: a defect on demand.
_BROKEN = """\
import errno, sys
import {module} as target

def broken(*args, **kwargs):
    raise {error}

# A renamed function must fail the test, not silently leave the CLI unbroken.
assert hasattr(target, "{name}"), "{module} has no {name}"
target.{name} = broken
from netralitas_rules.cli import main
sys.exit(main(sys.argv[1:]))
"""

QUIET_CASE = (
    "id: quiet\nelection: pemilu-2024\nasn: {id: a, status: PNS, position_kind: PELAKSANA}\n"
)


def _cli(
    *args: str,
    cwd: Path,
    broken: tuple[str, str, str] | None = None,
    env: dict[str, str] | None = None,
    stdout: int = subprocess.PIPE,
) -> subprocess.CompletedProcess[str]:
    """Run ``netralitas ARGS`` in a child; ``broken`` = (module, function, exception) makes
    that function raise."""
    if broken is None:
        command = [sys.executable, "-m", "netralitas_rules.cli", *args]
    else:
        module, name, error = broken
        code = _BROKEN.format(module=module, name=name, error=error)
        command = [sys.executable, "-c", code, *args]
    child_env = {k: v for k, v in os.environ.items() if k != "NETRALITAS_DEBUG"}
    return subprocess.run(
        command,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        cwd=cwd,
        env=child_env | (env or {}),
        timeout=TIMEOUT,
        check=False,
    )


CRASH = ("netralitas_rules.cli.check", "load_case_or_decided", "ZeroDivisionError('boom')")


def test_an_internal_error_exits_70_with_one_line(tmp_path: Path) -> None:
    """A defect inside `check` exits 70, not 1 (findings): one line naming the command and the
    exception type and saying how to report it, no traceback, nothing on stdout."""
    done = _cli("check", str(SEED_CASE), cwd=tmp_path, broken=CRASH)
    assert (done.returncode, done.stdout, done.stderr) == (70, "", INTERNAL_ID)


def test_the_internal_error_line_follows_lang(tmp_path: Path) -> None:
    """With --lang en the line is English."""
    done = _cli("check", str(SEED_CASE), "--lang", "en", cwd=tmp_path, broken=CRASH)
    assert (done.returncode, done.stderr) == (70, INTERNAL_EN)


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--debug", "check", str(SEED_CASE)], {}),
        (["check", str(SEED_CASE), "--debug"], {}),
        (["check", str(SEED_CASE)], {"NETRALITAS_DEBUG": "1"}),
    ],
    ids=["debug-first", "debug-after-command", "env"],
)
def test_debug_prints_the_traceback(tmp_path: Path, args: list[str], env: dict[str, str]) -> None:
    """--debug (before or after the command) or NETRALITAS_DEBUG=1 prints the traceback
    before the same one line, and the exit code stays 70."""
    done = _cli(*args, cwd=tmp_path, broken=CRASH, env=env)
    assert done.returncode == 70
    assert done.stderr.startswith("Traceback (most recent call last):\n")
    assert "ZeroDivisionError: boom\n" in done.stderr
    assert done.stderr.endswith(INTERNAL_ID)


def test_an_error_before_the_command_parses_names_the_program(tmp_path: Path) -> None:
    """A defect while the parser is built still exits 70 with one line."""
    broken = ("netralitas_rules.cli.check", "register", "RuntimeError('no parser')")
    done = _cli("check", str(SEED_CASE), cwd=tmp_path, broken=broken)
    assert done.returncode == 70
    assert done.stderr == INTERNAL_ID.replace(" check", "").replace(
        "ZeroDivisionError", "RuntimeError"
    )


@pytest.mark.parametrize(
    ("error", "line"),
    [
        (
            "OSError(errno.ENOENT, 'No such file or directory', '/srv/case.yaml')",
            "netralitas check: /srv/case.yaml: tidak ada berkas atau folder itu\n",
        ),
        (
            "PermissionError(errno.EACCES, 'Permission denied', '/srv/case.yaml')",
            "netralitas check: /srv/case.yaml: izin ditolak\n",
        ),
        (
            "IsADirectoryError(errno.EISDIR, 'Is a directory', '/srv')",
            "netralitas check: /srv: ini folder, bukan berkas\n",
        ),
        (
            "OSError(errno.ENOSPC, 'No space left on device')",
            "netralitas check: ruang disk penuh\n",
        ),
    ],
    ids=["missing", "permission", "folder", "disk-full"],
)
def test_file_errors_are_invalid_input(tmp_path: Path, error: str, line: str) -> None:
    """A file the user can fix (missing, not permitted, a folder, a full disk) is invalid
    input: exit 2, one located line, no traceback."""
    broken = ("netralitas_rules.cli.check", "load_case_or_decided", error)
    done = _cli("check", str(SEED_CASE), cwd=tmp_path, broken=broken)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", line)


def test_other_os_errors_are_internal(tmp_path: Path) -> None:
    """An OSError no user can fix (a bad file descriptor) is ours: exit 70."""
    broken = (
        "netralitas_rules.cli.check",
        "load_case_or_decided",
        "OSError(errno.EBADF, 'Bad fd')",
    )
    done = _cli("check", str(SEED_CASE), cwd=tmp_path, broken=broken)
    assert done.returncode == 70
    assert done.stderr == INTERNAL_ID.replace("ZeroDivisionError", "OSError")


def test_ctrl_c_exits_130_with_one_line(tmp_path: Path) -> None:
    """Ctrl-C during a command exits 130 with one line, no traceback."""
    broken = ("netralitas_rules.cli.check", "load_case_or_decided", "KeyboardInterrupt")
    done = _cli("check", str(SEED_CASE), cwd=tmp_path, broken=broken)
    assert (done.returncode, done.stdout, done.stderr) == (
        130,
        "",
        "netralitas check: dihentikan\n",
    )


def test_findings_exit_1_and_a_clean_case_exits_0(tmp_path: Path) -> None:
    """A case with findings exits 1; a case without exits 0; neither writes to stderr."""
    quiet = tmp_path / "quiet.yaml"
    quiet.write_text(QUIET_CASE, encoding="utf-8")
    found = _cli("check", str(SEED_CASE), cwd=tmp_path)
    clean = _cli("check", str(quiet), cwd=tmp_path)
    assert (found.returncode, found.stderr) == (1, "")
    assert (clean.returncode, clean.stderr) == (0, "")


@pytest.mark.parametrize(
    ("args", "files"),
    [
        (["check", "missing.yaml"], {}),
        (["check", "."], {}),
        (["check", "bad.yaml"], {"bad.yaml": "id: [unclosed\n"}),
        (["check", "junk.yaml"], {"junk.yaml": "\x00\xff\xfe garbage"}),
        (["check", "SEED", "--policy", "missing-policy.yaml"], {}),
        (["check", "SEED", "--rules", "no-such-folder"], {}),
        (["check", "SEED", "--lang", "xx"], {}),
        (["check", "SEED", "--no-such-option"], {}),
        (["audit", "missing.yaml"], {}),
        (["report", "missing.jsonl"], {}),
        (["rules", "lint", "no-such-folder"], {}),
        (["schema", "policy"], {}),
        (["test", "no-such-folder"], {}),
    ],
    ids=lambda v: "-".join(v) if isinstance(v, list) else "",
)
def test_invalid_input_exits_2_without_a_traceback(
    tmp_path: Path, args: list[str], files: dict[str, str]
) -> None:
    """Missing files, folders, malformed YAML, bad options: exit 2 and a message, never a
    traceback."""
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    done = _cli(*[str(SEED_CASE) if a == "SEED" else a for a in args], cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip()
    assert "Traceback" not in done.stderr + done.stdout


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_an_unreadable_case_exits_2(tmp_path: Path) -> None:
    """A case file the user may not read: exit 2 and the path, no traceback."""
    case = tmp_path / "secret.yaml"
    case.write_text(QUIET_CASE, encoding="utf-8")
    case.chmod(0)
    done = _cli("check", str(case), cwd=tmp_path)
    assert done.returncode == 2
    assert "secret.yaml" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["rules", "list"], 141),
        (["check", "SEED"], 141),
        (["schema", "case"], 141),
        (["--help"], 0),
    ],
    ids=["rules-list", "check", "schema", "help"],
)
def test_a_closed_pipe_is_quiet(tmp_path: Path, args: list[str], code: int) -> None:
    """Standard output whose reader has gone (`... | head -1`): exit 141 and nothing on
    stderr, not even the interpreter's complaint at exit (help keeps argparse's 0: argparse
    drops the failed write itself)."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first byte: every write fails
    try:
        done = _cli(
            *[str(SEED_CASE) if a == "SEED" else a for a in args], cwd=tmp_path, stdout=write_end
        )
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (code, "")


def _parsers(
    parser: argparse.ArgumentParser, name: str = "netralitas"
) -> list[tuple[str, argparse.ArgumentParser]]:
    """Every parser under ``parser``, with its command words."""
    found = [(name, parser)]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for word, child in action.choices.items():
                found += _parsers(child, f"{name} {word}")
    return found


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_help_states_its_exit_codes(lang: str) -> None:
    """`netralitas --help` lists the whole scheme, and every command's help its own codes
    and the shared ones (2, 70, 130), in the language of --lang."""
    parsers = _parsers(build_parser(["--lang", lang]))
    assert len(parsers) > 10
    heading = f"{msg('exit.codes', lang)}:"
    for name, parser in parsers:
        if name == "netralitas rules":  # the group itself only lists its actions
            continue
        text = " ".join(parser.format_help().split())
        assert heading in text, name
        own = parser.get_default("exits") or DEFAULT_EXITS
        groups = [COMMON, OVERVIEW if name == "netralitas" else own]
        codes = {code: t for group in groups for code, t in exit_texts(group, lang).items()}
        assert codes, name
        for code, words in codes.items():
            assert f"{code} {words}" in text, (name, code)
        assert "--debug" in text, name


def test_commands_state_what_0_and_1_mean() -> None:
    """Each command's help says what its 0 and 1 mean; a command without a 1 lists none."""
    helps = {name: " ".join(p.format_help().split()) for name, p in _parsers(build_parser())}
    assert "0 tidak ada temuan 1 ada temuan 2 masukan tidak valid" in helps["netralitas check"]
    assert "1 ada kasus dengan sanksi terlalu ringan" in helps["netralitas audit"]
    assert "1 ada rekaman yang ditolak" in helps["netralitas batch"]
    assert "3 hitungan tidak cocok" in helps["netralitas batch"]
    assert "0 selesai 2 masukan tidak valid" in helps["netralitas report"]
    assert "0 selesai 2 masukan tidak valid" in helps["netralitas rules lint"]


# ------------------------------------------------------------------ malformed cases, property

_EDITS = st.sampled_from(
    ["", ":", "- ", "[", "{", "}", "&a ", "*a", "!!binary ", "~", "null", "true", "-1",
     "1e999", "0x1F", "2019-02-30", "9999-12-31", "0001-01-01", "''", "' '", "\x00", "\ufeff",
     "\x1b[2J", "é", "🗳", "\n", "\t", "  "]
)  # fmt: skip


_SCALARS = (
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8) | st.dates()
)


def _leaves(node: object, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    if isinstance(node, dict):
        return [p for k, v in node.items() for p in _leaves(v, (*path, k))] or [path]
    if isinstance(node, list):
        return [p for i, v in enumerate(node) for p in _leaves(v, (*path, i))] or [path]
    return [path]


@st.composite
def _malformed_case_files(draw: st.DrawFn) -> bytes:
    """Arbitrary bytes, or a valid case dumped to YAML with values of any type put in place
    of some of its own (well-formed YAML the models must judge), or with its text edited at
    random."""
    how = draw(st.sampled_from(["bytes", "values", "text"]))
    if how == "bytes":
        return draw(st.binary(max_size=400))
    data = draw(cases(max_activities=3)).model_dump(mode="json", exclude_none=True)
    if how == "values":
        for _ in range(draw(st.integers(1, 3))):
            *parents, last = draw(st.sampled_from(_leaves(data)))
            node: Any = data
            for key in parents:
                node = node[key]
            node[last] = draw(_SCALARS)
        return yaml.safe_dump(data, allow_unicode=True).encode()
    text = yaml.safe_dump(data, allow_unicode=True)
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 16))
        text = text[:where] + draw(_EDITS | st.text(max_size=6)) + text[where + cut :]
    return text.encode("utf-8", "surrogatepass")


@settings(max_examples=examples(200))
@given(data=_malformed_case_files())
def test_check_answers_0_1_or_2_on_any_file(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    """Whatever bytes a case file holds, `check` exits 0, 1 or 2 and never prints a
    traceback; 2 always comes with a message. (In-process: main() is the script.)"""
    path = tmp_path_factory.mktemp("malformed") / "case.yaml"
    path.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", str(path), "--as-of", "2025-01-01"])
    event(f"exit {code}")
    assert code in (0, 1, 2), err.getvalue()
    assert "Traceback" not in out.getvalue() + err.getvalue()
    assert code != 2 or err.getvalue().strip()


def test_the_reliability_doc_lists_the_codes_the_program_uses() -> None:
    """docs/reliability.md's exit-code table has exactly the program's codes (batch's 3 as
    well), and shows the internal-error line as the program prints it."""
    doc = (Path(__file__).parent.parent / "docs" / "reliability.md").read_text(encoding="utf-8")
    section = doc.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    table = next(block for block in section.split("\n\n") if block.startswith("| code"))
    listed = [int(code) for code in re.findall(r"^\| (\d+) \|", table, re.M)]
    assert listed == sorted([*exit_texts(COMMON, "en"), *exit_texts(OVERVIEW, "en"), 3])
    assert INTERNAL_ID.strip() in section
