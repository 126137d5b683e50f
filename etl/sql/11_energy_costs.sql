-- Tariffs and emission factors (our templates) and, per building and month, energy, cost and CO₂.
-- A tariff applies from its valid_from until the next one for the same utility; a price per kWh applies to
-- the energy, a price per the meter's own unit to the amount. Emission factors apply from their year on.
insert into tariffs by name
select distinct utility as utility, valid_from, unit, uah_per_unit from stg_tariffs order by utility, valid_from;

insert into emission_factors by name
select utility, year, kg_co2_per_kwh, any_value(source) as source from stg_emission_factors group by all order by all;

insert into building_energy_monthly by name
with months as (
    select c.*, strptime(c.month || '-01', '%Y-%m-%d')::date as first_day,
           (select unit from consumption_intervals i where i.meter_number = c.meter_number limit 1) as meter_unit
    from consumption_monthly c
),
priced as (
    select m.*,
           (select t.uah_per_unit from tariffs t where t.utility = m.utility and t.valid_from <= m.first_day
              and t.unit = m.meter_unit order by t.valid_from desc limit 1) as price_per_unit,
           (select t.uah_per_unit from tariffs t where t.utility = m.utility and t.valid_from <= m.first_day
              and t.unit = 'kWh' order by t.valid_from desc limit 1) as price_per_kwh,
           (select f.kg_co2_per_kwh from emission_factors f where f.utility = m.utility
              and f.year <= year(m.first_day) order by f.year desc limit 1) as kg_per_kwh
    from months m
)
select building_id, utility, month, round(sum(amount), 6) as amount, any_value(meter_unit) as unit, round(sum(kwh), 6) as kwh,
       round(sum(coalesce(amount * price_per_unit, kwh * price_per_kwh)), 6) as cost_uah, round(sum(kwh * kg_per_kwh) / 1000, 9) as co2_t
from priced
group by building_id, utility, month
order by building_id, utility, month;
