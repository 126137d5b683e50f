"""Column formats follow the unit in the column's name."""

from __future__ import annotations

import pytest
import streamlit as st

from hromada import column_formats


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("cost_uah", ("number", "localized")),
        ("saved_share", ("number", "percent")),
        ("heating_eui", ("number", "%.0f")),
        ("avoided_mwh", ("number", "%.1f")),
        ("avoided_co2_t", ("number", "%.1f")),
        ("land_area_ha", ("number", "%.2f")),
        ("year", ("number", "%d")),
        ("source_line", ("number", "%d")),
        ("retrofit_date", ("date", "YYYY-MM-DD")),
        ("planned_end", ("date", "YYYY-MM-DD")),
        ("first_loaded_at", ("datetime", "YYYY-MM-DD HH:mm")),
        ("title_uk", None),
        ("months", None),
    ],
)
def test_the_name_decides_the_format(name: str, expected: tuple[str, str] | None) -> None:
    assert column_formats.derived(name) == expected


def test_config_formats_headers_and_keeps_column_objects() -> None:
    link = st.column_config.LinkColumn("Open")
    got = column_formats.config({"cost_uah": "Cost", "link": link, "title": "Title"})
    assert got["cost_uah"] == st.column_config.NumberColumn("Cost", format="localized")
    assert got["link"] is link and got["title"] == "Title"
