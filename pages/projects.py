"""Projects (council): the pipeline, money and schedule, procurement savings, risks, one project in detail."""

from datetime import date

import pandas as pd
import streamlit as st

from hromada import charts, column_formats, project_ui, ui
from hromada.formatting import day, money, number, percent
from hromada.i18n import t
from hromada.metrics import projects as pm
from hromada.translit import transliterate

ctx = project_ui.projects_page("projects.title", "projects.intro")
con, lang = ctx.con, ctx.lang
title_col = "title_en" if lang == "en" else "title_uk"

k = pm.totals(con)
saved = (k["expected_contracted_uah"] or 0) - (k["contracted_uah"] or 0)
cols = [*st.columns(3), *st.columns(2)]
cols[0].metric(
    t("projects.k_projects"),
    number(k["projects"]),
    border=True,
    help=t("projects.k_active", active=number(k["active"])),
)
cols[1].metric(t("projects.k_budget"), money(k["budget_uah"]), border=True)
cols[2].metric(
    t("projects.k_spent"),
    money(k["spent_uah"]),
    border=True,
    help=t("projects.k_spent_help", share=percent((k["spent_uah"] or 0) / k["budget_uah"]) if k["budget_uah"] else "—"),
)
cols[3].metric(t("projects.k_contracted"), money(k["contracted_uah"]), border=True)
cols[4].metric(t("projects.k_savings"), money(saved), border=True, help=t("projects.k_savings_help"))

st.subheader(t("projects.pipeline"))
measure = ui.url_choice(
    st.segmented_control,
    t("projects.show"),
    ["projects", "budget_uah"],
    "measure",
    format_func=lambda m: t(f"projects.show_{m}"),
)
pipeline = pm.pipeline(con)
pipeline["status_label"] = pipeline["status"].map(lambda s: ui.label("statuses", s))
pipeline["sector_label"] = pipeline["sector"].map(lambda s: ui.label("sectors", s))
order = "|".join(
    ui.label("statuses", s) for s in ("idea", "preparation", "procurement", "implementation", "completed", "cancelled")
)
left, right = st.columns([3, 2])
with left:
    ui.chart(
        charts.pipeline_bars(
            pipeline,
            measure,
            {
                "status_order": order,
                "value": t(f"projects.show_{measure}") if measure == "projects" else t("charts.million_uah"),
            },
            lang,
        ),
        "projects-pipeline",
    )
with right:
    funding = pm.funding_mix(con)
    funding["source_label"] = funding["source"].map(lambda s: ui.label("funding", s))
    ui.chart(
        charts.funding_bars(funding, {"million_uah": t("charts.million_uah"), "title": t("projects.funding")}, lang),
        "projects-funding",
    )

st.subheader(t("projects.money"))
by_sector = pm.money_by_sector(con)
by_sector["sector_label"] = by_sector["sector"].map(lambda s: ui.label("sectors", s))
ui.chart(
    charts.money_by_group(
        by_sector,
        "sector_label",
        {
            "budget_uah": t("projects.k_budget"),
            "spent_uah": t("projects.k_spent"),
            "contracted_uah": t("projects.k_contracted"),
        },
        {"million_uah": t("charts.million_uah")},
        lang,
    ),
    "projects-money",
)

st.subheader(t("projects.schedule"))
st.caption(t("projects.schedule_help"))
timeline = pm.timeline(con)
timeline["label"] = timeline["project_id"] + " " + timeline[title_col].str.slice(0, 48)
ui.chart(
    charts.gantt(timeline, {"planned": t("projects.planned"), "actual": t("projects.actual")}, lang), "projects-gantt"
)

left, right = st.columns(2)
with left:
    st.subheader(t("projects.risks"))
    risks = pm.at_risk(con, date.today())
    if risks.empty:
        st.success(t("projects.no_risks"), icon=":material/check_circle:")
    else:
        # A list, not a grid: in half the page a grid's third column, the reason, would be out of sight.
        column_formats.item_list(
            (
                f"{row['project_id']} · {row[title_col]}",
                [
                    ", ".join(ui.label("risks", r) for r in row["reasons"]),
                    t("cards.until", date=day(row["planned_end"])) if pd.notna(row["planned_end"]) else None,
                    t("cards.progress", share=percent(row["progress_pct"] / 100, decimals=0))
                    if pd.notna(row["progress_pct"])
                    else None,
                ],
            )
            for _, row in risks.iterrows()
        )
with right:
    st.subheader(t("projects.savings"))
    savings = pm.savings(con)
    st.caption(t("projects.savings_help", saved=money(savings["saved_uah"].sum()) if not savings.empty else "—"))
    column_formats.table(
        savings[["project_id", title_col, "expected_uah", "contracted_uah", "saved_share"]],
        hide_index=True,
        width="stretch",
        column_config=column_formats.config(
            {
                "project_id": t("cols.project_id"),
                title_col: st.column_config.TextColumn(t("cols.project"), width="medium"),
                "expected_uah": t("cols.expected_uah"),
                "contracted_uah": t("cols.contracted_uah"),
                "saved_share": t("cols.saved_share"),
            }
        ),
    )

st.subheader(t("projects.detail"))
names = pm.project_titles(con)
ids = names["project_id"].tolist()
titles = dict(zip(names["project_id"], names[title_col], strict=True))
chosen = ui.url_choice(st.selectbox, t("projects.choose"), ids, "project", format_func=lambda i: f"{i} · {titles[i]}")
p = pm.project(con, chosen)
ui.metric_row(
    [
        (t("cols.status"), ui.label("statuses", p["status"])),
        (t("projects.k_budget"), money(p["budget_uah"])),
        (t("projects.k_spent"), money(p["spent_uah"])),
        (t("projects.k_contracted"), money(p["contracted_uah"])),
    ]
)
st.progress(min(1.0, float(p["progress_pct"] or 0) / 100), text=t("projects.progress", pct=number(p["progress_pct"])))
tab_money, tab_tenders, tab_changes, tab_flags = st.tabs(
    [t("projects.programme"), t("projects.tenders"), t("projects.changes"), t("projects.flags")]
)
with tab_money:
    funding = pm.project_funding(con, chosen)
    funding["source"] = funding["source"].map(lambda s: ui.label("funding", s))
    column_formats.table(
        funding,
        hide_index=True,
        column_config=column_formats.config(
            {
                "source": t("cols.source"),
                "amount_uah": t("cols.amount_uah"),
            }
        ),
    )
    if p.get("programme_code") and ctx.budget_code:
        lines = pm.programme_lines(con, p["programme_code"], ctx.budget_code)
        st.caption(t("projects.programme_help", code=p["programme_code"]))
        column_formats.table(
            lines,
            hide_index=True,
            width="stretch",
            column_config=column_formats.config(
                {
                    "year": t("charts.year"),
                    "month": t("cols.last_month"),
                    "name": t("cols.name"),
                    "approved_uah": t("cols.approved_uah"),
                    "executed_uah": t("cols.executed_ytd_uah"),
                }
            ),
        )
    else:
        st.caption(t("projects.programme_none"))
with tab_tenders:
    tenders = pm.project_contracts(con, chosen)
    if ctx.lang == "en":  # contractors are proper names: the national transliteration, as for people
        tenders["supplier_name"] = tenders["supplier_name"].map(lambda v: transliterate(v) if isinstance(v, str) else v)
    if tenders.empty:
        st.caption(t("projects.no_tenders"))
    else:
        column_formats.table(
            tenders,
            hide_index=True,
            width="stretch",
            column_config=column_formats.config(
                {
                    "tender_ref": t("cols.tender"),
                    "matched": st.column_config.CheckboxColumn(t("cols.matched")),
                    "title": t("cols.name"),
                    "tender_status": t("cols.status"),
                    "expected_amount": t("cols.expected_uah"),
                    "contract_id": t("cols.contract"),
                    "contract_status": t("cols.contract_status"),
                    "date_signed": column_formats.date(t("cols.date_signed")),
                    "value_amount": t("cols.contracted_uah"),
                    "supplier_name": t("cols.supplier"),
                    "supplier_id": t("cols.supplier_id"),
                }
            ),
        )
with tab_changes:
    changes = pm.project_changes(con, chosen)
    if changes.empty:
        st.caption(t("projects.no_changes"))
    else:
        project_ui.changes_table(changes, with_files=True)
with tab_flags:
    flags = pm.project_flags(con, chosen)
    if flags.empty:
        st.caption(t("projects.no_flags"))
    for flag, detail in zip(flags["flag"], flags["detail"], strict=True):
        st.warning(f"{ui.label('pflags', flag)}: {ui.md_escape(detail)}", icon=":material/flag:")
