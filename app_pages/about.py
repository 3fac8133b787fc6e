"""About the data: what the CTI is, where every figure comes from, how status is computed."""

import streamlit as st

from mande import provenance, sources, status, ui
from mande.dates import describe
from mande.i18n import _

st.title(_("About the data"))
st.markdown(_(
    """
The **Convention against Torture Initiative (CTI)** is an initiative by States, for States, that works for
the universal ratification and better implementation of the UN Convention against Torture and Other Cruel,
Inhuman or Degrading Treatment or Punishment (**UNCAT**, adopted in 1984). Its core States are supported by a
small Secretariat in Geneva and a Group of Friends open to all UN Member States. This dashboard shows how far
the CTI is from universal ratification and from the targets of its results framework. Its vision: universal
ratification of UNCAT, with all States parties working actively to implement it.

It counts **195 States**: the 193 UN Member States, the Holy See and the State of Palestine.
"""
))

st.header(_("How treaty status is computed"))
st.markdown(_(
    """
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
"""
))

st.header(_("Sources of every data file"))
datasets = ui.query(provenance.datasets)
datasets = datasets.assign(description=datasets["description"].map(_))  # the contracts' words, marked N_ there
ui.table(sources.files(datasets, public=ui.secretariat_user() is None))
checked, _source, _note = ui.query(provenance.data_as_of, "treaty_actions")
uncat, opcat = (ui.query(status.status_counts, treaty, checked).parties.iloc[0] for treaty in ("UNCAT", "OPCAT"))
st.markdown(_(
    "Every treaty action carries its own source in the data (`treaty_actions.csv`). The treaty data is "
    "**confirmed to {date}** against the depositary itself: the UN Treaty Collection's status pages "
    "(chapter IV-9 for UNCAT, IV-9-b for OPCAT), which then counted {uncat} UNCAT and {opcat} OPCAT States parties. "
    "Every action agrees with those pages; the rows they added or corrected cite them. Actions after that date are "
    "not in the data until the Secretariat brings it up to date from the UN Treaty Collection."
).format(date=describe(checked), uncat=uncat, opcat=opcat))

st.markdown(_(
    "The map's boundaries are Natural Earth's countries at 1:110m (public domain, through the `world-atlas` "
    "package); the 45 States absent or smaller than 20,000 km² at that scale are drawn as circles placed from "
    "Natural Earth's 1:10m outlines. Boundaries and names on the map imply no endorsement or acceptance by the "
    "CTI or the United Nations."
))

st.header(_("Dates that the sources do not fully confirm"))
unconfirmed_table = sources.unconfirmed(ui.query(provenance.unconfirmed_dates))
if unconfirmed_table.empty:
    st.markdown(_("Every treaty action's date is confirmed to the day: the UN Treaty Collection's status pages give "
                  "each one."))
else:
    ui.table(unconfirmed_table)
    ui.download(unconfirmed_table, "unconfirmed_dates.csv", key="unconfirmed_csv")

st.header(_("Real and illustrative figures"))
st.markdown(sources.illustrative_in_words(ui.query(sources.illustrative_rows)))
st.markdown(_("Known gaps are kept visible rather than filled: the CTI's Group of Friends is not listed by name in "
              "the sources; Commonwealth membership changes are recorded only for the changes since 2003 that the "
              "sources name."))
