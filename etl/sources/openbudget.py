"""openbudget.gov.ua CSV exports: incomes and expenses by programme, functional and economic code.

The public API (`localBudgetData`) returns `;`-separated text (UTF-8, sometimes with a BOM, or
Windows-1251: both are read) with a header such as
`REP_PERIOD;FUND_TYP;COD_BUDGET;COD_INCO;NAME_INC;ZAT_AMT;PLANS_AMT;FAKT_AMT`. Columns are found
by name, so extra columns and another order are fine; a missing column is a clear error.
Values stay text here: typing and checks happen in SQL (etl/sql/01_stg_openbudget.sql), where a
million rows take a fraction of a second.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import pyarrow as pa

from etl.sources.base import DecodedFile, FileFormatError, Rejection, csv_records
from etl.sources.fastcsv import read_text_columns


@dataclass(frozen=True)
class OpenbudgetFormat:
    key: str
    direction: str
    classification: str
    code_column: str
    name_column: str
    functional_columns: tuple[str, str] | None = None
    economic_columns: tuple[str, str] | None = None

    @property
    def required(self) -> tuple[str, ...]:
        extra = (self.functional_columns or ()) + (self.economic_columns or ())
        return (
            "REP_PERIOD",
            "FUND_TYP",
            "COD_BUDGET",
            self.code_column,
            self.name_column,
            *extra,
            "ZAT_AMT",
            "FAKT_AMT",
        )

    @property
    def example_header(self) -> str:
        cols = list(self.required)
        cols.insert(cols.index("FAKT_AMT"), "PLANS_AMT")
        return ";".join(cols)


FORMATS: tuple[OpenbudgetFormat, ...] = (
    OpenbudgetFormat(
        "openbudget_expenses_program",
        "expense",
        "program",
        "COD_CONS_MB_PK",
        "COD_CONS_MB_PK_NAME",
        functional_columns=("COD_CONS_MB_FK", "COD_CONS_MB_FK_NAME"),
        economic_columns=("COD_CONS_EK", "COD_CONS_EK_NAME"),
    ),
    OpenbudgetFormat(
        "openbudget_expenses_functional", "expense", "functional", "COD_CONS_MB_FK", "COD_CONS_MB_FK_NAME"
    ),
    OpenbudgetFormat("openbudget_expenses_economic", "expense", "economic", "COD_CONS_EK", "COD_CONS_EK_NAME"),
    OpenbudgetFormat("openbudget_incomes", "income", "income", "COD_INCO", "NAME_INC"),
)

# The text columns handed to SQL, in this order.
STAGING_COLUMNS = (
    "source_file",
    "source_line",
    "direction",
    "classification",
    "period_type",
    "rep_period",
    "fund_typ",
    "cod_budget",
    "code",
    "name",
    "functional_code",
    "economic_code",
    "economic_name",
    "zat_amt",
    "plans_amt",
    "fakt_amt",
)

_PERIOD_TOKEN = re.compile(r"(?i)(?:^|[_\-. ])(month|monthly|quarter|quarterly)(?:[_\-. ]|$)")
_REP_MONTH = re.compile(r"^\s*(?:\d{1,2}\.)?(\d{1,2})\.(\d{4})\s*$|^\s*(\d{4})-(\d{2})(?:-\d{2})?\s*$")


def detect_format(header: list[str], rel_path: str) -> tuple[OpenbudgetFormat, dict[str, int]]:
    """Recognise the export by its columns; name the file and what was expected when it fails."""
    positions = {name.strip().strip("\ufeff").upper(): i for i, name in enumerate(header)}
    # FORMATS runs from the most specific: a programme export also carries FK and EK columns.
    for fmt in FORMATS:
        if fmt.code_column in positions:
            missing = [c for c in fmt.required if c not in positions]
            if missing:
                raise FileFormatError(
                    f"{rel_path}: looks like {fmt.key} but lacks column(s) {', '.join(missing)}; "
                    f"expected a header like {fmt.example_header}"
                )
            return fmt, positions
    expected = " | ".join(f.example_header for f in FORMATS)
    raise FileFormatError(
        f"{rel_path}: header {';'.join(header)[:200]!r} is not an openbudget.gov.ua export; expected one of: {expected}"
    )


def period_type_of(rel_path: str, months: set[int]) -> str:
    """'month' or 'quarter': the file name says so (as the API's `period` does), else the months do.

    Quarterly exports report the quarter's last month only, so a file whose months are all in
    {3, 6, 9, 12} and that has more than one of them is quarterly.
    """
    match = _PERIOD_TOKEN.search(rel_path.rsplit("/", 1)[-1])
    if match:
        return "quarter" if match.group(1).lower().startswith("quarter") else "month"
    if len(months) > 1 and months <= {3, 6, 9, 12}:
        return "quarter"
    return "month"


def month_of(rep_period: str) -> int | None:
    match = _REP_MONTH.match(rep_period)
    if not match:
        return None
    return int(match.group(1) or match.group(4))


def read_openbudget(decoded: DecodedFile) -> tuple[OpenbudgetFormat, pa.Table, list[Rejection]]:
    """Parse one export into text staging rows; rows with the wrong number of fields are rejected."""
    header = decoded.header
    if header is None:
        raise FileFormatError(f"{decoded.rel_path}: the file is empty (no header)")
    fmt, pos = detect_format(header, decoded.rel_path)
    width = len(header)

    def column(name: str | None) -> int | None:
        return pos.get(name) if name else None

    take = [
        column("REP_PERIOD"),
        column("FUND_TYP"),
        column("COD_BUDGET"),
        column(fmt.code_column),
        column(fmt.name_column),
        column(fmt.functional_columns[0]) if fmt.functional_columns else None,
        column(fmt.economic_columns[0]) if fmt.economic_columns else None,
        column(fmt.economic_columns[1]) if fmt.economic_columns else None,
        column("ZAT_AMT"),
        column("PLANS_AMT"),
        column("FAKT_AMT"),
    ]
    picked = [i for i in take if i is not None]
    fast = read_text_columns(decoded, width, sorted(set(picked)))
    if fast is not None:  # every record one line of the header's width: Arrow splits it, line = row + 2
        n = fast.num_rows
        lines: Sequence[int] = range(2, n + 2)
        rejections: list[Rejection] = []
        values = [fast[f"c{i}"].combine_chunks() if i is not None else pa.nulls(n, pa.string()) for i in take]
        rep_periods = values[0].unique().to_pylist()
    else:
        records = csv_records(decoded.text, decoded.delimiter, decoded.rel_path)
        next(records)  # the header
        lines, values, rejections = _row_by_row(decoded, records, width, take)
        n = len(lines)
        rep_periods = set(values[0])
    months = {m for m in (month_of(p) for p in rep_periods) if m is not None}
    table = pa.table(
        {
            "source_file": _same(decoded.rel_path, n),
            "source_line": pa.array(lines, pa.int32()),
            "direction": _same(fmt.direction, n),
            "classification": _same(fmt.classification, n),
            "period_type": _same(period_type_of(decoded.rel_path, months), n),
            **{name: _text_array(col) for name, col in zip(STAGING_COLUMNS[5:], values, strict=True)},
        }
    )
    return fmt, table, rejections


def _row_by_row(
    decoded: DecodedFile, records: Iterator[tuple[int, list[str]]], width: int, take: list[int | None]
) -> tuple[list[int], list[Sequence[str | None]], list[Rejection]]:
    """Python's CSV reader, for files Arrow cannot number exactly: every record with the line it starts on; a row
    of the wrong width is rejected with its line."""
    good: list[list[str]] = []
    lines: list[int] = []
    rejections: list[Rejection] = []
    for line_number, fields in records:
        if len(fields) != width:
            rejections.append(
                Rejection(
                    decoded.rel_path,
                    line_number,
                    None,
                    f"expected {width} fields separated by ';' as in the header, found {len(fields)}",
                    decoded.line(line_number),
                )
            )
            continue
        lines.append(line_number)
        good.append(fields)
    n = len(lines)
    by_column = list(zip(*good, strict=True)) if good else [() for _ in range(width)]  # transposed at C speed
    return lines, [by_column[index] if index is not None else [None] * n for index in take], rejections


def _text_array(values: pa.Array | Sequence[str | None]) -> pa.Array:
    return values if isinstance(values, pa.Array) else pa.array(values, pa.string())


def _same(value: str, n: int) -> pa.Array:
    """One value on every row, built in Arrow (a Python list of millions of references costs seconds)."""
    return pa.repeat(pa.scalar(value, pa.string()), n)
