"""Prozorro: the tenders of the council and its institutions, each as an OCDS release package.

The buyers are named in hromada.toml ([fetch] buyers, EDRPOU codes). prozorro.gov.ua's search
(`POST /api/search/tenders`, form field `edrpou`) lists each buyer's tenders with their dateModified; the
public API then gives each tender in OCDS (`GET /tenders/{id}?opt_schema=ocds`). A tender is kept as its own
file (`prozorro/tenders/<id>.json`) and fetched again only when its dateModified has changed. The search is
full-text, so a hit whose buyer is not the code asked for is left out.
"""

from __future__ import annotations

import json
import re

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


def fetch(ctx: FetchContext, store: SourceStore) -> str:
    if not ctx.config.buyers:
        raise NotConfigured(
            'no buyers in hromada.toml ([fetch] buyers = ["EDRPOU", …]: the council and its institutions)'
        )
    search = ctx.config.url("prozorro_search") + "/api/search/tenders"
    api = ctx.config.url("prozorro_api") + "/tenders/"
    years = {str(y) for y in ctx.years}
    counts = []
    failures = Failures()
    for buyer in ctx.config.buyers:
        tenders = _tenders_of(ctx, search, buyer)
        tenders = {tid: modified for tid, (modified, year) in tenders.items() if year is None or year in years}
        if not tenders:
            store.notes.append(
                f"buyer {buyer}: no tenders on Prozorro in {ctx.years[0]}–{ctx.years[-1]} (check the EDRPOU code)"
            )
        counts.append(f"{buyer}: {len(tenders)}")
        for tender_id, modified in sorted(tenders.items()):
            with failures.attempt():
                _one_tender(ctx, store, api, tender_id, modified, buyer)
    failures.raise_if_any()
    return "tenders per buyer: " + ", ".join(counts)


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


def _tenders_of(ctx: FetchContext, search: str, buyer: str) -> dict[str, tuple[str | None, str | None]]:
    """tender id -> (dateModified, year from the tenderID) of every tender whose buyer is this EDRPOU code."""
    found: dict[str, tuple[str | None, str | None]] = {}
    for page in range(1, MAX_PAGES + 1):
        ctx.progress(f"  Prozorro search: buyer {buyer}, page {page} …")
        response = ctx.client.request(search, data={"edrpou": buyer, "page": page}, accept="application/json")
        doc = parse_json(response.body, response.url, "the search answer")
        if not isinstance(doc, dict) or not isinstance(doc.get("data"), list):
            raise FetchError(f"{response.url}: not Prozorro's search answer (no data list)")
        for item in doc["data"]:
            identifier = ((item.get("procuringEntity") or {}).get("identifier") or {}).get("id")
            tender_id = str(item.get("id", ""))
            if identifier != buyer or not TENDER_ID.match(tender_id):
                continue
            match = re.match(r"^UA-(\d{4})-", str(item.get("tenderID", "")))
            found[tender_id] = (item.get("dateModified"), match.group(1) if match else None)
        per_page = int(doc.get("per_page") or len(doc["data"]) or 1)
        if not doc["data"] or page * per_page >= int(doc.get("total") or 0):
            break
    return found
