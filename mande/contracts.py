"""Each CSV file's contract: its columns, their types and allowed values, its key and references.

This is the one place that says what a valid data file is (`contract.py` says what a contract is made of).
Validation (`ingest.py`), the database tables (`db.py`), the export and the documentation test all read it.
"""

from __future__ import annotations

from mande import measures
from mande.contract import ISO3, MAX_COUNT, Column, Contract, RowsRule, Rule
from mande.i18n import N_

MAX_STATES = 195  # the States in states.csv


def _less_than(column: str, other: str, sql_type: str, problem: str, expected: str) -> Rule:
    """A problem where `column` is less than `other`, both read as `sql_type`. Where either is empty or not of
    the type, the comparison is NULL, no problem here: each column's own checks say what is wrong with it."""
    return Rule(column, f"try_cast({column} AS {sql_type}) < try_cast({other} AS {sql_type})", problem, expected)


STATES = Contract(
    table="states",
    description=N_("A State: the 193 UN Member States, the Holy See and the State of Palestine."),
    columns=(
        Column("iso3", "code", pattern=ISO3, example="FJI", form=N_("an ISO 3166-1 alpha-3 code in capitals")),
        Column("iso_numeric", "code", pattern=r"[0-9]{3}", example="242",
               form=N_("the ISO 3166-1 numeric code as 3 digits")),
        Column("name", "text", example="Fiji"),
        # The name the UN Treaty Collection gives the State ("St. Kitts and Nevis"): how `mande untc` finds it.
        Column("un_name", "text", example="Bolivia (Plurinational State of)"),
        Column("un_status", "code", allowed=("member", "observer")),
    ),
    key=("iso3",),
    across_rows=(
        RowsRule(
            column="un_name",
            select="SELECT _row, un_name, other_row FROM (SELECT _row, un_name, "
                   "min(_row) OVER (PARTITION BY un_name) AS other_row FROM {rows}) WHERE _row > other_row",
            problem=N_("the same UN name as row {first_row}"),
            expected=N_("each State's own name as the UN Treaty Collection writes it: two States cannot share one"),
        ),
    ),
)

GROUPS = Contract(
    table="groups",
    description=N_("One State's membership of one group of a grouping, with its start and end where known."),
    columns=(
        Column("grouping", "code", pattern=r"[a-z0-9_]+", example="sids_region",
               form=N_("a name in lower case letters, digits and _")),
        Column("group", "text", example="Pacific"),
        Column("iso3", "code", references="states.iso3", example="TUV"),
        Column("start_date", "date", required=False, example="2018-02-08"),
        Column("end_date", "date", required=False, example="2013-10-03"),
        Column("source", "text", example="UN-OHRLLS list of Small Island Developing States"),
        Column("note", "text", required=False),
    ),
    key=("grouping", "group", "iso3", "start_date"),
    rules=(
        Rule(
            column="end_date",
            when="start_date <> '' AND end_date <> '' AND try_cast(end_date AS DATE) <= try_cast(start_date AS DATE)",
            problem=N_("end_date is not after start_date"),
            expected=N_("a date after start_date, or empty for a membership that has not ended"),
        ),
    ),
)

TREATIES = ("UNCAT", "OPCAT")


def other_treaty(treaty: str) -> str:
    """OPCAT for UNCAT, UNCAT for OPCAT."""
    return TREATIES[1 - TREATIES.index(treaty)]


CONSENT_ACTIONS = ("ratification", "accession", "succession")
# What a treaty action does to a State's being party, as SQL over a column `action`: 'consent' (to be bound),
# 'withdrawal', or NULL (a signature does neither). The one classification: the checks below read it on the
# incoming rows, and db.py makes it the macro party_step(action) that party_periods (views.sql) reads.
PARTY_STEP = ("CASE WHEN action = 'withdrawal' THEN 'withdrawal' WHEN action IN ("
              + ", ".join(f"'{action}'" for action in CONSENT_ACTIONS) + ") THEN 'consent' END")
# A State's consents and withdrawals for a treaty, in date order, with the one before each: they must
# alternate, starting with a consent, one a day, so that "party on a date" has one meaning (views.sql). The
# rows are checked before the database, and its macro party_step, exist: the macro is written out in full.
_CONSENT_STEPS = """
    SELECT _row, action, other_row, kind, previous_kind, same_day FROM (
        SELECT _row, action, kind,
               lag(kind) OVER w AS previous_kind, lag(_row) OVER w AS other_row,
               lag(day) OVER w = day AS same_day
        FROM (SELECT _row, iso3, treaty, action, try_cast("date" AS DATE) AS day, party_step(action) AS kind
              FROM {rows})
        WHERE kind IS NOT NULL AND day IS NOT NULL
        WINDOW w AS (PARTITION BY iso3, treaty ORDER BY day, _row)
    )
""".replace("party_step(action)", PARTY_STEP)
TREATY_ACTIONS = Contract(
    table="treaty_actions",
    description=N_("One treaty action (signature, ratification, accession, succession, withdrawal) of one State."),
    columns=(
        Column("iso3", "code", references="states.iso3", example="TUV"),
        Column("treaty", "code", allowed=TREATIES),
        Column("action", "code", allowed=("signature", *CONSENT_ACTIONS, "withdrawal")),
        Column("date", "date", example="2019-03-28"),
        Column("date_precision", "code", allowed=("day", "month", "year", "range")),
        Column("date_earliest", "date", required=False, example="2023-07-01"),
        Column("source", "text", example="https://cti2024.org/news/... (28 Mar 2019)"),
        Column("note", "text", required=False),
    ),
    key=("iso3", "treaty", "action", "date"),
    rules=(
        Rule(
            column="date_earliest",
            when="date_precision = 'range' AND date_earliest = ''",
            problem=N_("missing for a date range"),
            expected=N_("the earliest possible date of the action, e.g. 2023-07-01"),
        ),
        Rule(
            column="date_earliest",
            when="date_precision <> 'range' AND date_earliest <> ''",
            problem=N_("given although date_precision is not range"),
            expected=N_("empty, or set date_precision to range"),
        ),
        Rule(
            column="date_earliest",
            when="date_earliest <> '' AND try_cast(date_earliest AS DATE) >= try_cast(\"date\" AS DATE)",
            problem=N_("not before date"),
            expected=N_("a date before the latest possible date in column date"),
        ),
    ),
    across_rows=(
        RowsRule(
            column="action",
            select=_CONSENT_STEPS + "WHERE same_day",
            problem=N_("on the same day as row {first_row}, a consent or withdrawal of the same State and treaty"),
            expected=N_("one consent or withdrawal a day for a State and treaty; correct the date of one of them"),
        ),
        RowsRule(
            column="action",
            select=_CONSENT_STEPS + "WHERE NOT coalesce(same_day, false) AND kind = 'consent' "
                   "AND previous_kind = 'consent'",
            problem=N_("a second consent to be bound after the one of row {first_row}, with no withdrawal between "
                       "them"),
            expected=N_("one consent per State and treaty, or a withdrawal row between the two; remove or correct one"),
        ),
        RowsRule(
            column="action",
            select=_CONSENT_STEPS + "WHERE NOT coalesce(same_day, false) AND kind = 'withdrawal' "
                   "AND coalesce(previous_kind, 'withdrawal') = 'withdrawal'",
            problem=N_("a withdrawal with no consent to be bound in force before it"),
            expected=N_("a withdrawal only after the State's ratification, accession or succession"),
        ),
    ),
)

TARGET_KINDS = ("at_least", "range", "up_to", "milestone", "qualitative", "period_total")
FRAMEWORK = Contract(
    table="framework",
    description=N_("An indicator of the results framework: the output it measures and how its target reads."),
    columns=(
        Column("result_id", "code", pattern=r"R[0-9]+", example="R1", form=N_("R and the result's number")),
        Column("result", "text", example="Increased UNCAT ratifications/accessions"),
        Column("indicator_id", "code", pattern=r"[A-Za-z0-9.\-]+", example="R1.1",
               form=N_("letters, digits, dots and hyphens")),
        Column("indicator", "text", example="States that became party to UNCAT in the year"),
        Column("kind", "code", allowed=TARGET_KINDS),
        Column("source", "code", allowed=("derived", "manual")),
        Column("measure", "code", required=False, allowed=measures.NAMES),
        Column("period_start", "integer", minimum=1984, maximum=2100, example="2018"),
        Column("period_end", "integer", minimum=1984, maximum=2100, example="2020"),
        Column("note", "text", required=False),
    ),
    key=("indicator_id",),
    rules=(
        Rule(
            column="measure",
            when="source = 'derived' AND measure = ''",
            problem=N_("missing for a derived indicator"),
            expected=N_("the name of the measure computed from the records, e.g. uncat_new_parties"),
        ),
        _less_than("period_end", "period_start", "INTEGER", "before period_start",
                   "the last year of the strategy period, not before its first"),
    ),
)

TARGETS = Contract(
    table="targets",
    description=N_("An indicator's target for one year (or a milestone's due date)."),
    columns=(
        Column("indicator_id", "code", references="framework.indicator_id", example="R1.1"),
        Column("year", "integer", minimum=1984, maximum=2100, example="2019"),
        Column("target_min", "integer", required=False, minimum=0, maximum=MAX_COUNT, example="3"),
        Column("target_max", "integer", required=False, minimum=0, maximum=MAX_COUNT, example="5"),
        Column("due_date", "date", required=False, example="2019-12-31"),
        Column("note", "text", required=False),
    ),
    key=("indicator_id", "year"),
    rules=(
        _less_than("target_max", "target_min", "INTEGER", "smaller than target_min",
                   "the upper aim, at least target_min"),
        Rule(
            column="target_min",
            when="target_min = '' AND target_max = '' AND due_date = ''",
            problem=N_("no target given"),
            expected=N_("target_min, target_max or due_date (for a milestone)"),
        ),
    ),
)

EVENT_TYPES = (
    "regional_seminar", "regional_dialogue", "technical_workshop", "side_event", "bilateral_meeting",
    "country_visit", "study_visit", "annual_forum", "global_forum", "briefing", "webinar", "other",
)
YES_NO = ("yes", "no")
EVENTS = Contract(
    table="events",
    description=N_("A CTI event: a seminar, dialogue, workshop, side event, visit, briefing or forum."),
    columns=(
        Column("event_id", "code", pattern=r"[a-z0-9][a-z0-9-]*", example="2022-04-bali-asia-pacific-seminar",
               form=N_("lower case letters, digits and hyphens")),
        Column("title", "text", example="Regional Seminar for the Asia-Pacific"),
        Column("type", "code", allowed=EVENT_TYPES),
        Column("start_date", "date", example="2022-04-20"),
        Column("date_precision", "code", allowed=("day", "month", "year")),
        Column("end_date", "date", required=False, example="2022-04-22"),
        Column("city", "text", required=False),
        Column("country_iso3", "code", required=False, references="states.iso3", example="IDN"),
        Column("region", "text", required=False),
        Column("format", "code", required=False, allowed=("in_person", "online", "hybrid")),
        Column("participants", "integer", required=False, minimum=0, maximum=MAX_COUNT, example="130"),
        Column("states_represented", "integer", required=False, minimum=0, maximum=MAX_STATES, example="15"),
        Column("partners", "text", required=False),
        Column("confidential", "code", allowed=YES_NO),
        Column("source", "text", example="https://cti2024.org/news/..."),
        Column("note", "text", required=False),
    ),
    key=("event_id",),
    rules=(
        _less_than("end_date", "start_date", "DATE", "before start_date",
                   "the last day of the event, not before its first, or empty for a one-day event"),
    ),
)

PARTICIPATION = Contract(
    table="participation",
    description=N_("A group of participants of one event: who (a State or an organisation), at what level, how many."),
    columns=(
        Column("event_id", "code", references="events.event_id", example="2022-04-bali-asia-pacific-seminar"),
        Column("iso3", "code", required=False, references="states.iso3", example="FJI"),
        Column("participant_type", "code",
               allowed=("government", "international_organisation", "ngo", "nhri", "expert", "other")),
        Column("role", "code", allowed=("host", "speaker", "participant")),
        Column("level", "code", allowed=("senior", "technical", "other", "unknown")),
        Column("gender", "code", required=False, allowed=("women", "men", "other")),
        Column("mode", "code", required=False, allowed=("in_person", "online")),
        Column("count", "integer", required=False, minimum=1, maximum=MAX_COUNT, example="3"),
        Column("illustrative", "code", allowed=YES_NO),
        Column("source", "text", example="https://cti2024.org/news/..."),
        Column("note", "text", required=False),
    ),
    key=("event_id", "iso3", "participant_type", "role", "level", "gender", "mode"),
    rules=(
        Rule(
            column="iso3",
            when="participant_type = 'government' AND iso3 = ''",
            problem=N_("missing for a government"),
            expected=N_("the State's ISO 3166-1 alpha-3 code, e.g. FJI"),
        ),
    ),
)

# What a request for technical advice is about: joining UNCAT (ratification or accession, reservations and
# declarations), bringing the law into line with it (legislation), reports to the Committee against Torture
# (reporting), safeguards, training and preventive mechanisms (prevention), anything else (other).
ADVICE_TOPICS = ("ratification", "legislation", "reporting", "prevention", "other")
ADVICE = Contract(
    table="advice",
    description=N_("A request for technical advice on UNCAT from a State (confidential: only counts are public)."),
    columns=(
        Column("request_id", "code", pattern=r"[a-z0-9][a-z0-9-]*", example="2019-004",
               form=N_("lower case letters, digits and hyphens")),
        Column("date", "date", example="2019-03-14"),
        Column("iso3", "code", references="states.iso3", example="TUV"),
        Column("topic", "code", allowed=ADVICE_TOPICS),
        # "no" only where the State itself has made the request public; the public view shows advice only
        # as counts either way.
        Column("confidential", "code", allowed=YES_NO),
        Column("illustrative", "code", allowed=YES_NO),
        Column("note", "text", required=False),
    ),
    key=("request_id",),
)

OUTPUTS = Contract(
    table="outputs",
    description=N_("A manual output figure: what the Secretariat records for an indicator in a year, with its "
                   "evidence."),
    columns=(
        Column("indicator_id", "code", references="framework.indicator_id", example="R4.6"),
        Column("year", "integer", minimum=1984, maximum=2100, example="2020"),
        # A count; for a milestone or a yes/no (qualitative) target, 1 for done and 0 for not done.
        Column("value", "integer", minimum=0, maximum=MAX_COUNT, example="1"),
        Column("done_date", "date", required=False, example="2019-06-26"),
        Column("evidence", "text", example="https://cti2024.org/news/..."),
        Column("illustrative", "code", allowed=YES_NO),
        Column("note", "text", required=False),
    ),
    key=("indicator_id", "year"),
    rules=(
        Rule(
            column="done_date",
            when="done_date <> '' AND value = '0'",
            problem=N_("given although value is 0 (not done)"),
            expected=N_("empty, or value 1 for a milestone done on that date"),
        ),
    ),
)

_DATA_TABLES = (STATES, GROUPS, TREATY_ACTIONS, FRAMEWORK, TARGETS, OUTPUTS, EVENTS, PARTICIPATION, ADVICE)

# The slides of the presentation (/present), in the standard sequence of the embedded slides.csv; a State's
# profile and one Forum's figures are the slides the Secretariat adds for one State or one Forum.
STANDARD_SLIDES = ("headline", "map", "parties_over_time", "since_last_forum", "results", "events", "forums")
SLIDE_KINDS = (*STANDARD_SLIDES, "state", "forum")
FORUM_EXAMPLE = "2022-12-geneva-annual-forum"
SLIDES = Contract(
    table="slides",
    description=N_("A slide of the presentation for the Annual Forum's projector (/present), in the order shown."),
    columns=(
        Column("position", "integer", minimum=1, maximum=100, example="3"),
        Column("kind", "code", allowed=SLIDE_KINDS),
        Column("iso3", "code", required=False, references="states.iso3", example="TUV"),
        Column("event_id", "code", required=False, references="events.event_id", example=FORUM_EXAMPLE),
        Column("note", "text", required=False),
    ),
    key=("position",),
    may_be_empty=True, may_be_missing=True,  # no slides listed: the standard sequence (slides.sequence)
    rules=(
        Rule(column="iso3", when="kind = 'state' AND iso3 = ''", problem=N_("missing for a State slide"),
             expected=N_("the State's ISO 3166-1 alpha-3 code, e.g. TUV")),
        Rule(column="iso3", when="kind <> 'state' AND iso3 <> ''",
             problem=N_("given for a slide of kind other than state"),
             expected=N_("empty, or kind state for a State's profile")),
        Rule(column="event_id", when="kind = 'forum' AND event_id = ''", problem=N_("missing for a Forum slide"),
             expected=f"the event_id of an Annual Forum in events.csv, e.g. {FORUM_EXAMPLE}"),
        Rule(column="event_id", when="kind <> 'forum' AND event_id <> ''",
             problem=N_("given for a slide of kind other than forum"),
             expected=N_("empty, or kind forum for one Forum")),
    ),
    across_rows=(
        # Slides are public: a Forum on one is a public event of a Forum's type ({events}: the events' rows).
        RowsRule(
            column="event_id",
            select="SELECT _row, event_id, NULL AS other_row FROM {rows} WHERE event_id <> '' "
                   "AND event_id IN (SELECT event_id FROM {events}) AND event_id NOT IN (SELECT event_id FROM "
                   "{events} WHERE type IN ('annual_forum', 'global_forum') AND confidential = 'no')",
            problem=N_("an event that is not a public Forum"),
            expected="the event_id of an Annual Forum or global forum (type annual_forum or global_forum) that is "
                     f"not confidential, e.g. {FORUM_EXAMPLE}",
        ),
    ),
)

DATASETS = Contract(
    table="datasets",
    description=N_("How current each data file is: the date its facts were last checked against their sources."),
    columns=(
        Column("table", "code", allowed=tuple(c.table for c in _DATA_TABLES)),
        Column("as_of", "date", example="2024-05-10"),
        Column("source", "text", example="Committee against Torture, annual report A/79/44"),
        Column("note", "text", required=False),
    ),
    key=("table",),
)

# In load order: a file comes after the files it references.
CONTRACTS: dict[str, Contract] = {c.table: c for c in (*_DATA_TABLES, SLIDES, DATASETS)}


def contract_for(table: str) -> Contract:
    """The contract of a table, or KeyError with the known tables named."""
    try:
        return CONTRACTS[table]
    except KeyError:
        raise KeyError(f"unknown table {table!r}; the tables are: {', '.join(CONTRACTS)}") from None
