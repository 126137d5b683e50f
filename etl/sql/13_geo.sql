-- Areas from geodata files, matched to the codifier: hromadas and settlements by their KATOTTG code (or, for a
-- feature without one, by a name the codifier has — unambiguous names only), starosta districts by the
-- settlements they list or by their kind. A hromada-level code the codifier slice lacks is a neighbour: kept as
-- context for the map with the file's name. A feature that matches nothing is turned away with its
-- properties; the same area in several files: the file sorting last wins.
create or replace temp table geo_matched as
with named_settlements as (
    select lower(name_uk) as key, any_value(katottg) as katottg, count(*) as n
    from settlements group by 1
),
named_hromadas as (
    select lower(name_uk) as key, any_value(katottg) as katottg, count(*) as n from hromadas group by 1
)
select g.*,
       case
           when h.katottg is not null or hn.katottg is not null then 'hromada'
           when s.katottg is not null or sn.katottg is not null then 'settlement'
           -- UA oo rr hhh sss …: a code whose settlement digits are zero names a hromada
           when g.katottg is not null and substr(g.katottg, 10, 3) = '000' and substr(g.katottg, 7, 3) <> '000'
               then 'hromada'
           when g.settlements is not null or lower(coalesce(g.kind_hint, '')) similar to '.*(округ|district).*'
               then 'district'
       end as level,
       coalesce(h.katottg, s.katottg, hn.katottg, sn.katottg, g.katottg) as matched_katottg,
       case when h.katottg is not null or s.katottg is not null then 'code'
            when hn.katottg is not null or sn.katottg is not null then 'name'
            when g.katottg is not null then 'code_outside_codifier'
            else 'districts' end as matched_by
from stg_geo g
left join hromadas h on h.katottg = g.katottg
left join settlements s on s.katottg = g.katottg
left join named_hromadas hn on g.katottg is null and hn.n = 1
     and (hn.key = lower(g.name) or lower(g.name) like hn.key || ' %')
left join named_settlements sn on g.katottg is null and hn.katottg is null and sn.n = 1 and sn.key = lower(g.name);

insert into sql_rejects by name
select source_file, source_line, 'katottg' as column_name,
       case when katottg is not null then 'KATOTTG code ' || katottg || ' is not in the codifier'
            else 'no KATOTTG code and no settlement or hromada of that name (' || coalesce(name, 'unnamed') || ')' end as reason
from geo_matched where level is null;

create or replace temp table geo_ranked as
select *, row_number() over (partition by level, coalesce(matched_katottg, name)
                             order by source_file desc, source_line desc) as rk
from geo_matched where level is not null;

insert into geo_areas by name
select g.level, g.matched_katottg as katottg, coalesce(
           case g.level when 'hromada' then h.name_uk when 'settlement' then s.name_uk end, g.name, g.matched_katottg) as name,
       case g.level
           when 'hromada' then g.matched_katottg = st.katottg
           when 'settlement' then s.hromada_katottg = st.katottg
           else exists (select 1 from settlements x where x.hromada_katottg = st.katottg
                        and list_contains(string_split(coalesce(g.settlements, ''), ' '), x.katottg))
                or g.settlements is null
       end as is_own,
       g.settlements, g.geojson, g.area_km2, g.centroid_lat, g.centroid_lon, g.vertices, g.matched_by,
       g.source_file, g.source_line
from geo_ranked g
cross join stg_settings st
left join hromadas h on h.katottg = g.matched_katottg
left join settlements s on s.katottg = g.matched_katottg
where g.rk = 1
order by g.level, g.matched_katottg, g.name;

create or replace temp table geo_counts as
select source_file, count(*) filter (where rk = 1) as loaded, count(*) filter (where rk > 1) as duplicate
from geo_ranked group by source_file;
