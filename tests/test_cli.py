"""The `netralitas` command: exit codes, JSON output valid against the report schema,
languages, `rules list|lint` and `schema`."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from _cli import Run, run_fixture  # noqa: F401  (fixture used by name)
from conftest import CASE_YAML, RULE_YAML, SEED_CASE, replaced
from netralitas_rules.cli import main
from netralitas_rules.schemas import generate


@pytest.fixture
def quiet_case(tmp_path: Path) -> Path:
    """A valid case with no acts, hence no findings."""
    path = tmp_path / "quiet.yaml"
    path.write_text(
        "id: quiet\nelection: pemilu-2024\nasn: {id: a, status: PNS, position_kind: PELAKSANA}\n",
        encoding="utf-8",
    )
    return path


def test_check_findings_exit_1(run: Run) -> None:
    """Findings: exit 1, the report on stdout, nothing on stderr."""
    code, out, err = run("check", str(SEED_CASE))
    assert (code, err) == (1, "")
    assert out.startswith("Kasus muaro-jambi-2019 — ASN asn-01 (PNS)\n")
    assert "Pasal 4 angka 13 huruf a Peraturan Pemerintah Nomor 53 Tahun 2010 (larangan)" in out
    assert "    Jalur: hukuman disiplin · Tingkat: berat" in out.splitlines()
    assert "Dihasilkan oleh: netralitas-rules 0.1.0 · aturan " in out


def test_check_no_findings_exit_0(run: Run, quiet_case: Path) -> None:
    """No findings: exit 0 and the text says no encoded provision matched, never that
    nothing is breached."""
    code, out, err = run("check", str(quiet_case))
    assert (code, err) == (0, "")
    assert out.splitlines()[1:3] == [
        "Kesimpulan: tidak ada ketentuan yang dikodekan yang cocok dengan fakta ini",
        "  Kasus ini tidak memuat perbuatan yang dapat dinilai; tidak ada peraturan yang "
        "diperiksa. Ini bukan pernyataan bahwa tidak ada pelanggaran: hukum yang tidak "
        "dikodekan atau fakta yang tidak disebut dapat mengubahnya.",
    ]
    assert "Temuan (" not in out


def test_check_invalid_input_exit_2(run: Run, tmp_path: Path) -> None:
    """Invalid input: exit 2, the positioned problem on stderr, nothing on stdout."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(replaced(CASE_YAML, "pemilu-2019", "pemilu-2099"), encoding="utf-8")
    code, out, err = run("check", str(bad))
    assert (code, out) == (2, "")
    assert err == (
        f"{bad}:2:1: election: pemilihan tidak dikenal 'pemilu-2099'; kalender yang tersedia: "
        "pemilu-2019, pemilu-2024, pilkada-2015, pilkada-2017, pilkada-2018, pilkada-2020, "
        "pilkada-2024, atau tulis kalendernya langsung di dalam kasus\n"
    )


def test_check_missing_file_exit_2(run: Run, tmp_path: Path) -> None:
    """A case file that does not exist: exit 2 with the reason."""
    missing = tmp_path / "missing.yaml"
    code, out, err = run("check", str(missing))
    assert (code, out) == (2, "")
    assert err == (
        f"{missing}:1:1: (dokumen): berkas tidak dapat dibaca: tidak ada berkas atau folder itu\n"
    )


def test_check_strict_exit_2(run: Run, tmp_path: Path) -> None:
    """Strict mode without a version in force: exit 2 with the reason on stderr."""
    code, out, err = run("check", str(SEED_CASE), "--at", "2009-01-01", "--strict")
    assert (code, out) == (2, "")
    assert err.startswith(
        "netralitas: perbuatan 'foto-bakal-paslon' pada 2009-01-01: tidak ada versi "
    )


def test_check_json_validates_against_report_schema(run: Run) -> None:
    """`--format json` output validates against the published report schema."""
    code, out, _ = run("check", str(SEED_CASE), "--format", "json")
    assert code == 1
    data = json.loads(out)
    Draft202012Validator(generate("report")).validate(data)
    assert data["case_id"] == "muaro-jambi-2019"
    assert data["stamp"]["backend"] == "python"
    ids = [f["provision_id"] for f in data["findings"]]
    assert {"se71-e", "pp53-4-1", "pp53-4-13-a", "pp53-4-13-b"} <= set(ids)
    first = next(f for f in data["findings"] if f["provision_id"] == "pp53-4-13-a")
    assert first["citations"][0]["text"] == (
        "Pasal 4 angka 13 huruf a Peraturan Pemerintah Nomor 53 Tahun 2010"
    )
    assert first["citations"][0]["pinpoint"]["parts"][0] == {"unit": "Pasal", "label": "4"}


def test_check_json_with_no_findings_validates(run: Run, quiet_case: Path) -> None:
    """An empty report is valid JSON against the schema too."""
    code, out, _ = run("check", str(quiet_case), "--format", "json")
    assert code == 0
    Draft202012Validator(generate("report")).validate(json.loads(out))


def test_check_lang_en(run: Run) -> None:
    """`--lang en` switches labels and summaries to English."""
    _, out, _ = run("check", str(SEED_CASE), "--lang", "en")
    assert out.startswith("Case muaro-jambi-2019 — ASN asn-01 (PNS)\n")
    assert "Legal basis:" in out
    assert "Dasar hukum:" not in out
    assert "Produced by: netralitas-rules" in out
    assert "    Track: discipline · Tier: heavy" in out.splitlines()
    assert "Abuse of authority" in out


def test_check_at_changes_the_law(run: Run) -> None:
    """`--at` judges every act under the law of that date (here PP 94/2021)."""
    _, out, _ = run("check", str(SEED_CASE), "--at", "2022-01-01", "--format", "json")
    data = json.loads(out)
    assert {la["judged_on"] for la in data["law_applied"]} == {"2022-01-01"}
    assert not any(f["instrument"] == "pp-53-2010" for f in data["findings"])
    assert any(f["provision_id"] == "pp94-5-a" for f in data["findings"])


def test_check_bad_date_argument(run: Run, capsys: pytest.CaptureFixture[str]) -> None:
    """A malformed --at is an argparse error (exit 2) that says how to write a date, in the
    language of --lang."""
    with pytest.raises(SystemExit) as info:
        main(["check", str(SEED_CASE), "--at", "30-08-2021"])
    assert info.value.code == 2
    assert "'30-08-2021' bukan tanggal; tulis dalam bentuk YYYY-MM-DD" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["check", str(SEED_CASE), "--at", "30-08-2021", "--lang", "en"])
    assert info.value.code == 2
    assert "'30-08-2021' is not a date; write YYYY-MM-DD" in capsys.readouterr().err


def test_check_with_other_rules(run: Run, rules_dir: Callable[[dict[str, str]], Path]) -> None:
    """`--rules` evaluates against the given rule files instead of the shipped corpus."""
    root = rules_dir({"pp-1-2000/2000-01-01.yaml": RULE_YAML})
    code, out, _ = run("check", str(SEED_CASE), "--rules", str(root), "--detail", "full")
    assert code == 0
    assert "pp-1-2000@2000-01-01" in out


def test_rules_list_at(run: Run) -> None:
    """`rules list --at` shows only the versions in force on that date."""
    _, before, _ = run("rules", "list", "--at", "2021-08-30")
    _, after, _ = run("rules", "list", "--at", "2021-08-31")
    before_ids = {line.split()[0] for line in before.splitlines()}
    after_ids = {line.split()[0] for line in after.splitlines()}
    assert "pp53-4-14" in before_ids
    assert "pp94-5-n-7" not in before_ids
    assert "pp94-5-n-7" in after_ids
    assert "pp53-4-14" not in after_ids
    line = next(x for x in after.splitlines() if x.startswith("pp94-5-n-7 "))
    assert "pp-94-2021@2021-08-31" in line
    assert " hukuman disiplin berat " in line
    assert line.endswith(
        "Pasal 5 huruf n angka 7 Peraturan Pemerintah Nomor 94 Tahun 2021 — Surat dukungan "
        "dengan fotokopi KTP"
    )


def test_rules_list_all(run: Run) -> None:
    """`rules list` without --at lists every version's provisions."""
    code, out, _ = run("rules", "list", "--lang", "en")
    ids = {line.split()[0] for line in out.splitlines()}
    assert code == 0
    assert {"pp53-4-14", "pp94-5-n-7", "se71-e"} <= ids
    assert "Support letter with a copy of the identity card" in out
    line = next(x for x in out.splitlines() if x.startswith("pp94-5-n-7 "))
    assert " discipline heavy " in line
    assert "DISIPLIN" not in out


def test_rules_lint_good_folder(run: Run, rules_dir: Callable[[dict[str, str]], Path]) -> None:
    """`rules lint` on valid files: exit 0 and a count, in Indonesian (English with --lang
    en)."""
    root = rules_dir({"pp-1-2000/2000-01-01.yaml": RULE_YAML})
    assert run("rules", "lint", str(root)) == (
        0,
        "tidak ada masalah: 1 versi dari 1 instrumen, 1 ketentuan\n",
        "",
    )
    assert run("rules", "lint", str(root), "--lang", "en") == (
        0,
        "ok: 1 version of 1 instrument, 1 provision\n",
        "",
    )


def test_rules_lint_shipped(run: Run) -> None:
    """The shipped corpus lints clean."""
    code, out, err = run("rules", "lint")
    assert (code, err) == (0, "")
    assert out.startswith("tidak ada masalah: ")


def test_rules_lint_bad_folder(run: Run, rules_dir: Callable[[dict[str, str]], Path]) -> None:
    """`rules lint` on a bad file: exit 2, every problem on stderr as bare problem lines."""
    text = replaced(RULE_YAML, "kind: PP", "kind: PPX")
    text = replaced(text, "      tier_basis: Pasal 2\n", "")
    root = rules_dir({"pp-1-2000/2000-01-01.yaml": text})
    code, out, err = run("rules", "lint", str(root))
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"{root}/pp-1-2000/2000-01-01.yaml:3:3: instrument.kind: 'PPX' tidak diperbolehkan; "
        "maksudnya 'PP'?; yang diperbolehkan: 'UU', 'PERPPU', 'PP', 'PERPRES', 'SE', 'SKB' "
        "atau 'PUTUSAN_MK'",
        f"{root}/pp-1-2000/2000-01-01.yaml:24:5: provisions[0].consequence: tingkat hukuman "
        "memerlukan tier_basis: pasal yang menetapkannya",
    ]
    code, out, err = run("--lang", "en", "rules", "lint", str(root))
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"{root}/pp-1-2000/2000-01-01.yaml:3:3: instrument.kind: 'PPX' is not allowed; "
        "did you mean 'PP'?; allowed: 'UU', 'PERPPU', 'PP', 'PERPRES', 'SE', 'SKB' or 'PUTUSAN_MK'",
        f"{root}/pp-1-2000/2000-01-01.yaml:24:5: provisions[0].consequence: a tier needs "
        "tier_basis: the article that assigns it",
    ]


@pytest.mark.parametrize("name", ["rules", "case", "report"])
def test_schema_command(run: Run, name: str) -> None:
    """`schema NAME` prints the generated JSON Schema, a valid Draft 2020-12 schema."""
    code, out, _ = run("schema", name)
    assert code == 0
    schema = json.loads(out)
    assert schema == generate(name)
    Draft202012Validator.check_schema(schema)


def test_unknown_schema_name(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown schema name is an argparse error listing the choices."""
    with pytest.raises(SystemExit) as info:
        main(["schema", "policy"])
    assert info.value.code == 2
    assert "pilihan tidak valid: 'policy' (pilih salah satu: 'rules'," in capsys.readouterr().err


def test_console_script_and_module(tmp_path: Path) -> None:
    """`python -m netralitas_rules.cli` is the same program, with the same exit codes."""
    result = subprocess.run(
        [sys.executable, "-m", "netralitas_rules.cli", "check", str(SEED_CASE), "--format", "json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout)["case_id"] == "muaro-jambi-2019"
