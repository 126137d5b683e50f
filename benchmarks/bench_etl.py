"""ETL and page-query benchmarks at scale, reported as ratios measured side by side in one run.

1. Generate openbudget files with the demo generator (N budgets, about 27,000 rows each).
2. Time our full build (read, check, model, swap) and a bare DuckDB `read_csv` of the same files
   into a table, alternately, several times; report the medians and their ratio.
3. Time every budget page query on the built warehouse (median of many runs).

    python -m benchmarks.bench_etl [--rows 1000000] [--repeat 3] [--out benchmarks/out]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

from benchmarks.common import scratch_dir
from demo.files import write_demo
from etl.build import build
from hromada.db import connect
from hromada.metrics import budget as bm
from hromada.settings import load_settings

ROWS_PER_BUDGET = 27_370  # demo rows for one budget, 2021 to October 2026
UNTIL = (2026, 10)


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def bare_read_csv(files: list[Path]) -> None:
    """The floor: DuckDB parsing the same files into one table, no checks, no models."""
    with duckdb.connect() as con:
        con.execute(
            "create table t as select * from read_csv(?, delim = ';', header = true, union_by_name = true, "
            "all_varchar = true)",
            [[str(f) for f in files]],
        )


def bare_read_csv_by_format(files: list[Path]) -> None:
    """A tighter floor: one read_csv per export type, files of one header together."""
    groups: dict[str, list[str]] = {}
    for f in files:
        kind = next(k for k in ("INCOMES", "PROGRAM", "FUNCTIONAL", "ECONOMIC") if k in f.name)
        groups.setdefault(kind, []).append(str(f))
    with duckdb.connect() as con:
        for i, paths in enumerate(groups.values()):
            con.execute(
                f"create table t{i} as select * from read_csv(?, delim = ';', header = true, all_varchar = true)",
                [paths],
            )


def page_queries(con: duckdb.DuckDBPyConnection, budget: str) -> dict[str, Callable[[], object]]:
    period = bm.period_for(con, budget, UNTIL[0])
    return {
        "period_for": lambda: bm.period_for(con, budget, UNTIL[0]),
        "kpis (overview)": lambda: bm.kpis(con, period, 11600),
        "monthly income (overview, budget)": lambda: bm.monthly(con, period, "income"),
        "monthly expense (overview, budget)": lambda: bm.monthly(con, period, "expense"),
        "breakdown by programme (budget)": lambda: bm.breakdown(con, period, "expense", "program"),
        "breakdown of income (budget)": lambda: bm.breakdown(con, period, "income", "income"),
        "years compared (budget)": lambda: bm.by_year(con, budget, "month", period.month, "expense", "economic"),
        "lines table (budget)": lambda: bm.lines(con, period, "expense", "program"),
        "spending by division (money)": lambda: bm.spending_by_division(con, period),
        "annual history (profile)": lambda: bm.annual_history(con, budget),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="approximate openbudget rows to generate")
    parser.add_argument("--repeat", type=int, default=3, help="alternating runs of each contender")
    parser.add_argument("--query-runs", type=int, default=30, help="runs of each page query")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out")
    args = parser.parse_args()

    settings = load_settings()
    scale = max(1, round(args.rows / ROWS_PER_BUDGET))
    work = scratch_dir("bench")
    raw, db = work / "raw", work / "warehouse.duckdb"
    started = time.perf_counter()
    write_demo(raw, settings, scale=scale, until=UNTIL)
    generated = time.perf_counter() - started
    files = sorted((raw / "openbudget").glob("*.csv"))
    size_mb = sum(f.stat().st_size for f in files) / 1e6
    print(f"generated {len(files)} files, {size_mb:.0f} MB, {scale} budgets in {generated:.1f} s", flush=True)

    etl_times, bare_times, grouped_times = [], [], []
    for i in range(args.repeat):
        bare_times.append(timed(lambda: bare_read_csv(files)))
        grouped_times.append(timed(lambda: bare_read_csv_by_format(files)))
        etl_times.append(timed(lambda: build(raw, db, settings)))
        print(
            f"  run {i + 1}: read_csv {bare_times[-1]:.2f} s, read_csv by format {grouped_times[-1]:.2f} s, "
            f"etl build {etl_times[-1]:.2f} s",
            flush=True,
        )
    with duckdb.connect(str(db), read_only=True) as con:
        ((rows,),) = con.execute("select sum(rows_read) from source_files where source = 'openbudget'").fetchall()
    etl, bare, grouped = (statistics.median(x) for x in (etl_times, bare_times, grouped_times))

    con = connect(db)
    latencies = {}
    for name, query in page_queries(con, settings.budget_code).items():
        query()  # warm
        samples = [timed(query) for _ in range(args.query_runs)]
        latencies[name] = statistics.median(samples) * 1000
    con.close()

    result = {
        "openbudget_rows": rows,
        "files": len(files),
        "megabytes": round(size_mb, 1),
        "budgets": scale,
        "etl_median_s": round(etl, 3),
        "read_csv_median_s": round(bare, 3),
        "etl_over_read_csv": round(etl / bare, 2),
        "read_csv_by_format_median_s": round(grouped, 3),
        "etl_over_read_csv_by_format": round(etl / grouped, 2),
        "etl_rows_per_s": round(rows / etl),
        "page_query_median_ms": {k: round(v, 2) for k, v in latencies.items()},
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "etl.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    print(f"\n{rows:,} openbudget rows in {len(files)} files ({size_mb:.0f} MB)")
    print(f"| measure | median |\n|---|---|\n| bare DuckDB read_csv into a table | {bare:.2f} s |")
    print(f"| bare DuckDB read_csv, one per export type | {grouped:.2f} s |")
    print(f"| our build (read, check, model, swap) | {etl:.2f} s |")
    print(f"| ratio to read_csv / to read_csv by type | {etl / bare:.2f}× / {etl / grouped:.2f}× |")
    print("\n| page query | median ms |\n|---|---|")
    for name, ms in latencies.items():
        print(f"| {name} | {ms:.1f} |")


if __name__ == "__main__":
    main()
