"""What every fetcher is handed, and the checks they share on what comes back."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from etl.fetch.config import FetchSettings
from etl.fetch.http import Client, FetchError, OfflineError
from hromada.settings import HromadaSettings


class NotConfigured(Exception):
    """An optional source that hromada.toml does not name: skipped with a note, not a failure."""


@dataclass
class FetchContext:
    client: Client
    settings: HromadaSettings
    config: FetchSettings
    raw_dir: Path
    years: range
    today: date
    now: datetime
    progress: Callable[[str], None]


def settled(entry: dict | None, year: int, today: date, final_from: tuple[int, int]) -> bool:
    """A past year's file fetched after its figures became final (month, day of the next year) needs no refresh.

    The current year is always refreshed; so is a past year fetched before its final figures were out.
    """
    if entry is None or year >= today.year:
        return False
    fetched = datetime.fromisoformat(entry["fetched_at"]).date()
    return fetched >= date(year + 1, *final_from)


def check_csv(text: str, url: str, delimiter: str, required: tuple[str, ...], what: str) -> int:
    """Data rows of a CSV body, after checking it is the table asked for and arrived whole.

    A body cut short mid-row (a dropped chunked transfer has no length to check) ends in a row with fewer
    fields than the header; it is refused rather than written as a file with its last row missing.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader, None)
    names = [h.strip().strip("\ufeff") for h in header or []]
    missing = [name for name in required if name not in names]
    if missing:
        raise FetchError(
            f"{url}: not {what} (no column {', '.join(missing)}; it begins {text[:80]!r}); nothing was written"
        )
    rows = 0
    for record in reader:
        if not record or record == [""]:
            continue
        rows += 1
        if len(record) < len(names):
            raise FetchError(
                f"{url}: the answer ends in an incomplete row (row {rows}: {len(record)} of {len(names)} fields); "
                "it was cut short, nothing was written; try again later"
            )
    if not text.endswith(("\n", "\r")) and rows:
        raise FetchError(f"{url}: the answer stops in the middle of its last line; it was cut short, try again later")
    return rows


def parse_json(body: bytes, url: str, what: str) -> object:
    """A JSON body, or a FetchError that says the answer was cut short or was not JSON."""
    try:
        return json.loads(body.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise FetchError(f"{url}: {what} is not UTF-8 text; nothing was written") from None
    except ValueError as exc:
        raise FetchError(
            f"{url}: {what} is not complete JSON ({exc.msg} at character {exc.pos} of {len(body):,}); "
            "the answer was cut short or is an error page; try again later"
        ) from None


@dataclass
class Failures:
    """Requests of one source that failed while the rest went on: one bad year or tender loses only itself.

    No network at all stops the source at once (every further request would fail the same way).
    """

    messages: list[str] = field(default_factory=list)
    tried: int = 0

    @contextmanager
    def attempt(self) -> Iterator[None]:
        self.tried += 1
        try:
            yield
        except OfflineError:
            raise
        except FetchError as exc:
            self.messages.append(str(exc))

    def raise_if_any(self) -> None:
        if self.messages:
            more = f" (and {len(self.messages) - 1} more)" if len(self.messages) > 1 else ""
            raise FetchError(
                f"{len(self.messages)} of {self.tried} requests failed, the others landed; {self.messages[0]}{more}"
            )
