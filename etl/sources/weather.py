"""Daily weather (Open-Meteo CSV as archived: date, temp_max, temp_min[, temp_mean]) for heating degree days.

Files sit in `data/raw/weather/<station>/…`; the subfolder names the station (a file directly in weather/
belongs to the station "default"). There is no mean temperature in the archive files, so the daily mean is
(max + min) / 2 unless a temp_mean column is given.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from etl.sources.base import DecodedFile, Rejection
from etl.sources.tabular import Field, date_value, field, number, read_table, staging_schema

DAILY: tuple[Field, ...] = (
    field("date", date_value, pa.date32(), True, "Day (YYYY-MM-DD)"),
    field("temp_max", number(-80, 70), pa.float64(), True, "Daily maximum, °C"),
    field("temp_min", number(-80, 70), pa.float64(), True, "Daily minimum, °C"),
    field("temp_mean", number(-80, 70), pa.float64(), False, "Daily mean, °C (else (max + min) / 2)"),
    field("precipitation", number(0, 2000), pa.float64(), False, "Precipitation, mm"),
)
SCHEMA = pa.schema([*staging_schema(DAILY), ("station", pa.string())])


def station_of(rel_path: str) -> str:
    parts = rel_path.split("/")
    return parts[1] if len(parts) > 2 else "default"


def read_weather(path: Path, rel_path: str, decoded: DecodedFile | None) -> tuple[pa.Table, list[Rejection], int]:
    table, rejections, read = read_table(
        path, rel_path, decoded, DAILY, "a daily weather file (Open-Meteo)", allow_unknown=True, unique="date"
    )
    table = table.append_column("station", pa.array([station_of(rel_path)] * table.num_rows, pa.string()))
    return table, rejections, read
