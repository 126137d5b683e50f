"""Table columns formatted by what their name says they hold, so pages name a column's header and nothing else.

Our columns carry their unit in the name (`cost_uah`, `avoided_mwh`, `saved_share`, `heating_eui`,
`retrofit_date`); the unit decides how many decimals a number shows. A page passes `{column: header}` to
`config`; a column that needs more than its unit (a link, a progress bar, a wider text) passes its own column
object, made with `number` or `percent` here when it holds a number.

Numbers are "localized": the grid formats them with the browser's number conventions, which the page sets to
its interface language (see `ui.print_button`), so a Ukrainian page shows «1 234,5» and an English one
"1,234.5". A printf format ("%.1f") would show a decimal point on a Ukrainian page.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager

import streamlit as st

from hromada.i18n import language

# (name endings, decimals shown); the first that matches wins. None: a fraction shown as a percentage.
NUMBER_FORMATS: tuple[tuple[tuple[str, ...], int | None], ...] = (
    (("_share",), None),
    (("_uah", "amount", "area_m2", "population"), 0),  # money and counts: thousands separated, whole hryvnias
    (("eui", "_per_occupant", "per_resident", "cost_per_m2"), 0),  # kWh or UAH per m² or per person
    (("mwh", "co2_t", "_years", "per_1000", "_days"), 1),
    (("_ha",), 2),
)
PLAIN_WHOLE = ("year", "_line", "line_number")  # a year or a line number: no thousands separator
DATE_ENDINGS = ("date", "_end", "_from", "latest")
DATE_FORMATS = {"uk": "DD.MM.YYYY", "en": "D MMM YYYY"}  # ДСТУ's day.month.year; English spelled out


def derived(name: str, lang: str | None = None) -> tuple[str, str | int | None] | None:
    """(column kind, format or decimals) that a column's name implies, or None for text and plain numbers."""
    date_format = DATE_FORMATS["en" if (lang or language()) == "en" else "uk"]
    if name.endswith("_at"):
        return "datetime", f"{date_format} HH:mm"
    if name.endswith(DATE_ENDINGS):
        return "date", date_format
    if name.endswith(PLAIN_WHOLE):
        return "whole", "%d"
    if name.endswith("_pct"):
        return "progress", "%d%%"
    for endings, decimals in NUMBER_FORMATS:
        if name.endswith(endings):
            return ("percent", 1) if decimals is None else ("number", decimals)
    return None


def number(header: str, decimals: int = 0, **kwargs) -> st.column_config.NumberColumn:
    """A number in the page's language's conventions with a fixed number of decimals."""
    return st.column_config.NumberColumn(header, format="localized", step=10**-decimals if decimals else 1, **kwargs)


def percent(header: str, decimals: int = 0, **kwargs) -> st.column_config.NumberColumn:
    """A fraction (0.25) shown as a percentage (25 %, «25 %» in Ukrainian) with `decimals` after the point."""
    return st.column_config.NumberColumn(header, format="percent", step=10 ** -(decimals + 2), **kwargs)


def progress(header: str, fraction: bool = False, **kwargs) -> st.column_config.ProgressColumn:
    """A bar with its percentage: of a fraction (0.25, e.g. attendance) or of a percent (25, e.g. progress_pct)."""
    if fraction:
        return st.column_config.ProgressColumn(header, min_value=0, max_value=1, format="percent", **kwargs)
    return st.column_config.ProgressColumn(header, min_value=0, max_value=100, format="%d%%", **kwargs)


def date(header: str, **kwargs) -> st.column_config.DateColumn:
    """A date as the page's language writes it (02.12.2026; 2 Dec 2026)."""
    return st.column_config.DateColumn(header, format=DATE_FORMATS["en" if language() == "en" else "uk"], **kwargs)


def config(columns: Mapping[str, object]) -> dict[str, object]:
    """Streamlit column_config from {column: header or column object}: a header gets the format its column's
    name implies; a column object is kept as it is."""
    out: dict[str, object] = {}
    for name, spec in columns.items():
        kind = derived(name) if isinstance(spec, str) else None
        if kind is None:
            out[name] = spec
        elif kind[0] == "number":
            out[name] = number(spec, kind[1])
        elif kind[0] == "percent":
            out[name] = percent(spec, kind[1])
        elif kind[0] == "progress":
            out[name] = progress(spec)
        elif kind[0] == "whole":
            out[name] = st.column_config.NumberColumn(spec, format=kind[1])
        elif kind[0] == "date":
            out[name] = date(spec)
        else:
            out[name] = st.column_config.DatetimeColumn(spec, format=kind[1])
    return out


MISSING = "—"  # a missing value, instead of the grid's "None"


def table(data, **kwargs):
    """st.dataframe as every page shows one: a dash where a value is missing (the grid's default is the word
    "None", which means nothing to a resident), and the number formats above."""
    kwargs.setdefault("placeholder", MISSING)
    return st.dataframe(data, **kwargs)


@contextmanager
def wide(key: str) -> Iterator[None]:
    """A table for wide screens; a phone (under 640 px) and paper show the `cards` of the same key instead, since a
    grid there shows one or two columns and prints only what is scrolled into view. The switch is CSS
    (ui.PAGE_CSS), so nothing depends on knowing the screen."""
    with st.container(key=f"wide-{key}"):
        yield


def item_list(rows: Iterable[tuple[str, Sequence[str | None]]]) -> None:
    """Rows as a list: each row's name in bold and its figures under it, every one in view at any width."""
    from hromada.ui import md_escape

    lines = [
        f"- **{md_escape(title)}**  \n  " + " · ".join(md_escape(d) for d in details if d) for title, details in rows
    ]
    st.markdown("\n".join(lines) or MISSING)


def cards(key: str, rows: Iterable[tuple[str, Sequence[str | None]]]) -> None:
    """The rows of the `wide` table of the same key as an item_list, for phones and paper."""
    with st.container(key=f"cards-{key}"):
        item_list(rows)
