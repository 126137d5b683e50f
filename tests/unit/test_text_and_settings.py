"""Formatting, translations and settings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hromada import formatting
from hromada.i18n import catalogue, set_language, t
from hromada.settings import ROOT, SettingsError, load_settings

NNBSP = "\u202f"


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (168_400_000, "uk", "168,4 млн грн"),
        (168_400_000, "en", "UAH 168.4m"),
        (2_500_000_000, "uk", "2,5 млрд грн"),
        (16_500, "en", "UAH 16.5k"),
        (950, "uk", "950 грн"),
        (-1_200_000, "uk", "-1,2 млн грн"),
        (None, "uk", "—"),
        (float("nan"), "en", "—"),
    ],
)
def test_money(value, lang: str, expected: str) -> None:
    assert formatting.money(value, lang) == expected


def test_numbers_and_percentages() -> None:
    assert formatting.number(11600, lang="uk") == f"11{NNBSP}600"
    assert formatting.number(11600, lang="en") == "11,600"
    assert formatting.percent(0.953, "uk") == f"95,3{NNBSP}%"
    assert formatting.percent(0.953, "en") == "95.3%"
    assert formatting.signed_percent(-0.05, "en") == "-5.0%"
    assert formatting.signed_percent(0.05, "en") == "+5.0%"
    assert formatting.signed_percent(None) is None


def test_months_as_a_reader_writes_them() -> None:
    assert formatting.month("2026-10", "uk") == "10.2026"
    assert formatting.month("2023-01", "en") == "Jan 2023"
    assert formatting.month(None, "uk") == "—"


def test_units_in_the_readers_language() -> None:
    set_language("uk")
    assert [formatting.unit(u) for u in ("kWh", "m3", "Gcal", "t")] == ["кВт·год", "м³", "Гкал", "т"]
    assert formatting.unit("MWh") == "MWh"  # one we have no name for: as the data writes it
    set_language("en")
    assert formatting.unit("m3") == "m³"
    set_language("uk")


def test_catalogues_have_the_same_keys() -> None:
    assert set(catalogue("uk")) == set(catalogue("en"))


def test_placeholders_match_between_languages() -> None:
    uk, en = catalogue("uk"), catalogue("en")
    for key in uk:
        assert set(re.findall(r"{(\w+)}", uk[key])) == set(re.findall(r"{(\w+)}", en[key])), key


DYNAMIC_PREFIXES = (
    "map.buildings_",
    "peers.type_",
    "peers.m_",
    "attention.",
    "targets.",
    "staff.folder_",
    "staff.figure_",
    "staff.role_",
    "smart.mobile_",
    "flags.",
    "units.",
    "petition_status.",
    "glossary.",
    "building.points_",
    "building.period_",
    "building.change_",
    "map.measure_",
    "map.level_",
    "utilities.",
    "building_types.",
    "severity.",
    "energy_rules.",
    "energy.measure_",
    "energy.axis_",
    "data.status_",
    "data.fetch_status_",
    "data.source_",
    "sectors.",
    "statuses.",
    "forms.",
    "funding.",
    "pflags.",
    "risks.",
    "fields.",
    "invest.size_",
    "invest.sort_",
    "projects.show_",
    "deputies.vote_",
    "overview.petitions_answered_share",
    "overview.appeals_on_time_share",
    "overview.online_share",
    "overview.attendance",
    "deputies.result_",
    "months.",
    "budget.direction_",
    "budget.cls_",
    "budget.fund_",
    "budget.economic_",
    "categories.",
    "common.series_",
    "flags.",
)


def test_every_key_the_code_asks_for_exists_and_every_key_is_used() -> None:
    sources = [p for folder in ("pages", "hromada") for p in (ROOT / folder).rglob("*.py")] + [ROOT / "app.py"]
    text = "\n".join(p.read_text(encoding="utf-8") for p in sources)
    known = set(catalogue("uk"))
    asked = set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z0-9_]+)["']""", text))
    assert asked - known == set()
    literals = set(re.findall(r"""["']([a-z_]+\.[a-z0-9_]+)["']""", text))
    unused = {k for k in known - literals if not k.startswith(DYNAMIC_PREFIXES)}
    assert unused == set()


def test_t_uses_the_current_language_and_fills_placeholders() -> None:
    set_language("en")
    assert t("sidebar.year") == "Year"
    assert (
        t("overview.income_explain", done="80%", plan="UAH 1m", months="January")
        == "80% of the annual plan (UAH 1m) in January."
    )
    set_language("xx")
    assert t("sidebar.year") == "Рік"


def test_default_settings_name_the_hromada() -> None:
    s = load_settings()
    assert s.katottg == "UA74100250000038291"
    assert s.budget_code == "2551400000"
    assert s.name("en") == "Mykhailo-Kotsiubynske hromada"
    assert s.default_language == "uk"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[hromada]\nkatottg = 'UA1'\n", "needs a value for 'budget_code'"),
        ("[hromada\n", "Expected"),
        (
            (ROOT / "hromada.toml")
            .read_text(encoding="utf-8")
            .replace('default_language = "uk"', 'default_language = "de"'),
            "default_language",
        ),
        (
            (ROOT / "hromada.toml").read_text(encoding="utf-8").replace("population = 11600", "population = 0"),
            "population must be positive",
        ),
        (
            (ROOT / "hromada.toml")
            .read_text(encoding="utf-8")
            .replace("[deputies]\n", "[deputies]\nLinea = 'Іваненко'\n"),
            "list of names",
        ),
    ],
)
def test_bad_settings_say_what_is_wrong(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "s.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SettingsError, match=message):
        load_settings(path)


def test_missing_settings_file(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="not found"):
        load_settings(tmp_path / "none.toml")


def test_energy_and_money_scaled_for_cards() -> None:
    from hromada.formatting import mwh, scaled

    assert mwh(529_412.0, lang="en") == "529.4"
    assert mwh(529_412.0, lang="uk") == "529,4"
    assert mwh(None) == "—" and scaled(float("nan"), 1e6) == "—"
    assert scaled(1_619_000.0, 1e3, lang="en") == "1,619.0"
    assert scaled(9_708_500.3, 1e6, 2, lang="en") == "9.71"


def test_every_term_a_page_lists_is_explained_in_both_languages() -> None:
    from hromada import glossary

    known = set(glossary.terms())
    assert {name for names in glossary.PAGE_TERMS.values() for name in names} <= known
    for lang in ("uk", "en"):
        for name in known:
            assert catalogue(lang)[f"glossary.{name}.term"] and len(catalogue(lang)[f"glossary.{name}.text"]) > 20
