"""The residents' map drawn on the server as SVG: the same areas, outlines, markers and names as the zoomable
deck.gl map, shown first because it needs no WebGL.

Why: deck.gl needs about two seconds after a page's run before it shows anything on a 2-core machine or a phone
without a strong GPU, and re-uploads every layer when a measure changes. An SVG of the same shapes shows as soon
as the page does, each village is a shape a finger, a mouse or the keyboard (Tab, Enter) can choose, and its
name and figure are in the shape's title for a screen reader. Everything taken from data is escaped here.
"""

from __future__ import annotations

import functools
import html
import math
from collections.abc import Iterable

import pandas as pd

WIDTH = 1000.0  # the drawing's own units; the browser scales it to the column's width
MARGIN_X, MARGIN_Y = 70.0, 20.0  # room for the names of places on the edge
MAX_NAMES = 300  # more would not fit side by side on any screen; the larger places' names are the ones kept


def _colour(rgba: list[int]) -> str:
    r, g, b, *alpha = rgba
    return f"rgba({int(r)},{int(g)},{int(b)},{(alpha[0] if alpha else 255) / 255:.2f})"


class _Projection:
    """Longitude and latitude to the drawing's x and y: equirectangular, true to shape at the middle latitude,
    which is exact enough for a hromada or an oblast."""

    def __init__(self, lons: list[float], lats: list[float]) -> None:
        self.west, self.east = min(lons), max(lons)
        self.south, self.north = min(lats), max(lats)
        self.k = math.cos(math.radians((self.south + self.north) / 2))
        span = max((self.east - self.west) * self.k, 1e-6)
        self.scale = (WIDTH - 2 * MARGIN_X) / span
        self.height = max((self.north - self.south) * self.scale, 1.0) + 2 * MARGIN_Y

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return MARGIN_X + (lon - self.west) * self.k * self.scale, MARGIN_Y + (self.north - lat) * self.scale


def _rings_path(projection: _Projection, polygon: list) -> str:
    parts = []
    for ring in polygon:
        points = [projection.xy(lon, lat) for lon, lat, *_ in ring]
        if len(points) >= 3:
            # Whole units: a thousandth of the width, under a pixel on any screen, and a third fewer bytes.
            parts.append("M" + "L".join(f"{x:.0f},{y:.0f}" for x, y in points) + "Z")
    return "".join(parts)


def _bounds(areas: list[dict] | None, points: pd.DataFrame | None, outlines: list[dict] | None) -> _Projection:
    lons: list[float] = []
    lats: list[float] = []
    for feature in (areas or []) + [o for o in (outlines or []) if o.get("own")]:
        for ring in feature["polygon"]:
            for lon, lat, *_ in ring:
                lons.append(lon)
                lats.append(lat)
    if points is not None and not points.empty:
        lons += [float(v) for v in points["lon"]]
        lats += [float(v) for v in points["lat"]]
    return _Projection(lons, lats)


def _markers(projection: _Projection, data: pd.DataFrame | None, css_class: str) -> Iterable[str]:
    """Markers as dots, one path per colour: a zero-length stroke with round caps draws a dot of the same size at
    any scale, and 10,000 markers stay a handful of elements (each its own element took seconds to lay out).
    A marker shows where; what it is, the village's panel lists (a tap on it chooses the village under it)."""
    if data is None or data.empty:
        return []
    by_colour: dict[str, list[str]] = {}
    for lat, lon, fill in zip(data["lat"], data["lon"], data["fill"], strict=True):
        x, y = projection.xy(float(lon), float(lat))
        by_colour.setdefault(_colour([*fill[:3], 255]), []).append(f"M{x:.1f},{y:.1f}h0")
    out = []
    for colour, dots in by_colour.items():
        d = "".join(dots)
        out.append(f'<path class="{css_class}-rim" d="{d}"/><path class="{css_class}" d="{d}" stroke="{colour}"/>')
    return out


def _names(projection: _Projection, names: pd.DataFrame | None) -> Iterable[str]:
    """Place names, the larger places first: the browser hides a name that would overlap one drawn before it."""
    if names is None or names.empty:
        return []
    out = []
    for row in names.sort_values("priority", ascending=False).head(MAX_NAMES).itertuples():
        x, y = projection.xy(float(row.lon), float(row.lat))
        out.append(f'<text x="{x:.1f}" y="{y:.1f}">{html.escape(str(row.name))}</text>')
    return out


def svg_map(
    *,
    areas: list[dict] | None,
    points: pd.DataFrame | None,
    outlines: list[dict] | None,
    projects: pd.DataFrame | None,
    buildings: pd.DataFrame | None,
    appeals: pd.DataFrame | None,
    names: pd.DataFrame | None,
    selected: str | None = None,
    label: str = "",
) -> str:
    """The map as one <svg>: areas (each place one shape with its label as title), outlines, appeals, buildings,
    projects and names, bottom to top, as on the zoomable map. `selected` is outlined."""
    projection = _bounds(areas, points, outlines)
    shapes: dict[str, dict] = {}
    for feature in areas or []:
        shape = shapes.setdefault(str(feature["key"]), {"d": "", "fill": feature["fill"], "label": feature["label"]})
        shape["d"] += _rings_path(projection, feature["polygon"])
    body = []
    for key, shape in shapes.items():
        chosen = ' aria-pressed="true" class="area chosen"' if key == selected else ' class="area"'
        title = html.escape(str(shape["label"]))
        body.append(
            f'<path{chosen} d="{shape["d"]}" fill="{_colour(shape["fill"])}" data-key="{html.escape(key)}"'
            f' role="button" tabindex="0" aria-label="{title}"><title>{title}</title></path>'
        )
    if points is not None and not points.empty:
        for row in points.itertuples():
            x, y = projection.xy(float(row.lon), float(row.lat))
            title = html.escape(str(row.label))
            radius = max(4.0, min(18.0, float(row.radius) / 40))
            body.append(
                f'<circle class="area" cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{_colour(row.fill)}"'
                f' data-key="{html.escape(str(row.key))}" role="button" tabindex="0" aria-label="{title}">'
                f"<title>{title}</title></circle>"
            )
    for outline in outlines or []:
        css = "boundary" if outline.get("own") else "neighbour"
        body.append(f'<path class="{css}" d="{_rings_path(projection, outline["polygon"])}"/>')
    if appeals is not None and not appeals.empty:
        for row in appeals.itertuples():
            x, y = projection.xy(float(row.lon), float(row.lat))
            radius = 2 + 1.5 * math.sqrt(row.appeals)
            body.append(f'<circle class="appeal" cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}"/>')
    body += _markers(projection, buildings, "building")
    body += _markers(projection, projects, "project")
    body.append(f'<g class="names">{"".join(_names(projection, names))}</g>')
    return (
        f'<svg class="svg-map" viewBox="0 0 {WIDTH:.0f} {projection.height:.0f}" role="group"'
        f' aria-label="{html.escape(label)}" xmlns="http://www.w3.org/2000/svg">{"".join(body)}</svg>'
    )


# How the map looks and answers: strokes (the outlines, and the markers, drawn as strokes) keep their width
# however the drawing is scaled; names keep their size on a phone; a name that would overlap a larger place's
# is hidden.
CSS = """
.svg-map { width: 100%; height: auto; display: block; }
.svg-map path, .svg-map circle { vector-effect: non-scaling-stroke; }
.svg-map .area { stroke: #fff; stroke-width: 1; cursor: pointer; }
.svg-map .area:hover, .svg-map .area:focus-visible { stroke: #0f1115; stroke-width: 2.5; outline: none; }
.svg-map .chosen { stroke: #0f1115; stroke-width: 3.5; }
.svg-map .boundary { fill: none; stroke: #282828; stroke-width: 3; pointer-events: none; }
.svg-map .neighbour { fill: none; stroke: #969696; stroke-width: 1; pointer-events: none; }
.svg-map .appeal { fill: rgba(86, 60, 160, 0.3); pointer-events: none; }
.svg-map .project, .svg-map .building, .svg-map .project-rim, .svg-map .building-rim {
  fill: none; stroke-linecap: round; pointer-events: none; }
.svg-map .project { stroke-width: 7px; }
.svg-map .project-rim { stroke: #141414; stroke-width: 9px; }
.svg-map .building { stroke-width: 9px; }
.svg-map .building-rim { stroke: #fff; stroke-width: 12px; }
.svg-map .names text { font-family: 'Source Sans Pro', 'Source Sans', sans-serif; font-weight: 600; fill: #141414;
  paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; text-anchor: middle;
  pointer-events: none; }
"""

JS = """
export default function (component) {
  const { data, setTriggerValue, parentElement } = component;
  let box = parentElement.querySelector('.svg-map-box');
  if (!box) {
    box = document.createElement('div');
    box.className = 'svg-map-box';
    parentElement.appendChild(box);
  }
  box.innerHTML = data.svg;
  const svg = box.querySelector('svg');
  const pick = (target) => {
    const shape = target.closest('[data-key]');
    if (shape) setTriggerValue('picked', shape.getAttribute('data-key'));
  };
  svg.addEventListener('click', (event) => pick(event.target));
  svg.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); pick(event.target); }
  });
  const fit = () => {
    const scale = svg.clientWidth / WIDTH || 1;
    const names = [...svg.querySelectorAll('.names text')];
    names.forEach((t) => { t.style.fontSize = (13 / scale) + 'px'; t.style.display = ''; });
    const placed = [];
    names.forEach((t) => {
      const b = t.getBBox();
      const overlaps = placed.some((p) => b.x < p.x + p.width && p.x < b.x + b.width
        && b.y < p.y + p.height && p.y < b.y + b.height);
      if (overlaps) { t.style.display = 'none'; } else { placed.push(b); }
    });
  };
  fit();
  const observer = new ResizeObserver(fit);
  observer.observe(svg);
  return () => observer.disconnect();
}
""".replace("WIDTH", str(int(WIDTH)))


@functools.cache
def component():
    """The mounting command of the map component, registered once per process."""
    import streamlit as st

    return st.components.v2.component("hromada.svg_map", css=CSS, js=JS)
