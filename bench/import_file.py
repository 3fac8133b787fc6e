"""Import benchmark: `updates.apply` of a 1,000,000-row participation.csv against DuckDB's own read_csv.

    python bench/import_file.py [--rows 1000000] [--runs 3]

See bench/README.md. A measurement, not a test: it always exits 0.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mande import db, updates  # noqa: E402
from mande.contracts import CONTRACTS  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "data"
BAR = 3.0


def write_participation(path: Path, rows: int) -> None:
    """The embedded rows, then synthetic ones for the embedded events and States with a unique key each."""
    contract = CONTRACTS["participation"]
    column = contract.column
    with open(DATA / "participation.csv", newline="", encoding="utf-8") as handle:
        embedded = list(csv.DictReader(handle))
    taken = {tuple(r[k] for k in contract.key) for r in embedded}
    with open(DATA / "events.csv", newline="", encoding="utf-8") as handle:
        events = [r["event_id"] for r in csv.DictReader(handle)]
    with open(DATA / "states.csv", newline="", encoding="utf-8") as handle:
        states = [r["iso3"] for r in csv.DictReader(handle)]
    combinations = itertools.product(  # in the key's order: event_id, iso3, type, role, level, gender, mode
        events, states, column("participant_type").allowed, column("role").allowed, column("level").allowed,
        ("", *column("gender").allowed), ("", *column("mode").allowed),
    )
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(contract.column_names)
        writer.writerows([r[c] for c in contract.column_names] for r in embedded)
        fresh = (key for key in combinations if key not in taken)
        for i, key in enumerate(itertools.islice(fresh, rows - len(embedded))):
            writer.writerow((*key, 1 + i % 40, "yes", "https://example.org/synthetic-benchmark-row", ""))


def fresh_data(root: Path, run: int) -> Path:
    """A copy of the embedded data folder with its database built (not timed)."""
    data = root / f"data-{run}"
    data.mkdir()
    for path in DATA.glob("*.csv"):
        shutil.copy(path, data / path.name)
    db.build(data, db.db_path(data))
    return data


def time_apply(root: Path, big: Path, run: int) -> float:
    data = fresh_data(root, run)
    start = time.perf_counter()
    updates.apply(data, "participation", big, who="benchmark")
    return time.perf_counter() - start


def time_command(root: Path, big: Path, run: int) -> float:
    """`mande import` itself, as the Secretariat runs it: Python's start-up and imports included."""
    data = fresh_data(root, 100 + run)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mande", "import", str(big), "--table", "participation", "--data", str(data)],
                   check=True, capture_output=True, cwd=Path(__file__).resolve().parent.parent)
    return time.perf_counter() - start


def time_duckdb(root: Path, big: Path, run: int, in_memory: bool) -> float:
    target = ":memory:" if in_memory else str(root / f"baseline-{run}.duckdb")
    start = time.perf_counter()
    con = duckdb.connect(target)
    con.execute("CREATE TABLE t AS SELECT * FROM read_csv(?)", [str(big)])
    con.close()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        os.environ.pop("MANDE_DB", None)  # each data copy has its own database, in its .mande/
        big = root / "participation.csv"
        start = time.perf_counter()
        write_participation(big, args.rows)
        print(f"{args.rows:,}-row participation.csv, {big.stat().st_size / 1e6:.0f} MB, written in "
              f"{time.perf_counter() - start:.1f} s")
        time_duckdb(root, big, -1, True)  # warm-up: the file in the page cache, DuckDB's code loaded
        imports, commands, files, memory = [], [], [], []
        for run in range(args.runs):  # taking turns, so that a noisy moment does not favour one side
            files.append(time_duckdb(root, big, run, in_memory=False))
            memory.append(time_duckdb(root, big, run, in_memory=True))
            imports.append(time_apply(root, big, run))
            commands.append(time_command(root, big, run))
        mine, command, file_db, in_memory = (statistics.median(t) for t in (imports, commands, files, memory))
        print(f"updates.apply (validate, compare, keep history, write, rebuild): median {mine:.2f} s "
              f"({', '.join(f'{t:.2f}' for t in imports)})")
        print(f"mande import, the command (Python start-up included):        median {command:.2f} s "
              f"({', '.join(f'{t:.2f}' for t in commands)})")
        print(f"DuckDB read_csv into a table in a database file:              median {file_db:.2f} s "
              f"({', '.join(f'{t:.2f}' for t in files)})")
        print(f"DuckDB read_csv into a table in memory:                       median {in_memory:.2f} s "
              f"({', '.join(f'{t:.2f}' for t in memory)})")
        for label, base in (("a table in a database file (the bar)", file_db), ("a table in memory", in_memory)):
            for what, time_ in (("updates.apply", mine), ("mande import", command)):
                ratio = time_ / base
                print(f"{what} against read_csv into {label}: {ratio:.2f}x (bar {BAR:.0f}x): "
                      f"{'PASS' if ratio <= BAR else 'FAIL'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
