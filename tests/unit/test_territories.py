"""KATOTTG codifier reader, the settlements register, and the hromadas/settlements tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.sources.base import FileFormatError, decode_file
from etl.sources.katottg import read_katottg
from hromada.translit import transliterate
from tests.conftest import FIXTURES
from tests.helpers import build_from, fetch

SLICE = (FIXTURES / "katottg" / "codifier_slice_plain_apostrophe.csv").read_text(encoding="utf-8")


def test_header_with_another_apostrophe_is_accepted_and_bad_rows_rejected() -> None:
    path = FIXTURES / "katottg" / "codifier_slice_plain_apostrophe.csv"
    table, rejections = read_katottg(decode_file(path, "katottg/slice.csv"))
    assert table.num_rows == 5
    assert [(r.line_number, r.column_name) for r in rejections] == [(7, "Четвертий рівень"), (8, "Категорія об’єкта")]
    assert "UA7410025003007440" in rejections[0].reason
    assert "unknown category 'Z'" in rejections[1].reason


def test_a_foreign_header_names_what_was_expected(tmp_path: Path) -> None:
    path = tmp_path / "k.csv"
    path.write_text("code;name\nUA1;X\n", encoding="utf-8")
    with pytest.raises(FileFormatError, match="Перший рівень;Другий рівень"):
        read_katottg(decode_file(path, "katottg/k.csv"))


def test_hromadas_and_settlements_tables(tmp_path: Path) -> None:
    register = (
        "katottg;lat;lon;population\r\nUA74100250010077513;51.45;31.08;2900\r\nUA74100250020057602;;;\r\n"
        "UA74100250020057602;51,4;31,2;250\r\nUA74100250099999999;95;31;10\r\n"
    )
    db, report = build_from(tmp_path, {"katottg/slice.csv": SLICE, "settlements/register.csv": register})
    assert fetch(
        db,
        "select katottg, name_uk, name_en, oblast_name_uk, raion_name_uk, budget_code, "
        "settlements_count, population from hromadas",
    ) == [
        (
            "UA74100250000038291",
            "Михайло-Коцюбинська",
            "Mykhailo-Kotsiubynska",
            "Чернігівська",
            "Чернігівський",
            "2551400000",
            2,
            11600,
        )
    ]
    assert fetch(db, "select katottg, name_en, category, lat, lon, population from settlements order by katottg") == [
        ("UA74100250010077513", "Mykhailo-Kotsiubynske", "X", 51.45, 31.08, 2900),
        ("UA74100250020057602", "Andriivka", "C", 51.4, 31.2, 250),
    ]
    (bad,) = fetch(
        db, "select file_path, line_number, column_name, reason from rejected_rows where file_path like 'settlements/%'"
    )
    assert bad[1:3] == (5, "lat") and "outside" in bad[3]
    by_file = {r.file_path: (r.rows_read, r.rows_loaded, r.rows_duplicate, r.rows_rejected) for r in report.files}
    assert by_file["settlements/register.csv"] == (4, 2, 1, 1)
    assert by_file["katottg/slice.csv"] == (7, 5, 0, 2)


@pytest.mark.parametrize(
    ("uk", "en"),
    [
        ("Михайло-Коцюбинське", "Mykhailo-Kotsiubynske"),
        ("Чернігів", "Chernihiv"),
        ("Біла Церква", "Bila Tserkva"),
        ("Згурівка", "Zghurivka"),
        ("Юрій", "Yurii"),
        ("Яготин", "Yahotyn"),
        ("Їжакевич", "Yizhakevych"),
        ("Знам'янка", "Znamianka"),
        ("Щербухи", "Shcherbukhy"),
        ("Гуляйпіле", "Huliaipile"),
        ("Леньків Круг", "Lenkiv Kruh"),
        ("Ґорґани", "Gorgany"),
        ("Олександрія", "Oleksandriia"),
    ],
)
def test_transliteration_follows_the_national_rules(uk: str, en: str) -> None:
    assert transliterate(uk) == en
