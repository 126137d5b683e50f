"""What every benchmark shares: a working folder, a timer and the report of ratios and query latencies."""

from __future__ import annotations

import atexit
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import duckdb


def scratch_dir(name: str) -> Path:
    """A folder for a benchmark's generated files and warehouse, removed when the benchmark ends however it ends:
    they run to gigabytes, and left in the temporary folder they fill a machine's disk run after run."""
    work = Path(tempfile.mkdtemp(prefix=f"hromada-{name}-"))
    atexit.register(shutil.rmtree, work, ignore_errors=True)
    return work


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def bare_read_csv_each(files: list[Path]) -> None:
    """The floor: DuckDB reading each file into a table of text columns, no checks, no models."""
    with duckdb.connect() as con:
        for i, f in enumerate(files):
            con.execute(f"create table t{i} as select * from read_csv(?, header = true, all_varchar = true)", [str(f)])


def side_by_side(
    floor: Callable[[], object], ours: Callable[[], object], repeat: int
) -> tuple[list[float], list[float]]:
    """Alternate the floor and our build, so both see the same machine noise; (floor times, our times)."""
    floor_s, ours_s = [], []
    for i in range(repeat):
        floor_s.append(timed(floor))
        ours_s.append(timed(ours))
        print(f"  run {i + 1}: floor {floor_s[-1]:.2f} s, build {ours_s[-1]:.2f} s", flush=True)
    return floor_s, ours_s


def report(
    floor_name: str, floor: list[float], ours: list[float], queries: dict[str, Callable[[], object]], runs: int
) -> None:
    """Print the medians side by side, their ratio, and each query's median latency (after one warm-up)."""
    ours_s, floor_s = statistics.median(ours), statistics.median(floor)
    print(f"\n| measure | median |\n|---|---|\n| {floor_name} | {floor_s:.2f} s |")
    print(f"| our build | {ours_s:.2f} s |\n| ratio | {ours_s / floor_s:.2f}× |\n")
    print("| query | median ms |\n|---|---|")
    for name, query in queries.items():
        query()
        print(f"| {name} | {statistics.median(timed(query) for _ in range(runs)) * 1000:.1f} |")
