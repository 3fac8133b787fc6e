"""Figures derived from the real events, checked against what the sources say."""

import pytest

from mande import confidential, db, events, measures
from mande.ingest import ValidationError
from tests.conftest import append


def test_the_embedded_events_and_participation_load(con):
    assert con.execute("SELECT count(*) FROM events").fetchall()[0][0] == 64
    assert con.execute("SELECT count(*) FROM participation").fetchall()[0][0] == 227


def test_four_regional_meetings_in_2015_as_the_annual_report_says(con):
    # CTI Annual Report 2015: regional meetings in Costa Rica, Indonesia, Morocco and Poland.
    assert events.event_count(con, ("regional_seminar",), 2015) == 4
    held = events.events_of(con, ("regional_seminar",), 2015)
    assert {"2015-costarica-regional-meeting", "2015-poland-regional-meeting", "2015-08-bali-asean-workshop",
            "2015-12-marrakech-mena-workshop"} == set(held.event_id)
    dialogues = measures.MEASURES["regional_dialogues"].types  # R3.1 counts a regional seminar as a dialogue
    assert events.event_count(con, dialogues, 2015) == 4  # no regional_dialogue recorded


def test_visits_in_2016(con):
    # Country visits to Grenada, Saint Lucia and Suriname; Grenada's study visit to Geneva (R2.2).
    assert set(events.events_of(con, measures.MEASURES["country_and_study_visits"].types, 2016).event_id) == {
        "2016-07-grenada-country-visit", "2016-07-saintlucia-country-visit",
        "2016-10-paramaribo-suriname-roundtable", "2016-12-geneva-grenada-study-visit"}
    assert events.event_count(con, measures.MEASURES["country_and_study_visits"].types, 2016) == 4


def test_the_states_named_at_the_2016_pacific_seminar(con):
    named = con.execute(
        "SELECT list(iso3 ORDER BY iso3) FROM participation WHERE event_id = '2016-10-natadola-pacific-seminar'"
    ).fetchall()[0][0]
    assert named == ["FJI", "KIR", "MHL", "PLW", "PNG", "SLB", "TON", "TUV", "VUT", "WSM"]
    states = con.execute("SELECT states_represented FROM events WHERE event_id = '2016-10-natadola-pacific-seminar'")
    assert states.fetchall()[0][0] == len(named)


def test_the_bali_seminar_of_2022(con):
    bali = con.execute(
        "SELECT participants, states_represented, format, start_date, end_date FROM events "
        "WHERE event_id = '2022-04-bali-asia-pacific-seminar'"
    ).fetchall()[0]
    assert bali[:3] == (130, 15, "hybrid")
    assert (bali[3].isoformat(), bali[4].isoformat()) == ("2022-04-20", "2022-04-22")


def test_unknown_is_not_zero(con):
    unknown = con.execute("SELECT count(*) FROM events WHERE participants IS NULL").fetchall()[0][0]
    zero = con.execute("SELECT count(*) FROM events WHERE participants = 0").fetchall()[0][0]
    assert unknown > 0 and zero == 0
    assert con.execute("SELECT count(*) FROM participation WHERE count IS NOT NULL").fetchall()[0][0] == 0


def test_annual_forums_per_year(con):
    forums = events.forums(con)
    per_year = forums[forums.type == "annual_forum"].groupby("year").size().to_dict()
    assert per_year == {2014: 1, 2015: 1, 2016: 1, 2017: 1, 2018: 1, 2021: 1, 2022: 1}  # none found for 2019-20


def test_governments_at_senior_level_over_the_strategy_period(con):
    senior = list(events.taking_part(con, 2018, 2020, level="senior").iso3)
    assert senior == sorted(set(senior)) and len(senior) > 0
    assert set(senior) <= set(events.taking_part(con, 2018, 2020).iso3)


@pytest.fixture
def closed_meeting(data_copy, tmp_path):
    """The embedded data plus a confidential bilateral meeting with Tonga (named elsewhere too) and Bhutan
    (named nowhere else): a connection to its database."""
    with open(data_copy / "events.csv", "a") as rows:
        rows.write("2018-05-closed-dialogue,MARKER-closed-dialogue,bilateral_meeting,2018-05-02,day,,Geneva,,,"
                   "in_person,,,,yes,a test source,\n")
    with open(data_copy / "participation.csv", "a") as rows:
        rows.write("2018-05-closed-dialogue,TON,government,participant,senior,,,,no,a test source,\n")
        rows.write("2018-05-closed-dialogue,BTN,government,participant,senior,,,,no,a test source,\n")
    path = tmp_path / "with_confidential.duckdb"
    db.build(data_copy, path)
    public, secretariat = db.connect(path), db.connect(path, db.SECRETARIAT)
    yield public, secretariat
    public.close()
    secretariat.close()


def test_confidential_events_stay_out_of_the_public_figures(closed_meeting):
    con, secretariat = closed_meeting
    assert events.event_count(con, ("bilateral_meeting",), 2018) == events.event_count(
        secretariat, ("bilateral_meeting",), 2018) - 1
    met = measures.MEASURES["bilateral_meeting_states"]  # R2.1
    assert "TON" not in set(met.taking_part(con, 2018, 2018).iso3)
    assert "TON" in set(met.taking_part(secretariat, 2018, 2018).iso3)
    assert "MARKER" not in events.events_of(con, ("bilateral_meeting",), 2018).to_string()


def test_confidential_events_appear_only_as_a_count(closed_meeting):
    con, secretariat = closed_meeting
    assert "2018-05-closed-dialogue" not in set(events.events_matching(con, (), (2014, 2024)).event_id)
    counted = events.confidential_per_year(con, (2014, 2024))
    assert list(counted.year) == [2018] and counted.events.isna().all()  # one event: too few to say, even here
    assert events.confidential_per_year(con, (2019, 2024)).empty  # the closed meeting was in 2018
    assert confidential.shown_count(1) == "fewer than 3"  # so small a count could point at a State
    assert events.event(con, "2018-05-closed-dialogue") is None
    assert events.event(secretariat, "2018-05-closed-dialogue")["title"] == "MARKER-closed-dialogue"
    assert events.states_named(con, "2018-05-closed-dialogue").empty
    assert "BTN" not in set(events.first_taking_part(con).iso3)  # Bhutan is named only at the closed meeting
    assert "BTN" in set(events.first_taking_part(secretariat).iso3)


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("2099-01-x,Title,seminar,2099-01-01,day,,,,,,,,,no,src,", "type: not an allowed value"),
        ("2099-01-x,Title,other,01/01/2099,day,,,,,,,,,no,src,", "start_date: not a date"),
        ("2099-01-x,Title,other,2099-01-02,day,2099-01-01,,,,,,,,no,src,", "end_date: before start_date"),
        ("2099-01-x,Title,other,2099-01-01,day,,,,,,-5,,,no,src,", "participants: less than 0"),
        ("2099-01-x,Title,other,2099-01-01,day,,,,,online only,,,,no,src,", "format: not an allowed value"),
    ],
)
def test_a_bad_event_row_is_refused(data_copy, tmp_path, line, problem):
    with open(data_copy / "events.csv", "a") as rows:
        rows.write(line + "\n")
    with pytest.raises(ValidationError, match=problem):
        db.build(data_copy, tmp_path / "refused.duckdb")


def test_participation_must_name_a_known_event(data_copy, tmp_path):
    with open(data_copy / "participation.csv", "a") as rows:
        rows.write("2099-no-such-event,FJI,government,participant,senior,,,,no,src,\n")
    with pytest.raises(ValidationError, match="event_id: not found in events.csv"):
        db.build(data_copy, tmp_path / "refused.duckdb")


def _csv(name: str):
    import pandas as pd

    from tests.conftest import DATA

    return pd.read_csv(DATA / name, dtype=str, keep_default_na=False)


def test_the_filters_of_the_events_page(con):
    every = events.events_matching(con, (), (2014, 2024))
    assert len(every) == len(_csv("events.csv"))
    seminars_2015 = events.events_matching(con, ("regional_seminar",), (2015, 2015))
    assert len(seminars_2015) == events.event_count(con, ("regional_seminar",), 2015)
    # A region filter takes the recorded region without its detail in brackets.
    african = events.events_matching(con, (), (2014, 2024), regions=("Africa",))
    assert set(african.region) == {"Africa", "Africa (common law)", "Africa (sub-Saharan)"}
    assert "Africa" in events.event_regions(con) and "Africa (common law)" not in events.event_regions(con)
    unknown_format = events.events_matching(con, (), (2014, 2024), formats=(events.NOT_RECORDED,))
    assert len(unknown_format) == (_csv("events.csv")["format"] == "").sum() > 0
    assert unknown_format.format.isna().all()
    assert events.event_years(con) == (2014, 2024)


def test_an_event_in_detail(con):
    pacific = events.event(con, "2016-10-natadola-pacific-seminar")
    assert pacific["country"] == "Fiji" and pacific["states_represented"] == 10
    named = events.states_named(con, "2016-10-natadola-pacific-seminar")
    assert len(named) == 10 and set(named.un_regional_group) == {"Asia-Pacific"}
    assert named.set_index("iso3").role["FJI"] == "host"
    recorded = events.participants_recorded(con, "2016-10-natadola-pacific-seminar")
    assert recorded.entries.sum() == 10
    assert recorded.people.isna().all()  # no source counts the people: unknown, not 0
    assert recorded.gender.eq(events.NOT_RECORDED).all()
    assert events.event(con, "no-such-event") is None


def test_unknown_figures_read_not_recorded_never_zero():
    assert events.recorded(None) == events.recorded(float("nan")) == "not recorded"
    assert events.recorded(0) == "0" and events.recorded(130) == "130"


def test_the_forums_year_over_year(con):
    forums = events.forums(con).set_index("event_id")
    listed = _csv("events.csv")
    assert set(forums.index) == set(listed.event_id[listed.type.isin(events.FORUMS)])
    assert forums.states_represented["2016-12-satigny-annual-forum-3"] == 27
    assert forums.participants["2022-12-geneva-annual-forum"] == 46
    assert forums.participants.isna()["2014-09-chavannes-annual-forum-1"]  # not stated: missing, not 0
    assert forums.states_named.isna()["2018-geneva-annual-forum"]  # no source names a State there
    assert forums.senior_named.isna()["2014-09-chavannes-annual-forum-1"]  # 5 named, none with a level
    people = _csv("participation.csv")
    at_2022 = people[people.event_id == "2022-12-geneva-annual-forum"]
    assert forums.states_named["2022-12-geneva-annual-forum"] == at_2022.iso3.nunique()
    assert forums.senior_named["2022-12-geneva-annual-forum"] == at_2022.iso3[at_2022.level == "senior"].nunique()
    by_group = events.forum_states_by_group(con)
    assert (by_group.groupby("event_id").states.sum() == forums.states_named[forums.states_named > 0]).all()
    assert events.forum_people_by(con, "gender").empty  # no source records gender
    with pytest.raises(ValueError, match="gender or mode"):
        events.forum_people_by(con, "iso3")


def test_reach_counts_each_state_once_from_its_first_event(con):
    from datetime import date

    people = _csv("participation.csv")
    named = set(people.iso3[people.iso3 != ""])
    first = events.first_taking_part(con).set_index("iso3")
    assert set(first.index) == named
    assert events.reached_by_year(con, 2014, 2024).reached.iloc[-1] == len(named)
    by_group = events.reach_by_group(con, "un_regional_group", date(2025, 1, 1))
    assert by_group.states.sum() == 195 and by_group.reached.sum() == len(named)
    # Tuvalu: first named at the Pacific seminar of October 2016, party (by accession) in 2024.
    tuvalu = first.loc["TUV"]
    assert tuvalu.first_date.date().isoformat() == "2016-10-27" and not tuvalu.party_then
    assert tuvalu.became_party.year == 2024
    assert first.loc["FJI"].events == people[people.iso3 == "FJI"].event_id.nunique()
    assert first.loc["DNK"].party_then  # a core State, party since 1987


def test_no_combination_of_filters_recovers_a_suppressed_count(data_copy, tmp_path):
    """Confidential events in 2016 (4), 2018 (3) and 2019 (1): whatever years are chosen, each figure the public
    view gets is one year's, the same under every filter, so no difference of two gives 2019's single event."""
    for year, n in ((2016, 4), (2018, 3), (2019, 1)):
        append(data_copy / "events.csv", *[f"{year}-closed-{i},Closed {i},bilateral_meeting,{year}-05-0{i + 1},day,,"
                                           f"Geneva,,,in_person,,,,yes,a test source," for i in range(n)])
    path = tmp_path / "differencing.duckdb"
    db.build(data_copy, path)
    con = db.connect(path)
    first, last = events.event_years(db.connect(path, db.SECRETARIAT))
    per_year = {}
    for start in range(first, last + 1):
        for end in range(start, last + 1):
            shown = confidential.shown_per_year(events.confidential_per_year(con, (start, end)), "events")
            for item in filter(None, shown.split(" · ")):
                year, figure = item.split(": ")
                assert int(year) in range(start, end + 1)
                per_year.setdefault(int(year), set()).add(figure)
    con.close()
    assert per_year == {2016: {"4"}, 2018: {"3"}, 2019: {"fewer than 3"}}  # one figure per year, under any filter
