"""Energy at scale: many buildings with daily readings, or smart meters with hourly ones.

Generates a buildings registry, daily weather and readings in our meter template, then, side by side in one
run, times our build (reading, checks, intervals, monthly split, anomalies, baselines) against a bare DuckDB
`read_csv` of the same files, and the queries the Energy and Building pages run.

    python -m benchmarks.bench_energy --buildings 1000 --years 10            # daily readings
    python -m benchmarks.bench_energy --meters 300 --years 5 --hourly        # hourly smart-meter data
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import sys
from datetime import date, timedelta
from pathlib import Path

from benchmarks.common import bare_read_csv_each, report, scratch_dir, side_by_side
from etl.build import build
from etl.sources.base import MAX_FILE_BYTES
from etl.sources.energy import BUILDINGS, METER_PERIODS
from hromada.db import connect
from hromada.metrics import energy
from hromada.settings import load_settings

TYPES = ("school", "kindergarten", "clinic", "administration", "culture")


def generate(raw: Path, buildings: int, years: int, hourly: bool) -> list[Path]:
    """Registry, weather and readings; returns the files a bare load reads too."""
    rng = random.Random(4)
    first = date(2026 - years, 1, 1)
    days = [first + timedelta(days=i) for i in range((date(2026, 1, 1) - first).days)]
    (raw / "energy").mkdir(parents=True)
    (raw / "weather" / "station").mkdir(parents=True)
    weather = raw / "weather" / "station" / "daily.csv"
    temps = {}
    with weather.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["date", "temp_max", "temp_min"])
        for d in days:
            mean = 8 - 13.5 * math.cos(2 * math.pi * (d.timetuple().tm_yday - 15) / 365.25) + rng.gauss(0, 3)
            temps[d] = mean
            w.writerow([d.isoformat(), f"{mean + 4:.1f}", f"{mean - 4:.1f}"])
    registry = raw / "energy" / "buildings.csv"
    with registry.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([f.name for f in BUILDINGS if f.required] + ["heated_area_m2", "meters", "lat", "lon"])
        for b in range(buildings):
            w.writerow(
                [
                    f"B{b:05d}",
                    f"Будівля {b}",
                    TYPES[b % len(TYPES)],
                    "UA74100250010077513",
                    f"{rng.uniform(300, 4000):.0f}",
                    f"M{b:05d}",
                    f"{51.45 + rng.uniform(-0.2, 0.2):.5f}",
                    f"{31.08 + rng.uniform(-0.3, 0.3):.5f}",
                ]
            )
    readings = raw / "energy" / "readings.csv"
    columns = [f.name for f in METER_PERIODS if f.required] + ["hour", "amount"]
    with readings.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(columns)
        for b in range(buildings):
            meter, base, slope = f"M{b:05d}", rng.uniform(50, 400), rng.uniform(20, 120)
            for d in days:
                day_kwh = base + slope * max(16 - temps[d], 0)
                iso = d.isoformat()
                if hourly:
                    for h in range(24):
                        w.writerow([f"B{b:05d}", meter, "heat", "kWh", iso, iso, h, f"{day_kwh / 24:.2f}"])
                else:
                    w.writerow([f"B{b:05d}", meter, "gas", "kWh", iso, iso, "", f"{day_kwh:.1f}"])
    return [weather, registry, readings]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--buildings", type=int, default=1000, help="daily: buildings, one meter each")
    parser.add_argument("--meters", type=int, default=300, help="with --hourly: smart meters (one per building)")
    parser.add_argument("--years", type=int, help="years of readings (default 10 daily, 5 hourly)")
    parser.add_argument("--hourly", action="store_true")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--query-runs", type=int, default=10)
    args = parser.parse_args()
    count = args.meters if args.hourly else args.buildings
    args.years = args.years or (5 if args.hourly else 10)
    work = scratch_dir("energy")
    files = generate(work / "raw", count, args.years, args.hourly)
    too_large = [(f.name, f.stat().st_size) for f in files if f.stat().st_size > MAX_FILE_BYTES]
    if too_large:  # the build turns such a file away with its reason; timing it would time nothing
        name, size = too_large[0]
        sys.exit(
            f"{name}: {size / 2**20:,.0f} MB, more than the {MAX_FILE_BYTES / 2**20:,.0f} MB one file may have;"
            " use fewer meters or years"
        )
    rows = sum(1 for _ in files[2].open(encoding="utf-8")) - 1
    size_mb = sum(f.stat().st_size for f in files) / 1e6
    shape = "hourly" if args.hourly else "daily"
    print(f"{count:,} meters × {args.years} years {shape}: {rows:,} readings, {size_mb:.0f} MB", flush=True)
    db, settings = work / "w.duckdb", load_settings()
    floor, ours = side_by_side(
        lambda: bare_read_csv_each(files), lambda: build(work / "raw", db, settings), args.repeat
    )
    print(f"  {rows / min(ours):,.0f} readings/s at best", flush=True)
    con = connect(db)
    year = energy.complete_years(con)[0]
    month = energy.latest_month(con)
    one = energy.buildings(con)["building_id"].iloc[len(energy.buildings(con)) // 2]
    queries = {
        "year summary (Energy KPIs)": lambda: energy.year_summary(con, year),
        "totals by year and utility": lambda: energy.totals_by_year(con),
        "weather-normalised trend": lambda: energy.normalised_trend(con),
        "EUI ranking with type medians": lambda: energy.eui_ranking(con, year),
        "anomalies of the latest month": lambda: energy.anomalies(con, month),
        "retrofit savings": lambda: energy.savings(con),
        "building: baseline months": lambda: energy.building_monthly(con, one, "heat" if args.hourly else "gas"),
        "building: costs by year": lambda: energy.building_costs(con, one),
        "building: findings": lambda: energy.building_flags(con, one),
    }
    report("bare read_csv", floor, ours, queries, args.query_runs)
    con.close()


if __name__ == "__main__":
    main()
