"""The residents' map: areas and the measures they are coloured by, markers, and one place's figures.

A place is a settlement or a starosta district (its settlements together). Every measure is computed in DuckDB
from the warehouse; per resident and per 1,000 residents use the settlements register's population.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from hromada.db import query, rows

MEASURES = ("invest_per_resident", "projects", "spent_uah", "appeals_per_1000", "buildings", "internet_pct")
INVESTED_STATUSES = ("procurement", "implementation", "completed")  # money committed, not ideas

_SETTLEMENT_MEASURES = """
with own as (
    select katottg, name_uk, name_en, population, lat, lon from settlements where hromada_katottg = $hromada
),
invest as (
    select settlement_katottg as katottg, count(*) as projects,
           sum(budget_uah) filter (where list_contains($invested, status))::double as invest_uah,
           sum(spent_uah)::double as spent_uah
    from projects where status <> 'cancelled' group by 1
),
appeal as (select settlement_katottg as katottg, count(*) as appeals from appeals group by 1),
building as (select settlement_katottg as katottg, count(*) as buildings from buildings group by 1),
internet as (
    select katottg, households, households_connected from settlement_connectivity
    qualify row_number() over (partition by katottg order by as_of desc) = 1
)
select o.katottg, o.name_uk, o.name_en, o.population, o.lat, o.lon,
       coalesce(i.projects, 0) as projects, coalesce(i.invest_uah, 0) as invest_uah,
       coalesce(i.spent_uah, 0) as spent_uah, coalesce(a.appeals, 0) as appeals,
       coalesce(b.buildings, 0) as buildings, n.households, n.households_connected
from own o
left join invest i using (katottg)
left join appeal a using (katottg)
left join building b using (katottg)
left join internet n using (katottg)
"""


def _with_rates(df: pd.DataFrame) -> pd.DataFrame:
    population = df["population"].where(df["population"] > 0)
    df["invest_per_resident"] = df["invest_uah"] / population
    df["appeals_per_1000"] = 1000 * df["appeals"] / population
    # Households with a fixed internet subscription per 100 households (the settlement's latest check).
    households = df["households"].astype(float).where(df["households"] > 0)
    df["internet_pct"] = 100 * df["households_connected"].astype(float) / households
    return df


def levels(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Areas the warehouse holds for the hromada, by level."""
    return dict(rows(con, "select level, count(*) from geo_areas where is_own group by 1"))


def is_approximate(con: duckdb.DuckDBPyConnection) -> bool:
    """The areas come from demo files (synthetic shapes around real places)."""
    found = rows(
        con,
        """select bool_or(f.is_demo) from geo_areas g join source_files f on f.file_path = g.source_file""",
    )
    return bool(found and found[0][0])


def settlement_measures(con: duckdb.DuckDBPyConnection, hromada: str) -> pd.DataFrame:
    return _with_rates(query(con, _SETTLEMENT_MEASURES, {"hromada": hromada, "invested": list(INVESTED_STATUSES)}))


def district_measures(con: duckdb.DuckDBPyConnection, hromada: str) -> pd.DataFrame:
    """The same measures per starosta district: the sums of its settlements."""
    df = query(
        con,
        f"""
        with per_settlement as ({_SETTLEMENT_MEASURES}),
        members as (
            select name as district, unnest(string_split(settlements, ' ')) as katottg
            from geo_areas where level = 'district' and is_own and settlements is not null
        )
        select m.district as katottg, m.district as name_uk, m.district as name_en,
               sum(p.population) as population, avg(p.lat) as lat, avg(p.lon) as lon,
               sum(p.projects) as projects, sum(p.invest_uah) as invest_uah, sum(p.spent_uah) as spent_uah,
               sum(p.appeals) as appeals, sum(p.buildings) as buildings,
               sum(p.households) as households, sum(p.households_connected) as households_connected,
               string_agg(p.katottg, ' ' order by p.katottg) as settlements
        from members m join per_settlement p using (katottg)
        group by m.district order by m.district""",
        {"hromada": hromada, "invested": list(INVESTED_STATUSES)},
    )
    return _with_rates(df)


def hromada_average(measures: pd.DataFrame) -> dict[str, float | None]:
    """The hromada as a whole, for 'compared with the rest': totals over all places, rates over all residents."""
    population = measures["population"].sum()
    households = measures["households"].sum()
    return {
        "population": float(population),
        "projects": float(measures["projects"].sum()),
        "invest_uah": float(measures["invest_uah"].sum()),
        "spent_uah": float(measures["spent_uah"].sum()),
        "invest_per_resident": float(measures["invest_uah"].sum() / population) if population else None,
        "appeals_per_1000": float(1000 * measures["appeals"].sum() / population) if population else None,
        "internet_pct": float(100 * measures["households_connected"].sum() / households) if households else None,
    }


def areas(con: duckdb.DuckDBPyConnection, level: str) -> pd.DataFrame:
    """The hromada's areas of a level with their geometry (GeoJSON text)."""
    return query(
        con,
        """select coalesce(katottg, name) as key, name, geojson, area_km2, centroid_lat, centroid_lon, settlements
           from geo_areas where level = ? and is_own order by name""",
        [level],
    )


def outlines(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Hromada boundaries: the hromada's own and its neighbours', for context."""
    return query(con, "select name, is_own, geojson from geo_areas where level = 'hromada' order by is_own")


def project_points(con: duckdb.DuckDBPyConnection, codes: list[str] | None = None) -> pd.DataFrame:
    return query(
        con,
        """select project_id, title_uk, title_en, sector, status, progress_pct, budget_uah::double as budget_uah,
                  settlement_katottg, lat, lon
           from projects
           where lat is not null and status <> 'cancelled'
             and ($codes is null or list_contains($codes, settlement_katottg))
           order by budget_uah desc""",
        {"codes": codes},
    )


def building_points(con: duckdb.DuckDBPyConnection, codes: list[str] | None = None) -> pd.DataFrame:
    """Buildings with their energy use per m² over the last twelve months of data."""
    return query(
        con,
        """
        with last_year as (
            select building_id, sum(kwh) as kwh from building_energy_monthly
            where month > strftime((select strptime(max(month) || '-01', '%Y-%m-%d') from building_energy_monthly)
                                   - interval 12 month, '%Y-%m')
            group by 1
        )
        select b.building_id, b.name, b.type, b.settlement_katottg, b.lat, b.lon,
               l.kwh / nullif(b.heated_area_m2, 0) as eui
        from buildings b left join last_year l using (building_id)
        where ($codes is null or list_contains($codes, b.settlement_katottg))
        order by eui desc nulls last""",
        {"codes": codes},
    )


def appeal_cells(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Appeals counted on a grid of about 100 m, so a heat map gets hundreds of points, not every appeal."""
    return query(
        con,
        """select round(lat, 3) as lat, round(lon, 3) as lon, count(*) as appeals
           from appeals where lat is not null and lon is not null group by all""",
    )
