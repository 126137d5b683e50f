"""Baselines, savings and weather-normalised use per building and utility: the one build step that is not SQL.

The regression runs in numpy (hromada.baseline) over monthly totals the SQL models made; the results are written
back as warehouse tables, so the pages read figures and never refit. Only complete months count: every meter of
the building covered every day, and the weather station every day.

Which months form the baseline: before a retrofit, the (up to) 24 complete months before the month it was
completed, and the months after it are the reporting period whose savings are measured. A building without a
retrofit is tracked against its first 24 complete months, so a drift in its use shows up the same way.

Where a building's meters are read daily (smart meters, or daily rows in our template), the model is fitted
on the days of those months instead: thirty times the points, a tighter uncertainty, and the Guideline's
autocorrelation correction doing real work. Monthly charts and figures are the same either way, since the
model is linear: a month's expectation is the sum of its days'.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

import duckdb
import numpy as np
import pyarrow as pa

from hromada.baseline import BALANCE_POINTS, Fit, Savings, avoided_energy, fit_baseline

MODELLED_UTILITIES = ("electricity", "gas", "heat")
BASELINE_MONTHS = 24
MIN_BASELINE_MONTHS = 12


@dataclass
class Series:
    building_id: str
    utility: str
    retrofit: date | None
    months: list[str]
    kwh: list[float]
    cost_uah: list[float | None]
    co2_t: list[float | None]
    suspect: list[bool]  # an error or a monthly outlier: left out of the fit and the savings


def _weather(con: duckdb.DuckDBPyConnection) -> tuple[dict[str, int], dict[str, dict[float, float]]]:
    """Days and degree days at every candidate base for each complete weather month (stations averaged)."""
    rows = con.execute(
        """
        with per_station as (
            select station, strftime(date, '%Y-%m') as month, count(*) as days,
                   day(last_day(min(date))) as month_days,
                   list(t_mean_c order by date) as temps
            from weather_daily group by all
        )
        select month, any_value(month_days), b.base,
               avg(list_sum(list_transform(temps, lambda t: greatest(b.base - t, 0)))) as hdd
        from per_station, (select unnest(?::double[]) as base) b
        where days = month_days
        group by month, b.base
        order by month, b.base
        """,
        [list(BALANCE_POINTS)],
    ).fetchall()
    days: dict[str, int] = {}
    hdd: dict[str, dict[float, float]] = defaultdict(dict)
    for month, month_days, base, value in rows:
        days[month] = month_days
        hdd[month][round(base, 1)] = value
    return days, dict(hdd)


def _series(con: duckdb.DuckDBPyConnection) -> list[Series]:
    rows = con.execute(
        """
        with meters as (
            select building_id, utility, month, round(sum(kwh), 6) as kwh, bool_and(
                days = day(last_day(strptime(month || '-01', '%Y-%m-%d')))) as complete
            from consumption_monthly
            where building_id is not null and kwh is not null and utility in ('electricity', 'gas', 'heat')
            group by all
        )
        select m.building_id, m.utility, b.retrofit_date, m.month, m.kwh, e.cost_uah, e.co2_t,
               exists (
                   select 1 from energy_flags f
                   where f.building_id = m.building_id and f.utility = m.utility
                     and (f.severity = 'error' or f.rule = 'outlier_month')
                     and f.start_date < strptime(m.month || '-01', '%Y-%m-%d') + interval 1 month
                     and f.end_date > strptime(m.month || '-01', '%Y-%m-%d')
               ) as suspect
        from meters m
        join buildings b using (building_id)
        left join building_energy_monthly e using (building_id, utility, month)
        where m.complete
        order by m.building_id, m.utility, m.month
        """
    ).fetchall()
    series: dict[tuple[str, str], Series] = {}
    for building_id, utility, retrofit, month, kwh, cost, co2, suspect in rows:
        s = series.setdefault((building_id, utility), Series(building_id, utility, retrofit, [], [], [], [], []))
        s.suspect.append(suspect)
        s.months.append(month)
        s.kwh.append(kwh)
        s.cost_uah.append(cost)
        s.co2_t.append(co2)
    return list(series.values())


DAILY_SHARE = 0.9  # a series is daily when at least this share of its meter intervals are single days


@dataclass
class DailySeries:
    months: np.ndarray  # year × 100 + month of each day
    kwh: np.ndarray
    temps: np.ndarray  # daily mean temperature, °C


def _month_key(month: str) -> int:
    return int(month[:4]) * 100 + int(month[5:7])


def _daily(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], DailySeries]:
    """Per daily-read building and utility: kWh and mean temperature per day, for days every meter reported
    without a problem. Numbers only cross into Python, as numpy arrays: millions of days, no Python objects."""
    con.execute(
        """
        create or replace temp table en_daily as
        with kinds as (
            select building_id, utility, count(distinct meter_number) as meters,
                   count(*) filter (where days = 1) as one_day, count(*) as intervals
            from consumption_intervals
            where building_id is not null and utility in ('electricity', 'gas', 'heat')
            group by all
        ),
        days as (
            select c.building_id, c.utility, c.start_date as day, round(sum(c.kwh), 6) as kwh
            from consumption_intervals c join kinds k using (building_id, utility)
            left join en_severity v on v.rule = c.flag
            where k.one_day >= ? * k.intervals and c.days = 1 and c.kwh is not null
              and (c.flag is null or v.severity = 'info')
            group by c.building_id, c.utility, c.start_date, k.meters
            having count(distinct c.meter_number) = k.meters
        ),
        weather as (select date as day, avg(t_mean_c) as t from weather_daily group by date)
        select dense_rank() over (order by d.building_id, d.utility) as series, d.building_id, d.utility, d.day,
               year(d.day) * 100 + month(d.day) as month_key, d.kwh, w.t
        from days d join weather w using (day)
        """,
        [DAILY_SHARE],
    )
    keys = {
        series: (building_id, utility)
        for series, building_id, utility in con.execute(
            "select series, any_value(building_id), any_value(utility) from en_daily group by 1"
        ).fetchall()
    }
    columns = con.execute("select series, month_key, kwh, t from en_daily order by series, day").fetchnumpy()
    series_ids = np.asarray(columns["series"])
    cuts = np.flatnonzero(np.diff(series_ids)) + 1  # the data is ordered by series: each run is one
    starts = np.concatenate([[0], cuts]).astype(int) if len(series_ids) else np.array([], int)
    out = {
        keys[int(series_ids[start])]: DailySeries(months, kwh, temps)
        for start, months, kwh, temps in zip(
            starts,
            np.split(np.asarray(columns["month_key"]), cuts),
            np.split(np.asarray(columns["kwh"], float), cuts),
            np.split(np.asarray(columns["t"], float), cuts),
            strict=False,  # no rows: one empty split, no start
        )
    }
    con.execute("drop table en_daily")
    return out


def _daily_fit(series: DailySeries, baseline: set[str], reporting: set[str]) -> tuple[Fit, Savings] | None:
    """The degree-day model on the days of the baseline months, and the savings on the reporting months' days."""
    base = np.isin(series.months, [_month_key(m) for m in baseline])
    report = np.isin(series.months, [_month_key(m) for m in reporting])
    if base.sum() < 30 * MIN_BASELINE_MONTHS:
        return None
    bases = np.array(BALANCE_POINTS)
    hdd = np.clip(bases[None, :] - series.temps[:, None], 0, None)  # days × candidate balance points
    fit = fit_baseline(
        series.kwh[base], np.ones(int(base.sum())), {b: hdd[base, i] for i, b in enumerate(BALANCE_POINTS)}, "day"
    )
    at_base = (
        hdd[report, BALANCE_POINTS.index(fit.balance_point_c)]
        if fit.balance_point_c is not None
        else np.zeros(int(report.sum()))
    )
    return fit, avoided_energy(fit, series.kwh[report], np.ones(int(report.sum())), at_base)


def _ratio(values: list[float | None], kwh: list[float]) -> float | None:
    """UAH or tonnes per kWh over the months that have both."""
    pairs = [(v, k) for v, k in zip(values, kwh, strict=True) if v is not None and k]
    total = sum(k for _, k in pairs)
    return sum(v for v, _ in pairs) / total if total else None


def fit_baselines(con: duckdb.DuckDBPyConnection) -> int:
    """Fill energy_baselines, energy_baseline_monthly and energy_normalised_monthly; return the models fitted."""
    weather_days, weather_hdd = _weather(con)
    by_calendar_month: dict[str, list[dict[float, float]]] = defaultdict(list)
    for month, values in weather_hdd.items():
        by_calendar_month[month[5:]].append(values)
    normal = {  # fsum over months in order: a rebuild gives the same figures to the last bit
        cal: {b: math.fsum(v[b] for v in values) / len(values) for b in BALANCE_POINTS}
        for cal, values in by_calendar_month.items()
    }
    baselines, monthly, normalised = [], [], []
    daily = _daily(con)
    for s in _series(con):
        idx = [i for i, m in enumerate(s.months) if m in weather_hdd]
        months = [s.months[i] for i in idx]
        kwh = np.array([s.kwh[i] for i in idx], float)
        usable = [i for i, k in enumerate(idx) if not s.suspect[k]]
        if not months:
            continue
        retrofit_month = s.retrofit.strftime("%Y-%m") if s.retrofit else None
        if retrofit_month:
            base_idx = [i for i in usable if months[i] < retrofit_month][-BASELINE_MONTHS:]
            report_idx = [i for i in usable if months[i] > retrofit_month]
        else:
            base_idx = usable[:BASELINE_MONTHS]
            report_idx = usable[BASELINE_MONTHS:]
        if len(base_idx) < MIN_BASELINE_MONTHS:
            continue
        days = np.array([weather_days[m] for m in months], float)
        hdd = {b: np.array([weather_hdd[m][b] for m in months]) for b in BALANCE_POINTS}
        by_day = (
            _daily_fit(daily[s.building_id, s.utility], {months[i] for i in base_idx}, {months[i] for i in report_idx})
            if (s.building_id, s.utility) in daily
            else None
        )
        if by_day is not None:
            fit, savings = by_day
        else:
            fit = fit_baseline(kwh[base_idx], days[base_idx], {b: h[base_idx] for b, h in hdd.items()})
        at_base = hdd[fit.balance_point_c] if fit.balance_point_c is not None else np.zeros(len(months))
        expected = fit.predict(days, at_base)
        if by_day is None:
            savings = avoided_energy(fit, kwh[report_idx], days[report_idx], at_base[report_idx])
        report_set, base_set, usable_set = set(report_idx), set(base_idx), set(usable)
        reporting = [s.months[idx[i]] for i in report_idx]
        cost_ratio = _ratio([s.cost_uah[idx[i]] for i in report_idx], kwh[report_idx].tolist())
        co2_ratio = _ratio([s.co2_t[idx[i]] for i in report_idx], kwh[report_idx].tolist())
        baselines.append(
            _baseline_row(
                s,
                fit,
                (months[base_idx[0]], months[base_idx[-1]], len(base_idx)),
                reporting,
                savings,
                cost_ratio,
                co2_ratio,
            )
        )
        for i, month in enumerate(months):
            period = (
                "reporting"
                if i in report_set
                else "baseline"
                if i in base_set
                else "between"
                if i in usable_set
                else "excluded"
            )
            monthly.append(
                (s.building_id, s.utility, month, period, float(kwh[i]), float(expected[i]), float(at_base[i]))
            )
            if fit.balance_point_c is not None:
                normal_hdd = normal[month[5:]][fit.balance_point_c]
                adjusted = float(kwh[i]) - fit.slope * (float(at_base[i]) - normal_hdd)
            else:
                adjusted = float(kwh[i])
            normalised.append((s.building_id, s.utility, month, float(kwh[i]), adjusted))
    for table, rows in (
        ("energy_baselines", baselines),
        ("energy_baseline_monthly", monthly),
        ("energy_normalised_monthly", normalised),
    ):
        if rows:  # one insert through Arrow: executemany pays per row
            con.register(
                "incoming",
                pa.table(
                    [pa.array(column) for column in zip(*rows, strict=True)],
                    names=[f"c{i}" for i in range(len(rows[0]))],
                ),
            )
            con.execute(f"insert into {table} select * from incoming")  # table names are ours
            con.unregister("incoming")
    return len(baselines)


def _baseline_row(
    s: Series,
    fit: Fit,
    window: tuple[str, str, int],
    reporting: list[str],
    savings: Savings,
    cost_ratio: float | None,
    co2_ratio: float | None,
) -> tuple:
    first, last, baseline_months = window
    has_report = bool(reporting)
    return (
        s.building_id,
        s.utility,
        fit.model,
        fit.resolution,
        fit.n,
        fit.balance_point_c,
        fit.intercept,
        fit.slope,
        first,
        last,
        baseline_months,
        fit.r2,
        100 * fit.cv_rmse,
        100 * fit.nmbe,
        fit.passes_g14,
        s.retrofit,
        reporting[0] if has_report else None,
        reporting[-1] if has_report else None,
        len(reporting),
        savings.baseline_kwh if has_report else None,
        savings.actual_kwh if has_report else None,
        savings.avoided_kwh if has_report else None,
        savings.uncertainty_kwh if has_report else None,
        savings.avoided_kwh * cost_ratio if has_report and cost_ratio is not None else None,
        savings.avoided_kwh * co2_ratio if has_report and co2_ratio is not None else None,
    )
