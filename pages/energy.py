"""Energy (council): what the public buildings use and pay, which waste most, what retrofits saved, the bill
against the budget's utility lines, and every suspect reading."""

import streamlit as st

from hromada import colour_scale, column_formats, energy_charts, energy_ui, maps, ui
from hromada.formatting import money, mwh, number, scaled, signed_percent
from hromada.i18n import t
from hromada.metrics import energy as em
from hromada.metrics import lineage

ctx = ui.context()
ui.page_header("energy.title", "energy.intro")
if ctx.con is None:
    ui.require_data(ctx)
con, lang = ctx.con, ctx.lang
if not em.has_buildings(con) or not em.years(con):
    st.info(t("energy.no_data"), icon=":material/bolt:")
    st.stop()

utility_names = energy_ui.utility_names()
complete = em.complete_years(con)
years = complete + [y for y in em.years(con) if y not in complete]  # complete years first: the default
year = ui.url_choice(
    st.selectbox,
    t("energy.year"),
    years,
    "energy_year",
    format_func=lambda y: str(y) if y in complete else f"{y} ({t('energy.partial_year')})",
)

summary = em.year_summary(con, year)
change = signed_percent(summary["mwh_change"]) if summary["mwh_change"] is not None else None
ui.metric_row(
    [
        (t("energy.energy_mwh"), number(summary["mwh"]), t("energy.energy_help"), change),
        (t("energy.cost_millions"), scaled(summary["cost_uah"] or 0, 1e6), t("energy.cost_help")),
        (t("energy.co2_t"), number(summary["co2_t"]), t("energy.co2_help")),
        (t("energy.buildings"), number(summary["buildings"])),
    ]
)


tabs = st.tabs(
    [
        t("energy.tab_totals"),
        t("energy.tab_buildings"),
        t("energy.tab_anomalies"),
        t("energy.tab_savings"),
        t("energy.tab_budget"),
    ]
)

with tabs[0]:
    measure = ui.url_choice(
        st.segmented_control,
        t("energy.measure"),
        ["mwh", "cost_uah", "co2_t"],
        "energy_measure",
        format_func=lambda m: t(f"energy.measure_{m}"),
    )
    totals = em.totals_by_year(con)
    ui.chart(
        energy_charts.energy_by_year(
            totals,
            measure,
            {"title": t("energy.by_year_title"), "axis": t(f"energy.axis_{measure}")},
            utility_names,
            lang,
        ),
        "energy_by_year",
    )
    st.caption(t("energy.partial_note"))
    trend = em.normalised_trend(con)
    if not trend.empty:
        ui.chart(
            energy_charts.normalised_trend(
                trend,
                {
                    "title": t("energy.trend_title"),
                    "actual": t("energy.actual"),
                    "normalised": t("energy.normalised"),
                    "axis": t("energy.axis_mwh"),
                },
                lang,
            ),
            "energy_trend",
        )
        st.caption(t("energy.trend_help"))
        if attribution := lineage.weather_attribution(con):
            st.caption(ui.md_escape(attribution))

with tabs[1]:
    ranking = em.eui_ranking(con, year, lang)
    ranking["type_label"] = [t(f"building_types.{k}") for k in ranking["type"]]
    ui.chart(
        energy_charts.eui_ranking(
            ranking,
            {
                "title": t("energy.eui_title", year=year),
                "eui": t("energy.eui"),
                "type_median": t("energy.type_median"),
                "axis": t("energy.eui_axis"),
            },
            lang,
        ),
        "energy_eui",
    )
    st.caption(t("energy.eui_help"))
    opener = energy_ui.building_columns(ranking, "energy_ranking_open")
    column_formats.table(
        ranking[
            [
                "link",
                "name",
                "type_label",
                "settlement",
                "heated_area_m2",
                "eui",
                "heating_eui",
                "electricity_eui",
                "type_median_eui",
                "vs_type",
                "cost_uah",
                "cost_per_m2",
                "cost_per_occupant",
                "kg_co2_per_m2",
                "months",
                "quality",
            ]
        ],
        hide_index=True,
        width="stretch",
        column_config=column_formats.config(
            {
                **opener,
                "type_label": t("energy.type"),
                "settlement": t("cols.settlement"),
                "heated_area_m2": t("energy.area"),
                "eui": t("energy.eui"),
                "heating_eui": t("energy.heating_eui"),
                "electricity_eui": t("energy.electricity_eui"),
                "type_median_eui": t("energy.type_median"),
                "vs_type": column_formats.number(t("energy.vs_type"), 2),
                "cost_uah": t("energy.cost"),
                "cost_per_m2": t("energy.cost_per_m2"),
                "cost_per_occupant": t("energy.cost_per_occupant"),
                "kg_co2_per_m2": column_formats.number(t("energy.co2_per_m2"), 1),
                "months": t("energy.months"),
                "quality": st.column_config.ProgressColumn(
                    t("energy.quality"), min_value=0, max_value=100, format="%d", help=t("energy.quality_help")
                ),
            }
        ),
    )
    located = ranking.dropna(subset=["lat", "lon"]).copy()
    if not located.empty:
        st.subheader(t("energy.map_title"))
        located["colour"] = colour_scale.intensity_colours(located["eui"])
        located["eui_text"] = [number(v) if v == v else "—" for v in located["eui"]]
        st.pydeck_chart(
            maps.points_map(
                located,
                t("energy.map_tooltip"),
                radius_m=located["heated_area_m2"].fillna(400).clip(lower=300) ** 0.5 * 9,
                colour="colour",
                layer_id="buildings",
            ),
            key="energy_map",
        )
        if located["eui"].notna().any():
            ui.chart(
                colour_scale.intensity_legend(
                    float(located["eui"].min()), float(located["eui"].max()), {"axis": t("energy.eui_axis")}, lang
                ),
                "energy_legend",
                as_table=False,
            )

with tabs[2]:
    latest = em.latest_month(con)
    options = [latest] + [m for m in em.months_with_findings(con) if m != latest]
    month = ui.url_choice(st.selectbox, t("energy.month"), options, "energy_month")
    found = em.anomalies(con, month)
    if found.empty:
        st.success(t("energy.no_findings", month=month), icon=":material/check_circle:")
        recent = [m for m in options[1:7]]
        if recent:
            st.caption(t("energy.months_with_findings", months=", ".join(recent)))
    else:
        opener = energy_ui.building_columns(found, "energy_findings_open")
        energy_ui.findings_table(
            found,
            [
                "severity_label",
                "name",
                "utility_label",
                "rule_label",
                "value",
                "reference",
                "meter_number",
                "source_file",
                "source_line",
                "link",
            ],
            opener,
        )
    st.caption(t("energy.findings_help"))

with tabs[3]:
    saved = em.savings(con)
    if saved.empty:
        st.info(t("energy.no_retrofits"), icon=":material/construction:")
    else:
        heating = em.heating_savings(con)
        ui.metric_row(
            [
                (t("energy.retrofits"), number(heating["retrofits"])),
                (t("energy.avoided_mwh"), mwh(heating["avoided_kwh"], 0), t("energy.avoided_help")),
                (t("energy.avoided_uah"), money(heating["avoided_uah"])),
                (t("energy.avoided_co2"), f"{number(heating['avoided_co2_t'])} t"),
            ]
        )
        saved["utility_label"] = [utility_names[u] for u in saved["utility"]]
        saved["project"] = (saved["title_en"] if lang == "en" else saved["title_uk"]).fillna("—")
        opener = energy_ui.building_columns(saved, "energy_savings_open")
        column_formats.table(
            saved[
                [
                    "link",
                    "name",
                    "utility_label",
                    "retrofit_date",
                    "project",
                    "reporting_months",
                    "avoided_mwh",
                    "uncertainty_mwh",
                    "avoided_share",
                    "avoided_uah",
                    "avoided_co2_t",
                    "passes_g14",
                ]
            ],
            hide_index=True,
            width="stretch",
            column_config=column_formats.config(
                {
                    **opener,
                    "utility_label": t("energy.utility"),
                    "retrofit_date": t("energy.retrofit_date"),
                    "project": st.column_config.TextColumn(t("energy.project"), width="medium"),
                    "reporting_months": t("energy.reporting_months"),
                    "avoided_mwh": t("energy.avoided_mwh"),
                    "uncertainty_mwh": column_formats.number(t("energy.uncertainty"), 1),
                    "avoided_share": t("energy.avoided_share"),
                    "avoided_uah": t("energy.avoided_uah"),
                    "avoided_co2_t": t("energy.avoided_co2"),
                    "passes_g14": st.column_config.CheckboxColumn(t("energy.g14"), help=t("energy.g14_help")),
                }
            ),
        )
        st.caption(t("energy.savings_help"))

with tabs[4]:
    budget_code = ctx.budget_code or ctx.settings.budget_code
    comparison = em.budget_comparison(con, budget_code, year)
    if comparison["budget_uah"].isna().all():
        st.info(t("energy.no_budget", year=year), icon=":material/account_balance_wallet:")
    ui.chart(
        energy_charts.metered_vs_budget(
            comparison,
            {
                "title": t("energy.budget_title", year=year),
                "budget": t("energy.budget_paid"),
                "metered": t("energy.metered_cost"),
                "axis": t("energy.axis_million_uah"),
            },
            utility_names,
            lang,
        ),
        "energy_budget",
    )
    comparison["utility_label"] = [utility_names[u] for u in comparison["utility"]]
    comparison[["budget_uah", "metered_uah"]] = comparison[["budget_uah", "metered_uah"]].astype(float).round(0)
    column_formats.table(
        comparison[["economic_code", "utility_label", "budget_uah", "metered_uah", "metered_share"]],
        hide_index=True,
        width="stretch",
        column_config=column_formats.config(
            {
                "economic_code": t("energy.economic_code"),
                "utility_label": t("energy.utility"),
                "budget_uah": t("energy.budget_paid"),
                "metered_uah": t("energy.metered_cost"),
                "metered_share": t("energy.metered_share"),
            }
        ),
    )
    month_note = comparison["budget_month"].dropna()
    if not month_note.empty and int(month_note.iloc[0]) < 12:
        st.caption(t("energy.budget_partial", month=t(f"months.m{int(month_note.iloc[0])}")))
    st.caption(t("energy.budget_help"))
