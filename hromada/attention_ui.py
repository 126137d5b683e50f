"""The overview's "Needs attention": each concern with its count, the worst items and the reason beside each."""

from __future__ import annotations

import streamlit as st

from hromada.formatting import day, money, number, percent
from hromada.i18n import t
from hromada.metrics.attention import Concern, Item
from hromada.metrics.budget import Flag
from hromada.ui import md_escape, page_link

ICONS = {
    "budget": ":material/account_balance_wallet:",
    "projects": ":material/construction:",
    "procurement": ":material/gavel:",
    "energy_errors": ":material/error:",
    "energy_anomalies": ":material/bolt:",
    "appeals": ":material/schedule:",
    "petitions": ":material/campaign:",
}
_MONEY = {"spent", "budget", "added", "cut", "gap"}
_DATES = {"due", "since"}
_COUNTS = {"days", "signatures"}


def reason_text(flag: Flag) -> str:
    """A reason in words, its figures formatted by what they are (amounts, dates, counts, shares, months)."""
    values = {}
    for name, value in flag.values.items():
        if name in _MONEY:
            values[name] = money(value)
        elif name in _DATES:
            values[name] = day(value)
        elif name in _COUNTS:
            values[name] = number(value)
        elif name == "month":
            values[name] = t(f"months.m{int(value)}")
        elif name == "detail":
            values[name] = str(value)
        else:
            values[name] = percent(value)
    return t(flag.key, **values)


def item_line(item: Item) -> str:
    """ "- **name** — reason; reason" as markdown, every piece of data escaped."""
    reasons = "; ".join(md_escape(reason_text(r)) for r in item.reasons)
    return f"- **{md_escape(item.name)}** — {reasons}" if item.name else f"- {reasons}"


def render(concerns: list[Concern]) -> None:
    """All concerns in two columns on a wide screen, one under another on a phone."""
    st.subheader(t("attention.title"), anchor="attention")
    if not concerns:
        st.success(t("attention.none"), icon=":material/check_circle:")
        return
    st.caption(t("attention.help", count=number(sum(c.count for c in concerns))))
    # Row by row, two to a row: on a phone the columns stack, and the order stays the order of importance.
    for start in range(0, len(concerns), 2):
        for column, concern in zip(st.columns(2), concerns[start : start + 2], strict=False):
            with column.container(border=True, key=f"attention-{concern.domain}"):
                _concern(concern)


def _concern(concern: Concern) -> None:
    """The concern's heading and its worst items as one block of text (one element for the browser to draw rather
    than two: the overview is the page every council member opens first), then the link to its page."""
    heading = (
        f"{ICONS.get(concern.domain, ':material/flag:')} **{md_escape(t(f'attention.{concern.domain}'))}: "
        f"{number(concern.count)}**"
    )
    lines = [item_line(item) for item in concern.items]
    if concern.count > len(concern.items) and concern.items:
        lines.append(f"- {md_escape(t('attention.more', count=number(concern.count - len(concern.items))))}")
    st.markdown("\n\n".join([heading, "\n".join(lines)]))
    page_link(concern.page, t(f"attention.open_{concern.page}"), ":material/arrow_forward:")
