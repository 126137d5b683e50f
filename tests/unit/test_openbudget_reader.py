"""The openbudget reader: formats by header, period types, field counts, quoting, encodings."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.sources.base import FileFormatError, decode_file
from etl.sources.openbudget import FORMATS, detect_format, month_of, period_type_of, read_openbudget
from tests.conftest import FIXTURES, SAMPLES


def decoded(tmp_path: Path, text: str | bytes, name: str = "f.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return decode_file(path, f"openbudget/{name}")


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("REP_PERIOD;FUND_TYP;COD_BUDGET;COD_INCO;NAME_INC;ZAT_AMT;PLANS_AMT;FAKT_AMT", "openbudget_incomes"),
        (
            "REP_PERIOD;FUND_TYP;COD_BUDGET;COD_CONS_MB_PK;COD_CONS_MB_PK_NAME;COD_CONS_MB_FK;COD_CONS_MB_FK_NAME;"
            "COD_CONS_EK;COD_CONS_EK_NAME;ZAT_AMT;PLANS_AMT;FAKT_AMT",
            "openbudget_expenses_program",
        ),
        (
            "REP_PERIOD;FUND_TYP;COD_BUDGET;COD_CONS_MB_FK;COD_CONS_MB_FK_NAME;ZAT_AMT;PLANS_AMT;FAKT_AMT",
            "openbudget_expenses_functional",
        ),
        (
            "REP_PERIOD;FUND_TYP;COD_BUDGET;COD_CONS_EK;COD_CONS_EK_NAME;ZAT_AMT;PLANS_AMT;FAKT_AMT",
            "openbudget_expenses_economic",
        ),
        # Another order, lower case and an extra column are fine: columns are found by name.
        ("fakt_amt;REP_PERIOD;COD_BUDGET;FUND_TYP;EXTRA;COD_INCO;NAME_INC;ZAT_AMT", "openbudget_incomes"),
    ],
)
def test_format_is_recognised_by_header(header: str, key: str) -> None:
    fmt, _ = detect_format(header.split(";"), "openbudget/x.csv")
    assert fmt.key == key


def test_missing_column_names_the_file_and_the_expected_header() -> None:
    with pytest.raises(FileFormatError) as err:
        detect_format(["REP_PERIOD", "FUND_TYP", "COD_BUDGET", "COD_INCO", "NAME_INC", "ZAT_AMT"], "openbudget/a.csv")
    message = str(err.value)
    assert "openbudget/a.csv" in message and "FAKT_AMT" in message and "COD_INCO" in message


def test_unknown_header_lists_every_expected_format() -> None:
    with pytest.raises(FileFormatError) as err:
        detect_format(["date", "amount"], "openbudget/b.csv")
    message = str(err.value)
    assert "openbudget/b.csv" in message
    for fmt in FORMATS:
        assert fmt.example_header in message


@pytest.mark.parametrize(
    ("name", "months", "expected"),
    [
        ("local_2555900000_INCOMES_2023_quarter.csv", {3, 6, 9}, "quarter"),
        ("local_1_INCOMES_2023_QUARTER.csv", {3}, "quarter"),
        ("local_1_INCOMES_2023_month.csv", {3, 6, 9}, "month"),
        ("export.csv", {3, 6, 9, 12}, "quarter"),
        ("export.csv", {1, 2, 3}, "month"),
        ("export.csv", {6}, "month"),
    ],
)
def test_period_type_from_name_then_months(name: str, months: set[int], expected: str) -> None:
    assert period_type_of(f"openbudget/{name}", months) == expected


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("03.2023", 3),
        ("12.2024", 12),
        ("31.01.2024", 1),
        ("2024-06-30", 6),
        ("2024-07", 7),
        ("Q1 2024", None),
        ("", None),
    ],
)
def test_month_of_reporting_period(text: str, month: int | None) -> None:
    assert month_of(text) == month


def test_reads_fixture_rows_with_lines_and_quoted_names(tmp_path: Path) -> None:
    path = FIXTURES / "openbudget" / "local_2551400000_INCOMES_2024_month.csv"
    fmt, table, rejections = read_openbudget(decode_file(path, "openbudget/" + path.name))
    assert fmt.key == "openbudget_incomes"
    assert rejections == []
    assert table.num_rows == 12
    rows = table.to_pylist()
    assert rows[0]["source_line"] == 2 and rows[-1]["source_line"] == 13
    assert {r["period_type"] for r in rows} == {"month"}
    quoted = next(r["name"] for r in rows if r["code"] == "25010100")
    assert quoted == 'Плата за послуги, що надаються бюджетними установами; "власні" надходження'


def test_wrong_field_count_is_rejected_with_line_and_raw_text(tmp_path: Path) -> None:
    text = (
        "REP_PERIOD;FUND_TYP;COD_BUDGET;COD_INCO;NAME_INC;ZAT_AMT;PLANS_AMT;FAKT_AMT\r\n"
        "01.2024;T;2551400000;11010100;ПДФО;10;0;5\r\n"
        "01.2024;T;2551400000;11010400;ПДФО інше;10;0\r\n"
        "\r\n"
        "01.2024;T;2551400000;11010500;ПДФО декларування;10;0;1\r\n"
    )
    _, table, rejections = read_openbudget(decoded(tmp_path, text))
    assert table.num_rows == 2
    assert [r.line_number for r in rejections] == [3]
    assert "expected 8 fields" in rejections[0].reason and "found 7" in rejections[0].reason
    assert rejections[0].raw_text == "01.2024;T;2551400000;11010400;ПДФО інше;10;0"
    assert table.column("source_line").to_pylist() == [2, 5]


def test_windows_1251_and_bom_are_decoded(tmp_path: Path) -> None:
    text = (
        "REP_PERIOD;FUND_TYP;COD_BUDGET;COD_INCO;NAME_INC;ZAT_AMT;PLANS_AMT;FAKT_AMT\r\n"
        "01.2024;T;2551400000;18010500;Земельний податок з юридичних осіб;10;0;5\r\n"
    )
    cp = decoded(tmp_path, text.encode("cp1251"), "cp.csv")
    bom = decoded(tmp_path, b"\xef\xbb\xbf" + text.encode("utf-8"), "bom.csv")
    assert cp.encoding == "cp1251" and bom.encoding == "utf-8"
    for d in (cp, bom):
        _, table, _ = read_openbudget(d)
        assert table.column("name").to_pylist() == ["Земельний податок з юридичних осіб"]


def test_empty_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileFormatError, match="empty"):
        read_openbudget(decoded(tmp_path, ""))


def _both_paths(d, monkeypatch: pytest.MonkeyPatch):
    """The file read by Arrow (the fast path) and by Python's CSV reader (the path for files Arrow cannot number)."""
    fast = read_openbudget(d)
    with monkeypatch.context() as m:
        m.setattr("etl.sources.openbudget.read_text_columns", lambda *_: None)
        slow = read_openbudget(d)
    return fast, slow


def test_arrow_and_row_by_row_paths_give_the_same_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from demo.files import demo_files
    from hromada.settings import load_settings

    files = demo_files(load_settings(), until=(2025, 3))
    program = next(rel for rel in files if "EXPENSES_PROGRAM_2025" in rel)
    candidates = [
        decode_file(FIXTURES / "openbudget" / "local_2551400000_INCOMES_2024_month.csv", "openbudget/fixture.csv"),
        decoded(tmp_path, files[program], "program.csv"),
    ]
    sample = SAMPLES / "openbudget" / "local_2555900000_INCOMES_2023_quarter.csv"
    if sample.exists():
        candidates.append(decode_file(sample, "openbudget/" + sample.name))
    for d in candidates:
        (fmt_fast, fast, rej_fast), (fmt_slow, slow, rej_slow) = _both_paths(d, monkeypatch)
        assert fmt_fast == fmt_slow and rej_fast == rej_slow == []
        assert fast.num_rows > 0 and fast.equals(slow), d.rel_path


def test_a_file_arrow_cannot_number_goes_row_by_row_with_exact_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A quoted line break inside a name makes a record two lines: every later line number must still be exact."""
    text = (
        "REP_PERIOD;FUND_TYP;COD_BUDGET;COD_INCO;NAME_INC;ZAT_AMT;PLANS_AMT;FAKT_AMT\r\n"
        '01.2024;T;2551400000;11010100;"ПДФО\r\nз доходів";10;0;5\r\n'
        "01.2024;T;2551400000;11010400;ПДФО інше;10;0;7\r\n"
    )
    _, table, rejections = read_openbudget(decoded(tmp_path, text))
    assert rejections == [] and table.column("source_line").to_pylist() == [2, 4]
    assert table.column("name").to_pylist()[0] == "ПДФО\r\nз доходів"
