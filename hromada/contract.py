"""The warehouse contract: every table and column the app, notebooks and later sources rely on.

One declaration creates the tables in the build (etl), is checked against the built file by the build and
the tests, tells the app what an older warehouse lacks (hromada.db), and writes docs/warehouse.md, so the
documentation and the database cannot drift apart. It lives in the library, which the build depends on, so
nothing in the library points back up at the build.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str
    nullable: bool = True


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    # What identifies a row, as the models guarantee it (de-duplicated or grouped by these); the build checks it.
    # NULL counts as a value (a budget line without an economic code is one line). Empty: no key is promised.
    key: tuple[str, ...] = ()

    def create_sql(self) -> str:
        cols = ",\n  ".join(f"{c.name} {c.type}{'' if c.nullable else ' NOT NULL'}" for c in self.columns)
        return f"CREATE TABLE {self.name} (\n  {cols}\n)"

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


BUDGET_LINES = Table(
    "budget_lines",
    "One published openbudget.gov.ua line: a budget, reporting period, fund and classification code.",
    (
        Column("budget_code", "VARCHAR", "Budget code as published (10 digits from 2021, 11 before)", False),
        Column("year", "INTEGER", "Fiscal year", False),
        Column("month", "INTEGER", "Reporting month 1-12; a quarter's last month for quarterly files", False),
        Column("period_type", "VARCHAR", "'month' or 'quarter'", False),
        Column("fund", "VARCHAR", "'general' (C), 'special' (S) or 'total' (T = C + S)", False),
        Column("direction", "VARCHAR", "'income' or 'expense'", False),
        Column("classification", "VARCHAR", "'income', 'program', 'functional' or 'economic'", False),
        Column("code", "VARCHAR", "Classification code as text, leading zeros kept", False),
        Column("name", "VARCHAR", "Name of the code as published"),
        Column("functional_code", "VARCHAR", "Program lines: functional code (ФКВК) published beside the programme"),
        Column(
            "economic_code", "VARCHAR", "Program lines: economic code (КЕКВ) of a detail row; NULL on the programme row"
        ),
        Column("economic_name", "VARCHAR", "Program lines: name of economic_code"),
        Column(
            "is_leaf",
            "BOOLEAN",
            "No more detailed line of the same classification is published beside it: sum only these",
            False,
        ),
        Column("approved_uah", "DECIMAL(18,2)", "ZAT_AMT: the annual plan approved by the council as of this period"),
        Column(
            "amended_uah",
            "DECIMAL(18,2)",
            "PLANS_AMT: the plan in the spending schedule with amendments; NULL when not published",
        ),
        Column(
            "executed_ytd_uah",
            "DECIMAL(18,2)",
            "FAKT_AMT as published: executed from 1 January to the end of the period",
        ),
        Column(
            "executed_uah",
            "DECIMAL(18,2)",
            "Executed in this period alone: executed_ytd_uah minus the previous published period's",
        ),
        Column("source_file", "VARCHAR", "File the line came from, relative to the raw folder", False),
        Column("source_line", "INTEGER", "Line number in that file (1 = header)", False),
    ),
    key=(
        "budget_code",
        "year",
        "month",
        "period_type",
        "fund",
        "direction",
        "classification",
        "code",
        "economic_code",
        "functional_code",
    ),
)

HROMADAS = Table(
    "hromadas",
    "Territorial communities (KATOTTG category H) of every codifier file loaded.",
    (
        Column("katottg", "VARCHAR", "KATOTTG code of the hromada", False),
        Column("name_uk", "VARCHAR", "Name as in the codifier", False),
        Column("name_en", "VARCHAR", "Name transliterated by the national (2010) rules", False),
        Column("oblast_katottg", "VARCHAR", "KATOTTG code of the oblast", False),
        Column("oblast_name_uk", "VARCHAR", "Oblast name, when the codifier file has the oblast row"),
        Column("raion_katottg", "VARCHAR", "KATOTTG code of the raion", False),
        Column("raion_name_uk", "VARCHAR", "Raion name, when the codifier file has the raion row"),
        Column("budget_code", "VARCHAR", "openbudget budget code, from the settings for the configured hromada"),
        Column("settlements_count", "INTEGER", "Settlements (categories M, X, C) in the hromada", False),
        Column(
            "population",
            "INTEGER",
            "Residents: the settings' figure for the configured hromada, else the sum over settlements",
        ),
    ),
    key=("katottg",),
)

SETTLEMENTS = Table(
    "settlements",
    "Cities, settlements and villages (KATOTTG categories M, X, C), with location and population when known.",
    (
        Column("katottg", "VARCHAR", "KATOTTG code of the settlement", False),
        Column("hromada_katottg", "VARCHAR", "KATOTTG code of its hromada", False),
        Column("name_uk", "VARCHAR", "Name as in the codifier", False),
        Column("name_en", "VARCHAR", "Name transliterated by the national (2010) rules", False),
        Column("category", "VARCHAR", "KATOTTG category: M city, X selyshche, C village, K special-status city", False),
        Column("lat", "DOUBLE", "Latitude (WGS 84), from the settlements register"),
        Column("lon", "DOUBLE", "Longitude (WGS 84), from the settlements register"),
        Column("population", "INTEGER", "Residents, from the settlements register"),
    ),
    key=("katottg",),
)

SOURCE_FILES = Table(
    "source_files",
    "Lineage: one row per input file seen by the build.",
    (
        Column("file_path", "VARCHAR", "Path relative to the raw folder", False),
        Column(
            "source",
            "VARCHAR",
            "Source folder under the raw folder (openbudget, katottg, projects, participation …)",
            False,
        ),
        Column("format", "VARCHAR", "Format recognised from the header, e.g. openbudget_incomes"),
        Column("sha256", "VARCHAR", "SHA-256 of the file's bytes", False),
        Column("size_bytes", "BIGINT", "File size", False),
        Column("encoding", "VARCHAR", "Text encoding the file was decoded with"),
        Column("status", "VARCHAR", "'loaded', 'empty', 'duplicate' (same bytes as another file) or 'error'", False),
        Column("message", "VARCHAR", "Why a file was not loaded, or a note about it"),
        Column("rows_read", "INTEGER", "Data rows read (header excluded); releases for OCDS files", False),
        Column("rows_loaded", "INTEGER", "Rows that reached the warehouse tables", False),
        Column("rows_duplicate", "INTEGER", "Rows identical to a row kept from another place", False),
        Column("rows_rejected", "INTEGER", "Rows recorded in rejected_rows", False),
        Column("is_demo", "BOOLEAN", "Generated by `python -m etl demo` (synthetic values)", False),
        Column(
            "first_loaded_at", "TIMESTAMP", "When a file with these bytes was first loaded into this warehouse", False
        ),
        Column("fetched_from", "VARCHAR", "The URL `python -m etl fetch` took the file from; NULL if placed by hand"),
        Column("fetched_at", "TIMESTAMP", "When it was fetched (UTC); NULL if placed by hand"),
    ),
    key=("file_path",),
)

SOURCE_FETCHES = Table(
    "source_fetches",
    "Where the fetched data came from: one row per source `python -m etl fetch` has run for (its manifest).",
    (
        Column("source", "VARCHAR", "katottg, boundaries, openbudget, weather, prozorro or data_gov_ua", False),
        Column("title", "VARCHAR", "The publisher and data set", False),
        Column("base_url", "VARCHAR", "Where it was fetched from"),
        Column("licence", "VARCHAR", "The data's licence, e.g. CC BY 4.0"),
        Column("licence_url", "VARCHAR", "Where the licence is stated"),
        Column("attribution", "VARCHAR", "The attribution a page shows where the data appears"),
        Column("last_run", "TIMESTAMP", "When fetch last ran for this source (UTC)"),
        Column("status", "VARCHAR", "'ok', 'failed' or 'offline' at the last run"),
        Column("message", "VARCHAR", "What the last run said"),
        Column("next_refresh", "DATE", "When new data is next expected"),
        Column("files", "INTEGER", "Files this source holds in the raw folder", False),
        Column("bytes", "BIGINT", "Their size", False),
        Column("last_fetched_at", "TIMESTAMP", "When the newest of its files was fetched (UTC)"),
    ),
    key=("source",),
)

REJECTED_ROWS = Table(
    "rejected_rows",
    "Quarantine: every input row that did not reach the warehouse tables, with the reason.",
    (
        Column("file_path", "VARCHAR", "Path relative to the raw folder", False),
        Column(
            "line_number", "INTEGER", "Line in the file (1 = header); for JSON, the release's position (1-based)", False
        ),
        Column("column_name", "VARCHAR", "Column at fault, when one is; for JSON, a JSON pointer"),
        Column("reason", "VARCHAR", "Why the row was rejected", False),
        Column("raw_text", "VARCHAR", "The line as it is in the file"),
    ),
)

BUILD_INFO = Table(
    "build_info",
    "One row describing the build that produced this file.",
    (
        Column("built_at", "TIMESTAMP", "When the build finished (UTC)", False),
        Column("hromada_katottg", "VARCHAR", "The configured hromada", False),
        Column("budget_code", "VARCHAR", "The configured hromada's budget code", False),
        Column("raw_dir", "VARCHAR", "Folder the build read", False),
    ),
)

PROCUREMENTS = Table(
    "procurements",
    "Prozorro procurements (one per OCDS ocid), as of their latest release.",
    (
        Column("ocid", "VARCHAR", "Open Contracting ID, e.g. ocds-be6bcu-UA-2018-06-22-001789-a", False),
        Column("tender_id", "VARCHAR", "Prozorro tender id (UA-YYYY-MM-DD-NNNNNN-x); NULL for contract-stage releases"),
        Column("title", "VARCHAR", "Tender title"),
        Column("status", "VARCHAR", "Tender status (active, complete, cancelled, unsuccessful …)"),
        Column("procurement_method", "VARCHAR", "open, selective, limited"),
        Column(
            "procurement_method_type", "VARCHAR", "Prozorro procedure (aboveThresholdUA, belowThreshold, reporting …)"
        ),
        Column("buyer_edrpou", "VARCHAR", "Buyer's identifier (EDRPOU)"),
        Column("buyer_name", "VARCHAR", "Buyer's name"),
        Column("expected_amount", "DECIMAL(18,2)", "Tender's expected value"),
        Column("expected_currency", "VARCHAR", "Currency of expected_amount (UAH unless stated)"),
        Column("tender_start", "TIMESTAMP", "Start of the tender period (local time as published)"),
        Column("released_at", "TIMESTAMP", "Date of the release kept (the latest)"),
        Column("release_tags", "VARCHAR", "OCDS tags of that release, comma-separated"),
        Column("source_file", "VARCHAR", "File of the release kept", False),
    ),
    key=("ocid",),
)

PROCUREMENT_LOTS = Table(
    "procurement_lots",
    "Lots of multi-lot tenders (items name their lot in procurement_items.parent_id).",
    (
        Column("ocid", "VARCHAR", "Procurement", False),
        Column("lot_id", "VARCHAR", "Lot id"),
        Column("title", "VARCHAR", "Lot title"),
        Column("status", "VARCHAR", "Lot status"),
        Column("value_amount", "DECIMAL(18,2)", "Lot's expected value"),
        Column("currency", "VARCHAR", "Currency of value_amount"),
    ),
)

PROCUREMENT_ITEMS = Table(
    "procurement_items",
    "Items of tenders and contracts, with their CPV (ДК021) codes.",
    (
        Column("ocid", "VARCHAR", "Procurement", False),
        Column("stage", "VARCHAR", "'tender' or 'contract'", False),
        Column("parent_id", "VARCHAR", "Lot id (tender items) or contract id (contract items)"),
        Column("item_id", "VARCHAR", "Item id"),
        Column("description", "VARCHAR", "What is bought"),
        Column("cpv", "VARCHAR", "CPV code (scheme CPV or ДК021), e.g. 45450000-6"),
        Column("quantity", "DOUBLE", "Quantity"),
        Column("unit", "VARCHAR", "Unit name"),
    ),
)

AWARDS = Table(
    "awards",
    "Awards of procurements, with the supplier.",
    (
        Column("ocid", "VARCHAR", "Procurement", False),
        Column("award_id", "VARCHAR", "Award id"),
        Column("status", "VARCHAR", "pending, active, cancelled, unsuccessful"),
        Column("award_date", "TIMESTAMP", "Award date"),
        Column("value_amount", "DECIMAL(18,2)", "Awarded value"),
        Column("currency", "VARCHAR", "Currency of value_amount"),
        Column("supplier_id", "VARCHAR", "Supplier's EDRPOU, or a 10-digit tax number for a person"),
        Column("supplier_scheme", "VARCHAR", "Identifier scheme, e.g. UA-EDR"),
        Column("supplier_name", "VARCHAR", "Supplier's name"),
    ),
)

CONTRACTS = Table(
    "contracts",
    "Signed contracts of procurements.",
    (
        Column("ocid", "VARCHAR", "Procurement", False),
        Column("contract_id", "VARCHAR", "Contract id"),
        Column("award_id", "VARCHAR", "The award it implements"),
        Column("title", "VARCHAR", "Contract title"),
        Column("status", "VARCHAR", "pending, active, cancelled, terminated"),
        Column("date_signed", "TIMESTAMP", "Signing date"),
        Column("period_start", "TIMESTAMP", "Contract period start"),
        Column("period_end", "TIMESTAMP", "Contract period end"),
        Column("value_amount", "DECIMAL(18,2)", "Contract value"),
        Column("currency", "VARCHAR", "Currency of value_amount"),
        Column("vat_included", "BOOLEAN", "Whether the value includes VAT; NULL when not published"),
        Column("supplier_id", "VARCHAR", "Supplier of the award it implements"),
        Column("supplier_name", "VARCHAR", "Supplier's name"),
    ),
)

CONTRACT_TRANSACTIONS = Table(
    "contract_transactions",
    "Payments under contracts (OCDS implementation transactions), where published.",
    (
        Column("ocid", "VARCHAR", "Procurement", False),
        Column("contract_id", "VARCHAR", "Contract"),
        Column("transaction_id", "VARCHAR", "Transaction id"),
        Column("transaction_date", "TIMESTAMP", "Payment date"),
        Column("value_amount", "DECIMAL(18,2)", "Amount paid"),
        Column("currency", "VARCHAR", "Currency of value_amount"),
    ),
)

PROJECTS = Table(
    "projects",
    "Investment and infrastructure projects from the registry (docs/templates.md), current version.",
    (
        Column("project_id", "VARCHAR", "The hromada's id of the project", False),
        Column("title_uk", "VARCHAR", "Title in Ukrainian", False),
        Column("title_en", "VARCHAR", "Title in English (the Ukrainian one when none is given)", False),
        Column("description", "VARCHAR", "What is done and why"),
        Column(
            "sector",
            "VARCHAR",
            "roads, street_lighting, water, schools, kindergartens, health, energy_efficiency, "
            "admin_services, culture_sport, housing, other",
            False,
        ),
        Column("status", "VARCHAR", "idea, preparation, procurement, implementation, completed, cancelled", False),
        Column("settlement_katottg", "VARCHAR", "KATOTTG code of the settlement", False),
        Column("lat", "DOUBLE", "Latitude, WGS 84"),
        Column("lon", "DOUBLE", "Longitude, WGS 84"),
        Column("planned_start", "DATE", "Planned start"),
        Column("planned_end", "DATE", "Planned end"),
        Column("actual_start", "DATE", "Actual start"),
        Column("actual_end", "DATE", "Actual end"),
        Column("budget_uah", "DECIMAL(18,2)", "Total budget", False),
        Column("spent_uah", "DECIMAL(18,2)", "Spent so far"),
        Column("progress_pct", "DOUBLE", "Physical progress, % (100 for completed projects when not given)"),
        Column("programme_code", "VARCHAR", "Budget programme (ТПКВКМБ) paying for it; joins budget_lines.code"),
        Column("prozorro_ids", "VARCHAR", "Prozorro tender ids or ocids, space-separated"),
        Column("dream_id", "VARCHAR", "Id in DREAM"),
        Column("pb_uid", "VARCHAR", "Participatory budget proposal it implements (pb_projects.uid)"),
        Column("expected_effect", "VARCHAR", "Expected effect in words"),
        Column("expected_kwh_per_year", "DOUBLE", "Energy saved or produced a year, kWh"),
        Column("department", "VARCHAR", "Responsible department"),
        Column("contact", "VARCHAR", "Contact"),
        Column("links", "VARCHAR", "Photos and documents, space-separated web links"),
        Column("is_opportunity", "BOOLEAN", "Seeks funding from investors or donors", False),
        Column("funding_sought_uah", "DECIMAL(18,2)", "Funding sought"),
        Column("investment_form", "VARCHAR", "ppp, concession, lease, sale, grant_cofinancing"),
        Column("annual_revenue_uah", "DECIMAL(18,2)", "Expected annual revenue or savings"),
        Column(
            "payback_years", "DOUBLE", "Simple payback: as published, else (funding sought or budget) / annual revenue"
        ),
        Column("land_area_ha", "DOUBLE", "Land area, ha"),
        Column("utilities", "VARCHAR", "Utilities available"),
        Column("ownership", "VARCHAR", "Ownership of the site"),
        Column("cadastral_number", "VARCHAR", "Cadastral number of the land plot"),
        Column("source_file", "VARCHAR", "Registry file of the current version", False),
        Column("source_line", "INTEGER", "Line (or spreadsheet row) in that file", False),
    ),
    key=("project_id",),
)

PROJECT_FUNDING = Table(
    "project_funding",
    "Funding of each project by source (one row per source with an amount).",
    (
        Column("project_id", "VARCHAR", "Project", False),
        Column("source", "VARCHAR", "local_budget, state_budget, srdf, donor, investor, cofinancing", False),
        Column("amount_uah", "DECIMAL(18,2)", "Amount", False),
    ),
    key=("project_id", "source"),
)

PROJECT_TENDERS = Table(
    "project_tenders",
    "Prozorro tenders named by each project, matched to the procurements loaded.",
    (
        Column("project_id", "VARCHAR", "Project", False),
        Column("tender_ref", "VARCHAR", "Tender id or ocid as the registry gives it", False),
        Column("ocid", "VARCHAR", "Matching procurement, NULL when none is loaded"),
        Column("matched", "BOOLEAN", "A procurement was found", False),
    ),
    key=("project_id", "tender_ref"),
)

PROJECT_CHANGES = Table(
    "project_changes",
    "What changed in a project between the previous registry version and the current one.",
    (
        Column("project_id", "VARCHAR", "Project", False),
        Column(
            "field",
            "VARCHAR",
            "status, budget_uah, spent_uah, progress_pct, planned_start, planned_end, actual_start or actual_end",
            False,
        ),
        Column("old_value", "VARCHAR", "Value in the previous version"),
        Column("new_value", "VARCHAR", "Value now"),
        Column("previous_file", "VARCHAR", "Registry file of the previous version", False),
        Column("current_file", "VARCHAR", "Registry file of the current version", False),
    ),
)

PROJECT_FLAGS = Table(
    "project_flags",
    "Things to check about a project that do not stop it from loading.",
    (
        Column("project_id", "VARCHAR", "Project", False),
        Column(
            "flag",
            "VARCHAR",
            "spent_over_budget, outside_hromada, unknown_settlement, tender_not_found, contract_over_expected,"
            " paid_over_contract, funding_mismatch",
            False,
        ),
        Column("detail", "VARCHAR", "The figures behind the flag"),
    ),
)

DEPUTIES = Table(
    "deputies",
    "Deputies of the council: from our deputies list when loaded, else everyone who voted.",
    (
        Column("voter_id", "VARCHAR", "Deputy's id (votingIdentifier / voterId)", False),
        Column("name", "VARCHAR", "Full name (public)", False),
        Column("faction", "VARCHAR", "Faction or group, when known"),
        Column("district", "VARCHAR", "Electoral or starosta district, when known"),
        Column("listed", "BOOLEAN", "Comes from the deputies list (not only from the votes)", False),
    ),
    key=("voter_id",),
)

COUNCIL_MOTIONS = Table(
    "council_motions",
    "Agenda items of plenary meetings (appendix 29, motions).",
    (
        Column("uid", "VARCHAR", "Agenda item id", False),
        Column("session_uid", "VARCHAR", "Session id", False),
        Column("initiator_id", "VARCHAR", "Deputy who proposed it, when published"),
        Column("title", "VARCHAR", "Agenda item", False),
        Column("number", "BIGINT", "Number on the agenda", False),
        Column("classification", "VARCHAR", "Category", False),
        Column("date", "DATE", "Date of the meeting", False),
    ),
    key=("uid",),
)

COUNCIL_VOTE_EVENTS = Table(
    "council_vote_events",
    "Votes on draft decisions with their tallies (appendix 29, voteEvents).",
    (
        Column("uid", "VARCHAR", "Vote event id", False),
        Column("motion_uid", "VARCHAR", "Agenda item", False),
        Column("project_number", "VARCHAR", "Draft decision number", False),
        Column("project_title", "VARCHAR", "Draft decision title", False),
        Column("start_at", "TIMESTAMP", "Start of the vote", False),
        Column("end_at", "TIMESTAMP", "End of the vote", False),
        Column("result", "VARCHAR", "adopted, rejected, not_voted, not_considered", False),
        Column("votes_for", "BIGINT", "For", False),
        Column("votes_against", "BIGINT", "Against", False),
        Column("votes_abstain", "BIGINT", "Abstained", False),
        Column("not_voting", "BIGINT", "Present, not voting", False),
        Column("absent", "BIGINT", "Absent", False),
        Column("text_url", "VARCHAR", "Link to the decision"),
    ),
    key=("uid",),
)

COUNCIL_VOTES = Table(
    "council_votes",
    "Each deputy's vote on each agenda item (appendix 29, votings).",
    (
        Column("motion_uid", "VARCHAR", "Agenda item", False),
        Column("voter_id", "VARCHAR", "Deputy", False),
        Column("voter_name", "VARCHAR", "Deputy's name as published with the vote", False),
        Column("vote", "VARCHAR", "for, against, abstain, not_voting, absent", False),
    ),
    key=("motion_uid", "voter_id"),
)

PETITIONS = Table(
    "petitions",
    "E-petitions (Resolution 835, appendix 34); the author's name is not kept.",
    (
        Column("uid", "VARCHAR", "Petition id", False),
        Column("kind", "VARCHAR", "Topic"),
        Column("title", "VARCHAR", "Title", False),
        Column("url", "VARCHAR", "Link"),
        Column("start_date", "DATE", "Start of signature collection", False),
        Column("signatures", "BIGINT", "Signatures as published", False),
        Column("status", "VARCHAR", "Status as published", False),
        Column("answer_date", "DATE", "Date of the answer"),
        Column("answer_url", "VARCHAR", "Link to the answer"),
        Column("days_to_answer", "BIGINT", "answer_date − start_date, days"),
        Column("is_answered", "BOOLEAN", "Has an answer date", False),
        Column("reached_threshold", "BOOLEAN", "signatures ≥ the hromada's threshold", False),
        Column("threshold", "INTEGER", "The threshold applied (settings)", False),
    ),
    key=("uid",),
)

PETITION_SIGNATURES_DAILY = Table(
    "petition_signatures_daily",
    "Signatures per petition and day (appendix 34 votings, counted; names not kept).",
    (
        Column("petition_uid", "VARCHAR", "Petition", False),
        Column("date", "DATE", "Day", False),
        Column("signatures", "BIGINT", "Signatures that day", False),
    ),
    key=("petition_uid", "date"),
)

PB_PROJECTS = Table(
    "pb_projects",
    "Participatory budget proposals (appendix 35); the author's name is not kept.",
    (
        Column("uid", "VARCHAR", "Proposal id", False),
        Column("kind", "VARCHAR", "Category"),
        Column("type", "VARCHAR", "Kind"),
        Column("title", "VARCHAR", "Title", False),
        Column("description", "VARCHAR", "Description"),
        Column("url", "VARCHAR", "Link"),
        Column("votes", "BIGINT", "Votes as published", False),
        Column("status", "VARCHAR", "Status as published", False),
        Column("decision_date", "DATE", "Date winners were decided"),
        Column("budget_plan_uah", "DECIMAL(18,2)", "Planned budget", False),
        Column("budget_fact_uah", "DECIMAL(18,2)", "Actual cost"),
        Column("responsible", "VARCHAR", "Responsible unit (projectResposible as published)"),
        Column("is_winner", "BOOLEAN", "Status says it won or is being / was implemented", False),
    ),
    key=("uid",),
)

PB_VOTES_DAILY = Table(
    "pb_votes_daily",
    "Votes per proposal and day (appendix 35 votings, counted).",
    (
        Column("project_uid", "VARCHAR", "Proposal", False),
        Column("date", "DATE", "Day", False),
        Column("votes", "BIGINT", "Votes that day", False),
    ),
    key=("project_uid", "date"),
)

APPEALS = Table(
    "appeals",
    "Residents' appeals (our template with Open311 GeoReport v2 field names); no names are kept.",
    (
        Column("service_request_id", "VARCHAR", "Appeal id", False),
        Column("category", "VARCHAR", "Open311 service_name", False),
        Column("status", "VARCHAR", "open or closed", False),
        Column("request_type", "VARCHAR", "appeal or public_information", False),
        Column("requested_at", "TIMESTAMP", "Received", False),
        Column("updated_at", "TIMESTAMP", "Last change"),
        Column("expected_at", "TIMESTAMP", "Promised answer date"),
        Column(
            "deadline_at",
            "TIMESTAMP",
            "Statutory deadline: settings' days for appeals, 5 working days for public information",
            False,
        ),
        Column("answered_at", "TIMESTAMP", "When closed: updated_at"),
        Column("response_days", "DOUBLE", "Days from request to answer, when closed"),
        Column("address", "VARCHAR", "Address"),
        Column("lat", "DOUBLE", "Latitude"),
        Column("lon", "DOUBLE", "Longitude"),
        Column("settlement_katottg", "VARCHAR", "Settlement"),
        Column("agency", "VARCHAR", "Who answers"),
    ),
    key=("service_request_id",),
)

E_SERVICES = Table(
    "e_services",
    "Administrative services provided, by month, service and channel (our template).",
    (
        Column("month", "VARCHAR", "YYYY-MM", False),
        Column("service", "VARCHAR", "Service or certificate", False),
        Column("channel", "VARCHAR", "online, cnap or diia", False),
        Column("services", "BIGINT", "Services provided", False),
    ),
    key=("month", "service", "channel"),
)

WEATHER_DAILY = Table(
    "weather_daily",
    "Daily temperatures per station; missing days up to a week filled by linear interpolation and flagged.",
    (
        Column("station", "VARCHAR", "Station (the weather/ subfolder)", False),
        Column("date", "DATE", "Day", False),
        Column("t_mean_c", "DOUBLE", "Daily mean, °C: as published, else (max + min) / 2, else interpolated", False),
        Column("t_min_c", "DOUBLE", "Daily minimum, °C"),
        Column("t_max_c", "DOUBLE", "Daily maximum, °C"),
        Column("is_filled", "BOOLEAN", "The day was missing and t_mean_c is interpolated", False),
        Column("source_file", "VARCHAR", "File of the reading (NULL for filled days)"),
    ),
    key=("station", "date"),
)

HEATING_DEGREE_DAYS = Table(
    "heating_degree_days",
    "Heating degree days per station and month: Σ max(base − daily mean, 0).",
    (
        Column("station", "VARCHAR", "Station", False),
        Column("month", "VARCHAR", "YYYY-MM", False),
        Column("base_c", "DOUBLE", "Base temperature, °C (settings, default 18)", False),
        Column("hdd_c", "DOUBLE", "Heating degree days, °C·day", False),
        Column("days", "BIGINT", "Days with a temperature", False),
        Column("filled_days", "BIGINT", "Of which interpolated", False),
    ),
    key=("station", "month"),
)

HEATING_SEASONS = Table(
    "heating_seasons",
    "Heating seasons by the Ukrainian rule (three days below / above +8 °C).",
    (
        Column("station", "VARCHAR", "Station", False),
        Column("season", "VARCHAR", "e.g. 2024/25", False),
        Column("start_date", "DATE", "First day of heating", False),
        Column("end_date", "DATE", "First day without heating; NULL while the season lasts"),
        Column("days", "BIGINT", "Length in days"),
    ),
    key=("station", "season"),
)

BUILDINGS = Table(
    "buildings",
    "Public buildings (our buildings registry): type, area, meters, retrofits.",
    (
        Column("building_id", "VARCHAR", "Building id", False),
        Column("name", "VARCHAR", "Name", False),
        Column("type", "VARCHAR", "school, kindergarten, clinic, administration, culture, sport, other", False),
        Column("settlement_katottg", "VARCHAR", "Settlement", False),
        Column("lat", "DOUBLE", "Latitude"),
        Column("lon", "DOUBLE", "Longitude"),
        Column("heated_area_m2", "DOUBLE", "Heated area, m²"),
        Column("year_built", "BIGINT", "Year built"),
        Column("floors", "BIGINT", "Floors"),
        Column("energy_class", "VARCHAR", "Energy performance class"),
        Column("heating_source", "VARCHAR", "Heating source"),
        Column("organization_id", "VARCHAR", "EDRPOU of the institution"),
        Column("meters", "VARCHAR", "Meter numbers, space-separated"),
        Column("occupants", "BIGINT", "Pupils, children or visitors"),
        Column("retrofit_date", "DATE", "Retrofit completed"),
        Column("retrofit_project_id", "VARCHAR", "Project that paid for the retrofit"),
    ),
    key=("building_id",),
)

METER_READINGS = Table(
    "meter_readings",
    "Meter readings as published (appendix 47), with the utility and unit recognised and the building found.",
    (
        Column("uid", "VARCHAR", "Reading id", False),
        Column("date", "DATE", "Date taken", False),
        Column("organization_id", "VARCHAR", "Institution's EDRPOU", False),
        Column("organization_name", "VARCHAR", "Institution", False),
        Column("provider_id", "VARCHAR", "Supplier's EDRPOU"),
        Column("meter_number", "VARCHAR", "Meter", False),
        Column("utility", "VARCHAR", "electricity, gas, heat, water or solid_fuel", False),
        Column("quantity", "DOUBLE", "Meter index (or solid fuel delivered) in unit", False),
        Column("unit", "VARCHAR", "kWh, MWh, Gcal, m3 or t", False),
        Column("type_published", "VARCHAR", "Service type as published", False),
        Column("building_id", "VARCHAR", "Building whose meters list names it (or whose institution it is)"),
    ),
    key=("uid",),
)

CONSUMPTION_INTERVALS = Table(
    "consumption_intervals",
    "Consumption per interval of a meter: between two readings (national set), per billing period or per day of "
    "smart-meter hours (template), per delivery (solid fuel); flagged when suspect.",
    (
        Column("meter_number", "VARCHAR", "Meter", False),
        Column("building_id", "VARCHAR", "Building"),
        Column("utility", "VARCHAR", "electricity, gas, heat, water or solid_fuel", False),
        Column("start_date", "DATE", "First day covered (the previous reading's date)", False),
        Column("end_date", "DATE", "Day after the last day covered (the reading's date)", False),
        Column("days", "BIGINT", "Days in the interval (at least 1)", False),
        Column("amount", "DOUBLE", "Consumed, in unit; NULL when it cannot be known (negative, unexplained drop)"),
        Column("unit", "VARCHAR", "kWh, MWh, Gcal, m3 or t", False),
        Column("kwh", "DOUBLE", "Energy in kWh (Gcal × 1163; gas m³ and solid fuel t by the settings); NULL for water"),
        Column(
            "flag",
            "VARCHAR",
            "negative, stray_reading (out of line with both neighbours: set aside), "
            "rollover_or_replacement (index fell, amount unknown), duplicate, same_day, zero, "
            "long_interval / short_interval (vs the meter's usual period), incomplete_day (hours missing), outlier "
            "(per day beyond Q3 + 3 × IQR of the meter), spike (electricity/water: per day > 3 × the median); notes: "
            "rollover (counted past 99…9), meter_replaced; NULL when plausible",
        ),
        Column("estimated", "BOOLEAN", "The supplier estimated the reading", False),
        Column("source_file", "VARCHAR", "File of the reading"),
        Column("source_line", "INTEGER", "Line in that file"),
    ),
)

CONSUMPTION_MONTHLY = Table(
    "consumption_monthly",
    "Consumption by building, meter, utility and calendar month, intervals split over months by days.",
    (
        Column("building_id", "VARCHAR", "Building"),
        Column("meter_number", "VARCHAR", "Meter", False),
        Column("utility", "VARCHAR", "Utility", False),
        Column("month", "VARCHAR", "YYYY-MM", False),
        Column("amount", "DOUBLE", "Consumed, in the meter's unit", False),
        Column("kwh", "DOUBLE", "Energy, kWh (NULL for water)"),
        Column("days", "BIGINT", "Days of the month covered", False),
    ),
)

TARIFFS = Table(
    "tariffs",
    "Prices of utilities over time (our template).",
    (
        Column("utility", "VARCHAR", "Utility", False),
        Column("valid_from", "DATE", "First day the price applies", False),
        Column("unit", "VARCHAR", "kWh, MWh, Gcal, m3 or t", False),
        Column("uah_per_unit", "DOUBLE", "UAH per unit", False),
    ),
)

EMISSION_FACTORS = Table(
    "emission_factors",
    "CO₂ emission factors by utility, from a year on (our template; configurable, not constants in code).",
    (
        Column("utility", "VARCHAR", "Utility", False),
        Column("year", "BIGINT", "Applies from this year", False),
        Column("kg_co2_per_kwh", "DOUBLE", "kg CO₂ per kWh", False),
        Column("source", "VARCHAR", "Source of the factor"),
    ),
)

BUILDING_ENERGY_MONTHLY = Table(
    "building_energy_monthly",
    "Per building, utility and month: amount, energy, cost at the tariff in force and CO₂.",
    (
        Column("building_id", "VARCHAR", "Building (NULL for meters no building lists)"),
        Column("utility", "VARCHAR", "Utility", False),
        Column("month", "VARCHAR", "YYYY-MM", False),
        Column("amount", "DOUBLE", "Consumed, in the meter's unit", False),
        Column("unit", "VARCHAR", "The meter's unit"),
        Column("kwh", "DOUBLE", "Energy, kWh"),
        Column("cost_uah", "DOUBLE", "Cost at the tariff in force (NULL without a tariff)"),
        Column("co2_t", "DOUBLE", "CO₂, tonnes (NULL without a factor)"),
    ),
    key=("building_id", "utility", "month"),
)

ENERGY_FLAGS = Table(
    "energy_flags",
    "Every finding of the energy checks: suspect intervals, duplicates, months without data, monthly anomalies "
    "(heating per degree day, the rest per day) and gaps in the buildings registry.",
    (
        Column("building_id", "VARCHAR", "Building (NULL for a meter no building lists)"),
        Column("meter_number", "VARCHAR", "Meter (NULL for building-level findings)"),
        Column("utility", "VARCHAR", "Utility"),
        Column("start_date", "DATE", "First day concerned"),
        Column("end_date", "DATE", "Day after the last day concerned"),
        Column(
            "rule",
            "VARCHAR",
            "An interval flag (see consumption_intervals), estimated, gap (a month without data inside the meter's "
            "history; value 0), partial_month (days missing; value = days covered), vs_last_year / "
            "vs_recent_months (beyond +rise % / −drop % of the settings), outlier_month (beyond 3 × IQR of the "
            "building's months), area_missing, unknown_building",
            False,
        ),
        Column("value", "DOUBLE", "The value found (amount; for monthly rules kWh per degree day or per day)"),
        Column("reference", "DOUBLE", "What it was compared with (duplicates of a template row: the line kept)"),
        Column("source_file", "VARCHAR", "File of the reading"),
        Column("source_line", "INTEGER", "Line in that file"),
        Column("severity", "VARCHAR", "error (the value cannot be used), warning (suspect) or info", False),
    ),
)

BUILDING_QUALITY = Table(
    "building_quality",
    "Data-quality score per building: the share of clean meter intervals and months with data.",
    (
        Column("building_id", "VARCHAR", "Building", False),
        Column("intervals", "BIGINT", "Meter intervals", False),
        Column("flagged_intervals", "BIGINT", "Of which with an error or warning", False),
        Column("estimated_intervals", "BIGINT", "Otherwise clean but estimated (count half)", False),
        Column("gap_months", "BIGINT", "Meter-months without full data inside a meter's history", False),
        Column("errors", "BIGINT", "Findings of severity error in energy_flags", False),
        Column("warnings", "BIGINT", "Findings of severity warning", False),
        Column("area_missing", "BOOLEAN", "No heated area in the registry", False),
        Column(
            "score",
            "INTEGER",
            "100 × (intervals − flagged − ½ estimated) / (intervals + gap months), minus 10 without an area; "
            "NULL without readings",
        ),
    ),
    key=("building_id",),
)

ENERGY_BASELINES = Table(
    "energy_baselines",
    "Weather-normalised baseline per building and utility (degree-day regression, ASHRAE Guideline 14) and what "
    "was avoided against it: after a retrofit, the months after it; otherwise the months after the first 24.",
    (
        Column("building_id", "VARCHAR", "Building", False),
        Column("utility", "VARCHAR", "electricity, gas or heat", False),
        Column("model", "VARCHAR", "degree_day, or mean when the weather explains nothing (intercept only)", False),
        Column(
            "resolution",
            "VARCHAR",
            "What one period of the fit is: month (readings on the 1st), bill (billing periods on their own days "
            "and degree days; Guideline 14's monthly limits apply) or day where the building's meters are read "
            "daily (Guideline 14's hourly limits, 30 % and ±10 %, apply)",
            False,
        ),
        Column("baseline_points", "BIGINT", "Months, bills or days the model was fitted on", False),
        Column("balance_point_c", "DOUBLE", "Balance temperature found (10–22 °C), °C; NULL for the mean model"),
        Column("intercept_kwh_per_day", "DOUBLE", "Use per day regardless of the weather, kWh", False),
        Column("slope_kwh_per_degree_day", "DOUBLE", "Extra use per heating degree day, kWh", False),
        Column("baseline_from", "VARCHAR", "First baseline month, YYYY-MM", False),
        Column("baseline_to", "VARCHAR", "Last baseline month", False),
        Column("baseline_months", "BIGINT", "Calendar months the baseline spans", False),
        Column("r2", "DOUBLE", "R² of the monthly totals (NULL for the mean model)"),
        Column("cv_rmse_pct", "DOUBLE", "CV(RMSE), % (Guideline 14: at most 15 monthly, 30 daily)", False),
        Column("nmbe_pct", "DOUBLE", "NMBE, % (within ±5 monthly, ±10 daily)", False),
        Column("passes_g14", "BOOLEAN", "Both statistics within Guideline 14's limits for the resolution", False),
        Column("retrofit_date", "DATE", "Retrofit completed (from the buildings registry)"),
        Column("reporting_from", "VARCHAR", "First reporting month"),
        Column("reporting_to", "VARCHAR", "Last reporting month"),
        Column("reporting_months", "BIGINT", "Calendar months the reporting period spans", False),
        Column("baseline_kwh", "DOUBLE", "The baseline projected on the reporting period's weather, kWh"),
        Column("actual_kwh", "DOUBLE", "Used in the reporting period, kWh"),
        Column("avoided_kwh", "DOUBLE", "baseline_kwh − actual_kwh (negative: more used than the baseline predicts)"),
        Column(
            "avoided_uncertainty_kwh",
            "DOUBLE",
            "± at 90 % confidence: the fitted line's error over the reporting period plus that period's own noise, "
            "both inflated for autocorrelated residuals (Guideline 14, Annex B, with the effective number of points)",
        ),
        Column("avoided_uah", "DOUBLE", "avoided_kwh at the period's average price per kWh"),
        Column("avoided_co2_t", "DOUBLE", "avoided_kwh at the period's average emission factor, tonnes"),
    ),
    key=("building_id", "utility"),
)

ENERGY_BASELINE_MONTHLY = Table(
    "energy_baseline_monthly",
    "Month by month: what was used and what the baseline expects for that month's weather.",
    (
        Column("building_id", "VARCHAR", "Building", False),
        Column("utility", "VARCHAR", "Utility", False),
        Column("month", "VARCHAR", "YYYY-MM", False),
        Column(
            "period",
            "VARCHAR",
            "baseline, reporting, between (before the baseline window) or excluded (an error or a monthly outlier: "
            "left out of the fit and the savings)",
            False,
        ),
        Column("actual_kwh", "DOUBLE", "Used, kWh", False),
        Column("expected_kwh", "DOUBLE", "The baseline's expectation, kWh", False),
        Column("hdd_c", "DOUBLE", "Heating degree days at the model's balance point", False),
    ),
    key=("building_id", "utility", "month"),
)

ENERGY_NORMALISED_MONTHLY = Table(
    "energy_normalised_monthly",
    "Use corrected to a normal month's weather: actual − slope × (degree days − the calendar month's average).",
    (
        Column("building_id", "VARCHAR", "Building", False),
        Column("utility", "VARCHAR", "Utility", False),
        Column("month", "VARCHAR", "YYYY-MM", False),
        Column("actual_kwh", "DOUBLE", "Used, kWh", False),
        Column("normalised_kwh", "DOUBLE", "As if the month's weather had been average", False),
    ),
    key=("building_id", "utility", "month"),
)

GEO_AREAS = Table(
    "geo_areas",
    "Areas from geodata files in WGS 84, simplified for display: the hromada boundary (and neighbours'), starosta "
    "districts and settlement areas, matched to the codifier.",
    (
        Column("level", "VARCHAR", "hromada, district or settlement", False),
        Column("katottg", "VARCHAR", "KATOTTG code (NULL for a district)"),
        Column("name", "VARCHAR", "Name: the codifier's for hromadas and settlements, the file's for districts", False),
        Column("is_own", "BOOLEAN", "Part of the hromada the dashboard describes (settings)", False),
        Column("settlements", "VARCHAR", "District: the KATOTTG codes of its settlements, space-separated"),
        Column("geojson", "VARCHAR", "Geometry as GeoJSON, simplified to about 30 m", False),
        Column("area_km2", "DOUBLE", "Area of the unsimplified geometry, km² (equal-area projection)", False),
        Column("centroid_lat", "DOUBLE", "A point inside the area: latitude", False),
        Column("centroid_lon", "DOUBLE", "A point inside the area: longitude", False),
        Column("vertices", "BIGINT", "Vertices after simplification (what the page sends)", False),
        Column(
            "matched_by",
            "VARCHAR",
            "code; code_outside_codifier (a neighbouring hromada the codifier file lacks); name (no code in the "
            "file); districts",
            False,
        ),
        Column("source_file", "VARCHAR", "File", False),
        Column("source_line", "INTEGER", "Feature number in that file, from 1", False),
    ),
)

TARGETS = Table(
    "targets",
    "The council's target per KPI and year (our template); shares in per cent as written.",
    (
        Column("kpi", "VARCHAR", "KPI key (hromada/targets.py: own_revenue_share, budget_execution …)", False),
        Column("year", "BIGINT", "Year the target is for", False),
        Column("target", "DOUBLE", "Target: per cent for shares, kWh/m², UAH or days", False),
        Column("note", "VARCHAR", "Where the target comes from"),
        Column("source_file", "VARCHAR", "File it came from", False),
    ),
    key=("kpi", "year"),
)

DOCUMENTS_MONTHLY = Table(
    "documents_monthly",
    "Electronic document flow by month and department (our template).",
    (
        Column("month", "VARCHAR", "YYYY-MM", False),
        Column("department", "VARCHAR", "Department or institution", False),
        Column("registered", "BIGINT", "Documents registered", False),
        Column("electronic", "BIGINT", "Of them handled electronically end to end", False),
        Column("median_days_to_sign", "DOUBLE", "Median days from registration to signature"),
        Column("source_file", "VARCHAR", "File it came from", False),
    ),
    key=("month", "department"),
)

SETTLEMENT_CONNECTIVITY = Table(
    "settlement_connectivity",
    "Internet access of each settlement as checked on a date (our template).",
    (
        Column("katottg", "VARCHAR", "Settlement", False),
        Column("as_of", "DATE", "Date the facts were checked", False),
        Column("fixed_broadband", "BOOLEAN", "Fixed broadband can be ordered at home", False),
        Column("mobile_4g", "VARCHAR", "4G coverage: none, partial or full", False),
        Column("download_mbps", "DOUBLE", "Typical download speed, Mbit/s"),
        Column("public_wifi_points", "BIGINT", "Public Wi-Fi points"),
        Column("households", "BIGINT", "Households"),
        Column("households_connected", "BIGINT", "Households with a fixed internet subscription"),
        Column("covered", "BOOLEAN", "Residents are covered: fixed broadband, or full 4G coverage", False),
        Column("source_file", "VARCHAR", "File it came from", False),
    ),
    key=("katottg", "as_of"),
)


STAFF_AUDIT = Table(
    "staff_audit",
    "What staff did in the staff area (copied from the audit log at each build); shown to admins only.",
    (
        Column("acted_at", "TIMESTAMP", "When (UTC)", False),
        Column("username", "VARCHAR", "Who", False),
        Column(
            "action", "VARCHAR", "uploaded, checked, published, removed, refreshed, signed_in, sign_in_refused", False
        ),
        Column("source", "VARCHAR", "Data folder"),
        Column("file_name", "VARCHAR", "File"),
        Column("sha256", "VARCHAR", "SHA-256 of the file's bytes"),
        Column("detail", "VARCHAR", "What came of it"),
    ),
)


HROMADA_REGISTER = Table(
    "hromada_register",
    "Hromadas to compare with (our template): budget code, oblast, type and population with its year and source.",
    (
        Column("budget_code", "VARCHAR", "openbudget budget code", False),
        Column("katottg", "VARCHAR", "KATOTTG code of the hromada", False),
        Column("name", "VARCHAR", "Hromada's name", False),
        Column("oblast", "VARCHAR", "Oblast, as the register writes it", False),
        Column("hromada_type", "VARCHAR", "'city', 'settlement' or 'village'", False),
        Column("population", "BIGINT", "Residents", False),
        Column("population_year", "BIGINT", "Year the population is counted for", False),
        Column("population_source", "VARCHAR", "Where the population comes from", False),
        Column("source_file", "VARCHAR", "File it came from", False),
    ),
    key=("budget_code",),
)

BUDGET_TOTALS = Table(
    "budget_totals",
    "Pre-aggregated: per budget, period and fund, the year-to-date totals the overview and the comparison with "
    "other hromadas read (sums of leaf lines; spending from the economic breakdown when published, else the "
    "programme, else the functional one).",
    (
        Column("budget_code", "VARCHAR", "Budget code", False),
        Column("year", "INTEGER", "Fiscal year", False),
        Column("period_type", "VARCHAR", "'month' or 'quarter'", False),
        Column("month", "INTEGER", "Reporting month", False),
        Column("fund", "VARCHAR", "'general', 'special' or 'total'", False),
        Column("expense_classification", "VARCHAR", "The breakdown spending totals come from"),
        Column("income_ytd", "DECIMAL(38,2)", "Income executed from 1 January"),
        Column("income_plan", "DECIMAL(38,2)", "Income plan for the year (approved, as of the period)"),
        Column("own_ytd", "DECIMAL(38,2)", "Own revenues (income without transfers, codes 4…) executed"),
        Column("own_plan", "DECIMAL(38,2)", "Own revenues' plan"),
        Column("transfers_ytd", "DECIMAL(38,2)", "Transfers received (codes 4…)"),
        Column("expense_ytd", "DECIMAL(38,2)", "Spending executed from 1 January"),
        Column("expense_plan", "DECIMAL(38,2)", "Spending plan for the year"),
        Column("capital_ytd", "DECIMAL(38,2)", "Capital spending (economic codes 3…) executed"),
        Column("lines", "BIGINT", "Leaf lines summed", False),
    ),
    key=("budget_code", "year", "period_type", "month", "fund"),
)

BUDGET_DIVISIONS = Table(
    "budget_divisions",
    "Pre-aggregated: per budget and period, spending from 1 January by functional division (the first two digits "
    "of the functional code: 01 administration, 10 education …), total fund, from the functional breakdown when "
    "published, else the programme one.",
    (
        Column("budget_code", "VARCHAR", "Budget code", False),
        Column("year", "INTEGER", "Fiscal year", False),
        Column("period_type", "VARCHAR", "'month' or 'quarter'", False),
        Column("month", "INTEGER", "Reporting month", False),
        Column("division_code", "VARCHAR", "Two-digit functional division", False),
        Column("executed_ytd_uah", "DECIMAL(38,2)", "Spent from 1 January", False),
    ),
    key=("budget_code", "year", "period_type", "month", "division_code"),
)


TABLES: tuple[Table, ...] = (
    BUDGET_LINES,
    BUDGET_TOTALS,
    BUDGET_DIVISIONS,
    HROMADA_REGISTER,
    HROMADAS,
    SETTLEMENTS,
    PROCUREMENTS,
    PROCUREMENT_LOTS,
    PROCUREMENT_ITEMS,
    AWARDS,
    CONTRACTS,
    CONTRACT_TRANSACTIONS,
    PROJECTS,
    PROJECT_FUNDING,
    PROJECT_TENDERS,
    PROJECT_CHANGES,
    PROJECT_FLAGS,
    DEPUTIES,
    COUNCIL_MOTIONS,
    COUNCIL_VOTE_EVENTS,
    COUNCIL_VOTES,
    PETITIONS,
    PETITION_SIGNATURES_DAILY,
    PB_PROJECTS,
    PB_VOTES_DAILY,
    APPEALS,
    E_SERVICES,
    WEATHER_DAILY,
    HEATING_DEGREE_DAYS,
    HEATING_SEASONS,
    BUILDINGS,
    METER_READINGS,
    CONSUMPTION_INTERVALS,
    CONSUMPTION_MONTHLY,
    TARIFFS,
    EMISSION_FACTORS,
    BUILDING_ENERGY_MONTHLY,
    ENERGY_FLAGS,
    BUILDING_QUALITY,
    ENERGY_BASELINES,
    ENERGY_BASELINE_MONTHLY,
    ENERGY_NORMALISED_MONTHLY,
    GEO_AREAS,
    TARGETS,
    DOCUMENTS_MONTHLY,
    SETTLEMENT_CONNECTIVITY,
    STAFF_AUDIT,
    SOURCE_FILES,
    SOURCE_FETCHES,
    REJECTED_ROWS,
    BUILD_INFO,
)


def markdown() -> str:
    """The tables section of docs/warehouse.md, written from the declarations above."""
    parts = []
    for table in TABLES:
        key = f"\n\nKey: {', '.join(f'`{k}`' for k in table.key)} (one row each)." if table.key else ""
        parts.append(f"### `{table.name}`\n\n{table.description}{key}\n\n| column | type | meaning |\n|---|---|---|")
        parts.extend(
            f"| `{c.name}` | {c.type}{'' if c.nullable else ', not null'} | {c.description} |" for c in table.columns
        )
        parts.append("")
    return "\n".join(parts)
