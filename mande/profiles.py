"""One State's profile: its UNCAT and OPCAT status and actions, its groups, its CTI events, its peers.

Each query is mande/sql/state_<what>.sql; the cursor decides the audience (the public view never sees a
confidential event). The functions below the queries shape their answers into what the State page shows.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from mande import events, sql, status
from mande.dates import describe, describe_each, span
from mande.tables import escape, links

NO_EVENT = "No CTI event on record."
LEVEL_WORDS = {"senior": "at senior level", "technical": "at technical level", "other": "at another level",
               "unknown": "level not recorded"}


# --- The questions ------------------------------------------------------------------------------------------

def state_names(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Every State's ISO3 code -> its name, in alphabetical order of name."""
    return dict(sql.rows(con, "state_names"))


def status_of(con: duckdb.DuckDBPyConnection, iso3: str, as_of: date) -> pd.DataFrame:
    """The State's status on `as_of` for UNCAT and OPCAT, one row per treaty (columns of status_as_of, and
    `treaty`)."""
    return sql.df(con, "state_status", iso3=iso3, as_of=as_of)


def actions_of(con: duckdb.DuckDBPyConnection, iso3: str) -> pd.DataFrame:
    """The State's treaty actions, UNCAT first, in date order: treaty, action, date, its precision, source."""
    return sql.df(con, "state_actions", iso3=iso3)


def groups_of(con: duckdb.DuckDBPyConnection, iso3: str, as_of: date) -> pd.DataFrame:
    """The State's groups on `as_of`, one row per grouping and group."""
    return sql.df(con, "state_groups", iso3=iso3, as_of=as_of)


def events_of(con: duckdb.DuckDBPyConnection, iso3: str) -> pd.DataFrame:
    """The CTI events of this audience at which a source names the State, in date order, with its role."""
    return sql.df(con, "state_events", iso3=iso3)


def peers_of(con: duckdb.DuckDBPyConnection, iso3: str, as_of: date, treaty: str = "UNCAT") -> tuple | None:
    """(UN regional group, its States, of them party to `treaty`) on `as_of`; None when the State is in no
    UN regional group on that date."""
    found = sql.rows(con, "state_peers", iso3=iso3, as_of=as_of, treaty=treaty)
    return found[0] if found else None


# --- What the page shows ------------------------------------------------------------------------------------

def status_sentence(row: pd.Series) -> str:
    """The State's status for one treaty, in words with its dates: 'Party since 5 December 2024 (accession).'"""
    withdrew = (f" It withdrew on {describe(row['withdrawal_date'])}."
                if not pd.isna(row["withdrawal_date"]) else "")
    if row["status"] == "party":
        since = describe(row["consent_date"], row["consent_precision"], row["consent_earliest"])
        return f"Party since {since} ({row['consent_type']})."
    if row["status"] == "signatory":
        return (f"Signatory since {describe(row['signature_date'], row['signature_precision'])}, not party."
                + withdrew)
    return ("Not party." + withdrew) if withdrew else "No action: it has neither signed nor become party."


def actions_shown(actions: pd.DataFrame) -> pd.DataFrame:
    """The actions as the page lists them; the Source column is Markdown made safe by tables.links."""
    return pd.DataFrame({
        "Treaty": actions.treaty,
        "Date": describe_each(actions.date, actions.date_precision, actions.date_earliest),
        "Action": actions.action.map(lambda a: status.ACTION_WORDS.get(a, a)),
        "Source": actions.source.map(links),
    })


def groups_shown(groups: pd.DataFrame) -> pd.DataFrame:
    """The groups as the page lists them: the grouping by its name, then the group."""
    return pd.DataFrame({"Grouping": groups.grouping.map(status.grouping_name), "Group": groups.group})


def event_record(event: pd.Series) -> str:
    """One event as a line of the record, in Markdown made safe: when, what, the State's part, the source."""
    when = span(event["start_date"], event["end_date"], event["date_precision"])
    kind = events.TYPE_WORDS.get(event["type"], event["type"])
    part = f"{event['role']}, {LEVEL_WORDS.get(event['level'], event['level'])}"
    confidential = "**Confidential** · " if event["confidential"] == "yes" else ""
    illustrative = " *Illustrative sample data.*" if event["illustrative"] else ""
    return (f"{confidential}**{escape(event['title'])}** · {escape(kind)} · {escape(when)}: named as "
            f"{escape(part)}.{illustrative} Source: {links(event['source'])}")


def engagement(found: pd.DataFrame, name: str) -> list[str]:
    """The State's CTI events as a record: a sentence, then a line per event; NO_EVENT when there is none."""
    if found.empty:
        return [NO_EVENT]
    events_named = "1 CTI event" if len(found) == 1 else f"{len(found)} CTI events"
    return [f"The sources name {escape(name)} at {events_named}:", *(event_record(e) for _, e in found.iterrows())]


def peers_sentence(peers: tuple | None, name: str, as_of: date, treaty: str = "UNCAT") -> str:
    """How many States of its UN regional group are party to `treaty` on `as_of`, in words."""
    if peers is None:
        return f"{escape(name)} is in no UN regional group on {describe(as_of)}."
    group, states, parties = peers
    return (f"On {describe(as_of)}, {parties} of the {states} States of {escape(name)}'s UN regional group, "
            f"{escape(group)}, are party to {treaty}.")


def record_csv(actions: pd.DataFrame, found: pd.DataFrame) -> pd.DataFrame:
    """The actions and events shown, one row each, for a CSV file: kind, date as known, what, role, source, and
    whether an event is confidential (the Secretariat's view only) or illustrative."""
    treaty_rows = pd.DataFrame({
        "Record": "Treaty action", "Treaty or event type": actions.treaty,
        "Date": describe_each(actions.date, actions.date_precision, actions.date_earliest),
        "What": actions.action.map(lambda a: status.ACTION_WORDS.get(a, a)), "Role": "", "Level": "",
        "Source": actions.source, "Marked": "",
    })
    event_rows = pd.DataFrame({
        "Record": "CTI event", "Treaty or event type": found.type.map(lambda t: events.TYPE_WORDS.get(t, t)),
        "Date": [span(s, e, p) for s, e, p in zip(found.start_date, found.end_date, found.date_precision,
                                                  strict=True)],
        "What": found.title, "Role": found.role, "Level": found.level, "Source": found.source,
        "Marked": [", ".join(m for m, on in (("confidential", c == "yes"), ("illustrative sample data", i)) if on)
                   for c, i in zip(found.confidential, found.illustrative, strict=True)],
    })
    return pd.concat([treaty_rows, event_rows], ignore_index=True)
