"""Build the DuckDB database from the data folder, keep it current, and open it for reading.

The database is derived: built from the CSV files on first use, rebuilt when they change, never edited by
hand. A build writes a new file beside the old one and renames it into place, so a reader sees either the
old data or the new, never half of an update; builds by several processes are serialized by a lock.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Mapping
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
from babel import __version__ as babel_version

from mande import confidential, files, i18n, ingest, names, sql
from mande.contracts import CONTRACTS, PARTY_STEP
from mande.ingest import Problem, ValidationError
from mande.sqlnames import quoted

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent

# Who is looking: each audience is a schema of the database, chosen once per connection or cursor. The records
# are tables of `secretariat`; `public` holds only what public.sql lets the public read. The views of views.sql
# are in both, so every question is asked the same way and answered for whoever asks.
SECRETARIAT = "secretariat"
PUBLIC = "public"
AUDIENCES = (PUBLIC, SECRETARIAT)


def for_everyone(figure):
    """Mark a function whose figures are the same whoever looks, so that the app asks it on the public view:
    the results against targets are the figures the CTI publishes, signed in or not."""
    figure.audience = PUBLIC
    return figure


def data_dir() -> Path:
    """The data folder: $MANDE_DATA, else the project's data/."""
    return Path(os.environ.get("MANDE_DATA") or REPO_DIR / "data")


def db_path(data: Path | None = None) -> Path:
    """The database file: $MANDE_DB, else .mande/mande.duckdb inside the data folder (ignored by git)."""
    if os.environ.get("MANDE_DB"):
        return Path(os.environ["MANDE_DB"])
    return (data or data_dir()) / ".mande" / "mande.duckdb"


def fingerprint(data: Path) -> str:
    """Changes whenever a data file is added, removed or written, or the States' names in other languages change
    (names.UN_NAMES, and CLDR's, with Babel's version)."""
    digest = hashlib.sha256()
    stat = names.UN_NAMES.stat()
    digest.update(f"{names.UN_NAMES.name}:{stat.st_size}:{stat.st_mtime_ns}:{babel_version};".encode())
    for contract in CONTRACTS.values():
        path = data / contract.file_name
        if path.exists():
            stat = path.stat()
            digest.update(f"{contract.file_name}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return digest.hexdigest()


def read_files(data: Path, leave_out: str | None = None) -> tuple[dict[str, tuple[str, object]], list[Problem]]:
    """Every data file of the folder but `leave_out`'s table, read: (table -> (display name, rows)), and every
    problem of the files that could not be read."""
    problems: list[Problem] = []
    tables = {}
    for contract in CONTRACTS.values():
        if contract.table == leave_out:
            continue
        path = data / contract.file_name
        name = ingest.display_name(path)
        if not path.exists() and contract.may_be_missing:
            tables[contract.table] = (name, ingest.no_rows(contract))
            continue
        if not path.exists():
            problems.append(Problem(name, 0, "file", "missing", None, f"a file {contract.file_name} in {data}"))
            continue
        try:
            tables[contract.table] = (name, ingest.read_csv(path, contract, name))
        except ValidationError as error:
            problems += error.problems
    return tables, problems


def read_data_folder(data: Path) -> dict[str, tuple[str, object]]:
    """Every data file of the folder read (table -> (display name, rows)); ValidationError lists every problem."""
    tables, problems = read_files(data)
    if problems:
        raise ValidationError(problems)
    return tables


def build(data: Path, db: Path, checked: Mapping[str, tuple[str, pa.Table]] | None = None) -> dict[str, int]:
    """(Re)build the database at `db` from the folder `data`; returns rows per table.

    Everything is validated first; on any problem, ValidationError is raised and nothing changes.
    `checked` (table -> (display name, rows from ingest.read_csv)) is every table as the caller has just read
    it from the folder's files and checked together (mande.updates does, before it writes the one file it
    replaces): those rows are loaded as they are, not read and checked a second time.
    """
    data = data.resolve()
    db.parent.mkdir(parents=True, exist_ok=True)
    with _lock(db):
        source_fingerprint = fingerprint(data)  # before reading, so a write during the build is seen later
        tables = dict(checked) if checked is not None else read_data_folder(data)
        tmp = db.with_name(f".{db.name}.{os.getpid()}.building")
        tmp.unlink(missing_ok=True)
        try:
            con = duckdb.connect(":memory:")  # the file attached by a fixed name, which no schema's can be
            try:
                con.execute("ATTACH ? AS building", [str(tmp)])
                con.execute("USE building")
                counts = _fill(con, tables, check=checked is None)
                meta = {
                    "data_dir": str(data),
                    "fingerprint": source_fingerprint,
                    "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
                    "files": json.dumps(_file_hashes(data)),
                }
                con.execute("CREATE TABLE mande_meta (key VARCHAR, value VARCHAR)")
                con.executemany("INSERT INTO mande_meta VALUES (?, ?)", list(meta.items()))
                con.execute("CHECKPOINT building")
            finally:
                con.close()
            os.replace(tmp, db)
        finally:
            tmp.unlink(missing_ok=True)
            tmp.with_name(tmp.name + ".wal").unlink(missing_ok=True)
    return counts


def register(con: duckdb.DuckDBPyConnection, tables: Mapping[str, tuple[str, object]]) -> dict[str, str]:
    """Make each table's incoming rows a relation of `con`; returns table -> relation name."""
    relations = {table: f"incoming_{table}" for table in tables}
    for table, (_, rows) in tables.items():
        con.register(relations[table], rows)
    return relations


def problems_of(con: duckdb.DuckDBPyConnection, tables: Mapping[str, tuple[str, object]],
                relations: dict[str, str], only: tuple[str, ...] | None = None) -> list[Problem]:
    """Every problem of the registered tables (or of the `only` ones), each checked against all the others."""
    return [problem for table, (name, _) in tables.items() if only is None or table in only
            for problem in ingest.check(con, CONTRACTS[table], relations[table], name, relations)]


def _fill(con: duckdb.DuckDBPyConnection, tables: dict[str, tuple[str, object]], check: bool = True) -> dict[str, int]:
    """Check the incoming tables together (unless already checked), then create and load every table and the views."""
    relations = register(con, tables)
    problems = problems_of(con, tables, relations) if check else []
    if problems:
        raise ValidationError(problems)
    counts = {}
    con.execute(f"CREATE SCHEMA {SECRETARIAT}; USE {SECRETARIAT}")
    for table, contract in CONTRACTS.items():
        con.execute(ingest.create_table_sql(contract))
        counts[table] = ingest.load(con, contract, relations[table])
        con.unregister(relations[table])
    _name_states(con)
    con.execute(f"CREATE SCHEMA {PUBLIC}; USE {PUBLIC}")
    con.execute(sql.text("public"))
    create_views(con, AUDIENCES)
    con.execute("USE main")
    return counts


def _name_states(con: duckdb.DuckDBPyConnection) -> None:
    """Every State's name in each language (state_names), and `states` a view of the States as recorded with the
    name in the language of the cursor that reads it (its variable `language`, set by `cursor`; English where
    none is set, as for an export)."""
    con.execute("ALTER TABLE states RENAME TO states_as_recorded")
    recorded = con.execute("SELECT iso3, name FROM states_as_recorded").fetchall()
    rows = pd.DataFrame(names.state_names(recorded), columns=["iso3", "language", "name"])
    con.register("incoming_state_names", rows)
    con.execute("CREATE TABLE state_names AS SELECT * FROM incoming_state_names")
    con.unregister("incoming_state_names")
    con.execute(sql.text("localized_states"))


def create_views(con: duckdb.DuckDBPyConnection, schemas: tuple[str, ...]) -> None:
    """The views of views.sql, in each of `schemas`, over the tables (or public views) each holds."""
    for schema in schemas:
        con.execute(f"USE {schema}")
        con.execute(f"CREATE MACRO small_count() AS {int(confidential.SMALL)}")
        con.execute(f"CREATE MACRO party_step(action) AS {PARTY_STEP}")
        # Names in the alphabetical order of the cursor's language (ICU's collation): ORDER BY collated(name).
        con.execute("CREATE MACRO collated(text) AS icu_sort_key(text, coalesce(getvariable('language'), 'en'))")
        con.execute(sql.text("views"))


def _file_hashes(data: Path) -> dict[str, str]:
    return {
        c.file_name: files.sha256(data / c.file_name)
        for c in CONTRACTS.values()
        if (data / c.file_name).exists()
    }


def _lock(db: Path) -> AbstractContextManager[None]:
    """One build of the database at `db` at a time."""
    return files.lock(db.with_name(db.name + ".lock"))


def built_from(db: Path) -> dict[str, str]:
    """What the database at `db` was built from: data_dir, fingerprint, built_at, files (JSON)."""
    stat = db.stat()
    return dict(_meta(str(db), stat.st_ino, stat.st_mtime_ns))


@lru_cache(maxsize=8)
def _meta(db: str, inode: int, mtime_ns: int) -> tuple[tuple[str, str], ...]:
    """What the file says it was built from, once every table of it has been read whole (once per version of
    the file): a truncated file can still hold a readable mande_meta."""
    con = connect(Path(db))
    try:
        meta = tuple(con.execute("SELECT key, value FROM main.mande_meta").fetchall())
        for schema, table in con.execute("SELECT schema_name, table_name FROM duckdb_tables() "
                                         "WHERE database_name = 'data'").fetchall():
            con.execute(f"SELECT sum(hash(COLUMNS(*))) FROM data.{quoted(schema)}.{quoted(table)}").fetchall()  # noqa: S608
        return meta
    finally:
        con.close()


class BuildFailed(Exception):
    """The database could not be written (disk full, no permission, an I/O error): said in words."""


# (database, data folder, fingerprint) -> the problem of a rebuild that failed, and when it was tried
_failed_builds: dict[tuple[str, str, str], tuple[ValidationError | BuildFailed, float]] = {}
RETRY_FAILED_WRITE_AFTER = 30.0  # seconds: a full disk may be freed without any data file changing


def serves(db: Path, data: Path | None = None) -> Path:
    """The data folder the database at `db` holds: the folder asked for (`data`, or $MANDE_DATA); else the folder
    it sits in (`<folder>/.mande/`), wherever that folder is copied or moved; else the one it was built from
    while that still exists; else the default data folder."""
    if data is not None or os.environ.get("MANDE_DATA"):
        return (data or data_dir()).resolve()
    if db.parent.name == ".mande" and (db.parent.parent / CONTRACTS["states"].file_name).exists():
        return db.parent.parent.resolve()
    try:
        recorded = Path(built_from(db)["data_dir"])
    except (OSError, duckdb.Error, KeyError):
        recorded = None
    return recorded if recorded is not None and recorded.is_dir() else data_dir().resolve()


def ensure_current(db: Path | None = None, data: Path | None = None,
                   read_only: bool = False) -> ValidationError | BuildFailed | None:
    """Build the database if it is missing or unreadable, rebuild it if its data folder has changed.

    When a rebuild fails (bad files, or the new database could not be written) but an older database can be
    read, the older one stays in use and the problem is returned; with none to fall back on, it is raised.
    A database file that cannot be read (truncated, corrupted, not a database) is derived data: it is
    rebuilt from the CSV files. `read_only` (a public replica) uses a readable database as it is, whatever the
    files say, and builds one only where there is none at all (a fresh machine with no other instance).
    """
    db = db or db_path(data)
    built = _readable_meta(db)
    if read_only and built is not None:
        return None
    data = serves(db, data)
    now = fingerprint(data)
    if built is not None and built["data_dir"] == str(data) and now == built["fingerprint"]:
        return None
    attempt = (str(db), str(data), now)
    if attempt in _failed_builds and built is not None:
        problem, when = _failed_builds[attempt]
        if isinstance(problem, ValidationError) or time.monotonic() - when < RETRY_FAILED_WRITE_AFTER:
            return problem
    try:
        try:
            build(data, db)
        except (OSError, duckdb.Error) as error:
            raise BuildFailed(f"the database {db} could not be written ({_reason(error)})") from error
    except (ValidationError, BuildFailed) as problem:
        if built is None:
            raise
        _failed_builds[attempt] = (problem, time.monotonic())
        return problem
    _failed_builds.pop(attempt, None)
    return None


def _readable_meta(db: Path) -> dict[str, str] | None:
    """What the database at `db` was built from, or None when there is no database there that can be read."""
    if not db.exists():
        return None
    try:
        return built_from(db)
    except (OSError, duckdb.Error):
        return None


def _reason(error: BaseException) -> str:
    """An OS or DuckDB error as a short reason: 'No space left on device', 'Permission denied'."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error).splitlines()[0][:200]


def connect(db: Path, audience: str = PUBLIC, language: str | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the database file as it is now, showing what `audience` may see, with the
    States' names in `language` (by default the language being spoken, i18n.current()).

    The file is attached to a fresh in-memory instance: DuckDB would otherwise hand back a cached instance
    of the same path, still showing the data from before a rebuild replaced the file.
    """
    con = duckdb.connect(":memory:")
    con.execute("ATTACH ? AS data (READ_ONLY)", [str(db)])
    return _showing(con, audience, language)


def cursor(con: duckdb.DuckDBPyConnection, audience: str = PUBLIC,
           language: str | None = None) -> duckdb.DuckDBPyConnection:
    """A cursor for one thread, reading the attached data as `audience` may see it, in `language` (by default
    the language being spoken)."""
    return _showing(con.cursor(), audience, language)


def require_public(con: duckdb.DuckDBPyConnection) -> None:
    """Refuse a cursor that is not the public's: for what is published (the annual report, the Friends'
    edition), whoever asks for it."""
    (schema,), = con.execute("SELECT current_schema()").fetchall()
    if schema != PUBLIC:
        raise ValueError(f"a published document is built from the public view only, not the {schema} view")


def _showing(con: duckdb.DuckDBPyConnection, audience: str, language: str | None) -> duckdb.DuckDBPyConnection:
    """`con` reading the audience's schema, and nothing else: a name no table of it has is an error, never a
    Python variable of that name (DuckDB would otherwise read a DataFrame called `advice` in the caller)."""
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}; the audiences are: {', '.join(AUDIENCES)}")
    con.execute("SET python_enable_replacements = false")  # a setting of each connection and each cursor
    con.execute(f"USE data.{audience}")
    con.execute("SET VARIABLE language = ?", [language or i18n.current()])  # the States' names, and their order
    return con

