-- From published meter readings to consumption: per interval between two readings of a meter, flagged, in
-- kWh where the utility is energy, and split over calendar months by days. A drop in a meter index is a
-- rollover or a replaced meter: the interval's amount is unknown (NULL) and flagged, never guessed.
create or replace table en_intervals as
with ordered as (
    select m.*,
           lag(quantity) over w as prev_quantity,
           lag(date) over w as prev_date
    from meter_readings m
    window w as (partition by meter_number, utility order by date, uid)
)
select
    meter_number, building_id, utility, unit,
    case when utility = 'solid_fuel' then date else prev_date end as start_date,
    date as end_date,
    case when utility = 'solid_fuel' then quantity
         when quantity >= prev_quantity then quantity - prev_quantity end as amount,
    case
        when utility = 'solid_fuel' then null
        when quantity < prev_quantity then 'rollover_or_replacement'
        when quantity = prev_quantity then 'zero'
        when datediff('day', prev_date, date) > 45 then 'long_interval'
        when datediff('day', prev_date, date) = 0 then 'same_day'
    end as flag
from ordered
where utility = 'solid_fuel' or prev_date is not null;

insert into consumption_intervals
with per_day as (
    select *, amount / greatest(datediff('day', start_date, end_date), 1) as per_day
    from en_intervals
),
typical as (
    select meter_number, utility, median(per_day) as median_per_day
    from per_day where flag is null and per_day > 0 group by all
)
select
    p.meter_number, p.building_id, p.utility, p.start_date, p.end_date,
    greatest(datediff('day', p.start_date, p.end_date), 1), p.amount, p.unit,
    p.amount * case p.unit
        when 'kWh' then 1.0 when 'MWh' then 1000.0
        when 'Gcal' then 1163.0  -- 1 Gcal = 1.163 MWh
        when 'm3' then case when p.utility = 'gas' then s.gas_kwh_per_m3 end
        when 't' then s.solid_fuel_kwh_per_t
    end,
    coalesce(p.flag, case when p.per_day > 3 * t.median_per_day then 'spike' end)
from per_day p
cross join stg_settings s
left join typical t using (meter_number, utility)
order by p.meter_number, p.utility, p.end_date;

-- Months: each interval's amount spread evenly over its days (readings on 20 January and 20 February give
-- January 12/31 of it and February 19/31; readings on the 1st of each month give whole months).
insert into consumption_monthly
with days as (
    select building_id, meter_number, utility, amount, kwh,
           datediff('day', start_date, end_date) as n,
           -- a reading taken on a day closes the previous day: the interval covers start … end − 1
           unnest(generate_series(start_date, end_date - 1, interval 1 day))::date as day
    from consumption_intervals
    where amount is not null and datediff('day', start_date, end_date) > 0
)
select building_id, meter_number, utility, strftime(day, '%Y-%m') as month,
       sum(amount / n) as amount, sum(kwh / n) as kwh, count(*) as days
from days
group by all
order by building_id, meter_number, utility, month;
