"""Validation: each bad file of the corpus is refused with its exact message, and nothing changes."""

import hashlib
import shutil

import pytest

from mande import cli, db, ingest, updates
from mande.contract import SQL_INTEGER_RANGE
from mande.contracts import CONTRACTS
from mande.ingest import ValidationError
from tests.conftest import BAD, DATA

SAVE_AS = "UTF-8 text separated by commas: in Excel, Save As > 'CSV UTF-8 (Comma delimited) (*.csv)'"
STATES_HEADER = "iso3,iso_numeric,name,un_name,un_status"
MISSPELT = "iso3,iso_numeric,nme,un_name,un_status"
WIDTH = len(CONTRACTS["states"].columns)

# file in tests/data/bad/ (named <case>.<table>.csv) -> every problem expected, in order
CORPUS = {
    "empty.states.csv": [f"1: header: the file is empty (expected a header row: {STATES_HEADER})"],
    "header_only.states.csv": ["2: row: no data rows after the header (expected at least one row of states.csv)"],
    "misspelt_header.states.csv": [
        f'1: name: missing column (got "{MISSPELT}"; expected {STATES_HEADER})',
        f'1: nme: unknown column (got "{MISSPELT}"; expected only the columns {STATES_HEADER})',
    ],
    "missing_column.states.csv": [
        f'1: iso_numeric: missing column (got "iso3,name,un_name,un_status"; expected {STATES_HEADER})'
    ],
    "extra_column.states.csv": [
        f'1: capital: unknown column (got "{STATES_HEADER},capital"; expected only the columns {STATES_HEADER})'
    ],
    "duplicate_column.states.csv": [
        f'1: name: column appears more than once (got "{STATES_HEADER},name"; expected {STATES_HEADER})'
    ],
    "latin1.states.csv": [
        f'3: file: not UTF-8 text (perhaps Latin-1 or Windows-1252) (got "byte 0xF4"; expected {SAVE_AS})'
    ],
    "utf16.states.csv": [f"1: file: saved as UTF-16 ('Unicode text') (expected {SAVE_AS})"],
    "semicolons.states.csv": [
        '1: header: columns are separated by semicolons (got "iso3;iso_numeric;name;un_name;un_status"; '
        f"expected {SAVE_AS})"
    ],
    "duplicate_key.states.csv": ['4: iso3: duplicate of row 2 (got "FJI"; expected one row per iso3)'],
    "lowercase_code.states.csv": [
        '2: iso3: not in the expected form (got "fji"; expected an ISO 3166-1 alpha-3 code in capitals, e.g. FJI)'
    ],
    "missing_value.states.csv": ['2: name: missing value (got ""; expected e.g. Fiji)'],
    "unknown_status.states.csv": [
        '2: un_status: not an allowed value (got "Member State"; expected one of member, observer)'
    ],
    "too_many_fields.states.csv": [
        '2: row: has 6 fields instead of 5 (got "FJI,242,Fiji, Republic of,Fiji,member"; '
        "expected one value per column; put text containing commas in double quotes)"
    ],
    "slash_date.treaty_actions.csv": [
        '2: date: not a date (got "14/03/2016"; expected a date as YYYY-MM-DD, e.g. 2019-03-28)'
    ],
    "impossible_date.treaty_actions.csv": [
        '2: date: not a date (got "2016-02-30"; expected a date as YYYY-MM-DD, e.g. 2019-03-28)'
    ],
    "year_zero.events.csv": [
        '2: start_date: before 1900-01-01 (got "0000-01-01"; expected a date from 1900-01-01 to 2100-12-31, '
        "e.g. 2022-04-20)"
    ],
    "after_2100.treaty_actions.csv": [
        '2: date: after 2100-12-31 (got "2106-03-14"; expected a date from 1900-01-01 to 2100-12-31, e.g. 2019-03-28)'
    ],
    "unknown_state.treaty_actions.csv": [
        '2: iso3: not found in states.csv (got "XKX"; expected a value of states.csv column iso3, e.g. TUV)'
    ],
    "unknown_action.treaty_actions.csv": [
        '2: action: not an allowed value (got "ratified"; '
        "expected one of signature, ratification, accession, succession, withdrawal)"
    ],
    "unknown_treaty.treaty_actions.csv": [
        '2: treaty: not an allowed value (got "CAT"; expected one of UNCAT, OPCAT)'
    ],
    "range_without_start.treaty_actions.csv": [
        '2: date_earliest: missing for a date range (got ""; expected the earliest possible date of the action, '
        "e.g. 2023-07-01)"
    ],
    "range_backwards.treaty_actions.csv": [
        '2: date_earliest: not before date (got "2024-05-01"; '
        "expected a date before the latest possible date in column date)"
    ],
    "missing_source.treaty_actions.csv": [
        '2: source: missing value (got ""; expected e.g. https://cti2024.org/news/... (28 Mar 2019))'
    ],
    "shared_un_name.states.csv": [
        '3: un_name: the same UN name as row 2 (got "Dominican Republic"; expected each State\'s own name as the UN '
        "Treaty Collection writes it: two States cannot share one)"
    ],
    "second_consent.treaty_actions.csv": [
        '3: action: a second consent to be bound after the one of row 2, with no withdrawal between them '
        '(got "ratification"; expected one consent per State and treaty, or a withdrawal row between the two; '
        "remove or correct one)"
    ],
    "withdrawal_first.treaty_actions.csv": [
        '2: action: a withdrawal with no consent to be bound in force before it (got "withdrawal"; '
        "expected a withdrawal only after the State's ratification, accession or succession)"
    ],
    "formula.groups.csv": [
        '2: source: starts like a spreadsheet formula (got "=HYPERLINK(\\"http://example.invalid\\",\\"list\\")"; '
        "expected text that does not start with =, +, - or @)"
    ],
    "control_character.groups.csv": [
        '2: note: contains a control character (got "copied from a terminal \\x1b[31mred\\x1b[0m\\x07"; '
        "expected text without control characters other than tab and line breaks)"
    ],
    "very_long_text.groups.csv": [
        '2: note: longer than 1000 characters (got "' + "x" * 57 + '..."; '
        "expected shorter text; put long explanations in a document and link to it)"
    ],
    "end_before_start.groups.csv": [
        '2: end_date: end_date is not after start_date (got "2013-10-03"; '
        "expected a date after start_date, or empty for a membership that has not ended)"
    ],
    "negative_target.targets.csv": [
        '2: target_min: less than 0 (got "-3"; expected a whole number at least 0 and at most 1000000, '
        "e.g. 3)"
    ],
    "too_large.participation.csv": [
        '2: count: more than 1000000 (got "3000000000"; expected a whole number at least 1 and at most 1000000, '
        "e.g. 3)"
    ],
    "fraction_target.targets.csv": [
        '2: target_min: not a whole number (got "3.5"; expected a whole number at least 0 and at most 1000000, '
        "e.g. 3)"
    ],
    "unknown_indicator.targets.csv": [
        '2: indicator_id: not found in framework.csv (got "R9.9"; '
        "expected a value of framework.csv column indicator_id, e.g. R1.1)"
    ],
    "max_below_min.targets.csv": [
        '2: target_max: smaller than target_min (got "2"; expected the upper aim, at least target_min)'
    ],
    "no_target.targets.csv": [
        '2: target_min: no target given (got ""; expected target_min, target_max or due_date (for a milestone))'
    ],
    "year_out_of_range.targets.csv": [
        '2: year: less than 1984 (got "18"; expected a whole number at least 1984 and at most 2100, e.g. 2019)'
    ],
    "unknown_state.advice.csv": [
        '2: iso3: not found in states.csv (got "XKX"; expected a value of states.csv column iso3, e.g. TUV)'
    ],
    "unknown_topic.advice.csv": [
        '2: topic: not an allowed value (got "ratifcation"; '
        "expected one of ratification, legislation, reporting, prevention, other)"
    ],
    "unknown_indicator.outputs.csv": [
        '2: indicator_id: not found in framework.csv (got "R9.9"; '
        "expected a value of framework.csv column indicator_id, e.g. R4.6)"
    ],
    "bad_rows.slides.csv": [
        '2: iso3: missing for a State slide (got ""; expected the State\'s ISO 3166-1 alpha-3 code, e.g. TUV)',
        '3: iso3: given for a slide of kind other than state (got "FJI"; '
        "expected empty, or kind state for a State's profile)",
        '4: event_id: missing for a Forum slide (got ""; '
        "expected the event_id of an Annual Forum in events.csv, e.g. 2022-12-geneva-annual-forum)",
        '5: event_id: an event that is not a public Forum (got "2023-07-geneva-cat77-briefing"; expected the '
        "event_id of an Annual Forum or global forum (type annual_forum or global_forum) that is not confidential, "
        "e.g. 2022-12-geneva-annual-forum)",
        '6: event_id: not found in events.csv (got "2099-no-such-forum"; '
        "expected a value of events.csv column event_id, e.g. 2022-12-geneva-annual-forum)",
        '7: kind: not an allowed value (got "chart"; '
        "expected one of headline, map, parties_over_time, since_last_forum, results, events, forums, state, forum)",
        '8: position: duplicate of row 7 (got "6"; expected one row per position)',
    ],
    "done_but_zero.outputs.csv": [
        '2: done_date: given although value is 0 (not done) (got "2019-06-26"; '
        "expected empty, or value 1 for a milestone done on that date)"
    ],
}


def test_the_corpus_is_complete():
    assert sorted(CORPUS) == sorted(p.name for p in BAD.glob("*.csv"))


@pytest.mark.parametrize("file_name", sorted(CORPUS))
def test_a_bad_file_is_refused_with_every_problem(con, file_name):
    table = file_name.split(".")[1]
    with pytest.raises(ValidationError) as refused:
        ingest.validate_file(con, BAD / file_name, CONTRACTS[table], file_name)
    assert [str(p) for p in refused.value.problems] == [f"{file_name}:{line}" for line in CORPUS[file_name]]


@pytest.mark.parametrize("file_name", sorted(CORPUS))
def test_a_bad_file_changes_nothing(built_db, data_copy, tmp_path, capsys, file_name):
    """`mande build` from a folder holding the bad file exits 1, lists the problem and leaves the database."""
    database = tmp_path / "kept.duckdb"
    shutil.copy(built_db, database)
    before = hashlib.sha256(database.read_bytes()).hexdigest()
    shutil.copy(BAD / file_name, data_copy / f"{file_name.split('.')[1]}.csv")

    assert cli.main(["build", "--data", str(data_copy), "--db", str(database)]) == 1

    assert CORPUS[file_name][0].split(": ", 1)[1] in capsys.readouterr().err
    assert hashlib.sha256(database.read_bytes()).hexdigest() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".building")]


@pytest.mark.parametrize("file_name", ["year_zero.events.csv", "too_large.participation.csv"])
def test_import_refuses_a_date_or_a_number_out_of_range_in_words(data_copy, tmp_path, capsys, file_name):
    """Both used to pass the checks: year 0 then broke every page, 3,000,000,000 ended in a DuckDB traceback."""
    table = file_name.split(".")[1]
    before = (data_copy / f"{table}.csv").read_bytes()
    assert cli.main(["import", str(BAD / file_name), "--table", table, "--data", str(data_copy),
                     "--db", str(tmp_path / "import.duckdb")]) == 1
    assert CORPUS[file_name][0].split(": ", 1)[1] in capsys.readouterr().err
    assert (data_copy / f"{table}.csv").read_bytes() == before


def test_every_integer_column_is_bounded_within_its_database_type():
    low, high = SQL_INTEGER_RANGE
    for contract in CONTRACTS.values():
        for column in contract.columns:
            if column.type == "integer":
                assert column.minimum is not None and column.maximum is not None, (contract.table, column.name)
                assert low <= column.minimum <= column.maximum <= high, (contract.table, column.name)


def test_a_bom_from_excel_is_read_correctly(con, tmp_path):
    path = tmp_path / "states.csv"
    path.write_bytes(b"\xef\xbb\xbfiso3,iso_numeric,name,un_name,un_status\r\nFJI,242,Fiji,Fiji,member\r\n")
    rows = ingest.validate_file(con, path, CONTRACTS["states"])
    assert rows.column("iso3").to_pylist() == ["FJI"]
    assert rows.column("un_status").to_pylist() == ["member"]


def test_quoted_commas_newlines_and_blank_spreadsheet_rows_are_read(con, tmp_path):
    path = tmp_path / "states.csv"
    path.write_text(f'{STATES_HEADER}\nBOL,068,"Bolivia, Plurinational\nState of",Bolivia,member\n,,,,\n')
    rows = ingest.validate_file(con, path, CONTRACTS["states"])
    assert rows.column("name").to_pylist() == ["Bolivia, Plurinational\nState of"]


def test_a_huge_bad_file_lists_the_first_problems_and_counts_the_rest(con, tmp_path):
    path = tmp_path / "treaty_actions.csv"
    lines = ["iso3,treaty,action,date,date_precision,date_earliest,source,note"]
    # 20,000 distinct dates written day first, as a spreadsheet in some locales would save them
    lines += [f"FJI,UNCAT,signature,{1 + i % 28:02d}/{1 + i // 28 % 12:02d}/{1950 + i // 336},day,,src,"
              for i in range(20_000)]
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(ValidationError) as refused:
        ingest.validate_file(con, path, CONTRACTS["treaty_actions"], "big.csv")
    problems = [str(p) for p in refused.value.problems]
    assert len(problems) == ingest.LISTED_PER_CHECK + 1  # the rows listed, then one line counting the rest
    assert problems[0] == (
        'big.csv:2: date: not a date (got "01/01/1950"; expected a date as YYYY-MM-DD, e.g. 2019-03-28)'
    )
    not_listed = 20_000 - ingest.LISTED_PER_CHECK
    assert problems[-1].endswith(f"date: not a date: {not_listed:,} more rows like this not listed")


# Very wide or very broken files: each is refused with a bounded list of problems, whatever its size (the
# sizes of the lists are what show that the work is bounded; no test here is timed).


def _refused(con, path, table="states") -> list[str]:
    with pytest.raises(ValidationError) as refused:
        ingest.validate_file(con, path, CONTRACTS[table], "big.csv")
    return [str(p) for p in refused.value.problems]


@pytest.mark.parametrize("header", [
    ",".join(f"column_{i}" for i in range(3_000)),  # 35 KB: once 3,000 problems, 1 GB in the app, a crashed tab
    ",".join(["name"] * 200_000),  # once more than two minutes in a quadratic duplicate check
], ids=["3000-unknown-columns", "200000-repeated-names"])
def test_a_header_too_long_is_refused_before_it_is_read(con, tmp_path, header):
    path = tmp_path / "states.csv"
    path.write_text(header + "\nFJI,242,Fiji,member\n")
    assert _refused(con, path) == [
        f"big.csv:1: header: longer than {ingest.MAX_HEADER_CHARACTERS:,} characters "
        f"(expected a header row: {STATES_HEADER})"
    ]


def test_a_header_with_too_many_columns_is_refused_with_the_limit(con, tmp_path):
    path = tmp_path / "states.csv"
    path.write_text(STATES_HEADER + ",x" * 200 + "\n")  # short names: under the length limit
    assert _refused(con, path) == [
        f'big.csv:1: header: more than {ingest.MAX_COLUMNS} columns (got "{WIDTH + 200} columns"; '
        f"expected a header row: {STATES_HEADER})"
    ]


def test_unknown_and_repeated_columns_are_listed_up_to_the_limit(con, tmp_path):
    path = tmp_path / "states.csv"
    path.write_text(STATES_HEADER + "".join(f",extra_{i}" for i in range(60)) + ",name" * 30 + "\n")
    problems = _refused(con, path)
    unknown = [p for p in problems if "unknown column" in p]
    assert len(unknown) == ingest.LISTED_PER_CHECK + 1
    assert unknown[-1] == "big.csv:1: (other columns): unknown column: 10 more columns like this not listed"
    assert [p.split(" (got")[0] for p in problems if "more than once" in p] == [
        "big.csv:1: name: column appears more than once"]


def test_a_million_broken_rows_list_the_first_and_count_the_rest(con, tmp_path):
    path = tmp_path / "states.csv"
    row = ",".join(["x"] * (WIDTH + 1))
    path.write_bytes(f"{STATES_HEADER}\n".encode() + f"{row}\n".encode() * 1_000_000)
    problems = _refused(con, path)
    assert len(problems) == ingest.LISTED_PER_CHECK + 1
    assert problems[0] == (f'big.csv:2: row: has {WIDTH + 1} fields instead of {WIDTH} (got "{row}"; '
                           "expected one value per column; put text containing commas in double quotes)")
    assert problems[-1] == (f"big.csv:{ingest.LISTED_PER_CHECK + 1}: row: has the wrong number of fields: "
                            f"{1_000_000 - ingest.LISTED_PER_CHECK:,} more rows like this not listed")


@pytest.mark.parametrize("end", [b"\n", b"\r\n", b"\r"], ids=["LF", "CRLF", "CR"])
def test_more_rows_than_the_limit_are_refused_whatever_the_line_ends(con, tmp_path, capsys, end):
    path = tmp_path / "states.csv"
    path.write_bytes(STATES_HEADER.encode() + end + (b"FJI,242,Fiji,Fiji,member" + end) * (ingest.MAX_ROWS + 1))
    expected = (f'1: file: more than {ingest.MAX_ROWS:,} rows (got "{ingest.MAX_ROWS + 1:,} rows"; '
                f"expected at most {ingest.MAX_ROWS:,} rows, the most the dashboard takes in one file)")
    assert _refused(con, path) == ["big.csv:" + expected]
    # the same through `mande validate`, `mande import` and the upload (which previews with updates.preview)
    assert cli.main(["validate", str(path), "--db", str(tmp_path / "v.duckdb")]) == 1
    assert expected in capsys.readouterr().err
    with pytest.raises(ValidationError, match="more than 2,000,000 rows"):
        updates.preview(DATA, "states", path, file_name="big.csv")


def test_rows_are_counted_whatever_the_line_ends():
    assert ingest.count_rows(b"h\na\r\nb\rc\n") == 3
    assert ingest.count_rows(b"h\ra\rb") == 2  # no line end after the last row
    assert ingest.count_rows(b"h\r\n") == 0


def test_every_problem_of_every_file_is_reported_together(data_copy, tmp_path):
    shutil.copy(BAD / "slash_date.treaty_actions.csv", data_copy / "treaty_actions.csv")
    shutil.copy(BAD / "negative_target.targets.csv", data_copy / "targets.csv")
    with pytest.raises(ValidationError) as refused:
        db.build(data_copy, tmp_path / "new.duckdb")
    assert {p.file.rsplit("/", 1)[-1] for p in refused.value.problems} == {"treaty_actions.csv", "targets.csv"}
    assert not (tmp_path / "new.duckdb").exists()


def test_a_missing_data_file_is_named(data_copy, tmp_path):
    (data_copy / "framework.csv").unlink()
    with pytest.raises(ValidationError, match=r"framework.csv:0: file: missing"):
        db.build(data_copy, tmp_path / "new.duckdb")


def test_references_are_checked_against_the_files_of_the_same_build(data_copy, tmp_path):
    states = (data_copy / "states.csv").read_text().splitlines()
    (data_copy / "states.csv").write_text("\n".join(line for line in states if not line.startswith("TUV,")) + "\n")
    with pytest.raises(ValidationError) as refused:
        db.build(data_copy, tmp_path / "new.duckdb")
    assert {(p.file.rsplit("/", 1)[-1], p.column, p.value) for p in refused.value.problems} == {
        ("groups.csv", "iso3", "TUV"),
        ("treaty_actions.csv", "iso3", "TUV"),
        ("participation.csv", "iso3", "TUV"),  # Tuvalu at the 2016 Pacific seminar
    }


def test_a_rule_across_rows_naming_no_data_file_fails_instead_of_turning_itself_off():
    """A rule reads another file's rows as {table}: when that file could not be read, the rule waits for it (its
    own problems are listed); a name that is no data file at all (a typo in the contracts) is an error."""
    from dataclasses import replace

    import duckdb

    from mande.contract import RowsRule
    from mande.contracts import SLIDES

    con = duckdb.connect()
    con.execute("CREATE TABLE incoming AS SELECT 1 AS _row, '1' AS position, 'headline' AS kind, '' AS iso3, "
                "'' AS event_id, '' AS note")

    def reading(table: str):
        return replace(SLIDES, across_rows=(RowsRule(
            column="event_id", problem="p", expected="e",
            select=f"SELECT _row, event_id, NULL AS other_row FROM {{rows}} WHERE event_id IN "
                   f"(SELECT event_id FROM {{{table}}})"),))

    assert ingest.check(con, reading("events"), "incoming", "slides.csv", {}) == []  # events.csv unread
    with pytest.raises(KeyError, match="evnets"):
        ingest.check(con, reading("evnets"), "incoming", "slides.csv", {})
