"""The residents' bulletin: choose a village or starosta district and a month, read it here, print it as PDF."""

from functools import partial

import streamlit as st

from hromada import bulletin, ui
from hromada.i18n import t

ctx = ui.context()
ui.page_header("bulletin.page_title", "bulletin.intro")
if ctx.con is None:
    ui.require_data(ctx)
con, settings, lang = ctx.con, ctx.settings, ctx.lang

known = bulletin.places(con, settings, lang)
available = bulletin.months(con, settings.budget_code)
if not known or not available:
    st.info(t("bulletin.no_data"), icon=":material/info:")
    st.stop()
left, right = st.columns([2, 1])
with left:
    ordered = sorted(known, key=lambda k: (len(known[k][1]) == 1, known[k][0]))  # districts first, then villages
    place = ui.url_choice(st.selectbox, t("bulletin.place"), ordered, "place", format_func=lambda k: known[k][0])
with right:
    period = ui.url_choice(
        st.selectbox,
        t("bulletin.period"),
        available,
        "period",
        format_func=lambda p: f"{t(f'months.m{int(p[5:])}')} {p[:4]}",
    )

made = bulletin.gather(con, settings, place, period, lang, settings.public_url)
if bulletin.can_print():
    st.download_button(
        t("bulletin.download"),
        data=partial(bulletin.pdf_for, con, settings, place, period, lang),  # made when clicked, not on every run
        file_name=f"bulletin_{period}.pdf",
        mime="application/pdf",
        icon=":material/print:",
        type="primary",
        help=t("bulletin.help"),
    )
else:
    st.warning(t("bulletin.no_fonts"), icon=":material/font_download_off:")
with st.container(border=True):
    st.subheader(made.title)
    st.caption(made.subtitle)
    for section in made.sections:
        st.markdown(f"#### {ui.md_escape(section.heading)}")
        for line in section.lines:
            st.markdown(ui.md_escape(line))
