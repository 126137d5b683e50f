"""Recorded answers of the official services, built from the real published samples in ../shared/samples
(never copied into the project) and, where no sample exists, from our own demo writer in the same format.

Encodings and headers are as the services send them: openbudget answers windows-1251 with
`text/csv;charset=windows-1251` and a Content-Disposition file name; Open-Meteo a metadata block before the
table; Prozorro JSON; the COD-AB map service GeoJSON whose answer depends on the query.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from demo.files import _budget_files
from demo.national import BudgetShape
from tests.conftest import samples_path
from tests.fetch.replay import Recorded, ReplayServer, Request

BUDGET = "2555900000"  # Chernihiv city: the budget of the real openbudget sample
HROMADA = "UA74100210000053397"  # Kulykivska hromada: in the real boundary sample, with neighbours
BUYER = "37609523"  # a buyer with two tenders in the real Prozorro sample
CSV_1251 = {"Content-Type": "text/csv;charset=windows-1251"}
JSON = {"Content-Type": "application/json; charset=utf-8"}
RELEASE_IDS = ("c3f4965758c9b7391f86c676f59b828a",)


@dataclass
class HandPlaced:
    """The same data as the recordings, as a person would place the published files (rel path -> bytes)."""

    files: dict[str, bytes]


def openbudget_income_sample() -> bytes:
    return samples_path("openbudget", "local_2555900000_INCOMES_2023_quarter.csv").read_bytes()


def expense_files(year: int) -> dict[str, bytes]:
    """Our demo writer's expense exports for the sample's budget and year (no real expense sample exists)."""
    files = _budget_files(BUDGET, BudgetShape(), 2021, (year, 12))
    return {
        label: files[f"openbudget/local_{BUDGET}_{label}_{year}_month.csv"]
        for label in ("EXPENSES_PROGRAM", "EXPENSES_FUNCTIONAL", "EXPENSES_ECONOMIC")
    }


def openbudget_handler(year: int) -> callable:
    income = openbudget_income_sample().decode("utf-8").encode("cp1251")
    expenses = {k: v.decode("utf-8").encode("cp1251") for k, v in expense_files(year).items()}

    def answer(request: Request) -> Recorded:
        q = {k: v[0] for k, v in request.query.items()}
        if q.get("budgetCode") != BUDGET or q.get("period") != "MONTH":
            return Recorded(400, b'{"message":"bad request"}', JSON)
        if q.get("year") != str(year):
            return Recorded(200, b"", CSV_1251)  # a year with nothing published: an empty body
        if q.get("budgetItem") == "INCOMES":
            name = f"local_{BUDGET}_INCOMES_{year}_quarter.csv"
            return Recorded(200, income, {**CSV_1251, "Content-Disposition": f"attachment; filename={name}"})
        label = f"EXPENSES_{q.get('classificationType')}"
        if label not in expenses:
            return Recorded(400, b'{"message":"classificationType"}', JSON)
        name = f"local_{BUDGET}_EXPENSES_{year}_month.csv"
        return Recorded(200, expenses[label], {**CSV_1251, "Content-Disposition": f"attachment; filename={name}"})

    return answer


def budget_list() -> bytes:
    """openbudget's list of local budgets: a title line, then the table; windows-1251."""
    text = (
        "Перелік місцевих бюджетів\r\n"
        "budgetCode;budgetName;katottg;terUnit;year\r\n"
        f"2555900000;Бюджет Чернігівської міської територіальної громади;UA74100390000062452;м. Чернігів;2023\r\n"
        f"{BUDGET[:-1]}1;Бюджет Куликівської селищної територіальної громади;{HROMADA};смт Куликівка;2023\r\n"
    )
    return text.encode("cp1251")


def open_meteo_api_csv(year: int) -> tuple[bytes, bytes]:
    """(the API's CSV built from the real archive sample's rows, the sample file itself)."""
    sample = samples_path("weather", "openmeteo_kyiv_daily", f"open_meteo_weather_{year}.csv").read_bytes()
    rows = list(csv.DictReader(io.StringIO(sample.decode("utf-8"))))
    out = io.StringIO()
    out.write("latitude,longitude,elevation,utc_offset_seconds,timezone,timezone_abbreviation\n")
    out.write("50.45,30.52,167.0,7200,Europe/Kyiv,GMT+2\n\n")
    out.write("time,temperature_2m_max (°C),temperature_2m_min (°C)\n")
    for row in rows:
        out.write(f"{row['date']},{row['temp_max']},{row['temp_min']}\n")
    return out.getvalue().encode("utf-8"), sample


def prozorro_packages() -> dict[str, bytes]:
    """tender id -> its OCDS release package, from the real releases sample (one release per package)."""
    doc = json.loads(samples_path("prozorro", "releases-10.json").read_text(encoding="utf-8"))
    meta = {k: v for k, v in doc.items() if k not in ("releases", "links")}
    packages = {}
    for release in doc["releases"]:
        buyers = [p["identifier"]["id"] for p in release.get("parties", []) if "buyer" in p.get("roles", [])]
        if BUYER in buyers:
            packages[release["id"]] = json.dumps({**meta, "releases": [release]}, ensure_ascii=False).encode("utf-8")
    return packages


def prozorro_search(packages: dict[str, bytes]) -> callable:
    def answer(request: Request) -> Recorded:
        edrpou = request.form.get("edrpou", [""])[0]
        data = []
        for tender_id, body in packages.items():
            release = json.loads(body)["releases"][0]
            if edrpou == BUYER:
                data.append(
                    {
                        "id": tender_id,
                        "tenderID": release["ocid"].removeprefix("ocds-be6bcu-"),
                        "dateModified": release["date"],
                        "procuringEntity": {"identifier": {"scheme": "UA-EDR", "id": BUYER}},
                    }
                )
        return Recorded(200, json.dumps({"data": data, "total": len(data), "per_page": 20, "page": 1}).encode(), JSON)

    return answer


def boundary_features() -> list[dict]:
    """The real boundary sample as COD-AB's adm3 layer answers it: P-codes and names in its properties."""
    doc = json.loads(samples_path("geo", "hromadas_chernihiv_oblast_gromada4_subset.geojson").read_text("utf-8"))
    return [
        {
            "type": "Feature",
            "geometry": f["geometry"],
            "properties": {
                "ADM3_PCODE": f["properties"]["COD_3"][:9],
                "ADM3_UA": f["properties"]["ADMIN_3"],
                "ADM2_PCODE": f["properties"]["COD_3"][:6],
            },
        }
        for f in doc["features"]
    ]


def boundaries_handler() -> callable:
    features = boundary_features()

    def answer(request: Request) -> Recorded:
        q = {k: v[0] for k, v in request.query.items()}
        if q.get("f") != "geojson":
            return Recorded(200, b'{"error": {"code": 400, "message": "Invalid format"}}', JSON)
        where = q.get("where", "")
        chosen = [f for f in features if where == "1=1" or f"'{f['properties']['ADM3_PCODE']}'" in where]
        body = json.dumps({"type": "FeatureCollection", "features": chosen}, ensure_ascii=False).encode("utf-8")
        return Recorded(200, body, {"Content-Type": "application/geo+json"})

    return answer


def ckan_answer(base: str, votes_csv: bytes) -> tuple[bytes, bytes]:
    package = {
        "success": True,
        "result": {
            "count": 2,
            "results": [
                {
                    "name": "rezultaty-poimennoho-holosuvannia",
                    "title": "Результати поіменного голосування депутатів",
                    "resources": [
                        {
                            "id": "5f1c2a9e-0000-4000-8000-000000000001",
                            "format": "CSV",
                            "name": "votings.csv",
                            "url": f"{base}/dataset/votes/resource/5f1c2a9e/download/votings.csv",
                            "last_modified": "2026-10-01T10:00:00",
                        }
                    ],
                },
                {"name": "budget-2026", "title": "Бюджет громади", "resources": []},
            ],
        },
    }
    return json.dumps(package, ensure_ascii=False).encode("utf-8"), votes_csv


def settings_file(
    path: Path, budget_code: str = BUDGET, buyers: tuple[str, ...] = (BUYER,), council: str = "04061777"
) -> Path:
    """A hromada.toml for the recordings' hromada (Kulykivska, with Chernihiv's budget sample)."""
    path.write_text(
        f"""[hromada]
katottg = "{HROMADA}"
budget_code = "{budget_code}"
name_uk = "Куликівська селищна територіальна громада"
name_en = "Kulykivka settlement hromada"
population = 16000
population_year = 2022
centre_lat = 51.36
centre_lon = 31.65

[fetch]
buyers = {json.dumps(list(buyers))}
council_edrpou = "{council}"
""",
        encoding="utf-8",
    )
    return path


def serve_all(server: ReplayServer, year: int, weather_year: int, votes_csv: bytes) -> HandPlaced:
    """Every source's route on one server; returns the same data as hand-placed files."""
    server.add("GET", "/api/public/localBudgetData", openbudget_handler(year))
    server.add("GET", "/api/localBudgets/aboutBudgets/plain/CSV", Recorded(200, budget_list(), CSV_1251))
    api_csv, archive_sample = open_meteo_api_csv(weather_year)
    server.add(
        "GET",
        "/v1/archive",
        lambda r: (
            Recorded(200, api_csv, {"Content-Type": "text/csv; charset=utf-8"})
            if r.query.get("start_date", [""])[0].startswith(str(weather_year))
            else Recorded(400, b'{"error":true,"reason":"out of range"}', JSON)
        ),
    )
    packages = prozorro_packages()
    server.add("POST", "/api/search/tenders", prozorro_search(packages))
    for tender_id, body in packages.items():
        server.add("GET", f"/api/2.5/tenders/{tender_id}", Recorded(200, body, JSON))
    quiet_feed = {"data": [], "next_page": {"offset": "1764400000.0"}}  # nothing changed since the last run
    server.add("GET", "/api/2.5/tenders", Recorded(200, json.dumps(quiet_feed).encode(), JSON))
    server.add("GET", "/arcgis/rest/services/COD_External/UKR_pcode/FeatureServer/3/query", boundaries_handler())
    listing, votes = ckan_answer("https://data.gov.ua", votes_csv)
    server.add("GET", "/api/3/action/package_search", Recorded(200, listing, JSON))
    server.add(
        "GET",
        "/dataset/votes/resource/5f1c2a9e/download/votings.csv",
        Recorded(200, votes, {"Content-Type": "text/csv"}),
    )
    files = {f"openbudget/local_{BUDGET}_INCOMES_{year}_quarter.csv": openbudget_income_sample()}
    files.update(
        {f"openbudget/local_{BUDGET}_{label}_{year}_month.csv": body for label, body in expense_files(year).items()}
    )
    files[f"weather/open_meteo/open_meteo_weather_{weather_year}.csv"] = archive_sample
    files.update({f"prozorro/{tid}.json": body for tid, body in packages.items()})
    return HandPlaced(files)
