"""Public buildings and their meter readings: our buildings registry (CSV/XLSX), the national open-data set
of utility consumption (Resolution 835, appendix 47: one row per meter reading) and our meter template
(one row per billing period: meter indices, the amount billed, or both).

Readings are kept as published (`quantity` in `unit_name`, a meter index or, for solid fuel, a delivered
amount); the utility is recognised from the service type and unit, and a normalised unit is recorded, so the
consumption models can turn indices into amounts per period. Negative values are read, not rejected: the
models flag them, so a bad reading is visible next to the building rather than missing.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from etl.sources.base import DecodedFile, Rejection
from etl.sources.fields import (
    Field,
    choice,
    date_value,
    field,
    integer,
    katottg,
    number,
    text,
    yes_no,
)
from etl.sources.tabular import (
    Datasets,
    read_dataset,
    staging_schema,
)
from etl.sources.tabular import write_templates as write_csv_templates

BUILDING_TYPES = ("school", "kindergarten", "clinic", "administration", "culture", "sport", "other")

BUILDINGS: tuple[Field, ...] = (
    field("building_id", text, pa.string(), True, "The hromada's id of the building", "B-001"),
    field("name", text, pa.string(), True, "Name", "Михайло-Коцюбинський ліцей"),
    field("type", choice(BUILDING_TYPES), pa.string(), True, "One of: " + ", ".join(BUILDING_TYPES), "school"),
    field(
        "settlement_katottg",
        katottg,
        pa.string(),
        True,
        "Settlement",
        "UA74100250010077513",
    ),
    field("lat", number(-90, 90), pa.float64(), False, "Latitude"),
    field("lon", number(-180, 180), pa.float64(), False, "Longitude"),
    field("heated_area_m2", number(), pa.float64(), False, "Heated area, m²", "3200"),
    field("year_built", integer(1700), pa.int64(), False, "Year built", "1976"),
    field("floors", integer(1), pa.int64(), False, "Floors", "3"),
    field("energy_class", text, pa.string(), False, "Energy performance class (A–G)", "E"),
    field("heating_source", text, pa.string(), False, "Heating source", "газова котельня"),
    field(
        "organization_id",
        text,
        pa.string(),
        False,
        "EDRPOU of the institution (organizationId in the readings)",
        "22345678",
    ),
    field("meters", text, pa.string(), False, "Meter numbers in this building, separated by spaces", "EL-1 GAS-7"),
    field("occupants", integer(), pa.int64(), False, "Pupils, children or visitors, for per-person figures", "420"),
    field("retrofit_date", date_value, pa.date32(), False, "Date a retrofit was completed"),
    field("retrofit_project_id", text, pa.string(), False, "Project (registry) that paid for it"),
)
READINGS: tuple[Field, ...] = (
    field("uid", text, pa.string(), True, "Reading id"),
    field("date", date_value, pa.date32(), True, "Date the reading was taken"),
    field("organizationName", text, pa.string(), True, "Institution"),
    field("organizationId", text, pa.string(), True, "Its EDRPOU"),
    field("providerName", text, pa.string(), False, "Supplier"),
    field("providerId", text, pa.string(), False, "Supplier's EDRPOU"),
    field("meterNumber", text, pa.string(), True, "Meter"),
    field("type", text, pa.string(), True, "Service type as published (e.g. Електрична енергія)"),
    field("quantity", number(None), pa.float64(), True, "Meter index, or solid fuel delivered"),
    field("unitName", text, pa.string(), True, "Unit as published (кВт·год, кубічний метр, Гкал, тонна)"),
)
UTILITIES = ("electricity", "gas", "heat", "water", "solid_fuel")


# The spellings a Ukrainian bill or spreadsheet uses, as the readings model (09_energy.sql) recognises them in the
# national set: кВт·год, МВт·год, Гкал, м³ / куб. м, т.
UNIT_SPELLINGS = (
    ("kWh", ("квт", "kwh")),
    ("MWh", ("мвт", "mwh")),
    ("Gcal", ("гкал", "gcal")),
    ("m3", ("м3", "м³", "куб", "m3", "m³")),
)


def _unit(value: str) -> str:
    key = value.strip().lower().replace(" ", "")
    for unit, spellings in UNIT_SPELLINGS:
        if any(s in key for s in spellings):
            return unit
    if key in ("t", "т", "т.") or key.startswith(("тонн", "tonne")):
        return "t"
    raise ValueError(f"{value!r} is not one of kwh, mwh, gcal, m3, t")


TARIFFS: tuple[Field, ...] = (
    field(
        "utility",
        choice(UTILITIES),
        pa.string(),
        True,
        "electricity, gas, heat, water or solid_fuel",
        "gas",
        "electricity",
    ),
    field("valid_from", date_value, pa.date32(), True, "First day the price applies", "2025-01-01", "2025-06-01"),
    field("unit", _unit, pa.string(), True, "kWh, MWh, Gcal, m3 or t", "m3", "kWh"),
    field("uah_per_unit", number(), pa.float64(), True, "Price, UAH per unit (VAT included)", "19.00", "8.40"),
)
EMISSION_FACTORS: tuple[Field, ...] = (
    field("utility", choice(UTILITIES), pa.string(), True, "Utility", "gas"),
    field("year", integer(1990), pa.int64(), True, "Year the factor applies from", "2021"),
    field("kg_co2_per_kwh", number(), pa.float64(), True, "kg CO₂ per kWh of energy", "0.202"),
    field("source", text, pa.string(), False, "Where the factor comes from", "IPCC 2006: natural gas 56.1 t CO2/TJ"),
)

METER_PERIODS: tuple[Field, ...] = (
    field("building_id", text, pa.string(), True, "Building (as in the buildings registry)", "B-001"),
    field("meter_number", text, pa.string(), True, "Meter", "GAS-7"),
    field("utility", choice(UTILITIES), pa.string(), True, "electricity, gas, heat, water or solid_fuel", "gas"),
    field("unit", _unit, pa.string(), True, "kWh, MWh, Gcal, m3 or t", "m3"),
    field("period_start", date_value, pa.date32(), True, "First day of the billing period", "2025-01-15"),
    field("period_end", date_value, pa.date32(), True, "Last day of the billing period (included)", "2025-02-14"),
    field(
        "hour", integer(0, 23), pa.int64(), False, "Smart-meter interval data: hour of the day 0–23 (summed to days)"
    ),
    field("index_start", number(None), pa.float64(), False, "Meter index at the start (a new meter's first index)"),
    field("index_end", number(None), pa.float64(), False, "Meter index at the end", "18450"),
    field("amount", number(None), pa.float64(), False, "Consumed in the period, as billed (wins over indices)"),
    field("estimated", yes_no, pa.bool_(), False, "The supplier estimated the reading (так/ні)", "ні"),
    field("meter_digits", integer(1), pa.int64(), False, "Digits on the meter, to count a rollover past 99…9", "5"),
    field("note", text, pa.string(), False, "Comment"),
)

DATASETS: Datasets = {
    "stg_tariffs": (TARIFFS, "tariffs", None),
    "stg_emission_factors": (EMISSION_FACTORS, "emission_factors", None),
    "stg_energy_readings": (READINGS, "utility_readings_835", "uid"),
    "stg_meter_periods": (METER_PERIODS, "meter_periods", None),
    "stg_buildings": (BUILDINGS, "buildings_registry", "building_id"),
}
SCHEMAS = {name: staging_schema(fields) for name, (fields, _, _) in DATASETS.items()}


def read_energy(
    path: Path, rel_path: str, decoded: DecodedFile | None
) -> tuple[str, str, pa.Table, list[Rejection], int]:
    return read_dataset(
        path,
        rel_path,
        decoded,
        DATASETS,
        "buildings registry, meter periods template nor utility readings table (Resolution 835, appendix 47)",
    )


TEMPLATES = {
    "energy_buildings_template.csv": BUILDINGS,
    "energy_meter_periods_template.csv": METER_PERIODS,
    "energy_tariffs_template.csv": TARIFFS,
    "energy_emission_factors_template.csv": EMISSION_FACTORS,
}


def write_templates(out_dir: Path) -> list[Path]:
    """The energy templates as CSV, each with its example rows."""
    return write_csv_templates(out_dir, TEMPLATES)
