"""Command line: `python -m etl build`, `fetch`, `configure`, `demo`, `templates` and `docs` (see the README).

Exit codes of build: 0 built (file errors and rejected rows are reported, never hidden); 1 a fatal error,
the previous warehouse still serving; 3 with --strict, when any file or row was turned away. Of fetch: 0 every
source landed; 64 + the failed sources' bits otherwise (etl/fetch/run.py).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from etl.build import BuildError, BuildReport, build
from hromada.settings import DATA_DIR, RAW_DIR, SettingsError, load_settings, warehouse_path


def _print_summary(report: BuildReport) -> None:
    print(f"\nWarehouse: {report.db_path}")
    header = f"{'source':<14}{'files':>7}{'read':>12}{'loaded':>12}{'duplicate':>11}{'rejected':>10}{'file errors':>13}"
    print(header)
    print("-" * len(header))
    for source, s in report.by_source().items():
        print(
            f"{source:<14}{s['files']:>7}{s['rows_read']:>12,}{s['rows_loaded']:>12,}"
            f"{s['rows_duplicate']:>11,}{s['rows_rejected']:>10,}{s['file_errors']:>13}"
        )
    if report.conflicts:
        print(
            f"\n{report.conflicts} row(s) disagreed with another file on the same budget line: "
            "one value kept, the others are in rejected_rows."
        )
    for rec in report.files:
        if rec.status == "error":
            print(f"ERROR {rec.message}", file=sys.stderr)
    if report.skipped_folders:
        print(f"Folders with no reader yet (not read): {', '.join(report.skipped_folders)}")
    if any(r.rows_rejected for r in report.files):
        print("Rejected rows, with file, line, column and reason: table rejected_rows, or the Data page.")


def _month(text: str) -> tuple[int, int]:
    try:
        year, month = (int(part) for part in text.split("-"))
        date(year, month, 1)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a month YYYY-MM") from None
    return year, month


def _years(text: str) -> range:
    try:
        first, _, last = text.partition("-")
        years = range(int(first), int(last or first) + 1)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a year range FROM-TO, e.g. 2021-2026") from None
    if not years or not 2000 <= years[0] <= years[-1] <= 2100:
        raise argparse.ArgumentTypeError(f"{text!r}: years run from FROM to TO, e.g. 2021-2026")
    return years


def _fetch_sources() -> tuple[str, ...]:
    from etl.fetch.run import SOURCE_NAMES

    return SOURCE_NAMES


def _fetch(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from etl.fetch.config import load_fetch_settings
    from etl.fetch.run import exit_code, fetch_all, print_summary

    unknown = [name for name in args.source if name not in _fetch_sources()]
    if unknown:
        parser.error(f"unknown source {', '.join(unknown)}; the sources are {', '.join(_fetch_sources())}")
    try:
        settings = load_settings(require_population=False)
        config = load_fetch_settings()
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    outcomes = fetch_all(
        settings,
        config,
        args.raw,
        years=args.years,
        only=tuple(args.source),
        offline=args.offline,
        progress=lambda msg: print(msg, file=sys.stderr, flush=True),
    )
    print_summary(outcomes)
    return exit_code(outcomes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl", description="SMART Hromada data pipeline")
    commands = parser.add_subparsers(dest="command", required=True)

    p_build = commands.add_parser("build", help="build the DuckDB warehouse from the raw folder")
    p_build.add_argument("--raw", type=Path, default=RAW_DIR, help="raw data folder (default data/raw)")
    p_build.add_argument("--db", type=Path, default=None, help="warehouse file (default data/warehouse.duckdb)")
    p_build.add_argument(
        "--strict",
        action="store_true",
        help="fail (exit 3, keep the previous warehouse) if any file or row is rejected",
    )
    p_build.add_argument("--quiet", action="store_true", help="print the summary only")
    p_build.add_argument(
        "--debug", action="store_true", help="also print the traceback of any file a reader failed on unexpectedly"
    )

    p_demo = commands.add_parser("demo", help="write deterministic demo files in the published formats")
    p_demo.add_argument("--out", type=Path, default=RAW_DIR, help="folder to write into (default data/raw)")
    p_demo.add_argument(
        "--scale",
        type=int,
        default=1,
        help="budgets of the register written in full (1 = the configured hromada; 1469 = every hromada)",
    )
    p_demo.add_argument(
        "--until", type=_month, default=None, help="last month of data, YYYY-MM (default: the last complete month)"
    )
    p_demo.add_argument(
        "--if-empty",
        action="store_true",
        help="write only if the folder holds no input files other than a previous demo's",
    )
    p_demo.add_argument(
        "--remove", action="store_true", help="delete the demo files listed in the manifest instead (real files stay)"
    )

    p_fetch = commands.add_parser("fetch", help="download the hromada's published data from the official sources")
    p_fetch.add_argument("--raw", type=Path, default=RAW_DIR, help="raw data folder to write into (default data/raw)")
    p_fetch.add_argument(
        "--years", type=_years, default=None, help="FROM-TO, e.g. 2021-2026 (default [fetch] first_year to this year)"
    )
    p_fetch.add_argument(
        "--source",
        action="append",
        default=[],
        metavar="NAME",
        help="only this source (repeatable): " + ", ".join(_fetch_sources()),
    )
    p_fetch.add_argument("--offline", action="store_true", help="make no request: report what was fetched before")

    p_configure = commands.add_parser("configure", help="write hromada.toml for a hromada, from the KATOTTG codifier")
    p_configure.add_argument("--katottg", required=True, help="the hromada's KATOTTG code (UA…, category H)")
    p_configure.add_argument("--settings", type=Path, default=None, help="file to write (default hromada.toml)")

    p_export = commands.add_parser("export", help="write the warehouse's tables as Parquet files (Hive-partitioned)")
    p_export.add_argument("--parquet", type=Path, required=True, help="folder to write (one subfolder per table)")
    p_export.add_argument("--db", type=Path, default=None, help="warehouse file (default data/warehouse.duckdb)")

    commands.add_parser("docs", help="rewrite the tables section of docs/warehouse.md from hromada/contract.py")
    p_templates = commands.add_parser(
        "templates", help="write the project registry (CSV, XLSX), energy, programme and hromada register templates"
    )
    p_templates.add_argument("--out", type=Path, default=DATA_DIR / "templates", help="default data/templates")

    args = parser.parse_args(argv)
    if args.command == "configure":
        from etl.configure import configure

        return configure(args.katottg, args.settings)
    if args.command == "fetch":
        return _fetch(args, parser)
    if args.command == "templates":
        from etl.sources.energy import write_templates as energy_templates
        from etl.sources.hromada_register import write_templates as register_templates
        from etl.sources.programme import write_templates as programme_templates
        from etl.sources.projects import write_templates

        writers = (write_templates, energy_templates, programme_templates, register_templates)
        for path in [path for write in writers for path in write(args.out)]:
            print(f"Wrote {path}")
        return 0
    if args.command == "export":
        from etl.export import export_parquet

        db = args.db or warehouse_path()
        if not db.exists():
            print(f"error: no warehouse at {db}; run `python -m etl build` first", file=sys.stderr)
            return 1
        written = export_parquet(db, args.parquet)
        print(f"Wrote {len(written)} tables, {sum(written.values()):,} rows, as Parquet under {args.parquet}.")
        return 0
    if args.command == "docs":
        from etl.docs import write_docs

        for path in write_docs():
            print(f"Wrote {path}")
        return 0
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1

    if args.command == "demo":
        from demo.files import foreign_files, remove_demo, write_demo

        if args.remove:
            print(f"Removed {remove_demo(args.out)} demo files from {args.out}.")
            return 0
        if args.if_empty and (real := foreign_files(args.out)):
            print(
                f"{args.out} already holds {len(real)} input file(s) that are not demo data "
                f"(e.g. {real[0]}); demo data not written."
            )
            return 0
        if args.scale < 1:
            parser.error("--scale must be at least 1")
        written = write_demo(args.out, settings, scale=args.scale, until=args.until)
        print(f"Wrote {len(written)} demo files under {args.out} (synthetic values, real formats).")
        return 0

    db = args.db or warehouse_path()
    progress = (lambda _msg: None) if args.quiet else (lambda msg: print(msg, file=sys.stderr, flush=True))
    try:
        report = build(args.raw, db, settings, progress=progress, strict=args.strict)
    except BuildError as exc:
        print(f"error: {exc}\nThe previous warehouse (if any) is unchanged.", file=sys.stderr)
        return 3 if getattr(exc, "strict", False) else 1
    _print_summary(report)
    if args.debug:
        import traceback

        for rel, exc in report.unexpected:
            print(f"\n{rel}:", file=sys.stderr)
            traceback.print_exception(exc, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
