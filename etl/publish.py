"""Staff uploads, from the browser to the warehouse: a file's kind told by its header, a name that cannot leave
its folder, a check that builds a copy with the new files (the serving warehouse untouched), and publishing
that moves the files into `data/raw/<source>/` and rebuilds with the atomic swap under one lock, so two staff
publishing at once are served one after the other and a failed build leaves both the warehouse and the raw
folder as they were.
"""

from __future__ import annotations

import fcntl
import hashlib
import re
import shutil
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from etl.build import READERS, SUFFIXES, BuildReport, build
from etl.sources.base import ENCODINGS
from hromada.settings import HromadaSettings

# A name as staff give files: letters (Latin or Cyrillic), digits, spaces, dots, dashes, underscores, brackets.
_SAFE = re.compile(r"^[\w][\w .()\-]*$", re.UNICODE)
LOCK_WAIT_SECONDS = 600


class UploadError(ValueError):
    """A file that cannot be taken as given (said in words, with the file's name)."""


@dataclass(frozen=True)
class Upload:
    """A file a member of staff gave, with the folder it goes to."""

    name: str
    source: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def safe_name(name: str, source: str) -> str:
    """The file's own name if it is safe to write under data/raw/<source>/: no folders, no `..`, no hidden or
    odd characters, and a suffix that folder reads. Anything else is refused rather than cleaned, so the name
    staff see is the name that is written."""
    name = unicodedata.normalize("NFC", name or "")
    if source not in READERS:
        raise UploadError(f"{source!r} is not a data folder we read")
    if "/" in name or "\\" in name or name in (".", "..") or ".." in name or "\x00" in name:
        raise UploadError(f"{name!r}: a file name without folders or '..'")
    if not _SAFE.match(name) or name.startswith(".") or len(name) > 120:
        raise UploadError(f"{name!r}: letters, digits, spaces, '.', '-', '_' and brackets only, 120 at most")
    if Path(name).suffix.lower() not in SUFFIXES[source]:
        raise UploadError(f"{name!r}: the {source} folder takes {', '.join(sorted(SUFFIXES[source]))} files")
    return name


def target(raw_dir: Path, source: str, name: str) -> Path:
    """Where a file lands, checked once more after resolving: always inside raw_dir/source."""
    folder = (raw_dir / source).resolve()
    path = (folder / safe_name(name, source)).resolve()
    if path.parent != folder:
        raise UploadError(f"{name!r} would land outside {source}/")
    return path


# Header words that tell each folder's files apart (the readers then check every column).
_HEADER_HINTS = (
    ("openbudget", ("rep_period", "fund_typ", "cod_budget")),
    ("katottg", ("перший рівень",)),
    ("settlements", ("katottg", "lat", "lon")),
    ("projects", ("project_id", "title_uk")),
    ("council_votes", ("motionuid",)),
    ("council_votes", ("voterid",)),
    ("council_votes", ("deputy",)),
    ("participation", ("service_request_id",)),
    ("participation", ("authoritycattutc",)),
    ("participation", ("budgetplan",)),
    ("participation", ("channel", "service")),
    ("energy", ("building_id",)),
    ("energy", ("meternumber",)),
    ("energy", ("uah_per_unit",)),
    ("energy", ("kg_co2_per_kwh",)),
    ("weather", ("temp_max", "temp_min")),
    ("targets", ("kpi", "target")),
    ("documents", ("department", "registered", "electronic")),
    ("connectivity", ("fixed_broadband", "mobile_4g")),
    ("hromadas", ("budget_code", "population_year")),
)


def detect_source(name: str, data: bytes) -> str | None:
    """The folder a file belongs in, from its suffix and header; None when it cannot be told."""
    suffix = Path(name).suffix.lower()
    if suffix in (".geojson", ".gpkg", ".zip"):
        return "geo"
    if suffix == ".json":
        head = data[:4096].decode("utf-8", "ignore")
        return "geo" if '"FeatureCollection"' in head or '"features"' in head else "prozorro"
    header = _xlsx_header(data) if suffix == ".xlsx" else _text_header(data)
    words = header.lower().replace(";", ",").replace("\ufeff", "")
    for source, hints in _HEADER_HINTS:
        if all(h in words for h in hints):
            return source
    return None


def _text_header(data: bytes) -> str:
    """The first line, in the first encoding the build would read it with ('' when none fits)."""
    first = data[:65536].split(b"\n", 1)[0]
    for encoding in ENCODINGS:
        try:
            return first.decode(encoding)
        except UnicodeDecodeError:
            continue
    return ""


def _xlsx_header(data: bytes) -> str:
    from io import BytesIO

    from openpyxl import load_workbook

    try:
        book = load_workbook(BytesIO(data), read_only=True, data_only=True)
        row = next(book.worksheets[0].iter_rows(max_row=1, values_only=True), ())
        book.close()
    except Exception:
        return ""
    return ",".join("" if v is None else str(v) for v in row)


@contextmanager
def publishing_lock(raw_dir: Path, wait_seconds: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
    """One publish or removal at a time per raw folder (an OS file lock, released if the process dies)."""
    lock_path = raw_dir.parent / f".{raw_dir.name}.publish.lock"
    with lock_path.open("a") as handle:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise UploadError("another publish is still running; try again in a few minutes") from None
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@dataclass(frozen=True)
class Checked:
    """What a build of the raw folder with the uploads would load, and the warehouse it made (a temporary file)."""

    report: BuildReport
    db_path: Path
    rejected: dict[str, list[tuple[int, str | None, str]]]  # file -> (line, column, reason)


SCRATCH_MAX_AGE_HOURS = 24


def scratch_dir(parent: Path, max_age_hours: float = SCRATCH_MAX_AGE_HOURS) -> Path:
    """A new folder for one staff session's checks (a copy of the raw folder and a warehouse built from it).

    A browser session ends without telling the server, so nothing removes its folder then: folders that have not
    changed for a day are removed here, before a new one is made, and checks never fill the disk."""
    parent.mkdir(parents=True, exist_ok=True)
    cutoff = time.time() - max_age_hours * 3600
    for old in parent.glob("check-*"):
        if old.is_dir() and old.stat().st_mtime < cutoff:
            shutil.rmtree(old, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix="check-", dir=parent))


def check(raw_dir: Path, uploads: list[Upload], settings: HromadaSettings, work_dir: Path) -> Checked:
    """Build a copy of the raw folder with the uploads added, into work_dir; the serving warehouse is untouched.
    A build that fails raises BuildError with its reason."""
    copy = work_dir / "raw"
    if copy.exists():
        shutil.rmtree(copy)
    shutil.copytree(raw_dir, copy, symlinks=True)
    for upload in uploads:
        path = target(copy, upload.source, upload.name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(upload.data)
    db = work_dir / "checked.duckdb"
    report = build(copy, db, settings)
    names = [f"{u.source}/{safe_name(u.name, u.source)}" for u in uploads]
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            """select file_path, line_number, column_name, reason from rejected_rows
               where list_contains($names, file_path) order by file_path, line_number""",
            {"names": names},
        ).fetchall()
    rejected: dict[str, list[tuple[int, str | None, str]]] = {n: [] for n in names}
    for file_path, line, column, reason in rows:
        rejected[file_path].append((line, column, reason))
    return Checked(report, db, rejected)


def publish(raw_dir: Path, db_path: Path, uploads: list[Upload], settings: HromadaSettings) -> BuildReport:
    """Move the uploads into the raw folder and rebuild with the atomic swap. If the build fails, the files
    that were replaced come back and the new ones go, so the raw folder matches the warehouse still serving."""
    with publishing_lock(raw_dir), tempfile.TemporaryDirectory(prefix="publish-", dir=raw_dir.parent) as backup_dir:
        placed: list[tuple[Path, Path | None]] = []
        try:
            for n, upload in enumerate(uploads):
                path = target(raw_dir, upload.source, upload.name)
                path.parent.mkdir(parents=True, exist_ok=True)
                kept = None
                if path.exists():
                    kept = Path(backup_dir) / f"{n}-{path.name}"
                    shutil.copy2(path, kept)
                placed.append((path, kept))
                path.write_bytes(upload.data)
            return build(raw_dir, db_path, settings)
        except BaseException:
            _restore(placed)
            raise


def remove(raw_dir: Path, db_path: Path, source: str, name: str, settings: HromadaSettings) -> BuildReport:
    """Take a file out of the raw folder and rebuild; it comes back if the build fails."""
    with publishing_lock(raw_dir):
        path = target(raw_dir, source, name)
        if not path.is_file():
            raise UploadError(f"{source}/{name} is not in the raw folder")
        with tempfile.TemporaryDirectory(prefix="remove-", dir=raw_dir.parent) as backup_dir:
            kept = Path(backup_dir) / path.name
            shutil.move(path, kept)
            try:
                return build(raw_dir, db_path, settings)
            except BaseException:
                shutil.move(kept, path)
                raise


def _restore(placed: list[tuple[Path, Path | None]]) -> None:
    for path, kept in reversed(placed):
        if kept is not None:
            shutil.copy2(kept, path)
        elif path.exists():
            path.unlink()


def raw_files(raw_dir: Path) -> list[tuple[str, str, int]]:
    """(source, file name, bytes) of the files staff may remove: directly in a folder the build reads."""
    found = []
    for source in READERS:
        folder = raw_dir / source
        if folder.is_dir():
            for path in sorted(folder.iterdir()):
                if path.is_file() and not path.name.startswith((".", "README")):
                    found.append((source, path.name, path.stat().st_size))
    return found


def refresh(
    raw_dir: Path, db_path: Path, settings: HromadaSettings, progress: Callable[[str], None], **fetch_options: Any
) -> tuple[list, BuildReport]:
    """Fetch every official source into the raw folder (`etl fetch`), then rebuild, under the publishing lock.
    A source that fails keeps what it fetched before; the build goes on with what there is. fetch_options go to
    fetch_all (years, only, today …)."""
    from etl.fetch.config import load_fetch_settings
    from etl.fetch.run import fetch_all

    with publishing_lock(raw_dir):
        outcomes = fetch_all(settings, load_fetch_settings(), raw_dir, progress=progress, **fetch_options)
        progress("building the warehouse …")
        return outcomes, build(raw_dir, db_path, settings, progress=progress)
