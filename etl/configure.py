"""`python -m etl configure --katottg CODE`: hromada.toml for any hromada, from the codifier in data/reference.

Names, oblast and the settlement count come from the codifier; the English names by the national
transliteration. What the codifier cannot say is left for the council to fill in and said so: the
population (with its year), the budget code (fetch finds it from openbudget's list when empty) and the
centre (fetch takes a point inside the hromada's boundary when empty). An existing file is kept as
hromada.toml.bak, never lost.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

from etl.reference import EDITION, Unit, hromada_units
from hromada.settings import DEFAULT_SETTINGS_FILE
from hromada.translit import transliterate

# The hromada's kind from its namesake settlement: a city makes a city hromada, a selyshche a settlement one.
KINDS = {"M": ("міська", "city"), "X": ("селищна", "settlement"), "T": ("селищна", "settlement")}
VILLAGE = ("сільська", "village")


def configure(katottg: str, path: Path | None = None) -> int:
    path = Path(path or os.environ.get("HROMADA_SETTINGS", DEFAULT_SETTINGS_FILE))
    units = hromada_units(katottg.strip().upper())
    if not units:
        print(f"error: {katottg} is not a hromada (category H) in the KATOTTG codifier ({EDITION})", file=sys.stderr)
        return 1
    text = settings_text(units)
    if path.exists():
        shutil.copy2(path, path.with_name(path.name + ".bak"))
        print(f"The previous settings are kept as {path.name}.bak")
    path.write_text(text, encoding="utf-8")
    hromada = next(u for u in units if u.category == "H")
    settlements = [u for u in units if u.category in ("M", "X", "T", "C")]
    print(
        f"Wrote {path} for {hromada.name} ({hromada.code}): {len(settlements)} settlements, from the codifier "
        f"({EDITION}).\nStill to fill in by hand: population and population_year (the latest official estimate); "
        "budget_code and the centre are found by `python -m etl fetch` when left empty."
    )
    return 0


def _kind(hromada: Unit, settlements: list[Unit]) -> tuple[str, str]:
    stem = hromada.name[:5].casefold()
    namesake = next((u for u in settlements if u.name.casefold().startswith(stem)), None)
    return KINDS.get(namesake.category, VILLAGE) if namesake else VILLAGE


def _q(value: str) -> str:
    """A TOML basic string: the same escapes as JSON, so a quote in a name cannot end the value."""
    return json.dumps(value, ensure_ascii=False)


def settings_text(units: list[Unit]) -> str:
    """The settings file for these codifier rows (oblast, raion, hromada, settlements)."""
    oblast = next(u for u in units if u.category in ("O", "K"))
    hromada = next(u for u in units if u.category == "H")
    settlements = [u for u in units if u.category in ("M", "X", "T", "C")]
    kind_uk, kind_en = _kind(hromada, settlements)
    name_en = transliterate(hromada.name)
    oblast_uk = oblast.name if oblast.category == "K" else f"{oblast.name} область"
    oblast_en = transliterate(oblast.name) + ("" if oblast.category == "K" else " oblast")
    return f"""# Which hromada this dashboard describes, written by `python -m etl configure --katottg {hromada.code}`
# from the KATOTTG codifier ({EDITION}). Check the names; fill in what the codifier cannot say.

[hromada]
katottg = {_q(hromada.code)}
# openbudget.gov.ua budget code (10 digits from 2021); empty: `python -m etl fetch` finds it and says which.
budget_code = ""
name_uk = {_q(f"{hromada.name} {kind_uk} територіальна громада")}
name_en = {_q(f"{name_en} {kind_en} hromada")}
short_name_uk = {_q(f"{hromada.name} громада")}
short_name_en = {_q(f"{name_en} hromada")}
oblast_uk = {_q(oblast_uk)}
oblast_en = {_q(oblast_en)}
# Residents, for per-resident figures: TO CONFIRM from the latest official estimate (the build needs it).
population = 0
population_year = 0
# The centre (for the weather): empty (0) takes a point inside the hromada's boundary once it is fetched.
centre_lat = 0.0
centre_lon = 0.0

[app]
default_language = "uk"
public_url = "http://localhost:8501"

[starostas]

[deputies]

[participation]
petition_threshold = 50
appeal_deadline_days = 30
petition_collection_days = 90
petition_answer_days = 14

[energy]
hdd_base_c = 18.0
gas_kwh_per_m3 = 9.3
solid_fuel_kwh_per_t = 4000.0
anomaly_rise_pct = 20.0
anomaly_drop_pct = 50.0

[map]
basemap = ""

[staff]
users_file = "~/.config/smart-hromada/users.yaml"
audit_file = "data/staff_audit.jsonl"
session_hours = 8
max_login_attempts = 5
lockout_minutes = 15
upload_max_mb = 50

[fetch]
# The council and its institutions that buy through Prozorro (EDRPOU codes, as text), and the council's own
# code for its open data on data.gov.ua. Empty: those sources are skipped with a note.
buyers = []
council_edrpou = ""
first_year = 2021
"""
