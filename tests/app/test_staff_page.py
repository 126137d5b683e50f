"""The staff page with AppTest: anonymous visitors get the sign-in only; a wrong password and a locked account
are refused with one message; editors and admins see their tabs."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from hromada.i18n import t
from hromada.settings import ROOT
from hromada.staff import users
from tests.app.test_pages import assert_clean

PASSWORD = "correct horse battery"  # noqa: S105 - a test user's password


@pytest.fixture()
def staff_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, demo_warehouse: Path, use_warehouse) -> Path:
    use_warehouse(demo_warehouse)
    path = tmp_path / "users.yaml"
    monkeypatch.setenv("HROMADA_USERS", str(path))
    monkeypatch.setenv("HROMADA_AUDIT", str(tmp_path / "audit.jsonl"))
    users.add(path, "olena", PASSWORD, "admin", "Олена")
    users.add(path, "ivan", PASSWORD, "editor", "Іван")
    return path


def open_staff() -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "staff.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    return at.run()


def sign_in(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input[0].input(username)
    at.text_input[1].input(password)
    return at.button[0].click().run()


def test_anonymous_visitors_get_the_sign_in_only(staff_env: Path) -> None:
    at = open_staff()
    assert_clean(at)
    assert [ti.label for ti in at.text_input] == [t("staff.username", "en"), t("staff.password", "en")]
    assert not at.tabs and not at.get("file_uploader")


def test_without_users_the_page_says_how_to_add_one(
    tmp_path: Path, monkeypatch, demo_warehouse: Path, use_warehouse
) -> None:
    use_warehouse(demo_warehouse)
    monkeypatch.setenv("HROMADA_USERS", str(tmp_path / "none.yaml"))
    at = open_staff()
    assert_clean(at)
    assert "users add" in at.code[0].value and not at.text_input


def test_wrong_password_and_lockout_say_the_same(staff_env: Path, settings) -> None:
    at = open_staff()
    refused = t("staff.refused", "en", minutes=settings.staff.lockout_minutes)
    at = sign_in(at, "olena", "not the password")
    assert [e.value for e in at.error] == [refused]
    at = sign_in(at, "nobody", PASSWORD)
    assert [e.value for e in at.error] == [refused]  # an unknown name reads the same as a wrong password
    for _ in range(settings.staff.max_login_attempts):
        at = sign_in(at, "olena", "not the password")
    assert {u.username: u.locked for u in users.users(staff_env, settings.staff.max_login_attempts)}["olena"]
    at = sign_in(at, "olena", PASSWORD)  # the right password, but the account is locked
    assert [e.value for e in at.error] == [refused]
    assert not at.tabs


@pytest.mark.parametrize(("username", "tabs"), [("ivan", 3), ("olena", 4)])
def test_staff_see_their_tabs(staff_env: Path, username: str, tabs: int) -> None:
    at = sign_in(open_staff(), username, PASSWORD)
    assert_clean(at)
    assert len(at.tabs) == tabs  # the audit log for admins only
    assert any(
        t("staff.role_admin" if username == "olena" else "staff.role_editor", "en") in m.value for m in at.markdown
    )
