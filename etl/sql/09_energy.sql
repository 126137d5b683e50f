-- Public buildings and their meter readings as published, with the utility and unit recognised.
insert into buildings by name
select building_id, name, type, settlement_katottg, lat, lon, heated_area_m2, year_built, floors, energy_class,
       heating_source, organization_id, meters, occupants, retrofit_date, retrofit_project_id
from (select *, row_number() over (partition by building_id order by source_file desc, source_line desc) as r
      from stg_buildings)
where r = 1
order by building_id;

create or replace temp table en_readings as
select
    r.*,
    row_number() over (partition by uid order by source_file desc, source_line desc) as rk,
    case
        when lower(type) similar to '.*(електр|electric).*' then 'electricity'
        when lower(type) similar to '.*(газ|gas).*' then 'gas'
        when lower(type) similar to '.*(тепл|опален|heat).*' then 'heat'
        when lower(type) similar to '.*(вод|water).*' then 'water'
        when lower(type) similar to '.*(дров|пелет|палив|вугіл|wood|pellet|fuel|coal).*' then 'solid_fuel'
    end as utility,
    case
        when lower(replace(unitName, ' ', '')) similar to '.*(квт|kwh).*' then 'kWh'
        when lower(replace(unitName, ' ', '')) similar to '.*(мвт|mwh).*' then 'MWh'
        when lower(replace(unitName, ' ', '')) similar to '.*(гкал|gcal).*' then 'Gcal'
        when lower(replace(unitName, ' ', '')) similar to '.*(м3|м³|куб|m3).*' then 'm3'
        when lower(replace(unitName, ' ', '')) similar to '.*(тонн|^т$|^t$|tonne).*' then 't'
    end as unit
from stg_energy_readings r;

insert into sql_rejects by name
select source_file, source_line, case when utility is null then 'type' else 'unitName' end as column_name,
       case when utility is null then 'service type ''' || type || ''' is not electricity, gas, heat, water or solid fuel'
            else 'unit ''' || unitName || ''' is not one we can convert (kWh, MWh, Gcal, m³, t)' end as reason
from en_readings where rk = 1 and (utility is null or unit is null);

insert into meter_readings by name
select r.uid, r.date, r.organizationId as organization_id, r.organizationName as organization_name, r.providerId as provider_id, r.meterNumber as meter_number, r.utility, r.quantity,
       r.unit, r.type as type_published, b.building_id
from en_readings r
left join buildings b on list_contains(string_split(coalesce(b.meters, ''), ' '), r.meterNumber)
                      or (b.meters is null and b.organization_id = r.organizationId)
where r.rk = 1 and r.utility is not null and r.unit is not null
order by r.meterNumber, r.date, r.uid;

create or replace temp table en_counts as
select source_file, count(*) filter (where rk = 1 and utility is not null and unit is not null) as loaded,
       count(*) filter (where rk > 1) as duplicate
from en_readings group by source_file
union all
select source_file, count(*) filter (where r = 1), count(*) filter (where r > 1)
from (select source_file, row_number() over (partition by building_id order by source_file desc, source_line desc) as r
      from stg_buildings)
group by source_file
union all
select source_file, count(*), 0 from stg_tariffs group by source_file
union all
select source_file, count(*), 0 from stg_emission_factors group by source_file;
