"""An "open" button on a table's rows that opens the row's own page in the same tab, the reader's session kept.

Streamlit's link columns open every link in a new tab, as a new session, with no setting to do otherwise
(streamlit/streamlit#7464): an older reader on a phone lost the page they came from. A button column answers the
click in the reader's own session, and the page then goes to the row's page, as a page link does.

The click is the row's position in the table as drawn from its data (sorting in the browser does not change it), so
the targets are given in the same order as the rows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import streamlit as st

from hromada.i18n import t
from hromada.ui import own_page, page_params

Target = Mapping[str, str] | None  # the page's own parameters for a row; None: the row has nothing to open


def _follow(key: str, page: str, targets: Sequence[Target]) -> None:
    """Open the page of the row whose button was clicked, when this run is that click's.

    Called before the table is drawn: a reader who clicked goes on at once instead of waiting for the page under
    them to be drawn again."""
    click = st.session_state.get(key)
    if click is None:
        return
    row = click["row"]  # Streamlit has checked it is a whole number
    target = targets[row] if 0 <= row < len(targets) else None
    if target is not None:
        st.switch_page(own_page(page), query_params=page_params(**target))


def buttons(
    frame: pd.DataFrame,
    column: str,
    *,
    page: str,
    targets: Sequence[Target],
    key: str,
    header: str | None = None,
    label: str | None = None,
) -> dict[str, object]:
    """Put `label` ("open" unless given) in `frame`'s `column` on each row with a target (a row without one shows no
    button), follow a click, and return the column's config for the table, headed `header` ("Details")."""
    label = label or t("energy.open_text")
    if len(targets) != len(frame):
        raise ValueError(f"{len(targets)} targets for {len(frame)} rows of table {key}")
    _follow(key, page, targets)
    frame[column] = [label if target is not None else None for target in targets]
    return {column: st.column_config.ButtonColumn(header or t("energy.open"), key=key, alignment="left")}
