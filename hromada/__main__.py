"""Command line of the library: `python -m hromada bulletin` prints the residents' bulletin as PDF;
`python -m hromada users add|remove|list` keeps the staff's accounts (the password is read from standard input,
never from the command line, and never echoed or printed).

Exit codes: 0 done; 1 the warehouse is missing, the place or month is unknown, or a user cannot be added or
removed as asked (said in words).
"""

from __future__ import annotations

import argparse
import getpass
import re
import sys
from pathlib import Path

from hromada import bulletin
from hromada.db import WarehouseMissing, connect
from hromada.settings import SettingsError, load_settings, warehouse_path
from hromada.staff import users


def _safe_name(place: str) -> str:
    """A file name from a place key (a code, or a district's name with spaces and №)."""
    return re.sub(r"[^\w.-]+", "_", place, flags=re.UNICODE).strip("_") or "place"


def _read_password() -> str:
    """From a terminal: asked twice without echo. Piped: the first line of standard input."""
    if sys.stdin.isatty():
        first, second = getpass.getpass("Password: "), getpass.getpass("Once more: ")
        if first != second:
            raise users.UserError("the two passwords differ")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def _users(args: argparse.Namespace) -> int:
    try:
        settings = load_settings()
        path = settings.staff.users_path()
        if args.action == "add":
            users.add(path, args.username, _read_password(), args.role, args.name)
            print(f"{args.username} ({args.role}) saved in {path}")
        elif args.action == "remove":
            users.remove(path, args.username)
            print(f"{args.username} removed from {path}")
        else:
            for user in users.users(path, settings.staff.max_login_attempts):
                print(f"{user.username}\t{user.role}\t{user.name}{chr(9) + 'locked' if user.locked else ''}")
    except (SettingsError, users.UserError) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hromada", description="SMART Hromada library commands")
    commands = parser.add_subparsers(dest="command", required=True)
    people = commands.add_parser("users", help="add, remove or list the staff who may sign in at /staff")
    action = people.add_subparsers(dest="action", required=True)
    add = action.add_parser("add", help="add a user or reset their password (read from standard input)")
    add.add_argument("username", help="lower-case Latin letters, digits, '.', '_' or '-'")
    add.add_argument(
        "--role", choices=users.ROLES, default="editor", help="editor: upload and publish; admin: also the audit log"
    )
    add.add_argument("--name", help="the name shown in the staff area (default: the user name)")
    drop = action.add_parser("remove", help="remove a user")
    drop.add_argument("username")
    action.add_parser("list", help="list the users, their roles and whether they are locked out")
    make = commands.add_parser("bulletin", help="write the residents' bulletin of a place and month as PDF")
    which = make.add_mutually_exclusive_group(required=True)
    which.add_argument("--place", help="a settlement's KATOTTG code or a starosta district's name (as on the map)")
    which.add_argument("--all", action="store_true", help="one bulletin per settlement and district, into --out DIR")
    make.add_argument("--period", required=True, help="the month, YYYY-MM")
    make.add_argument("--lang", choices=("uk", "en"), default="uk")
    make.add_argument("--out", required=True, type=Path, help="the PDF file (with --place) or a folder (with --all)")
    args = parser.parse_args(argv)
    if args.command == "users":
        return _users(args)
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
