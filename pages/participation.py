"""Participation (residents): petitions, participatory budget, appeals and e-services."""

from datetime import datetime

import pandas as pd
import streamlit as st

from hromada import charts, column_formats, services_ui, ui
from hromada.formatting import day, money, month, number, percent
from hromada.i18n import t
from hromada.metrics import participation as pm

ctx = ui.context()
ui.page_header("participation.title", "participation.intro")
if ctx.con is None:
    ui.require_data(ctx)
con, lang = ctx.con, ctx.lang
present = pm.has_any(con)
if not any(present.values()):
    st.info(t("participation.no_data"), icon=":material/forum:")
    st.stop()

tabs = st.tabs(
    [
        t("participation.tab_petitions"),
        t("participation.tab_pb"),
        t("participation.tab_appeals"),
        t("participation.tab_services"),
    ]
)

with tabs[0]:
    if not present["petitions"]:
        st.caption(t("participation.none"))
    else:
        s = pm.petitions_summary(con)
        ui.metric_row(
            [
                (t("participation.petitions"), number(s["petitions"])),
                (
                    t("participation.successful"),
                    number(s["successful"]),
                    t("participation.successful_help", threshold=number(ctx.settings.petition_threshold)),
                ),
                (t("participation.answered"), number(s["answered"])),
                (
                    t("participation.median_answer"),
                    f"{number(s['median_days_to_answer'])} {t('participation.days')}"
                    if s["median_days_to_answer"] is not None
                    else "—",
                ),
            ]
        )
        topics = pm.petitions_by_topic(con)
        column_formats.table(
            topics,
            hide_index=True,
            width="stretch",
            column_config=column_formats.config(
                {
                    "topic": t("participation.topic"),
                    "petitions": t("participation.petitions"),
                    "signatures": t("participation.signatures"),
                    "successful": t("participation.successful"),
                }
            ),
        )
        petitions = pm.petitions_list(con)
        petitions["status"] = petitions["status"].map(lambda s: ui.label("petition_status", s) if s else s)
        with column_formats.wide("petitions"):
            column_formats.table(
                petitions,
                hide_index=True,
                width="stretch",
                column_config=column_formats.config(
                    {
                        "start_date": t("participation.started"),
                        "title": st.column_config.TextColumn(t("participation.title_col"), width="large"),
                        "kind": t("participation.topic"),
                        "signatures": t("participation.signatures"),
                        "reached_threshold": st.column_config.CheckboxColumn(t("participation.successful")),
                        "status": t("cols.status"),
                        "answer_date": t("participation.answer_date"),
                        "days_to_answer": t("participation.days_to_answer"),
                        "answer_url": st.column_config.LinkColumn(t("participation.answer")),
                    }
                ),
            )
        column_formats.cards(
            "petitions",
            (
                (
                    row["title"],
                    [
                        day(row["start_date"]),
                        t("cards.signatures", count=number(row["signatures"])),
                        row["status"],
                        t("cards.answered", date=day(row["answer_date"])) if pd.notna(row["answer_date"]) else None,
                    ],
                )
                for _, row in petitions.iterrows()
            ),
        )
        st.caption(t("participation.privacy"))

with tabs[1]:
    if not present["pb"]:
        st.caption(t("participation.none"))
    else:
        s = pm.pb_summary(con)
        ui.metric_row(
            [
                (t("participation.proposals"), number(s["proposals"])),
                (t("participation.votes"), number(s["votes"])),
                (t("participation.winners"), number(s["winners"])),
                (t("participation.winners_budget"), money(s["winners_plan_uah"])),
            ]
        )
        column_formats.table(
            pm.pb_list(con),
            hide_index=True,
            width="stretch",
            column_config=column_formats.config(
                {
                    "decision_date": t("participation.decided"),
                    "title": st.column_config.TextColumn(t("participation.title_col"), width="large"),
                    "kind": t("participation.category"),
                    "votes": t("participation.votes"),
                    "is_winner": st.column_config.CheckboxColumn(t("participation.winner")),
                    "status": t("cols.status"),
                    "budget_plan_uah": t("participation.plan_uah"),
                    "budget_fact_uah": t("participation.fact_uah"),
                    "project_id": t("participation.registry_project"),
                    "project_status": t("participation.registry_status"),
                    "progress_pct": t("cols.progress"),
                }
            ),
        )

with tabs[2]:
    if not present["appeals"]:
        st.caption(t("participation.none"))
    else:
        s = pm.appeals_summary(con, datetime.now())
        ui.metric_row(
            [
                (t("participation.appeals"), number(s["appeals"])),
                (
                    t("participation.median_response"),
                    f"{number(s['median_response_days'], 1)} {t('participation.days')}",
                ),
                (
                    t("participation.on_time"),
                    percent(s["on_time_share"]),
                    t("participation.on_time_help", days=ctx.settings.appeal_deadline_days),
                ),
                (
                    t("participation.backlog"),
                    number(s["open"]),
                    t("participation.backlog_help", overdue=number(s["open_overdue"])),
                ),
            ]
        )
        monthly = pm.appeals_monthly(con)
        ui.chart(
            charts.share_line(
                monthly,
                "month",
                {"appeals": t("participation.appeals")},
                "on_time_share",
                {
                    "share": t("participation.on_time"),
                    "count": t("participation.appeals"),
                    "title": t("participation.appeals_by_month"),
                },
                lang,
            ),
            "participation-appeals",
        )
        left, right = st.columns(2)
        with left:
            column_formats.table(
                pm.appeals_by_category(con),
                hide_index=True,
                width="stretch",
                column_config=column_formats.config(
                    {
                        "category": t("participation.category"),
                        "appeals": t("participation.appeals"),
                        "median_response_days": t("participation.median_response"),
                        "on_time_share": column_formats.progress(t("participation.on_time"), fraction=True),
                    }
                ),
            )
        with right:
            places = pm.appeals_by_settlement(con)
            name_col = "name_en" if lang == "en" else "name_uk"
            column_formats.table(
                places[[name_col, "appeals", "per_1000"]],
                hide_index=True,
                width="stretch",
                column_config=column_formats.config(
                    {
                        name_col: t("cols.settlement"),
                        "appeals": t("participation.appeals"),
                        "per_1000": t("participation.per_1000"),
                    }
                ),
            )

with tabs[3]:
    if not present["e_services"]:
        st.caption(t("participation.none"))
    else:
        monthly = pm.e_services_monthly(con)
        last = monthly.iloc[-1]
        a, b = st.columns(2)
        a.metric(
            t("participation.online_share", month=month(last["month"])),
            percent(last["online_share"]),
            border=True,
            delta=f"{(last['online_share'] - monthly.iloc[0]['online_share']) * 100:+.0f} pp",
            delta_description=t("participation.since", month=month(monthly.iloc[0]["month"])),
        )
        b.metric(t("participation.services_month", month=month(last["month"])), number(last["services"]), border=True)
        services_ui.e_services_chart(monthly, lang, "participation-services")
