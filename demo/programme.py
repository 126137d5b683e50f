"""Demo files of the SMART-hromada programme's templates: the council's targets, the document flow by month
and department, and the internet access of every settlement, written as a council's spreadsheet saves them.
Each file carries one slip of the kind staff make, so the checks and the Data page have something to show."""

from __future__ import annotations

import random

from demo.csvfile import excel_csv
from etl.sources.programme import CONNECTIVITY, DOCUMENTS, TARGETS

DEPARTMENTS = (
    ("Загальний відділ", 380, 0.62),
    ("Фінансовий відділ", 150, 0.74),
    ("ЦНАП", 260, 0.80),
    ("Відділ освіти", 190, 0.48),
    ("Відділ ЖКГ та благоустрою", 120, 0.40),
)
YEARS_OF_DOCUMENTS = 3  # this year and the two before

# The council's targets, as a strategy or programme would set them (per cent for shares).
TARGETS_BY_KPI = {
    "own_revenue_share": (55, "Стратегія розвитку громади до 2027 р., ціль 1.1"),
    "capital_share": (12, "Стратегія розвитку, ціль 2.3: не менше 12 % видатків — на розвиток"),
    "budget_execution": (100, "Рішення про бюджет"),
    "appeals_on_time": (95, "Програма «Відкрита громада»"),
    "petitions_answered": (100, "Статут громади"),
    "e_services_online": (40, "Програма цифрової трансформації, ціль 3"),
    "energy_kwh_per_m2": (150, "План дій сталого енергетичного розвитку (SECAP)"),
    "documents_electronic": (90, "Програма цифрової трансформації, ціль 1"),
    "documents_days_to_sign": (1.5, "Програма цифрової трансформації, ціль 1"),
    "settlements_broadband": (70, "Програма цифрової трансформації, ціль 4"),
    "residents_covered": (95, "Програма цифрової трансформації, ціль 4"),
}


def _targets(until: tuple[int, int]) -> list[list[object]]:
    rows: list[list[object]] = []
    for year in (until[0] - 1, until[0]):
        for kpi, (target, note) in TARGETS_BY_KPI.items():
            # Last year's targets a little lower: the programme raises them every year.
            value = target if year == until[0] or kpi == "budget_execution" else round(target * 0.95, 1)
            rows.append([kpi, year, str(value).replace(".", ","), note])
    rows.append(["own_revenue_share", until[0], "155", "помилка введення: зайва цифра"])  # over 100 %: rejected
    return rows


def _months(until: tuple[int, int]) -> list[tuple[int, int]]:
    months, (year, month) = [], (until[0] - YEARS_OF_DOCUMENTS + 1, 1)
    while (year, month) <= until:
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _documents(until: tuple[int, int]) -> list[list[object]]:
    rng = random.Random("documents")
    months = _months(until)
    rows: list[list[object]] = []
    for n, (year, month) in enumerate(months):
        progress = n / max(1, len(months) - 1)  # the system spreads through the council over the period
        for name, base, start_share in DEPARTMENTS:
            registered = max(10, round(base * rng.gauss(1.0, 0.12) * (0.8 if month in (7, 8) else 1.0)))
            share = min(0.98, start_share + (0.95 - start_share) * progress * rng.uniform(0.85, 1.05))
            electronic = round(registered * share)
            days = max(0.3, (3.4 - 2.0 * progress * share) * rng.uniform(0.85, 1.15))
            rows.append([f"{year}-{month:02d}", name, registered, electronic, f"{days:.1f}".replace(".", ",")])
    typo = rows[len(rows) // 2]  # never empty: January of the first year is always written
    rows.append([typo[0], "Архівний сектор", 40, 400, "2,0"])  # 400 of 40: rejected
    return rows


def _connectivity(places: list[tuple[str, float, float, int]], until: tuple[int, int]) -> list[list[object]]:
    rng = random.Random("connectivity")
    rows: list[list[object]] = []
    for code, _lat, _lon, population in places:
        households = max(5, round(population / 2.4))
        big = population > 600
        broadband_before = big or rng.random() < 0.25
        broadband_now = broadband_before or rng.random() < 0.35  # the fibre rolled out this year
        mobile = "full" if big or rng.random() < 0.45 else rng.choice(("partial", "partial", "none"))
        for year, broadband in ((until[0] - 1, broadband_before), (until[0], broadband_now)):
            speed = rng.choice((100, 200, 500)) if broadband else rng.choice((5, 10, 20)) if mobile != "none" else ""
            connected = round(households * rng.uniform(0.35, 0.7)) if broadband else 0
            wifi = (2 if big else 1) if broadband else 0
            rows.append(
                [code, f"01.10.{year}", "так" if broadband else "ні", mobile, speed, wifi, households, connected]
            )
    first = rows[0]
    rows.append([first[0], f"01.04.{until[0]}", first[2], first[3], first[4], first[5], 50, 500])  # 500 of 50
    return rows


def programme_files(places: list[tuple[str, float, float, int]], until: tuple[int, int]) -> dict[str, bytes]:
    """Relative path -> bytes of the programme's demo files."""
    return {
        "targets/targets.csv": excel_csv([f.name for f in TARGETS], _targets(until)),
        "documents/documents_monthly.csv": excel_csv([f.name for f in DOCUMENTS], _documents(until)),
        "connectivity/connectivity.csv": excel_csv([f.name for f in CONNECTIVITY], _connectivity(places, until)),
    }
