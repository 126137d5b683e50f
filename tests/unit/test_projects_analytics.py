"""Investment arithmetic, the passport PDF, and the project metrics on the demo warehouse."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from hromada.db import connect
from hromada.finance import appraise, irr, npv
from hromada.metrics import projects as pm
from hromada.passport import passport_pdf


def test_npv_and_irr_by_hand() -> None:
    # 100 now, 30 a year for 5 years at 10 %: 30 × 3.790787 − 100
    assert npv(0.10, 100, 30, 5) == pytest.approx(13.7236, abs=1e-4)
    rate = irr(100, 30, 5)
    assert rate == pytest.approx(0.152382, abs=1e-6)
    assert npv(rate, 100, 30, 5) == pytest.approx(0, abs=1e-9)
    assert irr(100, 10, 5) is None  # never pays back
    a = appraise(1_800_000, 330_000, years=15, rate=0.1)
    assert a.payback_years == pytest.approx(5.4545, abs=1e-4)
    assert appraise(None, 1) is None and appraise(100, 0) is None


@pytest.fixture(scope="module")
def con(demo_warehouse: Path):
    connection = connect(demo_warehouse)
    yield connection
    connection.close()


def test_totals_and_pipeline_agree(con) -> None:
    totals = pm.totals(con)
    pipeline = pm.pipeline(con)
    assert totals["projects"] == pipeline["projects"].sum()
    assert totals["budget_uah"] == pytest.approx(pipeline["budget_uah"].sum())
    contracts = con.execute("""select sum(c.value_amount) from contracts c
                               where c.ocid in (select ocid from project_tenders where matched)""").fetchall()[0][0]
    assert totals["contracted_uah"] == pytest.approx(float(contracts))


def test_money_by_sector_adds_up(con) -> None:
    by_sector = pm.money_by_sector(con)
    totals = pm.totals(con)
    cancelled = con.execute("select coalesce(sum(budget_uah), 0) from projects where status = 'cancelled'").fetchall()
    assert by_sector["budget_uah"].sum() == pytest.approx(totals["budget_uah"] - float(cancelled[0][0]))


def test_savings_are_expected_minus_contracted(con) -> None:
    savings = pm.savings(con)
    assert not savings.empty
    row = savings.iloc[0]
    assert row["saved_uah"] == pytest.approx(row["expected_uah"] - row["contracted_uah"])
    assert (savings["saved_share"] > 0).all() and (savings["saved_share"] < 0.2).all()


def test_at_risk_reasons(con) -> None:
    risks = pm.at_risk(con, date(2026, 10, 28))
    reasons = {r for rs in risks["reasons"] for r in rs}
    assert "overspent" in reasons
    far_future = pm.at_risk(con, date(2040, 1, 1))
    assert len(far_future) > len(risks)  # every unfinished project is overdue by then


def test_project_detail_pieces(con) -> None:
    table = pm.project_table(con)
    with_tender = table[table["tenders"].fillna(0) > 0].iloc[0]["project_id"]
    p = pm.project(con, with_tender)
    assert p["settlement_uk"] and p["expected_uah"] > 0
    assert not pm.project_contracts(con, with_tender).empty
    assert pm.project_funding(con, with_tender)["amount_uah"].sum() == pytest.approx(p["budget_uah"])
    lines = pm.programme_lines(con, p["programme_code"], "2551400000")
    assert list(lines["year"]) == list(range(2021, 2027))
    assert pm.project(con, "no such project") is None


def test_passport_is_a_real_pdf_with_the_title(con) -> None:
    offer = pm.opportunities(con).iloc[0].to_dict()
    for lang in ("uk", "en"):
        pdf = passport_pdf(
            offer,
            "Михайло-Коцюбинська громада",
            appraise(offer["funding_sought_uah"], offer["annual_revenue_uah"]),
            lang,
            True,
        )
        assert pdf.startswith(b"%PDF-")
        reader = PdfReader(io.BytesIO(pdf))
        assert len(reader.pages) == 1
        text = reader.pages[0].extract_text()
        assert offer["title_en" if lang == "en" else "title_uk"] in text.replace("\n", " ")
        assert "NPV" in text and "nan" not in text
