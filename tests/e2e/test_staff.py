"""The staff area in a real browser, on its own server with a copy of the demo data: anonymous visitors cannot
reach the upload, wrong passwords are refused and lock the account, and an editor uploads, checks and publishes
files that the public pages then show; a file named to escape the data folder lands nowhere."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from hromada.i18n import t
from hromada.staff import users
from tests.e2e.conftest import running_server
from tests.e2e.test_browser import assert_no_errors, open_page
from tests.e2e.waits import app_idle
from tests.helpers import income_correction

PASSWORD = "correct horse battery"  # noqa: S105 - a test user's password


@pytest.fixture(scope="module")
def staff_server(tmp_path_factory: pytest.TempPathFactory, demo_raw: Path, demo_warehouse: Path) -> Iterator[tuple]:
    home = tmp_path_factory.mktemp("staff")
    raw, db = home / "data" / "raw", home / "data" / "warehouse.duckdb"
    shutil.copytree(demo_raw, raw)
    shutil.copy2(demo_warehouse, db)
    users_file = home / "private" / "users.yaml"
    users.add(users_file, "ivan", PASSWORD, "editor", "Іван")
    users.add(users_file, "petro", PASSWORD, "editor", "Петро")
    env = {"HROMADA_RAW": str(raw), "HROMADA_USERS": str(users_file), "HROMADA_AUDIT": str(home / "audit.jsonl")}
    with running_server(db, home / "streamlit.log", env=env) as base:
        yield base, raw, home


def sign_in(page: Page, base: str, username: str, password: str, fresh: bool = True) -> None:
    """Fill and send the sign-in form until the page answers (signed in, or refused). The sign-in widget's cookie
    component reruns the page once it has loaded; a form sent during that rerun is dropped, so send it again.
    fresh=False tries again on the page as it is (after a refusal the form stays)."""
    if fresh:
        open_page(page, f"{base}/staff?lang=en", 0)
    answer = page.locator('[data-testid="stAlertContentError"]').or_(page.get_by_text("Signed in as"))
    for _ in range(4):
        page.get_by_role("textbox", name=t("staff.username", "en")).fill(username)
        page.get_by_role("textbox", name=t("staff.password", "en")).fill(password)
        page.get_by_role("button", name=t("staff.sign_in_button", "en")).click()
        try:
            expect(answer.first).to_be_visible(timeout=10_000)
            break
        except AssertionError:
            app_idle(page)
    app_idle(page)


def test_anonymous_visitors_see_the_sign_in_only(page: Page, staff_server: tuple) -> None:
    base, _, _ = staff_server
    open_page(page, f"{base}/?lang=en", 2)
    expect(page.get_by_role("link", name=t("staff.nav", "en"))).to_have_count(0)  # not in the menu
    open_page(page, f"{base}/staff?lang=en", 0)
    expect(page.get_by_role("button", name=t("staff.sign_in_button", "en"))).to_be_visible()
    expect(page.locator('[data-testid="stFileUploader"]')).to_have_count(0)
    expect(page.get_by_role("tab")).to_have_count(0)


def test_wrong_passwords_are_refused_and_lock_the_account(page: Page, staff_server: tuple, settings) -> None:
    base, _, home = staff_server
    refused = page.locator('[data-testid="stAlertContentError"]')
    sign_in(page, base, "petro", "not the password")
    expect(refused).to_contain_text("Could not sign in")
    for _ in range(settings.staff.max_login_attempts * 2):  # until the account is locked
        if {
            u.username: u.locked
            for u in users.users(home / "private" / "users.yaml", settings.staff.max_login_attempts)
        }["petro"]:
            break
        sign_in(page, base, "petro", "not the password", fresh=False)
        expect(refused).to_contain_text("Could not sign in")
    sign_in(page, base, "petro", PASSWORD, fresh=False)  # right, but too late: locked for a while
    expect(refused).to_contain_text("Could not sign in")
    expect(page.locator('[data-testid="stFileUploader"]')).to_have_count(0)


def test_an_editor_uploads_checks_and_publishes(page: Page, staff_server: tuple) -> None:
    base, raw, home = staff_server
    open_page(page, f"{base}/?lang=en", 2)
    income = page.locator('[data-testid="stMetric"]').first.locator('[data-testid="stMetricValue"]')
    expect(income).to_have_text("UAH 191.4m")
    sign_in(page, base, "ivan", PASSWORD)
    expect(page.get_by_text("Signed in as").first).to_be_visible()
    expect(page.get_by_role("link", name=t("staff.nav", "en"))).to_be_visible()  # listed once signed in
    bad = "REP_PERIOD;FUND_TYP;COD_BUDGET;COD_INCO;NAME_INC;ZAT_AMT;PLANS_AMT;FAKT_AMT\r\n"
    bad += "13.2026;T;2551400000;1;x;1;0;5\r\n"
    app_idle(page)
    files = [
        {"name": "zz_correction.csv", "mimeType": "text/csv", "buffer": income_correction(raw, 1_000_000).encode()},
        {"name": "bad_period.csv", "mimeType": "text/csv", "buffer": bad.encode()},
        {"name": "../../x.csv", "mimeType": "text/csv", "buffer": bad.encode()},
    ]
    refused = page.get_by_text("File not taken: '../../x.csv'")
    for _ in range(3):  # the sign-in's cookie may rerun the page once more and renew the uploader under us
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(files)
        try:
            expect(refused).to_be_visible(timeout=15_000)
            break
        except AssertionError:
            app_idle(page)
    expect(refused).to_be_visible()
    publish = page.get_by_role("button", name=t("staff.publish", "en"))
    expect(publish).to_be_disabled()  # nothing is published unchecked
    page.get_by_role("button", name=t("staff.check", "en")).click()
    expect(page.get_by_text("rows read: 1, loaded: 0, rejected: 1")).to_be_visible(timeout=120_000)
    expect(page.get_by_text("'13.2026' is not a reporting period (MM.YYYY)")).to_be_visible()
    expect(page.get_by_text("UAH 191.4m → UAH 192.4m")).to_be_visible()
    expect(publish).to_be_enabled()
    publish.click()
    expect(page.get_by_text("Published: openbudget/zz_correction.csv, openbudget/bad_period.csv")).to_be_visible(
        timeout=120_000
    )
    open_page(page, f"{base}/?lang=en", 2)
    expect(income).to_have_text("UAH 192.4m")  # the public page shows the new figure
    assert_no_errors(page)
    assert (raw / "openbudget" / "zz_correction.csv").exists()
    assert not list(home.rglob("x.csv")) and not list(raw.parent.parent.rglob("x.csv"))
