"""Defects a newcomer met on a fresh clone (QA pass of 4 December 2026), each held fixed:
the command the service tells people to run exists; ``register import`` prints a file's
problems one per line; a missing optional package is named with its extra (exit 2, not an
internal error); a date written ``10/03/2019`` is one date message, not a broken range."""

from __future__ import annotations

import json
import re
import sys
from importlib import resources
from pathlib import Path

import pytest
import yaml

from netralitas_rules import load_case
from netralitas_rules.cli import main
from netralitas_rules.cli._exits import missing_extra
from netralitas_rules.errors import CaseFileError
from netralitas_rules.messages import CATALOGUES

SEED = Path(__file__).resolve().parent.parent / "examples" / "muaro-jambi-2019.yaml"
DOCS = Path(__file__).resolve().parent.parent / "docs"


def _web_texts() -> list[str]:
    texts: list[str] = []
    for lang in ("id", "en"):
        raw = resources.files("netralitas_rules.web").joinpath(f"messages.{lang}.yaml")
        texts += [str(v) for v in yaml.safe_load(raw.read_text(encoding="utf-8")).values()]
    return texts


def test_the_token_command_named_to_users_is_the_real_one() -> None:
    """The 401 detail, the page's token label and docs/web.md name `netralitas register
    token add`, the command that exists; `netralitas token add` is a usage error."""
    texts = [t for c in CATALOGUES.values() for k, t in c.items() if k.startswith("service.")]
    texts += _web_texts()
    texts.append((DOCS / "web.md").read_text(encoding="utf-8"))
    naming = [t for t in texts if "token add" in t]
    assert naming, "no text names the token command any more"
    for text in naming:
        assert "netralitas token add" not in text
        assert "netralitas register token add" in text
    with pytest.raises(SystemExit) as ok:
        main(["register", "token", "add", "--help"])
    assert ok.value.code == 0
    with pytest.raises(SystemExit) as wrong:
        main(["token", "add", "--help"])
    assert wrong.value.code == 2


def test_register_import_prints_each_problem_of_a_file_on_its_own_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two problems of one file are two bare located lines, not one line joined by an
    escaped newline (``\\x0a``)."""
    bad = tmp_path / "typo.yaml"
    bad.write_text(
        SEED.read_text(encoding="utf-8").replace("position_kind:", "positon_kind:"),
        encoding="utf-8",
    )
    db = str(tmp_path / "r.sqlite")
    assert main(["register", "import", "--db", db, str(bad)]) == 2
    err = capsys.readouterr().err
    assert "\\x0a" not in err
    lines = err.splitlines()
    assert len(lines) == 2
    assert all(line.startswith(f"{bad}:") for line in lines)
    assert "asn.position_kind:" in lines[0]
    assert "asn.positon_kind:" in lines[1]


@pytest.mark.parametrize(
    ("lang", "said"),
    [("id", "paket tambahan belum terpasang"), ("en", "optional package is not installed")],
)
def test_serve_without_its_extras_names_them(
    lang: str,
    said: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`netralitas serve` where uvicorn is not installed: exit 2 and the extras to install,
    in the output language; not exit 70 calling it a defect of the program."""
    monkeypatch.setitem(sys.modules, "uvicorn", None)
    db = str(tmp_path / "r.sqlite")
    assert main(["--lang", lang, "serve", "--db", db, "--port", "0"]) == 2
    err = capsys.readouterr().err
    assert err.splitlines() == [err.strip()]  # one line
    assert said in err
    assert "pip install 'netralitas-rules[service,register]'" in err
    assert "uvicorn" in err


def test_a_parquet_output_without_pyarrow_names_the_batch_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`batch --out-format parquet` without pyarrow: exit 2, `[batch]`, nothing written."""
    source = tmp_path / "cases.jsonl"
    case = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    source.write_text(json.dumps(case, default=str) + "\n", encoding="utf-8")
    out = tmp_path / "out.parquet"
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    code = main(["batch", str(source), "--out", str(out), "--out-format", "parquet"])
    err = capsys.readouterr().err
    assert code == 2
    assert "pip install 'netralitas-rules[batch]'" in err
    assert not out.exists()


def test_prove_without_hypothesis_names_the_test_extra_in_indonesian(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`netralitas prove` without hypothesis: exit 2, Indonesian by default."""
    monkeypatch.setitem(sys.modules, "hypothesis", None)
    assert main(["prove", "--examples", "1"]) == 2
    err = capsys.readouterr().err
    assert "paket tambahan belum terpasang" in err
    assert "pip install 'netralitas-rules[test]'" in err


def test_a_module_that_is_no_optional_dependency_stays_an_internal_error() -> None:
    """Only the extras' modules are the user's to install: a missing module of the program
    itself (or of a required dependency) is still a defect (exit 70, no install hint)."""
    assert missing_extra(ModuleNotFoundError("x", name="yaml"), "id", "netralitas") is None
    assert missing_extra(ImportError("x", name="fastapi"), "id", "netralitas") is None
    assert missing_extra(ModuleNotFoundError("x", name="fastapi.routing"), "en", "p") == (
        "p: an optional package is not installed (module fastapi not found); install it "
        "with: pip install 'netralitas-rules[service,register]'"
    )


def _case_with_date(tmp_path: Path, date: str) -> Path:
    path = tmp_path / "case.yaml"
    text = SEED.read_text(encoding="utf-8")
    assert text.count("date: 2019-03-10\n") == 1
    path.write_text(text.replace("date: 2019-03-10\n", f"date: {date}\n"), encoding="utf-8")
    return path


@pytest.mark.parametrize("written", ["10/03/2019", "2019/03/10", "10/03", "'03/10/2019'"])
def test_a_date_written_with_slashes_is_one_date_message(tmp_path: Path, written: str) -> None:
    """A date written with slashes is not taken for a range: one problem at the act's date
    naming the whole text, not one per piece around the first slash."""
    with pytest.raises(CaseFileError) as caught:
        load_case(_case_with_date(tmp_path, written))
    problems = caught.value.problems
    assert [p.key_path for p in problems] == ["activities[2].date"]
    shown = written.strip("'")
    assert f"a date is written YYYY-MM-DD (for example 2019-03-10), not as the text {shown!r}" in (
        problems[0].message
    )


def test_a_range_with_one_bad_end_names_that_end(tmp_path: Path) -> None:
    """A range of two dates around one slash keeps its message per end."""
    with pytest.raises(CaseFileError) as caught:
        load_case(_case_with_date(tmp_path, "2019-03-01/2019-3-31"))
    assert [p.key_path for p in caught.value.problems] == ["activities[2].date.to"]


def test_a_range_written_as_text_still_reads(tmp_path: Path) -> None:
    """The documented text form of a range is unchanged."""
    case = load_case(_case_with_date(tmp_path, "2019-03-01/2019-03-31"))
    assert str(case.activities[2].date) == "2019-03-01/2019-03-31"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_agreement_text_names_election_kinds_in_words(lang: str) -> None:
    """The 'by election kind' lines of `netralitas agreement` read Pemilu and Pilkada in
    words, never the codes PEMILU and PILKADA."""
    from netralitas_rules.fidelity import load_decided_cases, measure
    from netralitas_rules.fidelity.render import render_text
    from netralitas_rules.vocabulary import ElectionKind

    real = Path(__file__).resolve().parent.parent / "cases" / "real"
    files = sorted(real.glob("*-pemilu-*.yaml"))[:1] + sorted(real.glob("*-pilkada-*.yaml"))[:1]
    text = render_text(measure(load_decided_cases(files)), lang)
    codes = {kind.value for kind in ElectionKind}
    assert codes.isdisjoint(re.findall(r"[\w-]+", text))
    assert "Pemilu" in text
    assert "Pilkada" in text
