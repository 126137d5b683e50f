"""For residents: what is being built, in their own village, with progress, contractor and what changed."""

import pandas as pd
import streamlit as st

from hromada import column_formats, project_ui, ui
from hromada.formatting import day, money, number, percent
from hromada.i18n import t
from hromada.metrics import projects as pm
from hromada.translit import transliterate

ctx = project_ui.projects_page("built.title", "built.intro")
con, lang = ctx.con, ctx.lang
title_col, place_col = ("title_en", "settlement_en") if lang == "en" else ("title_uk", "settlement_uk")
VISIBLE = ["procurement", "implementation", "completed"]  # what residents can see on the ground
places = pm.settlements_with_projects(con, VISIBLE)
names = dict(
    zip(
        places["settlement_katottg"],
        places["name_en" if lang == "en" else "name_uk"].fillna(places["settlement_katottg"]),
        strict=True,
    )
)

village = ui.url_choice(
    st.selectbox,
    t("built.village"),
    ["", *names],
    "village",
    format_func=lambda v: names.get(v, v) if v else t("built.all_villages"),
)
shown = pm.project_table(con, VISIBLE, village or None, limit=2000)
shown = shown.sort_values(["status", "actual_start"], ascending=[False, False])
done = shown[shown["status"] == "completed"]
ui.metric_row(
    [
        (t("built.k_underway"), number((shown["status"] != "completed").sum())),
        (t("built.k_done"), number(len(done))),
        (t("built.k_money"), money(shown["budget_uah"].sum()), t("built.k_money_help")),
    ]
)

listing = shown[
    ["project_id", title_col, place_col, "status", "progress_pct", "contracted_uah", "suppliers", "planned_end"]
].copy()
listing["status"] = listing["status"].map(lambda v: ui.label("statuses", v))
if ctx.lang == "en":  # contractors are proper names: the national transliteration, as for people
    listing["suppliers"] = listing["suppliers"].map(lambda v: transliterate(v) if isinstance(v, str) else v)
with column_formats.wide("built"):
    event = column_formats.table(
        listing,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="built-list",
        column_config=column_formats.config(
            {
                "project_id": t("cols.project_id"),
                title_col: st.column_config.TextColumn(t("cols.project"), width="large"),
                place_col: t("cols.settlement"),
                "status": t("cols.status"),
                "progress_pct": t("cols.progress"),
                "contracted_uah": t("built.contract_value"),
                "suppliers": t("built.contractor"),
                "planned_end": t("cols.planned_end"),
            }
        ),
    )
    st.caption(t("built.pick"))  # a phone shows the list instead; the picker below serves it
column_formats.cards(
    "built",
    (
        (
            row[title_col],
            [
                row[place_col] if row[place_col] and str(row[place_col]) not in str(row[title_col]) else None,
                row["status"],
                t("cards.progress", share=percent(row["progress_pct"] / 100, decimals=0))
                if pd.notna(row["progress_pct"])
                else None,
                t("cards.contract", amount=money(row["contracted_uah"])) if pd.notna(row["contracted_uah"]) else None,
                t("cards.until", date=day(row["planned_end"])) if pd.notna(row["planned_end"]) else None,
            ],
        )
        for _, row in listing.iterrows()
    ),
)
picked = event.selection.rows if event and event.selection else []
if picked:
    st.session_state["project"] = listing.iloc[picked[0]]["project_id"]

ids = ["", *shown["project_id"]]
chosen = ui.url_choice(
    st.selectbox,
    t("built.open"),
    ids,
    "project",
    format_func=lambda i: t("built.none_open") if not i else f"{i} · {shown.set_index('project_id').at[i, title_col]}",
)
if chosen:
    p = shown.set_index("project_id").loc[chosen]
    with st.container(border=True):
        st.subheader(p[title_col])
        st.caption(f"{p[place_col]} · {ui.label('sectors', p['sector'])} · {ui.label('statuses', p['status'])}")
        st.progress(
            min(1.0, float(p["progress_pct"] or 0) / 100), text=t("projects.progress", pct=number(p["progress_pct"]))
        )
        a, b, c = st.columns(3)
        contractor = p["suppliers"] if isinstance(p["suppliers"], str) else "—"
        a.metric(t("built.contractor"), transliterate(contractor) if ctx.lang == "en" else contractor)
        b.metric(t("built.contract_value"), money(p["contracted_uah"]))
        c.metric(t("built.due"), day(p["planned_end"]))
        changes = pm.project_changes(con, chosen)
        st.markdown("**" + t("built.what_changed") + "**")
        if changes.empty:
            st.caption(t("projects.no_changes"))
        else:
            project_ui.changes_table(changes)
        for link in (p["links"] or "").split() if isinstance(p["links"], str) else []:
            st.link_button(t("built.photos"), link, icon=":material/photo_library:")
