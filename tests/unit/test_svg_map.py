"""The server-drawn map: every place a shape that can be chosen, names and titles escaped, the same layers."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pandas as pd

from hromada import svg_map

SQUARE = [[[30.0, 50.0], [30.1, 50.0], [30.1, 50.1], [30.0, 50.1], [30.0, 50.0]]]
EAST = [[[30.1, 50.0], [30.2, 50.0], [30.2, 50.1], [30.1, 50.1], [30.1, 50.0]]]
NS = {"s": "http://www.w3.org/2000/svg"}


def _drawn(**kwargs) -> ET.Element:
    base = {
        "areas": [
            {"key": "UA1", "label": "Линея: 5 <b>", "fill": [10, 20, 30, 170], "polygon": SQUARE},
            {"key": "UA2", "label": "Рудня: 7", "fill": [40, 50, 60, 170], "polygon": EAST},
        ],
        "points": None,
        "outlines": [{"label": "громада", "polygon": SQUARE, "own": True}],
        "projects": pd.DataFrame(
            {"lat": [50.05], "lon": [30.05], "fill": [[0, 158, 115, 235]], "label": ["Дорога & міст"], "key": ["UA1"]}
        ),
        "buildings": None,
        "appeals": pd.DataFrame({"lat": [50.02], "lon": [30.15], "appeals": [9]}),
        "names": pd.DataFrame(
            {"lat": [50.05, 50.05], "lon": [30.05, 30.15], "name": ["Линея", "Рудня"], "priority": [2, 1]}
        ),
        "selected": "UA2",
        "label": "Карта",
    }
    drawing = svg_map.svg_map(**{**base, **kwargs})
    return ET.fromstring(drawing)  # noqa: S314 -- our own drawing; well-formed XML means nothing went unescaped


def test_each_place_is_one_shape_a_finger_or_the_keyboard_can_choose() -> None:
    svg = _drawn()
    areas = svg.findall("s:path[@data-key]", NS)
    assert [a.get("data-key") for a in areas] == ["UA1", "UA2"]
    assert all(a.get("role") == "button" and a.get("tabindex") == "0" for a in areas)
    assert areas[0].get("aria-label") == "Линея: 5 <b>"  # escaped in the markup, read as text
    assert areas[1].get("aria-pressed") == "true" and "chosen" in areas[1].get("class")


def test_layers_are_drawn_bottom_to_top_as_on_the_zoomable_map() -> None:
    svg = _drawn()
    kinds = [e.get("class") for e in svg if e.get("class")]
    assert kinds == ["area", "area chosen", "boundary", "appeal", "project-rim", "project", "names"]
    project = svg.find("s:path[@class='project']", NS)
    assert project.get("stroke") == "rgba(0,158,115,1.00)" and project.get("d").count("h0") == 1  # one dot
    assert [t.text for t in svg.find("s:g[@class='names']", NS)] == ["Линея", "Рудня"]  # the larger place first


def test_the_drawing_keeps_the_shape_of_the_land() -> None:
    svg = _drawn(outlines=None, projects=None, appeals=None, names=None)
    width, height = (float(v) for v in svg.get("viewBox").split()[2:])
    # 0.2° of longitude by 0.1° of latitude at 50° N: twice as wide, less the longitude's shrinking (cos 50°).
    drawn_width, drawn_height = width - 2 * svg_map.MARGIN_X, height - 2 * svg_map.MARGIN_Y
    assert abs(drawn_width / drawn_height - 2 * 0.6428) < 0.01
