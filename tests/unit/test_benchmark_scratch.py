"""Benchmarks leave nothing behind: their generated files run to gigabytes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from hromada.settings import ROOT


@pytest.mark.parametrize("ending", ["", "sys.exit('stopped')", "raise RuntimeError('failed')"])
def test_a_benchmarks_folder_is_removed_however_it_ends(ending: str) -> None:
    script = (
        "import sys\nfrom benchmarks.common import scratch_dir\n"
        "work = scratch_dir('test')\n(work / 'raw').mkdir()\n(work / 'raw' / 'big.csv').write_text('x')\n"
        f"print(work, flush=True)\n{ending}\n"
    )
    run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    work = Path(run.stdout.strip())
    assert work.name.startswith("hromada-test-")
    assert not work.exists()
