"""What needs attention: every flag rule on hand-made inputs, the plan's amendments month by month, and the
overview's counts equal to the pages' own on the demo warehouse."""

from __future__ import annotations

import copy
import json
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest

from hromada.db import connect
from hromada.metrics import amendments as am
from hromada.metrics import attention
from hromada.metrics import budget as bm
from hromada.metrics import energy as em
from hromada.metrics import participation as pm
from hromada.metrics import projects as prm
from tests.conftest import FIXTURES
from tests.helpers import build_from, fetch, income_csv

BUDGET = "2551400000"


def _plan_rows(code: str, plans: dict[int, int]) -> list[str]:
    """Total-fund income rows of one code: the annual plan as of each month, nothing executed."""
    return [f"{m:02d}.2026;T;{BUDGET};{code};Рядок {code};{plan};0;0" for m, plan in sorted(plans.items())]


@pytest.fixture(scope="module")
def amended(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rows = [
        # Raised in June, and again in November by far more than 5 %: a late large amendment.
        *_plan_rows("11010100", {m: 1000 if m < 6 else 1100 if m < 11 else 1500 for m in range(1, 12)}),
        # Missing from August's export (exports drop lines), cut by 100 in September.
        *_plan_rows("11010200", {m: 500 if m < 9 else 400 for m in range(1, 12) if m != 8}),
        # First published in April.
        *_plan_rows("14040000", {m: 200 for m in range(4, 12)}),
    ]
    db, _ = build_from(tmp_path_factory.mktemp("amended"), {"openbudget/incomes_2026.csv": income_csv(*rows)})
    return db


def test_every_amendment_of_a_line_is_found(amended: Path) -> None:
    with connect(amended) as con:
        period = bm.period_for(con, BUDGET, 2026)
        changes = am.changes(con, period, "income")
    assert list(changes[["month", "code", "change_uah"]].itertuples(index=False, name=None)) == [
        (4, "14040000", 200),  # first published later: added that month
        (6, "11010100", 100),
        (9, "11010200", -100),  # against July, the last month it was published; August's gap is not a cut
        (11, "11010100", 400),
    ]


def test_year_of_changes_and_the_late_large_flag(amended: Path) -> None:
    with connect(amended) as con:
        period = bm.period_for(con, BUDGET, 2026)
        year = am.year_of_changes(bm.monthly(con, period, "income", years_back=0), am.changes(con, period, "income"))
    assert (year.start_uah, year.current_uah) == (1500, 2100)
    assert (year.added_uah, year.cut_uah, year.months) == (700, -100, (4, 6, 9, 11))
    flags = am.late_large_amendments(year, "income")
    assert [(f.key, f.values["month"], f.values["added"]) for f in flags] == [
        ("flags.late_amendment_income_added", 11, 400)
    ]
    assert flags[0].values["share"] == pytest.approx(400 / 1700)


def test_an_early_or_small_amendment_is_not_flagged() -> None:
    by_month = pd.DataFrame(
        {
            "month": [6, 10, 12],
            "added_uah": [500.0, 40.0, 0.0],
            "cut_uah": [0.0, 0.0, -60.0],
            "plan_before_uah": [1000.0, 1500.0, 1540.0],
        }
    )
    year = am.YearOfChanges(1000, 1480, 540, -60, (6, 10, 12), by_month.assign(net_uah=0))
    assert am.late_large_amendments(year, "expense") == []  # June is early; 40 and 60 are under 5 %
    by_month.loc[2, "cut_uah"] = -100.0
    year = am.YearOfChanges(1000, 1440, 540, -100, (6, 10, 12), by_month.assign(net_uah=0))
    assert [f.key for f in am.late_large_amendments(year, "expense")] == ["flags.late_amendment_expense_cut"]


def _release_over_contract() -> dict:
    """A tender expecting 100 000, a contract of 120 000 and 130 000 paid on it."""
    package = json.loads((FIXTURES / "prozorro" / "release_package_roads.json").read_text(encoding="utf-8"))
    release = copy.deepcopy(package["releases"][1])
    release.update(id="r9", ocid="ocds-be6bcu-UA-2025-07-01-000404-d")
    release["tender"].update(tenderID="UA-2025-07-01-000404-d", value={"amount": 100000, "currency": "UAH"})
    contract = release["contracts"][0]
    contract.update(id="c7", value={"amount": 120000, "currency": "UAH"})
    contract["implementation"]["transactions"] = [
        {"id": "p1", "date": "2025-08-01T00:00:00+03:00", "value": {"amount": 70000, "currency": "UAH"}},
        {"id": "p2", "date": "2025-09-01T00:00:00+03:00", "value": {"amount": 60000, "currency": "UAH"}},
    ]
    return {**package, "releases": [release]}


def test_procurement_flags_contract_over_expected_and_paid_over_contract(tmp_path: Path) -> None:
    registry = (
        "project_id;title_uk;sector;status;settlement_katottg;budget_uah;prozorro_ids\r\n"
        "P7;Ремонт клубу;culture_sport;implementation;UA74100250010077513;200000;UA-2025-07-01-000404-d\r\n"
        "P8;Ремонт школи;schools;implementation;UA74100250010077513;200000;UA-2025-02-30-000001-a\r\n"
    )
    db, _ = build_from(
        tmp_path,
        {"prozorro/r.json": json.dumps(_release_over_contract()), "projects/registry.csv": registry},
    )
    assert fetch(db, "select project_id, flag, detail from project_flags order by 1, 2") == [
        ("P7", "contract_over_expected", "contract c7 of 120000.00 > expected 100000.00 (UA-2025-07-01-000404-d)"),
        ("P7", "paid_over_contract", "paid 130000.00 > contract c7 of 120000.00"),
        ("P8", "tender_not_found", "UA-2025-02-30-000001-a matches no Prozorro record loaded"),
    ]
    with connect(db) as con:
        concern = attention.procurement(con)
    assert concern is not None and concern.count == 3 and concern.page == "data"
    first = concern.items[0]
    assert first.name == "P8 · Ремонт школи"
    assert [r.key for r in first.reasons] == ["pflags.tender_not_found", "attention.tenders"]
    assert first.reasons[1].values == {"detail": "UA-2025-02-30-000001-a"}


def test_petitions_past_their_deadline(tmp_path: Path) -> None:
    header = "uid,kind,title,url,text,authorityName,authorityId,authorityCattutc,startDate,count,creator,status,"
    header += "answerDate,answerUrl,answerText"
    rows = [
        "P1,,Стара без відповіді,,,,,,2026-01-01,80,,На розгляді,,,",  # due 2026-04-15: late
        "P2,,Свіжа без відповіді,,,,,,2026-10-01,80,,На розгляді,,,",  # due 2027-01-13: not yet
        "P3,,Стара з відповіддю,,,,,,2026-01-01,80,,Розглянуто,2026-03-01,,",
        "P4,,Стара без підписів,,,,,,2026-01-01,10,,Не підтримано,,,",  # below the threshold
    ]
    db, _ = build_from(tmp_path, {"participation/petitions.csv": "\r\n".join([header, *rows]) + "\r\n"})
    with connect(db) as con:
        concern = attention.petitions_past_deadline(con, date(2026, 12, 2), 90, 14)
    assert concern is not None and concern.count == 1
    assert concern.items[0].name == "Стара без відповіді"
    assert concern.items[0].reasons[0].values["signatures"] == 80
    assert str(concern.items[0].reasons[0].values["due"])[:10] == "2026-04-15"


@pytest.fixture(scope="module")
def demo_concerns(demo_warehouse: Path, settings) -> tuple[dict[str, attention.Concern], datetime]:
    now = datetime.now()
    with connect(demo_warehouse) as con:
        period = bm.period_for(con, settings.budget_code, max(bm.years(con, settings.budget_code)))
        found = attention.concerns(
            con, period, settings.population, now, (settings.petition_collection_days, settings.petition_answer_days)
        )
    return {c.domain: c for c in found}, now


def test_demo_concerns_count_what_the_pages_count(demo_warehouse: Path, demo_concerns) -> None:
    concerns, now = demo_concerns
    with connect(demo_warehouse) as con:
        assert concerns["projects"].count == len(prm.at_risk(con, now.date()))
        assert concerns["appeals"].count == pm.appeals_summary(con, now)["open_overdue"]
        errors = em.findings_summary(con).query("severity == 'error'")["findings"].sum()
        assert concerns["energy_errors"].count == errors
        flags = prm.project_flags(con)
        assert concerns["procurement"].count == flags["flag"].isin(attention.PROCUREMENT_FLAGS).sum()
        latest = em.anomalies(con, em.latest_month(con))  # the month the Energy page opens on
        anomalies = concerns.get("energy_anomalies")
        assert (anomalies.count if anomalies else 0) == (latest["severity"] != "error").sum()
        petitions = con.execute("select * from petitions").df()
    due = pd.to_datetime(petitions["start_date"]) + pd.Timedelta(days=90 + 14)
    late = petitions["reached_threshold"] & ~petitions["is_answered"] & (due < pd.Timestamp(now.date()))
    assert concerns["petitions"].count == late.sum() > 0
    # The demo's late capital amendment in October is the budget's flag.
    assert [r.key for item in concerns["budget"].items for r in item.reasons] == ["flags.late_amendment_expense_added"]
    # Worst first: the overspent project leads, with its reason and figures beside it.
    lead = concerns["projects"].items[0]
    assert lead.reasons[0].key == "attention.risk_overspent"
    assert lead.reasons[0].values["spent"] > lead.reasons[0].values["budget"]
    assert all(len(c.items) <= attention.WORST for c in concerns.values())
