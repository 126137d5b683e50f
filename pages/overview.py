"""Council overview: the budget's key figures with plain-language explanations and red flags."""

import streamlit as st

from hromada import charts, ui
from hromada.formatting import money, number, percent, signed_percent
from hromada.i18n import t
from hromada.metrics import budget as bm

ctx = ui.context()
ui.page_header("overview.title", "overview.intro")
period = ui.require_data(ctx)
st.caption(ui.period_caption(period))

k = bm.kpis(ctx.con, period, ctx.settings.population)
months = t(f"months.upto{period.month}")

cards = [
    (
        "overview.income",
        money(k.value("income_ytd")),
        signed_percent(k.change("income_ytd")),
        t(
            "overview.income_explain",
            done=percent(k.ratio("income_ytd", "income_plan")),
            plan=money(k.value("income_plan")),
            months=months,
        ),
    ),
    (
        "overview.own",
        money(k.value("own_ytd")),
        signed_percent(k.change("own_ytd")),
        t(
            "overview.own_explain",
            share=percent(k.ratio("own_ytd", "income_ytd")),
            transfers=money(k.value("transfers_ytd")),
        ),
    ),
    (
        "overview.expense",
        money(k.value("expense_ytd")),
        signed_percent(k.change("expense_ytd")),
        t(
            "overview.expense_explain",
            done=percent(k.ratio("expense_ytd", "expense_plan")),
            plan=money(k.value("expense_plan")),
        ),
    ),
    (
        "overview.capital",
        money(k.value("capital_ytd")),
        signed_percent(k.change("capital_ytd")),
        t("overview.capital_explain", share=percent(k.ratio("capital_ytd", "expense_ytd"))),
    ),
    (
        "overview.income_per_resident",
        money(k.per_resident("income_ytd")),
        None,
        t(
            "overview.per_resident_explain",
            population=number(ctx.settings.population),
            year=ctx.settings.population_year,
        ),
    ),
    ("overview.own_per_resident", money(k.per_resident("own_ytd")), None, t("overview.own_per_resident_explain")),
]
for row in (cards[:3], cards[3:]):
    for column, (label, value, delta, explain) in zip(st.columns(3), row, strict=True):
        with column:
            st.metric(
                t(label), value, delta, border=True, delta_description=t("overview.vs_last_year") if delta else None
            )
            st.caption(explain)

st.subheader(t("overview.flags"))
flags = bm.red_flags(k)
if not flags:
    st.success(t("overview.no_flags"), icon=":material/check_circle:")
for flag in flags:
    values = {name: percent(v) if name != "gap" else money(v) for name, v in flag.values.items()}
    st.warning(t(flag.key, **values), icon=":material/flag:")

st.subheader(t("overview.plan_vs_actual"))
labels = {
    "executed": t("charts.executed_ytd"),
    "plan": t("charts.annual_plan"),
    "previous": t("charts.previous_year", year=period.year - 1),
    "million_uah": t("charts.million_uah"),
}
left, right = st.columns(2)
with left:
    ui.chart(
        charts.cumulative_vs_plan(
            bm.monthly(ctx.con, period, "income"), period.year, {**labels, "title": t("overview.income")}, ctx.lang
        ),
        "overview-income",
    )
with right:
    ui.chart(
        charts.cumulative_vs_plan(
            bm.monthly(ctx.con, period, "expense"), period.year, {**labels, "title": t("overview.expense")}, ctx.lang
        ),
        "overview-expense",
    )
st.caption(t("overview.method"))
