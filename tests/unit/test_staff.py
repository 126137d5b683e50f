"""The staff area's parts without a browser: the user store and its CLI, the lockout's clock, safe file names,
kinds told by header, check / publish / remove with the warehouse and raw folder consistent on failure, two
publishes at once, and the audit log."""

from __future__ import annotations

import io
import os
import shutil
import stat
import sys
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

import bcrypt
import pytest
import streamlit.config

from etl import publish as pub
from etl.build import BuildError
from hromada.__main__ import main
from hromada.staff import audit, users
from tests.helpers import fetch, income_correction

PASSWORD = "correct horse battery"  # noqa: S105 - a test user's password


@pytest.fixture()
def users_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "private" / "users.yaml"
    monkeypatch.setenv("HROMADA_USERS", str(path))
    return path


def test_users_are_stored_hashed_and_private(users_file: Path) -> None:
    users.add(users_file, "olena", PASSWORD, "admin", "Олена Коваль")
    users.add(users_file, "ivan", "another long one", "editor")
    text = users_file.read_text(encoding="utf-8")
    assert PASSWORD not in text
    record = users.read(users_file)["credentials"]["usernames"]["olena"]
    assert bcrypt.checkpw(PASSWORD.encode(), record["password"].encode())
    assert stat.S_IMODE(users_file.stat().st_mode) == 0o600
    assert len(users.read(users_file)["cookie"]["key"]) >= 32  # a random key per installation
    assert [(u.username, u.role, u.locked) for u in users.users(users_file, 5)] == [
        ("ivan", "editor", False),
        ("olena", "admin", False),
    ]
    assert users.role_of(users_file, "olena") == "admin" and users.role_of(users_file, "nobody") is None
    users.remove(users_file, "ivan")
    assert [u.username for u in users.users(users_file, 5)] == ["olena"]


@pytest.mark.parametrize(
    ("username", "password", "role", "says"),
    [
        ("Olena", PASSWORD, "editor", "lower-case"),
        ("o lena", PASSWORD, "editor", "lower-case"),
        ("olena", "short", "editor", "at least 10"),
        ("olena", PASSWORD, "root", "not a role"),
    ],
)
def test_bad_users_are_refused(users_file: Path, username: str, password: str, role: str, says: str) -> None:
    with pytest.raises(users.UserError, match=says):
        users.add(users_file, username, password, role)
    with pytest.raises(users.UserError, match="no user"):
        users.remove(users_file, "ghost")


def test_a_lock_starts_at_the_limit_and_lifts_after_a_while(users_file: Path) -> None:
    users.add(users_file, "olena", PASSWORD, "editor")
    doc = users.read(users_file)
    doc["credentials"]["usernames"]["olena"]["failed_login_attempts"] = 5  # as the sign-in widget counts them
    users.write(users_file, doc)
    start = datetime(2026, 12, 2, 10, 0)
    users.settle_locks(users_file, 5, timedelta(minutes=15), start)
    assert users.users(users_file, 5)[0].locked
    users.settle_locks(users_file, 5, timedelta(minutes=15), start + timedelta(minutes=14))
    assert users.users(users_file, 5)[0].locked
    users.settle_locks(users_file, 5, timedelta(minutes=15), start + timedelta(minutes=15))
    record = users.read(users_file)["credentials"]["usernames"]["olena"]
    assert record["failed_login_attempts"] == 0 and "locked_at" not in record


def test_cli_reads_the_password_from_stdin_and_never_prints_it(
    users_file: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["users", "add", "olena", "--role", "admin", "--name", "Олена"]) == 0
    assert main(["users", "list"]) == 0
    out = capsys.readouterr()
    assert PASSWORD not in out.out + out.err
    assert "olena\tadmin\tОлена" in out.out
    assert bcrypt.checkpw(
        PASSWORD.encode(), users.read(users_file)["credentials"]["usernames"]["olena"]["password"].encode()
    )
    monkeypatch.setattr(sys, "stdin", io.StringIO("short\n"))
    assert main(["users", "add", "ivan"]) == 1
    assert "at least 10" in capsys.readouterr().err
    assert main(["users", "remove", "olena"]) == 0
    assert main(["users", "remove", "olena"]) == 1


@pytest.mark.parametrize(
    "name",
    [
        "../../x.csv",
        "/etc/passwd.csv",
        "a/b.csv",
        "a\\b.csv",
        ".hidden.csv",
        "x..csv",
        "x.exe",
        "",
        "x\x00.csv",
        "a;b.csv",
    ],
)
def test_names_that_could_escape_or_hide_are_refused(name: str) -> None:
    with pytest.raises(pub.UploadError):
        pub.safe_name(name, "openbudget")


def test_ordinary_names_are_kept_as_given(tmp_path: Path) -> None:
    assert pub.safe_name("Бюджет 2026 (жовтень).csv", "openbudget") == "Бюджет 2026 (жовтень).csv"
    assert (
        pub.target(tmp_path, "projects", "registry_2026-10.xlsx")
        == (tmp_path / "projects" / "registry_2026-10.xlsx").resolve()
    )
    with pytest.raises(pub.UploadError, match="not a data folder"):
        pub.safe_name("x.csv", "../etc")


@pytest.mark.parametrize(
    ("name", "head", "source"),
    [
        ("b.csv", "REP_PERIOD;FUND_TYP;COD_BUDGET;COD_INCO;NAME_INC;ZAT_AMT;PLANS_AMT;FAKT_AMT", "openbudget"),
        ("k.csv", "Перший рівень;Другий рівень;Третій рівень", "katottg"),
        ("p.csv", "project_id;title_uk;sector", "projects"),
        ("t.csv", "\ufeffkpi;year;target;note", "targets"),
        ("d.csv", "month;department;registered;electronic", "documents"),
        ("c.csv", "settlement_katottg;as_of;fixed_broadband;mobile_4g", "connectivity"),
        ("a.csv", "service_request_id,service_name,status", "participation"),
        ("r.json", '{"uri": "x", "releases": []}', "prozorro"),
        ("g.geojson", '{"type": "FeatureCollection"}', "geo"),
        ("x.csv", "what;is;this", None),
    ],
)
def test_a_files_kind_is_told_by_its_header(name: str, head: str, source: str | None) -> None:
    assert pub.detect_source(name, (head + "\r\n1;2;3\r\n").encode("utf-8")) == source


BAD_PERIOD = (
    "REP_PERIOD;FUND_TYP;COD_BUDGET;COD_INCO;NAME_INC;ZAT_AMT;PLANS_AMT;FAKT_AMT\r\n"
    "13.2026;T;2551400000;11010100;x;1;0;5\r\n"
)


@pytest.fixture()
def serving(tmp_path: Path, demo_raw: Path, settings) -> tuple[Path, Path]:
    """A deployment's raw folder and the warehouse it serves: the demo's budget of this year and targets only, so
    each build here takes a moment, not the whole demo's time."""
    from etl.build import build

    raw, db = tmp_path / "raw", tmp_path / "warehouse.duckdb"
    (raw / "openbudget").mkdir(parents=True)
    for path in (demo_raw / "openbudget").glob("*_2026_*.csv"):
        shutil.copy2(path, raw / "openbudget" / path.name)
    shutil.copytree(demo_raw / "targets", raw / "targets")
    build(raw, db, settings)
    return raw, db


def _correction(raw: Path, extra: float) -> pub.Upload:
    return pub.Upload(f"zz_correction_{int(extra)}.csv", "openbudget", income_correction(raw, extra).encode())


def _income(db: Path) -> float:
    return float(
        fetch(
            db,
            """select sum(executed_ytd_uah) from budget_lines where direction = 'income' and fund = 'total'
               and is_leaf and year = 2026 and month = (select max(month) from budget_lines where year = 2026)""",
        )[0][0]
    )


def test_check_builds_a_copy_and_publish_swaps_it_in(serving: tuple[Path, Path], tmp_path: Path, settings) -> None:
    raw, db = serving
    before, files_before = _income(db), sorted(p.name for p in (raw / "openbudget").iterdir())
    good, bad = _correction(raw, 1_000_000), pub.Upload("bad_period.csv", "openbudget", BAD_PERIOD.encode())
    work = tmp_path / "work"
    work.mkdir()
    checked = pub.check(raw, [good, bad], settings, work)
    assert checked.rejected["openbudget/bad_period.csv"] == [
        (2, "REP_PERIOD", "'13.2026' is not a reporting period (MM.YYYY)")
    ]
    assert _income(checked.db_path) == pytest.approx(before + 1_000_000)
    assert _income(db) == before and sorted(p.name for p in (raw / "openbudget").iterdir()) == files_before
    pub.publish(raw, db, [good, bad], settings)
    assert _income(db) == pytest.approx(before + 1_000_000)
    assert (raw / "openbudget" / good.name).read_bytes() == good.data
    pub.remove(raw, db, "openbudget", good.name, settings)
    assert _income(db) == pytest.approx(before) and not (raw / "openbudget" / good.name).exists()


def test_a_failed_build_leaves_warehouse_and_raw_folder_as_they_were(
    serving: tuple[Path, Path], settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw, db = serving
    original = (raw / "targets" / "targets.csv").read_bytes()
    stamp = db.stat().st_mtime_ns

    def failing_build(*_args, **_kwargs):
        raise BuildError("SQL model failed")

    monkeypatch.setattr(pub, "build", failing_build)
    replacement = pub.Upload("targets.csv", "targets", b"kpi;year;target\r\ncapital_share;2026;20\r\n")
    with pytest.raises(BuildError):
        pub.publish(raw, db, [replacement, pub.Upload("new.csv", "targets", b"kpi;year;target\r\n")], settings)
    assert (raw / "targets" / "targets.csv").read_bytes() == original  # the replaced file is back
    assert not (raw / "targets" / "new.csv").exists()  # the new one is gone
    with pytest.raises(BuildError):
        pub.remove(raw, db, "targets", "targets.csv", settings)
    assert (raw / "targets" / "targets.csv").read_bytes() == original
    assert db.stat().st_mtime_ns == stamp


def test_two_publishes_at_once_are_served_one_after_the_other(serving: tuple[Path, Path], settings) -> None:
    raw, db = serving
    before = _income(db)
    uploads = [
        _correction(raw, 1_000_000),
        pub.Upload("targets_2027.csv", "targets", b"kpi;year;target\r\ncapital_share;2027;15\r\n"),
    ]
    errors: list[BaseException] = []

    def run(upload: pub.Upload) -> None:
        try:
            pub.publish(raw, db, [upload], settings)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(u,)) for u in uploads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    # One consistent warehouse holding both: neither build overwrote the other's file or result.
    assert _income(db) == pytest.approx(before + 1_000_000)
    assert fetch(db, "select target from targets where kpi = 'capital_share' and year = 2027") == [(15.0,)]
    loaded = {r[0] for r in fetch(db, "select file_path from source_files")}
    assert {"openbudget/zz_correction_1000000.csv", "targets/targets_2027.csv"} <= loaded


def test_the_audit_log_survives_and_reaches_the_warehouse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, serving: tuple[Path, Path], settings
) -> None:
    log = tmp_path / "audit.jsonl"
    monkeypatch.setenv("HROMADA_AUDIT", str(log))
    audit.record(log, "olena", "published", "openbudget", "x.csv", "ab" * 32)
    with log.open("a", encoding="utf-8") as cut:
        cut.write('{"acted_at": "2026-12-02T10:00:00+00:00", "username": "iv')  # a write cut short
    audit.record(log, "ivan", "removed", "targets", "t.csv")
    assert [e["action"] for e in audit.entries(log)] == ["published", "removed"]
    with pytest.raises(ValueError):
        audit.record(log, "x", "deleted everything")
    from etl.build import build

    db = tmp_path / "w.duckdb"
    build(serving[0], db, settings)
    assert fetch(db, "select username, action, file_name from staff_audit order by acted_at, action") == [
        ("olena", "published", "x.csv"),
        ("ivan", "removed", "t.csv"),
    ]
    # The public Data page reads source_files, which names no one.
    assert "olena" not in str(fetch(db, "select * from source_files"))


def test_streamlit_keeps_its_xsrf_protection() -> None:
    config = (Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    assert "enableXsrfProtection" not in config and "enableCORS" not in config
    assert streamlit.config.get_option("server.enableXsrfProtection") is True


def test_scratch_folders_left_by_ended_sessions_are_removed(tmp_path: Path) -> None:
    """A check's copy is tens of megabytes and a closed browser never says goodbye: a day-old folder goes when the
    next session makes its own; a recent one (another session still checking) stays."""
    staging = tmp_path / "staging"
    old, recent = staging / "check-old", staging / "check-recent"
    for folder in (old, recent):
        (folder / "raw").mkdir(parents=True)
        (folder / "checked.duckdb").write_bytes(b"x" * 1024)
    day_ago = time.time() - 25 * 3600
    os.utime(old, (day_ago, day_ago))
    new = pub.scratch_dir(staging)
    assert new.is_dir() and new.parent == staging and new.name.startswith("check-")
    assert not old.exists()
    assert recent.exists()
