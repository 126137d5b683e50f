"""The command line: exit codes, messages, and a README that documents every command and option."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from etl.__main__ import main
from hromada.settings import ROOT
from tests.conftest import FIXTURES
from tests.helpers import income_csv, write_raw

README = (ROOT / "README.md").read_text(encoding="utf-8")


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "etl", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_build_prints_progress_and_a_summary(tmp_path: Path) -> None:
    raw = write_raw(
        tmp_path / "raw",
        {
            "openbudget/inc.csv": (FIXTURES / "openbudget" / "local_2551400000_INCOMES_2024_month.csv").read_bytes(),
            "openbudget/bad.csv": income_csv("13.2024;T;2551400000;11010100;ПДФО;1;0;1"),
            "openbudget/wrong.csv": "a;b\n1;2\n",
        },
    )
    result = run_cli("build", "--raw", str(raw), "--db", str(tmp_path / "w.duckdb"))
    assert result.returncode == 0, result.stderr
    assert "[1/3] openbudget/bad.csv" in result.stderr
    summary = [line for line in result.stdout.splitlines() if line.startswith("openbudget")]
    assert re.split(r"\s+", summary[0]) == ["openbudget", "3", "13", "12", "0", "1", "1"]
    assert "ERROR openbudget/wrong.csv" in result.stderr
    assert "rejected_rows" in result.stdout


def test_strict_build_fails_and_keeps_the_previous_warehouse(tmp_path: Path) -> None:
    raw = write_raw(tmp_path / "raw", {"openbudget/ok.csv": income_csv("01.2024;T;2551400000;11010100;ПДФО;1;0;1")})
    db = tmp_path / "w.duckdb"
    assert run_cli("build", "--raw", str(raw), "--db", str(db), "--quiet").returncode == 0
    before = db.read_bytes()
    write_raw(raw, {"openbudget/bad.csv": income_csv("01.2024;Q;2551400000;11010100;ПДФО;1;0;1")})
    result = run_cli("build", "--raw", str(raw), "--db", str(db), "--strict")
    assert result.returncode == 3
    assert "openbudget/bad.csv" in result.stderr and "previous warehouse" in result.stderr
    assert db.read_bytes() == before


def test_missing_raw_folder_exits_1_with_a_message(tmp_path: Path, capsys) -> None:
    assert main(["build", "--raw", str(tmp_path / "missing"), "--db", str(tmp_path / "w.duckdb")]) == 1
    assert "raw data folder not found" in capsys.readouterr().err


def test_demo_writes_and_removes(tmp_path: Path, capsys) -> None:
    assert main(["demo", "--out", str(tmp_path), "--until", "2022-02"]) == 0
    assert (tmp_path / "openbudget" / "local_2551400000_INCOMES_2022_month.csv").exists()
    assert main(["demo", "--out", str(tmp_path), "--remove"]) == 0
    assert not list(tmp_path.rglob("*.csv"))
    (tmp_path / "openbudget").mkdir(exist_ok=True)
    (tmp_path / "openbudget" / "real.csv").write_text("x", encoding="utf-8")
    assert main(["demo", "--out", str(tmp_path), "--if-empty"]) == 0
    assert "not demo data" in capsys.readouterr().out
    assert [p.name for p in tmp_path.rglob("*.csv")] == ["real.csv"]


def test_bad_until_is_refused(capsys) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["demo", "--until", "2024-13"])
    assert stopped.value.code == 2
    assert "is not a month YYYY-MM" in capsys.readouterr().err


def test_readme_documents_every_command_and_option() -> None:
    help_text = run_cli("--help").stdout
    commands = re.findall(r"^\s{4}(\w+)\s", help_text, flags=re.M)
    assert set(commands) >= {"build", "demo"}
    for command in commands:
        assert f"python -m etl {command}" in README
        options = set(re.findall(r"(--[a-z-]+)", run_cli(command, "--help").stdout)) - {"--help"}
        for option in options:
            assert option in README, f"{command} {option}"
    assert "make run" in README and "make test" in README
