"""Prozorro: the tenders of the council and its institutions, each as an OCDS release package.

The buyers are named in hromada.toml ([fetch] buyers, EDRPOU codes). The first run (and one every
FULL_SEARCH_DAYS, or when the buyers change) asks prozorro.gov.ua's search (`POST /api/search/tenders`, form
field `edrpou`) for each buyer's tenders; the search is full-text, so a hit whose buyer is not the code asked
for is left out. Later runs follow the public API's feed of changed tenders (`GET /tenders?offset=…`, oldest
change first) from where the last run stopped, and take the ones of our buyers. Each tender comes in OCDS
(`GET /tenders/{id}?opt_schema=ocds`), is kept as its own file (`prozorro/tenders/<id>.json`) and is fetched
again only when its dateModified has changed.
"""

from __future__ import annotations

import json
import re
from datetime import datetime

from etl.fetch.context import Failures, FetchContext, NotConfigured, parse_json
from etl.fetch.http import FetchError
from etl.fetch.store import Licence, SourceStore

SOURCE = "prozorro"
TITLE = "Prozorro public procurement (OCDS)"
LICENCE = Licence(
    "CC0 1.0 (OCDS data) / Prozorro terms of use",
    "https://prozorro.gov.ua/",
    "Закупівлі: Prozorro, ДП «Прозорро» (OCDS)",
)
TENDER_ID = re.compile(r"^[0-9a-f]{32}$")
MAX_PAGES = 200  # 20 a page: 4,000 tenders per buyer is far above a hromada's institutions
# tender id -> (dateModified, year of its tenderID); and those per buyer
Tenders = dict[str, tuple[str | None, str | None]]
ByBuyer = dict[str, Tenders]
FULL_SEARCH_DAYS = 90  # the feed is followed in between; a full search now and then catches what it missed
FEED_PAGE = 1000  # tenders per feed page (the API's largest)
MAX_FEED_PAGES = 500  # about two weeks of all Ukraine's changes; a longer gap falls back to the search


def fetch(ctx: FetchContext, store: SourceStore) -> str:
    if not ctx.config.buyers:
        raise NotConfigured(
            'no buyers in hromada.toml ([fetch] buyers = ["EDRPOU", …]: the council and its institutions)'
        )
    search = ctx.config.url("prozorro_search") + "/api/search/tenders"
    api = ctx.config.url("prozorro_api") + "/tenders/"
    years = {str(y) for y in ctx.years}
    buyers = sorted(ctx.config.buyers)
    started = ctx.now.timestamp()
    followed = (
        _from_feed(ctx, api, buyers, str(store.state["feed_offset"])) if _feed_usable(store, buyers, ctx) else None
    )
    if followed is not None:
        how, (found, resume) = "changes since the last run (the feed)", followed
        state = {**store.state, "feed_offset": resume}
    else:
        how = "search by buyer"
        found = {buyer: _tenders_of(ctx, search, buyer) for buyer in buyers}
        state = {"buyers": buyers, "searched_at": ctx.now.isoformat(), "feed_offset": str(started)}
    counts = []
    failures = Failures()
    for buyer, tenders in found.items():
        tenders = {tid: modified for tid, (modified, year) in tenders.items() if year is None or year in years}
        if not tenders and how.startswith("search"):
            store.notes.append(
                f"buyer {buyer}: no tenders on Prozorro in {ctx.years[0]}–{ctx.years[-1]} (check the EDRPOU code)"
            )
        counts.append(f"{buyer}: {len(tenders)}")
        for tender_id, modified in sorted(tenders.items()):
            with failures.attempt():
                _one_tender(ctx, store, api, tender_id, modified, buyer)
    failures.raise_if_any()  # a tender that failed is asked for again: the next run starts where this one did
    store.state = state
    return f"{how}; tenders per buyer: " + ", ".join(counts)


def _one_tender(
    ctx: FetchContext, store: SourceStore, api: str, tender_id: str, modified: str | None, buyer: str
) -> None:
    """One tender's release package stored, unless the copy held is as recent as the search says."""
    rel = f"prozorro/tenders/{tender_id}.json"
    entry = store.entry(rel)
    if entry is not None and modified and entry.get("date_modified") == modified:
        store.keep(rel)
        return
    ctx.progress(f"  Prozorro tender {tender_id} …")
    response = ctx.client.request(api + tender_id, params={"opt_schema": "ocds"}, accept="application/json")
    package = parse_json(response.body, response.url, "the tender")
    wrapped = isinstance(package, dict) and isinstance(package.get("data"), dict)
    if wrapped:
        package = package["data"]  # some deployments wrap the package in the API's envelope
    if not isinstance(package, dict) or not isinstance(package.get("releases"), list):
        raise FetchError(f"{response.url}: not an OCDS release package (no releases); nothing was written")
    body = (json.dumps(package, ensure_ascii=False) + "\n").encode("utf-8") if wrapped else response.body
    store.write(rel, body, response, date_modified=modified, buyer=buyer)


def _feed_usable(store: SourceStore, buyers: list[str], ctx: FetchContext) -> bool:
    """The feed can carry on from the last run: same buyers, a recent full search, an offset to start from."""
    searched = store.state.get("searched_at")
    if store.state.get("buyers") != buyers or not searched or not store.state.get("feed_offset"):
        return False
    age = ctx.now - datetime.fromisoformat(str(searched))
    return age.days < FULL_SEARCH_DAYS


def _from_feed(ctx: FetchContext, api: str, buyers: list[str], offset: str) -> tuple[ByBuyer, str] | None:
    """(our buyers' tenders changed since offset, per buyer; where the feed ends now), or None when the gap is
    too long to follow."""
    found: ByBuyer = {buyer: {} for buyer in buyers}
    feed = api.rstrip("/")
    for page in range(1, MAX_FEED_PAGES + 1):
        ctx.progress(f"  Prozorro feed of changed tenders, page {page} …")
        params = {"offset": offset, "limit": FEED_PAGE, "opt_fields": "procuringEntity,tenderID,dateModified"}
        response = ctx.client.request(feed, params=params, accept="application/json")
        doc = parse_json(response.body, response.url, "the feed page")
        if not isinstance(doc, dict) or not isinstance(doc.get("data"), list):
            raise FetchError(f"{response.url}: not Prozorro's feed (no data list)")
        for item in doc["data"]:
            _take(found, item, buyers)
        next_offset = str(((doc.get("next_page") or {}).get("offset")) or "")
        if not doc["data"] or not next_offset or next_offset == offset:
            return found, next_offset or offset
        offset = next_offset
    return None  # more changes than MAX_FEED_PAGES pages: a full search is cheaper


def _take(found: ByBuyer, item: dict, buyers: list[str]) -> None:
    """Note a search hit or feed item when its buyer is one of ours and its id is a tender id."""
    identifier = ((item.get("procuringEntity") or {}).get("identifier") or {}).get("id")
    tender_id = str(item.get("id", ""))
    if identifier not in buyers or not TENDER_ID.match(tender_id):
        return
    match = re.match(r"^UA-(\d{4})-", str(item.get("tenderID", "")))
    found.setdefault(identifier, {})[tender_id] = (item.get("dateModified"), match.group(1) if match else None)


def _tenders_of(ctx: FetchContext, search: str, buyer: str) -> Tenders:
    """tender id -> (dateModified, year from the tenderID) of every tender whose buyer is this EDRPOU code."""
    wanted: ByBuyer = {buyer: {}}
    for page in range(1, MAX_PAGES + 1):
        ctx.progress(f"  Prozorro search: buyer {buyer}, page {page} …")
        response = ctx.client.request(search, data={"edrpou": buyer, "page": page}, accept="application/json")
        doc = parse_json(response.body, response.url, "the search answer")
        if not isinstance(doc, dict) or not isinstance(doc.get("data"), list):
            raise FetchError(f"{response.url}: not Prozorro's search answer (no data list)")
        for item in doc["data"]:
            _take(wanted, item, [buyer])
        per_page = int(doc.get("per_page") or len(doc["data"]) or 1)
        if not doc["data"] or page * per_page >= int(doc.get("total") or 0):
            break
    return wanted[buyer]
