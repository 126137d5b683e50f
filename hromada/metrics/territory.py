"""The hromada and its settlements, as the codifier and the settlements register describe them."""

from __future__ import annotations

import duckdb
import pandas as pd

from hromada.db import query


def hromada(con: duckdb.DuckDBPyConnection, katottg: str) -> dict[str, object] | None:
    df = query(con, "select * from hromadas where katottg = ?", [katottg])
    return df.iloc[0].to_dict() if not df.empty else None


def settlements(con: duckdb.DuckDBPyConnection, hromada_katottg: str) -> pd.DataFrame:
    """Settlements with location and population, the administrative centre first."""
    return query(
        con,
        """
        select katottg, name_uk, name_en, category, lat, lon, population
        from settlements
        where hromada_katottg = ?
        order by case category when 'M' then 0 when 'X' then 1 else 2 end, population desc nulls last, name_uk
        """,
        [hromada_katottg],
    )


def category_counts(con: duckdb.DuckDBPyConnection, hromada_katottg: str) -> dict[str, int]:
    df = query(
        con, "select category, count(*) as n from settlements where hromada_katottg = ? group by 1", [hromada_katottg]
    )
    return dict(zip(df["category"], df["n"].astype(int), strict=True))
