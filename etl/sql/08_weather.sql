-- Weather: one row per station and day, gaps filled and flagged; heating degree days by month; heating seasons.
-- A missing day is filled by linear interpolation between the nearest known days (is_filled = true); gaps
-- longer than 7 days are left empty rather than invented.
create or replace temp table wx_days as
select station, date, coalesce(temp_mean, (temp_max + temp_min) / 2) as t_mean_c, temp_min as t_min_c,
       temp_max as t_max_c,
       row_number() over (partition by station, date order by source_file desc, source_line desc) as r,
       source_file
from stg_weather;

create or replace temp table wx_known as select * exclude (r) from wx_days where r = 1;

insert into weather_daily by name
with bounds as (select station, min(date) as first_day, max(date) as last_day from wx_known group by station),
calendar as (
    select b.station, unnest(generate_series(b.first_day, b.last_day, interval 1 day))::date as date from bounds b
),
joined as (
    select c.station, c.date, k.t_mean_c, k.t_min_c, k.t_max_c, k.source_file,
           last_value(case when k.t_mean_c is not null then c.date end ignore nulls) over w_before as prev_day,
           last_value(k.t_mean_c ignore nulls) over w_before as prev_t,
           first_value(case when k.t_mean_c is not null then c.date end ignore nulls) over w_after as next_day,
           first_value(k.t_mean_c ignore nulls) over w_after as next_t
    from calendar c left join wx_known k using (station, date)
    window w_before as (partition by c.station order by c.date rows between unbounded preceding and current row),
           w_after as (partition by c.station order by c.date rows between current row and unbounded following)
)
select station, date,
       coalesce(t_mean_c, case when datediff('day', prev_day, next_day) <= 8 then
           prev_t + (next_t - prev_t) * datediff('day', prev_day, date) / datediff('day', prev_day, next_day) end) as t_mean_c,
       t_min_c, t_max_c, t_mean_c is null as is_filled, source_file
from joined
where t_mean_c is not null or datediff('day', prev_day, next_day) <= 8
order by station, date;

insert into heating_degree_days by name
select station, strftime(date, '%Y-%m') as month, s.hdd_base_c as base_c,
       sum(greatest(s.hdd_base_c - t_mean_c, 0)) as hdd_c, count(*) as days,
       count(*) filter (where is_filled) as filled_days
from weather_daily cross join stg_settings s
group by station, month, s.hdd_base_c
order by station, month;

-- Ukrainian heating-season rule: it starts after three days in a row with a daily mean below +8 °C (from
-- August on) and ends after three days in a row above +8 °C (from March on).
insert into heating_seasons by name
with flags as (
    select station, date,
           bool_and(t_mean_c < 8) over w and count(*) over w = 3 as cold3,
           bool_and(t_mean_c > 8) over w and count(*) over w = 3 as warm3
    from weather_daily
    window w as (partition by station order by date rows between 2 preceding and current row)
),
starts as (
    select station, year(date) as y, min(date) + 1 as start_date from flags
    where cold3 and month(date) >= 8 group by station, year(date)
),
ends as (
    select station, year(date) - 1 as y, min(date) + 1 as end_date from flags
    where warm3 and month(date) between 3 and 7 group by station, year(date)
)
select s.station, s.y::varchar || '/' || lpad(((s.y + 1) % 100)::varchar, 2, '0') as season, s.start_date, e.end_date,
       datediff('day', s.start_date, e.end_date) as days
from starts s left join ends e using (station, y)
order by s.station, s.start_date;

create or replace temp table wx_counts as
select source_file, count(*) filter (where r = 1) as loaded, count(*) filter (where r > 1) as duplicate
from wx_days group by source_file;
