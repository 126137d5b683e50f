"""For residents: where the money goes and where it comes from, in plain words."""

import streamlit as st

from hromada import charts, column_formats, ui
from hromada.formatting import money, percent
from hromada.i18n import t
from hromada.metrics import budget as bm

ctx, period = ui.budget_page("money.title", "money.intro")

k = bm.kpis(ctx.con, period, ctx.settings.population)
months = t(f"months.upto{period.month}")
st.markdown(
    "#### "
    + t(
        "money.headline",
        months=months,
        year=period.year,
        spent=money(k.value("expense_ytd")),
        per_resident=money(k.per_resident("expense_ytd")),
    )
)

divisions = bm.spending_by_division(ctx.con, period, ctx.lang)
left, right = st.columns([3, 2])
with left:
    st.subheader(t("money.per_100"))
    if divisions.empty:
        st.info(t("budget.no_lines"))
    else:
        ui.chart(charts.share_bars(divisions, {"per_100": t("money.per_100_axis")}, ctx.lang), "money-shares")
        top = divisions.iloc[0]
        st.caption(t("money.biggest", area=top["division"], share=percent(top["share"], decimals=0)))
with right:
    st.subheader(t("money.where_from"))
    own_share = k.ratio("own_ytd", "income_ytd")
    st.metric(t("money.own"), money(k.value("own_ytd")), border=True)
    st.caption(t("money.own_explain", share=percent(own_share, decimals=0)))
    st.metric(t("money.transfers"), money(k.value("transfers_ytd")), border=True)
    st.caption(t("money.transfers_explain"))

if "program" in bm.classifications(ctx.con, period, "expense"):
    st.subheader(t("money.top_programmes"))
    programmes = bm.breakdown(ctx.con, period, "expense", "program", lang=ctx.lang).head(10)
    table = programmes[["name", "executed_uah", "plan_uah"]].assign(
        per_resident=programmes["executed_uah"] / ctx.settings.population
    )
    with column_formats.wide("programmes"):
        column_formats.table(
            table,
            hide_index=True,
            width="stretch",
            column_config=column_formats.config(
                {
                    "name": st.column_config.TextColumn(t("cols.programme"), width="large"),
                    "executed_uah": t("cols.executed_ytd_uah"),
                    "plan_uah": t("cols.approved_uah"),
                    "per_resident": t("cols.per_resident"),
                }
            ),
        )
    column_formats.cards(
        "programmes",
        (
            (
                row.name,
                [
                    t("cards.spent", amount=money(row.executed_uah)),
                    t("cards.plan", amount=money(row.plan_uah)),
                    t("cards.per_resident", amount=money(row.per_resident)),
                ],
            )
            for row in table.itertuples()
        ),
    )
