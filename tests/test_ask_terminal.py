"""`netralitas ask` in a real pseudo-terminal (pexpect): it completes a case with unknown
facts, asking at each step the first of questions() on the case as answered so far, and
never a question whose answer cannot change the outcome (#14 item 3)."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import signal
import sys
from pathlib import Path
from typing import Any

import pexpect
import pytest

from _ask_case import CASE_TEXT, DATE, PEJABAT_ASN, PEJABAT_NEGARA, open_questions
from netralitas_rules import load_case, questions
from netralitas_rules.cli import main

NETRALITAS = Path(sys.executable).with_name("netralitas")
TIMEOUT = 60  # seconds; generous, since the machine is busy, and never a sleep
AS_OF = "2024-06-01"


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _spawn(tmp_path: Path, *args: str) -> tuple[pexpect.spawn[str], io.StringIO]:
    """The command in a pseudo-terminal, and everything it writes to the screen."""
    case = tmp_path / "kasus.yaml"
    case.write_text(CASE_TEXT, encoding="utf-8")
    env = {**os.environ, "LC_ALL": "C.UTF-8", "PYTHONUTF8": "1", "NETRALITAS_DEBUG": "0"}
    child = pexpect.spawn(
        str(NETRALITAS),
        ["ask", str(case), "--as-of", AS_OF, *args],
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(50, 250),
        # A pytest-xdist worker ignores SIGINT, and an ignored signal stays ignored across
        # exec (Python then installs no KeyboardInterrupt handler): Ctrl-C must reach the
        # command as it does from a person's shell.
        preexec_fn=_default_sigint,
    )
    screen = io.StringIO()
    child.logfile_read = screen
    return child, screen


def _asked(screen: io.StringIO) -> list[str]:
    """Every question the screen showed, without its number."""
    text = screen.getvalue().replace("\r", "")
    return re.findall(r"^\[\d+\] (.*)$", text, re.MULTILINE)


def _answer_each(
    child: pexpect.spawn[str], replies: dict[str, str], values: dict[str, Any]
) -> None:
    """Answer the questions as they come; before each, the question on the screen must be
    the first open question of the case with the answers given so far."""
    answered: dict[str, Any] = {}
    n = 0
    while True:
        expected = open_questions(answered)
        if not expected:
            return
        n += 1
        q = expected[0]
        child.expect_exact(f"[{n}] {q.text}")
        child.expect_exact("> ")
        child.sendline(replies[q.path])
        answered[q.path] = values[q.path]


def _finish(child: pexpect.spawn[str], written: Path) -> str:
    child.expect_exact(f"Kasus yang sudah dilengkapi ditulis ke {written}")
    child.expect(pexpect.EOF)
    tail = str(child.before)
    child.close()
    return tail


def test_ask_completes_the_case_through_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Three questions, each the most decisive open one; the platform, which changes
    nothing, is never asked; the case is written with the answers and the verdict printed
    is that of `netralitas check` on it."""
    child, screen = _spawn(tmp_path)
    child.expect_exact("Kasus kasus-tanya memuat fakta yang belum diketahui.")
    replies = {DATE: "15 Maret 2019", PEJABAT_ASN: "ya", PEJABAT_NEGARA: "tidak"}
    values = {DATE: dt.date(2019, 3, 15), PEJABAT_ASN: True, PEJABAT_NEGARA: False}
    _answer_each(child, replies, values)
    written = tmp_path / "kasus.answered.yaml"
    tail = _finish(child, written)
    assert child.exitstatus == 1
    first = open_questions({})
    assert [q.path for q in first] == [DATE, PEJABAT_ASN, PEJABAT_NEGARA]
    assert _asked(screen) == [q.text for q in first]
    case = load_case(written)
    assert (case.asn.is_pejabat_asn, case.asn.is_pejabat_negara) == (True, False)
    assert case.activities[0].date == dt.date(2019, 3, 15)
    assert questions(case) == ()
    assert main(["check", str(written), "--as-of", AS_OF]) == 1
    check_lines = capsys.readouterr().out.splitlines()
    verdict = check_lines[: check_lines.index("")]
    assert [line for line in tail.replace("\r", "").splitlines() if line] == verdict


def test_an_answer_that_settles_the_rest_ends_the_interview(tmp_path: Path) -> None:
    """After a bad reply (refused with the allowed form) and a date after the campaign, no
    other question changes the outcome, so none is asked."""
    child, screen = _spawn(tmp_path)
    q = open_questions({})[0]
    assert q.path == DATE
    child.expect_exact(f"[1] {q.text}")
    child.expect_exact("> ")
    child.sendline("kemarin")
    child.expect_exact("„kemarin“ bukan tanggal; tulis misalnya 1 Februari 2019.")
    child.expect_exact("> ")
    child.sendline("20/04/2019")
    assert open_questions({DATE: dt.date(2019, 4, 20)}) == []
    _finish(child, tmp_path / "kasus.answered.yaml")
    assert _asked(screen) == [q.text]
    assert child.exitstatus == 1


def test_dont_know_keeps_a_fact_unknown_and_moves_on(tmp_path: Path) -> None:
    """'tidak tahu' leaves the fact unknown in the written case; it is not asked again."""
    child, screen = _spawn(tmp_path, "--lang", "en")
    child.expect_exact("[1] On what day was the act keputusan-dinas done")
    child.expect_exact("> ")
    child.sendline("2019-03-15")
    child.expect_exact("[2] ")
    child.expect_exact("> ")
    child.sendline("tidak tahu")
    child.expect_exact("[3] ")
    child.expect_exact("> ")
    child.sendline("no")
    written = tmp_path / "kasus.answered.yaml"
    child.expect_exact(
        "Still unknown: Does the ASN asn-01 hold a structural or functional office (pejabat ASN)?"
    )
    child.expect_exact(f"The completed case was written to {written}")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert [q.path for q in questions(load_case(written))] == [PEJABAT_ASN]
    assert len(_asked(screen)) == 3


@pytest.mark.parametrize(
    ("key", "message", "status"),
    [
        pytest.param("sendintr", "netralitas ask: dihentikan", 130, id="ctrl-c"),
        pytest.param(
            "sendeof",
            "masukan berakhir sebelum wawancara selesai; tidak ada yang ditulis",
            2,
            id="ctrl-d",
        ),
    ],
)
def test_stopping_at_a_question_says_so_and_writes_nothing(
    tmp_path: Path, key: str, message: str, status: int
) -> None:
    """Ctrl-C at a question stops the command with 130 and one line; Ctrl-D (end of input)
    ends it with exit 2 and a clear message; either way no case is written."""
    child, _ = _spawn(tmp_path)
    child.expect_exact("> ")
    getattr(child, key)()
    child.expect_exact(message)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == status
    assert not (tmp_path / "kasus.answered.yaml").exists()
