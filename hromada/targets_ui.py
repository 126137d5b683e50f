"""The council's targets on a page: each KPI's value against its target, the verdict in words and colour, and
the rule said under the list. A list rather than a grid, so the verdict is in view on a phone."""

from __future__ import annotations

import streamlit as st

from hromada import targets
from hromada.formatting import money, number, percent
from hromada.i18n import t
from hromada.metrics.programme import TargetRow
from hromada.ui import md_escape

STATUS_STYLE = {  # Streamlit's markdown colours, always with the word beside them (never colour alone)
    "on_track": ("green", ":material/check_circle:"),
    "at_risk": ("orange", ":material/warning:"),
    "off_track": ("red", ":material/cancel:"),
}
TREND_COLOURS = {"better": "green", "worse": "red", "same": "gray"}


def value_text(kpi: str, value: float | None) -> str:
    """A KPI's value in its unit: a share in per cent, kWh/m², hryvnias or days."""
    unit = targets.KPIS[kpi].unit
    if value is None:
        return "—"
    if unit == "share":
        return percent(value, decimals=0)
    if unit == "uah":
        return money(value)
    if unit == "days":
        return t("targets.days", value=number(value, 1))
    return t("targets.kwh_m2", value=number(value))


def status_text(status: str | None) -> str:
    if status is None:
        return t("targets.no_value")
    colour, icon = STATUS_STYLE[status]
    return f":{colour}[{icon} **{t(f'targets.{status}')}**]"


def trend_text(r: TargetRow) -> str:
    """Last year's value, with an arrow the way the value moved, green when that is the good way, red when not."""
    words = md_escape(t("targets.last_year", value=value_text(r.kpi, r.previous)))
    if r.trend is None or r.value is None or r.previous is None:
        return words
    arrow = "trending_flat" if r.trend == "same" else "trending_up" if r.value > r.previous else "trending_down"
    return f":{TREND_COLOURS[r.trend]}[:material/{arrow}:] {words} ({md_escape(t(f'targets.trend_{r.trend}'))})"


def render(rows: list[TargetRow], kpis: tuple[str, ...] | None = None) -> None:
    """The rows (only the given KPIs when named) as a list; nothing at all when no target is set."""
    shown = [r for r in rows if kpis is None or r.kpi in kpis]
    if not shown:
        return
    lines = []
    for r in shown:
        target = value_text(r.kpi, r.target)
        if r.due != r.target:
            target = t("targets.due_by_now", target=target, due=value_text(r.kpi, r.due))
        parts = [
            md_escape(t("targets.now", value=value_text(r.kpi, r.value))),
            md_escape(t("targets.target", value=target)),
            status_text(r.status),
        ]
        if r.previous is not None:
            parts.append(trend_text(r))
        line = f"- **{md_escape(t(f'targets.kpi_{r.kpi}'))}** — " + " · ".join(parts)
        lines.append(line)
    st.markdown("\n".join(lines))
    st.caption(t("targets.rule", margin=percent(targets.AT_RISK_MARGIN, decimals=0)))
