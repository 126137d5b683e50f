"""What a check would change on the public pages: the headline figures of the serving warehouse beside those of
the warehouse the check built, so staff see "this year's income 211.6m → 214.0m" before they publish."""

from __future__ import annotations

import duckdb

from hromada.db import scalar
from hromada.metrics import budget as bm

# (key, SQL counting it): tables a public page shows, counted the way the pages count them.
COUNTS = (
    ("projects", "select count(*) from projects"),
    ("procurements", "select count(*) from procurements"),
    ("petitions", "select count(*) from petitions"),
    ("appeals", "select count(*) from appeals"),
    ("council_votes", "select count(*) from council_vote_events"),
    ("buildings", "select count(*) from buildings"),
    ("meter_readings", "select count(*) from meter_readings"),
    ("rejected_rows", "select count(*) from rejected_rows"),
)


def headline(con: duckdb.DuckDBPyConnection, budget_code: str) -> dict[str, float | None]:
    """This year's income and spending to date (the latest year loaded), and the counts the pages show."""
    figures: dict[str, float | None] = {"income_ytd": None, "expense_ytd": None, "budget_period": None}
    years = bm.years(con, budget_code)
    if years:
        period = bm.period_for(con, budget_code, max(years))
        if period is not None:
            totals = bm.totals(con, period)
            figures.update(
                income_ytd=totals["income_ytd"],
                expense_ytd=totals["expense_ytd"],
                budget_period=period.year * 100 + period.month,
            )
    for key, sql in COUNTS:
        figures[key] = float(scalar(con, sql) or 0)
    return figures


def differences(
    before: dict[str, float | None], after: dict[str, float | None]
) -> list[tuple[str, float | None, float | None]]:
    """(key, before, after) of the figures that would change."""
    return [(key, before.get(key), value) for key, value in after.items() if before.get(key) != value]
