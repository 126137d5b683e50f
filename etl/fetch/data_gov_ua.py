"""Council roll-call votes and e-petitions the council publishes on data.gov.ua (CKAN), by its EDRPOU code.

`GET /api/3/action/package_search?q=<EDRPOU>` lists the council's datasets; those of the national open-data
sets for roll-call votes (Resolution 835, appendix 29) and e-petitions (appendix 34) are recognised by their
titles, and their CSV and XLSX resources are downloaded into the folders the build reads them from. A resource
is fetched again only when its last_modified has changed.
"""

from __future__ import annotations

import re

from etl.fetch.context import FetchContext, NotConfigured, parse_json
from etl.fetch.http import FetchError
from etl.fetch.store import Licence, SourceStore

SOURCE = "data_gov_ua"
TITLE = "data.gov.ua: the council's open data sets (Resolution 835)"
LICENCE = Licence(
    "CC BY 4.0",
    "https://data.gov.ua/",
    "Відкриті дані ради: data.gov.ua (CC BY 4.0)",
)
KINDS = (
    (re.compile(r"поіменн|голосуван|roll.?call|vote", re.I), "council_votes"),
    (re.compile(r"петиці|petition", re.I), "participation"),
)
FORMATS = {"csv": "csv", "xlsx": "xlsx"}
RESOURCE_ID = re.compile(r"^[0-9a-zA-Z-]{8,64}$")


def fetch(ctx: FetchContext, store: SourceStore) -> str:
    edrpou = ctx.config.council_edrpou
    if not edrpou:
        raise NotConfigured("no council_edrpou in hromada.toml [fetch] (the council's EDRPOU code on data.gov.ua)")
    url = ctx.config.url("ckan") + "/api/3/action/package_search"
    ctx.progress(f"  data.gov.ua datasets of {edrpou} …")
    response = ctx.client.request(url, params={"q": edrpou, "rows": 100}, accept="application/json")
    doc = parse_json(response.body, response.url, "the dataset list")
    if not isinstance(doc, dict) or not doc.get("success") or not isinstance(doc.get("result"), dict):
        raise FetchError(f"{response.url}: not a CKAN answer (success/result missing)")
    taken: dict[str, int] = {}
    for package in doc["result"].get("results", []):
        title = f"{package.get('title', '')} {package.get('name', '')}"
        folder = next((folder for pattern, folder in KINDS if pattern.search(title)), None)
        if folder is None:
            continue
        for resource in package.get("resources", []):
            extension = FORMATS.get(str(resource.get("format", "")).strip().lower())
            resource_id = str(resource.get("id", ""))
            if extension is None or not RESOURCE_ID.match(resource_id) or not resource.get("url"):
                continue
            rel = f"{folder}/data_gov_ua/{resource_id}.{extension}"
            modified = resource.get("last_modified") or resource.get("metadata_modified")
            entry = store.entry(rel)
            if entry is not None and modified and entry.get("last_modified") == modified:
                store.keep(rel)
                continue
            ctx.progress(f"  {package.get('title', '')[:60]}: {resource.get('name') or resource_id} …")
            download = ctx.client.request(str(resource["url"]))
            store.write(rel, download.body, download, last_modified=modified, dataset=package.get("name"))
            taken[folder] = taken.get(folder, 0) + 1
    if not taken and not store.counts["cached"]:
        store.notes.append(f"no vote or petition datasets of {edrpou} on data.gov.ua")
    return ", ".join(f"{folder}: {n} file(s)" for folder, n in sorted(taken.items())) or "nothing new"
