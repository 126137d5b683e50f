-- The SMART-hromada programme: targets, electronic document flow, internet access per settlement.
-- A later file overrides an earlier one for the same key (files named by date: the newest wins).

-- (A share over 100 % is turned away by the reader, which knows the KPIs.)
create or replace temp table prg_targets as
select *, row_number() over (partition by kpi, year order by source_file desc, source_line desc) as rk
from stg_targets;

insert into targets by name
select kpi, year, target, note, source_file from prg_targets where rk = 1 order by kpi, year;

-- A rejected row never shadows a good one: rows are ranked among the good.
create or replace temp table prg_documents as
select *, case when electronic > registered then null else row_number() over (
               partition by month, department, electronic > registered
               order by source_file desc, source_line desc) end as rk
from stg_documents;

insert into sql_rejects by name
select source_file, source_line, 'electronic' as column_name,
       electronic::varchar || ' handled electronically is more than the ' || registered::varchar || ' registered'
           as reason
from prg_documents where electronic > registered;

insert into documents_monthly by name
select month, department, registered, electronic, median_days_to_sign, source_file
from prg_documents where rk = 1
order by month, department;

create or replace temp table prg_checked_connectivity as
select c.*,
       case
           when households_connected > households then 'households_connected'
           when exists (select 1 from settlements)
                and settlement_katottg not in (select katottg from settlements) then 'settlement_katottg'
       end as reject_column
from stg_connectivity as c;

create or replace temp table prg_connectivity as
select *, case when reject_column is null then row_number() over (
               partition by settlement_katottg, as_of, reject_column is null
               order by source_file desc, source_line desc) end as rk
from prg_checked_connectivity;

insert into sql_rejects by name
select source_file, source_line, reject_column as column_name,
       case reject_column
           when 'households_connected' then households_connected::varchar || ' households connected is more than the '
               || households::varchar || ' households'
           else settlement_katottg || ' is not a settlement of the hromada in the codifier loaded'
       end as reason
from prg_connectivity where reject_column is not null;

insert into settlement_connectivity by name
select settlement_katottg as katottg, as_of, fixed_broadband, mobile_4g, download_mbps, public_wifi_points,
       households, households_connected, fixed_broadband or mobile_4g = 'full' as covered, source_file
from prg_connectivity where rk = 1
order by katottg, as_of;

create or replace temp table programme_counts as
select source_file, count(*) filter (where rk = 1) as loaded, count(*) filter (where rk > 1) as duplicate
from (
    select source_file, rk from prg_targets
    union all select source_file, rk from prg_documents
    union all select source_file, rk from prg_connectivity
)
group by source_file;
