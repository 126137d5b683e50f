-- Council roll-call votes (Resolution 835, appendix 29): motions, vote events, each deputy's vote, deputies.
-- The same id in two files: the file sorting last wins (a newer export), the other counts as a duplicate.
-- When a deputies list is loaded, a vote by an id not on it is rejected: it cannot be attributed.
create or replace temp table council_ranked_motions as
select *, row_number() over (partition by uid order by source_file desc, source_line desc) as r
from stg_council_motions;

create or replace temp table council_ranked_events as
select *, row_number() over (partition by uid order by source_file desc, source_line desc) as r
from stg_council_vote_events;

create or replace temp table council_ranked_deputies as
select *, row_number() over (partition by voterId order by source_file desc, source_line desc) as r
from stg_council_deputies;

create or replace temp table council_checked_votes as
select
    v.*,
    exists (select 1 from stg_council_deputies) and d.voterId is null as unknown_voter,
    row_number() over (partition by v.motionUid, v.voterId order by v.source_file desc, v.source_line desc) as r
from stg_council_votings as v
left join council_ranked_deputies as d on d.voterId = v.voterId and d.r = 1;

insert into sql_rejects by name
select source_file, source_line, 'voterId' as column_name,
       'voter ' || voterId || ' (' || voterName || ') is not in the deputies list loaded' as reason
from council_checked_votes where unknown_voter;

insert into council_motions by name
select uid, sessionUid as session_uid, votingIdentifier as initiator_id, title, number, classification, date
from council_ranked_motions where r = 1
order by date, number, uid;

insert into council_vote_events by name
select uid, motionUid as motion_uid, projectNumber as project_number, projectTitle as project_title, startDate as start_at, endDate as end_at, result, votingFor as votes_for, votingAgainst as votes_against,
       votingAbstain as votes_abstain, notVoting as not_voting, absent, textUrl as text_url
from council_ranked_events where r = 1
order by startDate, uid;

insert into deputies by name
select voterId as voter_id, voterName as name, faction, district, true as listed
from council_ranked_deputies where r = 1
union all
-- Without a list, everyone who voted is a deputy (faction unknown).
select voterId, any_value(voterName), null, null, false
from council_checked_votes
where not exists (select 1 from stg_council_deputies)
group by voterId
order by 2;

insert into council_votes by name
select motionUid as motion_uid, voterId as voter_id, voterName as voter_name, result as vote
from council_checked_votes where r = 1 and not unknown_voter
order by motionUid, voterId;

create or replace temp table council_counts as
select source_file, count(*) filter (where r = 1) as loaded, count(*) filter (where r > 1) as duplicate
from (
    select source_file, r from council_ranked_motions
    union all select source_file, r from council_ranked_events
    union all select source_file, r from council_ranked_deputies
    union all select source_file, r from council_checked_votes where not unknown_voter
)
group by source_file;
