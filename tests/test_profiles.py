"""One State's profile (mande.profiles and the State page), on the embedded data."""

from datetime import date

from streamlit.testing.v1 import AppTest

from mande import db, profiles
from tests.conftest import append

DAY = date(2026, 2, 3)


def test_every_state_can_be_chosen_by_name(con):
    names = profiles.state_names(con)
    assert len(names) == 195
    assert names["FJI"] == "Fiji" and list(names.values()) == sorted(names.values())


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
    csv = profiles.record_csv(profiles.actions_of(con, "TUV"), found)
    assert set(csv.Record) == {"Treaty action", "CTI event"}


def test_groups_and_peers_on_the_date(con):
    groups = profiles.groups_shown(profiles.groups_of(con, "FJI", DAY))
    assert "UN regional groups" in set(groups.Grouping) and "CTI core States" in set(groups.Grouping)
    group, states, parties = profiles.peers_of(con, "FJI", DAY)
    assert group == groups.set_index("Grouping").loc["UN regional groups", "Group"]
    assert 0 < parties <= states
    assert profiles.peers_sentence((group, states, parties), "Fiji", DAY).startswith(
        f"On 3 February 2026, {parties} of the {states} States of Fiji's UN regional group, ")


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
        csv = profiles.record_csv(profiles.actions_of(secretariat, "BTN"), profiles.events_of(secretariat, "BTN"))
        assert csv.set_index("What").loc["MARKER-closed-session", "Marked"] == "confidential"


def test_the_state_page_keeps_the_state_in_the_url(built_db):
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.query_params["iso3"] = "DMA"
    at.run()
    at.switch_page("app_pages/state.py").run()
    assert not at.exception
    shown = "".join(m.value for m in at.markdown)
    assert "5 December 2024" in shown and "Party since 5 December 2024 (accession)." in shown
    assert at.selectbox(key="iso3").value == "DMA"
    at.selectbox(key="iso3").set_value("AFG").run()
    assert not at.exception and at.query_params["iso3"] == "AFG"
    assert "No CTI event on record." in "".join(m.value for m in at.markdown)
