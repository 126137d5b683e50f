"""Investor catalogue: opportunities with filters, cards, a table, a map, a detail view and a passport."""

import pandas as pd
import streamlit as st

from hromada import column_formats, maps, project_ui, ui
from hromada.exports import csv_bytes, xlsx_bytes
from hromada.finance import appraise
from hromada.formatting import money, number, percent
from hromada.i18n import t
from hromada.metrics import projects as pm
from hromada.passport import passport_pdf

ctx = project_ui.projects_page("invest.title", "invest.intro")
con, lang = ctx.con, ctx.lang
title_col, place_col = ("title_en", "settlement_en") if lang == "en" else ("title_uk", "settlement_uk")
total = pm.opportunity_count(con)
if not total:
    st.info(t("invest.none"), icon=":material/search_off:")
    st.stop()

SIZES = {"": (None, None), "small": (None, 1e6), "medium": (1e6, 5e6), "large": (5e6, None)}
facets = pm.opportunity_facets(con)
named = pm.settlements_with_projects(con)
place_names = dict(
    zip(
        named["settlement_katottg"],
        named["name_en" if lang == "en" else "name_uk"].fillna(named["settlement_katottg"]),
        strict=True,
    )
)
titles = pm.project_titles(con, opportunities_only=True).set_index("project_id")[title_col]


def _choices(column: str) -> list[str]:
    return ["", *facets[column]]


def _shown(value: object) -> str:
    """A fact for the detail table: an em dash for what the registry leaves empty."""
    return "—" if value is None or (isinstance(value, float) and pd.isna(value)) or value == "" else str(value)


def _show_detail(project_id: str) -> None:
    st.session_state["project"] = project_id
    st.session_state["scroll_to_detail"] = bool(project_id)  # a card far down opens the detail at the top


# --- the detail view (?project=ID) ---------------------------------------------------------------------
chosen = ui.url_choice(
    st.selectbox,
    t("invest.open"),
    ["", *titles.index],
    "project",
    format_func=lambda i: t("invest.none_open") if not i else f"{i} · {titles[i]}",
)
if chosen:
    if st.session_state.pop("scroll_to_detail", False):
        ui.scroll_to_top()
    p = pm.project(con, chosen)
    st.subheader(p[title_col])
    st.caption(
        " · ".join(
            [
                p[place_col] or p["settlement_katottg"],
                ui.label("sectors", p["sector"]),
                ui.label("statuses", p["status"]),
                ui.label("forms", p["investment_form"]) if p.get("investment_form") else "",
            ]
        )
    )
    # The headline numbers span the page, so they are never cut short.
    a, b, c = st.columns(3)
    a.metric(t("invest.f_sought"), money(p["funding_sought_uah"]), border=True)
    b.metric(t("invest.f_revenue"), money(p["annual_revenue_uah"]), border=True)
    c.metric(
        t("invest.payback"),
        f"{number(p['payback_years'], 1)} {t('invest.years')}" if pd.notna(p["payback_years"]) else "—",
        border=True,
    )
    left, right = st.columns([3, 2])
    with left:
        st.markdown("**" + t("invest.returns") + "**")
        r1, r2 = st.columns(2)
        # Whole percent on the slider (a fraction would show "0.10", with a point, on a Ukrainian page).
        rate = r1.slider(t("invest.rate"), 0, 30, 10, 1, format="%d %%", key="rate") / 100
        years = r2.slider(t("invest.horizon"), 3, 30, 15, key="years")
        appraisal = appraise(
            p["funding_sought_uah"] if pd.notna(p["funding_sought_uah"]) else p["budget_uah"],
            p["annual_revenue_uah"] if pd.notna(p["annual_revenue_uah"]) else None,
            years,
            rate,
        )
        if appraisal is None:
            st.caption(t("invest.no_returns"))
        else:
            m1, m2 = st.columns(2)
            m1.metric(t("invest.npv", rate=percent(rate, decimals=0), years=years), money(appraisal.npv_uah))
            m2.metric(t("invest.irr", years=years), percent(appraisal.irr) if appraisal.irr else "—")
            st.caption(
                t(
                    "invest.formula",
                    investment=money(appraisal.investment_uah),
                    annual=money(appraisal.annual_uah),
                    years=years,
                    rate=percent(rate, decimals=0),
                )
            )
        for heading, key in (("invest.f_description", "description"), ("invest.f_effect", "expected_effect")):
            if isinstance(p.get(key), str) and p[key]:
                st.markdown(f"**{t(heading)}**")
                st.text(p[key])
    with right:
        facts = pd.DataFrame(
            [
                (t("invest.f_id"), p["project_id"]),
                (t("invest.f_budget"), money(p["budget_uah"])),
                (t("invest.f_land"), f"{number(p['land_area_ha'], 2)} ha" if pd.notna(p["land_area_ha"]) else "—"),
                (t("invest.f_cadastral"), _shown(p.get("cadastral_number"))),
                (t("invest.f_utilities"), _shown(p.get("utilities"))),
                (t("invest.f_ownership"), _shown(p.get("ownership"))),
                (t("invest.f_contact"), _shown(p.get("contact"))),
            ],
            columns=["field", "value"],
        )
        column_formats.table(
            facts,
            hide_index=True,
            width="stretch",
            column_config=column_formats.config({"field": t("cols.field"), "value": t("cols.value")}),
        )
        for link in (p.get("links") or "").split():
            st.link_button(t("invest.f_links"), link, icon=":material/photo_library:")
        is_demo = ui.is_demo(con)
        st.download_button(
            t("invest.download_passport"),
            passport_pdf(p, ctx.settings.name(lang, short=False), appraisal, lang, is_demo),
            file_name=f"passport_{chosen}_{lang}.pdf",
            mime="application/pdf",
            icon=":material/picture_as_pdf:",
            type="primary",
            key="passport",
        )
    st.button(t("invest.back"), on_click=_show_detail, args=("",), icon=":material/arrow_back:")
    st.divider()

# --- the catalogue ------------------------------------------------------------------------------------


def _filter(label_key: str, column: str, url_key: str, catalogue: str | None) -> str:
    """A catalogue filter: "" for all, else one value of the column, kept in the URL under url_key."""
    return ui.url_choice(
        st.selectbox,
        t(label_key),
        _choices(column),
        url_key,
        format_func=lambda v: (
            (ui.label(catalogue, v) if catalogue else place_names.get(v, v)) if v else t("invest.all")
        ),
    )


f1, f2, f3, f4, f5, f6 = st.columns(6)
with f1:
    sector = _filter("invest.filter_sector", "sector", "sector", "sectors")
with f2:
    form = _filter("invest.filter_form", "investment_form", "form", "forms")
with f3:
    place = _filter("invest.filter_settlement", "settlement_katottg", "village", None)
with f4:
    status = _filter("invest.filter_status", "status", "status", "statuses")
with f5:
    size = ui.url_choice(
        st.selectbox, t("invest.filter_size"), list(SIZES), "size", format_func=lambda v: t(f"invest.size_{v or 'all'}")
    )
with f6:
    order = ui.url_choice(
        st.selectbox,
        t("invest.sort"),
        ["sought", "payback", "title"],
        "sort",
        format_func=lambda v: t(f"invest.sort_{v}"),
    )

low, high = SIZES[size]
shown = pm.opportunities(con, sector, form, place, status, low, high, order)
if order == "title" and lang == "en":
    shown = shown.sort_values("title_en")
st.caption(t("invest.found", count=len(shown), total=total))

tab_cards, tab_table, tab_map = st.tabs([t("invest.cards"), t("invest.table"), t("invest.map")])
with tab_cards:
    for start in range(0, len(shown), 3):
        for column, (_, o) in zip(st.columns(3), shown.iloc[start : start + 3].iterrows(), strict=False):
            with column, st.container(border=True):
                st.markdown(f"**{ui.md_escape(o[title_col])}**")
                st.caption(
                    f"{ui.md_escape(o[place_col] or '')} · {ui.label('sectors', o['sector'])} · "
                    f"{ui.label('forms', o['investment_form']) if o['investment_form'] else '—'}"
                )
                st.metric(t("invest.f_sought"), money(o["funding_sought_uah"]))
                st.caption(
                    t(
                        "invest.card_numbers",
                        revenue=money(o["annual_revenue_uah"]),
                        payback=number(o["payback_years"], 1) if pd.notna(o["payback_years"]) else "—",
                    )
                )
                st.button(
                    t("invest.details"),
                    key=f"open-{o['project_id']}",
                    on_click=_show_detail,
                    args=(o["project_id"],),
                    icon=":material/open_in_full:",
                )
with tab_table:
    table = shown[
        [
            "project_id",
            title_col,
            place_col,
            "sector",
            "investment_form",
            "status",
            "funding_sought_uah",
            "annual_revenue_uah",
            "payback_years",
            "land_area_ha",
            "contact",
        ]
    ].copy()
    table["sector"] = table["sector"].map(lambda v: ui.label("sectors", v))
    table["investment_form"] = table["investment_form"].map(lambda v: ui.label("forms", v) if v else "")
    table["status"] = table["status"].map(lambda v: ui.label("statuses", v))
    column_formats.table(
        table,
        hide_index=True,
        width="stretch",
        column_config=column_formats.config(
            {
                "project_id": t("cols.project_id"),
                title_col: st.column_config.TextColumn(t("cols.project"), width="large"),
                place_col: t("cols.settlement"),
                "sector": t("cols.sector"),
                "investment_form": t("invest.filter_form"),
                "status": t("cols.status"),
                "funding_sought_uah": t("invest.f_sought"),
                "annual_revenue_uah": t("invest.f_revenue"),
                "payback_years": t("invest.payback"),
                "land_area_ha": t("invest.f_land"),
                "contact": t("invest.f_contact"),
            }
        ),
    )
    d1, d2 = st.columns(2)
    d1.download_button(
        t("invest.download_csv"),
        csv_bytes(table),
        file_name="opportunities.csv",
        mime="text/csv",
        icon=":material/download:",
        key="export-csv",
    )
    d2.download_button(
        t("invest.download_xlsx"),
        xlsx_bytes(table, "opportunities"),
        file_name="opportunities.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        key="export-xlsx",
    )
with tab_map:
    located = shown.dropna(subset=["lat", "lon"]).assign(name=lambda d: d[title_col])
    if located.empty:
        st.info(t("invest.no_locations"))
    else:
        radius = (located["funding_sought_uah"].fillna(located["budget_uah"]).astype(float) ** 0.5) * 0.35
        st.pydeck_chart(
            maps.points_map(located, t("invest.map_tooltip"), radius, [224, 123, 0, 190], layer_id="opportunities"),
            height=460,
            key="invest-map",
        )
        st.caption(t("invest.map_note"))
