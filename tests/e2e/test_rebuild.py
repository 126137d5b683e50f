"""A running app picks up a rebuilt warehouse, and keeps serving the old one through a failed build."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from etl import build as build_module
from etl.build import BuildError, build
from hromada.settings import load_settings
from tests.e2e.conftest import running_server
from tests.helpers import income_csv, write_raw


def files_metric(page: Page) -> str:
    metric = page.locator('[data-testid="stMetric"]').first
    expect(metric).to_be_visible(timeout=30_000)
    return metric.locator('[data-testid="stMetricValue"]').inner_text()


def test_rebuilds_reach_the_running_app(page: Page, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = write_raw(
        tmp_path / "raw", {"openbudget/a_month.csv": income_csv("01.2024;T;2551400000;11010100;ПДФО;1;0;5")}
    )
    db = tmp_path / "warehouse.duckdb"
    build(raw, db, load_settings())
    with running_server(db, tmp_path / "streamlit.log") as base:
        page.goto(f"{base}/data?lang=en")
        assert files_metric(page) == "1"

        write_raw(raw, {"openbudget/b_month.csv": income_csv("02.2024;T;2551400000;11010100;ПДФО;1;0;9")})
        build(raw, db, load_settings())
        page.reload()
        expect(page.locator('[data-testid="stMetricValue"]').first).to_have_text("2", timeout=30_000)

        write_raw(raw, {"openbudget/c_month.csv": income_csv("03.2024;T;2551400000;11010100;ПДФО;1;0;12")})

        def broken(con):
            raise BuildError("simulated failure")

        monkeypatch.setattr(build_module, "_run_models", broken)
        with pytest.raises(BuildError):
            build(raw, db, load_settings())
        page.reload()
        expect(page.locator("h1").first).to_have_text("Data and sources", timeout=30_000)
        assert files_metric(page) == "2"  # the previous warehouse still serves
