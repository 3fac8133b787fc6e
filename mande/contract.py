"""What a data file's contract is made of: its columns (`Column`), checks across the values of a row (`Rule`)
and across its rows (`RowsRule`), and the contract that holds them with the file's key (`Contract`); with the
forms and bounds that every contract shares.

The contracts themselves, one per file, are in `contracts.py`; `ingest.py` turns them into checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mande.i18n import _

ISO3 = r"[A-Z]{3}"  # an ISO 3166-1 alpha-3 code
# Every date lies in this range unless its column says otherwise. UNCAT was adopted in 1984 and nothing here
# predates 1900 or is planned past 2100; a date outside it is a typing slip (year 0 once broke every page).
EARLIEST_DATE = "1900-01-01"
LATEST_DATE = "2100-12-31"
# The one mapping from a column's type to its type in the database. An integer column's bounds must lie within
# SQL_INTEGER_RANGE, so that a value that passes the checks always fits the table.
SQL_TYPES = {"code": "VARCHAR", "text": "VARCHAR", "date": "DATE", "integer": "INTEGER"}
SQL_INTEGER_RANGE = (-(2**31), 2**31 - 1)
# Upper bounds of counts: people at an event, events or newsletters in a year. Far above any real figure, far
# below what the database type holds.
MAX_COUNT = 1_000_000
# Control characters other than tab and line breaks (a regular expression for DuckDB and Python alike): invisible,
# able to drive a terminal, and refused by Excel. Text is checked for them; the exports leave them out.
CONTROL_CHARACTERS = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # "code" (an identifier), "text" (free text), "date" (YYYY-MM-DD) or "integer"
    required: bool = True
    allowed: tuple[str, ...] = ()
    pattern: str | None = None  # a regular expression the whole value must match
    minimum: int | None = None  # for an integer column, both bounds are required (tests/test_ingest.py)
    maximum: int | None = None
    earliest: str = EARLIEST_DATE  # for a date column
    latest: str = LATEST_DATE
    references: str | None = None  # "table.column" that must hold the value
    example: str = ""
    form: str = ""  # what a valid value is, in words, where the type does not say it
    max_length: int = 1000

    @property
    def sql_type(self) -> str:
        return SQL_TYPES[self.type]

    @property
    def date_range(self) -> str:
        """What a date in range looks like, in words."""
        return _("a date from {earliest} to {latest}, e.g. {example}").format(
            earliest=self.earliest, latest=self.latest, example=self.example or "2022-04-22")

    @property
    def expected(self) -> str:
        """What a valid value looks like, in words, for error messages."""
        if self.allowed:
            return _("one of {values}").format(values=", ".join(self.allowed))
        if self.type == "date":
            return _("a date as YYYY-MM-DD, e.g. {example}").format(example=self.example or "2022-04-22")
        example = _(", e.g. {example}").format(example=self.example) if self.example else ""
        if self.type == "integer":
            if self.minimum is not None and self.maximum is not None:
                return _("a whole number at least {minimum} and at most {maximum}").format(
                    minimum=self.minimum, maximum=self.maximum) + example
            return _("a whole number") + example
        if self.references:
            table, column = self.references.split(".")
            return _("a value of {table}.csv column {column}").format(table=table, column=column) + example
        if self.form:
            return _(self.form) + example
        if self.example:
            return _("e.g. {example}").format(example=self.example)
        return _("a value")


@dataclass(frozen=True)
class Rule:
    """A check across the columns of one row. `when` is SQL over the row's text values; true = a problem."""

    column: str
    when: str
    problem: str
    expected: str


@dataclass(frozen=True)
class RowsRule:
    """A check across the rows of a file. `select` is SQL over `{rows}` giving, for each row with the problem,
    `_row`, the value of `column` and `other_row` (the row it conflicts with, `{first_row}` in `problem`). It may
    read another file's rows as `{<table>}` (`{events}`), as a column's `references` does."""

    column: str
    select: str
    problem: str
    expected: str


@dataclass(frozen=True)
class Contract:
    table: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    rules: tuple[Rule, ...] = field(default_factory=tuple)
    may_be_empty: bool = False
    across_rows: tuple[RowsRule, ...] = field(default_factory=tuple)
    # A data folder without this file reads it as a file with no rows, so that a folder kept from before the file
    # existed still builds: for a setting that has a default where it says nothing (slides), never for a record.
    may_be_missing: bool = False

    @property
    def file_name(self) -> str:
        return f"{self.table}.csv"

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)
