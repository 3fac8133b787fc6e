"""Dates as people read them: as precise as the sources, no more."""

from datetime import date

from mande.dates import describe, describe_each, span


def test_a_date_says_how_much_of_it_is_confirmed():
    assert describe(date(2019, 3, 28)) == "28 March 2019"
    assert describe(date(2018, 3, 1), "month") == "March 2018 (day not confirmed)"
    assert describe(date(2015, 1, 1), "year") == "2015 (month and day not confirmed)"
    assert describe(date(2024, 4, 15), "range", date(2023, 7, 1)) == \
        "between July 2023 and April 2024 (exact date not found)"
    assert describe(None) == ""


def test_an_event_span():
    assert span(date(2022, 4, 20), date(2022, 4, 22)) == "20–22 April 2022"
    assert span(date(2016, 11, 30), date(2016, 12, 2)) == "30 November – 2 December 2016"
    assert span(date(2016, 12, 30), date(2017, 1, 2)) == "30 December 2016 – 2 January 2017"
    assert span(date(2016, 12, 13), date(2016, 12, 13)) == span(date(2016, 12, 13), None) == "13 December 2016"
    assert span(date(2015, 1, 1), None, "year") == "2015 (month and day not confirmed)"


def test_each_date_of_a_column_is_described_with_its_own_precision():
    whens = [date(2019, 3, 28), date(2018, 3, 1), None]
    assert describe_each(whens, ["day", "month", "day"]) == ["28 March 2019", "March 2018 (day not confirmed)", ""]
    assert describe_each([date(2024, 1, 31)], ["range"], [date(2023, 7, 1)]) == [
        "between July 2023 and January 2024 (exact date not found)"]
