"""Prozorro OCDS: release packages, record packages, single releases; the latest release wins."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from etl.sources.base import FileFormatError, decode_file
from etl.sources.prozorro import MAX_DEPTH, read_ocds
from tests.conftest import FIXTURES, samples_path
from tests.helpers import build_from, fetch

PACKAGE = (FIXTURES / "prozorro" / "release_package_roads.json").read_text(encoding="utf-8")
ROAD = "ocds-be6bcu-UA-2025-03-03-000101-a"


def test_release_package_reader_rejects_what_it_cannot_use() -> None:
    path = FIXTURES / "prozorro" / "release_package_roads.json"
    rows = read_ocds(decode_file(path, "prozorro/" + path.name))
    assert rows.kind == "ocds_release_package" and rows.releases_read == 5
    assert [(r.line_number, r.column_name) for r in rows.rejections] == [
        (3, "/releases/2/ocid"),
        (4, "/releases/3/contracts/0/value/amount"),
    ]
    assert "'дуже багато' is not an amount" in rows.rejections[1].reason
    # Nothing of a rejected release is staged.
    assert {r["position"] for table in rows.tables.values() for r in table} == {1, 2, 5}


def _nested(levels: int) -> dict:
    """A release whose objects and lists nest `levels` deep, the release itself the first level."""
    inner: object = {}
    for level in range(levels - 3):  # the release, its tender and the innermost {} are three
        inner = {"x": inner} if level % 2 else [inner]
    return {"ocid": "ocds-x-1", "tender": {"title": "deep", "extra": inner}}


@pytest.mark.parametrize("levels", [MAX_DEPTH, MAX_DEPTH + 1])
def test_a_release_nested_past_the_limit_is_rejected_whole(tmp_path: Path, levels: int) -> None:
    path = tmp_path / "deep.json"
    shallow = {"ocid": "ocds-x-2", "tender": {"title": "shallow"}}
    path.write_text(json.dumps({"releases": [_nested(levels), shallow]}), encoding="utf-8")
    rows = read_ocds(decode_file(path, "prozorro/deep.json"))
    titles = [r["tender_title"] for r in rows.tables["stg_ocds_releases"]]
    if levels <= MAX_DEPTH:  # at the limit: read
        assert titles == ["deep", "shallow"] and rows.rejections == []
    else:  # past it: rejected with its depth, the next release kept
        assert titles == ["shallow"]
        [rejection] = rows.rejections
        assert rejection.line_number == 1 and rejection.reason == f"nested {levels} levels deep; we read at most 32"


def test_latest_release_wins_and_tables_are_filled(tmp_path: Path) -> None:
    db, report = build_from(tmp_path, {"prozorro/roads.json": PACKAGE})
    assert fetch(
        db,
        "select ocid, tender_id, status, buyer_edrpou, expected_amount, release_tags from procurements order by ocid",
    ) == [
        (ROAD, "UA-2025-03-03-000101-a", "complete", "04412345", Decimal("2500000.00"), "award,contract"),
        ("ocds-be6bcu-UA-2025-06-02-000303-c", None, None, None, None, "contract"),
    ]
    assert fetch(db, "select cpv, quantity, unit, parent_id from procurement_items") == [
        ("45233142-6", 1200.5, "м²", "l1")
    ]
    assert fetch(db, "select lot_id, title, value_amount from procurement_lots") == [
        ("l1", "Лот 1: покриття", Decimal("2500000.00"))
    ]
    assert fetch(
        db, "select ocid, value_amount, supplier_id, supplier_name, vat_included from contracts order by 1"
    ) == [
        (ROAD, Decimal("2287450.40"), "39123456", 'ТОВ "Шляхбуд"', True),
        ("ocds-be6bcu-UA-2025-06-02-000303-c", Decimal("48000.00"), "3012345678", "ФОП Петренко", None),
    ]
    assert fetch(db, "select sum(value_amount) from contract_transactions") == [(Decimal("1800000.50"),)]
    (rec,) = report.files
    assert (rec.rows_read, rec.rows_loaded, rec.rows_duplicate, rec.rows_rejected) == (5, 2, 1, 2)
    assert fetch(db, "select line_number, column_name from rejected_rows order by 1") == [
        (3, "/releases/2/ocid"),
        (4, "/releases/3/contracts/0/value/amount"),
    ]


def test_a_later_file_with_an_older_release_does_not_win(tmp_path: Path) -> None:
    doc = json.loads(PACKAGE)
    older = {"releases": [doc["releases"][0]]}
    db, _ = build_from(tmp_path, {"prozorro/a.json": PACKAGE, "prozorro/z_old.json": json.dumps(older)})
    assert fetch(db, f"select status, source_file from procurements where ocid = '{ROAD}'") == [
        ("complete", "prozorro/a.json")
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[1, 2]", "expected a JSON object"),
        ('{"foo": 1}', "not an OCDS release package"),
        ('{"releases": [', "not valid JSON (line 1"),
    ],
)
def test_bad_files_are_clear_errors(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "x.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FileFormatError, match=re.escape(message)):
        read_ocds(decode_file(path, "prozorro/x.json"))


def _sample_contract_total(doc: dict) -> tuple[int, Decimal]:
    releases = doc.get("releases") or [r["compiledRelease"] for r in doc.get("records", [])]
    total = sum((Decimal(str(c["value"]["amount"])) for r in releases for c in r.get("contracts", [])), Decimal(0))
    return len(releases), total


@pytest.mark.samples
@pytest.mark.parametrize(
    "name",
    [
        "releases-10.json",
        "record-ocds-be6bcu-UA-2018-06-22-001789-a.json",
        "release-c3f4965758c9b7391f86c676f59b828a.json",
    ],
)
def test_real_prozorro_samples(tmp_path: Path, name: str) -> None:
    src = samples_path("prozorro", name)
    doc = json.loads(src.read_text(encoding="utf-8"))
    releases, total = _sample_contract_total(doc)
    db, report = build_from(tmp_path, {"prozorro/" + name: src.read_bytes()})
    (rec,) = report.files
    assert rec.rows_read == releases
    assert rec.rows_loaded + rec.rows_duplicate + rec.rows_rejected == rec.rows_read
    assert rec.rows_rejected == 0
    distinct_ocids = len({r["ocid"] for r in (doc.get("releases") or [x["compiledRelease"] for x in doc["records"]])})
    assert fetch(db, "select count(*) from procurements") == [(distinct_ocids,)]
    assert fetch(db, "select sum(value_amount) from contracts") == [(total,)]
    assert fetch(db, "select count(*) from contracts where supplier_id is null") == [(0,)]


@pytest.mark.samples
def test_record_gives_the_tender_and_cpv() -> None:
    src = samples_path("prozorro", "record-ocds-be6bcu-UA-2018-06-22-001789-a.json")
    rows = read_ocds(decode_file(src, "prozorro/" + src.name))
    assert rows.kind == "ocds_record_package"
    (release,) = rows.tables["stg_ocds_releases"]
    assert release["tender_id"] == "UA-2018-06-22-001789-a" and release["procurement_method_type"] == "reporting"
    assert {i["cpv"] for i in rows.tables["stg_ocds_items"]} == {"45450000-6"}
