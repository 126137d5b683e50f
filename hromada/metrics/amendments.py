"""The budget during the year: how the council's plan was amended, month by month and line by line.

openbudget.gov.ua publishes, with every month's execution, the annual plan as approved *as of that month*
(`approved_uah`, ZAT_AMT). Comparing each month's plan with the month before shows every amendment: which
programme or code gained or lost, and when. The first month published is the plan the year started with.

A line first published later in the year counts as added in that month (exports list a code once it has a
plan or receipts); a line that disappears is not counted as cut, since exports also drop lines that have
nothing to show that month.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from hromada.db import query
from hromada.metrics.budget import Flag, Period, expense_classification

LATE_FROM_MONTH = 10  # October: what is amended now changes a year most of which has already been spent
LARGE_SHARE = 0.05  # an amendment moving more than 5 % of the plan (added plus cut) is large

_CHANGES_SQL = """
with lines as (
    select month, code, any_value(name) as name, sum(approved_uah) as plan_uah
    from budget_lines
    where budget_code = $budget and year = $year and period_type = $ptype and fund = $fund
        and direction = $direction and classification = $cls and is_leaf and month <= $month
    group by month, code
),
first_month as (
    select min(month) as month from lines
),
compared as (
    select month, code, name, plan_uah,
           lag(plan_uah) over (partition by code order by month) as previous_uah
    from lines
)
select c.month, c.code, c.name, c.previous_uah, c.plan_uah,
       c.plan_uah - coalesce(c.previous_uah, 0) as change_uah
from compared as c, first_month as f
where c.month > f.month and c.plan_uah is distinct from coalesce(c.previous_uah, 0)
order by c.month, abs(c.plan_uah - coalesce(c.previous_uah, 0)) desc, c.code
"""


def _classification(con: duckdb.DuckDBPyConnection, period: Period, direction: str) -> str:
    if direction == "income":
        return "income"
    return expense_classification(con, period) or "economic"


def changes(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    direction: str,
    classification: str | None = None,
    fund: str = "total",
) -> pd.DataFrame:
    """Every change of a line's annual plan up to the period: month, code, name, plan before, after, change."""
    return query(
        con,
        _CHANGES_SQL,
        {
            "budget": period.budget_code,
            "year": period.year,
            "ptype": period.period_type,
            "fund": fund,
            "direction": direction,
            "cls": classification or _classification(con, period, direction),
            "month": period.month,
        },
    )


@dataclass(frozen=True)
class YearOfChanges:
    """The plan at the start of the year and now, and what the amendments added and cut in between."""

    start_uah: float | None
    current_uah: float | None
    added_uah: float
    cut_uah: float
    months: tuple[int, ...]  # months in which the plan changed
    by_month: pd.DataFrame  # month, added_uah, cut_uah, net_uah, plan_before_uah

    @property
    def net_share(self) -> float | None:
        if not self.start_uah or self.current_uah is None:
            return None
        return (self.current_uah - self.start_uah) / self.start_uah


def year_of_changes(plan_by_month: pd.DataFrame, line_changes: pd.DataFrame) -> YearOfChanges:
    """Sum the line changes per month against the plan path (`monthly()`'s plan_uah of the year)."""
    plans = plan_by_month.dropna(subset=["plan_uah"]).sort_values("month")
    start = float(plans["plan_uah"].iloc[0]) if not plans.empty else None
    current = float(plans["plan_uah"].iloc[-1]) if not plans.empty else None
    change = line_changes["change_uah"].astype(float)
    per_month = (
        line_changes.assign(added_uah=change.clip(lower=0), cut_uah=change.clip(upper=0))
        .groupby("month", as_index=False)[["added_uah", "cut_uah"]]
        .sum()
    )
    per_month["net_uah"] = per_month["added_uah"] + per_month["cut_uah"]
    before = plans.assign(plan_before_uah=plans["plan_uah"].shift(1))[["month", "plan_before_uah"]]
    per_month = per_month.merge(before, on="month", how="left")
    return YearOfChanges(
        start_uah=start,
        current_uah=current,
        added_uah=float(per_month["added_uah"].sum()),
        cut_uah=float(per_month["cut_uah"].sum()),
        months=tuple(int(m) for m in per_month["month"]),
        by_month=per_month,
    )


def late_large_amendments(year: YearOfChanges, direction: str) -> list[Flag]:
    """Flags for months from October on whose amendments moved more than 5 % of the plan before them."""
    flags = []
    for row in year.by_month.itertuples():
        moved = row.added_uah - row.cut_uah
        if row.month >= LATE_FROM_MONTH and row.plan_before_uah and moved / row.plan_before_uah > LARGE_SHARE:
            values = {"month": row.month, "added": row.added_uah, "share": moved / row.plan_before_uah}
            if row.cut_uah:
                values["cut"] = abs(row.cut_uah)
            suffix = "" if row.added_uah and row.cut_uah else "_added" if row.added_uah else "_cut"
            flags.append(Flag(f"flags.late_amendment_{direction}{suffix}", values))
    return flags
