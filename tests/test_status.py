"""Treaty status as of a date, on dates where the sources give the count of States parties."""

from datetime import date

import pytest

from mande import db, status
from mande.dates import describe


@pytest.mark.parametrize(
    ("treaty", "as_of", "parties", "source"),
    [
        ("UNCAT", date(2014, 3, 3), 154, "the CTI's launch at HRC25"),
        ("UNCAT", date(2015, 5, 15), 158, "A/70/44: 158 States parties as at 15 May 2015"),
        ("UNCAT", date(2017, 11, 30), 162, "OHCHR at CAT62: 8 new States parties since the CTI's creation"),
        ("UNCAT", date(2019, 2, 28), 165, "HRC40 statement: 11 new States parties since 2014"),
        ("UNCAT", date(2019, 10, 2), 169, "Angola, the 169th State party"),
        ("UNCAT", date(2020, 9, 21), 171, "Saint Kitts and Nevis, the 171st"),
        ("UNCAT", date(2021, 8, 10), 172, "Sudan, the 172nd"),
        ("UNCAT", date(2022, 3, 1), 173, "Suriname (16 Nov 2021) the 173rd; none in early 2022"),
        ("UNCAT", date(2024, 3, 24), 173, "the day before Tuvalu's accession (UN Treaty Collection: 25 Mar 2024)"),
        ("UNCAT", date(2024, 5, 10), 174, "A/79/44: 174 States parties as at 10 May 2024"),
        ("UNCAT", date(2024, 12, 4), 174, "the day before Dominica's accession"),
        ("UNCAT", date(2024, 12, 5), 175, "Dominica, the 175th (UN Treaty Collection, 5 Dec 2024)"),
        ("UNCAT", date(2026, 2, 3), 175, "UN Treaty Collection, status as at 3 Feb 2026: Parties 175"),
        ("OPCAT", date(2025, 7, 16), 94, "the day before Bangladesh's accession"),
        ("OPCAT", date(2025, 7, 17), 95, "Bangladesh (UN Treaty Collection, 17 Jul 2025)"),
        ("OPCAT", date(2025, 11, 9), 95, "the day before Colombia's accession"),
        ("OPCAT", date(2025, 11, 10), 96, "Colombia, the 96th (UN Treaty Collection; SPT, Nov 2025)"),
        ("OPCAT", date(2026, 2, 3), 96, "UN Treaty Collection, status as at 3 Feb 2026: Parties 96"),
    ],
)
def test_parties_match_the_sources(con, treaty, as_of, parties, source):
    counts = status.status_counts(con, treaty, as_of).iloc[0]
    assert counts.parties == parties, source
    assert status.parties_count(con, treaty, as_of) == parties, source
    assert counts.parties + counts.signatories + counts.no_action == counts.total == 195


def test_opcat_parties_and_signatories_in_2024(con):
    counts = status.status_counts(con, "OPCAT", date(2024, 12, 31)).iloc[0]
    assert (counts.parties, counts.signatories) == (94, 11)


def test_a_state_is_signatory_between_signature_and_ratification(con):
    def fiji(on):
        return status.status_as_of(con, "UNCAT", on).set_index("iso3").loc["FJI"]

    assert fiji(date(2016, 2, 29)).status == "no action"
    assert fiji(date(2016, 3, 1)).status == "signatory"  # signed on 1 March 2016 (UN Treaty Collection)
    assert fiji(date(2016, 3, 14)).status == "party"
    assert fiji(date(2016, 3, 14)).consent_type == "ratification"


def test_tuvalu_counts_from_the_day_the_depositary_gives(con):
    def tuvalu(on):
        return status.status_as_of(con, "UNCAT", on).set_index("iso3").loc["TUV"]

    assert tuvalu(date(2024, 3, 24)).status == "no action"
    joined = tuvalu(date(2024, 3, 25))
    assert joined.status == "party"
    assert describe(joined.consent_date, joined.consent_precision, joined.consent_earliest) == "25 March 2024"


def test_every_grouping_counts_every_state(con):
    for grouping in status.groupings(con):
        counts = status.status_counts(con, "UNCAT", date(2024, 5, 10), grouping)
        assert counts.total.sum() == 195, grouping


def test_the_groupings_of_the_data_contract_exist(con):
    groups = dict(con.execute('SELECT grouping, list(DISTINCT "group" ORDER BY "group") FROM groups GROUP BY 1')
                  .fetchall())
    assert groups["un_regional_group"] == ["African", "Asia-Pacific", "Eastern European",
                                           "Latin American and Caribbean", "Western European and others"]
    assert groups["m49_region"] == ["Africa", "Americas", "Asia", "Europe", "Oceania"]
    assert groups["sids_region"] == ["AIS", "Caribbean", "Pacific"]
    assert groups["commonwealth"] == ["Commonwealth"]
    assert "Core State" in groups["cti"]
    assert len(groups["m49_subregion"]) == 17


def test_uncat_by_un_regional_group_leaves_the_holy_see_and_palestine_outside(con):
    counts = status.status_counts(con, "UNCAT", date(2024, 5, 10), "un_regional_group").set_index("group")
    assert counts.loc[status.NOT_IN_A_GROUP].total == 2
    assert counts.loc["Eastern European"].to_dict() == {"parties": 23, "signatories": 0, "no_action": 0, "total": 23}


def test_memberships_follow_their_dates(con):
    def commonwealth(on):
        return set(status.group_of_each_state(con, "commonwealth", on))

    assert len(commonwealth(date(2024, 5, 10))) == 56
    in_2019 = commonwealth(date(2019, 6, 1))
    assert "GMB" in in_2019 and "MDV" not in in_2019 and "GAB" not in in_2019
    assert "GMB" not in commonwealth(date(2015, 1, 1))
    assert "ZWE" in commonwealth(date(2000, 1, 1))
    core = status.group_of_each_state(con, "cti", date(2018, 1, 1))
    assert sorted(core) == ["CHL", "DNK", "GHA", "IDN", "MAR"]
    assert "FJI" in status.group_of_each_state(con, "cti", date(2019, 3, 1))


def test_parties_by_year_agrees_with_status_at_each_year_end(con):
    for treaty in ("UNCAT", "OPCAT"):
        history = status.parties_by_year(con, treaty, 1985, 2024).set_index("year")
        for year in (1985, 1990, 2000, 2014, 2018, 2019, 2020, 2023, 2024):
            at_end = status.status_counts(con, treaty, date(year, 12, 31)).iloc[0].parties
            assert history.loc[year].parties == at_end, (treaty, year)
    uncat = status.parties_by_year(con, "UNCAT", 2018, 2020).set_index("year")
    assert uncat.joined.to_dict() == {2018: 3, 2019: 4, 2020: 2}  # Bahamas, Gambia, Marshall Is.; Samoa …


def test_recent_parties_are_newest_first(con):
    recent = status.recent_parties(con, "UNCAT", date(2022, 1, 1), 3)
    assert recent.iso3.tolist() == ["SUR", "SDN", "KNA"]


def test_a_withdrawal_ends_party_status(data_copy, tmp_path):
    with open(data_copy / "treaty_actions.csv", "a") as actions:
        actions.write("BHS,UNCAT,withdrawal,2023-01-01,day,,an invented withdrawal for this test,\n")
    path = tmp_path / "withdrawn.duckdb"
    db.build(data_copy, path)
    con = db.connect(path)
    bahamas = status.status_as_of(con, "UNCAT", date(2023, 6, 1)).set_index("iso3").loc["BHS"]
    assert bahamas.status == "signatory"  # it had signed before ratifying
    assert status.status_as_of(con, "UNCAT", date(2022, 6, 1)).set_index("iso3").loc["BHS"].status == "party"
    assert status.parties_by_year(con, "UNCAT", 2023, 2023).parties.iloc[0] == 172
