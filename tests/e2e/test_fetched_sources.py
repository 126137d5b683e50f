"""The Data and Energy pages in a real browser on a warehouse built with fetched files (fetched from a local
replay of the services): each source with its licence, attribution and next refresh, readable at desk and phone
widths in both languages, with no serious accessibility finding."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from demo.council import council_files
from demo.files import DEMO_MANIFEST
from etl.build import build
from etl.fetch.config import load_fetch_settings
from etl.fetch.http import BASE_URL_VARIABLE, Client
from etl.fetch.run import fetch_all
from hromada.i18n import t
from hromada.settings import load_settings
from tests.e2e.accessibility import blocking_violations
from tests.e2e.conftest import running_server
from tests.e2e.test_browser import assert_no_errors, open_page
from tests.fetch import recordings
from tests.fetch.replay import ReplayServer


@pytest.fixture(scope="module")
def fetched_server(demo_raw: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("fetched")
    raw = folder / "raw"
    shutil.copytree(demo_raw, raw)
    (raw / DEMO_MANIFEST).unlink()  # the demo files stand in for the council's own: fetch keeps them
    settings_path = recordings.settings_file(folder / "fetch.toml")
    with pytest.MonkeyPatch.context() as patch, ReplayServer() as replay:
        patch.setenv(BASE_URL_VARIABLE, replay.url)
        recordings.serve_all(replay, 2023, 2022, council_files((2026, 10))["council_votes/votings.csv"])
        fetch_all(
            load_settings(settings_path, require_population=False),
            load_fetch_settings(settings_path),
            raw,
            years=range(2022, 2023),
            only=("boundaries", "weather", "prozorro"),
            client=Client(pause=0, retries=0, timeout=5),
        )
    build(raw, folder / "warehouse.duckdb", load_settings())
    with running_server(folder / "warehouse.duckdb", folder / "streamlit.log") as base:
        yield base


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_data_page_names_each_fetched_source(page: Page, fetched_server: str, lang: str) -> None:
    open_page(page, f"{fetched_server}/data?lang={lang}", 0)
    heading = page.get_by_role("heading", name=t("data.fetched", lang))
    expect(heading).to_be_visible()
    for source in ("boundaries", "weather", "prozorro"):
        expect(page.get_by_text(t(f"data.source_{source}", lang), exact=True)).to_be_visible()
    expect(page.get_by_text("Weather data by Open-Meteo.com (CC BY 4.0)", exact=False)).to_be_visible()
    assert_no_errors(page)
    assert blocking_violations(page) == []
    page.set_viewport_size({"width": 390, "height": 844})
    heading.scroll_into_view_if_needed()
    assert page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    assert_no_errors(page)
    assert blocking_violations(page) == []


def test_energy_page_credits_the_weather(page: Page, fetched_server: str) -> None:
    open_page(page, f"{fetched_server}/energy?lang=uk", 5)
    expect(page.get_by_text("Weather data by Open-Meteo.com", exact=False)).to_be_visible()
    assert_no_errors(page)
