"""The residents' map: measures per place against independent sums, colour classes, and the layers drawn."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pandas as pd
import pytest

from hromada import colour_scale, place_map
from hromada.db import connect
from hromada.metrics import geo


@pytest.fixture()
def con(demo_warehouse: Path):
    connection = connect(demo_warehouse)
    yield connection
    connection.close()


def test_per_resident_measures_equal_independent_sums(con, settings) -> None:
    measures = geo.settlement_measures(con, settings.katottg).set_index("katottg")
    population = dict(con.execute("select katottg, population from settlements").fetchall())
    invested, count = defaultdict(float), defaultdict(int)
    for code, status, budget in con.execute("select settlement_katottg, status, budget_uah from projects").fetchall():
        if status != "cancelled":
            count[code] += 1
        if status in ("procurement", "implementation", "completed"):
            invested[code] += float(budget)
    appeals = dict(con.execute("select settlement_katottg, count(*) from appeals group by 1").fetchall())
    for code, row in measures.iterrows():
        assert row["projects"] == count[code]
        assert row["invest_per_resident"] == pytest.approx(invested[code] / population[code])
        assert row["appeals_per_1000"] == pytest.approx(1000 * appeals.get(code, 0) / population[code])
    whole = geo.hromada_average(measures.reset_index())
    assert whole["invest_per_resident"] == pytest.approx(sum(invested.values()) / sum(population.values()))


def test_districts_add_up_their_settlements(con, settings) -> None:
    settlements = geo.settlement_measures(con, settings.katottg).set_index("katottg")
    districts = geo.district_measures(con, settings.katottg)
    assert len(districts) == 8
    assert districts["population"].sum() == settlements["population"].sum()  # every settlement in one district
    for _, d in districts.iterrows():
        members = d["settlements"].split()
        assert d["invest_uah"] == pytest.approx(settlements.loc[members, "invest_uah"].sum())


def test_quantile_classes_and_their_colours() -> None:
    values = pd.Series([0, 0, 10, 20, 30, 1000, None])
    classes, limits = colour_scale.quantile_classes(values, 4)
    assert classes[-1] is None and classes[0] == 0 and classes[5] == len(limits) - 2  # the top class
    assert limits[0] == 0 and limits[-1] == 1000
    colours = colour_scale.class_colours(classes, len(limits) - 1)
    assert colours[-1][:3] == [200, 200, 200]  # unknown: grey
    assert colours[0] != colours[5]


def test_the_deck_has_the_layers_asked_for_and_fits_the_areas(con, settings) -> None:
    areas = geo.areas(con, "settlement")
    rows = place_map.area_features(areas, [[1, 2, 3, 170]] * len(areas), ["x"] * len(areas))
    view = place_map.fitted_view(rows, None)
    lats = [xy[1] for r in rows for xy in r["polygon"][0]]
    assert min(lats) < view.latitude < max(lats)
    projects = place_map.project_markers(geo.project_points(con), {}, "title_uk")
    deck = place_map.place_deck(
        areas=rows,
        points=None,
        outlines=place_map.outline_features(geo.outlines(con)),
        projects=projects,
        buildings=None,
        appeals=geo.appeal_cells(con),
        view=view,
    )
    assert [layer.id for layer in deck.layers] == ["areas", "neighbours", "boundary", "appeals", "projects"]
    assert deck.map_provider is None  # offline: no basemap, nothing fetched
    assert set(map(tuple, projects["fill"])) <= {(*c, 235) for c in place_map.STATUS_COLOURS.values()}


def test_village_names_are_drawn_in_cyrillic_larger_places_first() -> None:
    import json

    import pydeck as pdk

    names = pd.DataFrame({"lat": [51.4, 51.41], "lon": [31.0, 31.01], "name": ["Зайці", "Льгів"], "priority": [9, 1]})
    deck = place_map.place_deck(
        areas=None,
        points=None,
        outlines=None,
        projects=None,
        buildings=None,
        appeals=None,
        view=pdk.ViewState(latitude=51.4, longitude=31.0, zoom=10),
        names=names,
    )
    (layer,) = [layer for layer in json.loads(deck.to_json())["layers"] if layer["id"] == "names"]
    assert layer["@@type"] == "TextLayer" and layer["characterSet"] == "auto" and layer["sizeUnits"] == "pixels"
    assert [row["name"] for row in layer["data"]] == ["Зайці", "Льгів"]
    assert layer["extensions"] == [{"@@type": "CollisionFilterExtension"}] and not layer["pickable"]


def test_the_colour_legend_names_each_class_range_in_the_readers_language() -> None:
    from hromada import colour_scale

    ranges = colour_scale.class_ranges([0, 5557.4, 15904, 103799], "uk")
    n = "\u202f"
    assert [words for _, words in ranges] == [f"0 – 5{n}557", f"5{n}557 – 15{n}904", f"15{n}904 – 103{n}799"]
    colours = [colour for colour, _ in ranges]
    assert colours == colour_scale.class_colours([0, 1, 2], 3, alpha=255)  # the map's own colours, in order
