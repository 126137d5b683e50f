"""Hostile input: malformed files of every kind laid beside the good demo set, one build through the CLI.

The promise tested: no file stops the build (exit 0, no traceback), each bad file or row is named with a
reason, and the good data is untouched (every table of the contract holds what the clean build holds).
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from hromada.contract import TABLES
from hromada.settings import ROOT
from tests.helpers import write_raw

EXCLUDED = {"source_files", "rejected_rows", "build_info"}  # they describe the inputs, bad ones included
TWO_MB = "x" * (2 << 20)
QUOTED_NEWLINE = "openbudget/quoted_newline.csv"


def _deep(levels: int) -> str:
    return "[" * levels + "]" * levels


def _circle(vertices: int) -> str:
    """A polygon around the hromada's centre with this many vertices: a boundary never simplified."""
    step = 2 * math.pi / vertices
    ring = [
        [round(31.0 + 0.1 * math.cos(i * step), 7), round(51.4 + 0.1 * math.sin(i * step), 7)] for i in range(vertices)
    ]
    return json.dumps({"type": "Polygon", "coordinates": [[*ring, ring[0]]]})


def _release(**fields) -> dict:
    return {"ocid": "ocds-bad-1", "id": "bad-1", "date": "2025-01-01T00:00:00Z", "tag": ["tender"], **fields}


def _package(*releases) -> str:
    return json.dumps({"uri": "x", "version": "1.1", "releases": list(releases)})


OB = "REP_PERIOD;FUND_TYP;COD_BUDGET;COD_INCO;NAME_INC;ZAT_AMT;PLANS_AMT;FAKT_AMT\r\n"
EVENTS = (
    "uid,motionUid,projectNumber,projectTitle,startDate,endDate,result,votingFor,votingAgainst,votingAbstain,"
    "notVoting,absent,textUrl,text\n"
)
BUILDINGS = (
    "building_id;name;type;settlement_katottg;lat;lon;heated_area_m2;year_built;floors;energy_class;heating_source;"
    "organization_id;meters;occupants;retrofit_date;retrofit_project_id\n"
)
PETITIONS = (
    "uid,kind,title,url,text,authorityName,authorityId,authorityCattutc,startDate,count,creator,status,answerDate,"
    "answerUrl,answerText\n"
)
REGISTRY = "project_id;title_uk;sector;status;budget_uah\n"
WEATHER = "date,year,month,day,weekday,temp_max,temp_min,precipitation,wind_max\n"
FEATURE = '{"type":"Feature","properties":{"katottg":"UA74100250010077513"},"geometry":%s}'

# (file under raw/, content): every one is bad, as a whole or in every row it has.
CASES: dict[str, str | bytes] = {
    # openbudget
    "openbudget/empty.csv": b"",
    "openbudget/binary.csv": bytes(range(256)) * 40,
    "openbudget/utf16.csv": (OB + "13.2024;T;2551400000;11010100;ПДФО;1;0;5\r\n").encode("utf-16"),
    "openbudget/nul_bytes.csv": (OB + "01.2024;T;25514\x0000000;11010100;ПДФО;1;0;5\r\n").encode(),
    "openbudget/huge_field.csv": OB + f'01.2024;T;2551400000;11010100;"{TWO_MB}";1;0;5\r\n',
    "openbudget/unclosed_quote.csv": OB + '01.2024;T;2551400000;11010100;"ПДФО;1;0;5\r\n' + "a;" * 50_000,
    "openbudget/amount_with_unit.csv": OB + "01.2019;T;2551400000;11010100;ПДФО;1;0;1 234,56 грн\r\n",
    "openbudget/e309.csv": OB + "01.2019;T;2551400000;11010100;ПДФО;1;0;1e309\r\n",
    "openbudget/nan.csv": OB + "01.2019;T;2551400000;11010100;ПДФО;NaN;0;NaN\r\n",
    "openbudget/month_13.csv": OB + "13.2019;T;2551400000;11010100;ПДФО;1;0;5\r\n",
    "openbudget/mixed_encoding.csv": OB.encode()
    + "01.2019;T;2551400000;11010100;ПДФО;1;0;x\r\n".encode("cp1251")
    + "01.2019;T;2551400000;11010200;ПДФО;1;0;y\r\n".encode(),
    "openbudget/header_only_truncated.csv": OB[:30],
    "openbudget/truncated_row.csv": OB + "01.2019;T;25514",
    # a name over two lines is valid CSV: each bad amount is named on its own physical line (2 and 4)
    QUOTED_NEWLINE: OB
    + '01.2019;T;2551400000;11010100;"ПДФО,\r\nутриманий";1;0;x\r\n01.2019;T;2551400000;11010200;ПДФО;1;0;п\'ять\r\n',
    "weather/hromada/quoted_newline.csv": WEATHER + '2019-01-01,2019,1,1,"1\n",x,1,0,1\n',
    # KATOTTG and settlements
    "katottg/binary.csv": os.urandom(4096),
    "katottg/wrong_header.csv": "a;b;c\n1;2;3\n",
    "settlements/huge_field.csv": f'katottg;lat;lon;population\nUA74100250010077513;"{TWO_MB}";31;1\n',
    "settlements/bad_numbers.csv": (
        "katottg;lat;lon;population\nUA74100250010077513;NaN;1e309;99999999999999999999999\n"
    ),
    # Prozorro
    "prozorro/invalid.json": '{"releases": [',
    "prozorro/empty.json": "",
    "prozorro/deep_top.json": _deep(100_000),
    "prozorro/deep_release.json": '{"releases": [' + '{"ocid":"x","tender":' * 5000 + "{}" + "}" * 5000 + "]}",
    "prozorro/moderately_deep.json": _package(_release(tender={"items": [{"description": json.loads(_deep(60))}]})),
    "prozorro/no_ocid.json": _package({"id": "r1", "tag": ["tender"]}),
    "prozorro/string_tender.json": _package(_release(tender="a string")),
    "prozorro/string_parties.json": _package(_release(parties="nobody", buyer={"id": "1"})),
    "prozorro/list_value.json": _package(_release(tender={"value": [1, 2]})),
    "prozorro/number_items.json": _package(_release(tender={"items": 5})),
    "prozorro/nan_amount.json": _package(_release(tender={"value": {"amount": "NaN"}})),
    "prozorro/top_is_list.json": "[1, 2, 3]",
    "prozorro/utf16.json": _package(_release(tender="x")).encode("utf-16"),
    # projects registry
    "projects/three_decimals.csv": REGISTRY + "BAD-1;Тест;roads;idea;1234.567\n",
    "projects/e309.csv": REGISTRY + "BAD-2;Тест;roads;idea;1E+309\n",
    "projects/twenty_digits.csv": REGISTRY + "BAD-3;Тест;roads;idea;123456789012345678901\n",
    "projects/zero_byte.xlsx": b"",
    "projects/not_a_zip.xlsx": b"PK\x03\x04 this is not a workbook",
    "projects/impossible_date.csv": "project_id;title_uk;sector;status;budget_uah;planned_start\n"
    "BAD-4;Тест;roads;idea;100;2025-02-30\n",
    # council votes
    "council_votes/huge_int.csv": EVENTS
    + "v-x,m-x,1,T,2025-01-01T10:00:00Z,2025-01-01T10:01:00Z,Прийнято,"
    + "9" * 30
    + ",0,0,0,0,,\n",
    "council_votes/zero_byte.xlsx": b"",
    "council_votes/corrupt.xlsx": b"PK\x05\x06" + b"\x00" * 18,
    "council_votes/unknown_table.csv": "foo,bar\n1,2\n",
    # participation
    "participation/huge_count.csv": PETITIONS
    + "P-X,ЖКГ,T,,,,,UA74100250000038291,2025-01-01,"
    + "9" * 25
    + ",X,новa,,,\n",
    "participation/corrupt.xlsx": b"PK\x03\x04" + os.urandom(200),
    "participation/nul.csv": b"\x00" * 1000,
    # energy
    "energy/huge_year.csv": BUILDINGS
    + "BLD-X;Школа;school;UA74100250010077513;51.4;31.0;100;"
    + "9" * 40
    + ";1;;;;;;;\n",
    "energy/zero_byte.xlsx": b"",
    "energy/utf16_readings.csv": "uid;date;quantity\n".encode("utf-16-le"),
    # weather
    "weather/hromada/huge_field.csv": WEATHER + f'2019-01-01,2019,1,1,1,"{TWO_MB}",1,0,1\n',
    "weather/hromada/impossible.csv": WEATHER + "2019-02-30,2019,2,30,1,NaN,1e309,0,1\n",
    "weather/hromada/binary.csv": os.urandom(3000),
    # geodata
    "geo/null_geometry.geojson": '{"type":"FeatureCollection","features":[' + FEATURE % "null" + "]}",
    "geo/bad_coordinates.geojson": '{"type":"FeatureCollection","features":['
    + FEATURE % '{"type":"Polygon","coordinates":[[["a","b"]]]}'
    + "]}",
    "geo/point_not_area.geojson": '{"type":"FeatureCollection","features":['
    + FEATURE % json.dumps({"type": "Point", "coordinates": [31.0, 51.4]})
    + "]}",
    "geo/huge_geometry.geojson": '{"type":"FeatureCollection","features":[' + FEATURE % _circle(260_000) + "]}",
    "geo/metres_as_degrees.geojson": '{"type":"FeatureCollection","features":['
    + FEATURE % json.dumps({"type": "Polygon", "coordinates": [[[0, 0], [5e5, 0], [5e5, 6e6], [0, 0]]]})
    + "]}",
    "geo/not_a_zip.zip": b"not a zip at all",
    "geo/invalid.geojson": "{ this is not json",
    "geo/deep.json": _deep(50_000),
}
TRAPS = ("energy/dir_named.csv", "openbudget/loop.csv")  # a folder named like a file, a symlink loop


@pytest.fixture(scope="module")
def hostile_build(demo_raw: Path, demo_warehouse: Path, tmp_path_factory: pytest.TempPathFactory):
    raw = tmp_path_factory.mktemp("hostile") / "raw"
    shutil.copytree(demo_raw, raw)
    write_raw(raw, CASES)
    (raw / TRAPS[0]).mkdir()
    (raw / TRAPS[1]).symlink_to(raw / TRAPS[1])
    db = raw.parent / "warehouse.duckdb"
    done = subprocess.run(
        [sys.executable, "-m", "etl", "build", "--raw", str(raw), "--db", str(db)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return done, db


def test_no_file_stops_the_build(hostile_build) -> None:
    done, db = hostile_build
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stdout + done.stderr
    assert db.exists()


@pytest.mark.parametrize("rel", list(CASES))
def test_each_bad_file_is_named_with_a_reason(hostile_build, rel: str) -> None:
    _, db = hostile_build
    with duckdb.connect(str(db), read_only=True) as con:
        status, message, rejected = con.execute(
            "select status, message, rows_rejected from source_files where file_path = ?", [rel]
        ).fetchone()
        reasons = [r for (r,) in con.execute("select reason from rejected_rows where file_path = ?", [rel]).fetchall()]
    if status == "duplicate":  # an empty file like another: reported once, under the first one's name
        first = message.removeprefix("same bytes as ").split(";")[0]
        assert first in CASES and first != rel
    elif status == "error":
        assert message and rel in message and len(message) > len(rel) + 10
    else:
        assert rejected > 0 and all(reasons), (status, message)
        assert status in ("loaded", "empty")


def test_rows_after_a_quoted_newline_are_named_on_their_own_line(hostile_build) -> None:
    _, db = hostile_build
    with duckdb.connect(str(db), read_only=True) as con:
        lines = con.execute("select line_number from rejected_rows where file_path = ? order by 1", [QUOTED_NEWLINE])
        assert lines.fetchall() == [(2,), (4,)]


def test_a_link_to_itself_is_named_and_a_folder_named_like_a_file_is_not_a_file(hostile_build) -> None:
    _, db = hostile_build
    with duckdb.connect(str(db), read_only=True) as con:
        files = dict(con.execute("select file_path, message from source_files where status = 'error'").fetchall())
    assert files[TRAPS[1]] == f"{TRAPS[1]}: cannot be read (Too many levels of symbolic links)"
    assert TRAPS[0] not in files


def test_the_good_data_is_untouched(hostile_build, demo_warehouse: Path) -> None:
    _, db = hostile_build
    for table in TABLES:
        if table.name in EXCLUDED:
            continue
        rows = "md5(string_agg(cast(t as varchar), '|' order by cast(t as varchar)))"
        query = f"select count(*), {rows} from {table.name} t"
        with duckdb.connect(str(demo_warehouse), read_only=True) as clean:
            expected = clean.execute(query).fetchone()
        with duckdb.connect(str(db), read_only=True) as con:
            actual = con.execute(query).fetchone()
        assert actual == expected, table.name
