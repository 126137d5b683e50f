"""The national KATOTTG codifier shipped in data/reference: any hromada can be configured without a network."""

from __future__ import annotations

import csv
import gzip
import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from etl.sources.katottg import HEADER
from hromada.settings import DATA_DIR

CODIFIER = DATA_DIR / "reference" / "katottg.csv.gz"
EDITION = "order No. 48 of 19.01.2024"


@dataclass(frozen=True)
class Unit:
    """One codifier row: its own code is the deepest level filled in."""

    levels: tuple[str, str, str, str, str]
    category: str
    name: str

    @property
    def code(self) -> str:
        return next(level for level in reversed(self.levels) if level)


@cache
def codifier(path: Path = CODIFIER) -> tuple[Unit, ...]:
    """Every row of the codifier, in file order."""
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    if tuple(rows[0]) != HEADER:
        raise ValueError(f"{path}: not the KATOTTG codifier layout (header {rows[0]!r})")
    return tuple(Unit(tuple(row[:5]), row[5], row[6]) for row in rows[1:] if len(row) >= 7)  # type: ignore[arg-type]


def hromada_units(katottg: str, path: Path = CODIFIER) -> list[Unit]:
    """The oblast, raion, hromada and every settlement of the hromada with this code (empty if none)."""
    units = codifier(path)
    hromada = next((u for u in units if u.category == "H" and u.code == katottg), None)
    if hromada is None:
        return []
    oblast, raion = hromada.levels[0], hromada.levels[1]
    parents = [u for u in units if u.code in (oblast, raion) and not any(u.levels[2:])]
    return parents + [u for u in units if u.levels[2] == katottg]


def slice_csv(units: list[Unit]) -> bytes:
    """The rows as the official CSV (`;`, UTF-8, CRLF), the layout the build's codifier reader takes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows([*u.levels, u.category, u.name] for u in units)
    return buffer.getvalue().encode("utf-8")


def by_pcode(prefix: str, path: Path = CODIFIER) -> str | None:
    """The hromada whose KATOTTG code begins with this OCHA COD-AB P-code (its first 9 characters)."""
    return next((u.code for u in codifier(path) if u.category == "H" and u.code[:9] == prefix), None)
