-- Type and check the text rows of every openbudget export. A row that fails a check keeps its
-- first reason and the column at fault; it goes to rejected_rows, the rest to budget_lines.
-- The budget's scratch tables are written to the file, unlike the other models' temporary ones: a national set
-- is tens of millions of lines, past the build's memory cap, and temporary tables spill uncompressed (at 5 M
-- lines with a 1 GB cap the build took 14 % longer; uncapped, 5 % less time for nearly twice the memory).
create or replace table stg_openbudget as
with cleaned as (
    select
        source_file,
        source_line,
        direction,
        classification,
        period_type,
        trim(rep_period) as rep_period,
        upper(trim(fund_typ)) as fund_typ,
        trim(cod_budget) as budget_code,
        -- Spreadsheets drop leading zeros; every classification has a fixed width, so pad back.
        case
            when regexp_full_match(trim(code), '\d+') then lpad(trim(code), case classification
                when 'income' then 8 when 'program' then 7 else 4 end, '0')
            else trim(code)
        end as code,
        nullif(trim(name), '') as name,
        case when regexp_full_match(trim(functional_code), '\d+') then lpad(trim(functional_code), 4, '0')
             else nullif(trim(functional_code), '') end as functional_code,
        -- Programme exports mark the programme's own row with an empty (or zero) economic code.
        case when trim(economic_code) in ('', '0') then null
             when regexp_full_match(trim(economic_code), '\d+') then lpad(trim(economic_code), 4, '0')
             else trim(economic_code) end as economic_code,
        nullif(trim(economic_name), '') as economic_name,
        nullif(replace(replace(replace(trim(zat_amt), ' ', ''), chr(160), ''), ',', '.'), '') as zat_text,
        nullif(replace(replace(replace(trim(plans_amt), ' ', ''), chr(160), ''), ',', '.'), '') as plans_text,
        nullif(replace(replace(replace(trim(fakt_amt), ' ', ''), chr(160), ''), ',', '.'), '') as fakt_text
    from stg_openbudget_raw
),

typed as (
    select
        *,
        coalesce(
            try_cast(nullif(regexp_extract(rep_period, '^(?:\d{1,2}\.)?(\d{1,2})\.\d{4}$', 1), '') as integer),
            try_cast(nullif(regexp_extract(rep_period, '^\d{4}-(\d{2})(?:-\d{2})?$', 1), '') as integer)
        ) as month,
        coalesce(
            try_cast(nullif(regexp_extract(rep_period, '^(?:\d{1,2}\.)?\d{1,2}\.(\d{4})$', 1), '') as integer),
            try_cast(nullif(regexp_extract(rep_period, '^(\d{4})-\d{2}(?:-\d{2})?$', 1), '') as integer)
        ) as year,
        case fund_typ when 'C' then 'general' when 'S' then 'special' when 'T' then 'total' end as fund,
        try_cast(zat_text as decimal(18, 2)) as approved_uah,
        try_cast(plans_text as decimal(18, 2)) as amended_uah,
        try_cast(fakt_text as decimal(18, 2)) as executed_ytd_uah,
        case classification
            when 'income' then 'COD_INCO'
            when 'program' then 'COD_CONS_MB_PK'
            when 'functional' then 'COD_CONS_MB_FK'
            else 'COD_CONS_EK'
        end as code_column
    from cleaned
)

select
    *,
    case
        when month is null or month not between 1 and 12 or year not between 2000 and 2100
            then 'REP_PERIOD'
        when fund is null then 'FUND_TYP'
        when not regexp_full_match(budget_code, '\d{10,11}') then 'COD_BUDGET'
        when not regexp_full_match(code, '\d+') then code_column
        when economic_code is not null and not regexp_full_match(economic_code, '\d+') then 'COD_CONS_EK'
        when zat_text is not null and approved_uah is null then 'ZAT_AMT'
        when plans_text is not null and amended_uah is null then 'PLANS_AMT'
        when fakt_text is not null and executed_ytd_uah is null then 'FAKT_AMT'
    end as reject_column,
    case
        when month is null or month not between 1 and 12 or year not between 2000 and 2100
            then '''' || rep_period || ''' is not a reporting period (MM.YYYY)'
        when fund is null then '''' || fund_typ || ''' is not a fund type (C general, S special, T total)'
        when not regexp_full_match(budget_code, '\d{10,11}')
            then '''' || budget_code || ''' is not a budget code (10 or 11 digits)'
        when not regexp_full_match(code, '\d+') then '''' || code || ''' is not a classification code (digits)'
        when economic_code is not null and not regexp_full_match(economic_code, '\d+')
            then '''' || economic_code || ''' is not an economic code (digits)'
        when zat_text is not null and approved_uah is null then '''' || zat_text || ''' is not an amount'
        when plans_text is not null and amended_uah is null then '''' || plans_text || ''' is not an amount'
        when fakt_text is not null and executed_ytd_uah is null then '''' || fakt_text || ''' is not an amount'
    end as reject_reason
from typed;
