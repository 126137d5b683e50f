"""Every page in both languages with Streamlit's AppTest, on the demo warehouse and on bad ones.

Pages are run on their own (ui.context() then builds the shared sidebar); app.py, with its
navigation and notices, has tests of its own below.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qs

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from hromada.db import connect
from hromada.formatting import number
from hromada.i18n import t
from hromada.metrics import budget as bm
from hromada.metrics import energy as em
from hromada.metrics import participation as pm
from hromada.metrics import peers as peer_metrics
from hromada.metrics import projects as prm
from hromada.settings import ROOT, load_settings
from tests.helpers import build_from, income_csv

PAGES = {
    "overview": {"title": "overview.title", "charts": 2, "metrics": 18},
    "budget": {"title": "budget.title", "charts": 7, "metrics": 8},  # 4 on plan changes, 4 on peers
    "profile": {"title": None, "charts": 1, "metrics": 4},
    "money": {"title": "money.title", "charts": 1, "metrics": 2},
    "data": {"title": "data.title", "charts": 0, "metrics": 4},
    "projects": {"title": "projects.title", "charts": 4, "metrics": 9},
    "invest": {"title": "invest.title", "charts": 0, "metrics": 7},
    "built": {"title": "built.title", "charts": 0, "metrics": 3},
    "deputies": {"title": "deputies.title", "charts": 2, "metrics": 4},
    "participation": {"title": "participation.title", "charts": 2, "metrics": 14},
    "energy": {"title": "energy.title", "charts": 5, "metrics": 8},
    "building": {"title": "building.title", "charts": 1, "metrics": 5},
    "map": {"title": "map.title", "charts": 0, "metrics": 2},  # the printable map: drawn when its tab opens
    "bulletin": {"title": "bulletin.page_title", "charts": 0, "metrics": 0},
    "smart": {"title": "smart.title", "charts": 2, "metrics": 10},
}


def run_page(name: str, lang: str = "uk", **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / f"{name}.py"), default_timeout=60)
    at.query_params["lang"] = lang
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.fixture()
def demo(demo_warehouse: Path, use_warehouse) -> Path:
    use_warehouse(demo_warehouse)
    return demo_warehouse


@pytest.mark.parametrize("lang", ["uk", "en"])
@pytest.mark.parametrize("name", list(PAGES))
def test_page_renders_in_both_languages(demo: Path, name: str, lang: str, settings) -> None:
    at = run_page(name, lang)
    assert_clean(at)
    expected = PAGES[name]
    title = t(expected["title"], lang) if expected["title"] else settings.name(lang, short=False)
    assert at.title[0].value == title
    assert len(at.get("plotly_chart")) == expected["charts"]
    assert len(at.metric) == expected["metrics"]
    assert at.session_state["lang"] == lang
    # Another page opens in the same tab: a page link to a page that exists, never a markdown link (a new tab).
    assert not [m.value for m in (*at.markdown, *at.caption) if "](/" in m.value]
    for link in at.get("page_link"):
        assert (ROOT / "pages" / f"{link.proto.page}.py").exists(), link.proto.page
        assert parse_qs(link.proto.query_string).get("lang", ["uk"]) == [lang]


def test_overview_figures_are_computed(demo: Path) -> None:
    at = run_page("overview", "en")
    labels = {m.label: m.value for m in at.metric}
    assert labels["Income received"] == "UAH 191.4m"
    assert at.metric[0].delta.startswith("+")
    assert any("of the annual plan" in c.value for c in at.caption)


def test_overview_needs_attention_counts_what_the_pages_count(demo: Path) -> None:
    """Each concern's count on the overview is the one its page shows, and every reason is in view beside its item."""
    at = run_page("overview", "en")
    assert_clean(at)
    headings = [h.value for h in at.subheader]
    assert headings[0] == t("attention.title", "en")  # first, before any figure
    texts = [m.value.replace("\\", "") for m in at.markdown]  # markdown escapes in the data undone

    def count(domain: str) -> int:
        card = next(x for x in texts if f"**{t(f'attention.{domain}', 'en')}: " in x)  # heading, items, link
        heading = card.split("\n", 1)[0]
        return int(heading.rsplit(": ", 1)[1].rstrip("*").replace(",", ""))

    with connect(demo) as con:
        now = datetime.now()
        assert count("projects") == len(prm.at_risk(con, now.date()))
        assert count("appeals") == pm.appeals_summary(con, now)["open_overdue"]
        assert count("energy_errors") == em.findings_summary(con).query("severity == 'error'")["findings"].sum()
    projects = next(x for x in texts if "MK-2024-004" in x)
    assert "spent UAH 15.6m against a budget of UAH 13.9m" in projects
    # The targets: each KPI with its verdict in words, and the rule stated.
    assert t("targets.title", "en", year=2026) in headings
    targets_list = next(x for x in texts if t("targets.kpi_capital_share", "en") in x)
    assert t("targets.off_track", "en") in targets_list and t("targets.on_track", "en") in targets_list
    assert any(c.value.startswith("The rule: on track") for c in at.caption)


def test_budget_shows_the_plan_changes(demo: Path) -> None:
    at = run_page("budget", "en", dir="expense")
    assert_clean(at)
    labels = {m.label: m.value for m in at.metric}
    assert float(labels[t("budget.plan_now", "en")]) > float(labels[t("budget.plan_start", "en")])
    assert any("A late large change of spending (October)" in w.value for w in at.warning)
    assert at.dataframe  # the largest amendments


def test_budget_filters_come_from_the_url(demo: Path) -> None:
    at = run_page("budget", "en", dir="expense", cls="economic", fund="special", year="2024")
    assert_clean(at)
    assert at.segmented_control(key="dir").value == "expense"
    assert at.segmented_control(key="cls").value == "economic"
    assert at.selectbox(key="fund").value == "special"
    assert at.selectbox(key="year").value == 2024
    table = at.dataframe[0].value
    assert set(table["code"]) <= {
        "2111",
        "2120",
        "2210",
        "2230",
        "2240",
        "2250",
        "2271",
        "2272",
        "2273",
        "2274",
        "2275",
        "2281",
        "2282",
        "2610",
        "2620",
        "2730",
        "2800",
        "3110",
        "3122",
        "3132",
        "3142",
        "3210",
    }
    assert "3122" in set(table["code"])  # capital works are paid from the special fund


def test_budget_choice_is_written_back_to_the_url(demo: Path) -> None:
    at = run_page("budget", "uk")
    at.segmented_control(key="dir").set_value("expense").run()
    assert at.query_params["dir"] == "expense"
    at.segmented_control(key="dir").set_value("income").run()
    assert "dir" not in at.query_params  # the default is left out of the link


def test_unknown_url_values_fall_back_to_defaults(demo: Path) -> None:
    at = run_page("budget", "xx", dir="nonsense", year="1900")
    assert_clean(at)
    assert at.session_state["lang"] == "uk"
    assert at.selectbox(key="year").value == 2026


def test_money_page_speaks_plainly(demo: Path) -> None:
    at = run_page("money", "uk")
    assert any("на кожного мешканця" in m.value for m in at.markdown)
    assert len(at.dataframe) == 1 and len(at.dataframe[0].value) == 10


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_every_page_explains_its_terms_and_the_data_page_all(demo: Path, lang: str) -> None:
    from hromada import glossary

    for page, terms in glossary.PAGE_TERMS.items():
        at = run_page(page, lang)
        assert_clean(at)
        box = next(e for e in at.expander if e.label == t("glossary.title", lang))
        text = box.markdown[0].value
        assert [line.split("**")[1] for line in text.splitlines()] == [t(f"glossary.{n}.term", lang) for n in terms]
    at = run_page("data", lang)
    listed = next(m.value for m in at.markdown if m.value.count("\n- **") >= 30)
    assert len(listed.splitlines()) == len(glossary.terms())


@pytest.mark.parametrize(
    "name", ["overview", "budget", "projects", "deputies", "participation", "energy", "money", "smart"]
)
def test_every_chart_has_its_table_beside_it(demo: Path, name: str) -> None:
    """Nothing by colour or hover alone: each chart (not a legend strip) has its numbers as a table under it."""
    at = run_page(name, "uk")
    assert_clean(at)
    legends = {"energy": 1}.get(name, 0)
    closed = [e for e in at.expander if e.label == t("common.chart_table", "uk")]
    assert len(closed) == len(at.get("plotly_chart")) - legends > 0
    assert not any(e.table for e in closed)  # drawn when opened, not on every visit
    for key in [k for k in at.session_state if str(k).endswith("-table")]:
        at.session_state[key] = True  # what opening it does
    opened = [e for e in at.run().expander if e.label == t("common.chart_table", "uk")]
    assert len(opened) == len(closed)
    assert all(len(e.table) == 1 and len(e.table[0].value) > 0 for e in opened)


def test_profile_has_a_map_and_settlements(demo: Path) -> None:
    at = run_page("profile", "en")
    assert len(at.get("deck_gl_json_chart")) == 1
    table = at.dataframe[0].value
    assert len(table) == 42 and table.iloc[0]["name_en"] == "Mykhailo-Kotsiubynske"
    assert table.iloc[0]["category"] == t("categories.X", "en")  # the category in words, not its letter


@pytest.mark.parametrize("name", list(PAGES))
def test_no_warehouse_gives_a_friendly_message(tmp_path: Path, use_warehouse, name: str) -> None:
    use_warehouse(tmp_path / "missing.duckdb")
    at = run_page(name, "en")
    assert_clean(at)
    assert any("has not been built yet" in w.value for w in at.warning)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("projects", "No project registry yet"),
        ("invest", "No project registry yet"),
        ("built", "No project registry yet"),
        ("energy", "No buildings or readings yet"),
        ("building", "No buildings or readings yet"),
    ],
)
def test_a_budget_alone_gives_friendly_messages(tmp_path: Path, use_warehouse, name: str, message: str) -> None:
    db, _ = build_from(tmp_path, {"openbudget/a_month.csv": income_csv("01.2024;T;2551400000;11010100;ПДФО;1;0;1")})
    use_warehouse(db)
    at = run_page(name, "en")
    assert_clean(at)
    assert any(message in i.value for i in at.info)


def test_catalogue_filters_and_detail_come_from_the_url(demo: Path) -> None:
    at = run_page("invest", "en", form="lease")
    assert_clean(at)
    table = at.dataframe[0].value
    assert len(table) >= 1 and set(table["investment_form"]) == {"Lease"}
    pid = table.iloc[0]["project_id"]
    at = run_page("invest", "uk", project=pid)
    assert_clean(at)
    assert at.selectbox(key="project").value == pid
    assert any(m.label.startswith("NPV") for m in at.metric)
    assert len(at.get("download_button")) == 3  # passport, CSV, XLSX


def test_card_button_opens_the_detail(demo: Path) -> None:
    at = run_page("invest", "en")
    first = next(b for b in at.button if b.key and b.key.startswith("open-"))
    first.click().run()
    assert_clean(at)
    assert at.selectbox(key="project").value == first.key.removeprefix("open-")
    assert at.query_params["project"] == first.key.removeprefix("open-")


def test_data_page_lists_project_and_energy_flags(demo: Path) -> None:
    at = run_page("data", "en")
    assert_clean(at)
    flags = at.dataframe[-2].value
    assert set(flags["flag"]) == {
        "Spent more than the budget",
        "Coordinates outside the hromada",
        "Tender not found in Prozorro",
    }
    energy = at.dataframe[-1].value
    assert energy["severity"].iloc[0] == "Error"  # errors first
    assert "Negative reading or amount: not used" in set(energy["rule"])
    con = connect(demo)
    total = con.execute("select count(*) from energy_flags where severity <> 'info'").fetchall()[0][0]
    con.close()
    assert energy["findings"].sum() == total


def test_projects_page_detail_and_risks(demo: Path) -> None:
    at = run_page("projects", "en", project="MK-2024-004")
    assert_clean(at)
    assert at.selectbox(key="project").value == "MK-2024-004"
    assert any("Spent more than the budget" in w.value for w in at.warning)
    # Each project at risk with its reason in view, however narrow the column.
    from datetime import date

    from hromada.metrics import projects as pm

    con = connect(demo)
    risks = pm.at_risk(con, date.today())
    con.close()
    from hromada.ui import md_escape

    listed = next(m.value for m in at.markdown if m.value.startswith(f"- **{md_escape(risks.iloc[0]['project_id'])}"))
    assert listed.count("\n- **") == len(risks) - 1
    for _, row in risks.iterrows():
        assert t(f"risks.{row['reasons'][0]}", "en") in listed


def test_deputies_search_and_roll_call_from_the_url(demo: Path) -> None:
    at = run_page("deputies", "en", q="бюджет")
    assert_clean(at)
    found = at.dataframe[1].value
    assert len(found) > 0 and found["title"].str.contains("бюджет").all()
    first = at.selectbox(key="item").value
    roll = at.dataframe[2].value
    assert len(roll) == 26 and set(roll["vote"]) <= {
        "For",
        "Against",
        "Abstained",
        "Did not vote",
        "Absent",
        "No record",
    }
    assert first
    # People and parties in Latin letters by the national transliteration; in Ukrainian as published.
    assert roll["name"].str.fullmatch(r"[A-Za-z' \-]+").all()
    card = at.dataframe[0].value
    assert "Ivanenko Andrii Vasylovych" in set(card["name"])
    assert "Іваненко Андрій Васильович" in set(run_page("deputies", "uk").dataframe[0].value["name"])


def test_built_page_filters_by_village(demo: Path) -> None:
    at = run_page("built", "uk", village="UA74100250010077513")
    assert_clean(at)
    table = at.dataframe[0].value
    assert len(table) >= 1 and set(table["settlement_uk"]) == {"Михайло-Коцюбинське"}


def test_built_page_in_english_names_contractors_in_latin_letters(demo: Path) -> None:
    at = run_page("built", "en")
    assert_clean(at)
    contractors = at.dataframe[0].value["suppliers"].dropna()
    assert len(contractors) > 0 and all(name.isascii() for name in contractors)


@pytest.mark.parametrize("name", ["overview", "budget", "money"])
def test_no_budget_data_gives_a_friendly_message(tmp_path: Path, use_warehouse, name: str) -> None:
    db, _ = build_from(tmp_path, {"openbudget/header_only.csv": income_csv()})
    use_warehouse(db)
    at = run_page(name, "en")
    assert_clean(at)
    assert any("no data for this budget" in w.value for w in at.warning)


def test_data_page_lists_bad_files_and_rejected_rows(tmp_path: Path, use_warehouse) -> None:
    db, _ = build_from(
        tmp_path,
        {
            "openbudget/good_month.csv": income_csv("01.2024;T;2551400000;11010100;ПДФО;10;0;5"),
            "openbudget/bad_month.csv": income_csv("13.2024;T;2551400000;11010100;<b>ПДФО</b>;10;0;5"),
            "openbudget/wrong.csv": "[click](http://example.org);**b**\n1;2\n",
        },
    )
    use_warehouse(db)
    at = run_page("data", "en")
    assert not at.exception
    (error,) = at.error
    # Text from the file is shown as text: markdown specials are escaped, so no link or markup.
    assert r"openbudget/wrong\.csv" in error.value
    assert r"\[click\]\(http://example\.org\)" in error.value and r"\*\*b\*\*" in error.value
    rejected = at.dataframe[-1].value
    assert list(rejected["line_number"]) == [2]
    assert rejected.iloc[0]["raw_text"] == "13.2024;T;2551400000;11010100;<b>ПДФО</b>;10;0;5"
    assert len(at.get("download_button")) == 1


def test_app_navigation_sidebar_and_demo_notice(demo: Path) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    assert_clean(at)
    assert at.title[0].value == t("overview.title", "en")
    assert any("Demo data" in i.value for i in at.info)
    assert at.sidebar.caption[0].value.startswith("Mykhailo-Kotsiubynske hromada")
    # Our own menu: each audience's heading, then its pages as links, every page once; the staff area is not listed
    # to anonymous visitors.
    assert [m.value for m in at.sidebar.markdown][:4] == [
        f"**{t(f'nav.{section}', 'en')}**" for section in ("council", "investors", "residents", "about")
    ]
    links = [link.proto.label for link in at.sidebar.get("page_link")]
    assert len(links) == len(set(links)) == len(list((ROOT / "pages").glob("*.py"))) - 1
    assert t("staff.nav", "en") not in links
    assert t("map.nav", "en") in links and t("data.nav", "en") in links
    at.switch_page("pages/data.py").run()
    assert_clean(at)
    assert at.title[0].value == t("data.title", "en")


def click_table_button(at: AppTest, column: str, row: int) -> AppTest:
    """Click the button in `column` on `row` of the page's first table with such buttons, as the browser sends it:
    AppTest has no way of its own to click a button column, so the click goes in with the page's other widget
    states (the browser test clicks the real thing)."""
    table = next(df for df in at.dataframe if column in df.proto.button_click_widgets)
    states = at._tree.get_widget_states()
    click = states.widgets.add()
    click.id = table.proto.button_click_widgets[column]
    click.string_trigger_value.data = json.dumps({"row": row, "label": str(table.value[column][row])})
    return at._run(states)


def test_links_to_other_pages_keep_the_readers_choices(demo: Path) -> None:
    """A reader in English, in large print, on last year: the page a link or a table's button opens is in the
    same."""
    at = run_page("energy", "en", large="1", year="2025")
    assert_clean(at)
    buttons = [df for df in at.dataframe if "link" in df.proto.button_click_widgets]
    assert len(buttons) == 2  # the ranking and the savings (this month has no findings)
    assert all(set(df.value["link"]) == {t("energy.open_text", "en")} for df in buttons)
    ids = dict(connect(demo).execute("select name, building_id from buildings").fetchall())
    third = ids[buttons[0].value["name"].iloc[2]]
    at = click_table_button(at, "link", 2)
    assert_clean(at)
    assert dict(at.query_params) == {  # the building page's address; AppTest stays on the page it runs
        "building": third,
        "lang": "en",
        "large": "1",
        "year": "2025",
    }
    at = run_page("deputies", "en", large="1", year="2025")  # every decision, the budget's among them
    assert_clean(at)
    [found] = [df.value for df in at.dataframe if "budget_link" in df.value.columns]
    budget_rows = [i for i, label in enumerate(found["budget_link"]) if isinstance(label, str)]
    assert budget_rows and found["budget_link"].isna().any()  # a button only where a decision is the budget's
    row = next((i for i in budget_rows if pd.Timestamp(found["date"].iloc[i]).year != 2025), budget_rows[0])
    at = click_table_button(at, "budget_link", row)
    assert_clean(at)
    # The decision's year, not the sidebar's (the address leaves out a year that is the default one).
    assert at.sidebar.selectbox(key="year").value == pd.Timestamp(found["date"].iloc[row]).year
    assert at.query_params["lang"] == "en" and at.query_params["large"] == "1"
    at = run_page("overview", "en", large="1", year="2025")
    assert_clean(at)
    [peers] = [
        link for link in at.main.get("page_link") if link.proto.page == "budget" and "tab=" in link.proto.query_string
    ]
    assert parse_qs(peers.proto.query_string) == {"tab": ["peers"], "lang": ["en"], "large": ["1"], "year": ["2025"]}


def test_energy_filters_come_from_the_url_and_figures_are_computed(demo: Path) -> None:
    at = run_page("energy", "en", energy_year="2024", energy_measure="cost_uah", energy_month="2024-01")
    assert_clean(at)
    assert at.selectbox(key="energy_year").value == 2024
    assert at.segmented_control(key="energy_measure").value == "cost_uah"
    con = connect(demo)
    kwh, buildings = con.execute(
        "select sum(kwh), count(distinct building_id) from building_energy_monthly where month like '2024-%'"
    ).fetchall()[0]
    eui = dict(
        con.execute(
            """select b.name, sum(e.kwh) / b.heated_area_m2 from building_energy_monthly e join buildings b
               using (building_id) where e.month like '2024-%' group by b.name, b.heated_area_m2"""
        ).fetchall()
    )
    con.close()
    cards = {m.label: m.value for m in at.metric}
    assert cards["Energy, MWh"] == f"{kwh / 1000:,.0f}" and cards["Buildings"] == str(buildings)
    ranking = at.dataframe[0].value
    for name, value in zip(ranking["name"], ranking["eui"], strict=True):
        if value == value:
            assert value == pytest.approx(eui[name])
    # The month picked in the URL: the gas billed three times over in January 2024 is listed.
    findings = at.dataframe[1].value
    assert {"Far from the same month last year", "Month far outside this building's usual for the season"} <= set(
        findings["rule_label"]
    )


def test_building_page_explains_the_baseline_and_the_saving(demo: Path) -> None:
    con = connect(demo)
    building_id, avoided = con.execute(
        "select building_id, avoided_kwh from energy_baselines where retrofit_date is not null and utility = 'gas' "
        "order by building_id limit 1"
    ).fetchall()[0]
    con.close()
    at = run_page("building", "en", building=building_id, utility="gas")
    assert_clean(at)
    assert at.segmented_control(key="utility").value == "gas"
    text = " ".join(m.value for m in at.markdown)
    assert "**Model:**" in text and "ASHRAE Guideline 14" in text
    assert f"used {avoided / 1000:,.1f} MWh less" in text


def _deck_layers(at: AppTest) -> list[str]:
    import json

    return [layer["id"] for layer in json.loads(at.get("deck_gl_json_chart")[0].proto.json)["layers"]]


def test_the_map_is_drawn_first_each_place_a_shape_to_choose(demo: Path, settings) -> None:
    """Without ?zoom=1 the map is an SVG drawn on the server: one shape per settlement of the hromada, named."""
    import json
    import re

    at = run_page("map", "uk", place="UA74100250010077513")
    assert_clean(at)
    assert at.get("deck_gl_json_chart") == [] or len(at.get("deck_gl_json_chart")) == 0
    svg = json.loads(at.get("bidi_component")[0].proto.json)["svg"]
    keys = re.findall(r'<path[^>]* data-key="(UA\d+)"', svg)
    con = connect(demo)
    drawn = {
        r[0]
        for r in con.execute(
            """select a.katottg from geo_areas a join settlements s using (katottg)
               where a.level = 'settlement' and s.hromada_katottg = ?""",
            [settings.katottg],
        ).fetchall()
    }
    con.close()
    assert set(keys) == drawn and len(keys) == len(set(keys)) > 30
    assert 'aria-pressed="true" class="area chosen"' in svg  # the place from the URL, outlined
    assert "<text" in svg and "Михайло-Коцюбинське" in svg


def test_map_place_and_layers_come_from_the_url(demo: Path, settings) -> None:
    district = "Старостинський округ № 6 (Старик)"
    at = run_page("map", "uk", measure="appeals_per_1000", areas="district", place=district, projects="0", zoom="1")
    assert_clean(at)
    assert at.selectbox(key="measure").value == "appeals_per_1000"
    assert at.segmented_control(key="areas").value == "district"
    assert at.subheader[0].value == district
    assert "projects" not in _deck_layers(at) and "areas" in _deck_layers(at) and "buildings" in _deck_layers(at)
    from hromada.metrics import geo

    con = connect(demo)
    row = geo.district_measures(con, settings.katottg).set_index("katottg").loc[district]
    con.close()
    cards = {m.label: m.value for m in at.metric}
    assert cards["Мешканці"] == f"{int(row['population']):,}".replace(",", "\u202f")


def test_map_without_geodata_falls_back_to_settlement_points(tmp_path: Path, use_warehouse) -> None:
    register = "katottg,lat,lon,population\r\nUA74100250010077513,51.45,31.08,5000\r\n"
    kat = ROOT.parent / "shared" / "samples" / "katottg"
    codifier = next(kat.glob("kodifikator-16-05-2025_UA74100250*.csv"), None) if kat.exists() else None
    if codifier is None:
        pytest.skip("samples not available")
    db, _ = build_from(tmp_path, {"katottg/k.csv": codifier.read_text(encoding="utf-8"), "settlements/s.csv": register})
    use_warehouse(db)
    at = run_page("map", "en", zoom="1")
    assert_clean(at)
    assert any("No boundaries loaded" in c.value for c in at.caption)
    assert _deck_layers(at)[0] == "areas"  # settlement points, clickable like areas


def test_a_daily_read_building_says_its_model_is_fitted_on_days(demo: Path) -> None:
    con = connect(demo)
    building, points = con.execute(
        "select building_id, baseline_points from energy_baselines where resolution = 'day'"
    ).fetchall()[0]
    con.close()
    at = run_page("building", "en", building=building, utility="gas")
    assert_clean(at)
    text = " ".join(m.value for m in at.markdown)
    assert f"{points:,} days of daily readings" in text and "(limit 30 %)" in text


def test_a_warehouse_from_an_older_version_asks_for_a_rebuild(tmp_path: Path, use_warehouse) -> None:
    import duckdb

    from hromada.db import contract_gaps

    db, _ = build_from(tmp_path, {"openbudget/a_month.csv": income_csv("01.2024;T;2551400000;11010100;ПДФО;1;0;1")})
    with duckdb.connect(str(db)) as con:
        assert contract_gaps(con) == []
        con.execute("alter table energy_baselines drop column resolution")  # as built before daily models
        con.execute("drop table geo_areas")
        assert contract_gaps(con) == ["energy_baselines.resolution", "geo_areas"]
    use_warehouse(db)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    assert "older version" in at.error[0].value and "energy_baselines.resolution" in at.error[0].value
    assert not at.title  # no page runs on it


def test_bulletin_page_reads_without_the_pdf_fonts(demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from hromada import bulletin

    monkeypatch.setattr(bulletin, "FONT_DIR", Path("/nonexistent"))
    at = run_page("bulletin", "en", place="UA74100250010077513", period="2026-09")
    assert_clean(at)
    assert at.warning and "DejaVu Sans" in at.warning[0].value
    assert any("Your appeals" in m.value for m in at.markdown)


def test_large_print_enlarges_the_charts_and_stays_in_the_url(demo: Path) -> None:
    import json

    at = run_page("money", "uk", large="1")
    assert_clean(at)
    assert at.session_state["large_print"] is True and at.query_params["large"] in ("1", ["1"])
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["font"]["size"] >= 16
    plain = run_page("money", "uk")
    assert "large" not in plain.query_params
    assert json.loads(plain.get("plotly_chart")[0].proto.spec)["layout"]["font"].get("size") is None


def test_a_place_button_opens_the_place(demo: Path) -> None:
    at = run_page("map", "uk")
    assert_clean(at)
    buttons = at.button_group(key="place_buttons")
    assert len(buttons.options) == 42  # every settlement, large enough for a finger
    buttons.set_value("UA74100250010077513").run()
    assert_clean(at)
    assert at.session_state["place"] == "UA74100250010077513"
    assert at.query_params["place"] in ("UA74100250010077513", ["UA74100250010077513"])


def test_captions_name_the_hromada_not_its_budget_code(demo: Path, settings) -> None:
    for lang in ("uk", "en"):
        at = run_page("money", lang)
        captions = [c.value for c in at.caption]
        assert any(settings.name(lang) in c for c in captions)
        assert not any(settings.budget_code in c for c in captions)


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_budget_compares_with_similar_hromadas(demo: Path, lang: str) -> None:
    at = run_page("budget", lang, tab="peers")
    assert_clean(at)
    cards = {m.label: m.value for m in at.metric}
    place = cards[t("peers.card_place", lang)]
    settings = load_settings()
    con = connect(demo)
    period = bm.period_for(con, settings.budget_code, 2026)
    comparison = peer_metrics.compare(con, period, settings.peers)
    narrower = peer_metrics.compare(con, period, replace(settings.peers, same_oblast=True))
    con.close()
    standing = comparison.standing("own_per_resident")
    assert place == t("peers.place", lang, place=standing["place"], of=standing["of"])
    captions = " ".join(c.value for c in at.caption)
    assert "2022" in captions and number(comparison.without_period, lang=lang) in captions  # population year, left out
    # Narrowing to the same oblast leaves fewer peers: the place is out of fewer.
    at.toggle(key="switch_pobl").set_value(True).run()
    assert_clean(at)
    assert at.query_params["pobl"] == "1"
    narrowed = {m.label: m.value for m in at.metric}[t("peers.card_place", lang)]
    fewer = narrower.standing("own_per_resident")
    assert fewer["of"] < standing["of"]
    assert narrowed == t("peers.place", lang, place=fewer["place"], of=fewer["of"])


@pytest.mark.parametrize(("page", "lang"), [("overview", "uk"), ("profile", "en")])
def test_overview_and_profile_say_where_the_hromada_stands(demo: Path, page: str, lang: str) -> None:
    at = run_page(page, lang)
    assert_clean(at)
    link = next(link for link in at.main.get("page_link") if link.proto.label == t("peers.tab_link", lang))
    assert link.proto.page == "budget"
    assert parse_qs(link.proto.query_string) == (
        {"tab": ["peers"]} if lang == "uk" else {"tab": ["peers"], "lang": ["en"]}
    )
    summary = next(m.value for m in at.markdown if t("peers.type_settlement", lang) in m.value)
    assert "**" in summary  # the hromada's own figure, in bold
