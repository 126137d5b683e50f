-- Prozorro OCDS: one row per procurement (ocid) from its latest release, with its items, awards,
-- contracts and transactions. A release is a snapshot, so the latest one (by release date, then
-- file path, then position) replaces the earlier ones, which count as duplicates in the lineage.
create or replace temp table ocds_ranked as
select
    *,
    try_cast(release_date as timestamptz) as released_at,
    row_number() over (
        partition by ocid
        order by try_cast(release_date as timestamptz) desc nulls last, source_file desc, position desc
    ) as rank_in_ocid
from stg_ocds_releases;

create or replace temp table ocds_kept as
select source_file, position, ocid from ocds_ranked where rank_in_ocid = 1;

insert into procurements by name
select
    r.ocid,
    r.tender_id,
    r.tender_title as title,
    r.tender_status as status,
    r.procurement_method,
    r.procurement_method_type,
    r.buyer_id as buyer_edrpou,
    r.buyer_name,
    cast(r.tender_amount as decimal(18, 2)) as expected_amount,
    r.tender_currency as expected_currency,
    try_cast(r.tender_start as timestamptz)::timestamp as tender_start,
    r.released_at::timestamp as released_at,
    r.tags as release_tags,
    r.source_file
from ocds_ranked as r
where r.rank_in_ocid = 1
order by r.ocid;

insert into procurement_lots by name
select l.ocid, l.lot_id, l.title, l.status, cast(l.amount as decimal(18, 2)) as value_amount, l.currency
from stg_ocds_lots as l
join ocds_kept as k using (source_file, position, ocid)
order by l.ocid, l.lot_id;

insert into procurement_items by name
select i.ocid, i.stage, i.parent_id, i.item_id, i.description, i.cpv, try_cast(i.quantity as double) as quantity, i.unit
from stg_ocds_items as i
join ocds_kept as k using (source_file, position, ocid)
order by i.ocid, i.stage, i.parent_id, i.item_id;

insert into awards by name
select
    a.ocid, a.award_id, a.status, try_cast(a.award_date as timestamptz)::timestamp as award_date,
    cast(a.amount as decimal(18, 2)) as value_amount, a.currency, a.supplier_id, a.supplier_scheme, a.supplier_name
from stg_ocds_awards as a
join ocds_kept as k using (source_file, position, ocid)
order by a.ocid, a.award_id;

insert into contracts by name
select
    c.ocid, c.contract_id, c.award_id, c.title, c.status,
    try_cast(c.date_signed as timestamptz)::timestamp as date_signed,
    try_cast(c.period_start as timestamptz)::timestamp as period_start,
    try_cast(c.period_end as timestamptz)::timestamp as period_end,
    cast(c.amount as decimal(18, 2)) as value_amount, c.currency, c.vat_included, c.supplier_id, c.supplier_name
from stg_ocds_contracts as c
join ocds_kept as k using (source_file, position, ocid)
order by c.ocid, c.contract_id;

insert into contract_transactions by name
select
    t.ocid, t.contract_id, t.transaction_id, try_cast(t.transaction_date as timestamptz)::timestamp as transaction_date,
    cast(t.amount as decimal(18, 2)) as value_amount, t.currency
from stg_ocds_transactions as t
join ocds_kept as k using (source_file, position, ocid)
order by t.ocid, t.contract_id, t.transaction_id;
