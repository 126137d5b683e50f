"""The map component alone, for bench_map: the areas of a warehouse and generated markers drawn by the same
code as the Map page (hromada.place_map), so the browser's work and the payload are what residents get."""

import os

import pandas as pd
import streamlit as st

from hromada import colour_scale, place_map
from hromada.db import connect

con = connect(os.environ["HROMADA_WAREHOUSE"])
areas = con.execute(
    "select coalesce(katottg, name) as key, name, geojson from geo_areas where level = 'settlement'"
).df()
values = pd.Series(range(len(areas)), dtype=float)
classes, limits = colour_scale.quantile_classes(values)
rows = place_map.area_features(areas, colour_scale.class_colours(classes, len(limits) - 1), list(areas["name"]))
markers = None
if st.query_params.get("markers", "0") != "0":
    markers = pd.read_json(os.environ["BENCH_MARKERS"])
    markers = place_map.project_markers(markers, {}, "title_uk")
view = place_map.fitted_view(rows, None)
if st.query_params.get("areas", "1") == "0":  # the page without the map's data: what loading Streamlit costs
    rows = []
deck = place_map.place_deck(
    areas=rows,
    points=None,
    outlines=None,
    projects=markers,
    buildings=None,
    appeals=None,
    view=view,
)
st.pydeck_chart(deck, height=700, key="bench")
st.caption(f"payload {len(deck.to_json()):,} bytes")
