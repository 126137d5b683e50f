-- The register of hromadas to compare with: a later file wins for the same budget code.
create or replace temp table reg_ranked as
select *, row_number() over (partition by budget_code order by source_file desc, source_line desc) as rk
from stg_hromada_register;

insert into hromada_register by name
select budget_code, katottg, name, oblast, type as hromada_type, population, population_year,
       source as population_source, source_file
from reg_ranked where rk = 1
order by budget_code;

create or replace temp table register_counts as
select source_file, count(*) filter (where rk = 1) as loaded, count(*) filter (where rk > 1) as duplicate
from reg_ranked
group by source_file;
