"""Boundaries and areas from GeoJSON, GeoPackage or zipped Shapefile, in any coordinate system.

Every feature is reprojected to WGS 84 (EPSG:4326), measured in an equal-area projection, simplified for the
screen (about 30 m: a village polygon keeps its shape, the page stays small) and staged with its properties.
Which property is the KATOTTG code is found from the values, not the column name (publishers call it COD_3,
katottg, code …); codes written with Cyrillic look-alikes (УА…) are read as Latin. Names are kept with Latin
look-alike letters replaced by Cyrillic ones (real files have `Бepeзнянськa` with Latin e, p, a), so a
feature without a code can still be matched by name in SQL. A feature's kind (hromada, starosta district,
settlement) comes from the code's level in the codifier; a district carries the settlements it covers.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pyarrow as pa
import shapely

from etl.sources.base import FileFormatError, Rejection
from etl.sources.fields import KATOTTG_CODE

SIMPLIFY_DEGREES = 0.0003  # ≈ 30 m at 51° N
EQUAL_AREA = "EPSG:6933"  # World Cylindrical Equal Area: areas in m²
# Latin letters that look like Cyrillic ones, as they turn up inside Ukrainian names.
LATIN_TO_CYRILLIC = str.maketrans("aceiopxyABCEHIKMOPTXY", "асеіорхуАВСЕНІКМОРТХУ")
CYRILLIC_TO_LATIN_CODE = str.maketrans({"У": "U", "А": "A", "у": "U", "а": "A"})
NAME_COLUMNS = ("name_uk", "name", "назва", "admin_3", "title", "district", "округ")
SETTLEMENTS_COLUMNS = ("settlements", "населені_пункти", "katottg_list", "codes")
KIND_COLUMNS = ("kind", "level", "type", "тип")
# A detailed hromada boundary has tens of thousands of vertices, an oblast's from OpenStreetMap some 100,000;
# far more is a file that was never simplified, and would cost the build its memory for detail no screen shows.
MAX_VERTICES = 250_000

SCHEMA = pa.schema(
    [
        ("source_file", pa.string()),
        ("source_line", pa.int32()),  # the feature's number in the file, from 1
        ("katottg", pa.string()),
        ("name", pa.string()),
        ("kind_hint", pa.string()),
        ("settlements", pa.string()),
        ("geojson", pa.string()),
        ("area_km2", pa.float64()),
        ("centroid_lat", pa.float64()),
        ("centroid_lon", pa.float64()),
        ("vertices", pa.int64()),
        ("properties", pa.string()),
    ]
)


def normalise_name(name: str) -> str:
    """A name as Ukrainian text: Latin look-alikes inside Cyrillic words replaced, spaces tidied."""
    words = []
    for word in str(name).split():
        has_cyrillic = any("\u0400" <= ch <= "\u04ff" for ch in word)
        words.append(word.translate(LATIN_TO_CYRILLIC) if has_cyrillic else word)
    return " ".join(words)


def normalise_code(value: object) -> str | None:
    """A KATOTTG code as text, or None: Cyrillic У/А read as Latin, spaces dropped."""
    if value is None:
        return None
    text = str(value).strip().replace(" ", "").translate(CYRILLIC_TO_LATIN_CODE).upper()
    return text if KATOTTG_CODE.match(text) else None


def _code_column(frame, skip: str | None) -> str | None:
    """The column with the most KATOTTG codes, if at least half the features have one there."""
    best, best_count = None, 0
    for column in frame.columns:
        if column in ("geometry", skip):
            continue
        count = sum(normalise_code(v) is not None for v in frame[column])
        if count > best_count:
            best, best_count = column, count
    return best if best_count * 2 >= len(frame) else None


def _column(frame, candidates: tuple[str, ...]) -> str | None:
    lowered = {str(c).lower(): c for c in frame.columns if c != "geometry"}
    return next((lowered[c] for c in candidates if c in lowered), None)


def read_geodata(path: Path, rel_path: str) -> tuple[pa.Table, list[Rejection], int, str]:
    """(features in the staging shape, rejections, features read, format)."""
    import geopandas as gpd  # heavy: only when a geodata file is loaded

    suffix = path.suffix.lower()
    if suffix == ".zip":
        _check_shapefile_zip(path, rel_path)
    source = f"zip://{path}" if suffix == ".zip" else str(path)
    try:
        frame = gpd.read_file(source)
    except Exception as exc:  # pyogrio raises several kinds for unreadable data
        raise FileFormatError(f"{rel_path}: not readable as geodata ({type(exc).__name__}: {exc})") from None
    fmt = {".gpkg": "geopackage", ".zip": "shapefile_zip"}.get(suffix, "geojson")
    if frame.crs is None:
        if fmt != "geojson":
            raise FileFormatError(f"{rel_path}: no coordinate reference system; add the .prj or define the CRS")
        frame = frame.set_crs("EPSG:4326")  # RFC 7946: GeoJSON without a crs member is WGS 84
    frame = frame.to_crs("EPSG:4326")
    areas = frame.geometry.to_crs(EQUAL_AREA).area / 1e6
    settlements_col = _column(frame, SETTLEMENTS_COLUMNS)
    code_col = _code_column(frame, settlements_col)
    name_col = _column(frame, NAME_COLUMNS)
    kind_col = _column(frame, KIND_COLUMNS)
    rows: dict[str, list] = {name: [] for name in SCHEMA.names}
    rejections: list[Rejection] = []
    for number, (index, feature) in enumerate(frame.iterrows(), start=1):
        properties = {k: _plain(v) for k, v in feature.items() if k != "geometry"}
        raw = json.dumps(properties, ensure_ascii=False, sort_keys=True)
        geometry = feature.geometry
        if not hasattr(geometry, "is_empty") or geometry.is_empty:  # None, or NaN where a feature has null
            rejections.append(Rejection(rel_path, number, "geometry", "feature has no geometry", raw))
            continue
        if geometry.geom_type not in ("Polygon", "MultiPolygon"):
            rejections.append(
                Rejection(rel_path, number, "geometry", f"{geometry.geom_type} is not an area (Polygon)", raw)
            )
            continue
        problem = _out_of_bounds(geometry)
        if problem:
            rejections.append(Rejection(rel_path, number, "geometry", problem, raw))
            continue
        if not geometry.is_valid:
            geometry = geometry.buffer(0)  # self-touching rings as digitised: the standard repair
        # About 30 m of detail and 1 m of precision: what a screen shows, at a twentieth of the bytes.
        simple = shapely.transform(geometry.simplify(SIMPLIFY_DEGREES, preserve_topology=True), _five_decimals)
        centroid = geometry.representative_point()
        rows["source_file"].append(rel_path)
        rows["source_line"].append(number)
        rows["katottg"].append(normalise_code(feature[code_col]) if code_col else None)
        rows["name"].append(normalise_name(feature[name_col]) if name_col and feature[name_col] else None)
        rows["kind_hint"].append(str(feature[kind_col]) if kind_col and feature[kind_col] is not None else None)
        rows["settlements"].append(_codes(feature[settlements_col]) if settlements_col else None)
        rows["geojson"].append(json.dumps(simple.__geo_interface__, separators=(",", ":")))
        rows["area_km2"].append(float(areas[index]))
        rows["centroid_lat"].append(centroid.y)
        rows["centroid_lon"].append(centroid.x)
        rows["vertices"].append(_vertices(simple))
        rows["properties"].append(raw)
    table = pa.table({name: pa.array(values, SCHEMA.field(name).type) for name, values in rows.items()})
    return table, rejections, len(frame), fmt


def _out_of_bounds(geometry) -> str | None:
    """Why an area cannot be a place on Earth we can draw, or None: too many vertices, or coordinates that are
    not longitude and latitude (a file in metres read as degrees, infinities)."""
    vertices = shapely.get_num_coordinates(geometry)
    if vertices > MAX_VERTICES:
        return f"{vertices:,} vertices; we read at most {MAX_VERTICES:,} per feature (simplify it first)"
    min_lon, min_lat, max_lon, max_lat = geometry.bounds
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        return "coordinates are not longitude −180…180 and latitude −90…90 (is the coordinate system right?)"
    return None


def _five_decimals(coords):
    return coords.round(5)


def _check_shapefile_zip(path: Path, rel_path: str) -> None:
    """Say what is wrong with a zip in words, before GDAL says it in its own."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = [n.lower() for n in archive.namelist()]
    except zipfile.BadZipFile:
        raise FileFormatError(f"{rel_path}: not a zip archive") from None
    if not any(n.endswith(".shp") for n in names):
        raise FileFormatError(f"{rel_path}: the zip holds no Shapefile (a .shp with its .shx, .dbf and .prj)")


def _codes(value: object) -> str | None:
    if value is None:
        return None
    codes = [normalise_code(part) for part in re.split(r"[\s,;]+", str(value)) if part]
    return " ".join(c for c in codes if c) or None


def _vertices(geometry) -> int:
    polygons = getattr(geometry, "geoms", [geometry])
    return sum(len(p.exterior.coords) + sum(len(r.coords) for r in p.interiors) for p in polygons)


def _plain(value: object) -> object:
    """A property value JSON can hold (numpy numbers, timestamps and NaN as published)."""
    if value is None:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)
