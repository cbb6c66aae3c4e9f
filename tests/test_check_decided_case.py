"""`netralitas check` on a real decided case (cases/real/): the case part is judged as if the
`decided:` block were not there, stderr says the decision is not compared, and a broken
`decided:` block is still reported with its place."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from netralitas_rules.cli import main

REAL = Path(__file__).resolve().parent.parent / "cases" / "real"
# Every 17th real case (6 files): a spread of periods, tracks and outcomes, not a chosen few.
SAMPLES = sorted(REAL.glob("*.yaml"))[::17]


def _without_decided(source: Path, into: Path) -> Path:
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    del data["decided"]
    into.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return into


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("source", SAMPLES, ids=lambda p: p.stem)
def test_a_decided_case_is_judged_as_its_case_part(
    source: Path, lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = _without_decided(source, tmp_path / source.name)
    common = ["--lang", lang, "check", "--as-of", "2026-12-03", "--format", "json"]
    code_plain = main([*common, str(plain)])
    want = capsys.readouterr()
    code = main([*common, str(source)])
    got = capsys.readouterr()
    assert code == code_plain
    assert got.out == want.out
    note = got.err.replace(want.err, "", 1).strip()
    if lang == "id":
        assert note == (
            f"{source}: berkas ini kasus nyata yang sudah diputus; yang dinilai di sini bagian "
            "kasusnya saja. Untuk membandingkan jawaban pustaka dengan putusan otoritas, "
            f"jalankan: netralitas agreement {source}"
        )
    else:
        assert note == (
            f"{source}: this file is a real decided case; only its case part is judged here. "
            "To compare the library's answer with the authority's decision, run: "
            f"netralitas agreement {source}"
        )


def test_a_broken_decided_block_is_reported_with_its_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = SAMPLES[0].read_text(encoding="utf-8")
    broken = tmp_path / "rusak.yaml"
    broken.write_text(text.replace("  outcome:\n", "  outcom:\n", 1), encoding="utf-8")
    assert main(["check", str(broken)]) == 2
    err = capsys.readouterr().err
    assert "outcom" in err
    assert str(broken) in err
    assert "netralitas agreement" not in err


def test_a_case_file_with_another_unknown_key_is_refused_as_before(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = _without_decided(SAMPLES[0], tmp_path / "kasus.yaml")
    data = yaml.safe_load(plain.read_text(encoding="utf-8"))
    data["decidd"] = {"outcome": {}}
    plain.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert main(["check", str(plain)]) == 2
    err = capsys.readouterr().err
    assert "decidd" in err
    assert "netralitas agreement" not in err
