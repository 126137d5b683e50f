"""Build the warehouse from the raw folder: read, check, model, swap in atomically.

The build writes `<db>.tmp` and renames it over the warehouse only when everything succeeded,
so the app keeps serving the previous file through any failure. Nothing is dropped silently:
each input file gets a lineage row, each row that does not reach a table gets a quarantine row.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from etl.baselines import fit_baselines
from etl.fetch.store import read_manifests
from etl.sources import base
from etl.sources.base import DecodedFile, FileFormatError, Rejection, decode_file, sha256_of
from etl.sources.council import SCHEMAS as COUNCIL_SCHEMAS
from etl.sources.council import read_council
from etl.sources.energy import SCHEMAS as ENERGY_SCHEMAS
from etl.sources.energy import read_energy
from etl.sources.geodata import SCHEMA as GEO_SCHEMA
from etl.sources.geodata import read_geodata
from etl.sources.hromada_register import SCHEMAS as REGISTER_SCHEMAS
from etl.sources.hromada_register import read_register
from etl.sources.katottg import STAGING_COLUMNS as KATOTTG_COLUMNS
from etl.sources.katottg import read_katottg
from etl.sources.openbudget import STAGING_COLUMNS as OPENBUDGET_COLUMNS
from etl.sources.openbudget import read_openbudget
from etl.sources.participation import PRIVATE_FORMATS, WITHHELD, read_participation
from etl.sources.participation import STAGING_SCHEMAS as PARTICIPATION_SCHEMAS
from etl.sources.programme import SCHEMAS as PROGRAMME_SCHEMAS
from etl.sources.programme import read_programme
from etl.sources.projects import STAGING_SCHEMA as PROJECT_STAGING_SCHEMA
from etl.sources.projects import read_registry
from etl.sources.prozorro import TABLE_COLUMNS as OCDS_COLUMNS
from etl.sources.prozorro import read_ocds
from etl.sources.settlements import read_settlements
from etl.sources.weather import SCHEMA as WEATHER_SCHEMA
from etl.sources.weather import read_weather
from hromada.contract import TABLES, Table
from hromada.settings import HromadaSettings
from hromada.staff import audit

SQL_DIR = Path(__file__).parent / "sql"
DEMO_MANIFEST = "demo_manifest.json"
TEXT_TABLES = {".csv", ".txt"}
SUFFIXES = {  # the file types each source folder takes
    "katottg": TEXT_TABLES,
    "settlements": TEXT_TABLES,
    "openbudget": TEXT_TABLES,
    "prozorro": {".json"},
    "projects": {".csv", ".xlsx"},
    "council_votes": {".csv", ".xlsx"},
    "participation": {".csv", ".xlsx"},
    "weather": TEXT_TABLES,
    "energy": {".csv", ".xlsx"},
    "geo": {".geojson", ".json", ".gpkg", ".zip"},
    "targets": {".csv", ".xlsx"},
    "documents": {".csv", ".xlsx"},
    "connectivity": {".csv", ".xlsx"},
    "hromadas": {".csv", ".xlsx"},
}
BINARY_SUFFIXES = {".xlsx"}
BINARY_SOURCES = {"geo"}  # geodata is read by GDAL, not decoded as text


class BuildError(RuntimeError):
    """The build cannot produce a warehouse; the previous one stays in place."""

    strict = False


class RejectedInputError(BuildError):
    """A strict build met a file error or a rejected row, and so kept the previous warehouse."""

    strict = True


@dataclass
class FileRecord:
    """One lineage row, filled in as the file goes through the build."""

    file_path: str
    source: str
    sha256: str
    size_bytes: int
    format: str | None = None
    encoding: str | None = None
    status: str = "loaded"
    message: str | None = None
    rows_read: int = 0
    rows_loaded: int = 0
    rows_duplicate: int = 0
    rows_rejected: int = 0
    is_demo: bool = False


@dataclass
class BuildReport:
    db_path: Path
    files: list[FileRecord] = field(default_factory=list)
    skipped_folders: list[str] = field(default_factory=list)
    conflicts: int = 0
    unexpected: list[tuple[str, BaseException]] = field(default_factory=list)  # for --debug: the tracebacks

    def by_source(self) -> dict[str, dict[str, int]]:
        """Per source folder: files read, rows loaded, duplicates, rejected, files with errors."""
        summary: dict[str, dict[str, int]] = {}
        for rec in self.files:
            s = summary.setdefault(rec.source, Counter())
            s["files"] += 1
            s["rows_read"] += rec.rows_read
            s["rows_loaded"] += rec.rows_loaded
            s["rows_duplicate"] += rec.rows_duplicate
            s["rows_rejected"] += rec.rows_rejected
            s["file_errors"] += rec.status == "error"
        return {k: dict(v) for k, v in sorted(summary.items())}

    @property
    def has_problems(self) -> bool:
        return any(r.status == "error" or r.rows_rejected for r in self.files)


Progress = Callable[[str], None]
Staged = dict[str, list[pa.Table]]  # staging table -> parsed files, inserted together at the end


def _read_openbudget(path: Path, decoded: DecodedFile, rec: FileRecord, staged: Staged) -> list[Rejection]:
    fmt, table, rejections = read_openbudget(decoded)
    rec.format = fmt.key
    staged.setdefault("stg_openbudget_raw", []).append(table)
    rec.rows_read = table.num_rows + len(rejections)
    return rejections


def _read_katottg(path: Path, decoded: DecodedFile, rec: FileRecord, staged: Staged) -> list[Rejection]:
    table, rejections = read_katottg(decoded)
    rec.format = "katottg_codifier"
    staged.setdefault("stg_katottg", []).append(table)
    rec.rows_read = table.num_rows + len(rejections)
    return rejections


def _read_settlements(path: Path, decoded: DecodedFile, rec: FileRecord, staged: Staged) -> list[Rejection]:
    table, rejections = read_settlements(decoded)
    rec.format = "settlements_register"
    staged.setdefault("stg_settlements_register", []).append(table)
    rec.rows_read = table.num_rows + len(rejections)
    return rejections


def _read_prozorro(path: Path, decoded: DecodedFile, rec: FileRecord, staged: Staged) -> list[Rejection]:
    rows = read_ocds(decoded)
    rec.format = rows.kind
    for table_name, table in rows.arrow().items():
        staged.setdefault(table_name, []).append(table)
    rec.rows_read = rows.releases_read
    return rows.rejections


def _read_projects(path: Path, decoded: DecodedFile | None, rec: FileRecord, staged: Staged) -> list[Rejection]:
    fmt, table, rejections, read = read_registry(path, rec.file_path, decoded)
    rec.format = fmt
    staged.setdefault("stg_projects", []).append(table)
    rec.rows_read = read
    return rejections


def _by_header(
    reader: Callable[[Path, str, DecodedFile | None], tuple[str, str, pa.Table, list[Rejection], int]],
) -> Callable[[Path, DecodedFile | None, FileRecord, Staged], list[Rejection]]:
    """A folder reader for sources whose files are told apart by their header (several tables per folder)."""

    def read(path: Path, decoded: DecodedFile | None, rec: FileRecord, staged: Staged) -> list[Rejection]:
        table_name, fmt, table, rejections, read_count = reader(path, rec.file_path, decoded)
        rec.format = fmt
        staged.setdefault(table_name, []).append(table)
        rec.rows_read = read_count
        return rejections

    return read


def _read_weather(path: Path, decoded: DecodedFile | None, rec: FileRecord, staged: Staged) -> list[Rejection]:
    table, rejections, read, rec.format = read_weather(path, rec.file_path, decoded)
    staged.setdefault("stg_weather", []).append(table)
    rec.rows_read = read
    return rejections


def _read_geo(path: Path, decoded: DecodedFile | None, rec: FileRecord, staged: Staged) -> list[Rejection]:
    table, rejections, read, rec.format = read_geodata(path, rec.file_path)
    staged.setdefault("stg_geo", []).append(table)
    rec.rows_read = read
    return rejections


READERS: dict[str, Callable[[Path, DecodedFile | None, FileRecord, Staged], list[Rejection]]] = {
    "katottg": _read_katottg,
    "settlements": _read_settlements,
    "openbudget": _read_openbudget,
    "prozorro": _read_prozorro,
    "projects": _read_projects,
    "council_votes": _by_header(read_council),
    "participation": _by_header(read_participation),
    "weather": _read_weather,
    "energy": _by_header(read_energy),
    "geo": _read_geo,
    "targets": _by_header(read_programme),
    "documents": _by_header(read_programme),
    "connectivity": _by_header(read_programme),
    "hromadas": _by_header(read_register),
}
# Staging tables whose columns come from an Arrow schema rather than from STAGING_DDL.
STAGING_ARROW = {
    "stg_projects": PROJECT_STAGING_SCHEMA,
    **COUNCIL_SCHEMAS,
    **PARTICIPATION_SCHEMAS,
    "stg_weather": WEATHER_SCHEMA,
    **ENERGY_SCHEMAS,
    "stg_geo": GEO_SCHEMA,
    **PROGRAMME_SCHEMAS,
    **REGISTER_SCHEMAS,
}


def _insert_staged(con: duckdb.DuckDBPyConnection, staged: Staged) -> None:
    """One insert per staging table: DuckDB pays a fixed cost per statement, not per row."""
    for table_name, tables in staged.items():
        incoming = pa.concat_tables(tables)
        con.register("incoming", incoming)
        con.execute(f"insert into {table_name} by name select * from incoming")  # names are ours, not input
        con.unregister("incoming")


BUILD_MEMORY_MB = 6_000  # the national build fits in 8 GB: DuckDB spills its sorts and joins past this
STAGE_FLUSH_ROWS = 1_000_000  # rows read and held before they go into the staging tables

INSERT_REJECTED = (
    "insert into stg_rejected (file_path, line_number, column_name, reason, raw_text) values (?, ?, ?, ?, ?)"
)

STAGING_DDL = (
    "create table stg_openbudget_raw ("
    + ", ".join(f"{c} {'integer' if c == 'source_line' else 'varchar'}" for c in OPENBUDGET_COLUMNS)
    + ")",
    "create table stg_katottg ("
    + ", ".join(f"{c} {'integer' if c == 'source_line' else 'varchar'}" for c in KATOTTG_COLUMNS)
    + ")",
    "create table stg_settlements_register (source_file varchar, source_line integer, katottg varchar,"
    " lat double, lon double, population bigint)",
    "create table stg_settings (katottg varchar, budget_code varchar, population integer,"
    " petition_threshold integer, appeal_deadline_days integer, hdd_base_c double, gas_kwh_per_m3 double,"
    " solid_fuel_kwh_per_t double, anomaly_rise_pct double, anomaly_drop_pct double)",
    *(
        f"create table {name} ("
        + ", ".join(
            f"{col} {'integer' if col == 'position' else 'boolean' if col == 'vat_included' else 'varchar'}"
            for col in columns
        )
        + ")"
        for name, columns in OCDS_COLUMNS.items()
    ),
    "create table sql_rejects (source_file varchar, source_line integer, column_name varchar, reason varchar)",
    "create table stg_rejected (file_path varchar, line_number integer, column_name varchar,"
    " reason varchar, raw_text varchar)",
)


def _remove_half_written(tmp_path: Path) -> None:
    """The unfinished warehouse and its write-ahead log: a stale log beside a new file would be replayed into it."""
    for path in (tmp_path, tmp_path.with_name(tmp_path.name + ".wal")):
        path.unlink(missing_ok=True)


def discover(raw_dir: Path) -> tuple[list[tuple[str, Path]], list[str]]:
    """Input files as (source, path), sorted, and the folders no reader knows."""
    found: list[tuple[str, Path]] = []
    skipped: list[str] = []
    for folder in sorted(p for p in raw_dir.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if folder.name not in READERS:
            skipped.append(folder.name)
            continue
        for path in sorted(folder.rglob("*")):
            # A link to nowhere (or to itself) is listed too, to be reported as unreadable rather than ignored.
            dangling = path.is_symlink() and not path.exists()
            if (path.is_file() or dangling) and not path.name.startswith((".", "README")):
                found.append((folder.name, path))
    # Territories first, so every later source can be checked against them.
    order = list(READERS)
    found.sort(key=lambda item: (order.index(item[0]), item[1].as_posix()))
    return found, skipped


def _demo_hashes(raw_dir: Path) -> set[str]:
    manifest = raw_dir / DEMO_MANIFEST
    if not manifest.exists():
        return set()
    try:
        return set(json.loads(manifest.read_text(encoding="utf-8"))["files"].values())
    except (ValueError, KeyError, TypeError) as exc:
        raise BuildError(f"{manifest}: not a demo manifest ({exc})") from exc


def _previous_first_loaded(db_path: Path) -> dict[str, datetime]:
    """When each file (by content) was first loaded, so rebuilding the same inputs changes nothing."""
    if not db_path.exists():
        return {}
    try:
        with duckdb.connect(str(db_path), read_only=True) as old:
            rows = old.execute("select sha256, min(first_loaded_at) from source_files group by 1").fetchall()
    except duckdb.Error:
        return {}
    return dict(rows)


def _create(con: duckdb.DuckDBPyConnection, tables: tuple[Table, ...]) -> None:
    for table in tables:
        con.execute(table.create_sql())
    for ddl in STAGING_DDL:
        con.execute(ddl)
    for name, schema in STAGING_ARROW.items():
        con.register("empty", schema.empty_table())
        # Temporary: held in memory (spilled past the cap) rather than compressed into the file only to be dropped.
        # The national sets' staging (openbudget, OCDS) stays in the file: it passes the memory cap.
        con.execute(f"create temp table {name} as select * from empty")  # our own table names
        con.unregister("empty")


def _run_models(con: duckdb.DuckDBPyConnection) -> None:
    for sql_file in sorted(SQL_DIR.glob("*.sql")):
        try:
            con.execute(sql_file.read_text(encoding="utf-8"))
        except duckdb.Error as exc:
            raise BuildError(f"SQL model {sql_file.name} failed: {exc}") from exc


def _quarantine_sql_rejects(
    con: duckdb.DuckDBPyConnection, texts: dict[str, tuple[Path, str]], private_files: set[str]
) -> int:
    """Rows the SQL checks turned away and conflicts lost: into stg_rejected with their raw text (withheld for
    files that hold residents' names)."""
    rows = con.execute(
        """
        select source_file, source_line, reject_column, reject_reason from stg_openbudget
        where reject_reason is not null
        union all
        select source_file, source_line, column_name,
               'conflicts with ' || kept_file || ' line ' || kept_line || ' (' || column_name || ' '
               || coalesce(case column_name when 'FAKT_AMT' then kept_executed::varchar
                                            when 'ZAT_AMT' then kept_approved::varchar
                                            else kept_amended::varchar end, 'empty')
               || ' there, ' || coalesce(case column_name when 'FAKT_AMT' then loser_executed::varchar
                                                         when 'ZAT_AMT' then loser_approved::varchar
                                                         else loser_amended::varchar end, 'empty')
               || ' here); kept that value'
        from ob_losers where column_name is not null
        union all
        select source_file, source_line, column_name, reason from sql_rejects
        order by 1, 2
        """
    ).fetchall()
    # Geodata has features, not lines: their properties stand in for the line text.
    features = {
        (f, n): props
        for f, n, props in con.execute("select source_file, source_line, properties from stg_geo").fetchall()
    }

    @lru_cache(maxsize=4)  # rejected rows come sorted by file: each file is decoded once
    def decoded(file_path: str) -> DecodedFile:
        path, digest = texts[file_path]
        return decode_file(path, file_path, digest)

    def raw_text(file_path: str, line: int) -> str:
        if file_path in private_files:
            return WITHHELD
        if (file_path, line) in features:
            return features[file_path, line]
        return decoded(file_path).line(line)

    records = [(file_path, line, column, reason, raw_text(file_path, line)) for file_path, line, column, reason in rows]
    if records:
        con.executemany(INSERT_REJECTED, records)
    return sum(1 for r in rows if r[3].startswith("conflicts with"))


def _fill_counts(con: duckdb.DuckDBPyConnection, records: list[FileRecord]) -> None:
    loaded = dict(
        con.execute(
            """
        select source_file, count(*) from budget_lines group by 1
        union all select source_file, count(*) from stg_units group by 1
        union all select source_file, count(*) from stg_register group by 1
        union all select source_file, count(*) from ocds_kept group by 1
        union all select source_file, count(*) from prj_ranked where version_rank = 1 group by 1
        union all select source_file, loaded from council_counts
        union all select source_file, loaded from participation_counts
        union all select source_file, loaded from wx_counts
        union all select source_file, loaded from en_counts
        union all select source_file, loaded from geo_counts
        union all select source_file, loaded from programme_counts
        union all select source_file, loaded from register_counts
        """
        ).fetchall()
    )
    duplicates = dict(
        con.execute(
            """
        select source_file, count(*) from ob_losers where column_name is null group by 1
        union all
        select source_file, count(*) from stg_katottg k
        where not exists (select 1 from stg_units u where u.source_file = k.source_file
                          and u.source_line = k.source_line)
        group by 1
        union all
        select source_file, count(*) from stg_settlements_register s
        where not exists (select 1 from stg_register r where r.source_file = s.source_file
                          and r.source_line = s.source_line)
        group by 1
        union all
        select source_file, count(*) from ocds_ranked where rank_in_ocid > 1 group by 1
        union all
        select source_file, count(*) from prj_ranked where version_rank > 1 group by 1
        union all
        select source_file, duplicate from council_counts
        union all
        select source_file, duplicate from participation_counts
        union all
        select source_file, duplicate from wx_counts
        union all
        select source_file, duplicate from en_counts
        union all
        select source_file, duplicate from geo_counts
        union all
        select source_file, duplicate from programme_counts
        union all
        select source_file, duplicate from register_counts
        """
        ).fetchall()
    )
    rejected = dict(con.execute("select file_path, count(*) from stg_rejected group by 1").fetchall())
    for rec in records:
        if rec.status in ("loaded", "empty"):
            rec.rows_loaded = loaded.get(rec.file_path, 0)
            rec.rows_duplicate = duplicates.get(rec.file_path, 0)
            rec.rows_rejected = rejected.get(rec.file_path, 0)


def _check_contract(con: duckdb.DuckDBPyConnection) -> None:
    """The built tables must match the declared schema exactly; refuse to swap in otherwise."""
    for table in TABLES:
        actual = [
            r[0]
            for r in con.execute(
                "select column_name from information_schema.columns where table_name = ? order by ordinal_position",
                [table.name],
            ).fetchall()
        ]
        if actual != table.column_names:
            raise BuildError(f"table {table.name} has columns {actual}, the contract says {table.column_names}")
        if table.key:  # names come from the contract, not from input
            key = ", ".join(table.key)
            repeated = con.execute(
                f"select {key}, count(*) from {table.name} group by all having count(*) > 1 limit 1"
            ).fetchone()
            if repeated:
                raise BuildError(
                    f"table {table.name}: key ({key}) = {repeated[:-1]} appears {repeated[-1]} times; "
                    "the model that fills it must keep one row per key"
                )


@dataclass
class _Read:
    """What the readers produced: staged Arrow tables, rejected rows, and where each text file is (the quarantine
    quotes lines from it: decoded again when a line is needed, since a national set's text would not fit in memory
    all at once)."""

    staged: Staged = field(default_factory=dict)
    rejected: list[Rejection] = field(default_factory=list)
    texts: dict[str, tuple[Path, str]] = field(default_factory=dict)  # relative path -> (path, SHA-256)


def build(
    raw_dir: Path,
    db_path: Path,
    settings: HromadaSettings,
    progress: Progress = lambda _: None,
    strict: bool = False,
) -> BuildReport:
    """Build the warehouse at db_path from raw_dir; raise BuildError and leave db_path untouched on failure.

    strict: any file error or rejected row fails the build (for scheduled loads that must be clean).
    """
    raw_dir, db_path = Path(raw_dir), Path(db_path)
    if not raw_dir.is_dir():
        raise BuildError(f"raw data folder not found: {raw_dir}")
    started = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    first_loaded = _previous_first_loaded(db_path)
    files, skipped = discover(raw_dir)
    report = BuildReport(db_path=db_path, skipped_folders=skipped)

    db_path.parent.mkdir(parents=True, exist_ok=True)
    tmp_path = db_path.with_name(db_path.name + ".tmp")
    _remove_half_written(tmp_path)  # a build killed before its end (power cut, out of memory) left these
    con = duckdb.connect(str(tmp_path), config={"memory_limit": f"{_memory_limit_mb()}MB"})
    try:
        _create(con, TABLES)
        _write_settings(con, settings)
        read = _read_files(con, raw_dir, files, _demo_hashes(raw_dir), report, progress)
        _stage(con, read)
        _model(con, read, report, progress)
        if strict and report.has_problems:
            _refuse(report)
        _write_lineage(con, report, first_loaded, started, read_manifests(raw_dir))
        _write_audit(con, settings.staff.audit_path())
        con.execute(
            "insert into build_info (built_at, hromada_katottg, budget_code, raw_dir) values (?, ?, ?, ?)",
            [datetime.now(UTC).replace(tzinfo=None), settings.katottg, settings.budget_code, str(raw_dir)],
        )
        _drop_scratch(con)
        _check_contract(con)
        con.execute("checkpoint")
        con.close()
    except BaseException:
        con.close()
        _remove_half_written(tmp_path)
        raise
    os.replace(tmp_path, db_path)
    return report


def _write_audit(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """The staff's audit log into the warehouse (for admins); the log file itself outlives every build."""
    rows = [
        [_utc(e["acted_at"]), e["username"], e["action"], e["source"], e["file_name"], e["sha256"], e["detail"]]
        for e in audit.entries(path)
    ]
    rows = [r for r in rows if r[0] is not None and r[1]]
    if rows:
        con.executemany(
            "insert into staff_audit (acted_at, username, action, source, file_name, sha256, detail)"
            " values (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


def _write_settings(con: duckdb.DuckDBPyConnection, settings: HromadaSettings) -> None:
    """The settings the models read (the hromada, its population, thresholds, energy factors)."""
    con.execute(
        "insert into stg_settings (katottg, budget_code, population, petition_threshold, appeal_deadline_days,"
        " hdd_base_c, gas_kwh_per_m3, solid_fuel_kwh_per_t, anomaly_rise_pct, anomaly_drop_pct)"
        " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            settings.katottg,
            settings.budget_code,
            settings.population,
            settings.petition_threshold,
            settings.appeal_deadline_days,
            settings.hdd_base_c,
            settings.gas_kwh_per_m3,
            settings.solid_fuel_kwh_per_t,
            settings.anomaly_rise_pct,
            settings.anomaly_drop_pct,
        ],
    )


def _read_files(
    con: duckdb.DuckDBPyConnection,
    raw_dir: Path,
    files: list[tuple[str, Path]],
    demo_hashes: set[str],
    report: BuildReport,
    progress: Progress,
) -> _Read:
    """Every file through its source's reader; each one's outcome in the report, none able to stop the rest.
    What is read goes into the staging tables every STAGE_FLUSH_ROWS rows, between files (a file that fails half
    way is never half in them): a national set does not fit in memory as Arrow tables all at once."""
    read = _Read()
    seen: dict[str, str] = {}
    pending = 0  # rows held in read.staged
    for index, (source, path) in enumerate(files, start=1):
        rel = path.relative_to(raw_dir).as_posix()
        rec = _read_one(source, path, rel, seen, demo_hashes, read, report)
        pending += rec.rows_read or 0
        if pending > STAGE_FLUSH_ROWS:
            _insert_staged(con, read.staged)
            read.staged.clear()
            pending = 0
        if rec.status == "error":
            progress(f"[{index}/{len(files)}] ERROR {rec.message}")
        elif rec.status == "duplicate":
            progress(f"[{index}/{len(files)}] {rel}: {rec.message.split(';')[0]}, skipped")
        else:
            progress(f"[{index}/{len(files)}] {rel}: {rec.rows_read:,} rows ({rec.format})")
    return read


def _read_one(
    source: str, path: Path, rel: str, seen: dict[str, str], demo_hashes: set[str], read: _Read, report: BuildReport
) -> FileRecord:
    """One file: fingerprinted, checked for type and size, read; any failure becomes the file's error."""
    try:
        size = path.stat().st_size
        # Read once: the bytes are hashed here and decoded below (a file over the limit is hashed as a stream).
        data = _file_bytes(path) if size <= base.MAX_FILE_BYTES else None
        digest = hashlib.sha256(data).hexdigest() if data is not None else sha256_of(path)
    except OSError as exc:
        rec = FileRecord(rel, source, "", 0, status="error")
        rec.message = f"{rel}: cannot be read ({exc.strerror or type(exc).__name__})"
        report.files.append(rec)
        return rec
    rec = FileRecord(rel, source, digest, size, is_demo=digest in demo_hashes)
    report.files.append(rec)
    if digest in seen:
        rec.status, rec.message = "duplicate", f"same bytes as {seen[digest]}; read once, as that file"
        return rec
    seen[digest] = rel
    allowed = SUFFIXES[source]
    if path.suffix.lower() not in allowed:
        rec.status = "error"
        rec.message = f"{rel}: unsupported file type {path.suffix!r}; expected {', '.join(sorted(allowed))}"
        return rec
    if size > base.MAX_FILE_BYTES:
        rec.status = "error"
        rec.message = (
            f"{rel}: {size / 2**20:,.1f} MB is more than the {base.MAX_FILE_BYTES / 2**20:,.1f} MB we read from "
            "one file; split it (by year or by month) and place the parts side by side"
        )
        return rec
    try:
        binary = path.suffix.lower() in BINARY_SUFFIXES or source in BINARY_SOURCES
        decoded = None if binary else decode_file(path, rel, digest, data)
        rec.encoding = decoded.encoding if decoded else None
        rejections = READERS[source](path, decoded, rec, read.staged)
    except FileFormatError as exc:
        rec.status, rec.message = "error", str(exc)
        return rec
    except Exception as exc:  # any failure, RecursionError included: one file must never stop the build
        rec.status = "error"
        rec.message = f"{rel}: could not be read; the reader met {type(exc).__name__}: {exc}"
        _unstage(read.staged, rel)
        report.unexpected.append((rel, exc))
        return rec
    if decoded is not None:
        read.texts[rel] = (path, digest)
    read.rejected.extend(rejections)
    if rec.rows_read == 0:
        rec.status, rec.message = "empty", "header only, no data rows"
    return rec


def _memory_limit_mb() -> int:
    """DuckDB's share of memory for the build: its default (80 % of RAM) but at most BUILD_MEMORY_MB, beyond which
    it spills to disk; our Python side (a million staged rows, one file's text) stays under a gigabyte."""
    try:
        ram_mb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2**20
    except (ValueError, OSError, AttributeError):
        return BUILD_MEMORY_MB
    return max(512, min(BUILD_MEMORY_MB, ram_mb * 8 // 10))


def _file_bytes(path: Path) -> bytes:
    return path.read_bytes()


def _unstage(staged: Staged, rel: str) -> None:
    """What a reader that failed half-way staged for this file: it leaves nothing behind."""
    for tables in staged.values():
        while (
            tables
            and "source_file" in tables[-1].column_names
            and tables[-1].num_rows
            and tables[-1].column("source_file")[0].as_py() == rel
        ):
            tables.pop()


def _stage(con: duckdb.DuckDBPyConnection, read: _Read) -> None:
    _insert_staged(con, read.staged)
    if read.rejected:
        con.executemany(
            INSERT_REJECTED, [(r.file_path, r.line_number, r.column_name, r.reason, r.raw_text) for r in read.rejected]
        )


def _model(con: duckdb.DuckDBPyConnection, read: _Read, report: BuildReport, progress: Progress) -> None:
    """The SQL models, the baselines, then what the models turned away, counted per file."""
    progress("modelling: checks, de-duplication, leaf flags, period amounts …")
    _run_models(con)
    progress("baselines: degree-day regression per building and utility …")
    fit_baselines(con)
    private = {r.file_path for r in report.files if r.format in PRIVATE_FORMATS}
    report.conflicts = _quarantine_sql_rejects(con, read.texts, private)
    _fill_counts(con, report.files)


def _refuse(report: BuildReport) -> None:
    bad = [
        f"{r.file_path} ({r.message or str(r.rows_rejected) + ' rejected rows'})"
        for r in report.files
        if r.status == "error" or r.rows_rejected
    ]
    raise RejectedInputError("strict build: input was turned away in " + "; ".join(bad))


def _write_lineage(
    con: duckdb.DuckDBPyConnection,
    report: BuildReport,
    first_loaded: dict[str, datetime],
    started: datetime,
    manifests: list[dict],
) -> None:
    """Every file with its outcome and, when fetched, where from; every rejected row with its file, line, column
    and reason; every fetched source with its licence and attribution."""
    con.execute(
        "insert into rejected_rows by name select * from stg_rejected order by file_path, line_number, column_name"
    )
    fetched = {
        rel: entry for doc in manifests for rel, entry in doc.get("files", {}).items() if isinstance(entry, dict)
    }
    # One insert of a table (executemany pays a statement per row: seconds for a national set of files).
    recorded = [f.name for f in fields(FileRecord)]  # the lineage row's own columns, as the build filled them
    columns = [*recorded, "first_loaded_at", "fetched_from", "fetched_at"]
    records = [
        (
            *(getattr(r, name) for name in recorded),
            first_loaded.get(r.sha256, started),
            *_fetched(fetched.get(r.file_path), r.sha256),
        )
        for r in sorted(report.files, key=lambda r: r.file_path)
    ]
    files = pd.DataFrame.from_records(records, columns=columns)
    con.register("lineage_files", files)
    con.execute(f"insert into source_files ({', '.join(columns)}) select * from lineage_files")  # our names
    con.unregister("lineage_files")
    fetches = [_fetch_row(doc) for doc in manifests if doc.get("source")]
    if not fetches:
        return
    con.executemany(
        "insert into source_fetches (source, title, base_url, licence, licence_url, attribution, last_run, status,"
        " message, next_refresh, files, bytes, last_fetched_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        fetches,
    )


def _fetched(entry: dict | None, sha256: str) -> tuple[str | None, datetime | None]:
    """(URL, time) of a fetched file; a file changed by hand since (other bytes) is no longer the fetched one."""
    if not entry or entry.get("sha256") != sha256:
        return None, None
    return entry.get("url"), _utc(entry.get("fetched_at"))


def _fetch_row(doc: dict) -> tuple:
    files = [e for e in doc.get("files", {}).values() if isinstance(e, dict)]
    times = [t for t in (_utc(e.get("fetched_at")) for e in files) if t]
    return (
        str(doc["source"]),
        str(doc.get("title") or doc["source"]),
        doc.get("base_url"),
        doc.get("licence"),
        doc.get("licence_url"),
        doc.get("attribution"),
        _utc(doc.get("last_run")),
        doc.get("status"),
        doc.get("message"),
        doc.get("next_refresh") or None,
        len(files),
        sum(int(e.get("bytes") or 0) for e in files),
        max(times) if times else None,
    )


def _utc(text: object) -> datetime | None:
    """A manifest's ISO time as naive UTC (the warehouse's TIMESTAMPs are UTC)."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(str(text))
    except ValueError:
        return None
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def _drop_scratch(con: duckdb.DuckDBPyConnection) -> None:
    """Staging and scratch tables of the models go: the file keeps the contract's tables only."""
    contract = {t.name for t in TABLES}
    scratch = "select table_name, table_type = 'VIEW' from information_schema.tables"
    for name, is_view in con.execute(scratch).fetchall():
        if name not in contract:
            con.execute(f'drop {"view" if is_view else "table"} "{name}"')  # names from the catalogue, not input
