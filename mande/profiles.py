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
from mande.i18n import N_, _
from mande.names import group_name
from mande.tables import escape, links
from mande.words import Words, counted

NO_EVENT = N_("No CTI event on record.")
TIMELINE_LANES = ("UNCAT", "OPCAT", N_("CTI events"))  # and, in the Secretariat's view, ADVICE_LANE
ADVICE_LANE = N_("Advice requests")
LEVEL_WORDS = {"senior": N_("at senior level"), "technical": N_("at technical level"), "other": N_("at another level"),
               "unknown": N_("level not recorded")}
ROLE_WORDS = (N_("host"), N_("speaker"), N_("participant"))  # participation.csv's roles, as the record says them


# How a State became party, as a sentence says it ("Party since 21 June 1993 (ratification).").
CONSENT_WORDS = Words({"ratification": N_("ratification"), "accession": N_("accession"),
                       "succession": N_("succession")})
# Why a State's record of engagement is a floor, and what it is not offered as: said with _() where shown.
ENGAGEMENT_NOTE = N_("Sources name only some of those present at an event, so this record is a floor. Taking part "
                     "is engagement: it is not offered as the cause of any decision of the State.")


# --- The questions ------------------------------------------------------------------------------------------

def state_names(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Every State's ISO3 code -> its name, in alphabetical order of name."""
    return dict(sql.rows(con, "state_names"))


def iso3_by_name(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Every State's name -> its ISO3 code: how a table's "State" column finds each State's profile."""
    return {name: iso3 for iso3, name in state_names(con).items()}


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


def peers_of(con: duckdb.DuckDBPyConnection, iso3: str, as_of: date) -> pd.DataFrame:
    """The State's UN regional group and SIDS region on `as_of` (where it is in one), each with its States and
    how many of them are party to UNCAT and to OPCAT: grouping, group, treaty, states, parties."""
    return sql.df(con, "state_peers", iso3=iso3, as_of=as_of)


def advice_of(con: duckdb.DuckDBPyConnection, iso3: str) -> pd.DataFrame:
    """The State's requests for technical advice (request_id, date, topic, confidential, illustrative). The
    Secretariat's view only: on a public cursor this fails, as the table is not there."""
    return sql.df(con, "state_advice", iso3=iso3)


# --- What the page shows ------------------------------------------------------------------------------------

def status_sentence(row: pd.Series) -> str:
    """The State's status for one treaty, in words with its dates: 'Party since 5 December 2024 (accession).'"""
    withdrew = (" " + _("It withdrew on {date}.").format(date=describe(row["withdrawal_date"]))
                if not pd.isna(row["withdrawal_date"]) else "")
    if row["status"] == "party":
        since = describe(row["consent_date"], row["consent_precision"], row["consent_earliest"])
        return _("Party since {date} ({how}).").format(date=since, how=CONSENT_WORDS[row["consent_type"]])
    if row["status"] == "signatory":
        return (_("Signatory since {date}, not party.").format(
            date=describe(row["signature_date"], row["signature_precision"])) + withdrew)
    return (_("Not party.") + withdrew) if withdrew else _("No action: it has neither signed nor become party.")


def actions_shown(actions: pd.DataFrame) -> pd.DataFrame:
    """The actions as the page lists them; the Source column is Markdown made safe by tables.links."""
    return pd.DataFrame({
        N_("Treaty"): actions.treaty,
        N_("Date"): describe_each(actions.date, actions.date_precision, actions.date_earliest),
        N_("Action"): actions.action.map(lambda a: status.ACTION_WORDS.get(a, a)),
        N_("Source"): actions.source.map(links),
    })


def groups_shown(groups: pd.DataFrame) -> pd.DataFrame:
    """The groups as the page lists them: the grouping by its name, then the group."""
    return pd.DataFrame({N_("Grouping"): groups.grouping.map(status.grouping_name),
                         N_("Group"): groups.group.map(group_name)})


def event_record(event: pd.Series) -> str:
    """One event as a line of the record, in Markdown made safe: when, what, the State's part, the source."""
    when = span(event["start_date"], event["end_date"], event["date_precision"])
    kind = events.TYPE_WORDS.get(event["type"], event["type"])
    part = f"{_(event['role'])}, {_(LEVEL_WORDS.get(event['level'], event['level']))}"
    confidential = _("**Confidential** · ") if event["confidential"] == "yes" else ""
    illustrative = " " + _("*Illustrative sample data.*") if event["illustrative"] else ""
    return confidential + _("**{title}** · {kind} · {when}: named as {part}.{illustrative} Source: {source}").format(
        title=escape(event["title"]), kind=escape(kind), when=escape(when), part=escape(part),
        illustrative=illustrative, source=links(event["source"]))


def engagement(found: pd.DataFrame, name: str) -> list[str]:
    """The State's CTI events as a record: a sentence, then a line per event; NO_EVENT when there is none."""
    if found.empty:
        return [_(NO_EVENT)]
    return [counted(len(found), "The sources name {state} at {n} CTI event:", "The sources name {state} at {n} CTI "
                    "events:", state=escape(name)),
            *(event_record(e) for e in found.to_dict("records"))]


PEER_GROUPS = {"un_regional_group": N_("UN regional group"), "sids_region": N_("Small Island Developing States region")}


def peers_sentences(peers: pd.DataFrame, name: str, as_of: date) -> list[str]:
    """Where the State stands among its peers on `as_of`, a sentence per group (peers_of): how many of its
    States are party to UNCAT and to OPCAT. Plain text: escape it for Markdown."""
    if peers.empty:
        return [_("{state} is in no UN regional group on {date}.").format(state=name, date=describe(as_of))]
    sentences = []
    for (grouping, group), rows in peers.groupby(["grouping", "group"], sort=False):
        parties = dict(zip(rows.treaty, rows.parties, strict=True))
        sentences.append(counted(
            int(parties["UNCAT"]),
            "{state}'s {grouping}, {group}: of its {states} States on {date}, {n} is party to UNCAT and {opcat} to "
            "OPCAT.",
            "{state}'s {grouping}, {group}: of its {states} States on {date}, {n} are party to UNCAT and {opcat} to "
            "OPCAT.",
            state=name, grouping=_(PEER_GROUPS[grouping]), group=group_name(group), states=rows.states.iloc[0],
            date=describe(as_of), opcat=parties["OPCAT"]))
    return sentences


def advice_record(request: pd.Series) -> str:
    """One advice request as a line of the Secretariat's record, marked as never shown to the public."""
    confidential = _("**Confidential** · ") if request["confidential"] == "yes" else ""
    illustrative = " " + _("*Illustrative sample data.*") if request["illustrative"] else ""
    return confidential + _("**Request for technical advice** {request} · {date}: on {topic}.{illustrative}").format(
        request=escape(request["request_id"]), date=escape(describe(request["date"])), topic=escape(request["topic"]),
        illustrative=illustrative)


# The record's columns for people, as a table or a CSV file names them in the page's language.
RECORD_COLUMNS = (N_("Record"), N_("Date"), N_("Kind"), N_("What"), N_("Role"), N_("Level"), N_("Source"),
                  N_("Marked"))


def record(actions: pd.DataFrame, found: pd.DataFrame, advice: pd.DataFrame | None = None) -> pd.DataFrame:
    """The State's treaty actions, CTI events and (the Secretariat's view) advice requests, one row each in date
    order: Record, Lane (its row on the time line), date (ISO), Date (as known), Kind, What, Role, Level, Source
    and Marked (confidential, illustrative sample data)."""
    action_words = actions.action.map(lambda a: status.ACTION_WORDS.get(a, a))
    parts = [pd.DataFrame({
        "Record": _("Treaty action"), "Lane": actions.treaty, "date": actions.date,
        "Date": describe_each(actions.date, actions.date_precision, actions.date_earliest),
        "Kind": action_words, "What": actions.treaty + ": " + action_words.str.lower(), "Role": "", "Level": "",
        "Source": actions.source, "Marked": "",
    }), pd.DataFrame({
        "Record": _("CTI event"), "Lane": "CTI events", "date": found.start_date,
        "Date": [span(s, e, p) for s, e, p in zip(found.start_date, found.end_date, found.date_precision,
                                                  strict=True)],
        "Kind": found.confidential.map({"yes": _("Confidential CTI event")}).fillna(_("CTI event")),
        "What": found.title, "Role": found.role.map(_), "Level": found.level.map(lambda v: _(LEVEL_WORDS.get(v, v))),
        "Source": found.source,
        "Marked": _marks(found.confidential, found.illustrative),
    })]
    if advice is not None:
        parts.append(pd.DataFrame({
            "Record": _("Advice request"), "Lane": ADVICE_LANE, "date": advice.date,
            "Date": advice.date.map(describe), "Kind": _("Advice request"),
            "What": advice.topic.map(lambda topic: _("On {topic}").format(topic=topic)),
            "Role": "", "Level": "", "Source": "", "Marked": _marks(advice.confidential, advice.illustrative),
        }))
    rows = pd.concat([p.astype(object) for p in parts], ignore_index=True)
    rows["date"] = pd.to_datetime(rows.date).dt.strftime("%Y-%m-%d")
    return rows.sort_values("date", kind="stable", ignore_index=True)


def _marks(confidential: pd.Series, illustrative: pd.Series) -> list[str]:
    return [", ".join(m for m, on in ((_("confidential"), c == "yes"), (_("illustrative sample data"), i)) if on)
            for c, i in zip(confidential, illustrative, strict=True)]


def timeline(record: pd.DataFrame) -> pd.DataFrame:
    """The record (see `record`) as the points of charts.profile_timeline: lane, date, when, kind, what and the
    description a screen reader gives each point."""
    return pd.DataFrame({"lane": record.Lane, "date": record.date, "when": record.Date, "kind": record.Kind,
                         "what": record.What, "description": record.Date + ": " + record.What})


def profile_csv(statuses: pd.DataFrame, groups: pd.DataFrame, peers: list[str], record: pd.DataFrame,
                as_of: date) -> pd.DataFrame:
    """Everything the profile shows, one row each, for a CSV file: the status on `as_of` for each treaty, the
    groups, where the State stands among its peers, then the record of actions, events and advice."""
    on = describe(as_of)
    facts = pd.DataFrame(
        [(_("Status"), on, f"{row['treaty']}: {status_sentence(row)}") for row in statuses.to_dict("records")]
        + [(_("Group"), on, f"{status.grouping_name(g)}: {group_name(group)}")
           for g, group in zip(groups.grouping, groups.group, strict=True)]
        + [(_("Peers"), on, sentence) for sentence in peers],
        columns=["Record", "Date", "What"])
    return pd.concat([facts, record.drop(columns=["Lane", "date"])], ignore_index=True).fillna("")
