"""Budget metrics on the demo warehouse, and the red-flag rules on hand-made figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from hromada.db import connect, query
from hromada.metrics import budget as bm
from hromada.metrics import lineage, territory
from tests.conftest import demo_file_count


@pytest.fixture(scope="module")
def con(demo_warehouse: Path):
    connection = connect(demo_warehouse)
    yield connection
    connection.close()


def test_period_prefers_the_latest_month(con, settings) -> None:
    assert bm.years(con, settings.budget_code) == [2026, 2025, 2024, 2023, 2022, 2021]
    assert bm.period_for(con, settings.budget_code, 2026) == bm.Period(settings.budget_code, 2026, "month", 10)
    assert bm.period_for(con, settings.budget_code, 1999) is None


def test_kpis_compare_the_same_months_of_last_year(con, settings) -> None:
    period = bm.period_for(con, settings.budget_code, 2026)
    k = bm.kpis(con, period, settings.population)
    # Last year's January–October, by another road: the monthly amounts the build derives, added up.
    by_month = con.execute(
        "select sum(executed_uah) from budget_lines where budget_code = ? and year = 2025 and period_type = 'month' "
        "and month <= 10 and fund = 'total' and is_leaf and direction = 'income'",
        [settings.budget_code],
    ).fetchone()[0]
    assert k.previous["income_ytd"] == pytest.approx(float(by_month))
    previous = k.previous
    assert k.change("income_ytd") == pytest.approx(
        (k.value("income_ytd") - previous["income_ytd"]) / previous["income_ytd"]
    )
    assert k.per_resident("own_ytd") == pytest.approx(k.value("own_ytd") / settings.population)
    assert k.value("own_ytd") + k.value("transfers_ytd") == pytest.approx(k.value("income_ytd"))
    first = bm.kpis(con, bm.period_for(con, settings.budget_code, 2021), settings.population)
    assert first.previous is None and first.change("income_ytd") is None


def _kpis(month: int, current: dict, previous: dict | None = None) -> bm.Kpis:
    return bm.Kpis(bm.Period("1", 2026, "month", month), current, previous, 1000)


@pytest.mark.parametrize(
    ("month", "current", "previous", "expected"),
    [
        (6, {"income_ytd": 50, "income_plan": 100}, None, []),
        (6, {"income_ytd": 39, "income_plan": 100}, None, ["flags.income_behind"]),
        (6, {"own_ytd": 90}, {"own_ytd": 100}, ["flags.own_down"]),
        (6, {"income_ytd": 100, "expense_ytd": 120}, None, ["flags.spending_exceeds_income"]),
        (9, {"expense_ytd": 50, "expense_plan": 100}, None, ["flags.spending_behind"]),
        (3, {"expense_ytd": 5, "expense_plan": 100}, None, []),  # too early in the year to judge spending
    ],
)
def test_red_flags(month: int, current: dict, previous: dict | None, expected: list[str]) -> None:
    assert [f.key for f in bm.red_flags(_kpis(month, current, previous))] == expected


def test_breakdown_sums_to_the_total_and_names_groups(con, settings) -> None:
    period = bm.period_for(con, settings.budget_code, 2025)
    totals = bm.totals(con, period)
    income = bm.breakdown(con, period, "income", "income", lang="en")
    assert income["executed_uah"].sum() == pytest.approx(totals["income_ytd"])
    assert "Personal income tax" in set(income["level2"])
    assert set(income["level1"]) <= {
        "Tax revenues",
        "Non-tax revenues",
        "Capital revenues",
        "Transfers from other budgets",
        "Target funds",
    }
    program = bm.breakdown(con, period, "expense", "program", lang="uk")
    assert program["executed_uah"].sum() == pytest.approx(totals["expense_ytd"])
    assert "Освіта" in set(program["level1"])


def test_monthly_series_and_year_comparison(con, settings) -> None:
    period = bm.period_for(con, settings.budget_code, 2026)
    monthly = bm.monthly(con, period, "income")
    assert sorted(monthly["year"].unique()) == [2025, 2026]
    this_year = monthly[monthly["year"] == 2026]
    assert list(this_year["month"]) == list(range(1, 11))
    assert this_year["executed_uah"].sum() == pytest.approx(this_year["executed_ytd_uah"].iloc[-1])
    by_year = bm.by_year(con, period.budget_code, "month", 10, "income", "income")
    assert sorted(by_year["year"].unique()) == list(range(2021, 2027))


def test_spending_by_division_shares(con, settings) -> None:
    period = bm.period_for(con, settings.budget_code, 2025)
    divisions = bm.spending_by_division(con, period, "en")
    assert divisions["share"].sum() == pytest.approx(1.0)
    assert divisions.iloc[0]["division"] == "Education"


def test_annual_history_marks_partial_years(con, settings) -> None:
    history = bm.annual_history(con, settings.budget_code)
    assert list(history["year"]) == list(range(2021, 2027))
    assert list(history["month"]) == [12] * 5 + [10]
    totals_2025 = bm.totals(con, bm.Period(settings.budget_code, 2025, "month", 12))
    row = history[history["year"] == 2025].iloc[0]
    assert row["income_uah"] == pytest.approx(totals_2025["income_ytd"])
    assert row["capital_uah"] == pytest.approx(totals_2025["capital_ytd"])


def test_lineage_and_territory(con, settings, demo_raw: Path) -> None:
    assert len(lineage.source_files(con)) == demo_file_count(demo_raw)
    assert lineage.rejected_count(con) == 9  # registry 2, council 1 unknown voter, petitions 3, programme 3
    coverage = lineage.coverage(con)
    assert set(coverage["last_month"]) == {10}
    places = territory.settlements(con, settings.katottg)
    assert len(places) == 42 and places.iloc[0]["name_uk"] == "Михайло-Коцюбинське"
    assert territory.category_counts(con, settings.katottg) == {"X": 3, "C": 39}


def test_queries_take_parameters_not_formatted_values(con) -> None:
    hostile = "2551400000' or 1=1 --"
    assert bm.years(con, hostile) == []
    assert query(con, "select count(*) as n from budget_lines where budget_code = ?", [hostile])["n"].iloc[0] == 0
