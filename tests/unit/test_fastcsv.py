"""The column-at-a-time reader gives what the row-by-row reader gives: values, rejections, lines, messages."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from etl.sources import fastcsv, tabular
from etl.sources.base import decode_file
from etl.sources.energy import METER_PERIODS, READINGS
from etl.sources.fastcsv import read_columns
from etl.sources.weather import DAILY


def _read(path: Path, fields, unique: str | None, fast: bool, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(tabular, "FAST_PATH_MIN_LINES", 0 if fast else 10**12)
    decoded = decode_file(path, path.name)
    return tabular.read_table(path, path.name, decoded, fields, "test", allow_unknown=True, unique=unique)


def _same(path: Path, fields, unique: str | None, monkeypatch: pytest.MonkeyPatch, taken: bool = True) -> tuple:
    results = []

    def spy(*args, **kwargs):
        results.append(read_columns(*args, **kwargs))
        return results[-1]

    monkeypatch.setattr(tabular, "read_columns", spy)
    slow_table, slow_rej, slow_read = _read(path, fields, unique, False, monkeypatch)
    fast_table, fast_rej, fast_read = _read(path, fields, unique, True, monkeypatch)
    assert len(results) == 1 and (results[0] is not None) == taken  # the column path ran (or declined)
    assert fast_read == slow_read
    assert fast_rej == slow_rej
    assert fast_table.schema == slow_table.schema
    assert fast_table.to_pylist() == slow_table.to_pylist()
    return fast_table, fast_rej


@pytest.mark.parametrize("distinct_limit", [None, 0, 10**9], ids=["as-shipped", "every-column-typed", "every-value"])
def test_meter_template_with_every_kind_of_mistake(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, distinct_limit: int | None
) -> None:
    """The same rows and messages whichever way each column is parsed: by Arrow with Python for the leftovers,
    or one distinct value at a time."""
    if distinct_limit is not None:
        monkeypatch.setattr(fastcsv, "UNIQUE_ALWAYS", distinct_limit)
        monkeypatch.setattr(fastcsv, "UNIQUE_SHARE", 0 if distinct_limit == 0 else 1)
    rng = random.Random(5)
    good = "B{b};M{b};{u};{unit};2025-{m:02d}-01;2025-{m:02d}-28;{h};;{i};{a};{e};6"
    rows = []
    for n in range(30_000):  # enough distinct amounts to take the typed path
        rows.append(
            good.format(
                b=n % 50,
                u=rng.choice(["gas", "Electricity", "heat"]),
                unit=rng.choice(["m3", "KWH", "Gcal"]),
                m=n % 12 + 1,
                h=rng.choice(["", "3"]),
                i=rng.choice(["", f"{rng.uniform(0, 1e5):.2f}"]),
                a=f"{rng.uniform(-5, 500):.3f}".replace(".", ",") if n % 3 else "",
                e=rng.choice(["", "так", "ні"]),
            )
        )
    mistakes = {
        5: "B1;M1;coal;t;2025-01-01;2025-01-31;;;;5;;",  # unknown utility
        77: "B1;M1;gas;litre;2025-01-01;2025-01-31;;;;5;;",  # unknown unit
        300: "B1;M1;gas;m3;2025-13-01;2025-01-31;;;;5;;",  # no such month
        301: "B1;M1;gas;m3;01.02.2025;28.02.2025;;;;5;;",  # the other date layout: fine
        512: "B1;M1;gas;m3;2025-01-01;2025-01-31;24;;;5;;",  # hour out of range
        513: "B1;M1;gas;m3;2025-01-01;2025-01-31;;;;1e2;;",  # a number Arrow leaves to Python
        900: "B1;M1;gas;m3;2025-01-01;2025-01-31;;;;п'ять;;",  # not a number
        901: ";M1;gas;m3;2025-01-01;2025-01-31;;;;5;;",  # building missing
        902: "B1;M1;gas;m3;2025-01-01;2025-01-31;;;;5;може;",  # not yes or no
        903: "B1;M1;gas;m3;2025-01-01;2025-01-31;;;;5;;0",  # digits below 1
    }
    for at, row in mistakes.items():
        rows.insert(at, row)
    header = "building_id;meter_number;utility;unit;period_start;period_end;hour;index_start;index_end;amount;"
    path = tmp_path / "periods.csv"
    path.write_text(header + "estimated;meter_digits\r\n" + "\r\n".join(rows) + "\r\n", encoding="utf-8")
    table, rejections = _same(path, METER_PERIODS, None, monkeypatch)
    assert len(rejections) == 8 and table.num_rows == len(rows) - 8


def test_unique_keys_and_readings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = ["uid,date,organizationName,organizationId,meterNumber,type,quantity,unitName"]
    for n in range(8_000):
        uid = n if n != 4000 else 17  # a repeated uid
        lines.append(f"{uid},2025-01-{n % 28 + 1:02d},Ліцей,22345678,EL-{n % 9},Електрична енергія,{n * 1.5},кВт·год")
    path = tmp_path / "readings.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, rejections = _same(path, READINGS, "uid", monkeypatch)
    assert [(r.line_number, r.reason) for r in rejections] == [(4002, "duplicate uid '17' (first on line 19)")]


def test_a_key_repeated_after_a_rejected_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first row with a key that is rejected for another reason is not the one the repeats point at: the
    first row kept is, as the row-by-row path has it."""
    lines = ["uid,date,organizationName,organizationId,meterNumber,type,quantity,unitName"]
    for n in range(8_000):
        uid = 17 if n in (4000, 5000, 6000) else n
        day = "2025-13-01" if n == 17 else f"2025-01-{n % 28 + 1:02d}"  # the first 17 has no such month
        lines.append(f"{uid},{day},Ліцей,22345678,EL-{n % 9},Електрична енергія,{n * 1.5},кВт·год")
    path = tmp_path / "readings.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, rejections = _same(path, READINGS, "uid", monkeypatch)
    repeats = [(r.line_number, r.reason) for r in rejections if r.reason.startswith("duplicate")]
    assert repeats == [
        (5002, "duplicate uid '17' (first on line 4002)"),
        (6002, "duplicate uid '17' (first on line 4002)"),
    ]


def test_files_it_cannot_number_go_the_row_by_row_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    body = "\n".join(f"2025-01-{d:02d},{d},{d - 5}" for d in range(1, 29))
    for name, text in {
        "blank.csv": "date,temp_max,temp_min\n2025-02-01,1,0\n\n" + body + "\n",
        "quoted.csv": 'date,temp_max,temp_min,note\n2025-02-01,1,0,"two\nlines"\n' + body + "\n",
        "wide.csv": "date,temp_max,temp_min\n2025-02-01,1,0,extra\n" + body + "\n",
        "blank_first.csv": "\r\ndate,temp_max,temp_min\r\n" + body.replace("\n", "\r\n") + "\r\n",
    }.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        _same(path, DAILY, "date", monkeypatch, taken=False)


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ("h;x\r\na;1\r\nb;2\r\n", 2),
        ("h;x\na;1\nb;2", 2),  # no line break at the end
        ("h;x\r\na;«1»\r\n", 1),  # « is C2 AB in UTF-8: not the C2 85 of U+0085
        ("h;x\r\na;1\r\n\r\nb;2\r\n", None),  # a blank line
        ("h;x\na;1\n\nb;2\n", None),
        ("h;x\ra;1\r\n", None),  # a lone carriage return
        ("h;x\na;1\u2028b\n", None),  # a line separator inside a field: splitlines would break there
        ("h;x\na;1\u2029b\n", None),
        ("h;x\na;1\x85b\n", None),
        ("h;x\na;1\x0bb\n", None),
        ("h;x\na;1\u2027b\n", 1),  # E2 80 A7: a neighbour of the separators, not one
    ],
)
def test_one_line_per_record_only_when_lines_are_records(text: str, rows: int | None) -> None:
    from etl.sources.fastcsv import _one_line_per_record

    assert _one_line_per_record(text.encode("utf-8")) == rows
