"""Reach: the States a source names at a CTI event (a public event, in the public view), against their treaty
status then and now.

Taking part is engagement: these figures show timing, never a cause of any State's decision to join.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd

from mande import events, status
from mande.dates import describe
from mande.i18n import N_, _, number
from mande.words import counted


@dataclass(frozen=True)
class Reach:
    treaty: str
    states: pd.DataFrame  # every State with its status on the day (status.status_for_map)
    taking_part: pd.DataFrame  # every State named at a CTI event, with its first (events.first_taking_part)

    @property
    def reached(self) -> pd.Series:
        """For each of `states`, whether a source names it at a CTI event."""
        return self.states.iso3.isin(self.taking_part.iso3)

    @property
    def not_party(self) -> pd.DataFrame:
        """The States not party on the day."""
        return self.states[self.states.status != "party"]

    @property
    def reached_not_party(self) -> pd.DataFrame:
        """The States not party on the day that a source names at a CTI event."""
        return self.not_party[self.not_party.iso3.isin(self.taking_part.iso3)]

    @property
    def not_party_then(self) -> pd.DataFrame:
        """The States not party on the day of their first CTI event on record."""
        return self.taking_part[~self.taking_part.party_then]

    @property
    def joined_since(self) -> pd.DataFrame:
        """The States not party at their first CTI event on record that became party later."""
        return self.not_party_then[self.not_party_then.became_party.notna()]


def reach(con: duckdb.DuckDBPyConnection, treaty: str, as_of: date) -> Reach:
    """Every State's `treaty` status on `as_of`, and the States a source names at a CTI event."""
    return Reach(treaty, status.status_for_map(con, treaty, as_of), events.first_taking_part(con, treaty))


def _first_event(when: object, precision: object, title: object) -> str:
    return f"{describe(when, precision)}: {title}" if isinstance(title, str) else ""



def by_group_shown(by_group: pd.DataFrame) -> pd.DataFrame:
    """events.reach_by_group as a table for people: each group named in the page's language, the columns too."""
    return by_group.assign(group=by_group.group.map(status.group_label)).rename(
        columns={"group": N_("Group"), "states": N_("States"), "reached": N_("Named at a CTI event")})

def not_party_engagement(found: Reach) -> pd.DataFrame:
    """The States not party, for people: status, signature, how many CTI events and the first one on record."""
    engagement = found.not_party[["iso3", "name", "status_word", "signed"]].merge(
        found.taking_part, on="iso3", how="left", suffixes=("", "_"))
    return pd.DataFrame({
        N_("State"): engagement["name"], f"{found.treaty} status": engagement.status_word,
        N_("Signed"): engagement.signed,
        N_("CTI events on record"): engagement.events.fillna(0).astype(int).map(
            lambda n: number(n) if n else _("none")),
        N_("First on record"): [_first_event(*first) for first in zip(
            engagement.first_date, engagement.first_precision, engagement.first_event, strict=True)],
    })


def joined_after_taking_part(found: Reach) -> pd.DataFrame:
    """The States that became party after their first CTI event on record, for people."""
    joined = found.joined_since
    return pd.DataFrame({
        N_("State"): joined["name"],
        N_("First CTI event on record"): [_first_event(*first) for first in zip(
            joined.first_date, joined.first_precision, joined.first_event, strict=True)],
        N_("Became party"): joined.became_party.map(describe),
    })


def joined_after_words(found: Reach) -> str:
    """What the table of States that joined after taking part shows, and what it does not claim."""
    return counted(len(found.joined_since),
                   "{n} State was not party to UNCAT when a source first names it at a CTI event, and became party "
                   "later. The CTI is one of many actors; the table shows timing, not cause.",
                   "{n} States were not party to UNCAT when a source first names them at a CTI event, and became "
                   "party later. The CTI is one of many actors; the table shows timing, not cause.")
