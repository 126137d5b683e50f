"""About the data: sources, files loaded and when, how fresh each series is, rejected rows and why."""

import streamlit as st

from hromada import ui
from hromada.i18n import t
from hromada.metrics import lineage

ctx = ui.context()
ui.page_header("data.title", "data.intro")
if ctx.con is None:
    ui.require_data(ctx)

build = lineage.build_info(ctx.con)
if build:
    st.caption(t("data.built", built_at=str(build["built_at"])[:16], raw_dir=build["raw_dir"]))

files = lineage.source_files(ctx.con)
errors = files[files["status"] == "error"]
c1, c2, c3, c4 = st.columns(4)
c1.metric(t("data.files"), len(files), border=True)
c2.metric(t("data.rows_loaded"), f"{int(files['rows_loaded'].sum()):,}".replace(",", " "), border=True)
c3.metric(t("data.rows_rejected"), f"{lineage.rejected_count(ctx.con):,}".replace(",", " "), border=True)
c4.metric(t("data.file_errors"), len(errors), border=True)
for message in errors["message"]:
    st.error(message, icon=":material/error:")

st.subheader(t("data.coverage"))
st.caption(t("data.coverage_help"))
st.dataframe(
    lineage.coverage(ctx.con),
    hide_index=True,
    width="stretch",
    column_config={
        "budget_code": t("cols.budget_code"),
        "direction": t("cols.direction"),
        "classification": t("cols.classification"),
        "period_type": t("cols.period_type"),
        "first_year": st.column_config.NumberColumn(t("cols.first_year"), format="plain"),
        "last_year": st.column_config.NumberColumn(t("cols.last_year"), format="plain"),
        "last_month": t("cols.last_month"),
        "lines": t("cols.lines"),
    },
)

st.subheader(t("data.sources"))
st.caption(t("data.sources_help"))
st.dataframe(
    files,
    hide_index=True,
    width="stretch",
    column_config={
        "file_path": st.column_config.TextColumn(t("cols.file"), width="large"),
        "source": t("cols.source"),
        "format": t("cols.format"),
        "status": t("cols.status"),
        "rows_read": t("cols.rows_read"),
        "rows_loaded": t("cols.rows_loaded"),
        "rows_duplicate": t("cols.rows_duplicate"),
        "rows_rejected": t("cols.rows_rejected"),
        "encoding": t("cols.encoding"),
        "is_demo": st.column_config.CheckboxColumn(t("cols.is_demo")),
        "first_loaded_at": st.column_config.DatetimeColumn(t("cols.first_loaded_at"), format="YYYY-MM-DD HH:mm"),
        "message": t("cols.message"),
        "sha256": "SHA-256",
    },
)

st.subheader(t("data.rejected"))
st.caption(t("data.rejected_help"))
rejected_files = sorted(lineage.rejected_rows(ctx.con)["file_path"].unique())
if not rejected_files:
    st.success(t("data.no_rejected"), icon=":material/check_circle:")
else:
    chosen = ui.url_choice(
        st.selectbox,
        t("data.filter_file"),
        ["", *rejected_files],
        "file",
        format_func=lambda f: f or t("data.all_files"),
    )
    rejected = lineage.rejected_rows(ctx.con, chosen or None)
    st.dataframe(
        rejected,
        hide_index=True,
        width="stretch",
        column_config={
            "file_path": t("cols.file"),
            "line_number": st.column_config.NumberColumn(t("cols.line"), format="plain"),
            "column_name": t("cols.column"),
            "reason": st.column_config.TextColumn(t("cols.reason"), width="large"),
            "raw_text": st.column_config.TextColumn(t("cols.raw_text"), width="large"),
        },
    )
    st.download_button(
        t("data.download_rejected"),
        rejected.to_csv(index=False).encode("utf-8-sig"),
        file_name="rejected_rows.csv",
        mime="text/csv",
        icon=":material/download:",
    )
st.caption(t("data.contract"))
