"""The events as the Events page lists them."""

from mande import event_list, events


def test_a_place_is_escaped_and_leaves_out_what_is_not_recorded():
    assert event_list.place("Natadola", "Fiji") == "Natadola, Fiji"
    assert event_list.place(None, "Fiji") == "Fiji" and event_list.place(None, None) == ""
    assert event_list.place("St. John's", None) == "St\\. John's"


def test_the_events_of_2015_by_type_listed_and_labelled(con):
    found = events.events_matching(con, (), (2015, 2015))
    grid = event_list.by_type_and_year(found)
    assert grid.set_index("type").loc["Regional seminar", "events"] == 4  # as the Annual Report 2015 says
    assert grid.events.sum() == len(found)
    listed = event_list.listed(found)
    assert list(listed.columns) == ["Dates", "Event", "Participants", "Partners", "Sources"]
    assert all(cell.startswith("**") and "**Confidential**" not in cell for cell in listed.Event)
    labels = event_list.labels(found)
    assert list(labels) == list(found.event_id) and all(" · " in label for label in labels.values())


def test_a_confidential_event_is_marked_so_in_the_list(con):
    found = events.events_matching(con, (), (2015, 2015)).head(1).assign(confidential=True)
    assert event_list.listed(found).Event[0].startswith("**Confidential** · **")
