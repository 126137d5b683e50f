"""The comparison with other hromadas on the pages: the full section (Budget) and the one-line summary (overview,
Hromada in figures). Every comparison says what it rests on: whose population, counted when, and which peers
were left out for lack of figures."""

from __future__ import annotations

import streamlit as st

from hromada import charts, column_formats, ui
from hromada.formatting import number, percent
from hromada.i18n import language, t
from hromada.metrics import peers as pm
from hromada.metrics.budget import Period
from hromada.settings import PeerSettings
from hromada.translit import transliterate

SHARES = {"income_execution", "own_growth"}  # measures that are shares (shown in per cent), not UAH per resident
SUMMARY_MEASURE = "own_per_resident"


def in_language(text: object) -> str:
    """A name as the register writes it (Ukrainian), transliterated by the national rules on English pages."""
    return transliterate(str(text)) if language() == "en" else str(text)


def value_text(measure: str, value: float | None) -> str:
    if measure in SHARES:
        return percent(value)
    return t("peers.per_resident", amount=number(value))


def _band_text(band: tuple[int, int | None]) -> str:
    low, high = band
    if high is None:
        return t("peers.band_over", low=number(low))
    return t("peers.band", low=number(low), high=number(high))


def group_text(comparison: pm.Comparison) -> str:
    """The rule in words: 'селищні громади · 10 000–20 000 мешканців · усі області'."""
    own, rule = comparison.own, comparison.rule
    parts = [
        t(f"peers.type_{own['hromada_type']}") if rule.same_type else t("peers.any_type"),
        _band_text(comparison.band) if rule.same_band else t("peers.any_size"),
        t("peers.oblast", oblast=ui.md_escape(in_language(own["oblast"])))
        if rule.same_oblast
        else t("peers.any_oblast"),
    ]
    return " · ".join(parts)


def rule_controls(default: PeerSettings, own: dict, band: tuple[int, int | None]) -> PeerSettings:
    """Three switches, each kept in the URL when it differs from the settings' default."""
    st.markdown(f"**{t('peers.choose')}**")
    # One under another: a label with its band or oblast is too long to share a row on any screen.
    same_type = ui.url_switch(
        t("peers.same_type", type=t(f"peers.type_{own['hromada_type']}")), "ptype", default.same_type
    )
    same_band = ui.url_switch(t("peers.same_band", band=_band_text(band)), "pband", default.same_band)
    oblast = ui.md_escape(in_language(own["oblast"]))  # a label is markdown; the oblast comes from a file
    same_oblast = ui.url_switch(t("peers.same_oblast", oblast=oblast), "pobl", default.same_oblast)
    return PeerSettings(same_oblast=same_oblast, same_type=same_type, same_band=same_band)


def caveats(comparison: pm.Comparison) -> str:
    """What the comparison rests on, in one caption (data escaped: names and sources come from a file)."""
    own, period = comparison.own, comparison.period
    years = comparison.table["population_year"]
    first, last = int(years.min()), int(years.max())
    return t(
        "peers.caveat",
        source=ui.md_escape(own["population_source"]),
        year=int(own["population_year"]),
        years=str(first) if first == last else f"{first}–{last}",
        month=t(f"months.m{period.month}"),
        period_year=period.year,
        missing=number(comparison.without_period),
        group=number(comparison.in_group),
        register=number(comparison.in_register),
    )


def render(con, period: Period, settings) -> None:
    """The full comparison: the group, one measure at a time (standing, ranking, neighbours), spending by area."""
    own = pm.register_row(con, period.budget_code)
    if own is None:
        st.info(t("peers.no_register"), icon=":material/info:")
        return
    rule = rule_controls(settings.peers, own, pm.band_of(int(own["population"])))
    comparison = pm.compare(con, period, rule, own)
    st.caption(t("peers.group", group=group_text(comparison)))
    if comparison.peers.empty:
        st.info(t("peers.no_peers"), icon=":material/info:")
        st.caption(caveats(comparison))
        return
    measure = ui.url_choice(
        st.segmented_control,
        t("peers.measure"),
        list(pm.MEASURES),
        "pm",
        format_func=lambda m: t(f"peers.m_{m}"),
    )
    standing = comparison.standing(measure)
    if standing is None:
        st.info(t("peers.no_measure"), icon=":material/info:")
    else:
        ui.metric_row(
            [
                (ui.md_escape(in_language(own["name"])), value_text(measure, standing["value"])),
                (t("peers.card_median"), value_text(measure, standing["median"])),
                (t("peers.card_place"), t("peers.place", place=standing["place"], of=standing["of"])),
                (t("peers.card_percentile"), percent(standing["percentile"], decimals=0), t("peers.percentile_help")),
            ]
        )
        ui.chart(
            charts.peer_ranking(
                comparison.table.assign(name=comparison.table["name"].map(in_language)),
                measure,
                {
                    "title": t(f"peers.m_{measure}"),
                    "value": t(f"peers.m_{measure}"),
                    "median": t("peers.card_median"),
                    "own": in_language(own["name"]),
                    "axis_x": t("peers.axis_x", count=number(standing["of"])),
                    "unit": "%" if measure in SHARES else t("peers.unit_uah"),
                },
                language(),
                share=measure in SHARES,
            ),
            f"peers-ranking-{measure}",
        )
        st.markdown(f"**{t('peers.neighbours')}**")
        column_formats.item_list(
            (
                f"{int(row['place'])}. {in_language(row['name'])}"
                + (f" ({t('peers.yours')})" if row["is_own"] else ""),
                [
                    value_text(measure, row[measure]),
                    in_language(row["oblast"]),
                    t("peers.residents", count=number(row["population"])),
                ],
            )
            for _, row in comparison.neighbours(measure).iterrows()
        )
    lang = language()
    by_area = pm.divisions(con, comparison, lang)
    if not by_area.empty:
        ui.chart(
            charts.peer_divisions(
                by_area,
                {
                    "title": t("peers.divisions_title"),
                    "own": in_language(own["name"]),
                    "peers_median": t("peers.card_median"),
                    "unit": t("peers.unit_uah"),
                },
                lang,
            ),
            "peers-divisions",
        )
    st.caption(caveats(comparison))


def summary(period: Period, settings) -> None:
    """A heading and one line for the overview and Hromada in figures: own revenues per resident against the
    default group, and where to see the whole comparison. Nothing when the hromada is not in the register or has no
    peers with figures."""
    comparison = ui.shared(pm.compare, period, settings.peers)
    standing = comparison.standing(SUMMARY_MEASURE) if comparison else None
    if standing is None:
        return
    st.subheader(t("peers.title"))
    line = t(
        "peers.summary",
        count=number(standing["peers"]),
        group=group_text(comparison),
        value=value_text(SUMMARY_MEASURE, standing["value"]),
        place=standing["place"],
        of=standing["of"],
        median=value_text(SUMMARY_MEASURE, standing["median"]),
    )
    st.markdown(line)
    ui.page_link("budget", t("peers.tab_link"), ":material/arrow_forward:", tab="peers")
    st.caption(caveats(comparison))
