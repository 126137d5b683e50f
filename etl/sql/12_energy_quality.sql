-- Validation of the energy data: every finding in one list (energy_flags) and a data-quality score per building.
-- Interval findings come from consumption_intervals; here are added duplicates, months without data inside a
-- meter's history, monthly anomalies and what the registry lacks. Heating (gas, heat) is compared per heating
-- degree day (in months with at least 250 of them: in May or September heating is on only some days), so a
-- cold January is not an anomaly; electricity and water per day. Solid fuel is counted by
-- delivery, not use, and is left out of the monthly comparisons.
create or replace temp table en_severity as
select * from (values
    ('negative', 'error'), ('stray_reading', 'error'), ('rollover_or_replacement', 'error'), ('duplicate', 'error'),
    ('same_day', 'warning'), ('zero', 'warning'), ('long_interval', 'warning'), ('short_interval', 'warning'),
    ('incomplete_day', 'warning'), ('outlier', 'warning'), ('spike', 'warning'), ('estimated', 'warning'),
    ('gap', 'warning'), ('partial_month', 'warning'), ('area_missing', 'warning'), ('unknown_building', 'warning'),
    ('vs_last_year', 'warning'), ('vs_recent_months', 'warning'), ('outlier_month', 'warning'),
    ('rollover', 'info'), ('meter_replaced', 'info')
) t(rule, severity);

create or replace temp table en_hdd as
select month, avg(hdd_c) as hdd from heating_degree_days group by month;

-- Complete months only (every meter of the building covered every day): a half-covered month is not an anomaly.
create or replace temp table en_intensity as
with coverage as (
    select building_id, utility, month,
           bool_and(days = day(last_day(strptime(month || '-01', '%Y-%m-%d')))) as complete
    from consumption_monthly where building_id is not null group by all
)
select b.building_id, b.utility, b.month, coalesce(b.kwh, b.amount) as value, h.hdd,
       case when b.utility in ('gas', 'heat') then
                case when h.hdd >= 250 then coalesce(b.kwh, b.amount) / h.hdd end
            else coalesce(b.kwh, b.amount)
                 / day(last_day(strptime(b.month || '-01', '%Y-%m-%d')::date)) end as intensity
from building_energy_monthly b
join coverage c using (building_id, utility, month)
left join en_hdd h using (month)
where b.building_id is not null and b.utility <> 'solid_fuel' and c.complete;

-- Seasons repeat: a school uses half in July every year. The recent-months rule therefore compares this
-- month's step from the three before with the same step a year earlier (so it needs a year of history), and the
-- outlier rule works on each
-- month's ratio to the median of the same calendar month over the years.
create or replace temp table en_month_checks as
with seasonal as (
    select *,
           median(intensity) over (partition by building_id, utility, right(month, 2)) as seasonal_median,
           intensity / median(intensity) over (partition by building_id, utility, right(month, 2)) as seasonal_ratio,
           count(intensity) over (partition by building_id, utility, right(month, 2)) as same_month_years,
           avg(intensity) over w3 as recent, count(intensity) over w3 as recent_n
    from en_intensity
    window w3 as (partition by building_id, utility order by month rows between 3 preceding and 1 preceding)
),
compared as (
    select *,
           lag(intensity) over same_month as last_year,
           lag(month) over same_month as last_year_month,
           intensity / nullif(recent, 0) as step,
           lag(intensity / nullif(recent, 0)) over same_month as step_last_year,
           quantile_cont(seasonal_ratio, 0.25) over wall as q1, quantile_cont(seasonal_ratio, 0.75) over wall as q3,
           count(seasonal_ratio) filter (where same_month_years >= 2) over wall as n_all
    from seasonal
    window same_month as (partition by building_id, utility, right(month, 2) order by month),
           wall as (partition by building_id, utility)
)
select c.building_id, c.utility, c.month, c.value, c.intensity, rule, reference
from compared c cross join stg_settings s,
lateral (
    select 'vs_last_year' as rule, c.last_year as reference
    where c.last_year > 0
      and c.last_year_month = strftime(strptime(c.month || '-01', '%Y-%m-%d') - interval 1 year, '%Y-%m')
      and (c.intensity > c.last_year * (1 + s.anomaly_rise_pct / 100)
           or c.intensity < c.last_year * (1 - s.anomaly_drop_pct / 100))
    union all
    select 'vs_recent_months', c.recent
    where c.recent_n = 3 and c.recent > 0
      and (c.step > 1 + s.anomaly_rise_pct / 100 or c.step < 1 - s.anomaly_drop_pct / 100)
      and (c.step / c.step_last_year > 1 + s.anomaly_rise_pct / 100
           or c.step / c.step_last_year < 1 - s.anomaly_drop_pct / 100)
    union all
    select 'outlier_month', c.seasonal_median
           * case when c.seasonal_ratio > c.q3 then c.q3 + 3 * (c.q3 - c.q1) else c.q1 - 3 * (c.q3 - c.q1) end
    where c.n_all >= 12 and c.same_month_years >= 2 and c.q3 > c.q1
      and (c.seasonal_ratio > c.q3 + 3 * (c.q3 - c.q1) or c.seasonal_ratio < c.q1 - 3 * (c.q3 - c.q1))
      -- and far enough from the usual for it to matter
      and (c.seasonal_ratio > 1 + s.anomaly_rise_pct / 100 or c.seasonal_ratio < 1 - s.anomaly_drop_pct / 100)
);

create or replace temp table en_gaps as
with spans as (
    select meter_number, utility, any_value(building_id) as building_id, min(month) as first_month,
           max(month) as last_month
    from consumption_monthly
    where utility <> 'solid_fuel'  -- firewood is counted by delivery: months without one are normal
    group by meter_number, utility
),
calendar as (
    select s.*, strftime(unnest(generate_series(strptime(first_month || '-01', '%Y-%m-%d'),
                                                strptime(last_month || '-01', '%Y-%m-%d'), interval 1 month)),
                         '%Y-%m') as month
    from spans s
)
-- A month inside a meter's history with no day covered is a gap; one with some days missing (a lost daily
-- reading, an interval whose amount is unknown) is a partial month. The first and last months may be partial.
select c.building_id, c.meter_number, c.utility, c.month, coalesce(m.days, 0) as covered,
       case when m.days is null then 'gap' else 'partial_month' end as rule
from calendar c
left join consumption_monthly m on m.meter_number = c.meter_number and m.utility = c.utility and m.month = c.month
where m.days is null
   or (c.month > c.first_month and c.month < c.last_month
       and m.days < day(last_day(strptime(c.month || '-01', '%Y-%m-%d'))));

insert into energy_flags by name
select f.*, v.severity
from (
    select building_id, meter_number, utility, start_date, end_date, flag as rule, amount as value,
           null::double as reference, source_file, source_line
    from consumption_intervals where flag is not null
    union all
    select building_id, meter_number, utility, start_date, end_date, 'estimated', amount, null, source_file,
           source_line
    from consumption_intervals where estimated
    union all
    select building_id, meter_number, utility, period_start, period_end + 1, 'duplicate', coalesce(amount, index_end),
           kept_line, source_file, source_line
    from en_periods_ranked where rk > 1
    union all
    select b.building_id, r.meterNumber, r.utility, r.date, r.date, 'duplicate', r.quantity, null, r.source_file,
           r.source_line
    from en_readings r left join meter_readings b on b.uid = r.uid
    where r.rk > 1
    union all
    select building_id, meter_number, utility, strptime(month || '-01', '%Y-%m-%d')::date,
           (strptime(month || '-01', '%Y-%m-%d') + interval 1 month)::date, rule, covered, null, null, null
    from en_gaps
    union all
    select building_id, null, utility, strptime(month || '-01', '%Y-%m-%d')::date,
           (strptime(month || '-01', '%Y-%m-%d') + interval 1 month)::date, rule, intensity, reference, null, null
    from en_month_checks
    union all
    select building_id, null, null, null, null, 'area_missing', heated_area_m2, null, null, null
    from buildings where heated_area_m2 is null or heated_area_m2 = 0
    union all
    select building_id, meter_number, utility, min(start_date), max(end_date), 'unknown_building', count(*), null,
           min(source_file), min(source_line)
    from consumption_intervals i
    where building_id is null or not exists (select 1 from buildings b where b.building_id = i.building_id)
    group by all
) f
join en_severity v using (rule)
order by building_id nulls first, meter_number nulls first, utility, start_date nulls first, rule;

-- The score: the share of a building's meter intervals (and months without full data) that are clean. An error or
-- warning on an interval or a missing month counts in full, an estimated reading half; a building without a
-- heated area loses 10 points (no EUI can be computed for it).
insert into building_quality by name
with intervals as (
    select building_id, count(*) as intervals,
           count(*) filter (where v.severity in ('error', 'warning')) as flagged,
           count(*) filter (where (v.severity is null or v.severity = 'info') and i.estimated) as estimated_only
    from consumption_intervals i left join en_severity v on v.rule = i.flag
    group by building_id
),
gaps as (select building_id, count(*) as gap_months from en_gaps group by building_id),
findings as (
    select building_id, count(*) filter (where severity = 'error') as errors,
           count(*) filter (where severity = 'warning') as warnings
    from energy_flags group by building_id
)
select b.building_id, coalesce(i.intervals, 0) as intervals, coalesce(i.flagged, 0) as flagged_intervals, coalesce(i.estimated_only, 0) as estimated_intervals,
       coalesce(g.gap_months, 0) as gap_months, coalesce(f.errors, 0) as errors, coalesce(f.warnings, 0) as warnings,
       b.heated_area_m2 is null or b.heated_area_m2 = 0 as area_missing,
       case when coalesce(i.intervals, 0) + coalesce(g.gap_months, 0) > 0 then
           greatest(0, round(100.0 * (i.intervals - i.flagged - 0.5 * i.estimated_only)
                             / (i.intervals + coalesce(g.gap_months, 0)))
                       - case when b.heated_area_m2 is null or b.heated_area_m2 = 0 then 10 else 0 end)::integer
       end as score
from buildings b
left join intervals i using (building_id)
left join gaps g using (building_id)
left join findings f using (building_id)
order by b.building_id;
