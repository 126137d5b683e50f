"""The column-at-a-time path of the template reader, for large CSV files.

Same result as the row-by-row path in tabular.read_table (the tests compare them on files full of mistakes),
an order of magnitude faster: Arrow's CSV reader splits the file, and each field is parsed per column —
low-cardinality columns by parsing each distinct value once in Python, numbers and dates by Arrow with the
Python parser only for the values Arrow could not read (to give the same value or the same message).

Line numbers are exact only when every record is one physical line, so the path declines (returns None) for
files with blank lines, quoted line breaks, lone carriage returns or rows of the wrong width; the row-by-row
path then reads them.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from etl.sources.base import DecodedFile, Rejection
from etl.sources.fields import Field, text

UNIQUE_SHARE = 0.05  # parse distinct values in Python when there are at most this share of them …
UNIQUE_ALWAYS = 2_000  # … or at most this many (a value parsed in Python costs as much as ~15 rows in Arrow)
# Breaks Python's splitlines sees and the CSV reader does not: single bytes, and U+0085, U+2028, U+2029 as
# UTF-8 (C2 85, E2 80 A8, E2 80 A9; UTF-8 never repeats a character's bytes inside another's).
_ODD_BYTES = (b"\x0b", b"\x0c", b"\x1c", b"\x1d", b"\x1e")
_NUMBER = r"^[+-]?(\d+\.?\d*|\.\d+)$"
_INTEGER = r"^-?\d+$"


def _one_line_per_record(data: bytes) -> int | None:
    """Data rows when every record is one non-blank physical line of the UTF-8 bytes, else None. Counts and
    searches only, on bytes (a search over text of Cyrillic letters is several times slower): no slice of a file
    that may be hundreds of megabytes."""
    if data[:1] in (b"\n", b"\r"):
        return None  # a blank first line: the header is not line 1
    if data.count(b"\r") != data.count(b"\r\n") or any(b in data for b in _ODD_BYTES):
        return None  # a lone carriage return, or a break Python's splitlines sees and the CSV reader does not
    # Multi-byte searches are slow where their first byte is common (C2 starts «», \n every line): numpy instead.
    octets = np.frombuffer(data, np.uint8)
    c2 = np.flatnonzero(octets[:-1] == 0xC2)
    e2 = np.flatnonzero(octets[:-2] == 0xE2)
    if (octets[c2 + 1] == 0x85).any() or ((octets[e2 + 1] == 0x80) & ((octets[e2 + 2] | 1) == 0xA9)).any():
        return None
    newlines = np.flatnonzero(octets == 0x0A)
    gaps = np.diff(newlines)
    if (gaps == 1).any() or ((gaps == 2) & (octets[newlines[:-1] + 1] == 0x0D)).any():
        return None  # a blank line (Arrow skips it, so lines would shift)
    count = len(newlines)
    return count - 1 if data.endswith(b"\n") else count  # lines after the header


def read_text_columns(decoded: DecodedFile, width: int, columns: Sequence[int]) -> pa.Table | None:
    """The data rows' fields `columns` (named c0, c1, …) as text, split by Arrow; row i is line i + 2.

    None when that numbering could be wrong (a record over several lines, a blank line, a row of another width):
    the caller then reads the file row by row, which names every line exactly.
    """
    data = decoded.utf8
    rows = _one_line_per_record(data)
    if rows is None:
        return None
    invalid: list[int] = []

    def on_invalid(_row) -> str:
        invalid.append(1)
        return "skip"

    try:
        table = pacsv.read_csv(
            io.BytesIO(data),
            read_options=pacsv.ReadOptions(
                column_names=[f"c{i}" for i in range(width)], skip_rows=1, block_size=1 << 24
            ),
            parse_options=pacsv.ParseOptions(
                delimiter=decoded.delimiter, quote_char='"', newlines_in_values=False, invalid_row_handler=on_invalid
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={f"c{i}": pa.string() for i in range(width)},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                include_columns=[f"c{i}" for i in columns],
            ),
        )
    except (pa.ArrowInvalid, UnicodeError):
        return None
    if invalid or table.num_rows != rows:
        return None
    return table


def read_columns(
    decoded: DecodedFile, width: int, plan: Sequence[tuple[int, Any]], unique: str | None
) -> tuple[dict[str, pa.Array], list[Rejection], int] | None:
    """(field name -> parsed column of the kept rows incl. source_line, rejections, rows read), or None."""
    table = read_text_columns(decoded, width, [i for i, _ in plan])
    if table is None:
        return None
    n = table.num_rows
    lines = pa.array(np.arange(2, n + 2, dtype=np.int32))  # from numpy: a range of millions is slow to convert
    errors: dict[int, tuple[str, str]] = {}  # row -> (column, reason): the first field in plan order wins
    parsed: dict[str, pa.Array] = {}
    for i, f in plan:
        values, field_errors = _parse_column(f, table[f"c{i}"].combine_chunks())
        parsed[f.name] = values
        for row, reason in field_errors.items():
            errors.setdefault(row, (f.name, reason))
    if unique is not None:
        _duplicates(parsed[unique], errors, unique)
    rejections = [
        Rejection(decoded.rel_path, row + 2, column, reason, decoded.line(row + 2))
        for row, (column, reason) in sorted(errors.items())
    ]
    if errors:
        keep = pc.invert(pc.is_in(pa.array(np.arange(n)), pa.array(sorted(errors), pa.int64())))
        parsed = {name: pc.filter(col, keep) for name, col in parsed.items()}
        lines = pc.filter(lines, keep)
    parsed["source_line"] = lines
    return parsed, rejections, n


def _duplicates(keys: pa.Array, errors: dict[int, tuple[str, str]], name: str) -> None:
    """Later repeats of a key among the rows without other problems, as the row-by-row path reports them. Found
    in pandas (a Python loop over a million keys took half a second); only the repeats are named in Python."""
    candidate = np.ones(len(keys), bool)
    candidate[list(errors)] = False
    candidate &= keys.is_valid().to_numpy(zero_copy_only=False)
    rows = np.flatnonzero(candidate)
    values = keys.take(pa.array(rows)).to_pandas()
    repeated = values.duplicated(keep="first").to_numpy()
    if not repeated.any():
        return
    again = set(values[repeated])
    first_seen: dict[Any, int] = {}
    for row, key in zip(rows[~repeated], values[~repeated], strict=True):
        if key in again:
            first_seen[key] = int(row) + 2
    for row, key in zip(rows[repeated], values[repeated], strict=True):
        shown = keys[int(row)].as_py()  # the value as Python has it, as the row-by-row path names it
        errors[int(row)] = (name, f"duplicate {name} {shown!r} (first on line {first_seen[key]})")


def _parse_column(f: Field, raw: pa.Array) -> tuple[pa.Array, dict[int, str]]:
    """A column's values (null where empty) and the reason for each row it cannot take."""
    stripped = pc.utf8_trim_whitespace(raw)
    empty = pc.equal(stripped, "")
    errors: dict[int, str] = {}
    if f.required:
        for row in pc.indices_nonzero(empty).to_pylist():
            errors[row] = f"{f.name} is required"
    present = pc.if_else(empty, pa.scalar(None, pa.string()), stripped)
    if f.parse is text:
        return present, errors
    limit = max(UNIQUE_ALWAYS, UNIQUE_SHARE * len(raw))
    # A first slice with more distinct values than the limit settles it (timestamps, amounts): finding every
    # distinct value of a million would take longer than parsing them.
    if len(pc.unique(present.slice(0, int(2 * limit)).drop_null())) > limit:
        return _by_type(f, present, errors)
    distinct = pc.unique(present.drop_null())
    if len(distinct) <= limit:
        return _by_distinct_value(f, present, distinct, errors)
    return _by_type(f, present, errors)


def _python_value(f: Field, value: str) -> tuple[Any, str | None]:
    try:
        result = f.parse(value)
    except ValueError as exc:
        return None, str(exc)
    return (float(result) if pa.types.is_floating(f.arrow) else result), None


def _by_distinct_value(f: Field, present: pa.Array, distinct: pa.Array, errors: dict[int, str]):
    values, bad = [], {}
    for position, value in enumerate(distinct.to_pylist()):
        result, reason = _python_value(f, value)
        values.append(result)
        if reason is not None:
            bad[position] = reason
    index = pc.index_in(present, distinct)
    column = pc.take(pa.array(values, f.arrow), index)
    if bad:
        bad_values = pc.take(distinct, pa.array(list(bad)))
        for row in pc.indices_nonzero(pc.fill_null(pc.is_in(present, bad_values), False)).to_pylist():
            errors[row] = bad[index[row].as_py()]
    return column, errors


def _by_type(f: Field, present: pa.Array, errors: dict[int, str]):
    """Arrow reads the plain cases; Python parses what is left, for the same value or the same message."""
    arrow = f.arrow
    if pa.types.is_floating(arrow) or pa.types.is_integer(arrow):
        cleaned = pc.replace_substring(pc.replace_substring(present, "\u00a0", ""), " ", "")
        if pa.types.is_floating(arrow):
            cleaned = pc.replace_substring(cleaned, ",", ".")
        plain = pc.fill_null(
            pc.match_substring_regex(cleaned, _NUMBER if pa.types.is_floating(arrow) else _INTEGER), False
        )
        column = pc.cast(pc.if_else(plain, cleaned, pa.scalar(None, pa.string())), arrow)
        low, high = getattr(f.parse, "low", None), getattr(f.parse, "high", None)
        inside = pa.repeat(pa.scalar(True), len(present))
        if low is not None:
            inside = pc.and_(inside, pc.fill_null(pc.greater_equal(column, float(low)), True))
        if high is not None:
            inside = pc.and_(inside, pc.fill_null(pc.less_equal(column, float(high)), True))
        column = pc.if_else(inside, column, pa.scalar(None, arrow))
    elif pa.types.is_date(arrow):
        column = pc.cast(pc.strptime(present, format="%Y-%m-%d", unit="s", error_is_null=True), arrow)
    elif pa.types.is_timestamp(arrow):
        column = pc.cast(pc.strptime(present, format="%Y-%m-%dT%H:%M:%S", unit="us", error_is_null=True), arrow)
    else:
        return _by_distinct_value(f, present, pc.unique(present.drop_null()), errors)
    leftover = pc.indices_nonzero(pc.and_(pc.is_null(column), pc.is_valid(present))).to_pylist()
    if not leftover:
        return column, errors
    patched = column.to_pylist()
    for row in leftover:
        value, reason = _python_value(f, present[row].as_py())
        if reason is None:
            patched[row] = value
        else:
            errors[row] = reason
    return pa.array(patched, arrow), errors
