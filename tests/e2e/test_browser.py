"""Every page opened by its URL in headless Chromium: charts drawn, no error elements, nothing fetched
from outside localhost; plus the interactions a user starts with (filters, language, download)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, expect

from hromada.i18n import t
from hromada.settings import load_settings
from tests.e2e.accessibility import blocking_violations
from tests.e2e.waits import app_idle, map_drawn

PAGES = {  # url path -> (title key or None for the hromada's name, plotly charts, needs a map)
    "": ("overview.title", 2, False),  # the default page lives at the root
    "budget": ("budget.title", 7, False),  # every tab's chart is in the page; the first tab's two show
    "profile": (None, 1, True),
    "money": ("money.title", 1, False),
    "data": ("data.title", 0, False),
    "projects": ("projects.title", 4, False),
    "invest": ("invest.title", 0, False),
    "built": ("built.title", 0, False),
    "deputies": ("deputies.title", 2, False),
    "participation": ("participation.title", 2, False),
    "energy": ("energy.title", 5, False),
    "building": ("building.title", 1, False),
    "map": ("map.title", 0, True),  # no chart until "For print" is opened: the map first
    "bulletin": ("bulletin.page_title", 0, False),
    "smart": ("smart.title", 2, False),
}


@pytest.fixture()
def watched(page: Page, server: str) -> Page:
    """A page that records every request leaving the test server."""
    outside: list[str] = []
    page.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith((server, "data:", "blob:", "about:")) else None,
    )
    yield page
    assert outside == [], f"requests left localhost: {outside[:5]}"


def open_page(page: Page, url: str, charts: int) -> None:
    page.goto(url)
    expect(page.locator("h1").first).to_be_visible(timeout=30_000)
    if charts:
        expect(page.locator(".js-plotly-plot")).to_have_count(charts, timeout=30_000)
    app_idle(page)


def assert_no_errors(page: Page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0
    assert page.locator('[role="dialog"]').count() == 0  # e.g. Streamlit's "Page not found"


@pytest.mark.parametrize("lang", ["uk", "en"])
@pytest.mark.parametrize("path", list(PAGES), ids=lambda p: p or "overview")
def test_every_page_by_url(watched: Page, server: str, path: str, lang: str) -> None:
    title_key, charts, has_map = PAGES[path]
    open_page(watched, f"{server}/{path}?lang={lang}", charts)
    title = t(title_key, lang) if title_key else load_settings().name(lang, short=False)
    expect(watched.locator("h1").first).to_have_text(title)
    visible = watched.locator(".js-plotly-plot:visible").all()
    hidden_tabs = {"budget": 2, "participation": 0, "energy": 2, "smart": 1}  # the rest sit in tabs not open
    assert len(visible) == hidden_tabs.get(path, charts)
    for chart in visible:
        assert chart.locator(".main-svg").count() > 0
        box = chart.bounding_box()
        assert box and box["width"] > 200 and box["height"] > (90 if path == "map" else 200)  # the map's legend
    if path == "map":  # drawn on the server: shapes, not a WebGL canvas
        expect(watched.locator(".svg-map path[data-key]").first).to_be_visible(timeout=30_000)
    elif has_map:
        expect(watched.locator('[data-testid="stDeckGlJsonChart"] canvas').first).to_be_visible(timeout=30_000)
    if path == "data":
        expect(watched.locator('[data-testid="stDataFrame"]').first).to_be_visible()
    assert watched.locator(".modebar").count() == 0  # no plotly toolbar over the charts' titles
    watched.wait_for_function(f"() => document.documentElement.lang === '{lang}'")
    # Tables format numbers with the browser's languages: the page's own, whatever the browser's (en-US here).
    watched.wait_for_function(f"() => navigator.languages[0].startsWith('{lang}')")
    nav_key = (title_key or "profile.title").split(".")[0] + ".nav"
    assert watched.title().startswith(t(nav_key, lang))  # each page its own title, in its language
    assert_no_errors(watched)
    assert blocking_violations(watched) == []
    # A link to another of the app's pages opens it in this tab: none of them opens a new one.
    own_in_new_tab = "a => a.target === '_blank' && a.origin === location.origin"
    assert (
        watched.locator("[data-testid=stMain] a").evaluate_all(
            f"links => links.filter({own_in_new_tab}).map(a => a.href)"
        )
        == []
    )
    # The same page on a phone (the layout follows the width as it does on a phone's first load): nothing wider
    # than the screen, no card label cut short, nothing axe calls serious.
    watched.set_viewport_size({"width": 390, "height": 844})
    overflow = watched.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    cut = watched.evaluate(  # a card's label ending in "…" ("Звернення на 100…" reads as per 100)
        "() => [...document.querySelectorAll('[data-testid=stMetricLabel] *')]"
        ".filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent)"
    )
    assert cut == []
    assert_no_errors(watched)
    assert blocking_violations(watched) == []


def test_budget_filters_update_the_url_and_the_download(watched: Page, server: str) -> None:
    open_page(watched, f"{server}/budget", PAGES["budget"][1])
    watched.get_by_role("radio", name="Видатки").click()
    watched.wait_for_url("**dir=expense**", timeout=15_000)
    watched.get_by_role("radio", name="Економічна").click()
    watched.wait_for_url("**cls=economic**", timeout=15_000)
    app_idle(watched)  # the download below must be this run's, not the one before the filter changed
    watched.get_by_role("tab", name="Структура").click()
    expect(watched.locator(".js-plotly-plot:visible")).to_have_count(1, timeout=15_000)
    watched.get_by_role("tab", name="Рядки бюджету").click()
    with watched.expect_download() as info:
        watched.get_by_role("button", name="Завантажити CSV").click()
    download = info.value
    assert download.suggested_filename == "budget_2551400000_2026_10_expense_economic_total.csv"
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("code,name,")
    assert "\n2111," in text
    assert_no_errors(watched)


def test_language_switch_keeps_the_page_and_the_year(watched: Page, server: str) -> None:
    open_page(watched, f"{server}/money?year=2025", 1)
    watched.get_by_role("radio", name="English").click()
    expect(watched.locator("h1").first).to_have_text(t("money.title", "en"), timeout=30_000)
    watched.wait_for_url("**lang=en**", timeout=30_000)
    app_idle(watched)
    assert "year=2025" in watched.url
    watched.get_by_role("link", name=t("budget.nav", "en")).click()
    expect(watched.locator("h1").first).to_have_text(t("budget.title", "en"), timeout=30_000)
    watched.wait_for_url("**/budget?**", timeout=30_000)
    app_idle(watched)
    assert "lang=en" in watched.url and "year=2025" in watched.url
    assert_no_errors(watched)


@pytest.mark.parametrize("switch", ["large", "language"])
def test_the_first_click_on_the_home_page_counts(watched: Page, server: str, switch: str) -> None:
    """A reader opens the bare address and turns on large print (or English) at once: it stays on. (A sidebar
    widget made before the menu lost its first click on "/": the switch went back off.)"""
    open_page(watched, f"{server}/", PAGES[""][1])
    if switch == "large":
        watched.locator("[data-testid=stSidebar] [data-testid=stCheckbox] label").click()
        watched.wait_for_url("**large=1**", timeout=30_000)
        app_idle(watched)
        watched.wait_for_function("() => getComputedStyle(document.documentElement).fontSize === '23px'")
        expect(watched.get_by_role("switch", name=t("sidebar.large_print", "uk"))).to_be_checked()
    else:
        watched.get_by_role("radio", name="English").click()
        watched.wait_for_url("**lang=en**", timeout=30_000)
        app_idle(watched)
        expect(watched.locator("h1").first).to_have_text(t("overview.title", "en"))
        expect(watched.get_by_role("radio", name="English")).to_be_checked()
    assert_no_errors(watched)


def test_investor_filters_opens_a_project_and_downloads_its_passport(watched: Page, server: str) -> None:
    open_page(watched, f"{server}/invest?lang=en", 0)
    expect(watched.get_by_text("7 of 7 shown.")).to_be_visible(timeout=30_000)
    watched.get_by_role("combobox", name="Form").click()
    watched.get_by_role("option", name="Lease").click()
    watched.wait_for_url("**form=lease**", timeout=15_000)
    app_idle(watched)
    expect(watched.get_by_text("of 7 shown.")).to_be_visible()
    first_card = watched.get_by_role("button", name="Details").first
    first_card.click()
    watched.wait_for_url("**project=**", timeout=15_000)
    app_idle(watched)
    title = watched.locator("h3").first.inner_text()
    with watched.expect_download() as info:
        watched.get_by_role("button", name="Investment passport (PDF)").click()
    download = info.value
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"%PDF-")
    from pypdf import PdfReader

    text = PdfReader(download.path()).pages[0].extract_text().replace("\n", " ")
    assert title in text
    assert_no_errors(watched)


def test_resident_picks_a_village(watched: Page, server: str) -> None:
    open_page(watched, f"{server}/built?village=UA74100250010077513", 0)
    expect(watched.locator('[data-testid="stDataFrame"]').first).to_be_visible(timeout=30_000)
    assert "village=UA74100250010077513" in watched.url
    assert_no_errors(watched)


def test_energy_map_and_a_building_with_its_saving(watched: Page, server: str) -> None:
    open_page(watched, f"{server}/energy?lang=en", 5)
    watched.get_by_role("tab", name="Buildings").click()
    expect(watched.locator('[data-testid="stDeckGlJsonChart"] canvas').first).to_be_visible(timeout=30_000)
    expect(watched.locator(".js-plotly-plot:visible")).to_have_count(2)  # the ranking and the map's legend
    watched.get_by_role("tab", name="Retrofit savings").click()
    expect(watched.locator('[data-testid="stDataFrame"]:visible').first).to_be_visible()
    open_page(watched, f"{server}/building?lang=en&building=BLD-009&utility=gas", 1)
    expect(watched.get_by_text("Saved:", exact=False).first).to_be_visible()
    assert "building=BLD-009" in watched.url
    assert_no_errors(watched)


CENTRE = "UA74100250010077513"


def test_resident_clicks_or_tabs_to_their_village_on_the_drawn_map(watched: Page, server: str) -> None:
    open_page(watched, f"{server}/map?lang=en", 0)
    village = watched.locator(f'.svg-map path[data-key="{CENTRE}"]')
    expect(village).to_be_visible()
    village.click()
    watched.wait_for_url(f"**place={CENTRE}**", timeout=60_000)
    app_idle(watched)
    expect(watched.locator(".st-key-place_panel h3").first).to_have_text("Mykhailo-Kotsiubynske")
    expect(watched.locator(f'.svg-map path[data-key="{CENTRE}"]')).to_have_attribute("aria-pressed", "true")
    other = watched.locator(".svg-map path[data-key]").nth(3)
    other_key = other.get_attribute("data-key")
    other.focus()
    watched.keyboard.press("Enter")  # the keyboard chooses a place as a click does
    watched.wait_for_url(f"**place={other_key}**", timeout=60_000)
    app_idle(watched)
    assert_no_errors(watched)


def test_resident_clicks_their_village_on_the_zoomable_map(watched: Page, server: str) -> None:
    open_page(watched, f"{server}/map?lang=en&projects=0&buildings=0&appeals=0&zoom=1", 0)
    canvas = watched.locator('[data-testid="stDeckGlJsonChart"] canvas').first
    expect(canvas).to_be_visible(timeout=30_000)
    map_drawn(canvas)
    box = canvas.bounding_box()
    canvas.click(position={"x": box["width"] / 2, "y": box["height"] / 2})  # the middle of the hromada
    watched.wait_for_url("**place=UA**", timeout=60_000)
    app_idle(watched)
    expect(watched.locator("h3").first).to_be_visible()  # the place's panel
    expect(watched.get_by_text("Residents").first).to_be_visible()
    watched.get_by_role("tab", name="For print").click()
    printable = watched.locator(".js-plotly-plot:visible")
    expect(printable).to_have_count(1)  # the printable choropleth
    # Drawn means plotly has laid out its map: a blank-style map that fetched tiles or fonts has done so by now.
    expect(printable.locator(".main-svg").first).to_be_visible(timeout=30_000)
    expect(printable.locator("canvas, .mapboxgl-canvas, .maplibregl-canvas").first).to_be_attached(timeout=30_000)
    assert_no_errors(watched)


def test_on_a_phone_the_first_tap_opens_the_village_and_brings_its_panel_into_view(browser, server: str) -> None:
    """A touch screen has no hover: the first tap must select, and the panel (above the map on a phone, so out of
    sight after the tap) must come into view."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(f"{server}/map?lang=en&projects=0&buildings=0&appeals=0")
        app_idle(page)
        village = page.locator(f'.svg-map path[data-key="{CENTRE}"]')
        village.scroll_into_view_if_needed()
        box = village.bounding_box()
        page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_url("**place=UA**", timeout=60_000)
        app_idle(page)
        expect(page.locator(".st-key-place_panel h3").first).to_be_in_viewport(timeout=30_000)
        assert_no_errors(page)
    finally:
        context.close()


def test_a_resident_downloads_their_village_bulletin_from_the_map(watched: Page, server: str) -> None:
    open_page(watched, f"{server}/map?lang=uk&place={CENTRE}", 0)
    button = watched.get_by_role("button", name=t("bulletin.download", "uk"))
    expect(button).to_be_visible()
    with watched.expect_download(timeout=60_000) as download:
        button.click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    assert download.value.suggested_filename.startswith("bulletin_")
    assert_no_errors(watched)


@pytest.mark.parametrize("width", [390, 1400])
def test_large_print_is_readable_at_arms_length(watched: Page, server: str, width: int) -> None:
    watched.set_viewport_size({"width": width, "height": 844 if width == 390 else 1000})
    open_page(watched, f"{server}/money?lang=uk&large=1", 1)
    body = watched.locator('[data-testid="stMarkdownContainer"] p').first
    assert float(body.evaluate("e => getComputedStyle(e).fontSize").removesuffix("px")) >= 20
    ticks = watched.locator(".js-plotly-plot .xtick text").first
    assert float(ticks.evaluate("e => getComputedStyle(e).fontSize").removesuffix("px")) >= 16
    assert "large=1" in watched.url  # kept in the URL, so a bookmark keeps it
    assert_no_errors(watched)


def test_every_page_prints_without_the_sidebar_or_its_buttons(watched: Page, server: str) -> None:
    open_page(watched, f"{server}/money?lang=uk", 1)
    watched.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    watched.frame_locator('iframe[data-testid="stIFrame"]').first.get_by_role("button", name="Друкувати").click()
    watched.wait_for_function("() => window.printed === 1")
    watched.emulate_media(media="print")
    expect(watched.locator('[data-testid="stSidebar"]')).to_be_hidden()
    expect(watched.locator('iframe[data-testid="stIFrame"]').first).to_be_hidden()
    expect(watched.locator(".js-plotly-plot").first).to_be_visible()
    box = watched.locator('[data-testid="stMainBlockContainer"]').bounding_box()
    assert box and box["width"] >= watched.viewport_size["width"] - 40  # the page's full width on paper


def test_details_of_the_last_card_open_in_view_on_a_phone(watched: Page, server: str) -> None:
    watched.set_viewport_size({"width": 390, "height": 844})
    open_page(watched, f"{server}/invest?lang=en", 0)
    last = watched.get_by_role("button", name="Details").last
    last.scroll_into_view_if_needed()
    last.click()
    watched.wait_for_url("**project=**", timeout=15_000)
    app_idle(watched)
    expect(watched.locator("h3").first).to_be_in_viewport(timeout=15_000)  # the project's name, at the top
    assert_no_errors(watched)


def test_tabs_wrap_on_a_phone_instead_of_running_off_screen(watched: Page, server: str) -> None:
    watched.set_viewport_size({"width": 390, "height": 844})
    open_page(watched, f"{server}/energy?lang=uk", 5)
    tabs = watched.locator('[role="tablist"]').first
    scroll, client = tabs.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert scroll <= client
    watched.get_by_role("tab").nth(4).click()  # the last tab, reachable without sideways scrolling
    expect(watched.get_by_role("tab").nth(4)).to_have_attribute("aria-selected", "true")
    assert_no_errors(watched)


def test_tables_become_lists_on_a_phone_and_on_paper(watched: Page, server: str) -> None:
    """A grid on a phone shows one or two columns, and on paper only what is scrolled into view: both get the
    same rows as a list, whole."""
    open_page(watched, f"{server}/money?lang=uk", 1)
    cards, wide = watched.locator(".st-key-cards-programmes"), watched.locator(".st-key-wide-programmes")
    expect(wide.locator('[data-testid="stDataFrame"]')).to_be_visible()
    expect(cards).to_be_hidden()
    watched.emulate_media(media="print")
    expect(cards.locator("li")).to_have_count(10)
    expect(wide).to_be_hidden()
    watched.emulate_media(media="screen")
    watched.set_viewport_size({"width": 390, "height": 844})
    expect(cards.locator("li").first).to_be_visible()
    expect(wide).to_be_hidden()
    assert "план" in cards.locator("li").first.inner_text()
    assert_no_errors(watched)


def test_the_menu_button_says_menu_on_a_phone(watched: Page, server: str) -> None:
    watched.set_viewport_size({"width": 390, "height": 844})
    open_page(watched, f"{server}/money?lang=uk", 1)
    button = watched.locator('[data-testid="stExpandSidebarButton"]')
    expect(button).to_be_visible()
    assert button.evaluate("e => getComputedStyle(e, '::after').content") == '"Меню"'
    button.click()
    watched.get_by_role("link", name=t("map.nav", "uk")).click()  # the pages, one tap away
    expect(watched.locator("h1").first).to_have_text(t("map.title", "uk"))
    app_idle(watched)
    assert_no_errors(watched)


def test_needs_attention_comes_first_and_leads_to_the_pages(watched: Page, server: str) -> None:
    """A council member on a phone sees what needs attention before any figure, and each link opens its page."""
    watched.set_viewport_size({"width": 390, "height": 844})
    open_page(watched, f"{server}/?lang=en", 2)
    heading = watched.get_by_role("heading", name=t("attention.title", "en"))
    expect(heading).to_be_visible()
    first_metric = watched.locator('[data-testid="stMetric"]').first
    assert heading.bounding_box()["y"] < first_metric.bounding_box()["y"]
    projects = watched.locator(".st-key-attention-projects")
    expect(projects).to_contain_text(t("attention.projects", "en"))
    expect(projects).to_contain_text("MK-2024-004")  # the overspent project, named with its reason beside it
    expect(projects).to_contain_text("spent UAH")
    budget = watched.locator(".st-key-attention-budget")
    expect(budget).to_contain_text("A late large change of spending")
    # The council's targets further down: each KPI with its verdict in words, and the rule.
    expect(watched.get_by_role("heading", name=t("targets.title", "en", year=2026))).to_be_visible()
    expect(watched.get_by_text(t("targets.kpi_capital_share", "en"))).to_be_visible()
    expect(watched.get_by_text("The rule: on track")).to_be_visible()
    # The page that explains it opens in this tab (a new one would lose the way back), in the reader's language.
    projects.get_by_role("link", name=t("attention.open_projects", "en")).click()
    expect(watched.locator("h1").first).to_have_text(t("projects.title", "en"))
    expect(watched).to_have_url(f"{server}/projects?lang=en")
    assert watched.context.pages == [watched]
    app_idle(watched)
    assert_no_errors(watched)


@pytest.mark.parametrize("width", [390, 1400])
def test_the_overview_links_to_the_comparison_with_similar_hromadas(watched: Page, server: str, width: int) -> None:
    """The overview's line on similar hromadas opens the Budget page on its comparison tab: the ranking drawn, the
    hromada named in it, the population's year and source said under it; still in large print."""
    watched.set_viewport_size({"width": width, "height": 844 if width == 390 else 1000})
    open_page(watched, f"{server}/?lang=en&large=1", PAGES[""][1])
    link = watched.get_by_role("link", name=t("peers.tab_link", "en"))
    link.scroll_into_view_if_needed()
    expect(link).to_be_visible()
    link.click()  # in this tab, on the comparison's tab, in the reader's language and print size
    expect(watched).to_have_url(f"{server}/budget?tab=peers&lang=en&large=1")
    watched.wait_for_function("() => getComputedStyle(document.documentElement).fontSize === '23px'")
    assert watched.context.pages == [watched]
    app_idle(watched)
    expect(watched.get_by_role("tab", name=t("budget.tab_peers", "en"))).to_have_attribute("aria-selected", "true")
    ranking = watched.locator(".js-plotly-plot:visible").first
    expect(ranking).to_be_visible(timeout=30_000)
    assert ranking.bounding_box()["width"] > 300
    expect(watched.get_by_text("Per resident by the population in the register")).to_be_visible()
    assert_no_errors(watched)


def test_a_tables_open_button_opens_the_row_in_this_tab(watched: Page, server: str) -> None:
    """A building's "open" in the energy ranking opens that building's page in this tab, in the reader's language
    and print size (a link in a table opened a new tab, a new session)."""
    open_page(watched, f"{server}/energy?lang=en&large=1", PAGES["energy"][1])
    watched.get_by_role("tab", name=t("energy.tab_buildings", "en")).click()
    grid = watched.locator('[data-testid="stDataFrame"]:visible').first
    grid.scroll_into_view_if_needed()
    expect(grid).to_be_visible(timeout=30_000)
    app_idle(watched)
    box = grid.bounding_box()
    # Streamlit's rows (and header) are 35 px at a 16 px font and grow with it: 50 px in large print.
    row = 35 * watched.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") / 16
    watched.mouse.click(box["x"] + 30, box["y"] + row + row / 2)  # the first row's button, at the cell's left
    expect(watched).to_have_url(re.compile(r"/building\?building=BLD-"), timeout=30_000)
    app_idle(watched)
    assert watched.context.pages == [watched]
    query = parse_qs(urlparse(watched.url).query)
    assert query["lang"] == ["en"] and query["large"] == ["1"]
    expect(watched.locator("h1").first).to_be_visible()
    watched.wait_for_function("() => getComputedStyle(document.documentElement).fontSize === '23px'")
    assert_no_errors(watched)


def test_a_charts_table_opens_with_its_numbers(watched: Page, server: str) -> None:
    """Closed, a chart's table is not drawn; opened (by keyboard, as a screen-reader user would), its rows are there
    in the page's language, and the chart stays."""
    open_page(watched, f"{server}/?lang=uk", PAGES[""][1])
    label = t("common.chart_table", "uk")
    assert watched.locator('[data-testid="stTable"]').count() == 0
    summary = watched.locator('[data-testid="stExpander"] summary', has_text=label).first
    summary.focus()
    watched.keyboard.press("Enter")
    table = watched.locator('[data-testid="stExpander"]', has_text=label).first.locator("table")
    expect(table).to_be_visible(timeout=30_000)
    expect(table.locator("tbody tr").first).to_be_visible()
    assert table.locator("tbody tr").count() >= 12  # a row per month
    app_idle(watched)
    expect(watched.locator(".js-plotly-plot")).to_have_count(PAGES[""][1])
    # The page ran again: the sidebar's language switch still shows the language (it lost it on every rerun).
    languages = watched.locator('[data-testid="stSidebar"] [data-testid="stButtonGroup"]')
    expect(languages.locator("button", has_text="Українська")).to_have_attribute("aria-checked", "true")
    expect(languages.locator("button", has_text="English")).to_have_attribute("aria-checked", "false")
    assert_no_errors(watched)
