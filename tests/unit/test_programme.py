"""The SMART-hromada programme's templates (targets, document flow, internet access): bad rows rejected with
their reasons, good rows kept, and the figures computed by hand; the target rule at its edges."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from etl.sources.programme import write_templates
from hromada import targets
from hromada.db import connect
from hromada.metrics import programme
from hromada.settings import ROOT
from tests.conftest import FIXTURES
from tests.helpers import build_from, fetch

PROGRAMME = FIXTURES / "programme"
FILES = {
    "targets/targets.csv": (PROGRAMME / "targets.csv").read_bytes(),
    "documents/documents.csv": (PROGRAMME / "documents.csv").read_bytes(),
    "connectivity/connectivity.csv": (PROGRAMME / "connectivity.csv").read_bytes(),
    "katottg/codifier.csv": next((FIXTURES / "katottg").glob("*.csv")).read_bytes(),
    "settlements/settlements.csv": (
        "katottg;lat;lon;population\r\nUA74100250010077513;51.45;31.08;3000\r\nUA74100250020057602;51.5;31.1;1000\r\n"
    ),
}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path, _ = build_from(tmp_path_factory.mktemp("programme"), FILES)
    return path


def _rejected(db: Path, folder: str) -> dict[int, tuple[str, str]]:
    rows = fetch(
        db,
        "select line_number, column_name, reason from rejected_rows where file_path like ? order by line_number",
        [f"{folder}/%"],
    )
    return {line: (column, reason) for line, column, reason in rows}


def test_bad_targets_are_rejected_with_line_column_and_reason(db: Path) -> None:
    rejected = _rejected(db, "targets")
    assert rejected[5] == ("target", "a share in per cent cannot be over 100 (160 for own_revenue_share)")
    assert rejected[6][0] == "kpi" and "'unknown_kpi' is not one of" in rejected[6][1]
    assert rejected[7][0] == "year"
    # The slip on line 5 does not shadow the good target on line 2 for the same KPI and year.
    assert fetch(db, "select kpi, year, target from targets order by kpi") == [
        ("documents_electronic", 2026, 90.5),
        ("energy_kwh_per_m2", 2026, 140.0),
        ("own_revenue_share", 2026, 60.0),
    ]


def test_document_flow_checks_and_figures(db: Path) -> None:
    rejected = _rejected(db, "documents")
    assert rejected[5] == ("electronic", "500 handled electronically is more than the 50 registered")
    assert rejected[6][0] == "month"
    # Line 7 corrects line 5 (same month and department): it is kept, the bad line does not count.
    with connect(db) as con:
        year = programme.documents_year(con, 2026)
        monthly = programme.documents_monthly(con).set_index("month")
    assert (year["registered"], year["electronic"]) == (700, 630)
    assert year["electronic_share"] == pytest.approx(630 / 700)
    # Time to sign: departments' medians weighted by their documents, rows without a median left out.
    assert year["days_to_sign"] == pytest.approx((100 * 2.0 + 300 * 1.0 + 100 * 1.5) / 500)
    assert monthly.loc["2026-02", "electronic_share"] == pytest.approx(280 / 300)


def test_connectivity_checks_and_coverage(db: Path) -> None:
    rejected = _rejected(db, "connectivity")
    assert rejected[5][0] == "fixed_broadband"
    assert rejected[6] == ("households_connected", "500 households connected is more than the 50 households")
    assert rejected[7] == (
        "settlement_katottg",
        "UA99999999999999999 is not a settlement of the hromada in the codifier loaded",
    )
    with connect(db) as con:
        now = programme.coverage(con)
        last_year = programme.coverage(con, "2025-12-31")
        places = programme.connectivity(con)
    assert now["settlements"] == 2 and now["with_broadband"] == 1
    assert now["residents_covered"] == pytest.approx(3000 / 4000)  # broadband in the big one, partial 4G elsewhere
    assert now["households_connected_share"] == pytest.approx(600 / 1100)
    assert last_year["settlements"] == 1 and last_year["residents_covered"] == 0
    assert list(places["covered"]) == [False, True]  # those not covered first


def test_targets_against_values(db: Path) -> None:
    with connect(db) as con:
        rows = {r.kpi: r for r in programme.target_rows(con, None, 4000, datetime(2026, 11, 15))}
    assert set(rows) == {"own_revenue_share", "documents_electronic", "energy_kwh_per_m2"}
    docs = rows["documents_electronic"]
    assert docs.target == pytest.approx(0.905) and docs.value == pytest.approx(0.9)
    assert docs.status == "at_risk"  # 0.9 is short of 0.905 by well under 10 %
    assert rows["own_revenue_share"].value is None and rows["own_revenue_share"].status is None  # no budget loaded


@pytest.mark.parametrize(
    ("kpi", "value", "target", "month", "expected"),
    [
        ("own_revenue_share", 0.60, 0.60, 12, "on_track"),
        ("own_revenue_share", 0.541, 0.60, 12, "at_risk"),
        ("own_revenue_share", 0.539, 0.60, 12, "off_track"),
        ("energy_kwh_per_m2", 150, 150, 12, "on_track"),
        ("energy_kwh_per_m2", 165, 150, 12, "at_risk"),
        ("energy_kwh_per_m2", 166, 150, 12, "off_track"),
        # Budget execution grows through the year: by June half of a 100 % target is due.
        ("budget_execution", 0.50, 1.0, 6, "on_track"),
        ("budget_execution", 0.46, 1.0, 6, "at_risk"),
        ("budget_execution", 0.40, 1.0, 6, "off_track"),
        ("own_revenue_share", None, 0.60, 12, None),
    ],
)
def test_target_status_rule(kpi: str, value: float | None, target: float, month: int, expected: str | None) -> None:
    assert targets.status(kpi, value, target, month) == expected


def test_target_units_and_trend() -> None:
    assert targets.target_value("residents_covered", 95) == pytest.approx(0.95)
    assert targets.target_value("energy_bill_uah", 2_500_000) == 2_500_000
    assert targets.due_by("capital_share", 0.12, 3) == 0.12
    assert targets.trend("documents_days_to_sign", 1.9, 2.6) == "better"  # fewer days is better
    assert targets.trend("capital_share", 0.07, 0.08) == "worse"
    assert targets.trend("capital_share", 0.08, 0.08) == "same"
    assert targets.trend("capital_share", 0.08, None) is None


def test_committed_templates_are_the_generated_ones_and_load_cleanly(tmp_path: Path) -> None:
    written = write_templates(tmp_path / "templates")
    files = {}
    for path in written:
        assert path.read_bytes() == (ROOT / "data" / "templates" / path.name).read_bytes(), path.name
        folder = path.name.split("_")[0]
        files[f"{folder}/{path.name}"] = path.read_bytes()
    files["katottg/codifier.csv"] = FILES["katottg/codifier.csv"]
    db, _ = build_from(tmp_path, files)
    assert fetch(db, "select count(*) from rejected_rows where file_path not like 'katottg/%'") == [(0,)]
    assert fetch(db, "select count(*) from targets") == [(2,)]
    assert fetch(db, "select count(*) from documents_monthly") == [(2,)]
    assert fetch(db, "select count(*) from settlement_connectivity") == [(2,)]
