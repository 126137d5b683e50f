"""The SMART-hromada programme's templates: the council's targets, the electronic document flow and the
internet access of every settlement. No national data set covers them, so the council keeps these small
tables itself (docs/templates.md); each folder (`targets/`, `documents/`, `connectivity/`) takes its own
template, told apart by its header like every template reader.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from etl.sources.base import DecodedFile, Rejection
from etl.sources.fields import (
    Field,
    choice,
    date_value,
    field,
    integer,
    katottg,
    month_value,
    number,
    text,
    yes_no,
)
from etl.sources.tabular import Datasets, read_dataset, staging_schema
from etl.sources.tabular import write_templates as write_csv_templates
from hromada.targets import KPIS, MOBILE_COVERAGE

TARGETS: tuple[Field, ...] = (
    field(
        "kpi",
        choice(tuple(KPIS)),
        pa.string(),
        True,
        "One of: " + ", ".join(KPIS),
        "own_revenue_share",
        "e_services_online",
    ),
    field("year", integer(2000, 2100), pa.int64(), True, "The year the target is for", "2026", "2026"),
    field(
        "target",
        number(0),
        pa.float64(),
        True,
        "The target: per cent for shares (60 = 60 %), kWh per m² a year, UAH a year",
        "62",
        "70",
    ),
    field("note", text, pa.string(), False, "Where the target comes from", "Стратегія розвитку 2021–2027, ціль 1.2"),
)
DOCUMENTS: tuple[Field, ...] = (
    field("month", month_value, pa.string(), True, "Month, YYYY-MM", "2026-10", "2026-10"),
    field("department", text, pa.string(), True, "Department or institution", "Загальний відділ", "ЦНАП"),
    field(
        "registered", integer(), pa.int64(), True, "Documents registered (incoming, outgoing, internal)", "412", "96"
    ),
    field(
        "electronic",
        integer(),
        pa.int64(),
        True,
        "Of them handled electronically end to end (registered, routed and signed in the system)",
        "371",
        "90",
    ),
    field(
        "median_days_to_sign",
        number(0),
        pa.float64(),
        False,
        "Median days from registration to signature",
        "1.5",
        "0.8",
    ),
)
CONNECTIVITY: tuple[Field, ...] = (
    field(
        "settlement_katottg",
        katottg,
        pa.string(),
        True,
        "Settlement",
        "UA74100250010077513",
        "UA74100250020057602",
    ),
    field("as_of", date_value, pa.date32(), True, "Date the facts were checked", "2026-10-01", "2026-10-01"),
    field(
        "fixed_broadband",
        yes_no,
        pa.bool_(),
        True,
        "Fixed broadband (fibre, cable or DSL) can be ordered at home (так/ні)",
        "так",
        "ні",
    ),
    field(
        "mobile_4g",
        choice(MOBILE_COVERAGE),
        pa.string(),
        True,
        "4G coverage of the settlement: none, partial or full",
        "full",
        "partial",
    ),
    field("download_mbps", number(0), pa.float64(), False, "Typical download speed, Mbit/s", "100", "12"),
    field(
        "public_wifi_points", integer(), pa.int64(), False, "Public Wi-Fi points (school, library, centre)", "3", "0"
    ),
    field("households", integer(), pa.int64(), False, "Households in the settlement", "2150", "140"),
    field(
        "households_connected",
        integer(),
        pa.int64(),
        False,
        "Households with a fixed internet subscription",
        "1320",
        "0",
    ),
)

# Headers are tried in this order; each template's required columns tell it apart.
DATASETS: Datasets = {
    "stg_targets": (TARGETS, "targets", None),
    "stg_documents": (DOCUMENTS, "documents_monthly", None),
    "stg_connectivity": (CONNECTIVITY, "settlement_connectivity", None),
}
SCHEMAS = {name: staging_schema(fields) for name, (fields, _, _) in DATASETS.items()}
TEMPLATES = {
    "targets_template.csv": TARGETS,
    "documents_template.csv": DOCUMENTS,
    "connectivity_template.csv": CONNECTIVITY,
}


def read_programme(
    path: Path, rel_path: str, decoded: DecodedFile | None
) -> tuple[str, str, pa.Table, list[Rejection], int]:
    table_name, fmt, table, rejections, read = read_dataset(
        path, rel_path, decoded, DATASETS, "targets, document flow nor connectivity template (docs/templates.md)"
    )
    if table_name == "stg_targets":
        table, over = _shares_over_100(table, rel_path, decoded)
        rejections = sorted([*rejections, *over], key=lambda r: r.line_number)
    return table_name, fmt, table, rejections, read


def _shares_over_100(table: pa.Table, rel_path: str, decoded: DecodedFile | None) -> tuple[pa.Table, list[Rejection]]:
    """A share is written in per cent: over 100 is a slip (an extra digit), not a target."""
    rows = table.select(["source_line", "kpi", "target"]).to_pylist()
    bad = {r["source_line"] for r in rows if KPIS[r["kpi"]].unit == "share" and r["target"] > 100}
    if not bad:
        return table, []
    rejections = [
        Rejection(
            rel_path,
            r["source_line"],
            "target",
            f"a share in per cent cannot be over 100 ({r['target']:g} for {r['kpi']})",
            decoded.line(r["source_line"]) if decoded else None,
        )
        for r in rows
        if r["source_line"] in bad
    ]
    keep = pa.array([r["source_line"] not in bad for r in rows])
    return table.filter(keep), rejections


def write_templates(out_dir: Path) -> list[Path]:
    """The programme's templates as CSV, each with its example rows."""
    return write_csv_templates(out_dir, TEMPLATES)
