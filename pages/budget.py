"""Budget: plan against actual through the year, structure with drill-down, years, and the lines."""

import streamlit as st

from hromada import attention_ui, charts, column_formats, peers_ui, ui
from hromada.formatting import money, scaled, signed_money, signed_percent
from hromada.i18n import t
from hromada.metrics import amendments as am
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

# The overview's and the profile's comparison links open the comparison tab (?tab=peers).
tab_plan, tab_changes, tab_structure, tab_years, tab_lines, tab_peers = st.tabs(
    [
        t("budget.tab_plan"),
        t("budget.tab_changes"),
        t("budget.tab_structure"),
        t("budget.tab_years"),
        t("budget.tab_lines"),
        t("budget.tab_peers"),
    ],
    default=t("budget.tab_peers") if st.query_params.get("tab") == "peers" else None,
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

with tab_changes:
    changes = am.changes(ctx.con, period, direction, classification, fund)
    year = am.year_of_changes(bm.monthly(ctx.con, period, direction, classification, fund, years_back=0), changes)
    if year.start_uah is None:
        st.info(t("budget.no_lines"))
    else:
        for flag in am.late_large_amendments(year, direction):
            st.warning(attention_ui.reason_text(flag), icon=":material/flag:")
        ui.metric_row(
            [
                (t("budget.plan_start"), scaled(year.start_uah, 1e6), t("budget.plan_start_help")),
                (
                    t("budget.plan_now"),
                    scaled(year.current_uah or 0, 1e6),
                    t(
                        "budget.plan_now_help",
                        months=t(f"months.upto{period.month}"),
                        change=signed_percent(year.net_share) or "—",
                    ),
                ),
                (t("budget.plan_added"), scaled(year.added_uah, 1e6), t("budget.plan_added_help")),
                (t("budget.plan_cut"), scaled(-year.cut_uah, 1e6), t("budget.plan_cut_help")),
            ]
        )
        if changes.empty:
            st.success(t("budget.no_changes"), icon=":material/check_circle:")
        else:
            ui.chart(
                charts.plan_waterfall(
                    year.by_month,
                    year.start_uah,
                    year.current_uah or 0,
                    {
                        **labels,
                        "title": t("budget.changes_title", year=period.year),
                        "start": t("budget.plan_start_short"),
                        "now": t("budget.plan_now_short"),
                        "months": [t(f"months.m{m}") for m in range(1, 13)],
                    },
                    ctx.lang,
                ),
                "budget-changes",
            )
            st.subheader(t("budget.largest_changes"))
            largest = changes.reindex(changes["change_uah"].abs().sort_values(ascending=False).index).head(15)
            largest = largest.assign(month=[t(f"months.m{m}") for m in largest["month"]])
            columns = ["month", "code", "name", "previous_uah", "plan_uah", "change_uah"]
            with column_formats.wide("changes"):
                column_formats.table(
                    largest[columns],
                    hide_index=True,
                    width="stretch",
                    column_config=column_formats.config(
                        {
                            "month": st.column_config.TextColumn(t("cols.month")),
                            "code": st.column_config.TextColumn(t("cols.code")),
                            "name": st.column_config.TextColumn(t("cols.name"), width="large"),
                            "previous_uah": t("cols.plan_before_uah"),
                            "plan_uah": t("cols.plan_after_uah"),
                            "change_uah": t("cols.change_uah"),
                        }
                    ),
                )
            column_formats.cards(
                "changes",
                (
                    (
                        f"{row.code} · {row.name or ''}",
                        [
                            row.month,
                            t("cards.change", amount=signed_money(row.change_uah)),
                            t("cards.plan", amount=money(row.plan_uah)),
                        ],
                    )
                    for row in largest.itertuples()
                ),
            )
        st.caption(t("budget.changes_explain"))

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

with tab_peers:
    peers_ui.render(ctx.con, period, ctx.settings)
