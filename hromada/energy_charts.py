"""Plotly figures of the energy pages: pure functions from DataFrames and translated labels to figures.

Utilities keep one colour everywhere (Okabe–Ito, readable with colour-blindness); intensity runs along viridis,
which stays ordered in grey and for every kind of colour vision.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from hromada.charts import _layout, _with_lang
from hromada.colour_scale import INTENSITY_SCALE

UTILITY_COLOURS = {
    "electricity": "#E69F00",
    "gas": "#0072B2",
    "heat": "#D55E00",
    "solid_fuel": "#009E73",
    "water": "#56B4E9",
}


def _bar(x, y, name: str, colour, digits: int = 1, **kwargs) -> go.Bar:
    """A bar trace with the hover every energy chart uses."""
    return go.Bar(
        x=x,
        y=y,
        name=name,
        marker_color=colour,
        hovertemplate=f"%{{x}}: %{{y:,.{digits}f}}<extra>%{{fullData.name}}</extra>",
        **kwargs,
    )


def energy_by_year(
    totals: pd.DataFrame, value: str, labels: Mapping[str, str], utility_names: Mapping[str, str], lang: str = "uk"
) -> go.Figure:
    """Stacked bars per year, one colour per utility; value is mwh, cost_uah or co2_t."""
    fig = _with_lang(go.Figure(), lang)
    data = totals.dropna(subset=[value])
    scale = 1e6 if value == "cost_uah" else 1.0
    for utility, part in data.groupby("utility", sort=False):
        fig.add_trace(
            _bar(
                part["year"].astype(str),
                part[value] / scale,
                utility_names.get(utility, utility),
                UTILITY_COLOURS.get(utility, "#999999"),
                1,
            )
        )
    fig.update_layout(barmode="stack")
    fig.update_yaxes(title=labels["axis"])
    return _layout(fig, labels.get("title"))


def normalised_trend(trend: pd.DataFrame, labels: Mapping[str, str], lang: str = "uk") -> go.Figure:
    """Heating energy as used (bars) and corrected to average weather (line): the line shows real change."""
    fig = _with_lang(go.Figure(), lang)
    years = trend["year"].astype(str)
    fig.add_trace(_bar(years, trend["actual_mwh"], labels["actual"], "#9bb7d4", 0))
    fig.add_trace(
        go.Scatter(
            x=years,
            y=trend["normalised_mwh"],
            name=labels["normalised"],
            mode="lines+markers",
            line={"color": "#0072B2", "width": 3},
            hovertemplate="%{x}: %{y:,.0f}<extra>%{fullData.name}</extra>",
        )
    )
    fig.update_yaxes(title=labels["axis"], rangemode="tozero")
    return _layout(fig, labels.get("title"))


def eui_ranking(ranking: pd.DataFrame, labels: Mapping[str, str], lang: str = "uk", top: int = 25) -> go.Figure:
    """Buildings by energy use per m², coloured by intensity, with the median of their type as a tick."""
    data = ranking.dropna(subset=["eui"]).head(top).iloc[::-1]
    fig = _with_lang(go.Figure(), lang)
    fig.add_trace(
        go.Bar(
            y=data["name"],
            x=data["eui"],
            orientation="h",
            name=labels["eui"],
            marker={"color": data["eui"], "colorscale": INTENSITY_SCALE, "showscale": False},
            hovertemplate="%{y}: %{x:,.0f}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            y=data["name"],
            x=data["type_median_eui"],
            mode="markers",
            name=labels["type_median"],
            marker={"symbol": "line-ns-open", "size": 18, "color": "#D55E00", "line": {"width": 3, "color": "#D55E00"}},
            hovertemplate="%{x:,.0f}<extra>%{fullData.name}</extra>",
        )
    )
    fig.update_xaxes(title=labels["axis"])
    fig.update_yaxes(automargin=True)
    return _layout(fig, labels.get("title"), height=max(380, 26 * len(data) + 120))


def baseline_chart(
    monthly: pd.DataFrame, retrofit: str | None, labels: Mapping[str, str], lang: str = "uk"
) -> go.Figure:
    """Month by month: what was used against what the baseline expects for that weather; the retrofit marked,
    the months left out shown hollow."""
    fig = _with_lang(go.Figure(), lang)
    used = monthly[monthly["period"] != "excluded"]
    excluded = monthly[monthly["period"] == "excluded"]
    fig.add_trace(_bar(used["month"], used["actual_kwh"] / 1000, labels["actual"], "#9bb7d4", 1))
    if not excluded.empty:
        fig.add_trace(
            go.Bar(
                x=excluded["month"],
                y=excluded["actual_kwh"] / 1000,
                name=labels["excluded"],
                marker={"color": "rgba(0,0,0,0)", "line": {"color": "#999999", "width": 1.5}},
                hovertemplate="%{x}: %{y:,.1f}<extra>%{fullData.name}</extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=monthly["month"],
            y=monthly["expected_kwh"] / 1000,
            name=labels["expected"],
            mode="lines",
            line={"color": "#D55E00", "width": 2.5},
            hovertemplate="%{x}: %{y:,.1f}<extra>%{fullData.name}</extra>",
        )
    )
    if retrofit:
        fig.add_vline(x=retrofit, line={"color": "#009E73", "width": 2, "dash": "dash"})
        fig.add_annotation(
            x=retrofit,
            y=1,
            yref="paper",
            text=labels["retrofit"],
            showarrow=False,
            xanchor="left",
            font={"color": "#009E73"},
        )
    fig.update_layout(barmode="overlay")
    # Months in calendar order: left to itself, a category axis puts a month first seen in a later trace (one
    # left out) at the end, and the expected line would jump there and back.
    fig.update_xaxes(type="category", nticks=14, categoryorder="array", categoryarray=sorted(monthly["month"]))
    fig.update_yaxes(title=labels["axis"], rangemode="tozero")
    return _layout(fig, labels.get("title"), height=420)


def metered_vs_budget(
    comparison: pd.DataFrame, labels: Mapping[str, str], utility_names: Mapping[str, str], lang: str = "uk"
) -> go.Figure:
    """Per utility: the cost of the metered use of our buildings beside what the budget paid on its code."""
    fig = _with_lang(go.Figure(), lang)
    x = [
        f"{utility_names.get(u, u)} ({c})"
        for u, c in zip(comparison["utility"], comparison["economic_code"], strict=True)
    ]
    fig.add_trace(_bar(x, comparison["budget_uah"] / 1e6, labels["budget"], "#9bb7d4", 2))
    fig.add_trace(_bar(x, comparison["metered_uah"] / 1e6, labels["metered"], "#0072B2", 2))
    fig.update_layout(barmode="group")
    fig.update_yaxes(title=labels["axis"])
    return _layout(fig, labels.get("title"))
