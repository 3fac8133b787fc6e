"""What the pages share: the database connection, cached queries, the sidebar, charts with their data.

The only module of mande that imports streamlit.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from mande import charts, db, export, provenance
from mande.dates import describe
from mande.ingest import ValidationError
from mande.tables import escape, markdown_table


def through_router() -> None:
    """Make sure this page runs inside app.py (its page setup, sidebar and navigation); call it first.

    Streamlit treats a pages/ folder beside the main script the old way (each file a page of its own, run
    without the main script) until st.navigation has run once in the process. So a shared link to /map,
    opened first after a restart, would run pages/map.py alone. This reruns it through app.py instead.
    """
    from streamlit.runtime.pages_manager import PagesManager  # no public setting for this

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


@st.cache_resource(max_entries=2, show_spinner=False)
def _reader(path: str, version: str):
    return db.connect(Path(path))


def _database() -> tuple[str, str, ValidationError | None]:
    """The current database file, its version, and the problems of newer data files it could not take in.

    Builds the database from the data files where needed; with no database and bad files, says what is
    wrong and stops the page.
    """
    path = db.db_path()
    try:
        stale = db.ensure_current(path)
    except ValidationError as error:
        st.error("The data files have problems, so there is no data to show yet. Fix these and reload the page:")
        st.code("\n".join(str(p) for p in error.problems), language=None, wrap_lines=True)
        st.stop()
    stat = path.stat()
    return str(path), f"{stat.st_ino}:{stat.st_mtime_ns}", stale


@st.cache_data(show_spinner=False, max_entries=1024)
def _run(name: str, path: str, version: str, args: tuple, _fn) -> Any:
    cur = db.cursor(_reader(path, version))
    try:
        return _fn(cur, *args)
    finally:
        cur.close()


def query(fn, *args) -> Any:
    """fn(connection, *args), cached per data version and arguments, so an update invalidates it."""
    path, version, _ = _database()
    return _run(f"{fn.__module__}.{fn.__qualname__}", path, version, args, fn)


def sidebar() -> None:
    """The 'data as of' statement on every page, and a warning when newer data files could not be used."""
    stale = _database()[2]
    if stale:
        st.warning(f"The data files have {len(stale.problems)} problem(s); the dashboard shows the last good data "
                   "until they are fixed (`mande validate` or `mande build` lists them).")
    checked, source, note = query(provenance.data_as_of, "treaty_actions")
    with st.sidebar:
        st.markdown(f"**Treaty data as of {describe(checked)}**")
        st.caption(f"Source: {escape(source)}." + (f" {escape(note)}" if note else ""))


def as_of_input(label: str = "As of") -> date:
    """A date picker kept in the URL (?as_of=YYYY-MM-DD), so a shared link opens the same view."""
    picked = st.date_input(label, value="today", min_value=date(1984, 12, 10), max_value=date.today(),
                           format="YYYY-MM-DD", key="as_of", bind="query-params")
    checked, _, _ = query(provenance.data_as_of, "treaty_actions")
    if checked and picked > checked:
        st.caption(f"The treaty data is confirmed to {describe(checked)}: treaty actions after that date are not "
                   "yet in it.")
    return picked


@st.cache_data(show_spinner=False, max_entries=256)
def _template(name: str, args: tuple, _build) -> dict:
    built = _build(*args)
    return built if isinstance(built, dict) else charts.template(built)


def chart(build, *args, data: pd.DataFrame | None = None, params: dict | None = None) -> None:
    """The chart `build(*args)` drawing `data`: its specification is built once per arguments."""
    spec = _template(f"{build.__module__}.{build.__qualname__}", args, build)
    st.vega_lite_chart(data, charts.with_params(spec, params) if params else spec, width="stretch")


def chart_with_data(build, args: tuple, data: pd.DataFrame, shown: pd.DataFrame, file_name: str, key: str) -> None:
    """The chart `build(*args)` drawing `data`, then `shown` (its data for people) as a table and a CSV file."""
    chart(build, *args, data=data)
    with st.expander("Data behind this chart"):
        table(shown)
        download(shown, file_name, key)


def table(data: pd.DataFrame) -> None:
    """A static table, drawn as Markdown: nothing more to load, and readable on a projector."""
    st.markdown(markdown_table(data))


def download(data: pd.DataFrame, file_name: str, key: str) -> None:
    """A button that downloads `data` as CSV; the file is written only when someone clicks."""
    st.download_button("Download CSV", lambda: export.dataframe_csv(data), file_name=file_name, mime="text/csv",
                       key=key)
