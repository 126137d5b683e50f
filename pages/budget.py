"""Budget: plan against actual through the year, structure with drill-down, years, and the lines."""

import streamlit as st

from hromada import charts, column_formats, ui
from hromada.i18n import t
from hromada.metrics import budget as bm

ctx, period = ui.budget_page("budget.title", "budget.intro")

left, middle, right = st.columns([1, 2, 1])
with left:
    direction = ui.url_choice(
        st.segmented_control,
        t("budget.direction"),
        ["income", "expense"],
        "dir",
        format_func=lambda d: t(f"budget.direction_{d}"),
    )
available = bm.classifications(ctx.con, period, direction)
if not available:
    st.info(t("budget.no_lines"))
    st.stop()
with middle:
    classification = available[0]
    if len(available) > 1:
        classification = ui.url_choice(
            st.segmented_control,
            t("budget.classification"),
            available,
            "cls",
            format_func=lambda c: t(f"budget.cls_{c}"),
        )
with right:
    fund = ui.url_choice(
        st.selectbox,
        t("budget.fund"),
        ["total", "general", "special"],
        "fund",
        format_func=lambda f: t(f"budget.fund_{f}"),
    )

labels = {
    "executed": t("charts.executed_ytd"),
    "plan": t("charts.annual_plan"),
    "previous": t("charts.previous_year", year=period.year - 1),
    "million_uah": t("charts.million_uah"),
    "uah_unit": t("charts.uah_unit"),
    "root": t(f"budget.direction_{direction}"),
    "other": t("charts.other"),
    "year": t("charts.year"),
}

tab_plan, tab_structure, tab_years, tab_lines = st.tabs(
    [t("budget.tab_plan"), t("budget.tab_structure"), t("budget.tab_years"), t("budget.tab_lines")]
)

with tab_plan:
    monthly = bm.monthly(ctx.con, period, direction, classification, fund)
    if monthly[monthly["year"] == period.year].empty:
        st.info(t("budget.no_lines"))
    else:
        a, b = st.columns(2)
        with a:
            ui.chart(
                charts.cumulative_vs_plan(monthly, period.year, {**labels, "title": t("budget.cumulative")}, ctx.lang),
                "budget-cumulative",
            )
        with b:
            ui.chart(
                charts.monthly_bars(
                    monthly,
                    period.year,
                    {**labels, "executed": str(period.year), "title": t("budget.by_month")},
                    ctx.lang,
                ),
                "budget-monthly",
            )
        st.caption(t("budget.plan_explain"))

with tab_structure:
    structure = bm.breakdown(ctx.con, period, direction, classification, fund, ctx.lang)
    if classification == "economic":
        structure["level1"] = structure["level1"].map(lambda v: t(f"budget.economic_{v}"))
    if structure["executed_uah"].fillna(0).gt(0).any():
        ui.chart(
            charts.treemap(structure, {**labels, "title": t("budget.structure_title")}, ctx.lang), "budget-treemap"
        )
        st.caption(t("budget.treemap_help"))
    else:
        st.info(t("budget.no_lines"))

with tab_years:
    history = bm.by_year(
        ctx.con, period.budget_code, period.period_type, period.month, direction, classification, fund, ctx.lang
    )
    if history["year"].nunique() < 2:
        st.info(t("budget.one_year_only"))
    else:
        ui.chart(
            charts.year_comparison(
                history, {**labels, "title": t("budget.years_title", months=t(f"months.upto{period.month}"))}, ctx.lang
            ),
            "budget-years",
        )

with tab_lines:
    table = bm.lines(ctx.con, period, direction, classification, fund)
    st.caption(t("budget.lines_help", count=len(table)))
    column_formats.table(
        table,
        hide_index=True,
        width="stretch",
        column_config=column_formats.config(
            {
                "code": st.column_config.TextColumn(t("cols.code")),
                "name": st.column_config.TextColumn(t("cols.name"), width="large"),
                "functional_code": st.column_config.TextColumn(t("cols.functional_code")),
                "economic_code": st.column_config.TextColumn(t("cols.economic_code")),
                "economic_name": st.column_config.TextColumn(t("cols.economic_name")),
                "is_leaf": st.column_config.CheckboxColumn(t("cols.is_leaf")),
                "approved_uah": t("cols.approved_uah"),
                "amended_uah": t("cols.amended_uah"),
                "executed_ytd_uah": t("cols.executed_ytd_uah"),
                "executed_uah": t("cols.executed_uah"),
                "executed_share": column_formats.progress(t("cols.executed_share"), fraction=True),
                "source_file": st.column_config.TextColumn(t("cols.source_file")),
                "source_line": t("cols.source_line"),
            }
        ),
    )
    st.download_button(
        t("budget.download"),
        table.to_csv(index=False).encode("utf-8-sig"),
        file_name=f"budget_{period.budget_code}_{period.year}_{period.month:02d}_{direction}_{classification}_{fund}.csv",
        mime="text/csv",
        icon=":material/download:",
        key="download-lines",
    )
