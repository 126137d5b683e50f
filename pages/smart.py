"""SMART hromada (council): the programme's digital goals — electronic document flow, e-services, internet
access in every settlement — each against the council's target."""

from datetime import datetime

import streamlit as st

from hromada import charts, column_formats, services_ui, targets_ui, ui
from hromada.formatting import day, month, number, percent
from hromada.i18n import t
from hromada.metrics import participation as pm
from hromada.metrics import programme

ctx = ui.context()
ui.page_header("smart.title", "smart.intro")
if ctx.con is None:
    ui.require_data(ctx)
con = ctx.con

year = ctx.period.year if ctx.period is not None else datetime.now().year
rows = programme.target_rows(con, ctx.period, ctx.settings.population, datetime.now())
target_of = {r.kpi: r.target for r in rows}

doc_tab, service_tab, net_tab = st.tabs([t("smart.tab_documents"), t("smart.tab_services"), t("smart.tab_internet")])

with doc_tab:
    if not programme.has_documents(con):
        st.info(t("smart.no_documents"), icon=":material/description:")
    else:
        years = programme.documents_years(con)
        chosen = year if year in years else years[0]
        now, before = programme.documents_year(con, chosen), programme.documents_year(con, chosen - 1)
        ui.metric_row(
            [
                (
                    t("smart.electronic_share", year=chosen),
                    percent(now["electronic_share"]),
                    t("smart.electronic_help"),
                ),
                (t("smart.days_to_sign", year=chosen), number(now["days_to_sign"], 1), t("smart.days_help")),
                (t("smart.registered", year=chosen), number(now["registered"])),
                (
                    t("smart.electronic_last_year", year=chosen - 1),
                    percent(before["electronic_share"]) if before["registered"] else "—",
                ),
            ]
        )
        targets_ui.render(rows, ("documents_electronic", "documents_days_to_sign"))
        monthly = programme.documents_monthly(con)
        monthly["paper"] = monthly["registered"] - monthly["electronic"]
        ui.chart(
            charts.share_line(
                monthly,
                "month",
                {"electronic": t("smart.electronic"), "paper": t("smart.paper")},
                "electronic_share",
                {
                    "share": t("smart.electronic_share_line"),
                    "count": t("smart.documents"),
                    "title": t("smart.documents_by_month"),
                    "target": t("smart.target_line"),
                },
                ctx.lang,
                target_of.get("documents_electronic"),
            ),
            "smart-documents",
        )
        st.subheader(t("smart.by_department", year=chosen))
        departments = programme.documents_by_department(con, chosen)
        with column_formats.wide("departments"):
            column_formats.table(
                departments,
                hide_index=True,
                width="stretch",
                column_config=column_formats.config(
                    {
                        "department": st.column_config.TextColumn(t("smart.department"), width="large"),
                        "registered": column_formats.number(t("smart.documents")),
                        "electronic": column_formats.number(t("smart.electronic")),
                        "electronic_share": column_formats.progress(t("smart.share"), fraction=True),
                        "days_to_sign": column_formats.number(t("smart.days"), 1),
                    }
                ),
            )
        column_formats.cards(
            "departments",
            (
                (
                    row.department,
                    [
                        t("smart.card_share", share=percent(row.electronic_share, decimals=0)),
                        t("smart.card_days", days=number(row.days_to_sign, 1)),
                        t("smart.card_documents", count=number(row.registered)),
                    ],
                )
                for row in departments.itertuples()
            ),
        )
        st.caption(t("smart.documents_explain"))

with service_tab:
    services = pm.e_services_monthly(con)
    if services.empty:
        st.info(t("smart.no_services"), icon=":material/computer:")
    else:
        last = services.iloc[-1]
        ui.metric_row(
            [
                (t("smart.online_share", month=month(last["month"])), percent(last["online_share"])),
                (t("smart.services_month", month=month(last["month"])), number(last["services"])),
            ]
        )
        targets_ui.render(rows, ("e_services_online",))
        services_ui.e_services_chart(services, ctx.lang, "smart-services", target_of.get("e_services_online"))

with net_tab:
    if not programme.has_connectivity(con):
        st.info(t("smart.no_internet"), icon=":material/wifi:")
    else:
        net = programme.coverage(con)
        ui.metric_row(
            [
                (
                    t("overview.residents_covered"),
                    percent(net["residents_covered"]),
                    t("overview.residents_covered_help", date=day(net["as_of"])),
                ),
                (
                    t("overview.settlements_broadband"),
                    f"{number(net['with_broadband'])} / {number(net['settlements'])}",
                ),
                (t("smart.wifi_points"), number(net["wifi_points"])),
                (t("smart.households_connected"), percent(net["households_connected_share"])),
            ]
        )
        targets_ui.render(rows, ("settlements_broadband", "residents_covered"))
        ui.page_link("map", t("smart.on_the_map"), ":material/map:", measure="internet_pct")
        places = programme.connectivity(con)
        name_col = "name_en" if ctx.lang == "en" else "name_uk"
        places["name"] = places[name_col].fillna(places["katottg"])
        places["mobile"] = [t(f"smart.mobile_{m}") for m in places["mobile_4g"]]
        places["connected_share"] = places["households_connected"] / places["households"].where(
            places["households"] > 0
        )
        st.subheader(t("smart.by_settlement"))
        columns = [
            "name",
            "population",
            "fixed_broadband",
            "mobile",
            "download_mbps",
            "public_wifi_points",
            "connected_share",
        ]
        with column_formats.wide("settlements"):
            column_formats.table(
                places[columns],
                hide_index=True,
                width="stretch",
                column_config=column_formats.config(
                    {
                        "name": st.column_config.TextColumn(t("smart.settlement"), width="medium"),
                        "population": column_formats.number(t("map.residents")),
                        "fixed_broadband": st.column_config.CheckboxColumn(t("smart.broadband")),
                        "mobile": st.column_config.TextColumn(t("smart.mobile")),
                        "download_mbps": column_formats.number(t("smart.mbps")),
                        "public_wifi_points": column_formats.number(t("smart.wifi_points")),
                        "connected_share": column_formats.progress(t("smart.connected"), fraction=True),
                    }
                ),
            )
        column_formats.cards(
            "settlements",
            (
                (
                    row.name,
                    [
                        t("smart.broadband_yes") if row.fixed_broadband else t("smart.broadband_no"),
                        f"{t('smart.mobile')}: {row.mobile}",
                        t("smart.card_speed", mbps=number(row.download_mbps)) if row.download_mbps > 0 else None,
                    ],
                )
                for row in places.itertuples()
            ),
        )
        st.caption(t("smart.internet_explain"))
