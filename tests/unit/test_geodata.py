"""Geodata: three formats, any CRS, codes found by value, look-alike letters, and what is turned away."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import Point, box

from etl.sources.geodata import normalise_code, normalise_name
from tests.conftest import SAMPLES, samples_path
from tests.helpers import build_from, fetch

CENTRE = "UA74100250010077513"  # Михайло-Коцюбинське
VILLAGE = "UA74100250020057602"  # Андріївка
HROMADA = "UA74100250000038291"
CODIFIER = (
    "Перший рівень;Другий рівень;Третій рівень;Четвертий рівень;Додатковий рівень;Категорія об’єкта;Назва об’єкта\r\n"
    "UA74000000000025378;;;;;O;Чернігівська область\r\n"
    "UA74000000000025378;UA74100000000047140;;;;P;Чернігівський район\r\n"
    f"UA74000000000025378;UA74100000000047140;{HROMADA};;;H;Михайло-Коцюбинська\r\n"
    f"UA74000000000025378;UA74100000000047140;{HROMADA};{CENTRE};;X;Михайло-Коцюбинське\r\n"
    f"UA74000000000025378;UA74100000000047140;{HROMADA};{VILLAGE};;C;Андріївка\r\n"
)


def _frame(rows: list[dict], crs: str = "EPSG:4326") -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326").to_crs(crs)


def _squares() -> list[dict]:
    return [
        {"код": CENTRE, "назва": "Михайло-Коцюбинське", "geometry": box(31.05, 51.43, 31.11, 51.47)},
        # a code with Cyrillic У and А, as typed on a Ukrainian keyboard
        {"код": "УА" + VILLAGE[2:], "назва": "Андріївка", "geometry": box(31.15, 51.40, 31.20, 51.44)},
    ]


def test_normalising_names_and_codes() -> None:
    assert normalise_name("Бepeзнянськa") == "Березнянська"  # Latin e, p, a inside a Cyrillic word
    assert normalise_name("Kyiv Oblast") == "Kyiv Oblast"  # Latin words stay Latin
    assert normalise_code(" УА74100250010077513 ") == CENTRE
    assert normalise_code(7423055300.0) is None  # a float KOATUU code is not KATOTTG


@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "zip"])
def test_three_formats_in_a_projected_crs_land_in_wgs84(tmp_path: Path, fmt: str) -> None:
    frame = _frame(_squares(), "EPSG:32636")  # UTM zone 36N, metres
    source = tmp_path / "src"
    source.mkdir()
    if fmt == "geojson":
        path = source / "areas.geojson"
        frame.to_file(path, driver="GeoJSON")
        doc = json.loads(path.read_text(encoding="utf-8"))
        doc["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32636"}}  # the legacy member
        data = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    elif fmt == "gpkg":
        path = source / "areas.gpkg"
        frame.to_file(path, driver="GPKG")
        data = path.read_bytes()
    else:
        frame.to_file(source / "areas.shp", driver="ESRI Shapefile", encoding="utf-8")
        path = source / "areas.zip"
        with zipfile.ZipFile(path, "w") as archive:
            for part in source.glob("areas.*"):
                if part.suffix != ".zip":
                    archive.write(part, part.name)
        data = path.read_bytes()
    db, report = build_from(tmp_path, {"katottg/k.csv": CODIFIER, f"geo/areas.{fmt}": data})
    rec = next(r for r in report.files if r.source == "geo")
    assert (rec.status, rec.rows_read, rec.rows_loaded) == ("loaded", 2, 2), rec
    got = fetch(db, "select katottg, name, centroid_lat, centroid_lon, area_km2 from geo_areas order by katottg")
    assert [g[:2] for g in got] == [(CENTRE, "Михайло-Коцюбинське"), (VILLAGE, "Андріївка")]
    centre = got[0]
    assert 51.43 < centre[2] < 51.47 and 31.05 < centre[3] < 31.11  # back in degrees
    # 0.06° × 0.04° at 51.45° N: 4.17 km × 4.45 km
    assert centre[4] == pytest.approx(0.06 * 111.32 * 0.6232 * 0.04 * 111.2, rel=0.02)


def test_names_without_codes_districts_and_what_is_turned_away(tmp_path: Path) -> None:
    rows = [
        {"name": "Андрiївка", "geometry": box(31.15, 51.40, 31.20, 51.44)},  # Latin i: matched by name
        {"name": "Округ № 2", "settlements": f"{CENTRE}, {VILLAGE}", "geometry": box(31.0, 51.3, 31.3, 51.5)},
        {"name": "Невідоме", "geometry": box(31.3, 51.3, 31.4, 51.4)},  # no code, no known name
        {"name": "Криниця", "geometry": Point(31.1, 51.4)},  # not an area
    ]
    db, report = build_from(
        tmp_path, {"katottg/k.csv": CODIFIER, "geo/mixed.geojson": _frame(rows).to_json().encode("utf-8")}
    )
    got = fetch(db, "select level, katottg, name, matched_by, settlements from geo_areas order by level")
    assert got == [
        ("district", None, "Округ № 2", "districts", f"{CENTRE} {VILLAGE}"),
        ("settlement", VILLAGE, "Андріївка", "name", None),
    ]
    rejected = fetch(db, "select line_number, column_name, reason, raw_text from rejected_rows order by 1")
    assert [(r[0], r[1], r[2]) for r in rejected] == [
        (3, "katottg", "no KATOTTG code and no settlement or hromada of that name (Невідоме)"),
        (4, "geometry", "Point is not an area (Polygon)"),
    ]
    assert json.loads(rejected[0][3])["name"] == "Невідоме"  # the feature's properties stand for its line
    rec = next(r for r in report.files if r.source == "geo")
    assert (rec.rows_read, rec.rows_loaded, rec.rows_rejected) == (4, 2, 2)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("broken.gpkg", b"not a geopackage", "not readable as geodata"),
        ("empty.geojson", b"", "not readable as geodata"),
        ("notzip.zip", b"plain text", "not a zip archive"),
        ("noshp.zip", b"PK\x05\x06" + b"\x00" * 18, "the zip holds no Shapefile"),
    ],
)
def test_broken_file_is_an_error_and_the_rest_loads(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    _, report = build_from(tmp_path, {"katottg/k.csv": CODIFIER, f"geo/{name}": data})
    rec = next(r for r in report.files if r.source == "geo")
    assert rec.status == "error" and message in rec.message and rec.message.startswith(f"geo/{name}")
    assert next(r for r in report.files if r.source == "katottg").rows_loaded == 5


@pytest.mark.skipif(not SAMPLES.exists(), reason="samples not available")
def test_real_boundaries_match_kse_areas(tmp_path: Path) -> None:
    """Five real Chernihiv-oblast hromadas: codes read from COD_3, look-alike names fixed, and each area within
    3 % of the area KSE publishes for that hromada (an independent source)."""
    sample = samples_path("geo", "hromadas_chernihiv_oblast_gromada4_subset.geojson")
    db, _ = build_from(tmp_path, {"katottg/k.csv": CODIFIER, "geo/hromadas.geojson": sample.read_bytes()})
    got = {k: (n, a, own) for k, n, a, own in fetch(db, "select katottg, name, area_km2, is_own from geo_areas")}
    assert got["UA74100010000063674"][0] == "Березнянська"
    with samples_path("geo", "kse_geography_hromada_centers_chernihiv.csv").open(encoding="utf-8") as fh:
        published = {r["hromada_code"]: float(r["square"]) for r in csv.DictReader(fh)}
    assert len(got) == 5
    for code, (_name, area, own) in got.items():
        assert not own  # neighbours: context on the map
        assert area == pytest.approx(published[code], rel=0.03), code
