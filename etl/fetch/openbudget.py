"""openbudget.gov.ua: the budget's monthly execution, incomes and expenses by programme, function and economic code.

`GET /api/public/localBudgetData?budgetCode=&budgetItem=INCOMES|EXPENSES&classificationType=…&period=MONTH&year=`
on the API host answers a `;`-separated CSV in windows-1251 with year-to-date amounts: the same export the
site's download button gives, so it is stored as it comes and the build reads it like a hand-placed file.
When hromada.toml has no budget code, the site's budget list (`/api/localBudgets/aboutBudgets/plain/CSV`,
windows-1251 with a title line) is searched for the hromada's KATOTTG code.
"""

from __future__ import annotations

import csv
import io
import re

from etl.fetch.context import Failures, FetchContext, check_csv, settled
from etl.fetch.http import FetchError
from etl.fetch.store import Licence, SourceStore

SOURCE = "openbudget"
TITLE = "openbudget.gov.ua (Ministry of Finance of Ukraine)"
LICENCE = Licence(
    "CC BY 4.0",
    "https://creativecommons.org/licenses/by/4.0/",
    "Бюджетні дані: openbudget.gov.ua, Міністерство фінансів України (CC BY 4.0)",
)
# (budgetItem, classificationType, the column that tells the export apart, the file name's part)
EXPORTS = (
    ("INCOMES", None, "COD_INCO", "INCOMES"),
    ("EXPENSES", "PROGRAM", "COD_CONS_MB_PK", "EXPENSES_PROGRAM"),
    ("EXPENSES", "FUNCTIONAL", "COD_CONS_MB_FK", "EXPENSES_FUNCTIONAL"),
    ("EXPENSES", "ECONOMIC", "COD_CONS_EK", "EXPENSES_ECONOMIC"),
)
# The annual report is final by March of the next year; a year fetched after that is not fetched again.
FINAL_FROM = (3, 1)
BUDGET_CODE = re.compile(r"^\d{10,11}$")


def fetch(ctx: FetchContext, store: SourceStore) -> str:
    code = ctx.settings.budget_code or find_budget_code(ctx)
    if not BUDGET_CODE.match(code):
        raise FetchError(f"budget code {code!r} in hromada.toml is not 10 digits (11 before 2021)")
    api = ctx.config.url("openbudget_api") + "/api/public/localBudgetData"
    empty: dict[int, list[str]] = {}
    failures = Failures()
    for year in ctx.years:
        for export in EXPORTS:
            with failures.attempt():
                if not _one_export(ctx, store, api, code, year, export):
                    empty.setdefault(year, []).append(export[3].lower())
    failures.raise_if_any()
    return f"budget {code}" + _nothing_published(empty)


def _one_export(
    ctx: FetchContext, store: SourceStore, api: str, code: str, year: int, export: tuple[str, str | None, str, str]
) -> bool:
    """One year of one export stored (or still current); False when the service has nothing for it."""
    item, classification, marker, label = export
    names = [f"openbudget/local_{code}_{label}_{year}_{period}.csv" for period in ("month", "quarter")]
    held = next((rel for rel in names if store.entry(rel) is not None), None)
    if held and settled(store.entry(held), year, ctx.today, FINAL_FROM):
        store.keep(held)
        return True
    params: dict[str, object] = {"budgetCode": code, "budgetItem": item, "period": "MONTH", "year": year}
    if classification:
        params["classificationType"] = classification
    ctx.progress(f"  openbudget {year} {label.lower()} …")
    response = ctx.client.request(api, params=params, accept="text/csv")
    text = response.text()
    required = ("REP_PERIOD", "FUND_TYP", marker)
    rows = check_csv(text, response.url, ";", required, "an openbudget export") if text.strip() else 0
    if rows == 0:
        return False
    # The service names a quarterly export so (local_…_quarter.csv); the build reads the period from the name.
    quarterly = "_quarter" in response.headers.get("content-disposition", "").lower()
    store.write(names[1] if quarterly else names[0], response.body, response, year=year, rows=rows)
    return True


def _nothing_published(empty: dict[int, list[str]]) -> str:
    """'; nothing published for 2019, 2020; not yet for 2026 expenses_economic' (whole years said once)."""
    whole = [str(year) for year, labels in empty.items() if len(labels) == len(EXPORTS)]
    partial = [f"{year} {', '.join(labels)}" for year, labels in empty.items() if len(labels) < len(EXPORTS)]
    text = f"; nothing published for {', '.join(whole)}" if whole else ""
    return text + (f"; not (yet) for {'; '.join(partial)}" if partial else "")


def find_budget_code(ctx: FetchContext) -> str:
    """The budget code of the hromada, from the site's list of local budgets, by its KATOTTG code."""
    url = ctx.config.url("openbudget_site") + "/api/localBudgets/aboutBudgets/plain/CSV"
    year = ctx.years[-1]
    response = ctx.client.request(url, params={"year": year}, accept="text/csv")
    text = response.text()
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines[:3]) if line.count(";") >= 2), None)
    if start is None:
        raise FetchError(f"{response.url}: not the list of local budgets (no `;`-separated table); nothing chosen")
    reader = csv.DictReader(io.StringIO("\n".join(lines[start:])), delimiter=";")
    code_column = next(
        (h for h in reader.fieldnames or [] if h.strip().lower() in ("budgetcode", "codebudget", "код бюджету")), None
    )
    if code_column is None:
        raise FetchError(f"{response.url}: the list of local budgets has no budget code column; set budget_code")
    matches = []
    for row in reader:
        if any((value or "").strip() == ctx.settings.katottg for value in row.values()):
            matches.append(row)
    codes = sorted(c for c in {(row.get(code_column) or "").strip() for row in matches} if BUDGET_CODE.match(c))
    if not codes:
        raise FetchError(
            f"no budget in openbudget's list of {year} carries the KATOTTG code {ctx.settings.katottg}; "
            "find the hromada on openbudget.gov.ua and write its budget code into hromada.toml (budget_code)"
        )
    chosen = next((c for c in codes if len(c) == 10), codes[0])
    name = next((row.get(h, "") for row in matches for h in row if h and "name" in h.lower() and row.get(h)), "")
    ctx.progress(
        f"  budget code {chosen} chosen for {ctx.settings.katottg}{f' ({name})' if name else ''} from openbudget's "
        "list; write it into hromada.toml (budget_code) to skip this look-up"
    )
    return chosen
