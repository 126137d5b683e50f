-- From checked rows to budget_lines: one value per line key, leaf flags, period amounts.
--
-- 1. The same line (budget, period, fund, classification, code) may come from several files.
--    The row from the file whose path sorts last wins (exports named by date: the newest),
--    then the later line. Losers with the same amounts are duplicates; others are conflicts
--    and go to the quarantine with both places named.
-- Almost every key appears once: only the keys found more than once are ranked (a window over every row
-- would sort the whole national table by ten keys), the rest are their key's only row.
-- (The key condition is written twice, for the rows without and with a repeat: a shared flag, by a join or a
-- CTE, measured 1.3 s slower at 5 M rows.)
create or replace table ob_repeated_keys as
select budget_code, year, month, period_type, fund, direction, classification, code, economic_code, functional_code
from stg_openbudget
where reject_reason is null
group by all
having count(*) > 1;

create or replace table ob_ranked as
select s.*, 1::bigint as rank_in_key
from stg_openbudget as s
where s.reject_reason is null
    and not exists (
        select 1 from ob_repeated_keys as r
        where r.budget_code = s.budget_code and r.year = s.year and r.month = s.month
            and r.period_type = s.period_type and r.fund = s.fund and r.direction = s.direction
            and r.classification = s.classification and r.code = s.code
            and r.economic_code is not distinct from s.economic_code
            and r.functional_code is not distinct from s.functional_code
    )
union all
select
    s.*,
    row_number() over (
        partition by budget_code, year, month, period_type, fund, direction, classification, code,
                     economic_code, functional_code
        order by source_file desc, source_line desc
    ) as rank_in_key
from stg_openbudget as s
where s.reject_reason is null
    and exists (
        select 1 from ob_repeated_keys as r
        where r.budget_code = s.budget_code and r.year = s.year and r.month = s.month
            and r.period_type = s.period_type and r.fund = s.fund and r.direction = s.direction
            and r.classification = s.classification and r.code = s.code
            and r.economic_code is not distinct from s.economic_code
            and r.functional_code is not distinct from s.functional_code
    );

create or replace table ob_losers as
select
    loser.source_file,
    loser.source_line,
    case
        when loser.executed_ytd_uah is distinct from winner.executed_ytd_uah then 'FAKT_AMT'
        when loser.approved_uah is distinct from winner.approved_uah then 'ZAT_AMT'
        when loser.amended_uah is distinct from winner.amended_uah then 'PLANS_AMT'
    end as column_name,
    winner.source_file as kept_file,
    winner.source_line as kept_line,
    loser.executed_ytd_uah as loser_executed,
    winner.executed_ytd_uah as kept_executed,
    loser.approved_uah as loser_approved,
    winner.approved_uah as kept_approved,
    loser.amended_uah as loser_amended,
    winner.amended_uah as kept_amended
from ob_ranked as loser
join ob_ranked as winner
    on winner.rank_in_key = 1
    and loser.budget_code = winner.budget_code
    and loser.year = winner.year
    and loser.month = winner.month
    and loser.period_type = winner.period_type
    and loser.fund = winner.fund
    and loser.direction = winner.direction
    and loser.classification = winner.classification
    and loser.code = winner.code
    and loser.economic_code is not distinct from winner.economic_code
    and loser.functional_code is not distinct from winner.functional_code
where loser.rank_in_key > 1;

-- 2. Leaf flags. A line is not a leaf when a more detailed line of the same group is published.
--    Each classification nests at fixed positions, the rest of the code filled with zeros:
--    income 1/2/4/6 digits (10000000 > 11000000 > 11010000 > 11010100; 18011000 does not hold
--    18011100), programme 2/3 (0100000 > 0110000 > 0110150), functional 2/3 (0800 > 0820 > 0822),
--    economic 1/2/3 (2000 > 2200 > 2270 > 2273). In programme exports the programme's own row (no
--    economic code) holds its economic rows.
--    The ancestry is worked out once over the distinct codes (a few hundred), then joined to the
--    lines: a line is a parent when a line of its group has it as an ancestor.
create or replace table ob_parents as
with kept as (
    select * from ob_ranked where rank_in_key = 1
),
distinct_lines as (
    select distinct classification, code, economic_code from kept
),
code_ancestors as (
    select
        classification, code, economic_code,
        rpad(left(code, k::integer), length(code)::integer, '0') as ancestor_code
    from (
        select *,
            unnest(list_append(case classification
                when 'income' then [1, 2, 4, 6]
                when 'economic' then [1, 2, 3]
                else [2, 3]
            end, length(code))) as k
        from distinct_lines
    )
),
candidates as (
    select
        classification, code, economic_code, ancestor_code,
        unnest(list_concat(
            [null::varchar],
            list_transform([1, 2, 3, coalesce(length(economic_code), 0)],
                           lambda j: rpad(left(economic_code, j::integer), length(economic_code)::integer, '0'))
        )) as ancestor_economic
    from code_ancestors
),
links as (
    select distinct c.classification, c.code, c.economic_code, c.ancestor_code, c.ancestor_economic
    from candidates as c
    join distinct_lines as l
        on l.classification = c.classification
        and l.code = c.ancestor_code
        and l.economic_code is not distinct from c.ancestor_economic
    where not (c.ancestor_code = c.code and c.ancestor_economic is not distinct from c.economic_code)
)
select distinct
    k.budget_code, k.year, k.month, k.period_type, k.fund, k.direction, k.classification,
    l.ancestor_code as code, l.ancestor_economic as economic_code
from kept as k
join links as l
    on l.classification = k.classification
    and l.code = k.code
    and l.economic_code is not distinct from k.economic_code;

-- 3. The final table, in a stable order so two builds of the same inputs are identical
insert into budget_lines by name
select
    k.budget_code,
    k.year,
    k.month,
    k.period_type,
    k.fund,
    k.direction,
    k.classification,
    k.code,
    k.name,
    k.functional_code,
    k.economic_code,
    k.economic_name,
    p.code is null as is_leaf,
    k.approved_uah,
    k.amended_uah,
    k.executed_ytd_uah,
    -- Amounts are cumulative from 1 January: the period's own amount is the change since the
    -- previous published period of the same line (the whole amount for its first period).
    k.executed_ytd_uah - coalesce(lag(k.executed_ytd_uah) over (
        partition by k.budget_code, k.year, k.period_type, k.fund, k.direction, k.classification,
                     k.code, k.economic_code, k.functional_code
        order by k.month
    ), 0) as executed_uah,
    k.source_file,
    k.source_line
from ob_ranked as k
left join (select distinct * from ob_parents) as p
    on p.budget_code = k.budget_code
    and p.year = k.year
    and p.month = k.month
    and p.period_type = k.period_type
    and p.fund = k.fund
    and p.direction = k.direction
    and p.classification = k.classification
    and p.code = k.code
    and p.economic_code is not distinct from k.economic_code
where k.rank_in_key = 1
-- (file and line name a row once; by budget first, so a page's query for one budget reads only its row groups)
order by k.budget_code, k.year, k.source_file, k.source_line;
