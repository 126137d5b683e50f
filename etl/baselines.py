"""Baselines, savings and weather-normalised use per building and utility: the one build step that is not SQL.

The regression runs in numpy (hromada.baseline); the results are written back as warehouse tables, so the pages
read figures and never refit.

What the model is fitted on is the periods the meters were read over, each with its own days and degree days:
the days of a smart meter (thirty times the points, and the autocorrelation correction doing real work), the
calendar months of readings on the 1st, or bills from the 15th to the 14th as bills. Splitting a bill over two
calendar months and fitting those on calendar-month weather smears each bill's weather over the next and biases
the base load and the balance point. Calendar months from the monthly totals are the fallback where a
building's meters are read over different periods. A period with an error, a doubtful amount or a monthly
outlier is left out of the fit and the savings, as is one without weather for every day.

Which periods form the baseline: before a retrofit, those within the 24 months before the month it was
completed, and those from the month after it are the reporting period whose savings are measured. A building
without a retrofit is tracked against its first 24 months, so a drift in its use shows up the same way.

Monthly charts and figures come from the same model on each calendar month's weather: the model is linear, so
a month's expectation is the sum of its days'.
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


# Interval findings that make an amount doubtful: such a period is left out of the fit and the savings. A long
# or short period, a rollover or a new meter are facts about the period, not about its amount.
DOUBTFUL_FLAGS = ("zero", "outlier", "spike", "incomplete_day", "same_day")
ALIGNED_SHARE = 0.9  # periods are used when this share of them is read by every meter of the building


@dataclass
class Periods:
    """A building's use of one utility over the periods its meters were read: days, bills or months."""

    start: np.ndarray  # datetime64[D], first day
    end: np.ndarray  # datetime64[D], the day after the last
    kwh: np.ndarray
    days: np.ndarray
    hdd: np.ndarray  # periods × BALANCE_POINTS
    suspect: np.ndarray  # bool: an error, a doubtful amount or a monthly outlier: left out
    resolution: str  # "day", "month" (calendar months) or "bill" (periods on their own days)


class DailyWeather:
    """Degree days per day at every candidate base (stations averaged, as for the months), summed over any
    period by cumulative sums: a period's degree days are its own days', not its calendar months'."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        rows = con.execute(
            """
            select date, list(hdd order by base) from (
                select w.date, b.base, avg(greatest(b.base - w.t_mean_c, 0)) as hdd
                from weather_daily w, (select unnest(?::double[]) as base) b
                where w.t_mean_c is not null
                group by all
            ) group by date order by date
            """,
            [list(BALANCE_POINTS)],
        ).fetchall()
        self.first = np.datetime64(rows[0][0], "D") if rows else np.datetime64("1970-01-01", "D")
        span = int((np.datetime64(rows[-1][0], "D") - self.first).astype(int)) + 1 if rows else 0
        values = np.zeros((span, len(BALANCE_POINTS)))
        present = np.zeros(span)
        for day, hdd in rows:
            i = int((np.datetime64(day, "D") - self.first).astype(int))
            values[i], present[i] = hdd, 1
        self._cum = np.vstack([np.zeros(len(BALANCE_POINTS)), np.cumsum(values, axis=0)])
        self._present = np.concatenate([[0], np.cumsum(present)])
        self._span = span

    def over(self, start: np.ndarray, end: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(degree days per period × base, whether every day of the period has weather)."""
        lo = np.clip((start - self.first).astype(int), 0, self._span)
        hi = np.clip((end - self.first).astype(int), 0, self._span)
        complete = (self._present[hi] - self._present[lo]) == (end - start).astype(int)
        complete &= (start - self.first).astype(int) >= 0
        return self._cum[hi] - self._cum[lo], complete


def _periods(con: duckdb.DuckDBPyConnection, weather: DailyWeather) -> dict[tuple[str, str], Periods]:
    """Per building and utility, the periods every meter of it was read over, where nearly all are: a bill
    from the 15th to the 14th stays one bill with its own days and degree days, instead of being split over
    two calendar months and fitted on theirs (which biases the base load and the balance point)."""
    rows = con.execute(
        """
        with per_meter as (  -- a meter's reading of a period (a day read both by the hour and whole counts once)
            select c.building_id, c.utility, c.meter_number, c.start_date, c.end_date, sum(c.kwh) as kwh,
                   bool_or(c.kwh is null or v.severity = 'error' or list_contains(?::varchar[], c.flag)) as doubtful
            from consumption_intervals c left join en_severity v on v.rule = c.flag
            where c.building_id is not null and c.utility in ('electricity', 'gas', 'heat') and c.days >= 1
            group by all
        ),
        periods as (
            select building_id, utility, start_date, end_date, sum(kwh) as kwh, count(*) as read_by,
                   bool_or(doubtful) as doubtful
            from per_meter group by all
        ),
        meters as (
            select building_id, utility, count(distinct meter_number) as meters
            from consumption_intervals
            where building_id is not null and utility in ('electricity', 'gas', 'heat')
            group by all
        )
        select p.building_id, p.utility, p.start_date, p.end_date, p.kwh, p.read_by = m.meters as complete,
               p.doubtful or exists (
                   select 1 from energy_flags f
                   where f.building_id = p.building_id and f.utility = p.utility and f.rule = 'outlier_month'
                     and f.start_date < p.end_date and f.end_date > p.start_date
               ) as suspect
        from periods p join meters m using (building_id, utility)
        order by building_id, utility, start_date, end_date
        """,
        [list(DOUBTFUL_FLAGS)],
    ).fetchnumpy()  # as columns: daily readings of a thousand buildings are millions of periods
    building, utility = rows["building_id"], rows["utility"]
    starts, ends = rows["start_date"].astype("datetime64[D]"), rows["end_date"].astype("datetime64[D]")
    kwhs = np.ma.filled(np.ma.asarray(rows["kwh"], float), np.nan)
    suspects = np.ma.filled(np.ma.asarray(rows["suspect"], bool), False)
    read_by_all = np.ma.filled(np.ma.asarray(rows["complete"], bool), False)  # by every meter of the building
    # The rows come sorted by building and utility: each pair is one run of them.
    cuts = np.flatnonzero((building[1:] != building[:-1]) | (utility[1:] != utility[:-1])) + 1
    out = {}
    for lo, hi in zip([0, *cuts], [*cuts, len(building)], strict=True):
        if lo == hi:
            continue
        read_by = read_by_all[lo:hi]
        if read_by.mean() < ALIGNED_SHARE:  # meters read over different periods: calendar months instead
            continue
        start, end = starts[lo:hi][read_by], ends[lo:hi][read_by]
        hdd, weathered = weather.over(start, end)
        keep = weathered & ~_overlapping(start, end)
        if not keep.any():
            continue
        start, end, hdd = start[keep], end[keep], hdd[keep]
        days = (end - start).astype(int).astype(float)
        kwh = kwhs[lo:hi][read_by][keep]
        suspect = suspects[lo:hi][read_by][keep] | np.isnan(kwh)
        out[building[lo], utility[lo]] = Periods(start, end, kwh, days, hdd, suspect, _resolution(start, days))
    return out


def _overlapping(start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Periods that overlap another (a reading set aside leaves one period inside a longer one): the shorter
    is dropped, the longer spans both."""
    order = np.lexsort((-(end - start).astype(int), start))
    drop = np.zeros(len(start), bool)
    if len(order) < 2:
        return drop
    later, reached = start[order][1:], np.maximum.accumulate(end[order])[:-1]
    if (later >= reached).all():  # none starts before an earlier one ends (the usual case): nothing to drop
        return drop
    reach = None
    for i in order:
        if reach is not None and start[i] < reach:
            drop[i] = True
            continue
        reach = end[i]
    return drop


def _resolution(start: np.ndarray, days: np.ndarray) -> str:
    if float(np.median(days)) <= 1:
        return "day"
    calendar = (start.astype("datetime64[M]").astype("datetime64[D]") == start).mean()
    return "month" if calendar >= ALIGNED_SHARE else "bill"


def _monthly_periods(s: Series, weather_days: dict[str, int], weather: DailyWeather) -> Periods | None:
    """Calendar months, where the meters of a building are read over different periods."""
    idx = [i for i, m in enumerate(s.months) if m in weather_days]
    if not idx:
        return None
    start = np.array([f"{s.months[i]}-01" for i in idx], "datetime64[D]")
    end = (start.astype("datetime64[M]") + 1).astype("datetime64[D]")
    hdd, _ = weather.over(start, end)
    days = (end - start).astype(int).astype(float)
    kwh = np.array([s.kwh[i] for i in idx], float)
    return Periods(start, end, kwh, days, hdd, np.array([s.suspect[i] for i in idx]), "month")


def _windows(periods: Periods, retrofit: date | None) -> tuple[np.ndarray, np.ndarray]:
    """Baseline and reporting periods: before a retrofit, the (up to) 24 months before the month it was
    completed, and the periods from the month after it; without one, the first 24 months and what follows."""
    usable = ~periods.suspect
    if retrofit is not None:
        month = np.datetime64(retrofit.strftime("%Y-%m"), "M")
        cut, after = month.astype("datetime64[D]"), (month + 1).astype("datetime64[D]")
        first = (month - BASELINE_MONTHS).astype("datetime64[D]")
        base = usable & (periods.end <= cut) & (periods.start >= first)
        report = usable & (periods.start >= after)
    else:
        if not usable.any():
            return usable, usable
        first = periods.start[usable].min()
        day_of_month = first - first.astype("datetime64[M]").astype("datetime64[D]")
        cut = (first.astype("datetime64[M]") + BASELINE_MONTHS).astype("datetime64[D]") + day_of_month
        base = usable & (periods.end <= cut)
        report = usable & (periods.start >= cut)
    return base, report


def _ratio(values: list[float | None], kwh: list[float]) -> float | None:
    """UAH or tonnes per kWh over the months that have both."""
    pairs = [(v, k) for v, k in zip(values, kwh, strict=True) if v is not None and k]
    total = sum(k for _, k in pairs)
    return sum(v for v, _ in pairs) / total if total else None


def _month_label(day: np.datetime64) -> str:
    return str(day.astype("datetime64[M]"))


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
    daily_weather = DailyWeather(con)
    read_periods = _periods(con, daily_weather)
    for s in _series(con):
        periods = read_periods.get((s.building_id, s.utility)) or _monthly_periods(s, weather_days, daily_weather)
        if periods is None:
            continue
        base, report = _windows(periods, s.retrofit)
        if periods.days[base].sum() < 30 * MIN_BASELINE_MONTHS:
            continue
        fit = fit_baseline(
            periods.kwh[base],
            periods.days[base],
            {b: periods.hdd[base, i] for i, b in enumerate(BALANCE_POINTS)},
            periods.resolution,
        )
        at_period_base = (
            periods.hdd[:, BALANCE_POINTS.index(fit.balance_point_c)]
            if fit.balance_point_c is not None
            else np.zeros(len(periods.days))
        )
        savings = avoided_energy(fit, periods.kwh[report], periods.days[report], at_period_base[report])
        window = (_month_label(periods.start[base][0]), _month_label(periods.end[base][-1] - 1))
        reporting = (
            (_month_label(periods.start[report][0]), _month_label(periods.end[report][-1] - 1))
            if report.any()
            else None
        )

        # Month by month, for the charts: what the model expects for each complete month's weather.
        idx = [i for i, m in enumerate(s.months) if m in weather_hdd]
        months = [s.months[i] for i in idx]
        kwh = np.array([s.kwh[i] for i in idx], float)
        days = np.array([weather_days[m] for m in months], float)
        at_base = (
            np.array([weather_hdd[m][fit.balance_point_c] for m in months])
            if fit.balance_point_c is not None
            else np.zeros(len(months))
        )
        expected = fit.predict(days, at_base)
        labels = [_period_label(m, s.suspect[idx[i]], window, reporting) for i, m in enumerate(months)]
        in_report = [i for i, label in enumerate(labels) if label == "reporting"]
        cost_ratio = _ratio([s.cost_uah[idx[i]] for i in in_report], kwh[in_report].tolist())
        co2_ratio = _ratio([s.co2_t[idx[i]] for i in in_report], kwh[in_report].tolist())
        baselines.append(_baseline_row(s, fit, window, reporting, savings, cost_ratio, co2_ratio))
        for i, month in enumerate(months):
            monthly.append(
                {
                    "building_id": s.building_id,
                    "utility": s.utility,
                    "month": month,
                    "period": labels[i],
                    "actual_kwh": float(kwh[i]),
                    "expected_kwh": float(expected[i]),
                    "hdd_c": float(at_base[i]),
                }
            )
            if fit.balance_point_c is not None:
                normal_hdd = normal[month[5:]][fit.balance_point_c]
                adjusted = float(kwh[i]) - fit.slope * (float(at_base[i]) - normal_hdd)
            else:
                adjusted = float(kwh[i])
            normalised.append(
                {
                    "building_id": s.building_id,
                    "utility": s.utility,
                    "month": month,
                    "actual_kwh": float(kwh[i]),
                    "normalised_kwh": adjusted,
                }
            )
    for table, rows in (
        ("energy_baselines", baselines),
        ("energy_baseline_monthly", monthly),
        ("energy_normalised_monthly", normalised),
    ):
        if rows:  # one insert through Arrow, matched by column name: executemany pays per row
            con.register("incoming", pa.Table.from_pylist(rows))
            con.execute(f"insert into {table} by name select * from incoming")  # table names are ours
            con.unregister("incoming")
    return len(baselines)


def _period_label(month: str, suspect: bool, window: tuple[str, str], reporting: tuple[str, str] | None) -> str:
    if suspect:
        return "excluded"
    if window[0] <= month <= window[1]:
        return "baseline"
    if reporting is not None and reporting[0] <= month <= reporting[1]:
        return "reporting"
    return "between"


def _months_between(first: str, last: str) -> int:
    return (int(last[:4]) - int(first[:4])) * 12 + int(last[5:7]) - int(first[5:7]) + 1


def _baseline_row(
    s: Series,
    fit: Fit,
    window: tuple[str, str],
    reporting: tuple[str, str] | None,
    savings: Savings,
    cost_ratio: float | None,
    co2_ratio: float | None,
) -> dict[str, object]:
    has_report = reporting is not None
    return {
        "building_id": s.building_id,
        "utility": s.utility,
        "model": fit.model,
        "resolution": fit.resolution,
        "baseline_points": fit.n,
        "balance_point_c": fit.balance_point_c,
        "intercept_kwh_per_day": fit.intercept,
        "slope_kwh_per_degree_day": fit.slope,
        "baseline_from": window[0],
        "baseline_to": window[1],
        "baseline_months": _months_between(*window),
        "r2": fit.r2,
        "cv_rmse_pct": 100 * fit.cv_rmse,
        "nmbe_pct": 100 * fit.nmbe,
        "passes_g14": fit.passes_g14,
        "retrofit_date": s.retrofit,
        "reporting_from": reporting[0] if has_report else None,
        "reporting_to": reporting[1] if has_report else None,
        "reporting_months": _months_between(*reporting) if has_report else 0,
        "baseline_kwh": savings.baseline_kwh if has_report else None,
        "actual_kwh": savings.actual_kwh if has_report else None,
        "avoided_kwh": savings.avoided_kwh if has_report else None,
        "avoided_uncertainty_kwh": savings.uncertainty_kwh if has_report else None,
        "avoided_uah": savings.avoided_kwh * cost_ratio if has_report and cost_ratio is not None else None,
        "avoided_co2_t": savings.avoided_kwh * co2_ratio if has_report and co2_ratio is not None else None,
    }
