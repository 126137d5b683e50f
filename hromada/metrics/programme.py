"""The SMART-hromada programme: electronic document flow, internet access, and every KPI against the council's
targets. Aggregated in DuckDB; the target rule itself lives in hromada.targets.

Time to sign is the departments' median days, weighted by the documents each registered: the template carries
each department's median, and a median of medians would let a department of ten documents count as much as
one of four hundred.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import duckdb
import pandas as pd

from hromada import targets
from hromada.db import query, scalar
from hromada.metrics import budget as bm
from hromada.metrics import energy as em


def has_documents(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(scalar(con, "select count(*) from documents_monthly"))


def has_connectivity(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(scalar(con, "select count(*) from settlement_connectivity"))


_DOC_FIGURES = """sum(registered) as registered, sum(electronic) as electronic,
       sum(electronic) / nullif(sum(registered), 0) as electronic_share,
       sum(median_days_to_sign * registered) filter (where median_days_to_sign is not null)
           / nullif(sum(registered) filter (where median_days_to_sign is not null), 0) as days_to_sign"""


def documents_monthly(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Per month: documents registered, handled electronically, their share and the time to sign."""
    return query(con, f"select month, {_DOC_FIGURES} from documents_monthly group by month order by month")


def documents_by_department(con: duckdb.DuckDBPyConnection, year: int) -> pd.DataFrame:
    return query(
        con,
        f"""select department, {_DOC_FIGURES} from documents_monthly where month like $year || '-%'
            group by department order by electronic_share, department""",
        {"year": str(year)},
    )


def documents_year(con: duckdb.DuckDBPyConnection, year: int) -> dict[str, float | None]:
    df = query(con, f"select {_DOC_FIGURES} from documents_monthly where month like $year || '-%'", {"year": str(year)})
    return {k: (None if pd.isna(v) else float(v)) for k, v in df.iloc[0].items()}


def documents_years(con: duckdb.DuckDBPyConnection) -> list[int]:
    return [
        int(y)
        for (y,) in con.execute("select distinct left(month, 4) from documents_monthly order by 1 desc").fetchall()
    ]


_LATEST_CONNECTIVITY = """
    select c.*, s.name_uk, s.name_en, s.population, s.lat, s.lon
    from settlement_connectivity c left join settlements s using (katottg)
    where c.as_of <= $until
    qualify row_number() over (partition by c.katottg order by c.as_of desc) = 1
"""


def connectivity(con: duckdb.DuckDBPyConnection, until: str = "9999-12-31") -> pd.DataFrame:
    """Each settlement's latest check (up to a date): broadband, 4G, speed, Wi-Fi, households connected."""
    return query(con, _LATEST_CONNECTIVITY + " order by c.covered, s.population desc nulls last", {"until": until})


def coverage(con: duckdb.DuckDBPyConnection, until: str = "9999-12-31") -> dict[str, float | None]:
    """The hromada's internet access at a date: settlements with broadband, residents covered (fixed broadband
    or full 4G, weighted by the register's population), Wi-Fi points, households connected."""
    df = query(
        con,
        f"""
        select count(*) as settlements,
               count(*) filter (where fixed_broadband) as with_broadband,
               count(*) filter (where fixed_broadband) / nullif(count(*), 0) as settlements_broadband,
               coalesce(sum(population) filter (where covered), 0) / nullif(sum(population), 0) as residents_covered,
               sum(public_wifi_points) as wifi_points,
               sum(households_connected) / nullif(sum(households), 0) as households_connected_share,
               max(as_of) as as_of
        from ({_LATEST_CONNECTIVITY})""",
        {"until": until},
    )
    row = df.iloc[0]
    return {k: (None if pd.isna(v) else v if k == "as_of" else float(v)) for k, v in row.items()}


@dataclass(frozen=True)
class TargetRow:
    """A KPI with a target for the year: its value now, last year's, and the rule's verdict."""

    kpi: str
    year: int
    target: float  # as the dashboard compares it (a share, not per cent)
    value: float | None
    previous: float | None
    status: str | None
    trend: str | None
    due: float  # the part of the target due by the reporting month
    note: str | None


def _year_values(
    con: duckdb.DuckDBPyConnection, period: bm.Period | None, population: int, year: int, month: int
) -> dict[str, float | None]:
    """Every KPI's value for a year (to the reporting month for the budget and for this year's data)."""
    values: dict[str, float | None] = {}
    if period is not None:
        k = bm.kpis(con, bm.Period(period.budget_code, year, period.period_type, month), population)
        values["own_revenue_share"] = k.ratio("own_ytd", "income_ytd")
        values["capital_share"] = k.ratio("capital_ytd", "expense_ytd")
        values["budget_execution"] = k.ratio("income_ytd", "income_plan")
    df = query(
        con,
        """
        select
            (select avg(case when answered_at <= deadline_at then 1.0 else 0.0 end) from appeals
                 where status = 'closed' and year(requested_at) = $year) as appeals_on_time,
            (select count(*) filter (where is_answered) / nullif(count(*) filter (where reached_threshold), 0)
                 from petitions where reached_threshold and year(start_date) = $year) as petitions_answered,
            (select sum(services) filter (where channel in ('online', 'diia')) / nullif(sum(services), 0)
                 from e_services where month like $year::varchar || '-%') as e_services_online""",
        {"year": year},
    )
    values.update({k: (None if pd.isna(v) else float(v)) for k, v in df.iloc[0].items()})
    if em.has_buildings(con) and year in em.complete_years(con):
        use = em.year_summary(con, year)
        area = scalar(con, "select sum(heated_area_m2) from buildings")
        values["energy_kwh_per_m2"] = use["mwh"] * 1000 / area if use.get("mwh") and area else None
        values["energy_bill_uah"] = use.get("cost_uah")
    docs = documents_year(con, year)
    values["documents_electronic"] = docs["electronic_share"]
    values["documents_days_to_sign"] = docs["days_to_sign"]
    net = coverage(con, f"{year}-12-31")
    values["settlements_broadband"] = net["settlements_broadband"]
    values["residents_covered"] = net["residents_covered"]
    return values


def target_rows(
    con: duckdb.DuckDBPyConnection, period: bm.Period | None, population: int, now: datetime
) -> list[TargetRow]:
    """The KPIs with a target for this year, each against it: the budget's year and month when there is a budget."""
    year, month = (period.year, period.month) if period is not None else (now.year, now.month)
    set_targets = query(con, "select kpi, target, note from targets where year = $year order by kpi", {"year": year})
    if set_targets.empty:
        return []
    current = _year_values(con, period, population, year, month)
    previous = _year_values(con, period, population, year - 1, month)
    order = list(targets.KPIS)
    out = []
    for row in sorted(set_targets.itertuples(), key=lambda r: order.index(r.kpi)):
        target = targets.target_value(row.kpi, float(row.target))
        value, before = current.get(row.kpi), previous.get(row.kpi)
        out.append(
            TargetRow(
                kpi=row.kpi,
                year=year,
                target=target,
                value=value,
                previous=before,
                status=targets.status(row.kpi, value, target, month),
                trend=targets.trend(row.kpi, value, before),
                due=targets.due_by(row.kpi, target, month),
                note=row.note if isinstance(row.note, str) else None,
            )
        )
    return out
