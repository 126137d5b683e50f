"""A table's open buttons: one on each row with somewhere to go, and none where there is nothing to open."""

from __future__ import annotations

import pandas as pd
import pytest

from hromada import row_links


def test_a_button_on_each_row_with_a_target_and_none_elsewhere() -> None:
    frame = pd.DataFrame({"name": ["School", "Unknown meter", "Library"]})
    config = row_links.buttons(
        frame,
        "link",
        page="building",
        targets=[{"building": "B-1"}, None, {"building": "B-3"}],
        key="test_open",
        header="Details",
        label="open",
    )
    assert list(frame["link"].isna()) == [False, True, False]
    assert set(frame["link"].dropna()) == {"open"}
    assert set(config) == {"link"}


def test_targets_that_do_not_match_the_rows_are_refused() -> None:
    """A target list out of step with the table would open another row's page: refused, naming the table."""
    frame = pd.DataFrame({"name": ["School", "Library"]})
    with pytest.raises(ValueError, match="1 targets for 2 rows of table test_open"):
        row_links.buttons(
            frame,
            "link",
            page="building",
            targets=[{"building": "B-1"}],
            key="test_open",
            header="Details",
            label="open",
        )
