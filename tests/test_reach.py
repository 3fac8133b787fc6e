"""The Reach page's figures: the States named at CTI events against their UNCAT status."""

from datetime import date

import pandas as pd

from mande import reach
from tests.conftest import DATA

TODAY = date(2026, 2, 3)  # the day the treaty data is confirmed to


def test_the_states_named_and_those_still_to_join(con):
    people = pd.read_csv(DATA / "participation.csv", dtype=str, keep_default_na=False)
    found = reach.reach(con, "UNCAT", TODAY)
    assert len(found.states) == 195 and len(found.taking_part) == people.iso3[people.iso3 != ""].nunique()
    assert found.reached.sum() == len(found.taking_part)
    assert len(found.not_party) == 20
    assert set(found.reached_not_party.iso3) <= set(found.not_party.iso3)
    assert set(found.joined_since.iso3) <= set(found.not_party_then.iso3)
    assert not found.joined_since.iso3.isin(found.not_party.iso3).any()  # joined since: party today


def test_the_tables_for_people(con):
    found = reach.reach(con, "UNCAT", TODAY)
    not_party = reach.not_party_engagement(found).set_index("State")
    assert list(not_party.columns) == ["UNCAT status", "Signed", "CTI events on record", "First on record"]
    assert len(not_party) == 20
    assert not_party.loc["Tonga", "CTI events on record"] == "2"
    assert list(not_party.loc["Bhutan", ["CTI events on record", "First on record"]]) == ["none", ""]
    joined = reach.joined_after_taking_part(found).set_index("State")
    assert joined.loc["Tuvalu", "Became party"] == "25 March 2024"
    assert joined.loc["Tuvalu", "First CTI event on record"].split(": ")[0][-4:] < "2024"
