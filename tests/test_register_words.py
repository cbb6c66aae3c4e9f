"""``netralitas register`` for people: a deadline's step by its words and its day as people
write it (never the routing step's id or an ISO date), the follow-up rate with the language's
decimal mark, and ``register token list``'s revocation day in words; ``--lang en`` the same in
English."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from netralitas_rules.cli import main
from netralitas_rules.deadlines import shipped_deadlines, step_name
from netralitas_rules.service import Role, TokenStore

SEED = Path(__file__).parent.parent / "examples" / "muaro-jambi-2019.yaml"

LINE = {
    "id": "muaro-jambi-2019: sanksi terlalu ringan; 1 peristiwa; tenggat: Bawaslu "
    "menindaklanjuti temuan atau laporan (UU 7/2017 Pasal 454), paling lambat 29 Maret 2019",
    "en": "muaro-jambi-2019: under-sanctioned; 1 event; deadline: Bawaslu acts on the finding "
    "or report (UU 7/2017 Pasal 454), by 29 March 2019",
}


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """The seed case registered on 20 March 2019, with Bawaslu's finding of 11 March."""
    path = str(tmp_path / "r.sqlite")
    assert main(["register", "import", "--db", path, "--as-of", "2019-03-20", str(SEED)]) == 0
    event = ["register", "event", "--db", path, "--as-of", "2019-03-20", "muaro-jambi-2019"]
    kind = ["--kind", "reported", "--date", "2019-03-11", "--source", "bawaslu_finding"]
    assert main([*event, *kind]) == 0
    capsys.readouterr()
    return path


@pytest.mark.parametrize("lang", ["id", "en"])
def test_an_event_line_names_the_step_and_the_day_in_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    """`register event` prints the open step's words and its last day in words."""
    path = str(tmp_path / "r.sqlite")
    assert main(["register", "import", "--db", path, "--as-of", "2019-03-20", str(SEED)]) == 0
    capsys.readouterr()
    event = ["register", "event", "--db", path, "--as-of", "2019-03-20", "muaro-jambi-2019"]
    kind = ["--kind", "reported", "--date", "2019-03-11", "--source", "bawaslu_finding"]
    assert main([*event, *kind, "--lang", lang]) == 0
    assert capsys.readouterr().out == LINE[lang] + "\n"


@pytest.mark.parametrize(("lang", "late"), [("id", " (TERLAMBAT)"), ("en", " (OVERDUE)")])
def test_overdue_lines_name_the_step_and_the_day_in_words(
    db: str, capsys: pytest.CaptureFixture[str], lang: str, late: str
) -> None:
    """`register overdue` lists the late case with the same words."""
    assert main(["register", "overdue", "--db", db, "--as-of", "2019-06-01", "--lang", lang]) == 1
    assert capsys.readouterr().out == LINE[lang] + late + "\n"


@pytest.mark.parametrize(("lang", "rate"), [("id", "100,0%"), ("en", "100.0%")])
def test_stats_write_the_rate_with_the_languages_decimal_mark(
    db: str, capsys: pytest.CaptureFixture[str], lang: str, rate: str
) -> None:
    """`register stats`: 100,0% in Indonesian, 100.0% in English."""
    assert main(["register", "stats", "--db", db, "--as-of", "2019-06-01", "--lang", lang]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.endswith(f": {rate}"), first


@pytest.mark.parametrize(("lang", "word"), [("id", "dicabut"), ("en", "revoked")])
def test_token_list_gives_the_revocation_day_in_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, word: str
) -> None:
    """`register token list` is read by people: a revoked token's day in words."""
    path = str(tmp_path / "t.sqlite")
    with TokenStore(path) as store:
        _, info = store.add(Role.AUDITOR, label="meja")
        store.revoke(info.id, now=dt.datetime(2024, 5, 3, 8, tzinfo=dt.UTC))
    assert main(["register", "token", "list", "--db", path, "--lang", lang]) == 0
    day = {"id": "3 Mei 2024", "en": "3 May 2024"}[lang]
    assert capsys.readouterr().out == f"{info.id}\tauditor\t*\t{word} {day}\tmeja\n"


def test_every_shipped_step_has_words_in_both_languages() -> None:
    """Each step of the deadlines data has a label in Indonesian and in English, and the
    register's lines find it by the step's id (an unknown id stays as it is)."""
    for step in shipped_deadlines().steps:
        assert step.label, step.id
        assert step.label_en, step.id
        assert step_name(step.id, "id") == step.label
        assert step_name(step.id, "en") == step.label_en
    assert step_name("no-such-step", "id") == "no-such-step"


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("id", "sudah dicabut pada 3 Mei 2024; tidak ada yang berubah"),
        ("en", "was already revoked on 3 May 2024; nothing changed"),
    ],
)
def test_revoking_a_token_twice_says_it_was_revoked_already_and_when(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, words: str
) -> None:
    """A second `register token revoke` of one token: not 'revoked' again with exit 0, but
    that it already was, on which day, and exit 1 (nothing done, as for an unknown id); the
    first day is kept."""
    path = str(tmp_path / "t.sqlite")
    with TokenStore(path) as store:
        _, info = store.add(Role.AUDITOR)
        first = store.revoke(info.id, now=dt.datetime(2024, 5, 3, 8, tzinfo=dt.UTC))
    assert first is not None
    assert not first.already
    capsys.readouterr()
    revoke = ["register", "token", "revoke", "--db", path, info.id, "--lang", lang]
    assert main(revoke) == 1
    hint = {
        "id": "periksa id-nya bila yang dimaksud token lain",
        "en": "check the id if another token was meant",
    }[lang]
    err = capsys.readouterr().err
    assert err == f"token {info.id} {words} ({hint}: `netralitas register token list`)\n"
    with TokenStore(path) as store:
        (listed,) = store.list()
    assert listed.revoked_at == dt.datetime(2024, 5, 3, 8, tzinfo=dt.UTC)
