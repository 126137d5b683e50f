"""Demo data in the published formats, so a fresh clone shows a working dashboard.

Everything is written the way the real publishers write it (openbudget CSV with `;`, CRLF,
cumulative amounts, C/S/T funds; the KATOTTG codifier's header with its typographic apostrophe)
and then goes through the same ETL as real files. Values are synthetic and deterministic: the
same arguments give the same bytes. A manifest (demo_manifest.json) lists the files with their
SHA-256, so the warehouse and the app can say which figures are demo data.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal
from itertools import chain
from pathlib import Path

from demo.catalogue import (
    ECONOMIC,
    ECONOMIC_SEASON,
    FUNCTIONAL,
    HROMADA,
    INCOMES,
    OBLAST,
    PROGRAMMES,
    RAION,
    SEASONS,
    SETTLEMENTS,
    SPECIAL_FUND_SHARE,
)
from demo.csvfile import csv_bytes
from demo.national import DEMO_PEER_BUDGETS, FIRST_YEAR, BudgetShape, budget_shape, national_register, register_file
from etl.build import DEMO_MANIFEST
from etl.sources.katottg import HEADER as KATOTTG_HEADER
from hromada.settings import HromadaSettings

BASE_INCOME_UAH = 168_000_000  # the configured hromada's income in 2021
YEAR_GROWTH = {2021: 1.0, 2022: 0.96, 2023: 1.13, 2024: 1.10, 2025: 1.08, 2026: 1.07, 2027: 1.06}

INCOME_HEADER = ("REP_PERIOD", "FUND_TYP", "COD_BUDGET", "COD_INCO", "NAME_INC", "ZAT_AMT", "PLANS_AMT", "FAKT_AMT")
PROGRAM_HEADER = (
    "REP_PERIOD",
    "FUND_TYP",
    "COD_BUDGET",
    "COD_CONS_MB_PK",
    "COD_CONS_MB_PK_NAME",
    "COD_CONS_MB_FK",
    "COD_CONS_MB_FK_NAME",
    "COD_CONS_EK",
    "COD_CONS_EK_NAME",
    "ZAT_AMT",
    "PLANS_AMT",
    "FAKT_AMT",
)
FUNCTIONAL_HEADER = (
    "REP_PERIOD",
    "FUND_TYP",
    "COD_BUDGET",
    "COD_CONS_MB_FK",
    "COD_CONS_MB_FK_NAME",
    "ZAT_AMT",
    "PLANS_AMT",
    "FAKT_AMT",
)
ECONOMIC_HEADER = (
    "REP_PERIOD",
    "FUND_TYP",
    "COD_BUDGET",
    "COD_CONS_EK",
    "COD_CONS_EK_NAME",
    "ZAT_AMT",
    "PLANS_AMT",
    "FAKT_AMT",
)

# A line's key inside one budget: (classification code, economic code or "") and its fund.
LineKey = tuple[str, str]


def last_complete_month(today: date | None = None) -> tuple[int, int]:
    today = today or date.today()
    return (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)


def amount_text(kopecks: int) -> str:
    """Kopecks as openbudget prints amounts: decimal point, no trailing zeros, no thousands."""
    value = (Decimal(kopecks) / 100).normalize()
    text = format(value, "f")
    return text


def _monthly_split(rng: random.Random, annual: float, season: str) -> list[float]:
    """Spread an annual amount over 12 months by a season's weights, with noise."""
    weights = SEASONS[season]
    if season == "lumpy":
        months = rng.sample(range(12), 3)
        weights = tuple(rng.uniform(0.5, 2.0) if m in months else 0.0 for m in range(12))
    noisy = [w * max(0.0, rng.gauss(1.0, 0.08)) for w in weights]
    total = sum(noisy) or 1.0
    return [annual * w / total for w in noisy]


class _Series:
    """Monthly executed amounts and plans of one budget line, by fund, for one year."""

    def __init__(self) -> None:
        self.executed: dict[str, list[int]] = {"C": [0] * 12, "S": [0] * 12}
        self.plan: dict[str, list[int]] = {"C": [0] * 12, "S": [0] * 12}

    def add(self, fund: str, months: list[float], rng: random.Random, late_rise: float = 0.0) -> None:
        """late_rise: the plan raised by this share from October (a late amendment; the money is not spent)."""
        annual = sum(months)
        initial = annual * rng.gauss(1.0, 0.05)
        amended = annual * rng.gauss(1.01, 0.015)
        for m, value in enumerate(months):
            self.executed[fund][m] += round(value * 100)
            # The council amends the plan in June and September, closing on the final figure.
            plan = initial if m < 5 else (initial + amended) / 2 if m < 8 else amended
            plan *= 1 + late_rise if m >= 9 else 1
            self.plan[fund][m] += round(plan * 100 / 1000) * 1000  # plans are in whole tens of hryvnias

    def rows(self, month: int) -> dict[str, tuple[int, int | None, int]]:
        """Fund letter -> (approved, amended or None, executed year to date) for month 1..12."""
        out: dict[str, tuple[int, int | None, int]] = {}
        for fund in ("C", "S"):
            ytd = sum(self.executed[fund][:month])
            plan = self.plan[fund][month - 1]
            if plan or ytd:
                out[fund] = (plan, None if fund == "C" else plan, ytd)
        if out:
            approved = sum(v[0] for v in out.values())
            ytd = sum(v[2] for v in out.values())
            out["T"] = (approved, 0, ytd)  # the API prints 0 amended on total rows
        return out


LATE_CAPITAL_RISE = 0.9


def _income_year(rng: random.Random, total: float, year: int, own: float = 1.0) -> dict[LineKey, _Series]:
    """own: how much stronger (or weaker) the hromada's own revenues are than the catalogue's shares say."""
    shares = sum(share for *_, share, _ in INCOMES)
    lines: dict[LineKey, _Series] = {}
    for code, _name, fund, share, season in INCOMES:
        annual = total * share / shares * rng.gauss(1.0, 0.07) * (1.0 if code.startswith("4") else own)
        months = _monthly_split(rng, annual, season)
        if code == "11010400":
            # A refund: one month's receipts are negative, as real exports show.
            refund_month = rng.randrange(1, 12)
            months[refund_month] = -abs(months[refund_month]) * 0.4
        series = lines.setdefault((code, ""), _Series())
        series.add(fund, months, rng)
    return lines


def _expense_year(
    rng: random.Random, total: float, year: int, late_rise: float = 0.0, capital: float = 1.0
) -> dict[LineKey, _Series]:
    """A year's spending by programme and economic code; late_rise raises the capital plans in October; capital
    scales capital spending (some hromadas build more than others)."""
    lines: dict[LineKey, _Series] = {}
    for code, _name, _fk, share, mix in PROGRAMMES:
        programme_total = total * share * rng.gauss(1.0, 0.05)
        for ek, ek_share in mix.items():
            annual = programme_total * ek_share * rng.gauss(1.0, 0.05)
            if ek.startswith("3"):
                annual *= capital * (0.3 if year == 2022 else 1.0)  # 2022: works cut in the first year of the war
            special = SPECIAL_FUND_SHARE.get(ek, 0.0)
            series = lines.setdefault((code, ek), _Series())
            for fund, part in (("C", 1 - special), ("S", special)):
                if part > 0:
                    season = ECONOMIC_SEASON.get(ek, "flat")
                    rise = late_rise if ek.startswith("3") else 0.0
                    series.add(fund, _monthly_split(rng, annual * part, season), rng, rise)
    return lines


def _period(month: int, year: int) -> str:
    return f"{month:02d}.{year}"


def _income_rows(budget: str, year: int, last_month: int, lines: dict[LineKey, _Series]) -> list[list[str]]:
    names = {code: name for code, name, *_ in INCOMES}
    rows = []
    for month in range(1, last_month + 1):
        for (code, _), series in lines.items():
            for fund, (approved, amended, ytd) in series.rows(month).items():
                rows.append(
                    [
                        _period(month, year),
                        fund,
                        budget,
                        code,
                        names[code],
                        amount_text(approved),
                        "" if amended is None else amount_text(amended),
                        amount_text(ytd),
                    ]
                )
    return rows


def _aggregate(lines: dict[LineKey, _Series], key_of) -> dict[str, _Series]:
    out: dict[str, _Series] = defaultdict(_Series)
    for key, series in lines.items():
        target = out[key_of(key)]
        for fund in ("C", "S"):
            for m in range(12):
                target.executed[fund][m] += series.executed[fund][m]
                target.plan[fund][m] += series.plan[fund][m]
    return dict(out)


def _expense_rows(
    budget: str, year: int, last_month: int, lines: dict[LineKey, _Series]
) -> tuple[list[list[str]], list[list[str]], list[list[str]]]:
    """Programme (with economic detail), functional and economic exports of the same spending."""
    programmes = {code: (name, fk) for code, name, fk, *_ in PROGRAMMES}
    by_programme = _aggregate(lines, lambda key: key[0])
    by_functional = _aggregate(lines, lambda key: programmes[key[0]][1])
    by_economic = _aggregate(lines, lambda key: key[1])
    program_rows: list[list[str]] = []
    functional_rows: list[list[str]] = []
    economic_rows: list[list[str]] = []
    for month in range(1, last_month + 1):
        period = _period(month, year)
        for code, (name, fk) in programmes.items():
            detail = [(ek, s) for (pk, ek), s in lines.items() if pk == code]
            for ek, series in [("", by_programme[code]), *detail]:
                for fund, (approved, amended, ytd) in series.rows(month).items():
                    program_rows.append(
                        [
                            period,
                            fund,
                            budget,
                            code,
                            name,
                            fk,
                            FUNCTIONAL[fk],
                            ek,
                            ECONOMIC.get(ek, ""),
                            amount_text(approved),
                            "" if amended is None else amount_text(amended),
                            amount_text(ytd),
                        ]
                    )
        for fk, series in sorted(by_functional.items()):
            for fund, (approved, amended, ytd) in series.rows(month).items():
                functional_rows.append(
                    [
                        period,
                        fund,
                        budget,
                        fk,
                        FUNCTIONAL[fk],
                        amount_text(approved),
                        "" if amended is None else amount_text(amended),
                        amount_text(ytd),
                    ]
                )
        for ek, series in sorted(by_economic.items()):
            for fund, (approved, amended, ytd) in series.rows(month).items():
                economic_rows.append(
                    [
                        period,
                        fund,
                        budget,
                        ek,
                        ECONOMIC[ek],
                        amount_text(approved),
                        "" if amended is None else amount_text(amended),
                        amount_text(ytd),
                    ]
                )
    return program_rows, functional_rows, economic_rows


def _budget_files(budget: str, shape: BudgetShape, seed: int, until: tuple[int, int]) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    level = BASE_INCOME_UAH * shape.size
    for year in range(FIRST_YEAR, until[0] + 1):
        level *= YEAR_GROWTH.get(year, 1.05) if year > FIRST_YEAR else 1.0
        if year < shape.first_year:
            continue
        rng = random.Random(f"{seed}-{budget}-{year}")
        last_month = until[1] if year == until[0] else 12
        incomes = _income_year(rng, level, year, shape.own)
        # This year the council raises the capital plans late (a subvention for reconstruction arrives).
        expenses = _expense_year(
            rng, level * rng.uniform(0.93, 0.99), year, LATE_CAPITAL_RISE if year == until[0] else 0, shape.capital
        )
        program, functional, economic = _expense_rows(budget, year, last_month, expenses)
        stem = f"openbudget/local_{budget}"
        files[f"{stem}_INCOMES_{year}_month.csv"] = csv_bytes(
            INCOME_HEADER, _income_rows(budget, year, last_month, incomes)
        )
        if shape.programme:
            files[f"{stem}_EXPENSES_PROGRAM_{year}_month.csv"] = csv_bytes(PROGRAM_HEADER, program)
        files[f"{stem}_EXPENSES_FUNCTIONAL_{year}_month.csv"] = csv_bytes(FUNCTIONAL_HEADER, functional)
        files[f"{stem}_EXPENSES_ECONOMIC_{year}_month.csv"] = csv_bytes(ECONOMIC_HEADER, economic)
    return files


def _katottg_file() -> bytes:
    oblast, raion, hromada = OBLAST[0], RAION[0], HROMADA[0]
    rows = [
        [oblast, "", "", "", "", "O", OBLAST[1]],
        [oblast, raion, "", "", "", "P", RAION[1]],
        [oblast, raion, hromada, "", "", "H", HROMADA[1]],
        *[[oblast, raion, hromada, code, "", category, name] for code, category, name in SETTLEMENTS],
    ]
    return csv_bytes(KATOTTG_HEADER, rows)


def settlement_places(settings: HromadaSettings) -> list[tuple[str, float, float, int]]:
    """(code, lat, lon, population) of each settlement: synthetic locations within ~20 km of the centre
    and populations summing to the settings' figure."""
    rng = random.Random("settlements")
    weights = [
        8.0 if cat == "X" and i == 0 else 2.5 if cat == "X" else rng.uniform(0.3, 1.6)
        for i, (_, cat, _) in enumerate(SETTLEMENTS)
    ]
    total = sum(weights)
    populations = [int(settings.population * w / total) for w in weights]
    populations[0] += settings.population - sum(populations)
    places = []
    for i, (code, _cat, _name) in enumerate(SETTLEMENTS):
        if i == 0:
            lat, lon = settings.centre_lat, settings.centre_lon
        else:
            distance_km, bearing = rng.uniform(3, 20), rng.uniform(0, 2 * math.pi)
            lat = settings.centre_lat + distance_km * math.cos(bearing) / 111.0
            lon = settings.centre_lon + distance_km * math.sin(bearing) / (111.0 * math.cos(math.radians(51.45)))
        places.append((code, round(lat, 5), round(lon, 5), populations[i]))
    return places


def _settlements_file(settings: HromadaSettings) -> bytes:
    rows = [[code, f"{lat:.5f}", f"{lon:.5f}", str(pop)] for code, lat, lon, pop in settlement_places(settings)]
    return csv_bytes(("katottg", "lat", "lon", "population"), rows)


def demo_files(
    settings: HromadaSettings, scale: int = 1, until: tuple[int, int] | None = None, seed: int = 2021
) -> dict[str, bytes]:
    """Relative path -> bytes of every demo file; deterministic for the same arguments."""
    until = until or last_complete_month()
    files = _local_files(settings, until)
    for budget in _budgets(settings, scale, until, seed):
        files.update(budget)
    return files


def _budgets(settings: HromadaSettings, scale: int, until: tuple[int, int], seed: int) -> Iterator[dict[str, bytes]]:
    """Each budget's openbudget files in turn: a national set (1,469 budgets, about 10 GB) is written one budget at
    a time, never held in memory whole."""
    for b, entry in enumerate(national_register(settings)[: max(scale, DEMO_PEER_BUDGETS + 1)]):
        shape = budget_shape(entry, settings, seed)
        if b >= scale:  # a peer beyond the national scale asked for: the two years a comparison needs
            shape = replace(shape, first_year=until[0] - 1, programme=False)
        yield _budget_files(entry.budget_code, shape, seed, until)


def _local_files(settings: HromadaSettings, until: tuple[int, int]) -> dict[str, bytes]:
    """Every demo file but the budgets: the hromada's own sources and the register of hromadas."""
    files = {
        "katottg/kodifikator_demo_UA74100250.csv": _katottg_file(),
        "settlements/settlements.csv": _settlements_file(settings),
    }
    from demo.council import council_files
    from demo.energy import energy_files
    from demo.geo import geo_files
    from demo.participation import participation_files
    from demo.programme import programme_files
    from demo.projects import build_projects, project_files
    from demo.weather import weather_files

    files.update(project_files(settings, settlement_places(settings), until))
    files.update(council_files(until))
    files.update(participation_files(until, {code: (lat, lon) for code, lat, lon, _ in settlement_places(settings)}))
    weather = weather_files(until)
    files.update(weather)
    places = settlement_places(settings)
    files.update(energy_files(places, build_projects(settings, places, until), weather, until))
    files.update(geo_files(settings, places))
    files.update(programme_files(places, until))
    files["hromadas/hromadas_demo.csv"] = register_file(national_register(settings), settings)
    return files


def write_demo(
    out_dir: Path, settings: HromadaSettings, scale: int = 1, until: tuple[int, int] | None = None
) -> list[Path]:
    """Write the demo files and their manifest under out_dir; return the paths written."""
    out_dir = Path(out_dir)
    manifest_path = out_dir / DEMO_MANIFEST
    remove_demo(out_dir)
    written = []
    manifest: dict[str, str] = {}
    until = until or last_complete_month()
    for files in chain([_local_files(settings, until)], _budgets(settings, scale, until, 2021)):
        for rel, data in files.items():
            path = out_dir / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            manifest[rel] = hashlib.sha256(data).hexdigest()
            written.append(path)
    manifest = dict(sorted(manifest.items()))
    manifest_path.write_text(json.dumps({"files": manifest}, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return sorted(written)


def foreign_files(out_dir: Path) -> list[str]:
    """Input files under out_dir that a demo run did not write (real data someone put there)."""
    out_dir = Path(out_dir)
    manifest_path = out_dir / DEMO_MANIFEST
    ours = (
        set(json.loads(manifest_path.read_text(encoding="utf-8")).get("files", {})) if manifest_path.exists() else set()
    )
    found = []
    for path in sorted(out_dir.glob("*/**/*")):
        rel = path.relative_to(out_dir).as_posix()
        if path.is_file() and not path.name.startswith((".", "README")) and rel not in ours:
            found.append(rel)
    return found


def remove_demo(out_dir: Path) -> int:
    """Delete the files a previous demo run wrote (as its manifest lists them); real files stay."""
    manifest_path = Path(out_dir) / DEMO_MANIFEST
    if not manifest_path.exists():
        return 0
    removed = 0
    for rel in json.loads(manifest_path.read_text(encoding="utf-8")).get("files", {}):
        path = Path(out_dir) / rel
        if path.exists():
            path.unlink()
            removed += 1
    manifest_path.unlink()
    return removed
