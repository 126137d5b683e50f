"""Weather: daily means, flagged gap filling, heating degree days and heating seasons, on the real archive."""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, samples_path
from tests.helpers import build_from, fetch


def test_gap_filling_and_degree_days_by_hand(tmp_path: Path) -> None:
    text = "date,temp_max,temp_min\n2025-01-01,2,0\n2025-01-02,4,2\n2025-01-04,8,6\n2025-01-05,x,1\n2025-01-06,30,10\n"
    db, report = build_from(tmp_path, {"weather/st/a.csv": text})
    assert fetch(db, "select date::varchar, t_mean_c, is_filled from weather_daily order by date") == [
        ("2025-01-01", 1.0, False),
        ("2025-01-02", 3.0, False),
        ("2025-01-03", 5.0, True),
        ("2025-01-04", 7.0, False),
        ("2025-01-05", 13.5, True),
        ("2025-01-06", 20.0, False),
    ]
    # 17 + 15 + 13 + 11 + 4.5 + 0
    assert fetch(db, "select month, hdd_c, days, filled_days from heating_degree_days") == [("2025-01", 60.5, 6, 2)]
    assert fetch(db, "select line_number, column_name from rejected_rows") == [(5, "temp_max")]
    assert report.files[0].format == "weather_daily"


def _raw_means(paths: list[Path]) -> dict[date, float]:
    means = {}
    for path in paths:
        with path.open(encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                means[date.fromisoformat(r["date"])] = (float(r["temp_max"]) + float(r["temp_min"])) / 2
    return means


@pytest.mark.samples
def test_real_open_meteo_archive(tmp_path: Path) -> None:
    samples_path("weather", "openmeteo_kyiv_daily", "open_meteo_weather_2020.csv")
    paths = sorted((SAMPLES / "weather" / "openmeteo_kyiv_daily").glob("*.csv"))
    db, report = build_from(tmp_path, {f"weather/kyiv/{p.name}": p.read_bytes() for p in paths})
    assert sum(r.rows_rejected for r in report.files) == 0
    means = _raw_means(paths)
    first, last = min(means), max(means)
    # Independent fill: linear between neighbours, for gaps up to a week.
    filled, day = dict(means), first
    while day <= last:
        if day not in means:
            before = max(d for d in means if d < day)
            after = min(d for d in means if d > day)
            if (after - before).days <= 8:
                filled[day] = (
                    means[before] + (means[after] - means[before]) * (day - before).days / (after - before).days
                )
        day += timedelta(days=1)
    hdd: dict[str, float] = defaultdict(float)
    for d, t in filled.items():
        hdd[d.strftime("%Y-%m")] += max(18 - t, 0)
    got = dict(fetch(db, "select month, hdd_c from heating_degree_days where station = 'kyiv'"))
    assert set(got) == set(hdd)
    for month, value in hdd.items():
        assert got[month] == pytest.approx(value, abs=1e-6), month
    assert fetch(db, "select count(*) from weather_daily where is_filled") == [(len(filled) - len(means),)]
    # Seasons: the first autumn day after three days below +8 °C, computed here from the filled series.
    seasons = dict(fetch(db, "select season, start_date from heating_seasons"))
    days = sorted(filled)
    for year in range(first.year, last.year + 1):
        run = 0
        for d in days:
            if d.year != year or d.month < 8:
                continue
            run = run + 1 if filled[d] < 8 else 0
            if run == 3:
                assert seasons[f"{year}/{(year + 1) % 100:02d}"] == d + timedelta(days=1)
                break


NOAA_HEADER = (
    '"STATION","DATE","LATITUDE","LONGITUDE","ELEVATION","NAME","PRCP","PRCP_ATTRIBUTES","TAVG","TAVG_ATTRIBUTES",'
    '"TMAX","TMAX_ATTRIBUTES","TMIN","TMIN_ATTRIBUTES"\n'
)


def test_noaa_ghcn_daily_in_degrees_and_in_tenths(tmp_path: Path) -> None:
    metric = NOAA_HEADER + (
        '"UPM00033345","2025-01-01","50.4","30.53","166.0","KYIV, UP","0.5",",,S","-1.2",",,S","1.4",",,S",'
        '"-3.0",",,S"\n'
        '"UPM00033345","2025-01-02","50.4","30.53","166.0","KYIV, UP","","","","","2.0",",,S","0.0",",,S"\n'
    )
    tenths = NOAA_HEADER + (
        '"UPM00033345","2025-01-03","50.4","30.53","166.0","KYIV, UP","5",",,S","-12",",,S","14",",,S","-30",",,S"\n'
        '"UPM00033345","2025-01-04","50.4","30.53","166.0","KYIV, UP","0",",,S","","","120",",,S","-990",",,S"\n'
    )
    db, report = build_from(tmp_path, {"weather/kyiv/metric.csv": metric, "weather/kyiv/tenths.csv": tenths})
    assert {r.format for r in report.files} == {"noaa_ghcn_daily"}
    got = fetch(db, "select date::varchar, t_mean_c, t_min_c, t_max_c from weather_daily order by date")
    assert got == [
        ("2025-01-01", -1.2, -3.0, 1.4),  # TAVG as published
        ("2025-01-02", 1.0, 0.0, 2.0),  # (max + min) / 2
        ("2025-01-03", -1.2, -3.0, 1.4),  # tenths scaled
    ]
    assert fetch(db, "select file_path, line_number, reason from rejected_rows") == [
        ("weather/kyiv/tenths.csv", 3, "temperature outside -80..70 °C (after tenths were scaled)")
    ]


@pytest.mark.skipif(not SAMPLES.exists(), reason="samples not available")
def test_noaa_monthly_summaries_are_refused_with_a_pointer(tmp_path: Path) -> None:
    sample = samples_path("weather", "GSOM_UPM00033345_kyiv_monthly_1881-2024.csv")
    _, report = build_from(tmp_path, {"weather/kyiv/gsom.csv": sample.read_text(encoding="utf-8")})
    assert report.files[0].status == "error"
    assert "monthly summaries (GSOM)" in report.files[0].message and "GHCN-Daily" in report.files[0].message
