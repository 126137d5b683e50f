"""The warehouse as Parquet files that engines beyond one machine read as they are: one folder per table,
budget lines Hive-partitioned by year and oblast (`budget_lines/year=2026/oblast=25/…parquet`), so a query for
one year or one oblast reads only its files. DuckDB, Spark, Trino and others read the layout without a schema.

The oblast is the first two digits of the budget code (openbudget's codes start with the oblast's code, e.g.
25 for Chernihiv oblast), added as a column so the partition is a value every engine sees.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from hromada.contract import TABLES

PARTITIONED = {"budget_lines": ("year", "oblast")}
ROW_GROUP_SIZE = 1_000_000  # rows per row group: large enough to scan fast, small enough to skip by statistics


def _literal(path: Path) -> str:
    """A path as a SQL string literal. COPY … TO takes no parameter for its target, so the one value it needs
    is quoted here (single quotes doubled); nothing else from outside reaches the statement."""
    return "'" + str(path).replace("'", "''") + "'"


def export_parquet(db_path: Path, out_dir: Path) -> dict[str, int]:
    """Write every contract table of the warehouse under out_dir; return rows written per table.
    The folder is written anew: a table's old files never mix with the new ones."""
    out_dir = Path(out_dir)
    written: dict[str, int] = {}
    with duckdb.connect(str(db_path), read_only=True) as con:
        present = {name for (name,) in con.execute("select table_name from information_schema.tables").fetchall()}
        for table in (t for t in TABLES if t.name in present):  # an older warehouse lacks the newest tables
            target = out_dir / table.name
            if target.exists():
                shutil.rmtree(target)
            target.mkdir(parents=True)
            rows = con.execute(f"select count(*) from {table.name}").fetchone()[0]  # names from the contract
            written[table.name] = rows
            if table.name in PARTITIONED:
                columns = ", ".join(PARTITIONED[table.name])
                con.execute(
                    f"copy (select *, left(budget_code, 2) as oblast from {table.name}) to {_literal(target)} "
                    f"(format parquet, partition_by ({columns}), row_group_size {ROW_GROUP_SIZE}, overwrite_or_ignore)"
                )
            else:
                con.execute(
                    f"copy {table.name} to {_literal(target / 'data.parquet')} "
                    f"(format parquet, row_group_size {ROW_GROUP_SIZE})"
                )
    return written
