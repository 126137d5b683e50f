"""The comparison with other hromadas: the register's bad rows with line, column and reason; the pre-aggregates
against sums of the lines; who is a peer under each rule, who is left out for lack of figures, and the standing
worked out by hand."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from demo.national import OBLASTS, national_register
from hromada.db import connect
from hromada.metrics import budget as bm
from hromada.metrics import peers as pm
from hromada.settings import PeerSettings, load_settings
from tests.helpers import build_from, fetch

REGISTER = (
    "budget_code;katottg;name;oblast;type;population;population_year;source\r\n"
    "2551400000;UA74100250000038291;Наша селищна;Чернігівська;селищна;10000;2022;Держстат, 1 січня 2022\r\n"
    "2551800000;UA74100210000053397;Сусідня селищна;Чернігівська;селищна;12000;2022;Держстат, 1 січня 2022\r\n"
    "1310100000;UA46100000000000001;Львівська сільська;Львівська;village;5000;2022;Держстат, 1 січня 2022\r\n"
    "0210100000;UA05100000000000001;Вінницька селищна;Вінницька;Settlement;15000;2022;Держстат, 1 січня 2022\r\n"
    "0210200000;UA05100000000000002;Без даних селищна;Вінницька;селищна;11000;2022;Держстат, 1 січня 2022\r\n"
    "ABC;UA05100000000000003;Код літерами;Вінницька;селищна;11000;2022;Держстат\r\n"
    "0210300000;UA05100000000000004;Хутір;Вінницька;хутірська;100;2022;Держстат\r\n"
    "0210400000;UA05100000000000005;Порожня;Вінницька;сільська;0;2022;Держстат\r\n"
    "0210500000;UA05100000000000006;Без джерела;Вінницька;сільська;100;2022;\r\n"
)
INCOME_HEADER = "REP_PERIOD;FUND_TYP;COD_BUDGET;COD_INCO;NAME_INC;ZAT_AMT;PLANS_AMT;FAKT_AMT\r\n"
FUNCTIONAL_HEADER = "REP_PERIOD;FUND_TYP;COD_BUDGET;COD_CONS_MB_FK;COD_CONS_MB_FK_NAME;ZAT_AMT;PLANS_AMT;FAKT_AMT\r\n"
# budget -> (own revenues to March 2026, to March 2025): transfers 500 000 each, plans 4 and 2 million.
OWN = {
    "2551400000": (1_000_000, 800_000),
    "2551800000": (1_800_000, 1_800_000),
    "1310100000": (1_000_000, 900_000),
    "0210100000": (750_000, 1_000_000),
}
EDUCATION = {"2551400000": 300_000, "2551800000": 600_000}  # functional 0910 to March 2026


def _incomes(budget: str, year: int, own: int) -> str:
    return INCOME_HEADER + (
        f"03.{year};T;{budget};11010100;ПДФО;4000000;0;{own}\r\n"
        f"03.{year};T;{budget};41030000;Субвенція;2000000;0;500000\r\n"
    )


def _files() -> dict[str, str]:
    files = {"hromadas/register.csv": REGISTER}
    for budget, (now, before) in OWN.items():
        files[f"openbudget/local_{budget}_INCOMES_2026_month.csv"] = _incomes(budget, 2026, now)
        files[f"openbudget/local_{budget}_INCOMES_2025_month.csv"] = _incomes(budget, 2025, before)
    for budget, amount in EDUCATION.items():
        files[f"openbudget/local_{budget}_EXPENSES_FUNCTIONAL_2026_month.csv"] = (
            FUNCTIONAL_HEADER + f"03.2026;T;{budget};0910;Загальна середня освіта;2000000;0;{amount}\r\n"
        )
    return files


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path, _ = build_from(tmp_path_factory.mktemp("peers"), _files())
    return path


@pytest.fixture()
def con(db: Path):
    connection = connect(db)
    yield connection
    connection.close()


PERIOD = bm.Period("2551400000", 2026, "month", 3)


def test_bad_register_rows_are_rejected_with_line_column_and_reason(db: Path) -> None:
    rejected = {
        line: (column, reason)
        for line, column, reason in fetch(
            db,
            "select line_number, column_name, reason from rejected_rows where file_path like 'hromadas/%'",
        )
    }
    assert rejected[7][0] == "budget_code" and "not an openbudget budget code" in rejected[7][1]
    assert rejected[8][0] == "type" and "'хутірська' is not a hromada type" in rejected[8][1]
    assert rejected[9][0] == "population"
    assert rejected[10] == ("source", "source is required")
    assert set(rejected) == {7, 8, 9, 10}
    kept = fetch(db, "select budget_code, hromada_type from hromada_register order by budget_code")
    assert kept == [
        ("0210100000", "settlement"),  # "Settlement" in English, any case
        ("0210200000", "settlement"),
        ("1310100000", "village"),
        ("2551400000", "settlement"),
        ("2551800000", "settlement"),
    ]


def test_pre_aggregates_are_the_sums_of_the_leaf_lines(demo_warehouse: Path) -> None:
    """budget_totals and budget_divisions against the lines summed here in pandas, for every period of the
    configured budget: the overview and the comparison read the former."""
    settings = load_settings()
    with duckdb.connect(str(demo_warehouse), read_only=True) as con:
        lines = con.execute(
            "select * from budget_lines where budget_code = ? and is_leaf and fund = 'total'", [settings.budget_code]
        ).df()
        totals = con.execute(
            "select * from budget_totals where budget_code = ? and fund = 'total'", [settings.budget_code]
        ).df()
        divisions = con.execute("select * from budget_divisions where budget_code = ?", [settings.budget_code]).df()
    assert len(totals) == lines.groupby(["year", "period_type", "month"]).ngroups > 12
    for _, row in totals.iterrows():
        period = lines[(lines["year"] == row["year"]) & (lines["month"] == row["month"])]
        income = period[period["direction"] == "income"]
        own = income[~income["code"].str.startswith("4")]
        spending = period[(period["direction"] == "expense") & (period["classification"] == "economic")]
        capital = spending[spending["code"].str.startswith("3")]
        assert float(row["income_ytd"]) == pytest.approx(float(income["executed_ytd_uah"].sum()))
        assert float(row["own_ytd"]) == pytest.approx(float(own["executed_ytd_uah"].sum()))
        assert float(row["own_plan"]) == pytest.approx(float(own["approved_uah"].sum()))
        assert float(row["expense_ytd"]) == pytest.approx(float(spending["executed_ytd_uah"].sum()))
        assert float(row["capital_ytd"]) == pytest.approx(float(capital["executed_ytd_uah"].sum()))
        by_area = period[(period["direction"] == "expense") & (period["classification"] == "functional")]
        expected = by_area.groupby(by_area["code"].str[:2])["executed_ytd_uah"].sum().astype(float)
        found = divisions[(divisions["year"] == row["year"]) & (divisions["month"] == row["month"])]
        assert found.set_index("division_code")["executed_ytd_uah"].astype(float).to_dict() == pytest.approx(
            expected.to_dict()
        )


def test_peers_by_the_default_rule_and_the_standing_by_hand(con) -> None:
    comparison = pm.compare(con, PERIOD, PeerSettings())
    assert comparison.band == (10_000, 20_000)
    # Same type and band: the neighbour (12 000) and the two in Vinnytsia oblast; the village (5 000) is not one.
    assert comparison.in_group == 3 and comparison.without_period == 1  # "Без даних" published nothing
    assert set(comparison.peers["budget_code"]) == {"2551800000", "0210100000"}
    assert comparison.in_register == 5
    own = comparison.standing("own_per_resident")
    # Ours 1 000 000 / 10 000 = 100; the peers 150 and 50.
    assert own == {"value": 100.0, "median": 100.0, "place": 2, "of": 3, "percentile": 0.5, "peers": 2}
    growth = comparison.standing("own_growth")
    assert growth["value"] == pytest.approx(0.25) and growth["place"] == 1  # peers 0 and -0.25
    execution = comparison.standing("income_execution")
    assert execution["value"] == pytest.approx(1_500_000 / 6_000_000)
    assert comparison.standing("capital_per_resident") is None  # no economic breakdown anywhere
    names = list(comparison.neighbours("own_per_resident", around=1)["name"])
    assert names == ["Сусідня селищна", "Наша селищна", "Вінницька селищна"]


@pytest.mark.parametrize(
    ("rule", "peers"),
    [
        (PeerSettings(same_oblast=True), {"2551800000"}),
        (PeerSettings(same_type=False), {"2551800000", "0210100000"}),  # the village is out of the band
        (PeerSettings(same_type=False, same_band=False), {"2551800000", "0210100000", "1310100000"}),
    ],
)
def test_each_condition_narrows_or_widens_the_group(con, rule: PeerSettings, peers: set[str]) -> None:
    assert set(pm.compare(con, PERIOD, rule).peers["budget_code"]) == peers


def test_spending_by_area_per_resident_against_the_peers_median(con) -> None:
    comparison = pm.compare(con, PERIOD, PeerSettings())
    df = pm.divisions(con, comparison, "en")
    row = df.set_index("division_code").loc["09"]
    assert row["own"] == pytest.approx(30.0) and row["peers_median"] == pytest.approx(50.0) and row["peers"] == 1


def test_a_hromada_missing_from_the_register_has_no_comparison(con) -> None:
    assert pm.compare(con, bm.Period("9999999999", 2026, "month", 3), PeerSettings()) is None


@pytest.mark.parametrize(
    ("population", "band"), [(4_999, (0, 5_000)), (10_000, (10_000, 20_000)), (2e6, (100_000, None))]
)
def test_population_bands(population: int, band: tuple) -> None:
    assert pm.band_of(int(population)) == band


def test_the_national_register_has_every_hromada_with_its_oblast_in_the_budget_code() -> None:
    register = national_register(load_settings())
    assert len(register) == sum(count for *_, count in OBLASTS) == 1469
    assert len({e.budget_code for e in register}) == len({e.katottg for e in register}) == 1469
    prefixes = {oblast: prefix for prefix, _, oblast, _ in OBLASTS}
    assert all(e.budget_code[:2] == prefixes[e.oblast] for e in register)
    types = pd.Series([e.hromada_type for e in register]).value_counts().to_dict()
    assert types == pytest.approx({"village": 625, "settlement": 436, "city": 408}, abs=2)


def test_names_from_the_register_are_inert_in_the_page_text(con) -> None:
    """The group's words and the caveat quote the register (a file): markdown in it must not become a link."""
    from hromada import peers_ui

    comparison = pm.compare(con, PERIOD, PeerSettings(same_oblast=True))
    own = {**comparison.own, "oblast": "[Чернігівська](http://example.com)", "population_source": "**Держстат**"}
    tampered = pm.Comparison(**{**comparison.__dict__, "own": own})
    assert "](http" not in peers_ui.group_text(tampered).replace("\\]", "")
    assert "\\*\\*Держстат\\*\\*" in peers_ui.caveats(tampered)
