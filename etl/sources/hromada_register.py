"""The register of hromadas the budget is compared with: budget code, KATOTTG code, oblast, type and population,
each population with its year and source.

No national file joins these yet (openbudget knows budget codes, the codifier knows KATOTTG codes and types,
the State Statistics Service publishes population by hromada once a year), so the council keeps one table in our
template (`hromadas/`, docs/templates.md): a row per hromada, typed from whichever published list it trusts.
Per-resident comparisons divide by this population, so its year and source are shown beside every comparison.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyarrow as pa

from etl.sources.base import DecodedFile, Rejection
from etl.sources.fields import Field, field, integer, katottg, pattern, text
from etl.sources.tabular import Datasets, read_dataset, staging_schema
from etl.sources.tabular import write_templates as write_csv_templates

BUDGET_CODE = re.compile(r"^\d{10,11}$")  # openbudget: 10 digits from 2021, 11 before
# The type in the codifier's words (міська, селищна, сільська) or in English.
HROMADA_TYPES = {
    "city": "city",
    "urban": "city",
    "міська": "city",
    "settlement": "settlement",
    "селищна": "settlement",
    "village": "village",
    "rural": "village",
    "сільська": "village",
}


def hromada_type(value: str) -> str:
    key = value.strip().lower()
    if key not in HROMADA_TYPES:
        raise ValueError(f"{value!r} is not a hromada type (міська, селищна, сільська or city, settlement, village)")
    return HROMADA_TYPES[key]


REGISTER: tuple[Field, ...] = (
    field(
        "budget_code",
        pattern(BUDGET_CODE, "an openbudget budget code (10 digits, 11 before 2021)"),
        pa.string(),
        True,
        "The budget's code on openbudget.gov.ua (as text, leading zeros kept)",
        "2551400000",
        "2551800000",
    ),
    field(
        "katottg",
        katottg,
        pa.string(),
        True,
        "KATOTTG code of the hromada",
        "UA74100250000038291",
        "UA74100210000053397",
    ),
    field("name", text, pa.string(), True, "Hromada's name", "Михайло-Коцюбинська селищна", "Куликівська селищна"),
    field("oblast", text, pa.string(), True, "Oblast, as the register writes it", "Чернігівська", "Чернігівська"),
    field(
        "type",
        hromada_type,
        pa.string(),
        True,
        "міська, селищна or сільська (city, settlement, village)",
        "селищна",
        "селищна",
    ),
    field("population", integer(1), pa.int64(), True, "Residents", "11600", "12900"),
    field(
        "population_year",
        integer(1989, 2100),
        pa.int64(),
        True,
        "The year the population is counted or estimated for (on 1 January)",
        "2022",
        "2022",
    ),
    field(
        "source",
        text,
        pa.string(),
        True,
        "Where the population comes from",
        "Держстат, чисельність наявного населення на 1 січня 2022",
        "Держстат, чисельність наявного населення на 1 січня 2022",
    ),
)
DATASETS: Datasets = {"stg_hromada_register": (REGISTER, "hromada_register", "budget_code")}
SCHEMAS = {name: staging_schema(fields) for name, (fields, _, _) in DATASETS.items()}
TEMPLATES = {"hromadas_template.csv": REGISTER}


def read_register(
    path: Path, rel_path: str, decoded: DecodedFile | None
) -> tuple[str, str, pa.Table, list[Rejection], int]:
    return read_dataset(path, rel_path, decoded, DATASETS, "hromada register template (docs/templates.md)")


def write_templates(out_dir: Path) -> list[Path]:
    """The register's template as CSV, with its example rows."""
    return write_csv_templates(out_dir, TEMPLATES)
