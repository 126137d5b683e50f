"""Petitions, appeals and e-services: rules, deadlines, privacy, and the metrics computed by hand."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from hromada.db import connect
from hromada.metrics import participation as pm
from tests.conftest import FIXTURES
from tests.helpers import build_from, fetch

FILES = {f"participation/{p.name}": p.read_bytes() for p in (FIXTURES / "participation").glob("*.csv")}


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path, _ = build_from(tmp_path, FILES)
    return path


def test_bad_rows_are_rejected_and_names_withheld(db: Path) -> None:
    rows = fetch(
        db,
        "select file_path, line_number, column_name, reason, raw_text from rejected_rows "
        "order by file_path, line_number",
    )
    by_line = {(r[0].split("/")[1], r[1]): r for r in rows}
    assert by_line[("petitions.csv", 4)][3] == "answer date 2025-02-20 is before the start date 2025-03-01"
    assert by_line[("petitions.csv", 5)][3] == "duplicate uid 'P1' (first on line 2)"
    assert by_line[("petitions.csv", 6)][3] == "'-3' is below 0"
    assert by_line[("appeals.csv", 7)][2] == "updated_datetime"
    assert by_line[("e_services.csv", 7)][3] == "'2025-13' is not a month (YYYY-MM)"
    # Petition lines hold residents' names: the quarantine withholds them; appeals carry none.
    assert {r[4] for r in rows if "petitions" in r[0]} == {"(line withheld: it contains personal data)"}
    assert "Петренко" not in str(fetch(db, "select * from petitions"))
    columns = [
        r[0] for r in fetch(db, "select column_name from information_schema.columns where table_name = 'petitions'")
    ]
    assert "creator" not in columns


def test_petition_metrics(db: Path) -> None:
    assert fetch(db, "select uid, days_to_answer, reached_threshold, threshold from petitions order by uid") == [
        ("P1", 69, True, 50),
        ("P2", None, False, 50),
    ]
    con = connect(db)
    s = pm.petitions_summary(con)
    con.close()
    assert (s["petitions"], s["successful"], s["answered"], s["median_days_to_answer"]) == (2, 1, 1, 69)


def test_appeal_deadlines_and_on_time_share(db: Path) -> None:
    deadlines = dict(fetch(db, "select service_request_id, deadline_at::varchar from appeals"))
    assert deadlines["A1"] == "2025-04-02 09:00:00"  # 30 days
    assert deadlines["A3"] == "2025-03-14 09:00:00"  # Friday + 5 working days
    assert deadlines["A4"] == "2025-03-14 09:00:00"  # a Saturday request counts from Monday
    con = connect(db)
    s = pm.appeals_summary(con, datetime(2025, 6, 1))
    con.close()
    # A1 on time, A2 late, A3 on time, A4 late (17:00 > 09:00 on the deadline day)
    assert s["on_time_share"] == pytest.approx(0.5)
    assert (s["appeals"], s["open"], s["open_overdue"]) == (5, 1, 1)


def test_online_share(db: Path) -> None:
    con = connect(db)
    monthly = pm.e_services_monthly(con)
    kpis = pm.council_kpis(con, datetime(2025, 6, 1))
    con.close()
    assert list(monthly["online_share"]) == pytest.approx([0.25, 0.6])
    assert kpis["online_share"] == pytest.approx(0.6) and kpis["attendance"] is None


def test_demo_participation_has_its_problems(demo_warehouse: Path) -> None:
    rejected = fetch(
        demo_warehouse,
        "select column_name from rejected_rows where file_path like 'participation/%' order by line_number",
    )
    assert rejected == [("answerDate",), ("uid",), ("count",)]
    assert fetch(demo_warehouse, "select count(*) > 1000 from appeals") == [(True,)]


def test_participatory_budget_links_winners_to_the_registry(demo_warehouse: Path) -> None:
    con = connect(demo_warehouse)
    proposals = pm.pb_list(con)
    con.close()
    linked = proposals[proposals["project_id"].notna()]
    assert len(linked) == 3 and linked["is_winner"].all()
    # The misspelt published column projectResposible still fills `responsible`.
    assert fetch(demo_warehouse, "select count(*) from pb_projects where responsible is null") == [(0,)]
