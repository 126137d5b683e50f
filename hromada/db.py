"""Read-only access to the warehouse, and a query helper that always passes parameters.

The app never writes: the ETL builds a new file and renames it over the old one. A DuckDB
connection keeps reading the file it opened, so callers key their cached connection on
`file_stamp()` and open a new one when the stamp changes (see hromada.ui.warehouse).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from hromada.contract import TABLES
from hromada.settings import warehouse_path


class WarehouseMissing(FileNotFoundError):
    """No warehouse has been built yet at the expected path."""


def file_stamp(path: Path | None = None) -> tuple[int, int] | None:
    """(inode, mtime in ns) of the warehouse file, or None when it does not exist."""
    try:
        st = Path(path or warehouse_path()).stat()
    except FileNotFoundError:
        return None
    return st.st_ino, st.st_mtime_ns


def connect(path: Path | str | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection; many readers may hold one while the ETL builds the next file."""
    path = Path(path or warehouse_path())
    if not path.exists():
        raise WarehouseMissing(f"no warehouse at {path}; run `python -m etl build`")
    return duckdb.connect(str(path), read_only=True)


def query(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> pd.DataFrame:
    """Run one parameterised query on its own cursor (a connection is not thread-safe)."""
    cur = con.cursor()
    try:
        return cur.execute(sql, params).df()
    finally:
        cur.close()


def rows(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[tuple]:
    """Like query(), as plain tuples, for small lookups."""
    cur = con.cursor()
    try:
        return cur.execute(sql, params).fetchall()
    finally:
        cur.close()


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
    result = rows(con, sql, params)
    return result[0][0] if result else None


def contract_gaps(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Tables or columns the app expects (hromada/contract.py) and this warehouse lacks: a file built by an older
    version of the ETL. Empty when it is current."""
    found: dict[str, set[str]] = {}
    for table, column in rows(con, "select table_name, column_name from information_schema.columns"):
        found.setdefault(table, set()).add(column)
    gaps = []
    for table in TABLES:
        if table.name not in found:
            gaps.append(table.name)
        else:
            gaps += [f"{table.name}.{c}" for c in table.column_names if c not in found[table.name]]
    return gaps
