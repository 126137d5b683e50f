"""pydeck maps that draw with no basemap, so they work offline and fetch nothing.

`map_provider=None` with the default map_style keeps deck.gl from requesting tiles or a style
(an empty map_style would make Streamlit fetch one). Layers carry ids for selections.
"""

from __future__ import annotations

import json

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize


class CompactDeck(pdk.Deck):
    """A Deck whose JSON has no indentation. Streamlit sends `to_json()` to the browser as it is, and pydeck
    indents it, which more than doubles a map's payload (1.47 MB against 0.55 MB for 1,500 village areas)."""

    def to_json(self) -> str:
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))


def points_map(
    points: pd.DataFrame,
    tooltip: str,
    radius_m: pd.Series | float = 250,
    colour: list[int] | str | None = None,
    layer_id: str = "points",
) -> pdk.Deck:
    """Points (lat, lon) as circles, named in the tooltip; centred on them; no basemap.

    colour: one RGBA for all, or the name of a column holding each point's RGBA."""
    data = points.dropna(subset=["lat", "lon"]).copy()
    data["radius"] = radius_m if not isinstance(radius_m, pd.Series) else radius_m.loc[data.index]
    view = pdk.ViewState(latitude=float(data["lat"].mean()), longitude=float(data["lon"].mean()), zoom=9.6)
    circles = pdk.Layer(
        "ScatterplotLayer",
        data=data,
        id=layer_id,
        get_position=["lon", "lat"],
        get_radius="radius",
        get_fill_color=colour or [31, 111, 178, 170],
        get_line_color=[255, 255, 255],
        line_width_min_pixels=1,
        stroked=True,
        pickable=True,
    )
    return CompactDeck(layers=[circles], initial_view_state=view, map_provider=None, tooltip={"text": tooltip})


def settlements_map(points: pd.DataFrame, name_column: str, tooltip: str) -> pdk.Deck:
    """Settlements as circles sized by population, named in the tooltip; centred on the points.

    Names are not drawn on the map: a TextLayer rendered no glyphs in Streamlit's deck.gl build in
    headless Chromium, so the tooltip and the table beside the map carry them.
    """
    data = points.copy()
    data["name"] = data[name_column]
    radius = (data["population"].fillna(50).clip(lower=50) ** 0.5) * 18
    return points_map(data, tooltip, radius, layer_id="settlements")
