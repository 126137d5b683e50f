"""For investors: the hromada in figures — people, settlements, budget size and investment trend."""

import streamlit as st

from hromada import charts, column_formats, maps, peers_ui, ui
from hromada.formatting import money, number, percent
from hromada.i18n import t
from hromada.metrics import budget as bm
from hromada.metrics import territory
from hromada.translit import transliterate

ctx = ui.context()
cfg = ctx.settings
st.title(cfg.name(ctx.lang, short=False))
ui.print_button()
st.caption(t("profile.intro", oblast=cfg.oblast_en if ctx.lang == "en" else cfg.oblast_uk))
if ctx.con is None:
    ui.require_data(ctx)

info = territory.hromada(ctx.con, cfg.katottg)
places = territory.settlements(ctx.con, cfg.katottg)
counts = territory.category_counts(ctx.con, cfg.katottg)
history = bm.annual_history(ctx.con, ctx.budget_code) if ctx.budget_code else None
full_years = history[history["month"] == 12] if history is not None else None

c1, c2, c3, c4 = st.columns(4)
c1.metric(
    t("profile.population"),
    number(cfg.population),
    border=True,
    help=t("profile.population_help", year=cfg.population_year),
)
c2.metric(
    t("profile.settlements"),
    number(len(places)) if not places.empty else "—",
    border=True,
    help=t("profile.settlements_help", towns=counts.get("X", 0) + counts.get("M", 0), villages=counts.get("C", 0)),
)
if full_years is not None and not full_years.empty:
    last = full_years.iloc[-1]
    c3.metric(t("profile.budget_size", year=int(last["year"])), money(last["income_uah"]), border=True)
    first = full_years.iloc[0]
    span = int(last["year"] - first["year"])
    growth = ((last["own_uah"] / first["own_uah"]) ** (1 / span) - 1) if span and first["own_uah"] else None
    c4.metric(
        t("profile.own_growth"),
        percent(growth),
        border=True,
        help=t("profile.own_growth_help", first=int(first["year"]), last=int(last["year"])),
    )
else:
    c3.metric(t("profile.budget_size", year="—"), "—", border=True)
if ctx.period is not None:
    peers_ui.summary(ctx.period, cfg)

if history is not None and not history.empty:
    st.subheader(t("profile.history"))
    ui.chart(
        charts.history_bars(
            history,
            {
                "income_uah": t("profile.h_income"),
                "own_uah": t("profile.h_own"),
                "expense_uah": t("profile.h_expense"),
                "capital_uah": t("profile.h_capital"),
                "million_uah": t("charts.million_uah"),
            },
            ctx.lang,
        ),
        "profile-history",
    )
    st.caption(t("profile.history_note"))

st.subheader(t("profile.where"))
if places.empty:
    st.info(t("profile.no_settlements"))
else:
    name_col = "name_en" if ctx.lang == "en" else "name_uk"
    left, right = st.columns([3, 2])
    with left:
        if places["lat"].notna().any():
            st.pydeck_chart(
                maps.settlements_map(places, name_col, t("profile.map_tooltip")), height=460, key="profile-map"
            )
            st.caption(t("profile.map_note"))
        else:
            st.info(t("profile.no_coordinates"))
    with right:
        table = places[[name_col, "category", "population"]].assign(
            category=lambda p: p["category"].map(lambda c: t(f"categories.{c}"))
        )
        column_formats.table(
            table,
            hide_index=True,
            width="stretch",
            height=460,
            column_config=column_formats.config(
                {name_col: t("cols.settlement"), "category": t("cols.category"), "population": t("cols.population")}
            ),
        )
if info and info.get("raion_name_uk"):
    raion, oblast = info["raion_name_uk"], info.get("oblast_name_uk") or ""
    if ctx.lang == "en":
        raion, oblast = transliterate(raion), transliterate(oblast)
    st.caption(t("profile.admin", raion=ui.md_escape(raion), oblast=ui.md_escape(oblast), code=cfg.katottg))
