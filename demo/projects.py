"""Demo project registry (two versions) and the Prozorro OCDS releases of its tenders.

Projects are spread over the real settlements with a credible mix of sectors, statuses and funding;
the registry comes as last spring's XLSX and this autumn's CSV, so "what changed" has something to
show; tenders and contracts are written as a Prozorro OCDS release package. A few rows carry the
problems real registries have (a missing title, an unknown status, coordinates outside the hromada,
spending above the budget, a tender id with no Prozorro record), so the checks have something to catch.
"""

from __future__ import annotations

import io
import json
import random
import re
import zipfile
from datetime import date, timedelta
from typing import Any

from demo.catalogue import SETTLEMENTS
from demo.csvfile import csv_bytes
from etl.sources.projects import COLUMNS
from hromada.settings import HromadaSettings
from hromada.translit import transliterate

# sector -> (budget range in UAH, programme code, titles in Ukrainian and English with {place})
SECTORS: dict[str, tuple[tuple[int, int], str, list[tuple[str, str]]]] = {
    "roads": (
        (900_000, 7_500_000),
        "0117461",
        [
            ("Капітальний ремонт дороги по вул. Шевченка, {place}", "Major repair of Shevchenka street, {place}"),
            ("Поточний ремонт дороги до кладовища, {place}", "Repair of the road to the cemetery, {place}"),
            ("Облаштування тротуару біля школи, {place}", "Pavement by the school, {place}"),
        ],
    ),
    "street_lighting": (
        (250_000, 1_800_000),
        "0116030",
        [
            ("Енергоефективне вуличне освітлення, {place}", "Energy-efficient street lighting, {place}"),
        ],
    ),
    "water": (
        (800_000, 6_000_000),
        "0116013",
        [
            ("Реконструкція водогону, {place}", "Reconstruction of the water main, {place}"),
            ("Будівництво свердловини та водонапірної башти, {place}", "New well and water tower, {place}"),
        ],
    ),
    "schools": (
        (1_500_000, 14_000_000),
        "0111021",
        [
            ("Термомодернізація ліцею, {place}", "Thermal modernisation of the lyceum, {place}"),
            ("Облаштування укриття в школі, {place}", "Bomb shelter at the school, {place}"),
        ],
    ),
    "kindergartens": (
        (1_000_000, 8_000_000),
        "0111010",
        [
            ("Капітальний ремонт дитячого садка, {place}", "Major repair of the kindergarten, {place}"),
        ],
    ),
    "health": (
        (400_000, 3_500_000),
        "0112111",
        [
            ("Ремонт амбулаторії загальної практики, {place}", "Repair of the family medicine clinic, {place}"),
        ],
    ),
    "energy_efficiency": (
        (900_000, 9_000_000),
        "0117330",
        [
            ("Сонячна електростанція на даху школи, {place}", "Rooftop solar plant at the school, {place}"),
            ("Модульна котельня на біопаливі, {place}", "Modular biomass boiler house, {place}"),
        ],
    ),
    "admin_services": (
        (400_000, 2_500_000),
        "0110150",
        [
            ("Віддалене робоче місце ЦНАП, {place}", "Remote administrative service point, {place}"),
        ],
    ),
    "culture_sport": (
        (400_000, 4_500_000),
        "0114060",
        [
            ("Спортивний майданчик зі штучним покриттям, {place}", "Sports ground with artificial turf, {place}"),
            ("Ремонт будинку культури, {place}", "Repair of the house of culture, {place}"),
        ],
    ),
    "housing": (
        (900_000, 5_500_000),
        "0116030",
        [
            ("Ремонт гуртожитку для внутрішньо переміщених осіб, {place}", "Housing for displaced people, {place}"),
        ],
    ),
    "other": (
        (300_000, 2_000_000),
        "0117370",
        [
            ("Індустріальний парк: підготовка ділянки, {place}", "Industrial park site preparation, {place}"),
        ],
    ),
}
STATUS_PLAN = ["completed"] * 14 + ["implementation"] * 10 + ["procurement"] * 6 + ["preparation"] * 6 + ["idea"] * 8
OPPORTUNITY_FORMS = ("ppp", "concession", "lease", "sale", "grant_cofinancing")
SUPPLIERS = (
    ("39123456", 'ТОВ "Шляхбуд-Чернігів"'),
    ("41234567", 'ТОВ "Енергосервіс Полісся"'),
    ("38765432", 'ПП "Будмайстер"'),
    ("3012345678", "ФОП Петренко Іван Олексійович"),
    ("40987654", 'ТОВ "Водоканалпроект"'),
)
BUYER = ("04412345", "Михайло-Коцюбинська селищна рада")


def _money(value: float) -> str:
    return f"{round(value, 2):.2f}".rstrip("0").rstrip(".")


def _cadastral(rng: random.Random) -> str:
    return f"7425584000:0{rng.randint(1, 9)}:00{rng.randint(1, 9)}:{rng.randint(1, 9999):04d}"


def build_projects(
    settings: HromadaSettings, places: list[tuple[str, float, float, int]], until: tuple[int, int]
) -> list[dict[str, Any]]:
    rng = random.Random("projects")
    today = date(until[0], until[1], 28)
    names = {code: name for code, _cat, name in SETTLEMENTS}
    projects = []
    sectors = list(SECTORS)
    for i, status in enumerate(STATUS_PLAN):
        sector = sectors[i % len(sectors)]
        (low, high), programme, titles = SECTORS[sector]
        code, lat, lon, _pop = places[0] if i % 5 == 0 else rng.choice(places)
        place = names[code]
        title_uk, title_en = rng.choice(titles)
        budget = round(rng.uniform(low, high), -3)
        millions = f"{budget / 1e6:.2f}".replace(".", ",")
        years_back = {"completed": 3.5, "implementation": 1.2, "procurement": 0.6, "preparation": 0.3, "idea": 0.0}
        start = today - timedelta(days=int(365 * years_back[status] * rng.uniform(0.5, 1.0))) + timedelta(days=30)
        duration = timedelta(days=rng.randint(90, 400))
        p: dict[str, Any] = {
            "project_id": f"MK-{start.year}-{i + 1:03d}",
            "title_uk": title_uk.format(place=place),
            "title_en": title_en.format(place=transliterate(place)),
            "description": f"{title_uk.format(place=place)}. Кошторисна вартість {millions} млн грн.",
            "sector": sector,
            "status": status,
            "settlement_katottg": code,
            "lat": f"{lat + rng.uniform(-0.004, 0.004):.5f}",
            "lon": f"{lon + rng.uniform(-0.006, 0.006):.5f}",
            "budget_uah": _money(budget),
            "programme_code": programme,
            "department": rng.choice(["Відділ ЖКГ", "Відділ освіти", "Відділ економіки та інвестицій"]),
            "contact": "+380 00 000 00 00, projects@mk-hromada.example",
            "links": f"https://mk-hromada.example/projects/{i + 1:03d}/photos",
            "expected_effect": "",
        }
        if status != "idea":
            p["planned_start"] = start.isoformat()
            p["planned_end"] = (start + duration).isoformat()
        if status in ("implementation", "completed"):
            slip = timedelta(days=rng.choice([0, 0, 14, 45, 120]))
            actual_start = start + timedelta(days=rng.randint(0, 40))
            p["actual_start"] = actual_start.isoformat()
            progress = 100.0 if status == "completed" else round(rng.uniform(15, 90))
            p["progress_pct"] = str(int(progress))
            spent_share = rng.uniform(0.92, 1.0) if status == "completed" else progress / 100 * rng.uniform(0.8, 1.05)
            p["spent_uah"] = _money(budget * spent_share)
            if status == "completed":
                p["actual_end"] = min(today, start + duration + slip).isoformat()
        # Funding: the hromada's budget plus, often, the State Regional Development Fund or a donor.
        mix = rng.choice(
            [
                ("local_budget",),
                ("local_budget", "srdf"),
                ("local_budget", "donor"),
                ("state_budget", "local_budget"),
                ("local_budget", "cofinancing"),
            ]
        )
        shares = [rng.uniform(0.2, 1.0) for _ in mix]
        amounts = [round(budget * s / sum(shares), -2) for s in shares]
        amounts[0] += budget - sum(amounts)
        for source, amount in zip(mix, amounts, strict=True):
            p[f"funding_{source}_uah"] = _money(amount)
        if sector == "energy_efficiency":
            p["expected_kwh_per_year"] = str(int(budget / 45))
            p["expected_effect"] = "Економія енергії та коштів на оплату комунальних послуг"
        if status in ("idea", "preparation") and i % 2 == 0:
            form = OPPORTUNITY_FORMS[i % len(OPPORTUNITY_FORMS)]
            sought = round(budget * rng.uniform(0.5, 1.0), -3)
            p.update(
                {
                    "is_opportunity": "так",
                    "funding_sought_uah": _money(sought),
                    "investment_form": form,
                    "annual_revenue_uah": _money(sought * rng.uniform(0.08, 0.25)),
                    "land_area_ha": f"{rng.uniform(0.2, 12):.2f}"
                    if form in ("ppp", "lease", "sale", "concession")
                    else "",
                    "utilities": "електроенергія 0,4 кВ; водопостачання; під'їзна дорога",
                    "ownership": "комунальна власність громади",
                    "cadastral_number": _cadastral(rng) if form in ("lease", "sale", "ppp") else "",
                }
            )
        else:
            p["is_opportunity"] = "ні"
        projects.append(p)
    return projects


def _tenders(projects: list[dict[str, Any]], until: tuple[int, int]) -> list[dict[str, Any]]:
    """OCDS releases for the tenders of projects past preparation; sets each project's prozorro_ids."""
    rng = random.Random("tenders")
    releases = []
    for n, p in enumerate(projects):
        if p["status"] not in ("procurement", "implementation", "completed"):
            continue
        started = date.fromisoformat(p["planned_start"]) - timedelta(days=45)
        tender_id = f"UA-{started.isoformat()}-{100000 + n * 37:06d}-a"
        ocid = f"ocds-be6bcu-{tender_id}"
        p["prozorro_ids"] = tender_id
        expected = float(p["budget_uah"]) * rng.uniform(0.93, 1.0)
        cpv = {
            "roads": "45233142-6",
            "street_lighting": "45316110-9",
            "water": "45232150-8",
            "schools": "45453000-7",
            "kindergartens": "45453000-7",
            "health": "45453000-7",
            "energy_efficiency": "09331200-0",
            "admin_services": "30213100-6",
            "culture_sport": "45212200-8",
            "housing": "45453000-7",
            "other": "45111200-0",
        }[p["sector"]]
        release: dict[str, Any] = {
            "id": f"{ocid}-tender",
            "ocid": ocid,
            "date": f"{started.isoformat()}T09:00:00+02:00",
            "tag": ["tender"],
            "buyer": {"id": f"UA-EDR-{BUYER[0]}", "name": BUYER[1]},
            "parties": [
                {
                    "id": f"UA-EDR-{BUYER[0]}",
                    "name": BUYER[1],
                    "roles": ["buyer", "procuringEntity"],
                    "identifier": {"scheme": "UA-EDR", "id": BUYER[0], "legalName": BUYER[1]},
                }
            ],
            "tender": {
                "id": f"t{n}",
                "tenderID": tender_id,
                "title": p["title_uk"],
                "status": "active.tendering",
                "procurementMethod": "open",
                "procurementMethodType": "aboveThreshold",
                "value": {"amount": round(expected, 2), "currency": "UAH", "valueAddedTaxIncluded": True},
                "tenderPeriod": {"startDate": f"{started.isoformat()}T09:00:00+02:00"},
                "items": [
                    {
                        "id": f"i{n}",
                        "description": p["title_uk"],
                        "quantity": 1,
                        "unit": {"name": "послуга"},
                        "classification": {"scheme": "ДК021", "id": cpv},
                    }
                ],
            },
        }
        releases.append(release)
        if p["status"] == "procurement":
            continue
        supplier = rng.choice(SUPPLIERS)
        contract_value = round(expected * rng.uniform(0.82, 0.98), 2)
        signed = date.fromisoformat(p["actual_start"]) - timedelta(days=7)
        award = json.loads(json.dumps(release))
        award.update(
            {"id": f"{ocid}-contract", "date": f"{signed.isoformat()}T16:00:00+02:00", "tag": ["award", "contract"]}
        )
        award["tender"]["status"] = "complete"
        award["parties"].append(
            {
                "id": f"UA-EDR-{supplier[0]}",
                "name": supplier[1],
                "roles": ["supplier"],
                "identifier": {"scheme": "UA-EDR", "id": supplier[0], "legalName": supplier[1]},
            }
        )
        award["awards"] = [
            {
                "id": f"a{n}",
                "status": "active",
                "date": f"{signed.isoformat()}T12:00:00+02:00",
                "value": {"amount": contract_value, "currency": "UAH"},
                "suppliers": [{"id": f"UA-EDR-{supplier[0]}", "name": supplier[1]}],
            }
        ]
        contract: dict[str, Any] = {
            "id": f"c{n}",
            "awardID": f"a{n}",
            "title": f"Договір підряду № {n + 11}",
            "status": "active",
            "dateSigned": f"{signed.isoformat()}T00:00:00+02:00",
            "period": {
                "startDate": p["actual_start"] + "T00:00:00+02:00",
                "endDate": p["planned_end"] + "T00:00:00+02:00",
            },
            "value": {"amount": contract_value, "currency": "UAH", "valueAddedTaxIncluded": True},
        }
        if p.get("spent_uah"):
            paid = min(float(p["spent_uah"]), contract_value)
            contract["implementation"] = {
                "transactions": [
                    {
                        "id": f"p{n}-1",
                        "date": f"{signed.isoformat()}T00:00:00+02:00",
                        "value": {"amount": round(paid * 0.3, 2), "currency": "UAH"},
                    },
                    {
                        "id": f"p{n}-2",
                        "date": f"{(signed + timedelta(days=60)).isoformat()}T00:00:00+02:00",
                        "value": {"amount": round(paid * 0.7, 2), "currency": "UAH"},
                    },
                ]
            }
        if p["status"] == "completed":
            contract["status"] = "terminated"
        award["contracts"] = [contract]
        releases.append(award)
    return releases


def _csv(rows: list[dict[str, Any]]) -> bytes:
    return csv_bytes(COLUMNS, ([row.get(column, "") for column in COLUMNS] for row in rows))


def _xlsx(rows: list[dict[str, Any]]) -> bytes:
    from datetime import datetime

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "projects"
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append([row.get(c, "") for c in COLUMNS])
    workbook.properties.created = workbook.properties.modified = datetime(2026, 1, 1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _fixed_zip_times(buffer.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    """The same workbook with every zip entry dated 2026-01-01, so the demo is byte-for-byte repeatable."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2026-01-01T00:00:00Z", content)
            target.writestr(fixed, content)
    return out.getvalue()


def project_files(
    settings: HromadaSettings, places: list[tuple[str, float, float, int]], until: tuple[int, int]
) -> dict[str, bytes]:
    """Two registry versions (XLSX six months ago, CSV now) and the OCDS release package."""
    projects = build_projects(settings, places, until)
    releases = _tenders(projects, until)

    # The earlier version: before the latest progress, a few plans changed since.
    rng = random.Random("previous")
    previous = []
    for p in projects:
        old = dict(p)
        if p["status"] == "completed" and rng.random() < 0.4:
            old["status"], old["progress_pct"] = "implementation", "85"
            old.pop("actual_end", None)
        if p["status"] in ("implementation", "procurement") and p.get("planned_end") and rng.random() < 0.5:
            old["planned_end"] = (date.fromisoformat(p["planned_end"]) - timedelta(days=60)).isoformat()
        if p.get("spent_uah") and p["status"] != "completed":
            old["spent_uah"] = _money(float(p["spent_uah"]) * 0.6)
        previous.append(old)

    # Three of last year's participatory budget winners are followed in the registry.
    for n, p in enumerate([p for p in projects if p["status"] == "completed"][:3]):
        p["pb_uid"] = f"GB-{until[0] - 1}-{n + 1:02d}"
    current = [dict(p) for p in projects]
    # What real registries get wrong, for the checks to catch.
    current[3]["spent_uah"] = _money(float(current[3]["budget_uah"]) * 1.12)  # spent > budget
    current[7]["lat"], current[7]["lon"] = "50.45010", "30.52340"  # Kyiv, not the hromada
    current[9]["prozorro_ids"] = current[9].get("prozorro_ids", "") + " UA-2024-02-30-000001-a"  # no such tender
    current.append({**current[5], "project_id": "MK-2026-901", "title_uk": ""})  # missing title
    current.append({**current[6], "project_id": "MK-2026-902", "status": "in_progress"})  # unknown status

    package = {
        "uri": "https://mk-hromada.example/prozorro/releases.json",
        "version": "1.1",
        "publishedDate": f"{until[0]}-{until[1]:02d}-28T12:00:00+02:00",
        "publisher": {"name": "SMART Hromada demo (synthetic)"},
        "license": "https://creativecommons.org/publicdomain/zero/1.0/",
        "releases": releases,
    }
    earlier = (until[0], until[1] - 6) if until[1] > 6 else (until[0] - 1, until[1] + 6)
    return {
        f"projects/projects_{earlier[0]}-{earlier[1]:02d}.xlsx": _xlsx(previous),
        f"projects/projects_{until[0]}-{until[1]:02d}.csv": _csv(current),
        "prozorro/demo_release_package.json": json.dumps(package, ensure_ascii=False, indent=1).encode("utf-8"),
    }
