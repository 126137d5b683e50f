"""The build: SQL checks and models, lineage, quarantine, conflicts, atomic swap, idempotency."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from etl import build as build_module
from etl.build import BuildError, RejectedInputError, build
from etl.sources import base
from hromada.contract import TABLES
from hromada.db import file_stamp
from hromada.settings import load_settings
from tests.conftest import FIXTURES
from tests.helpers import build_from, fetch, income_csv, write_raw

INCOMES = (FIXTURES / "openbudget" / "local_2551400000_INCOMES_2024_month.csv").read_text(encoding="utf-8")
PROGRAM = (FIXTURES / "openbudget" / "local_2551400000_EXPENSES_PROGRAM_2024_quarter.csv").read_text(encoding="utf-8")


def test_period_amounts_are_derived_from_cumulative_ones(tmp_path: Path) -> None:
    db, _ = build_from(tmp_path, {"openbudget/inc_month.csv": INCOMES})
    got = fetch(
        db,
        """select month, executed_ytd_uah, executed_uah from budget_lines
                       where code = '11010100' and fund = 'total' order by month""",
    )
    assert got == [
        (1, Decimal("80000.50"), Decimal("80000.50")),
        (2, Decimal("170000.00"), Decimal("89999.50")),
        (3, Decimal("250000.25"), Decimal("80000.25")),
    ]
    # A line missing in a month is compared with the last month it was published in.
    got = fetch(
        db,
        """select month, executed_uah from budget_lines
                       where code = '25010100' and fund = 'total' order by month""",
    )
    assert got == [(1, Decimal("900.00")), (3, Decimal("2000.00"))]


def test_funds_codes_and_plans_keep_their_published_form(tmp_path: Path) -> None:
    db, _ = build_from(tmp_path, {"openbudget/inc_month.csv": INCOMES})
    got = fetch(
        db,
        """select fund, approved_uah, amended_uah from budget_lines
                       where code = '25010100' and month = 1 order by fund""",
    )
    assert got == [
        ("special", Decimal("12000.00"), Decimal("11000.00")),
        ("total", Decimal("12000.00"), Decimal("0.00")),
    ]
    assert fetch(db, "select amended_uah from budget_lines where code = '11010100' and fund = 'general' limit 1") == [
        (None,)
    ]
    assert fetch(db, "select executed_uah from budget_lines where code = '21081100' and fund = 'total'") == [
        (Decimal("-120.50"),)
    ]


def test_quarterly_programme_file_with_nested_codes(tmp_path: Path) -> None:
    db, _ = build_from(tmp_path, {"openbudget/prog_quarter.csv": PROGRAM})
    rows = fetch(
        db,
        """select month, period_type, code, economic_code, functional_code, is_leaf, executed_uah
                        from budget_lines order by month, code, economic_code nulls first""",
    )
    assert {r[1] for r in rows} == {"quarter"}
    leaves = {(r[0], r[2], r[3]): r[6] for r in rows if r[5]}
    assert leaves == {
        (3, "0110150", "2111"): Decimal("800.00"),
        (3, "0110150", "2273"): Decimal("200.00"),
        (3, "0117461", None): Decimal("500.00"),
        (6, "0110150", "2111"): Decimal("900.00"),
        (6, "0110150", "2273"): Decimal("200.00"),
        (6, "0117461", None): Decimal("1100.00"),
    }
    # Leaves add up to the published aggregate row, so nothing is counted twice.
    assert fetch(db, "select sum(executed_ytd_uah) from budget_lines where is_leaf and month = 6") == fetch(
        db, "select executed_ytd_uah from budget_lines where code = '0110000' and month = 6"
    )
    # A functional code that lost its leading zero in a spreadsheet gets it back.
    assert fetch(db, "select distinct functional_code from budget_lines where code = '0117461'") == [("0456",)]


def test_bad_values_are_quarantined_with_line_column_and_reason(tmp_path: Path) -> None:
    text = income_csv(
        "01.2024;T;2551400000;11010100;ПДФО;10;0;5",
        "13.2024;T;2551400000;11010100;ПДФО;10;0;5",
        "02.2024;X;2551400000;11010100;ПДФО;10;0;5",
        "02.2024;T;25514;11010100;ПДФО;10;0;5",
        "02.2024;T;2551400000;1101A100;ПДФО;10;0;5",
        "02.2024;T;2551400000;11010100;ПДФО;десять;0;5",
        "02.2024;T;2551400000;11010100;ПДФО;10;0;5,5",
        "02.2024;T;2551400000;11010200;ПДФО;10;0;abc",
        "02.2024;T;2551400000;11010100;ПДФО;10;0",
    )
    db, report = build_from(tmp_path, {"openbudget/bad_month.csv": text})
    rejected = fetch(db, "select line_number, column_name, reason, raw_text from rejected_rows order by line_number")
    assert [(r[0], r[1]) for r in rejected] == [
        (3, "REP_PERIOD"),
        (4, "FUND_TYP"),
        (5, "COD_BUDGET"),
        (6, "COD_INCO"),
        (7, "ZAT_AMT"),
        (9, "FAKT_AMT"),
        (10, None),
    ]
    assert "'13.2024' is not a reporting period" in rejected[0][2]
    assert "'X' is not a fund type" in rejected[1][2]
    assert "'abc' is not an amount" in rejected[5][2]
    assert rejected[5][3] == "02.2024;T;2551400000;11010200;ПДФО;10;0;abc"
    # Decimal commas are understood; the good rows are kept.
    assert fetch(db, "select month, executed_ytd_uah from budget_lines order by month") == [
        (1, Decimal("5.00")),
        (2, Decimal("5.50")),
    ]
    (rec,) = report.files
    assert (rec.rows_read, rec.rows_loaded, rec.rows_rejected) == (9, 2, 7)
    assert rec.rows_loaded + rec.rows_rejected + rec.rows_duplicate == rec.rows_read


def test_conflicting_files_keep_one_value_and_report_the_other(tmp_path: Path) -> None:
    first = income_csv("01.2024;T;2551400000;11010100;ПДФО;10;0;5", "02.2024;T;2551400000;11010100;ПДФО;10;0;9")
    second = income_csv("02.2024;T;2551400000;11010100;ПДФО;10;0;8")
    db, report = build_from(tmp_path, {"openbudget/a_2024_month.csv": first, "openbudget/b_2024_month.csv": second})
    # The file whose path sorts last (the newer export) wins.
    assert fetch(db, "select month, executed_ytd_uah, source_file from budget_lines order by month") == [
        (1, Decimal("5.00"), "openbudget/a_2024_month.csv"),
        (2, Decimal("8.00"), "openbudget/b_2024_month.csv"),
    ]
    (row,) = fetch(db, "select file_path, line_number, column_name, reason from rejected_rows")
    assert row[:3] == ("openbudget/a_2024_month.csv", 3, "FAKT_AMT")
    assert "openbudget/b_2024_month.csv line 2" in row[3] and "8.00 there, 9.00 here" in row[3]
    assert report.conflicts == 1


def test_identical_rows_in_two_files_are_duplicates_not_conflicts(tmp_path: Path) -> None:
    row = "01.2024;T;2551400000;11010100;ПДФО;10;0;5"
    db, report = build_from(
        tmp_path,
        {
            "openbudget/a_month.csv": income_csv(row),
            "openbudget/b_month.csv": income_csv(row, "02.2024;T;2551400000;11010100;ПДФО;10;0;7"),
        },
    )
    assert fetch(db, "select count(*) from budget_lines") == [(2,)]
    assert fetch(db, "select count(*) from rejected_rows") == [(0,)]
    counts = {r.file_path: (r.rows_read, r.rows_loaded, r.rows_duplicate) for r in report.files}
    assert counts == {"openbudget/a_month.csv": (1, 0, 1), "openbudget/b_month.csv": (2, 2, 0)}


def test_same_bytes_twice_are_loaded_once(tmp_path: Path) -> None:
    db, _ = build_from(tmp_path, {"openbudget/x.csv": INCOMES, "openbudget/copy/x.csv": INCOMES})
    assert fetch(db, "select file_path, status, rows_loaded from source_files order by file_path") == [
        ("openbudget/copy/x.csv", "loaded", 12),
        ("openbudget/x.csv", "duplicate", 0),
    ]
    assert fetch(db, "select message from source_files where status = 'duplicate'") == [
        ("same bytes as openbudget/copy/x.csv; read once, as that file",)
    ]
    assert fetch(db, "select count(*) from budget_lines") == [(12,)]


def test_bad_files_are_reported_and_the_rest_still_loads(tmp_path: Path) -> None:
    db, report = build_from(
        tmp_path,
        {
            "openbudget/good.csv": INCOMES,
            "openbudget/wrong_header.csv": "date;amount\r\n2024-01-01;5\r\n",
            "openbudget/empty.csv": "",
            "openbudget/header_only.csv": income_csv(),
            "openbudget/table.xlsx": b"PK\x03\x04",
            "openbudget/latin1.csv": b"\xff\xfe\x00garbage\x81\x98",
            "prozorro/release.json": "{}",
            "unknown_source/x.csv": "a,b\n",
        },
    )
    status = dict(fetch(db, "select file_path, status from source_files"))
    assert status == {
        "openbudget/good.csv": "loaded",
        "openbudget/wrong_header.csv": "error",
        "openbudget/empty.csv": "error",
        "openbudget/header_only.csv": "empty",
        "openbudget/table.xlsx": "error",
        "openbudget/latin1.csv": "error",
        "prozorro/release.json": "error",
    }
    messages = dict(fetch(db, "select file_path, message from source_files where status = 'error'"))
    assert "openbudget/wrong_header.csv" in messages["openbudget/wrong_header.csv"]
    assert "REP_PERIOD;FUND_TYP;COD_BUDGET;COD_INCO" in messages["openbudget/wrong_header.csv"]
    assert "unsupported file type '.xlsx'" in messages["openbudget/table.xlsx"]
    assert fetch(db, "select count(*) from budget_lines") == [(12,)]
    assert report.skipped_folders == ["unknown_source"]
    assert "not an OCDS release package" in messages["prozorro/release.json"]


def test_unreadable_and_oversized_files_are_named_and_the_rest_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file the build may not open (permissions; untestable by chmod where tests run as root) and a file over
    the size we read are file errors with the reason in words, never a traceback."""
    real_read = build_module._file_bytes

    def read_or_denied(path: Path) -> bytes:
        if path.name == "locked.csv":
            raise PermissionError(13, "Permission denied", str(path))
        return real_read(path)

    monkeypatch.setattr(build_module, "_file_bytes", read_or_denied)
    monkeypatch.setattr(base, "MAX_FILE_BYTES", len(INCOMES.encode()))
    big = INCOMES + "".join(INCOMES.splitlines(keepends=True)[1:]) * 20
    db, _ = build_from(
        tmp_path, {"openbudget/good.csv": INCOMES, "openbudget/locked.csv": INCOMES, "openbudget/big.csv": big}
    )
    messages = dict(fetch(db, "select file_path, message from source_files where status = 'error'"))
    assert messages["openbudget/locked.csv"] == "openbudget/locked.csv: cannot be read (Permission denied)"
    assert "MB we read from one file; split it (by year or by month)" in messages["openbudget/big.csv"]
    assert fetch(db, "select count(*) from budget_lines") == [(12,)]


def test_failed_build_leaves_the_previous_warehouse_serving(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db, _ = build_from(tmp_path, {"openbudget/inc.csv": INCOMES})
    before = db.read_bytes()
    reader = duckdb.connect(str(db), read_only=True)  # the app holds a connection meanwhile

    def broken_models(con):
        raise BuildError("SQL model 02_budget_lines.sql failed: simulated")

    monkeypatch.setattr(build_module, "_run_models", broken_models)
    with pytest.raises(BuildError, match="simulated"):
        build(tmp_path / "raw", db, load_settings())
    assert db.read_bytes() == before
    assert not db.with_name(db.name + ".tmp").exists()
    assert reader.execute("select count(*) from budget_lines").fetchall() == [(12,)]
    reader.close()


def test_strict_build_refuses_rejected_rows_and_keeps_the_old_file(tmp_path: Path) -> None:
    db, _ = build_from(tmp_path, {"openbudget/inc.csv": INCOMES})
    before = db.read_bytes()
    write_raw(tmp_path / "raw", {"openbudget/bad.csv": income_csv("xx.2024;T;2551400000;11010100;ПДФО;1;0;1")})
    with pytest.raises(RejectedInputError, match=r"openbudget/bad\.csv"):
        build(tmp_path / "raw", db, load_settings(), strict=True)
    assert db.read_bytes() == before


def test_a_rebuilt_file_is_a_new_file_for_readers(tmp_path: Path) -> None:
    db, _ = build_from(tmp_path, {"openbudget/inc.csv": INCOMES})
    stamp = file_stamp(db)
    old_reader = duckdb.connect(str(db), read_only=True)
    write_raw(tmp_path / "raw", {"openbudget/more.csv": income_csv("04.2024;T;2551400000;11010100;ПДФО;1;0;300000")})
    build(tmp_path / "raw", db, load_settings())
    # The app keys its cached connection on this stamp, so a rebuild gives it a new connection.
    assert file_stamp(db) != stamp
    # The old connection keeps reading the file it opened until it is closed ...
    assert old_reader.execute("select count(*) from budget_lines").fetchall() == [(12,)]
    old_reader.close()
    # ... after which the same process sees the new file.
    with duckdb.connect(str(db), read_only=True) as new_reader:
        assert new_reader.execute("select count(*) from budget_lines").fetchall() == [(13,)]


def _contents(db: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {t.name: con.execute(f"select * from {t.name}").fetchall() for t in TABLES if t.name != "build_info"}


def test_building_twice_from_the_same_inputs_gives_identical_contents(tmp_path: Path, demo_raw: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(demo_raw, raw)
    write_raw(raw, {"openbudget/bad.csv": income_csv("xx.2024;T;2551400000;11010100;ПДФО;1;0;1")})
    db = tmp_path / "w.duckdb"
    build(raw, db, load_settings())
    first = _contents(db)
    build(raw, db, load_settings())
    assert _contents(db) == first
    assert first["budget_lines"] and first["rejected_rows"]


def test_demo_files_are_marked_as_demo(tmp_path: Path, demo_raw: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(demo_raw, raw)
    write_raw(raw, {"openbudget/real.csv": INCOMES})
    db = tmp_path / "w.duckdb"
    build(raw, db, load_settings())
    assert fetch(db, "select is_demo from source_files where file_path = 'openbudget/real.csv'") == [(False,)]
    assert fetch(db, "select bool_and(is_demo) from source_files where file_path <> 'openbudget/real.csv'") == [(True,)]


def test_missing_raw_folder_is_fatal(tmp_path: Path) -> None:
    with pytest.raises(BuildError, match="raw data folder not found"):
        build(tmp_path / "nope", tmp_path / "w.duckdb", load_settings())
    assert not (tmp_path / "w.duckdb").exists()


@pytest.mark.parametrize(
    ("codes", "not_leaves"),
    [
        # Transport tax of individuals and of legal entities are siblings, not parent and child.
        (["18011000", "18011100"], set()),
        (["18010000", "18010500", "18011000"], {"18010000"}),
        (
            ["10000000", "11000000", "11010000", "11010100", "41051000", "41051200"],
            {"10000000", "11000000", "11010000"},
        ),
    ],
)
def test_income_codes_nest_at_fixed_positions(tmp_path: Path, codes: list[str], not_leaves: set[str]) -> None:
    rows = [f"01.2024;T;2551400000;{code};Назва;1;0;1" for code in codes]
    db, _ = build_from(tmp_path, {"openbudget/inc_month.csv": income_csv(*rows)})
    assert {r[0] for r in fetch(db, "select code from budget_lines where not is_leaf")} == not_leaves


def test_economic_codes_nest_digit_by_digit(tmp_path: Path) -> None:
    header = "REP_PERIOD;FUND_TYP;COD_BUDGET;COD_CONS_EK;COD_CONS_EK_NAME;ZAT_AMT;PLANS_AMT;FAKT_AMT"
    rows = [f"01.2024;T;2551400000;{code};Назва;1;0;1" for code in ("2000", "2200", "2270", "2273", "2274", "3110")]
    db, _ = build_from(tmp_path, {"openbudget/eco_month.csv": income_csv(*rows, header=header)})
    assert {r[0] for r in fetch(db, "select code from budget_lines where is_leaf")} == {"2273", "2274", "3110"}


def test_the_build_caps_duckdbs_memory_so_a_national_build_fits_in_8_gb(monkeypatch: pytest.MonkeyPatch) -> None:
    assert 512 <= build_module._memory_limit_mb() <= build_module.BUILD_MEMORY_MB <= 8_000
    monkeypatch.setattr(build_module.os, "sysconf", lambda name: 4096 if name == "SC_PAGE_SIZE" else 262_144)
    assert build_module._memory_limit_mb() == 819  # a 1 GB machine: 80 % of it, as DuckDB would take
