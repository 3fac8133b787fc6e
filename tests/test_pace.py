"""The pace of ratification and what universal ratification needs."""

from datetime import date

from mande.pace import in_words, pace, window_start


def test_pace_over_a_window_and_the_year_it_reaches_everyone():
    recent = pace(date(2024, 5, 10), parties_now=174, parties_window_start=164, total=195, window_years=10,
                  target_year=2030)
    assert (recent.joined_in_window, recent.per_year, recent.remaining) == (10, 1.0, 21)
    assert recent.universal_year == 2045  # 21 years at one a year, from May 2024
    assert round(recent.needed_per_year, 2) == round(21 / ((date(2030, 12, 31) - date(2024, 5, 10)).days / 365.25), 2)


def test_no_state_joining_means_never_at_this_pace():
    stalled = pace(date(2023, 1, 1), 173, 173, 195, 1, 2030)
    assert stalled.per_year == 0 and stalled.universal_year is None and stalled.needed_per_year > 0


def test_everyone_party_and_a_target_already_past():
    done = pace(date(2024, 5, 10), 23, 23, 23, 5, 2024)
    assert done.remaining == 0 and done.universal_year == 2024
    late = pace(date(2024, 5, 10), 174, 170, 195, 5, 2023)
    assert late.needed_per_year is None


def test_window_start_keeps_the_day():
    assert window_start(date(2024, 5, 10), 10) == date(2014, 5, 10)
    assert window_start(date(2024, 2, 29), 1) == date(2023, 2, 28)


def test_the_pace_in_words():
    said = in_words(pace(date(2024, 5, 10), 174, 155, 195, 10, 2030), date(2024, 5, 10), "UNCAT", "the 195 States",
                    195)
    assert said.splitlines() == [
        "- **1.9 a year.** In the 10 years to 10 May 2024, 19 of the 195 States became party to UNCAT.",
        "- **2035 at this pace.** At 1.9 a year, the 21 States still to join would all be party by 2035.",
        "- **3.2 a year needed.** For all 195 to be party by the end of 2030, 3.2 States a year would have to join.",
    ]
    assert "**Not at this pace.**" in in_words(pace(date(2024, 5, 10), 174, 174, 195, 10, 2030), date(2024, 5, 10),
                                               "UNCAT", "the 195 States", 195)
    everyone = in_words(pace(date(2024, 5, 10), 13, 12, 13, 10, 2030), date(2024, 5, 10), "OPCAT", "the 13 States",
                        13)
    assert "**All party.** Every one of the 13 States is party to OPCAT." in everyone and "needed" not in everyone
