"""What the data files hold, as the About page says it: each file's rows, date and sources, the dates not fully
confirmed, and which files hold illustrative sample rows, all as the cursor's audience may count them."""

from __future__ import annotations

import duckdb
import pandas as pd

from mande import advice, sql, status
from mande.contracts import CONTRACTS
from mande.dates import describe, describe_each
from mande.i18n import N_, _, ngettext, number

# The files that may hold illustrative sample rows: those with an `illustrative` column.
WITH_SAMPLES = tuple(c.table for c in CONTRACTS.values() if any(col.name == "illustrative" for col in c.columns))
# What an audience that may not read such a file sees of it instead: whether its counts include sample rows.
_COUNTED_ONLY = {"advice": lambda con: bool(advice.advice_per_year(con, 1, 9999).illustrative.any())}


# What the About page (and the Friends' edition's) says of the CTI, of how status is computed, of the treaty
# data's date and of the map: said with _() where shown.
ABOUT_THE_CTI = N_("""
The **Convention against Torture Initiative (CTI)** is an initiative by States, for States, that works for
the universal ratification and better implementation of the UN Convention against Torture and Other Cruel,
Inhuman or Degrading Treatment or Punishment (**UNCAT**, adopted in 1984). Its core States are supported by a
small Secretariat in Geneva and a Group of Friends open to all UN Member States. This dashboard shows how far
the CTI is from universal ratification and from the targets of its results framework. Its vision: universal
ratification of UNCAT, with all States parties working actively to implement it.

It counts **195 States**: the 193 UN Member States, the Holy See and the State of Palestine.
""")
HOW_STATUS_IS_COMPUTED = N_("""
For a treaty (UNCAT, or its Optional Protocol OPCAT) and a date, each State is:

- **party** if it deposited a ratification, accession or succession on or before that date and has not
  withdrawn since. A State counts as party from the **date of deposit** with the UN Secretary-General, not
  from the treaty's entry into force for it (30 days later). This one rule gives every count of parties on
  the dashboard: the status on a date, the parties over time, the pace and the new parties of R1.1;
- else **signatory** if it signed on or before that date;
- else **no action**.

The counts are of today's 195 States. States that no longer exist, such as the German Democratic Republic,
Czechoslovakia and the former Yugoslavia, are not among them: their actions are not in the data (a successor
State's own succession is), so a total for a date before 2006 can be one or two below the figure the UN gave
on that day.

Where a source confirms only the month or the year of an action, the date shown says so, and the action
counts from the day given by the source (or the first day of the month or year). Where only a range is known,
the action counts from the latest possible date: the day a source first confirms it.
""")
TREATY_DATA_CONFIRMED = N_(
    "Every treaty action carries its own source in the data (`treaty_actions.csv`). The treaty data is "
    "**confirmed to {date}** against the depositary itself: the UN Treaty Collection's status pages "
    "(chapter IV-9 for UNCAT, IV-9-b for OPCAT), which then counted {uncat} UNCAT and {opcat} OPCAT States parties. "
    "Every action agrees with those pages; the rows they added or corrected cite them. Actions after that date are "
    "not in the data until the Secretariat brings it up to date from the UN Treaty Collection."
)
MAP_BOUNDARIES = N_(
    "The map's boundaries are Natural Earth's countries at 1:110m (public domain, through the `world-atlas` "
    "package); the 45 States absent or smaller than 20,000 km² at that scale are drawn as circles placed from "
    "Natural Earth's 1:10m outlines. Boundaries and names on the map imply no endorsement or acceptance by the "
    "CTI or the United Nations."
)

EVERY_DATE_CONFIRMED = N_("Every treaty action's date is confirmed to the day: the UN Treaty Collection's status pages "
                          "give each one.")
KNOWN_GAPS = N_("Known gaps are kept visible rather than filled: the CTI's Group of Friends is not listed by name in "
                "the sources; Commonwealth membership changes are recorded only for the changes since 2003 that the "
                "sources name.")

def files(datasets: pd.DataFrame, public: bool) -> pd.DataFrame:
    """Each data file (provenance.datasets) for people: what a row is, its rows ("confidential" where the
    audience may not count them), the date it is checked to, its sources and note."""
    return pd.DataFrame({
        N_("File"): datasets["table"] + ".csv",
        N_("What one row is"): datasets["description"].map(_),  # the contract's words (contracts.py, marked)
        N_("Rows shown publicly") if public else N_("Rows"): datasets["rows"].map(
            lambda n: _("confidential") if pd.isna(n) else number(int(n))),
        N_("Checked to"): [describe(d) for d in datasets["as_of"]],
        N_("Sources"): datasets["source"],
        N_("Note"): datasets["note"].fillna(""),
    })


def unconfirmed(found: pd.DataFrame) -> pd.DataFrame:
    """The treaty actions whose date is not confirmed to the day (provenance.unconfirmed_dates), for people."""
    return pd.DataFrame({
        N_("State"): found["name"], N_("Treaty"): found["treaty"],
        N_("Action"): found["action"].map(status.ACTION_WORDS),
        N_("Date"): describe_each(found["date"], found.date_precision, found.date_earliest),
        N_("Note"): found["note"].fillna(""), N_("Source"): found["source"],
    })


def illustrative_rows(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """table, rows, illustrative, any: for each file that may hold illustrative sample rows, its rows, how many
    are illustrative, and whether any is. Where the audience sees a file only as counts (advice, for the public)
    rows and illustrative are missing, and `any` says whether the counts include illustrative rows."""
    readable = {name for (name,) in sql.rows(con, "readable_tables")}
    found = []
    for table in WITH_SAMPLES:
        if table not in readable:  # a table this audience may not read (public.sql): it sees counts only
            found.append((table, None, None, _COUNTED_ONLY[table](con)))
            continue
        rows, illustrative = sql.rows(con, "illustrative_rows", table=table)[0]
        found.append((table, rows, illustrative, illustrative > 0))
    return pd.DataFrame(found, columns=["table", "rows", "illustrative", "any"]).astype(
        {"rows": "Int64", "illustrative": "Int64", "any": bool})


def illustrative_in_words(found: pd.DataFrame) -> str:
    """Which files hold illustrative sample rows and how many (from illustrative_rows), and which hold only real
    records, in Markdown."""
    samples = found[found["any"]]
    real = ", ".join(f"`{c.file_name}`" for c in CONTRACTS.values() if c.table not in set(samples.table))
    if samples.empty:
        return _("Everything this dashboard shows is **real and sourced**: no data file holds an illustrative row.")
    each = [f"`{table}.csv` ({_share(n, rows)})" for table, rows, n in zip(samples.table, samples.rows,
                                                                         samples.illustrative, strict=True)]
    return _("**Illustrative sample data** stands in where no source records a figure, in {files}. It is marked as "
             "illustrative in the data file and labelled *illustrative* wherever it appears. Everything else is "
             "**real and sourced**: {real} hold no illustrative row.").format(files=_and(each), real=real)


def _share(illustrative: object, rows: object) -> str:
    if pd.isna(illustrative):
        return _("how many is confidential")
    if illustrative == rows:
        return ngettext("all {rows} row", "all {rows} rows", int(rows)).format(rows=number(int(rows)))
    return ngettext("{n} of its {rows} rows", "{n} of its {rows} rows", int(rows)).format(
        n=number(int(illustrative)), rows=number(int(rows)))


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else _("{items} and {last}").format(items=", ".join(items[:-1]),
                                                                             last=items[-1])
