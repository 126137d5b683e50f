"""Daily weather for heating degree days: the Open-Meteo archive CSV (date, temp_max, temp_min[, temp_mean]), the
Open-Meteo API's own CSV (a metadata block, a blank line, then `time,temperature_2m_mean (°C)[, …_max, …_min]`), and
NOAA GHCN-Daily as NCEI exports it (STATION, DATE, TMAX, TMIN[, TAVG, PRCP] with *_ATTRIBUTES columns).

Files sit in `data/raw/weather/<station>/…`; the subfolder names the station (a file directly in weather/
belongs to the station "default"). There is no mean temperature in the archive files, so the daily mean is
(max + min) / 2 unless a mean column is given. NCEI writes degrees Celsius with one decimal in its "metric"
exports and whole tenths of a degree in the GHCN-Daily access files: a file with no decimal point in any
temperature is in tenths and is scaled. Monthly summaries (GSOM) carry no daily temperatures and are refused with a
pointer to the daily set.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from etl.sources.base import DecodedFile, FileFormatError, Rejection
from etl.sources.fields import (
    Field,
    date_value,
    field,
    number,
    text,
)
from etl.sources.tabular import (
    header_of,
    normalise_name,
    read_table,
    staging_schema,
)

DAILY: tuple[Field, ...] = (
    field("date", date_value, pa.date32(), True, "Day (YYYY-MM-DD)"),
    field("temp_max", number(-80, 70), pa.float64(), True, "Daily maximum, °C"),
    field("temp_min", number(-80, 70), pa.float64(), True, "Daily minimum, °C"),
    field("temp_mean", number(-80, 70), pa.float64(), False, "Daily mean, °C (else (max + min) / 2)"),
    field("precipitation", number(0, 2000), pa.float64(), False, "Precipitation, mm"),
)
SCHEMA = pa.schema([*staging_schema(DAILY), ("station", pa.string())])
NOAA_DAILY: tuple[Field, ...] = (
    field("STATION", text, pa.string(), True, "GHCN station id"),
    field("DATE", date_value, pa.date32(), True, "Day (YYYY-MM-DD)"),
    field("TMAX", number(None), pa.float64(), True, "Daily maximum, °C or tenths"),
    field("TMIN", number(None), pa.float64(), True, "Daily minimum, °C or tenths"),
    field("TAVG", number(None), pa.float64(), False, "Daily mean, °C or tenths"),
    field("PRCP", number(0, 20000), pa.float64(), False, "Precipitation, mm or tenths"),
)
# The Open-Meteo API's CSV (`format=csv`): its columns carry their unit; a mean alone is enough for degree days.
OPEN_METEO_COLUMNS = {
    "time": "date",
    "temperature_2m_max (°C)": "temp_max",
    "temperature_2m_min (°C)": "temp_min",
    "temperature_2m_mean (°C)": "temp_mean",
    "precipitation_sum (mm)": "precipitation",
}
OPEN_METEO_METADATA = "latitude,longitude,elevation"
MONTHLY_MARKERS = {"htdd", "cldd", "dt00", "emxt"}  # columns only NOAA's monthly summaries (GSOM) have
TEMPERATURE_LIMITS = (-80.0, 70.0)


def station_of(rel_path: str) -> str:
    parts = rel_path.split("/")
    return parts[1] if len(parts) > 2 else "default"


def read_weather(path: Path, rel_path: str, decoded: DecodedFile | None) -> tuple[pa.Table, list[Rejection], int, str]:
    """(rows in the staging shape, rejections, rows read, format)."""
    if decoded is not None and decoded.text.lstrip("\ufeff").startswith(OPEN_METEO_METADATA):
        return _read_open_meteo_api(decoded, station_of(rel_path))
    names = {normalise_name(h) for h in header_of(path, decoded, rel_path)}
    station = station_of(rel_path)
    if names & MONTHLY_MARKERS:
        raise FileFormatError(
            f"{rel_path}: NOAA monthly summaries (GSOM) hold no daily temperatures; download the daily summaries "
            "(GHCN-Daily, dataset daily-summaries) for degree days"
        )
    if {"station", "date", "tmax", "tmin"} <= names:
        table, rejections, read = read_table(
            path, rel_path, decoded, NOAA_DAILY, "a NOAA GHCN-Daily file", allow_unknown=True, unique="DATE"
        )
        table, out_of_range = _noaa_to_daily(table, rel_path, decoded, _in_tenths(decoded))
        return _with_station(table, station), rejections + out_of_range, read, "noaa_ghcn_daily"
    table, rejections, read = read_table(
        path, rel_path, decoded, DAILY, "a daily weather file (Open-Meteo)", allow_unknown=True, unique="date"
    )
    return _with_station(table, station), rejections, read, "weather_daily"


def _read_open_meteo_api(decoded: DecodedFile, station: str) -> tuple[pa.Table, list[Rejection], int, str]:
    """The API's CSV: the data table after the metadata block, read with its lines numbered as in the file."""
    lines = decoded.text.splitlines(keepends=True)
    blank = next((i for i, line in enumerate(lines) if not line.strip()), None)
    if blank is None:
        raise FileFormatError(f"{decoded.rel_path}: an Open-Meteo file whose metadata block is not followed by data")
    skipped = blank + 1
    table_text = "".join(lines[skipped:])
    body = DecodedFile(decoded.path, decoded.rel_path, table_text, decoded.encoding, decoded.sha256, decoded.size_bytes)
    header = {h.strip(): h for h in header_of(decoded.path, body, decoded.rel_path)}
    has_mean = "temperature_2m_mean (°C)" in header
    fields = tuple(
        field(
            column,
            date_value if target == "date" else number(0, 2000) if target == "precipitation" else number(-80, 70),
            pa.date32() if target == "date" else pa.float64(),
            target == "date"
            or (target == "temp_mean" and has_mean)
            or (target in ("temp_max", "temp_min") and not has_mean),
            target,
        )
        for column, target in OPEN_METEO_COLUMNS.items()
    )
    table, rejections, read = read_table(
        decoded.path, decoded.rel_path, body, fields, "an Open-Meteo API file", allow_unknown=True, unique="time"
    )
    columns = {"source_file": table["source_file"], "source_line": pc.add(table["source_line"], skipped)}
    for column, target in OPEN_METEO_COLUMNS.items():
        columns[target] = table[column]
    shifted = [Rejection(r.file_path, r.line_number + skipped, r.column_name, r.reason, r.raw_text) for r in rejections]
    out = pa.table(columns).select(["source_file", "source_line", *[f.name for f in DAILY]])
    return _with_station(out.cast(pa.schema([*staging_schema(DAILY)])), station), shifted, read, "open_meteo_api"


def _with_station(table: pa.Table, station: str) -> pa.Table:
    return table.append_column("station", pa.repeat(pa.scalar(station, pa.string()), table.num_rows))


def _in_tenths(decoded: DecodedFile | None) -> bool:
    """No temperature in the file written with a decimal point: GHCN-Daily's raw tenths of a degree."""
    if decoded is None:
        return False
    seen = False
    for row in csv.DictReader(io.StringIO(decoded.text)):
        for column in ("TMAX", "TMIN", "TAVG"):
            value = (row.get(column) or "").strip()
            if value:
                seen = True
                if "." in value or "," in value:
                    return False
    return seen


def _noaa_to_daily(
    table: pa.Table, rel_path: str, decoded: DecodedFile | None, in_tenths: bool
) -> tuple[pa.Table, list[Rejection]]:
    """Scale tenths to degrees when the file is in tenths, keep days within plausible limits, rename columns."""
    divisor = 10.0 if in_tenths else 1.0
    columns = {
        "temp_max": pc.divide(table["TMAX"], divisor),
        "temp_min": pc.divide(table["TMIN"], divisor),
        "temp_mean": pc.divide(table["TAVG"], divisor),
        "precipitation": pc.divide(table["PRCP"], divisor),
    }
    low, high = TEMPERATURE_LIMITS
    bad = pc.fill_null(
        pc.or_(
            pc.or_(pc.less(columns["temp_max"], low), pc.greater(columns["temp_max"], high)),
            pc.or_(pc.less(columns["temp_min"], low), pc.greater(columns["temp_min"], high)),
        ),
        False,
    )
    rejections = [
        Rejection(
            rel_path,
            line,
            "TMAX",
            f"temperature outside {low:g}..{high:g} °C{' (after tenths were scaled)' if in_tenths else ''}",
            decoded.line(line) if decoded else "",
        )
        for line, is_bad in zip(table["source_line"].to_pylist(), bad.to_pylist(), strict=True)
        if is_bad
    ]
    out = pa.table(
        {
            "source_file": table["source_file"],
            "source_line": table["source_line"],
            "date": table["DATE"],
            **columns,
        }
    )
    return out.filter(pc.invert(bad)), rejections
