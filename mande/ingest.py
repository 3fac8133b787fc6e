"""Read a CSV file, check it against its contract, load it into DuckDB.

Reading is strict: UTF-8 (a BOM is accepted), commas, one header row. Every problem is collected before
anything is reported, and each names the file, row, column, value and what was expected. Row numbers are
those a spreadsheet shows: the header is row 1, the first data row is row 2.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import os
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from mande.column_checks import column_checks
from mande.contract import Contract
from mande.contracts import CONTRACTS
from mande.i18n import N_, number
from mande.i18n import _ as gettext  # (this module calls its unused values `_`)
from mande.sqlnames import quoted
from mande.words import counted

SAVE_AS_UTF8 = N_("UTF-8 text separated by commas: in Excel, Save As > 'CSV UTF-8 (Comma delimited) (*.csv)'")
LISTED_PER_CHECK = 50  # beyond this, one line says how many more rows share the problem
# Bounds on what a file may make the server do (a hostile or broken file must not exhaust it): a file's header
# is refused before it is parsed when longer or wider than any contract's could be (the widest has 16 columns),
# and a file with more rows is refused before its rows are read.
MAX_HEADER_CHARACTERS = 10_000
MAX_COLUMNS = 100
MAX_ROWS = 2_000_000
ROW = "_row"


@dataclass(frozen=True)
class Problem:
    file: str
    row: int
    column: str
    problem: str
    value: str | None = None
    expected: str = ""

    def __str__(self) -> str:
        got = "" if self.value is None else gettext("got {value}; ").format(value=_quote(self.value))
        detail = (" (" + got + gettext("expected {expected}").format(expected=gettext(self.expected)) + ")"
                  if self.expected else "")
        # The file, row, column and value as they are; what is wrong, and what was expected, in the language spoken.
        return f"{self.file}:{self.row}: {self.column}: {gettext(self.problem)}{detail}"


class ValidationError(Exception):
    """Bad input: every problem found, each as FILE:ROW: column: problem (got VALUE; expected ...)."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def summary(self) -> str:
        files = sorted({p.file for p in self.problems})
        return counted(len(self.problems), "{n} problem in {files}; nothing was changed.",
                       "{n} problems in {files}; nothing was changed.", files=", ".join(files))


def _quote(value: str) -> str:
    shown = value if len(value) <= 60 else value[:57] + "..."
    return '"' + visible(shown).replace('"', '\\"') + '"'


_FIRST_LINE = re.compile(r"[^\r\n]*")
_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def is_plain(text: str) -> bool:
    """Whether the text holds no control character at all (a person's name: it goes into the history, and
    `mande history` prints it to a terminal)."""
    return _INVISIBLE.search(text) is None


def visible(text: str) -> str:
    """The text on one line with every control character written out (`\\n`, `\\x1b`), so that a value from a
    file can neither break a message's line nor send a terminal escape code."""
    return _INVISIBLE.sub(lambda m: _NAMED.get(m.group(), f"\\x{ord(m.group()):02x}"), text)


def display_name(path: Path) -> str:
    """The path as a person would type it: relative to the working directory when inside it."""
    relative = os.path.relpath(path)
    return relative if not relative.startswith("..") else str(path)


def read_csv(path: Path, contract: Contract, name: str | None = None) -> pa.Table:
    """The file's rows as text columns (in the contract's order) plus the row number; or ValidationError."""
    name = name or display_name(path)

    def refuse(row: int, column: str, problem: str, value: str | None, expected: str) -> ValidationError:
        return ValidationError([Problem(name, row, column, problem, value, expected)])

    raw = path.read_bytes()
    header_help = gettext("a header row: {columns}").format(columns=",".join(contract.column_names))
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise refuse(1, "file", N_("saved as UTF-16 ('Unicode text')"), None, SAVE_AS_UTF8)
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]  # Excel's "CSV UTF-8" adds a BOM; the text itself is fine
    if not raw or raw.isspace():  # (not raw.strip(), which would copy a large file)
        raise refuse(1, "header", N_("the file is empty"), None, header_help)
    rows = count_rows(raw)
    if rows > MAX_ROWS:
        raise refuse(1, "file", gettext("more than {limit} rows").format(limit=number(MAX_ROWS)),
                     counted(rows, "{n} row", "{n} rows"),
                     gettext("at most {limit} rows, the most the dashboard takes in one file").format(
                         limit=number(MAX_ROWS)))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = _line_ends(raw[: error.start]) + 1
        byte = f"byte 0x{raw[error.start]:02X}"
        raise refuse(line, "file", N_("not UTF-8 text (perhaps Latin-1 or Windows-1252)"), byte,
                     SAVE_AS_UTF8) from None

    # The header line ends at the first line end of any kind, looked for no further than the limit.
    first_line = _FIRST_LINE.match(text, 0, MAX_HEADER_CHARACTERS + 1).group()
    if len(first_line) > MAX_HEADER_CHARACTERS:
        raise refuse(1, "header", gettext("longer than {limit} characters").format(limit=number(MAX_HEADER_CHARACTERS)),
                     None, header_help)
    header = [h.strip() for h in next(csv.reader([first_line]))]
    if len(header) > MAX_COLUMNS:
        raise refuse(1, "header", gettext("more than {limit} columns").format(limit=MAX_COLUMNS),
                     counted(len(header), "{n} column", "{n} columns"), header_help)
    if len(header) == 1 and ";" in first_line:
        raise refuse(1, "header", N_("columns are separated by semicolons"), first_line, SAVE_AS_UTF8)
    problems = _header_problems(name, header, contract)
    if problems:
        raise ValidationError(problems)

    broken: list[int] = []

    def stop_at_broken_row(row: pacsv.InvalidRow) -> str:
        broken.append(row.actual_columns)
        return "error"

    try:
        table = _parse(raw, header, stop_at_broken_row)
    except pa.ArrowInvalid:
        if not broken:
            raise
        raise ValidationError(_broken_row_problems(name, raw, text, header)) from None

    columns = {c: pc.utf8_trim_whitespace(table[c]) for c in contract.column_names}
    columns[ROW] = pa.array(np.arange(2, table.num_rows + 2, dtype=np.int64))
    table = pa.table(columns)
    # Spreadsheets leave rows of empty cells behind; they carry no data.
    blank = functools.reduce(pc.and_, [pc.equal(table[c], "") for c in contract.column_names])
    if pc.any(blank).as_py():
        table = table.filter(pc.invert(blank))
    if table.num_rows == 0 and not contract.may_be_empty:
        raise refuse(2, "row", "no data rows after the header", None, f"at least one row of {contract.file_name}")
    return table


def no_rows(contract: Contract) -> pa.Table:
    """The rows of a file of `contract` with none, as read_csv gives them: its text columns and the row number."""
    return pa.table({**{c: pa.array([], pa.string()) for c in contract.column_names}, ROW: pa.array([], pa.int64())})


def count_rows(raw: bytes) -> int:
    """The rows after the header, whatever the line ends (LF, CRLF or CR), in one pass per kind: an upper
    bound, since a quoted value may hold a line break too."""
    unterminated = bool(raw) and raw[-1:] not in (b"\n", b"\r")
    return max(_line_ends(raw) + unterminated - 1, 0)


def _line_ends(raw: bytes) -> int:
    return raw.count(b"\n") + raw.count(b"\r") - raw.count(b"\r\n")


def _parse(raw: bytes, header: list[str], invalid_row_handler, use_threads: bool = True) -> pa.Table:
    """The rows after the header, every value as text."""
    return pacsv.read_csv(
        io.BytesIO(raw),
        read_options=pacsv.ReadOptions(column_names=header, skip_rows=1, use_threads=use_threads),
        parse_options=pacsv.ParseOptions(newlines_in_values=True, invalid_row_handler=invalid_row_handler),
        convert_options=pacsv.ConvertOptions(
            column_types={h: pa.string() for h in header},
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )


def _broken_row_problems(name: str, raw: bytes, text: str, header: list[str]) -> list[Problem]:
    """The first rows with more or fewer fields than the header, then one line counting the rest (a rare path).

    They are counted in a second parse on one thread (a Python callback per row from several threads took 14 s
    for a million rows, on one 0.6 s), and the first ones located by reading the text again, stopping there.
    """
    broken = 0

    def count(row: pacsv.InvalidRow) -> str:
        nonlocal broken
        broken += 1
        return "skip"

    _parse(raw, header, count, use_threads=False)
    width = len(header)
    problems: list[Problem] = []
    try:
        for row, fields in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
            if fields and len(fields) != width:
                problems.append(Problem(name, row, "row", gettext("has {n} fields instead of {width}").format(
                    n=len(fields), width=width), ",".join(fields), N_("one value per column; put text containing "
                                                                       "commas in double quotes")))
                if len(problems) == LISTED_PER_CHECK:
                    break
    except csv.Error:  # (a field longer than the csv module takes: the count below still says how many)
        pass
    if broken > len(problems):
        last = problems[-1].row if problems else 1
        problems.append(Problem(name, last, "row", counted(
            broken - len(problems), "has the wrong number of fields: {n} more row like this not listed",
            "has the wrong number of fields: {n} more rows like this not listed")))
    return problems


def _header_problems(name: str, header: list[str], contract: Contract) -> list[Problem]:
    expected = ",".join(contract.column_names)
    got = ",".join(header)
    problems = [
        Problem(name, 1, column, N_("missing column"), got, expected)
        for column in contract.column_names
        if column not in header
    ]
    unknown = [column for column in header if column not in contract.column_names]
    problems += [
        Problem(name, 1, column or gettext("(empty)"), N_("unknown column"), got,
                gettext("only the columns {columns}").format(columns=expected))
        for column in unknown[:LISTED_PER_CHECK]
    ]
    if len(unknown) > LISTED_PER_CHECK:
        problems.append(Problem(name, 1, gettext("(other columns)"), counted(
            len(unknown) - LISTED_PER_CHECK, "unknown column: {n} more column like this not listed",
            "unknown column: {n} more columns like this not listed")))
    problems += [  # (counted once each: a quadratic look for repeats once took minutes on a wide header)
        Problem(name, 1, column, N_("column appears more than once"), got, expected)
        for column, n in sorted(Counter(header).items()) if n > 1
    ]
    return problems


def check(
    con: duckdb.DuckDBPyConnection,
    contract: Contract,
    relation: str,
    name: str,
    references: Mapping[str, str],
) -> list[Problem]:
    """Every problem in the rows of `relation` (text columns from `read_csv`).

    `references` maps a table name to the relation holding its rows (the incoming file during a build,
    the database table when one file is checked against the current data).
    """
    problems: list[Problem] = []

    def collect(column: str, condition: str, params: list, problem: str, expected: str, value_sql: str,
                source: str = relation, first_row: str = "NULL") -> None:
        rows = con.execute(
            f"SELECT {ROW}, {value_sql}, {first_row}, count(*) OVER () FROM {source} "  # noqa: S608 (contracts)
            f"WHERE {condition} ORDER BY {ROW} LIMIT {LISTED_PER_CHECK}",
            params,
        ).fetchall()
        for row, value, first, _ in rows:
            text = gettext(problem).format(first_row=first)
            problems.append(Problem(name, row, column, text, value, expected))
        if rows and rows[0][3] > LISTED_PER_CHECK:
            more = rows[0][3] - LISTED_PER_CHECK
            summary = gettext(problem).format(first_row=gettext("another row"))
            problems.append(Problem(name, rows[-1][0], column, counted(
                more, "{problem}: {n} more row like this not listed", "{problem}: {n} more rows like this not listed",
                problem=summary)))

    checks = [
        (column.name, condition, params, problem, expected)
        for column in contract.columns
        for condition, params, problem, expected in column_checks(column, references)
    ]
    checks += [(rule.column, f"({rule.when})", [], rule.problem, rule.expected) for rule in contract.rules]
    # One pass over the rows counts what each check finds (a large file is read once, not once per check);
    # only the checks that find something list their rows.
    counters = ", ".join(f"count(*) FILTER (WHERE {condition})" for _, condition, *_ in checks)
    found = con.execute(
        f"SELECT {counters} FROM {relation}",  # noqa: S608 (names from the contracts)
        [p for _, _, params, _, _ in checks for p in params],
    ).fetchall()[0]
    for (column, condition, params, problem, expected), n in zip(checks, found, strict=True):
        if n:
            collect(column, condition, params, problem, expected, quoted(column))

    for rule in contract.across_rows:
        try:
            select = rule.select.format(**references, rows=relation)
        except KeyError as missing:
            if missing.args[0] in CONTRACTS:  # a data file it reads could not be read: its own problems are reported
                continue
            raise  # a rule naming no data file is a mistake in the contracts: it must not turn itself off
        collect(rule.column, "true", [], rule.problem, rule.expected, quoted(rule.column),
                source=f"({select})", first_row="other_row")

    if contract.key and _may_have_duplicates(con, contract, relation):
        keys = ", ".join(quoted(k) for k in contract.key)
        key_name = "+".join(contract.key)
        collect(
            key_name, f"{ROW} > first_row", [], "duplicate of row {first_row}", f"one row per {key_name}",
            " || ', ' || ".join(f"coalesce({quoted(k)}, '')" for k in contract.key),
            source=f"(SELECT *, min({ROW}) OVER (PARTITION BY {keys}) AS first_row FROM {relation})",  # noqa: S608
            first_row="first_row",
        )

    return sorted(problems, key=lambda p: (p.row, contract.column_names.index(p.column)
                                          if p.column in contract.column_names else -1))


def _may_have_duplicates(con: duckdb.DuckDBPyConnection, contract: Contract, relation: str) -> bool:
    """False when no two rows share a key: their keys' hashes all differ (a fast first look at a large file)."""
    keys = ", ".join(quoted(k) for k in contract.key)
    return con.execute(
        f"SELECT count(*) FROM (SELECT hash({keys}) AS h FROM {relation} GROUP BY h HAVING count(*) > 1)"  # noqa: S608
    ).fetchall()[0][0] > 0


def validate_file(con: duckdb.DuckDBPyConnection, path: Path, contract: Contract, name: str | None = None) -> pa.Table:
    """The file's rows if it is valid against its contract and the data in `con`; else ValidationError."""
    name = name or display_name(path)
    rows = read_csv(path, contract, name)
    con.register("incoming", rows)
    try:
        others = {table: table for table in CONTRACTS if table != contract.table}
        problems = check(con, contract, "incoming", name, others)
    finally:
        con.unregister("incoming")
    if problems:
        raise ValidationError(problems)
    return rows


def create_table_sql(contract: Contract) -> str:
    columns = ", ".join(f"{quoted(c.name)} {c.sql_type}" for c in contract.columns)
    return f"CREATE TABLE {quoted(contract.table)} ({columns})"


def load(con: duckdb.DuckDBPyConnection, contract: Contract, relation: str) -> int:
    """Insert the checked rows of `relation` into the contract's table, typed; returns the row count."""
    values = ", ".join(
        f"CAST(NULLIF({quoted(c.name)}, '') AS {c.sql_type})" for c in contract.columns
    )
    con.execute(f"INSERT INTO {quoted(contract.table)} SELECT {values} FROM {relation} ORDER BY {ROW}")  # noqa: S608
    return con.execute(f"SELECT count(*) FROM {quoted(contract.table)}").fetchall()[0][0]  # noqa: S608
