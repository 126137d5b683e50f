"""Public participation: e-petitions and participatory budget (Resolution 835, appendices 34 and 35), and our
templates for residents' appeals (Open311 GeoReport v2 field names) and e-services.

Personal data stay out of the warehouse: petition creators, signatories and voters are read (so the files are
checked whole) but only counts are kept; appeals carry no names by design.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pyarrow as pa

from etl.sources.base import DecodedFile, Rejection
from etl.sources.fields import (
    Field,
    choice,
    date_value,
    datetime_value,
    field,
    integer,
    month_value,
    number,
    text,
)
from etl.sources.tabular import (
    read_dataset,
    staging_schema,
)

PETITIONS: tuple[Field, ...] = (
    field("uid", text, pa.string(), True, "Petition id"),
    field("kind", text, pa.string(), False, "Topic"),
    field("title", text, pa.string(), True, "Title"),
    field("url", text, pa.string(), False, "Link to the petition"),
    field("text", text, pa.string(), False, "File with the text"),
    field("authorityName", text, pa.string(), False, "Authority petitioned"),
    field("authorityId", text, pa.string(), False, "Its EDRPOU"),
    field("authorityCattutc", text, pa.string(), False, "Its KATOTTG code"),
    field("startDate", date_value, pa.date32(), True, "Start of signature collection"),
    field("count", integer(), pa.int64(), True, "Signatures"),
    field("creator", text, pa.string(), False, "Author (personal data: not kept)"),
    field("status", text, pa.string(), True, "Status as published"),
    field("answerDate", date_value, pa.date32(), False, "Date of the answer"),
    field("answerUrl", text, pa.string(), False, "Link to the answer"),
    field("answerText", text, pa.string(), False, "File with the answer"),
)
PETITION_SIGNATURES: tuple[Field, ...] = (
    field("motionUid", text, pa.string(), True, "Petition id"),
    field("voterName", text, pa.string(), True, "Signatory (personal data: not kept)"),
    field("motionTitle", text, pa.string(), False, "Petition title"),
    field("date", date_value, pa.date32(), True, "Date signed"),
)
PB_PROJECTS: tuple[Field, ...] = (
    field("uid", text, pa.string(), True, "Proposal id"),
    field("kind", text, pa.string(), False, "Category (small, medium, large …)"),
    field("type", text, pa.string(), False, "Kind (local, hromada-wide)"),
    field("title", text, pa.string(), True, "Title"),
    field("description", text, pa.string(), False, "Description"),
    field("url", text, pa.string(), False, "Link"),
    field("text", text, pa.string(), False, "File"),
    field("authorityName", text, pa.string(), False, "Authority"),
    field("authorityId", text, pa.string(), False, "Its EDRPOU"),
    field("authorityCattutc", text, pa.string(), False, "Its KATOTTG code"),
    field("count", integer(), pa.int64(), True, "Votes"),
    field("creator", text, pa.string(), False, "Author (personal data: not kept)"),
    field("status", text, pa.string(), True, "Status as published"),
    field("decisionDate", date_value, pa.date32(), False, "Date winners were decided"),
    field("decisionUrl", text, pa.string(), False, "Link to the decision"),
    field("decisionText", text, pa.string(), False, "File of the decision"),
    field("budgetPlan", number(), pa.decimal128(18, 2), True, "Planned budget, UAH"),
    field("budgetFact", number(), pa.decimal128(18, 2), False, "Actual cost, UAH"),
    field("projectResposible", text, pa.string(), False, "Responsible unit (misspelt as published)"),
)
PB_VOTES: tuple[Field, ...] = (
    field("projectUid", text, pa.string(), True, "Proposal id"),
    field("voterID", text, pa.string(), True, "Anonymised voter id"),
    field("projectTitle", text, pa.string(), False, "Proposal title"),
    field("voteDate", date_value, pa.date32(), True, "Date of the vote"),
)
APPEALS: tuple[Field, ...] = (
    field("service_request_id", text, pa.string(), True, "Appeal id (Open311)"),
    field("service_name", text, pa.string(), True, "Category (Open311 service name)"),
    field("status", choice(("open", "closed")), pa.string(), True, "open or closed"),
    field("requested_datetime", datetime_value, pa.timestamp("s"), True, "Received"),
    field("updated_datetime", datetime_value, pa.timestamp("s"), False, "Last change (the answer, when closed)"),
    field("expected_datetime", datetime_value, pa.timestamp("s"), False, "Promised answer date"),
    field(
        "request_type",
        choice(("appeal", "public_information")),
        pa.string(),
        False,
        "appeal (30 days) or public_information (5 working days); appeal when empty",
    ),
    field("address", text, pa.string(), False, "Address"),
    field("lat", number(-90, 90), pa.float64(), False, "Latitude"),
    field("long", number(-180, 180), pa.float64(), False, "Longitude"),
    field("settlement_katottg", text, pa.string(), False, "Settlement KATOTTG code"),
    field("agency_responsible", text, pa.string(), False, "Who answers"),
)
E_SERVICES: tuple[Field, ...] = (
    field("month", month_value, pa.string(), True, "Month, YYYY-MM"),
    field("service", text, pa.string(), True, "Service or certificate"),
    field("channel", choice(("online", "cnap", "diia")), pa.string(), True, "online, cnap (service centre) or diia"),
    field("count", integer(), pa.int64(), True, "Services provided"),
)

# staging table -> (fields, format, unique field), in the order headers are tried.
DATASETS: dict[str, tuple[tuple[Field, ...], str, str | None]] = {
    "stg_petition_signatures": (PETITION_SIGNATURES, "petition_signatures", None),
    "stg_pb_votes": (PB_VOTES, "pb_votes", None),
    "stg_pb_projects": (PB_PROJECTS, "pb_projects", "uid"),
    "stg_petitions": (PETITIONS, "petitions", "uid"),
    "stg_appeals": (APPEALS, "appeals", "service_request_id"),
    "stg_e_services": (E_SERVICES, "e_services", None),
}
SCHEMAS = {name: staging_schema(fields) for name, (fields, _, _) in DATASETS.items()}
PRIVATE = {"creator", "voterName"}  # read and checked, never stored
WITHHELD = "(line withheld: it contains personal data)"
PRIVATE_FORMATS = {fmt for fields, fmt, _ in DATASETS.values() if any(f.name in PRIVATE for f in fields)}


def read_participation(
    path: Path, rel_path: str, decoded: DecodedFile | None
) -> tuple[str, str, pa.Table, list[Rejection], int]:
    """(staging table, format, rows, rejections, rows read) of one participation file; names dropped."""
    table_name, fmt, table, rejections, read = read_dataset(path, rel_path, decoded, DATASETS, "participation data set")
    private = [c for c in PRIVATE if c in table.column_names]
    if private:
        table = table.drop_columns(private)
        # The quarantine shows raw lines on the Data page: not when they hold residents' names.
        rejections = [replace(r, raw_text=WITHHELD) for r in rejections]
    return table_name, fmt, table, rejections, read


STAGING_SCHEMAS: dict[str, pa.Schema] = {
    name: pa.schema([f for f in schema if f.name not in PRIVATE]) for name, schema in SCHEMAS.items()
}
