"""The `mande` command, as a console script and in-process."""

import subprocess
import sys

import duckdb

from mande import cli
from mande.contracts import CONTRACTS
from tests.conftest import BAD, DATA


def test_status_csv_through_the_installed_command(built_db):
    done = subprocess.run(
        ["mande", "status", "--as-of", "2014-03-03", "--format", "csv", "--db", str(built_db)],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "group,parties,signatories,no_action,total\nAll,154,10,31,195\n"


def test_python_dash_m_runs_the_same_command(built_db):
    done = subprocess.run([sys.executable, "-m", "mande", "status", "--db", str(built_db), "--as-of",
                           "2024-05-10", "--treaty", "OPCAT", "--format", "csv"],
                          capture_output=True, text=True, check=False)
    assert done.stdout.splitlines()[1] == "All,94,11,90,195"


def test_status_by_grouping(built_db, capsys):
    assert cli.main(["status", "--db", str(built_db), "--as-of", "2024-05-10", "--by", "sids_region",
                     "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "group,parties,signatories,no_action,total",
        "AIS,8,0,1,9",
        "Caribbean,10,1,5,16",
        "Pacific,8,1,4,13",
        "(not in any group),148,2,7,157",
    ]


def test_status_for_people(built_db, capsys):
    assert cli.main(["status", "--db", str(built_db), "--as-of", "2024-05-10"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("UNCAT status as of 2024-05-10 (treaty data checked to 2026-02-03)\n")
    assert "174" in out and "no action" in out


def test_wrong_usage_exits_2(built_db, capsys):
    assert cli.main(["status", "--db", str(built_db), "--by", "continents"]) == 2
    assert "unknown grouping 'continents'; the groupings are: commonwealth, cti" in capsys.readouterr().err
    try:
        cli.main(["status", "--as-of", "22/04/2022"])
    except SystemExit as exit_:
        assert exit_.code == 2
    assert "not a date: '22/04/2022' (expected YYYY-MM-DD" in capsys.readouterr().err


def test_validate_a_good_and_a_bad_file(built_db, capsys):
    assert cli.main(["validate", str(DATA / "treaty_actions.csv"), "--db", str(built_db)]) == 0
    assert "430 rows for table treaty_actions, no problems." in capsys.readouterr().out

    bad = BAD / "unknown_state.treaty_actions.csv"
    assert cli.main(["validate", str(bad), "--table", "treaty_actions", "--db", str(built_db)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].endswith(':2: iso3: not found in states.csv (got "XKX"; expected a value of states.csv column '
                           "iso3, e.g. TUV)")
    assert err[-1].endswith("1 problem in " + err[0].split(":")[0] + "; nothing was changed.")


def test_validate_needs_to_know_the_table(built_db, capsys):
    assert cli.main(["validate", str(BAD / "empty.states.csv"), "--db", str(built_db)]) == 2
    assert "cannot tell which table" in capsys.readouterr().err


def test_export_then_build_gives_the_same_data(built_db, tmp_path, capsys):
    out = tmp_path / "export"
    rebuilt = tmp_path / "rebuilt.duckdb"
    assert cli.main(["export", "--out", str(out), "--db", str(built_db)]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(c.file_name for c in CONTRACTS.values())
    assert cli.main(["build", "--data", str(out), "--db", str(rebuilt)]) == 0

    con = duckdb.connect()
    con.execute(f"ATTACH '{built_db}' AS old (READ_ONLY)")
    con.execute(f"ATTACH '{rebuilt}' AS new (READ_ONLY)")
    for table in CONTRACTS:
        old, new = f'old.secretariat."{table}"', f'new.secretariat."{table}"'
        counts = con.execute(f"SELECT (SELECT count(*) FROM {old}), (SELECT count(*) FROM {new})").fetchall()[0]
        assert counts[0] == counts[1] > 0, table
        differ = con.execute(f"(SELECT * FROM {old} EXCEPT ALL SELECT * FROM {new}) UNION ALL "
                             f"(SELECT * FROM {new} EXCEPT ALL SELECT * FROM {old})").fetchall()
        assert differ == [], table


def test_the_exported_files_equal_the_embedded_ones(built_db, tmp_path):
    cli.main(["export", "--out", str(tmp_path), "--db", str(built_db)])
    for contract in CONTRACTS.values():
        assert (tmp_path / contract.file_name).read_text() == (DATA / contract.file_name).read_text(), contract.table
