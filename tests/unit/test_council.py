"""Council roll-call votes: the national tables (with their quirks), the deputies list, and the metrics."""

from __future__ import annotations

from pathlib import Path

import pytest

from hromada.db import connect
from hromada.metrics import council
from tests.conftest import FIXTURES
from tests.helpers import build_from, fetch

FILES = {f"council_votes/{p.name}": p.read_bytes() for p in (FIXTURES / "council_votes").glob("*.csv")}


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path, _ = build_from(tmp_path, FILES)
    return path


def test_tables_load_with_the_published_quirks(db: Path) -> None:
    formats = dict(fetch(db, "select file_path, format from source_files"))
    assert formats == {
        "council_votes/deputies.csv": "council_deputies",
        "council_votes/motions.csv": "council_motions",
        "council_votes/voteEvents.csv": "council_vote_events",
        "council_votes/votings.csv": "council_votings",
    }
    # "voting\nAgainst" in the header is still votingAgainst.
    assert fetch(
        db, "select uid, result, votes_for, votes_against, start_at::varchar from council_vote_events order by uid"
    ) == [("v1", "rejected", 1, 1, "2025-03-20 10:00:00"), ("v2", "adopted", 2, 0, "2025-03-20 10:10:00")]
    assert fetch(db, "select voter_id, vote from council_votes where motion_uid = '2025-03-20-2' order by 1") == [
        ("D1", "for"),
        ("D2", "for"),
        ("D3", "abstain"),
    ]


def test_bad_votes_are_rejected_with_reasons(db: Path) -> None:
    rejected = fetch(db, "select line_number, column_name, reason from rejected_rows order by line_number")
    assert rejected == [
        (8, "voterId", "voter D9 (Хтось Невідомий) is not in the deputies list loaded"),
        (9, "result", "'Можливо' is not a vote (За, Проти, Утримався, Не голосував, Відсутній)"),
    ]
    read, loaded, rejected_n = fetch(
        db,
        "select rows_read, rows_loaded, rows_rejected from source_files where file_path = 'council_votes/votings.csv'",
    )[0]
    assert (read, loaded, rejected_n) == (8, 6, 2)


def test_without_a_deputies_list_every_voter_is_a_deputy(tmp_path: Path) -> None:
    files = {k: v for k, v in FILES.items() if not k.endswith("deputies.csv")}
    db, _ = build_from(tmp_path, files)
    assert fetch(db, "select voter_id, listed from deputies order by 1") == [
        ("D1", False),
        ("D2", False),
        ("D3", False),
        ("D9", False),
    ]


def test_a_foreign_header_is_a_clear_error(tmp_path: Path) -> None:
    db, _ = build_from(tmp_path, {"council_votes/x.csv": "name,vote\nA,За\n"})
    ((message,),) = fetch(db, "select message from source_files")
    assert "matches no council-votes table" in message and "motionUid, voterId, voterName, result" in message


def test_scorecard_by_hand(db: Path) -> None:
    con = connect(db)
    card = council.scorecard(con).set_index("voter_id")
    con.close()
    # D3: absent on item 1, abstained on item 2 → attended 1 of 2; item 2 adopted, abstaining is not "for"
    assert card.loc["D3", "attendance"] == pytest.approx(0.5)
    assert card.loc["D3", "with_majority"] == pytest.approx(0.0)
    # D2: against the rejected item 1 (with the majority), for the adopted item 2 (with the majority)
    assert card.loc["D2", "with_majority"] == pytest.approx(1.0)
    # D1: for the rejected item 1 (not with the majority), for the adopted item 2
    assert card.loc["D1", "with_majority"] == pytest.approx(0.5)


def test_demo_attendance_matches_the_files(demo_raw: Path, demo_warehouse: Path) -> None:
    import csv

    with (demo_raw / "council_votes" / "votings.csv").open(encoding="utf-8", newline="") as fh:
        votes = [r for r in csv.DictReader(fh) if r["voterId"] != "D999"]
    present = sum(1 for r in votes if r["result"] != "Відсутній")
    con = connect(demo_warehouse)
    totals = council.totals(con)
    pairs = council.agreement(con)
    found = council.search(con, "БЮДЖЕТ")
    con.close()
    assert totals["attendance"] == pytest.approx(present / len(votes))
    assert (pairs[pairs["a_id"] == pairs["b_id"]]["agreement"] == 1.0).all()
    assert not found.empty and found["title"].str.contains("бюджет").all()


def test_budget_decisions_link_to_the_budget_of_their_year(demo_warehouse: Path) -> None:
    con = connect(demo_warehouse)
    found = council.search(con, "бюджет")
    con.close()
    assert found["budget_year"].notna().all()
    assert set(found["budget_year"]) <= set(range(2024, 2027))
