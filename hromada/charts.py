"""Plotly figure builders: pure functions from a DataFrame and labels to a figure.

They take no Streamlit and no database, so the tests can check what each figure draws. Labels
come in already translated; colours are fixed so a category keeps its colour across pages.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from hromada.formatting import day, number

COLOURS = {
    "executed": "#1f6fb2",
    "previous": "#9bb7d4",
    "plan": "#e07b00",
    "income": "#1f6fb2",
    "expense": "#c0392b",
    "own": "#2e8b57",
    "capital": "#7b4fa0",
}
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif"


MILLION = 1e6


def _layout(fig: go.Figure, title: str | None = None, height: int = 380) -> go.Figure:
    fig.update_layout(
        title=title,
        height=height,
        margin={"l": 10, "r": 10, "t": 50 if title else 20, "b": 40},
        font={"family": FONT},
        # Below everything, measured from the figure's edge: a legend placed under the plot area overlaps long or
        # tilted axis labels on a narrow screen.
        legend={"orientation": "h", "yref": "container", "yanchor": "bottom", "y": 0, "x": 0},
        separators=", " if _uses_comma(fig) else ".,",
        hoverlabel={"namelength": -1},
    )
    return fig


def _uses_comma(fig: go.Figure) -> bool:
    return bool(fig.layout.meta and fig.layout.meta.get("lang") == "uk")


def _with_lang(fig: go.Figure, lang: str) -> go.Figure:
    fig.update_layout(meta={"lang": lang})
    return fig


def cumulative_vs_plan(monthly: pd.DataFrame, year: int, labels: Mapping[str, str], lang: str = "uk") -> go.Figure:
    """Executed from 1 January, month by month, against the annual plan and last year's path."""
    fig = _with_lang(go.Figure(), lang)
    current = monthly[monthly["year"] == year]
    previous = monthly[monthly["year"] == year - 1]
    if not previous.empty:
        fig.add_trace(
            go.Scatter(
                x=previous["month"],
                y=previous["executed_ytd_uah"] / MILLION,
                name=labels["previous"],
                mode="lines",
                line={"color": COLOURS["previous"], "width": 2, "dash": "dot"},
            )
        )
    fig.add_trace(
        go.Scatter(
            x=current["month"],
            y=current["plan_uah"] / MILLION,
            name=labels["plan"],
            mode="lines",
            line={"color": COLOURS["plan"], "width": 2, "dash": "dash", "shape": "hv"},
        )
    )
    fig.add_trace(
        go.Scatter(
            x=current["month"],
            y=current["executed_ytd_uah"] / MILLION,
            name=labels["executed"],
            mode="lines+markers",
            line={"color": COLOURS["executed"], "width": 3},
        )
    )
    fig.update_traces(hovertemplate="%{x}: %{y:,.1f}<extra>%{fullData.name}</extra>")
    fig.update_xaxes(dtick=1, range=[0.5, 12.5])
    fig.update_yaxes(title=labels["million_uah"], rangemode="tozero")
    return _layout(fig, labels.get("title"))


def monthly_bars(monthly: pd.DataFrame, year: int, labels: Mapping[str, str], lang: str = "uk") -> go.Figure:
    """Each month's own amount (cumulative figures de-cumulated), this year beside last year."""
    fig = _with_lang(go.Figure(), lang)
    for y, colour, name in (
        (year - 1, COLOURS["previous"], labels["previous"]),
        (year, COLOURS["executed"], labels["executed"]),
    ):
        part = monthly[monthly["year"] == y]
        if not part.empty:
            fig.add_trace(
                go.Bar(
                    x=part["month"],
                    y=part["executed_uah"] / MILLION,
                    name=name,
                    marker_color=colour,
                    hovertemplate="%{x}: %{y:,.2f}<extra>%{fullData.name}</extra>",
                )
            )
    fig.update_layout(barmode="group")
    fig.update_xaxes(dtick=1)
    fig.update_yaxes(title=labels["million_uah"])
    return _layout(fig, labels.get("title"))


def treemap(
    breakdown: pd.DataFrame,
    labels: Mapping[str, str],
    lang: str = "uk",
    levels: tuple[str, ...] = ("level1", "level2", "label"),
) -> go.Figure:
    """Year-to-date amounts by group and code; click a group to drill down."""
    data = breakdown[breakdown["executed_uah"].fillna(0) > 0].copy()
    path = [lvl for i, lvl in enumerate(levels) if i == 0 or not data[lvl].equals(data[levels[i - 1]])]
    if data.empty:
        return _layout(_with_lang(go.Figure(), lang), labels.get("title"))
    fig = px.treemap(
        data,
        path=[px.Constant(labels["root"]), *path],
        values="executed_uah",
        color="level1",
        color_discrete_sequence=px.colors.qualitative.Safe,
    )
    fig.update_traces(
        texttemplate="%{label}<br>%{percentRoot:.1%}",
        hovertemplate="%{label}<br>%{value:,.0f} " + labels["uah_unit"] + "<br>%{percentRoot:.1%}<extra></extra>",
        root_color="#f4f6f8",
    )
    return _layout(_with_lang(fig, lang), labels.get("title"), height=520)


def year_comparison(by_year: pd.DataFrame, labels: Mapping[str, str], lang: str = "uk", top: int = 8) -> go.Figure:
    """The same months of each year, stacked by the biggest groups (the rest together)."""
    totals = by_year.groupby("level2")["executed_uah"].sum().sort_values(ascending=False)
    keep = set(totals.index[:top])
    data = by_year.assign(group=[g if g in keep else labels["other"] for g in by_year["level2"]])
    data = data.groupby(["year", "group"], as_index=False)["executed_uah"].sum()
    data["executed_uah"] = data["executed_uah"] / MILLION
    order = [g for g in totals.index if g in keep] + ([labels["other"]] if len(totals) > top else [])
    fig = px.bar(
        data,
        x="year",
        y="executed_uah",
        color="group",
        category_orders={"group": order},
        color_discrete_sequence=px.colors.qualitative.Safe,
        labels={"year": labels["year"], "executed_uah": labels["million_uah"], "group": ""},
    )
    fig.update_xaxes(dtick=1, title=None)
    return _layout(_with_lang(fig, lang), labels.get("title"), height=440)


def wrapped(label: str, width: int = 24) -> str:
    """A long category name over lines (plotly's <br>), so a phone's narrow chart does not cut it off."""
    return "<br>".join(textwrap.wrap(label, width)) if len(label) > width else label


def share_bars(shares: pd.DataFrame, labels: Mapping[str, str], lang: str = "uk") -> go.Figure:
    """Of every 100 hryvnias spent: how many went to each area (horizontal bars, largest first)."""
    data = shares.sort_values("share")
    fig = _with_lang(
        go.Figure(
            go.Bar(
                x=data["share"] * 100,
                y=[wrapped(str(d)) for d in data["division"]],
                orientation="h",
                marker_color=COLOURS["executed"],
                text=[f"{v * 100:.0f}" for v in data["share"]],
                textposition="outside",
                hovertemplate="%{y}: %{x:.1f}<extra></extra>",
            )
        ),
        lang,
    )
    fig.update_xaxes(title=labels["per_100"], range=[0, max(60.0, float(data["share"].max()) * 115)])
    fig.update_yaxes(title=None, automargin=True)
    return _layout(fig, labels.get("title"), height=max(260, 48 * len(data) + 80))


def history_bars(history: pd.DataFrame, labels: Mapping[str, str], lang: str = "uk") -> go.Figure:
    """Income, own revenues, spending and capital spending by year (partial years marked)."""
    fig = _with_lang(go.Figure(), lang)
    x = [f"{y}" if m == 12 else f"{y}*" for y, m in zip(history["year"], history["month"], strict=True)]
    for column, colour in (
        ("income_uah", "income"),
        ("own_uah", "own"),
        ("expense_uah", "expense"),
        ("capital_uah", "capital"),
    ):
        fig.add_trace(
            go.Bar(
                x=x,
                y=history[column] / MILLION,
                name=labels[column],
                marker_color=COLOURS[colour],
                hovertemplate="%{x}: %{y:,.1f}<extra>%{fullData.name}</extra>",
            )
        )
    fig.update_layout(barmode="group")
    fig.update_xaxes(type="category")  # "2026*" must not be dropped from a numeric axis
    fig.update_yaxes(title=labels["million_uah"])
    return _layout(fig, labels.get("title"))


def pipeline_bars(pipeline: pd.DataFrame, value: str, labels: Mapping[str, str], lang: str = "uk") -> go.Figure:
    """Projects (count or UAH) by status along the pipeline, stacked by sector."""
    data = pipeline.copy()
    if value == "budget_uah":
        data["budget_uah"] = data["budget_uah"].astype(float) / MILLION
    fig = px.bar(
        data,
        x="status_label",
        y=value,
        color="sector_label",
        category_orders={"status_label": list(labels["status_order"].split("|"))},
        color_discrete_sequence=px.colors.qualitative.Safe,
        labels={"status_label": "", value: labels["value"], "sector_label": ""},
    )
    return _layout(_with_lang(fig, lang), labels.get("title"), height=420)


def funding_bars(funding: pd.DataFrame, labels: Mapping[str, str], lang: str = "uk") -> go.Figure:
    """Where the projects' money comes from, by source."""
    data = funding.sort_values("amount_uah")
    fig = _with_lang(
        go.Figure(
            go.Bar(
                x=data["amount_uah"].astype(float) / MILLION,
                y=data["source_label"],
                orientation="h",
                marker_color=COLOURS["own"],
                hovertemplate="%{y}: %{x:,.2f}<extra></extra>",
            )
        ),
        lang,
    )
    fig.update_xaxes(title=labels["million_uah"])
    fig.update_yaxes(title=None, automargin=True)
    return _layout(fig, labels.get("title"), height=max(240, 46 * len(data) + 90))


def gantt(timeline: pd.DataFrame, labels: Mapping[str, str], lang: str = "uk") -> go.Figure:
    """Planned against actual periods, one row per project: where schedules slipped."""
    planned = timeline.assign(kind=labels["planned"], start=timeline["planned_start"], end=timeline["planned_end"])
    actual = timeline[timeline["actual_start"].notna()].assign(
        kind=labels["actual"], start=lambda d: d["actual_start"], end=lambda d: d["actual_end"]
    )
    data = pd.concat([planned, actual], ignore_index=True).dropna(subset=["start", "end"])
    if data.empty:
        return _layout(_with_lang(go.Figure(), lang), labels.get("title"))
    fig = px.timeline(
        data,
        x_start="start",
        x_end="end",
        y="label",
        color="kind",
        color_discrete_map={labels["planned"]: COLOURS["previous"], labels["actual"]: COLOURS["executed"]},
        labels={"label": "", "kind": ""},
    )
    fig.update_layout(barmode="group")
    fig.update_yaxes(autorange="reversed", automargin=True)
    return _layout(_with_lang(fig, lang), labels.get("title"), height=max(360, 26 * timeline["label"].nunique() + 120))


def money_by_group(
    data: pd.DataFrame, group: str, series: Mapping[str, str], labels: Mapping[str, str], lang: str = "uk"
) -> go.Figure:
    """Grouped bars of several amounts (e.g. budget, spent, contracted) per group, in UAH millions."""
    colours = [COLOURS["plan"], COLOURS["executed"], COLOURS["capital"], COLOURS["own"]]
    fig = _with_lang(go.Figure(), lang)
    for (column, name), colour in zip(series.items(), colours, strict=False):
        fig.add_trace(
            go.Bar(
                x=data[group],
                y=data[column].astype(float) / MILLION,
                name=name,
                marker_color=colour,
                hovertemplate="%{x}: %{y:,.2f}<extra>%{fullData.name}</extra>",
            )
        )
    fig.update_layout(barmode="group")
    fig.update_yaxes(title=labels["million_uah"])
    return _layout(fig, labels.get("title"), height=400)


VOTE_ORDER = ("for", "against", "abstain", "not_voting", "absent", "no_record")
VOTE_COLOURS = ("#0072B2", "#D55E00", "#F0E442", "#999999", "#DDDDDD", "#FFFFFF")  # Okabe–Ito: colour-blind safe


def vote_matrix(cells: pd.DataFrame, labels: Mapping[str, str], lang: str = "uk") -> go.Figure:
    """Deputies (rows) × agenda items (columns), coloured by vote; colour-blind-safe hues plus hover text."""
    codes = {v: i for i, v in enumerate(VOTE_ORDER)}
    grid = cells.pivot_table(index="name", columns="column", values="vote", aggfunc="first")
    z = grid.apply(lambda col: col.map(codes)).to_numpy(dtype=float)
    text = grid.apply(lambda col: col.map(lambda v: labels.get(f"vote_{v}", v))).to_numpy()
    n = len(VOTE_ORDER)
    scale = [[edge, colour] for i, colour in enumerate(VOTE_COLOURS) for edge in (i / n, (i + 1) / n)]
    fig = _with_lang(
        go.Figure(
            go.Heatmap(
                z=z,
                x=list(grid.columns),
                y=list(grid.index),
                text=text,
                zmin=-0.5,
                zmax=n - 0.5,
                colorscale=scale,
                showscale=False,
                xgap=1,
                ygap=1,
                hovertemplate="%{y}<br>%{x}<br>%{text}<extra></extra>",
            )
        ),
        lang,
    )
    fig.update_xaxes(showticklabels=False, title=labels["items"])
    fig.update_yaxes(autorange="reversed", automargin=True)
    return _layout(fig, labels.get("title"), height=max(380, 18 * len(grid.index) + 120))


def agreement_heatmap(pairs: pd.DataFrame, labels: Mapping[str, str], lang: str = "uk") -> go.Figure:
    """How often each pair of deputies voted the same way (share of items both attended)."""
    grid = pairs.pivot_table(index="a_name", columns="b_name", values="agreement")
    fig = _with_lang(
        go.Figure(
            go.Heatmap(
                z=grid.to_numpy() * 100,
                x=list(grid.columns),
                y=list(grid.index),
                zmin=0,
                zmax=100,
                colorscale="Viridis",
                colorbar={"title": "%"},
                hovertemplate="%{y} · %{x}: %{z:.0f}%<extra></extra>",
            )
        ),
        lang,
    )
    fig.update_xaxes(showticklabels=False)
    fig.update_yaxes(autorange="reversed", automargin=True)
    return _layout(fig, labels.get("title"), height=max(420, 18 * len(grid.index) + 120))


def share_line(
    data: pd.DataFrame,
    x: str,
    bars: Mapping[str, str],
    share: str,
    labels: Mapping[str, str],
    lang: str = "uk",
    target: float | None = None,
) -> go.Figure:
    """Stacked monthly counts with a share (0..1) as a line on a second axis, and the council's target for the
    share (0..1) as a dashed line when one is set (labels["target"] names it)."""
    colours = [COLOURS["previous"], COLOURS["executed"], COLOURS["own"], COLOURS["plan"]]
    fig = _with_lang(go.Figure(), lang)
    for (column, name), colour in zip(bars.items(), colours, strict=False):
        fig.add_trace(go.Bar(x=data[x], y=data[column], name=name, marker_color=colour))
    fig.add_trace(
        go.Scatter(
            x=data[x],
            y=data[share] * 100,
            name=labels["share"],
            yaxis="y2",
            mode="lines+markers",
            line={"color": COLOURS["expense"], "width": 3},
        )
    )
    if target is not None:
        fig.add_trace(
            go.Scatter(
                x=data[x],
                y=[target * 100] * len(data),
                name=labels["target"],
                yaxis="y2",
                mode="lines",
                line={"color": COLOURS["plan"], "width": 2, "dash": "dash"},
            )
        )
    fig.update_layout(
        barmode="stack",
        yaxis={"title": labels["count"]},
        yaxis2={
            "overlaying": "y",
            "side": "right",
            "range": [0, 100],
            "tickmode": "linear",
            "dtick": 20,
            "title": "%",
            "showgrid": False,
        },
    )
    fig.update_xaxes(tickformat="%Y-%m")  # dates the same way in both languages
    return _layout(fig, labels.get("title"), height=400)


def figure_table(fig: go.Figure) -> pd.DataFrame:
    """The numbers a chart draws, as a table of text in the chart's language: one row per category (a month, a
    sector, a deputy), one column per series. What a screen reader reads and a person who cannot tell the
    colours apart (or cannot hover) checks the chart against."""
    lang = (fig.layout.meta or {}).get("lang", "uk") if isinstance(fig.layout.meta, dict) else "uk"
    heatmaps = [trace for trace in fig.data if trace.type == "heatmap"]
    if heatmaps:
        trace = heatmaps[0]
        cells = trace.text if trace.text is not None else trace.z
        rows = [list(row) for row in cells]
        grid = pd.DataFrame(rows)  # a heatmap may leave its axes to their positions
        if trace.y is not None:
            grid.index = [str(y) for y in trace.y]
        if trace.x is not None:
            grid.columns = [str(x) for x in trace.x]
        return grid.map(lambda v: _cell_text(v, lang)).rename_axis("")
    columns: dict[str, pd.Series] = {}
    for n, trace in enumerate(fig.data):
        if trace.type in ("treemap", "pie", "sunburst"):  # parts of a whole: each part under its parent's name
            parents = list(trace.parents) if getattr(trace, "parents", None) is not None else []
            categories = [
                f"{parents[i]} › {label}" if i < len(parents) and parents[i] else str(label)
                for i, label in enumerate(trace.labels)
            ]
            values = trace.values
        elif trace.type in ("bar", "scatter", "waterfall"):
            horizontal = getattr(trace, "orientation", None) == "h"
            categories, values = (trace.y, trace.x) if horizontal else (trace.x, trace.y)
        else:
            continue
        if categories is None or values is None:
            continue
        if getattr(trace, "base", None) is not None:  # a timeline's bar: from its base for a length in ms
            starts = pd.to_datetime(pd.Series(list(trace.base)))
            ends = starts + pd.to_timedelta(pd.Series(list(values), dtype=float), unit="ms")
            values = [f"{day(s, lang)} – {day(e, lang)}" for s, e in zip(starts, ends, strict=True)]
        name = trace.name or str(n + 1)
        series = pd.Series([_cell_text(v, lang) for v in values], index=[str(c) for c in categories])
        series = series[~series.index.duplicated()]
        columns[name if name not in columns else f"{name} ({n + 1})"] = series
    if not columns:
        return pd.DataFrame()
    # Rows in the order the chart draws them (a DataFrame of differing indexes would sort them as text: 1, 10,
    # 11, 12, 2 …), a category one series lacks after the others'.
    table = pd.concat(columns, axis=1, sort=False).fillna("—")
    return table.rename_axis("")


def _cell_text(value: object, lang: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number(value, 0 if float(value).is_integer() else 1, lang=lang)
    return str(value)


def plan_waterfall(
    by_month: pd.DataFrame, start_uah: float, current_uah: float, labels: Mapping[str, str], lang: str = "uk"
) -> go.Figure:
    """The annual plan from the start of the year to now: each month's amendments added (up) or cut (down).

    by_month: month, added_uah, cut_uah (negative). A month with both shows two bars, so a cut hidden inside
    a larger addition stays visible. Month names come in labels["months"] (a list of 12)."""
    x = [labels["start"]]
    y = [start_uah / MILLION]
    measure = ["absolute"]
    for row in by_month.sort_values("month").itertuples():
        name = labels["months"][int(row.month) - 1]
        for amount, sign in ((row.added_uah, "+"), (row.cut_uah, "−")):
            if amount:
                x.append(f"{name} {sign}")
                y.append(amount / MILLION)
                measure.append("relative")
    x.append(labels["now"])
    y.append(current_uah / MILLION)
    measure.append("total")
    fig = _with_lang(go.Figure(), lang)
    fig.add_trace(
        go.Waterfall(
            name=labels["million_uah"],
            x=x,
            y=y,
            measure=measure,
            increasing={"marker": {"color": COLOURS["own"]}},
            decreasing={"marker": {"color": COLOURS["expense"]}},
            totals={"marker": {"color": COLOURS["plan"]}},
            connector={"line": {"color": "#999", "width": 1}},
            hovertemplate="%{x}: %{y:,.2f}<extra></extra>",
            showlegend=False,
        )
    )
    # The axis starts near the lowest level the plan reached, so that a change of a few per cent is visible.
    levels, running = [], 0.0
    for value, kind in zip(y, measure, strict=True):
        running = value if kind != "relative" else running + value
        levels.append(running)
    low, high = min(levels), max(levels)
    margin = max((high - low) * 0.5, abs(high) * 0.02)
    fig.update_yaxes(title=labels["million_uah"], range=[low - margin, high + margin * 0.5])
    return _layout(fig, labels.get("title"))


def peer_ranking(
    table: pd.DataFrame, measure: str, labels: Mapping[str, str], lang: str = "uk", share: bool = False
) -> go.Figure:
    """Every hromada of the group on one measure, highest first: ours in its own colour and named, the peers'
    median as a dashed line in the legend. Names are in the hover and the table under the chart (too many for an
    axis)."""
    data = table.dropna(subset=[measure]).sort_values(measure, ascending=False)
    scale = 100 if share else 1
    values = data[measure] * scale
    fig = _with_lang(go.Figure(), lang)
    fig.add_trace(
        go.Bar(
            x=list(data["name"]),
            y=list(values),
            name=labels["value"],
            marker_color=[COLOURS["plan"] if own else COLOURS["previous"] for own in data["is_own"]],
            hovertemplate="%{x}: %{y:,.0f}<extra></extra>" if not share else "%{x}: %{y:.1f}<extra></extra>",
        )
    )
    peers = data.loc[~data["is_own"], measure] * scale
    if not peers.empty:  # a line in the legend (a label on the line would cross the hromada's own arrow)
        fig.add_trace(
            go.Scatter(
                x=list(data["name"]),
                y=[float(peers.median())] * len(data),
                name=labels["median"],
                mode="lines",
                line={"color": COLOURS["executed"], "width": 2, "dash": "dash"},
                hoverinfo="skip",
            )
        )
    own = data[data["is_own"]]
    if not own.empty:
        fig.add_annotation(
            x=own["name"].iloc[0],
            y=float(own[measure].iloc[0] * scale),
            text=labels["own"],
            showarrow=True,
            arrowhead=2,
            ax=0,
            ay=-36,
            font={"color": COLOURS["plan"]},
        )
    fig.update_xaxes(showticklabels=False, title=labels["axis_x"])
    fig.update_yaxes(title=labels["unit"], rangemode="tozero" if (values >= 0).all() else "normal")
    return _layout(fig, labels.get("title"), height=340)


def peer_divisions(divisions: pd.DataFrame, labels: Mapping[str, str], lang: str = "uk") -> go.Figure:
    """Spending per resident by area: the hromada's beside the peers' median (horizontal bars, largest on top)."""
    data = divisions.iloc[::-1]
    names = [wrapped(str(d)) for d in data["division"]]
    fig = _with_lang(go.Figure(), lang)
    for column, colour in (("peers_median", COLOURS["previous"]), ("own", COLOURS["plan"])):
        fig.add_trace(
            go.Bar(
                x=list(data[column]),
                y=names,
                orientation="h",
                name=labels[column],
                marker_color=colour,
                hovertemplate="%{y}: %{x:,.0f}<extra></extra>",
            )
        )
    fig.update_layout(barmode="group")
    fig.update_xaxes(title=labels["unit"])
    fig.update_yaxes(title=None, automargin=True)
    return _layout(fig, labels.get("title"), height=max(300, 56 * len(data) + 100))
