"""Every hromada in one warehouse: the national build, page queries at 5 M and 50 M budget lines, the app's memory
and the overview's first load, each against its floor, side by side in one run.

1. Generate a national set with the demo generator (`--budgets` budgets of the register, about 27,000 lines each
   over six years; 185 make about 5 M lines) and time our build against a bare DuckDB `read_csv` of the same
   openbudget files, alternately; the build's peak memory is measured in a child process.
2. Time every budget page query and the comparison with similar hromadas on that warehouse: p50 and p95.
3. Grow a copy to `--lines` (default 50 M) by giving the budgets' lines to the register's other hromadas (each
   copy a real budget's lines under another code, the table sorted as the build writes it), rebuild the
   pre-aggregates with the build's own SQL, and time the same queries.
4. Serve the large warehouse with the app and, in headless Chromium, load the overview and a hello-world
   Streamlit script alternately (first load: navigation until the run has finished); then read the app's RSS.

    python -m benchmarks.bench_national [--budgets 185] [--lines 50000000] [--repeat 3] [--loads 5]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

from benchmarks.bench_etl import UNTIL, bare_read_csv, page_queries
from benchmarks.common import scratch_dir, timed
from demo.files import write_demo
from demo.national import national_register
from etl.build import SQL_DIR, build
from hromada.db import connect
from hromada.metrics import budget as bm
from hromada.metrics import peers as pm
from hromada.settings import ROOT, load_settings

HELLO = Path(__file__).parent / "hello_app.py"


def queries(con: duckdb.DuckDBPyConnection, settings) -> dict[str, Callable[[], object]]:
    """The budget pages' queries (bench_etl) and what a page load adds: the budget list, the years, the
    comparison with similar hromadas and its spending by area."""
    period = bm.period_for(con, settings.budget_code, UNTIL[0])
    comparison = pm.compare(con, period, settings.peers)
    wide = type(settings.peers)(same_oblast=False, same_type=False, same_band=False)
    return {
        "budget list (sidebar)": lambda: bm.budget_codes(con),
        "years (sidebar)": lambda: bm.years(con, settings.budget_code),
        **page_queries(con, settings.budget_code),
        "similar hromadas (budget, overview, profile)": lambda: pm.compare(con, period, settings.peers),
        "every hromada as a peer": lambda: pm.compare(con, period, wide),
        "spending by area against peers (budget)": lambda: pm.divisions(con, comparison, "uk"),
    }


def latencies(db: Path, settings, runs: int) -> dict[str, tuple[float, float]]:
    """Query -> (p50, p95) in ms, after one warm-up run each."""
    con = connect(db)
    out = {}
    for name, query in queries(con, settings).items():
        query()
        samples = sorted(timed(query) * 1000 for _ in range(runs))
        out[name] = (statistics.median(samples), samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))])
    con.close()
    return out


def build_peak_rss_mb(raw: Path, db: Path) -> float:
    """The build as `python -m etl build` runs it, in a child: its peak resident memory."""
    subprocess.run(
        [sys.executable, "-m", "etl", "build", "--raw", str(raw), "--db", str(db)],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def grow(source: Path, target: Path, lines: int, settings) -> int:
    """A copy of the warehouse with about `lines` budget lines: the peers' lines again under the codes of the
    register's hromadas not yet in it, sorted as the build sorts; then the build's pre-aggregate SQL."""
    shutil.copy(source, target)
    con = duckdb.connect(str(target))
    ((have,),) = con.execute("select count(*) from budget_lines").fetchall()
    peers = [
        r[0]
        for r in con.execute(
            "select budget_code from budget_lines where budget_code <> ? group by 1 order by 1", [settings.budget_code]
        ).fetchall()
    ]
    ((per_budget,),) = con.execute(
        "select count(*) / count(distinct budget_code) from budget_lines where budget_code <> ?",
        [settings.budget_code],
    ).fetchall()
    used = {settings.budget_code, *peers}
    free = [e.budget_code for e in national_register(settings) if e.budget_code not in used]
    needed = max(0, round((lines - have) / per_budget))
    codes = [*free, *(f"{n:010d}" for n in range(9_000_000_000, 9_000_000_000 + needed))][:needed]  # past 1,469
    mapping = [(peers[i % len(peers)], code) for i, code in enumerate(codes)]
    con.execute("set memory_limit = '6GB'")
    con.execute("create temp table mapping (source_code varchar, budget_code varchar, batch integer)")
    mapping.sort(key=lambda pair: pair[1])
    con.executemany("insert into mapping values (?, ?, ?)", [(a, b, i // 100) for i, (a, b) in enumerate(mapping)])
    columns = [r[0] for r in con.execute("select column_name from (describe budget_lines)").fetchall()]
    select = ", ".join("m.budget_code" if c == "budget_code" else f"b.{c}" for c in columns)
    # A hundred budgets at a time, each batch sorted as the build sorts: every budget's lines stay together (what
    # the page queries' row-group skipping needs) without one sort of 50 M rows.
    for (batch,) in con.execute("select distinct batch from mapping order by 1").fetchall():
        con.execute(
            f"""
            insert into budget_lines
            select {select} from budget_lines as b join mapping as m on m.source_code = b.budget_code
            where m.batch = ?
            order by m.budget_code, b.year, b.source_file, b.source_line
            """,  # column names from the catalogue; the batch is a parameter
            [batch],
        )
    con.execute("delete from budget_totals")
    con.execute("delete from budget_divisions")
    con.execute((SQL_DIR / "15_budget_totals.sql").read_text(encoding="utf-8"))
    con.execute("drop table agg_expense_source")
    ((total,),) = con.execute("select count(*) from budget_lines").fetchall()
    con.execute("checkpoint")
    con.close()
    return total


def app_measures(warehouse: Path, work: Path, loads: int) -> dict[str, float]:
    """The overview's first load against hello world's (medians, alternating; the server has served one reader, so
    the overview's shared figures are computed), the very first reader's load, and the app's RSS after."""
    from playwright.sync_api import sync_playwright

    from benchmarks.bench_map_page import first_load as page_load
    from tests.e2e.conftest import CHROMIUM, running_server

    def first_load(browser, url: str) -> float:
        return page_load(browser, url, has_map=False)

    with (
        running_server(warehouse, work / "app.log") as app,
        running_server(warehouse, work / "hello.log", script=str(HELLO)) as hello,
        sync_playwright() as p,
    ):
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        # The first reader after the server starts: the pages imported, the overview's shared figures computed.
        cold = first_load(browser, f"{app}/?lang=uk")
        first_load(browser, f"{hello}/")
        overview, hello_world = [], []
        for _ in range(loads):
            hello_world.append(first_load(browser, f"{hello}/"))
            overview.append(first_load(browser, f"{app}/?lang=uk"))
        for path in ("budget?tab=peers", "profile", "money", "map"):  # the app's memory after the heavier pages
            first_load(browser, f"{app}/{path}")
        browser.close()
        rss = _rss_mb(app.rsplit(":", 1)[1])
    o, h = statistics.median(overview), statistics.median(hello_world)
    return {"overview_s": o, "hello_world_s": h, "ratio": o / h, "overview_first_reader_s": cold, "app_rss_mb": rss}


def _rss_mb(port: str) -> float:
    """Resident memory of the `streamlit run` serving `port` (found by its command line)."""
    for proc in Path("/proc").iterdir():
        try:
            cmdline = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"streamlit" in b" ".join(cmdline) and port.encode() in cmdline:
            status = (proc / "status").read_text()
            return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS"))) / 1024
    raise RuntimeError(f"no streamlit process on port {port}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budgets", type=int, default=185, help="budgets to generate (185 = about 5 M lines)")
    parser.add_argument("--lines", type=int, default=50_000_000, help="budget lines in the grown warehouse")
    parser.add_argument("--repeat", type=int, default=3, help="alternating runs of the build and read_csv")
    parser.add_argument("--query-runs", type=int, default=50)
    parser.add_argument("--loads", type=int, default=5, help="first loads of the overview and hello world")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out")
    args = parser.parse_args()

    settings = load_settings()
    work = scratch_dir("national")
    raw, db = work / "raw", work / "warehouse.duckdb"
    started = time.perf_counter()
    write_demo(raw, settings, scale=args.budgets, until=UNTIL)
    files = sorted((raw / "openbudget").glob("*.csv"))
    size_mb = sum(f.stat().st_size for f in files) / 1e6
    print(f"generated {len(files)} files, {size_mb:,.0f} MB in {time.perf_counter() - started:.0f} s", flush=True)

    build_s, bare_s = [], []
    for i in range(args.repeat):
        bare_s.append(timed(lambda: bare_read_csv(files)))
        build_s.append(timed(lambda: build(raw, db, settings)))
        print(f"  run {i + 1}: read_csv {bare_s[-1]:.2f} s, build {build_s[-1]:.2f} s", flush=True)
    print(f"  build / read_csv, medians: {statistics.median(build_s) / statistics.median(bare_s):.2f}×", flush=True)
    peak_mb = build_peak_rss_mb(raw, work / "peak.duckdb")
    print(f"  build's peak memory: {peak_mb:,.0f} MB", flush=True)
    with duckdb.connect(str(db), read_only=True) as con:
        ((lines,),) = con.execute("select count(*) from budget_lines").fetchall()
    small = latencies(db, settings, args.query_runs)
    print(f"queries at {lines:,} lines measured", flush=True)

    large_db = work / "national.duckdb"
    started = time.perf_counter()
    large_lines = grow(db, large_db, args.lines, settings)
    print(f"grown to {large_lines:,} lines in {time.perf_counter() - started:.0f} s", flush=True)
    large = latencies(large_db, settings, args.query_runs)
    app = app_measures(large_db, work, args.loads)

    build_med, bare_med = statistics.median(build_s), statistics.median(bare_s)
    result = {
        "budgets": args.budgets,
        "files": len(files),
        "megabytes": round(size_mb, 1),
        "lines": lines,
        "build_median_s": round(build_med, 2),
        "read_csv_median_s": round(bare_med, 2),
        "build_over_read_csv": round(build_med / bare_med, 2),
        "build_peak_rss_mb": round(peak_mb),
        "grown_lines": large_lines,
        "queries_ms": {
            name: {
                "p50_small": round(small[name][0], 2),
                "p95_small": round(small[name][1], 2),
                "p50_large": round(large[name][0], 2),
                "p95_large": round(large[name][1], 2),
            }
            for name in small
        },
        "app": {k: round(v, 3) for k, v in app.items()},
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "national.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    print(f"\n{lines:,} budget lines of {args.budgets} budgets in {len(files):,} files ({size_mb:,.0f} MB)\n")
    print("| measure | median |\n|---|---|")
    print(f"| bare DuckDB `read_csv` into a table | {bare_med:.2f} s |")
    print(f"| our build (read, check, model, pre-aggregate, swap) | {build_med:.2f} s |")
    print(f"| **ratio** | **{build_med / bare_med:.2f}×** |")
    print(f"| build's peak memory | {peak_mb:,.0f} MB |\n")
    print(f"| query | p50 / p95 ms at {lines / 1e6:.1f} M | p50 / p95 ms at {large_lines / 1e6:.1f} M |")
    print("|---|---|---|")
    for name in small:
        print(f"| {name} | {small[name][0]:.1f} / {small[name][1]:.1f} | {large[name][0]:.1f} / {large[name][1]:.1f} |")
    print(f"\n| app at {large_lines / 1e6:.0f} M lines | median |\n|---|---|")
    print(f"| hello-world Streamlit script, first load | {app['hello_world_s']:.2f} s |")
    print(f"| overview, first load | {app['overview_s']:.2f} s |")
    print(f"| **overview / hello world** | **{app['ratio']:.2f}×** |")
    print(f"| overview, the server's first reader (figures computed) | {app['overview_first_reader_s']:.2f} s |")
    print(f"| app's memory (RSS) after overview, budget, profile, money, map | {app['app_rss_mb']:,.0f} MB |")


if __name__ == "__main__":
    main()
