"""Shared fixtures: the demo data set and its warehouse, built once per test session."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from demo.files import write_demo
from etl.build import DEMO_MANIFEST, build
from hromada.settings import ROOT, HromadaSettings, load_settings

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = ROOT.parent / "shared" / "samples"
DEMO_UNTIL = (2026, 10)  # fixed, so the tests do not depend on today's date


def demo_file_count(raw: Path) -> int:
    """The files a demo run wrote into `raw`, as its manifest lists them."""
    return len(json.loads((raw / DEMO_MANIFEST).read_text(encoding="utf-8"))["files"])


def samples_path(*parts: str) -> Path:
    """A real published sample file, or skip the test with the reason."""
    path = SAMPLES.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"real sample not available: {path}")
    return path


@pytest.fixture(scope="session")
def settings() -> HromadaSettings:
    return load_settings()


@pytest.fixture(scope="session")
def demo_raw(tmp_path_factory: pytest.TempPathFactory, settings: HromadaSettings) -> Path:
    raw = tmp_path_factory.mktemp("demo_raw")
    write_demo(raw, settings, until=DEMO_UNTIL)
    return raw


@pytest.fixture(scope="session")
def demo_warehouse(tmp_path_factory: pytest.TempPathFactory, demo_raw: Path, settings: HromadaSettings) -> Path:
    db = tmp_path_factory.mktemp("demo_db") / "warehouse.duckdb"
    build(demo_raw, db, settings)
    return db


@pytest.fixture()
def use_warehouse(monkeypatch: pytest.MonkeyPatch):
    """Point the app at a given warehouse file for one test."""

    def point(path: Path) -> None:
        monkeypatch.setenv("HROMADA_WAREHOUSE", str(path))

    return point


@pytest.fixture(autouse=True, scope="session")
def _no_staff_files(tmp_path_factory: pytest.TempPathFactory):
    """Tests never read or write the deployment's staff users or audit log: each session has its own (empty)."""
    home = tmp_path_factory.mktemp("staff_files")
    saved = {name: os.environ.get(name) for name in ("HROMADA_USERS", "HROMADA_AUDIT")}
    os.environ["HROMADA_USERS"] = str(home / "users.yaml")
    os.environ["HROMADA_AUDIT"] = str(home / "audit.jsonl")
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(autouse=True, scope="session")
def _no_user_warehouse():
    """Tests never touch data/warehouse.duckdb: unless a test says otherwise, there is no warehouse."""
    previous = os.environ.get("HROMADA_WAREHOUSE")
    os.environ["HROMADA_WAREHOUSE"] = str(ROOT / "tests" / ".no-warehouse.duckdb")
    yield
    if previous is None:
        os.environ.pop("HROMADA_WAREHOUSE", None)
    else:
        os.environ["HROMADA_WAREHOUSE"] = previous
