"""Council overview: the budget's key figures with plain-language explanations and red flags.

Its figures are computed once per warehouse version and shared by every reader (ui.shared): the page a council
opens first should open at once.
"""

import streamlit as st

from hromada import attention_ui, charts, peers_ui, targets_ui, ui
from hromada.formatting import day, money, number, percent, scaled, signed_percent
from hromada.i18n import t
from hromada.metrics import attention, energy, programme
from hromada.metrics import budget as bm
from hromada.metrics import participation as part

ctx, period = ui.budget_page("overview.title", "overview.intro")
k = ui.shared(bm.kpis, period, ctx.settings.population)
now = ui.clock()

# First on every screen: what needs the council's attention, from every domain.
attention_ui.render(
    ui.shared(
        attention.concerns,
        period,
        ctx.settings.population,
        now,
        (ctx.settings.petition_collection_days, ctx.settings.petition_answer_days),
        k,
    )
)

months = t(f"months.upto{period.month}")


def card(label_key: str, key: str, explain: str, per_resident: bool = False) -> tuple[str, str, str | None, str]:
    """One KPI: its label, the amount (or per resident), the change on last year, the explanation."""
    if per_resident:
        return label_key, money(k.per_resident(key)), None, explain
    return label_key, money(k.value(key)), signed_percent(k.change(key)), explain


cards = [
    card(
        "overview.income",
        "income_ytd",
        t(
            "overview.income_explain",
            done=percent(k.ratio("income_ytd", "income_plan")),
            plan=money(k.value("income_plan")),
            months=months,
        ),
    ),
    card(
        "overview.own",
        "own_ytd",
        t(
            "overview.own_explain",
            share=percent(k.ratio("own_ytd", "income_ytd")),
            transfers=money(k.value("transfers_ytd")),
        ),
    ),
    card(
        "overview.expense",
        "expense_ytd",
        t(
            "overview.expense_explain",
            done=percent(k.ratio("expense_ytd", "expense_plan")),
            plan=money(k.value("expense_plan")),
        ),
    ),
    card(
        "overview.capital",
        "capital_ytd",
        t("overview.capital_explain", share=percent(k.ratio("capital_ytd", "expense_ytd"))),
    ),
    card(
        "overview.income_per_resident",
        "income_ytd",
        t(
            "overview.per_resident_explain",
            population=number(ctx.settings.population),
            year=ctx.settings.population_year,
        ),
        per_resident=True,
    ),
    card("overview.own_per_resident", "own_ytd", t("overview.own_per_resident_explain"), per_resident=True),
]
for row in (cards[:3], cards[3:]):
    for column, (label, value, delta, explain) in zip(st.columns(3), row, strict=True):
        with column:
            st.metric(
                t(label), value, delta, border=True, delta_description=t("overview.vs_last_year") if delta else None
            )
            st.caption(explain)
peers_ui.summary(period, ctx.settings)

participation = ui.shared(part.council_kpis, now)
if any(v is not None for v in participation.values()):
    st.subheader(t("overview.participation"))
    for column, key in zip(
        st.columns(4), ("petitions_answered_share", "appeals_on_time_share", "online_share", "attendance"), strict=True
    ):
        column.metric(t(f"overview.{key}"), percent(participation[key]), border=True, help=t(f"overview.{key}_help"))

target_rows = ui.shared(programme.target_rows, period, ctx.settings.population, now)
if target_rows:
    st.subheader(t("targets.title", year=target_rows[0].year))
    targets_ui.render(target_rows)

smart = []
if ui.shared(programme.has_documents):
    docs = ui.shared(programme.documents_year, period.year)
    smart += [
        (
            t("overview.documents_electronic"),
            percent(docs["electronic_share"]),
            t("overview.documents_electronic_help"),
        ),
        (t("overview.days_to_sign"), number(docs["days_to_sign"], 1), t("overview.days_to_sign_help")),
    ]
if ui.shared(programme.has_connectivity):
    net = ui.shared(programme.coverage)
    smart += [
        (
            t("overview.residents_covered"),
            percent(net["residents_covered"]),
            t("overview.residents_covered_help", date=day(net["as_of"])),
        ),
        (
            t("overview.settlements_broadband"),
            percent(net["settlements_broadband"]),
            t(
                "overview.settlements_broadband_help",
                count=number(net["with_broadband"]),
                of=number(net["settlements"]),
            ),
        ),
    ]
if smart:
    st.subheader(t("overview.smart"))
    ui.metric_row(smart)
    ui.page_link("smart", t("overview.smart_link"), ":material/arrow_forward:")

complete = ui.shared(energy.complete_years) if ui.shared(energy.has_buildings) else []
if complete:
    year = complete[0]
    use = ui.shared(energy.year_summary, year)
    heating = ui.shared(energy.heating_savings)
    st.subheader(t("overview.energy", year=year))
    change = signed_percent(use["mwh_change"]) if use["mwh_change"] is not None else None
    ui.metric_row(
        [
            (t("overview.energy_cost"), scaled(use["cost_uah"] or 0, 1e6), t("overview.energy_cost_help")),
            (t("overview.energy_mwh"), number(use["mwh"]), t("overview.energy_mwh_help"), change),
            (
                t("overview.energy_saved"),
                scaled(heating["avoided_uah"], 1e6, 2) if heating["retrofits"] else "—",
                t("overview.energy_saved_help"),
            ),
            (
                t("overview.energy_errors"),
                number(ui.shared(energy.findings_summary).query("severity == 'error'")["findings"].sum()),
                t("overview.energy_errors_help"),
            ),
        ]
    )

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
            ui.shared(bm.monthly, period, "income"), period.year, {**labels, "title": t("overview.income")}, ctx.lang
        ),
        "overview-income",
    )
with right:
    ui.chart(
        charts.cumulative_vs_plan(
            ui.shared(bm.monthly, period, "expense"), period.year, {**labels, "title": t("overview.expense")}, ctx.lang
        ),
        "overview-expense",
    )
st.caption(t("overview.method"))
