"""The staff's accounts: a YAML file outside the repository in the format streamlit-authenticator reads, so the
sign-in widget, its bcrypt hashes and its failed-attempt counter all come from the library. What this module
adds is the file's care — created readable by its owner only, with a random cookie key — and the lockout's
clock: the library counts wrong passwords but never lets an account back in, so a lock here lasts a while.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import bcrypt
import yaml

ROLES = ("editor", "admin")
COOKIE_NAME = "smart_hromada_staff"
_NAME = set("abcdefghijklmnopqrstuvwxyz0123456789._-")


class UserError(ValueError):
    """A user cannot be added or removed as asked (said in words)."""


@dataclass(frozen=True)
class User:
    username: str
    name: str
    role: str
    locked: bool


def _empty(session_hours: float) -> dict:
    return {
        "credentials": {"usernames": {}},
        # The key signs the re-authentication cookie: random per installation, never in the repository.
        "cookie": {"name": COOKIE_NAME, "key": secrets.token_urlsafe(32), "expiry_days": session_hours / 24},
    }


def read(path: Path) -> dict:
    """The users file as the library reads it (an empty one when it does not exist yet)."""
    if not path.exists():
        return _empty(8.0)
    doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    doc.setdefault("credentials", {}).setdefault("usernames", {})
    doc.setdefault("cookie", _empty(8.0)["cookie"])
    doc["credentials"]["usernames"] = doc["credentials"]["usernames"] or {}
    return doc


def write(path: Path, doc: dict) -> None:
    """Write the file whole (a temporary file renamed over it), readable and writable by its owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        yaml.safe_dump(doc, out, allow_unicode=True, sort_keys=True)
    os.replace(tmp, path)


def add(path: Path, username: str, password: str, role: str, name: str | None = None) -> None:
    """Add a user, or set a new password and role for one who exists (their lock lifted)."""
    if not username or set(username) - _NAME:
        raise UserError(f"{username!r}: a user name is lower-case Latin letters, digits, '.', '_' or '-'")
    if role not in ROLES:
        raise UserError(f"{role!r} is not a role ({', '.join(ROLES)})")
    if len(password) < 10:
        raise UserError("the password needs at least 10 characters")
    doc = read(path)
    doc["credentials"]["usernames"][username] = {
        "name": name or username,
        # bcrypt, as the sign-in widget checks it (streamlit-authenticator verifies with bcrypt.checkpw).
        "password": bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt()).decode("ascii"),
        "roles": [role],
        "failed_login_attempts": 0,
        "logged_in": False,
    }
    write(path, doc)


def remove(path: Path, username: str) -> None:
    doc = read(path)
    if username not in doc["credentials"]["usernames"]:
        raise UserError(f"no user {username!r}")
    del doc["credentials"]["usernames"][username]
    write(path, doc)


def users(path: Path, max_attempts: int) -> list[User]:
    doc = read(path)
    return [
        User(
            username,
            record.get("name", username),
            (record.get("roles") or ["editor"])[0],
            int(record.get("failed_login_attempts") or 0) >= max_attempts,
        )
        for username, record in sorted(doc["credentials"]["usernames"].items())
    ]


def role_of(path: Path, username: str | None) -> str | None:
    record = read(path)["credentials"]["usernames"].get(username or "")
    return (record.get("roles") or ["editor"])[0] if record else None


def settle_locks(path: Path, max_attempts: int, lockout: timedelta, now: datetime) -> None:
    """Start the clock on an account that just reached the limit; lift a lock that has lasted long enough."""
    if not path.exists():
        return
    doc = read(path)
    changed = False
    for record in doc["credentials"]["usernames"].values():
        attempts = int(record.get("failed_login_attempts") or 0)
        locked_at = record.get("locked_at")
        if attempts >= max_attempts and not locked_at:
            record["locked_at"] = now.isoformat(timespec="seconds")
            changed = True
        elif locked_at and now - datetime.fromisoformat(str(locked_at)) >= lockout:
            record["failed_login_attempts"] = 0
            record.pop("locked_at")
            changed = True
    if changed:
        write(path, doc)
