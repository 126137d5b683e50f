"""About the data: sources, files loaded and when, how fresh each series is, rejected rows and why."""

import streamlit as st

from hromada import column_formats, glossary, ui
from hromada.formatting import day, number
from hromada.i18n import t
from hromada.metrics import energy as energy_metrics
from hromada.metrics import lineage
from hromada.metrics import projects as project_metrics

ctx = ui.context()
ui.page_header("data.title", "data.intro")
if ctx.con is None:
    ui.require_data(ctx)

build = lineage.build_info(ctx.con)
if build:
    built_at = str(build["built_at"])
    st.caption(t("data.built", built_at=f"{day(built_at)} {built_at[11:16]}", raw_dir=build["raw_dir"]))

files = lineage.source_files(ctx.con)
files["status_text"] = files["status"].map(lambda v: t(f"data.status_{v}"))
errors = files[files["status"] == "error"]
ui.metric_row(
    [
        (t("data.files"), len(files)),
        (t("data.rows_loaded"), number(int(files["rows_loaded"].sum()))),
        (t("data.rows_rejected"), number(lineage.rejected_count(ctx.con))),
        (t("data.file_errors"), len(errors)),
    ]
)
for message in errors["message"]:
    st.error(ui.md_escape(message), icon=":material/error:")

fetched = lineage.fetched_sources(ctx.con)
if not fetched.empty:
    st.subheader(t("data.fetched"))
    st.caption(t("data.fetched_help"))
    for row in fetched.itertuples():
        status = "empty" if row.status == "ok" and not row.files else row.status
        st.markdown(f"**{ui.md_escape(t(f'data.source_{row.source}'))}**")
        st.markdown(
            t(
                "data.fetched_line",
                status=t(f"data.fetch_status_{status}"),
                when=day(row.fetched_on) if row.fetched_on else "—",
                files=number(int(row.files)),
                next=day(row.next_refresh) if row.next_refresh else "—",
            )
        )
        st.caption(
            t(
                "data.fetched_from",
                url=ui.md_escape(lineage.address(row.base_url)),
                licence=ui.md_escape(row.licence or "—"),
            )
            + "  \n"
            + ui.md_escape(row.attribution or "")
        )
        if row.status == "failed":
            st.warning(ui.md_escape(row.message), icon=":material/cloud_off:")

st.subheader(t("data.coverage"))
st.caption(t("data.coverage_help"))
coverage = lineage.coverage(ctx.con)
coverage["direction"] = coverage["direction"].map(lambda v: t(f"budget.direction_{v}"))
coverage["classification"] = coverage["classification"].map(lambda v: t(f"budget.cls_{v}"))
coverage["period_type"] = coverage["period_type"].map(lambda v: t(f"common.series_{v}"))
column_formats.table(
    coverage,
    hide_index=True,
    width="stretch",
    column_config=column_formats.config(
        {
            "budget_code": t("cols.budget_code"),
            "direction": t("cols.direction"),
            "classification": t("cols.classification"),
            "period_type": t("cols.period_type"),
            "first_year": t("cols.first_year"),
            "last_year": t("cols.last_year"),
            "last_month": t("cols.last_month"),
            "lines": t("cols.lines"),
        }
    ),
)

st.subheader(t("data.sources"))
st.caption(t("data.sources_help"))
column_formats.table(
    files,
    hide_index=True,
    width="stretch",
    column_order=[
        "file_path",
        "source",
        "format",
        "status_text",
        "rows_read",
        "rows_loaded",
        "rows_duplicate",
        "rows_rejected",
        "encoding",
        "is_demo",
        "first_loaded_at",
        "message",
        "sha256",
    ],
    column_config=column_formats.config(
        {
            "file_path": st.column_config.TextColumn(t("cols.file"), width="large"),
            "source": t("cols.source"),
            "format": t("cols.format"),
            "status_text": t("cols.status"),
            "rows_read": t("cols.rows_read"),
            "rows_loaded": t("cols.rows_loaded"),
            "rows_duplicate": t("cols.rows_duplicate"),
            "rows_rejected": t("cols.rows_rejected"),
            "encoding": t("cols.encoding"),
            "is_demo": st.column_config.CheckboxColumn(t("cols.is_demo")),
            "first_loaded_at": t("cols.first_loaded_at"),
            "message": t("cols.message"),
            "sha256": "SHA-256",
        }
    ),
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
    column_formats.table(
        rejected,
        hide_index=True,
        width="stretch",
        column_config=column_formats.config(
            {
                "file_path": t("cols.file"),
                "line_number": t("cols.line"),
                "column_name": t("cols.column"),
                "reason": st.column_config.TextColumn(t("cols.reason"), width="large"),
                "raw_text": st.column_config.TextColumn(t("cols.raw_text"), width="large"),
            }
        ),
    )
    st.download_button(
        t("data.download_rejected"),
        rejected.to_csv(index=False).encode("utf-8-sig"),
        file_name="rejected_rows.csv",
        mime="text/csv",
        icon=":material/download:",
    )
st.subheader(t("data.flags"))
st.caption(t("data.flags_help"))
flags = project_metrics.project_flags(ctx.con)
if flags.empty:
    st.success(t("data.no_flags"), icon=":material/check_circle:")
else:
    flags["flag"] = flags["flag"].map(lambda f: ui.label("pflags", f))
    column_formats.table(
        flags,
        hide_index=True,
        width="stretch",
        column_config=column_formats.config(
            {
                "project_id": t("cols.project_id"),
                "flag": t("cols.flag"),
                "detail": st.column_config.TextColumn(t("cols.detail"), width="large"),
            }
        ),
    )
energy_findings = energy_metrics.findings_summary(ctx.con)
if not energy_findings.empty:
    st.subheader(t("data.energy_flags"))
    st.caption(t("data.energy_flags_help"))
    energy_findings["rule"] = [t(f"energy_rules.{r}") for r in energy_findings["rule"]]
    energy_findings["severity"] = [t(f"severity.{s}") for s in energy_findings["severity"]]
    column_formats.table(
        energy_findings,
        hide_index=True,
        width="stretch",
        column_config=column_formats.config(
            {
                "rule": st.column_config.TextColumn(t("energy.finding"), width="large"),
                "severity": t("energy.severity"),
                "findings": t("data.findings"),
                "buildings": t("energy.buildings"),
                "latest": t("data.latest_finding"),
            }
        ),
    )
st.caption(t("data.contract"))

st.subheader(t("glossary.all_title"))
glossary.everything()
