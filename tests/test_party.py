"""One definition of "party": for random histories, the status on every date, the parties over time, the count
the pace reads and R1.1 agree; and the contract refuses the histories it cannot make sense of."""

from datetime import date, timedelta

import duckdb
import pyarrow as pa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mande import db, ingest, measures, status
from mande.contracts import CONSENT_ACTIONS, CONTRACTS, TREATY_ACTIONS

STATES = ("FJI", "TUV", "GHA", "MNE")
START = date(2010, 1, 1)
DAYS = 366 * 6  # histories over 2010-2015


@st.composite
def histories(draw, withdrawals: bool = True):
    """Rows of treaty_actions for a few States: perhaps a signature, then consents and withdrawals in turn."""
    rows = []
    for iso3 in STATES:
        for treaty in ("UNCAT", "OPCAT"):
            steps = draw(st.integers(0, 3 if withdrawals else 1))
            days = sorted(draw(st.lists(st.integers(0, DAYS), min_size=steps, max_size=steps, unique=True)))
            for i, day in enumerate(days):
                action = "withdrawal" if i % 2 else draw(st.sampled_from(CONSENT_ACTIONS))
                rows.append((iso3, treaty, action, START + timedelta(days=day)))
            if draw(st.booleans()):
                rows.append((iso3, treaty, "signature", START + timedelta(days=draw(st.integers(0, DAYS)))))
    return rows


def _database(rows) -> duckdb.DuckDBPyConnection:
    """A real database of the project's tables and views, holding these treaty actions and nothing else."""
    con = duckdb.connect()
    con.execute(f"CREATE SCHEMA {db.SECRETARIAT}; USE {db.SECRETARIAT}")
    for contract in CONTRACTS.values():
        con.execute(ingest.create_table_sql(contract))
    con.executemany("INSERT INTO states VALUES (?, '000', ?, ?, 'member')", [(s, s, s) for s in STATES])
    if rows:
        con.executemany("INSERT INTO treaty_actions VALUES (?, ?, ?, ?, 'day', NULL, 'a random history', NULL)",
                        sorted(set(rows)))
    db.create_views(con, (db.SECRETARIAT,))
    return con


def _probe_dates(rows, treaty):
    """Every day on which a count can change (an action's day: it is constant in between), and each year's end."""
    days = {d for _, t, _, d in rows if t == treaty}
    return sorted(days | {date(y, 12, 31) for y in range(2009, 2016)})


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_every_count_of_parties_is_the_number_of_states_whose_status_is_party(rows):
    con = _database(rows)
    for treaty in ("UNCAT", "OPCAT"):
        history = status.parties_by_year(con, treaty, 2009, 2016).set_index("year")
        for on in _probe_dates(rows, treaty):
            party = int((status.status_as_of(con, treaty, on).status == "party").sum())
            assert status.parties_count(con, treaty, on) == party, (treaty, on)  # the pace and the map's metric
            if (on.month, on.day) == (12, 31):
                assert history.loc[on.year].parties == party, (treaty, on)  # the parties-over-time chart
        measure = measures.MEASURES[f"{treaty.lower()}_new_parties"].figure
        for year in range(2010, 2016):
            joined = measure(con, year, 2010).value
            left = sum(1 for r in set(rows) if r[1] == treaty and r[2] == "withdrawal" and r[3].year == year)
            change = history.loc[year].parties - history.loc[year - 1].parties
            assert joined == history.loc[year].joined
            assert joined - left == change, (treaty, year)  # R1.1 counts those who joined; withdrawals subtract


@settings(max_examples=25, deadline=None)
@given(histories(withdrawals=False))
def test_without_withdrawals_r11_is_the_change_over_the_year(rows):
    con = _database(rows)
    history = status.parties_by_year(con, "UNCAT", 2009, 2016).set_index("year")
    for year in range(2010, 2016):
        assert measures.MEASURES["uncat_new_parties"].figure(con, year, 2010).value == (
            history.loc[year].parties - history.loc[year - 1].parties)


def _problems(rows) -> list[str]:
    """What the contract says of these rows as a file of treaty_actions (states from STATES)."""
    con = duckdb.connect()
    text = {c: [] for c in TREATY_ACTIONS.column_names}
    for iso3, treaty, action, when in rows:
        for column, value in zip(TREATY_ACTIONS.column_names,
                                 (iso3, treaty, action, when.isoformat(), "day", "", "a random history", ""),
                                 strict=True):
            text[column].append(value)
    table = pa.table({**text, ingest.ROW: pa.array(range(2, len(rows) + 2), pa.int64())})
    states = pa.table({"iso3": list(STATES)})
    con.register("incoming", table)
    con.register("known_states", states)
    return [str(p) for p in ingest.check(con, TREATY_ACTIONS, "incoming", "t.csv", {"states": "known_states"})]


@settings(max_examples=40, deadline=None)
@given(histories(), st.data())
def test_a_second_consent_with_no_withdrawal_between_is_refused(rows, data):
    assert _problems(sorted(set(rows))) == []  # the histories drawn are ones the contract accepts
    consents = [r for r in rows if r[2] in CONSENT_ACTIONS]
    if not consents:
        return
    iso3, treaty, _, when = data.draw(st.sampled_from(consents))
    later = when + timedelta(days=data.draw(st.integers(1, 30)))
    steps = [r for r in rows if r[:2] == (iso3, treaty) and r[2] != "signature" and r[3] > when]
    if steps and steps[0][3] <= later:
        return  # the next step (a withdrawal) comes first: a later consent would be allowed
    found = _problems(sorted(set(rows)) + [(iso3, treaty, "ratification", later)])
    assert any("a second consent to be bound after the one of row" in p for p in found), found
