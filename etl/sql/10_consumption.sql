-- From readings to consumption: per interval of a meter, flagged, in kWh where the utility is energy, and split
-- over calendar months by days. Two inputs: the national set (meter indices on a date: an interval runs from one
-- reading to the next) and our meter template (billing periods with indices, an amount or both). An interval
-- covers start_date … end_date − 1: a reading taken on a day closes the previous day, a period ending on the
-- 31st ends before the 1st. A value that cannot be trusted becomes NULL and flagged, never guessed or dropped.

-- Template rows: a row needs an amount or an end index and a period that does not run backwards.
create or replace view en_periods as
select p.*,
       (p.amount is not null or p.index_end is not null) and p.period_end >= p.period_start as is_valid
from stg_meter_periods p;

insert into sql_rejects by name
select source_file, source_line,
       case when amount is null and index_end is null then 'index_end' else 'period_end' end as column_name,
       case when amount is null and index_end is null then 'a period needs index_end or amount'
            else 'period_end ' || period_end || ' is before period_start ' || period_start end as reason
from en_periods where not is_valid;

-- A period entered twice (the same meter, utility, days and hour): the latest file's, then the latest line's,
-- is kept. Only keys that repeat are ranked: a window over every period sorts millions of rows for a handful.
create or replace temp table en_period_repeats as
select meter_number, utility, period_start, period_end, coalesce(hour, -1) as hour_key
from en_periods where is_valid
group by all having count(*) > 1;

create or replace temp table en_periods_ranked as
select p.*, row_number() over w as rk, first_value(p.source_file) over w as kept_file,
       first_value(p.source_line) over w as kept_line
from en_periods p
semi join en_period_repeats r
    on r.meter_number = p.meter_number and r.utility = p.utility and r.period_start = p.period_start
   and r.period_end = p.period_end and r.hour_key = coalesce(p.hour, -1)
where p.is_valid
window w as (partition by p.meter_number, p.utility, p.period_start, p.period_end, coalesce(p.hour, -1)
             order by p.source_file desc, p.source_line desc);

-- Indices: the start of a period is its own index_start (a new meter's first index) or the previous period's
-- end. A drop with meter_digits known is a rollover past 99…9; without, the amount is unknown. Where periods
-- are missing between (a row rejected, a bill not entered), the amount from the previous index covers the days
-- since that period ended, not only this period's: no month is lost and none gets another's consumption.
create or replace temp table en_template as
with ordered as (
    select *, lag(index_end) over w as prev_index, lag(period_end) over w as prev_end
    from en_periods p
    where is_valid and not exists (
        select 1 from en_periods_ranked r
        where r.rk > 1 and r.source_file = p.source_file and r.source_line = p.source_line
    )
    window w as (partition by meter_number, utility order by period_start, coalesce(hour, -1))
),
based as (
    select * replace (
               case when amount is null and index_start is null and hour is null and prev_end + 1 < period_start
                    then prev_end + 1 else period_start end as period_start),
           coalesce(index_start, prev_index) as base
    from ordered
)
select building_id, meter_number, utility, unit, period_start, period_end, hour, coalesce(estimated, false) as estimated,
       source_file, source_line,
       case when amount is not null then case when amount >= 0 then amount end
            when index_end < 0 or base < 0 then null
            when index_end >= base then index_end - base
            when index_start is null and meter_digits is not null then power(10, meter_digits) - base + index_end
       end as amount,
       case when amount < 0 or (amount is null and (index_end < 0 or base < 0)) then 'negative'
            when amount is not null then null
            when base is null then 'opening_index'
            when index_end >= base then
                case when index_start is not null and prev_index is not null and index_start <> prev_index
                     then 'meter_replaced' end
            when index_start is null and meter_digits is not null then 'rollover'
            else 'rollover_or_replacement'
       end as flag
from based;

-- National set: a stray reading is out of line with both neighbours while they agree with each other: above
-- the next one although the next is not below the previous (a typed 2 453 710 for 245 371), or below the
-- previous one although the next is not (245 37). Taken as it is, it would invent one huge month and lose the
-- next (the index "fell"); set aside, it costs only itself: the period around it counts from its neighbours.
-- A real rollover or new meter stays low afterwards, so it is never stray.
create or replace temp table en_stray_readings as
with usable as (
    select uid, quantity, lag(quantity) over w as prev_q, lead(quantity) over w as next_q
    from meter_readings
    where quantity >= 0 and utility <> 'solid_fuel'
    window w as (partition by meter_number, utility order by date, uid)
)
select uid from usable
where next_q >= prev_q and (quantity > next_q or quantity < prev_q);

-- The interval from the last usable reading (a negative or stray index is flagged, not used as a base).
create or replace temp table en_readings_seq as
select m.*, s.uid is not null as is_stray,
       last_value(case when quantity >= 0 and s.uid is null then quantity end ignore nulls) over w as prev_quantity,
       last_value(case when quantity >= 0 and s.uid is null then date end ignore nulls) over w as prev_date
from meter_readings m
left join en_stray_readings s using (uid)
window w as (partition by meter_number, utility order by date, uid rows between unbounded preceding and 1 preceding);

create or replace temp table en_intervals as
select meter_number, building_id, utility, unit,
       case when utility = 'solid_fuel' then date else prev_date end as start_date,
       date as end_date,
       case when quantity < 0 or is_stray then null
            when utility = 'solid_fuel' then quantity
            when quantity >= prev_quantity then quantity - prev_quantity end as amount,
       case
           when quantity < 0 then 'negative'
           when is_stray then 'stray_reading'
           when utility = 'solid_fuel' then null
           when prev_date = date and quantity = prev_quantity then 'duplicate'  -- the same reading again
           when quantity < prev_quantity then 'rollover_or_replacement'
           when prev_date = date then 'same_day'
       end as flag,
       false as estimated,
       null::varchar as source_file, null::integer as source_line, uid
from en_readings_seq
where utility = 'solid_fuel' or prev_date is not null or quantity < 0 or is_stray
union all
-- Template: whole periods (end exclusive), and smart-meter hours summed to days.
select meter_number, building_id, utility, unit, period_start, period_end + 1, amount, flag, estimated,
       source_file, source_line, null
from en_template where hour is null and flag is distinct from 'opening_index'
union all
select meter_number, any_value(building_id), utility, any_value(unit), period_start, period_end + 1,
       case when count(*) filter (where amount is null) = 0 then sum(amount) end,
       coalesce(max(case when flag in ('negative', 'rollover_or_replacement') then flag end),
                case when count(distinct hour) < 24 then 'incomplete_day' end),
       bool_or(estimated), min(source_file), min(source_line), null
from en_template where hour is not null and flag is distinct from 'opening_index'
group by meter_number, utility, period_start, period_end;

-- Where each national-set reading came from (readings keep their uid; the file and line are in staging).
update en_intervals i set source_file = r.source_file, source_line = r.source_line
from en_readings r where r.rk = 1 and r.uid = i.uid;

insert into consumption_intervals by name
with per_day as not materialized (
    select *, greatest(datediff('day', start_date, end_date), 1) as days,
           amount / greatest(datediff('day', start_date, end_date), 1) as per_day
    from en_intervals
),
typical as (  -- the meter's usual period length and spread of daily amounts, from its unflagged intervals
    select meter_number, utility, median(days) as median_days, median(per_day) as median_per_day,
           quantile_cont(per_day, 0.25) as q1, quantile_cont(per_day, 0.75) as q3
    from per_day where flag is null and per_day > 0 group by all
)
select
    p.meter_number, p.building_id, p.utility, p.start_date, p.end_date, p.days, p.amount, p.unit,
    p.amount * case p.unit
        when 'kWh' then 1.0 when 'MWh' then 1000.0
        when 'Gcal' then 1163.0  -- 1 Gcal = 1.163 MWh
        when 'm3' then case when p.utility = 'gas' then s.gas_kwh_per_m3 end
        when 't' then s.solid_fuel_kwh_per_t
    end as kwh,
    coalesce(
        case when p.flag in ('rollover', 'meter_replaced') then null else p.flag end,
        case
            when p.utility = 'solid_fuel' then null
            -- no consumption: suspect, except heating in the warm months (May to September)
            when p.amount = 0 and (p.utility in ('electricity', 'water') or month(p.start_date) not between 5 and 9)
                then 'zero'
            when p.days > greatest(1.5 * t.median_days, 2) and p.days > 1 then 'long_interval'
            when t.median_days >= 2 and p.days < 0.5 * t.median_days then 'short_interval'
            when p.per_day > t.q3 + 3 * (t.q3 - t.q1) and t.q3 > t.q1 then 'outlier'
            when p.utility in ('electricity', 'water') and p.per_day > 3 * t.median_per_day then 'spike'
        end,
        p.flag
    ) as flag,
    p.estimated, p.source_file, p.source_line
from per_day p
cross join stg_settings s
left join typical t using (meter_number, utility)
-- A total order (a reading repeated on a day ends two intervals on one date): a rebuild writes the same file.
order by p.meter_number, p.utility, p.end_date, p.start_date, p.source_file, p.source_line, p.flag;

-- Months: each interval's amount spread evenly over its days (readings on 20 January and 20 February give
-- January 12/31 of it and February 19/31; readings on the 1st of each month give whole months).
insert into consumption_monthly by name
with days as (
    select building_id, meter_number, utility, amount, kwh,
           datediff('day', start_date, end_date) as n,
           unnest(generate_series(start_date, end_date - 1, interval 1 day))::date as day
    from consumption_intervals
    where amount is not null and datediff('day', start_date, end_date) > 0
)
select building_id, meter_number, utility, strftime(day, '%Y-%m') as month,
       -- rounded: parallel sums may differ in the last bit, and a rebuild must give the same figures
       round(sum(amount / n), 6) as amount, round(sum(kwh / n), 6) as kwh, count(*) as days
from days
group by all
order by building_id, meter_number, utility, month;

insert into en_counts by name
select p.source_file, count(*) filter (where p.is_valid) - coalesce(any_value(d.duplicate), 0) as loaded,
       coalesce(any_value(d.duplicate), 0) as duplicate
from en_periods p
left join (select source_file, count(*) as duplicate from en_periods_ranked where rk > 1 group by all) d
    using (source_file)
group by p.source_file;
