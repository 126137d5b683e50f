"""The budget against other hromadas': per resident, at the same point of the same year.

Peers are the hromadas of the register (data/raw/hromadas/) like ours by the reader's rule: the same oblast, the
same type (city, settlement or village hromada) and the same population band, each switchable. Figures come from
the build's budget_totals and budget_divisions (one row per budget and period), so the comparison reads a few
thousand rows however many budgets the warehouse holds. A peer that has not published the same month of the
same year is left out and counted, so the page can say how many.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from hromada.classification import functional_division
from hromada.db import query, rows
from hromada.metrics.budget import Period
from hromada.settings import PeerSettings

# Population bands, lower bounds: under 5k, 5-10k, 10-20k, 20-50k, 50-100k, over 100k.
BANDS = (0, 5_000, 10_000, 20_000, 50_000, 100_000)
# What a hromada is compared on; each is a column of compare()'s table. "higher" says which way is better.
MEASURES = {
    "own_per_resident": "higher",
    "capital_per_resident": "higher",
    "expense_per_resident": "higher",
    "income_execution": "higher",
    "own_growth": "higher",
}
NEIGHBOURS = 3  # named peers shown above and below the hromada


def band_of(population: int) -> tuple[int, int | None]:
    """(lower bound, upper bound or None) of the band the population falls in."""
    low = max(b for b in BANDS if b <= population)
    higher = [b for b in BANDS if b > population]
    return low, (higher[0] if higher else None)


@dataclass(frozen=True)
class Comparison:
    """The hromada and its peers with data for the period; what was left out and why."""

    period: Period
    own: dict  # the hromada's register row
    rule: PeerSettings
    band: tuple[int, int | None]
    table: pd.DataFrame  # one row per hromada with data (ours included, is_own), every measure
    in_register: int  # hromadas in the register
    in_group: int  # peers the rule picks (ours not counted)
    without_period: int  # of them, no figures for this period

    @property
    def peers(self) -> pd.DataFrame:
        return self.table[~self.table["is_own"]]

    @property
    def own_row(self) -> pd.Series:
        return self.table[self.table["is_own"]].iloc[0]

    def standing(self, measure: str) -> dict | None:
        """Where the hromada stands on a measure: its value, the peers' median, its place (1 = highest), the
        share of peers below it (the percentile rank), and how many peers have the measure."""
        values = self.peers[measure].dropna()
        own = self.own_row[measure]
        if values.empty or pd.isna(own):
            return None
        below, ties = int((values < own).sum()), int((values == own).sum())
        return {
            "value": float(own),
            "median": float(values.median()),
            "place": int((values > own).sum()) + 1,
            "of": len(values) + 1,
            "percentile": (below + ties / 2) / len(values),
            "peers": len(values),
        }

    def neighbours(self, measure: str, around: int = NEIGHBOURS) -> pd.DataFrame:
        """The hromada and the peers just above and below it on a measure, highest first."""
        ranked = (
            self.table.dropna(subset=[measure])
            .sort_values([measure, "is_own"], ascending=[False, False])
            .reset_index(drop=True)
        )
        found = ranked.index[ranked["is_own"]]
        if len(found) == 0:
            return ranked.iloc[0:0]
        at = int(found[0])
        chosen = ranked.iloc[max(0, at - around) : at + around + 1].copy()
        chosen["place"] = chosen.index + 1
        return chosen


def register_row(con: duckdb.DuckDBPyConnection, budget_code: str) -> dict | None:
    found = query(con, "select * from hromada_register where budget_code = ?", [budget_code])
    return None if found.empty else found.iloc[0].to_dict()


_COMPARE_SQL = """
with grp as (
    select r.*
    from hromada_register as r
    where r.budget_code = $budget
        or ((not $same_oblast or r.oblast = $oblast)
            and (not $same_type or r.hromada_type = $type)
            and (not $same_band or (r.population >= $low and ($high is null or r.population < $high))))
)
select
    g.budget_code, g.name, g.oblast, g.hromada_type, g.population, g.population_year,
    g.budget_code = $budget as is_own,
    t.budget_code is not null as has_period,
    t.own_ytd / g.population as own_per_resident,
    t.capital_ytd / g.population as capital_per_resident,
    t.expense_ytd / g.population as expense_per_resident,
    t.income_ytd / nullif(t.income_plan, 0) as income_execution,
    t.own_ytd / nullif(p.own_ytd, 0) - 1 as own_growth
from grp as g
left join budget_totals as t
    on t.budget_code = g.budget_code and t.year = $year and t.period_type = $ptype and t.month = $month
    and t.fund = 'total'
left join budget_totals as p
    on p.budget_code = g.budget_code and p.year = $year - 1 and p.period_type = $ptype and p.month = $month
    and p.fund = 'total'
order by g.budget_code
"""


def compare(
    con: duckdb.DuckDBPyConnection, period: Period, rule: PeerSettings, own: dict | None = None
) -> Comparison | None:
    """The comparison for the period, or None when the hromada is not in the register (no population to divide
    by, no type or oblast to choose peers by). `own`: its register row, when the caller has looked it up."""
    own = own if own is not None else register_row(con, period.budget_code)
    if own is None:
        return None
    band = band_of(int(own["population"]))
    df = query(
        con,
        _COMPARE_SQL,
        {
            "budget": period.budget_code,
            "oblast": own["oblast"],
            "type": own["hromada_type"],
            "low": band[0],
            "high": band[1],
            "same_oblast": rule.same_oblast,
            "same_type": rule.same_type,
            "same_band": rule.same_band,
            "year": period.year,
            "ptype": period.period_type,
            "month": period.month,
        },
    )
    for column in MEASURES:
        df[column] = pd.to_numeric(df[column], errors="coerce").astype(float)
    peers = df[~df["is_own"]]
    ((in_register,),) = rows(con, "select count(*) from hromada_register")
    return Comparison(
        period=period,
        own=own,
        rule=rule,
        band=band,
        table=df[df["has_period"]].reset_index(drop=True),
        in_register=int(in_register),
        in_group=len(peers),
        without_period=int((~peers["has_period"]).sum()),
    )


def divisions(con: duckdb.DuckDBPyConnection, comparison: Comparison, lang: str) -> pd.DataFrame:
    """Spending per resident by functional division: the hromada's and the peers' median, largest first."""
    peers = comparison.peers
    df = query(
        con,
        """
        with figures as (
            select d.budget_code, d.division_code, d.executed_ytd_uah / r.population as per_resident
            from budget_divisions as d
            join hromada_register as r using (budget_code)
            where d.budget_code in (select unnest(?::varchar[]))
                and d.year = ? and d.period_type = ? and d.month = ?
        )
        select division_code,
               max(per_resident) filter (where budget_code = ?) as own,
               median(per_resident) filter (where budget_code <> ?) as peers_median,
               count(*) filter (where budget_code <> ?) as peers
        from figures
        group by division_code
        order by own desc nulls last, division_code
        """,
        [
            [comparison.period.budget_code, *peers["budget_code"]],
            comparison.period.year,
            comparison.period.period_type,
            comparison.period.month,
            comparison.period.budget_code,
            comparison.period.budget_code,
            comparison.period.budget_code,
        ],
    )
    df["division"] = [functional_division(code, lang) for code in df["division_code"]]
    for column in ("own", "peers_median"):
        df[column] = pd.to_numeric(df[column], errors="coerce").astype(float)
    return df
