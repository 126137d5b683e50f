"""Widgets the project pages share (Projects, What is built, Invest): their opening, and what changed in a
project between two versions of the registry, in the interface language."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from hromada import column_formats
from hromada.i18n import t
from hromada.metrics import projects as project_metrics
from hromada.ui import Context, context, label, page_header, require_data


def projects_page(title_key: str, intro_key: str) -> Context:
    """The opening of the project pages: title, intro, and a stop when no registry is loaded."""
    ctx = context()
    page_header(title_key, intro_key)
    if ctx.con is None:
        require_data(ctx)
    if not project_metrics.has_projects(ctx.con):
        st.info(t("projects.no_projects"), icon=":material/construction:")
        st.stop()
    return ctx


def readable_changes(changes: pd.DataFrame) -> pd.DataFrame:
    """project_changes for people: field names and status values in the interface language."""
    changes = changes.copy()
    is_status = changes["field"] == "status"
    for column in ("old_value", "new_value"):
        changes.loc[is_status, column] = changes.loc[is_status, column].map(lambda v: label("statuses", v))
    changes["field"] = changes["field"].map(lambda f: label("fields", f))
    return changes


def changes_table(changes: pd.DataFrame, with_files: bool = False) -> None:
    """What changed in a project since the previous registry version, as a table."""
    columns = ["field", "old_value", "new_value", *(["previous_file", "current_file"] if with_files else [])]
    column_formats.table(
        readable_changes(changes)[columns],
        hide_index=True,
        width="stretch",
        column_config=column_formats.config(
            {
                "field": t("cols.field"),
                "old_value": t("cols.old_value"),
                "new_value": t("cols.new_value"),
                "previous_file": t("cols.previous_file"),
                "current_file": t("cols.current_file"),
            }
        ),
    )
