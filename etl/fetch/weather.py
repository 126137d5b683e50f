"""Daily temperatures at the hromada's centre from the Open-Meteo historical archive (ERA5 reanalysis).

`GET /v1/archive?latitude=&longitude=&start_date=&end_date=&daily=…&timezone=Europe/Kyiv&format=csv` answers
a metadata block, a blank line, then the daily table; the weather reader reads that layout as it is. One file
a year; the archive lags about five days behind today, so the current year ends there and is refreshed.
Open-Meteo's data is CC BY 4.0: the attribution is shown wherever degree days are.
"""

from __future__ import annotations

from datetime import date, timedelta

from etl.fetch.context import Failures, FetchContext, check_csv, settled
from etl.fetch.http import FetchError
from etl.fetch.store import Licence, SourceStore

SOURCE = "weather"
TITLE = "Open-Meteo historical weather archive (ERA5)"
LICENCE = Licence(
    "CC BY 4.0",
    "https://open-meteo.com/en/license",
    "Weather data by Open-Meteo.com (CC BY 4.0); ERA5 reanalysis, Copernicus Climate Change Service",
)
DAILY = "temperature_2m_max,temperature_2m_min,temperature_2m_mean"
ARCHIVE_LAG_DAYS = 6
FINAL_FROM = (1, 15)  # a year's last days are in the archive by mid-January


def _one_year(ctx: FetchContext, store: SourceStore, url: str, rel: str, year: int, end: date) -> int:
    """One year of daily temperatures stored; the days it holds."""
    lat, lon = ctx.settings.centre_lat, ctx.settings.centre_lon
    ctx.progress(f"  Open-Meteo {year} …")
    params = {
        "latitude": f"{lat:.4f}",
        "longitude": f"{lon:.4f}",
        "start_date": f"{year}-01-01",
        "end_date": end.isoformat(),
        "daily": DAILY,
        "timezone": "Europe/Kyiv",
        "format": "csv",
    }
    response = ctx.client.request(url, params=params, accept="text/csv")
    text = response.text().replace("\r\n", "\n")
    metadata, _, table = text.partition("\n\n")
    if not metadata.startswith("latitude,longitude") or not table:
        raise FetchError(f"{response.url}: not Open-Meteo's CSV (it begins {text[:60]!r}); nothing was written")
    days = check_csv(table, response.url, ",", ("time",), "Open-Meteo's daily table")
    store.write(rel, response.body, response, year=year, last_day=end.isoformat())
    return days


def fetch(ctx: FetchContext, store: SourceStore) -> str:
    lat, lon = ctx.settings.centre_lat, ctx.settings.centre_lon
    if not (44 <= lat <= 53 and 22 <= lon <= 41):
        raise FetchError(
            f"the hromada's centre ({lat}, {lon}) in hromada.toml is not in Ukraine; set centre_lat and centre_lon"
        )
    url = ctx.config.url("open_meteo") + "/v1/archive"
    last_day = ctx.today - timedelta(days=ARCHIVE_LAG_DAYS)
    days = 0
    failures = Failures()
    for year in ctx.years:
        rel = f"weather/open_meteo/open_meteo_{year}.csv"
        end = min(date(year, 12, 31), last_day)
        if settled(store.entry(rel), year, ctx.today, FINAL_FROM):
            store.keep(rel)
        elif end >= date(year, 1, 1):
            with failures.attempt():
                days += _one_year(ctx, store, url, rel, year, end)
    failures.raise_if_any()
    return f"centre {lat:.4f}, {lon:.4f}; {days:,} days fetched"
