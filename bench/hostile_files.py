"""Hostile files benchmark: refusing very wide or very broken files against reading a good file of as many rows.

    python bench/hostile_files.py [--rows 1000000]

See bench/README.md. A measurement, not a test: it always exits 0.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mande import ingest  # noqa: E402
from mande.contracts import CONTRACTS  # noqa: E402

HEADER = b"iso3,iso_numeric,name,un_status"


def files(rows: int) -> dict[str, bytes]:
    return {
        "good rows (the reference)": HEADER + b"\n" + b"FJI,242,Fiji,member\n" * rows,
        "rows with a field too many": HEADER + b"\n" + b"FJI,242,Fiji,member,x\n" * rows,
        "3,000 unknown columns": b",".join(b"column_%d" % i for i in range(3_000)) + b"\n" + b"FJI,242,Fiji,member\n",
        "200,000 repeated names": b",".join([b"name"] * 200_000) + b"\n" + b"FJI,242,Fiji,member\n",
        "2.5 times the row limit, CR line ends": HEADER + b"\r" + b"FJI,242,Fiji,member\r" * int(2.5 * ingest.MAX_ROWS),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    contract = CONTRACTS["states"]
    timings = {}
    with tempfile.TemporaryDirectory() as folder:
        for what, content in files(args.rows).items():
            path = Path(folder) / "states.csv"
            path.write_bytes(content)
            start = time.perf_counter()
            try:
                ingest.read_csv(path, contract)
                problems = 0
            except ingest.ValidationError as error:
                problems = len(error.problems)
            timings[what] = time.perf_counter() - start
            print(f"{what:<40} {timings[what]:7.2f} s  {problems:>5} problems listed  "
                  f"{timings[what] / timings['good rows (the reference)']:5.1f}x the reference")
    return 0


if __name__ == "__main__":
    sys.exit(main())
