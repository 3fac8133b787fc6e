"""The SQL conditions that find each kind of bad value in a column, from what its contract declares: a missing
value, a value not of its type or out of its bounds, not allowed, not in its form, like a spreadsheet formula,
too long, or naming no row of the table it references. `ingest.check` runs them over a file's rows.
"""

from __future__ import annotations

from collections.abc import Mapping

from mande.contract import CONTROL_CHARACTERS, Column
from mande.i18n import N_, _
from mande.sqlnames import quoted


def column_checks(column: Column, references: Mapping[str, str]) -> list[tuple[str, list, str, str]]:
    """(SQL condition that marks a bad row, parameters, problem, expected) for one column."""
    c = quoted(column.name)
    checks: list[tuple[str, list, str, str]] = []
    if column.required:
        checks.append((f"{c} = ''", [], N_("missing value"), column.expected))
    given = f"{c} <> ''"
    if column.type == "date":
        is_date = f"regexp_full_match({c}, '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}')"
        checks.append(
            (f"{given} AND (NOT {is_date} OR try_cast({c} AS DATE) IS NULL)", [], N_("not a date"), column.expected)
        )
        # (try_cast gives NULL for what is not a date, so these see only dates)
        checks.append((f"{given} AND {is_date} AND try_cast({c} AS DATE) < CAST(? AS DATE)", [column.earliest],
                       _("before {date}").format(date=column.earliest), column.date_range))
        checks.append((f"{given} AND {is_date} AND try_cast({c} AS DATE) > CAST(? AS DATE)", [column.latest],
                       _("after {date}").format(date=column.latest), column.date_range))
    if column.type == "integer":
        is_integer = f"regexp_full_match({c}, '-?[0-9]+')"
        checks.append((f"{given} AND NOT {is_integer}", [], N_("not a whole number"), column.expected))
        # Compared as DOUBLE, which takes any number of digits (a BIGINT cast fails past 19); exact at the
        # bounds, which lie within the database type's range.
        if column.minimum is not None:
            checks.append((f"{given} AND {is_integer} AND try_cast({c} AS DOUBLE) < ?", [column.minimum],
                           _("less than {minimum}").format(minimum=column.minimum), column.expected))
        if column.maximum is not None:
            checks.append((f"{given} AND {is_integer} AND try_cast({c} AS DOUBLE) > ?", [column.maximum],
                           _("more than {maximum}").format(maximum=column.maximum), column.expected))
    if column.allowed:
        checks.append((f"{given} AND NOT list_contains(?, {c})", [list(column.allowed)],
                       N_("not an allowed value"), column.expected))
    if column.pattern:
        checks.append((f"{given} AND NOT regexp_full_match({c}, ?)", [column.pattern],
                       N_("not in the expected form"), column.expected))
    if column.type == "text":
        # A cell that a spreadsheet would run as a formula when the file is opened again.
        checks.append((f"regexp_matches({c}, '^[=+@\\-]')", [], N_("starts like a spreadsheet formula"),
                       N_("text that does not start with =, +, - or @")))
        checks.append((f"regexp_matches({c}, ?)", [CONTROL_CHARACTERS], N_("contains a control character"),
                       N_("text without control characters other than tab and line breaks")))
    checks.append((f"length({c}) > ?", [column.max_length],
                   _("longer than {limit} characters").format(limit=column.max_length),
                   N_("shorter text; put long explanations in a document and link to it")))
    if column.references:
        table, ref_column = column.references.split(".")
        if table in references:
            known = f"SELECT CAST({quoted(ref_column)} AS VARCHAR) FROM {references[table]}"  # noqa: S608
            checks.append(
                (f"{given} AND {c} NOT IN ({known} WHERE {quoted(ref_column)} IS NOT NULL)", [],
                 _("not found in {table}.csv").format(table=table), column.expected)
            )
    return checks
