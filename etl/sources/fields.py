"""The value parsers of declared columns, and the Field that ties a column's name to its parser and type.

A parser takes the cell's text (stripped, never empty) and returns the value or raises ValueError with the
reason in words, which becomes the rejected row's reason. Both readers use them: the row-by-row one
(tabular) and the column-at-a-time one (fastcsv); they depend on this module, not on each other.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import pyarrow as pa

MAX_INTEGER = 2**63 - 1  # whole numbers are stored as 64-bit integers
KATOTTG_CODE = re.compile(r"^UA\d{17}$")  # the codifier's code of a unit: UA and 17 digits


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


katottg = pattern(KATOTTG_CODE, "a KATOTTG code (UA and 17 digits)")  # a template cell naming a unit


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


def month_value(value: str) -> str:
    """A calendar month as YYYY-MM (a full date is cut to its month)."""
    cleaned = value.strip()[:7]
    if (
        len(cleaned) != 7
        or cleaned[4] != "-"
        or not (cleaned[:4] + cleaned[5:]).isdigit()
        or not 1 <= int(cleaned[5:]) <= 12
    ):
        raise ValueError(f"{value!r} is not a month (YYYY-MM)")
    return cleaned


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
