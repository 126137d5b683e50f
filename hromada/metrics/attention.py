"""What needs the council's attention: one list merging the flags of every domain.

Each concern counts exactly what its own page counts (the same functions are called), names the worst items
with the reason beside each, and points at the page that explains it. Nothing here is translated: a reason is
a Flag (a locale key and the figures it quotes), formatted by the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import duckdb
import pandas as pd

from hromada.db import query, scalar
from hromada.metrics import amendments as am
from hromada.metrics import budget as bm
from hromada.metrics import energy as em
from hromada.metrics import participation as pm
from hromada.metrics import projects as prm
from hromada.metrics.budget import Flag

WORST = 3  # items named per concern; the page lists the rest
PROCUREMENT_FLAGS = ("tender_not_found", "contract_over_expected", "paid_over_contract")
# Projects are ranked by how bad their trouble is: money first, then time, then silence.
RISK_ORDER = ("overspent", "overdue", "no_progress", "finished_late")


@dataclass(frozen=True)
class Item:
    """One named thing (a project, a building, a petition) and why it is on the list."""

    name: str
    reasons: tuple[Flag, ...]


@dataclass(frozen=True)
class Concern:
    """A domain's flags: how many, the worst few, and the page (its file under pages/) that explains them."""

    domain: str
    count: int
    page: str
    items: tuple[Item, ...] = field(default_factory=tuple)


def budget(
    con: duckdb.DuckDBPyConnection, period: bm.Period, population: int, kpis: bm.Kpis | None = None
) -> list[Concern]:
    """Execution flags (the overview's rules) and late large amendments, each its own line. kpis: the period's
    figures when the caller has them already (the overview does), so they are not queried twice."""
    flags = bm.red_flags(kpis or bm.kpis(con, period, population))
    for direction in ("income", "expense"):
        plans = bm.monthly(con, period, direction, years_back=0)
        year = am.year_of_changes(plans, am.changes(con, period, direction))
        flags += am.late_large_amendments(year, direction)
    return [Concern("budget", len(flags), "budget", tuple(Item("", (f,)) for f in flags))] if flags else []


def projects(con: duckdb.DuckDBPyConnection, today: date) -> Concern | None:
    """The Projects page's "at risk" list, worst first: overspent by how much, then overdue by how long."""
    risks = prm.at_risk(con, today)
    if risks.empty:
        return None
    risks = risks.assign(
        rank=[min(RISK_ORDER.index(r) for r in reasons) for reasons in risks["reasons"]],
        overspend=(risks["spent_uah"] - risks["budget_uah"]).fillna(0),
        late_days=(pd.Timestamp(today) - pd.to_datetime(risks["planned_end"])).dt.days.fillna(0),
    ).sort_values(["rank", "overspend", "late_days"], ascending=[True, False, False])
    items = []
    for row in risks.head(WORST).itertuples():
        reasons = []
        for reason in sorted(row.reasons, key=RISK_ORDER.index):
            values: dict = {}
            if reason == "overspent":
                values = {"spent": row.spent_uah, "budget": row.budget_uah}
            elif reason in ("overdue", "finished_late"):
                values = {"due": row.planned_end}
            reasons.append(Flag(f"attention.risk_{reason}", values))
        items.append(Item(f"{row.project_id} · {row.title_uk}", tuple(reasons)))
    return Concern("projects", len(risks), "projects", tuple(items))


def procurement(con: duckdb.DuckDBPyConnection) -> Concern | None:
    """Projects whose procurement does not add up: tender not in Prozorro, contract above the tender's
    expected value, payments above the contract (the project flags the Data page lists)."""
    flags = query(
        con,
        """select f.project_id, p.title_uk, f.flag,
                  (select string_agg(t.tender_ref, ', ' order by t.tender_ref) from project_tenders t
                   where t.project_id = f.project_id and (t.matched or f.flag = 'tender_not_found')
                     and (not t.matched or f.flag <> 'tender_not_found')) as tenders
           from project_flags f join projects p using (project_id)
           where f.flag in (select unnest($kinds::varchar[])) order by f.flag desc, f.project_id""",
        {"kinds": list(PROCUREMENT_FLAGS)},
    )
    if flags.empty:
        return None
    items = tuple(
        Item(
            f"{row.project_id} · {row.title_uk}",
            (Flag(f"pflags.{row.flag}", {}), Flag("attention.tenders", {"detail": row.tenders or "—"})),
        )
        for row in flags.head(WORST).itertuples()
    )
    return Concern("procurement", len(flags), "data", items)


def energy_errors(con: duckdb.DuckDBPyConnection) -> Concern | None:
    """Data errors the energy checks found (the overview's and the Energy page's count)."""
    count = int(scalar(con, "select count(*) from energy_flags where severity = 'error'") or 0)
    if not count:
        return None
    worst = query(
        con,
        """select b.name, f.rule, f.start_date from energy_flags f left join buildings b using (building_id)
           where f.severity = 'error' order by f.start_date desc nulls last, b.name limit $n""",
        {"n": WORST},
    )
    items = tuple(
        Item(
            row.name or "—", (Flag(f"energy_rules.{row.rule}", {}), Flag("attention.since", {"since": row.start_date}))
        )
        for row in worst.itertuples()
    )
    return Concern("energy_errors", count, "energy", items)


def energy_anomalies(con: duckdb.DuckDBPyConnection) -> Concern | None:
    """Anomalies and suspect readings in the latest month, as the Energy page opens on it."""
    month = em.latest_month(con)
    found = em.anomalies(con, month) if month else pd.DataFrame()
    found = found[found["severity"] != "error"] if not found.empty else found
    if found.empty:
        return None
    items = tuple(
        Item(row.name or "—", (Flag(f"energy_rules.{row.rule}", {}), Flag(f"utilities.{row.utility}", {})))
        for row in found.head(WORST).itertuples()
    )
    return Concern("energy_anomalies", len(found), "energy", items)


def appeals(con: duckdb.DuckDBPyConnection, now: datetime) -> Concern | None:
    """Open appeals past their statutory deadline (the Participation page's "overdue"), oldest first."""
    count = int(pm.appeals_summary(con, now)["open_overdue"] or 0)
    if not count:
        return None
    oldest = query(
        con,
        """select service_request_id, category, deadline_at from appeals
           where status = 'open' and deadline_at < $now order by deadline_at, service_request_id limit $n""",
        {"now": now, "n": WORST},
    )
    items = tuple(
        Item(
            f"№ {row.service_request_id} · {row.category}",
            (Flag("attention.overdue_days", {"days": (now - row.deadline_at.to_pydatetime()).days}),),
        )
        for row in oldest.itertuples()
    )
    return Concern("appeals", count, "participation", items)


def petitions_past_deadline(
    con: duckdb.DuckDBPyConnection, today: date, collection_days: int, answer_days: int
) -> Concern | None:
    """Petitions that reached the threshold and have no answer although collection and the answer time are over."""
    late = query(
        con,
        """select title, signatures, start_date + to_days($days) as due from petitions
           where reached_threshold and not is_answered and start_date + to_days($days) < $today
           order by start_date, uid""",
        {"days": collection_days + answer_days, "today": today},
    )
    if late.empty:
        return None
    items = tuple(
        Item(row.title, (Flag("attention.petition_due", {"due": row.due, "signatures": row.signatures}),))
        for row in late.head(WORST).itertuples()
    )
    return Concern("petitions", len(late), "participation", items)


def concerns(
    con: duckdb.DuckDBPyConnection,
    period: bm.Period | None,
    population: int,
    now: datetime,
    petition_days: tuple[int, int],
    kpis: bm.Kpis | None = None,
) -> list[Concern]:
    """Every domain's concern that has something to show, in the order a council meeting would take them."""
    found: list[Concern | None] = []
    if period is not None:
        found += budget(con, period, population, kpis)
    found += [
        projects(con, now.date()),
        procurement(con),
        energy_errors(con),
        energy_anomalies(con),
        appeals(con, now),
        petitions_past_deadline(con, now.date(), *petition_days),
    ]
    return [c for c in found if c is not None]
