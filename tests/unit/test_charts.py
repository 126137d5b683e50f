"""Figure builders draw what they are given: traces, values, order and labels."""

from __future__ import annotations

import pandas as pd
import pytest

from hromada import charts

LABELS = {
    "executed": "Executed",
    "plan": "Plan",
    "previous": "2025",
    "month": "Month",
    "million_uah": "UAH m",
    "uah_unit": "UAH",
    "root": "Income",
    "other": "Other",
    "year": "Year",
    "per_100": "of 100",
    "income_uah": "Income",
    "own_uah": "Own",
    "expense_uah": "Spending",
    "capital_uah": "Capital",
}


@pytest.fixture()
def monthly() -> pd.DataFrame:
    rows = []
    for year in (2025, 2026):
        ytd = 0.0
        for month in range(1, 13 if year == 2025 else 4):
            ytd += 10e6
            rows.append(
                {"year": year, "month": month, "executed_uah": 10e6, "executed_ytd_uah": ytd, "plan_uah": 130e6}
            )
    return pd.DataFrame(rows)


def test_cumulative_vs_plan(monthly: pd.DataFrame) -> None:
    fig = charts.cumulative_vs_plan(monthly, 2026, LABELS, "en")
    assert [t.name for t in fig.data] == ["2025", "Plan", "Executed"]
    assert list(fig.data[2].y) == [10, 20, 30]  # millions
    assert list(fig.data[1].y) == [130, 130, 130]
    assert fig.layout.yaxis.title.text == "UAH m"


def test_cumulative_without_previous_year(monthly: pd.DataFrame) -> None:
    fig = charts.cumulative_vs_plan(monthly[monthly["year"] == 2026], 2026, LABELS)
    assert [t.name for t in fig.data] == ["Plan", "Executed"]
    assert fig.layout.separators == ", "  # Ukrainian decimal comma


def test_monthly_bars(monthly: pd.DataFrame) -> None:
    fig = charts.monthly_bars(monthly, 2026, LABELS, "en")
    assert [t.type for t in fig.data] == ["bar", "bar"]
    assert len(fig.data[0].x) == 12 and len(fig.data[1].x) == 3


def test_treemap_drops_empty_and_repeated_levels() -> None:
    df = pd.DataFrame(
        {
            "level1": ["A", "A", "B"],
            "level2": ["A", "A", "B"],
            "label": ["1 x", "2 y", "3 z"],
            "executed_uah": [5.0, 0.0, 3.0],
        }
    )
    fig = charts.treemap(df, LABELS, "en")
    (trace,) = fig.data
    assert trace.type == "treemap"
    assert "Income" in list(trace.labels) and "2 y" not in list(trace.labels)
    assert sorted(v for v, lbl in zip(trace.values, trace.labels, strict=True) if lbl in ("1 x", "3 z")) == [3.0, 5.0]
    table = charts.figure_table(fig)  # parts under their parent's name, as a table
    assert any(name.endswith("› 1 x") for name in table.index) and "Income" in table.index


def test_year_comparison_keeps_the_biggest_groups() -> None:
    df = pd.DataFrame(
        {"year": [2025, 2025, 2025, 2026], "level2": ["a", "b", "c", "a"], "executed_uah": [3e6, 2e6, 1e6, 4e6]}
    )
    fig = charts.year_comparison(df, LABELS, "en", top=2)
    assert [t.name for t in fig.data] == ["a", "b", "Other"]


def test_share_bars_sorted_with_largest_on_top() -> None:
    df = pd.DataFrame({"division": ["Education", "Roads"], "share": [0.6, 0.4]})
    fig = charts.share_bars(df, LABELS, "en")
    assert list(fig.data[0].y) == ["Roads", "Education"]
    assert list(fig.data[0].text) == ["40", "60"]


def test_history_marks_partial_years() -> None:
    df = pd.DataFrame(
        {
            "year": [2025, 2026],
            "month": [12, 10],
            "income_uah": [2e6, 1e6],
            "own_uah": [1e6, 1e6],
            "expense_uah": [2e6, 1e6],
            "capital_uah": [0.5e6, 0.1e6],
        }
    )
    fig = charts.history_bars(df, LABELS, "en")
    assert list(fig.data[0].x) == ["2025", "2026*"]
    assert fig.layout.xaxis.type == "category"
    assert [t.name for t in fig.data] == ["Income", "Own", "Spending", "Capital"]


def test_money_by_group() -> None:
    df = pd.DataFrame({"g": ["Roads", "Water"], "b": [2e6, 1e6], "s": [1e6, 0.5e6]})
    fig = charts.money_by_group(df, "g", {"b": "Budget", "s": "Spent"}, LABELS, "en")
    assert [t.name for t in fig.data] == ["Budget", "Spent"]
    assert list(fig.data[0].y) == [2.0, 1.0]


def test_share_line_has_a_percentage_axis() -> None:
    df = pd.DataFrame({"month": ["2026-01", "2026-02"], "a": [10, 20], "b": [5, 5], "share": [0.5, 0.8]})
    fig = charts.share_line(df, "month", {"a": "A", "b": "B"}, "share", {"share": "Share", "count": "N"}, "en")
    assert [t.name for t in fig.data] == ["A", "B", "Share"]
    assert list(fig.data[2].y) == [50, 80]
    assert fig.layout.yaxis2.range == (0, 100) and fig.layout.yaxis.title.text == "N"


def test_baseline_chart_keeps_months_in_order_around_one_left_out() -> None:
    from hromada import energy_charts

    monthly = pd.DataFrame(
        {
            "month": ["2024-01", "2024-02", "2024-03"],
            "period": ["baseline", "excluded", "baseline"],
            "actual_kwh": [1000.0, 3000.0, 900.0],
            "expected_kwh": [950.0, 1000.0, 920.0],
        }
    )
    labels = {"actual": "a", "excluded": "x", "expected": "e", "retrofit": "r", "axis": "MWh", "title": "t"}
    fig = energy_charts.baseline_chart(monthly, None, labels)
    assert list(fig.layout.xaxis.categoryarray) == ["2024-01", "2024-02", "2024-03"]
    assert [trace.name for trace in fig.data] == ["a", "x", "e"]
    assert list(fig.data[1].x) == ["2024-02"]


def test_long_division_names_wrap_instead_of_being_cut_on_a_phone() -> None:
    long = "Економічна діяльність (дороги, транспорт, сільське господарство)"
    df = pd.DataFrame({"division": [long, "Освіта"], "share": [0.09, 0.45]})
    fig = charts.share_bars(df, LABELS, "uk")
    label = fig.data[0].y[0]
    assert label.replace("<br>", " ") == long and all(len(part) <= 24 for part in label.split("<br>"))
    assert fig.data[0].y[1] == "Освіта"


def test_long_titles_wrap_for_a_phone_and_short_ones_stay() -> None:
    import plotly.graph_objects as go

    from hromada.ui import TITLE_LINE_CHARS, wrap_title

    long = go.Figure(layout={"title": {"text": "Енергія на опалення: фактично і з поправкою на погоду"}})
    long.update_layout(margin_t=50)
    wrap_title(long, TITLE_LINE_CHARS)
    lines = long.layout.title.text.split("<br>")
    assert len(lines) == 2 and all(len(line) <= TITLE_LINE_CHARS for line in lines)
    assert " ".join(lines) == "Енергія на опалення: фактично і з поправкою на погоду"
    assert long.layout.margin.t == 72  # room for the second line
    short = go.Figure(layout={"title": {"text": "По місяцях"}})
    wrap_title(short, TITLE_LINE_CHARS)
    assert short.layout.title.text == "По місяцях"


def test_every_chart_reads_as_a_table_in_its_language(monthly: pd.DataFrame) -> None:
    """Months as rows, each series a column, numbers written the chart's language's way."""
    table = charts.figure_table(charts.cumulative_vs_plan(monthly, 2026, LABELS, "uk"))
    assert list(table.columns) == ["2025", "Plan", "Executed"]
    assert table.loc["3", "Executed"] == "30" and table.loc["3", "2025"] == "30"
    assert table.loc["4", "Executed"] == "—"  # the current year has not reached April: missing, not zero
    assert table.loc["12", "Plan"] == "—" and table.loc["1", "Plan"] == "130"
    assert list(table.index) == [str(m) for m in range(1, 13)]  # in the chart's order, not sorted as text
    shares = pd.DataFrame({"division": ["Освіта", "Культура"], "share": [0.4525, 0.05]})
    table = charts.figure_table(charts.share_bars(shares, LABELS, "uk"))
    assert table.iloc[:, 0].to_dict() == {"Культура": "5", "Освіта": "45,2"}


def test_vote_matrix_reads_as_a_table_of_words_not_colours() -> None:
    cells = pd.DataFrame(
        {
            "name": ["Іваненко", "Іваненко", "Петренко"],
            "column": ["№1", "№2", "№1"],
            "vote": ["for", "absent", "against"],
        }
    )
    labels = {"vote_for": "За", "vote_against": "Проти", "vote_absent": "Відсутній", "items": "Питання"}
    table = charts.figure_table(charts.vote_matrix(cells, labels, "uk"))
    assert table.loc["Іваненко"].tolist() == ["За", "Відсутній"]
    assert table.loc["Петренко", "№1"] == "Проти"


def test_schedule_reads_as_dates_from_to() -> None:
    timeline = pd.DataFrame(
        {
            "label": ["Дорога"],
            "planned_start": [pd.Timestamp("2026-03-01")],
            "planned_end": [pd.Timestamp("2026-06-30")],
            "actual_start": [pd.Timestamp("2026-03-15")],
            "actual_end": [pd.Timestamp("2026-08-01")],
        }
    )
    table = charts.figure_table(charts.gantt(timeline, {"planned": "План", "actual": "Факт"}, "uk"))
    assert table.loc["Дорога", "План"] == "01.03.2026 – 30.06.2026"
    assert table.loc["Дорога", "Факт"] == "15.03.2026 – 01.08.2026"


def test_peer_ranking_sorts_highlights_and_draws_the_peers_median() -> None:
    table = pd.DataFrame(
        {
            "name": ["A", "Ours", "B", "C"],
            "is_own": [False, True, False, False],
            "own_per_resident": [100.0, 250.0, 300.0, float("nan")],
        }
    )
    labels = {"value": "v", "median": "median", "own": "Ours", "axis_x": "x", "unit": "UAH", "title": "t"}
    fig = charts.peer_ranking(table, "own_per_resident", labels, "en")
    bars, median = fig.data
    assert list(bars.x) == ["B", "Ours", "A"]  # highest first; no figure, no bar
    assert list(bars.marker.color) == [charts.COLOURS["previous"], charts.COLOURS["plan"], charts.COLOURS["previous"]]
    assert set(median.y) == {200.0}  # the peers' (not ours): 100 and 300
    assert fig.layout.annotations[0].text == "Ours"
    shares = charts.peer_ranking(
        table.assign(own_per_resident=[0.5, 0.25, 0.75, None]), "own_per_resident", labels, "en", share=True
    )
    assert list(shares.data[0].y) == [75.0, 50.0, 25.0]


def test_peer_divisions_puts_ours_beside_the_median_per_area() -> None:
    divisions = pd.DataFrame({"division": ["Освіта", "Культура"], "own": [30.0, 5.0], "peers_median": [50.0, None]})
    labels = {"own": "Ours", "peers_median": "Median", "unit": "UAH", "title": "t"}
    fig = charts.peer_divisions(divisions, labels, "uk")
    assert [trace.name for trace in fig.data] == ["Median", "Ours"]
    assert list(fig.data[1].x) == [5.0, 30.0]  # largest on top: plotly draws the first category at the bottom
    table = charts.figure_table(fig)
    assert table.loc["Освіта", "Ours"] == "30" and table.loc["Культура", "Median"] == "—"
