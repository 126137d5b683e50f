"""The project registry: template, CSV and XLSX reading, rules, versions, funding, tenders and flags."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from etl.sources.projects import COLUMNS, FIELDS, template_csv, write_templates
from hromada.settings import ROOT
from tests.conftest import FIXTURES
from tests.helpers import build_from, fetch

CODIFIER = (FIXTURES / "katottg" / "codifier_slice_plain_apostrophe.csv").read_text(encoding="utf-8")
REGISTER = (
    "katottg;lat;lon;population\r\nUA74100250010077513;51.45;31.08;2900\r\nUA74100250020057602;51.40;31.20;250\r\n"
)
PROZORRO = (FIXTURES / "prozorro" / "release_package_roads.json").read_text(encoding="utf-8")


def registry(*rows: dict[str, str], columns: tuple[str, ...] = COLUMNS) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, delimiter=";", lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def row(**values: str) -> dict[str, str]:
    base = {
        "project_id": "P1",
        "title_uk": "Ремонт дороги",
        "sector": "roads",
        "status": "implementation",
        "settlement_katottg": "UA74100250010077513",
        "budget_uah": "1000000",
    }
    return {**base, **values}


def test_committed_templates_are_the_generated_ones(tmp_path: Path) -> None:
    assert (ROOT / "data" / "templates" / "projects_template.csv").read_bytes() == template_csv()
    write_templates(tmp_path)
    committed = load_workbook(ROOT / "data" / "templates" / "projects_template.xlsx", read_only=True)
    fresh = load_workbook(tmp_path / "projects_template.xlsx", read_only=True)
    for name in ("projects", "columns"):
        assert list(committed[name].values) == list(fresh[name].values)


def test_template_rows_load_cleanly(tmp_path: Path) -> None:
    db, report = build_from(tmp_path, {"projects/template.csv": template_csv()})
    (rec,) = report.files
    assert (rec.rows_read, rec.rows_loaded, rec.rows_rejected) == (2, 2, 0)
    assert fetch(db, "select project_id, sector, status, is_opportunity, payback_years from projects order by 1") == [
        ("MK-2025-001", "roads", "implementation", False, None),
        ("MK-2026-004", "energy_efficiency", "idea", True, 5.5),  # 1 800 000 sought / 330 000 a year
    ]
    assert fetch(db, "select project_id, source, amount_uah from project_funding order by 1, 2") == [
        ("MK-2025-001", "local_budget", Decimal("500000.00")),
        ("MK-2025-001", "srdf", Decimal("2000000.00")),
        ("MK-2026-004", "donor", Decimal("900000.00")),
        ("MK-2026-004", "investor", Decimal("900000.00")),
    ]


@pytest.mark.parametrize(
    ("values", "column", "reason"),
    [
        ({"title_uk": ""}, "title_uk", "title_uk is required"),
        ({"status": "finished"}, "status", "'finished' is not one of idea, preparation"),
        ({"sector": "space"}, "sector", "'space' is not one of roads"),
        ({"settlement_katottg": "UA7410"}, "settlement_katottg", "is not a KATOTTG code"),
        ({"budget_uah": "-5"}, "budget_uah", "is outside 0"),
        ({"budget_uah": "багато"}, "budget_uah", "is not a number"),
        ({"planned_end": "31/12/2025"}, "planned_end", "is not a date"),
        ({"progress_pct": "120"}, "progress_pct", "is outside 0..100"),
        ({"prozorro_ids": "12345"}, "prozorro_ids", "is not a Prozorro tender id"),
        ({"links": "ftp://x"}, "links", "is not a web link"),
        ({"cadastral_number": "123"}, "cadastral_number", "is not a cadastral number"),
        ({"is_opportunity": "maybe"}, "is_opportunity", "is not yes or no"),
    ],
)
def test_bad_rows_are_rejected_with_column_and_reason(tmp_path: Path, values, column: str, reason: str) -> None:
    text = registry(row(project_id="OK"), row(project_id="BAD", **values))
    db, _ = build_from(tmp_path, {"projects/r.csv": text})
    assert fetch(db, "select project_id from projects") == [("OK",)]
    ((line, col, why, raw),) = fetch(db, "select line_number, column_name, reason, raw_text from rejected_rows")
    assert (line, col) == (3, column) and reason in why and raw.startswith("BAD;")


def test_duplicate_ids_in_one_file_are_rejected(tmp_path: Path) -> None:
    db, _ = build_from(tmp_path, {"projects/r.csv": registry(row(), row(title_uk="Інша назва"))})
    assert fetch(db, "select title_uk from projects") == [("Ремонт дороги",)]
    assert fetch(db, "select reason from rejected_rows") == [("duplicate project_id 'P1' (first on line 2)",)]


def test_header_problems_are_file_errors(tmp_path: Path) -> None:
    text = registry(row(), columns=("project_id", "title_uk", "sector", "status", "budget_uah", "colour"))
    db, _ = build_from(tmp_path, {"projects/r.csv": text})
    ((message,),) = fetch(db, "select message from source_files")
    assert "lacks required column(s) settlement_katottg" in message and "unknown column(s) colour" in message


def test_xlsx_registry_with_excel_dates_and_numbers(tmp_path: Path) -> None:
    from datetime import datetime

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(
        [
            "project_id",
            "title_uk",
            "sector",
            "status",
            "settlement_katottg",
            "budget_uah",
            "planned_end",
            "progress_pct",
        ]
    )
    sheet.append(
        [
            "X1",
            "Освітлення",
            "street_lighting",
            "completed",
            "UA74100250010077513",
            350000.5,
            datetime(2025, 10, 31),
            None,
        ]
    )
    sheet.append(["X2", "Без суми", "roads", "idea", "UA74100250010077513", None, None, None])
    workbook.save(tmp_path / "r.xlsx")
    db, report = build_from(tmp_path, {"projects/r.xlsx": (tmp_path / "r.xlsx").read_bytes()})
    assert fetch(db, "select project_id, budget_uah, planned_end::varchar, progress_pct from projects") == [
        ("X1", Decimal("350000.50"), "2025-10-31", 100.0)
    ]  # completed projects count as 100 %
    assert fetch(db, "select line_number, column_name from rejected_rows") == [(3, "budget_uah")]
    assert report.files[0].format == "project_registry_xlsx"


def test_versions_changes_tenders_and_flags(tmp_path: Path) -> None:
    old = registry(
        row(status="procurement", spent_uah="0", planned_end="2025-08-31", prozorro_ids="UA-2025-03-03-000101-a")
    )
    new = registry(
        row(
            spent_uah="1200000",
            planned_end="2025-10-31",
            prozorro_ids="UA-2025-03-03-000101-a UA-2025-01-01-000001-z",
            lat="48.0",
            lon="31.08",
            funding_local_budget_uah="600000",
        ),
        row(project_id="P2", settlement_katottg="UA74100250990000000"),
    )
    db, report = build_from(
        tmp_path,
        {
            "katottg/k.csv": CODIFIER,
            "settlements/s.csv": REGISTER,
            "prozorro/roads.json": PROZORRO,
            "projects/registry_2025-06.csv": old,
            "projects/registry_2025-09.csv": new,
        },
    )
    assert fetch(db, "select field, old_value, new_value from project_changes order by field") == [
        ("planned_end", "2025-08-31", "2025-10-31"),
        ("spent_uah", "0.00", "1200000.00"),
        ("status", "procurement", "implementation"),
    ]
    assert fetch(db, "select tender_ref, ocid, matched from project_tenders order by 1") == [
        ("UA-2025-01-01-000001-z", None, False),
        ("UA-2025-03-03-000101-a", "ocds-be6bcu-UA-2025-03-03-000101-a", True),
    ]
    flags = fetch(db, "select project_id, flag from project_flags order by 1, 2")
    assert flags == [
        ("P1", "funding_mismatch"),
        ("P1", "outside_hromada"),
        ("P1", "spent_over_budget"),
        ("P1", "tender_not_found"),
        ("P2", "unknown_settlement"),
    ]
    counts = {
        r.file_path: (r.rows_read, r.rows_loaded, r.rows_duplicate) for r in report.files if r.source == "projects"
    }
    assert counts == {"projects/registry_2025-06.csv": (1, 0, 1), "projects/registry_2025-09.csv": (2, 2, 0)}


def test_every_field_is_documented() -> None:
    doc = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")
    for field in FIELDS:
        assert f"| `{field.name}` |" in doc, field.name
