"""Streamlit pieces the Energy and Building pages share: utility names, buttons that open a building, the findings
table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from hromada import column_formats, row_links
from hromada.i18n import t

UTILITIES = ("electricity", "gas", "heat", "solid_fuel", "water")


def utility_names() -> dict[str, str]:
    return {u: t(f"utilities.{u}") for u in UTILITIES}


def building_columns(frame: pd.DataFrame, key: str) -> dict[str, object]:
    """The button that opens a row's building (in `frame`'s "link" column) and the building's name, as the tables
    that list buildings show them."""
    targets = [{"building": b} if isinstance(b, str) and b else None for b in frame["building_id"]]
    opener = row_links.buttons(frame, "link", page="building", targets=targets, key=key)
    return {**opener, "name": st.column_config.TextColumn(t("energy.building"), width="medium")}


def findings_table(findings: pd.DataFrame, columns: list[str], extra_config: dict | None = None) -> None:
    """Findings of the energy checks with the rule, severity and utility in words, and where each came from."""
    names = utility_names()
    findings = findings.assign(
        rule_label=[t(f"energy_rules.{r}") for r in findings["rule"]],
        severity_label=[t(f"severity.{s}") for s in findings["severity"]],
        utility_label=[names.get(u, "—") if u else "—" for u in findings["utility"]],
    )
    column_formats.table(
        findings[columns],
        hide_index=True,
        width="stretch",
        column_config=column_formats.config(
            {
                "severity_label": t("energy.severity"),
                "utility_label": t("energy.utility"),
                "rule_label": st.column_config.TextColumn(t("energy.finding"), width="large"),
                "value": column_formats.number(t("energy.value"), 1),
                "reference": column_formats.number(t("energy.reference"), 1),
                "meter_number": t("energy.meter"),
                "source_file": t("cols.file"),
                "source_line": t("cols.line"),
                **(extra_config or {}),
            }
        ),
    )
