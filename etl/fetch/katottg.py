"""The hromada's rows of the KATOTTG codifier, from the national extract in data/reference: no network needed.

Written as `katottg/kodifikator_<hromada code>.csv` in the official layout, it tells the build the names and
kinds of the hromada's settlements, whichever hromada hromada.toml names.
"""

from __future__ import annotations

from etl.fetch.context import FetchContext
from etl.fetch.http import FetchError, Response
from etl.fetch.store import Licence, SourceStore
from etl.reference import CODIFIER, EDITION, hromada_units, slice_csv

SOURCE = "katottg"
TITLE = f"KATOTTG codifier ({EDITION}), from data/reference"
LICENCE = Licence(
    "Public information (official codifier)",
    "https://mtu.gov.ua/",
    "Кодифікатор КАТОТТГ: Міністерство розвитку громад та територій України",
)
OFFLINE = True  # read from the repository, so it runs with --offline too


def fetch(ctx: FetchContext, store: SourceStore) -> str:
    units = hromada_units(ctx.settings.katottg)
    if not units:
        raise FetchError(
            f"the KATOTTG code {ctx.settings.katottg} is not a hromada in the codifier ({EDITION}); check hromada.toml"
        )
    body = slice_csv(units)
    response = Response(
        url=CODIFIER.relative_to(CODIFIER.parents[2]).as_posix(),
        status=200,
        body=body,
        content_type="text/csv",
        charset="utf-8",
        headers={},
        fetched_at=ctx.now,
    )
    store.write(f"katottg/kodifikator_{ctx.settings.katottg}.csv", body, response, edition=EDITION)
    settlements = sum(u.category in ("M", "X", "C", "T") for u in units)
    return f"{units[2].name}: {settlements} settlements"
