"""SMART Hromada: the entry point. Page config, language, navigation and the shared sidebar."""

from pathlib import Path

import streamlit as st

from hromada import ui
from hromada.i18n import language, set_language, t

st.set_page_config(
    page_title="SMART Hromada", page_icon=str(Path(__file__).parent / "assets" / "favicon.png"), layout="wide"
)

menu = st.sidebar.container()  # the pages first in the sidebar, filled once they are known
set_language(ui.chosen_language())  # the menu's page titles in the language the switch below will show

pages = {
    t("nav.council"): [
        st.Page(
            "pages/overview.py",
            title=t("overview.nav"),
            icon=":material/dashboard:",
            url_path="overview",
            default=True,
        ),
        st.Page("pages/budget.py", title=t("budget.nav"), icon=":material/account_balance_wallet:", url_path="budget"),
        st.Page("pages/projects.py", title=t("projects.nav"), icon=":material/construction:", url_path="projects"),
        st.Page("pages/energy.py", title=t("energy.nav"), icon=":material/bolt:", url_path="energy"),
        st.Page("pages/building.py", title=t("building.nav"), icon=":material/domain:", url_path="building"),
        st.Page("pages/smart.py", title=t("smart.nav"), icon=":material/hub:", url_path="smart"),
    ],
    t("nav.investors"): [
        st.Page("pages/invest.py", title=t("invest.nav"), icon=":material/handshake:", url_path="invest"),
        st.Page("pages/profile.py", title=t("profile.nav"), icon=":material/location_city:", url_path="profile"),
    ],
    t("nav.residents"): [
        st.Page("pages/money.py", title=t("money.nav"), icon=":material/savings:", url_path="money"),
        st.Page("pages/built.py", title=t("built.nav"), icon=":material/engineering:", url_path="built"),
        st.Page("pages/map.py", title=t("map.nav"), icon=":material/map:", url_path="map"),
        st.Page(
            "pages/participation.py",
            title=t("participation.nav"),
            icon=":material/forum:",
            url_path="participation",
        ),
        st.Page("pages/deputies.py", title=t("deputies.nav"), icon=":material/how_to_vote:", url_path="deputies"),
        st.Page("pages/bulletin.py", title=t("bulletin.nav"), icon=":material/newspaper:", url_path="bulletin"),
    ],
    t("nav.about"): [
        st.Page("pages/data.py", title=t("data.nav"), icon=":material/database:", url_path="data"),
    ],
}
# The staff area is always reachable by its address (/staff shows the sign-in), but listed only to staff signed in.
staff_page = st.Page("pages/staff.py", title=t("staff.nav"), icon=":material/upload_file:", url_path="staff")
listed = {**pages, t("nav.staff"): [staff_page]} if st.session_state.get("authentication_status") else pages
# Our own menu rather than Streamlit's: its list markup (sections as <div>s inside the <ul>) fails screen readers.
navigation = st.navigation({**pages, t("nav.staff"): [staff_page]}, position="hidden")
ui.page_menu(menu, listed)
# The sidebar's switches only now: on the home page ("/"), Streamlit 1.67 loses the first click on a widget made
# before st.navigation (the large-print switch went back off, the language back to the default).
ui.language_selector()
ui.large_print()

# Each page its own title in the browser's tab and history, in the interface language.
st.set_page_config(page_title=f"{navigation.title} · {ui.settings().name(language())}")

connection = ui.warehouse()
if connection is not None and (gaps := ui.outdated()):
    # A warehouse built by an older version: its pages would fail on what it lacks. Say how to fix it.
    st.error(t("common.outdated", missing=", ".join(gaps[:5])), icon=":material/update:")
    st.stop()
st.session_state["_context"] = ui.shared_filters(connection)
st.sidebar.caption(t("sidebar.footer", hromada=ui.settings().name(language())))
ui.demo_notice(connection)
navigation.run()
