"""The succession of instruments as a graph (#12 items 4 and 11): cycles, second successors,
gaps and overlaps are rule-set problems with file and line, and nothing loops on them."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _profiles import examples
from conftest import RULE_YAML, replaced
from netralitas_rules import RegulationSetError, load_regulations
from netralitas_rules.cli import main
from netralitas_rules.lineage import lineage_of
from netralitas_rules.regulation import Instrument

RulesDir = Callable[[dict[str, str]], Path]

# A hang must fail the test, not the run: generous, since CI is a busy 2-core machine.
HANG_GUARD_SECONDS = 120


def _file(
    inst: str, start: str, end: str | None = None, succeeds: tuple[str, ...] = ()
) -> tuple[str, str]:
    """``(relative path, text)`` of a one-provision version of instrument ``pp-<n>-2000``."""
    text = replaced(RULE_YAML, "id: pp-1-2000", f"id: {inst}")
    if succeeds:
        text = replaced(
            text,
            "  short_name: PP 1/2000\n",
            f"  short_name: PP 1/2000\n  succeeds: [{', '.join(succeeds)}]\n",
        )
    validity = f"effective_from: {start}" + (f"\n  superseded_on: {end}" if end else "")
    text = replaced(text, "effective_from: 2000-01-01", validity)
    text = replaced(text, "id: pp1-1", f"id: {inst}-{start}")
    return f"{inst}/{start}.yaml", text


def _files(*specs: tuple[str, str]) -> dict[str, str]:
    return dict(specs)


def _set_error(rules_dir: RulesDir, files: dict[str, str]) -> str:
    root = rules_dir(files)
    with pytest.raises(RegulationSetError) as info:
        load_regulations([root])
    return str(info.value).replace(str(root), "R")


CLI = (sys.executable, "-m", "netralitas_rules.cli")


def _lint(root: Path, *lang: str) -> subprocess.CompletedProcess[str]:
    """`netralitas [--lang en] rules lint ROOT` in a child process, killed if it does not
    return."""
    return subprocess.run(
        [*CLI, *lang, "rules", "lint", str(root)],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD_SECONDS,
        check=False,
    )


def test_a_lineage_whose_texts_meet_loads(rules_dir: RulesDir) -> None:
    """A successor that starts the day its predecessor ends forms one lineage, oldest first."""
    root = rules_dir(
        _files(
            _file("pp-1-2000", "2000-01-01", "2005-01-01"),
            _file("pp-2-2000", "2005-01-01", None, ("pp-1-2000",)),
        )
    )
    regs = load_regulations([root])
    assert regs.lineage("pp-2-2000") == ("pp-1-2000", "pp-2-2000")
    assert regs.lineage("pp-1-2000") == ("pp-1-2000", "pp-2-2000")


def test_the_shipped_discipline_lineage() -> None:
    """PP 94/2021 succeeds PP 53/2010 in the shipped rules, and they meet on 31 Aug 2021."""
    regs = load_regulations()
    assert regs.lineage("pp-94-2021") == ("pp-53-2010", "pp-94-2021")


def test_self_succession_is_refused_by_lint(rules_dir: RulesDir) -> None:
    """An instrument that succeeds itself: lint exits 2 with the line, and does not hang;
    in Indonesian by default, in English with --lang en."""
    root = rules_dir(_files(_file("pp-1-2000", "2000-01-01", None, ("pp-1-2000",))))
    result = _lint(root)
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert result.stderr.replace(str(root), "R") == (
        "R/pp-1-2000/2000-01-01.yaml:9:14: instrument.succeeds[0]: pp-1-2000 menggantikan "
        "dirinya sendiri; sebuah instrumen tidak dapat menggantikan dirinya sendiri: hapus "
        "'pp-1-2000' dari succeeds\n"
    )
    assert _lint(root, "--lang", "en").stderr.replace(str(root), "R") == (
        "R/pp-1-2000/2000-01-01.yaml:9:14: instrument.succeeds[0]: pp-1-2000 succeeds itself; "
        "an instrument cannot succeed itself: remove 'pp-1-2000' from succeeds\n"
    )


def test_two_instruments_succeeding_each_other_are_refused_by_lint(rules_dir: RulesDir) -> None:
    """A succeeds B and B succeeds A: lint names the circle at both lines and exits 2."""
    root = rules_dir(
        _files(
            _file("pp-1-2000", "2000-01-01", "2005-01-01", ("pp-2-2000",)),
            _file("pp-2-2000", "2005-01-01", None, ("pp-1-2000",)),
        )
    )
    result = _lint(root, "--lang", "en")
    assert result.returncode == 2, result.stderr
    circle = "circular succession pp-1-2000 -> pp-2-2000 -> pp-1-2000"
    assert result.stderr.replace(str(root), "R").splitlines() == [
        f"R/pp-1-2000/2000-01-01.yaml:9:14: instrument.succeeds[0]: {circle}: an instrument "
        "cannot succeed itself or its own successor; remove one succeeds entry of the circle "
        "(here: 'pp-2-2000')",
        f"R/pp-2-2000/2005-01-01.yaml:9:14: instrument.succeeds[0]: {circle}: an instrument "
        "cannot succeed itself or its own successor; remove one succeeds entry of the circle "
        "(here: 'pp-1-2000')",
    ]


def test_a_longer_circle_is_named_once_per_edge(rules_dir: RulesDir) -> None:
    """A -> B -> C -> A, with C also succeeding an outside instrument: each edge of the circle
    is reported once, at its own file, and the outside edge is left alone."""
    files = _files(
        _file("pp-0-2000", "1990-01-01", "2010-01-01"),
        _file("pp-1-2000", "2000-01-01", "2005-01-01", ("pp-3-2000",)),
        _file("pp-2-2000", "2005-01-01", "2010-01-01", ("pp-1-2000",)),
        _file("pp-3-2000", "2010-01-01", None, ("pp-0-2000", "pp-2-2000")),
    )
    lines = _set_error(rules_dir, files).splitlines()
    assert [line.split(": ")[0] for line in lines] == [
        "R/pp-1-2000/2000-01-01.yaml:9:14",
        "R/pp-2-2000/2005-01-01.yaml:9:14",
        "R/pp-3-2000/2010-01-01.yaml:9:25",
    ]
    assert all("pp-1-2000 -> pp-2-2000 -> pp-3-2000 -> pp-1-2000" in line for line in lines)


def test_every_command_returns_on_a_circular_lineage(rules_dir: RulesDir) -> None:
    """`check` over circular rules exits 2 at once instead of looping in the lineage walk."""
    root = rules_dir(
        _files(
            _file("pp-1-2000", "2000-01-01", "2005-01-01", ("pp-2-2000",)),
            _file("pp-2-2000", "2005-01-01", None, ("pp-1-2000",)),
        )
    )
    case = Path(__file__).parent.parent / "examples" / "muaro-jambi-2019.yaml"
    result = subprocess.run(
        [*CLI, "--lang", "en", "check", str(case), "--rules", str(root)],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD_SECONDS,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert "circular succession" in result.stderr


def test_the_lineage_walk_stops_on_a_circle_built_past_the_loader(rules_dir: RulesDir) -> None:
    """A RegulationSet built directly (no checks) around a circle still compiles: the walk
    stops where the circle closes."""
    root = rules_dir(
        _files(
            _file("pp-1-2000", "2000-01-01", "2005-01-01", ("pp-2-2000",)),
            _file("pp-2-2000", "2005-01-01", None, ("pp-1-2000",)),
        )
    )
    script = textwrap.dedent(
        f"""
        from netralitas_rules.loader import LoadedFile, RegulationSet, load_rule_file
        from netralitas_rules.yamlpos import read_yaml
        from netralitas_rules.engine import compile_rules
        from pathlib import Path
        files = []
        for path in sorted(Path({str(root)!r}).rglob("*.yaml")):
            raw = path.read_bytes()
            files.append(LoadedFile(str(path), load_rule_file(raw, str(path)),
                                    read_yaml(raw, str(path))))
        rules = compile_rules(RegulationSet(files))
        print(sorted(c.lineage for c in rules.coverage.values()))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD_SECONDS,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ("[('pp-1-2000', 'pp-2-2000'), ('pp-2-2000', 'pp-1-2000')]\n")


def test_an_overlap_with_the_successor(rules_dir: RulesDir) -> None:
    """A predecessor that ends a year after its successor starts: both would judge the year."""
    files = _files(
        _file("pp-1-2000", "2000-01-01", "2006-01-01"),
        _file("pp-2-2000", "2005-01-01", None, ("pp-1-2000",)),
    )
    assert _set_error(rules_dir, files) == (
        "R/pp-1-2000/2000-01-01.yaml:11:3: version.superseded_on: pp-1-2000 overlaps its "
        "successor pp-2-2000: this version runs until 2006-01-01 (exclusive) but "
        "R/pp-2-2000/2005-01-01.yaml starts 2005-01-01, so acts from 2005-01-01 to 2005-12-31 "
        "are judged under both; make them meet: superseded_on: 2005-01-01, or start pp-2-2000 "
        "on 2006-01-01"
    )


def test_a_gap_before_the_successor(rules_dir: RulesDir) -> None:
    """A predecessor that ends a year before its successor starts: no text judges the year."""
    files = _files(
        _file("pp-1-2000", "2000-01-01", "2004-01-01"),
        _file("pp-2-2000", "2005-01-01", None, ("pp-1-2000",)),
    )
    assert _set_error(rules_dir, files) == (
        "R/pp-1-2000/2000-01-01.yaml:11:3: version.superseded_on: gap between pp-1-2000 and "
        "its successor pp-2-2000: this version ends 2004-01-01 (exclusive) but "
        "R/pp-2-2000/2005-01-01.yaml starts 2005-01-01, so acts from 2004-01-01 to 2004-12-31 "
        "are judged under neither; make them meet: superseded_on: 2005-01-01, or start "
        "pp-2-2000 on 2004-01-01"
    )


def test_an_open_ended_predecessor(rules_dir: RulesDir) -> None:
    """A predecessor that never ends overlaps its successor from the successor's first day."""
    files = _files(
        _file("pp-1-2000", "2000-01-01"),
        _file("pp-2-2000", "2005-01-01", None, ("pp-1-2000",)),
    )
    assert _set_error(rules_dir, files) == (
        "R/pp-1-2000/2000-01-01.yaml:9:1: version.superseded_on: pp-1-2000 is succeeded by "
        "pp-2-2000 from 2005-01-01 (R/pp-2-2000/2005-01-01.yaml) but its last version never "
        "ends, so acts from 2005-01-01 on are judged under both; set superseded_on: 2005-01-01"
    )


def test_the_last_version_of_the_predecessor_meets_the_first_of_the_successor(
    rules_dir: RulesDir,
) -> None:
    """Only the predecessor's last version and the successor's first version must meet."""
    root = rules_dir(
        _files(
            _file("pp-1-2000", "2000-01-01", "2003-01-01"),
            _file("pp-1-2000", "2003-01-01", "2005-01-01"),
            _file("pp-2-2000", "2005-01-01", "2008-01-01", ("pp-1-2000",)),
            _file("pp-2-2000", "2008-01-01", None, ("pp-1-2000",)),
        )
    )
    assert len(load_regulations([root]).versions) == 4


def test_two_successors_of_one_instrument(rules_dir: RulesDir) -> None:
    """Two instruments that both succeed one are reported at each succeeds line."""
    files = _files(
        _file("pp-1-2000", "2000-01-01", "2005-01-01"),
        _file("pp-2-2000", "2005-01-01", None, ("pp-1-2000",)),
        _file("pp-3-2000", "2005-01-01", None, ("pp-1-2000",)),
    )
    assert _set_error(rules_dir, files).splitlines() == [
        "R/pp-2-2000/2005-01-01.yaml:9:14: instrument.succeeds[0]: pp-1-2000 has two "
        "successors: pp-2-2000 and pp-3-2000 (R/pp-3-2000/2005-01-01.yaml); an instrument has "
        "one successor: name pp-1-2000 in the succeeds of only one of them",
        "R/pp-3-2000/2005-01-01.yaml:9:14: instrument.succeeds[0]: pp-1-2000 has two "
        "successors: pp-3-2000 and pp-2-2000 (R/pp-2-2000/2005-01-01.yaml); an instrument has "
        "one successor: name pp-1-2000 in the succeeds of only one of them",
    ]


def test_lint_exits_2_on_a_gap(rules_dir: RulesDir, capsys: pytest.CaptureFixture[str]) -> None:
    """`rules lint` exits 2 on a lineage gap and prints the problem's file and line."""
    root = rules_dir(
        _files(
            _file("pp-1-2000", "2000-01-01", "2004-01-01"),
            _file("pp-2-2000", "2005-01-01", None, ("pp-1-2000",)),
        )
    )
    assert main(["rules", "lint", str(root)]) == 2
    err = capsys.readouterr().err.replace(str(root), "R")
    assert err.startswith(
        "R/pp-1-2000/2000-01-01.yaml:11:3: version.superseded_on: ada kekosongan antara"
    )


IDS = [f"pp-{n}-2000" for n in range(6)]


@given(
    st.dictionaries(
        st.sampled_from(IDS),
        st.lists(st.sampled_from(IDS), max_size=3, unique=True),
        min_size=1,
    ),
    st.data(),
)
@settings(max_examples=examples(300))
def test_the_lineage_walk_ends_on_any_graph(
    succession: dict[str, list[str]], data: st.DataObject
) -> None:
    """On any succession graph, cycles included, the walk ends with distinct ids that include
    the instrument asked about."""
    base = Instrument.model_validate(
        {
            "id": "pp-0-2000",
            "kind": "PP",
            "number": "0",
            "year": 2000,
            "title": "t",
            "title_en": "t",
            "short_name": "PP 0/2000",
        }
    )
    instruments = {
        i: base.model_copy(update={"id": i, "succeeds": tuple(olds)})
        for i, olds in succession.items()
    }
    asked = data.draw(st.sampled_from(sorted(instruments)))
    chain = lineage_of(asked, instruments)
    assert asked in chain
    assert len(set(chain)) == len(chain)
