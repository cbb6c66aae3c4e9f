"""The built wheel works on its own: installed into a clean virtual environment outside the
repository, it carries the rule files, calendars and schemas and judges the seed case."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from _wheel import clean_env, run_ok
from conftest import REPO, SEED_CASE

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(built_wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv outside the repository with only the built wheel (and its
    dependencies from the registry) installed; returns its bin folder."""
    env_dir = tmp_path_factory.mktemp("wheel") / "venv"
    # No pip of its own (ensurepip took longer than the install): the tests' pip installs
    # into it (--python), so the venv holds the wheel and its dependencies and nothing else.
    venv.EnvBuilder(with_pip=False, clear=True).create(env_dir)
    bin_dir = env_dir / "bin"
    pip = [sys.executable, "-m", "pip", "--python", str(bin_dir / "python")]
    run_ok([*pip, "install", "-q", str(built_wheel)], env_dir)
    return bin_dir


def test_wheel_check_prints_seed_findings(installed: Path, tmp_path: Path) -> None:
    """The installed `netralitas check` judges the example from a folder outside the repo."""
    case = tmp_path / SEED_CASE.name
    shutil.copy(SEED_CASE, case)
    result = subprocess.run(
        [str(installed / "netralitas"), "check", case.name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=clean_env(),
    )
    assert result.returncode == 1, result.stderr
    out = result.stdout
    assert out.startswith("Kasus muaro-jambi-2019 — ASN asn-01 (PNS)\n")
    for text in (
        "Pasal 4 angka 13 huruf a Peraturan Pemerintah Nomor 53 Tahun 2010 (larangan)",
        "Pasal 4 angka 13 huruf b Peraturan Pemerintah Nomor 53 Tahun 2010 (larangan)",
        "Pasal 4 angka 1 Peraturan Pemerintah Nomor 53 Tahun 2010 (larangan)",
        "huruf e Surat Edaran Menteri PANRB Nomor B/71/M.SM.00.00/2017 (larangan)",
        "Jalur: hukuman disiplin · Tingkat: berat",
        "Jalur: hukuman disiplin · Tingkat: sedang",
    ):
        assert text in out


def test_wheel_imports_from_site_packages(installed: Path, tmp_path: Path) -> None:
    """`import netralitas_rules` in the venv loads the installed copy, with its data."""
    code = (
        "import json, netralitas_rules as n\n"
        "from netralitas_rules.schemas import committed\n"
        "regs = n.load_regulations()\n"
        "print(json.dumps({'file': n.__file__, 'version': n.__version__,"
        " 'instruments': sorted(regs.instruments), 'elections': sorted(n.shipped_elections()),"
        " 'schema': len(committed('report')) > 0}))\n"
    )
    out = run_ok([str(installed / "python"), "-c", code], tmp_path, env=clean_env())
    data = json.loads(out)
    assert Path(data["file"]).resolve().is_relative_to(installed.parent.resolve())
    assert not Path(data["file"]).resolve().is_relative_to(REPO)
    assert data["version"] == "0.1.0"
    assert {"pp-53-2010", "pp-94-2021", "uu-7-2017", "pp-42-2004", "se-menpanrb-b71-2017"} <= set(
        data["instruments"]
    )
    assert data["elections"] == [
        "pemilu-2019",
        "pemilu-2024",
        "pilkada-2015",
        "pilkada-2017",
        "pilkada-2018",
        "pilkada-2020",
        "pilkada-2024",
    ]
    assert data["schema"] is True


def test_wheel_without_durable_rules(installed: Path, tmp_path: Path) -> None:
    """The core works without the optional durable-rules: asking for it says how to get it."""
    code = (
        "import netralitas_rules as n\n"
        "try:\n"
        "    n.get_engine('durable')\n"
        "except n.BackendUnavailableError as e:\n"
        "    print(str(e).split(':')[0])\n"
    )
    out = run_ok([str(installed / "python"), "-c", code], tmp_path, env=clean_env())
    assert out == "the durable backend needs durable-rules\n"


def test_the_readme_python_snippet_runs_from_the_wheel(installed: Path, tmp_path: Path) -> None:
    """The README's first Python block, run by the wheel's Python in a folder outside the
    repository, prints the seed case's findings (#15: the example ships as package data)."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    snippet = readme.split("```python\n", 1)[1].split("```", 1)[0]
    out = run_ok([str(installed / "python"), "-c", snippet], tmp_path, env=clean_env())
    lines = out.splitlines()
    assert lines, out
    assert any(line.startswith("pp53-4-13-a DISIPLIN BERAT ") for line in lines), out


def test_the_wheel_prints_its_version(installed: Path, tmp_path: Path) -> None:
    """`netralitas --version` names the installed version."""
    out = run_ok([str(installed / "netralitas"), "--version"], tmp_path, env=clean_env())
    assert out == "netralitas-rules 0.1.0\n"
