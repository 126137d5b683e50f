"""Deputies (accountability): attendance and votes per deputy, who voted how, and who votes alike."""

import pandas as pd
import streamlit as st

from hromada import charts, column_formats, row_links, ui
from hromada.formatting import number, percent
from hromada.i18n import t
from hromada.metrics import council
from hromada.translit import transliterate

ctx = ui.context()
ui.page_header("deputies.title", "deputies.intro")
if ctx.con is None:
    ui.require_data(ctx)
if not council.has_votes(ctx.con):
    st.info(t("deputies.no_votes"), icon=":material/how_to_vote:")
    st.stop()
con, lang = ctx.con, ctx.lang

k = council.totals(con)
ui.metric_row(
    [
        (t("deputies.k_sessions"), number(k["sessions"])),
        (t("deputies.k_items"), number(k["motions"])),
        (t("deputies.k_attendance"), percent(k["attendance"]), t("deputies.k_attendance_help")),
        (t("deputies.k_adopted"), percent(k["adopted"] / k["vote_events"] if k["vote_events"] else None)),
    ]
)

st.subheader(t("deputies.scorecard"))
st.caption(t("deputies.scorecard_help"))


def in_latin(frame, *columns: str):
    """Names of people and parties in English mode by the national transliteration (CMU resolution 55), the
    reference for proper names; Ukrainian mode keeps them as the council publishes them."""
    if lang == "en":
        frame = frame.assign(
            **{c: frame[c].map(lambda v: transliterate(v) if isinstance(v, str) else v) for c in columns}
        )
    return frame


card = in_latin(council.scorecard(con), "name", "faction")
card["faction"] = card["faction"].fillna(t("deputies.independent"))
with column_formats.wide("scorecard"):
    column_formats.table(
        card.drop(columns=["voter_id"]),
        hide_index=True,
        width="stretch",
        column_config=column_formats.config(
            {
                "name": st.column_config.TextColumn(t("deputies.name"), width="medium"),
                "faction": t("deputies.faction"),
                "roll_calls": t("deputies.roll_calls"),
                "attendance": column_formats.progress(t("deputies.attendance"), fraction=True),
                "votes_for": t("deputies.vote_for"),
                "votes_against": t("deputies.vote_against"),
                "votes_abstain": t("deputies.vote_abstain"),
                "not_voting": t("deputies.vote_not_voting"),
                "absent": t("deputies.vote_absent"),
                "with_majority": column_formats.progress(t("deputies.with_majority"), fraction=True),
            }
        ),
    )
column_formats.cards(
    "scorecard",
    (
        (
            row["name"],
            [
                row["faction"],
                t("cards.attendance", share=percent(row["attendance"], decimals=0)),
                t("cards.with_majority", share=percent(row["with_majority"], decimals=0)),
                t("cards.roll_calls", count=number(row["roll_calls"])),
            ],
        )
        for _, row in card.iterrows()
    ),
)

labels = {f"vote_{v}": t(f"deputies.vote_{v}") for v in charts.VOTE_ORDER} | {"items": t("deputies.items")}
st.subheader(t("deputies.matrix"))
st.caption(t("deputies.matrix_help"))
cells = in_latin(council.matrix(con), "name")
cells["column"] = (
    cells["date"].astype(str) + " №" + cells["number"].astype(str) + " · " + cells["title"].str.slice(0, 60)
)
votes_coloured = zip(charts.VOTE_ORDER, charts.VOTE_COLOURS, strict=True)
ui.swatch_legend(t("deputies.vote"), [(colour, labels[f"vote_{vote}"]) for vote, colour in votes_coloured])
ui.chart(charts.vote_matrix(cells, labels, lang), "deputies-matrix")

st.subheader(t("deputies.agreement"))
st.caption(t("deputies.agreement_help"))
ui.chart(charts.agreement_heatmap(in_latin(council.agreement(con), "a_name", "b_name"), {}, lang), "deputies-agreement")

st.subheader(t("deputies.search"))
words = st.text_input(
    t("deputies.search_words"),
    value=st.query_params.get("q", ""),
    key="q",
    placeholder=t("deputies.search_placeholder"),
)
if words:
    st.query_params["q"] = words
else:
    st.query_params.pop("q", None)
found = council.search(con, words)
found["result"] = found["result"].map(lambda r: ui.label("deputies", f"result_{r}") if isinstance(r, str) else "")
budget_opener = row_links.buttons(  # a budget decision opens that year's budget
    found,
    "budget_link",
    page="budget",
    targets=[None if pd.isna(year) else {"year": str(int(year))} for year in found.pop("budget_year")],
    key="deputies_budget_open",
    header=t("deputies.budget_link"),
    label=t("deputies.budget_open"),
)
column_formats.table(
    found.drop(columns=["uid"]),
    hide_index=True,
    width="stretch",
    column_config=column_formats.config(
        {
            "date": t("deputies.date"),
            "title": st.column_config.TextColumn(t("deputies.item"), width="large"),
            "classification": t("deputies.category"),
            "project_number": t("deputies.project_number"),
            "result": t("deputies.result"),
            "votes_for": t("deputies.vote_for"),
            "votes_against": t("deputies.vote_against"),
            "votes_abstain": t("deputies.vote_abstain"),
            "not_voting": t("deputies.vote_not_voting"),
            "absent": t("deputies.vote_absent"),
            "text_url": st.column_config.LinkColumn(t("deputies.decision")),
            **budget_opener,
        }
    ),
)
if not found.empty:
    titles = dict(zip(found["uid"], found["title"], strict=True))
    item = ui.url_choice(
        st.selectbox, t("deputies.who_voted"), list(titles), "item", format_func=lambda u: f"{u} · {titles[u][:90]}"
    )
    votes = in_latin(council.roll_call(con, item), "name", "faction")
    votes["faction"] = votes["faction"].fillna(t("deputies.independent"))
    votes["vote"] = votes["vote"].map(lambda v: t(f"deputies.vote_{v}"))
    column_formats.table(
        votes,
        hide_index=True,
        width="stretch",
        column_config=column_formats.config(
            {"name": t("deputies.name"), "faction": t("deputies.faction"), "vote": t("deputies.vote")}
        ),
    )
