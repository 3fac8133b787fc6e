"""The events as the Events page lists them: counted by year and type, one line each for people, a label each."""

from __future__ import annotations

import pandas as pd

from mande import events
from mande.dates import short, span
from mande.i18n import N_, _
from mande.tables import escape, links

MARKDOWN = ("Event", "Sources")  # the columns of `listed` that hold Markdown (made safe by escape and links)


def place(city: object, country: object) -> str:
    """Where an event was, 'Natadola, Fiji', escaped for Markdown; empty where neither is recorded."""
    return ", ".join(escape(p) for p in (city, country) if isinstance(p, str))


def by_type_and_year(found: pd.DataFrame) -> pd.DataFrame:
    """year, type (in words), events: how many of the events `found` (events.events_matching) began in each."""
    per_cell = found.assign(year=found.start_date.map(lambda d: d.year), type=found.type.map(events.TYPE_WORDS))
    return per_cell.groupby(["year", "type"], as_index=False).size().rename(columns={"size": "events"})


def listed(found: pd.DataFrame) -> pd.DataFrame:
    """The events `found`, one row each for people: dates; title, kind and place (one column, so that the table
    fits a projector; a confidential event marked so); participants; partners; sources as links."""
    kinds = (found.type.map(events.TYPE_WORDS) + ", "
             + found.format.map(events.FORMAT_WORDS).astype(object).fillna(
                 _("format {not_recorded}").format(not_recorded=_(events.NOT_RECORDED))).str.lower())
    where = [place(city, country) for city, country in zip(found.city, found.country, strict=True)]
    return pd.DataFrame({
        N_("Dates"): [span(s, e, p) for s, e, p in zip(found.start_date, found.end_date, found.date_precision,
                                                   strict=True)],
        N_("Event"): [(_("**Confidential** · ") if closed else "") + f"**{escape(title)}** · {escape(kind)}"
                  + (f" · {at}" if at else "")
                  for title, kind, at, closed in zip(found.title, kinds, where, found.confidential, strict=True)],
        N_("Participants"): found.participants.map(events.recorded),
        N_("Partners"): found.partners,
        N_("Sources"): found.source.map(links),
    })


def labels(found: pd.DataFrame) -> dict[str, str]:
    """event_id -> "2016-10-27 · Title", as a choice of one event reads it."""
    return {e: f"{short(d, p)} · {t}"
            for e, d, p, t in zip(found.event_id, found.start_date, found.date_precision, found.title, strict=True)}
