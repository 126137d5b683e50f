"""Tables in CSV or XLSX whose columns are declared as Fields: our templates and the national open-data sets.

One reader for all of them: columns found by (normalised) name, values parsed and checked field by field,
a row with a missing required value or an unreadable one rejected with its line, column and reason.
Spreadsheets are read with openpyxl; their row numbers play the role of line numbers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pyarrow as pa

from etl.sources.base import DecodedFile, FileFormatError, Rejection, csv_records
from etl.sources.fastcsv import read_columns

FAST_PATH_MIN_LINES = 5_000  # smaller files: the row-by-row path is quick enough and always exact
MAX_INTEGER = 2**63 - 1  # whole numbers are stored as 64-bit integers


def text(value: str) -> str:
    return value


def choice(options: tuple[str, ...]) -> Callable[[str], str]:
    def parse(value: str) -> str:
        key = value.strip().lower().replace(" ", "_").replace("-", "_")
        if key not in options:
            raise ValueError(f"{value!r} is not one of {', '.join(options)}")
        return key

    return parse


def pattern(regex: re.Pattern, what: str) -> Callable[[str], str]:
    def parse(value: str) -> str:
        if not regex.match(value.strip()):
            raise ValueError(f"{value!r} is not {what}")
        return value.strip()

    return parse


def number(low: float | None = 0, high: float | None = None) -> Callable[[str], Decimal]:
    def parse(value: str) -> Decimal:
        cleaned = value.replace("\u00a0", "").replace(" ", "").replace(",", ".")
        try:
            number = Decimal(cleaned)
        except InvalidOperation:
            raise ValueError(f"{value!r} is not a number") from None
        if not number.is_finite() or (low is not None and number < low) or (high is not None and number > high):
            bounds = f"{low if low is not None else '-∞'}..{high if high is not None else '∞'}"
            raise ValueError(f"{value!r} is outside {bounds}")
        return number

    parse.low, parse.high = low, high  # for the column-at-a-time reader
    return parse


def fit_decimal(value: Decimal, arrow: pa.Decimal128Type) -> Decimal:
    """The value at the column's scale (kopiykas for UAH), or ValueError saying why it does not fit.

    Spreadsheets store 1234.56 as 1234.5600000000001: that noise is rounded away; a real third decimal
    (1234.567) is refused rather than silently rounded, since it means the column holds something else."""
    whole_digits = arrow.precision - arrow.scale
    if value.adjusted() >= whole_digits:  # checked first: quantize cannot even hold 1E+309
        raise ValueError(f"{value} is too large (at most {whole_digits} digits before the point)")
    cleaned = value.quantize(Decimal("1e-9")) if value.as_tuple().exponent < -9 else value
    fitted = cleaned.quantize(Decimal(1).scaleb(-arrow.scale))
    if fitted != cleaned:
        raise ValueError(f"{value} has more than {arrow.scale} decimal places")
    return fitted


def date_value(value: str) -> date:
    value = value.strip()
    if len(value) == 10 and value[4] == "-":
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    for fmt in ("%Y-%m-%d", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"{value!r} is not a date (YYYY-MM-DD or DD.MM.YYYY)")


def yes_no(value: str) -> bool:
    key = value.strip().lower()
    if key in ("yes", "true", "1", "так", "y", "+"):
        return True
    if key in ("no", "false", "0", "ні", "n", "-"):
        return False
    raise ValueError(f"{value!r} is not yes or no (так/ні)")


def integer(low: int | None = 0, high: int | None = None) -> Callable[[str], int]:
    def parse(value: str) -> int:
        cleaned = value.strip().replace("\u00a0", "").replace(" ", "")
        if not re.fullmatch(r"-?\d+", cleaned):
            raise ValueError(f"{value!r} is not a whole number")
        if len(cleaned.lstrip("-")) > 19 or abs(number_ := int(cleaned)) > MAX_INTEGER:
            raise ValueError(f"{value!r} is too large (at most {MAX_INTEGER:,})")
        if low is not None and number_ < low:
            raise ValueError(f"{value!r} is below {low}")
        if high is not None and number_ > high:
            raise ValueError(f"{value!r} is above {high}")
        return number_

    parse.low, parse.high = low, high  # for the column-at-a-time reader
    return parse


def datetime_value(value: str) -> datetime:
    """ISO 8601 date-time (a trailing Z or offset is dropped: the time is kept as published)."""
    try:  # the C parser takes almost every ISO form; the loop below is for the rest
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        pass
    cleaned = value.strip().replace("Z", "")
    cleaned = re.sub(r"([+-]\d{2}:\d{2})$", "", cleaned)
    for fmt in ("%Y-%m-%dT%H:%M:%S.%f", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"):
        try:
            return datetime.strptime(cleaned, fmt)
        except ValueError:
            continue
    raise ValueError(f"{value!r} is not a date and time (ISO 8601)")


@dataclass(frozen=True)
class Field:
    name: str
    parse: Callable[[str], Any]
    arrow: pa.DataType
    required: bool
    description: str
    example: tuple[str, str]


def field(name, parse, arrow, required, description, example_1="", example_2=""):
    return Field(name, parse, arrow, required, description, (example_1, example_2))


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
    by_name = {normalise_name(f.name): f for f in fields}
    if path.suffix.lower() == ".xlsx":
        try:
            records = iter(list(rows_from_xlsx(path)))
        except Exception as exc:  # openpyxl raises many kinds for a broken workbook
            raise FileFormatError(f"{rel_path}: not a readable .xlsx workbook ({exc})") from None

        def raw(line: int, values: list[str]) -> str:
            return ";".join(values)
    else:
        assert decoded is not None
        records = csv_records(decoded.text, decoded.delimiter, decoded.rel_path)

        def raw(line: int, values: list[str]) -> str:
            return decoded.line(line)

    try:
        _, header = next(records)
    except StopIteration:
        raise FileFormatError(f"{rel_path}: the file is empty (no header)") from None
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

    # Work out once which cell feeds which field; the loop below runs per row, millions of times.
    plan, planned = [], set()
    for i, n in enumerate(names):
        f = by_name.get(n)
        if f is not None and f.name not in planned:  # a repeated column: the first one counts
            plan.append((i, f, f.parse is text, pa.types.is_floating(f.arrow), pa.types.is_decimal(f.arrow)))
            planned.add(f.name)
    width = len(names)
    absent = [f.name for f in fields if f.name not in planned]
    schema = staging_schema(fields)
    if decoded is not None and decoded.text.count("\n") > FAST_PATH_MIN_LINES:
        try:
            fast = read_columns(decoded, width, [(i, f) for i, f, *_ in plan], unique)
        except (pa.ArrowInvalid, OverflowError):
            fast = None  # a value Arrow cannot hold (e.g. a 30-digit number): the row path names its line
        if fast is not None:
            parsed, rejections, read = fast
            kept = len(parsed["source_line"])
            parsed["source_file"] = pa.array([rel_path] * kept, pa.string())
            for name in absent:
                parsed[name] = pa.nulls(kept, schema.field(name).type)
            table = pa.table({name: parsed[name].cast(schema.field(name).type) for name in schema.names})
            return table, rejections, read
    columns: dict[str, list[Any]] = {"source_file": [], "source_line": [], **{f.name: [] for f in fields}}
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
    for name in absent:
        columns[name] = [None] * kept
    table = pa.table({name: pa.array(columns[name], schema.field(name).type) for name in schema.names})
    return table, rejections, read


def staging_schema(fields: Sequence[Field]) -> pa.Schema:
    return pa.schema([("source_file", pa.string()), ("source_line", pa.int32()), *((f.name, f.arrow) for f in fields)])


Datasets = dict[str, tuple[Sequence[Field], str, str | None]]  # staging table -> (fields, format, unique field)


def header_of(path: Path, decoded: DecodedFile | None, rel_path: str) -> list[str]:
    """The header row of a CSV (decoded) or XLSX (path) file."""
    try:
        if decoded is None:
            return next(iter(rows_from_xlsx(path)))[1]
        return next(csv_records(decoded.text, decoded.delimiter, decoded.rel_path))[1]
    except StopIteration:
        raise FileFormatError(f"{rel_path}: the file is empty (no header)") from None
    except FileFormatError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a broken or empty workbook
        raise FileFormatError(f"{rel_path}: not a readable .xlsx workbook ({type(exc).__name__}: {exc})") from None


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
