"""``netralitas register import`` and ``netralitas audit`` over what people give them: real
decided cases (their case part), a batch input that cannot be read among good files, files
and folders with no case, an import stopped with Ctrl-C and run again."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from netralitas_rules import load_case
from netralitas_rules.cli import main
from netralitas_rules.register import Register

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "muaro-jambi-2019.yaml"
REAL = ROOT / "cases" / "real"
# Every 17th real case (6 files), as tests/test_check_decided_case.py takes them.
SAMPLES = sorted(REAL.glob("*.yaml"))[::17]


def _seed_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    return data


def _json_case(path: Path, case_id: str) -> Path:
    path.write_text(json.dumps({**_seed_data(), "id": case_id}, default=str), encoding="utf-8")
    return path


def _jsonl(path: Path, ids: list[str]) -> Path:
    data = _seed_data()
    lines = [json.dumps({**data, "id": i}, default=str) for i in ids]
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


def _without_decided(source: Path, into: Path) -> Path:
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    del data["decided"]
    into.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return into


# ----------------------------------------------------------------- real decided cases


def test_real_decided_cases_are_registered_on_their_case_part(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every sampled decided case is registered (it was refused: 'kunci tidak dikenal
    decided'), as its case part, and one line says which files were decided cases and how
    to compare their decisions."""
    db = str(tmp_path / "r.sqlite")
    args = ["register", "import", "--db", db, "--as-of", "2026-12-03"]
    assert main([*args, *map(str, SAMPLES)]) == 0
    out, err = capsys.readouterr()
    assert out == f"{len(SAMPLES)} kasus didaftarkan, 0 sudah terdaftar (dilewati), 0 tidak valid\n"
    assert err == (
        f"{len(SAMPLES)} berkas adalah kasus nyata yang sudah diputus ({SAMPLES[0]}, "
        f"{SAMPLES[1]}, {SAMPLES[2]} dan {len(SAMPLES) - 3} lainnya); yang didaftarkan bagian "
        "kasusnya saja, tanpa putusan otoritas. Untuk membandingkan jawaban pustaka dengan "
        f"putusan otoritas, jalankan: netralitas agreement {REAL}\n"
    )
    plain_db = str(tmp_path / "plain.sqlite")
    plain = [_without_decided(s, tmp_path / s.name) for s in SAMPLES]
    assert (
        main(["register", "import", "--db", plain_db, "--as-of", "2026-12-03", *map(str, plain)])
        == 0
    )
    with Register(db) as reg, Register(plain_db) as other:
        for path in plain:
            case_id = load_case(path).id
            assert reg.get(case_id).case == other.get(case_id).case


def test_one_decided_case_is_named_in_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "r.sqlite")
    assert main(["register", "import", "--db", db, "--lang", "en", str(SAMPLES[0])]) == 0
    assert capsys.readouterr().err == (
        f"{SAMPLES[0]}: this file is a real decided case; only its case part is registered, "
        "not the authority's decision. To compare the library's answer with the authority's "
        f"decision, run: netralitas agreement {SAMPLES[0]}\n"
    )


def test_a_broken_decided_block_is_invalid_with_its_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The decided: block is validated too: a misspelt key in it is named where it is, and
    the other files are registered."""
    broken = tmp_path / "rusak.yaml"
    text = SAMPLES[0].read_text(encoding="utf-8")
    broken.write_text(text.replace("  outcome:\n", "  outcom:\n", 1), encoding="utf-8")
    db = str(tmp_path / "r.sqlite")
    assert main(["register", "import", "--db", db, str(broken), str(SAMPLES[1])]) == 2
    out, err = capsys.readouterr()
    assert out == "1 kasus didaftarkan, 0 sudah terdaftar (dilewati), 1 tidak valid\n"
    assert f"{broken}:" in err
    assert "outcom" in err


@pytest.mark.parametrize("lang", ["id", "en"])
def test_audit_reads_decided_cases_as_their_case_part(
    lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`netralitas audit cases/real` refused every file; each is audited as its case part,
    line for line as the same files without their decided: block."""
    folder = tmp_path / "plain"
    folder.mkdir()
    for source in SAMPLES:
        _without_decided(source, folder / source.name)
    common = ["--lang", lang, "audit", "--as-of", "2026-12-03"]
    code_plain = main([*common, str(folder)])
    want = capsys.readouterr()
    assert main([*common, *map(str, SAMPLES)]) == code_plain
    got = capsys.readouterr()
    assert got.out == want.out
    assert want.err == ""
    note = got.err.strip()
    assert note.endswith(f"netralitas agreement {REAL}")
    if lang == "id":
        assert note.startswith(f"{len(SAMPLES)} berkas adalah kasus nyata yang sudah diputus (")
        assert "yang diaudit di sini sanksi yang dicatat bagian kasusnya saja" in note
    else:
        assert note.startswith(f"{len(SAMPLES)} files are real decided cases (")
        assert "only the sanctions their case parts record are audited here" in note


# ------------------------------------------------------------- files that hold no case


def test_an_unreadable_csv_is_one_invalid_file_and_the_rest_are_registered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A CSV whose header cannot be read stopped the import there (ok2 never registered,
    no summary); it is now one invalid file, named with its reason."""
    ok1, ok2 = _json_case(tmp_path / "ok1.json", "ok1"), _json_case(tmp_path / "ok2.json", "ok2")
    binary = tmp_path / "bin.csv"
    binary.write_bytes(b"\xff\xfe\x00garbage\n")
    db = str(tmp_path / "r.sqlite")
    assert main(["register", "import", "--db", db, str(ok1), str(binary), str(ok2)]) == 2
    out, err = capsys.readouterr()
    assert out == "2 kasus didaftarkan, 0 sudah terdaftar (dilewati), 1 tidak valid\n"
    assert err == (
        f"netralitas: {binary}:1: baris kepala tidak dapat dibaca: barisnya tidak dapat "
        "dibaca sebagai CSV\n"
    )
    with Register(db) as reg:
        assert [r.id for r in reg.iter_records()] == ["ok1", "ok2"]


def test_a_csv_that_is_not_utf8_after_some_rows_keeps_those_and_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The reader cannot go past bytes that are not UTF-8: the rows before them are read
    (cases without their facts here: invalid), the file is counted invalid with the row, and
    the next file is read."""
    source = tmp_path / "part.csv"
    # Past the decoder's first read (8 KiB), so the header and the first rows are read.
    good = b"".join(b"c%d,pemilu-2019,a%d,Nama,PNS\n" % (i, i) for i in range(1000))
    source.write_bytes(b"case_id,election,asn.id,asn.name,asn.status\n" + good + b"x,\xff\n")
    ok = _json_case(tmp_path / "ok.json", "ok")
    db = str(tmp_path / "r.sqlite")
    code = main(["register", "import", "--db", db, "--lang", "en", str(source), str(ok)])
    out, err = capsys.readouterr()
    assert code == 2
    assert out.startswith("1 case registered, 0 already registered (skipped), ")
    assert f"netralitas: {source}: invalid UTF-8 after row " in err
    with Register(db) as reg:
        assert "ok" in [r.id for r in reg.iter_records()]


@pytest.mark.parametrize("name", ["empty.jsonl", "empty.csv", "header-only.csv"])
def test_a_file_with_no_case_is_warned_of_with_exit_1(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'0 kasus didaftarkan', exit 0, no word of the file: now a warning naming it, and exit
    1 (something to look at; exit 2 is for what cannot be read)."""
    source = tmp_path / name
    source.write_text("case_id,asn.id\n" if name.startswith("header") else "", encoding="utf-8")
    db = str(tmp_path / "r.sqlite")
    assert main(["register", "import", "--db", db, str(source)]) == 1
    out, err = capsys.readouterr()
    assert out == "0 kasus didaftarkan, 0 sudah terdaftar (dilewati), 0 tidak valid\n"
    assert err == (
        f"{source}: berkas ini tidak memuat satu kasus pun; tidak ada yang didaftarkan darinya\n"
    )
    assert main(["register", "import", "--db", db, "--lang", "en", str(source)]) == 1
    assert capsys.readouterr().err == (
        f"{source}: this file holds no case; nothing was registered from it\n"
    )


def test_a_folder_with_no_case_file_is_warned_of(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "kosong"
    folder.mkdir()
    (folder / "catatan.txt").write_text("bukan kasus\n", encoding="utf-8")
    db = str(tmp_path / "r.sqlite")
    assert main(["register", "import", "--db", db, str(folder), str(SEED)]) == 1
    out, err = capsys.readouterr()
    assert out == "1 kasus didaftarkan, 0 sudah terdaftar (dilewati), 0 tidak valid\n"
    assert err == (
        f"{folder}: folder ini tidak memuat berkas kasus (.yaml, .yml, .json, .jsonl, .csv, "
        ".parquet); tidak ada yang didaftarkan darinya\n"
    )


# -------------------------------------------------------------- interrupted, run again


def test_ctrl_c_says_how_many_were_kept_and_a_second_run_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C printed only 'dihentikan'; it now gives the counts so far and says that the
    same command goes on. The second run skips what the first registered in one line (it
    printed one line per case)."""
    ids = [f"k{i}" for i in range(8)]
    source = _jsonl(tmp_path / "cases.jsonl", ids)
    db = str(tmp_path / "r.sqlite")
    args = ["register", "import", "--db", db, str(source)]
    real_add = Register.add_case
    calls = []

    def add_then_stop(self: Register, case: Any, *, actor: str) -> Any:
        calls.append(case.id)
        if len(calls) == 6:
            raise KeyboardInterrupt
        return real_add(self, case, actor=actor)

    monkeypatch.setattr(Register, "add_case", add_then_stop)
    assert main(args) == 130
    out, err = capsys.readouterr()
    assert out == "5 kasus didaftarkan, 0 sudah terdaftar (dilewati), 0 tidak valid\n"
    assert err == (
        "netralitas register import: dihentikan; 5 kasus yang sudah didaftarkan tetap "
        "tersimpan. Jalankan perintah yang sama lagi untuk melanjutkan: kasus yang sudah "
        "terdaftar dilewati\n"
    )
    monkeypatch.setattr(Register, "add_case", real_add)
    assert main(args) == 1
    out, err = capsys.readouterr()
    assert out == "3 kasus didaftarkan, 5 sudah terdaftar (dilewati), 0 tidak valid\n"
    assert err == "sudah terdaftar, dilewati (5 kasus): k0, k1, k2 dan 2 lainnya\n"
    assert main([*args, "--lang", "en"]) == 1
    out, err = capsys.readouterr()
    assert out == "0 cases registered, 8 already registered (skipped), 0 invalid\n"
    assert err == "already registered, skipped (8 cases): k0, k1, k2 and 5 more\n"
