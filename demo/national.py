"""A national register of hromadas for the demo: every oblast's hromadas with type and population, and the shape
of each one's budget, so the comparison with other hromadas and the national-scale build have data to work on.

The register is synthetic (names from common place-name roots, populations drawn per type) but its proportions
follow the real ones: 1,469 hromadas in 24 oblasts (409 city, 435 settlement and 625 village hromadas), budget
codes with the oblast's two-digit prefix as openbudget numbers them. Its `source` column says it is demo data.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from demo.csvfile import csv_bytes
from hromada.settings import HromadaSettings

FIRST_YEAR = 2021
DEMO_PEER_BUDGETS = 24  # peers whose budgets the default demo writes (the two latest years, without programmes)
SAME_OBLAST_FIRST = 8  # of them, the nearest hromadas of the same oblast come first
POPULATION_SOURCE = "Демонстраційні дані: населення згенероване, не офіційна оцінка"

# (budget code prefix, KATOTTG oblast digits, oblast, hromadas in it)
OBLASTS: tuple[tuple[str, str, str, int], ...] = (
    ("02", "05", "Вінницька", 63),
    ("03", "07", "Волинська", 54),
    ("04", "12", "Дніпропетровська", 86),
    ("05", "14", "Донецька", 66),
    ("06", "18", "Житомирська", 66),
    ("07", "21", "Закарпатська", 64),
    ("08", "23", "Запорізька", 67),
    ("09", "26", "Івано-Франківська", 62),
    ("10", "32", "Київська", 69),
    ("11", "35", "Кіровоградська", 49),
    ("12", "44", "Луганська", 37),
    ("13", "46", "Львівська", 73),
    ("14", "48", "Миколаївська", 52),
    ("15", "51", "Одеська", 91),
    ("16", "53", "Полтавська", 60),
    ("17", "56", "Рівненська", 64),
    ("18", "59", "Сумська", 51),
    ("19", "61", "Тернопільська", 55),
    ("20", "63", "Харківська", 56),
    ("21", "65", "Херсонська", 49),
    ("22", "68", "Хмельницька", 60),
    ("23", "71", "Черкаська", 66),
    ("24", "73", "Чернівецька", 52),
    ("25", "74", "Чернігівська", 57),
)
TYPES = (("city", "міська", 409), ("settlement", "селищна", 435), ("village", "сільська", 625))
# Median population and spread (of the logarithm) per type: cities from a few thousand to over a million.
POPULATION = {"city": (24_000, 0.9), "settlement": (9_500, 0.5), "village": (5_200, 0.45)}
ROOTS = (
    "Березнів",
    "Вишнів",
    "Дубрів",
    "Зеленів",
    "Калинів",
    "Лугів",
    "Вільшан",
    "Соснів",
    "Ясенів",
    "Кленів",
    "Липів",
    "Тополів",
    "Грабів",
    "Озерян",
    "Річан",
    "Ставків",
    "Криничан",
    "Болехів",
    "Горохів",
    "Житнів",
    "Медвежан",
    "Вовчан",
    "Лисичан",
    "Орлів",
    "Соколів",
    "Журавлин",
    "Лебедин",
    "Голубів",
    "Ковалів",
    "Мельників",
    "Гончарів",
    "Бондарів",
    "Ткачів",
    "Ковальчан",
    "Новоселів",
    "Старосіль",
    "Новоград",
    "Підгірців",
    "Загорян",
    "Забузь",
    "Придністров",
    "Поліс",
    "Степан",
    "Лісничан",
    "Польов",
    "Луків",
    "Гайсин",
    "Яблунів",
    "Грушів",
    "Малинів",
    "Сливен",
    "Черешнів",
    "Вербів",
    "Очеретян",
    "Тростян",
    "Красносіль",
    "Світлів",
    "Веселів",
    "Тихів",
    "Миролюбів",
    "Добрян",
    "Щаслив",
    "Урожайнен",
    "Золотарів",
    "Срібнян",
    "Піщан",
    "Кам'ян",
    "Глинян",
    "Крейдян",
    "Білокриниц",
    "Чорнобаїв",
    "Синьоводів",
)

NAME_ROOTS = (*ROOTS, *(f"Ново{root.lower()}" for root in ROOTS))  # enough for the largest oblast (91)


@dataclass(frozen=True)
class RegisterEntry:
    budget_code: str
    katottg: str
    name: str
    oblast: str
    hromada_type: str  # city, settlement, village
    population: int


@dataclass(frozen=True)
class BudgetShape:
    """How one demo budget differs from the configured hromada's: its size and its mix."""

    size: float = 1.0  # income relative to the configured hromada's
    own: float = 1.0  # own revenues relative to the catalogue's shares
    capital: float = 1.0  # capital spending relative to the catalogue's
    first_year: int = FIRST_YEAR  # years before this are not written
    programme: bool = True  # the programme export (the largest) is written


def _own_entry(settings: HromadaSettings) -> RegisterEntry:
    words = settings.name_uk.split()
    kind = next((k for k, word, _ in TYPES if word in words), "settlement")
    return RegisterEntry(
        settings.budget_code,
        settings.katottg,
        f"{settings.short_name_uk.replace(' громада', '')} {next(w for k, w, _ in TYPES if k == kind)}",
        settings.oblast_uk.replace(" область", ""),
        kind,
        settings.population,
    )


def national_register(settings: HromadaSettings) -> list[RegisterEntry]:
    """Every hromada: the configured one first, then the others nearest to it (same type, closest population)
    first, so that the first N make the most useful peers for a demo of N budgets."""
    rng = random.Random("national-register")
    own = _own_entry(settings)
    types = [kind for kind, _, count in TYPES for _ in range(count - (len(OBLASTS) if kind == "city" else 0))]
    rng.shuffle(types)
    word = {kind: w for kind, w, _ in TYPES}
    entries: list[RegisterEntry] = []
    position = 0
    for prefix, katottg_oblast, oblast, count in OBLASTS:
        if own.budget_code.startswith(prefix):
            count -= 1  # the configured hromada is one of the oblast's
        roots = rng.sample(NAME_ROOTS, count)
        for i in range(count):
            centre = i == 0  # the oblast's centre: a city of a few hundred thousand
            kind = "city" if centre else types[position]
            position += 0 if centre else 1
            median, spread = (300_000, 0.5) if centre else POPULATION[kind]
            population = max(1_000, round(median * math.exp(rng.gauss(0, spread)), -1))
            code = f"{prefix}{100 + i:03d}00000"
            if code == own.budget_code:
                code = f"{prefix}{100 + count:03d}00000"
            entries.append(
                RegisterEntry(
                    code,
                    f"UA{katottg_oblast}{100 + i:03d}{i:04d}00000000",
                    f"{roots[i]}ська {word[kind]}",
                    oblast,
                    kind,
                    int(population),
                )
            )

    def nearness(e: RegisterEntry) -> tuple:
        return (e.hromada_type != own.hromada_type, abs(math.log(e.population / own.population)), e.budget_code)

    neighbours = sorted((e for e in entries if e.oblast == own.oblast), key=nearness)[:SAME_OBLAST_FIRST]
    rest = sorted((e for e in entries if e not in neighbours), key=nearness)
    return [own, *neighbours, *rest]


def budget_shape(entry: RegisterEntry, settings: HromadaSettings, seed: int) -> BudgetShape:
    """A budget in proportion to its residents, each hromada a little richer or poorer per resident than the
    configured one, with its own share of own revenues and of capital spending."""
    if entry.budget_code == settings.budget_code:
        return BudgetShape()
    rng = random.Random(f"{seed}-shape-{entry.budget_code}")
    per_resident = rng.lognormvariate(0, 0.22) * (1.15 if entry.hromada_type == "city" else 1.0)
    return BudgetShape(
        size=entry.population / settings.population * per_resident,
        own=rng.lognormvariate(0, 0.25),
        capital=rng.lognormvariate(0, 0.5),
    )


def register_file(entries: list[RegisterEntry], settings: HromadaSettings) -> bytes:
    """The register in our template (etl/sources/hromada_register.py), population year from the settings."""
    words = {kind: w for kind, w, _ in TYPES}
    rows = [
        [
            e.budget_code,
            e.katottg,
            e.name,
            e.oblast,
            words[e.hromada_type],
            str(e.population),
            str(settings.population_year),
            "hromada.toml, [hromada] population" if e.budget_code == settings.budget_code else POPULATION_SOURCE,
        ]
        for e in entries
    ]
    header = ("budget_code", "katottg", "name", "oblast", "type", "population", "population_year", "source")
    return csv_bytes(header, rows)
