"""Demo data are in the real formats, deterministic, and survive the ETL with every total intact.

Totals here are computed from the demo CSV files with the csv module and Decimal, independently
of the ETL and of DuckDB, then compared with what the warehouse and the metrics report.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from demo.catalogue import SETTLEMENTS
from demo.files import demo_files, foreign_files, remove_demo, write_demo
from hromada.db import connect
from hromada.metrics import budget as bm
from tests.conftest import DEMO_UNTIL, demo_file_count


def read_rows(raw: Path, pattern: str) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path in sorted(raw.glob(pattern)):
        with path.open(encoding="utf-8", newline="") as fh:
            rows.extend(csv.DictReader(fh, delimiter=";"))
    return rows


def fakt_total(rows, period: str, fund: str = "T", keep=lambda r: True) -> Decimal:
    return sum(
        (Decimal(r["FAKT_AMT"]) for r in rows if r["REP_PERIOD"] == period and r["FUND_TYP"] == fund and keep(r)),
        Decimal(0),
    )


def test_demo_is_deterministic(settings) -> None:
    assert demo_files(settings, until=DEMO_UNTIL) == demo_files(settings, until=DEMO_UNTIL)


def test_demo_files_are_in_the_published_shape(demo_raw: Path) -> None:
    first = (demo_raw / "openbudget" / "local_2551400000_INCOMES_2024_month.csv").read_bytes()
    assert first.startswith(b"REP_PERIOD;FUND_TYP;COD_BUDGET;COD_INCO;NAME_INC;ZAT_AMT;PLANS_AMT;FAKT_AMT\r\n")
    katottg = (demo_raw / "katottg" / "kodifikator_demo_UA74100250.csv").read_bytes().decode("utf-8")
    assert katottg.startswith(
        "Перший рівень;Другий рівень;Третій рівень;Четвертий рівень;Додатковий рівень;"
        "Категорія об\u2019єкта;Назва об\u2019єкта\r\n"
    )
    assert len(SETTLEMENTS) == 42
    years = sorted({p.name.split("_")[-2] for p in (demo_raw / "openbudget").glob("*.csv")})
    assert years == [str(y) for y in range(2021, DEMO_UNTIL[0] + 1)]


@pytest.mark.parametrize(
    "pattern",
    [
        "openbudget/*INCOMES*",
        "openbudget/*EXPENSES_ECONOMIC*",
        "openbudget/*EXPENSES_FUNCTIONAL*",
        "openbudget/*EXPENSES_PROGRAM*",
    ],
)
def test_demo_totals_equal_general_plus_special(demo_raw: Path, pattern: str) -> None:
    sums: dict[tuple, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for r in read_rows(demo_raw, pattern):
        key = (r["REP_PERIOD"], *(v for k, v in r.items() if k.startswith("COD_") and not k.endswith("NAME")))
        sums[key][r["FUND_TYP"]] += Decimal(r["FAKT_AMT"])
    assert sums
    for funds in sums.values():
        assert funds["T"] == funds["C"] + funds["S"]


def test_warehouse_totals_match_the_files(demo_raw: Path, demo_warehouse: Path, settings) -> None:
    incomes = read_rows(demo_raw, "openbudget/local_2551400000_INCOMES_2025*")
    economic = read_rows(demo_raw, "openbudget/local_2551400000_EXPENSES_ECONOMIC_2025*")
    expected = {
        "income_ytd": fakt_total(incomes, "12.2025"),
        "own_ytd": fakt_total(incomes, "12.2025", keep=lambda r: not r["COD_INCO"].startswith("4")),
        "transfers_ytd": fakt_total(incomes, "12.2025", keep=lambda r: r["COD_INCO"].startswith("4")),
        "expense_ytd": fakt_total(economic, "12.2025"),
        "capital_ytd": fakt_total(economic, "12.2025", keep=lambda r: r["COD_CONS_EK"].startswith("3")),
    }
    con = connect(demo_warehouse)
    period = bm.period_for(con, settings.budget_code, 2025)
    assert period == bm.Period(settings.budget_code, 2025, "month", 12)
    got = bm.totals(con, period)
    for key, value in expected.items():
        assert got[key] == pytest.approx(float(value), abs=0.005), key
    # The programme export adds up to the same spending through its leaf lines.
    program = read_rows(demo_raw, "openbudget/local_2551400000_EXPENSES_PROGRAM_2025*")
    programme_rows = fakt_total(program, "12.2025", keep=lambda r: r["COD_CONS_EK"] == "")
    assert programme_rows == expected["expense_ytd"]
    leaf_sum = con.execute("""select sum(executed_ytd_uah) from budget_lines where budget_code = '2551400000'
                              and classification = 'program' and year = 2025 and month = 12
                              and fund = 'total' and is_leaf""").fetchall()[0][0]
    assert leaf_sum == programme_rows
    con.close()


def test_monthly_amounts_are_the_differences_of_published_totals(demo_raw: Path, demo_warehouse: Path) -> None:
    incomes = read_rows(demo_raw, "openbudget/local_2551400000_INCOMES_2024*")
    ytd = {
        int(r["REP_PERIOD"][:2]): Decimal(r["FAKT_AMT"])
        for r in incomes
        if r["COD_INCO"] == "11010400" and r["FUND_TYP"] == "T"
    }
    expected = [ytd[m] - ytd.get(m - 1, Decimal(0)) for m in range(1, 13)]
    con = connect(demo_warehouse)
    got = [
        r[0]
        for r in con.execute("""select executed_uah from budget_lines where budget_code = '2551400000'
        and code = '11010400' and year = 2024 and fund = 'total' order by month""").fetchall()
    ]
    con.close()
    assert got == expected
    assert min(expected) < 0  # the demo's refund month, as real exports have


def test_every_demo_row_is_accounted_for(demo_raw: Path, demo_warehouse: Path) -> None:
    con = connect(demo_warehouse)
    rows = con.execute("""select file_path, status, rows_read, rows_loaded, rows_duplicate, rows_rejected
                          from source_files""").fetchall()
    con.close()
    assert len(rows) == demo_file_count(demo_raw)
    for path, status, read, loaded, duplicate, rejected in rows:
        assert status == "loaded", path
        assert read == loaded + duplicate + rejected, path
        if not path.startswith(
            (
                "projects/",
                "prozorro/",
                "council_votes/votings",
                "participation/petitions",
                "energy/meter_periods",
                "targets/",  # each programme template carries one slip the checks must catch
                "documents/",
                "connectivity/",
            )
        ):
            assert duplicate == rejected == 0, path


def test_demo_registry_carries_the_problems_the_checks_must_catch(demo_warehouse: Path) -> None:
    con = connect(demo_warehouse)
    rejected = con.execute(
        "select column_name, reason from rejected_rows where file_path like 'projects/%' order by line_number"
    ).fetchall()
    flags = con.execute("select flag from project_flags order by flag").fetchall()
    counts = con.execute("select count(*), count(*) filter (where is_opportunity) from projects").fetchall()
    changes = con.execute("select count(distinct project_id) from project_changes").fetchall()
    con.close()
    assert rejected == [
        ("title_uk", "title_uk is required"),
        ("status", "'in_progress' is not one of idea, preparation, procurement, implementation, completed, cancelled"),
    ]
    assert flags == [("outside_hromada",), ("spent_over_budget",), ("tender_not_found",)]
    assert 30 <= counts[0][0] <= 60 and counts[0][1] >= 5
    assert changes[0][0] > 5


def test_if_empty_protects_real_files(tmp_path: Path, settings) -> None:
    written = write_demo(tmp_path, settings, until=DEMO_UNTIL)
    assert len(written) == demo_file_count(tmp_path)
    assert foreign_files(tmp_path) == []
    (tmp_path / "openbudget" / "real_export.csv").write_text("x", encoding="utf-8")
    assert foreign_files(tmp_path) == ["openbudget/real_export.csv"]
    assert remove_demo(tmp_path) == len(written)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == [
        "openbudget/real_export.csv"
    ]
