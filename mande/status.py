"""Treaty status of every State on a date, counted by group, and its history since 1984.

Each function's query is mande/sql/<its name>.sql, over the views of views.sql.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from mande import db, sql
from mande.contracts import other_treaty
from mande.dates import describe
from mande.i18n import N_, _
from mande.names import group_name
from mande.words import Words

# Each of these says its words in the page's language when read (words.Words); the keys stay English.
STATUS_WORDS = Words({"party": N_("Party"), "signatory": N_("Signatory"), "no action": N_("No action")})
TREATY_NAMES = Words({"UNCAT": N_("Convention against Torture (UNCAT)"), "OPCAT": N_("Optional Protocol (OPCAT)")})
ACTION_WORDS = Words({"signature": N_("Signature"), "ratification": N_("Ratification"), "accession": N_("Accession"),
                      "succession": N_("Succession"), "withdrawal": N_("Withdrawal")})
# The columns of parties_by_year as a table for people reads them (headers: the tables translate them).
PARTIES_BY_YEAR_WORDS = {"year": N_("Year"), "joined": N_("Became party"), "parties": N_("Parties at year end")}
# The group of the States in none (a key of status_counts' rows: said with group_label).
NOT_IN_A_GROUP = N_("(not in any group)")
ALL_STATES = N_("All")  # status_counts' one row without a grouping (status_counts.sql)
COUNT_COLUMNS = ["group", "parties", "signatories", "no_action", "total"]


def status_as_of(con: duckdb.DuckDBPyConnection, treaty: str, as_of: date) -> pd.DataFrame:
    """One row per State: status, signature and consent dates with their precision, sorted by name."""
    return sql.df(con, "status_as_of", treaty=treaty, as_of=as_of)


GROUPING_NAMES = Words({
    "un_regional_group": N_("UN regional groups"),
    "m49_region": N_("Regions (UN M49)"),
    "m49_subregion": N_("Sub-regions (UN M49)"),
    "m49_intermediate_region": N_("Intermediate regions (UN M49)"),
    "sids_region": N_("Small Island Developing States"),
    "commonwealth": N_("Commonwealth"),
    "cti": N_("CTI core States"),
})


def grouping_name(grouping: str) -> str:
    """A grouping as people name it, in the page's language; one the Secretariat added reads as its code with
    spaces."""
    return GROUPING_NAMES.get(grouping, grouping.replace("_", " ").capitalize())


def group_label(group: str) -> str:
    """A group's name (a row of status_counts, reach_by_group...) as the page's language says it: the groups of
    groups.csv by names.group_name, and the rows for all States and for those in no group."""
    if group in (NOT_IN_A_GROUP, ALL_STATES):
        return _(group)
    return group_name(group)


def groups(con: duckdb.DuckDBPyConnection, grouping: str) -> list[str]:
    """The groups of a grouping, in alphabetical order."""
    return [group for (group,) in sql.rows(con, "groups", grouping=grouping)]


def groupings(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The groupings in the data, in alphabetical order."""
    return [grouping for (grouping,) in sql.rows(con, "groupings")]


# What the figures of status mean, and what they count by: said with _() where shown (the Overview, the edition,
# the report).
SIGNATORIES_NOTE = N_("Signatories have signed but are not yet party; *no action*: neither signed nor party; *still "
                      "to join*: the gap to universal ratification, {total} States less the parties.")
DEPOSIT_NOTE = N_("Status counts by date of deposit of the instrument with the UN Secretary-General (not entry into "
                  "force). Sources: see About the data.")


def counts_shown(counts: pd.DataFrame) -> pd.DataFrame:
    """status_counts by group as a table for people: each group named in the page's language, the columns too."""
    return counts.assign(group=counts.group.map(group_label)).rename(columns={
        "group": N_("Group"), "parties": N_("States parties"), "signatories": N_("Signatories"),
        "no_action": N_("No action"), "total": N_("All States")})


def status_counts(
    con: duckdb.DuckDBPyConnection, treaty: str, as_of: date, grouping: str | None = None
) -> pd.DataFrame:
    """Parties, signatories and States with no action: one row `All`, or one per group of `grouping`.

    A State belongs to the groups it is a member of on `as_of`; States in none of the grouping's groups are
    counted in a last row, so that every State is counted.
    """
    return sql.df(con, "status_counts", treaty=treaty, as_of=as_of, grouping=grouping,
                  not_in_a_group=NOT_IN_A_GROUP)


def parties_by_year(
    con: duckdb.DuckDBPyConnection, treaty: str, first_year: int, last_year: int, states: tuple[str, ...] | None = None
) -> pd.DataFrame:
    """For each year: States that became party in it (`joined`), and parties at its end (`parties`).

    With `states` (iso3 codes), only those States are counted.
    """
    return sql.df(con, "parties_by_year", treaty=treaty, first_year=first_year, last_year=last_year, states=states)


def status_for_map(con: duckdb.DuckDBPyConnection, treaty: str, as_of: date) -> pd.DataFrame:
    """One row per State, for a map's tooltips: status, dates as people read them, the other treaty's status."""
    other = other_treaty(treaty)
    # plain rows: 195 of them read faster in Python than through pandas columns
    rows = sql.rows(con, "status_for_map", treaty=treaty, other=other, as_of=as_of)
    return pd.DataFrame(
        [
            (iso3, numeric, name, status, STATUS_WORDS[status], describe(signed, signed_precision),
             describe(consent, consent_precision, earliest), ACTION_WORDS.get(how, (how or "").capitalize()),
             STATUS_WORDS[other_status])
            for (iso3, numeric, name, status, signed, signed_precision, how, consent, consent_precision, earliest,
                 other_status) in rows
        ],
        columns=["iso3", "iso_numeric", "name", "status", "status_word", "signed", "became_party", "by",
                 "other_status"],
    )


def parties_count(con: duckdb.DuckDBPyConnection, treaty: str, as_of: date,
                  states: tuple[str, ...] | None = None) -> int:
    """How many States (of `states`, if given) were party on `as_of`."""
    return sql.rows(con, "parties_count", treaty=treaty, as_of=as_of, states=states)[0][0]


def recent_parties(con: duckdb.DuckDBPyConnection, treaty: str, as_of: date, limit: int = 10) -> pd.DataFrame:
    """The States that became party most recently on or before `as_of`, newest first."""
    return sql.df(con, "recent_parties", treaty=treaty, as_of=as_of, limit=limit)


def group_of_each_state(con: duckdb.DuckDBPyConnection, grouping: str, as_of: date) -> dict[str, str]:
    """iso3 -> the State's group in `grouping` on `as_of` (States in no group are left out)."""
    return dict(sql.rows(con, "group_of_each_state", grouping=grouping, as_of=as_of))


def state_count(con: duckdb.DuckDBPyConnection) -> int:
    """How many States the data holds (195 in the embedded data)."""
    return sql.rows(con, "state_count")[0][0]


def cti_launch(con: duckdb.DuckDBPyConnection) -> date | None:
    """When the CTI was launched: the earliest start of a core State's membership."""
    return sql.rows(con, "cti_launch")[0][0]


@db.for_everyone
def actions_since(con: duckdb.DuckDBPyConnection, since: date, as_of: date) -> pd.DataFrame:
    """The consents to be bound (party_changes) and the signatures after `since`, up to `as_of`, that a Forum or
    the annual report is told of: treaty, name, action, date, date_precision, date_earliest; UNCAT first, in date
    order."""
    return sql.df(con, "actions_since", since=since, as_of=as_of)
