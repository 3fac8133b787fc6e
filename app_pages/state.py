"""A State's profile: its treaty status and actions, its groups, where it stands among peers, and its CTI events,
on one time line."""

from datetime import date

import streamlit as st

from mande import charts, profiles, ui
from mande.dates import describe
from mande.i18n import _
from mande.tables import escape
from mande.words import counted

st.title(_("State profile"))
names = ui.query(profiles.state_names)
iso3 = ui.chosen_id(_("State"), names, key="iso3", placeholder=_("Type part of a State's name"))
if not iso3:
    st.info(counted(len(names), "Choose one of the {n} State: type part of its name.",
                    "Choose one of the {n} States: type part of its name."))
    st.stop()
as_of = ui.as_of_input()
name = names[iso3]
st.header(escape(name))

statuses = ui.query(profiles.status_of, iso3, as_of)
st.subheader(_("UNCAT and OPCAT"))
for row in statuses.to_dict("records"):
    st.markdown(_("**{treaty}** on {date}: {status}").format(treaty=row["treaty"], date=describe(as_of),
                                                           status=profiles.status_sentence(row)))
if as_of != date.today():  # and where it stands today, beside the chosen date
    today = ui.query(profiles.status_of, iso3, date.today()).to_dict("records")
    st.markdown(_("Today: {statuses}").format(statuses=" ".join(f"{row['treaty']}: {profiles.status_sentence(row)}"
                                                                for row in today)))
actions = ui.query(profiles.actions_of, iso3)
if actions.empty:
    st.markdown(_("No treaty action of UNCAT or OPCAT is recorded for this State."))
else:
    st.markdown(_("Every treaty action on record, with its date as precisely as the sources give it "
                  "(the date of deposit), and its source:"))
    ui.table(profiles.actions_shown(actions), markdown=("Source",))

st.subheader(_("Groups and peers"))
groups = ui.query(profiles.groups_of, iso3, as_of)
if groups.empty:
    st.markdown(_("It belongs to no group of the data on the chosen date."))
else:
    ui.table(profiles.groups_shown(groups))
peers = profiles.peers_sentences(ui.query(profiles.peers_of, iso3, as_of), name, as_of)
st.markdown("\n\n".join(escape(sentence) for sentence in peers))

st.subheader(_("Engagement with the CTI"))
found = ui.query(profiles.events_of, iso3)
st.markdown("\n\n".join(profiles.engagement(found, name)))
st.caption(_(profiles.ENGAGEMENT_NOTE))
advice = None
if ui.secretariat_user():  # the public view holds no advice request, not even a count of this State's
    advice = ui.query(profiles.advice_of, iso3)
    st.markdown(_("**Requests for technical advice** (the Secretariat's view only; never shown to the public)"))
    st.markdown("\n\n".join(profiles.advice_record(r) for r in advice.to_dict("records"))
                if not advice.empty else _("No request for technical advice on record."))

record = profiles.record(actions, found, advice)
if not record.empty:
    lanes = (*profiles.TIMELINE_LANES, *((profiles.ADVICE_LANE,) if advice is not None else ()))
    ui.chart(charts.profile_timeline, lanes, tuple(record.Kind.unique()), data=profiles.timeline(record))

ui.download(profiles.profile_csv(statuses, groups, peers, record, as_of), f"{iso3}_profile_{as_of}.csv",
            key="state_csv")
ui.link_to_this(iso3=iso3, as_of=as_of)
