"""Budget metrics: every figure the budget pages show, aggregated in DuckDB.

Conventions (see docs/warehouse.md): sums use leaf lines only (`is_leaf`), so parent codes
published beside their children are never counted twice; the fund is 'total' (T = C + S)
unless a caller asks otherwise; "plan" is the annual plan approved by the council as of the
reporting period (`approved_uah`); year-on-year comparisons put the same months side by side.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from hromada.classification import economic_group, functional_division, income_class, income_group
from hromada.db import query, rows


@dataclass(frozen=True)
class Period:
    """A reporting point: a budget, a year, its series (monthly or quarterly) and the month reached."""

    budget_code: str
    year: int
    period_type: str
    month: int

    @property
    def is_full_year(self) -> bool:
        return self.month == 12


def budget_codes(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every budget in the warehouse (from the pre-aggregate: a national warehouse has tens of millions of lines)."""
    return [r[0] for r in rows(con, "select distinct budget_code from budget_totals order by 1")]


def budget_names(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Budget code -> hromada name: the codifier's (with the settings' budget code), else the register's."""
    return dict(
        rows(
            con,
            """
            select budget_code, name from hromada_register
            where budget_code not in (select budget_code from hromadas where budget_code is not null)
            union all
            select budget_code, name_uk from hromadas where budget_code is not null
            """,
        )
    )


def years(con: duckdb.DuckDBPyConnection, budget_code: str) -> list[int]:
    return [
        r[0]
        for r in rows(
            con, "select distinct year from budget_totals where budget_code = ? order by 1 desc", [budget_code]
        )
    ]


def period_for(con: duckdb.DuckDBPyConnection, budget_code: str, year: int) -> Period | None:
    """The latest published month of the year, preferring monthly series over quarterly ones."""
    found = rows(
        con,
        """
        select period_type, max(month) from budget_totals
        where budget_code = ? and year = ?
        group by period_type
        order by case period_type when 'month' then 0 else 1 end
        limit 1
        """,
        [budget_code, year],
    )
    if not found:
        return None
    return Period(budget_code, year, found[0][0], found[0][1])


def expense_classification(con: duckdb.DuckDBPyConnection, period: Period) -> str | None:
    """Which expense breakdown totals come from: economic (it shows capital spending) when present, else the
    programme, else the functional one — as the build chose it for budget_totals (etl/sql/15_budget_totals.sql)."""
    found = rows(
        con,
        "select any_value(expense_classification) from budget_totals"
        " where budget_code = ? and year = ? and period_type = ?",
        [period.budget_code, period.year, period.period_type],
    )
    return found[0][0] if found else None


TOTAL_KEYS = (
    "income_ytd",
    "income_plan",
    "own_ytd",
    "own_plan",
    "transfers_ytd",
    "expense_ytd",
    "expense_plan",
    "capital_ytd",
    "lines",
)


def totals(con: duckdb.DuckDBPyConnection, period: Period, fund: str = "total") -> dict[str, float | None]:
    """Year-to-date income, own revenues, transfers, spending and capital spending with their plans: one row of
    the build's budget_totals (etl/sql/15_budget_totals.sql), so the overview reads no lines at any scale."""
    found = rows(
        con,
        f"select {', '.join(TOTAL_KEYS)} from budget_totals "
        "where budget_code = ? and year = ? and period_type = ? and month = ? and fund = ?",
        [period.budget_code, period.year, period.period_type, period.month, fund],
    )
    if not found:
        return {**dict.fromkeys(TOTAL_KEYS), "lines": 0.0}
    return {k: (None if v is None else float(v)) for k, v in zip(TOTAL_KEYS, found[0], strict=True)}


@dataclass(frozen=True)
class Kpis:
    """The overview's figures for one period and the same months a year earlier."""

    period: Period
    current: dict[str, float | None]
    previous: dict[str, float | None] | None
    population: int

    def value(self, key: str) -> float | None:
        return self.current.get(key)

    def ratio(self, numerator: str, denominator: str, previous: bool = False) -> float | None:
        source = self.previous if previous else self.current
        if not source:
            return None
        num, den = source.get(numerator), source.get(denominator)
        return num / den if num is not None and den else None

    def change(self, key: str) -> float | None:
        """Relative change against the same months of the previous year."""
        if not self.previous:
            return None
        now, before = self.current.get(key), self.previous.get(key)
        return (now - before) / abs(before) if now is not None and before else None

    def per_resident(self, key: str) -> float | None:
        value = self.current.get(key)
        return value / self.population if value is not None and self.population else None


def kpis(con: duckdb.DuckDBPyConnection, period: Period, population: int) -> Kpis:
    current = totals(con, period)
    prev_period = Period(period.budget_code, period.year - 1, period.period_type, period.month)
    previous = totals(con, prev_period)
    return Kpis(period, current, previous if previous.get("lines") else None, population)


@dataclass(frozen=True)
class Flag:
    """A red flag on the overview: a translation key and the numbers it quotes."""

    key: str
    values: dict[str, float]


def red_flags(k: Kpis) -> list[Flag]:
    """Warnings a council member should see first. Thresholds are deliberately simple and stated."""
    flags: list[Flag] = []
    elapsed = k.period.month / 12
    income_done = k.ratio("income_ytd", "income_plan")
    if income_done is not None and income_done < elapsed - 0.10:
        flags.append(Flag("flags.income_behind", {"done": income_done, "elapsed": elapsed}))
    own_change = k.change("own_ytd")
    if own_change is not None and own_change < 0:
        flags.append(Flag("flags.own_down", {"change": own_change}))
    income, expense = k.value("income_ytd"), k.value("expense_ytd")
    if income is not None and expense is not None and expense > income:
        flags.append(Flag("flags.spending_exceeds_income", {"gap": expense - income}))
    spending_done = k.ratio("expense_ytd", "expense_plan")
    if spending_done is not None and k.period.month >= 6 and spending_done < elapsed - 0.20:
        flags.append(Flag("flags.spending_behind", {"done": spending_done, "elapsed": elapsed}))
    return flags


def monthly(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    direction: str,
    classification: str | None = None,
    fund: str = "total",
    years_back: int = 1,
) -> pd.DataFrame:
    """Per year and month: the period's amount, the year-to-date amount and the annual plan."""
    if classification is None:
        classification = "income" if direction == "income" else (expense_classification(con, period) or "economic")
    return query(
        con,
        """
        select year, month, sum(executed_uah) as executed_uah, sum(executed_ytd_uah) as executed_ytd_uah,
               sum(approved_uah) as plan_uah
        from budget_lines
        where budget_code = ? and year between ? and ? and period_type = ? and fund = ?
            and direction = ? and classification = ? and is_leaf
        group by year, month
        order by year, month
        """,
        [
            period.budget_code,
            period.year - years_back,
            period.year,
            period.period_type,
            fund,
            direction,
            classification,
        ],
    )


def breakdown(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    direction: str,
    classification: str,
    fund: str = "total",
    lang: str = "uk",
) -> pd.DataFrame:
    """Year-to-date amounts by code at the period, with the group levels above each code named."""
    return _by_code(
        con,
        period.budget_code,
        period.period_type,
        period.month,
        direction,
        classification,
        fund,
        lang,
        year=period.year,
    )


def by_year(
    con: duckdb.DuckDBPyConnection,
    budget_code: str,
    period_type: str,
    month: int,
    direction: str,
    classification: str,
    fund: str = "total",
    lang: str = "uk",
) -> pd.DataFrame:
    """Year-to-date amounts at the same month of every year, by code, with group levels."""
    return _by_code(con, budget_code, period_type, month, direction, classification, fund, lang)


def _by_code(
    con: duckdb.DuckDBPyConnection,
    budget_code: str,
    period_type: str,
    month: int,
    direction: str,
    classification: str,
    fund: str,
    lang: str,
    year: int | None = None,
) -> pd.DataFrame:
    """Leaf amounts at one month of one year (or of every year when year is None), by year and code."""
    df = query(
        con,
        """
        select year, code, any_value(name) as name, any_value(functional_code) as functional_code,
               sum(executed_ytd_uah) as executed_uah, sum(approved_uah) as plan_uah
        from budget_lines
        where budget_code = $budget and period_type = $ptype and month = $month and fund = $fund
            and direction = $direction and classification = $cls and is_leaf
            and ($year is null or year = $year)
        group by year, code
        order by year, executed_uah desc nulls last, code
        """,
        {
            "budget": budget_code,
            "ptype": period_type,
            "month": month,
            "fund": fund,
            "direction": direction,
            "cls": classification,
            "year": year,
        },
    )
    return add_levels(df, classification, lang)


def add_levels(df: pd.DataFrame, classification: str, lang: str) -> pd.DataFrame:
    """Name the groups above each code (level1 broadest), for treemaps and summaries."""
    df = df.copy()
    codes = df["code"].astype(str)
    if classification == "income":
        df["level1"] = [income_class(c, lang) for c in codes]
        df["level2"] = [income_group(c, lang) for c in codes]
    elif classification == "economic":
        df["level1"] = ["3" if c.startswith("3") else "2" for c in codes]
        df["level1"] = df["level1"].map({"2": "current", "3": "capital"})
        df["level2"] = [economic_group(c, lang) for c in codes]
    elif classification == "program":
        fk = df["functional_code"].fillna("").astype(str) if "functional_code" in df else codes
        df["level1"] = [functional_division(c, lang) if c else "—" for c in fk]
        df["level2"] = df["level1"]
    else:  # functional
        df["level1"] = [functional_division(c, lang) for c in codes]
        df["level2"] = df["level1"]
    df["label"] = codes + " " + df["name"].fillna("").astype(str)
    return df


def lines(
    con: duckdb.DuckDBPyConnection, period: Period, direction: str, classification: str, fund: str = "total"
) -> pd.DataFrame:
    """The published lines behind the current view, for the table and its CSV download."""
    return query(
        con,
        """
        select code, name, functional_code, economic_code, economic_name, is_leaf,
               approved_uah, amended_uah, executed_ytd_uah, executed_uah,
               case when approved_uah > 0 then executed_ytd_uah / approved_uah end as executed_share,
               source_file, source_line
        from budget_lines
        where budget_code = ? and year = ? and period_type = ? and month = ? and fund = ?
            and direction = ? and classification = ?
        order by code, economic_code nulls first
        """,
        [period.budget_code, period.year, period.period_type, period.month, fund, direction, classification],
    )


def classifications(con: duckdb.DuckDBPyConnection, period: Period, direction: str) -> list[str]:
    """The breakdowns published for this period, in a fixed order."""
    present = {
        r[0]
        for r in rows(
            con,
            """
        select distinct classification from budget_lines
        where budget_code = ? and year = ? and period_type = ? and direction = ?
        """,
            [period.budget_code, period.year, period.period_type, direction],
        )
    }
    order = ("income",) if direction == "income" else ("program", "economic", "functional")
    return [c for c in order if c in present]


def spending_by_division(con: duckdb.DuckDBPyConnection, period: Period, lang: str = "uk") -> pd.DataFrame:
    """Spending to date by functional division (education, housing…), from whichever breakdown has it (the
    build's budget_divisions)."""
    df = query(
        con,
        """
        select division_code, executed_ytd_uah as executed_uah
        from budget_divisions
        where budget_code = ? and year = ? and period_type = ? and month = ? and executed_ytd_uah > 0
        order by executed_uah desc, division_code
        """,
        [period.budget_code, period.year, period.period_type, period.month],
    )
    df["division"] = [functional_division(c or "", lang) for c in df["division_code"]]
    total = df["executed_uah"].sum()
    df["share"] = df["executed_uah"] / total if total else 0.0
    return df


def annual_history(con: duckdb.DuckDBPyConnection, budget_code: str) -> pd.DataFrame:
    """Per year: income, own revenues, spending and capital spending at the year's latest month (monthly series
    preferred), from the build's budget_totals."""
    return query(
        con,
        """
        select year, month, income_ytd as income_uah, own_ytd as own_uah, expense_ytd as expense_uah,
               capital_ytd as capital_uah
        from budget_totals
        where budget_code = ? and fund = 'total'
        qualify row_number() over (
            partition by year order by case period_type when 'month' then 0 else 1 end, month desc
        ) = 1
        order by year
        """,
        [budget_code],
    )
