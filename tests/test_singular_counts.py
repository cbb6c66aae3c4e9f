"""English says '1 case', '1 finding', '1 version' ... where a text counts one thing, and
'2 cases' for two (the batch's progress, done and interrupted lines, ``rules lint``, the
supervision page's chart tooltips, a CSV row's cells, the values of an unknown fact); the
Indonesian texts stay free of English. A warning naming an event or a track by its name
takes no article the name could contradict ('a 'examined' event', 'a ethics sanction')."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from _cli import Run, run_fixture  # noqa: F401 (the ``run`` fixture)
from conftest import RULE_YAML
from netralitas_rules.batch.progress import Progress
from netralitas_rules.batch.runner import BatchSummary
from netralitas_rules.batch.tables import _csv_rows
from netralitas_rules.cli import batch as cli_batch
from netralitas_rules.cli import main
from netralitas_rules.completion import Slot, _slot_text
from netralitas_rules.messages import msg, track_name
from netralitas_rules.problemtext import Text
from netralitas_rules.register.events import EventKind
from netralitas_rules.register.ordering import (
    NEEDS_ANSWERED,
    REFUSED_BEFORE,
    WARNED_BEFORE,
    OrderNote,
)
from netralitas_rules.sanctions.audit import _ON_TRACK
from netralitas_rules.supervision.charts import bars_by_tier, trend
from netralitas_rules.supervision.summary import Tally
from netralitas_rules.vocabulary import Track
from test_messages import denied

A_VOWEL = re.compile(r"\b[Aa] '?[aeiouAEIOU]")
"""'a' before a word that opens with a vowel ('a 'examined' event', 'a ethics sanction')."""


# ------------------------------------------------------------------ netralitas batch


@pytest.mark.parametrize(
    ("read", "english"),
    [(1, "1 case, 1/s, 0 rejected"), (2, "2 cases, 2/s, 0 rejected")],
)
def test_the_progress_line_counts_cases(read: int, english: str) -> None:
    """The progress line says '1 case' for one case read, '2 cases' for two."""
    s = BatchSummary(read=read, reported=read, seconds=1.0)
    assert Progress(None, io.StringIO(), live=True, lang="en").line(s) == english
    indonesian = Progress(None, io.StringIO(), live=True, lang="id").line(s)
    assert indonesian == f"{read} kasus, {read}/detik, 0 ditolak"
    assert denied(indonesian) == []


def _batch(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    summary: BatchSummary,
    lang: str,
) -> tuple[int, str]:
    """``netralitas batch`` with the run's counts ``summary``: its exit code and stderr, the
    errors file's path written as ERR and the output's as OUT."""
    monkeypatch.setattr(cli_batch, "run_batch", lambda *a, **k: summary)
    src = tmp_path / "in.jsonl"
    src.write_text("{}\n", encoding="utf-8")
    out, errors = tmp_path / "o.jsonl", tmp_path / "e.jsonl"
    argv = ["--lang", lang, "batch", str(src), "--out", str(out), "--errors", str(errors)]
    code = main(argv)
    err = capsys.readouterr().err
    return code, err.replace(str(errors), "ERR").replace(str(out), "OUT")


@pytest.mark.parametrize(
    ("n", "english"),
    [
        (1, "netralitas batch: read 1 case: 1 reported, 0 rejected (ERR); 1 finding; 1 case/s\n"),
        (
            2,
            "netralitas batch: read 2 cases: 2 reported, 0 rejected (ERR); 2 findings; 2 cases/s\n",
        ),
    ],
)
def test_the_done_line_counts_cases_findings_and_the_rate(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    n: int,
    english: str,
) -> None:
    """The done line: '1 case', '1 finding', '1 case/s' for one; '2 cases' ... for two."""
    summary = BatchSummary(read=n, reported=n, findings=n, seconds=1.0)
    assert _batch(tmp_path, monkeypatch, capsys, summary, "en") == (0, english)
    code, indonesian = _batch(tmp_path, monkeypatch, capsys, summary, "id")
    assert (code, indonesian) == (
        0,
        f"netralitas batch: {n} kasus dibaca: {n} dilaporkan, 0 ditolak (ERR); {n} temuan; "
        f"{n} kasus/detik\n",
    )
    assert denied(indonesian) == []


@pytest.mark.parametrize(("n", "noun"), [(1, "case"), (2, "cases")])
def test_the_interrupted_line_counts_cases(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    n: int,
    noun: str,
) -> None:
    """Interrupted after one case: '1 case'; after two: '2 cases'."""
    summary = BatchSummary(read=n, reported=n, seconds=1.0, interrupted=True)
    assert _batch(tmp_path, monkeypatch, capsys, summary, "en") == (
        cli_batch.EXIT_INTERRUPTED,
        f"netralitas batch: interrupted after {n} {noun}; nothing written: OUT and ERR are as "
        "they were before the run\n",
    )
    _, indonesian = _batch(tmp_path, monkeypatch, capsys, summary, "id")
    assert indonesian == (
        f"netralitas batch: dihentikan setelah {n} kasus; tidak ada yang ditulis: OUT dan ERR "
        "tetap seperti sebelum proses\n"
    )
    assert denied(indonesian) == []


@pytest.mark.parametrize(("cells", "noun"), [(1, "cell"), (2, "cells")])
def test_a_csv_row_of_the_wrong_width_counts_its_cells(
    tmp_path: Path, cells: int, noun: str
) -> None:
    """A row of one cell under a header of three: 'the row has 1 cell'."""
    path = tmp_path / "in.csv"
    row = ",".join(["x"] * cells)
    path.write_text(f"asn.id,asn.status,asn.position_kind\n{row}\n", encoding="utf-8")
    ((_, problem, _),) = list(_csv_rows(path))
    assert isinstance(problem, Text)
    assert problem.render("en") == f"the row has {cells} {noun}; the header has 3"
    assert problem.render("id") == f"barisnya memuat {cells} sel; kepalanya 3"
    assert denied(problem.render("id")) == []


# ------------------------------------------------------------------ netralitas rules lint


def _second_instrument(text: str) -> str:
    """RULE_YAML as another instrument (PP 2/2000) with its own provision."""
    for old, new in (
        ("pp-1-2000", "pp-2-2000"),
        ('number: "1"', 'number: "2"'),
        ("Nomor 1 Tahun", "Nomor 2 Tahun"),
        ("Regulation 1 of", "Regulation 2 of"),
        ("PP 1/2000", "PP 2/2000"),
        ("id: pp1-1", "id: pp2-1"),
    ):
        assert old in text, old
        text = text.replace(old, new)
    return text


def test_lint_counts_one_version_instrument_and_provision(
    run: Run, rules_dir: Callable[[dict[str, str]], Path]
) -> None:
    """One of each: 'ok: 1 version of 1 instrument, 1 provision'."""
    root = rules_dir({"pp-1-2000/2000-01-01.yaml": RULE_YAML})
    assert run("rules", "lint", str(root), "--lang", "en") == (
        0,
        "ok: 1 version of 1 instrument, 1 provision\n",
        "",
    )
    code, out, _ = run("rules", "lint", str(root))
    assert (code, out) == (0, "tidak ada masalah: 1 versi dari 1 instrumen, 1 ketentuan\n")
    assert denied(out) == []


def test_lint_counts_two_of_each(run: Run, rules_dir: Callable[[dict[str, str]], Path]) -> None:
    """Two of each: 'ok: 2 versions of 2 instruments, 2 provisions'."""
    root = rules_dir(
        {
            "pp-1-2000/2000-01-01.yaml": RULE_YAML,
            "pp-2-2000/2000-01-01.yaml": _second_instrument(RULE_YAML),
        }
    )
    assert run("rules", "lint", str(root), "--lang", "en") == (
        0,
        "ok: 2 versions of 2 instruments, 2 provisions\n",
        "",
    )
    code, out, _ = run("rules", "lint", str(root))
    assert (code, out) == (0, "tidak ada masalah: 2 versi dari 2 instrumen, 2 ketentuan\n")
    assert denied(out) == []


# ------------------------------------------------------------------ the supervision page


def _tips(svg: str) -> list[str]:
    return re.findall(r"<title>([^<]*)</title></rect>", svg)


@pytest.mark.parametrize(("n", "noun"), [(1, "finding"), (2, "findings")])
def test_the_chart_tooltips_count_findings(n: int, noun: str) -> None:
    """A bar of one finding says '1 finding', of two '2 findings', in both charts."""
    group = Tally("A", cases=n, with_findings=n, findings=n, by_tier=Counter({"BERAT": n}))
    assert _tips(bars_by_tier([group], ["Dinas A"], "en")) == [f"Dinas A: heavy, {n} {noun}"]
    assert _tips(trend([("2024-02", n, n)], "en")) == [f"Feb 2024: {n} {noun}"]
    indonesian = _tips(bars_by_tier([group], ["Dinas A"], "id"))
    indonesian += _tips(trend([("2024-02", n, n)], "id"))
    assert indonesian == [f"Dinas A: berat, {n} temuan", f"Feb 2024: {n} temuan"]
    assert denied("\n".join(indonesian)) == []


# ------------------------------------------------------------------ too many unknowns


@pytest.mark.parametrize(("n", "noun"), [(1, "value"), (2, "values")])
def test_an_unknown_fact_counts_its_values(n: int, noun: str) -> None:
    """A slot of one value in the list of a case with too many completions: '(1 value)'."""
    slot = Slot(("activities", 0, "date"), "activity.date", (None,) * n, ("x",) * n)
    text = _slot_text(slot)
    assert text.render("en") == f"activities[0].date ({n} {noun})"
    assert text.render("id") == f"activities[0].date ({n} nilai)"


# ------------------------------------------------------------------ articles before names


@pytest.mark.parametrize("kind", NEEDS_ANSWERED, ids=lambda k: k.value)
def test_the_warning_of_nothing_answered_takes_no_wrong_article(kind: EventKind) -> None:
    """'though this 'examined' event answers one' (it said 'a 'examined' event'), for
    every kind the warning can name."""
    needed = (REFUSED_BEFORE.get(kind, ()) or WARNED_BEFORE[kind])[0]
    text = OrderNote("nothing_answered", kind, dt.date(2024, 1, 1), needed).text()
    english = text.render("en")
    assert A_VOWEL.search(english) is None, english
    assert denied(text.render("id")) == []
    if kind is EventKind.EXAMINED:
        assert english == (
            "no 'reported' event is recorded for this case, though this 'examined' event "
            "answers one; recorded, but record the 'reported' event too, with its date, so "
            "the deadlines count from it"
        )


@pytest.mark.parametrize("track", list(Track), ids=lambda t: t.value)
def test_a_track_named_in_an_audit_sentence_takes_no_wrong_article(track: Track) -> None:
    """'A sanction on the ethics track has been imposed' (it said 'A ethics sanction'), and
    the same for the wrong track and an unprescribed sanction, for every track."""
    name = track_name(track, "en")
    texts = [
        _ON_TRACK[track][1],
        msg("audit.wrong_track", "en", track=name, sanctions="x"),
        msg("audit.unprescribed", "en", track=name, sanction="x"),
    ]
    assert [t for t in texts if A_VOWEL.search(t)] == []
    assert denied(_ON_TRACK[track][0]) == []
    if track is Track.ETIK:
        assert texts == [
            "A sanction on the ethics track has been imposed.",
            "the law prescribes a sanction on the ethics track, but what was imposed is: x",
            "A sanction (x) was imposed on the ethics track, where no provision is breached.",
        ]
