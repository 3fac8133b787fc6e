"""Who is looking is chosen once, with the cursor: the public's schema holds only what public.sql lets it read."""

import duckdb
import pandas as pd
import pytest

from mande import db, provenance
from mande.contracts import CONTRACTS
from tests.conftest import append

WITHHELD = {"advice"}  # a file the public view may not read at all (public.sql): it sees only counts


@pytest.fixture(scope="module")
def marked(tmp_path_factory):
    """The embedded data plus a confidential event with a marked title and a participant: the database's path."""
    from tests.conftest import DATA

    folder = tmp_path_factory.mktemp("marked")
    for csv_file in DATA.glob("*.csv"):
        (folder / csv_file.name).write_bytes(csv_file.read_bytes())
    append(folder / "events.csv", "2019-03-closed,MARKER closed meeting,bilateral_meeting,2019-03-04,day,,Geneva,,,"
                                  "in_person,,,,yes,a test source,")
    append(folder / "participation.csv", "2019-03-closed,BTN,government,participant,senior,,,,no,a test source,")
    path = folder / "marked.duckdb"
    db.build(folder, path)
    return path


def _relations(con) -> set[str]:
    return {row[0] for row in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database() "
        "AND table_schema = current_schema()").fetchall()}


def test_the_public_reads_every_file_but_the_withheld_ones(marked):
    public, secretariat = db.connect(marked), db.connect(marked, db.SECRETARIAT)
    files = set(CONTRACTS)
    assert files <= _relations(secretariat)
    assert _relations(public) & files == files - WITHHELD  # a new file is unreadable in public until listed


def test_a_withheld_file_does_not_exist_for_the_public(marked):
    advice = pd.DataFrame({"request_id": ["a Python variable of the table's name"]})  # noqa: F841 (read by name)
    with pytest.raises(duckdb.CatalogException):
        db.connect(marked).execute("SELECT count(*) FROM advice")
    with pytest.raises(duckdb.CatalogException):
        db.cursor(db.connect(marked)).execute("SELECT count(*) FROM advice")
    assert db.connect(marked, db.SECRETARIAT).execute("SELECT count(*) FROM advice").fetchall()[0][0] > 0


def test_no_confidential_record_reaches_the_public_through_any_view(marked):
    public, secretariat = db.connect(marked), db.connect(marked, db.SECRETARIAT)
    for relation in sorted(_relations(public)):
        if relation in ("confidential_events_per_year", "advice_per_year"):  # counts only, by design
            continue
        columns = [c[0] for c in public.execute(f'DESCRIBE "{relation}"').fetchall()]
        text = public.execute(f'SELECT * FROM "{relation}"').df().to_string() if "status_as_of" not in relation else ""
        assert "MARKER" not in text and "2019-03-closed" not in text, relation
        if "event_id" in columns:
            assert "2019-03-closed" not in set(public.execute(f'SELECT event_id FROM "{relation}"').df().event_id)
    assert secretariat.execute("SELECT title FROM events WHERE event_id = '2019-03-closed'").fetchall() == [
        ("MARKER closed meeting",)]


def test_every_view_is_asked_the_same_way_of_both_audiences(marked):
    public, secretariat = db.connect(marked), db.connect(marked, db.SECRETARIAT)
    views = {r[0] for r in secretariat.execute(
        "SELECT view_name FROM duckdb_views() WHERE NOT internal AND schema_name = ?", [db.SECRETARIAT]).fetchall()}
    assert views and views <= _relations(public)
    for view in views:
        assert public.execute(f'DESCRIBE "{view}"').fetchall() == secretariat.execute(f'DESCRIBE "{view}"').fetchall()


def test_the_public_counts_no_row_of_a_withheld_file(marked):
    counted = provenance.datasets(db.connect(marked)).set_index("table")["rows"]
    assert counted.loc["advice"] is None or counted.isna().loc["advice"]  # unknown to the public, not 0
    everything = provenance.datasets(db.connect(marked, db.SECRETARIAT)).set_index("table")["rows"]
    assert everything.loc["events"] == counted.loc["events"] + 1  # the confidential event, counted only inside


def test_an_unknown_audience_is_refused(marked):
    with pytest.raises(ValueError, match="unknown audience"):
        db.connect(marked, "everyone")
