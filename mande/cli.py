"""The `mande` command: a thin layer over the library that parses arguments and prints.

Exit status: 0 on success, 1 on bad input (every problem listed on standard error), 2 on wrong usage.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import date
from pathlib import Path

import duckdb

from mande import db, export, history, i18n, ingest, provenance, results, status, untc, untc_page, updates
from mande.contracts import CONTRACTS, TREATIES
from mande.ingest import ValidationError


class UsageError(Exception):
    """Wrong usage: exit status 2."""


def main(argv: list[str] | None = None) -> int:
    parser = command_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except ValidationError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(error.summary(), file=sys.stderr)
        return 1
    except (updates.ShrinkRefused, updates.FolderNotWritable, untc_page.PageError, untc_page.Unreachable) as error:
        print(error, file=sys.stderr)
        return 1
    except db.BuildFailed as error:
        print(f"mande: {error}", file=sys.stderr)
        return 1
    except (UsageError, history.UnknownVersion) as error:
        parser.print_usage(sys.stderr)
        print(f"mande: error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader stopped early (`mande results | head`): not an error
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (so that Python's final flush does not fail again)
        return 0


def command_parser() -> argparse.ArgumentParser:
    """The `mande` command's arguments: what it does, and what README's table of commands says (mande.docs)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", type=Path, metavar="FILE",
                        help="the database file (default: $MANDE_DB, else one built from data/)")
    parser = argparse.ArgumentParser(prog="mande", description="The CTI monitoring-and-evaluation data.")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    build = commands.add_parser("build", parents=[common], help="(re)build the database from a folder of CSV files")
    build.add_argument("--data", type=Path, metavar="DIR",
                       help="the folder of CSV files (default: $MANDE_DATA, else data/)")
    build.set_defaults(run=_build)

    validate = commands.add_parser(
        "validate", parents=[common], help="check a CSV file against its contract and the current data"
    )
    validate.add_argument("file", type=Path, metavar="FILE")
    validate.add_argument("--table", choices=list(CONTRACTS), help="the table (default: the file's name)")
    validate.set_defaults(run=_validate)

    on_a_day = argparse.ArgumentParser(add_help=False)
    on_a_day.add_argument("--as-of", type=_iso_date, default=date.today(), metavar="DATE",
                          help="the date, YYYY-MM-DD (default: today)")
    on_a_day.add_argument("--treaty", choices=TREATIES, default="UNCAT")
    status_ = commands.add_parser("status", parents=[common, on_a_day], help="count States by treaty status on a date")
    status_.add_argument("--by", metavar="GROUPING", help="count per group of this grouping, e.g. un_regional_group")
    status_.add_argument("--format", choices=("text", "csv"), default="text")
    status_.set_defaults(run=_status)

    results_ = commands.add_parser("results", parents=[common],
                                   help="every indicator and year of the results framework against its target")
    results_.add_argument("--from", dest="first", type=int, metavar="YEAR", help="the first year (default: all)")
    results_.add_argument("--to", dest="last", type=int, metavar="YEAR", help="the last year (default: all)")
    results_.add_argument("--format", choices=("text", "csv"), default="text")
    results_.set_defaults(run=_results)

    map_ = commands.add_parser("map", parents=[common, on_a_day], help="write the status map as .png, .svg or .geojson")
    map_.add_argument("--out", type=Path, required=True, metavar="FILE", help="FILE.png, FILE.svg or FILE.geojson")
    map_.set_defaults(run=_map)

    report = commands.add_parser("report", parents=[common],
                                 help="write the public annual report of a year as a PDF or one HTML file")
    report.add_argument("--year", type=int, required=True, metavar="YEAR")
    report.add_argument("--since", type=_iso_date, metavar="DATE",
                        help="what changed from this date to the as-of date, YYYY-MM-DD (default: the previous "
                             "Annual Forum)")
    report.add_argument("--out", type=Path, required=True, metavar="FILE", help="FILE.pdf or FILE.html")
    report.add_argument("--lang", choices=i18n.OFFERED, default=i18n.ENGLISH,
                        help="the report's language (default en; an Arabic PDF needs Debian's fonts-noto-core)")
    report.set_defaults(run=_report)

    export_ = commands.add_parser("export", parents=[common], help="write every table as a CSV file")
    export_.add_argument("--out", type=Path, required=True, metavar="DIR")
    export_.set_defaults(run=_export)

    publish = commands.add_parser("publish", parents=[common],
                                  help="write the Friends' edition: the public view as a static site")
    publish.add_argument("--out", type=Path, required=True, metavar="DIR",
                         help="the folder to write it into (or, with --zip, the .zip file)")
    publish.add_argument("--as-of", type=_iso_date, default=date.today(), metavar="DATE",
                         help="the status date, YYYY-MM-DD (default: today)")
    publish.add_argument("--zip", action="store_true", help="write one ZIP archive instead of a folder")
    publish.add_argument("--lang", nargs="+", choices=i18n.OFFERED, default=list(i18n.OFFERED), metavar="LANG",
                         help="its languages (English always among them; default all four)")
    publish.set_defaults(run=_publish)

    web = commands.add_parser("web-assets", help="prepare Streamlit's static files for the web server (deploy/)")
    web.add_argument("--out", type=Path, required=True, metavar="DIR",
                     help="the folder to prepare them in ($MANDE_STATIC in deploy/Caddyfile); Caddy serves "
                          "its link `current`")
    web.set_defaults(run=_web_assets)

    data = argparse.ArgumentParser(add_help=False)
    data.add_argument("--data", type=Path, metavar="DIR", help="the data folder (default: $MANDE_DATA, else data/)")
    update = argparse.ArgumentParser(add_help=False)
    update.add_argument("--allow-shrink", action="store_true",
                        help="accept an update that removes more than half of the table's rows")
    update.add_argument("--who", default=_user(), type=_who, metavar="NAME",
                        help="the name recorded in the history (default: your user name)")

    import_ = commands.add_parser("import", parents=[common, data, update],
                                  help="validate a CSV file, then replace a table's file with it, keeping the history")
    import_.add_argument("file", type=Path, metavar="FILE")
    import_.add_argument("--table", choices=list(CONTRACTS), required=True)
    import_.set_defaults(run=_import)

    history_ = commands.add_parser("history", parents=[data], help="every update of the data folder, newest first")
    history_.add_argument("--format", choices=("text", "csv"), default="text")
    history_.set_defaults(run=_history)

    restore = commands.add_parser("restore", parents=[common, data, update],
                                  help="make a table what it was right after an earlier version, as a new version")
    restore.add_argument("version", type=int, metavar="VERSION", help="the version, as `mande history` lists it")
    restore.set_defaults(run=_restore)

    untc_ = commands.add_parser(
        "untc", parents=[common, data],
        help="compare a saved UN Treaty Collection status page (IV-9 or IV-9-b) with the treaty actions; "
             "--apply makes it an update")
    source = untc_.add_mutually_exclusive_group(required=True)
    source.add_argument("file", type=Path, nargs="?", metavar="FILE", help="the status page saved from a browser")
    source.add_argument("--fetch", choices=list(untc_page.CHAPTERS),
                        help="fetch the page from the UN Treaty Collection instead "
                             f"(address: ${untc_page.URL_SETTING})")
    untc_.add_argument("--apply", action="store_true",
                       help="make the additions and changes one update (actions not on the page are kept)")
    untc_.add_argument("--who", default=_user(), type=_who, metavar="NAME",
                       help="the name recorded in the history (default: your user name)")
    untc_.set_defaults(run=_untc)
    return parser


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name known to the system (e.g. some containers)
        return "unknown"


def _who(text: str) -> str:
    if not ingest.is_plain(text):
        raise argparse.ArgumentTypeError(f'a name without control characters (got "{ingest.visible(text)}")')
    return text


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (expected YYYY-MM-DD, e.g. 2024-05-10)") from None


def _reader(args: argparse.Namespace, audience: str = db.PUBLIC) -> duckdb.DuckDBPyConnection:
    """A connection to the current database, (re)built from the data folder first where needed, showing what
    `audience` may see: the public's, unless a command works on every record (validate, export)."""
    path = args.db or db.db_path()
    stale = db.ensure_current(path)
    if isinstance(stale, ValidationError):
        print(f"warning: the data files have {len(stale.problems)} problem(s); using the database built at "
              f"{db.built_from(path)['built_at']}. Run `mande build` to see them.", file=sys.stderr)
    elif stale:
        print(f"warning: {stale}; using the database built at {db.built_from(path)['built_at']}.", file=sys.stderr)
    return db.connect(path, audience)


def _build(args: argparse.Namespace) -> int:
    data = args.data or db.data_dir()
    if not data.is_dir():
        raise UsageError(f"no folder {data}")
    path = args.db or db.db_path(data)
    counts = db.build(data, path)
    print(f"Built {ingest.display_name(path)} from {ingest.display_name(data)}: "
          + ", ".join(f"{table} {n:,}" for table, n in counts.items()))
    return 0


def _validate(args: argparse.Namespace) -> int:
    table = args.table or args.file.stem
    if table not in CONTRACTS:
        raise UsageError(f"cannot tell which table {args.file} is for; give --table ({', '.join(CONTRACTS)})")
    if not args.file.is_file():
        raise UsageError(f"no file {args.file}")
    rows = ingest.validate_file(_reader(args, db.SECRETARIAT), args.file, CONTRACTS[table])
    print(f"{ingest.display_name(args.file)}: {rows.num_rows:,} rows for table {table}, no problems.")
    return 0


def _status(args: argparse.Namespace) -> int:
    con = _reader(args)
    if args.by and args.by not in status.groupings(con):
        raise UsageError(f"unknown grouping {args.by!r}; the groupings are: {', '.join(status.groupings(con))}")
    counts = status.status_counts(con, args.treaty, args.as_of, args.by)
    if args.format == "csv":
        counts[status.COUNT_COLUMNS].to_csv(sys.stdout, index=False, lineterminator="\n")
        return 0
    checked, _, _ = provenance.data_as_of(con)
    print(f"{args.treaty} status as of {args.as_of.isoformat()}"
          + (f" (treaty data checked to {checked.isoformat()})" if checked else ""))
    print(counts.rename(columns={"no_action": "no action"}).to_string(index=False))
    return 0


def _results(args: argparse.Namespace) -> int:
    if args.first is not None and args.last is not None and args.first > args.last:
        raise UsageError(f"--from {args.first} is after --to {args.last}")
    found = results.results(_reader(args), args.first, args.last)
    if args.format == "csv":
        machine = found[results.CSV_COLUMNS].assign(illustrative=found.illustrative.map({True: "yes", False: "no"}))
        machine.to_csv(sys.stdout, index=False, lineterminator="\n")
        return 0
    if found.empty:
        print("No indicator has a year in that range.")
        return 0
    for (indicator_id, indicator), rows in found.groupby(["indicator_id", "indicator"], sort=False):
        print(f"{indicator_id}  {indicator}")
        for row in rows.itertuples():
            print(f"  {row.year}  {row.status:<10}  {row.why}" + ("  [illustrative]" if row.illustrative else ""))
    return 0


def _map(args: argparse.Namespace) -> int:
    from mande import geo  # here, not above: it loads Altair and GeoPandas, which no other command needs

    if args.out.suffix.lower() not in (".png", ".svg", ".geojson"):
        raise UsageError(f"cannot write a map as {args.out.name}; name the file .png, .svg or .geojson")
    con = _reader(args)
    checked, source, _ = provenance.data_as_of(con)
    states = status.status_for_map(con, args.treaty, args.as_of)
    note = f"Source: {source}. Treaty data confirmed to {checked.isoformat()}." if checked else ""
    geo.write_map(states, args.treaty, args.as_of, note, args.out)
    print(f"{ingest.display_name(args.out)}: {args.treaty} status of {len(states)} States as of {args.as_of}")
    return 0


def _report(args: argparse.Namespace) -> int:
    from mande import report, typeset  # here, not above: it loads Altair, GeoPandas and Typst

    if args.out.suffix.lower() not in (".pdf", ".html"):
        raise UsageError(f"cannot write the report as {args.out.name}; name the file .pdf or .html")
    built = report.build(_reader(args), args.year, date.today(), args.since, language=args.lang)
    try:
        typeset.write(built, args.out)
    except typeset.MissingFont as missing:
        raise UsageError(f"cannot write {args.out.name}: {missing}") from None
    print(f"{ingest.display_name(args.out)}: the annual report of {args.year}, {len(built.sections)} sections, "
          f"figures as of {built.on.isoformat()}")
    return 0


def _export(args: argparse.Namespace) -> int:
    for path, rows in export.write_tables(_reader(args, db.SECRETARIAT), args.out).items():
        print(f"{ingest.display_name(path)}: {rows:,} rows")
    return 0


def _publish(args: argparse.Namespace) -> int:
    from mande import edition  # here, not above: it loads Altair, GeoPandas and vl-convert

    built = date.today()
    files = edition.build(_reader(args), args.as_of, built, languages=tuple(args.lang))  # the public view only
    if args.zip:
        args.out.write_bytes(edition.zipped(files, built))
    else:
        try:
            edition.write(files, args.out)
        except ValueError as error:
            raise UsageError(str(error)) from None
    languages = ", ".join(dict.fromkeys([i18n.ENGLISH, *args.lang]))
    print(f"{ingest.display_name(args.out)}: the Friends' edition as of {args.as_of} in {languages}, "
          f"{len(files):,} files")
    return 0


def _web_assets(args: argparse.Namespace) -> int:
    from mande import web_assets  # here, not above: it loads fontTools

    prepared = web_assets.prepare(args.out, say=print)
    before, after = (sum(sizes[i] for sizes in prepared.fonts.values()) for i in (0, 1))
    print(f"{prepared.folder}: {'already prepared' if prepared.reused else 'prepared'}; {len(prepared.fonts)} fonts "
          f"cut from {before / 1000:,.0f} KB to {after / 1000:,.0f} KB, {prepared.compressed:,} files compressed ahead")
    return 0


def _data(args: argparse.Namespace) -> Path:
    data = args.data or db.data_dir()
    if not data.is_dir():
        raise UsageError(f"no folder {data}")
    return data


def _import(args: argparse.Namespace) -> int:
    data = _data(args)
    if not args.file.is_file():
        raise UsageError(f"no file {args.file}")
    version = updates.apply(data, args.table, args.file, args.who, allow_shrink=args.allow_shrink, database=args.db)
    _print_update(data, version)
    return 0


def _restore(args: argparse.Namespace) -> int:
    data = _data(args)
    version = updates.restore(data, args.version, args.who, allow_shrink=args.allow_shrink, database=args.db)
    _print_update(data, version)
    return 0


def _untc(args: argparse.Namespace) -> int:
    data = _data(args)
    if args.fetch:
        content, name = untc_page.fetch(args.fetch), f"{args.fetch} (fetched)"
    else:
        if not args.file.is_file():
            raise UsageError(f"no file {args.file}")
        content, name = args.file.read_bytes(), ingest.display_name(args.file)
    comparison = untc.compare(data, untc_page.read_page(content, name))
    print(f"{name}: {comparison.summary()}")
    found = comparison.table(untc.state_names(data))
    for what, rows in found.groupby("what", sort=False):
        print(f"\n{what.capitalize()} ({len(rows)}):")
        for row in rows.itertuples():
            print(f"  {row.State}: {row.action}" + (f" (was {row.before})" if row.before else ""))
    if not args.apply:
        if comparison.proposes_change:
            print("\nNothing was changed. Run again with --apply to make this one update of treaty_actions.csv.")
        return 0
    version = untc.apply(data, comparison, args.who, file_name=untc.file_name(name, comparison.page),
                         database=args.db)
    if version is None:
        print("\nNothing to apply.")
    else:
        print()
        _print_update(data, version)
    return 0


def _print_update(data: Path, version: int) -> None:
    done = history.history(data).set_index("version").loc[version]
    what = (f"Restored {done.table} to version {done.restored_version}" if done.action == "restore"
            else f"Imported {done.file_name} into {done.table}")
    print(f"{what}: {done.added:,} added, {done.changed:,} changed, {done.removed:,} removed. "
          f"This is version {version} (`mande restore` with an earlier version undoes it).")


def _history(args: argparse.Namespace) -> int:
    found = history.history(_data(args))
    if args.format == "csv":
        machine = found.astype(object).where(found.notna(), "")
        for column in ("who", "file_name"):
            machine[column] = machine[column].map(export.safe_cell)
        machine.to_csv(sys.stdout, index=False, lineterminator="\n")
        return 0
    if found.empty:
        print("No update recorded yet.")
        return 0
    people = found.drop(columns="sha256").astype(object).where(found.drop(columns="sha256").notna(), "")
    for column in ("who", "file_name"):  # as written in the log, but never a terminal's escape code
        people[column] = people[column].map(ingest.visible)
    print(people.rename(columns={"restored_version": "restores"}).to_string(index=False))
    if (found.action == "found").any():
        print("\n(found: a table's file as it was in the data folder before an update, kept because no version held "
              "it: the original data, or an edit made by hand.)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
