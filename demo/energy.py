"""Demo public buildings and their utility readings, driven by the demo weather.

Twenty-five schools, kindergartens, clinics, offices and halls in the hromada's real settlements. Heating use
follows the demo weather's degree days (a balance point per building), electricity and water follow the school
year; buildings whose repair project in the demo registry was completed use about a quarter less heat after it.
Half the buildings publish in the national set (appendix 47: meter indices on the 1st of each month), the other
half in our meter template (billing periods from the 15th, amounts and indices; one school's gas meter is read
daily). Real data has faults, so does
the demo: a rollover the national set cannot explain, a meter replaced, two months missing, a negative amount,
a stuck meter, a spike, duplicated rows, estimated readings and a building without its area. The validation
must find each of them.
"""

from __future__ import annotations

import csv
import io
import itertools
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from demo.catalogue import SETTLEMENTS
from demo.csvfile import excel_csv

FIRST_DAY = date(2021, 1, 1)
SMART_GAS_METER = "BLD-002"  # its gas is read daily, so its baseline is fitted on days
TYPE_PLAN = (
    ["school"] * 8
    + ["kindergarten"] * 7
    + ["clinic"] * 3
    + ["administration"] * 2
    + ["culture"] * 3
    + ["sport", "other"]
)
NAMES = {
    "school": "Ліцей",
    "kindergarten": "Заклад дошкільної освіти",
    "clinic": "Амбулаторія загальної практики",
    "administration": "Адмінбудинок старостату",
    "culture": "Будинок культури",
    "sport": "Спортивний комплекс",
    "other": "Архів",
}
AREA = {
    "school": (1200, 3600),
    "kindergarten": (400, 1200),
    "clinic": (250, 700),
    "administration": (400, 1400),
    "culture": (300, 1000),
    "sport": (600, 1500),
    "other": (150, 450),
}
OCCUPANTS = {"school": 2.0 / 25, "kindergarten": 1.0 / 12, "clinic": 1.0 / 10}  # per m²
RETROFIT_SECTORS = {"kindergartens": "kindergarten", "health": "clinic", "energy_efficiency": "school"}
TARIFFS = (
    ("electricity", "2021-01-01", "kWh", "3.20"),
    ("electricity", "2022-01-01", "kWh", "4.50"),
    ("electricity", "2023-01-01", "kWh", "6.20"),
    ("electricity", "2024-06-01", "kWh", "7.80"),
    ("electricity", "2025-06-01", "kWh", "8.40"),
    ("gas", "2021-01-01", "m3", "12.50"),
    ("gas", "2022-01-01", "m3", "25.00"),
    ("gas", "2022-10-01", "m3", "16.00"),
    ("gas", "2024-01-01", "m3", "17.50"),
    ("gas", "2025-01-01", "m3", "19.00"),
    ("heat", "2021-01-01", "Gcal", "1900"),
    ("heat", "2022-01-01", "Gcal", "2600"),
    ("heat", "2023-01-01", "Gcal", "3100"),
    ("heat", "2025-01-01", "Gcal", "3500"),
    ("water", "2021-01-01", "m3", "30"),
    ("water", "2023-01-01", "m3", "42"),
    ("water", "2025-01-01", "m3", "55"),
    ("solid_fuel", "2021-01-01", "t", "1400"),
    ("solid_fuel", "2023-01-01", "t", "2000"),
    ("solid_fuel", "2025-01-01", "t", "2400"),
)
EMISSION_FACTORS = (
    ("electricity", "2021", "0.37", "Demo value close to Ukraine's grid factor; replace with the official one"),
    ("gas", "2021", "0.202", "IPCC 2006: natural gas 56.1 t CO₂ per TJ"),
    ("heat", "2021", "0.25", "Demo value for a gas-fired district boiler house with network losses"),
    ("solid_fuel", "2021", "0", "Biogenic CO₂ of firewood counted as zero (IPCC)"),
)


@dataclass
class Building:
    building_id: str
    name: str
    type: str
    katottg: str
    lat: float
    lon: float
    area: float | None
    year_built: int
    heating: str  # gas, heat or solid_fuel
    occupants: int | None
    balance_c: float
    heat_kwh_per_m2_dd: float
    elec_kwh_per_m2_day: float
    national_format: bool
    retrofit: date | None = None
    retrofit_project: str | None = None
    meters: dict[str, str] = field(default_factory=dict)  # utility -> meter number


def _daily_temperatures(weather: dict[str, bytes]) -> dict[date, float]:
    temps: dict[date, float] = {}
    for data in weather.values():
        for row in csv.DictReader(io.StringIO(data.decode("utf-8"))):
            temps[date.fromisoformat(row["date"])] = (float(row["temp_max"]) + float(row["temp_min"])) / 2
    day = min(temps)
    while day <= max(temps):  # the archive's missing days: yesterday's weather
        if day not in temps:
            temps[day] = temps[day - timedelta(days=1)]
        day += timedelta(days=1)
    return temps


def _buildings(
    places: list[tuple[str, float, float, int]], projects: list[dict], until: tuple[int, int]
) -> list[Building]:
    rng = random.Random("buildings")
    names = {code: name for code, _cat, name in SETTLEMENTS}
    where = {code: (lat, lon) for code, lat, lon, _pop in places}
    latest = date(until[0], until[1], 1) - timedelta(days=240)
    retrofits = [
        p
        for p in projects
        if p["status"] == "completed"
        and p["sector"] in RETROFIT_SECTORS
        and date(2022, 2, 1) <= date.fromisoformat(p["actual_end"]) <= latest
    ]
    buildings = []
    seen_first: set[str] = set()
    for i, kind in enumerate(TYPE_PLAN):
        project = next((p for p in retrofits if RETROFIT_SECTORS[p["sector"]] == kind), None)
        if project:
            retrofits.remove(project)
            code = project["settlement_katottg"]
        elif kind not in seen_first:
            code = places[0][0]
        else:
            code = rng.choice(places[1:])[0]
        seen_first.add(kind)
        low, high = AREA[kind]
        area = round(rng.uniform(low, high), -1)
        lat, lon = where[code]
        heating = (
            "heat"
            if code == places[0][0] and kind in ("school", "administration", "kindergarten")
            else ("solid_fuel" if kind == "culture" and code != places[0][0] else "gas")
        )
        b = Building(
            building_id=f"BLD-{i + 1:03d}",
            name=f"{NAMES[kind]} {'№' + str(i + 1) + ' ' if kind in ('school', 'kindergarten') else ''}({names[code]})",
            type=kind,
            katottg=code,
            lat=round(lat + rng.uniform(-0.003, 0.003), 5),
            lon=round(lon + rng.uniform(-0.004, 0.004), 5),
            area=area,
            year_built=rng.choice([1958, 1964, 1971, 1976, 1983, 1987, 1992, 2008]),
            heating=heating,
            occupants=int(area * OCCUPANTS[kind]) if kind in OCCUPANTS else None,
            balance_c=rng.choice([15.0, 15.5, 16.0, 16.5, 17.0, 17.5]),
            heat_kwh_per_m2_dd=rng.uniform(0.03, 0.06),
            elec_kwh_per_m2_day=rng.uniform(0.06, 0.16),
            national_format=i % 2 == 0,
        )
        if project:
            b.retrofit = date.fromisoformat(project["actual_end"])
            b.retrofit_project = project["project_id"]
        b.meters = {"electricity": f"EL-{i + 1:03d}", b.heating: f"{b.heating[:4].upper()}-{i + 1:03d}"}
        if kind != "other":
            b.meters["water"] = f"W-{i + 1:03d}"
        buildings.append(b)
    # A retrofit the institution paid for itself (windows replaced), not in the projects registry.
    own = next((b for b in buildings if b.type == "school" and b.retrofit is None and b.heating == "gas"), None)
    if own and date(2023, 9, 1) < latest:
        own.retrofit = date(2023, 9, 1)
    buildings[-1].area = None  # the archive's area is not in the registry
    return buildings


def _use(b: Building, day: date, t_mean: float, rng: random.Random, month_factor: float) -> dict[str, float]:
    """Energy and water a building uses on a day, in kWh (heating, electricity) and m³ (water)."""
    area = b.area or 400.0
    saving = 0.74 if b.retrofit and day >= b.retrofit else 1.0
    degree_days = max(b.balance_c - t_mean, 0.0)
    heat_kwh = area * (b.heat_kwh_per_m2_dd * degree_days * saving + (0.02 if b.heating == "gas" else 0.0))
    in_term = not (day.month in (7, 8) and b.type in ("school", "culture"))
    open_day = day.weekday() < 5 or b.type in ("clinic", "kindergarten", "sport")
    elec = area * b.elec_kwh_per_m2_day * (1.0 if in_term else 0.45) * (1.0 if open_day else 0.35)
    water = (b.occupants or area / 40) * 0.012 * (1.0 if in_term and open_day else 0.3)
    noise = rng.gauss(1.0, 0.03) * month_factor
    return {"heat": heat_kwh * noise, "electricity": elec * noise, "water": water * noise}


def _monthly_use(b: Building, temps: dict[date, float], until: tuple[int, int]) -> dict[date, dict[str, float]]:
    """Use per day, in the meter's own unit (gas m³, heat Gcal, firewood t, kWh, water m³)."""
    rng = random.Random(b.building_id)
    last = date(until[0], until[1], 1)
    per_day: dict[date, dict[str, float]] = {}
    day = FIRST_DAY
    while day < last:
        if day.day == 1:  # occupancy, events, a window left open: months differ by a few per cent
            month_factor = rng.gauss(1.0, 0.035)
        use = _use(b, day, temps[day], rng, month_factor)
        heat_unit = {"gas": use["heat"] / 9.3 / 0.9, "heat": use["heat"] / 1163.0, "solid_fuel": use["heat"] / 4000.0}
        per_day[day] = {"electricity": use["electricity"], b.heating: heat_unit[b.heating], "water": use["water"]}
        day += timedelta(days=1)
    return per_day


def _month_starts(until: tuple[int, int]) -> list[date]:
    months, day = [], FIRST_DAY
    while day <= date(until[0], until[1], 1):
        months.append(day)
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return months


def _sum(per_day: dict[date, dict[str, float]], utility: str, start: date, end: date) -> float:
    """Use from start to the day before end."""
    total, day = 0.0, start
    while day < end:
        total += per_day[day][utility]
        day += timedelta(days=1)
    return total


UNIT_835 = {"electricity": "кВт·год", "gas": "кубічний метр", "heat": "Гкал", "water": "кубічний метр"}
TYPE_835 = {
    "electricity": "Електрична енергія",
    "gas": "Природний газ",
    "heat": "Теплова енергія",
    "water": "Холодна вода",
    "solid_fuel": "Дрова паливні",
}
UNIT_TEMPLATE = {"electricity": "kWh", "gas": "m3", "heat": "Gcal", "water": "m3", "solid_fuel": "t"}
DECIMALS = {"electricity": 0, "gas": 0, "heat": 2, "water": 1, "solid_fuel": 2}


def _national_rows(b: Building, per_day, months: list[date], edrpou: str) -> list[list[str]]:
    """Indices on the 1st of every month; firewood as deliveries (September and January)."""
    rows = []
    for utility, meter in b.meters.items():
        if utility == "solid_fuel":
            continue
        index = {"electricity": 96_500.0 if b.building_id == "BLD-003" else 12_000.0}.get(utility, 1_000.0)
        for n, first in enumerate(months):
            if n:
                index += _sum(per_day, utility, months[n - 1], first)
            shown = index % 100_000 if b.building_id == "BLD-003" and utility == "electricity" else index  # 5 digits
            if b.building_id == "BLD-005" and utility == "electricity" and n == 30:
                continue  # a missed reading: one interval of two months
            rows.append([first, meter, utility, round(shown, DECIMALS[utility])])
    return [
        [
            "",
            day.isoformat(),
            b.name,
            edrpou,
            {"electricity": "Енергопостачальна компанія", "water": "Водоканал"}.get(u, "Газопостачальна компанія"),
            {"electricity": "42000001", "water": "03000002"}.get(u, "42000003"),
            meter,
            TYPE_835[u],
            f"{value:.{DECIMALS[u]}f}",
            UNIT_835[u],
        ]
        for day, meter, u, value in rows
    ]


TEMPLATE_COLUMNS = (
    "building_id",
    "meter_number",
    "utility",
    "unit",
    "period_start",
    "period_end",
    "index_start",
    "index_end",
    "amount",
    "estimated",
    "meter_digits",
)


def _template_rows(b: Building, per_day, months: list[date]) -> list[dict[str, str]]:
    """Billing periods: electricity and water by calendar month with indices, gas and heat from the 15th to the
    14th with the amount billed, firewood as deliveries."""
    rows = []

    def period(utility: str, start: date, end: date, **values: str) -> None:
        rows.append(
            {
                "building_id": b.building_id,
                "meter_number": b.meters[utility],
                "utility": utility,
                "unit": UNIT_TEMPLATE[utility],
                "period_start": start.isoformat(),
                "period_end": end.isoformat(),
                **values,
            }
        )

    for utility in b.meters:
        if utility == "solid_fuel":  # deliveries for the months ahead
            for first in months[:-1]:
                if first.month in (1, 9):
                    season = _sum(per_day, utility, first, min(first + timedelta(days=150), months[-1]))
                    period(utility, first, first, amount=f"{season:.2f}")
        elif utility == "gas" and b.building_id == SMART_GAS_METER:  # a smart meter: one row a day
            day = months[0]
            while day < months[-1]:
                period(utility, day, day, amount=f"{per_day[day][utility]:.2f}")
                day += timedelta(days=1)
        elif utility in ("gas", "heat"):
            starts = [m.replace(day=15) for m in months[:-1]]
            for start, end in itertools.pairwise(starts):
                amount = _sum(per_day, utility, start, end)
                period(utility, start, end - timedelta(days=1), amount=f"{amount:.{DECIMALS[utility]}f}")
        else:
            rolls = utility == "electricity" and b.building_id == "BLD-004"  # a five-digit counter near its end
            index, digits = (97_000.0, 5) if rolls else (5_000.0, 6)
            period(
                utility,
                months[0] - timedelta(days=31),
                months[0] - timedelta(days=1),
                index_end=f"{index:.0f}",
                meter_digits=str(digits),
            )
            for first, nxt in itertools.pairwise(months):
                index += _sum(per_day, utility, first, nxt)
                shown = index % 10**digits
                period(
                    utility,
                    first,
                    nxt - timedelta(days=1),
                    index_end=f"{shown:.{DECIMALS[utility]}f}",
                    meter_digits=str(digits),
                )
    return rows


def _inject_template_faults(rows: list[dict[str, str]], buildings: list[Building]) -> list[dict[str, str]]:
    """What real billing data gets wrong, for the checks to catch."""
    first, second, third = sorted(b.building_id for b in buildings if not b.national_format)[:3]
    out = []
    for row in rows:
        who, utility, start = row["building_id"], row["utility"], row["period_start"]
        if who == first and utility in ("gas", "heat") and start in ("2023-05-15", "2023-06-15"):
            continue  # two billing periods never arrived
        if who == second and utility in ("gas", "heat") and start == "2024-01-15":
            row = {**row, "amount": f"{3 * float(row['amount']):.2f}"}  # billed three times over
        if who == third and utility == "water" and start == "2022-03-01":
            row = {**row, "index_end": "", "amount": "-14"}  # a negative amount
        if who == second and utility == "electricity" and start in ("2025-02-01", "2025-03-01"):
            row = {**row, "estimated": "так"}  # estimated by the supplier
        out.append(row)
        if who == third and utility == "electricity" and start == "2024-11-01":
            out.append(dict(row))  # the period sent twice
    return out


def energy_files(
    places: list[tuple[str, float, float, int]], projects: list[dict], weather: dict[str, bytes], until: tuple[int, int]
) -> dict[str, bytes]:
    """The buildings registry, readings in both formats, tariffs and emission factors."""
    temps = _daily_temperatures(weather)
    buildings = _buildings(places, projects, until)
    months = _month_starts(until)
    files: dict[str, bytes] = {}

    registry = [
        [
            b.building_id,
            b.name,
            b.type,
            b.katottg,
            f"{b.lat:.5f}",
            f"{b.lon:.5f}",
            "" if b.area is None else f"{b.area:.0f}",
            str(b.year_built),
            "2" if b.type != "school" else "3",
            "E" if b.year_built < 1990 else "D",
            {"gas": "газовий котел", "heat": "централізоване теплопостачання", "solid_fuel": "твердопаливний котел"}[
                b.heating
            ],
            f"{26000000 + int(b.building_id[-3:]) * 1371:08d}",
            " ".join(b.meters.values()),
            "" if b.occupants is None else str(b.occupants),
            b.retrofit.isoformat() if b.retrofit else "",
            b.retrofit_project or "",
        ]
        for b in buildings
    ]
    files["energy/buildings.csv"] = excel_csv(
        (
            "building_id",
            "name",
            "type",
            "settlement_katottg",
            "lat",
            "lon",
            "heated_area_m2",
            "year_built",
            "floors",
            "energy_class",
            "heating_source",
            "organization_id",
            "meters",
            "occupants",
            "retrofit_date",
            "retrofit_project_id",
        ),
        registry,
    )

    national: list[list[str]] = []
    template: list[dict[str, str]] = []
    for b, reg in zip(buildings, registry, strict=True):
        per_day = _monthly_use(b, temps, until)
        if b.national_format and b.heating != "solid_fuel":
            national += _national_rows(b, per_day, months, reg[11])
        else:
            template += _template_rows(b, per_day, months)
    by_year: dict[str, list[list[str]]] = {}
    for n, row in enumerate(sorted(national, key=lambda r: (r[1], r[6])), start=1):
        row[0] = f"R{n:07d}"
        by_year.setdefault(row[1][:4], []).append(row)
    stuck = next((r for r in by_year.get("2022", []) if r[6] == "EL-001" and r[1] == "2022-08-01"), None)
    header_835 = (
        "uid",
        "date",
        "organizationName",
        "organizationId",
        "providerName",
        "providerId",
        "meterNumber",
        "type",
        "quantity",
        "unitName",
    )
    for year, rows in by_year.items():
        september = next((r for r in rows if r[6] == "EL-001" and r[1] == "2022-09-01"), None)
        if stuck and september:  # a stuck meter: September shows the same index as August
            september[8] = stuck[8]
        if year == "2023":  # the supplier's export repeated a reading under a new uid
            rows.append([f"R{len(national) + 1:07d}", *rows[40][1:]])
        files[f"energy/utility_readings_835_{year}.csv"] = excel_csv(header_835, rows)
    template = _inject_template_faults(template, buildings)
    files["energy/meter_periods.csv"] = excel_csv(
        TEMPLATE_COLUMNS, [[row.get(column, "") for column in TEMPLATE_COLUMNS] for row in template]
    )
    files["energy/tariffs.csv"] = excel_csv(("utility", "valid_from", "unit", "uah_per_unit"), TARIFFS)
    files["energy/emission_factors.csv"] = excel_csv(("utility", "year", "kg_co2_per_kwh", "source"), EMISSION_FACTORS)
    return files
