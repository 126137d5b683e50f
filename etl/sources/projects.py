"""Our project registry template: the hromada's investment and infrastructure projects (CSV or XLSX).

No national standard covers a hromada's project pipeline, so the template borrows OC4IDS's ideas
(identifier, sector, status, period, budget, funding, procurement links) in a flat sheet a finance
officer can keep in a spreadsheet. One declaration (FIELDS) defines the columns, their types and rules,
the documentation (docs/templates.md) and the template files in data/templates/.

A row is rejected when a required value is missing or a value cannot be read; softer problems
(coordinates outside the hromada, spending above the budget, a tender id with no Prozorro record) keep
the project and are recorded as flags by the SQL model.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pyarrow as pa

from etl.sources.base import DecodedFile, FileFormatError, Rejection, csv_records, sniff_delimiter

SECTORS = (
    "roads",
    "street_lighting",
    "water",
    "schools",
    "kindergartens",
    "health",
    "energy_efficiency",
    "admin_services",
    "culture_sport",
    "housing",
    "other",
)
STATUSES = ("idea", "preparation", "procurement", "implementation", "completed", "cancelled")
INVESTMENT_FORMS = ("ppp", "concession", "lease", "sale", "grant_cofinancing")
FUNDING_SOURCES = ("local_budget", "state_budget", "srdf", "donor", "investor", "cofinancing")

_KATOTTG = re.compile(r"^UA\d{17}$")
_PROGRAMME = re.compile(r"^\d{7}$")
_CADASTRAL = re.compile(r"^\d{10}:\d{2}:\d{3}:\d{4}$")
_TENDER = re.compile(r"^(UA-\d{4}-\d{2}-\d{2}-\d{6}-[a-z]|ocds-[a-z0-9]+-UA-\d{4}-\d{2}-\d{2}-\d{6}-[a-z])$")


def _text(value: str) -> str:
    return value


def _choice(options: tuple[str, ...]) -> Callable[[str], str]:
    def parse(value: str) -> str:
        key = value.strip().lower().replace(" ", "_").replace("-", "_")
        if key not in options:
            raise ValueError(f"{value!r} is not one of {', '.join(options)}")
        return key

    return parse


def _pattern(regex: re.Pattern, what: str) -> Callable[[str], str]:
    def parse(value: str) -> str:
        if not regex.match(value.strip()):
            raise ValueError(f"{value!r} is not {what}")
        return value.strip()

    return parse


def _number(low: float | None = 0, high: float | None = None) -> Callable[[str], Decimal]:
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

    return parse


def _date(value: str) -> date:
    value = value.strip()
    for fmt in ("%Y-%m-%d", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"{value!r} is not a date (YYYY-MM-DD or DD.MM.YYYY)")


def _yes_no(value: str) -> bool:
    key = value.strip().lower()
    if key in ("yes", "true", "1", "так", "y", "+"):
        return True
    if key in ("no", "false", "0", "ні", "n", "-"):
        return False
    raise ValueError(f"{value!r} is not yes or no (так/ні)")


def _id_list(value: str) -> str:
    ids = [part for part in re.split(r"[\s,;]+", value.strip()) if part]
    for part in ids:
        if not _TENDER.match(part):
            raise ValueError(f"{part!r} is not a Prozorro tender id (UA-YYYY-MM-DD-NNNNNN-x) or ocid")
    return " ".join(ids)


def _links(value: str) -> str:
    links = [part for part in re.split(r"\s+", value.strip()) if part]
    for link in links:
        if not link.startswith(("https://", "http://")):
            raise ValueError(f"{link!r} is not a web link (http:// or https://)")
    return " ".join(links)


@dataclass(frozen=True)
class Field:
    name: str
    parse: Callable[[str], Any]
    arrow: pa.DataType
    required: bool
    description: str
    example: tuple[str, str]


def _f(name, parse, arrow, required, description, example_1="", example_2=""):
    return Field(name, parse, arrow, required, description, (example_1, example_2))


UAH = pa.decimal128(18, 2)
FIELDS: tuple[Field, ...] = (
    _f("project_id", _text, pa.string(), True, "Unique id the hromada gives the project", "MK-2025-001", "MK-2026-004"),
    _f(
        "title_uk",
        _text,
        pa.string(),
        True,
        "Title in Ukrainian",
        "Капітальний ремонт дороги вул. Шевченка",
        "Сонячна електростанція на даху ліцею",
    ),
    _f(
        "title_en",
        _text,
        pa.string(),
        False,
        "Title in English",
        "Repair of Shevchenka street",
        "Rooftop solar plant at the lyceum",
    ),
    _f("description", _text, pa.string(), False, "What is done and why", "Асфальтування 1,2 км", "СЕС 50 кВт"),
    _f("sector", _choice(SECTORS), pa.string(), True, "One of: " + ", ".join(SECTORS), "roads", "energy_efficiency"),
    _f("status", _choice(STATUSES), pa.string(), True, "One of: " + ", ".join(STATUSES), "implementation", "idea"),
    _f(
        "settlement_katottg",
        _pattern(_KATOTTG, "a KATOTTG code (UA and 17 digits)"),
        pa.string(),
        True,
        "KATOTTG code of the settlement",
        "UA74100250010077513",
        "UA74100250020057602",
    ),
    _f("lat", _number(-90, 90), pa.float64(), False, "Latitude, WGS 84", "51.4502", ""),
    _f("lon", _number(-180, 180), pa.float64(), False, "Longitude, WGS 84", "31.0793", ""),
    _f("planned_start", _date, pa.date32(), False, "Planned start (YYYY-MM-DD or DD.MM.YYYY)", "2025-04-01", ""),
    _f("planned_end", _date, pa.date32(), False, "Planned end", "2025-09-30", ""),
    _f("actual_start", _date, pa.date32(), False, "Actual start", "2025-04-21", ""),
    _f("actual_end", _date, pa.date32(), False, "Actual end", "", ""),
    _f("budget_uah", _number(), UAH, True, "Total budget, UAH", "2500000", "1800000"),
    _f("spent_uah", _number(), UAH, False, "Spent so far, UAH", "1800000.50", "0"),
    *(
        _f(f"funding_{source}_uah", _number(), UAH, False, f"Funding from: {label}", ex1, ex2)
        for source, label, ex1, ex2 in (
            ("local_budget", "the hromada's budget", "500000", ""),
            ("state_budget", "the state budget (subventions)", "", ""),
            ("srdf", "the State Regional Development Fund (ДФРР)", "2000000", ""),
            ("donor", "donors and international programmes", "", "900000"),
            ("investor", "a private investor", "", "900000"),
            ("cofinancing", "co-financing by residents or businesses", "", ""),
        )
    ),
    _f("progress_pct", _number(0, 100), pa.float64(), False, "Physical progress, %", "70", "0"),
    _f(
        "programme_code",
        _pattern(_PROGRAMME, "a programme code (ТПКВКМБ, 7 digits)"),
        pa.string(),
        False,
        "Budget programme code (ТПКВКМБ) that pays for it",
        "0117461",
        "",
    ),
    _f(
        "prozorro_ids",
        _id_list,
        pa.string(),
        False,
        "Prozorro tender ids or ocids, separated by spaces or ;",
        "UA-2025-03-03-000101-a",
        "",
    ),
    _f("dream_id", _text, pa.string(), False, "Project id in DREAM (dream.gov.ua)", "", ""),
    _f(
        "expected_effect",
        _text,
        pa.string(),
        False,
        "Expected effect in words",
        "Безпечний проїзд для 900 мешканців",
        "Економія електроенергії",
    ),
    _f("expected_kwh_per_year", _number(), pa.float64(), False, "Energy saved or produced, kWh a year", "", "55000"),
    _f("department", _text, pa.string(), False, "Responsible department", "Відділ ЖКГ", "Відділ економіки"),
    _f("contact", _text, pa.string(), False, "Contact (name, phone, e-mail)", "+380 00 000 0000", "invest@example.org"),
    _f("links", _links, pa.string(), False, "Photos and documents: web links separated by spaces", "", ""),
    _f("is_opportunity", _yes_no, pa.bool_(), False, "Seeks funding from investors or donors (yes/no)", "no", "yes"),
    _f("funding_sought_uah", _number(), UAH, False, "Funding sought, UAH", "", "1800000"),
    _f(
        "investment_form",
        _choice(INVESTMENT_FORMS),
        pa.string(),
        False,
        "One of: " + ", ".join(INVESTMENT_FORMS),
        "",
        "grant_cofinancing",
    ),
    _f("annual_revenue_uah", _number(), UAH, False, "Expected annual revenue or savings, UAH", "", "330000"),
    _f("payback_years", _number(0, 100), pa.float64(), False, "Simple payback, years (computed when empty)", "", ""),
    _f("land_area_ha", _number(), pa.float64(), False, "Land area, hectares", "", ""),
    _f("utilities", _text, pa.string(), False, "Utilities available on site", "", "електрика 0,4 кВ"),
    _f("ownership", _text, pa.string(), False, "Who owns the site or building", "комунальна", "комунальна"),
    _f(
        "cadastral_number",
        _pattern(_CADASTRAL, "a cadastral number (NNNNNNNNNN:NN:NNN:NNNN)"),
        pa.string(),
        False,
        "Cadastral number of the land plot",
        "",
        "",
    ),
)
COLUMNS = tuple(f.name for f in FIELDS)
_BY_NAME = {f.name: f for f in FIELDS}
STAGING_SCHEMA = pa.schema(
    [("source_file", pa.string()), ("source_line", pa.int32()), *((f.name, f.arrow) for f in FIELDS)]
)


def _rows_from_xlsx(path: Path) -> Iterator[tuple[int, list[str]]]:
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


def read_registry(
    path: Path, rel_path: str, decoded: DecodedFile | None = None
) -> tuple[str, pa.Table, list[Rejection], int]:
    """Parse a registry file (CSV or XLSX): (format, rows, rejections, rows read)."""
    if path.suffix.lower() == ".xlsx":
        fmt = "project_registry_xlsx"
        try:
            records = iter(list(_rows_from_xlsx(path)))
        except Exception as exc:  # openpyxl raises many kinds for a broken workbook
            raise FileFormatError(f"{rel_path}: not a readable .xlsx workbook ({exc})") from None

        def raw(line: int, fields: list[str]) -> str:
            return ";".join(fields)
    else:
        fmt = "project_registry_csv"
        assert decoded is not None
        records = csv_records(decoded.text, sniff_delimiter(decoded.text.split("\n", 1)[0]))

        def raw(line: int, fields: list[str]) -> str:
            return decoded.line(line)

    try:
        _, header = next(records)
    except StopIteration:
        raise FileFormatError(f"{rel_path}: the file is empty (no header)") from None
    names = [h.strip().strip("\ufeff").lower() for h in header]
    unknown = [n for n in names if n and n not in _BY_NAME]
    missing = [f.name for f in FIELDS if f.required and f.name not in names]
    if missing or unknown:
        problems = []
        if missing:
            problems.append(f"lacks required column(s) {', '.join(missing)}")
        if unknown:
            problems.append(f"has unknown column(s) {', '.join(unknown)}")
        raise FileFormatError(
            f"{rel_path}: {' and '.join(problems)}; the project registry template's columns are "
            f"{', '.join(COLUMNS)} (see docs/templates.md)"
        )

    rows: list[dict[str, Any]] = []
    rejections: list[Rejection] = []
    first_seen: dict[str, int] = {}
    read = 0
    for line, fields in records:
        read += 1
        fields = fields + [""] * (len(names) - len(fields))
        if len(fields) > len(names) and any(v.strip() for v in fields[len(names) :]):
            rejections.append(
                Rejection(rel_path, line, None, f"expected {len(names)} fields, found {len(fields)}", raw(line, fields))
            )
            continue
        row: dict[str, Any] = {"source_file": rel_path, "source_line": line}
        problem = None
        for name, value in zip(names, fields, strict=False):
            if not name:
                continue
            field = _BY_NAME[name]
            if not value.strip():
                if field.required:
                    problem = (name, f"{name} is required")
                    break
                continue
            try:
                parsed = field.parse(value)
                row[name] = float(parsed) if pa.types.is_floating(field.arrow) else parsed
            except ValueError as exc:
                problem = (name, str(exc))
                break
        if problem is None and row["project_id"] in first_seen:
            problem = (
                "project_id",
                f"duplicate project_id {row['project_id']!r} (first on line {first_seen[row['project_id']]})",
            )
        if problem:
            rejections.append(Rejection(rel_path, line, problem[0], problem[1], raw(line, fields)))
            continue
        first_seen[row["project_id"]] = line
        rows.append(row)
    return fmt, pa.Table.from_pylist(rows, schema=STAGING_SCHEMA), rejections, read


def template_csv() -> bytes:
    """The CSV template with its two example rows, as users download it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for i in range(2):
        writer.writerow([f.example[i] for f in FIELDS])
    return buffer.getvalue().encode("utf-8-sig")


def write_templates(out_dir: Path) -> list[Path]:
    """The registry template as CSV and XLSX, each with the two example rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    out_dir.mkdir(parents=True, exist_ok=True)
    csv_path = out_dir / "projects_template.csv"
    csv_path.write_bytes(template_csv())
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "projects"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for i in range(2):
        sheet.append([f.example[i] for f in FIELDS])
    notes = workbook.create_sheet("columns")
    notes.append(["column", "required", "meaning"])
    for f in FIELDS:
        notes.append([f.name, "yes" if f.required else "", f.description])
    workbook.properties.created = workbook.properties.modified = datetime(2025, 1, 1)
    xlsx_path = out_dir / "projects_template.xlsx"
    workbook.save(xlsx_path)
    return [csv_path, xlsx_path]


def markdown() -> str:
    """The registry's column table for docs/templates.md, from FIELDS."""
    lines = ["| column | required | meaning | example |", "|---|---|---|---|"]
    lines += [
        f"| `{f.name}` | {'yes' if f.required else ''} | {f.description} | {f.example[0] or f.example[1]} |"
        for f in FIELDS
    ]
    return "\n".join(lines) + "\n"
