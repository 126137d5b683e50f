"""`python -m etl fetch` end to end against recorded answers: every source lands in the published formats, a
second run asks only for what can have changed, a person's files are never touched, failures are said in words,
and the warehouse built from fetched files equals the one built from the same files placed by hand."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb
import pytest

from demo.files import write_demo
from etl.__main__ import main
from etl.build import build
from etl.fetch.config import load_fetch_settings
from etl.fetch.http import Client
from etl.fetch.run import exit_code, fetch_all
from hromada.settings import load_settings
from tests.fetch import recordings as rec
from tests.fetch.replay import Recorded

YEAR = 2023  # the real openbudget sample's year
WEATHER_YEAR = 2022  # the last year of the real weather sample
TODAY = date(2024, 6, 1)


@pytest.fixture()
def settings_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = rec.settings_file(tmp_path / "hromada.toml")
    monkeypatch.setenv("HROMADA_SETTINGS", str(path))
    return path


def run(raw: Path, client: Client, years=range(YEAR, YEAR + 1), only=(), offline=False, today=TODAY, path=None):
    settings = load_settings(path, require_population=False)
    return fetch_all(
        settings, load_fetch_settings(path), raw, years=years, only=only, offline=offline, client=client, today=today
    )


def by_source(outcomes) -> dict:
    return {o.source: o for o in outcomes}


def test_every_source_lands_in_the_published_formats(recorded, settings_path: Path, tmp_path: Path, client) -> None:
    raw = tmp_path / "raw"
    outcomes = by_source(
        run(
            raw,
            client,
            years=range(2018, YEAR + 1),
            only=("katottg", "boundaries", "openbudget", "prozorro", "data_gov_ua"),
        )
    )
    assert {name: o.status for name, o in outcomes.items()} == dict.fromkeys(outcomes, "ok"), outcomes
    files = sorted(p.relative_to(raw).as_posix() for p in raw.rglob("*") if p.is_file() and ".fetch" not in p.parts)
    assert f"openbudget/local_{rec.BUDGET}_INCOMES_{YEAR}_quarter.csv" in files  # the service's own name: quarterly
    assert f"openbudget/local_{rec.BUDGET}_EXPENSES_PROGRAM_{YEAR}_month.csv" in files
    assert f"katottg/kodifikator_{rec.HROMADA}.csv" in files
    assert "geo/cod_ab_adm3_UA7410021.geojson" in files
    assert len([f for f in files if f.startswith("prozorro/tenders/")]) == 2
    assert "council_votes/data_gov_ua/5f1c2a9e-0000-4000-8000-000000000001.csv" in files
    # Stored as published: the openbudget export keeps its windows-1251 bytes.
    income = raw / f"openbudget/local_{rec.BUDGET}_INCOMES_{YEAR}_quarter.csv"
    assert income.read_bytes() == rec.openbudget_income_sample().decode().encode("cp1251")
    # The boundary carries the full KATOTTG code of ours and of the neighbours.
    geo = json.loads((raw / "geo/cod_ab_adm3_UA7410021.geojson").read_text("utf-8"))
    codes = {f["properties"]["katottg"] for f in geo["features"]}
    assert rec.HROMADA in codes and len(codes) == 5
    # A manifest per source: URL, time, status, size, SHA-256, licence and attribution.
    manifest = json.loads((raw / ".fetch/openbudget.json").read_text("utf-8"))
    assert manifest["licence"] == "CC BY 4.0" and "openbudget.gov.ua" in manifest["attribution"]
    entry = manifest["files"][f"openbudget/local_{rec.BUDGET}_INCOMES_{YEAR}_quarter.csv"]
    assert entry["http_status"] == 200 and entry["bytes"] == income.stat().st_size and len(entry["sha256"]) == 64
    assert "budgetItem=INCOMES" in entry["url"] and manifest["next_refresh"] == "2024-07-01"


def test_weather_from_the_open_meteo_api(recorded, settings_path: Path, tmp_path: Path, client) -> None:
    raw = tmp_path / "raw"
    outcomes = by_source(run(raw, client, years=range(WEATHER_YEAR, WEATHER_YEAR + 1), only=("weather",)))
    assert outcomes["weather"].status == "ok", outcomes["weather"].message
    body = (raw / f"weather/open_meteo/open_meteo_{WEATHER_YEAR}.csv").read_text("utf-8")
    assert body.startswith("latitude,longitude,elevation") and "\n\ntime,temperature_2m_max (°C)" in body
    manifest = json.loads((raw / ".fetch/weather.json").read_text("utf-8"))
    assert "Open-Meteo.com" in manifest["attribution"] and manifest["licence"] == "CC BY 4.0"


def test_a_second_run_asks_only_for_what_can_have_changed(
    recorded, server, settings_path: Path, tmp_path: Path, client
) -> None:
    raw = tmp_path / "raw"
    first = by_source(run(raw, client, years=range(YEAR, YEAR + 2), only=("openbudget",)))
    run(raw, client, years=range(2018, 2019), only=("prozorro",))
    assert first["openbudget"].counts["written"] == 4
    asked = len(server.requests_to("/api/public/localBudgetData"))
    assert asked == 8  # 4 exports × 2 years (the second year has nothing published yet)
    second = by_source(run(raw, client, years=range(YEAR, YEAR + 2), only=("openbudget",)))
    second.update(by_source(run(raw, client, years=range(2018, 2019), only=("prozorro",))))
    # 2023 was fetched after its final report (March 2024): not asked again; 2024, the current year, is.
    assert len(server.requests_to("/api/public/localBudgetData")) - asked == 4
    assert second["openbudget"].counts["cached"] == 4
    # Tenders that did not change (the feed lists none) are not fetched again.
    assert second["prozorro"].counts["written"] == 0
    assert all(len(server.requests_to(f"/api/2.5/tenders/{p.stem}")) == 1 for p in (raw / "prozorro/tenders").iterdir())


def test_a_persons_own_file_is_never_overwritten(recorded, settings_path: Path, tmp_path: Path, client) -> None:
    raw = tmp_path / "raw"
    own = raw / f"openbudget/local_{rec.BUDGET}_EXPENSES_PROGRAM_{YEAR}_month.csv"
    own.parent.mkdir(parents=True)
    own.write_bytes(b"my own corrected file")
    outcome = by_source(run(raw, client, only=("openbudget",)))["openbudget"]
    assert own.read_bytes() == b"my own corrected file"
    assert outcome.counts["kept"] == 1 and any("placed by hand" in note for note in outcome.notes)


def test_demo_files_make_way_for_fetched_data(recorded, settings_path: Path, tmp_path: Path, client) -> None:
    raw = tmp_path / "raw"
    write_demo(raw, load_settings(), until=(2024, 5))
    run(raw, client, only=("openbudget",))
    assert not (raw / "demo_manifest.json").exists()
    assert not list((raw / "projects").glob("*")) if (raw / "projects").exists() else True
    assert (raw / f"openbudget/local_{rec.BUDGET}_INCOMES_{YEAR}_quarter.csv").exists()


def test_failures_are_said_in_words_and_the_others_still_land(
    server, settings_path: Path, tmp_path: Path, client, votes_csv
) -> None:
    rec.serve_all(server, YEAR, WEATHER_YEAR, votes_csv)
    server.add("GET", "/api/public/localBudgetData", Recorded(503, b"<html>down</html>", {"Content-Type": "text/html"}))
    server.add(
        "POST",
        "/api/search/tenders",
        Recorded(200, b"<!DOCTYPE html><html>captcha</html>", {"Content-Type": "text/html"}),
    )
    raw = tmp_path / "raw"
    outcomes = run(raw, client, only=("openbudget", "prozorro", "boundaries"))
    states = {o.source: o.status for o in outcomes}
    assert states == {"openbudget": "failed", "prozorro": "failed", "boundaries": "ok"}
    messages = {o.source: o.message for o in outcomes}
    assert "503 server error" in messages["openbudget"] and "try again later" in messages["openbudget"]
    assert "HTML page came instead of data" in messages["prozorro"]
    assert exit_code(outcomes) == 64 + 4 + 16  # openbudget and prozorro
    assert (raw / "geo/cod_ab_adm3_UA7410021.geojson").exists()


def test_budget_code_found_from_the_katottg_code(recorded, tmp_path: Path, monkeypatch, client) -> None:
    path = rec.settings_file(tmp_path / "hromada.toml", budget_code="")
    monkeypatch.setenv("HROMADA_SETTINGS", str(path))
    messages: list[str] = []
    settings = load_settings(path, require_population=False)
    outcome = fetch_all(
        settings,
        load_fetch_settings(path),
        tmp_path / "raw",
        years=range(YEAR, YEAR + 1),
        only=("openbudget",),
        client=client,
        today=TODAY,
        progress=messages.append,
    )[0]
    assert any("budget code 2555900001 chosen for UA74100210000053397" in m for m in messages)
    assert outcome.status == "failed" and "400" in outcome.message  # the recording knows only the sample's budget


def test_a_buyer_with_no_tenders_is_said(recorded, tmp_path: Path, monkeypatch, client) -> None:
    path = rec.settings_file(tmp_path / "hromada.toml", buyers=("12345678",))
    monkeypatch.setenv("HROMADA_SETTINGS", str(path))
    outcome = run(tmp_path / "raw", client, only=("prozorro",), path=path)[0]
    assert outcome.status == "ok"
    assert any("buyer 12345678: no tenders on Prozorro" in note for note in outcome.notes)


def test_optional_sources_not_configured_are_skipped_with_a_note(recorded, tmp_path: Path, monkeypatch, client) -> None:
    path = rec.settings_file(tmp_path / "hromada.toml", buyers=(), council="")
    outcomes = by_source(run(tmp_path / "raw", client, only=("prozorro", "data_gov_ua"), path=path))
    assert outcomes["prozorro"].status == "skipped" and "buyers" in outcomes["prozorro"].message
    assert outcomes["data_gov_ua"].status == "skipped" and "council_edrpou" in outcomes["data_gov_ua"].message
    assert exit_code(list(outcomes.values())) == 0


def test_offline_with_no_cache_says_so_and_exits_cleanly(settings_path: Path, tmp_path: Path, capsys) -> None:
    code = main(["fetch", "--offline", "--raw", str(tmp_path / "raw"), "--source", "openbudget", "--source", "weather"])
    out = capsys.readouterr().out
    assert code == 0
    assert "offline, and nothing was fetched before" in out


def test_offline_uses_what_was_fetched_before(recorded, server, settings_path: Path, tmp_path: Path, client) -> None:
    raw = tmp_path / "raw"
    run(raw, client, only=("openbudget",))
    before = len(server.log)
    outcome = run(raw, client, only=("openbudget",), offline=True)[0]
    assert len(server.log) == before and outcome.status == "offline" and "4 file(s) fetched before" in outcome.message


def test_fetch_then_build_equals_the_same_files_placed_by_hand(
    recorded, settings_path: Path, tmp_path: Path, client
) -> None:
    fetched, by_hand = tmp_path / "fetched", tmp_path / "by_hand"
    run(fetched, client, only=("openbudget", "prozorro"), years=range(2018, YEAR + 1))
    run(fetched, client, only=("weather",), years=range(WEATHER_YEAR, WEATHER_YEAR + 1))
    for rel, body in recorded.files.items():
        (by_hand / rel).parent.mkdir(parents=True, exist_ok=True)
        (by_hand / rel).write_bytes(body)
    settings = load_settings(settings_path)
    build(fetched, tmp_path / "fetched.duckdb", settings)
    build(by_hand, tmp_path / "by_hand.duckdb", settings)
    queries = {
        "budget": "select direction, classification, year, month, fund, sum(executed_uah) from budget_lines"
        " group by all order by all",
        "weather": "select station, count(*), round(sum(t_mean_c), 6) from weather_daily group by all order by all",
        "tenders": "select ocid, buyer_edrpou from procurements order by all",
    }
    for name, sql in queries.items():
        with (
            duckdb.connect(str(tmp_path / "fetched.duckdb"), read_only=True) as a,
            duckdb.connect(str(tmp_path / "by_hand.duckdb"), read_only=True) as b,
        ):
            got, expected = a.execute(sql).fetchall(), b.execute(sql).fetchall()
        assert got == expected and got, name


def test_one_failing_year_loses_only_itself(recorded, settings_path: Path, tmp_path: Path, client) -> None:
    raw = tmp_path / "raw"
    outcome = run(raw, client, years=range(WEATHER_YEAR - 1, WEATHER_YEAR + 1), only=("weather",))[0]
    assert outcome.status == "failed"
    assert outcome.message.startswith("1 of 2 requests failed, the others landed;") and "400" in outcome.message
    assert (raw / f"weather/open_meteo/open_meteo_{WEATHER_YEAR}.csv").exists()
    assert json.loads((raw / ".fetch/weather.json").read_text("utf-8"))["status"] == "failed"


def test_the_build_records_where_fetched_files_came_from(recorded, settings_path: Path, tmp_path: Path, client) -> None:
    raw = tmp_path / "raw"
    run(raw, client, only=("katottg", "openbudget"))
    hand = raw / "projects" / "registry.csv"  # a hand-placed file beside the fetched ones
    hand.parent.mkdir()
    hand.write_text("not a registry\n", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    build(raw, db, load_settings(settings_path))
    with duckdb.connect(str(db), read_only=True) as con:
        files = dict(con.execute("select file_path, fetched_from from source_files").fetchall())
        sources = con.execute(
            "select source, licence, files, status, next_refresh from source_fetches order by 1"
        ).fetchall()
    assert "budgetItem=INCOMES" in files[f"openbudget/local_{rec.BUDGET}_INCOMES_{YEAR}_quarter.csv"]
    assert files["projects/registry.csv"] is None
    assert [(s[0], s[1], s[2], s[3]) for s in sources] == [
        ("katottg", "Public information (official codifier)", 1, "ok"),
        ("openbudget", "CC BY 4.0", 4, "ok"),
    ]


def test_configure_writes_settings_for_any_hromada_offline(tmp_path: Path, capsys) -> None:
    path = tmp_path / "hromada.toml"
    path.write_text("# the council's own settings\n", encoding="utf-8")
    assert main(["configure", "--katottg", "UA74100210000053397", "--settings", str(path)]) == 0
    out = capsys.readouterr().out
    assert "23 settlements" in out and "population" in out
    assert (tmp_path / "hromada.toml.bak").read_text(encoding="utf-8") == "# the council's own settings\n"
    settings = load_settings(path, require_population=False)
    assert settings.name_uk == "Куликівська селищна територіальна громада"
    assert settings.name_en == "Kulykivska settlement hromada" and settings.oblast_en == "Chernihivska oblast"
    assert settings.budget_code == "" and settings.population == 0
    with pytest.raises(Exception, match="population must be positive"):
        load_settings(path)  # the build needs the population confirmed
    assert main(["configure", "--katottg", "UA00000000000000000", "--settings", str(path)]) == 1


def test_prozorro_follows_the_feed_after_the_first_search(
    recorded, server, settings_path: Path, tmp_path: Path, client
) -> None:
    raw = tmp_path / "raw"
    first = run(raw, client, years=range(2018, 2019), only=("prozorro",))[0]
    assert first.message.startswith("search by buyer") and first.counts["written"] == 2
    state = json.loads((raw / ".fetch/prozorro.json").read_text("utf-8"))["state"]
    assert state["buyers"] == [rec.BUYER] and float(state["feed_offset"]) > 0
    changed, unchanged = sorted(p.stem for p in (raw / "prozorro/tenders").glob("*.json"))
    feed_pages = [
        {
            "data": [
                {
                    "id": changed,
                    "dateModified": "2026-11-30T10:00:00+02:00",
                    "tenderID": "UA-2018-06-22-001789-a",
                    "procuringEntity": {"identifier": {"id": rec.BUYER}},
                },
                {
                    "id": "0" * 32,
                    "dateModified": "2026-11-30T11:00:00+02:00",
                    "tenderID": "UA-2018-01-01-000001-a",
                    "procuringEntity": {"identifier": {"id": "99999999"}},
                },  # another buyer's: not ours
            ],
            "next_page": {"offset": "1764500000.5"},
        },
        {"data": [], "next_page": {"offset": "1764500000.5"}},
    ]
    server.add("GET", "/api/2.5/tenders", *[rec.Recorded(200, json.dumps(p).encode(), rec.JSON) for p in feed_pages])
    searches = len(server.requests_to("/api/search/tenders"))
    second = run(raw, client, years=range(2018, 2019), only=("prozorro",))[0]
    assert second.status == "ok" and second.message.startswith("changes since the last run (the feed)")
    assert len(server.requests_to("/api/search/tenders")) == searches  # no search this time
    assert second.counts["written"] + second.counts["unchanged"] == 1  # only the changed tender, asked for again
    assert [r.query["offset"][0] for r in server.requests_to("/api/2.5/tenders")] == [
        state["feed_offset"],
        "1764500000.5",
    ]
    manifest = json.loads((raw / ".fetch/prozorro.json").read_text("utf-8"))
    assert manifest["state"]["feed_offset"] == "1764500000.5"
    assert manifest["files"][f"prozorro/tenders/{changed}.json"]["date_modified"] == "2026-11-30T10:00:00+02:00"
    assert unchanged != changed


def test_a_full_search_fetches_only_tenders_that_changed(recorded, settings_path: Path, tmp_path: Path, client) -> None:
    raw = tmp_path / "raw"
    run(raw, client, years=range(2018, 2019), only=("prozorro",))
    manifest_path = raw / ".fetch/prozorro.json"
    manifest = json.loads(manifest_path.read_text("utf-8"))
    manifest["state"]["searched_at"] = "2020-01-01T00:00:00+00:00"  # long ago: time for a full search again
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    again = run(raw, client, years=range(2018, 2019), only=("prozorro",))[0]
    assert again.message.startswith("search by buyer")
    assert again.counts["cached"] == 2 and again.counts["written"] == 0


def test_staff_refresh_fetches_then_rebuilds_under_the_lock(recorded, settings_path: Path, tmp_path: Path) -> None:
    """The staff area's "from the official sources": `etl fetch` with its progress said, then a build."""
    from etl.publish import refresh

    raw, db, said = tmp_path / "raw", tmp_path / "warehouse.duckdb", []
    settings = load_settings(settings_path, require_population=False)
    outcomes, report = refresh(
        raw, db, settings, said.append, years=range(YEAR, YEAR + 1), only=("katottg", "openbudget"), today=TODAY
    )
    assert by_source(outcomes)["katottg"].status == "ok"
    assert any("katottg" in line.lower() or "kodifikator" in line.lower() for line in said)
    assert said[-1].startswith("build") or any(line.startswith("building") for line in said)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select count(*) from settlements").fetchone()[0] > 0
    assert {f.source for f in report.files} >= {"katottg"}
