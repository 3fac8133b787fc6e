"""A State's profile: its treaty status and actions, its groups, its CTI events and where it stands among peers."""

import streamlit as st

from mande import profiles, ui
from mande.dates import describe
from mande.tables import escape

st.title("State profile")
names = ui.query(profiles.state_names)
iso3 = ui.chosen_id("State", names, key="iso3", placeholder="Type part of a State's name")
if not iso3:
    st.info(f"Choose one of the {len(names)} States: type part of its name.")
    st.stop()
as_of = ui.as_of_input()
name = names[iso3]
st.header(escape(name))

st.subheader("UNCAT and OPCAT")
for _, row in ui.query(profiles.status_of, iso3, as_of).iterrows():
    st.markdown(f"**{row['treaty']}** on {describe(as_of)}: {profiles.status_sentence(row)}")
actions = ui.query(profiles.actions_of, iso3)
if actions.empty:
    st.markdown("No treaty action of UNCAT or OPCAT is recorded for this State.")
else:
    st.markdown("Every treaty action on record, with its date as precisely as the sources give it "
                "(the date of deposit), and its source:")
    ui.table(profiles.actions_shown(actions), markdown=("Source",))

st.subheader("Groups")
groups = ui.query(profiles.groups_of, iso3, as_of)
if groups.empty:
    st.markdown("It belongs to no group of the data on the chosen date.")
else:
    ui.table(profiles.groups_shown(groups))
st.markdown(profiles.peers_sentence(ui.query(profiles.peers_of, iso3, as_of), name, as_of))

st.subheader("Engagement with the CTI")
found = ui.query(profiles.events_of, iso3)
st.markdown("\n\n".join(profiles.engagement(found, name)))
st.caption("Sources name only some of those present at an event, so this record is a floor. Taking part is "
           "engagement: it is not offered as the cause of any decision of the State.")

ui.download(profiles.record_csv(actions, found), f"{iso3}_treaty_actions_and_cti_events.csv", key="state_csv")
