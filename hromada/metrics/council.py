"""Deputies' accountability: attendance, votes, agreement with the majority and with each other.

Conventions: a deputy is *present* at a roll call unless recorded absent; the *majority position* on an
agenda item is "for" when the decision was adopted and "not for" otherwise; agreement counts the items
where the deputy was present.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from hromada.db import query, rows


def has_votes(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(rows(con, "select count(*) from council_votes")[0][0])


_OUTCOME = """
outcome as (
    select motion_uid, bool_or(result = 'adopted') as adopted
    from council_vote_events group by motion_uid
)"""


def scorecard(con: duckdb.DuckDBPyConnection, since: str | None = None) -> pd.DataFrame:
    """Per deputy: roll calls, attendance, each kind of vote, agreement with the majority."""
    return query(
        con,
        f"""
        with {_OUTCOME}
        select d.voter_id, d.name, d.faction,
               count(v.vote) as roll_calls,
               count(*) filter (where v.vote <> 'absent') / nullif(count(v.vote), 0) as attendance,
               count(*) filter (where v.vote = 'for') as votes_for,
               count(*) filter (where v.vote = 'against') as votes_against,
               count(*) filter (where v.vote = 'abstain') as votes_abstain,
               count(*) filter (where v.vote = 'not_voting') as not_voting,
               count(*) filter (where v.vote = 'absent') as absent,
               count(*) filter (where v.vote <> 'absent' and (v.vote = 'for') = o.adopted)
                   / nullif(count(*) filter (where v.vote <> 'absent' and o.adopted is not null), 0)
                   as with_majority
        from deputies d
        left join council_votes v on v.voter_id = d.voter_id
        left join council_motions m on m.uid = v.motion_uid
        left join outcome o on o.motion_uid = v.motion_uid
        where $since is null or m.date >= $since::date
        group by d.voter_id, d.name, d.faction
        order by attendance desc nulls last, d.name""",
        {"since": since},
    )


def totals(con: duckdb.DuckDBPyConnection) -> dict[str, float]:
    df = query(
        con,
        """
        select count(distinct m.uid) as motions, count(distinct m.session_uid) as sessions,
               count(*) filter (where v.vote <> 'absent') / nullif(count(v.vote), 0) as attendance,
               (select count(*) from council_vote_events where result = 'adopted') as adopted,
               (select count(*) from council_vote_events) as vote_events
        from council_motions m left join council_votes v on v.motion_uid = m.uid""",
    )
    return {k: (None if pd.isna(v) else float(v)) for k, v in df.iloc[0].items()}


def matrix(con: duckdb.DuckDBPyConnection, limit: int = 40) -> pd.DataFrame:
    """Deputies × the latest agenda items: each cell the deputy's vote (long form, for a heatmap)."""
    return query(
        con,
        """
        with latest as (select uid, date, number, title from council_motions order by date desc, number desc
                        limit $limit)
        select l.uid, l.date, l.number, l.title, d.voter_id, d.name, coalesce(v.vote, 'no_record') as vote
        from latest l cross join deputies d
        left join council_votes v on v.motion_uid = l.uid and v.voter_id = d.voter_id
        order by l.date, l.number, d.name""",
        {"limit": limit},
    )


def agreement(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Pairs of deputies: the share of items, both present, on which they voted the same way."""
    return query(
        con,
        """
        select a.voter_id as a_id, da.name as a_name, b.voter_id as b_id, db.name as b_name,
               avg(case when a.vote = b.vote then 1.0 else 0.0 end) as agreement, count(*) as items
        from council_votes a
        join council_votes b on a.motion_uid = b.motion_uid
        join deputies da on da.voter_id = a.voter_id
        join deputies db on db.voter_id = b.voter_id
        where a.vote <> 'absent' and b.vote <> 'absent'
        group by all
        order by a_name, b_name""",
    )


def search(con: duckdb.DuckDBPyConnection, words: str, limit: int = 50) -> pd.DataFrame:
    """Agenda items whose title contains the words (case-insensitive), newest first, with their results."""
    return query(
        con,
        """
        select m.uid, m.date, m.title, m.classification, e.project_number, e.result, e.votes_for, e.votes_against,
               e.votes_abstain, e.not_voting, e.absent, e.text_url,
               -- A budget decision links to that year's budget lines in the dashboard.
               case when m.classification ilike '%бюджет%' or m.title ilike '%змін% до бюджет%'
                    then year(m.date) end as budget_year
        from council_motions m left join council_vote_events e on e.motion_uid = m.uid
        where m.title ilike '%' || $words || '%'
        order by m.date desc, m.number desc
        limit $limit""",
        {"words": words, "limit": limit},
    )


def roll_call(con: duckdb.DuckDBPyConnection, motion_uid: str) -> pd.DataFrame:
    """Who voted how on one agenda item."""
    return query(
        con,
        """
        select d.name, d.faction, coalesce(v.vote, 'no_record') as vote
        from deputies d left join council_votes v on v.voter_id = d.voter_id and v.motion_uid = $uid
        order by case coalesce(v.vote, 'no_record') when 'for' then 0 when 'against' then 1 when 'abstain' then 2
                 when 'not_voting' then 3 when 'absent' then 4 else 5 end, d.name""",
        {"uid": motion_uid},
    )
