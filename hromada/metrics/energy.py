"""Energy of public buildings: totals, intensity (EUI) against buildings of the same type, anomalies, savings
and the energy bill next to the budget's utility lines. Everything is aggregated in DuckDB."""

from __future__ import annotations

import duckdb
import pandas as pd

from hromada.db import query, rows, scalar
from hromada.metrics import budget as budget_metrics

# Economic codes (КЕКВ) of utility payments and the utility each pays for.
BUDGET_UTILITY_CODES = {
    "2271": "heat",
    "2272": "water",
    "2273": "electricity",
    "2274": "gas",
    "2275": "solid_fuel",
}


def has_buildings(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(scalar(con, "select count(*) from buildings"))


def years(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Years with consumption, newest first."""
    return [
        r[0]
        for r in rows(
            con, "select distinct cast(left(month, 4) as integer) from building_energy_monthly order by 1 desc"
        )
    ]


def complete_years(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Years in which the buildings' data covers all twelve months, newest first."""
    return [
        r[0]
        for r in rows(
            con,
            """select cast(left(month, 4) as integer) as y from building_energy_monthly
               group by y having count(distinct month) = 12 order by y desc""",
        )
    ]


def totals_by_year(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Energy (MWh), cost (UAH) and CO₂ (t) per year and utility, over all buildings."""
    return query(
        con,
        """
        select cast(left(month, 4) as integer) as year, utility,
               sum(kwh) / 1000 as mwh, sum(amount) as amount, any_value(unit) as unit, sum(cost_uah) as cost_uah,
               sum(co2_t) as co2_t, count(distinct month) as months
        from building_energy_monthly
        group by all order by year, utility""",
    )


def year_summary(con: duckdb.DuckDBPyConnection, year: int) -> dict[str, float | None]:
    """The KPI cards: energy, cost, CO₂, buildings, and the same for the year before."""
    df = query(
        con,
        """
        select sum(kwh) filter (where y = $year) / 1000 as mwh,
               sum(cost_uah) filter (where y = $year) as cost_uah,
               sum(co2_t) filter (where y = $year) as co2_t,
               sum(kwh) filter (where y = $year - 1) / 1000 as mwh_before,
               sum(cost_uah) filter (where y = $year - 1) as cost_before,
               count(distinct building_id) filter (where y = $year) as buildings
        from (select *, cast(left(month, 4) as integer) as y from building_energy_monthly)""",
        {"year": year},
    )
    summary = {k: (None if pd.isna(v) else float(v)) for k, v in df.iloc[0].items()}
    mwh, before = summary["mwh"], summary["mwh_before"]
    summary["mwh_change"] = mwh / before - 1 if mwh and before else None  # against the year before
    return summary


def heating_savings(con: duckdb.DuckDBPyConnection) -> dict[str, float]:
    """The retrofits' heating savings added up (gas and district heat; electricity is not what a retrofit of
    walls, windows and boilers saves): buildings, kWh, UAH and tonnes of CO₂ avoided."""
    df = query(
        con,
        """
        select count(distinct building_id) as retrofits, coalesce(sum(avoided_kwh), 0) as avoided_kwh,
               coalesce(sum(avoided_uah), 0) as avoided_uah, coalesce(sum(avoided_co2_t), 0) as avoided_co2_t
        from energy_baselines
        where retrofit_date is not null and reporting_months > 0 and utility in ('gas', 'heat')""",
    )
    return {k: float(v) for k, v in df.iloc[0].items()}


def normalised_trend(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Heating energy per complete year as used and as if every month's weather had been average."""
    return query(
        con,
        """
        select cast(left(month, 4) as integer) as year, sum(actual_kwh) / 1000 as actual_mwh,
               sum(normalised_kwh) / 1000 as normalised_mwh
        from energy_normalised_monthly
        where utility in ('gas', 'heat')
        group by year having count(distinct month) = 12
        order by year""",
    )


def eui_ranking(con: duckdb.DuckDBPyConnection, year: int, lang: str = "uk") -> pd.DataFrame:
    """Each building's energy use intensity (kWh per m² of heated area) in a year, against the median of the
    buildings of its type; cost and CO₂ per m² and per occupant; its data-quality score."""
    return query(
        con,
        """
        with used as (
            select building_id, sum(kwh) as kwh,
                   sum(kwh) filter (where utility in ('gas', 'heat', 'solid_fuel')) as heating_kwh,
                   sum(kwh) filter (where utility = 'electricity') as electricity_kwh,
                   sum(cost_uah) as cost_uah, sum(co2_t) as co2_t, count(distinct month) as months
            from building_energy_monthly
            where left(month, 4) = $year::varchar and building_id is not null
            group by building_id
        ),
        rated as (
            select b.building_id, b.name, b.type,
                   case when $lang = 'en' then s.name_en else s.name_uk end as settlement,
                   b.heated_area_m2, b.occupants,
                   u.kwh, u.heating_kwh, u.electricity_kwh, u.cost_uah, u.co2_t, u.months,
                   u.kwh / nullif(b.heated_area_m2, 0) as eui,
                   u.heating_kwh / nullif(b.heated_area_m2, 0) as heating_eui,
                   u.electricity_kwh / nullif(b.heated_area_m2, 0) as electricity_eui,
                   u.cost_uah / nullif(b.heated_area_m2, 0) as cost_per_m2,
                   u.cost_uah / nullif(b.occupants, 0) as cost_per_occupant,
                   u.kwh / nullif(b.occupants, 0) as kwh_per_occupant,
                   1000 * u.co2_t / nullif(b.heated_area_m2, 0) as kg_co2_per_m2,
                   q.score as quality, b.lat, b.lon
            from used u join buildings b using (building_id)
            left join settlements s on s.katottg = b.settlement_katottg
            left join building_quality q using (building_id)
        )
        select *, median(eui) over (partition by type) as type_median_eui,
               eui / nullif(median(eui) over (partition by type), 0) as vs_type
        from rated
        order by eui desc nulls last""",
        {"year": year, "lang": lang},
    )


def latest_month(con: duckdb.DuckDBPyConnection) -> str | None:
    return scalar(con, "select max(month) from building_energy_monthly")


def months_with_findings(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Months (YYYY-MM) in which a finding starts, newest first."""
    return [
        r[0]
        for r in rows(
            con,
            """select distinct strftime(start_date, '%Y-%m') as m from energy_flags
               where start_date is not null and severity <> 'info' order by m desc""",
        )
    ]


def anomalies(con: duckdb.DuckDBPyConnection, month: str) -> pd.DataFrame:
    """Findings that concern a month (YYYY-MM): monthly anomalies and suspect readings, worst first."""
    return query(
        con,
        """
        select f.building_id, b.name, f.utility, f.rule, f.severity, f.value, f.reference, f.meter_number,
               f.start_date, f.end_date, f.source_file, f.source_line
        from energy_flags f left join buildings b using (building_id)
        where f.start_date < strptime($month || '-01', '%Y-%m-%d') + interval 1 month
          and f.end_date > strptime($month || '-01', '%Y-%m-%d')
          and f.severity <> 'info'
        order by case f.severity when 'error' then 0 else 1 end, b.name, f.utility, f.rule""",
        {"month": month},
    )


def savings(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """What each retrofit avoided against its weather-normalised baseline, with the linked project."""
    return query(
        con,
        """
        select e.building_id, b.name, e.utility, e.retrofit_date, b.retrofit_project_id, p.title_uk, p.title_en,
               e.reporting_from, e.reporting_to, e.reporting_months, e.baseline_kwh, e.actual_kwh,
               e.avoided_kwh, e.avoided_uncertainty_kwh, e.avoided_kwh / 1000 as avoided_mwh,
               e.avoided_uncertainty_kwh / 1000 as uncertainty_mwh,
               e.avoided_kwh / nullif(e.baseline_kwh, 0) as avoided_share,
               e.avoided_uah, e.avoided_co2_t, e.passes_g14, e.cv_rmse_pct, e.nmbe_pct, e.r2
        from energy_baselines e join buildings b using (building_id)
        left join projects p on p.project_id = b.retrofit_project_id
        where e.retrofit_date is not null and e.reporting_months > 0 and e.utility in ('gas', 'heat', 'electricity')
        order by e.avoided_kwh desc""",
    )


def budget_comparison(con: duckdb.DuckDBPyConnection, budget_code: str, year: int) -> pd.DataFrame:
    """Per utility: the cost of the buildings' metered use (readings × tariffs) and what the budget paid on the
    utility's economic code (КЕКВ 2271–2275) in the same year, all institutions together."""
    period = budget_metrics.period_for(con, budget_code, year)
    paid: dict[str, float] = {}
    if period is not None:
        cls = budget_metrics.expense_classification(con, period) or "economic"
        code = "code" if cls == "economic" else "economic_code"  # a column name of ours, not input
        paid = dict(
            rows(
                con,
                f"""
                select {code}, sum(executed_ytd_uah)::double from budget_lines
                where budget_code = ? and year = ? and period_type = ? and month = ? and fund = 'total'
                  and direction = 'expense' and classification = ? and is_leaf and {code} in (?, ?, ?, ?, ?)
                group by 1""",
                [period.budget_code, year, period.period_type, period.month, cls, *BUDGET_UTILITY_CODES],
            )
        )
    metered = dict(
        rows(
            con,
            """select utility, sum(cost_uah) from building_energy_monthly
               where left(month, 4) = ?::varchar group by 1""",
            [year],
        )
    )
    records = [
        {
            "economic_code": code,
            "utility": utility,
            "metered_uah": metered.get(utility),
            "budget_uah": paid.get(code),
            "budget_month": period.month if period else None,
        }
        for code, utility in BUDGET_UTILITY_CODES.items()
    ]
    df = pd.DataFrame.from_records(records)
    df["metered_share"] = df["metered_uah"] / df["budget_uah"]
    return df


# ---- one building ----------------------------------------------------------------------------------------


def buildings(con: duckdb.DuckDBPyConnection, lang: str = "uk") -> pd.DataFrame:
    """The registry for pickers: id, name, type, settlement."""
    return query(
        con,
        """select b.building_id, b.name, b.type, case when ? = 'en' then s.name_en else s.name_uk end as settlement
           from buildings b left join settlements s on s.katottg = b.settlement_katottg order by b.name""",
        [lang],
    )


def building(con: duckdb.DuckDBPyConnection, building_id: str, lang: str = "uk") -> dict | None:
    df = query(
        con,
        """
        select b.*, case when ? = 'en' then s.name_en else s.name_uk end as settlement, q.score as quality,
               q.intervals, q.flagged_intervals,
               q.estimated_intervals, q.gap_months, q.errors, q.warnings, q.area_missing,
               p.title_uk as project_title_uk, p.title_en as project_title_en, p.status as project_status
        from buildings b
        left join settlements s on s.katottg = b.settlement_katottg
        left join building_quality q using (building_id)
        left join projects p on p.project_id = b.retrofit_project_id
        where b.building_id = ?""",
        [lang, building_id],
    )
    return None if df.empty else df.iloc[0].to_dict()


def building_baselines(con: duckdb.DuckDBPyConnection, building_id: str) -> pd.DataFrame:
    return query(con, "select * from energy_baselines where building_id = ? order by utility", [building_id])


def building_monthly(con: duckdb.DuckDBPyConnection, building_id: str, utility: str) -> pd.DataFrame:
    """Used and expected per month for one utility (the baseline chart)."""
    return query(
        con,
        """select month, period, actual_kwh, expected_kwh, hdd_c from energy_baseline_monthly
           where building_id = ? and utility = ? order by month""",
        [building_id, utility],
    )


def building_costs(con: duckdb.DuckDBPyConnection, building_id: str) -> pd.DataFrame:
    """Per year and utility: amount, energy, cost and CO₂, with the average price paid."""
    return query(
        con,
        """
        select cast(left(month, 4) as integer) as year, utility, sum(amount) as amount, any_value(unit) as unit,
               sum(kwh) as kwh, sum(kwh)::double / 1000 as mwh, sum(cost_uah) as cost_uah, sum(co2_t)::double as co2_t,
               sum(cost_uah) / nullif(sum(amount), 0) as uah_per_unit, count(*) as months
        from building_energy_monthly where building_id = ?
        group by all order by year desc, utility""",
        [building_id],
    )


def building_flags(con: duckdb.DuckDBPyConnection, building_id: str) -> pd.DataFrame:
    return query(
        con,
        """select start_date, end_date, utility, meter_number, rule, severity, value, reference, source_file,
                  source_line
           from energy_flags where building_id = ?
           order by case severity when 'error' then 0 when 'warning' then 1 else 2 end, start_date desc""",
        [building_id],
    )


def tariffs(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return query(con, "select utility, valid_from, unit, uah_per_unit from tariffs order by utility, valid_from")


def findings_summary(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The energy checks at a glance: findings per rule, how many buildings and the latest one."""
    return query(
        con,
        """select rule, severity, count(*) as findings, count(distinct building_id) as buildings,
                  max(start_date) as latest
           from energy_flags where severity <> 'info'
           group by rule, severity
           order by case severity when 'error' then 0 else 1 end, findings desc""",
    )
