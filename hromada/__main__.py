"""Command line of the library: `python -m hromada bulletin` prints the residents' bulletin as PDF.

Exit codes: 0 written; 1 the warehouse is missing or the place or month is unknown (said in words).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from hromada import bulletin
from hromada.db import WarehouseMissing, connect
from hromada.settings import SettingsError, load_settings, warehouse_path


def _safe_name(place: str) -> str:
    """A file name from a place key (a code, or a district's name with spaces and №)."""
    return re.sub(r"[^\w.-]+", "_", place, flags=re.UNICODE).strip("_") or "place"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hromada", description="SMART Hromada library commands")
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("bulletin", help="write the residents' bulletin of a place and month as PDF")
    which = make.add_mutually_exclusive_group(required=True)
    which.add_argument("--place", help="a settlement's KATOTTG code or a starosta district's name (as on the map)")
    which.add_argument("--all", action="store_true", help="one bulletin per settlement and district, into --out DIR")
    make.add_argument("--period", required=True, help="the month, YYYY-MM")
    make.add_argument("--lang", choices=("uk", "en"), default="uk")
    make.add_argument("--out", required=True, type=Path, help="the PDF file (with --place) or a folder (with --all)")
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
        con = connect(warehouse_path())
    except (SettingsError, WarehouseMissing) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    try:
        keys = list(bulletin.places(con, settings, args.lang)) if args.all else [args.place]
        if args.all:
            args.out.mkdir(parents=True, exist_ok=True)
        for key in keys:
            made = bulletin.gather(con, settings, key, args.period, args.lang, settings.public_url)
            target = args.out / f"bulletin_{_safe_name(key)}_{args.period}.pdf" if args.all else args.out
            target.write_bytes(bulletin.render_pdf(made))
            print(f"{target}: {made.place_name}, {args.period}")
    except bulletin.BulletinError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    finally:
        con.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
