"""Plain words for the technical terms on our pages.

Each page lists the terms it uses; its header shows them under "What these words mean", and the Data page shows
them all. The explanations live in the locale catalogues (`[glossary.<term>]`), so each language has its own.
"""

from __future__ import annotations

import streamlit as st

from hromada.i18n import catalogue, language, t

# The terms each page uses, by the page's catalogue section, in the order a reader meets them.
PAGE_TERMS: dict[str, tuple[str, ...]] = {
    "overview": ("cash_execution", "own_revenue", "capital_spending", "general_fund", "special_fund"),
    "budget": (
        "cumulative",
        "cash_execution",
        "general_fund",
        "special_fund",
        "income_classification",
        "program_classification",
        "functional_classification",
        "kekv",
    ),
    "money": ("pdfo", "transfers", "own_revenue", "capital_spending"),
    "projects": ("at_risk", "prozorro", "dfrr", "cash_execution"),
    "built": ("prozorro", "at_risk"),
    "invest": ("npv", "irr", "discount_rate", "payback"),
    "energy": ("eui", "mwh", "kekv", "degree_day", "baseline", "retrofit", "g14"),
    "building": ("eui", "mwh", "degree_day", "baseline", "retrofit", "g14"),
    "participation": ("e_petition", "participatory_budget", "tsnap", "median"),
    "deputies": ("roll_call", "with_majority"),
    "map": ("per_1000", "starosta_district", "katottg"),
    "bulletin": ("starosta_district",),
    "data": ("katottg", "edrpou", "prozorro", "ocds", "cmu835"),
}


def terms() -> list[str]:
    """Every term the catalogues explain."""
    return sorted({key.split(".")[1] for key in catalogue("uk") if key.startswith("glossary.") and key.count(".") == 2})


def _entries(names: tuple[str, ...] | list[str]) -> str:
    return "\n".join(f"- **{t(f'glossary.{name}.term')}** — {t(f'glossary.{name}.text')}" for name in names)


def explain(page: str) -> None:
    """The page's terms in a closed expander under its header; nothing for a page without terms."""
    names = PAGE_TERMS.get(page)
    if names:
        with st.expander(t("glossary.title"), icon=":material/menu_book:"):
            st.markdown(_entries(names))


def everything() -> None:
    """Every term, in the alphabetical order of the reader's language."""
    lang = language()
    ordered = sorted(terms(), key=lambda name: t(f"glossary.{name}.term", lang).lower().strip("«“"))
    st.markdown(_entries(ordered))
