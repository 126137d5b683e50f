-- Participation: petitions, participatory budget, residents' appeals and e-services.
-- Only counts of signatures and votes are kept (no names). Deadlines come from the settings.
create or replace temp table part_petitions as
select *, row_number() over (partition by uid order by source_file desc, source_line desc) as r,
       answerDate < startDate as answer_before_start
from stg_petitions;

insert into sql_rejects by name
select source_file, source_line, 'answerDate' as column_name,
       'answer date ' || answerDate::varchar || ' is before the start date ' || startDate::varchar as reason
from part_petitions where answer_before_start;

insert into petitions by name
select p.uid, p.kind, p.title, p.url, p.startDate as start_date, p.count as signatures, p.status, p.answerDate as answer_date, p.answerUrl as answer_url,
       datediff('day', p.startDate, p.answerDate) as days_to_answer, p.answerDate is not null as is_answered,
       p.count >= s.petition_threshold as reached_threshold, s.petition_threshold as threshold
from part_petitions p cross join stg_settings s
where p.r = 1 and not coalesce(p.answer_before_start, false)
order by p.startDate, p.uid;

insert into petition_signatures_daily by name
select motionUid as petition_uid, date, count(*) as signatures from stg_petition_signatures group by all order by all;

create or replace temp table part_pb as
select *, row_number() over (partition by uid order by source_file desc, source_line desc) as r from stg_pb_projects;

insert into pb_projects by name
select uid, kind, type, title, description, url, count as votes, status, decisionDate as decision_date, budgetPlan as budget_plan_uah, budgetFact as budget_fact_uah,
       projectResposible as responsible,
       -- Published statuses are free text: winners are the ones chosen for (or done in) implementation.
       regexp_matches(lower(status), 'переможе|реаліз|виконан|winner|implement|complet') as is_winner
from part_pb where r = 1
order by decisionDate nulls last, uid;

insert into pb_votes_daily by name
select projectUid as project_uid, voteDate as date, count(*) as votes from stg_pb_votes group by all order by all;

create or replace temp table part_appeals as
select
    a.*,
    row_number() over (partition by service_request_id order by source_file desc, source_line desc) as r,
    updated_datetime < requested_datetime as updated_before_requested
from stg_appeals a;

insert into sql_rejects by name
select source_file, source_line, 'updated_datetime' as column_name,
       'updated ' || updated_datetime::varchar || ' before it was requested ' || requested_datetime::varchar as reason
from part_appeals where updated_before_requested;

insert into appeals by name
with typed as (
    select a.*, coalesce(a.request_type, 'appeal') as kind, s.appeal_deadline_days
    from part_appeals a cross join stg_settings s
    where a.r = 1 and not coalesce(a.updated_before_requested, false)
)
select
    service_request_id, service_name as category, status, kind as request_type, requested_datetime as requested_at, updated_datetime as updated_at, expected_datetime as expected_at,
    -- Public-information requests: 5 working days (a request on a weekend counts from Monday).
    case when kind = 'public_information' then requested_datetime + to_days(
             case isodow(requested_datetime) when 6 then 6 when 7 then 5 else 7 end)
         else requested_datetime + to_days(appeal_deadline_days) end as deadline_at,
    case when status = 'closed' then updated_datetime end as answered_at,
    case when status = 'closed' then datediff('hour', requested_datetime, updated_datetime) / 24.0 end
        as response_days,
    address, lat, long as lon, settlement_katottg, agency_responsible as agency
from typed
order by requested_datetime, service_request_id;

insert into e_services by name
select month, service, channel, sum(count) as services from stg_e_services group by all order by all;

create or replace temp table participation_counts as
select source_file, count(*) filter (where r = 1 and not bad) as loaded, count(*) filter (where r > 1) as duplicate
from (
    select source_file, r, coalesce(answer_before_start, false) as bad from part_petitions
    union all select source_file, r, false from part_pb
    union all select source_file, r, coalesce(updated_before_requested, false) from part_appeals
    union all select source_file, 1, false from stg_petition_signatures
    union all select source_file, 1, false from stg_pb_votes
    union all select source_file, 1, false from stg_e_services
)
group by source_file;
