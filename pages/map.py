"""The hromada on a map (residents): settlements or starosta districts coloured by a measure, projects, public
buildings and appeals; click a place to see what was invested and built there, compared with the rest."""

from functools import partial

import streamlit as st

from hromada import bulletin, colour_scale, column_formats, energy_ui, place_map, row_links, svg_map, ui
from hromada.formatting import money, number
from hromada.i18n import t
from hromada.metrics import geo

MAX_PLACE_BUTTONS = 120  # the largest hromadas have about a hundred settlements

ctx = ui.context()
ui.page_header("map.title", "map.intro")
if ctx.con is None:
    ui.require_data(ctx)
con, lang, settings = ctx.con, ctx.lang, ctx.settings
settlements = geo.settlement_measures(con, settings.katottg)
if settlements.empty:
    st.info(t("map.no_data"), icon=":material/map:")
    st.stop()

present = geo.levels(con)
level_options = [lv for lv in ("settlement", "district") if present.get(lv)] or ["settlement"]
measure = ui.url_choice(
    st.selectbox, t("map.measure"), list(geo.MEASURES), "measure", format_func=lambda m: t(f"map.measure_{m}")
)
left, right = st.columns([3, 2])
with left:
    level = ui.url_choice(
        st.segmented_control, t("map.areas"), level_options, "areas", format_func=lambda lv: t(f"map.level_{lv}")
    )


with right, st.container(horizontal=True, wrap=True, gap="medium"):  # the switches wrap, never cut to "Про…"
    show_projects = ui.url_switch(t("map.layer_projects"), "projects")
    show_buildings = ui.url_switch(t("map.layer_buildings"), "buildings")
    show_appeals = ui.url_switch(t("map.layer_appeals"), "appeals")
    # The drawn map shows at once on any phone; the zoomable one (WebGL) pans and zooms but starts slower.
    zoomable = ui.url_switch(t("map.zoomable"), "zoom", default=False)

places = settlements if level == "settlement" else geo.district_measures(con, settings.katottg)
name_col = "name_en" if lang == "en" else "name_uk"
names = dict(zip(places["katottg"], places[name_col], strict=True))


def value_text(value: float | None) -> str:
    if value is None or value != value:
        return "—"
    return money(value) if measure in ("spent_uah",) else number(value, 1 if measure == "appeals_per_1000" else 0)


# A click on the map chose a place on the last run: it becomes the URL's place before the picker is drawn.
# A marker's key is its settlement: at district level that opens the district it belongs to.
district_of = (
    {code: row["katottg"] for _, row in places.iterrows() for code in str(row["settlements"]).split()}
    if level == "district"
    else {}
)


def chosen_on_map(key: str | None) -> bool:
    """A place tapped or clicked on either map becomes the picker's place; True when that changed the place."""
    key = district_of.get(key, key)
    if key not in names or key == st.session_state.get("place"):
        return False
    st.session_state["place"] = key
    st.session_state["place_from_map"] = True  # bring its panel into view (on a phone it is above the map)
    return True


clicked = st.session_state.get("place_map")
if clicked and getattr(clicked, "selection", None):
    picked = [objs[0] for objs in clicked.selection.get("objects", {}).values() if objs]
    chosen_on_map(picked[0].get("key") if picked else None)

area_shapes = geo.areas(con, level)
drawn = area_shapes[area_shapes["key"].isin(places["katottg"])] if not area_shapes.empty else area_shapes
by_key = places.set_index("katottg")
centre = (settings.centre_lat, settings.centre_lon)
classes, limits = colour_scale.quantile_classes(places[measure])
colour_of = dict(zip(places["katottg"], colour_scale.class_colours(classes, max(len(limits) - 1, 1)), strict=True))
if not drawn.empty:
    values = by_key.loc[drawn["key"], measure]
    labels = [f"{names[k]}: {value_text(v)}" for k, v in zip(drawn["key"], values, strict=True)]
    areas_fc, points = place_map.area_features(drawn, [colour_of[k] for k in drawn["key"]], labels), None
else:
    areas_fc = None
    points = places.dropna(subset=["lat", "lon"]).copy()
    points["key"] = points["katottg"]
    points["fill"] = [colour_of[k] for k in points["katottg"]]
    points["radius"] = (points["population"].fillna(50).clip(lower=50) ** 0.5) * 18
    points["label"] = [f"{names[k]}: {value_text(v)}" for k, v in zip(points["katottg"], points[measure], strict=True)]
outlines = geo.outlines(con)
status_names = {s: t(f"statuses.{s}") for s in place_map.STATUS_COLOURS}
projects = geo.project_points(con) if show_projects else None
if projects is not None:
    projects = place_map.project_markers(
        projects,
        status_names,
        "title_en" if lang == "en" else "title_uk",
        {code: ui.label("sectors", code) for code in projects["sector"].dropna().unique()},
    )
buildings = geo.building_points(con) if show_buildings else None
if buildings is not None:
    eui_text = {
        b: f"{number(v)} {t('energy.eui')}"
        for b, v in zip(buildings["building_id"], buildings["eui"], strict=True)
        if v == v
    }
    buildings = place_map.building_markers(buildings, eui_text)
located = areas_fc is not None or not points.empty
layers = {
    "areas": areas_fc,
    "points": points,
    "outlines": place_map.outline_features(outlines) if not outlines.empty else None,
    "projects": projects,
    "buildings": buildings,
    "appeals": geo.appeal_cells(con) if show_appeals else None,
    "names": places.dropna(subset=["lat", "lon"])
    .rename(columns={name_col: "name"})
    .assign(priority=lambda f: f["population"].fillna(0).clip(upper=1000) / 1000 * 999),
}
if located and zoomable:
    deck = place_map.place_deck(**layers, view=place_map.fitted_view(areas_fc, points), basemap=settings.basemap)


def pick_place() -> None:
    """A place button pressed: it becomes the picker's value before the page runs again."""
    if st.session_state.get("place_buttons"):
        st.session_state["place"] = st.session_state["place_buttons"]


# The printable map and its table are drawn only when their tab is opened: the charting library they need would
# otherwise load before the map itself.
tab_map, tab_print = st.tabs([t("map.tab_map"), t("map.tab_print")], key="map_tab", on_change="rerun")
with tab_map:
    # The panel first: on a phone the columns stack, and the place's picker and figures then sit above the map.
    panel_col, map_col = st.columns([2, 3])
    panel = panel_col.container(key="place_panel")
    with map_col:
        if not located:
            st.info(t("map.no_coordinates"), icon=":material/location_off:")
        elif zoomable:
            st.pydeck_chart(deck, on_select="rerun", selection_mode="single-object", key="place_map", height=560)
        else:
            current = st.session_state.get("place") or st.query_params.get("place")  # the picker comes later
            drawing = svg_map.svg_map(**layers, selected=current, label=t("map.title"))
            tapped = svg_map.component()(data={"svg": drawing}, key="place_svg", on_picked_change=lambda: None)
            if tapped and chosen_on_map(tapped.picked):
                st.rerun()  # drawn again with the place outlined and its panel open
        if geo.is_approximate(con):
            st.caption(t("map.approximate"))
        if areas_fc is None:
            st.caption(t("map.points_only"))
        if limits:
            ui.swatch_legend(
                t(f"map.measure_{measure}"),
                [(ui.css_colour(rgb), words) for rgb, words in colour_scale.class_ranges(limits, lang)],
            )
        if show_projects:
            ui.swatch_legend(
                t("map.status_legend"),
                [(ui.css_colour(rgb), t(f"statuses.{status}")) for status, rgb in place_map.STATUS_COLOURS.items()],
            )
        if show_appeals:
            ui.swatch_legend(t("map.appeals_legend"), [(ui.css_colour(place_map.APPEAL_COLOUR), t("map.appeals_more"))])
        if show_buildings:
            ui.swatch_legend(
                t("map.buildings_legend"),
                [
                    (ui.css_colour(colour_scale.marker_colour(share)), t(f"map.buildings_{end}"))
                    for share, end in ((0.0, "less"), (0.5, "middle"), (1.0, "more"))
                ],
            )
    with panel:
        if st.session_state.pop("place_from_map", False):
            ui.scroll_into_view("place_panel")
        options = ["", *sorted(names, key=lambda k: names[k])]
        place = ui.url_choice(
            st.selectbox, t("map.place"), options, "place", format_func=lambda k: names.get(k) or t("map.pick")
        )
        average = geo.hromada_average(settlements)
        if not place and len(options) - 1 <= MAX_PLACE_BUTTONS:
            # Every place as a button large enough for a finger, wrapped over lines rather than scrolled sideways.
            # Beyond a hromada's few dozen, a wall of buttons helps nobody: the picker above searches as you type.
            st.html("<style>.st-key-place_buttons div { flex-wrap: wrap !important; }</style>")
            st.pills(  # no need to find it on the map
                t("map.places_list"),
                options[1:],
                format_func=lambda k: names[k],
                key="place_buttons",
                on_change=pick_place,
            )
        if not place:
            st.info(t("map.click_hint"), icon=":material/touch_app:")
            ui.metric_row(
                [
                    (t("map.invest_per_resident"), number(average["invest_per_resident"])),
                    (t("map.appeals_per_1000"), number(average["appeals_per_1000"], 1)),
                ]
            )
        else:
            row = by_key.loc[place]
            st.subheader(names[place])
            codes = str(row["settlements"]).split() if level == "district" else [place]
            if level == "district":
                st.caption(", ".join(ui.md_escape(n) for n in settlements.set_index("katottg").loc[codes, name_col]))
            ui.metric_row(
                [
                    (t("map.residents"), number(row["population"])),
                    (
                        t("map.invest_per_resident"),
                        number(row["invest_per_resident"]),
                        t("map.vs_hromada", value=number(average["invest_per_resident"])),
                    ),
                ]
            )
            ui.metric_row(
                [
                    (t("map.projects"), number(row["projects"])),
                    (
                        t("map.appeals_per_1000"),
                        number(row["appeals_per_1000"], 1),
                        t("map.vs_hromada", value=number(average["appeals_per_1000"], 1)),
                    ),
                    (
                        t("map.measure_internet_pct"),
                        number(row["internet_pct"]),
                        t("map.vs_hromada", value=number(average["internet_pct"])),
                    ),
                ]
            )
            here = geo.project_points(con, codes)
            if not here.empty:
                opener = row_links.buttons(
                    here,
                    "link",
                    page="projects",
                    targets=[{"project": p} for p in here["project_id"]],
                    key="map_projects_open",
                )
                here["title"] = here["title_en" if lang == "en" else "title_uk"]
                here["status_label"] = [status_names.get(s, s) for s in here["status"]]
                column_formats.table(
                    here[["link", "title", "status_label", "progress_pct"]],
                    hide_index=True,
                    width="stretch",
                    column_config=column_formats.config(
                        {
                            **opener,
                            "title": st.column_config.TextColumn(t("map.project"), width="large"),
                            "status_label": t("cols.status"),
                            "progress_pct": t("cols.progress"),
                        }
                    ),
                )
            else:
                st.caption(t("map.no_projects"))
            built_here = geo.building_points(con, codes)
            if not built_here.empty:
                opener = energy_ui.building_columns(built_here, "map_buildings_open")
                column_formats.table(
                    built_here[["link", "name", "eui"]],
                    hide_index=True,
                    width="stretch",
                    column_config=column_formats.config({**opener, "eui": t("energy.eui")}),
                )
            if level == "settlement":
                ui.page_link("built", t("map.what_is_built"), ":material/engineering:", village=place)
            latest = bulletin.months(con, settings.budget_code, 1)
            if latest and bulletin.can_print():  # made only when clicked, on its own cursor
                st.download_button(
                    t("bulletin.download"),
                    data=partial(bulletin.pdf_for, con, settings, place, latest[0], lang),
                    file_name=f"bulletin_{latest[0]}.pdf",
                    mime="application/pdf",
                    icon=":material/print:",
                    help=t("bulletin.help"),
                )
                ui.page_link("bulletin", t("bulletin.other_months"), ":material/newspaper:", place=place)

with tab_print:
    if tab_print.open:
        if drawn.empty:
            st.caption(t("map.points_only"))
        else:
            ui.chart(
                place_map.printable_choropleth(
                    drawn,
                    by_key.loc[drawn["key"], measure].reset_index(drop=True),
                    drawn["key"].map(names),
                    {
                        "title": t("map.print_title", measure=t(f"map.measure_{measure}")),
                        "measure": t(f"map.measure_{measure}"),
                    },
                    centre,
                    lang,
                ),
                "map_print",
            )
        table = places[
            [
                "katottg",
                name_col,
                "population",
                "projects",
                "invest_uah",
                "invest_per_resident",
                "spent_uah",
                "appeals_per_1000",
                "buildings",
                "internet_pct",
            ]
        ].sort_values(measure if measure in places else name_col, ascending=False)
        column_formats.table(
            table.drop(columns=["katottg"]),
            hide_index=True,
            width="stretch",
            column_config=column_formats.config(
                {
                    name_col: t("map.place"),
                    "population": t("map.residents"),
                    "projects": t("map.projects"),
                    "invest_uah": t("map.invest_uah"),
                    "invest_per_resident": t("map.invest_per_resident"),
                    "spent_uah": t("map.measure_spent_uah"),
                    "appeals_per_1000": t("map.appeals_per_1000"),
                    "buildings": t("map.measure_buildings"),
                    "internet_pct": column_formats.number(t("map.measure_internet_pct")),
                }
            ),
        )
        st.caption(t("map.measures_help"))
