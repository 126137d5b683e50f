"""The one CSV writer of the demo: each publisher's dialect (separator, line ends, byte-order mark) is an
argument, so every demo file is written the way the real one is published and nothing else differs."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable


def csv_bytes(
    header: Iterable[str],
    rows: Iterable[Iterable[object]],
    *,
    delimiter: str = ";",
    line_end: str = "\r\n",
    bom: bool = False,
) -> bytes:
    """A header and rows as UTF-8 CSV bytes; `bom` adds the byte-order mark Excel writes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=line_end)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig" if bom else "utf-8")


def portal_csv(header: Iterable[str], rows: Iterable[Iterable[object]]) -> bytes:
    """As the open-data portal publishes council votes and participation: comma-separated."""
    return csv_bytes(header, rows, delimiter=",")


def excel_csv(header: Iterable[str], rows: Iterable[Iterable[object]]) -> bytes:
    """As a spreadsheet on Ukrainian Windows saves it: semicolons and a byte-order mark."""
    return csv_bytes(header, rows, bom=True)
