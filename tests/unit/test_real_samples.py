"""The ETL on real published files from ../shared/samples (skipped when they are not there).

Expected figures are computed here from the raw file with the csv module and Decimal.
"""

from __future__ import annotations

import csv
import shutil
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import samples_path
from tests.helpers import build_from, fetch

pytestmark = pytest.mark.samples


def test_chernihiv_quarterly_incomes_load_completely(tmp_path: Path) -> None:
    src = samples_path("openbudget", "local_2555900000_INCOMES_2023_quarter.csv")
    with src.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    expected: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    for r in rows:
        expected[(int(r["REP_PERIOD"][:2]), r["FUND_TYP"])] += Decimal(r["FAKT_AMT"])

    db, report = build_from(tmp_path, {"openbudget/" + src.name: src.read_bytes()})
    (rec,) = report.files
    assert rec.rows_read == len(rows)
    assert rec.rows_loaded + rec.rows_rejected + rec.rows_duplicate == rec.rows_read
    assert rec.rows_rejected == 0

    funds = {"C": "general", "S": "special", "T": "total"}
    got = dict(
        ((m, f), v)
        for m, f, v in fetch(
            db,
            """select month, fund, sum(executed_ytd_uah) from budget_lines
                                                       group by all""",
        )
    )
    assert got == {(m, funds[f]): v for (m, f), v in expected.items()}
    assert fetch(db, "select distinct period_type, budget_code from budget_lines") == [("quarter", "2555900000")]
    # Each quarter's own amount: the change since the line's previous published quarter.
    ytd: dict[str, dict[int, Decimal]] = defaultdict(dict)
    for r in rows:
        if r["FUND_TYP"] == "T":
            ytd[r["COD_INCO"]][int(r["REP_PERIOD"][:2])] = Decimal(r["FAKT_AMT"])
    own: dict[int, Decimal] = defaultdict(Decimal)
    for by_month in ytd.values():
        previous = Decimal(0)
        for month in sorted(by_month):
            own[month] += by_month[month] - previous
            previous = by_month[month]
    assert dict(fetch(db, "select month, sum(executed_uah) from budget_lines where fund = 'total' group by 1")) == dict(
        own
    )
    # The sample publishes no parent codes beside their children: every line is a leaf.
    assert fetch(db, "select count(*) from budget_lines where not is_leaf") == [(0,)]


def test_katottg_slice_gives_the_hromada_and_its_42_settlements(tmp_path: Path) -> None:
    src = samples_path("katottg", "kodifikator-16-05-2025_UA74100250_mykhailo-kotsiubynska.csv")
    db, report = build_from(tmp_path, {"katottg/" + src.name: src.read_bytes()})
    assert report.files[0].rows_rejected == 0
    assert fetch(db, "select katottg, name_uk, name_en, settlements_count, budget_code from hromadas") == [
        ("UA74100250000038291", "Михайло-Коцюбинська", "Mykhailo-Kotsiubynska", 42, "2551400000")
    ]
    assert fetch(db, "select count(*) from settlements") == [(42,)]
    assert fetch(db, "select category, count(*) from settlements group by 1 order by 1") == [("C", 39), ("X", 3)]


def test_katottg_head_and_special_rows(tmp_path: Path) -> None:
    src = samples_path("katottg", "kodifikator-16-05-2025_head_and_special.csv")
    db, report = build_from(tmp_path, {"katottg/" + src.name: src.read_bytes()})
    (rec,) = report.files
    assert rec.rows_rejected == 0 and rec.rows_loaded == rec.rows_read
    # City districts (B) and special-status cities (K) are not settlements of a hromada.
    assert fetch(db, "select count(*) from settlements where category not in ('M', 'X', 'C')") == [(0,)]
    names = dict(fetch(db, "select katottg, name_uk from hromadas"))
    assert names["UA01020010000048857"] == "Андріївська"  # trailing space in the codifier is trimmed
    assert fetch(db, "select distinct oblast_name_uk from hromadas where oblast_katottg = 'UA01000000000013043'") == [
        ("Автономна Республіка Крим",)
    ]


def test_a_real_export_dropped_beside_the_demo_shows_up(tmp_path: Path, demo_raw: Path) -> None:
    src = samples_path("openbudget", "local_2555900000_INCOMES_2023_quarter.csv")
    raw = tmp_path / "raw"
    shutil.copytree(demo_raw, raw)
    shutil.copy(src, raw / "openbudget" / src.name)
    from etl.build import build
    from hromada.db import connect
    from hromada.metrics import budget as bm
    from hromada.settings import load_settings

    build(raw, tmp_path / "w.duckdb", load_settings())
    con = connect(tmp_path / "w.duckdb")
    assert {"2551400000", "2555900000"} <= set(bm.budget_codes(con))  # beside the demo's peers
    period = bm.period_for(con, "2555900000", 2023)
    assert period == bm.Period("2555900000", 2023, "quarter", 9)
    assert bm.totals(con, period)["income_ytd"] == pytest.approx(2806966216.08)
    con.close()
