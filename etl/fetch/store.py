"""Where fetched files land, and the manifest that remembers them.

A fetched file goes where a hand-placed one would (`data/raw/<folder>/…`, in the published format), so the
build reads both the same way. The manifest (`data/raw/.fetch/<source>.json`, hidden from the build) records
for each file the URL, time, HTTP status, size and SHA-256, and for the source its licence and attribution.
It is also how fetch tells its own files from a person's: a file it did not write is never overwritten.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from etl.fetch.http import Response

MANIFEST_DIR = ".fetch"


@dataclass(frozen=True)
class Licence:
    name: str  # e.g. "CC BY 4.0"
    url: str
    attribution: str  # the text a page shows where the data appears


@dataclass
class SourceStore:
    """One source's files and manifest under the raw folder."""

    raw_dir: Path
    source: str
    title: str
    licence: Licence
    before_write: Callable[[], None] = lambda: None
    entries: dict[str, dict] = field(default_factory=dict)
    state: dict[str, object] = field(default_factory=dict)  # where an incremental source left off
    counts: dict[str, int] = field(default_factory=lambda: {"written": 0, "unchanged": 0, "kept": 0, "cached": 0})
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.raw_dir = Path(self.raw_dir)
        if self.manifest_path.exists():
            try:
                doc = json.loads(self.manifest_path.read_text(encoding="utf-8"))
                self.entries, self.state = doc.get("files", {}), doc.get("state", {})
            except (ValueError, AttributeError):
                self.entries = {}  # a damaged manifest: every file is fetched again, none is lost

    @property
    def manifest_path(self) -> Path:
        return self.raw_dir / MANIFEST_DIR / f"{self.source}.json"

    def entry(self, rel: str) -> dict | None:
        """The manifest's record of a file, if the file is still there as fetch wrote it."""
        record = self.entries.get(rel)
        path = self.raw_dir / rel
        if record is None or not path.is_file():
            return None
        return record

    def is_users(self, rel: str) -> bool:
        """A file at this path that fetch did not write: someone placed it, and it stays as it is."""
        return (self.raw_dir / rel).exists() and rel not in self.entries

    def write(self, rel: str, body: bytes, response: Response, **key: object) -> str:
        """Store a fetched body at rel; 'written', 'unchanged' or 'kept' (a person's file is never replaced)."""
        path = self._inside(rel)
        if self.is_users(rel):
            self.counts["kept"] += 1
            self.notes.append(f"{rel} was placed by hand: kept as it is, the fetched copy was not written")
            return "kept"
        digest = hashlib.sha256(body).hexdigest()
        record = {
            "url": response.url,
            "fetched_at": response.fetched_at.isoformat(),
            "http_status": response.status,
            "bytes": len(body),
            "sha256": digest,
            **key,
        }
        if self.entries.get(rel, {}).get("sha256") == digest and path.is_file():
            self.entries[rel] = record
            self.counts["unchanged"] += 1
            return "unchanged"
        self.before_write()
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.part")
        tmp.write_bytes(body)
        os.replace(tmp, path)  # a reader never sees half a file
        self.entries[rel] = record
        self.counts["written"] += 1
        return "written"

    def keep(self, rel: str) -> None:
        """A file already fetched and still current: counted, not asked for again."""
        self.counts["cached"] += 1

    def save(self, status: str, message: str, base_url: str, next_refresh: str) -> None:
        """Write the manifest: the source's licence and outcome, and every file it holds."""
        self.manifest_path.parent.mkdir(parents=True, exist_ok=True)
        doc = {
            "source": self.source,
            "title": self.title,
            "base_url": base_url,
            "licence": self.licence.name,
            "licence_url": self.licence.url,
            "attribution": self.licence.attribution,
            "last_run": datetime.now(UTC).replace(microsecond=0).isoformat(),
            "status": status,
            "message": message,
            "next_refresh": next_refresh,
            "state": self.state,
            "files": {rel: self.entries[rel] for rel in sorted(self.entries) if (self.raw_dir / rel).is_file()},
        }
        tmp = self.manifest_path.with_suffix(".part")
        tmp.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(tmp, self.manifest_path)

    def _inside(self, rel: str) -> Path:
        """The path for rel, refused if it would leave the raw folder (names come partly from the services)."""
        path = (self.raw_dir / rel).resolve()
        if not path.is_relative_to(self.raw_dir.resolve()) or rel.startswith(("/", ".")) or ".." in rel.split("/"):
            raise ValueError(f"{rel!r} would be written outside {self.raw_dir}")
        return self.raw_dir / rel


def read_manifests(raw_dir: Path) -> list[dict]:
    """Every source's manifest under raw_dir (for the build's lineage), unreadable ones left out."""
    folder = Path(raw_dir) / MANIFEST_DIR
    docs = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            docs.append(json.loads(path.read_text(encoding="utf-8")))
        except ValueError:
            continue
    return docs
