"""The Secretariat's data pages: sign in, update a table from a CSV file, see and undo updates, export."""

import streamlit as st

from mande import db, ui
from mande.i18n import _
from mande.ui import secretariat

st.title(_("Secretariat"))
user = ui.secretariat_user()
if not user:
    st.markdown(_("The Secretariat signs in here to update the data, see every update and undo one. Everyone else "
                  "sees the public view, in which confidential records appear only as counts."))
    ui.sign_in()
    st.stop()

data = db.data_dir()
secretariat.what_was_done()
update, treaties, past, everything, annual = st.tabs([_("Update a table"), _("From the UN Treaty Collection"),
                                                      _("History"), _("Export everything"), _("Annual report")])
with update:
    secretariat.update_a_table(data, user)
with treaties:
    secretariat.from_untc(data, user)
with past:
    secretariat.update_history(data, user)
with everything:
    secretariat.export_everything()
    secretariat.friends_edition()
with annual:
    secretariat.annual_report()
