"""The residents' map as data: layers for pydeck and a printable plotly choropleth, from DataFrames.

Pure functions (no Streamlit, no database), so the tests can check which layers a map has and what colour
each place gets. Offline by default: no basemap (`map_provider=None`); a setting may name a tile basemap for
deployments with internet.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from hromada.charts import _layout, _with_lang
from hromada.colour_scale import INTENSITY_SCALE, MARKER_SCALE, intensity_colours
from hromada.maps import CompactDeck

STATUS_COLOURS = {  # Okabe–Ito, readable with colour-blindness
    "completed": [0, 158, 115],
    "implementation": [0, 114, 178],
    "procurement": [230, 159, 0],
    "preparation": [204, 121, 167],
    "idea": [153, 153, 153],
}
APPEAL_COLOUR = [86, 60, 160, 80]  # violet, apart from the projects' status colours
BASEMAPS = {"carto-light": ("carto", pdk.map_styles.CARTO_LIGHT)}


def _polygons(geojson: str) -> list[list]:
    """The rings of a (Multi)Polygon as PolygonLayer polygons (outer ring first, holes after)."""
    geometry = json.loads(geojson)
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else list(geometry["coordinates"])


def area_features(areas: pd.DataFrame, colours: list[list[int]], labels: list[str]) -> list[dict]:
    """One row per polygon of each area, in its colour."""
    return [
        {"key": area["key"], "label": label, "fill": colour, "polygon": polygon}
        for (_, area), colour, label in zip(areas.iterrows(), colours, labels, strict=True)
        for polygon in _polygons(area["geojson"])
    ]


def outline_features(outlines: pd.DataFrame) -> list[dict]:
    return [
        {"label": row["name"], "polygon": polygon, "own": bool(row["is_own"])}
        for _, row in outlines.iterrows()
        for polygon in _polygons(row["geojson"])
    ]


def place_deck(
    *,
    areas: list[dict] | None,
    points: pd.DataFrame | None,
    outlines: list[dict] | None,
    projects: pd.DataFrame | None,
    buildings: pd.DataFrame | None,
    appeals: pd.DataFrame | None,
    view: pdk.ViewState,
    basemap: str | None = None,
    names: pd.DataFrame | None = None,
) -> pdk.Deck:
    """The map's layers, bottom to top: areas (or settlement points), outlines, appeals heat, buildings,
    projects, and the places' names (`lat`, `lon`, `name`, `priority`: the larger place's name wins where two
    would overlap) so a resident finds their village by looking. Each data
    row carries `label` for the one tooltip; pickable layers have ids for the selection."""
    layers = []
    if areas is not None:
        layers.append(
            pdk.Layer(
                "PolygonLayer",
                data=areas,
                id="areas",
                pickable=True,
                stroked=True,
                filled=True,
                get_polygon="polygon",
                get_fill_color="fill",
                get_line_color=[255, 255, 255, 230],
                line_width_min_pixels=1,
            )
        )
    if points is not None:
        layers.append(
            pdk.Layer(
                "ScatterplotLayer",
                data=points,
                id="areas",
                pickable=True,
                get_position=["lon", "lat"],
                get_radius="radius",
                get_fill_color="fill",
                get_line_color=[60, 60, 60],
                stroked=True,
                line_width_min_pixels=1,
            )
        )
    if outlines is not None:
        for own in (False, True):  # neighbours thin and grey, the hromada's own boundary bold
            layers.append(
                pdk.Layer(
                    "PolygonLayer",
                    data=[o for o in outlines if o["own"] == own],
                    id="boundary" if own else "neighbours",
                    pickable=False,
                    stroked=True,
                    filled=False,
                    get_polygon="polygon",
                    get_line_color=[40, 40, 40, 230] if own else [150, 150, 150, 170],
                    get_line_width=1,
                    line_width_min_pixels=3 if own else 1,
                    line_joint_rounded=True,
                )
            )
    if appeals is not None and not appeals.empty:
        # Translucent circles, larger where more appeals came from: a heat map's blur passes take seconds in a
        # phone's (or a software) WebGL before the map shows at all; circles draw in one pass.
        layers.append(
            pdk.Layer(
                "ScatterplotLayer",
                data=appeals.assign(radius=lambda d: 60 + 45 * d["appeals"] ** 0.5),
                id="appeals",
                pickable=False,
                get_position=["lon", "lat"],
                get_radius="radius",
                radius_min_pixels=2,
                get_fill_color=APPEAL_COLOUR,
            )
        )
    for data, layer_id, radius, min_px, line in (
        (buildings, "buildings", 180, 5, [255, 255, 255]),  # white rims: buildings read over the areas
        (projects, "projects", 140, 4, [20, 20, 20]),
    ):
        if data is not None and not data.empty:
            layers.append(
                pdk.Layer(
                    "ScatterplotLayer",
                    data=data,
                    id=layer_id,
                    pickable=True,
                    get_position=["lon", "lat"],
                    get_radius=radius,
                    radius_min_pixels=min_px,
                    get_fill_color="fill",
                    get_line_color=line,
                    stroked=True,
                    line_width_min_pixels=1.5,
                )
            )
    if names is not None and not names.empty:
        layers.append(
            pdk.Layer(
                "TextLayer",
                data=names[["lat", "lon", "name", "priority"]],
                id="names",
                # Where names would overlap, the larger place keeps its name; zooming in brings the others back.
                extensions=[{"@@type": "CollisionFilterExtension"}],
                get_collision_priority="priority",
                collision_test_props={"sizeScale": 2.4},
                pickable=False,  # a click goes through to the area under the name
                get_position=["lon", "lat"],
                get_text="name",
                get_size=13,
                # pydeck reads a bare string as an expression: literal values go in quotes.
                size_units="'pixels'",
                get_color=[20, 20, 20],
                character_set="'auto'",  # the font atlas holds the letters the names use: Cyrillic included
                font_family="'Source Sans Pro, DejaVu Sans, sans-serif'",
                font_settings={"sdf": True},
                outline_width=3,
                outline_color=[255, 255, 255, 230],  # a white halo: the name reads over any colour
                get_text_anchor="'middle'",
                get_alignment_baseline="'center'",
            )
        )
    provider, style = BASEMAPS.get(basemap or "", (None, None))
    kwargs = {"map_provider": provider, "map_style": style} if provider else {"map_provider": None}
    return CompactDeck(layers=layers, initial_view_state=view, tooltip={"text": "{label}"}, **kwargs)


def fitted_view(areas: list[dict] | None, points: pd.DataFrame | None) -> pdk.ViewState:
    """A view that shows every area (or point), whatever the hromada's size."""
    if areas:
        coords = [xy for area in areas for xy in area["polygon"][0]]
        frame = pd.DataFrame(coords, columns=["lon", "lat"])
    else:
        frame = points[["lon", "lat"]]
    view = pdk.data_utils.compute_view(frame[["lon", "lat"]].to_numpy().tolist(), view_proportion=1.0)
    view.zoom = max(min(view.zoom, 13), 5)
    return view


# What a marker needs in the browser, nothing more; `key` is its settlement, so a click opens that place.
MARKER_COLUMNS = ["lat", "lon", "fill", "label", "key"]


def project_markers(
    projects: pd.DataFrame,
    status_names: Mapping[str, str],
    title_column: str,
    sector_names: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Projects coloured by status; the tooltip names the project, its sector and status."""
    data = projects.dropna(subset=["lat", "lon"]).copy()
    data["key"] = data.get("settlement_katottg")
    sectors = sector_names or {}
    sector_of = data["sector"] if "sector" in data else pd.Series([None] * len(data), index=data.index)
    data["fill"] = [[*STATUS_COLOURS.get(s, [120, 120, 120]), 235] for s in data["status"]]
    data["label"] = [
        f"{title} — {' · '.join(x for x in (sectors.get(sector, ''), status_names.get(status, status)) if x)}"
        for title, sector, status in zip(data[title_column], sector_of, data["status"], strict=True)
    ]
    return data[MARKER_COLUMNS]


def building_markers(buildings: pd.DataFrame, eui_text: Mapping[str, str]) -> pd.DataFrame:
    data = buildings.dropna(subset=["lat", "lon"]).copy()
    data["key"] = data["settlement_katottg"]
    data["fill"] = intensity_colours(data["eui"].reset_index(drop=True), MARKER_SCALE, alpha=240)
    data["label"] = [
        f"{name}: {eui_text.get(b, '—')}" for b, name in zip(data["building_id"], data["name"], strict=True)
    ]
    return data[MARKER_COLUMNS]


def printable_choropleth(
    areas: pd.DataFrame,
    values: pd.Series,
    names: pd.Series,
    labels: Mapping[str, str],
    centre: tuple[float, float],
    lang: str = "uk",
) -> go.Figure:
    """The measure by area on a blank background (no tiles), for printing."""
    collection = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "id": key, "geometry": json.loads(g), "properties": {}}
            for key, g in zip(areas["key"], areas["geojson"], strict=True)
        ],
    }
    fig = _with_lang(
        go.Figure(
            go.Choroplethmap(
                geojson=collection,
                locations=areas["key"],
                z=values,
                text=names,
                colorscale=INTENSITY_SCALE,
                marker={"opacity": 0.85, "line": {"width": 0.8, "color": "white"}},
                colorbar={"title": {"text": labels["measure"]}, "tickformat": ",~f"},  # "100 000", never "100k"
                hovertemplate="%{text}: %{z:,.0f}<extra></extra>",
            )
        ),
        lang,
    )
    fig.update_layout(map={"style": "white-bg", "center": {"lat": centre[0], "lon": centre[1]}, "zoom": 8.6})
    return _layout(fig, labels.get("title"), height=560)
