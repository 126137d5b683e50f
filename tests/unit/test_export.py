"""`python -m etl export --parquet DIR`: every table as Parquet, budget lines partitioned by year and oblast, and
the page queries answer the same over the files as over the warehouse."""

from __future__ import annotations

from pathlib import Path

import duckdb

from etl.__main__ import main
from etl.export import export_parquet
from hromada.contract import TABLES

PAGE_QUERY = """
select year, month, direction, sum(executed_ytd_uah) as executed, sum(approved_uah) as plan
from {source}
where budget_code = $budget and fund = 'total' and is_leaf and period_type = 'month'
group by all order by all
"""


def test_the_export_answers_the_page_queries_as_the_warehouse_does(
    demo_warehouse: Path, tmp_path: Path, settings
) -> None:
    out = tmp_path / "parquet"
    written = export_parquet(demo_warehouse, out)
    export_parquet(demo_warehouse, out)  # written anew: no file of the first run is left to count twice
    assert set(written) == {t.name for t in TABLES}
    assert all((out / name).is_dir() for name in written)
    partitions = sorted(
        p.relative_to(out / "budget_lines").parent.as_posix() for p in (out / "budget_lines").rglob("*.parquet")
    )
    with duckdb.connect(str(demo_warehouse), read_only=True) as con:
        expected = con.execute(
            "select distinct 'year=' || year || '/oblast=' || left(budget_code, 2) from budget_lines order by 1"
        ).fetchall()
    assert partitions[0] == "year=2021/oblast=25" and partitions == [p for (p,) in expected]
    files = f"read_parquet('{out}/budget_lines/**/*.parquet', hive_partitioning = true, "
    files += "hive_types = {'year': INTEGER, 'oblast': VARCHAR})"
    with duckdb.connect(str(demo_warehouse), read_only=True) as con:
        expected = con.execute(PAGE_QUERY.format(source="budget_lines"), {"budget": settings.budget_code}).fetchall()
    with duckdb.connect() as con:
        got = con.execute(PAGE_QUERY.format(source=files), {"budget": settings.budget_code}).fetchall()
        oblasts = con.execute(f"select distinct oblast from {files}").fetchall()
        projects = con.execute(f"select count(*) from read_parquet('{out}/projects/data.parquet')").fetchone()[0]
    assert got == expected and len(got) > 100
    # Text: Donetsk oblast's "05" keeps its zero when read without type guessing.
    assert ("05",) in oblasts and ("25",) in oblasts and all(len(o) == 2 for (o,) in oblasts)
    assert projects == written["projects"] > 0


def test_the_command_needs_a_warehouse(tmp_path: Path, capsys) -> None:
    assert main(["export", "--parquet", str(tmp_path / "out"), "--db", str(tmp_path / "none.duckdb")]) == 1
    assert "no warehouse" in capsys.readouterr().err
