"""A running app picks up a rebuilt warehouse, and keeps serving the old one through a failed build."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from etl import build as build_module
from etl.build import BuildError, build
from hromada.settings import load_settings
from tests.e2e.conftest import running_server
from tests.e2e.waits import app_idle
from tests.helpers import income_csv, write_raw


def expect_files(page: Page, count: str) -> None:
    """The Data page's first card (files loaded) settles on count. Waiting rather than reading once: while a
    deep link's first run hands over to the page, the card may briefly show a transient value."""
    value = page.locator('[data-testid="stMetric"]').first.locator('[data-testid="stMetricValue"]')
    expect(value).to_have_text(count, timeout=30_000)
    app_idle(page)
    expect(value).to_have_text(count)


def test_rebuilds_reach_the_running_app(page: Page, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = write_raw(
        tmp_path / "raw", {"openbudget/a_month.csv": income_csv("01.2024;T;2551400000;11010100;ПДФО;1;0;5")}
    )
    db = tmp_path / "warehouse.duckdb"
    build(raw, db, load_settings())
    with running_server(db, tmp_path / "streamlit.log") as base:
        page.goto(f"{base}/data?lang=en")
        expect_files(page, "1")

        write_raw(raw, {"openbudget/b_month.csv": income_csv("02.2024;T;2551400000;11010100;ПДФО;1;0;9")})
        build(raw, db, load_settings())
        page.reload()
        expect_files(page, "2")

        write_raw(raw, {"openbudget/c_month.csv": income_csv("03.2024;T;2551400000;11010100;ПДФО;1;0;12")})

        def broken(con):
            raise BuildError("simulated failure")

        monkeypatch.setattr(build_module, "_run_models", broken)
        with pytest.raises(BuildError):
            build(raw, db, load_settings())
        page.reload()
        expect(page.locator("h1").first).to_have_text("Data and sources", timeout=30_000)
        expect_files(page, "2")  # the previous warehouse still serves
