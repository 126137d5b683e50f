"""Tables in CSV or XLSX whose columns are declared as Fields: our templates and the national open-data sets.

One reader for all of them: columns found by (normalised) name, values parsed and checked field by field,
a row with a missing required value or an unreadable one rejected with its line, column and reason.
Spreadsheets are read with openpyxl; their row numbers play the role of line numbers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa

from etl.sources.base import DecodedFile, FileFormatError, Rejection, csv_records
from etl.sources.fastcsv import read_columns
from etl.sources.fields import Field, fit_decimal, text

FAST_PATH_MIN_LINES = 5_000  # smaller files: the row-by-row path is quick enough and always exact


def rows_from_xlsx(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(Excel row number, cell texts) of the first sheet; row 1 is the header."""
    from openpyxl import load_workbook  # only needed for spreadsheets

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # some writers store a wrong sheet size; read what is there
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = ["" if v is None else _cell_text(v) for v in row]
            while cells and cells[-1] == "":
                cells.pop()
            if cells:
                yield number, cells
    finally:
        workbook.close()


def _cell_text(value: Any) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def normalise_name(name: str) -> str:
    """Header cells as published carry BOMs, stray newlines and odd case ("votingAgainst\n")."""
    return re.sub(r"\s+", "", name.strip().strip("\ufeff")).lower()


# Which cell feeds which field, worked out once per file: (cell index, field, is text, is float, is decimal).
Plan = list[tuple[int, Field, bool, bool, bool]]


def read_table(
    path: Path,
    rel_path: str,
    decoded: DecodedFile | None,
    fields: Sequence[Field],
    what: str,
    *,
    allow_unknown: bool = False,
    unique: str | None = None,
) -> tuple[pa.Table, list[Rejection], int]:
    """Parse a CSV (decoded) or XLSX (path) table: (rows with source_file/source_line, rejections, rows read).

    what names the format in messages; allow_unknown tolerates extra columns (national data sets may add
    some); unique names a field whose repeats within the file are rejected.
    """
    if decoded is None:  # a workbook: its header is its first row
        records, raw = _records(path, rel_path, None)
        header = next(records, (0, None))[1]
    else:  # a CSV's from its first line; its rows become records only on the row-by-row path
        records, raw = None, None
        header = decoded.header
    if header is None:
        raise FileFormatError(f"{rel_path}: the file is empty (no header)")
    plan = _plan(header, fields, what, allow_unknown, rel_path)
    schema = staging_schema(fields)
    if decoded is not None and decoded.utf8.count(b"\n") > FAST_PATH_MIN_LINES:
        fast = _columnar(decoded, len(header), plan, unique, schema, rel_path)
        if fast is not None:
            return fast
    if records is None:
        records, raw = _records(path, rel_path, decoded)
        next(records)  # the header, read above
    return _row_by_row(records, raw, len(header), plan, unique, schema, rel_path)


def _records(
    path: Path, rel_path: str, decoded: DecodedFile | None
) -> tuple[Iterator[tuple[int, list[str]]], Callable[[int, list[str]], str]]:
    """(line number, cells) of a workbook's first sheet or of a CSV text, and how to quote a rejected row."""
    if path.suffix.lower() == ".xlsx":
        try:
            return iter(list(rows_from_xlsx(path))), lambda _line, values: ";".join(values)
        except Exception as exc:  # openpyxl raises many kinds for a broken workbook
            raise FileFormatError(f"{rel_path}: not a readable .xlsx workbook ({exc})") from None
    assert decoded is not None
    return csv_records(decoded.text, decoded.delimiter, decoded.rel_path), lambda line, _values: decoded.line(line)


def _plan(header: list[str], fields: Sequence[Field], what: str, allow_unknown: bool, rel_path: str) -> Plan:
    """The header checked against the declared fields (a missing required column or, unless allowed, an unknown
    one turns the file away, naming what the format has), and which cell feeds which field."""
    by_name = {normalise_name(f.name): f for f in fields}
    names = [normalise_name(h) for h in header]
    unknown = [h.strip() for h, n in zip(header, names, strict=True) if n and n not in by_name]
    missing = [f.name for f in fields if f.required and normalise_name(f.name) not in names]
    if missing or (unknown and not allow_unknown):
        problems = []
        if missing:
            problems.append(f"lacks required column(s) {', '.join(missing)}")
        if unknown and not allow_unknown:
            problems.append(f"has unknown column(s) {', '.join(unknown)}")
        raise FileFormatError(
            f"{rel_path}: {' and '.join(problems)}; {what} has the columns {', '.join(f.name for f in fields)}"
        )
    plan: Plan = []
    planned: set[str] = set()
    for i, n in enumerate(names):
        f = by_name.get(n)
        if f is not None and f.name not in planned:  # a repeated column: the first one counts
            plan.append((i, f, f.parse is text, pa.types.is_floating(f.arrow), pa.types.is_decimal(f.arrow)))
            planned.add(f.name)
    return plan


def _columnar(
    decoded: DecodedFile, width: int, plan: Plan, unique: str | None, schema: pa.Schema, rel_path: str
) -> tuple[pa.Table, list[Rejection], int] | None:
    """A large file column by column in Arrow (fastcsv); None where only the row path can say what is wrong."""
    try:
        fast = read_columns(decoded, width, [(i, f) for i, f, *_ in plan], unique)
    except (pa.ArrowInvalid, OverflowError):
        return None  # a value Arrow cannot hold (e.g. a 30-digit number): the row path names its line
    if fast is None:
        return None
    parsed, rejections, read = fast
    kept = len(parsed["source_line"])
    parsed["source_file"] = pa.repeat(pa.scalar(rel_path, pa.string()), kept)  # in Arrow: no list of millions
    for name in schema.names:
        if name not in parsed:  # a declared column the file does not have
            parsed[name] = pa.nulls(kept, schema.field(name).type)
    table = pa.table({name: parsed[name].cast(schema.field(name).type) for name in schema.names})
    return table, rejections, read


def _row_by_row(
    records: Iterator[tuple[int, list[str]]],
    raw: Callable[[int, list[str]], str],
    width: int,
    plan: Plan,
    unique: str | None,
    schema: pa.Schema,
    rel_path: str,
) -> tuple[pa.Table, list[Rejection], int]:
    """Every row parsed field by field; the first problem of a row rejects it with its line and column. The
    loop runs per row, millions of times: the plan is unpacked, not looked up."""
    columns: dict[str, list[Any]] = {name: [] for name in schema.names}
    rejections: list[Rejection] = []
    first_seen: dict[Any, int] = {}
    unique_index = next((k for k, p in enumerate(plan) if p[1].name == unique), None)
    read = 0
    for line, values in records:
        read += 1
        if len(values) > width and any(v.strip() for v in values[width:]):
            rejections.append(
                Rejection(rel_path, line, None, f"expected {width} fields, found {len(values)}", raw(line, values))
            )
            continue
        parsed: list[Any] = []
        problem = None
        for i, f, is_text, is_float, is_decimal in plan:
            value = values[i].strip() if i < len(values) else ""
            if not value:
                if f.required:
                    problem = (f.name, f"{f.name} is required")
                    break
                parsed.append(None)
                continue
            if is_text:
                parsed.append(value)
                continue
            try:
                result = f.parse(value)
                if is_decimal:
                    result = fit_decimal(result, f.arrow)
            except ValueError as exc:
                problem = (f.name, str(exc))
                break
            parsed.append(float(result) if is_float else result)
        if problem is None and unique_index is not None:
            key = parsed[unique_index]
            if key in first_seen:
                problem = (unique, f"duplicate {unique} {key!r} (first on line {first_seen[key]})")
            else:
                first_seen[key] = line
        if problem:
            rejections.append(Rejection(rel_path, line, problem[0], problem[1], raw(line, values)))
            continue
        columns["source_file"].append(rel_path)
        columns["source_line"].append(line)
        for (_, f, *_), value in zip(plan, parsed, strict=True):
            columns[f.name].append(value)
    kept = len(columns["source_line"])
    for name, values in columns.items():
        if not values and kept:  # a declared column the file does not have
            columns[name] = [None] * kept
    table = pa.table({name: pa.array(columns[name], schema.field(name).type) for name in schema.names})
    return table, rejections, read


def staging_schema(fields: Sequence[Field]) -> pa.Schema:
    return pa.schema([("source_file", pa.string()), ("source_line", pa.int32()), *((f.name, f.arrow) for f in fields)])


Datasets = dict[str, tuple[Sequence[Field], str, str | None]]  # staging table -> (fields, format, unique field)


def header_of(path: Path, decoded: DecodedFile | None, rel_path: str) -> list[str]:
    """The header row of a CSV (decoded) or XLSX (path) file."""
    try:
        header = decoded.header if decoded is not None else next(iter(rows_from_xlsx(path)), (None, None))[1]
    except FileFormatError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a broken or empty workbook
        raise FileFormatError(f"{rel_path}: not a readable .xlsx workbook ({type(exc).__name__}: {exc})") from None
    if header is None:
        raise FileFormatError(f"{rel_path}: the file is empty (no header)")
    return header


def read_dataset(
    path: Path, rel_path: str, decoded: DecodedFile | None, datasets: Datasets, what: str
) -> tuple[str, str, pa.Table, list[Rejection], int]:
    """Tell which of several data sets a file holds by its header (the first whose required columns are all
    there), then read it: (staging table, format, rows, rejections, rows read)."""
    names = {normalise_name(h) for h in header_of(path, decoded, rel_path)}
    for table_name, (fields, fmt, unique) in datasets.items():
        if all(normalise_name(f.name) in names for f in fields if f.required):
            table, rejections, read = read_table(
                path, rel_path, decoded, fields, f"the {fmt} table", allow_unknown=True, unique=unique
            )
            return table_name, fmt, table, rejections, read
    expected = "; ".join(
        f"{fmt}: {', '.join(f.name for f in fields if f.required)}" for fields, fmt, _ in datasets.values()
    )
    raise FileFormatError(f"{rel_path}: the header matches no {what}; expected the columns of one of {expected}")


def template_csv(fields: Sequence[Field]) -> bytes:
    """A CSV template from field declarations: the header and the declared example rows (UTF-8 with BOM, `;`,
    as spreadsheet programs in Ukraine open it)."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([f.name for f in fields])
    for i in range(2):
        row = [f.example[i] for f in fields]
        if any(row):
            writer.writerow(row)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_templates(out_dir: Path, templates: dict[str, Sequence[Field]]) -> list[Path]:
    """Each template as a CSV file (name -> fields) in out_dir, with its example rows."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, fields in templates.items():
        path = out_dir / name
        path.write_bytes(template_csv(fields))
        written.append(path)
    return written


def fields_markdown(fields: Sequence[Field]) -> str:
    """A template's column table for docs/templates.md, from its field declarations."""
    lines = ["| column | required | meaning | example |", "|---|---|---|---|"]
    lines += [
        f"| `{f.name}` | {'yes' if f.required else ''} | {f.description} | {f.example[0] or f.example[1]} |"
        for f in fields
    ]
    return "\n".join(lines) + "\n"
