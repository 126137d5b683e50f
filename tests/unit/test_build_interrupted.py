"""A build killed at any moment (power cut, out of memory, a staff member closing the window) leaves the
serving warehouse as it was, and the next build succeeds.

The build writes `<db>.tmp` and renames it over the warehouse only at the end; this kills a real build process
(SIGKILL: no clean-up runs) at 20 moments spread over a whole build, from interpreter start to the rename.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from hromada.settings import ROOT

KILLS = 20


def _build_command(raw: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "etl", "build", "--raw", str(raw), "--db", str(db), "--quiet"]


def _serving(db: Path) -> tuple[int, int]:
    """What a page would read: the warehouse opens read-only and answers."""
    with duckdb.connect(str(db), read_only=True) as con:
        lines = con.execute("select count(*) from budget_lines").fetchone()[0]
        files = con.execute("select count(*) from source_files").fetchone()[0]
    return lines, files


def test_a_build_killed_at_any_moment_leaves_the_warehouse_serving(
    tmp_path: Path, demo_raw: Path, demo_warehouse: Path
) -> None:
    db = tmp_path / "warehouse.duckdb"
    shutil.copy(demo_warehouse, db)
    before = _serving(db)

    started = time.monotonic()
    subprocess.run(_build_command(demo_raw, db), cwd=ROOT, check=True, capture_output=True, timeout=600)
    duration = time.monotonic() - started
    assert _serving(db) == before

    moments = sorted(random.Random(20261202).uniform(0.05, duration) for _ in range(KILLS))
    interrupted, left_a_log = 0, False
    for moment in moments:
        process = subprocess.Popen(
            _build_command(demo_raw, db), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(moment)
        process.kill()
        interrupted += process.wait(timeout=60) != 0
        left_a_log |= (tmp_path / "warehouse.duckdb.tmp.wal").exists()
        assert _serving(db) == before, f"killed after {moment:.2f} s"
    assert interrupted >= KILLS // 2, "most kills must land inside a build, not after it"
    assert left_a_log, "some kill must have caught the build mid-write, leaving its log behind"

    done = subprocess.run(_build_command(demo_raw, db), cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert _serving(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["warehouse.duckdb"]  # nothing half-written left
