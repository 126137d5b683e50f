"""Table columns formatted by what their name says they hold, so pages name a column's header and nothing else.

Our columns carry their unit in the name (`cost_uah`, `avoided_mwh`, `saved_share`, `heating_eui`,
`retrofit_date`); the unit decides how a number is shown. A page passes `{column: header}` to `config`; a
column that needs more than its unit (a link, a progress bar, a wider text) passes its own column object.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

# (name endings, how the number is shown); the first that matches wins.
NUMBER_FORMATS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("_share",), "percent"),  # a fraction, shown as a percentage
    (("_uah", "amount", "area_m2", "population"), "localized"),  # money and counts: thousands separated
    (("eui", "_per_occupant", "per_resident", "cost_per_m2"), "%.0f"),  # kWh or UAH per m² or per person
    (("mwh", "co2_t", "_years", "per_1000", "_days"), "%.1f"),
    (("_ha",), "%.2f"),
    (("year", "_line", "line_number"), "%d"),  # a year or a line number: no thousands separator
)
DATE_ENDINGS = ("date", "_end", "_from", "latest")


def derived(name: str) -> tuple[str, str] | None:
    """(column kind, format) that a column's name implies, or None for text and plain numbers."""
    if name.endswith("_at"):
        return "datetime", "YYYY-MM-DD HH:mm"
    if name.endswith(DATE_ENDINGS):
        return "date", "YYYY-MM-DD"
    for endings, number_format in NUMBER_FORMATS:
        if name.endswith(endings):
            return "number", number_format
    return None


def config(columns: Mapping[str, object]) -> dict[str, object]:
    """Streamlit column_config from {column: header or column object}: a header gets the format its column's
    name implies; a column object is kept as it is."""
    out: dict[str, object] = {}
    for name, spec in columns.items():
        kind = derived(name) if isinstance(spec, str) else None
        if kind is None:
            out[name] = spec
        elif kind[0] == "number":
            out[name] = st.column_config.NumberColumn(spec, format=kind[1])
        elif kind[0] == "date":
            out[name] = st.column_config.DateColumn(spec, format=kind[1])
        else:
            out[name] = st.column_config.DatetimeColumn(spec, format=kind[1])
    return out
