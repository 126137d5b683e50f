"""Our settlements register: location and population for each settlement, by KATOTTG code.

The codifier has no coordinates or population, so the hromada keeps them in a small CSV
(`katottg;lat;lon;population`, documented in docs/templates.md).
"""

from __future__ import annotations

import pyarrow as pa

from etl.sources.base import DecodedFile, FileFormatError, Rejection, csv_records
from etl.sources.fields import KATOTTG_CODE

HEADER = ("katottg", "lat", "lon", "population")


def read_settlements(decoded: DecodedFile) -> tuple[pa.Table, list[Rejection]]:
    records = csv_records(decoded.text, decoded.delimiter, decoded.rel_path)
    try:
        _, header = next(records)
    except StopIteration:
        raise FileFormatError(f"{decoded.rel_path}: the file is empty (no header)") from None
    if [h.strip().strip("\ufeff").lower() for h in header] != list(HEADER):
        raise FileFormatError(
            f"{decoded.rel_path}: header {';'.join(header)[:200]!r} is not the settlements register's; "
            f"expected {';'.join(HEADER)}"
        )
    out: dict[str, list] = {"source_file": [], "source_line": [], "katottg": [], "lat": [], "lon": [], "population": []}
    rejections: list[Rejection] = []
    for line_number, fields in records:
        try:
            row = _parse(fields)
        except ValueError as exc:
            column, reason = exc.args
            rejections.append(Rejection(decoded.rel_path, line_number, column, reason, decoded.line(line_number)))
            continue
        for key, value in zip(out, [decoded.rel_path, line_number, *row], strict=True):
            out[key].append(value)
    types = {"source_line": pa.int32(), "lat": pa.float64(), "lon": pa.float64(), "population": pa.int64()}
    return pa.table({k: pa.array(v, types.get(k, pa.string())) for k, v in out.items()}), rejections


def _number(value: str, column: str, low: float, high: float) -> float | None:
    value = value.strip().replace(",", ".")
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        raise ValueError(column, f"{value!r} is not a number") from None
    if not low <= number <= high:
        raise ValueError(column, f"{number} is outside {low}..{high}")
    return number


def _parse(fields: list[str]) -> tuple[str, float | None, float | None, int | None]:
    if len(fields) != len(HEADER):
        raise ValueError(None, f"expected {len(HEADER)} fields, found {len(fields)}")
    code = fields[0].strip()
    if not KATOTTG_CODE.match(code):
        raise ValueError("katottg", f"{code!r} is not a KATOTTG code (UA and 17 digits)")
    lat = _number(fields[1], "lat", -90, 90)
    lon = _number(fields[2], "lon", -180, 180)
    population = _number(fields[3], "population", 0, 10_000_000)
    if population is not None and population != int(population):
        raise ValueError("population", f"{population} is not a whole number")
    return code, lat, lon, None if population is None else int(population)
