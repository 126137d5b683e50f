"""Small helpers for tests that build a warehouse from hand-made raw folders."""

from __future__ import annotations

from pathlib import Path

import duckdb

from etl.build import BuildReport, build
from hromada.settings import load_settings

INCOME_HEADER = "REP_PERIOD;FUND_TYP;COD_BUDGET;COD_INCO;NAME_INC;ZAT_AMT;PLANS_AMT;FAKT_AMT"


def write_raw(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write files (relative path -> text or bytes) under root and return root."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    return root


def income_csv(*rows: str, header: str = INCOME_HEADER) -> str:
    return "\r\n".join([header, *rows]) + "\r\n"


def build_from(
    tmp_path: Path, files: dict[str, str | bytes], db_name: str = "w.duckdb", **kwargs
) -> tuple[Path, BuildReport]:
    raw = write_raw(tmp_path / "raw", files)
    db = tmp_path / db_name
    return db, build(raw, db, load_settings(), **kwargs)


def fetch(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def income_correction(raw: Path, extra: float) -> str:
    """A later export of the demo's latest month with personal income tax receipts raised by `extra` (in the
    general and total funds): the later file wins, so this year's income rises by exactly `extra`."""
    lines = (raw / "openbudget" / "local_2551400000_INCOMES_2026_month.csv").read_text(encoding="utf-8").splitlines()
    last = max(line.split(";")[0] for line in lines[1:])
    rows = [
        line.rsplit(";", 1)[0] + f";{float(line.rsplit(';', 1)[1]) + extra:.2f}"
        for line in lines[1:]
        if line.startswith(last) and ";11010100;" in line and line.split(";")[1] in ("C", "T")
    ]
    return "\r\n".join([lines[0], *rows, ""])
