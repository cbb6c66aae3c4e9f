"""``netralitas register``: import, event, overdue, stats, export, report."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from netralitas_rules import load_case
from netralitas_rules.cli import main

SEED = Path(__file__).parent.parent / "examples" / "muaro-jambi-2019.yaml"


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A register holding the seed case, registered on 20 March 2019."""
    path = str(tmp_path / "r.sqlite")
    assert main(["register", "import", "--db", path, "--as-of", "2019-03-20", str(SEED)]) == 0
    return path


def test_import_counts_new_known_and_invalid_cases(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Importing again skips the known case (exit 1); a broken file is exit 2, named."""
    capsys.readouterr()
    assert main(["register", "import", "--db", db, str(SEED)]) == 1
    assert (
        capsys.readouterr().out
        == "0 kasus didaftarkan, 1 sudah terdaftar (dilewati), 0 tidak valid\n"
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\n", encoding="utf-8")
    assert main(["register", "import", "--db", db, "--lang", "en", str(bad)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "0 cases registered, 0 already registered (skipped), 1 invalid\n"
    assert "bad.yaml" in captured.err


def test_import_reads_batch_input_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A JSON Lines batch input registers one case per line."""
    import yaml

    data = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    lines = [json.dumps({**data, "id": f"k{i}"}, default=str) for i in range(3)]
    source = tmp_path / "cases.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = str(tmp_path / "r.sqlite")
    assert main(["register", "import", "--db", db, str(source)]) == 0
    assert capsys.readouterr().out.startswith("3 kasus didaftarkan")


def test_an_event_prints_the_new_verdict_and_deadline(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A Bawaslu finding starts Bawaslu's follow-up clock; the line shows its deadline."""
    capsys.readouterr()
    args = ["register", "event", "--db", db, "--as-of", "2019-03-20", "muaro-jambi-2019"]
    code = main(
        [*args, "--kind", "reported", "--date", "2019-03-11", "--source", "bawaslu_finding"]
    )
    assert code == 0
    assert capsys.readouterr().out == (
        "muaro-jambi-2019: sanksi terlalu ringan; 1 peristiwa; tenggat: Bawaslu "
        "menindaklanjuti temuan atau laporan (UU 7/2017 Pasal 454), paling lambat 29 Maret 2019\n"
    )


def test_an_invalid_event_is_exit_2_with_the_reason(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 'reported' event without its source is refused, saying what it needs at the option
    that gives it."""
    event = ["register", "event", "--db", db, "muaro-jambi-2019", "--kind", "reported"]
    code = main([*event, "--date", "2019-03-11", "--lang", "en"])
    assert code == 2
    assert "--source: Value error, a 'reported' event needs its source" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("lang", "line", "warning"),
    [
        (
            "id",
            "muaro-jambi-2019: sanksi terlalu ringan; 1 peristiwa\n",
            "kasus 'muaro-jambi-2019': peringatan tentang peristiwa ke-1: belum ada peristiwa "
            "'dilaporkan' yang tercatat untuk kasus ini, padahal peristiwa 'diperiksa' "
            "menanggapinya; dicatat, tetapi catat juga peristiwa 'dilaporkan' dengan "
            "tanggalnya agar tenggat dihitung darinya\n",
        ),
        (
            "en",
            "muaro-jambi-2019: under-sanctioned; 1 event\n",
            "case 'muaro-jambi-2019': warning about event 1: no 'reported' event is recorded "
            "for this case, though this 'examined' event answers one; recorded, but record the "
            "'reported' event too, with its date, so the deadlines count from it\n",
        ),
    ],
)
def test_an_event_recorded_with_a_warning_says_it_with_exit_1(
    db: str, capsys: pytest.CaptureFixture[str], lang: str, line: str, warning: str
) -> None:
    """An examination with no report recorded is recorded, and the register's warning about
    it is said on stderr in the language asked (it was said nowhere), exit 1 (something to
    look at); a later event that fits is exit 0 and does not repeat the earlier warning."""
    capsys.readouterr()
    args = ["register", "event", "--db", db, "--as-of", "2019-07-01", "--lang", lang]
    case = "muaro-jambi-2019"
    assert main([*args, case, "--kind", "examined", "--date", "2019-03-15"]) == 1
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == (line, warning)
    report = ["--kind", "reported", "--date", "2019-03-11", "--source", "bawaslu_finding"]
    assert main([*args, case, *report]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith(f"{case}: ")
    assert captured.err == ""


def test_an_event_for_an_unknown_case_is_exit_2(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The message names the case and how to register it."""
    code = main(
        ["register", "event", "--db", db, "nope", "--kind", "closed", "--date", "2019-05-01"]
    )
    assert code == 2
    assert "kasus 'nope' tidak ada di register" in capsys.readouterr().err


def test_overdue_lists_late_cases_with_exit_1(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Once Bawaslu's follow-up period has run out, the case is overdue (exit 1)."""
    event = ["register", "event", "--db", db, "--as-of", "2019-03-20", "muaro-jambi-2019"]
    main([*event, "--kind", "reported", "--date", "2019-03-11", "--source", "bawaslu_finding"])
    capsys.readouterr()
    assert main(["register", "overdue", "--db", db, "--as-of", "2019-03-25"]) == 0
    assert capsys.readouterr().out == "tidak ada kasus yang terlambat\n"
    assert main(["register", "overdue", "--db", db, "--as-of", "2019-06-01"]) == 1
    assert capsys.readouterr().out.endswith("paling lambat 29 Maret 2019 (TERLAMBAT)\n")


def test_overdue_of_an_agency_no_case_names_is_exit_2(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """overdue --agency with an agency no case names is refused as stats --agency refuses
    it (it printed "no case overdue", exit 0, for a typo): exit 2, the same message, in the
    language asked; an agency with cases and none overdue is still "no case overdue"."""
    agency = load_case(SEED).asn.agency
    assert isinstance(agency, str)
    capsys.readouterr()
    assert main(["register", "overdue", "--db", db, "--agency", agency]) == 0
    assert capsys.readouterr().out == "tidak ada kasus yang terlambat\n"
    for lang, words in (
        (
            "id",
            f"tidak ada kasus instansi 'nope' di register; instansi yang terdaftar: "
            f"{agency!r}. Tulis nama instansi persis seperti instansi ASN yang tertulis "
            "pada kasusnya",
        ),
        (
            "en",
            f"no case of agency 'nope' is in the register; the agencies registered: "
            f"{agency!r}. Write the agency exactly as the cases state the ASN's agency",
        ),
    ):
        code = main(["register", "overdue", "--db", db, "--agency", "nope", "--lang", lang])
        captured = capsys.readouterr()
        assert code == 2
        assert captured.out == ""
        assert captured.err == f"netralitas: {db}: {words}\n"


def test_stats_as_json(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """stats --format json gives the counts as data."""
    capsys.readouterr()
    assert main(["register", "stats", "--db", db, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["cases"], data["open"], data["by_verdict"]["under_sanctioned"]) == (1, 1, 1)


def test_stats_of_one_agency(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """stats --agency counts that agency's cases only; an agency no case names is not
    counted as nothing (it was 0 cases, exit 0, for a typo): exit 2, saying so and naming
    the agencies registered, in the language asked."""
    agency = load_case(SEED).asn.agency
    assert isinstance(agency, str)
    capsys.readouterr()
    assert main(["register", "stats", "--db", db, "--format", "json", "--agency", agency]) == 0
    assert json.loads(capsys.readouterr().out)["cases"] == 1
    typo = agency.replace("Muaro", "Muara")
    for lang, words in (
        (
            "id",
            f"tidak ada kasus instansi {typo!r} di register; instansi yang terdaftar: "
            f"{agency!r}. Tulis nama instansi persis seperti instansi ASN yang tertulis "
            "pada kasusnya",
        ),
        (
            "en",
            f"no case of agency {typo!r} is in the register; the agencies registered: "
            f"{agency!r}. Write the agency exactly as the cases state the ASN's agency",
        ),
    ):
        code = main(["register", "stats", "--db", db, "--agency", typo, "--lang", lang])
        captured = capsys.readouterr()
        assert code == 2
        assert captured.out == ""
        assert captured.err == f"netralitas: {db}: {words}\n"


def test_export_as_json_lines_and_csv(db: str, tmp_path: Path) -> None:
    """export writes one record per case, in JSON Lines or CSV, to --out."""
    out = tmp_path / "cases.jsonl"
    assert main(["register", "export", "--db", db, "--out", str(out)]) == 0
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["case_id"] == "muaro-jambi-2019"
    assert record["verdicts"] == {"DISIPLIN": "under_sanctioned", "ETIK": "not_yet_imposed"}
    table = tmp_path / "cases.csv"
    assert main(["register", "export", "--db", db, "--format", "csv", "--out", str(table)]) == 0
    with table.open(encoding="utf-8", newline="") as f:
        (row,) = list(csv.DictReader(f))
    assert row["verdict"] == "under_sanctioned"
    assert not list(tmp_path.glob(".*partial*"))


def test_export_refuses_to_overwrite_the_register(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """--out naming the register's own file is refused before anything is opened, said in
    Indonesian (in English with --lang en)."""
    before = Path(db).read_bytes()
    capsys.readouterr()
    assert main(["register", "export", "--db", db, "--out", db]) == 2
    assert capsys.readouterr().err == (
        f"netralitas: {db}: --out adalah berkas yang sama dengan --db {db}; menulisnya akan "
        "merusak masukan sebelum masukan itu dibaca. Beri --out jalur lain (tidak ada yang "
        "dibaca atau ditulis)\n"
    )
    assert main(["register", "export", "--db", db, "--out", db, "--lang", "en"]) == 2
    assert capsys.readouterr().err.startswith(f"netralitas: {db}: --out is the same file as --db")
    assert Path(db).read_bytes() == before


def test_report_reads_the_register(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The supervision report over the register counts the case, its findings and its
    verdicts as the batch report would."""
    capsys.readouterr()
    assert main(["register", "report", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "- Kasus: 1; dengan temuan: 1" in out
    assert "- Menunggu PPK: 1" in out


def test_the_default_register_is_in_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --db the register is register.sqlite where the command runs."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(SEED, tmp_path / "seed.yaml")
    assert main(["register", "import", "seed.yaml"]) == 0
    assert (tmp_path / "register.sqlite").is_file()


def test_a_message_names_the_register_file_as_a_path(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The register's refusals name a SQLite register by its file's path, as ``--db`` takes
    it, not as the SQLAlchemy URL ``sqlite:////...`` the user never wrote."""
    capsys.readouterr()
    args = ["register", "event", "--db", db, "nope", "--kind", "examined", "--date", "2019-03-21"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"netralitas: {Path(db).resolve()}: kasus 'nope' tidak ada"), err
    assert "sqlite:/" not in err
