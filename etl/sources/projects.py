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
from datetime import datetime
from pathlib import Path

import pyarrow as pa

from etl.sources.base import DecodedFile, Rejection
from etl.sources.fields import (
    Field,
    choice,
    date_value,
    field,
    katottg,
    number,
    pattern,
    text,
    yes_no,
)
from etl.sources.tabular import (
    fields_markdown,
    read_table,
    staging_schema,
)

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

_PROGRAMME = re.compile(r"^\d{7}$")
_CADASTRAL = re.compile(r"^\d{10}:\d{2}:\d{3}:\d{4}$")
_TENDER = re.compile(r"^(UA-\d{4}-\d{2}-\d{2}-\d{6}-[a-z]|ocds-[a-z0-9]+-UA-\d{4}-\d{2}-\d{2}-\d{6}-[a-z])$")


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


UAH = pa.decimal128(18, 2)
FIELDS: tuple[Field, ...] = (
    field(
        "project_id", text, pa.string(), True, "Unique id the hromada gives the project", "MK-2025-001", "MK-2026-004"
    ),
    field(
        "title_uk",
        text,
        pa.string(),
        True,
        "Title in Ukrainian",
        "Капітальний ремонт дороги вул. Шевченка",
        "Сонячна електростанція на даху ліцею",
    ),
    field(
        "title_en",
        text,
        pa.string(),
        False,
        "Title in English",
        "Repair of Shevchenka street",
        "Rooftop solar plant at the lyceum",
    ),
    field("description", text, pa.string(), False, "What is done and why", "Асфальтування 1,2 км", "СЕС 50 кВт"),
    field("sector", choice(SECTORS), pa.string(), True, "One of: " + ", ".join(SECTORS), "roads", "energy_efficiency"),
    field("status", choice(STATUSES), pa.string(), True, "One of: " + ", ".join(STATUSES), "implementation", "idea"),
    field(
        "settlement_katottg",
        katottg,
        pa.string(),
        True,
        "KATOTTG code of the settlement",
        "UA74100250010077513",
        "UA74100250020057602",
    ),
    field("lat", number(-90, 90), pa.float64(), False, "Latitude, WGS 84", "51.4502", ""),
    field("lon", number(-180, 180), pa.float64(), False, "Longitude, WGS 84", "31.0793", ""),
    field(
        "planned_start", date_value, pa.date32(), False, "Planned start (YYYY-MM-DD or DD.MM.YYYY)", "2025-04-01", ""
    ),
    field("planned_end", date_value, pa.date32(), False, "Planned end", "2025-09-30", ""),
    field("actual_start", date_value, pa.date32(), False, "Actual start", "2025-04-21", ""),
    field("actual_end", date_value, pa.date32(), False, "Actual end", "", ""),
    field("budget_uah", number(), UAH, True, "Total budget, UAH", "2500000", "1800000"),
    field("spent_uah", number(), UAH, False, "Spent so far, UAH", "1800000.50", "0"),
    *(
        field(f"funding_{source}_uah", number(), UAH, False, f"Funding from: {label}", ex1, ex2)
        for source, label, ex1, ex2 in (
            ("local_budget", "the hromada's budget", "500000", ""),
            ("state_budget", "the state budget (subventions)", "", ""),
            ("srdf", "the State Regional Development Fund (ДФРР)", "2000000", ""),
            ("donor", "donors and international programmes", "", "900000"),
            ("investor", "a private investor", "", "900000"),
            ("cofinancing", "co-financing by residents or businesses", "", ""),
        )
    ),
    field("progress_pct", number(0, 100), pa.float64(), False, "Physical progress, %", "70", "0"),
    field(
        "programme_code",
        pattern(_PROGRAMME, "a programme code (ТПКВКМБ, 7 digits)"),
        pa.string(),
        False,
        "Budget programme code (ТПКВКМБ) that pays for it",
        "0117461",
        "",
    ),
    field(
        "prozorro_ids",
        _id_list,
        pa.string(),
        False,
        "Prozorro tender ids or ocids, separated by spaces or ;",
        "UA-2025-03-03-000101-a",
        "",
    ),
    field("dream_id", text, pa.string(), False, "Project id in DREAM (dream.gov.ua)", "", ""),
    field("pb_uid", text, pa.string(), False, "Participatory budget proposal it implements (uid)", "", ""),
    field(
        "expected_effect",
        text,
        pa.string(),
        False,
        "Expected effect in words",
        "Безпечний проїзд для 900 мешканців",
        "Економія електроенергії",
    ),
    field("expected_kwh_per_year", number(), pa.float64(), False, "Energy saved or produced, kWh a year", "", "55000"),
    field("department", text, pa.string(), False, "Responsible department", "Відділ ЖКГ", "Відділ економіки"),
    field(
        "contact", text, pa.string(), False, "Contact (name, phone, e-mail)", "+380 00 000 0000", "invest@example.org"
    ),
    field("links", _links, pa.string(), False, "Photos and documents: web links separated by spaces", "", ""),
    field("is_opportunity", yes_no, pa.bool_(), False, "Seeks funding from investors or donors (yes/no)", "no", "yes"),
    field("funding_sought_uah", number(), UAH, False, "Funding sought, UAH", "", "1800000"),
    field(
        "investment_form",
        choice(INVESTMENT_FORMS),
        pa.string(),
        False,
        "One of: " + ", ".join(INVESTMENT_FORMS),
        "",
        "grant_cofinancing",
    ),
    field("annual_revenue_uah", number(), UAH, False, "Expected annual revenue or savings, UAH", "", "330000"),
    field("payback_years", number(0, 100), pa.float64(), False, "Simple payback, years (computed when empty)", "", ""),
    field("land_area_ha", number(), pa.float64(), False, "Land area, hectares", "", ""),
    field("utilities", text, pa.string(), False, "Utilities available on site", "", "електрика 0,4 кВ"),
    field("ownership", text, pa.string(), False, "Who owns the site or building", "комунальна", "комунальна"),
    field(
        "cadastral_number",
        pattern(_CADASTRAL, "a cadastral number (NNNNNNNNNN:NN:NNN:NNNN)"),
        pa.string(),
        False,
        "Cadastral number of the land plot",
        "",
        "",
    ),
)
COLUMNS = tuple(f.name for f in FIELDS)
STAGING_SCHEMA = staging_schema(FIELDS)


def read_registry(
    path: Path, rel_path: str, decoded: DecodedFile | None = None
) -> tuple[str, pa.Table, list[Rejection], int]:
    """Parse a registry file (CSV or XLSX): (format, rows, rejections, rows read)."""
    fmt = "project_registry_xlsx" if path.suffix.lower() == ".xlsx" else "project_registry_csv"
    table, rejections, read = read_table(
        path, rel_path, decoded, FIELDS, "the project registry template (see docs/templates.md)", unique="project_id"
    )
    return fmt, table, rejections, read


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
    return fields_markdown(FIELDS)
