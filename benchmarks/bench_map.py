"""The residents' map at oblast scale: 1,500 settlement areas and 10,000 markers.

Generates settlement areas the size of an oblast with boundaries as detailed as surveyed ones (a vertex every
~200 m), loads them through the geodata reader, and reports: the load time, the simplification (vertices and
GeoJSON bytes before and after), the payload the map sends to the browser, and the time a headless Chromium
takes to show the map (median of page loads), with and without 10,000 project markers.

    python -m benchmarks.bench_map [--settlements 1500] [--markers 10000] [--loads 3]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from pathlib import Path

import numpy as np
import shapely
from shapely import MultiPoint, voronoi_polygons

from benchmarks.common import scratch_dir, timed
from etl.build import build
from hromada import place_map
from hromada.db import connect
from hromada.settings import load_settings
from tests.e2e.conftest import CHROMIUM, running_server

HEADER = "Перший рівень;Другий рівень;Третій рівень;Четвертий рівень;Додатковий рівень;Категорія об’єкта;Назва об’єкта"


def generate(raw: Path, settlements: int, markers: int, work: Path) -> tuple[int, int, Path]:
    """Codifier, detailed areas and markers; returns (vertices, GeoJSON bytes) of the areas as published."""
    rng = np.random.default_rng(3)
    lon = rng.uniform(30.2, 33.5, settlements)
    lat = rng.uniform(50.4, 52.3, settlements)
    points = MultiPoint(np.column_stack([lon, lat]))
    hull = points.convex_hull.buffer(0.02)
    cells = voronoi_polygons(points, extend_to=hull.envelope)
    oblast, raion = "UA99000000000000001", "UA99010000000000002"
    rows = [[oblast, "", "", "", "", "O", "Область"], [oblast, raion, "", "", "", "P", "Район"]]
    features, vertices = [], 0
    for n, cell in enumerate(cells.geoms):
        hromada = f"UA9901{n // 100 + 1:03d}000{n:07d}"
        code = f"UA9901{n // 100 + 1:03d}{n % 100 + 1:03d}{n:07d}"
        if n % 100 == 0:
            rows.append([oblast, raion, hromada, "", "", "H", f"Громада {n // 100 + 1}"])
        rows.append([oblast, raion, hromada, code, "", "C", f"Село {n}"])
        detailed = shapely.segmentize(cell.intersection(hull), 0.002)  # a vertex every ~200 m, as surveyed
        vertices += shapely.get_num_coordinates(detailed)
        features.append(
            {"type": "Feature", "properties": {"katottg": code}, "geometry": shapely.geometry.mapping(detailed)}
        )
    (raw / "katottg").mkdir(parents=True)
    (raw / "katottg" / "k.csv").write_text(
        HEADER + "\n" + "\n".join(";".join(r) for r in rows) + "\n", encoding="utf-8"
    )
    (raw / "geo").mkdir(parents=True)
    path = raw / "geo" / "settlements.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    marker_path = work / "markers.json"
    statuses = list(place_map.STATUS_COLOURS)
    marker_path.write_text(
        json.dumps(
            [
                {
                    "title_uk": f"Проєкт {i}",
                    "status": random.Random(i).choice(statuses),
                    "lat": float(rng.uniform(50.4, 52.3)),
                    "lon": float(rng.uniform(30.2, 33.5)),
                }
                for i in range(markers)
            ]
        ),
        encoding="utf-8",
    )
    return vertices, path.stat().st_size, marker_path


def page_ready_seconds(base: str, query: str, loads: int) -> float:
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        for _ in range(loads):
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            start = time.perf_counter()
            page.goto(f"{base}/?{query}")
            page.locator('[data-testid="stDeckGlJsonChart"] canvas').first.wait_for(state="visible", timeout=120_000)
            page.get_by_text("payload").wait_for(timeout=120_000)
            page.wait_for_load_state("networkidle")
            times.append(time.perf_counter() - start)
            page.close()
        browser.close()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settlements", type=int, default=1500)
    parser.add_argument("--markers", type=int, default=10_000)
    parser.add_argument("--loads", type=int, default=3)
    args = parser.parse_args()
    work = scratch_dir("map")
    vertices, raw_bytes, markers = generate(work / "raw", args.settlements, args.markers, work)
    db = work / "w.duckdb"
    seconds = timed(lambda: build(work / "raw", db, load_settings()))
    con = connect(db)
    stored_vertices, stored_bytes = con.execute("select sum(vertices), sum(length(geojson)) from geo_areas").fetchall()[
        0
    ]
    con.close()
    print(f"{args.settlements:,} settlement areas: build {seconds:.2f} s")
    print("\n| measure | published | on the page |\n|---|---|---|")
    print(f"| vertices | {vertices:,} | {stored_vertices:,} |")
    print(f"| GeoJSON bytes | {raw_bytes:,} | {stored_bytes:,} |")
    with running_server(
        db, work / "streamlit.log", "benchmarks/map_render_app.py", {"BENCH_MARKERS": str(markers)}
    ) as base:
        print("\n| map | payload (deck JSON) | page ready, median s |\n|---|---|---|")
        for label, query in (
            ("empty map (the page itself)", "markers=0&areas=0"),
            (f"{args.settlements:,} areas", "markers=0"),
            (f"{args.settlements:,} areas + {args.markers:,} markers", "markers=1"),
        ):
            ready = page_ready_seconds(base, query, args.loads)
            payload = 0 if "areas=0" in query else _payload(db, markers if query == "markers=1" else None)
            print(f"| {label} | {payload / 1e6:.2f} MB | {ready:.2f} |")


def _payload(db: Path, markers: Path | None) -> int:
    import pandas as pd

    from hromada import colour_scale

    con = connect(db)
    areas = con.execute("select coalesce(katottg, name) as key, name, geojson from geo_areas").df()
    con.close()
    values = pd.Series(range(len(areas)), dtype=float)
    classes, limits = colour_scale.quantile_classes(values)
    rows = place_map.area_features(areas, colour_scale.class_colours(classes, len(limits) - 1), list(areas["name"]))
    projects = place_map.project_markers(pd.read_json(markers), {}, "title_uk") if markers else None
    deck = place_map.place_deck(
        areas=rows,
        points=None,
        outlines=None,
        projects=projects,
        buildings=None,
        appeals=None,
        view=place_map.fitted_view(rows, None),
    )
    return len(deck.to_json())


if __name__ == "__main__":
    main()
