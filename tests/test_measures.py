"""The derived measures (mande/measures.py): the framework may name exactly the measures registered, and each
declares what it needs: its data file, the records behind it, the event types it counts."""

from datetime import date

import pandas as pd
import pytest

from mande import results
from mande.contracts import CONTRACTS
from mande.measures import MEASURES, NAMES, Figure
from tests.conftest import DATA


def test_framework_csv_allows_every_registered_measure_and_no_other():
    assert CONTRACTS["framework"].column("measure").allowed == NAMES == tuple(MEASURES)
    named = pd.read_csv(DATA / "framework.csv", dtype=str).measure.dropna()
    assert set(named) <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_each_measure_declares_what_it_needs(con, name):
    measure = MEASURES[name]
    assert measure.bounded_by in CONTRACTS, name
    first, confirmed = results.coverage(con, date(2026, 1, 1))[measure.bounded_by]  # its file's dates are known
    assert first is not None and first <= confirmed, name
    figure = measure.figure(con, 2019, 2018)
    assert isinstance(figure, Figure), name
    assert figure.value is None or figure.value >= 0, name
    listed = results.records(con, name, 2019, 2018)
    if measure.confidential:
        assert listed.empty, name
    else:
        assert measure.columns and list(listed.columns) == list(measure.columns), name


def test_the_event_types_a_measure_counts_are_types_of_events_csv():
    allowed = set(CONTRACTS["events"].column("type").allowed)
    counted = {name: set(getattr(m, "types", ())) for name, m in MEASURES.items()}
    assert {name for name, types in counted.items() if types} >= {"regional_dialogues", "bilateral_meeting_states"}
    assert all(types <= allowed for types in counted.values()), counted


def test_a_regional_seminar_counts_as_a_regional_dialogue(con):
    # RESULTS_FRAMEWORK.md, R3.1: "a regional seminar counts". 2015 holds regional seminars and no dialogue.
    assert MEASURES["regional_dialogues"].figure(con, 2015, 2015) == Figure(4)
    assert set(MEASURES["regional_dialogues"].records(con, 2015, 2015).Type) == {"Regional seminar"}
