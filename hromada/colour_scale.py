"""Sequential colour scales for maps: values to RGBA for pydeck, and the legend strip that reads them.

Viridis and magma stay ordered in grey and for every kind of colour vision; areas use one, markers over them
the other, so both can be read on one map.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from hromada.charts import _layout, _with_lang
from hromada.formatting import number

INTENSITY_SCALE = "Viridis"
MARKER_SCALE = "Magma"


def _rgba(scale: str, share: float, alpha: int) -> list[int]:
    """The colour at share (0–1) along the scale, as pydeck's RGBA."""
    rgb = sample_colorscale(scale, [share], colortype="tuple")[0]
    return [*(round(c * 255) for c in rgb), alpha]


def marker_colour(share: float, alpha: int = 255) -> list[int]:
    """The colour a building's marker takes at share (0 the least energy per m², 1 the most)."""
    return _rgba(MARKER_SCALE, 0.1 + 0.8 * share, alpha)


def intensity_colours(values: pd.Series, scale: str = INTENSITY_SCALE, alpha: int = 230) -> list[list[int]]:
    """RGBA per value along the scale between the smallest and the largest (grey where unknown), for pydeck."""
    low, high = values.min(), values.max()
    out = []
    for v in values:
        if pd.isna(v):
            out.append([150, 150, 150, 200])
            continue
        share = 0.5 if high == low else (float(v) - low) / (high - low)
        out.append(marker_colour(share, alpha) if scale == MARKER_SCALE else _rgba(scale, share, alpha))
    return out


def intensity_legend(
    low: float, high: float, labels: Mapping[str, str], lang: str = "uk", scale: str = INTENSITY_SCALE
) -> go.Figure:
    """A thin colour bar that reads the map: the scale from low to high."""
    steps = 50
    values = [low + (high - low) * i / (steps - 1) for i in range(steps)]
    fig = _with_lang(
        go.Figure(
            go.Heatmap(
                z=[values],
                x=values,
                colorscale=scale,
                showscale=False,
                hovertemplate="%{x:,.0f}<extra></extra>",
            )
        ),
        lang,
    )
    fig.update_yaxes(visible=False)
    fig.update_xaxes(title=labels["axis"])
    fig = _layout(fig, None, height=110)
    fig.update_layout(margin={"l": 10, "r": 10, "t": 10, "b": 45})
    return fig


def quantile_classes(values: pd.Series, classes: int = 5) -> tuple[list[int | None], list[float]]:
    """Each value's class (0 = lowest) by quantiles, and the class limits: a choropleth of skewed money figures
    stays readable (a linear scale would paint all but one village the same colour)."""
    known = values.dropna().astype(float)
    if known.empty:
        return [None] * len(values), []
    limits = sorted({float(known.quantile(q / classes)) for q in range(classes + 1)})
    if len(limits) == 1:
        return [None if pd.isna(v) else 0 for v in values], limits * 2
    out = []
    for v in values:
        if pd.isna(v):
            out.append(None)
            continue
        position = next((i for i in range(1, len(limits)) if float(v) <= limits[i]), len(limits) - 1)
        out.append(position - 1)
    return out, limits


def class_colours(
    classes: list[int | None], count: int, scale: str = INTENSITY_SCALE, alpha: int = 170
) -> list[list[int]]:
    """RGBA per class, evenly along the scale; grey for no value."""
    out = []
    for c in classes:
        if c is None:
            out.append([200, 200, 200, alpha])
            continue
        out.append(_rgba(scale, 0.5 if count <= 1 else c / (count - 1), alpha))
    return out


def class_ranges(limits: list[float], lang: str = "uk", scale: str = INTENSITY_SCALE) -> list[tuple[list[int], str]]:
    """Each class's colour and its range in words ("5 557 – 15 904"), for a legend of swatches: an HTML list
    costs the map page nothing, where a chart would load the whole charting library before the map."""
    count = max(len(limits) - 1, 1)
    colours = class_colours(list(range(count)), count, scale, alpha=255)
    return [
        (colour, f"{number(limits[i], lang=lang)} – {number(limits[i + 1], lang=lang)}")
        for i, colour in enumerate(colours)
        if i + 1 < len(limits)
    ]
