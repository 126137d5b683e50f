"""Buildings registry and the national utility-readings set (appendix 47): utilities, units, buildings."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import build_from, fetch

BUILDINGS = (
    "building_id;name;type;settlement_katottg;heated_area_m2;organization_id;meters\r\n"
    "B1;Ліцей;school;UA74100250010077513;3200;22345678;EL-1 GAS-7\r\n"
    "B2;Садок;kindergarten;UA74100250010077513;900;33345678;\r\n"
    "B3;Стадіон;stadium;UA74100250010077513;;;\r\n"
)
READINGS = (
    "uid,date,organizationName,organizationId,providerName,providerId,meterNumber,type,quantity,unitName\r\n"
    "1,2025-01-31,Ліцей,22345678,Енергопостач,1,EL-1,Електрична енергія,10520.5,кВт·год\r\n"
    "2,2025-01-31,Ліцей,22345678,Газмережі,2,GAS-7,Природний газ,4410,кубічний метр\r\n"
    "3,2025-01-31,Садок,33345678,Тепло,3,H-2,Теплова енергія,12.4,Гкал\r\n"
    "4,2025-01-31,Садок,33345678,,,W-1,Вивезення сміття,3,контейнер\r\n"
    "5,2025-01-31,Садок,33345678,,,W-2,Холодна вода,55,літри\r\n"
)


def test_buildings_and_readings(tmp_path: Path) -> None:
    db, report = build_from(tmp_path, {"energy/buildings.csv": BUILDINGS, "energy/readings_2025.csv": READINGS})
    assert {r.file_path: r.format for r in report.files} == {
        "energy/buildings.csv": "buildings_registry",
        "energy/readings_2025.csv": "utility_readings_835",
    }
    assert fetch(db, "select building_id, type, heated_area_m2 from buildings order by 1") == [
        ("B1", "school", 3200.0),
        ("B2", "kindergarten", 900.0),
    ]
    assert fetch(db, "select meter_number, utility, unit, quantity, building_id from meter_readings order by 1") == [
        ("EL-1", "electricity", "kWh", 10520.5, "B1"),
        ("GAS-7", "gas", "m3", 4410.0, "B1"),
        ("H-2", "heat", "Gcal", 12.4, "B2"),
    ]  # B2 lists no meters: its institution's readings are its own
    rejected = fetch(db, "select file_path, line_number, column_name, reason from rejected_rows order by 1, 2")
    assert rejected == [
        (
            "energy/buildings.csv",
            4,
            "type",
            "'stadium' is not one of school, kindergarten, clinic, administration, culture, sport, other",
        ),
        (
            "energy/readings_2025.csv",
            5,
            "type",
            "service type 'Вивезення сміття' is not electricity, gas, heat, water or solid fuel",
        ),
        ("energy/readings_2025.csv", 6, "unitName", "unit 'літри' is not one we can convert (kWh, MWh, Gcal, m³, t)"),
    ]
    counts = {r.file_path: (r.rows_read, r.rows_loaded, r.rows_rejected) for r in report.files}
    assert counts == {"energy/buildings.csv": (3, 2, 1), "energy/readings_2025.csv": (5, 3, 2)}
