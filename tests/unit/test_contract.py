"""The warehouse contract: the built file, hromada/contract.py and docs/warehouse.md agree."""

from __future__ import annotations

from pathlib import Path

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


def test_not_null_columns_hold_no_nulls(demo_warehouse: Path) -> None:
    con = connect(demo_warehouse)
    for table in TABLES:
        for column in table.columns:
            if not column.nullable:
                ((n,),) = con.execute(f"select count(*) from {table.name} where {column.name} is null").fetchall()
                assert n == 0, f"{table.name}.{column.name}"
    con.close()
