"""A State's profile: its treaty status and actions, its groups, where it stands among peers, and its CTI events,
on one time line."""

from datetime import date

import streamlit as st

from mande import charts, profiles, ui
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

statuses = ui.query(profiles.status_of, iso3, as_of)
st.subheader("UNCAT and OPCAT")
for _, row in statuses.iterrows():
    st.markdown(f"**{row['treaty']}** on {describe(as_of)}: {profiles.status_sentence(row)}")
if as_of != date.today():  # and where it stands today, beside the chosen date
    st.markdown("Today: " + " ".join(f"{row['treaty']}: {profiles.status_sentence(row)}"
                                     for _, row in ui.query(profiles.status_of, iso3, date.today()).iterrows()))
actions = ui.query(profiles.actions_of, iso3)
if actions.empty:
    st.markdown("No treaty action of UNCAT or OPCAT is recorded for this State.")
else:
    st.markdown("Every treaty action on record, with its date as precisely as the sources give it "
                "(the date of deposit), and its source:")
    ui.table(profiles.actions_shown(actions), markdown=("Source",))

st.subheader("Groups and peers")
groups = ui.query(profiles.groups_of, iso3, as_of)
if groups.empty:
    st.markdown("It belongs to no group of the data on the chosen date.")
else:
    ui.table(profiles.groups_shown(groups))
peers = profiles.peers_sentences(ui.query(profiles.peers_of, iso3, as_of), name, as_of)
st.markdown("\n\n".join(escape(sentence) for sentence in peers))

st.subheader("Engagement with the CTI")
found = ui.query(profiles.events_of, iso3)
st.markdown("\n\n".join(profiles.engagement(found, name)))
st.caption("Sources name only some of those present at an event, so this record is a floor. Taking part is "
           "engagement: it is not offered as the cause of any decision of the State.")
advice = None
if ui.secretariat_user():  # the public view holds no advice request, not even a count of this State's
    advice = ui.query(profiles.advice_of, iso3)
    st.markdown("**Requests for technical advice** (the Secretariat's view only; never shown to the public)")
    st.markdown("\n\n".join(profiles.advice_record(r) for _, r in advice.iterrows())
                if not advice.empty else "No request for technical advice on record.")

record = profiles.record(actions, found, advice)
if not record.empty:
    lanes = (*profiles.TIMELINE_LANES, *((profiles.ADVICE_LANE,) if advice is not None else ()))
    ui.chart(charts.profile_timeline, lanes, tuple(record.Kind.unique()), data=profiles.timeline(record))

ui.download(profiles.profile_csv(statuses, groups, peers, record, as_of), f"{iso3}_profile_{as_of}.csv",
            key="state_csv")
ui.link_to_this(iso3=iso3, as_of=as_of)
