"""The dashboard's entrypoint: page setup, the shared sidebar, and the router."""

import streamlit as st

from mande import roles, ui
from mande.i18n import _

ui.choose_language()  # first: every word of the run, the pages' titles too, is said in it
st.set_page_config(page_title=_("CTI monitoring and evaluation"), page_icon=":material/public:", layout="wide")

pages = st.navigation(
    [
        st.Page("app_pages/overview.py", title=_("Overview"), icon=":material/dashboard:", default=True),
        st.Page("app_pages/map.py", title=_("Ratification map"), icon=":material/public:", url_path="map"),
        st.Page("app_pages/results.py", title=_("Results"), icon=":material/fact_check:", url_path="results"),
        st.Page("app_pages/events.py", title=_("Events"), icon=":material/event:", url_path="events"),
        st.Page("app_pages/forum.py", title=_("Annual Forum"), icon=":material/groups:", url_path="forum"),
        st.Page("app_pages/reach.py", title=_("Reach"), icon=":material/handshake:", url_path="reach"),
        st.Page("app_pages/state.py", title=_("State profile"), icon=":material/flag:", url_path="state"),
        st.Page("app_pages/about.py", title=_("About the data"), icon=":material/info:", url_path="about"),
        st.Page("app_pages/present.py", title=_("Presentation"), icon=":material/slideshow:", url_path="present"),
    ]
    # A public replica (MANDE_ROLE=public) has no Secretariat page at all: /secretariat opens the Overview.
    + ([] if roles.public_only() else [
        st.Page("app_pages/secretariat.py", title=_("Secretariat"), icon=":material/lock:", url_path="secretariat")])
)
ui.open_data()  # read once per run: every query of the run, and the sidebar, ask this version
if pages.url_path != "present":  # a projector's slides are the whole screen: they state the data's date themselves
    ui.language_selector()
    ui.sidebar(pages.url_path)
pages.run()
