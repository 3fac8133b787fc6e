"""The Annual Forums year over year, as the Annual Forum page shows them: labelled, with the years without one."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from mande import events
from mande.i18n import N_, _
from mande.tables import escape

# What the page shows of each Forum, as its sources record it (the columns of events.forums).
FIGURES = {
    "participants": N_("Participants"),
    "states_represented": N_("States represented"),
    "states_named": N_("States named in the sources"),
    "senior_named": N_("Governments at senior level (named)"),
}


def label(year: int, city: object, kind: str) -> str:
    """A Forum as people name it: '2016 Satigny', '2020 online', '2021 Geneva (global forum)'."""
    # TRANSLATORS: a Forum held online, as its label names it: "2020 online".
    place = city.split(" (")[0] if isinstance(city, str) else _("online")
    if kind == "global_forum":
        # TRANSLATORS: a Forum's label, "2021 Geneva (global forum)": keep the year first (charts split it off).
        return _("{year} {place} (global forum)").format(year=year, place=place)
    return f"{year} {place}"


def year_by_year(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The Forums (events.forums), each with its label in a column `forum`."""
    found = events.forums(con)
    return found.assign(forum=[label(*row) for row in zip(found.year, found.city, found.type, strict=True)])


def last_before(forums: pd.DataFrame, day: date) -> pd.Series | None:
    """The latest Annual Forum of `forums` (year_by_year) that was over before `day` (its last day earlier): the
    Forum that "since the last Forum" counts from, on a slide and in the report; None when there is none."""
    ended = forums.end_date.fillna(forums.start_date)
    over = forums[(forums.type == "annual_forum") & (ended < pd.Timestamp(day))]
    return None if over.empty else over.iloc[-1]


def gaps(forums: pd.DataFrame) -> str | None:
    """The years between the first Forum and the last without an Annual Forum, and the global forum held instead
    where there was one, in a Markdown sentence; None when there is no such year."""
    annual = set(forums.year[forums.type == "annual_forum"])
    missing = [y for y in range(forums.year.min(), forums.year.max() + 1) if y not in annual]
    if not missing:
        return None
    instead = forums[(forums.type == "global_forum") & forums.year.isin(missing)]
    years = ", ".join(map(str, missing))
    held = [_("in {year} the CTI held its global forum in {city}").format(year=row.year, city=escape(row.city))
            for row in instead.itertuples() if isinstance(row.city, str)]
    if not held:
        return _("No Annual Forum was found in the sources for {years}.").format(years=years)
    return _("No Annual Forum was found in the sources for {years}; {instead}.").format(years=years,
                                                                                       instead="; ".join(held))


def figures(forums: pd.DataFrame) -> pd.DataFrame:
    """Each Forum's figures for people, "not recorded" where a source gives none (never 0)."""
    return pd.DataFrame({
        "Forum": forums.forum, "Title": forums.title,
        "Format": forums.format.map(events.FORMAT_WORDS).fillna(_(events.NOT_RECORDED)),
        **{title: forums[measure].map(events.recorded) for measure, title in FIGURES.items()},
    })


def states_by_group(by_group: pd.DataFrame) -> pd.DataFrame:
    """The States named at each Forum (forum, group, states), one row a Forum and a column a group, for people."""
    return (by_group.pivot_table(index="forum", columns="group", values="states", aggfunc="sum", fill_value=0,
                                 sort=False)
            .reset_index().rename(columns={"forum": "Forum"}))


def people_by(counted: pd.DataFrame, forums: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """People counted at each Forum by a value (event_id, value, people, as events.forum_people_by gives them),
    one row a Forum and a column a value, for people; and the Forums for which none is recorded."""
    counted = counted.merge(forums[["event_id", "forum"]], on="event_id")
    wide = counted.pivot(index="forum", columns="value", values="people").map(events.recorded).reset_index()
    names = {value: events.code_word(value) for value in counted.value.unique()}
    return wide.rename(columns={"forum": "Forum", **names}), [f for f in forums.forum if f not in set(wide.forum)]


def people_by_heading(word: str, not_recorded: list[str] | None) -> str:
    """What the Forums' people counted by `word` (gender ...) are, in Markdown: the Forums for which none is
    recorded (people_by), or, with None, that none is recorded for any Forum."""
    word = _(word)
    word = word[:1].upper() + word[1:]
    if not_recorded is None:
        return _("**{word}:** not recorded for any Forum.").format(word=word)
    if not not_recorded:
        return _("**{word}** (people counted):").format(word=word)
    return _("**{word}** (people counted); not recorded for {forums}:").format(
        word=word, forums=", ".join(escape(f) for f in not_recorded))


# What people are counted by at a Forum (the pages' words for participation.csv's gender and mode).
COUNTED_BY = (N_("gender"), N_("online or in-person attendance"))
