"""Lineage and quarantine: what was loaded, from where, when, and what was turned away."""

from __future__ import annotations

from urllib.parse import urlsplit

import duckdb
import pandas as pd

from hromada.db import query


def build_info(con: duckdb.DuckDBPyConnection) -> dict[str, object]:
    df = query(con, "select * from build_info")
    return df.iloc[0].to_dict() if not df.empty else {}


def source_files(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return query(
        con,
        """
        select file_path, source, format, status, rows_read, rows_loaded, rows_duplicate, rows_rejected,
               encoding, is_demo, first_loaded_at, message, sha256
        from source_files
        order by source, file_path
        """,
    )


def coverage(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Per budget and series: which years and the latest period, i.e. how fresh the data are."""
    return query(
        con,
        """
        select budget_code, direction, classification, period_type,
               min(year) as first_year, max(year) as last_year,
               max(year * 100 + month) % 100 as last_month,
               count(*) as lines
        from budget_lines
        group by budget_code, direction, classification, period_type
        order by budget_code, direction, classification, period_type
        """,
    )


def rejected_rows(con: duckdb.DuckDBPyConnection, file_path: str | None = None, limit: int = 5000) -> pd.DataFrame:
    if file_path:
        return query(
            con,
            "select * from rejected_rows where file_path = ? order by file_path, line_number limit ?",
            [file_path, limit],
        )
    return query(con, "select * from rejected_rows order by file_path, line_number limit ?", [limit])


def rejected_count(con: duckdb.DuckDBPyConnection) -> int:
    return int(query(con, "select count(*) as n from rejected_rows")["n"].iloc[0])


def fetched_sources(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Per fetched source: from where, when, its licence and attribution, and when new data is next expected."""
    return query(
        con,
        """
        select source, title, base_url, licence, licence_url, attribution, status, message, files, bytes,
               cast(cast(last_fetched_at as date) as varchar) as fetched_on,
               cast(next_refresh as varchar) as next_refresh
        from source_fetches
        order by source
        """,
    )


def weather_attribution(con: duckdb.DuckDBPyConnection) -> str | None:
    """The attribution the weather's licence asks for, when the degree days come from fetched weather."""
    rows = query(
        con,
        """
        select f.attribution
        from source_fetches f
        where f.source = 'weather' and f.attribution is not null
          and exists (select 1 from source_files s where s.source = 'weather' and s.fetched_from is not null)
        """,
    )
    return str(rows["attribution"].iloc[0]) if not rows.empty else None


def address(url: str | None) -> str:
    """Where a source was fetched from, as host and path: plain text a reader can copy (the scheme would make
    markdown turn it into a link, whose escaped dots then show)."""
    if not url:
        return "—"
    parts = urlsplit(url)
    return (parts.netloc + parts.path).rstrip("/") or url
