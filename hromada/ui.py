"""Streamlit pieces every page shares: the warehouse connection, shared filters, headers, notices.

Shared filters (language, budget, year) are widgets bound to the URL's query parameters, so any
view can be bookmarked or sent as a link. Pages read them through `context()`.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TypeVar

import duckdb
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from hromada import db, glossary
from hromada.i18n import language, set_language, t, using_language
from hromada.metrics import budget as budget_metrics
from hromada.settings import HromadaSettings, load_settings, warehouse_path


@st.cache_resource(max_entries=1, show_spinner=False, on_release=lambda con: con.close())
def _connection(path: str, stamp: tuple[int, int]) -> duckdb.DuckDBPyConnection:
    """One read-only connection per warehouse file version."""
    return db.connect(path)


_stamps: dict[str, tuple[int, int]] = {}
_stamps_lock = threading.Lock()


def warehouse() -> duckdb.DuckDBPyConnection | None:
    """The current warehouse, or None before the first build.

    After a rebuild the old connection is closed *before* the new one opens: DuckDB shares one
    database instance per path inside a process, so a new connection opened while the old one
    lives would keep reading the replaced file.
    """
    path = str(warehouse_path())
    stamp = db.file_stamp(Path(path))
    if stamp is None:
        return None
    with _stamps_lock:
        if _stamps.get(path, stamp) != stamp:
            _connection.clear()  # runs on_release: closes the connection to the old file
        _stamps[path] = stamp
        return _connection(path, stamp)


def outdated() -> list[str]:
    """What the open warehouse lacks of the contract, checked once per file version."""
    return shared(db.contract_gaps)


T = TypeVar("T")
CLOCK_STEP_MINUTES = 10


def clock() -> datetime:
    """Now, to the last whole ten minutes: what "overdue" and "this month" are measured against on a page whose
    figures are shared (see shared()). An appeal that fell overdue five minutes ago shows at the next step."""
    now = datetime.now()
    return now.replace(minute=now.minute - now.minute % CLOCK_STEP_MINUTES, second=0, microsecond=0)


def shared(func: Callable[..., T], *args: object) -> T:
    """`func(warehouse, *args)`, computed once per warehouse version for every reader of the app.

    The overview's figures come from a dozen checks across every domain (0.3 s on the demo, about 1 s at national
    scale) and are the same for everyone until the next build; a reader opening the page should not wait for them
    again. The arguments are the cache key, so they must be values (periods, settings, clock()), never now()."""
    con = warehouse()
    path = str(warehouse_path())
    return _shared(f"{func.__module__}.{func.__qualname__}", path, _stamps.get(path), args, _func=func, _con=con)


@st.cache_data(max_entries=512, ttl=timedelta(days=1), show_spinner=False)
def _shared(
    name: str, path: str, stamp: tuple[int, int] | None, args: tuple, _func: Callable, _con: duckdb.DuckDBPyConnection
):
    return _func(_con, *args)


@st.cache_resource(show_spinner=False)
def settings() -> HromadaSettings:
    return load_settings()


@dataclass(frozen=True)
class Context:
    """What a page needs to know about the shared filters."""

    lang: str
    settings: HromadaSettings
    con: duckdb.DuckDBPyConnection | None
    budget_code: str | None
    year: int | None
    period: budget_metrics.Period | None


LANGUAGE_LABELS = {"uk": "Українська", "en": "English"}
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def md_escape(text: object) -> str:
    """Text from data files, made inert for Streamlit's markdown (captions, alerts): no links, no markup."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", str(text))


def url_choice(widget, label: str, options: list, key: str, **kwargs):
    """A choice widget whose value is also the URL's `?key=value`, so every view is a shareable link.

    The URL holds the option itself (a code such as `en` or `expense`), never its translated label,
    so a link works in either language. The first option is the default and is left out of the URL.
    Streamlit's own query-parameter binding stores the formatted label, hence this helper.
    """
    if "format_func" in kwargs:
        # Streamlit (and AppTest) may format options outside this script run: keep today's language.
        fmt, lang = kwargs["format_func"], language()

        def in_language(option):
            with using_language(lang):
                return fmt(option)

        kwargs["format_func"] = in_language
    codes = [str(option) for option in options]
    wanted = st.query_params.get(key)
    index = codes.index(wanted) if wanted in codes else 0
    segmented = widget in (st.segmented_control, st.sidebar.segmented_control, st.pills)
    current = st.session_state.get(key)
    if current in options and segmented:
        # The value of its last run as the default too: without one, the language switch in the sidebar showed
        # neither language selected after any rerun while its value stayed (nothing sets these keys by hand).
        value = widget(label, options, default=current, required=True, key=key, **kwargs)
    elif current in options:
        # Set by the widget's last run or by a button (e.g. "details" on a card): that value wins.
        value = widget(label, options, key=key, **kwargs)
    elif segmented:
        value = widget(label, options, default=options[index], required=True, key=key, **kwargs)
    else:
        value = widget(label, options, index=index, key=key, **kwargs)
    if value is None:
        value = options[index]
    if str(value) == codes[0]:
        st.query_params.pop(key, None)
    else:
        st.query_params[key] = str(value)
    return value


# Streamlit sizes text in rem (body 0.875 rem): a 23 px root makes body text 20 px and every heading, label and
# number grow with it. Static CSS, no data in it.
LARGE_PRINT_CSS = "<style>html { font-size: 23px !important; } h1 { font-size: 1.9rem !important; }</style>"
LARGE_CHART_FONT_PX = 18  # plotly's default is 12 px; titles, axes, legends and hover labels follow the layout's


def url_switch(label: str, key: str, default: bool = True, widget=st.toggle) -> bool:
    """A switch kept in the URL only when it differs from its default (`?key=0` or `?key=1`), like url_choice's
    choices: a shared link shows what its sender saw."""
    wanted = st.query_params.get(key)
    value = widget(label, value=default if wanted not in ("0", "1") else wanted == "1", key=f"switch_{key}")
    if value == default:
        st.query_params.pop(key, None)
    else:
        st.query_params[key] = "1" if value else "0"
    return value


def page_menu(box, sections: dict[str, list]) -> None:
    """Every page as a link under its audience's heading, in `box` (the sidebar's first container).

    Plain links and text: a screen reader hears each section and page in order, and a phone shows them all."""
    for section, pages in sections.items():
        box.markdown(f"**{md_escape(section)}**")
        for page in pages:
            box.page_link(page)


def large_print() -> bool:
    """The large-print switch in the sidebar: every page readable at arm's length, kept in the URL."""
    on = url_switch(t("sidebar.large_print"), "large", default=False, widget=st.sidebar.toggle)
    st.session_state["large_print"] = on
    if on:
        st.html(LARGE_PRINT_CSS)
    return on


def chosen_language() -> str:
    """The language the switch will show on this run — its last value, else the URL's, else the hromada's
    default — known before the switch is drawn."""
    wanted = st.session_state.get("lang") or st.query_params.get("lang")
    return wanted if wanted in LANGUAGE_LABELS else settings().default_language


def language_selector() -> str:
    """The language switch, drawn after the menu (app.py translates the menu with chosen_language first)."""
    default = settings().default_language
    options = [default] + [code for code in LANGUAGE_LABELS if code != default]
    lang = url_choice(st.sidebar.segmented_control, "Мова / Language", options, "lang", format_func=LANGUAGE_LABELS.get)
    set_language(lang)
    return lang


def shared_filters(con: duckdb.DuckDBPyConnection | None) -> Context:
    """Budget and year pickers in the sidebar (the budget one only when several are loaded)."""
    cfg = settings()
    lang = language()
    if con is None:
        return Context(lang, cfg, None, None, None, None)
    codes = budget_metrics.budget_codes(con)
    if not codes:
        return Context(lang, cfg, con, None, None, None)
    names = budget_metrics.budget_names(con)
    default_code = cfg.budget_code if cfg.budget_code in codes else codes[0]
    budget_code = default_code
    if len(codes) > 1:
        ordered = [default_code] + [c for c in codes if c != default_code]
        budget_code = url_choice(
            st.sidebar.selectbox,
            t("sidebar.budget"),
            ordered,
            "budget",
            format_func=lambda c: f"{c} · {names[c]}" if c in names else c,
        )
    years = budget_metrics.years(con, budget_code)
    year = url_choice(st.sidebar.selectbox, t("sidebar.year"), years, "year")
    period = budget_metrics.period_for(con, budget_code, year) if year is not None else None
    return Context(lang, cfg, con, budget_code, year, period)


def context() -> Context:
    """The shared filters as app.py set them for this run."""
    if PagesManager.uses_pages_directory:
        # A deep link (/budget) opened before any session ran app.py: Streamlit sees the pages/
        # folder and runs the page alone, in its legacy multipage mode. Switch that mode off
        # and run again, so app.py's navigation and sidebar wrap the page as usual.
        PagesManager.uses_pages_directory = False
        st.rerun()
    ctx = st.session_state.get("_context")
    if ctx is None:  # a page run on its own (tests): build the sidebar here
        language_selector()
        large_print()
        ctx = shared_filters(warehouse())
    set_language(ctx.lang)  # the page may run in another context than app.py's
    return ctx


def is_demo(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(db.scalar(con, "select count(*) from source_files where is_demo and status = 'loaded'"))


def demo_notice(con: duckdb.DuckDBPyConnection | None) -> None:
    if con is not None and is_demo(con):
        st.info(t("common.demo_notice"), icon=":material/science:")


def require_data(ctx: Context) -> budget_metrics.Period:
    """Stop the page with a friendly message when there is nothing to show yet."""
    if ctx.con is None:
        st.warning(t("common.no_warehouse"), icon=":material/database:")
        st.stop()
    if ctx.period is None:
        st.warning(t("common.no_budget_data"), icon=":material/search_off:")
        st.stop()
    return ctx.period


def period_caption(period: budget_metrics.Period) -> str:
    """What the page's figures cover: the months, whose budget (the hromada's name; a code only for another
    budget loaded beside it) and the series."""
    months = t(f"months.m{period.month}")
    key = "common.as_of_full_year" if period.is_full_year else "common.as_of"
    cfg = settings()
    budget = (
        cfg.name(language())
        if period.budget_code == cfg.budget_code
        else t("common.budget_code", code=period.budget_code)
    )
    return t(key, month=months, year=period.year, budget=budget, series=t(f"common.series_{period.period_type}"))


def budget_page(title_key: str, intro_key: str) -> tuple[Context, budget_metrics.Period]:
    """The opening every budget page shares: title, intro, a stop when there is no data, the period."""
    ctx = context()
    page_header(title_key, intro_key)
    period = require_data(ctx)
    st.caption(period_caption(period))
    return ctx, period


def label(prefix: str, code: object) -> str:
    """A code's label from a catalogue section (sectors.roads …); the code itself when none is known."""
    key = f"{prefix}.{code}"
    text = t(key)
    return str(code) if text == key else text


PAGES_DIR = Path(__file__).resolve().parent.parent / "pages"


# The sidebar's choices, which url_choice and url_switch keep in the URL when they differ from the default: the
# language, large print, the budget and the year.
SHARED_PARAMS = ("lang", "large", "budget", "year")


def page_params(**params: str) -> dict[str, str]:
    """A link's query parameters: the page's own, then the sidebar's choices as they are, so the page opens in the
    reader's language and print size, on the budget and year they chose unless the link names its own (a page
    link given parameters replaces all of the URL's, where the menu keeps them)."""
    shared = {key: st.query_params[key] for key in SHARED_PARAMS if key in st.query_params and key not in params}
    return {**params, **shared}


def own_page(page: str) -> st.Page:
    """One of the app's pages by its file and address: it works the same when a page runs on its own (Streamlit
    checks it against the menu only when one is registered)."""
    return st.Page(PAGES_DIR / f"{page}.py", url_path=page)


def page_link(page: str, label: str, icon: str | None = None, **params: str) -> None:
    """A link to another page of the app that opens it in the same tab, with the sidebar's choices kept.

    Not a markdown link: Streamlit opens every markdown link in a new tab, as a new session, and an older reader on
    a phone loses the way back. The label is markdown: a name from a file in it must be escaped (md_escape)."""
    st.page_link(
        own_page(page),
        label=label,
        icon=icon,
        query_params=page_params(**params) or None,
    )


def metric_row(items: list[tuple]) -> None:
    """KPI cards side by side: each item is (label, value), (label, value, help) or (label, value, help, delta);
    a delta is a change where less is better (energy, cost), so a fall shows green."""
    for column, (label, value, *rest) in zip(st.columns(len(items)), items, strict=True):
        delta = rest[1] if len(rest) > 1 else None
        column.metric(
            label,
            value,
            border=True,
            help=rest[0] if rest else None,
            delta=delta,
            delta_color="inverse" if delta else "normal",
        )


# On a narrow screen the tabs and the cards' labels wrap over lines instead of running past the edge or ending in
# "…" ("Звернення на 100…" reads as per 100), and tables give way to lists (column_formats.wide/cards). On paper:
# no sidebar, header, toolbars or widgets that do nothing there; the page full width; a chart or a card never cut
# across two sheets. Static CSS, no data in it.
PAGE_CSS = """<style>
[role="tablist"] { flex-wrap: wrap !important; row-gap: 0.25rem; }
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }
[class*="st-key-cards-"] { display: none !important; }
@media (max-width: 640px) {
  h1 { font-size: 2rem !important; }  /* "Енергоспоживання" whole on a line, not broken mid-word */
  [class*="st-key-cards-"] { display: flex !important; }
  [class*="st-key-wide-"] { display: none !important; }
}
@media print {
  [class*="st-key-cards-"] { display: flex !important; }
  [class*="st-key-wide-"] { display: none !important; }
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
  [data-testid="stElementToolbar"], [data-testid="stSidebarCollapsedControl"], .print-button,
  [data-testid="stElementContainer"]:has(> iframe[data-testid="stIFrame"]) { display: none !important; }
  [data-testid="stMain"], [data-testid="stMainBlockContainer"], .block-container {
    max-width: 100% !important; width: 100% !important; padding: 0 !important; margin: 0 !important; }
  .js-plotly-plot, [data-testid="stMetric"], [data-testid="stVerticalBlockBorderWrapper"] { break-inside: avoid; }
}
</style>"""


def page_header(title_key: str, intro_key: str | None = None) -> None:
    """The page's title and intro, its print button and how it prints."""
    st.title(t(title_key))
    if intro_key:
        st.caption(t(intro_key))
    print_button()
    glossary.explain(title_key.split(".")[0])


def menu_label_css(label: str) -> str:
    """On a phone the navigation hides behind Streamlit's bare "»": give that button a frame and a word."""
    import json

    word = json.dumps(label, ensure_ascii=False)  # a CSS string: our own text, quoted
    return (
        "<style>[data-testid='stExpandSidebarButton'] { width: auto !important; padding: 0.25rem 0.6rem !important;"
        " border: 1px solid rgba(49, 51, 63, 0.3) !important; border-radius: 0.5rem !important; }"
        f"[data-testid='stExpandSidebarButton']::after {{ content: {word}; font-size: 1rem;"
        " margin-left: 0.35rem; color: #31333f; }</style>"
    )


NUMBER_LOCALES = {"uk": '["uk-UA", "uk"]', "en": '["en-GB", "en"]'}  # JavaScript arrays of BCP 47 tags


def print_button() -> None:
    """A button that opens the browser's print dialog for this page, the stylesheet the page lays out and prints
    with, and the
    page's language on its <html> element (the component's frame may reach its page: Streamlit lets components
    run scripts on the same origin)."""
    import html

    st.html(PAGE_CSS + menu_label_css(t("nav.menu")))
    label = html.escape(t("common.print"))
    lang = "en" if language() == "en" else "uk"  # one of two known codes, never input
    st.iframe(
        # The page's language for screen readers and hyphenation: Streamlit writes <html lang="en"> on every page.
        # Tables format "localized" numbers and percentages with the browser's languages (Streamlit has no setting
        # for it): give them the page's, then let the tables redraw, so a Ukrainian page reads «1 234,5».
        f"<script>const top_ = window.parent; top_.document.documentElement.lang = '{lang}';"
        f"Object.defineProperty(top_.navigator, 'languages', {{value: {NUMBER_LOCALES[lang]}, configurable: true}});"
        "top_.dispatchEvent(new Event('resize'));</script>"
        + f"""<button class="print-button" onclick="window.parent.print()" title="{label}"
        style="font: 15px 'Source Sans Pro', 'Source Sans', sans-serif; padding: 0.35rem 0.8rem; border-radius: 0.5rem;
        border: 1px solid rgba(49, 51, 63, 0.3); background: #fff; color: #31333f; cursor: pointer;">
        <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" style="vertical-align: -3px">
        <path fill="currentColor" d="M19 8H5c-1.66 0-3 1.34-3 3v6h4v4h12v-4h4v-6c0-1.66-1.34-3-3-3zm-3 11H8v-5h8v5zm3-7
        c-.55 0-1-.45-1-1s.45-1 1-1 1 .45 1 1-.45 1-1 1zm-1-9H6v4h12V3z"/></svg> {label}</button>""",
        height=44,
    )


def scroll_to_top() -> None:
    """Bring the top of the page into view, where a detail just opened from far down the page appears."""
    st.iframe(
        "<script>const main = window.parent.document.querySelector('[data-testid=\"stMain\"]');"
        "if (main) { main.scrollTo({top: 0}); } window.parent.scrollTo({top: 0});</script>",
        height=1,  # the smallest frame Streamlit draws
    )


def css_colour(rgba: list[int]) -> str:
    """pydeck's [r, g, b, (a)] as CSS."""
    return f"rgb({int(rgba[0])}, {int(rgba[1])}, {int(rgba[2])})"


def swatch_legend(title: str, items: list[tuple[str, str]]) -> None:
    """What each colour on a map or chart means (CSS colours of our own scales), as a list of swatches with words
    beside them (not a sentence naming colours, which a reader who sees them differently cannot match). Our own
    labels, escaped all the same."""
    import html

    entries = "".join(
        f'<li style="display:inline-flex;align-items:center;margin:0 1rem 0.3rem 0">'
        f'<span aria-hidden="true" style="display:inline-block;width:1em;height:1em;border-radius:50%;'
        f'margin-right:0.4rem;border:1px solid #555;background:{html.escape(colour)}"></span>'
        f"{html.escape(label)}</li>"
        for colour, label in items
    )
    st.html(
        f'<div class="swatch-legend"><div style="font-size:0.9rem;margin-bottom:0.2rem">{html.escape(title)}</div>'
        f'<ul style="list-style:none;padding:0;margin:0">{entries}</ul></div>'
    )


TITLE_LINE_CHARS = 40  # what a 390 px phone fits on one line of a chart's title


def wrap_title(fig, width: int) -> None:
    """Break a long chart title over lines: plotly never wraps one, and a phone cuts it off at its edge."""
    import textwrap

    title = fig.layout.title.text
    if not title or len(title) <= width or "<br>" in title:
        return
    lines = textwrap.wrap(title, width)
    top = fig.layout.margin.t if fig.layout.margin.t is not None else 50
    fig.update_layout(title_text="<br>".join(lines), margin_t=top + 22 * (len(lines) - 1))


def scroll_into_view(key: str) -> None:
    """Bring the container made with `key` to the top of the screen: what a tap far below it just opened."""
    import json

    selector = json.dumps(f".st-key-{key}")  # our own key, quoted as a JavaScript string
    st.iframe(
        "<script>setTimeout(() => { const e = window.parent.document.querySelector("
        + selector
        + "); if (e) { e.scrollIntoView({block: 'start'}); } }, 50);</script>",
        height=1,
    )


def chart(fig, key: str, as_table: bool = True) -> None:
    """Every chart the same way: full width, no plotly logo or mode bar, offline-safe, large in large print."""
    if st.session_state.get("large_print"):
        fig.update_layout(font_size=LARGE_CHART_FONT_PX, title_font_size=LARGE_CHART_FONT_PX + 4)
    wrap_title(fig, 30 if st.session_state.get("large_print") else TITLE_LINE_CHARS)
    # No mode bar: on a phone it covers the chart's title, and its zoom and pan are not what residents come for.
    st.plotly_chart(fig, width="stretch", key=key, config={"displaylogo": False, "displayModeBar": False})
    if as_table:  # not for a legend strip, whose "data" is its scale
        chart_table(fig, key)


def chart_table(fig, key: str) -> None:
    """The chart's numbers as a table under it, closed: for a screen reader, for whoever cannot tell its colours
    apart or hover on a phone, and to check a bar against a number. A real HTML table, read row by row.

    Drawn when it is opened (the page runs again, its figures from the cache): closed, it costs the browser
    nothing, where every chart's table used to be drawn, hidden, on every first visit."""
    from hromada.charts import figure_table

    table = figure_table(fig)
    if table.empty:
        return
    box = st.expander(t("common.chart_table"), icon=":material/table_rows:", key=f"{key}-table", on_change="rerun")
    if box.open:
        box.table(table)
