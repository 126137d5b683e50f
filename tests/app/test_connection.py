"""The app's cached read-only connection follows a rebuilt warehouse and releases the old one."""

from __future__ import annotations

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
