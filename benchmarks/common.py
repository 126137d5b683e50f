"""What every benchmark shares: a timer and the report of ratios and query latencies."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


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
