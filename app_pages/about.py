"""About the data: what the CTI is, where every figure comes from, how status is computed."""

import streamlit as st

from mande import provenance, sources, status, ui
from mande.dates import describe
from mande.i18n import _

st.title(_("About the data"))
st.markdown(_(sources.ABOUT_THE_CTI))

st.header(_("How treaty status is computed"))
st.markdown(_(sources.HOW_STATUS_IS_COMPUTED))

st.header(_("Sources of every data file"))
datasets = ui.query(provenance.datasets)
ui.table(sources.files(datasets, public=ui.secretariat_user() is None))
checked, _source, _note = ui.query(provenance.data_as_of, "treaty_actions")
uncat, opcat = (ui.query(status.status_counts, treaty, checked).parties.iloc[0] for treaty in ("UNCAT", "OPCAT"))
st.markdown(_(sources.TREATY_DATA_CONFIRMED).format(date=describe(checked), uncat=uncat, opcat=opcat))

st.markdown(_(sources.MAP_BOUNDARIES))

st.header(_("Dates that the sources do not fully confirm"))
unconfirmed_table = sources.unconfirmed(ui.query(provenance.unconfirmed_dates))
if unconfirmed_table.empty:
    st.markdown(_(sources.EVERY_DATE_CONFIRMED))
else:
    ui.table(unconfirmed_table)
    ui.download(unconfirmed_table, "unconfirmed_dates.csv", key="unconfirmed_csv")

st.header(_("Real and illustrative figures"))
st.markdown(sources.illustrative_in_words(ui.query(sources.illustrative_rows)))
st.markdown(_(sources.KNOWN_GAPS))
