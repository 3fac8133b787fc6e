"""What one version of a table's rows changes from another: the rows added, changed and removed, by the key.

Both versions are set side by side in one join (`_side_by_side`): a preview lists the rows it finds, an update
and the history count them. Every value is compared as text, as it stands in the CSV file.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd
import pyarrow as pa

from mande.contract import Contract
from mande.ingest import ROW
from mande.sqlnames import quoted

KINDS = ("added", "changed", "removed")


@dataclass(frozen=True)
class Change:
    """What an update would do to a table: rows compared by the table's key, every value as text as in the CSV."""

    table: str
    file_name: str
    sha256: str  # of the file's bytes as given
    added: pd.DataFrame  # rows whose key the table does not have
    changed: pd.DataFrame  # the new versions of rows whose key it has, with a value changed
    removed: pd.DataFrame  # rows of the table whose key the file does not have
    rows_before: int
    rows_after: int

    @property
    def shrinks(self) -> bool:
        """True when the update would remove more than half of the table's rows."""
        return shrinks(len(self.removed), self.rows_before)


def shrinks(removed: int, rows_before: int) -> bool:
    """Whether removing `removed` of `rows_before` rows removes more than half of them."""
    return 2 * removed > rows_before


def rows(contract: Contract, old_rows: pa.Table, new_rows: pa.Table) -> dict[str, pd.DataFrame]:
    """The rows added, changed (their new version) and removed, each in the order of the file it comes from."""
    columns = ", ".join(quoted(c) for c in contract.column_names)
    with _holding(old_rows, new_rows) as con:
        return {kind: con.execute(f"SELECT {columns} FROM ({_side_by_side(contract)}) "  # noqa: S608 (contracts)
                                  f"WHERE change = ? ORDER BY {ROW}", [kind]).df()
                for kind in KINDS}


def counts(contract: Contract, old_rows: pa.Table, new_rows: pa.Table) -> dict[str, int]:
    """How many rows are added, changed and removed."""
    counters = ", ".join(f"count(*) FILTER (WHERE change = '{kind}')" for kind in KINDS)
    with _holding(old_rows, new_rows) as con:
        found = con.execute(f"SELECT {counters} FROM ({_side_by_side(contract)})").fetchall()[0]  # noqa: S608
    return dict(zip(KINDS, found, strict=True))


def _holding(old_rows: pa.Table, new_rows: pa.Table) -> duckdb.DuckDBPyConnection:
    """A connection (closed at the end of a `with` block) holding the two versions as old_rows and new_rows."""
    con = duckdb.connect()
    con.register("old_rows", old_rows)
    con.register("new_rows", new_rows)
    return con


def _side_by_side(contract: Contract) -> str:
    """SQL: each row of either version beside the row of the other with its key, with `change` saying what became
    of it (added, changed, removed; NULL for a row left as it was), its values (the old ones for a row removed,
    else the new) and its row number in the file they come from."""
    same_key = " AND ".join(f"n.{quoted(k)} = o.{quoted(k)}" for k in contract.key)
    differs = " OR ".join(f"n.{quoted(c)} IS DISTINCT FROM o.{quoted(c)}"
                          for c in contract.column_names if c not in contract.key) or "false"
    values = ", ".join(f"CASE WHEN n.{ROW} IS NULL THEN o.{quoted(c)} ELSE n.{quoted(c)} END AS {quoted(c)}"
                       for c in contract.column_names)
    return (f"SELECT CASE WHEN o.{ROW} IS NULL THEN 'added' WHEN n.{ROW} IS NULL THEN 'removed' "  # noqa: S608
            f"WHEN {differs} THEN 'changed' END AS change, coalesce(n.{ROW}, o.{ROW}) AS {ROW}, {values} "
            f"FROM new_rows n FULL JOIN old_rows o ON {same_key}")
