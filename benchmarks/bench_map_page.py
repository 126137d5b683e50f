"""The Map page as residents get it, against the overview, side by side in one run.

For each scale, the real app (`app.py`) serves a warehouse built by our ETL and a headless Chromium, alternating:
- opens the overview, the Map page (its map drawn on the server as SVG) and the Map page with the zoomable
  deck.gl map (`?zoom=1`) in a new tab each (first load: navigation until the run has finished, the page is
  connected and the map's shapes are in the page, or deck.gl has painted its canvas) — the ratios to the
  overview;
- on a loaded Map page, changes the colouring measure and picks a village from the list (an in-app change:
  from the click until the run has finished and the map is drawn again).

Scales: the demo hromada (its 42 settlements); and the oblast scale — the same warehouse with its settlements
and boundaries replaced by 1,500 generated ones (Voronoi cells over 3.3° × 1.9°, a vertex every ~200 m as
surveyed) and a registry of 10,000 projects placed among them.

    python -m benchmarks.bench_map_page [--loads 5] [--changes 5] [--scale demo|oblast|both]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import statistics
import time
from pathlib import Path

import numpy as np
import shapely
from shapely import MultiPoint, voronoi_polygons

from benchmarks.common import scratch_dir
from demo.files import write_demo
from etl.build import build
from etl.sources.projects import COLUMNS, SECTORS, STATUSES
from hromada.settings import load_settings
from tests.e2e.conftest import CHROMIUM, running_server
from tests.e2e.waits import app_idle, map_drawn

CODIFIER_HEADER = (
    "Перший рівень;Другий рівень;Третій рівень;Четвертий рівень;Додатковий рівень;Категорія об’єкта;Назва об’єкта"
)


def oblast_scale(raw: Path, settlements: int, projects: int) -> None:
    """Replace the demo hromada's settlements, their areas and its projects by an oblast's worth of them."""
    settings = load_settings()
    codifier = next((raw / "katottg").glob("*.csv"))
    lines = codifier.read_text(encoding="utf-8").splitlines()[1:]
    head = [line for line in lines if line.split(";")[5] in ("O", "P")]  # the oblast and the raion
    hromada_row = next(line for line in lines if line.split(";")[5] == "H")
    oblast, raion, hromada = hromada_row.split(";")[:3]
    rng = np.random.default_rng(3)
    lon, lat = rng.uniform(30.2, 33.5, settlements), rng.uniform(50.4, 52.3, settlements)
    points = MultiPoint(np.column_stack([lon, lat]))
    hull = points.convex_hull.buffer(0.02)
    cells = voronoi_polygons(points, extend_to=hull.envelope, ordered=True)
    codes = [f"{hromada[:10]}{n + 1:03d}{n:06d}"[:19] for n in range(settlements)]
    rows = [*head, hromada_row] + [f"{oblast};{raion};{hromada};{code};;C;Село {n}" for n, code in enumerate(codes)]
    codifier.write_text(CODIFIER_HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    with (raw / "settlements" / "settlements.csv").open("w", encoding="utf-8", newline="") as fh:
        fh.write("katottg;lat;lon;population\n")
        for code, x, y in zip(codes, lon, lat, strict=True):
            fh.write(f"{code};{y:.5f};{x:.5f};{int(rng.integers(50, 5000))}\n")
    features = [
        {
            "type": "Feature",
            "properties": {"katottg": code, "name": f"Село {n}"},
            "geometry": shapely.geometry.mapping(shapely.segmentize(cell.intersection(hull), 0.002)),
        }
        for n, (code, cell) in enumerate(zip(codes, cells.geoms, strict=True))
    ]
    for old in (raw / "geo").glob("*.geojson"):
        old.unlink()
    (raw / "geo" / "settlement_areas.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8"
    )
    for old in (raw / "projects").iterdir():
        old.unlink()
    pick = random.Random(7)
    with (raw / "projects" / "projects_2026-11.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, delimiter=";", restval="")
        writer.writeheader()
        for i in range(projects):
            n = pick.randrange(settlements)
            budget = pick.randint(100_000, 20_000_000)
            writer.writerow(
                {
                    "project_id": f"P{i:06d}",
                    "title_uk": f"Проєкт {i}, Село {n}",
                    "sector": pick.choice(SECTORS),
                    "status": pick.choice(STATUSES),
                    "settlement_katottg": codes[n],
                    "lat": f"{lat[n] + pick.uniform(-0.01, 0.01):.5f}",
                    "lon": f"{lon[n] + pick.uniform(-0.01, 0.01):.5f}",
                    "planned_start": "2025-03-01",
                    "planned_end": "2026-12-31",
                    "budget_uah": str(budget),
                    "spent_uah": str(budget // 2),
                    "funding_local_budget_uah": str(budget),
                    "progress_pct": str(pick.randint(0, 100)),
                }
            )
    assert settings.katottg == hromada, "the benchmark scales up the hromada the settings name"


# Recorded by the page itself, against its own navigation start: when the run has finished (connected, a heading
# in the page) and when the drawn map's first shape appeared. Playwright polls a condition with a growing interval
# (20, 50, 100 ms …, then 500 ms), which added its own wait to every load it timed.
RECORD_IN_PAGE = """
window.__loaded = {idle: null, shapes: null};
new MutationObserver(() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const done = app && app.getAttribute('data-test-script-state') === 'notRunning'
    && app.getAttribute('data-test-connection-state') === 'CONNECTED' && document.querySelector('h1');
  if (!done) { window.__loaded.idle = null; } else if (window.__loaded.idle === null) {
    window.__loaded.idle = performance.now(); }
  if (window.__loaded.shapes === null && document.querySelector('.svg-map path[data-key]')) {
    window.__loaded.shapes = performance.now(); }
}).observe(document, {subtree: true, childList: true, attributes: true,
  attributeFilter: ['data-test-script-state', 'data-test-connection-state']});
"""


def first_load(browser, url: str, has_map: bool | str) -> float:
    """Seconds from navigation until the run has finished and, for the Map page, its shapes are in the page, as the
    page recorded them; the zoomable map's painted canvas is seen from outside (a screenshot), so that load is
    timed from here."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.add_init_script(RECORD_IN_PAGE)
    start = time.perf_counter()
    page.goto(url)
    page.locator("h1").first.wait_for(timeout=120_000)
    app_idle(page, timeout=120_000)
    if has_map == "zoomable":
        map_drawn(page.locator('[data-testid="stDeckGlJsonChart"] canvas').first, timeout=120)
        seconds = time.perf_counter() - start
    else:
        if has_map:  # the drawn map: its shapes are in the page
            page.locator(".svg-map path[data-key]").first.wait_for(state="visible", timeout=120_000)
        page.wait_for_function("() => window.__loaded.idle !== null", timeout=120_000)
        loaded = page.evaluate("window.__loaded")
        seconds = max(loaded["idle"], (loaded["shapes"] or 0) if has_map else 0) / 1000
    page.close()
    return seconds


def in_app_changes(browser, base: str, changes: int) -> tuple[list[float], list[float]]:
    """(measure changes, village picks) in seconds, on one loaded Map page."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{base}/map?lang=en")
    app_idle(page, timeout=120_000)
    shapes = page.locator(".svg-map path[data-key]").first
    shapes.wait_for(state="visible", timeout=120_000)
    measures = ["Spent on projects, UAH", "Investment per resident, UAH"]
    measure_times, village_times = [], []
    pills = page.locator(".st-key-place_buttons button")
    selects = page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]')
    for i in range(changes):
        selects.first.click()
        start = time.perf_counter()
        page.get_by_role("option", name=measures[i % 2], exact=False).first.click()
        page.wait_for_timeout(50)  # let the rerun begin before waiting for it to end
        app_idle(page, timeout=120_000)
        shapes.wait_for(state="visible", timeout=120_000)
        measure_times.append(time.perf_counter() - start)
        if pills.count():  # a hromada's places as buttons
            start = time.perf_counter()
            pills.nth(3 + i).click()
        else:  # an oblast's 1,500: the picker, searched by typing
            selects.nth(1).click()
            page.keyboard.type(f"Selo {3 + i}1")  # the English page: names by the national transliteration
            start = time.perf_counter()
            page.keyboard.press("Enter")
            page.wait_for_url("**place=**", timeout=60_000)
        page.wait_for_timeout(50)
        app_idle(page, timeout=120_000)
        village_times.append(time.perf_counter() - start)
        page.goto(f"{base}/map?lang=en")  # back to the whole hromada, where the list is (not timed)
        app_idle(page, timeout=120_000)
        shapes.wait_for(state="visible", timeout=120_000)
    page.close()
    return measure_times, village_times


def measure(label: str, warehouse: Path, work: Path, loads: int, changes: int) -> None:
    from playwright.sync_api import sync_playwright

    with running_server(warehouse, work / f"{label}.log") as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        first_load(browser, f"{base}/map?lang=en&zoom=1", "zoomable")  # warm: the first run imports the pages
        first_load(browser, f"{base}/?lang=en", False)
        overview, map_page, zoomable = [], [], []
        for _ in range(loads):  # alternating, so a noisy moment hits all three
            overview.append(first_load(browser, f"{base}/?lang=en", False))
            map_page.append(first_load(browser, f"{base}/map?lang=en", True))
            zoomable.append(first_load(browser, f"{base}/map?lang=en&zoom=1", "zoomable"))
        measure_times, village_times = in_app_changes(browser, base, changes)
        browser.close()
    o, m = statistics.median(overview), statistics.median(map_page)
    print(f"\n### {label}\n\n| measure | median s |\n|---|---|")
    print(f"| overview, first load | {o:.2f} |\n| map, first load | {m:.2f} |")
    print(f"| **map / overview** | **{m / o:.2f}×** |")
    z = statistics.median(zoomable)
    print(f"| zoomable map (deck.gl), first load | {z:.2f} |\n| zoomable map / overview | {z / o:.2f}× |")
    print(f"| map: change of measure | {statistics.median(measure_times):.2f} |")
    print(f"| map: a village picked from the list | {statistics.median(village_times):.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=5)
    parser.add_argument("--changes", type=int, default=5)
    parser.add_argument("--scale", choices=["demo", "oblast", "both"], default="both")
    parser.add_argument("--settlements", type=int, default=1500)
    parser.add_argument("--projects", type=int, default=10_000)
    args = parser.parse_args()
    work = scratch_dir("map-page")
    for scale in ("demo", "oblast"):
        if args.scale not in (scale, "both"):
            continue
        raw = work / scale / "raw"
        write_demo(raw, load_settings())
        if scale == "oblast":
            oblast_scale(raw, args.settlements, args.projects)
        warehouse = work / scale / "warehouse.duckdb"
        started = time.perf_counter()
        build(raw, warehouse, load_settings())
        label = "demo (42 settlements)" if scale == "demo" else f"oblast ({args.settlements:,} areas, "
        label += "" if scale == "demo" else f"{args.projects:,} project markers)"
        print(f"{label}: warehouse built in {time.perf_counter() - started:.1f} s")
        measure(label, warehouse, work / scale, args.loads, args.changes)


if __name__ == "__main__":
    main()
