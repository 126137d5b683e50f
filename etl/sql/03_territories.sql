-- hromadas and settlements from the codifier rows, with the settlements register joined on.
-- A unit's own code is its deepest level; when two files list the same unit, the file whose
-- path sorts last (the newer edition) wins.
create or replace temp table stg_units as
select * exclude (rank_in_code)
from (
    select
        *,
        coalesce(level5, level4, level3, level2, level1) as unit_code,
        row_number() over (
            partition by coalesce(level5, level4, level3, level2, level1)
            order by source_file desc, source_line desc
        ) as rank_in_code
    from stg_katottg
)
where rank_in_code = 1;

create or replace temp table stg_register as
select * exclude (rank_in_code)
from (
    select *, row_number() over (partition by katottg order by source_file desc, source_line desc) as rank_in_code
    from stg_settlements_register
)
where rank_in_code = 1;

insert into settlements by name
select
    u.unit_code as katottg,
    u.level3 as hromada_katottg,
    u.name_uk,
    u.name_en,
    u.category,
    r.lat,
    r.lon,
    r.population
from stg_units as u
left join stg_register as r on r.katottg = u.unit_code
where u.category in ('M', 'X', 'C') and u.level3 is not null
order by u.level3, u.unit_code;

insert into hromadas by name
select
    h.unit_code as katottg,
    h.name_uk,
    h.name_en,
    h.level1 as oblast_katottg,
    o.name_uk as oblast_name_uk,
    h.level2 as raion_katottg,
    p.name_uk as raion_name_uk,
    s.budget_code,
    coalesce(n.settlements_count, 0) as settlements_count,
    coalesce(s.population, n.population) as population
from stg_units as h
left join stg_units as o on o.unit_code = h.level1 and o.category = 'O'
left join stg_units as p on p.unit_code = h.level2 and p.category = 'P'
left join stg_settings as s on s.katottg = h.unit_code
left join (
    select hromada_katottg, count(*) as settlements_count, sum(population)::integer as population
    from settlements
    group by hromada_katottg
) as n on n.hromada_katottg = h.unit_code
where h.category = 'H'
order by h.unit_code;
