"""Participation: petitions, participatory budget, residents' appeals and e-services (aggregated in DuckDB)."""

from __future__ import annotations

from datetime import datetime

import duckdb
import pandas as pd

from hromada.db import query


def _one(con: duckdb.DuckDBPyConnection, sql: str, params: dict | None = None) -> dict[str, float | None]:
    df = query(con, sql, params or {})
    return {k: (None if pd.isna(v) else float(v)) for k, v in df.iloc[0].items()}


def petitions_summary(con: duckdb.DuckDBPyConnection) -> dict[str, float | None]:
    return _one(
        con,
        """
        select count(*) as petitions,
               count(*) filter (where not is_answered and status ilike '%збір%') as collecting,
               count(*) filter (where reached_threshold) as successful,
               count(*) filter (where is_answered) as answered,
               median(days_to_answer) as median_days_to_answer
        from petitions""",
    )


def petitions_by_topic(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return query(
        con,
        """select coalesce(kind, '—') as topic, count(*) as petitions, sum(signatures) as signatures,
                                count(*) filter (where reached_threshold) as successful
                         from petitions group by 1 order by petitions desc""",
    )


def petitions_list(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return query(
        con,
        """select start_date, title, kind, signatures, reached_threshold, status, answer_date,
                                days_to_answer, answer_url from petitions order by start_date desc""",
    )


def pb_summary(con: duckdb.DuckDBPyConnection) -> dict[str, float | None]:
    return _one(
        con,
        """
        select count(*) as proposals, sum(votes) as votes, count(*) filter (where is_winner) as winners,
               sum(budget_plan_uah) filter (where is_winner) as winners_plan_uah,
               sum(budget_fact_uah) filter (where is_winner) as winners_fact_uah
        from pb_projects""",
    )


def pb_list(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Proposals with, for winners the registry follows (projects.pb_uid), the project's status and progress."""
    return query(
        con,
        """
        select b.decision_date, b.title, b.kind, b.votes, b.is_winner, b.status, b.budget_plan_uah,
               b.budget_fact_uah, p.project_id, p.status as project_status, p.progress_pct
        from pb_projects b left join projects p on p.pb_uid = b.uid
        order by b.decision_date desc nulls last, b.votes desc""",
    )


def appeals_summary(con: duckdb.DuckDBPyConnection, now: datetime) -> dict[str, float | None]:
    """Volume, median response, share answered by the deadline, open backlog and how much of it is overdue."""
    return _one(
        con,
        """
        select count(*) as appeals,
               median(response_days) as median_response_days,
               avg(case when answered_at <= deadline_at then 1.0 else 0.0 end) filter (where status = 'closed')
                   as on_time_share,
               count(*) filter (where status = 'open') as open,
               count(*) filter (where status = 'open' and deadline_at < $now) as open_overdue
        from appeals""",
        {"now": now},
    )


def appeals_by_category(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return query(
        con,
        """
        select category, count(*) as appeals, median(response_days) as median_response_days,
               avg(case when answered_at <= deadline_at then 1.0 else 0.0 end) filter (where status = 'closed')
                   as on_time_share
        from appeals group by 1 order by appeals desc""",
    )


def appeals_by_settlement(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Appeals per settlement and per 1,000 residents (where the register gives a population)."""
    return query(
        con,
        """
        select name_uk, name_en, appeals, population, appeals * 1000.0 / nullif(population, 0) as per_1000
        from (
            select coalesce(s.name_uk, a.settlement_katottg, '—') as name_uk, coalesce(s.name_en, '—') as name_en,
                   any_value(s.population) as population, count(*) as appeals
            from appeals a left join settlements s on s.katottg = a.settlement_katottg
            group by 1, 2
        )
        order by appeals desc""",
    )


def appeals_monthly(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return query(
        con,
        """
        select strftime(requested_at, '%Y-%m') as month, count(*) as appeals,
               avg(case when answered_at <= deadline_at then 1.0 else 0.0 end) filter (where status = 'closed')
                   as on_time_share
        from appeals group by 1 order by 1""",
    )


def e_services_monthly(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Services per month by channel, with the online share (online + Diia)."""
    return query(
        con,
        """
        select month, sum(services) as services,
               sum(services) filter (where channel in ('online', 'diia')) / sum(services) as online_share,
               sum(services) filter (where channel = 'cnap') as cnap,
               sum(services) filter (where channel = 'online') as online,
               sum(services) filter (where channel = 'diia') as diia
        from e_services group by month order by month""",
    )


def has_any(con: duckdb.DuckDBPyConnection) -> dict[str, bool]:
    counts = query(
        con,
        """select (select count(*) from petitions) as petitions,
                                  (select count(*) from pb_projects) as pb,
                                  (select count(*) from appeals) as appeals,
                                  (select count(*) from e_services) as e_services""",
    ).iloc[0]
    return {k: bool(v) for k, v in counts.items()}


def council_kpis(con: duckdb.DuckDBPyConnection, now: datetime) -> dict[str, float | None]:
    """The participation figures the overview shows, each None when its data are not loaded."""
    return _one(
        con,
        """
        select
            (select count(*) filter (where is_answered) / nullif(count(*) filter (where is_answered
                 or not status ilike '%збір%'), 0) from petitions) as petitions_answered_share,
            (select avg(case when answered_at <= deadline_at then 1.0 else 0.0 end) from appeals
                 where status = 'closed') as appeals_on_time_share,
            (select sum(services) filter (where channel in ('online', 'diia')) / nullif(sum(services), 0)
                 from e_services where month = (select max(month) from e_services)) as online_share,
            (select count(*) filter (where vote <> 'absent') / nullif(count(*), 0) from council_votes)
                as attendance""",
    )
