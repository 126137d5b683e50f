"""Project pipeline, procurement and opportunity queries (aggregated in DuckDB)."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from hromada.db import query, rows

# Per project: contracted value, expected tender value, supplier(s), from the procurements it names.
_PROJECT_MONEY = """
with tender_money as (
    select t.project_id,
           sum(p.expected_amount) filter (where p.expected_currency = 'UAH') as expected_uah,
           count(distinct t.ocid) as tenders
    from project_tenders t join procurements p on p.ocid = t.ocid
    group by t.project_id
),
contract_money as (
    select t.project_id,
           sum(c.value_amount) filter (where c.currency = 'UAH' and c.status <> 'cancelled') as contracted_uah,
           string_agg(distinct c.supplier_name, '; ') as suppliers
    from project_tenders t join contracts c on c.ocid = t.ocid
    group by t.project_id
)
select p.*, s.name_uk as settlement_uk, s.name_en as settlement_en,
       tm.expected_uah, tm.tenders, cm.contracted_uah, cm.suppliers
from projects p
left join settlements s on s.katottg = p.settlement_katottg
left join tender_money tm using (project_id)
left join contract_money cm using (project_id)
"""


def has_projects(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(rows(con, "select count(*) from projects")[0][0])


def project_table(
    con: duckdb.DuckDBPyConnection,
    statuses: list[str] | None = None,
    settlement: str | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """Projects with their settlement, tenders, contracted value and suppliers, filtered in DuckDB."""
    return query(
        con,
        _PROJECT_MONEY
        + """
        where ($statuses is null or list_contains($statuses, p.status))
          and ($settlement is null or p.settlement_katottg = $settlement)
        order by p.project_id
        limit coalesce($limit, 1000000000)""",
        {"statuses": statuses, "settlement": settlement or None, "limit": limit},
    )


def project_titles(
    con: duckdb.DuckDBPyConnection,
    opportunities_only: bool = False,
    statuses: list[str] | None = None,
    settlement: str | None = None,
) -> pd.DataFrame:
    """Id and titles of projects, for pickers."""
    return query(
        con,
        """
        select project_id, title_uk, title_en from projects
        where (not $only or is_opportunity) and ($statuses is null or list_contains($statuses, status))
          and ($settlement is null or settlement_katottg = $settlement)
        order by project_id""",
        {"only": opportunities_only, "statuses": statuses, "settlement": settlement or None},
    )


def settlements_with_projects(con: duckdb.DuckDBPyConnection, statuses: list[str] | None = None) -> pd.DataFrame:
    return query(
        con,
        """
        select distinct p.settlement_katottg, s.name_uk, s.name_en
        from projects p left join settlements s on s.katottg = p.settlement_katottg
        where $statuses is null or list_contains($statuses, p.status)
        order by s.name_uk nulls last""",
        {"statuses": statuses},
    )


def totals(con: duckdb.DuckDBPyConnection) -> dict[str, float]:
    df = query(
        con,
        f"""
        select count(*) as projects,
               count(*) filter (where status not in ('completed', 'cancelled')) as active,
               sum(budget_uah) as budget_uah, sum(spent_uah) as spent_uah,
               sum(contracted_uah) as contracted_uah, sum(expected_uah) filter (where contracted_uah is not null)
                   as expected_contracted_uah
        from ({_PROJECT_MONEY})""",
    )
    return {k: (None if pd.isna(v) else float(v)) for k, v in df.iloc[0].items()}


def pipeline(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Projects and UAH by status and sector."""
    return query(
        con,
        """select status, sector, count(*) as projects, sum(budget_uah) as budget_uah
                         from projects group by all order by all""",
    )


def money_by_sector(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Budget, spent and contracted UAH by sector (cancelled projects left out)."""
    return query(
        con,
        f"""
        select sector, sum(budget_uah) as budget_uah, sum(spent_uah) as spent_uah,
               sum(contracted_uah) as contracted_uah
        from ({_PROJECT_MONEY}) where status <> 'cancelled'
        group by sector order by budget_uah desc""",
    )


def funding_mix(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return query(
        con,
        """select source, sum(amount_uah) as amount_uah, count(distinct project_id) as projects
                         from project_funding group by source order by amount_uah desc""",
    )


def savings(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Procurement savings: the tender's expected value against the contract value."""
    return query(
        con,
        f"""
        select project_id, title_uk, title_en, expected_uah, contracted_uah,
               expected_uah - contracted_uah as saved_uah,
               (expected_uah - contracted_uah) / expected_uah as saved_share
        from ({_PROJECT_MONEY})
        where expected_uah > 0 and contracted_uah is not null
        order by saved_uah desc""",
    )


def at_risk(con: duckdb.DuckDBPyConnection, today: date) -> pd.DataFrame:
    """Projects to look at: overdue, overspent, or under way with no progress reported."""
    return query(
        con,
        """
        select project_id, title_uk, title_en, status, planned_end, budget_uah, spent_uah, progress_pct,
               list_filter([
                   case when planned_end < $today and status not in ('completed', 'cancelled') then 'overdue' end,
                   case when spent_uah > budget_uah then 'overspent' end,
                   case when status = 'implementation' and coalesce(progress_pct, 0) = 0 then 'no_progress' end,
                   case when actual_end > planned_end then 'finished_late' end
               ], lambda r: r is not null) as reasons
        from projects
        where (planned_end < $today and status not in ('completed', 'cancelled'))
           or spent_uah > budget_uah
           or (status = 'implementation' and coalesce(progress_pct, 0) = 0)
        order by planned_end nulls last, project_id""",
        {"today": today},
    )


def timeline(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Planned and actual periods of projects that have dates, for a Gantt chart."""
    return query(
        con,
        """
        select project_id, title_uk, title_en, status, planned_start, planned_end, actual_start,
               coalesce(actual_end, case when status in ('implementation') then current_date end) as actual_end,
               datediff('day', planned_end, coalesce(actual_end, planned_end)) as slip_days
        from projects where planned_start is not null and planned_end is not null
        order by planned_start, project_id""",
    )


def project(con: duckdb.DuckDBPyConnection, project_id: str) -> dict | None:
    df = query(con, _PROJECT_MONEY + " where p.project_id = $id", {"id": project_id})
    return df.iloc[0].to_dict() if not df.empty else None


def project_contracts(con: duckdb.DuckDBPyConnection, project_id: str) -> pd.DataFrame:
    return query(
        con,
        """
        select t.tender_ref, t.matched, p.title, p.status as tender_status, p.expected_amount,
               c.contract_id, c.status as contract_status, c.date_signed, c.value_amount, c.supplier_name,
               c.supplier_id
        from project_tenders t
        left join procurements p on p.ocid = t.ocid
        left join contracts c on c.ocid = t.ocid
        where t.project_id = ? order by t.tender_ref, c.contract_id""",
        [project_id],
    )


def project_funding(con: duckdb.DuckDBPyConnection, project_id: str) -> pd.DataFrame:
    return query(
        con,
        "select source, amount_uah from project_funding where project_id = ? order by amount_uah desc",
        [project_id],
    )


def project_changes(con: duckdb.DuckDBPyConnection, project_id: str | None = None) -> pd.DataFrame:
    return query(
        con,
        """select project_id, field, old_value, new_value, previous_file, current_file
                         from project_changes where $id is null or project_id = $id
                         order by project_id, field""",
        {"id": project_id},
    )


def project_flags(con: duckdb.DuckDBPyConnection, project_id: str | None = None) -> pd.DataFrame:
    return query(
        con,
        """select project_id, flag, detail from project_flags
                         where $id is null or project_id = $id order by project_id, flag""",
        {"id": project_id},
    )


def programme_lines(con: duckdb.DuckDBPyConnection, programme_code: str, budget_code: str) -> pd.DataFrame:
    """The budget programme paying for a project: plan and execution by year (latest month of each)."""
    return query(
        con,
        """
        with latest as (
            select year, max(month) as month from budget_lines
            where budget_code = $budget and classification = 'program' and period_type = 'month'
            group by year
        )
        select b.year, b.month, any_value(b.name) as name, sum(b.approved_uah) as approved_uah,
               sum(b.executed_ytd_uah) as executed_uah
        from budget_lines b join latest l using (year, month)
        where b.budget_code = $budget and b.classification = 'program' and b.period_type = 'month'
          and b.fund = 'total' and b.code = $code and b.is_leaf
        group by b.year, b.month order by b.year""",
        {"budget": budget_code, "code": programme_code},
    )


CATALOGUE_ORDER = {
    "sought": "p.funding_sought_uah desc nulls last, p.project_id",
    "payback": "p.payback_years nulls last, p.project_id",
    "title": "p.title_uk, p.project_id",
}


def opportunities(
    con: duckdb.DuckDBPyConnection,
    sector: str | None = None,
    form: str | None = None,
    settlement: str | None = None,
    status: str | None = None,
    min_uah: float | None = None,
    max_uah: float | None = None,
    order: str = "sought",
    limit: int = 500,
) -> pd.DataFrame:
    """Projects that seek funding, filtered and sorted in DuckDB, with what an investor compares."""
    return query(
        con,
        _PROJECT_MONEY
        + f"""
        where p.is_opportunity
          and ($sector is null or p.sector = $sector)
          and ($form is null or p.investment_form = $form)
          and ($settlement is null or p.settlement_katottg = $settlement)
          and ($status is null or p.status = $status)
          and ($min is null or coalesce(p.funding_sought_uah, p.budget_uah) >= $min)
          and ($max is null or coalesce(p.funding_sought_uah, p.budget_uah) < $max)
        order by {CATALOGUE_ORDER[order]}
        limit $limit""",  # the order clause is one of ours, chosen by key
        {
            "sector": sector or None,
            "form": form or None,
            "settlement": settlement or None,
            "status": status or None,
            "min": min_uah,
            "max": max_uah,
            "limit": limit,
        },
    )


def opportunity_facets(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """The values each catalogue filter can take (small lists)."""
    facets = {}
    for column in ("sector", "investment_form", "settlement_katottg", "status"):
        facets[column] = [
            r[0]
            for r in rows(
                con, f"select distinct {column} from projects where is_opportunity and {column} is not null order by 1"
            )
        ]
    return facets


def opportunity_count(con: duckdb.DuckDBPyConnection) -> int:
    return rows(con, "select count(*) from projects where is_opportunity")[0][0]
