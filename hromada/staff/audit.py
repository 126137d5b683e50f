"""The staff's audit log: who uploaded, checked, published or removed which file (by its SHA-256), and when.

One JSON object per line, appended (git-ignored, next to the data): it survives every rebuild, and each build
copies it into the warehouse's `staff_audit` table, which only admins are shown. The public Data page reads
source_files, which never names staff.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

ACTIONS = ("uploaded", "checked", "published", "removed", "refreshed", "signed_in", "sign_in_refused")
FIELDS = ("acted_at", "username", "action", "source", "file_name", "sha256", "detail")


def record(
    path: Path,
    username: str,
    action: str,
    source: str | None = None,
    file_name: str | None = None,
    sha256: str | None = None,
    detail: str | None = None,
) -> None:
    if action not in ACTIONS:
        raise ValueError(f"{action!r} is not an audit action")
    entry = {
        "acted_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "username": username,
        "action": action,
        "source": source,
        "file_name": file_name,
        "sha256": sha256,
        "detail": detail,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+b") as log:
        # After a write cut short (a crash, a full disk), start on a line of its own so this entry survives.
        log.seek(0, 2)
        if log.tell():
            log.seek(-1, 2)
            if log.read(1) != b"\n":
                log.write(b"\n")
        log.write((json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8"))


def entries(path: Path) -> list[dict]:
    """Every entry, oldest first; a line that is not a whole entry (a write cut short) is skipped."""
    if not path.exists():
        return []
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(entry, dict) and entry.get("action") in ACTIONS:
            found.append({name: entry.get(name) for name in FIELDS})
    return found
