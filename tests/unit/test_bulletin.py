"""The residents' bulletin: its figures are the warehouse's, its print is large, its commands say what is wrong."""

from __future__ import annotations

import io
from pathlib import Path

import duckdb
import pdfplumber
import pytest

from hromada import bulletin
from hromada.__main__ import main
from hromada.formatting import money
from hromada.settings import load_settings

CENTRE = "UA74100250010077513"  # the hromada's centre: projects, appeals and buildings
PERIOD = "2026-09"


@pytest.fixture(scope="module")
def con(demo_warehouse: Path):
    connection = duckdb.connect(str(demo_warehouse), read_only=True)
    yield connection
    connection.close()


def _made(con, place: str = CENTRE, lang: str = "uk") -> bulletin.Bulletin:
    return bulletin.gather(con, load_settings(), place, PERIOD, lang, "https://dashboard.example")


def test_figures_are_the_warehouses(con) -> None:
    made = _made(con)
    received, answered = con.execute(
        "select count(*) filter (where requested_at >= '2026-09-01' and requested_at < '2026-10-01'), "
        "count(*) filter (where answered_at >= '2026-09-01' and answered_at < '2026-10-01') "
        "from appeals where settlement_katottg = ?",
        [CENTRE],
    ).fetchone()
    assert (made.figures["appeals_received"], made.figures["appeals_answered"]) == (received, answered) != (0, 0)
    invested = con.execute(
        "select sum(spent_uah) from projects "
        "where settlement_katottg = ? and status in ('implementation', 'completed')",
        [CENTRE],
    ).fetchone()[0]
    assert made.figures["invested_uah"] == pytest.approx(float(invested))
    spent = con.execute(
        "select sum(executed_ytd_uah) from budget_lines where budget_code = '2551400000' and year = 2026 "
        "and period_type = 'month' and month = 9 and fund = 'total' and direction = 'expense' "
        "and classification = 'economic' and is_leaf"
    ).fetchone()[0]
    assert made.figures["expense_ytd"] == pytest.approx(float(spent))
    school = con.execute(
        "select b.name, sum(e.kwh) from buildings b join building_energy_monthly e using (building_id) "
        "where b.settlement_katottg = ? and e.month = ? group by b.name order by b.name limit 1",
        [CENTRE, PERIOD],
    ).fetchone()
    assert made.figures[f"kwh:{school[0]}"] == pytest.approx(school[1])
    assert made.map_url == f"https://dashboard.example/map?place={CENTRE}&lang=uk"


def test_a_district_is_the_sum_of_its_villages(con) -> None:
    settings = load_settings()
    places = bulletin.places(con, settings, "uk")
    district = next(k for k, (_, codes) in places.items() if len(codes) > 1)
    codes = places[district][1]
    made = _made(con, district)
    received = sum(_made(con, code).figures["appeals_received"] for code in codes)
    assert made.figures["appeals_received"] == received
    assert made.place_name == district


def test_the_pdf_says_it_in_large_print(con) -> None:
    made = _made(con)
    pdf = bulletin.render_pdf(made)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        text = "\n".join(page.extract_text() for page in document.pages)
        sizes = [char["size"] for page in document.pages for char in page.chars]
        images = sum(len(page.images) for page in document.pages)
    flat = " ".join(text.split())
    assert made.place_name in flat
    assert f"Надійшло звернень: {made.figures['appeals_received']}" in flat
    assert money(made.figures["expense_ytd"], "uk").replace("\u202f", " ") in flat.replace("\u202f", " ")
    assert made.map_url in "".join(text.split()) and images == 1  # the QR code, and its address written out
    assert min(sizes) >= bulletin.SMALLEST_PT >= 14
    assert sum(s >= bulletin.BODY_PT for s in sizes) > 0.8 * len(sizes)  # nearly all of it in body size or larger


def test_english_bulletin(con) -> None:
    made = _made(con, lang="en")
    assert made.title.startswith("Bulletin: ") and "September 2026" in made.subtitle


def test_unknown_place_or_month_is_said_in_words(con) -> None:
    with pytest.raises(bulletin.BulletinError, match="neither a settlement code nor a starosta district"):
        _made(con, "UA00000000000000000")
    with pytest.raises(bulletin.BulletinError, match="is not a month YYYY-MM"):
        bulletin.gather(con, load_settings(), CENTRE, "2026-13", "uk", "")


def test_command_line_writes_one_or_all(tmp_path: Path, demo_warehouse: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("HROMADA_WAREHOUSE", str(demo_warehouse))
    one = tmp_path / "centre.pdf"
    assert main(["bulletin", "--place", CENTRE, "--period", PERIOD, "--out", str(one)]) == 0
    assert one.read_bytes().startswith(b"%PDF")
    assert main(["bulletin", "--all", "--period", PERIOD, "--out", str(tmp_path / "all")]) == 0
    with duckdb.connect(str(demo_warehouse), read_only=True) as con:
        expected = len(bulletin.places(con, load_settings(), "uk"))
    assert len(list((tmp_path / "all").glob("*.pdf"))) == expected
    assert main(["bulletin", "--place", "nowhere", "--period", PERIOD, "--out", str(one)]) == 1
    assert "neither a settlement code" in capsys.readouterr().err


def test_residents_read_how_their_own_deputies_voted(con) -> None:
    from dataclasses import replace

    voters = [r[0] for r in con.execute("select distinct voter_name from council_votes order by 1 limit 2").fetchall()]
    settings = replace(load_settings(), deputies={CENTRE: voters})
    month = con.execute(
        "select strftime(max(start_at), '%Y-%m') from council_vote_events where start_at < '2026-12-01'"
    ).fetchone()[0]
    made = bulletin.gather(con, settings, CENTRE, month, "uk", "https://dashboard.example")
    section = next(s for s in made.sections if s.heading == "Як голосували ваші депутати")
    expected = con.execute(
        """select voter_name, count(*), count(*) filter (where vote = 'for') from council_votes
           where motion_uid in (select motion_uid from council_vote_events where strftime(start_at, '%Y-%m') = ?)
             and voter_name = ?
           group by 1""",
        [month, voters[0]],
    ).fetchone()
    line = next(line for line in section.lines if line.startswith(voters[0]))
    assert f"з {expected[1]} голосувань" in line and f"«за» — {expected[2]}" in line
    assert made.figures["local_deputies"] == 2
    english = bulletin.gather(con, settings, CENTRE, month, "en", "https://dashboard.example")
    lines = next(s.lines for s in english.sections if s.heading == "How your deputies voted")
    assert all(line.split(":")[0].isascii() for line in lines)  # names in Latin letters
    # Without names in the settings the section is not printed at all.
    assert "Як голосували ваші депутати" not in [s.heading for s in _made(con).sections]
