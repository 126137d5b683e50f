"""Demo geodata for the configured hromada: real names and codes, synthetic shapes.

The boundary is the settlements' hull widened by about 1 km; each settlement gets the part of it nearest to
it (Voronoi cells); starosta districts group neighbouring settlements around the centre. The districts file is
written in Web Mercator with the legacy GeoJSON `crs` member, as some municipal GIS exports still are, so the
reader's reprojection runs on demo data too. The app labels these shapes approximate.
"""

from __future__ import annotations

import json
import math

import numpy as np
import shapely
from pyproj import Transformer
from shapely import MultiPoint, Point, voronoi_polygons
from shapely.geometry import mapping
from shapely.ops import unary_union

from demo.catalogue import SETTLEMENTS
from hromada.settings import HromadaSettings

DISTRICTS = 8


def _round(geometry, digits: int) -> dict:
    """GeoJSON geometry with coordinates rounded, so the demo files are the same bytes every time."""

    def walk(value):
        if isinstance(value, (list, tuple)):
            if value and isinstance(value[0], float):
                return [round(v, digits) for v in value]
            return [walk(v) for v in value]
        return value

    shape = mapping(geometry)
    return {"type": shape["type"], "coordinates": walk(shape["coordinates"])}


def _collection(features: list[dict], crs: str | None = None) -> bytes:
    doc: dict = {"type": "FeatureCollection"}
    if crs:
        doc["crs"] = {"type": "name", "properties": {"name": crs}}
    doc["features"] = features
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def geo_files(settings: HromadaSettings, places: list[tuple[str, float, float, int]]) -> dict[str, bytes]:
    names = {code: name for code, _cat, name in SETTLEMENTS}
    points = [Point(lon, lat) for _code, lat, lon, _pop in places]
    hull = MultiPoint(points).convex_hull.buffer(0.012, quad_segs=6).simplify(0.002)
    cells = voronoi_polygons(MultiPoint(points), extend_to=hull.envelope.buffer(0.1))
    areas = {}
    for code, point in zip((p[0] for p in places), points, strict=True):
        cell = next(c for c in cells.geoms if c.contains(point))
        areas[code] = cell.intersection(hull)
    boundary = {
        "type": "Feature",
        "properties": {"katottg": settings.katottg, "name": settings.name_uk, "kind": "територіальна громада"},
        "geometry": _round(hull, 5),
    }
    settlement_features = [
        {"type": "Feature", "properties": {"katottg": code, "name": names[code]}, "geometry": _round(area, 5)}
        for code, area in areas.items()
    ]
    # Districts: the centre's own, then the other settlements by direction from the centre.
    centre_code, centre_lat, centre_lon, _ = places[0]
    by_angle = sorted(
        places[1:], key=lambda p: math.atan2(p[1] - centre_lat, (p[2] - centre_lon) * math.cos(math.radians(51.45)))
    )
    size = math.ceil(len(by_angle) / (DISTRICTS - 1))
    groups = [[centre_code]] + [[p[0] for p in by_angle[i : i + size]] for i in range(0, len(by_angle), size)]
    mercator = Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)

    def to_mercator(coords: np.ndarray) -> np.ndarray:
        return np.column_stack(mercator.transform(coords[:, 0], coords[:, 1]))

    district_features = []
    for number, codes in enumerate(groups, start=1):
        shape = unary_union([areas[c] for c in codes])
        district_features.append(
            {
                "type": "Feature",
                "properties": {
                    "name": f"Старостинський округ № {number} ({names[codes[0]]})"
                    if number > 1
                    else f"{names[centre_code]} (без старости)",
                    "kind": "старостинський округ",
                    "settlements": " ".join(codes),
                },
                "geometry": _round(shapely.transform(shape, to_mercator), 1),
            }
        )
    return {
        "geo/hromada_boundary.geojson": _collection([boundary]),
        "geo/settlement_areas.geojson": _collection(settlement_features),
        "geo/starosta_districts.geojson": _collection(district_features, "urn:ogc:def:crs:EPSG::3857"),
    }
