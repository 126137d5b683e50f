"""The app's cached read-only connection follows a rebuilt warehouse and releases the old one."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from etl.build import build
from hromada import ui
from hromada.settings import load_settings
from tests.helpers import build_from, income_csv, write_raw


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_a_rebuild_gives_the_app_a_new_connection(tmp_path: Path, use_warehouse) -> None:
    db, _ = build_from(tmp_path, {"openbudget/a_month.csv": income_csv("01.2024;T;2551400000;11010100;ПДФО;1;0;5")})
    use_warehouse(db)
    first = ui.warehouse()
    assert first is ui.warehouse()  # cached while the file is unchanged
    assert first.execute("select count(*) from budget_lines").fetchall() == [(1,)]

    write_raw(tmp_path / "raw", {"openbudget/b_month.csv": income_csv("02.2024;T;2551400000;11010100;ПДФО;1;0;9")})
    build(tmp_path / "raw", db, load_settings())
    second = ui.warehouse()
    assert second is not first
    assert second.execute("select count(*) from budget_lines").fetchall() == [(2,)]
    with pytest.raises(duckdb.Error):  # released: the old file's connection was closed
        first.execute("select 1").fetchall()


def test_no_warehouse_means_no_connection(tmp_path: Path, use_warehouse) -> None:
    use_warehouse(tmp_path / "none.duckdb")
    assert ui.warehouse() is None


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_shared_figures_are_computed_once_per_warehouse_version(tmp_path: Path, use_warehouse) -> None:
    """Every reader gets the figures the first one computed, until a rebuild: then they follow the new file."""
    db, _ = build_from(tmp_path, {"openbudget/a_month.csv": income_csv("01.2024;T;2551400000;11010100;ПДФО;1;0;5")})
    use_warehouse(db)
    calls = []

    def lines(con: duckdb.DuckDBPyConnection, budget: str) -> int:
        calls.append(budget)
        return con.execute("select count(*) from budget_lines where budget_code = ?", [budget]).fetchone()[0]

    assert ui.shared(lines, "2551400000") == 1
    assert ui.shared(lines, "2551400000") == 1
    assert calls == ["2551400000"]  # the second reader was served the first one's figure
    assert ui.shared(lines, "0000000000") == 0  # other arguments, another figure
    assert len(calls) == 2

    write_raw(tmp_path / "raw", {"openbudget/b_month.csv": income_csv("02.2024;T;2551400000;11010100;ПДФО;1;0;9")})
    build(tmp_path / "raw", db, load_settings())
    assert ui.shared(lines, "2551400000") == 2  # the rebuilt warehouse, not the cached figure
    assert len(calls) == 3


def test_the_shared_clock_steps_every_ten_minutes() -> None:
    now = ui.clock()
    assert now.minute % ui.CLOCK_STEP_MINUTES == 0 and now.second == 0 and now.microsecond == 0
    assert (datetime.now() - now).total_seconds() < ui.CLOCK_STEP_MINUTES * 60 + 1
