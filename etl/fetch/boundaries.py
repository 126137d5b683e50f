"""The hromada's boundary and its neighbours' from OCHA's common operational datasets (COD-AB) for Ukraine.

COD-AB's third level is the hromada; its P-code is the first nine characters of the KATOTTG code
(UA7410025 for UA74100250000038291). The ArcGIS feature service that serves COD-AB answers GeoJSON
(`…/FeatureServer/<adm3 layer>/query?where=ADM3_PCODE='…'&f=geojson`); a second query takes every hromada
whose shape meets ours, so the map can show where the hromada sits. Each feature gains its full KATOTTG code
(from the codifier in data/reference), which the build matches on.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import shapely.geometry

from etl.fetch.context import FetchContext, parse_json
from etl.fetch.http import FetchError
from etl.fetch.store import Licence, SourceStore
from etl.reference import by_pcode

SOURCE = "boundaries"
TITLE = "OCHA COD-AB Ukraine, administrative level 3 (hromadas)"
LICENCE = Licence(
    "CC BY-IGO 3.0",
    "https://data.humdata.org/dataset/cod-ab-ukr",
    "Межі громад: OCHA Common Operational Datasets (COD-AB), Україна (CC BY-IGO)",
)
PCODE = re.compile(r"^UA\d{7}$")
REFRESH_DAYS = 180  # boundaries change with a reform, not with the seasons


def fetch(ctx: FetchContext, store: SourceStore) -> str:
    pcode = ctx.settings.katottg[:9]
    if not PCODE.match(pcode):
        raise FetchError(f"the KATOTTG code {ctx.settings.katottg!r} in hromada.toml does not give a COD-AB P-code")
    rel = f"geo/cod_ab_adm3_{pcode}.geojson"
    entry = store.entry(rel)
    if entry is not None and _age_days(entry, ctx) < REFRESH_DAYS:
        store.keep(rel)
        return f"{rel} fetched {entry['fetched_at'][:10]}; refreshed after {REFRESH_DAYS} days"
    url = ctx.config.url("boundaries") + "/query"
    common = {"outFields": "*", "outSR": 4326, "f": "geojson"}
    ctx.progress(f"  COD-AB boundary of {pcode} …")
    ours = ctx.client.request(url, params={**common, "where": f"ADM3_PCODE='{pcode}'"}, accept="application/geo+json")
    features = _features(ours.body, ours.url)
    if not features:
        raise FetchError(f"COD-AB has no hromada with the P-code {pcode}; check katottg in hromada.toml")
    west, south, east, north = shapely.geometry.shape(features[0]["geometry"]).bounds
    ctx.progress("  COD-AB neighbouring hromadas …")
    around = ctx.client.request(
        url,
        params={
            **common,
            "where": "1=1",
            "geometry": f"{west},{south},{east},{north}",
            "geometryType": "esriGeometryEnvelope",
            "inSR": 4326,
            "spatialRel": "esriSpatialRelIntersects",
        },
        accept="application/geo+json",
    )
    by_code = {f["properties"].get("ADM3_PCODE"): f for f in _features(around.body, around.url)}
    by_code[pcode] = features[0]
    for feature in by_code.values():
        props = feature["properties"]
        props["katottg"] = by_pcode(str(props.get("ADM3_PCODE", ""))) or ""
        props["name_uk"] = props.get("ADM3_UA") or props.get("ADM3_EN") or ""
    collection = {"type": "FeatureCollection", "features": [by_code[k] for k in sorted(by_code, key=str)]}
    body = (json.dumps(collection, ensure_ascii=False) + "\n").encode("utf-8")
    store.write(rel, body, ours, pcode=pcode, neighbours=len(by_code) - 1)
    return f"{pcode} and {len(by_code) - 1} neighbouring hromadas"


def _features(body: bytes, url: str) -> list[dict]:
    doc = parse_json(body, url, "the boundary answer")
    if isinstance(doc, dict) and "error" in doc:
        raise FetchError(f"{url}: the map service refused the query ({doc['error']}); check [fetch] boundaries")
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise FetchError(f"{url}: not GeoJSON (no FeatureCollection); nothing was written")
    return [f for f in doc.get("features", []) if isinstance(f, dict) and f.get("geometry")]


def _age_days(entry: dict, ctx: FetchContext) -> int:
    return (ctx.today - datetime.fromisoformat(entry["fetched_at"]).date()).days


def centre_of(raw_dir: Path, katottg: str) -> tuple[float, float] | None:
    """(lat, lon) of a point inside the hromada's fetched boundary, for a hromada whose centre is not set."""
    path = raw_dir / f"geo/cod_ab_adm3_{katottg[:9]}.geojson"
    if not path.is_file():
        return None
    for feature in json.loads(path.read_text(encoding="utf-8")).get("features", []):
        if feature.get("properties", {}).get("katottg") == katottg:
            point = shapely.geometry.shape(feature["geometry"]).representative_point()
            return point.y, point.x
    return None
