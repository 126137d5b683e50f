"""Column formats follow the unit in the column's name."""

from __future__ import annotations

import pytest
import streamlit as st

from hromada import column_formats


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("cost_uah", ("number", 0)),
        ("saved_share", ("percent", 1)),
        ("heating_eui", ("number", 0)),
        ("avoided_mwh", ("number", 1)),
        ("avoided_co2_t", ("number", 1)),
        ("land_area_ha", ("number", 2)),
        ("year", ("whole", "%d")),
        ("source_line", ("whole", "%d")),
        ("retrofit_date", ("date", "DD.MM.YYYY")),
        ("planned_end", ("date", "DD.MM.YYYY")),
        ("first_loaded_at", ("datetime", "DD.MM.YYYY HH:mm")),
        ("progress_pct", ("progress", "%d%%")),
        ("title_uk", None),
        ("months", None),
    ],
)
def test_the_name_decides_the_format(name: str, expected: tuple | None) -> None:
    assert column_formats.derived(name, "uk") == expected


def test_dates_follow_the_language() -> None:
    assert column_formats.derived("retrofit_date", "en") == ("date", "D MMM YYYY")


def test_numbers_follow_the_page_language_never_a_printf_point() -> None:
    """A printf format ("%.1f") draws a decimal point on a Ukrainian page; "localized" follows the language."""
    got = column_formats.config({"cost_uah": "Cost", "avoided_mwh": "Saved", "saved_share": "Share"})
    assert got["cost_uah"] == st.column_config.NumberColumn("Cost", format="localized", step=1)
    assert got["avoided_mwh"] == st.column_config.NumberColumn("Saved", format="localized", step=0.1)
    assert got["saved_share"] == st.column_config.NumberColumn("Share", format="percent", step=0.001)


def test_config_keeps_column_objects_and_text() -> None:
    link = st.column_config.LinkColumn("Open")
    got = column_formats.config({"link": link, "title": "Title"})
    assert got["link"] is link and got["title"] == "Title"


def test_no_page_formats_numbers_with_printf_decimals() -> None:
    """Every decimal in a table goes through column_formats, so none shows a point on a Ukrainian page."""
    import re

    from hromada.settings import ROOT

    sources = [*ROOT.glob("pages/*.py"), *ROOT.glob("hromada/*.py")]
    pattern = r'format="[^"]*(?:%\.\d+f|YYYY-MM-DD)[^"]*"'  # a decimal point, or an ISO date on a Ukrainian page
    found = [f"{p.name}: {m}" for p in sources for m in re.findall(pattern, p.read_text())]
    assert found == []
