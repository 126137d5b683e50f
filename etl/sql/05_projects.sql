-- The project registry: the current version of each project, its funding, its tenders, what changed
-- since the previous registry version, and flags for what a council member should check.
--
-- Each registry file is a snapshot; files are versions ordered by path (name them by date). A project
-- is taken from the last file that lists it; its rows in earlier files are counted as duplicates and
-- compared with it in project_changes.
create or replace temp table prj_ranked as
select
    *,
    row_number() over (partition by project_id order by source_file desc, source_line desc) as version_rank
from stg_projects;

insert into projects by name
select
    project_id, title_uk, coalesce(title_en, title_uk) as title_en, description, sector, status, settlement_katottg,
    lat, lon, planned_start, planned_end, actual_start, actual_end, budget_uah, spent_uah,
    coalesce(progress_pct, case status when 'completed' then 100 end) as progress_pct,
    programme_code, prozorro_ids, dream_id, pb_uid, expected_effect, expected_kwh_per_year, department, contact, links,
    coalesce(is_opportunity, false) as is_opportunity, funding_sought_uah, investment_form, annual_revenue_uah,
    -- Simple payback: the published figure, else what is sought (or the budget) over the annual return.
    coalesce(payback_years, case when annual_revenue_uah > 0
        then round(coalesce(funding_sought_uah, budget_uah) / annual_revenue_uah, 1) end) as payback_years,
    land_area_ha, utilities, ownership, cadastral_number, source_file, source_line
from prj_ranked
where version_rank = 1
order by project_id;

insert into project_funding by name
select project_id, source, amount_uah
from (
    unpivot (select * from prj_ranked where version_rank = 1)
    on funding_local_budget_uah as 'local_budget', funding_state_budget_uah as 'state_budget',
       funding_srdf_uah as 'srdf', funding_donor_uah as 'donor', funding_investor_uah as 'investor',
       funding_cofinancing_uah as 'cofinancing'
    into name source value amount_uah
)
where amount_uah is not null and amount_uah > 0
order by project_id, source;

-- A registry may name a tender by its Prozorro id or by its ocid: two equi-joins (an OR in one join
-- condition would compare every reference with every procurement).
insert into project_tenders by name
with refs as (
    select distinct p.project_id, ref.tender_ref
    from projects as p, unnest(string_split(coalesce(p.prozorro_ids, ''), ' ')) as ref(tender_ref)
    where ref.tender_ref <> ''
),
matches as (
    select r.project_id, r.tender_ref, pr.ocid from refs r join procurements pr on pr.tender_id = r.tender_ref
    union
    select r.project_id, r.tender_ref, pr.ocid from refs r join procurements pr on pr.ocid = r.tender_ref
)
select r.project_id, r.tender_ref, m.ocid, m.ocid is not null as matched
from refs as r
left join matches as m using (project_id, tender_ref)
order by r.project_id, r.tender_ref;

-- What changed between a project's previous registry version and the current one.
insert into project_changes by name
with pairs as (
    select cur.project_id, prev.source_file as previous_file, cur.source_file as current_file,
           prev.status as s0, cur.status as s1,
           prev.budget_uah::varchar as b0, cur.budget_uah::varchar as b1,
           prev.spent_uah::varchar as sp0, cur.spent_uah::varchar as sp1,
           prev.progress_pct::varchar as pg0, cur.progress_pct::varchar as pg1,
           prev.planned_start::varchar as ps0, cur.planned_start::varchar as ps1,
           prev.planned_end::varchar as pe0, cur.planned_end::varchar as pe1,
           prev.actual_start::varchar as as0, cur.actual_start::varchar as as1,
           prev.actual_end::varchar as ae0, cur.actual_end::varchar as ae1
    from prj_ranked as cur
    join prj_ranked as prev on prev.project_id = cur.project_id and prev.version_rank = 2
    where cur.version_rank = 1
)
select project_id, field, old_value, new_value, previous_file, current_file
from (
    unpivot pairs on (s0, s1) as 'status', (b0, b1) as 'budget_uah', (sp0, sp1) as 'spent_uah',
                     (pg0, pg1) as 'progress_pct', (ps0, ps1) as 'planned_start', (pe0, pe1) as 'planned_end',
                     (as0, as1) as 'actual_start', (ae0, ae1) as 'actual_end'
    into name field value old_value, new_value
)
where old_value is distinct from new_value
order by project_id, field;

-- Flags: kept projects with something to check. Where the hromada's area is not known from
-- settlement coordinates, the location check is skipped (it is not a fault of the project).
insert into project_flags by name
with area as (
    select s.hromada_katottg,
           min(s.lat) - 0.05 as lat_min, max(s.lat) + 0.05 as lat_max,
           min(s.lon) - 0.08 as lon_min, max(s.lon) + 0.08 as lon_max
    from settlements as s
    where s.lat is not null
    group by s.hromada_katottg
)
select * from (
    select project_id, 'spent_over_budget' as flag,
           'spent ' || spent_uah::varchar || ' > budget ' || budget_uah::varchar as detail
    from projects where spent_uah > budget_uah
    union all
    select p.project_id, 'outside_hromada',
           'lat ' || p.lat::varchar || ', lon ' || p.lon::varchar || ' is outside the area of the hromada''s settlements'
    from projects as p
    join settlements as s on s.katottg = p.settlement_katottg
    join area as a on a.hromada_katottg = s.hromada_katottg
    where p.lat is not null and p.lon is not null
      and (p.lat not between a.lat_min and a.lat_max or p.lon not between a.lon_min and a.lon_max)
    union all
    select p.project_id, 'unknown_settlement',
           p.settlement_katottg || ' is not a settlement in the codifier files loaded'
    from projects as p
    where exists (select 1 from settlements)
      and not exists (select 1 from settlements as s where s.katottg = p.settlement_katottg)
    union all
    select project_id, 'tender_not_found', tender_ref || ' matches no Prozorro record loaded'
    from project_tenders where not matched
    union all
    select t.project_id, 'contract_over_expected',
           'contract ' || c.contract_id || ' of ' || c.value_amount::varchar || ' > expected '
               || pr.expected_amount::varchar || ' (' || t.tender_ref || ')'
    from project_tenders as t
    join procurements as pr on pr.ocid = t.ocid
    join contracts as c on c.ocid = t.ocid
    where c.value_amount > pr.expected_amount and c.status is distinct from 'cancelled'
    union all
    select t.project_id, 'paid_over_contract',
           'paid ' || x.paid::varchar || ' > contract ' || c.contract_id || ' of ' || c.value_amount::varchar
    from project_tenders as t
    join contracts as c on c.ocid = t.ocid
    join (select ocid, contract_id, sum(value_amount) as paid from contract_transactions group by all) as x
        on x.ocid = c.ocid and x.contract_id = c.contract_id
    where x.paid > c.value_amount
    union all
    select p.project_id, 'funding_mismatch',
           'funding sources add up to ' || f.total::varchar || ', the budget is ' || p.budget_uah::varchar
    from projects as p
    join (select project_id, sum(amount_uah) as total from project_funding group by 1) as f using (project_id)
    where f.total <> p.budget_uah
)
order by project_id, flag;
