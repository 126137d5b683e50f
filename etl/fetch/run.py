"""`python -m etl fetch`: every configured source in turn, each one's outcome said in words.

A failing source never stops the others. The exit code says which failed: 0 when all landed (optional sources
that are not configured count as landed), otherwise 64 plus the sum of the failed sources' bits (SOURCES order:
katottg 1, boundaries 2, openbudget 4, weather 8, prozorro 16, data_gov_ua 32).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import ModuleType

from etl.fetch import boundaries, data_gov_ua, katottg, openbudget, prozorro, weather
from etl.fetch.config import FetchSettings
from etl.fetch.context import FetchContext, NotConfigured
from etl.fetch.http import Client, FetchError, OfflineError, override_base
from etl.fetch.store import SourceStore
from hromada.settings import HromadaSettings

SOURCES: tuple[ModuleType, ...] = (katottg, boundaries, openbudget, weather, prozorro, data_gov_ua)
SOURCE_NAMES = tuple(module.SOURCE for module in SOURCES)
FAILED_BASE = 64
# How often each source has something new; the Data page shows the next refresh from these.
REFRESH_DAYS = {"katottg": 365, "boundaries": 180, "openbudget": 30, "weather": 30, "prozorro": 7, "data_gov_ua": 30}
BASE_URL_KEY = {
    "boundaries": "boundaries",
    "openbudget": "openbudget_api",
    "weather": "open_meteo",
    "prozorro": "prozorro_api",
    "data_gov_ua": "ckan",
}


@dataclass
class Outcome:
    source: str
    status: str  # "ok", "failed", "skipped" (not configured) or "offline"
    message: str
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def fetch_all(
    settings: HromadaSettings,
    config: FetchSettings,
    raw_dir: Path,
    *,
    years: range | None = None,
    only: tuple[str, ...] = (),
    offline: bool = False,
    progress: Callable[[str], None] = lambda _msg: None,
    client: Client | None = None,
    today: date | None = None,
) -> list[Outcome]:
    """Fetch each chosen source into raw_dir; a source's failure is its outcome, never the others' end."""
    raw_dir = Path(raw_dir)
    raw_dir.mkdir(parents=True, exist_ok=True)
    today = today or date.today()
    years = years or range(config.first_year, today.year + 1)
    client = client or Client(
        timeout=config.timeout_seconds, pause=config.pause_seconds, retries=config.retries, progress=progress
    )
    ctx = FetchContext(
        client, settings, config, raw_dir, years, today, datetime.now(UTC).replace(microsecond=0), progress
    )
    demo_gone = _demo_remover(raw_dir, progress)
    outcomes = []
    for module in SOURCES:
        if only and module.SOURCE not in only:
            continue
        store = SourceStore(raw_dir, module.SOURCE, module.TITLE, module.LICENCE, before_write=demo_gone)
        progress(f"{module.SOURCE}: {module.TITLE}")
        outcome = _one(module, _with_centre(ctx, module), store, offline)
        outcome.counts, outcome.notes = dict(store.counts), store.notes
        if outcome.status != "skipped" and (outcome.status != "offline" or store.entries):
            next_refresh = (today + timedelta(days=REFRESH_DAYS[module.SOURCE])).isoformat()
            store.save(outcome.status, outcome.message, _base_url(config, module.SOURCE), next_refresh)
        outcomes.append(outcome)
    return outcomes


def _one(module: ModuleType, ctx: FetchContext, store: SourceStore, offline: bool) -> Outcome:
    name = module.SOURCE
    if offline and not getattr(module, "OFFLINE", False):
        held = len([rel for rel in store.entries if (ctx.raw_dir / rel).is_file()])
        if held:
            return Outcome(name, "offline", f"offline: {held} file(s) fetched before are used as they are")
        return Outcome(name, "offline", "offline, and nothing was fetched before: no data from this source yet")
    try:
        message = module.fetch(ctx, store)
    except NotConfigured as exc:
        return Outcome(name, "skipped", f"not configured: {exc}")
    except OfflineError as exc:
        return Outcome(name, "failed", f"{exc}")
    except FetchError as exc:
        return Outcome(name, "failed", f"{exc}")
    return Outcome(name, "ok", message)


def _with_centre(ctx: FetchContext, module: ModuleType) -> FetchContext:
    """A hromada configured from the codifier has no centre yet: the weather is asked for inside its boundary."""
    if module is not weather or (ctx.settings.centre_lat and ctx.settings.centre_lon):
        return ctx
    centre = boundaries.centre_of(ctx.raw_dir, ctx.settings.katottg)
    if centre is None:
        return ctx
    ctx.progress(
        f"  centre not set in hromada.toml: using a point inside the boundary ({centre[0]:.4f}, {centre[1]:.4f})"
    )
    return replace(ctx, settings=replace(ctx.settings, centre_lat=centre[0], centre_lon=centre[1]))


def _demo_remover(raw_dir: Path, progress: Callable[[str], None]) -> Callable[[], None]:
    """Before the first real file lands, the demo files go: fetched and synthetic data are never mixed."""
    done = False

    def remove() -> None:
        nonlocal done
        if done:
            return
        done = True
        from demo.files import remove_demo

        if removed := remove_demo(raw_dir):
            progress(f"  removed {removed} demo files: the dashboard now shows fetched data only")

    return remove


def _base_url(config: FetchSettings, source: str) -> str:
    key = BASE_URL_KEY.get(source)
    return override_base(config.url(key)) if key else "data/reference/katottg.csv.gz"


def exit_code(outcomes: list[Outcome]) -> int:
    bits = sum(1 << SOURCE_NAMES.index(o.source) for o in outcomes if o.status == "failed")
    return FAILED_BASE + bits if bits else 0


def print_summary(outcomes: list[Outcome], out=None) -> None:
    out = out or sys.stdout
    print(f"\n{'source':<13}{'status':<9}{'new':>5}{'same':>6}{'kept':>6}  what happened", file=out)
    for o in outcomes:
        c = o.counts
        print(
            f"{o.source:<13}{o.status:<9}{c.get('written', 0):>5}{c.get('unchanged', 0) + c.get('cached', 0):>6}"
            f"{c.get('kept', 0):>6}  {o.message}",
            file=out,
        )
        for note in o.notes:
            print(f"{'':<13}note: {note}", file=out)
    failed = [o.source for o in outcomes if o.status == "failed"]
    landed = any(o.status == "ok" or o.counts.get("written") for o in outcomes)
    if failed and landed:
        print(f"\nFailed: {', '.join(failed)}. The others landed; run `python -m etl build` to load them.", file=out)
    elif failed:
        print(f"\nFailed: {', '.join(failed)}. Nothing new landed; the files already in place are unchanged.", file=out)
    elif any(o.counts.get("written") for o in outcomes):
        print("\nDone. Run `python -m etl build` (or `make run`) to load what was fetched.", file=out)
