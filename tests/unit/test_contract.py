"""The warehouse contract: the built file, hromada/contract.py and docs/warehouse.md agree."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import duckdb
import pytest

from etl import build as build_module
from etl.build import BuildError
from etl.docs import write_docs
from hromada.contract import TABLES, markdown
from hromada.db import connect
from hromada.settings import ROOT

DOC = (ROOT / "docs" / "warehouse.md").read_text(encoding="utf-8")


def test_built_tables_match_the_declared_schema(demo_warehouse: Path) -> None:
    con = connect(demo_warehouse)
    tables = {r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()}
    assert tables == {t.name for t in TABLES}
    for table in TABLES:
        rows = con.execute(
            """select column_name, data_type, is_nullable from information_schema.columns
                              where table_name = ? order by ordinal_position""",
            [table.name],
        ).fetchall()
        assert [r[0] for r in rows] == table.column_names
        for (name, data_type, nullable), column in zip(rows, table.columns, strict=True):
            assert data_type == column.type, name
            assert (nullable == "YES") == column.nullable, name
    con.close()


def test_every_table_and_column_is_documented() -> None:
    assert markdown() in DOC, "docs/warehouse.md is out of date: run `python -m etl docs`"
    for table in TABLES:
        assert f"### `{table.name}`" in DOC


def test_writing_the_docs_changes_nothing_when_they_are_current(tmp_path: Path) -> None:
    for name in ("warehouse.md", "templates.md"):
        (tmp_path / name).write_text((ROOT / "docs" / name).read_text(encoding="utf-8"), encoding="utf-8")
    write_docs(tmp_path)
    for name in ("warehouse.md", "templates.md"):
        assert (tmp_path / name).read_text(encoding="utf-8") == (ROOT / "docs" / name).read_text(encoding="utf-8")


def test_every_insert_of_the_models_names_its_columns() -> None:
    """By name, two swapped columns of one type cannot pass the contract check unnoticed."""
    positional = [
        f"{path.name}:{number}"
        for path in sorted((ROOT / "etl" / "sql").glob("*.sql"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.match(r"\s*insert into \w+\s*$", line, re.IGNORECASE)
    ]
    assert positional == []


def test_a_repeated_key_stops_the_swap(tmp_path: Path, demo_warehouse: Path) -> None:
    db = tmp_path / "w.duckdb"
    shutil.copy(demo_warehouse, db)
    with duckdb.connect(str(db)) as con:
        build_module._check_contract(con)  # the demo holds every key
        con.execute("insert into buildings select * from buildings where building_id = 'BLD-003'")
        with pytest.raises(BuildError, match=r"table buildings: key \(building_id\) = \('BLD-003',\) appears 2"):
            build_module._check_contract(con)


def test_keys_name_real_columns() -> None:
    assert sum(1 for t in TABLES if t.key) >= 25
    for table in TABLES:
        assert set(table.key) <= set(table.column_names), table.name
