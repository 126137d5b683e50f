"""The `[fetch]` section of hromada.toml: where each source lives and whom to ask for.

Every base URL is a setting, so a mirror, a proxy or a local replay server can stand in for a service, and
HROMADA_FETCH_BASE_URL replaces scheme and host of all of them at once.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from hromada.settings import DEFAULT_SETTINGS_FILE, SettingsError

EDRPOU = re.compile(r"^\d{8}$")

DEFAULT_URLS = {
    "openbudget_api": "https://api.openbudget.gov.ua",
    "openbudget_site": "https://openbudget.gov.ua",
    "open_meteo": "https://archive-api.open-meteo.com",
    "prozorro_search": "https://prozorro.gov.ua",
    "prozorro_api": "https://public-api.prozorro.gov.ua/api/2.5",
    "boundaries": "https://codgis.itos.uga.edu/arcgis/rest/services/COD_External/UKR_pcode/FeatureServer/3",
    "ckan": "https://data.gov.ua",
}


@dataclass(frozen=True)
class FetchSettings:
    urls: dict[str, str]
    first_year: int = 2021
    buyers: tuple[str, ...] = ()  # EDRPOU codes of the council and its institutions (Prozorro buyers)
    council_edrpou: str = ""  # the council's own code, for its datasets on data.gov.ua
    pause_seconds: float = 1.0
    timeout_seconds: float = 60.0
    retries: int = 4

    def url(self, name: str) -> str:
        return self.urls[name].rstrip("/")


def load_fetch_settings(path: Path | str | None = None) -> FetchSettings:
    """[fetch] of the settings file (HROMADA_SETTINGS, else hromada.toml); every key optional."""
    path = Path(path or os.environ.get("HROMADA_SETTINGS", DEFAULT_SETTINGS_FILE))
    try:
        section = tomllib.loads(path.read_text(encoding="utf-8")).get("fetch", {})
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(f"{path}: {exc}") from exc
    urls = {**DEFAULT_URLS, **{k: str(v) for k, v in section.items() if k in DEFAULT_URLS and v}}
    buyers = tuple(str(code).strip() for code in section.get("buyers", []))
    council = str(section.get("council_edrpou", "")).strip()
    for code in (*buyers, *([council] if council else [])):
        if not EDRPOU.match(code):
            raise SettingsError(f"{path}: [fetch] {code!r} is not an EDRPOU code (8 digits, as text in quotes)")
    try:
        return FetchSettings(
            urls=urls,
            first_year=int(section.get("first_year", 2021)),
            buyers=buyers,
            council_edrpou=council,
            pause_seconds=float(section.get("pause_seconds", 1.0)),
            timeout_seconds=float(section.get("timeout_seconds", 60.0)),
            retries=int(section.get("retries", 4)),
        )
    except (TypeError, ValueError) as exc:
        raise SettingsError(f"{path}: [fetch] {exc}") from exc
