"""Demo daily weather for the hromada (Open-Meteo archive layout): a seasonal curve with day-to-day noise,
so heating degree days and heating seasons look like Chernihiv oblast's. One day a year is left out, as
archives sometimes do, so the gap filling has work."""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

from demo.csvfile import csv_bytes

HEADER = ("date", "year", "month", "day", "weekday", "temp_max", "temp_min", "precipitation", "wind_max")


def weather_files(until: tuple[int, int]) -> dict[str, bytes]:
    rng = random.Random("weather")
    files = {}
    for year in range(2021, until[0] + 1):
        last = date(year, 12, 31) if year < until[0] else date(until[0], until[1], 28)
        rows = []
        day, skip = date(year, 1, 1), date(year, 3, 17)
        anomaly = 0.0
        while day <= last:
            anomaly = 0.7 * anomaly + rng.gauss(0, 2.2)
            mean = 8.0 - 13.5 * math.cos(2 * math.pi * (day.timetuple().tm_yday - 15) / 365.25) + anomaly
            spread = rng.uniform(4, 10)
            if day != skip:
                rows.append(
                    [
                        day.isoformat(),
                        day.year,
                        day.month,
                        day.day,
                        day.isoweekday(),
                        f"{mean + spread / 2:.1f}",
                        f"{mean - spread / 2:.1f}",
                        f"{max(0.0, rng.gauss(1.5, 3)):.1f}",
                        f"{rng.uniform(5, 35):.1f}",
                    ]
                )
            day += timedelta(days=1)
        files[f"weather/hromada/open_meteo_weather_{year}.csv"] = csv_bytes(HEADER, rows, delimiter=",", line_end="\n")
    return files
