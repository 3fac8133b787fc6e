"""One State's profile (mande.profiles and the State page), on the embedded data."""

import unicodedata
from datetime import date

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from mande import db, profiles, status
from tests.conftest import append

DAY = date(2026, 2, 3)


def test_every_state_can_be_chosen_by_name(con):
    names = profiles.state_names(con)
    assert len(names) == 195
    ordered = list(names.values())
    assert names["FJI"] == "Fiji"
    # in alphabetical order, not in the order of their characters' codes: Côte d'Ivoire before Croatia
    assert ordered.index("Côte d'Ivoire") < ordered.index("Croatia") < ordered.index("Cuba")
    assert ordered == sorted(ordered, key=lambda name: unicodedata.normalize("NFD", name).encode("ascii", "ignore"))


def test_dominica_shows_its_uncat_accession_of_5_december_2024(con):
    uncat = profiles.status_of(con, "DMA", DAY).set_index("treaty").loc["UNCAT"]
    assert profiles.status_sentence(uncat) == "Party since 5 December 2024 (accession)."
    shown = profiles.actions_shown(profiles.actions_of(con, "DMA"))
    row = shown[(shown.Treaty == "UNCAT") & (shown.Action == "Accession")].iloc[0]
    assert row.Date == "5 December 2024" and row.Source.startswith("UN Treaty Collection, status as at 3 Feb 2026")
    assert "](" not in row.Source  # an address inside a sentence is shown as text, escaped, not as a link
    before = profiles.status_of(con, "DMA", date(2024, 12, 4)).set_index("treaty").loc["UNCAT"]
    assert before.status != "party"


def test_tuvalu_and_palau_show_their_actions(con):
    tuvalu = profiles.actions_shown(profiles.actions_of(con, "TUV"))
    assert ("UNCAT", "25 March 2024", "Accession") in set(zip(tuvalu.Treaty, tuvalu.Date, tuvalu.Action,
                                                              strict=True))
    palau = profiles.actions_shown(profiles.actions_of(con, "PLW"))
    assert ("UNCAT", "20 September 2011", "Signature") in set(zip(palau.Treaty, palau.Date, palau.Action,
                                                                 strict=True))
    signatory = profiles.status_of(con, "PLW", DAY).set_index("treaty").loc["UNCAT"]
    assert profiles.status_sentence(signatory) == "Signatory since 20 September 2011, not party."


def test_a_state_at_no_event_reads_no_cti_event_on_record(con):
    found = profiles.events_of(con, "AFG")
    assert found.empty
    assert profiles.engagement(found, "Afghanistan") == ["No CTI event on record."]


def test_a_state_at_events_reads_as_a_record_with_its_sources(con):
    found = profiles.events_of(con, "TUV")
    assert "2016-10-natadola-pacific-seminar" in set(found.event_id)
    record = profiles.engagement(found, "Tuvalu")
    assert record[0] == f"The sources name Tuvalu at {len(found)} CTI event{'s' if len(found) > 1 else ''}:"
    assert any("named as participant" in line and "Source: [cti2024\\.org](https://cti2024.org/" in line
               for line in record[1:])
    assert set(profiles.record(profiles.actions_of(con, "TUV"), found).Record) == {"Treaty action", "CTI event"}


def test_groups_and_peers_on_the_date(con):
    groups = profiles.groups_shown(profiles.groups_of(con, "FJI", DAY))
    assert "UN regional groups" in set(groups.Grouping) and "CTI core States" in set(groups.Grouping)
    peers = profiles.peers_of(con, "FJI", DAY)
    assert set(peers.grouping) == {"un_regional_group", "sids_region"} and set(peers.treaty) == {"UNCAT", "OPCAT"}
    regional = peers[peers.grouping == "un_regional_group"].set_index("treaty")
    assert regional.group.iloc[0] == groups.set_index("Grouping").loc["UN regional groups", "Group"]
    assert 0 < regional.parties["OPCAT"] < regional.parties["UNCAT"] <= regional.states["UNCAT"]
    # The Pacific SIDS: Fiji among them, counted as the map page counts that group.
    pacific = peers[peers.grouping == "sids_region"].set_index("treaty")
    counts = status.status_counts(con, "UNCAT", DAY, "sids_region").set_index("group").loc["Pacific"]
    assert (pacific.states["UNCAT"], pacific.parties["UNCAT"]) == (counts.total, counts.parties)
    sentences = profiles.peers_sentences(peers, "Fiji", DAY)
    assert sentences[1] == (f"Fiji's Small Island Developing States region, Pacific: of its {counts.total} States on "
                            f"3 February 2026, {counts.parties} are party to UNCAT and "
                            f"{pacific.parties['OPCAT']} to OPCAT.")
    assert profiles.peers_sentences(profiles.peers_of(con, "FRA", DAY), "France", DAY)[0].startswith(
        "France's UN regional group, Western European and others: of its ")
    # One party among the Pacific SIDS on 1 January 2005: "1 is party", not "1 are".
    early = profiles.peers_of(con, "KIR", date(2005, 1, 1))
    assert early.set_index(["grouping", "treaty"]).parties[("sids_region", "UNCAT")] == 1
    assert ", 1 is party to UNCAT and " in profiles.peers_sentences(early, "Kiribati", date(2005, 1, 1))[-1]


def test_the_record_puts_actions_and_events_on_one_time_line_in_date_order(con):
    record = profiles.record(profiles.actions_of(con, "GRD"), profiles.events_of(con, "GRD"))
    assert list(record.date) == sorted(record.date)
    assert set(record.Lane) == {"UNCAT", "CTI events"}
    month_only = record[record.Date == "July 2016 (day not confirmed)"]
    assert month_only.Record.tolist() == ["CTI event"]  # drawn on its month, its date said as known
    points = profiles.timeline(record)
    assert points.description.iloc[0] == f"{record.Date.iloc[0]}: {record.What.iloc[0]}"
    joined = points[points.kind == "Accession"].iloc[0]
    assert (joined.lane, joined.date, joined.what) == ("UNCAT", "2019-09-26", "UNCAT: accession")


def test_the_profile_csv_holds_everything_the_profile_shows(con):
    statuses, groups = profiles.status_of(con, "TUV", DAY), profiles.groups_of(con, "TUV", DAY)
    peers = profiles.peers_sentences(profiles.peers_of(con, "TUV", DAY), "Tuvalu", DAY)
    record = profiles.record(profiles.actions_of(con, "TUV"), profiles.events_of(con, "TUV"))
    csv = profiles.profile_csv(statuses, groups, peers, record, DAY)
    assert csv.Record.value_counts().to_dict() == {"Status": 2, "Group": len(groups), "Peers": 2,
                                                   "Treaty action": 1, "CTI event": len(record) - 1}
    assert "UNCAT: Party since 25 March 2024 (accession)." in set(csv.What)
    assert set(peers) <= set(csv.What) and not csv.isna().any().any()


def test_the_public_never_sees_a_confidential_event_of_a_state(data_copy, tmp_path):
    append(data_copy / "events.csv",
           "2019-06-closed-session,MARKER-closed-session,annual_forum,2019-06-02,day,,MARKER-city,,Global,"
           "in_person,12,3,MARKER-partner,yes,https://example.org/MARKER,MARKER-note")
    append(data_copy / "participation.csv",
           "2019-06-closed-session,BTN,government,participant,senior,,,,no,MARKER-source,MARKER-note")
    built = tmp_path / "marker.duckdb"
    db.build(data_copy, built)
    with db.connect(built) as public, db.connect(built, db.SECRETARIAT) as secretariat:
        assert "2019-06-closed-session" not in set(profiles.events_of(public, "BTN").event_id)
        shown = profiles.engagement(profiles.events_of(secretariat, "BTN"), "Bhutan")
        assert any(line.startswith("**Confidential** · **MARKER") for line in shown)
        record = profiles.record(profiles.actions_of(secretariat, "BTN"), profiles.events_of(secretariat, "BTN"),
                                 profiles.advice_of(secretariat, "BTN"))
        assert record.set_index("What").loc["MARKER-closed-session", "Marked"] == "confidential"
        assert record.set_index("What").loc["MARKER-closed-session", "Kind"] == "Confidential CTI event"
        with pytest.raises(duckdb.CatalogException):  # the public's cursor has no advice to ask about
            profiles.advice_of(public, "BTN")


def test_the_state_page_keeps_the_state_in_the_url(built_db):
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.query_params["iso3"] = "DMA"
    at.run()
    at.switch_page("app_pages/state.py").run()
    assert not at.exception
    shown = "".join(m.value for m in at.markdown)
    assert "5 December 2024" in shown and "Party since 5 December 2024 (accession)." in shown
    assert at.selectbox(key="iso3").value == "DMA"
    at.date_input(key="as_of").set_value(date(2024, 12, 4)).run()  # the day before its accession ...
    shown = "".join(m.value for m in at.markdown)
    assert "**UNCAT** on 4 December 2024: No action" in shown
    assert "Today: UNCAT: Party since 5 December 2024 (accession)." in shown  # ... and where it stands today
    at.selectbox(key="iso3").set_value("AFG").run()
    assert not at.exception and at.query_params["iso3"] == "AFG"
    assert "No CTI event on record." in "".join(m.value for m in at.markdown)
