"""Paths and the hromada's settings, in one place so every module agrees on them."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
DEFAULT_SETTINGS_FILE = ROOT / "hromada.toml"
LANGUAGES = ("uk", "en")


def raw_path() -> Path:
    """The raw folder the build reads and staff publish into; HROMADA_RAW points tests elsewhere."""
    return Path(os.environ.get("HROMADA_RAW", RAW_DIR))


def warehouse_path() -> Path:
    """The warehouse the app reads; HROMADA_WAREHOUSE points tests and other deployments elsewhere."""
    return Path(os.environ.get("HROMADA_WAREHOUSE", DATA_DIR / "warehouse.duckdb"))


@dataclass(frozen=True)
class StaffSettings:
    """The staff area: where the users live (outside the repository), how sign-in guards itself, and uploads."""

    users_file: Path = Path("~/.config/smart-hromada/users.yaml")
    audit_file: Path = DATA_DIR / "staff_audit.jsonl"
    session_hours: float = 8.0
    max_login_attempts: int = 5
    lockout_minutes: int = 15
    upload_max_mb: int = 50

    def users_path(self) -> Path:
        """HROMADA_USERS, else the settings' file (a leading ~ is the home folder)."""
        return Path(os.environ.get("HROMADA_USERS", self.users_file)).expanduser()

    def audit_path(self) -> Path:
        return Path(os.environ.get("HROMADA_AUDIT", self.audit_file)).expanduser()


@dataclass(frozen=True)
class PeerSettings:
    """Which hromadas the budget is compared with by default (the pages let a reader change it)."""

    same_oblast: bool = False
    same_type: bool = True  # city, settlement or village hromada
    same_band: bool = True  # population band: under 5k, 5-10k, 10-20k, 20-50k, 50-100k, over 100k


@dataclass(frozen=True)
class HromadaSettings:
    """What the dashboard needs to know about its hromada that no data file says."""

    katottg: str
    budget_code: str
    name_uk: str
    name_en: str
    short_name_uk: str
    short_name_en: str
    oblast_uk: str
    oblast_en: str
    population: int
    population_year: int
    centre_lat: float
    centre_lon: float
    default_language: str = "uk"
    petition_threshold: int = 50
    appeal_deadline_days: int = 30
    petition_collection_days: int = 90  # signatures are collected this long (the statute says)
    petition_answer_days: int = 14  # then the council answers: 10 working days, about 14 calendar days
    hdd_base_c: float = 18.0
    gas_kwh_per_m3: float = 9.3
    solid_fuel_kwh_per_t: float = 4000.0
    anomaly_rise_pct: float = 20.0
    anomaly_drop_pct: float = 50.0
    basemap: str = ""  # "" = none (offline); "carto-light" for deployments with internet
    public_url: str = "http://localhost:8501"  # where residents open the app: the bulletin's QR code points here
    starostas: dict[str, str] = field(default_factory=dict)  # district name or settlement code -> contact line
    # district name or settlement code -> the deputies elected there, named as in the council's vote files
    deputies: dict[str, list[str]] = field(default_factory=dict)
    staff: StaffSettings = field(default_factory=lambda: StaffSettings())
    peers: PeerSettings = field(default_factory=lambda: PeerSettings())

    def name(self, lang: str, short: bool = True) -> str:
        """The hromada's name in the interface language."""
        if short:
            return self.short_name_en if lang == "en" else self.short_name_uk
        return self.name_en if lang == "en" else self.name_uk


class SettingsError(ValueError):
    """The settings file is missing a value or has one of the wrong kind."""


def _names(place: object, value: object) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f'[deputies] {place!r} needs a list of names, e.g. ["Прізвище Ім\'я По батькові"]')
    return [v.strip() for v in value if v.strip()]


def _staff(section: dict) -> StaffSettings:
    default = StaffSettings()
    audit = section.get("audit_file")
    return StaffSettings(
        users_file=Path(section.get("users_file", default.users_file)),
        audit_file=(ROOT / audit) if audit else default.audit_file,
        session_hours=float(section.get("session_hours", default.session_hours)),
        max_login_attempts=int(section.get("max_login_attempts", default.max_login_attempts)),
        lockout_minutes=int(section.get("lockout_minutes", default.lockout_minutes)),
        upload_max_mb=int(section.get("upload_max_mb", default.upload_max_mb)),
    )


def _peers(section: dict) -> PeerSettings:
    for key, value in section.items():
        if key not in PeerSettings.__dataclass_fields__ or not isinstance(value, bool):
            raise ValueError(f"[peers] {key} must be one of same_oblast, same_type, same_band and true or false")
    return PeerSettings(**section)


def load_settings(path: Path | str | None = None, require_population: bool = True) -> HromadaSettings:
    """Read the TOML settings (HROMADA_SETTINGS, else hromada.toml at the project root).

    require_population: the build and the app divide by it; fetching data for a hromada just configured from
    the codifier (population still to be confirmed) does not.
    """
    path = Path(path or os.environ.get("HROMADA_SETTINGS", DEFAULT_SETTINGS_FILE))
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise SettingsError(f"settings file not found: {path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: {exc}") from exc
    section = doc.get("hromada", {})
    app = doc.get("app", {})
    participation = doc.get("participation", {})
    energy = doc.get("energy", {})
    try:
        settings = HromadaSettings(
            katottg=str(section["katottg"]),
            budget_code=str(section["budget_code"]),
            name_uk=str(section["name_uk"]),
            name_en=str(section["name_en"]),
            short_name_uk=str(section.get("short_name_uk", section["name_uk"])),
            short_name_en=str(section.get("short_name_en", section["name_en"])),
            oblast_uk=str(section.get("oblast_uk", "")),
            oblast_en=str(section.get("oblast_en", "")),
            population=int(section.get("population", 0) if not require_population else section["population"]),
            population_year=int(section.get("population_year", 0)),
            centre_lat=float(section.get("centre_lat", 0.0)),
            centre_lon=float(section.get("centre_lon", 0.0)),
            default_language=str(app.get("default_language", "uk")),
            petition_threshold=int(participation.get("petition_threshold", 50)),
            appeal_deadline_days=int(participation.get("appeal_deadline_days", 30)),
            petition_collection_days=int(participation.get("petition_collection_days", 90)),
            petition_answer_days=int(participation.get("petition_answer_days", 14)),
            hdd_base_c=float(energy.get("hdd_base_c", 18.0)),
            gas_kwh_per_m3=float(energy.get("gas_kwh_per_m3", 9.3)),
            solid_fuel_kwh_per_t=float(energy.get("solid_fuel_kwh_per_t", 4000.0)),
            anomaly_rise_pct=float(energy.get("anomaly_rise_pct", 20.0)),
            anomaly_drop_pct=float(energy.get("anomaly_drop_pct", 50.0)),
            basemap=str(doc.get("map", {}).get("basemap", "")),
            public_url=str(app.get("public_url", "http://localhost:8501")),
            starostas={str(k): str(v) for k, v in doc.get("starostas", {}).items()},
            staff=_staff(doc.get("staff", {})),
            peers=_peers(doc.get("peers", {})),
            deputies={str(k): _names(k, v) for k, v in doc.get("deputies", {}).items()},
        )
    except KeyError as exc:
        raise SettingsError(f"{path}: [hromada] needs a value for {exc.args[0]!r}") from exc
    except (TypeError, ValueError) as exc:
        raise SettingsError(f"{path}: {exc}") from exc
    if settings.default_language not in LANGUAGES:
        raise SettingsError(f"{path}: default_language must be one of {LANGUAGES}")
    if settings.basemap not in ("", "carto-light"):
        raise SettingsError(f'{path}: [map] basemap must be "" (none, works offline) or "carto-light"')
    if settings.population <= 0 and require_population:
        raise SettingsError(f"{path}: population must be positive")
    return settings
