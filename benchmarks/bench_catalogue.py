"""Project catalogue at scale: registry and Prozorro loading, and the catalogue queries.

Generates a registry of `--projects` rows (CSV, our template) and an OCDS release package with
`--releases` releases (tenders and contracts for those projects), then, side by side in one run:
the build of these files against a bare `json.load` + DuckDB `read_csv` of the same files; then the
median latency of each query the project pages run.

    python -m benchmarks.bench_catalogue [--projects 100000] [--releases 100000]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from datetime import date, timedelta
from pathlib import Path

import duckdb

from benchmarks.common import report, scratch_dir, timed
from etl.build import build
from etl.sources.projects import COLUMNS, SECTORS, STATUSES
from hromada.db import connect
from hromada.metrics import projects as pm
from hromada.settings import load_settings


def generate(raw: Path, projects: int, releases: int) -> tuple[Path, Path]:
    rng = random.Random(7)
    (raw / "projects").mkdir(parents=True)
    (raw / "prozorro").mkdir(parents=True)
    registry = raw / "projects" / "projects_2026-10.csv"
    package: dict = {"version": "1.1", "releases": []}
    with registry.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, delimiter=";", restval="")
        writer.writeheader()
        for i in range(projects):
            start = date(2021, 1, 1) + timedelta(days=rng.randint(0, 2000))
            budget = rng.randint(100_000, 20_000_000)
            row = {
                "project_id": f"P{i:07d}",
                "title_uk": f"Проєкт {i}",
                "sector": rng.choice(SECTORS),
                "status": rng.choice(STATUSES),
                "settlement_katottg": "UA74100250010077513",
                "lat": f"{51.3 + rng.random() / 3:.5f}",
                "lon": f"{30.9 + rng.random() / 2:.5f}",
                "planned_start": start.isoformat(),
                "planned_end": (start + timedelta(days=300)).isoformat(),
                "budget_uah": str(budget),
                "spent_uah": str(int(budget * rng.random())),
                "funding_local_budget_uah": str(budget),
                "progress_pct": str(rng.randint(0, 100)),
            }
            if i < releases:
                tender = f"UA-{start.isoformat()}-{i % 1_000_000:06d}-a"
                row["prozorro_ids"] = tender
                package["releases"].append(
                    {
                        "id": f"r{i}",
                        "ocid": f"ocds-be6bcu-{tender}",
                        "date": f"{start.isoformat()}T10:00:00+02:00",
                        "tag": ["contract"],
                        "tender": {"tenderID": tender, "value": {"amount": budget, "currency": "UAH"}},
                        "awards": [
                            {
                                "id": "a",
                                "status": "active",
                                "value": {"amount": budget * 0.9, "currency": "UAH"},
                                "suppliers": [{"id": "UA-EDR-39123456", "name": "ТОВ"}],
                            }
                        ],
                        "contracts": [
                            {
                                "id": "c",
                                "awardID": "a",
                                "status": "active",
                                "value": {"amount": budget * 0.9, "currency": "UAH"},
                            }
                        ],
                    }
                )
            if i % 10 == 0:
                row.update(
                    {
                        "is_opportunity": "так",
                        "funding_sought_uah": str(budget),
                        "investment_form": "lease",
                        "annual_revenue_uah": str(budget // 7),
                    }
                )
            writer.writerow(row)
    ocds = raw / "prozorro" / "releases.json"
    ocds.write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    return registry, ocds


def bare(registry: Path, ocds: Path) -> None:
    json.loads(ocds.read_text(encoding="utf-8"))
    with duckdb.connect() as con:
        con.execute(
            "create table t as select * from read_csv(?, delim = ';', header = true, all_varchar = true)",
            [str(registry)],
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--releases", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--query-runs", type=int, default=20)
    args = parser.parse_args()
    work = scratch_dir("catalogue")
    registry, ocds = generate(work / "raw", args.projects, args.releases)
    size_mb = (registry.stat().st_size + ocds.stat().st_size) / 1e6
    print(f"{args.projects:,} projects and {args.releases:,} OCDS releases, {size_mb:.0f} MB", flush=True)
    db, settings = work / "w.duckdb", load_settings()
    ours, floor = [], []
    for i in range(args.repeat):
        floor.append(timed(lambda: bare(registry, ocds)))
        ours.append(timed(lambda: build(work / "raw", db, settings)))
        print(f"  run {i + 1}: json.load + read_csv {floor[-1]:.2f} s, build {ours[-1]:.2f} s", flush=True)
    con = connect(db)
    queries = {
        "catalogue, no filter (invest)": lambda: pm.opportunities(con),
        "catalogue, sector + size filter (invest)": lambda: pm.opportunities(con, "roads", None, None, None, 1e6, 5e6),
        "catalogue facets (invest)": lambda: pm.opportunity_facets(con),
        "one village's works (built)": lambda: pm.project_table(
            con, ["implementation", "completed"], "UA74100250010077513", limit=2000
        ),
        "project picker (projects)": lambda: pm.project_titles(con),
        "totals (projects)": lambda: pm.totals(con),
        "pipeline (projects)": lambda: pm.pipeline(con),
        "savings (projects)": lambda: pm.savings(con),
        "at risk (projects)": lambda: pm.at_risk(con, date(2026, 10, 28)),
        "one project": lambda: pm.project(con, "P0000042"),
    }
    report("bare json.load + read_csv", floor, ours, queries, args.query_runs)
    con.close()


if __name__ == "__main__":
    main()
