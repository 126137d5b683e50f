"""The pages on a warehouse built with fetched files: the Data page says where each source came from, under
what licence and when it is refreshed; the Energy page credits Open-Meteo for the weather."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from demo.files import DEMO_MANIFEST
from etl.build import build
from hromada.i18n import t
from hromada.settings import load_settings
from tests.app.test_pages import assert_clean, run_page
from tests.fetch import recordings as rec
from tests.fetch.test_fetch import WEATHER_YEAR, run


def unescaped(markdown: str) -> str:
    """Text as the reader sees it: data shown as markdown has its special characters escaped."""
    return markdown.replace("\\", "")


@pytest.fixture()
def fetched_warehouse(recorded, server, demo_raw: Path, tmp_path: Path, client, use_warehouse) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(demo_raw, raw)
    (raw / DEMO_MANIFEST).unlink()  # the demo's files stand in for a council's own here, so fetch keeps them
    path = rec.settings_file(tmp_path / "fetch.toml")
    run(raw, client, years=range(WEATHER_YEAR, WEATHER_YEAR + 1), only=("weather",), path=path)
    server.add("GET", "/api/public/localBudgetData", rec.Recorded(503, b"busy"))
    run(raw, client, only=("openbudget",), path=path)  # a failed source, said on the Data page
    db = tmp_path / "warehouse.duckdb"
    build(raw, db, load_settings())
    use_warehouse(db)
    return db


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_data_page_shows_each_fetched_source(fetched_warehouse: Path, lang: str) -> None:
    at = run_page("data", lang)
    assert_clean(at)
    assert t("data.fetched", lang=lang) in [s.value for s in at.subheader]
    text = unescaped(" ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption))
    assert t("data.source_weather", lang=lang) in text
    assert "Weather data by Open-Meteo.com (CC BY 4.0)" in text
    assert "CC BY 4.0" in text and "127.0.0.1" in text
    assert t("data.fetch_status_failed", lang=lang) in text
    assert any("503 server error" in unescaped(w.value) for w in at.warning)


def test_energy_page_credits_open_meteo(fetched_warehouse: Path) -> None:
    at = run_page("energy", "uk")
    assert_clean(at)
    assert any("Weather data by Open-Meteo.com" in unescaped(c.value) for c in at.caption)


def test_no_credit_for_weather_that_was_not_fetched(demo_warehouse: Path, use_warehouse) -> None:
    use_warehouse(demo_warehouse)
    at = run_page("energy", "uk")
    assert not any("Open-Meteo.com" in unescaped(c.value) for c in at.caption)
