"""Council roll-call votes: the national open-data set of Resolution 835, appendix 29, plus our deputies list.

Three published tables (motions, voteEvents, votings; CSV or XLSX, field names as in the CSVW schemas)
and a small template of our own for the deputies' factions. Which table a file holds is told by its header;
published headers carry quirks (a stray newline inside `votingAgainst`), so names are compared normalised.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyarrow as pa

from etl.sources.base import DecodedFile, Rejection
from etl.sources.fields import (
    Field,
    date_value,
    datetime_value,
    field,
    integer,
    text,
)
from etl.sources.tabular import (
    read_dataset,
    staging_schema,
)

VOTE_RESULTS = {
    "за": "for",
    "проти": "against",
    "утримався": "abstain",
    "утрималась": "abstain",
    "утримались": "abstain",
    "не голосував": "not_voting",
    "не голосувала": "not_voting",
    "не голосували": "not_voting",
    "відсутній": "absent",
    "відсутня": "absent",
    "відсутні": "absent",
}
EVENT_RESULTS = {
    "прийнято": "adopted",
    "не прийнято": "rejected",
    "не голосували": "not_voted",
    "не розглядали": "not_considered",
}


def _mapped(values: dict[str, str], what: str) -> Callable[[str], str]:
    def parse(value: str) -> str:
        key = " ".join(value.strip().lower().split())
        if key not in values:
            raise ValueError(f"{value!r} is not {what}")
        return values[key]

    return parse


MOTIONS: tuple[Field, ...] = (
    field("uid", text, pa.string(), True, "Agenda item id, unique in the data set", "2025-03-20-1"),
    field("sessionUid", text, pa.string(), True, "Session id", "s-52"),
    field("votingIdentifier", text, pa.string(), False, "Id of the deputy who proposed it, when published"),
    field("title", text, pa.string(), True, "Agenda item", "Про внесення змін до бюджету громади на 2025 рік"),
    field("number", integer(), pa.int64(), True, "Number on the agenda", "1"),
    field("classification", text, pa.string(), True, "Category of the item", "бюджет"),
    field("date", date_value, pa.date32(), True, "Date of the plenary meeting", "2025-03-20"),
    field("sources", text, pa.string(), False, "Links to the documents"),
)
VOTE_EVENTS: tuple[Field, ...] = (
    field("uid", text, pa.string(), True, "Vote event id"),
    field("motionUid", text, pa.string(), True, "Agenda item voted on"),
    field("projectNumber", text, pa.string(), True, "Draft decision number", "757/2"),
    field("projectTitle", text, pa.string(), True, "Draft decision title"),
    field("startDate", datetime_value, pa.timestamp("s"), True, "Start of the vote"),
    field("endDate", datetime_value, pa.timestamp("s"), True, "End of the vote"),
    field(
        "result",
        _mapped(EVENT_RESULTS, "a vote result (Прийнято, Не прийнято, Не голосували, Не розглядали)"),
        pa.string(),
        True,
        "Result",
    ),
    field("votingFor", integer(), pa.int64(), True, "Votes for"),
    field("votingAgainst", integer(), pa.int64(), True, "Votes against"),
    field("votingAbstain", integer(), pa.int64(), True, "Abstentions"),
    field("notVoting", integer(), pa.int64(), True, "Present, not voting"),
    field("absent", integer(), pa.int64(), True, "Absent"),
    field("textUrl", text, pa.string(), False, "Link to the decision"),
    field("text", text, pa.string(), False, "File name of the decision"),
)
VOTINGS: tuple[Field, ...] = (
    field("motionUid", text, pa.string(), True, "Agenda item"),
    field("voterId", text, pa.string(), True, "Deputy's id"),
    field("voterName", text, pa.string(), True, "Deputy's name (public)"),
    field("motionTitle", text, pa.string(), False, "Agenda item title"),
    field(
        "result",
        _mapped(VOTE_RESULTS, "a vote (За, Проти, Утримався, Не голосував, Відсутній)"),
        pa.string(),
        True,
        "The deputy's vote",
    ),
)
DEPUTIES: tuple[Field, ...] = (
    field("voterId", text, pa.string(), True, "Deputy's id, as in the votings"),
    field("voterName", text, pa.string(), True, "Full name"),
    field("faction", text, pa.string(), False, "Faction or group; empty for independents"),
    field("district", text, pa.string(), False, "Electoral district or starosta district"),
)

# staging table -> (fields, format name, unique field): the order decides which header matches first.
DATASETS: dict[str, tuple[tuple[Field, ...], str, str | None]] = {
    "stg_council_vote_events": (VOTE_EVENTS, "council_vote_events", "uid"),
    "stg_council_votings": (VOTINGS, "council_votings", None),
    "stg_council_deputies": (DEPUTIES, "council_deputies", "voterId"),
    "stg_council_motions": (MOTIONS, "council_motions", "uid"),
}
SCHEMAS = {name: staging_schema(fields) for name, (fields, _, _) in DATASETS.items()}


def read_council(
    path: Path, rel_path: str, decoded: DecodedFile | None
) -> tuple[str, str, pa.Table, list[Rejection], int]:
    """(staging table, format, rows, rejections, rows read) of one council-votes file."""
    return read_dataset(
        path, rel_path, decoded, DATASETS, "council-votes table (Resolution 835, appendix 29) nor the deputies list"
    )
