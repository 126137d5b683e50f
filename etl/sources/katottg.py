"""The KATOTTG codifier (Кодифікатор адміністративно-територіальних одиниць).

One row per unit with five level columns, a category and a name. The official header writes
"Категорія об’єкта" with a typographic apostrophe; spreadsheets often swap it for another one,
so headers are compared after normalising apostrophes.
"""

from __future__ import annotations

import pyarrow as pa

from etl.sources.base import DecodedFile, FileFormatError, Rejection, csv_records, normalise_header
from etl.sources.fields import KATOTTG_CODE
from hromada.translit import transliterate

HEADER = (
    "Перший рівень",
    "Другий рівень",
    "Третій рівень",
    "Четвертий рівень",
    "Додатковий рівень",
    "Категорія об’єкта",
    "Назва об’єкта",
)
CATEGORIES = {
    "O": "oblast",
    "K": "special-status city",
    "P": "raion",
    "H": "hromada",
    "M": "city",
    "X": "selyshche",
    "C": "village",
    "B": "city district",
}
STAGING_COLUMNS = (
    "source_file",
    "source_line",
    "level1",
    "level2",
    "level3",
    "level4",
    "level5",
    "category",
    "name_uk",
    "name_en",
)


def read_katottg(decoded: DecodedFile) -> tuple[pa.Table, list[Rejection]]:
    """Parse codifier rows; rows with a malformed code, an unknown category or no name are rejected."""
    records = csv_records(decoded.text, decoded.delimiter, decoded.rel_path)
    try:
        _, header = next(records)
    except StopIteration:
        raise FileFormatError(f"{decoded.rel_path}: the file is empty (no header)") from None
    if [normalise_header(h) for h in header] != [normalise_header(h) for h in HEADER]:
        raise FileFormatError(
            f"{decoded.rel_path}: header {';'.join(header)[:200]!r} is not the KATOTTG codifier's; "
            f"expected {';'.join(HEADER)}"
        )
    rows: dict[str, list] = {name: [] for name in STAGING_COLUMNS}
    rejections: list[Rejection] = []
    for line_number, fields in records:
        problem = _check(fields)
        if problem:
            column, reason = problem
            rejections.append(Rejection(decoded.rel_path, line_number, column, reason, decoded.line(line_number)))
            continue
        levels = [f.strip() or None for f in fields[:5]]
        for name, value in zip(
            STAGING_COLUMNS,
            [
                decoded.rel_path,
                line_number,
                *levels,
                fields[5].strip().upper(),
                fields[6].strip(),
                transliterate(fields[6].strip()),
            ],
            strict=True,
        ):
            rows[name].append(value)
    types = {"source_line": pa.int32()}
    return pa.table({k: pa.array(v, types.get(k, pa.string())) for k, v in rows.items()}), rejections


def _check(fields: list[str]) -> tuple[str | None, str] | None:
    if len(fields) != len(HEADER):
        return None, f"expected {len(HEADER)} fields, found {len(fields)}"
    for name, value in zip(HEADER[:5], fields[:5], strict=True):
        if value.strip() and not KATOTTG_CODE.match(value.strip()):
            return name, f"{value.strip()!r} is not a KATOTTG code (UA and 17 digits)"
    if not fields[0].strip():
        return HEADER[0], "the first level is empty"
    if fields[5].strip().upper() not in CATEGORIES:
        return HEADER[5], f"unknown category {fields[5].strip()!r}; expected one of {''.join(CATEGORIES)}"
    if not fields[6].strip():
        return HEADER[6], "the name is empty"
    return None
