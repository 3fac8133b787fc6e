"""The Annual Forums year over year: labels, the years without a Forum, the figures for people."""

import pandas as pd

from mande import forums


def test_a_forum_is_named_by_its_year_and_place():
    assert forums.label(2016, "Satigny (Geneva)", "annual_forum") == "2016 Satigny"
    assert forums.label(2020, None, "annual_forum") == "2020 online"
    assert forums.label(2021, "Geneva", "global_forum") == "2021 Geneva (global forum)"


def test_the_forums_of_the_embedded_data_and_the_years_without_one(con):
    found = forums.year_by_year(con)
    assert found.forum.iloc[0] == "2014 Chavannes-de-Bogis" and found.event_id.iloc[-1] == "2022-12-geneva-annual-forum"
    assert forums.gaps(found).startswith("No Annual Forum was found in the sources for 2019, 2020")
    shown = forums.figures(found).set_index("Forum")
    assert shown.loc["2014 Chavannes-de-Bogis", "Participants"] == "not recorded"  # never 0
    assert list(shown.loc["2016 Satigny", ["Participants", "States represented"]]) == ["70", "27"]


def test_a_gap_names_the_global_forum_held_instead():
    held = pd.DataFrame({"year": [2018, 2019, 2021], "type": ["annual_forum", "global_forum", "annual_forum"],
                         "city": ["Geneva", "Geneva (Palais)", None]})
    assert forums.gaps(held) == ("No Annual Forum was found in the sources for 2019, 2020; in 2019 the CTI held its "
                                 "global forum in Geneva \\(Palais\\).")
    assert forums.gaps(held[held.year != 2019].assign(year=[2018, 2019])) is None


def test_people_by_a_value_with_the_forums_that_record_none():
    held = pd.DataFrame({"event_id": ["a", "b"], "forum": ["2021 Geneva", "2022 Geneva"]})
    counted = pd.DataFrame({"event_id": ["b", "b"], "value": ["women", "men"], "people": [21, None]})
    wide, none = forums.people_by(counted, held)
    assert wide.to_dict("records") == [{"Forum": "2022 Geneva", "Men": "not recorded", "Women": "21"}]
    assert none == ["2021 Geneva"]
