"""Building detail: consumption against the weather-normalised baseline, the retrofit and what it saved, fit
statistics in plain words, cost and tariffs, and every finding of the data checks."""

import streamlit as st

from hromada import column_formats, energy_charts, energy_ui, ui
from hromada.baseline import G14_LIMITS
from hromada.formatting import money, month, mwh, number, percent, scaled, unit
from hromada.i18n import t
from hromada.metrics import energy as em

ctx = ui.context()
ui.page_header("building.title", "building.intro")
if ctx.con is None:
    ui.require_data(ctx)
con, lang = ctx.con, ctx.lang
registry = em.buildings(con, lang)
if registry.empty:
    st.info(t("energy.no_data"), icon=":material/bolt:")
    st.stop()

names = dict(zip(registry["building_id"], registry["name"], strict=True))
places = dict(zip(registry["building_id"], registry["settlement"], strict=True))
chosen = ui.url_choice(
    st.selectbox,
    t("building.choose"),
    list(registry["building_id"]),
    "building",
    format_func=lambda b: f"{names[b]} · {places[b] or '—'}",
)
b = em.building(con, chosen, lang)
utility_names = energy_ui.utility_names()

st.subheader(b["name"])
facts = [
    t(f"building_types.{b['type']}"),
    b["settlement"] or "—",
    t("building.area", area=number(b["heated_area_m2"])) if b["heated_area_m2"] else t("building.area_missing"),
]
if b["year_built"]:
    facts.append(t("building.built", year=int(b["year_built"])))
if b["heating_source"]:
    facts.append(b["heating_source"])
if b["energy_class"]:
    facts.append(t("building.energy_class", cls=b["energy_class"]))
if b["occupants"]:
    facts.append(t("building.occupants", count=number(b["occupants"])))
st.caption(" · ".join(ui.md_escape(f) for f in facts))

costs = em.building_costs(con, chosen)
complete = [y for y in em.complete_years(con) if not costs[(costs["year"] == y) & (costs["months"] == 12)].empty]
year = complete[0] if complete else (int(costs["year"].max()) if not costs.empty else None)
this_year = costs[costs["year"] == year] if year else costs.iloc[0:0]
kwh = this_year["kwh"].sum()
eui = kwh / b["heated_area_m2"] if b["heated_area_m2"] else None
ranking = em.eui_ranking(con, year, lang) if year else None
type_median = None
if ranking is not None and not ranking[ranking["building_id"] == chosen].empty:
    type_median = ranking.loc[ranking["building_id"] == chosen, "type_median_eui"].iloc[0]
ui.metric_row(
    [
        (t("building.energy_year", year=year or "—"), mwh(kwh)),
        (
            t("energy.eui"),
            number(eui) if eui else "—",
            t("building.eui_help", median=number(type_median) if type_median == type_median else "—"),
        ),
        (t("building.cost_thousands"), scaled(this_year["cost_uah"].sum(), 1e3)),
        (t("building.co2_t"), number(this_year["co2_t"].sum(), 1)),
        (
            t("energy.quality"),
            f"{b['quality']} / 100" if b["quality"] == b["quality"] and b["quality"] is not None else "—",
            t("energy.quality_help"),
        ),
    ]
)

if b["retrofit_project_id"]:
    title = b["project_title_en"] if lang == "en" else b["project_title_uk"]
    label = t("building.project", project=f"{b['retrofit_project_id']} · {title or ''}".strip(" ·"))
    ui.page_link("projects", ui.md_escape(label), ":material/construction:", project=b["retrofit_project_id"])

baselines = em.building_baselines(con, chosen)
st.subheader(t("building.baseline_title"))
if baselines.empty:
    st.info(t("building.no_baseline"), icon=":material/query_stats:")
else:
    order = {"heat": 0, "gas": 1, "electricity": 2}  # heating first: where retrofits show
    utility = ui.url_choice(
        st.segmented_control,
        t("energy.utility"),
        sorted(baselines["utility"], key=lambda u: order.get(u, 9)),
        "utility",
        format_func=lambda u: utility_names[u],
    )
    fit = baselines[baselines["utility"] == utility].iloc[0]
    monthly = em.building_monthly(con, chosen, utility)
    retrofit = (
        fit["retrofit_date"].strftime("%Y-%m")
        if fit["retrofit_date"] == fit["retrofit_date"] and fit["retrofit_date"] is not None
        else None
    )
    ui.chart(
        energy_charts.baseline_chart(
            monthly,
            retrofit,
            {
                "title": t("building.baseline_chart", utility=utility_names[utility]),
                "actual": t("energy.actual"),
                "expected": t("building.expected"),
                "excluded": t("building.excluded"),
                "retrofit": t("building.retrofit"),
                "axis": t("energy.axis_mwh"),
            },
            lang,
        ),
        "building_baseline",
    )
    if fit["reporting_months"] and fit["avoided_kwh"] == fit["avoided_kwh"]:
        key = "building.saved" if retrofit else "building.drift"
        st.markdown(
            t(
                key,
                months=int(fit["reporting_months"]),
                start=month(fit["reporting_from"]),
                end=month(fit["reporting_to"]),
                avoided=mwh(fit["avoided_kwh"]),
                uncertainty=mwh(fit["avoided_uncertainty_kwh"]),
                share=percent(fit["avoided_kwh"] / fit["baseline_kwh"]) if fit["baseline_kwh"] else "—",
                uah=money(fit["avoided_uah"]),
                co2=number(fit["avoided_co2_t"], 1),
            )
        )
    # The model and its statistics are for an energy manager or auditor; the sentence above is for everyone.
    with st.expander(t("glossary.specialists"), icon=":material/query_stats:"):
        points = t(f"building.points_{fit['resolution']}", n=number(fit["baseline_points"]))
        period = t(f"building.period_{fit['resolution']}")
        if fit["model"] == "degree_day":
            st.markdown(
                t(
                    "building.model_dd",
                    base=number(fit["intercept_kwh_per_day"]),
                    slope=number(fit["slope_kwh_per_degree_day"], 1),
                    balance=number(fit["balance_point_c"], 1),
                    points=points,
                    start=month(fit["baseline_from"]),
                    end=month(fit["baseline_to"]),
                    r2=percent(fit["r2"]),
                    change=t(f"building.change_{fit['resolution']}"),
                )
            )
        else:
            st.markdown(
                t(
                    "building.model_mean",
                    base=number(fit["intercept_kwh_per_day"]),
                    points=points,
                    start=month(fit["baseline_from"]),
                    end=month(fit["baseline_to"]),
                )
            )
        verdict = "building.g14_pass" if fit["passes_g14"] else "building.g14_fail"
        cv_limit, nmbe_limit = G14_LIMITS[fit["resolution"]]
        st.markdown(
            t(
                verdict,
                cv=number(fit["cv_rmse_pct"], 1),
                nmbe=number(fit["nmbe_pct"], 1),
                cv_limit=number(100 * cv_limit),
                nmbe_limit=number(100 * nmbe_limit),
                period=period,
            )
        )
        st.caption(t("building.method"))

st.subheader(t("building.costs_title"))
if costs.empty:
    st.caption(t("building.no_readings"))
else:
    costs["utility_label"] = [utility_names[u] for u in costs["utility"]]
    costs["unit"] = [unit(u) for u in costs["unit"]]
    column_formats.table(
        costs[["year", "utility_label", "amount", "unit", "mwh", "cost_uah", "uah_per_unit", "co2_t", "months"]],
        hide_index=True,
        width="stretch",
        column_config=column_formats.config(
            {
                "year": t("energy.year"),
                "utility_label": t("energy.utility"),
                "amount": t("building.amount"),
                "unit": t("building.unit"),
                "mwh": t("energy.axis_mwh"),
                "cost_uah": t("energy.cost"),
                "uah_per_unit": column_formats.number(t("building.price"), 2),
                "co2_t": t("energy.co2_t"),
                "months": t("energy.months"),
            }
        ),
    )
    with st.expander(t("building.tariffs")):
        tariffs = em.tariffs(con)
        tariffs["utility"] = [utility_names.get(u, u) for u in tariffs["utility"]]
        tariffs["unit"] = [unit(u) for u in tariffs["unit"]]
        column_formats.table(
            tariffs,
            hide_index=True,
            width="stretch",
            column_config=column_formats.config(
                {
                    "utility": t("energy.utility"),
                    "valid_from": t("building.valid_from"),
                    "unit": t("building.unit"),
                    "uah_per_unit": column_formats.number(t("building.price"), 2),
                }
            ),
        )

st.subheader(t("building.flags_title"))
flags = em.building_flags(con, chosen)
if flags.empty:
    st.success(t("building.no_flags"), icon=":material/check_circle:")
else:
    energy_ui.findings_table(
        flags,
        [
            "severity_label",
            "start_date",
            "end_date",
            "utility_label",
            "meter_number",
            "rule_label",
            "value",
            "reference",
            "source_file",
            "source_line",
        ],
        {
            "start_date": column_formats.date(t("building.from")),
            "end_date": column_formats.date(t("building.until")),
        },
    )
    st.caption(t("building.flags_help"))
