"""Participation at scale: 1M residents' appeals and 10k agenda items × 40 deputies.

Generates the files in our appeals template and the national roll-call format, then, side by side in one
run, times our build against a bare DuckDB `read_csv` of the same files, and the queries the
Participation and Deputies pages run.

    python -m benchmarks.bench_participation [--appeals 1000000] [--motions 10000] [--deputies 40]
"""

from __future__ import annotations

import argparse
import csv
import random
from datetime import datetime, timedelta
from pathlib import Path

from benchmarks.common import bare_read_csv_each, report, scratch_dir, side_by_side
from etl.build import build
from etl.sources.council import MOTIONS, VOTE_EVENTS, VOTINGS
from hromada.db import connect
from hromada.metrics import council, participation
from hromada.settings import load_settings

VOTES = ("За", "За", "За", "За", "Проти", "Утримався", "Не голосував", "Відсутній")


def generate(raw: Path, appeals: int, motions: int, deputies: int) -> list[Path]:
    rng = random.Random(11)
    (raw / "participation").mkdir(parents=True)
    (raw / "council_votes").mkdir(parents=True)
    start = datetime(2020, 1, 1)
    appeals_path = raw / "participation" / "appeals.csv"
    with appeals_path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(
            [
                "service_request_id",
                "service_name",
                "status",
                "requested_datetime",
                "updated_datetime",
                "request_type",
                "settlement_katottg",
            ]
        )
        for i in range(appeals):
            requested = start + timedelta(minutes=rng.randint(0, 6 * 365 * 24 * 60))
            closed = rng.random() < 0.95
            w.writerow(
                [
                    f"A{i}",
                    f"Категорія {i % 12}",
                    "closed" if closed else "open",
                    requested.strftime("%Y-%m-%dT%H:%M:%S"),
                    (requested + timedelta(days=rng.expovariate(1 / 12))).strftime("%Y-%m-%dT%H:%M:%S")
                    if closed
                    else "",
                    "appeal",
                    "UA74100250010077513",
                ]
            )
    motions_path = raw / "council_votes" / "motions.csv"
    events_path = raw / "council_votes" / "voteEvents.csv"
    votings_path = raw / "council_votes" / "votings.csv"
    with (
        motions_path.open("w", encoding="utf-8", newline="") as fm,
        events_path.open("w", encoding="utf-8", newline="") as fe,
        votings_path.open("w", encoding="utf-8", newline="") as fv,
    ):
        m, e, v = csv.writer(fm), csv.writer(fe), csv.writer(fv)
        # The national tables' required columns, as the readers declare them.
        for writer, fields in ((m, MOTIONS), (e, VOTE_EVENTS), (v, VOTINGS)):
            writer.writerow([f.name for f in fields if f.required])
        for i in range(motions):
            day = (start + timedelta(days=i // 20)).date().isoformat()
            uid = f"M{i}"
            m.writerow(
                [
                    uid,
                    f"s{i // 20}",
                    f"Питання {i} про бюджет" if i % 7 == 0 else f"Питання {i}",
                    i % 20 + 1,
                    "бюджет" if i % 7 == 0 else "інше",
                    day,
                ]
            )
            tally = {x: 0 for x in set(VOTES)}
            for d in range(deputies):
                vote = rng.choice(VOTES)
                tally[vote] += 1
                v.writerow([uid, f"D{d}", f"Депутат {d}", vote])
            e.writerow(
                [
                    f"E{i}",
                    uid,
                    f"{i}/1",
                    f"Проєкт {i}",
                    f"{day}T10:00:00Z",
                    f"{day}T10:01:00Z",
                    "Прийнято" if tally["За"] > deputies / 2 else "Не прийнято",
                    tally["За"],
                    tally["Проти"],
                    tally["Утримався"],
                    tally["Не голосував"],
                    tally["Відсутній"],
                ]
            )
    return [appeals_path, motions_path, events_path, votings_path]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--appeals", type=int, default=1_000_000)
    parser.add_argument("--motions", type=int, default=10_000)
    parser.add_argument("--deputies", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--query-runs", type=int, default=10)
    args = parser.parse_args()
    work = scratch_dir("participation")
    files = generate(work / "raw", args.appeals, args.motions, args.deputies)
    size_mb = sum(f.stat().st_size for f in files) / 1e6
    print(f"{args.appeals:,} appeals, {args.motions:,} items × {args.deputies} deputies, {size_mb:.0f} MB", flush=True)
    db, settings = work / "w.duckdb", load_settings()
    floor, ours = side_by_side(
        lambda: bare_read_csv_each(files), lambda: build(work / "raw", db, settings), args.repeat
    )
    con = connect(db)
    now = datetime(2026, 1, 1)
    queries = {
        "appeals summary (participation)": lambda: participation.appeals_summary(con, now),
        "appeals by category": lambda: participation.appeals_by_category(con),
        "appeals by month": lambda: participation.appeals_monthly(con),
        "overview participation KPIs": lambda: participation.council_kpis(con, now),
        "deputy scorecard": lambda: council.scorecard(con),
        "vote matrix, last 40 items": lambda: council.matrix(con),
        "agreement between deputies": lambda: council.agreement(con),
        "search decisions": lambda: council.search(con, "бюджет"),
    }
    report("bare read_csv", floor, ours, queries, args.query_runs)
    con.close()


if __name__ == "__main__":
    main()
