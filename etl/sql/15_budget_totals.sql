-- Pre-aggregates of budget_lines that pages read instead of summing lines: at national scale (every hromada,
-- tens of millions of lines) a page's figures are one row here. The same sums as hromada/metrics/budget.py
-- totals() and spending_by_division(); tests compare them.

-- Spending totals come from the economic breakdown (it shows capital spending) when the year has it, else the
-- programme one, else the functional one.
create or replace table agg_expense_source as
select budget_code, year, period_type,
       case min(case classification when 'economic' then 1 when 'program' then 2 else 3 end)
           when 1 then 'economic' when 2 then 'program' else 'functional' end as classification
from budget_lines
where direction = 'expense'
group by all;

insert into budget_totals by name
select
    b.budget_code, b.year, b.period_type, b.month, b.fund,
    any_value(e.classification) as expense_classification,
    sum(b.executed_ytd_uah) filter (where b.direction = 'income') as income_ytd,
    sum(b.approved_uah) filter (where b.direction = 'income') as income_plan,
    sum(b.executed_ytd_uah) filter (where b.direction = 'income' and b.code not like '4%') as own_ytd,
    sum(b.approved_uah) filter (where b.direction = 'income' and b.code not like '4%') as own_plan,
    sum(b.executed_ytd_uah) filter (where b.direction = 'income' and b.code like '4%') as transfers_ytd,
    sum(b.executed_ytd_uah) filter (where b.direction = 'expense' and b.classification = e.classification)
        as expense_ytd,
    sum(b.approved_uah) filter (where b.direction = 'expense' and b.classification = e.classification)
        as expense_plan,
    sum(b.executed_ytd_uah) filter (
        where b.direction = 'expense' and b.classification = e.classification
        and (case when b.classification = 'economic' then b.code else b.economic_code end) like '3%'
    ) as capital_ytd,
    count(*) as lines
from budget_lines as b
left join agg_expense_source as e using (budget_code, year, period_type)
where b.is_leaf
group by b.budget_code, b.year, b.period_type, b.month, b.fund
order by b.budget_code, b.year, b.period_type, b.month, b.fund;

-- Spending by functional division: the functional breakdown when the year has it, else the programme one
-- (whose lines carry their functional code).
insert into budget_divisions by name
with sources as (
    select budget_code, year, period_type,
           case min(case classification when 'functional' then 1 else 2 end)
               when 1 then 'functional' else 'program' end as classification
    from budget_lines
    where direction = 'expense' and classification in ('functional', 'program')
    group by all
)
select
    b.budget_code, b.year, b.period_type, b.month,
    left(case when b.classification = 'functional' then b.code else b.functional_code end, 2) as division_code,
    sum(b.executed_ytd_uah) as executed_ytd_uah
from budget_lines as b
join sources as s using (budget_code, year, period_type, classification)
where b.direction = 'expense' and b.fund = 'total' and b.is_leaf
    and (case when b.classification = 'functional' then b.code else b.functional_code end) is not null
group by all
order by all;
