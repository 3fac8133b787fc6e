"""Results against targets: the rules of "Reading a target" (RESULTS_FRAMEWORK.md), the derived figures checked
against the sources, and a new strategy period added by editing CSV files alone."""

import csv
import io
from datetime import date

import pandas as pd
import pytest

from mande import charts, cli, db, results
from mande.ingest import ValidationError
from mande.results import Figure, judge
from tests.conftest import DATA, append

CONSENTS = ("ratification", "accession", "succession")


def _judge(kind, year, figure, target_min=None, target_max=None, *, due=None, done=None, on, today=None,
           period=None):
    """judge() with every date given; the status must be one of the status words of the framework."""
    judged = judge(kind, year, figure, target_min, target_max, due, done, on, today or on, period)
    assert judged.status in results.STATUSES, judged
    assert judged.why, judged
    return judged


def test_the_status_words_are_those_of_the_framework_and_each_has_a_colour():
    assert set(results.STATUSES) == {"met", "partly met", "not met", "on track", "behind", "pending", "done",
                                     "overdue", "no data"}
    assert set(charts.STATUS_FILLS) == set(results.STATUSES)


# --- "N a year" (at_least) ---------------------------------------------------------------------------------

END_2019 = date(2019, 12, 31)
LATER = date(2020, 6, 1)


def test_n_a_year_met_at_n_or_more():
    assert _judge("at_least", 2019, Figure(4), 4, on=END_2019, today=LATER).status == "met"
    assert _judge("at_least", 2019, Figure(7), 4, on=END_2019, today=LATER).status == "met"


def test_n_a_year_partly_met_above_zero_but_below_n():
    judged = _judge("at_least", 2019, Figure(2), 4, on=END_2019, today=LATER)
    assert judged.status == "partly met"
    assert "2" in judged.why and "4" in judged.why


def test_n_a_year_not_met_when_a_finished_year_ends_at_zero():
    assert _judge("at_least", 2019, Figure(0), 4, on=END_2019, today=LATER).status == "not met"


def test_the_last_day_of_the_year_ends_it():
    # Judged on 31 December the year is over: 0 is "not met", not "behind".
    assert _judge("at_least", 2019, Figure(0), 1, on=END_2019, today=END_2019).status == "not met"
    assert _judge("at_least", 2019, Figure(0), 1, on=date(2019, 12, 30), today=date(2019, 12, 30)).status == "behind"


# --- "N–M a year" (range) and "up to N" -------------------------------------------------------------------

def test_a_range_is_met_at_n_and_still_met_above_m():
    assert _judge("range", 2019, Figure(2), 2, 3, on=END_2019, today=LATER).status == "met"
    above = _judge("range", 2019, Figure(5), 2, 3, on=END_2019, today=LATER)
    assert above.status == "met"
    assert "2 to 3" in above.why  # both ends of the range are shown


def test_a_range_below_n_is_partly_met_and_zero_not_met():
    assert _judge("range", 2019, Figure(1), 2, 3, on=END_2019, today=LATER).status == "partly met"
    assert _judge("range", 2019, Figure(0), 2, 3, on=END_2019, today=LATER).status == "not met"


def test_up_to_n_is_shown_against_n():
    reached = _judge("up_to", 2019, Figure(10), None, 10, on=END_2019, today=LATER)
    assert reached.status == "met" and "target of 10" in reached.why
    short = _judge("up_to", 2019, Figure(4), None, 10, on=END_2019, today=LATER)
    assert short.status == "partly met" and "4 against a target of 10" in short.why
    assert _judge("up_to", 2019, Figure(12), None, 10, on=END_2019, today=LATER).status == "met"


def test_no_target_for_the_year_is_no_data():
    assert _judge("at_least", 2019, Figure(3), None, None, on=END_2019, today=LATER).status == "no data"


# --- a year in progress, not begun, beyond the data ------------------------------------------------------

MID_2019 = date(2019, 7, 1)  # 182 of 365 days gone


def test_a_year_in_progress_is_judged_on_pace():
    expected = 3 * 182 / 365  # 1.5 of 3 due by 1 July
    assert 1 < expected < 2
    assert _judge("at_least", 2019, Figure(2), 3, on=MID_2019).status == "on track"
    behind = _judge("at_least", 2019, Figure(1), 3, on=MID_2019)
    assert behind.status == "behind"
    assert "50% of the year gone" in behind.why


def test_a_year_in_progress_is_never_not_met_or_partly_met():
    for value in range(0, 3):
        assert _judge("at_least", 2019, Figure(value), 3, on=MID_2019).status in ("on track", "behind")
    assert _judge("at_least", 2019, Figure(0), 3, on=MID_2019).status == "behind"
    assert _judge("at_least", 2019, Figure(3), 3, on=MID_2019).status == "met"  # already reached


def test_a_range_in_progress_is_paced_on_its_lower_end():
    assert _judge("range", 2019, Figure(1), 2, 3, on=MID_2019).status == "on track"  # 1 of 2 half-way
    assert _judge("range", 2019, Figure(0), 2, 3, on=MID_2019).status == "behind"


def test_a_year_not_begun_is_pending():
    judged = _judge("at_least", 2025, Figure(None), 3, on=date(2024, 5, 10), today=date(2024, 6, 1))
    assert judged.status == "pending"


def test_a_year_begun_beyond_the_confirmed_data_is_no_data():
    # Today is in 2024, but the data is confirmed only to the end of 2023: nothing is known of 2024.
    judged = _judge("at_least", 2024, Figure(None), 3, on=date(2023, 12, 31), today=date(2024, 6, 1))
    assert judged.status == "no data"
    assert "31 December 2023" in judged.why


def test_no_figure_in_a_finished_year_is_no_data_not_zero():
    unknown = _judge("at_least", 2019, Figure(None), 4, on=END_2019, today=LATER)
    assert unknown.status == "no data"
    assert _judge("at_least", 2019, Figure(0), 4, on=END_2019, today=LATER).status == "not met"
    assert _judge("range", 2019, Figure(None), 1, 2, on=END_2019, today=LATER).status == "no data"


def test_no_figure_yet_in_a_running_year_is_pending():
    assert _judge("at_least", 2019, Figure(None), 4, on=MID_2019).status == "pending"


# --- a total over a period --------------------------------------------------------------------------------

PERIOD = (2018, 2020)


def test_a_total_over_a_period_is_on_track_mid_period():
    # End of 2018: 365 of the period's 1,096 days gone, so 10 of 30 are due (9.99).
    assert 30 * 365 / 1096 < 10
    judged = _judge("period_total", 2018, Figure(10), 30, on=date(2018, 12, 31), period=PERIOD)
    assert judged.status == "on track"
    assert "of the period gone" in judged.why


def test_a_total_over_a_period_is_behind_mid_period():
    # End of 2019: 730 of 1,096 days gone, so about 20 of 30 are due.
    assert 30 * 730 / 1096 > 12
    judged = _judge("period_total", 2019, Figure(12), 30, on=date(2019, 12, 31), period=PERIOD)
    assert judged.status == "behind"
    assert _judge("period_total", 2019, Figure(0), 30, on=date(2019, 12, 31), period=PERIOD).status == "behind"


def test_a_total_over_a_period_is_judged_at_its_end():
    end = date(2020, 12, 31)
    assert _judge("period_total", 2020, Figure(30), 30, on=end, period=PERIOD).status == "met"
    assert _judge("period_total", 2020, Figure(14), 30, on=end, period=PERIOD).status == "partly met"
    assert _judge("period_total", 2020, Figure(0), 30, on=end, period=PERIOD).status == "not met"


# --- milestones -------------------------------------------------------------------------------------------

DUE = date(2019, 6, 30)


def test_a_milestone_done_before_its_due_date():
    judged = _judge("milestone", 2019, Figure(1), due=DUE, done=date(2019, 6, 26), on=date(2020, 1, 1))
    assert judged.status == "done"
    assert "26 June 2019" in judged.why and "after" not in judged.why


def test_a_milestone_done_after_its_due_date_is_done_late():
    judged = _judge("milestone", 2019, Figure(1), due=DUE, done=date(2019, 10, 1), on=date(2020, 1, 1))
    assert judged.status == "done"
    assert "after its due date" in judged.why and "30 June 2019" in judged.why


def test_a_milestone_not_done_after_its_due_date_is_overdue():
    judged = _judge("milestone", 2019, Figure(0), due=DUE, on=date(2019, 7, 1))
    assert judged.status == "overdue"


def test_a_milestone_with_no_record_after_its_due_date_is_no_data():
    assert _judge("milestone", 2019, Figure(None), due=DUE, on=date(2020, 1, 1)).status == "no data"


def test_a_milestone_before_its_due_date_is_pending():
    assert _judge("milestone", 2019, Figure(None), due=DUE, on=date(2019, 3, 1)).status == "pending"
    assert _judge("milestone", 2019, Figure(0), due=DUE, on=date(2019, 3, 1)).status == "pending"
    assert _judge("milestone", 2019, Figure(0), due=DUE, on=DUE).status == "pending"  # due on the day itself


# --- qualitative (yes/no each year) -----------------------------------------------------------------------

def test_a_qualitative_target_is_met_when_recorded_done():
    assert _judge("qualitative", 2019, Figure(1), 1, on=END_2019, today=LATER).status == "met"
    assert _judge("qualitative", 2019, Figure(1), 1, on=MID_2019).status == "met"


def test_a_qualitative_target_recorded_not_done_in_a_finished_year_is_not_met():
    assert _judge("qualitative", 2019, Figure(0), 1, on=END_2019, today=LATER).status == "not met"


def test_a_qualitative_target_not_done_in_a_running_year_is_pending():
    assert _judge("qualitative", 2019, Figure(0), 1, on=MID_2019).status == "pending"
    assert _judge("qualitative", 2019, Figure(None), 1, on=END_2019, today=LATER).status == "no data"


# --- a suppressed count (fewer than 3, confidential) ------------------------------------------------------

SUPPRESSED = Figure(None, between=(1, 2))


def test_a_suppressed_count_is_judged_when_both_ends_agree():
    judged = _judge("at_least", 2019, SUPPRESSED, 10, on=END_2019, today=LATER)
    assert judged.status == "partly met"  # 1 and 2 are both partly met against 10
    assert "Fewer than 3" in judged.why
    assert _judge("at_least", 2019, SUPPRESSED, 1, on=END_2019, today=LATER).status == "met"


def test_a_suppressed_count_whose_ends_disagree_is_no_data():
    judged = _judge("at_least", 2019, SUPPRESSED, 2, on=END_2019, today=LATER)  # 1 partly met, 2 met
    assert judged.status == "no data"
    assert "1" not in judged.why.replace("Fewer than 3", "") and "2" not in judged.why


def test_a_suppressed_count_never_shows_an_end_of_its_range_as_the_figure():
    # Both ends are behind a pace of 5 by 1 July, so "behind" may be said, but not "1 so far": the count may be 2.
    judged = _judge("at_least", 2019, SUPPRESSED, 10, on=MID_2019)
    assert judged.status == "behind"
    assert "1 so far" not in judged.why and "2 so far" not in judged.why, judged.why


# --- the derived figures against the sources --------------------------------------------------------------

@pytest.fixture(scope="module")
def found(built_db):
    con = db.connect(built_db)
    try:
        yield results.results(con, today=date(2026, 1, 1)).set_index(["indicator_id", "year"])
    finally:
        con.close()


def _parties_of(year: int) -> set[str]:
    """The States with a UNCAT consent dated in `year` in treaty_actions.csv, named from states.csv."""
    actions = pd.read_csv(DATA / "treaty_actions.csv", dtype=str)
    names = pd.read_csv(DATA / "states.csv", dtype=str).set_index("iso3").name
    consents = actions[(actions.treaty == "UNCAT") & actions.action.isin(CONSENTS)]
    joined = consents[consents.date.str.startswith(str(year))]
    return set(names[joined.iso3])


def test_r1_1_in_2019_is_samoa_kiribati_grenada_and_angola(con, found):
    assert found.loc[("R1.1", 2019), "value"] == 4
    assert found.loc[("R1.1", 2019), "status"] == "met"  # target 4 in 2019
    # The shared reference (uncat_opcat_status.csv): Samoa 28 Mar, Kiribati 2019 (day unverified), Grenada
    # 26 Sep (168th), Angola 2 Oct (169th).
    named = results.records(con, "uncat_new_parties", 2019, 2018)
    assert set(named.State) == {"Samoa", "Kiribati", "Grenada", "Angola"} == _parties_of(2019)
    # cti2024.org: Angola became the 169th State party in October 2019.
    assert "October 2019" in named.set_index("State").loc["Angola", "Became party"]


def test_r1_1_in_2020_is_oman_and_saint_kitts_and_nevis(con, found):
    # Annual Report 2020: Oman and St Kitts & Nevis joined, making 171 States parties.
    assert found.loc[("R1.1", 2020), "value"] == 2
    assert found.loc[("R1.1", 2020), "status"] == "partly met"  # target 5 in 2020
    named = set(results.records(con, "uncat_new_parties", 2020, 2018).State)
    assert named == {"Oman", "Saint Kitts and Nevis"} == _parties_of(2020)


def test_r4_8_the_global_forum_was_held_after_its_due_date(found):
    # cti_outputs.md section 7: the Copenhagen Global Seminar was held on 1-2 October 2019, not in June.
    row = found.loc[("R4.8", 2019)]
    assert row.status == "done"
    assert row.done_date == date(2019, 10, 1) and row.due_date == date(2019, 6, 30)
    assert "after its due date" in row.why
    assert found.loc[("R4.8", 2018), "status"] == "pending"
    assert found.loc[("R4.8", 2020), "status"] == "done"


def test_r4_7_no_annual_forum_found_for_2019(found):
    forums = pd.read_csv(DATA / "events.csv", dtype=str)
    forums = forums[(forums.type == "annual_forum") & (forums.confidential == "no")]
    assert not forums.start_date.str.startswith("2019").any()
    assert found.loc[("R4.7", 2019), "value"] == 0
    assert found.loc[("R4.7", 2019), "status"] == "not met"
    assert found.loc[("R4.7", 2018), "status"] == "met"


def _senior_states(first: int, last: int) -> set[str]:
    """Distinct States at senior level in public events that began in first..last, from the CSV files."""
    evts = pd.read_csv(DATA / "events.csv", dtype=str)
    part = pd.read_csv(DATA / "participation.csv", dtype=str)
    evts = evts[(evts.confidential == "no") & evts.start_date.str[:4].astype(int).between(first, last)]
    senior = part[(part.level == "senior") & part.iso3.notna() & part.event_id.isin(evts.event_id)]
    return set(senior.iso3)


def test_r3_0_counts_distinct_senior_level_states_over_the_period(con, found):
    total = len(_senior_states(2018, 2020))
    assert total > 0
    assert found.loc[("R3.0", 2020), "value"] == total
    assert found.loc[("R3.0", 2018), "value"] == len(_senior_states(2018, 2018))  # the total so far
    assert found.loc[("R3.0", 2020), "status"] == ("met" if total >= 30 else "partly met")
    assert len(results.records(con, "senior_level_states", 2020, 2018)) == total


def test_manual_r2_4_the_video_is_done_on_26_june_2019_and_stays_done(found):
    # cti_outputs.md section 4: the animated video was released on 26 June 2019.
    for year in (2019, 2020):
        assert found.loc[("R2.4", year), "status"] == "done"
        assert found.loc[("R2.4", year), "done_date"] == date(2019, 6, 26)
    assert found.loc[("R2.4", 2018), "status"] == "pending"


def test_a_manual_milestone_with_no_record_after_its_due_date_is_no_data(found):
    # No source found for an update of "10 good reasons to ratify" (R2.3): unknown, not overdue.
    assert not (pd.read_csv(DATA / "outputs.csv", dtype=str).indicator_id == "R2.3").any()
    assert found.loc[("R2.3", 2020), "status"] == "no data"


def test_illustrative_outputs_are_marked_and_real_ones_are_not(found):
    outputs = pd.read_csv(DATA / "outputs.csv", dtype=str)
    assert set(outputs.illustrative) == {"yes", "no"}
    for row in outputs.itertuples():
        shown = found.loc[(row.indicator_id, int(row.year))]
        assert shown.illustrative == (row.illustrative == "yes"), (row.indicator_id, row.year)
        assert shown.value == int(row.value), (row.indicator_id, row.year)


def test_the_evidence_of_a_manual_figure_is_carried(found):
    outputs = pd.read_csv(DATA / "outputs.csv", dtype=str).set_index(["indicator_id", "year"])
    assert found.loc[("R4.2", 2020), "evidence"] == outputs.loc[("R4.2", "2020"), "evidence"]


# --- the shape of results() -------------------------------------------------------------------------------

def test_one_row_per_indicator_and_year_of_its_period(found):
    framework = pd.read_csv(DATA / "framework.csv", dtype=str)
    expected = {(r.indicator_id, year) for r in framework.itertuples()
                for year in range(int(r.period_start), int(r.period_end) + 1)}
    assert len(found) == len(expected)
    assert set(found.index) == expected


def test_results_within_a_range_of_years(con):
    shown = results.results(con, 2019, 2019, today=date(2026, 1, 1))
    assert set(shown.year) == {2019}
    assert len(shown) == len(pd.read_csv(DATA / "framework.csv"))
    assert results.results(con, 2030, 2031, today=date(2026, 1, 1)).empty


def test_the_csv_columns_begin_as_the_data_contract_says():
    assert results.CSV_COLUMNS[:6] == ["indicator_id", "year", "value", "target_min", "target_max", "status"]
    assert set(results.CSV_COLUMNS) <= set(results.COLUMNS)


def test_every_status_in_the_results_is_a_status_word(found):
    assert set(found.status) <= set(results.STATUSES)


# --- what the Results page shows -------------------------------------------------------------------------

def test_the_status_groups_hold_every_status_once(found):
    grouped = [status for statuses in results.STATUS_GROUPS.values() for status in statuses]
    assert sorted(grouped) == sorted(results.STATUSES)
    assert sum(results.status_summary(found).values()) == len(found)  # so the summary counts each figure once


def test_hiding_the_illustrative_figures_leaves_them_no_data_and_the_others_as_they_were(found):
    shown = results.without_illustrative(found)
    hidden, real = shown[found.illustrative], ~found.illustrative
    assert len(hidden) > 0 and not shown.illustrative.any()
    assert hidden.value.isna().all() and hidden.done_date.isna().all()
    assert set(hidden.status) == {"no data"} and set(hidden.why) == {results.HIDDEN}
    assert shown[real].equals(found[real])


def test_a_scorecard_cell_says_illustrative_and_cuts_a_long_indicator(found):
    cells = results.scorecard_cells(found.reset_index()).set_index(["indicator_id", "year"])
    assert cells.loc[("R4.5", 2018), "shown_status"] == "met · illustrative"
    assert cells.loc[("R1.1", 2019), ["figure", "shown_status"]].tolist() == ["4 / 4", "met"]
    long = cells.loc[("R3.3", 2019), "label"]
    assert long.startswith("R3.3  Side events") and long.endswith("…") and len(long) == len("R3.3  ") + 59


def test_r1_1_has_a_running_total_in_which_an_unknown_year_stays_unknown():
    rows = pd.DataFrame({"measure": "uncat_new_parties", "year": [2018, 2019, 2020],
                         "value": pd.array([3, None, 2], dtype="Int64"),
                         "target_min": pd.array([3, 4, None], dtype="Int64")})
    running = results.running_total(rows)
    assert running.actual.tolist() == [3, pd.NA, 5] and running.target.tolist() == [3, 7, 7]
    assert results.running_total(rows.assign(measure="country_and_study_visits")) is None
    assert results.running_total(rows.assign(measure=None)) is None  # a manual figure


# --- the confidential measure -----------------------------------------------------------------------------

def test_the_records_behind_advice_never_name_a_state(con):
    for year in range(2018, 2021):
        assert results.records(con, "advised_states", year, 2018).empty


def test_a_suppressed_advice_count_in_the_results(data_copy, tmp_path):
    """Two requests from two States in 2020 only: 2020 is suppressed, and 2018-19, before the advice data
    starts, are no data rather than 0."""
    with open(data_copy / "advice.csv", "w") as rows:
        rows.write("request_id,date,iso3,topic,confidential,illustrative,note\n"
                   "t-1,2020-03-01,TON,ratification,yes,no,\nt-2,2020-05-01,BTN,reporting,yes,no,\n")
    path = tmp_path / "few.duckdb"
    db.build(data_copy, path)
    con = db.connect(path)
    try:
        shown = results.results(con, 2018, 2020, today=date(2026, 1, 1)).set_index(["indicator_id", "year"])
        named = results.records(con, "advised_states", 2020, 2018)
    finally:
        con.close()
    assert pd.isna(shown.loc[("R2.5", 2020), "value"])
    assert shown.loc[("R2.5", 2020), "status"] == "partly met"  # 1 or 2 against 10: partly met either way
    assert "Fewer than 3" in shown.loc[("R2.5", 2020), "why"]
    assert [shown.loc[("R2.5", y), "status"] for y in (2018, 2019)] == ["no data", "no data"]
    assert named.empty
    assert "Tonga" not in shown.to_string() and "TON" not in shown.to_string()


# --- a new strategy period, by editing CSV files alone ----------------------------------------------------

NEW_FRAMEWORK = [
    "R1,Increased UNCAT ratifications/accessions,S2-R1.1,States that became party to UNCAT in the year,"
    "at_least,derived,uncat_new_parties,2021,2024,",
    "R4,Increased awareness of good States' practices,S2-R4.7,CTI Annual Forum convened,"
    "at_least,derived,annual_forums,2021,2024,",
    "R4,Increased awareness of good States' practices,S2-R4.6,Annual report published,"
    "at_least,manual,,2021,2024,",
]
NEW_TARGETS = [f"S2-R1.1,{y},2,,," for y in range(2021, 2025)] + [
    f"{i},{y},1,,," for i in ("S2-R4.7", "S2-R4.6") for y in range(2021, 2025)]


@pytest.fixture
def second_period(data_copy, tmp_path):
    append(data_copy / "framework.csv", *NEW_FRAMEWORK)
    append(data_copy / "targets.csv", *NEW_TARGETS)
    append(data_copy / "outputs.csv", "S2-R4.6,2021,1,,https://example.org/annual-report-2021,no,")
    path = tmp_path / "x.duckdb"
    db.build(data_copy, path)
    return path


def _consents(year: int, until: date | None = None) -> int:
    """UNCAT consents dated in `year` (up to `until`) in treaty_actions.csv, counted with pandas."""
    actions = pd.read_csv(DATA / "treaty_actions.csv", dtype=str)
    dates = pd.to_datetime(actions.date)
    chosen = (actions.treaty == "UNCAT") & actions.action.isin(CONSENTS) & (dates.dt.year == year)
    if until is not None:
        chosen &= dates <= pd.Timestamp(until)
    return int(chosen.sum())


def _treaty_data_as_of() -> date:
    datasets = pd.read_csv(DATA / "datasets.csv", dtype=str).set_index("table")
    return date.fromisoformat(datasets.loc["treaty_actions", "as_of"])


def test_a_new_period_is_judged_for_every_year(second_period):
    con = db.connect(second_period)
    try:
        shown = results.results(con, 2021, 2024, today=date(2026, 1, 1))
        assert results.periods(con)[0] == (2021, 2024)
        assert (2018, 2020) in results.periods(con)
    finally:
        con.close()
    assert set(shown.indicator_id) == {"S2-R1.1", "S2-R4.7", "S2-R4.6"}
    for indicator in ("S2-R1.1", "S2-R4.7", "S2-R4.6"):
        assert sorted(shown[shown.indicator_id == indicator].year) == [2021, 2022, 2023, 2024]
    by = shown.set_index(["indicator_id", "year"])

    assert by.loc[("S2-R1.1", 2021), "value"] == _consents(2021) == 2  # Sudan and Suriname
    assert by.loc[("S2-R1.1", 2021), "status"] == "met"
    assert by.loc[("S2-R1.1", 2022), "status"] == ("not met" if _consents(2022) == 0 else "partly met")

    forums = pd.read_csv(DATA / "events.csv", dtype=str).query("type == 'annual_forum'").start_date.str[:4]
    for year in range(2021, 2025):
        held = int((forums == str(year)).sum())
        assert by.loc[("S2-R4.7", year), "value"] == held
        assert by.loc[("S2-R4.7", year), "status"] == ("met" if held >= 1 else "not met")

    assert by.loc[("S2-R4.6", 2021), "status"] == "met"
    assert [by.loc[("S2-R4.6", y), "status"] for y in (2022, 2023, 2024)] == ["no data"] * 3  # no row: unknown


def test_a_year_beyond_the_treaty_data_is_judged_on_pace_as_of_its_date(second_period, data_copy, tmp_path):
    assert _treaty_data_as_of() == date(2026, 2, 3)
    as_of = date(2024, 5, 10)  # the treaty data as it was once confirmed: 2024 not yet over
    datasets = pd.read_csv(data_copy / "datasets.csv", dtype=str, keep_default_na=False).set_index("table")
    datasets.loc["treaty_actions", "as_of"] = as_of.isoformat()
    datasets.reset_index().to_csv(data_copy / "datasets.csv", index=False, lineterminator="\n")
    actions = pd.read_csv(data_copy / "treaty_actions.csv", dtype=str, keep_default_na=False)
    actions[actions.date <= as_of.isoformat()].to_csv(data_copy / "treaty_actions.csv", index=False,
                                                      lineterminator="\n")
    earlier = tmp_path / "earlier.duckdb"
    db.build(data_copy, earlier)
    con = db.connect(earlier)
    try:
        row = results.results(con, 2024, 2024, today=date(2026, 1, 1)).set_index("indicator_id").loc["S2-R1.1"]
    finally:
        con.close()
    so_far = _consents(2024, as_of)
    gone = ((as_of - date(2024, 1, 1)).days + 1) / 366
    assert row.value == so_far
    assert row.status == ("on track" if so_far >= 2 * gone else "behind")  # not "partly met": 2024 is not over
    assert f"{gone:.0%} of the year gone" in row.why


def test_the_results_command_shows_the_new_period(second_period, capsys):
    assert cli.main(["results", "--from", "2021", "--format", "csv", "--db", str(second_period)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == ",".join(results.CSV_COLUMNS)
    assert out.startswith("indicator_id,year,value,target_min,target_max,status,")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["year"] for r in rows if r["indicator_id"] == "S2-R1.1"] == ["2021", "2022", "2023", "2024"]
    assert all(int(r["year"]) >= 2021 for r in rows)
    assert {r["status"] for r in rows} <= set(results.STATUSES)
    assert {r["illustrative"] for r in rows} <= {"yes", "no"}
    first = next(r for r in rows if r["indicator_id"] == "S2-R1.1")
    assert (first["value"], first["target_min"], first["target_max"]) == (str(_consents(2021)), "2", "")


def test_the_results_command_for_people(built_db, capsys):
    assert cli.main(["results", "--from", "2019", "--to", "2019", "--db", str(built_db)]) == 0
    out = capsys.readouterr().out
    assert "R4.8  Major global forum held in Copenhagen" in out
    assert "2019  done" in out and "after its due date of 30 June 2019" in out
    assert "[illustrative]" in out  # R2.5 rests on the sample advice data


def test_the_results_command_with_no_year_in_range(built_db, capsys):
    assert cli.main(["results", "--from", "2090", "--db", str(built_db)]) == 0
    assert "No indicator has a year in that range." in capsys.readouterr().out
    assert cli.main(["results", "--from", "2090", "--format", "csv", "--db", str(built_db)]) == 0
    assert capsys.readouterr().out == ",".join(results.CSV_COLUMNS) + "\n"


# --- wrong usage and bad framework data -------------------------------------------------------------------

def test_results_from_after_to_is_wrong_usage(built_db, capsys):
    assert cli.main(["results", "--from", "2021", "--to", "2020", "--db", str(built_db)]) == 2
    assert "--from 2021 is after --to 2020" in capsys.readouterr().err


def test_results_with_a_year_that_is_not_a_number_is_wrong_usage(built_db, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["results", "--from", "twenty", "--db", str(built_db)])
    assert exit_.value.code == 2
    assert "invalid int value: 'twenty'" in capsys.readouterr().err


def test_an_unknown_measure_in_the_framework_is_refused(data_copy, tmp_path):
    text = (data_copy / "framework.csv").read_text()
    assert text.count(",uncat_new_parties,") == 1
    (data_copy / "framework.csv").write_text(text.replace(",uncat_new_parties,", ",uncat_ratifications,"))
    with pytest.raises(ValidationError) as refused:
        db.build(data_copy, tmp_path / "refused.duckdb")
    problems = [str(p) for p in refused.value.problems]
    assert len(problems) == 1
    assert ':2: measure: not an allowed value (got "uncat_ratifications"; expected one of uncat_new_parties,' \
        in problems[0]
    assert not (tmp_path / "refused.duckdb").exists()


def test_a_derived_indicator_without_a_measure_is_refused(data_copy, tmp_path):
    text = (data_copy / "framework.csv").read_text()
    (data_copy / "framework.csv").write_text(text.replace(",uncat_new_parties,", ",,"))
    with pytest.raises(ValidationError, match=r":2: measure: missing for a derived indicator"):
        db.build(data_copy, tmp_path / "refused.duckdb")


# --- rules that the framework's data can reach but judge() gets wrong -------------------------------------

def _status_or_refusal(data_copy, tmp_path, indicator_id, year):
    """The status results() gives, or the validation problems if the data is refused."""
    try:
        db.build(data_copy, tmp_path / "m.duckdb")
    except ValidationError as refused:
        return [str(p) for p in refused.problems]
    con = db.connect(tmp_path / "m.duckdb")
    try:
        shown = results.results(con, year, year, today=date(2026, 1, 1)).set_index("indicator_id")
    finally:
        con.close()
    return shown.loc[indicator_id, "status"]


def test_a_manual_milestone_recorded_done_without_a_date_is_not_overdue(data_copy, tmp_path):
    """outputs.csv allows value 1 with no done_date. R2.3 recorded as done in 2020 must then be "done" (or the
    row refused, asking for its done_date), never "overdue", which says it was not recorded as done."""
    append(data_copy / "outputs.csv", "R2.3,2020,1,,https://example.org/ten-good-reasons-updated,no,")
    outcome = _status_or_refusal(data_copy, tmp_path, "R2.3", 2020)
    assert outcome == "done" or (isinstance(outcome, list) and "done_date" in outcome[0]), outcome


def test_a_derived_milestone_counted_by_another_measure_is_done_when_held(data_copy, tmp_path):
    """A new period's milestone "an Annual Forum in 2022", derived from annual_forums: the forum of
    15 December 2022 is in events.csv, so it is done (or such a milestone is refused by validation), never
    "overdue"."""
    append(data_copy / "framework.csv",
           "R4,Increased awareness of good States' practices,S2-R4.9,An Annual Forum held in 2022,"
           "milestone,derived,annual_forums,2021,2024,")
    append(data_copy / "targets.csv", "S2-R4.9,2022,,,2022-12-31,")
    outcome = _status_or_refusal(data_copy, tmp_path, "S2-R4.9", 2022)
    assert outcome == "done" or (isinstance(outcome, list) and "measure" in outcome[0]), outcome


def test_a_milestone_done_on_the_day_its_data_is_confirmed_to_is_done(data_copy, tmp_path):
    """outputs.csv is confirmed to 31 December 2024 (datasets.csv). A milestone due and done on that day is
    done: the confirmed day is part of what the data knows."""
    assert pd.read_csv(DATA / "datasets.csv", dtype=str).set_index("table").loc["outputs", "as_of"] == "2024-12-31"
    append(data_copy / "framework.csv",
           "R2,Increased awareness of benefits of UNCAT,S2-R2.9,A video released by the end of 2024,"
           "milestone,manual,,2021,2024,")
    append(data_copy / "targets.csv", "S2-R2.9,2024,,,2024-12-31,")
    append(data_copy / "outputs.csv", "S2-R2.9,2024,1,2024-12-31,https://example.org/video,no,")
    assert _status_or_refusal(data_copy, tmp_path, "S2-R2.9", 2024) == "done"


def test_a_manual_figure_recorded_after_the_outputs_date_is_judged(data_copy, tmp_path):
    """A new period 2025-2027 whose 2025 annual report the Secretariat has recorded (value 1 against 1): the
    row is the record, so the year is met, not "no data" next to a figure of 1."""
    append(data_copy / "framework.csv",
           "R4,Increased awareness of good States' practices,S3-R4.6,Annual report published,"
           "at_least,manual,,2025,2027,")
    append(data_copy / "targets.csv", "S3-R4.6,2025,1,,,")
    append(data_copy / "outputs.csv", "S3-R4.6,2025,1,,https://example.org/annual-report-2025,no,")
    assert _status_or_refusal(data_copy, tmp_path, "S3-R4.6", 2025) == "met"
